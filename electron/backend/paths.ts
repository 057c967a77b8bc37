// Where things live: the default database (the same file for desktop and browser mode, in the
// user's application-data folder, like Electron's userData, kept 0700) and the app's resources. Node only.
import { homedir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ensurePrivateDir } from './fs/safe-write';

export const APP_DIR_NAME = 'Uitstroomtafel';
export const DATABASE_FILE = 'uitstroomtafel.sqlite';

/** The per-user application-data folder, as Electron's app.getPath('userData') computes it. */
export function userDataDir(): string {
  if (process.env.UITSTROOMTAFEL_DATA_DIR) return resolve(process.env.UITSTROOMTAFEL_DATA_DIR);
  switch (process.platform) {
    case 'win32':
      return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
    default:
      return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
  }
}

export const defaultDatabasePath = (): string => join(userDataDir(), DATABASE_FILE);

/**
 * Makes the folder that will hold a database: missing folders are created 0700, and the app's own
 * data folder is tightened to 0700 if an older version left it readable by others. A folder the
 * user chose (--db elsewhere) that already exists is left as it is.
 */
export function prepareDatabaseFolder(file: string): void {
  const dir = dirname(resolve(file));
  ensurePrivateDir(dir, dir === userDataDir());
}

/** The repository root when running from source (tsx), two levels above electron/backend. */
export const sourceRoot = (): string => resolve(__dirname, '..', '..');

export const demoDatasetPath = (root: string): string => join(root, 'resources', 'demo', 'flevoland.json');

export function actorName(host: string): string {
  let user = 'onbekend';
  try {
    user = userInfo().username;
  } catch {
    // Some sandboxes have no user entry; the host alone still says where the change came from.
  }
  return `${host}:${user}`;
}

// Where things live: the default database (the same file for desktop and browser mode, in the
// user's application-data folder, like Electron's userData) and the app's resources. Node only.
import { homedir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';

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

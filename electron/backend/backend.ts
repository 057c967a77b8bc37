// Assembles the core for a host: opens the database, builds the dispatcher over the handlers, and
// seeds the demo region into a new database when asked. Node only, never imports Electron.
import { readFileSync } from 'node:fs';
import type { Dispatch, Handlers } from './api/dispatcher';
import { createDispatcher } from './api/dispatcher';
import type { BackendEnv, HostKind, UserKeys } from './api/context';
import { type OpenDatabase, type OpenOptions, openDatabase } from './db/open';
import { insertAudit } from './repos/audit.repo';
import { readRegion } from './repos/region.repo';
import { backupHandlers } from './services/backup.service';
import { importHandlers } from './services/import.service';
import { referenceHandlers } from './services/reference.service';
import { regionHandlers, replaceRegion, requireValidDataset } from './services/region.service';
import { registerHandlers } from './services/register.service';
import { reviewHandlers } from './services/review.service';
import { roundsHandlers } from './services/rounds.service';
import { monitorHandlers } from './services/monitor.service';
import { privacyHandlers } from './services/privacy.service';
import { usersHandlers } from './services/users.service';
import { reportsHandlers } from './services/reports.service';
import { APP_VERSION } from './version';

/** Every method's implementation, one feature module each. */
export const allHandlers: Handlers = { ...regionHandlers, ...registerHandlers, ...referenceHandlers, ...importHandlers, ...roundsHandlers, ...reviewHandlers, ...backupHandlers, ...usersHandlers, ...privacyHandlers, ...monitorHandlers, ...reportsHandlers };

export interface Backend {
  dispatch: Dispatch;
  database: OpenDatabase;
  env: BackendEnv;
  close(): Promise<void>;
}

export interface BackendOptions extends OpenOptions {
  host: HostKind;
  now?: () => Date;
  /** The users' key slots (the vault binds them to the keyring and the key). */
  keys?: UserKeys;
  /** The users' passphrases kept in the database itself (the regional server: server/credentials.ts). */
  keysIn?: (database: OpenDatabase, now: () => Date) => UserKeys;
}

export async function createBackend(file: string, options: BackendOptions): Promise<Backend> {
  const database = await openDatabase(file, options);
  const now = options.now ?? (() => new Date());
  const keys = options.keys ?? options.keysIn?.(database, now);
  const env: BackendEnv = {
    host: options.host,
    databasePath: database.kind === 'postgres' ? database.file : file,
    appVersion: APP_VERSION,
    now,
    ...(keys ? { keys } : {}),
  };
  const dispatch = createDispatcher(database.db, env, allHandlers);
  return { dispatch, database, env, close: () => database.close() };
}

/** On first start, load the demo region so a new user sees a real region. */
export async function seedDemoIfEmpty(backend: Backend, demoFile: string, actor: string): Promise<boolean> {
  const { db } = backend.database;
  if (await readRegion(db)) return false;
  const dataset = requireValidDataset(JSON.parse(readFileSync(demoFile, 'utf8')), demoFile);
  await db.transaction().execute(async (trx) => {
    const summary = await replaceRegion(trx, dataset, { by: actor, at: backend.env.now().toISOString() });
    await insertAudit(trx, backend.env.now(), actor, {
      action: 'import',
      entity: 'region',
      detail: { source: 'demo', region: dataset.region.name, ...summary },
    });
  });
  return true;
}

// The regional server's database work (issue 15): `init` makes the schema and the first chair with
// their own passphrase (no default account, ever), `migrate` brings an existing database up to date,
// and the start opens only an initialised, current database. Node only.
import { z } from 'zod';
import { Passphrase, UserName } from '../../../shared/api/auth.contract';
import { AppError } from '../../../shared/api/result';
import { Line } from '../../../shared/domain/primitives';
import { type Backend, type BackendOptions, createBackend } from '../backend';
import { isPostgresUrl } from '../db/dialect';
import { MIGRATIONS, SCHEMA_VERSION } from '../db/migrations';
import { openDatabase } from '../db/open';
import { safeUrl } from '../db/open-postgres';
import { insertAudit } from '../repos/audit.repo';
import { countUsers } from '../repos/users.repo';
import { credentialsOf } from './credentials';

/** The server runs on PostgreSQL only: a SQLite file belongs to one laptop (and is encrypted there). */
export function requirePostgresUrl(url: string | undefined): string {
  if (!url) throw new AppError('VALIDATION', '--database ontbreekt: geef het adres van de PostgreSQL-database, bijvoorbeeld postgres://uitstroom@dbserver/uitstroomtafel.');
  if (!isPostgresUrl(url)) {
    throw new AppError('VALIDATION', `--database: '${url}' is geen PostgreSQL-adres (postgres://…). De regionale server draait op PostgreSQL; een SQLite-bestand opent u met 'npm start' of 'npm run web'.`);
  }
  return url;
}

export interface ServerOpenOptions {
  now?: () => Date;
  poolSize?: number;
  onAuditBroken?: BackendOptions['onAuditBroken'];
}

/** The server's backend: an initialised database at this version's schema (else a message that says what to run). */
export async function openServerBackend(url: string, options: ServerOpenOptions = {}): Promise<Backend> {
  const backend = await createBackend(requirePostgresUrl(url), {
    host: 'server',
    mustExist: true,
    refusePending: true,
    keysIn: (database, now) => credentialsOf(database.db, now),
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.onAuditBroken ? { onAuditBroken: options.onAuditBroken } : {}),
  });
  const db = backend.database.db;
  const chairs = await db.selectFrom('users').innerJoin('user_credentials', 'user_credentials.name', 'users.name').select('users.name').where('users.role', '=', 'chair').where('users.active', '=', 1).executeTakeFirst();
  if (!chairs) {
    await backend.close();
    throw new AppError('CONFLICT', `Database ${safeUrl(url)} heeft geen actieve voorzitter met een wachtwoordzin; richt de server in met 'npm run server -- init'. De server start niet zonder.`);
  }
  return backend;
}

export const InitInput = z
  .object({ name: UserName, displayName: Line(200).min(1, 'vul een naam in'), passphrase: Passphrase })
  .strict();
export type InitInput = z.infer<typeof InitInput>;

/** Makes (or completes) the schema and the first chair; refused when the database already has users. */
export async function initServer(url: string, input: InitInput, now: () => Date = () => new Date()): Promise<{ schemaVersion: number; created: boolean }> {
  const parsed = InitInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError('VALIDATION', `server init: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(invoer)'}: ${i.message}`).join('; ')}`);
  }
  const { name, displayName, passphrase } = parsed.data;
  const database = await openDatabase(requirePostgresUrl(url), {});
  try {
    if ((await countUsers(database.db)) > 0) {
      throw new AppError('CONFLICT', `Database ${safeUrl(url)} is al ingericht (er zijn gebruikers); de voorzitter beheert gebruikers in de app. Er is niets gewijzigd.`);
    }
    const at = now();
    const keys = credentialsOf(database.db, now);
    await database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values({ name, display_name: displayName.trim(), role: 'chair', care_provider_id: null, corporation_id: null, active: 1, created_at: at.toISOString(), updated_by: name, updated_at: at.toISOString() })
        .execute();
      await insertAudit(trx, at, name, { action: 'setup', entity: 'user', entityId: name, detail: { role: 'chair', host: 'server' } });
    });
    await keys.setPassphrase(name, passphrase);
    return { schemaVersion: SCHEMA_VERSION, created: database.created };
  } finally {
    await database.close();
  }
}

export const ResetInput = z.object({ name: UserName, passphrase: Passphrase }).strict();

/**
 * The administrator sets a new passphrase for an existing user (`npm run server -- passphrase`): for
 * when no chair remembers theirs. Whoever runs it can reach the database anyway; it ends the user's
 * sessions, lifts a lockout and is audited as done by the administrator ('beheerder').
 */
export async function resetPassphrase(url: string, input: { name: string; passphrase: string }, now: () => Date = () => new Date()): Promise<void> {
  const parsed = ResetInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError('VALIDATION', `server passphrase: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(invoer)'}: ${i.message}`).join('; ')}`);
  }
  const { name, passphrase } = parsed.data;
  const backend = await openServerBackendUnchecked(url);
  try {
    const db = backend.database.db;
    const user = await db.selectFrom('users').select(['name', 'active']).where('name', '=', name).executeTakeFirst();
    if (!user) throw new AppError('NOT_FOUND', `Gebruiker '${name}' bestaat niet in ${safeUrl(url)}; er is niets gewijzigd.`);
    const keys = credentialsOf(db, now);
    await keys.setPassphrase(name, passphrase);
    await keys.unlock(name);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sessions').where('user_name', '=', name).execute();
      await insertAudit(trx, now(), ADMINISTRATOR, { action: 'reset-passphrase', entity: 'user', entityId: name, detail: { host: 'server', by: 'opdrachtregel van de server' } });
    });
  } finally {
    await backend.close();
  }
}

/** Who the records name for what the server's administrator does on the command line. */
const ADMINISTRATOR = 'beheerder';

/** The server's database at this version's schema, without the check for an active chair (for the administrator's commands). */
async function openServerBackendUnchecked(url: string): Promise<Backend> {
  return createBackend(requirePostgresUrl(url), { host: 'server', mustExist: true, refusePending: true, keysIn: (database, now) => credentialsOf(database.db, now) });
}

/** Applies pending migrations; says from which schema version to which. */
export async function migrateServer(url: string): Promise<{ from: number; to: number; applied: string[] }> {
  const before = await appliedNames(requirePostgresUrl(url));
  if (before === null) throw new AppError('NOT_FOUND', `Database ${safeUrl(url)} is nog niet ingericht; gebruik 'npm run server -- init'.`);
  const database = await openDatabase(url, {});
  await database.close();
  const applied = MIGRATIONS.map(([n]) => n).filter((n) => !before.includes(n));
  return { from: before.length, to: SCHEMA_VERSION, applied };
}

/** The migrations a database has had, or null when it has none (not initialised). */
async function appliedNames(url: string): Promise<string[] | null> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new AppError('INTERNAL', `Kan PostgreSQL-database ${safeUrl(url)} niet openen: ${(e as Error).message}`);
  }
  try {
    const present = await client.query<{ present: boolean }>("select to_regclass('kysely_migration') is not null as present");
    if (!present.rows[0]?.present) return null;
    const names = await client.query<{ name: string }>('select name from kysely_migration order by name');
    return names.rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

// Opens (or creates) the SQLite database, encrypted when given a key: refuses a wrong key or one written
// by a newer version before touching it, then sets WAL and foreign keys and applies pending migrations. Node only, no Electron.
import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, Migrator, type MigrationProvider } from 'kysely';
import type { AuditCheck } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/result';
import { verifyAudit } from '../repos/audit.repo';
import { preparePrivateDatabaseFile } from '../fs/safe-write';
import { applyKey, isPlainSqliteFile } from './cipher';
import { DEFAULT_BUSY_WAIT_MS, ImmediateSqliteDialect, beginImmediate, busyError, isBusyError } from './immediate-dialect';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { type DbKind, isPostgresUrl } from './dialect';
import { openPostgres, safeUrl } from './open-postgres';
import type { DB } from './schema';

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for the host (Electron), when not the default. */
  nativeBinding?: string;
  /**
   * The 32-byte database key (from the keyring): the file is encrypted with it (SQLCipher 4), a new one
   * is created encrypted. Without a key the database is plain (tests, tools) and an encrypted file is refused.
   * Ignored for ':memory:' (nothing reaches the disk).
   */
  key?: Buffer;
  /** Fail instead of creating a new file (PostgreSQL: a database without the app's schema). */
  mustExist?: boolean;
  /** PostgreSQL: refuse, changing nothing, when migrations are pending (the server's start leaves upgrading to `migrate`). */
  refusePending?: boolean;
  /** PostgreSQL: connections in the pool (default 10). */
  poolSize?: number;
  /** Apply migrations up to this name only (migration tests). */
  migrateTo?: string;
  /** How long a write waits while another process writes before it fails with BUSY (ms). */
  busyWaitMs?: number;
  /** Told when the audit log's hash chain is broken; by default a warning in the host's log. */
  onAuditBroken?: (check: AuditCheck) => void;
}

export interface OpenDatabase {
  db: Kysely<DB>;
  /** The embedded file (SQLite) or the regional server's database (PostgreSQL). */
  kind: DbKind;
  /** The SQLite connection; on PostgreSQL reading it throws (what needs it — file backups, cipher — is SQLite's own). */
  sqlite: BetterSqlite3.Database;
  /** The file's path, or the PostgreSQL address (without its password). */
  file: string;
  /** True when this open created the schema (a new, empty database). */
  created: boolean;
  /** The audit log's hash chain as found on open; a broken chain is reported, the app still opens. Null when migrated only partway (tests). */
  auditCheck: AuditCheck | null;
  close(): Promise<void>;
}

const provider: MigrationProvider = {
  getMigrations: async () => Object.fromEntries(MIGRATIONS),
};

export async function openDatabase(file: string, options: OpenOptions = {}): Promise<OpenDatabase> {
  if (isPostgresUrl(file)) return openPostgresDatabase(file, options);
  if (options.mustExist && file !== ':memory:' && !existsSync(file)) {
    throw new AppError('NOT_FOUND', `Database ${file} bestaat niet. Maak hem eerst aan met: npm run cli -- init --db ${file}`);
  }
  const onDisk = file !== ':memory:' && file !== '';
  const key = onDisk ? options.key : undefined;
  if (onDisk && !key && hasContent(file) && !isPlainSqliteFile(file)) {
    throw new AppError(
      'UNAUTHORIZED',
      `Database ${file} is versleuteld (of geen SQLite-database) en kan zonder sleutel niet worden geopend; meld u aan met uw wachtwoordzin.`,
    );
  }
  if (key && hasContent(file) && isPlainSqliteFile(file)) {
    throw new AppError(
      'CONFLICT',
      `Database ${file} is nog niet versleuteld; de app zet hem om bij het aanmelden (encryptExistingDatabase). Er is niets gewijzigd.`,
    );
  }
  // Owner-only before SQLite opens it: SQLite gives the -wal, -shm and -journal the same mode.
  preparePrivateDatabaseFile(file);
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (e) {
    throw new AppError('INTERNAL', `Kan database ${file} niet openen: ${(e as Error).message}`);
  }
  try {
    // The key before anything else; then one read, which fails at once with a wrong key.
    if (key) {
      try {
        applyKey(sqlite, key);
        sqlite.prepare('select count(*) from sqlite_master').get();
      } catch (e) {
        if (e instanceof AppError) throw e;
        if (isBusyError(e)) throw e;
        throw new AppError(
          'UNAUTHORIZED',
          `De database ${file} kan met deze sleutel niet worden geopend: verkeerde wachtwoordzin, of geen database van deze app.`,
        );
      }
    }
    // First: every later statement (even the check below) waits for another process's lock.
    sqlite.pragma('busy_timeout = 5000');
    refuseNewerSchema(sqlite, file);
    if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
  } catch (e) {
    sqlite.close();
    if (isBusyError(e)) throw busyError();
    throw e instanceof AppError ? e : new AppError('INTERNAL', `Database ${file}: ${(e as Error).message}`);
  }
  const busyWaitMs = options.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS;
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect(sqlite, busyWaitMs) });
  const before = Number(sqlite.pragma('user_version', { simple: true }));
  let auditCheck: AuditCheck | null = null;
  try {
    await migrate(db, sqlite, busyWaitMs, options.migrateTo);
    if (!options.migrateTo) auditCheck = await verifyAudit(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  // The database still opens: the app shows the break (audit.verify), `cli audit verify` exits 1.
  if (auditCheck && !auditCheck.intact) {
    (options.onAuditBroken ?? ((c) => console.warn(`[backend] ${file}: ${c.message}`)))(auditCheck);
  }
  return { db, kind: 'sqlite', sqlite, file, created: before === 0, auditCheck, close: () => db.destroy() };
}

/** A regional server's database (postgres://…): no file, no key (the server's disk and PostgreSQL's own access control protect it). */
async function openPostgresDatabase(url: string, options: OpenOptions): Promise<OpenDatabase> {
  const opened = await openPostgres(url, {
    ...(options.migrateTo ? { migrateTo: options.migrateTo } : {}),
    ...(options.mustExist ? { mustExist: true } : {}),
    ...(options.refusePending ? { refusePending: true } : {}),
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
    ...(options.onAuditBroken ? { onAuditBroken: options.onAuditBroken } : {}),
  });
  const shown = safeUrl(url);
  return {
    db: opened.db,
    kind: 'postgres',
    get sqlite(): BetterSqlite3.Database {
      throw new AppError('INTERNAL', `${shown} is een PostgreSQL-database; dit kan alleen met een SQLite-bestand.`);
    },
    file: shown,
    created: opened.created,
    auditCheck: opened.auditCheck,
    close: opened.close,
  };
}

/** An existing, non-empty file: SQLite would read it rather than create a new database. */
function hasContent(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}

/** Read-only check, done before any pragma that would write to the file. */
function refuseNewerSchema(sqlite: BetterSqlite3.Database, file: string): void {
  const version = Number(sqlite.pragma('user_version', { simple: true }));
  const known = new Set(MIGRATIONS.map(([name]) => name));
  const hasTable = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
  const unknown = hasTable
    ? (sqlite.prepare('select name from kysely_migration order by name').all() as { name: string }[])
        .map((r) => r.name)
        .filter((n) => !known.has(n))
    : [];
  if (version > SCHEMA_VERSION || unknown.length > 0) {
    throw new AppError(
      'DB_TOO_NEW',
      `Database ${file} is gemaakt door een nieuwere versie van de app (schemaversie ${version}${
        unknown.length ? `, onbekende migraties: ${unknown.join(', ')}` : ''
      }; deze versie kent schemaversie ${SCHEMA_VERSION}). Werk de app bij; de database is niet gewijzigd.`,
    );
  }
}

/**
 * Applies pending migrations in one IMMEDIATE transaction: all or nothing, and a second process
 * opening the same file meanwhile waits, then finds nothing left to do. An up-to-date database is
 * not written to at all, so opening it never waits for another process's write.
 */
async function migrate(db: Kysely<DB>, sqlite: BetterSqlite3.Database, busyWaitMs: number, target?: string): Promise<void> {
  if (!target && upToDate(sqlite)) return;
  await beginImmediate(sqlite, busyWaitMs);
  try {
    const migrator = new Migrator({ db, provider });
    const { error, results } = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'onbekend';
      throw new AppError('INTERNAL', `Migratie ${failed} mislukt: ${(error as Error).message ?? String(error)}`);
    }
    const applied = (sqlite.prepare('select count(*) as n from kysely_migration').get() as { n: number }).n;
    sqlite.pragma(`user_version = ${applied}`);
    sqlite.exec('commit');
  } catch (e) {
    if (sqlite.inTransaction) sqlite.exec('rollback');
    throw e;
  }
}

function upToDate(sqlite: BetterSqlite3.Database): boolean {
  if (Number(sqlite.pragma('user_version', { simple: true })) !== SCHEMA_VERSION) return false;
  const hasTable = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
  if (!hasTable) return false;
  const done = new Set((sqlite.prepare('select name from kysely_migration').all() as { name: string }[]).map((r) => r.name));
  return MIGRATIONS.every(([name]) => done.has(name));
}

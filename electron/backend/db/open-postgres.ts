// Opens a regional server's PostgreSQL database (issue 15): the same schema, migrations and queries as
// the embedded SQLite file, through kysely's PostgresDialect and the `pg` pool. Refuses a database
// written by a newer version before changing anything, applies pending migrations (kysely's migrator
// holds its lock table while it does, so two servers starting at once migrate once), and checks the
// audit chain as the SQLite opener does. Node only, no Electron.
import { Kysely, Migrator, type MigrationProvider, PostgresDialect, type QueryCompiler, sql } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { AppError } from '../../../shared/api/result';
import type { AuditCheck } from '../../../shared/api/contract';
import { verifyAudit } from '../repos/audit.repo';
import { PortablePostgresQueryCompiler } from './dialect';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import type { DB } from './schema';

/** PostgreSQL's type ids whose text the driver would hand over as strings: 64-bit integers (count(*), sum) and numeric. */
const INT8 = 20;
const NUMERIC = 1700;

/** Numbers as numbers: counts and sums fit well within 2^53 here; SQLite gives numbers too. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

class PortablePostgresDialect extends PostgresDialect {
  override createQueryCompiler(): QueryCompiler {
    return new PortablePostgresQueryCompiler();
  }
}

const provider: MigrationProvider = {
  getMigrations: async () => Object.fromEntries(MIGRATIONS),
};

export interface PostgresOpenOptions {
  migrateTo?: string;
  /** Refuse a database without the app's schema (the server's start: `init` makes it). */
  mustExist?: boolean;
  /** Refuse, changing nothing, when migrations are pending (the server's start: `migrate` upgrades). */
  refusePending?: boolean;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  onAuditBroken?: (check: AuditCheck) => void;
}

export interface OpenPostgres {
  db: Kysely<DB>;
  pool: pg.Pool;
  created: boolean;
  auditCheck: AuditCheck | null;
  close(): Promise<void>;
}

/** The address without its password, for messages and logs. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export async function openPostgres(url: string, options: PostgresOpenOptions = {}): Promise<OpenPostgres> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types });
  // An idle connection that the server drops must not take the process down.
  pool.on('error', (e) => console.warn(`[database] ${safeUrl(url)}: ${e.message}`));
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end();
    throw new AppError('INTERNAL', `Kan PostgreSQL-database ${safeUrl(url)} niet openen: ${(e as Error).message}`);
  }
  const db = new Kysely<DB>({ dialect: new PortablePostgresDialect({ pool, cursor: Cursor }) });
  let auditCheck: AuditCheck | null = null;
  let created = false;
  try {
    const applied = await appliedMigrations(db);
    created = applied.length === 0;
    refuseNewer(applied, url);
    if (options.mustExist && created) {
      throw new AppError('NOT_FOUND', `Database ${safeUrl(url)} is nog niet ingericht (geen schema van de uitstroomtafel); richt hem in met 'npm run server -- init'. De database is niet gewijzigd.`);
    }
    const pending = MIGRATIONS.map(([name]) => name).filter((n) => !applied.includes(n));
    if (options.refusePending && pending.length > 0) {
      throw new AppError(
        'CONFLICT',
        `Database ${safeUrl(url)} heeft schemaversie ${applied.length}; deze versie van de app verwacht ${SCHEMA_VERSION} (nog toe te passen: ${pending.join(', ')}). Maak een backup (pg_dump) en voer 'npm run server -- migrate' uit; de database is niet gewijzigd.`,
      );
    }
    const migrator = new Migrator({ db, provider });
    const { error, results } = options.migrateTo ? await migrator.migrateTo(options.migrateTo) : await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'onbekend';
      throw new AppError('INTERNAL', `Migratie ${failed} mislukt: ${(error as Error).message ?? String(error)}`);
    }
    if (!options.migrateTo) auditCheck = await verifyAudit(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  if (auditCheck && !auditCheck.intact) {
    (options.onAuditBroken ?? ((c) => console.warn(`[backend] ${safeUrl(url)}: ${c.message}`)))(auditCheck);
  }
  return { db, pool, created, auditCheck, close: () => db.destroy() };
}

async function appliedMigrations(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ present: boolean }>`select to_regclass('kysely_migration') is not null as present`.execute(db);
  if (!rows[0]?.present) return [];
  const names = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return names.rows.map((r) => r.name);
}

function refuseNewer(applied: string[], url: string): void {
  const known = new Set(MIGRATIONS.map(([name]) => name));
  const unknown = applied.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new AppError(
      'DB_TOO_NEW',
      `Database ${safeUrl(url)} is gemaakt door een nieuwere versie van de app (onbekende migraties: ${unknown.join(', ')}; deze versie kent schemaversie ${SCHEMA_VERSION}). Werk de app bij; de database is niet gewijzigd.`,
    );
  }
}

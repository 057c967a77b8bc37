// kysely's SQLite dialect, but write transactions begin IMMEDIATE: they take SQLite's write lock up
// front, wait for it (without blocking the event loop) while another process writes, and give up
// with a Dutch BUSY message when the wait runs out. Node only, no Electron.
//
// Why: kysely begins transactions with a plain (deferred) BEGIN. A deferred transaction that reads
// and then writes while another process holds the write lock fails at once with SQLITE_BUSY —
// SQLite cannot let it wait, since its snapshot would be stale by then (SQLITE_BUSY_SNAPSHOT).
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect, SqliteDriver, type TransactionSettings } from 'kysely';
import { AppError } from '../../../shared/api/result';

/** How long a write waits for another process by default before it gives up (ms). */
export const DEFAULT_BUSY_WAIT_MS = 15_000;

export const BUSY_MESSAGE = 'De database is bezig (een ander proces schrijft); probeer het opnieuw.';

export function busyError(): AppError {
  return new AppError('BUSY', BUSY_MESSAGE);
}

/** SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED, ...: another connection holds a lock. */
export function isBusyError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * BEGIN IMMEDIATE on a raw connection, retried with growing pauses until `waitMs` has passed; then a
 * BUSY AppError. SQLite's own busy wait is switched off for the attempt: it would block the event
 * loop (in the desktop app: the main process, so the whole window) for as long as it waits.
 */
export async function beginImmediate(sqlite: BetterSqlite3.Database, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  let pause = 5;
  for (;;) {
    const saved = sqlite.pragma('busy_timeout', { simple: true });
    sqlite.pragma('busy_timeout = 0');
    try {
      sqlite.exec('begin immediate');
      return;
    } catch (e) {
      if (!isBusyError(e)) throw e;
      if (Date.now() >= deadline) throw busyError();
    } finally {
      sqlite.pragma(`busy_timeout = ${Number(saved)}`);
    }
    await new Promise((r) => setTimeout(r, Math.min(pause, Math.max(1, deadline - Date.now()))));
    pause = Math.min(pause * 2, 100);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly waitMs: number,
  ) {
    super({ database: sqlite });
  }

  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    // A transaction declared read-only takes no write lock: it reads a snapshot and never waits.
    if (settings?.accessMode === 'read only') {
      await connection.executeQuery(CompiledQuery.raw('begin deferred'));
      return;
    }
    await beginImmediate(this.sqlite, this.waitMs);
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly waitMs: number = DEFAULT_BUSY_WAIT_MS,
  ) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.sqlite, this.waitMs);
  }
}

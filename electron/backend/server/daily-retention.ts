// The regional server's daily retention run: the laptop applies the retention rules after its daily
// backup (backup/scheduler.ts); the server's backups are its administrator's (pg_dump), so it applies
// them once a day by itself, checked hourly. Several server processes on one database: the last run
// (its audit entry) is read from the database, and a second run on the same day finds nothing to do.
// Node only.
import type { Backend } from '../backend';
import { DAY_MS, SYSTEM_ACTOR, applyRetention } from '../backup/scheduler';

export interface DailyRetention {
  stop(): void;
  /** The check under way, for tests and orderly shutdown. */
  idle(): Promise<void>;
}

/** When the app itself last applied the retention rules, or null. */
export async function lastRetentionAt(backend: Backend): Promise<Date | null> {
  const row = await backend.database.db
    .selectFrom('audit_log')
    .select('at')
    .where('action', '=', 'retention')
    .where('actor', '=', SYSTEM_ACTOR)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? new Date(row.at) : null;
}

export function startDailyRetention(backend: Backend, options: { checkEveryMs?: number; onError?: (e: unknown) => void } = {}): DailyRetention {
  const onError = options.onError ?? ((e: unknown) => console.warn(`[retention] ${(e as Error)?.message ?? e}`));
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        const last = await lastRetentionAt(backend);
        if (last && backend.env.now().getTime() - last.getTime() < DAY_MS) return;
        await applyRetention(backend);
      } catch (e) {
        onError(e);
      }
    });
  };
  tick();
  const timer = setInterval(tick, options.checkEveryMs ?? 3600_000);
  timer.unref?.();
  return { stop: () => clearInterval(timer), idle: () => running };
}

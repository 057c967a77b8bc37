// When backups are made while the app runs: at start when the newest is a day old or older, then once a
// day (checked hourly, so a laptop that slept catches up), and one on closing. After each daily backup
// the retention rules are applied (so a backup from just before always exists). Used by the desktop and
// browser hosts. Node only, no Electron.
import { asChair } from '../../../shared/auth/system-user';
import type { Backend } from '../backend';
import { type BackupReason, makeBackup, newestBackupAt } from './backup';

export interface BackupScheduleOptions {
  /** Makes one backup (the host binds it to its open database). */
  makeBackup: (reason: Extract<BackupReason, 'daily' | 'close'>) => Promise<void>;
  /** When the newest backup was made (any reason), or null when there is none. */
  lastBackupAt: () => Date | null;
  now?: () => Date;
  /** How old the newest backup may get before a daily one is made (ms). */
  intervalMs?: number;
  /** How often that is checked (ms); at most the interval. */
  checkEveryMs?: number;
  /** A failed backup is reported here (the host's log); the schedule goes on. */
  onError?: (e: unknown) => void;
}

export interface BackupSchedule {
  /** Stops the timer; a backup under way still finishes. */
  stop(): void;
  /** Stops the schedule and makes the 'close' backup (after any backup under way). */
  onClose(): Promise<void>;
  /** The backup under way or the last check, for tests and orderly shutdown. */
  idle(): Promise<void>;
}

export const DAY_MS = 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;

export function startBackupSchedule(options: BackupScheduleOptions): BackupSchedule {
  const now = options.now ?? (() => new Date());
  const intervalMs = options.intervalMs ?? DAY_MS;
  const checkEveryMs = Math.min(options.checkEveryMs ?? HOUR_MS, intervalMs);
  const onError = options.onError ?? ((e: unknown) => console.warn('[backup] backup failed:', (e as Error)?.message ?? e));
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let closing: Promise<void> | null = null;

  /** Runs backups one after another, never two at once. */
  const queue = (fn: () => Promise<void>): Promise<void> => {
    running = running.then(fn, fn);
    return running;
  };

  const tick = () =>
    queue(async () => {
      if (stopped) return;
      try {
        const last = options.lastBackupAt();
        if (last && now().getTime() - last.getTime() < intervalMs) return;
        await options.makeBackup('daily');
      } catch (e) {
        onError(e);
      }
    });

  void tick();
  const timer = setInterval(() => void tick(), checkEveryMs);
  // The schedule never keeps a process alive by itself.
  timer.unref?.();

  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
    onClose() {
      if (closing) return closing;
      stopped = true;
      clearInterval(timer);
      closing = queue(async () => {
        try {
          await options.makeBackup('close');
        } catch (e) {
          onError(e);
        }
      });
      return closing;
    },
    idle: () => running,
  };
}

/** What a host's schedule needs of its vault: the database file and the backend while it is open. */
export interface OpenDatabaseSource {
  readonly file: string;
  readonly open: Backend | null;
}

/**
 * The hosts' schedule (desktop, browser mode): backups of the database the vault has open at the time
 * (none while it is locked, before the first login), checked every minute so the first one after a
 * login comes soon; `onClose()` before the vault closes makes the 'close' backup.
 */
export function startHostBackups(vault: OpenDatabaseSource, options: Pick<BackupScheduleOptions, 'onError'> = {}): BackupSchedule {
  return startBackupSchedule({
    ...options,
    makeBackup: async (reason) => {
      const backend = vault.open;
      if (!backend) return;
      await makeBackup(backend.database.db, vault.file, reason, backend.env.now());
      if (reason === 'daily') await applyRetention(backend);
    },
    // Only when a database is open is a backup due; otherwise the check waits for the next minute.
    lastBackupAt: () => (vault.open ? newestBackupAt(vault.file) : new Date()),
    checkEveryMs: 60_000,
  });
}

/** Who the audit log names for what the app does by itself (the daily retention run). */
export const SYSTEM_ACTOR = 'systeem';

/**
 * Applies the region's retention rules (Instellingen → Bewaartermijnen) as the app itself: clients
 * whose period has passed are pseudonymised or deleted, with the run's record and audit entry. A
 * refusal (e.g. a broken audit chain) is thrown to the schedule, which reports it and goes on.
 */
export async function applyRetention(backend: Backend): Promise<void> {
  const r = await backend.dispatch('retention.run', { dryRun: false }, asChair(SYSTEM_ACTOR));
  if (!r.ok) throw new Error(`bewaartermijnen niet toegepast: ${r.error.message}`);
}

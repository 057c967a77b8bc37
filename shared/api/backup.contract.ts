// API methods of backups: list, make one now, restore one. A backup is a copy of the whole database,
// encrypted with the same key, made with SQLite's VACUUM INTO (a consistent snapshot). backups.restore
// is answered by the host's gate: it closes the database, replaces the file and opens it again.
// Merged into contract.ts. Pure TypeScript.
import { z } from 'zod';
import { Line, OUT_MAX } from '../domain/primitives';
import type { MethodSpec } from './method-spec';

export const BackupRow = z.object({
  /** The file's name inside the backup folder (next to the database); restore names it. */
  fileName: z.string().max(OUT_MAX),
  /** When it was made (ISO). */
  at: z.string().max(OUT_MAX),
  bytes: z.number().int(),
  /** Why it was made: on closing the app, the daily one, by hand, before a restore or a conversion. */
  reason: z.enum(['close', 'daily', 'manual', 'before-restore', 'before-convert']),
});
export type BackupRow = z.infer<typeof BackupRow>;

/** Why a backup was made, in Dutch (the backups table and the Logboek). */
export const BACKUP_REASON_LABELS: Record<BackupRow['reason'], string> = {
  close: 'Bij het afsluiten',
  daily: 'Dagelijks',
  manual: 'Met de hand',
  'before-restore': 'Vóór het terugzetten',
  'before-convert': 'Vóór het versleutelen',
};

export const BackupSettings = z.object({
  /** How many backups to keep (the oldest beyond this are deleted after a new one is made). */
  keep: z.number().int().min(1).max(365),
  folder: z.string().max(OUT_MAX),
  /** The regional server (PostgreSQL): its administrator makes and restores backups (pg_dump), not the app. */
  byServer: z.boolean(),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

export const backupMethods = {
  'backups.list': { kind: 'query', input: z.object({}).strict(), output: z.object({ settings: BackupSettings, backups: z.array(BackupRow) }) },
  /** A job, not a mutation: SQLite's VACUUM INTO cannot run inside a transaction. */
  'backups.create': { kind: 'job', input: z.object({}).strict(), output: BackupRow },
  'backups.saveSettings': { kind: 'mutation', input: z.object({ keep: z.number().int().min(1).max(365) }).strict(), output: BackupSettings },
  /**
   * Replaces the database by a backup from the backup folder, after checking it (integrity, schema
   * version, key). The current file is kept aside as a backup first. Everyone is logged out.
   */
  'backups.restore': { kind: 'mutation', input: z.object({ fileName: Line(300) }).strict(), output: z.object({ restored: z.string().max(OUT_MAX), keptAside: z.string().max(OUT_MAX) }) },
} as const satisfies Record<string, MethodSpec>;

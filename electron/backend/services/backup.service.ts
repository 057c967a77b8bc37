// Handlers of backups.list, backups.create and backups.saveSettings (backups.restore is the host's gate,
// which calls restoreDatabase in backup/backup.ts). Node only.
import type { backupMethods } from '../../../shared/api/backup.contract';
import { AppError } from '../../../shared/api/result';
import type { HandlerContext } from '../api/context';
import type { HandlersFor } from '../api/dispatcher';
import { isPostgres } from '../db/dialect';
import { listBackups, makeBackup, readBackupSettings, writeBackupKeep } from '../backup/backup';

type Dispatched = Omit<typeof backupMethods, 'backups.restore'>;

export const backupHandlers: HandlersFor<Dispatched> = {
  'backups.list': async (ctx) => ({
    settings: await readBackupSettings(ctx.db, ctx.databasePath),
    backups: ctx.databasePath === ':memory:' || isPostgres(ctx.db) ? [] : listBackups(ctx.databasePath),
  }),

  // A job: runs outside any transaction (VACUUM INTO cannot run in one), then records itself.
  'backups.create': async (ctx) => {
    refuseOnServer(ctx);
    const row = await makeBackup(ctx.db, ctx.databasePath, 'manual', ctx.now());
    await ctx.transaction((tx) => tx.audit({ action: 'backup', entity: 'database', entityId: row.fileName, detail: { reason: row.reason, bytes: row.bytes } }));
    return row;
  },

  'backups.saveSettings': async (ctx, { keep }) => {
    refuseOnServer(ctx);
    const before = await readBackupSettings(ctx.db, ctx.databasePath);
    await writeBackupKeep(ctx.db, keep);
    await ctx.audit({ action: 'update', entity: 'settings', entityId: 'backup.keep', detail: { from: before.keep, to: keep } });
    return { ...before, keep };
  },
};

/** The regional server's database is PostgreSQL's: its administrator backs it up (pg_dump), the app has no file to copy. */
function refuseOnServer(ctx: HandlerContext): void {
  if (isPostgres(ctx.db)) {
    throw new AppError('CONFLICT', 'Op de regionale server maakt de beheerder de back-ups (pg_dump, zie de README, "Regionale server"); in de app kan dat niet.');
  }
}

// Handlers of backups.list, backups.create and backups.saveSettings (backups.restore is the host's gate,
// which calls restoreDatabase in backup/backup.ts). Node only.
import type { backupMethods } from '../../../shared/api/backup.contract';
import type { HandlersFor } from '../api/dispatcher';
import { listBackups, makeBackup, readBackupSettings, writeBackupKeep } from '../backup/backup';

type Dispatched = Omit<typeof backupMethods, 'backups.restore'>;

export const backupHandlers: HandlersFor<Dispatched> = {
  'backups.list': async (ctx) => ({
    settings: await readBackupSettings(ctx.db, ctx.databasePath),
    backups: ctx.databasePath === ':memory:' ? [] : listBackups(ctx.databasePath),
  }),

  // A job: runs outside any transaction (VACUUM INTO cannot run in one), then records itself.
  'backups.create': async (ctx) => {
    const row = await makeBackup(ctx.db, ctx.databasePath, 'manual', ctx.now());
    await ctx.transaction((tx) => tx.audit({ action: 'backup', entity: 'database', entityId: row.fileName, detail: { reason: row.reason, bytes: row.bytes } }));
    return row;
  },

  'backups.saveSettings': async (ctx, { keep }) => {
    const before = await readBackupSettings(ctx.db, ctx.databasePath);
    await writeBackupKeep(ctx.db, keep);
    await ctx.audit({ action: 'update', entity: 'settings', entityId: 'backup.keep', detail: { from: before.keep, to: keep } });
    return { ...before, keep };
  },
};

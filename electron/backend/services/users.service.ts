// Handlers of users.* (the chair manages who may log in) and account.changePassphrase (anyone, their
// own). A user's passphrase is a key slot in the keyring (ctx.keys), never stored in the database or
// the audit log; the keyring is changed last, so a refused change leaves it as it was. Node only.
import type { userMethods } from '../../../shared/api/auth.contract';
import { AppError } from '../../../shared/api/result';
import { ROLE_LABELS } from '../../../shared/auth/roles';
import type { HandlerContext, UserKeys } from '../api/context';
import type { HandlersFor } from '../api/dispatcher';
import { checkBinding, countActiveChairs, lockedMessage, readUser, toUserRow, type UserRecord } from '../repos/users.repo';
import { nextVersion, refuseUnchanged, stampOf } from '../repos/versions.repo';

function keysOf(ctx: HandlerContext): UserKeys {
  if (!ctx.keys) {
    throw new AppError('CONFLICT', 'Gebruikers en wachtwoordzinnen beheren kan alleen in een versleutelde database die via het aanmelden is geopend.');
  }
  return ctx.keys;
}

async function mustRead(ctx: HandlerContext, name: string): Promise<UserRecord> {
  const row = await readUser(ctx.db, name);
  if (!row) throw new AppError('NOT_FOUND', `Gebruiker ${name} bestaat niet.`);
  return row;
}

const NO_LOCK = { failures: 0, lockedUntil: null };
const rowOf = async (ctx: HandlerContext, row: UserRecord) => toUserRow(row, ctx.keys ? await ctx.keys.lockState(row.name) : NO_LOCK);

/** What the audit log keeps of a user: never a passphrase. */
const auditView = (u: { display_name: string; role: string; care_provider_id: string | null; corporation_id: string | null; active: number }) => ({
  displayName: u.display_name,
  role: u.role,
  careProviderId: u.care_provider_id,
  corporationId: u.corporation_id,
  active: u.active === 1,
});

export const usersHandlers: HandlersFor<typeof userMethods> = {
  'users.list': async (ctx) => {
    const rows = await ctx.db.selectFrom('users').selectAll().orderBy('name').execute();
    return Promise.all(rows.map((r) => rowOf(ctx, r)));
  },

  'users.create': async (ctx, input) => {
    const keys = keysOf(ctx);
    const existing = await readUser(ctx.db, input.name);
    if (existing) {
      throw new AppError('CONFLICT', `Gebruiker ${input.name} bestaat al (${existing.display_name}); kies een andere naam.`, [
        { path: 'name', message: `bestaat al (${existing.display_name})` },
      ]);
    }
    await checkBinding(ctx.db, input);
    const stamp = stampOf(ctx);
    const values = {
      name: input.name,
      display_name: input.displayName.trim(),
      role: input.role,
      care_provider_id: input.careProviderId,
      corporation_id: input.corporationId,
      active: 1,
      created_at: stamp.at,
      updated_by: stamp.by,
      updated_at: stamp.at,
    };
    await ctx.db.insertInto('users').values(values).execute();
    await ctx.audit({ action: 'create', entity: 'user', entityId: input.name, detail: { before: null, after: auditView(values) } });
    // Last: a failure above leaves no key slot behind.
    await keys.setPassphrase(input.name, input.passphrase);
    return rowOf(ctx, await mustRead(ctx, input.name));
  },

  'users.update': async (ctx, input) => {
    const before = await mustRead(ctx, input.name);
    const self = input.name === ctx.actor;
    const wasActiveChair = before.role === 'chair' && before.active === 1;
    const staysActiveChair = input.role === 'chair' && input.active;
    if (self && before.role === 'chair' && input.role !== 'chair') {
      throw new AppError('VALIDATION', 'U kunt uw eigen rol van voorzitter niet afnemen; laat een andere voorzitter dat doen.', [
        { path: 'role', message: 'uw eigen voorzittersrol kunt u niet afnemen' },
      ]);
    }
    if (self && !input.active) {
      throw new AppError('VALIDATION', 'U kunt uzelf niet deactiveren; laat een andere voorzitter dat doen.', [{ path: 'active', message: 'uzelf deactiveren kan niet' }]);
    }
    if (wasActiveChair && !staysActiveChair && (await countActiveChairs(ctx.db, input.name)) === 0) {
      throw new AppError(
        'CONFLICT',
        `${before.display_name} (${input.name}) is de laatste actieve voorzitter; maak eerst iemand anders voorzitter. Er is niets gewijzigd.`,
        [{ path: input.role !== 'chair' ? 'role' : 'active', message: 'de laatste actieve voorzitter' }],
      );
    }
    await checkBinding(ctx.db, input);
    const after = {
      display_name: input.displayName.trim(),
      role: input.role,
      care_provider_id: input.careProviderId,
      corporation_id: input.corporationId,
      active: input.active ? 1 : 0,
    };
    const updated = await ctx.db
      .updateTable('users')
      .set({ ...after, ...nextVersion(stampOf(ctx)) })
      .where('name', '=', input.name)
      .where('version', '=', input.expectedVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await refuseUnchanged(ctx.db, 'Deze gebruiker', `Gebruiker ${input.name} bestaat niet.`, await readUser(ctx.db, input.name), input.expectedVersion);
    }
    const deactivated = before.active === 1 && !input.active;
    await ctx.audit({
      action: 'update',
      entity: 'user',
      entityId: input.name,
      detail: { before: auditView(before), after: auditView(after), ...(deactivated ? { keyRemoved: true } : {}) },
    });
    // A deactivated user can no longer open the database: their key slot goes (last, see above).
    if (deactivated && ctx.keys && (await ctx.keys.has(input.name))) await ctx.keys.remove(input.name);
    return rowOf(ctx, await mustRead(ctx, input.name));
  },

  'users.resetPassphrase': async (ctx, input) => {
    const keys = keysOf(ctx);
    const row = await mustRead(ctx, input.name);
    if (input.name === ctx.actor) {
      throw new AppError('VALIDATION', 'Uw eigen wachtwoordzin wijzigt u onder "Mijn account" (met uw huidige wachtwoordzin).', [
        { path: 'name', message: 'uw eigen wachtwoordzin wijzigt u onder Mijn account' },
      ]);
    }
    if (row.active !== 1) {
      throw new AppError('CONFLICT', `Gebruiker ${input.name} is niet actief; activeer de gebruiker eerst en stel dan een nieuwe wachtwoordzin in.`);
    }
    const lock = await keys.lockState(input.name);
    await ctx.audit({ action: 'reset-passphrase', entity: 'user', entityId: input.name, detail: { role: ROLE_LABELS[toUserRow(row, NO_LOCK).role], ...(lock.lockedUntil ? { lockLifted: lock.lockedUntil } : {}) } });
    // A new slot: the new passphrase, no failures, no lockout.
    await keys.setPassphrase(input.name, input.passphrase);
    return rowOf(ctx, row);
  },

  'users.unlock': async (ctx, input) => {
    const keys = keysOf(ctx);
    const row = await mustRead(ctx, input.name);
    const lock = await keys.lockState(input.name);
    await ctx.audit({ action: 'unlock', entity: 'user', entityId: input.name, detail: { failures: lock.failures, lockedUntil: lock.lockedUntil } });
    await keys.unlock(input.name);
    return rowOf(ctx, row);
  },

  'account.changePassphrase': async (ctx, input) => {
    const keys = keysOf(ctx);
    const name = ctx.actor;
    const lock = await keys.lockState(name);
    if (lock.lockedUntil) throw new AppError('VALIDATION', lockedMessage(name, lock.lockedUntil), [{ path: 'current', message: 'geblokkeerd' }]);
    if (!(await keys.verify(name, input.current))) {
      // Counts like a failed login: guessing from an unattended session stops after a few tries too.
      const after = await keys.recordFailure(name);
      const message = after.lockedUntil ? lockedMessage(name, after.lockedUntil) : 'Uw huidige wachtwoordzin klopt niet; er is niets gewijzigd.';
      throw new AppError('VALIDATION', message, [{ path: 'current', message: 'klopt niet' }]);
    }
    if (input.next === input.current) {
      throw new AppError('VALIDATION', 'De nieuwe wachtwoordzin is gelijk aan de huidige; kies een andere.', [{ path: 'next', message: 'gelijk aan de huidige' }]);
    }
    await ctx.audit({ action: 'change-passphrase', entity: 'user', entityId: name });
    await keys.setPassphrase(name, input.next);
    return { ok: true as const };
  },
};

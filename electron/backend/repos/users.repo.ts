// The users table (migration 0009): reading a user as the session and the API see them, and the
// checks every write of a user shares (the binding names an existing care provider or corporation).
// Node only.
import type { Kysely, Selectable } from 'kysely';
import type { UserRow } from '../../../shared/api/auth.contract';
import { AppError } from '../../../shared/api/result';
import { Role, type SessionUser } from '../../../shared/auth/roles';
import type { DB, UserTable } from '../db/schema';
import type { KeyLockState } from '../api/context';
import { formatMoment } from '../../../shared/domain/moments';

export type UserRecord = Selectable<UserTable>;

export async function readUser(db: Kysely<DB>, name: string): Promise<UserRecord | undefined> {
  return db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function countUsers(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active chairs, optionally leaving one name out (is someone else still chair?). */
export async function countActiveChairs(db: Kysely<DB>, except?: string): Promise<number> {
  let q = db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'chair').where('active', '=', 1);
  if (except !== undefined) q = q.where('name', '!=', except);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

function roleOf(row: UserRecord): Role {
  const role = Role.safeParse(row.role);
  if (!role.success) throw new AppError('INTERNAL', `Gebruiker ${row.name} heeft een onbekende rol '${row.role}' in de database.`);
  return role.data;
}

export function toSessionUser(row: UserRecord): SessionUser {
  return {
    name: row.name,
    displayName: row.display_name,
    role: roleOf(row),
    careProviderId: row.care_provider_id,
    corporationId: row.corporation_id,
  };
}

export function toUserRow(row: UserRecord, lock: KeyLockState): UserRow {
  return {
    ...toSessionUser(row),
    active: row.active === 1,
    lockedUntil: lock.lockedUntil,
    lastLoginAt: row.last_login_at,
    version: row.version,
  };
}

/**
 * The binding must name an organisation that exists now (there is no foreign key: a region replace
 * must not be blocked by a user). Refused with the field that is wrong.
 */
export async function checkBinding(db: Kysely<DB>, binding: { careProviderId: string | null; corporationId: string | null }): Promise<void> {
  if (binding.careProviderId !== null) {
    const found = await db.selectFrom('care_providers').select('id').where('id', '=', binding.careProviderId).executeTakeFirst();
    if (!found) {
      throw new AppError('VALIDATION', `Zorgaanbieder ${binding.careProviderId} bestaat niet.`, [
        { path: 'careProviderId', message: `zorgaanbieder ${binding.careProviderId} bestaat niet` },
      ]);
    }
  }
  if (binding.corporationId !== null) {
    const found = await db.selectFrom('corporations').select('id').where('id', '=', binding.corporationId).executeTakeFirst();
    if (!found) {
      throw new AppError('VALIDATION', `Corporatie ${binding.corporationId} bestaat niet.`, [
        { path: 'corporationId', message: `corporatie ${binding.corporationId} bestaat niet` },
      ]);
    }
  }
}

/** A locked-out name, and until when (dd-mm-jjjj uu:mm, Dutch time). */
export function lockedMessage(name: string, lockedUntil: string): string {
  return `Te veel mislukte pogingen: ${name} is geblokkeerd tot ${formatMoment(lockedUntil)}. Probeer het daarna opnieuw, of vraag de voorzitter de blokkade op te heffen.`;
}

// Optimistic concurrency for the records people edit (clients, units, placements, reference data,
// policy): every update raises the record's version and stamps who and when; an update that started
// from an older version is refused with who changed it and when (no lost update). Node only.
import { type Kysely, sql } from 'kysely';
import { AppError } from '../../../shared/api/result';
import type { DB } from '../db/schema';
import { formatMoment } from '../../../shared/domain/moments';

/** Who changes a record, and when (ISO timestamp). */
export interface Stamp {
  by: string;
  at: string;
}

export function stampOf(ctx: { actor: string; now(): Date }): Stamp {
  return { by: ctx.actor, at: ctx.now().toISOString() };
}

/** The columns every update of a versioned record sets: the next version, who and when. */
export function nextVersion(stamp: Stamp) {
  return { version: sql<number>`version + 1`, updated_by: stamp.by, updated_at: stamp.at };
}

/** A record's version and last change, as read from its row. */
export interface VersionInfo {
  version: number;
  updated_by: string | null;
  updated_at: string | null;
}

/** Tables whose rows carry a version (migration 0005). */
export type VersionedTable =
  | 'clients'
  | 'units'
  | 'placements'
  | 'municipalities'
  | 'neighbourhoods'
  | 'corporations'
  | 'care_providers'
  | 'quotas'
  | 'policy_profiles';

/**
 * The refusal of a stale update: "Deze kandidaat is intussen gewijzigd door Piet Jansen op dd-mm-jjjj
 * hh:mm; laad opnieuw om de laatste gegevens te zien." `subject` is e.g. 'Deze kandidaat'.
 */
export async function staleError(db: Kysely<DB>, subject: string, current: VersionInfo, expected: number): Promise<AppError> {
  const who = current.updated_by ? ` door ${await shownName(db, current.updated_by)}` : '';
  const when = current.updated_at ? ` op ${formatMoment(current.updated_at)}` : '';
  return new AppError('STALE', `${subject} is intussen gewijzigd${who}${when}; laad opnieuw om de laatste gegevens te zien.`, [
    { path: 'expectedVersion', message: `u begon bij versie ${expected}; de huidige versie is ${current.version}` },
  ]);
}

/**
 * After an update guarded by `version = expected` changed no row: the record is gone (NOT_FOUND) or
 * someone changed it since (STALE, with who and when). Always throws.
 */
export async function refuseUnchanged(db: Kysely<DB>, subject: string, notFound: string, current: VersionInfo | undefined, expected: number): Promise<never> {
  if (!current) throw new AppError('NOT_FOUND', notFound);
  throw await staleError(db, subject, current, expected);
}

/**
 * How a person is named to a colleague: their display name ("Piet Jansen") when `name` is a user's,
 * else as recorded ('import', 'systeem', or a user since removed).
 */
async function shownName(db: Kysely<DB>, name: string): Promise<string> {
  const user = await db.selectFrom('users').select('display_name').where('name', '=', name).executeTakeFirst();
  return user?.display_name.trim() || name;
}

/** Raises the version of every row of the given tables past any version they had (whole-region import). */
export async function bumpAll(db: Kysely<DB>, tables: readonly VersionedTable[], previousMax: Map<VersionedTable, number>, stamp: Stamp): Promise<void> {
  for (const table of tables) {
    await db
      .updateTable(table)
      .set({ version: (previousMax.get(table) ?? 0) + 1, updated_by: stamp.by, updated_at: stamp.at })
      .execute();
  }
}

/** The highest version in each table (0 when empty). */
export async function maxVersions(db: Kysely<DB>, tables: readonly VersionedTable[]): Promise<Map<VersionedTable, number>> {
  const out = new Map<VersionedTable, number>();
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.max<number | null>('version').as('v'))
      .executeTakeFirst();
    out.set(table, Number(row?.v ?? 0));
  }
  return out;
}

/** A record's version and last change by its key: `id`, `code` (municipalities, neighbourhoods). */
export async function readVersionInfo(
  db: Kysely<DB>,
  table: Exclude<VersionedTable, 'quotas'>,
  key: string,
): Promise<VersionInfo | undefined> {
  const cols = ['version', 'updated_by', 'updated_at'] as const;
  if (table === 'municipalities' || table === 'neighbourhoods') {
    return db.selectFrom(table).select(cols).where('code', '=', key).executeTakeFirst();
  }
  return db.selectFrom(table).select(cols).where('id', '=', key).executeTakeFirst();
}

/** Rows an update changed (kysely reports a bigint). */
export const changedRows = (r: { numUpdatedRows: bigint }): number => Number(r.numUpdatedRows);

/** A row without its version columns (for audit details that record the data, not the bookkeeping). */
export function withoutVersion<T extends VersionInfo>(row: T): Omit<T, keyof VersionInfo> {
  const { version: _v, updated_by: _by, updated_at: _at, ...rest } = row;
  return rest;
}

// The round lock (issue 15): which chair prepares a round, since when, and their last activity, in
// `round_locks` (0016). Taking it is one statement — an insert, or an update of a lock that is the
// caller's own or has expired — so two chairs writing at once cannot both get it: on SQLite the
// writers queue, on PostgreSQL the second waits for the first's row and then sees it held. Call inside
// the transaction of the write it guards. Node only.
import { type Kysely, sql } from 'kysely';
import { AppError } from '../../../shared/api/result';
import { ROUND_LOCK_MINUTES, type RoundLock } from '../../../shared/api/rounds.contract';
import { formatMoment } from '../../../shared/domain/moments';
import type { DB } from '../db/schema';
import { readDisplayNames } from './rounds.repo';

export interface LockRow {
  round_id: number;
  holder: string;
  since: string;
  activity: string;
}

const LOCK_MS = ROUND_LOCK_MINUTES * 60_000;

/** Activity before this moment (ISO) no longer holds a lock. */
export const lockCutoff = (now: Date): string => new Date(now.getTime() - LOCK_MS).toISOString();

export const isLive = (row: Pick<LockRow, 'activity'>, now: Date): boolean => row.activity >= lockCutoff(now);

export const expiresAt = (row: Pick<LockRow, 'activity'>): string => new Date(new Date(row.activity).getTime() + LOCK_MS).toISOString();

export async function readLock(db: Kysely<DB>, roundId: number): Promise<LockRow | undefined> {
  const row = await db.selectFrom('round_locks').selectAll().where('round_id', '=', roundId).executeTakeFirst();
  return row ? { ...row, round_id: Number(row.round_id) } : undefined;
}

/** The live locks of these rounds (all rounds when omitted), as the caller sees them, by round id. */
export async function readLiveLocks(db: Kysely<DB>, now: Date, actor: string, roundIds?: number[]): Promise<Map<number, RoundLock>> {
  if (roundIds && roundIds.length === 0) return new Map();
  let q = db.selectFrom('round_locks').selectAll().where('activity', '>=', lockCutoff(now));
  if (roundIds) q = q.where('round_id', 'in', roundIds);
  const rows = await q.execute();
  const names = await readDisplayNames(db, rows.map((r) => r.holder));
  return new Map(rows.map((r) => [Number(r.round_id), lockOf(r, names[r.holder] ?? r.holder, actor)]));
}

export function lockOf(row: Omit<LockRow, 'round_id'>, holderName: string, actor: string): RoundLock {
  return { holder: row.holder, holderName, since: row.since, activity: row.activity, expiresAt: expiresAt(row), mine: row.holder === actor };
}

export async function holderName(db: Kysely<DB>, holder: string): Promise<string> {
  return (await readDisplayNames(db, [holder]))[holder] ?? holder;
}

/** The refusal of a preparing write while `row` (someone else's live lock) holds the round. */
export async function lockRefusal(db: Kysely<DB>, roundId: number, row: LockRow): Promise<AppError> {
  const name = await holderName(db, row.holder);
  return new AppError(
    'CONFLICT',
    `Ronde ${roundId} wordt voorbereid door ${name} sinds ${formatMoment(row.since)}; er is niets gewijzigd. ` +
      `Wacht tot ${name} de ronde vrijgeeft (of tot ${formatMoment(expiresAt(row))}, na ${ROUND_LOCK_MINUTES} minuten zonder activiteit), of neem de voorbereiding over.`,
  );
}

/**
 * Takes or renews the round's lock for `actor`: a free or expired lock is taken (since now), the
 * caller's own is renewed (its activity now). Another chair's live lock refuses the write (CONFLICT,
 * naming who and since when). Call inside the transaction of the write it guards.
 */
export async function claimLock(db: Kysely<DB>, roundId: number, actor: string, now: Date): Promise<void> {
  const at = now.toISOString();
  const cutoff = lockCutoff(now);
  const result = await db
    .insertInto('round_locks')
    .values({ round_id: roundId, holder: actor, since: at, activity: at })
    .onConflict((oc) =>
      oc
        .column('round_id')
        .doUpdateSet({
          holder: actor,
          // The holder's own live lock keeps its start; a taken one starts now.
          since: sql<string>`case when ${sql.ref('round_locks.holder')} = ${actor} and ${sql.ref('round_locks.activity')} >= ${cutoff} then ${sql.ref('round_locks.since')} else ${at} end`,
          activity: at,
        })
        .where((eb) => eb.or([eb('round_locks.holder', '=', actor), eb('round_locks.activity', '<', cutoff)])),
    )
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0n) > 0) return;
  const row = await readLock(db, roundId);
  if (!row) throw new AppError('CONFLICT', `Ronde ${roundId} werd tegelijk door iemand anders gewijzigd; er is niets gewijzigd. Probeer het opnieuw.`);
  throw await lockRefusal(db, roundId, row);
}

export async function deleteLock(db: Kysely<DB>, roundId: number): Promise<void> {
  await db.deleteFrom('round_locks').where('round_id', '=', roundId).execute();
}

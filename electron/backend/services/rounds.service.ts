// Handlers of the round methods (prepare, adjust, propose, compare, decide, close) and the follow-up
// of placements (dates, 6/12/24-month checks, to-do list). Runs in the backend (Node), behind the dispatcher.
import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../../../shared/api/result';
import { formatMoment } from '../../../shared/domain/moments';
import {
  type CompareOutput,
  DECLINE_REASON_LABELS,
  type HeldHome,
  OmklapRelease,
  type PlacementRow,
  type RoundDecision,
  type RoundPlanningState,
  type TodoItem,
  type roundsMethods,
} from '../../../shared/api/rounds.contract';
import type { Dataset } from '../../../shared/dataset/dataset.schema';
import { checkState, isFollowed } from '../../../shared/domain/followup';
import { closeRefusal, roundOutcome } from '../../../shared/domain/round-outcome';
import { homesByOccupant, homesMovedOutOf, type OccupiedHome, withMovesOut } from '../../../shared/engine/explain';
import type { PlanningSetting, Proposal, ProposeOptions, RoundControls } from '../../../shared/engine/round.schema';
import type { PolicySettings } from '../../../shared/domain/policy';
import { POLICY_CHOICE, type PlanningValues, effectivePlanning, planningOptionsOf } from '../../../shared/domain/round-planning';
import { policyFor } from '../../../shared/engine/model';
import type { HandlerContext } from '../api/context';
import type { Handler, HandlersFor } from '../api/dispatcher';
import type { ClientTable, DB } from '../db/schema';
import { runProposalInWorker } from '../engine/propose-runner';
import { arrivalModel, rateWindow } from '../../../shared/engine/plan';
import { readClients, readDataset } from '../repos/region.repo';
import { updateClientStatus, updateUnitStatus } from '../repos/register.repo';
import { changedRows, nextVersion, readVersionInfo, refuseUnchanged, stampOf } from '../repos/versions.repo';
import {
  type RoundRow,
  addMonths,
  listRoundSummaries,
  readClientMembers,
  readControls,
  readDecisions,
  readDisplayNames,
  readPlacements,
  readRoundRow,
  readUnitMembers,
  readVersion,
  readVersions,
  type StoredRoundPlanning,
  roundPlanningOf,
  summaryOf,
  toEngineControls,
} from '../repos/rounds.repo';
import { claimLock, deleteLock, holderName, isLive, lockOf, readLiveLocks, readLock } from '../repos/round-lock.repo';
import { currentPolicy, isoDay } from './region.service';

/** Time the engine may take per strategy (ms). */
const TIME_LIMIT_MS = 30_000;
/** Time for "what it would take" after the proposal (a 200x150 round needs about 2 s). */
const COUNTERFACTUAL_LIMIT_MS = 10_000;

const pairKey = (clientId: string, unitId: string) => `${clientId}|${unitId}`;

async function requireRound(db: Kysely<DB>, id: number): Promise<RoundRow> {
  const round = await readRoundRow(db, id);
  if (!round) throw new AppError('NOT_FOUND', `Ronde ${id} bestaat niet.`);
  return round;
}

/** A round that may still change: exists and is not closed. */
async function requireOpenRound(db: Kysely<DB>, id: number): Promise<RoundRow> {
  const round = await requireRound(db, id);
  if (round.status === 'closed') throw new AppError('CONFLICT', `Ronde ${id} is gesloten; wijzigingen zijn niet meer mogelijk.`);
  return round;
}

/**
 * An open round the caller may prepare now: takes or renews the round's lock for them (in the
 * transaction of the write it guards), or refuses while another chair holds it (CONFLICT, naming who
 * and since when).
 */
async function prepareRound(ctx: HandlerContext, id: number): Promise<RoundRow> {
  const round = await requireOpenRound(ctx.db, id);
  await claimLock(ctx.db, id, ctx.actor, ctx.now());
  return round;
}

/**
 * Writes `set` to a placement still at `expected` and raises its version; a placement changed since
 * (someone else's dates or check) is refused with who and when.
 */
async function claimPlacement(
  ctx: HandlerContext,
  id: string,
  expected: number,
  set: Partial<Record<'move_in_date' | 'support_start' | 'contract_form' | 'review_date' | 'lease_transfer_date', string | null>>,
): Promise<void> {
  const r = await ctx.db
    .updateTable('placements')
    .set({ ...set, ...nextVersion(stampOf(ctx)) })
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  if (changedRows(r) === 0) await refuseUnchanged(ctx.db, 'Deze plaatsing', `Plaatsing ${id} bestaat niet.`, await readVersionInfo(ctx.db, 'placements', id), expected);
}

async function requirePlacement(db: Kysely<DB>, id: string): Promise<PlacementRow> {
  const [row] = await readPlacements(db, { ids: [id] });
  if (!row) throw new AppError('NOT_FOUND', `Plaatsing ${id} bestaat niet.`);
  return row;
}

/** The region restricted to the round's included members; history (placements) stays whole. */
async function roundDataset(db: Kysely<DB>, roundId: number, register?: Dataset): Promise<Dataset> {
  const dataset = register ?? (await readDataset(db));
  if (!dataset) throw new AppError('NOT_FOUND', 'Er is nog geen regio ingelezen.');
  const clients = new Set((await readClientMembers(db, roundId)).filter((m) => m.included).map((m) => m.id));
  const units = new Set((await readUnitMembers(db, roundId)).filter((m) => m.included).map((m) => m.id));
  return { ...dataset, clients: dataset.clients.filter((c) => clients.has(c.id)), units: dataset.units.filter((u) => units.has(u.id)) };
}

/**
 * What proposing an open round takes: its candidates and homes (the register, with the round's members
 * only) and the options (window, date, the chair's controls and manual additions, and how the round
 * plans for later rounds), without the strategy. `setting` says which planning setting the options carry:
 * the policy's, or the round's own (rounds.setPlanning) over it. `ownPlanning: false` leaves the round's
 * own setting out, for callers that compare policies on the round (policies.whatIf).
 */
export async function roundProposeInput(
  db: Kysely<DB>,
  roundId: number,
  { ownPlanning = true }: { ownPlanning?: boolean } = {},
): Promise<{ dataset: Dataset; base: Omit<ProposeOptions, 'strategy'>; setting: PlanningSetting }> {
  const round = await requireOpenRound(db, roundId);
  // Only the round's candidates are read in full (a region may hold thousands who are not in it): the
  // rest of the register counts only in the region's pace of arrivals, counted in the database below.
  const members = (await readClientMembers(db, roundId)).filter((m) => m.included).map((m) => m.id);
  const register = await readDataset(db, { clientIds: members });
  if (!register) throw new AppError('NOT_FOUND', 'Er is nog geen regio ingelezen.');
  const dataset = await roundDataset(db, roundId, register);
  const controls: RoundControls = toEngineControls(await readControls(db, roundId));
  // Clients the chair added by hand take part whatever their readiness; the reason goes with them.
  const added = (await readClientMembers(db, roundId)).filter((m) => m.included && m.manual && m.reason.trim());
  if (added.length) controls.addedClients = added.map((m) => ({ clientId: m.id, reason: m.reason }));
  // Planning for later (plan.ts) draws its futures at the region's own pace: new ready clients and
  // free homes a month over the last year, from the whole register (the round holds only its members).
  const rates = { ...arrivalModel(register, round.date, null), clientsPerMonth: await readyClientsPerMonth(db, round.date) };
  // The round's own setting (spend now, or a hold of its own) wins over the policy's, as plan.ts merges them.
  const choice = ownPlanning ? roundPlanningOf(round).choice : POLICY_CHOICE;
  const policy = planningOfPolicy(policyFor(register, round.date)?.settings);
  const planning = { arrivalsPerMonth: { clients: rates.clientsPerMonth, units: rates.unitsPerMonth }, ...planningOptionsOf(choice) };
  const setting: PlanningSetting = { mode: choice.mode, ...effectivePlanning(choice, policy), policy };
  return { dataset, base: { window: { from: round.window_from, to: round.window_to }, referenceDate: round.date, controls, timeLimitMs: TIME_LIMIT_MS, planning }, setting };
}

/** arrivalModel's pace of new ready clients over the whole register (every status), counted in the database. */
async function readyClientsPerMonth(db: Kysely<DB>, date: string): Promise<number> {
  const { since, until, months } = rateWindow(date);
  const row = await db
    .selectFrom('clients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ready_date', '>', since)
    .where('ready_date', '<=', until)
    .executeTakeFirstOrThrow();
  return Number(row.n) / months;
}

/** The policy's planning setting (a policy saved before it existed, or none at all: 0 and 0, no planning). */
const planningOfPolicy = (settings: PolicySettings | undefined): PlanningValues => ({
  hold: settings?.planning?.hold ?? 0,
  emptyHomeMonthCost: settings?.planning?.emptyHomeMonthCost ?? 0,
});

/** How the round plans: the chair's choice (or the policy's), who set it, and the values the next proposal uses. */
async function roundPlanningState(db: Kysely<DB>, round: RoundRow): Promise<RoundPlanningState> {
  const { choice, setAt, setBy } = roundPlanningOf(round);
  const policy = planningOfPolicy((await currentPolicy(db, round.date))?.settings);
  return { choice, setAt, setBy, policy, effective: effectivePlanning(choice, policy) };
}

/** The newest round that is not closed, or null. */
export async function newestOpenRound(db: Kysely<DB>): Promise<number | null> {
  const row = await db.selectFrom('rounds').select('id').where('status', '!=', 'closed').orderBy('date', 'desc').orderBy('id', 'desc').executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** The region's homes held for an occupant (omklap tenants; let homes name their tenant too). */
async function readOccupiedHomes(db: Kysely<DB>): Promise<(OccupiedHome & { availableFrom: string })[]> {
  const rows = await db
    .selectFrom('units')
    .select(['id', 'kind', 'status', 'occupant_client_id', 'available_from'])
    .where('occupant_client_id', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, status: r.status, occupantClientId: r.occupant_client_id, availableFrom: r.available_from }));
}

/**
 * What closing frees, for pairs that will be (or were just) placed: each other home the placed client
 * is the occupant of and that is not let (see homesMovedOutOf). A home that is itself a destination
 * of the round is not freed: it is let to its new tenant.
 */
function releasesOf(placed: readonly { clientId: string; unitId: string }[], homes: readonly OccupiedHome[]): OmklapRelease[] {
  const byOccupant = homesByOccupant(homes);
  const destinations = new Set(placed.map((p) => p.unitId));
  return placed.flatMap((p) =>
    homesMovedOutOf(p.clientId, p.unitId, byOccupant)
      .filter((h) => !destinations.has(h.id))
      .map((h) => ({ unitId: h.id, kind: h.kind, clientId: p.clientId, toUnitId: p.unitId })),
  );
}

/** The homes a closed round freed, as its close recorded them (none for a round closed before this was recorded). */
async function readRecordedReleases(db: Kysely<DB>, roundId: number): Promise<OmklapRelease[]> {
  const entry = await db
    .selectFrom('audit_log')
    .select('detail')
    .where('action', '=', 'close')
    .where('entity', '=', 'round')
    .where('entity_id', '=', String(roundId))
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!entry) return [];
  try {
    const parsed = OmklapRelease.array().safeParse((JSON.parse(entry.detail) as { released?: unknown }).released ?? []);
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/**
 * Homes still held for an occupant who no longer lives there by the register: the occupant is placed
 * in another home or archived, yet the home is not let and keeps them (rule OMKLAP_OCCUPIED) — stuck
 * since before rounds released them, or after a status changed by hand. The chair frees them by hand.
 */
async function readHeldHomes(db: Kysely<DB>): Promise<HeldHome[]> {
  const rows = await db
    .selectFrom('units as u')
    .innerJoin('clients as c', 'c.id', 'u.occupant_client_id')
    .select(['u.id as unitId', 'u.kind as kind', 'c.id as clientId', 'c.status as clientStatus'])
    .where('u.status', '!=', 'let')
    .where('c.status', 'in', ['placed', 'archived'])
    .orderBy('u.id')
    .execute();
  const out: HeldHome[] = [];
  for (const r of rows) {
    const last = await db
      .selectFrom('placements')
      .select('unit_id')
      .where('client_id', '=', r.clientId)
      .orderBy('date', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const placedAt = last?.unit_id ?? null;
    // Placed in this very home (its status changed by hand since): not held for someone elsewhere.
    if (r.clientStatus === 'placed' && placedAt === r.unitId) continue;
    out.push({ ...r, placedAt });
  }
  return out;
}

function pairsOf(p: Proposal): Map<string, string> {
  return new Map(p.matches.map((m) => [m.clientId, m.unitId]));
}

export function compareProposals(a: Proposal, b: Proposal): Pick<CompareOutput, 'onlyInA' | 'onlyInB' | 'moved' | 'unchanged'> {
  const inA = pairsOf(a);
  const inB = pairsOf(b);
  const keysB = new Set(b.matches.map((m) => pairKey(m.clientId, m.unitId)));
  const keysA = new Set(a.matches.map((m) => pairKey(m.clientId, m.unitId)));
  const onlyInA = a.matches.filter((m) => !keysB.has(pairKey(m.clientId, m.unitId))).map((m) => ({ clientId: m.clientId, unitId: m.unitId }));
  const onlyInB = b.matches.filter((m) => !keysA.has(pairKey(m.clientId, m.unitId))).map((m) => ({ clientId: m.clientId, unitId: m.unitId }));
  const unchanged = a.matches.filter((m) => keysB.has(pairKey(m.clientId, m.unitId))).map((m) => ({ clientId: m.clientId, unitId: m.unitId }));
  const moved: CompareOutput['moved'] = [];
  for (const [clientId, fromUnitId] of inA) {
    const toUnitId = inB.get(clientId);
    if (toUnitId !== undefined && toUnitId !== fromUnitId) moved.push({ clientId, fromUnitId, toUnitId });
  }
  return { onlyInA, onlyInB, moved, unchanged };
}

async function insertControl(
  ctx: HandlerContext,
  roundId: number,
  c: { kind: string; clientId: string | null; unitId: string | null; reason: string; source: 'chair' | 'decision' },
): Promise<number> {
  const row = await ctx.db
    .insertInto('round_controls')
    .values({
      round_id: roundId,
      kind: c.kind,
      client_id: c.clientId,
      unit_id: c.unitId,
      reason: c.reason,
      source: c.source,
      created_at: ctx.now().toISOString(),
      created_by: ctx.actor,
      lifted_at: null,
      lifted_by: null,
      lift_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function liftControlRow(ctx: HandlerContext, controlId: number, reason: string): Promise<void> {
  await ctx.db
    .updateTable('round_controls')
    .set({ lifted_at: ctx.now().toISOString(), lifted_by: ctx.actor, lift_reason: reason })
    .where('id', '=', controlId)
    .execute();
}

/** Whole years between a birth date and a day (both yyyy-mm-dd). */
function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5, 10) < birthDate.slice(5, 10) ? years - 1 : years;
}

/** The client's monitor facts on the placement date, for the placement's snapshot columns (0011). */
function monitorSnapshot(c: Selectable<ClientTable>, day: string) {
  let children = 0;
  try {
    const ages = JSON.parse(c.children_ages_json) as unknown;
    children = Array.isArray(ages) ? ages.length : 0;
  } catch {
    children = 0;
  }
  return {
    target_group: c.target_group,
    gender: c.gender,
    age: ageOn(c.birth_date, day),
    adults: c.adults,
    children,
    care_provider_id: c.care_provider_id,
    support_intensity: c.support_intensity,
    funding_frame: c.funding_frame ?? null,
    ready_date: c.ready_date,
    care_since: c.care_since ?? null,
  };
}

const TODO_LABELS = {
  'move-in': 'Verhuisdatum',
  'support-start': 'Start begeleiding',
  review: 'Omklapdatum: evaluatie onderhuur',
  'lease-transfer': 'Huurcontract op eigen naam',
} as const;

/**
 * Part of closing a round (in its transaction): each home held for a client the round placed in another
 * home comes free. The occupant is cleared; kind and status stay — an omklap home without an occupant is
 * the provider's sublet for the next client, available like any other home of its corporation — and it is
 * free from the round's date at the earliest. Each release is in the home's history (audit).
 */
async function releaseMovedOut(ctx: HandlerContext, round: RoundRow, placed: { clientId: string; unitId: string }[]): Promise<OmklapRelease[]> {
  const homes = await readOccupiedHomes(ctx.db);
  const released = releasesOf(placed, homes);
  const byId = new Map(homes.map((h) => [h.id, h]));
  const stamp = stampOf(ctx);
  for (const r of released) {
    const home = byId.get(r.unitId)!;
    const availableFrom = home.availableFrom > round.date ? home.availableFrom : round.date;
    const moved = availableFrom !== home.availableFrom;
    const result = await ctx.db
      .updateTable('units')
      .set({ occupant_client_id: null, available_from: availableFrom, ...nextVersion(stamp) })
      .where('id', '=', r.unitId)
      .where('occupant_client_id', '=', r.clientId)
      .executeTakeFirst();
    if (changedRows(result) === 0) throw new AppError('CONFLICT', `Woning ${r.unitId} is intussen gewijzigd; de ronde is niet afgesloten. Probeer het opnieuw.`);
    await ctx.audit({
      action: 'update',
      entity: 'unit',
      entityId: r.unitId,
      detail: {
        fields: ['occupantClientId', ...(moved ? ['availableFrom'] : [])],
        before: { occupantClientId: r.clientId, ...(moved ? { availableFrom: home.availableFrom } : {}) },
        after: { occupantClientId: null, ...(moved ? { availableFrom } : {}) },
        reason: `ronde ${round.id} afgesloten: de bewoner verhuist naar ${r.toUnitId}, de ${home.kind === 'omklap' ? 'omklapwoning' : 'woning'} komt vrij`,
      },
    });
  }
  return released;
}

/**
 * Records the corporation's decision and the client's answer on one pair (rounds.decide, after the
 * round lock; and the decisions file a chair or liaison reads in, which is the corporation's word and
 * not a chair's preparation: it neither takes nor waits for the lock; each pair is guarded by
 * seenDecidedAt).
 */
export async function recordDecision(ctx: HandlerContext, input: Parameters<Handler<'rounds.decide'>>[1]): Promise<RoundDecision> {
  await requireOpenRound(ctx.db, input.roundId);
  const v = await readVersion(ctx.db, input.roundId, input.version);
  if (!v) throw new AppError('NOT_FOUND', `Ronde ${input.roundId} heeft geen voorstel versie ${input.version}.`);
  if (!v.proposal.matches.some((m) => m.clientId === input.clientId && m.unitId === input.unitId)) {
    throw new AppError('CONFLICT', `Het paar ${input.clientId} – ${input.unitId} staat niet in versie ${input.version} van het voorstel.`);
  }
  const before = (await readDecisions(ctx.db, input.roundId)).find((d) => d.clientId === input.clientId && d.unitId === input.unitId) ?? null;
  if ((before?.decidedAt ?? null) !== input.seenDecidedAt) {
    const pair = `${input.clientId} – ${input.unitId}`;
    throw new AppError(
      'STALE',
      before
        ? `Over ${pair} is intussen besloten door ${before.decidedBy}${before.onBehalfOf ? ` (namens ${before.onBehalfOf})` : ''} op ${formatMoment(before.decidedAt)}; laad opnieuw om het laatste besluit te zien.`
        : `Het besluit over ${pair} bestaat niet meer; laad opnieuw om de laatste gegevens te zien.`,
    );
  }
  const decision: RoundDecision = {
    version: input.version,
    clientId: input.clientId,
    unitId: input.unitId,
    decision: input.decision,
    conditions: input.decision === 'accepted-conditions' ? (input.conditions ?? '').trim() : null,
    declineReason: input.decision === 'declined' ? (input.declineReason ?? 'other') : null,
    note: input.note ?? '',
    clientAnswer: input.clientAnswer,
    decidedBy: ctx.actor,
    decidedAt: ctx.now().toISOString(),
    onBehalfOf: input.onBehalfOf?.trim() || null,
  };
  const row = {
    round_id: input.roundId,
    client_id: decision.clientId,
    unit_id: decision.unitId,
    version: decision.version,
    decision: decision.decision,
    conditions: decision.conditions,
    decline_reason: decision.declineReason,
    note: decision.note,
    client_answer: decision.clientAnswer,
    decided_by: decision.decidedBy,
    decided_at: decision.decidedAt,
    on_behalf_of: decision.onBehalfOf,
  };
  await ctx.db
    .insertInto('round_decisions')
    .values(row)
    .onConflict((oc) => oc.columns(['round_id', 'client_id', 'unit_id']).doUpdateSet(row))
    .execute();
  // A declined pair is forbidden in the next run (a control the chair can lift); a changed mind lifts it.
  const active = (await readControls(ctx.db, input.roundId)).filter(
    (c) => !c.lifted && c.source === 'decision' && c.clientId === input.clientId && c.unitId === input.unitId,
  );
  let controlId: number | null = null;
  if (decision.decision === 'declined' && active.length === 0) {
    const label = DECLINE_REASON_LABELS[decision.declineReason ?? 'other'];
    controlId = await insertControl(ctx, input.roundId, {
      kind: 'forbid',
      clientId: input.clientId,
      unitId: input.unitId,
      reason: `Afgewezen in deze ronde: ${label}`,
      source: 'decision',
    });
  } else if (decision.decision !== 'declined') {
    for (const c of active) await liftControlRow(ctx, c.id, 'Besluit gewijzigd: niet langer afgewezen');
  }
  await ctx.audit({
    action: 'decide',
    entity: 'round',
    entityId: String(input.roundId),
    detail: { ...decision, before, forbidControlId: controlId },
  });
  return decision;
}

export const roundsHandlers: HandlersFor<typeof roundsMethods> = {
  async 'rounds.list'(ctx) {
    const rounds = await listRoundSummaries(ctx.db);
    const locks = await readLiveLocks(ctx.db, ctx.now(), ctx.actor);
    return rounds.map((r) => ({ ...r, lock: r.status === 'closed' ? null : (locks.get(r.id) ?? null) }));
  },

  async 'rounds.create'(ctx, input) {
    const today = isoDay(ctx.now());
    const policy = await currentPolicy(ctx.db, input.date);
    const items = policy?.settings.readinessItems ?? [];
    const clients = (await readClients(ctx.db)).filter((c) => c.status === 'active');
    const units = await ctx.db
      .selectFrom('units')
      .select(['id'])
      .where('status', '=', 'available')
      .where('available_from', '<=', input.windowTo)
      .orderBy('id')
      .execute();
    const { id } = await ctx.db
      .insertInto('rounds')
      .values({
        date: input.date,
        window_from: input.windowFrom,
        window_to: input.windowTo,
        note: input.note ?? '',
        status: 'preparing',
        created_at: ctx.now().toISOString(),
        created_by: ctx.actor,
        closed_at: null,
        closed_by: null,
        planning_json: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Whoever creates the round prepares it.
    await claimLock(ctx.db, id, ctx.actor, ctx.now());
    let included = 0;
    for (const c of clients) {
      const done = new Set(c.readiness.filter((r) => r.done).map((r) => r.item));
      const open = items.filter((i) => !done.has(i.key)).map((i) => i.label);
      const ok = c.housingFirst || open.length === 0;
      if (ok) included++;
      const reason = ok
        ? c.housingFirst && open.length
          ? 'Housing First: de voorwaarden voor uitstroom gelden niet'
          : ''
        : `Nog niet woonrijp; open voorwaarden: ${open.join('; ')}`;
      await ctx.db
        .insertInto('round_clients')
        .values({ round_id: id, client_id: c.id, included: ok ? 1 : 0, reason, open_items_json: JSON.stringify(open), manual: 0 })
        .execute();
    }
    for (const u of units) {
      await ctx.db.insertInto('round_units').values({ round_id: id, unit_id: u.id, included: 1, reason: '', manual: 0 }).execute();
    }
    await ctx.audit({
      action: 'create',
      entity: 'round',
      entityId: String(id),
      detail: {
        date: input.date,
        window: { from: input.windowFrom, to: input.windowTo },
        clientsIncluded: included,
        clientsExcluded: clients.length - included,
        units: units.length,
        preparedOn: today,
      },
    });
    return { id };
  },

  async 'rounds.get'(ctx, { id }) {
    const round = await requireRound(ctx.db, id);
    const [summary, clients, units, controls, versions, decisions] = await Promise.all([
      summaryOf(ctx.db, round),
      readClientMembers(ctx.db, id),
      readUnitMembers(ctx.db, id),
      readControls(ctx.db, id),
      readVersions(ctx.db, id),
      readDecisions(ctx.db, id),
    ]);
    const latest = versions.at(-1);
    const outcome = latest ? roundOutcome(latest.proposal.matches, decisions) : [];
    const releases =
      round.status === 'closed' ? await readRecordedReleases(ctx.db, id) : releasesOf(outcome.filter((o) => o.fate === 'placed'), await readOccupiedHomes(ctx.db));
    const heldHomes = await readHeldHomes(ctx.db);
    const planning = await roundPlanningState(ctx.db, round);
    const names = [round.created_by, round.closed_by, planning.setBy, ...decisions.map((d) => d.decidedBy), ...controls.flatMap((c) => [c.createdBy, c.liftedBy])];
    const people = await readDisplayNames(ctx.db, names.filter((n): n is string => !!n));
    const lock = round.status === 'closed' ? null : ((await readLiveLocks(ctx.db, ctx.now(), ctx.actor, [id])).get(id) ?? null);
    return { ...summary, lock, clients, units, controls, versions: versions.map((v) => v.summary), decisions, outcome, releases, heldHomes, planning, people };
  },

  async 'rounds.setMember'(ctx, input) {
    await prepareRound(ctx, input.roundId);
    const table = input.kind === 'client' ? 'round_clients' : 'round_units';
    const existing =
      input.kind === 'client'
        ? await ctx.db.selectFrom('round_clients').select(['included', 'reason']).where('round_id', '=', input.roundId).where('client_id', '=', input.id).executeTakeFirst()
        : await ctx.db.selectFrom('round_units').select(['included', 'reason']).where('round_id', '=', input.roundId).where('unit_id', '=', input.id).executeTakeFirst();
    if (existing) {
      if (input.kind === 'client') {
        await ctx.db
          .updateTable('round_clients')
          .set({ included: input.included ? 1 : 0, reason: input.reason, manual: 1 })
          .where('round_id', '=', input.roundId)
          .where('client_id', '=', input.id)
          .execute();
      } else {
        await ctx.db
          .updateTable('round_units')
          .set({ included: input.included ? 1 : 0, reason: input.reason, manual: 1 })
          .where('round_id', '=', input.roundId)
          .where('unit_id', '=', input.id)
          .execute();
      }
    } else if (input.kind === 'client') {
      const client = await ctx.db.selectFrom('clients').select('id').where('id', '=', input.id).executeTakeFirst();
      if (!client) throw new AppError('NOT_FOUND', `Cliënt ${input.id} bestaat niet.`);
      await ctx.db
        .insertInto('round_clients')
        .values({ round_id: input.roundId, client_id: input.id, included: input.included ? 1 : 0, reason: input.reason, open_items_json: '[]', manual: 1 })
        .execute();
    } else {
      const unit = await ctx.db.selectFrom('units').select('id').where('id', '=', input.id).executeTakeFirst();
      if (!unit) throw new AppError('NOT_FOUND', `Woning ${input.id} bestaat niet.`);
      await ctx.db
        .insertInto('round_units')
        .values({ round_id: input.roundId, unit_id: input.id, included: input.included ? 1 : 0, reason: input.reason, manual: 1 })
        .execute();
    }
    await ctx.audit({
      action: input.included ? 'member-add' : 'member-drop',
      entity: 'round',
      entityId: String(input.roundId),
      detail: { table, kind: input.kind, id: input.id, included: input.included, reason: input.reason, before: existing ?? null },
    });
    return { ok: true as const };
  },

  async 'rounds.addControl'(ctx, input) {
    await prepareRound(ctx, input.roundId);
    const clientId = input.kind === 'set-aside-unit' ? null : (input.clientId ?? null);
    const unitId = input.kind === 'set-aside-client' ? null : (input.unitId ?? null);
    if (clientId) {
      const m = await ctx.db.selectFrom('round_clients').select('client_id').where('round_id', '=', input.roundId).where('client_id', '=', clientId).executeTakeFirst();
      if (!m) throw new AppError('NOT_FOUND', `Cliënt ${clientId} hoort niet bij ronde ${input.roundId}.`);
    }
    if (unitId) {
      const m = await ctx.db.selectFrom('round_units').select('unit_id').where('round_id', '=', input.roundId).where('unit_id', '=', unitId).executeTakeFirst();
      if (!m) throw new AppError('NOT_FOUND', `Woning ${unitId} hoort niet bij ronde ${input.roundId}.`);
    }
    const id = await insertControl(ctx, input.roundId, { kind: input.kind, clientId, unitId, reason: input.reason, source: 'chair' });
    await ctx.audit({
      action: 'control-add',
      entity: 'round',
      entityId: String(input.roundId),
      detail: { controlId: id, kind: input.kind, clientId, unitId, reason: input.reason },
    });
    return { id };
  },

  async 'rounds.liftControl'(ctx, input) {
    await prepareRound(ctx, input.roundId);
    const control = (await readControls(ctx.db, input.roundId)).find((c) => c.id === input.controlId);
    if (!control) throw new AppError('NOT_FOUND', `Maatregel ${input.controlId} hoort niet bij ronde ${input.roundId}.`);
    if (control.lifted) throw new AppError('CONFLICT', `Maatregel ${input.controlId} is al opgeheven.`);
    await liftControlRow(ctx, control.id, input.reason);
    await ctx.audit({
      action: 'control-lift',
      entity: 'round',
      entityId: String(input.roundId),
      detail: { controlId: control.id, kind: control.kind, source: control.source, clientId: control.clientId, unitId: control.unitId, reason: input.reason },
    });
    return { ok: true as const };
  },

  async 'rounds.setPlanning'(ctx, input) {
    const round = await prepareRound(ctx, input.roundId);
    const before = await roundPlanningState(ctx.db, round);
    // The choice as the API checked it, with an absent empty home-month cost made explicit (the policy's).
    const choice = input.planning.mode === 'custom' ? { mode: 'custom' as const, hold: input.planning.hold, emptyHomeMonthCost: input.planning.emptyHomeMonthCost ?? null } : input.planning;
    const stored: StoredRoundPlanning = { choice, setAt: ctx.now().toISOString(), setBy: ctx.actor };
    await ctx.db.updateTable('rounds').set({ planning_json: JSON.stringify(stored) }).where('id', '=', input.roundId).execute();
    const after = await roundPlanningState(ctx.db, { ...round, planning_json: JSON.stringify(stored) });
    await ctx.audit({
      action: 'planning-set',
      entity: 'round',
      entityId: String(input.roundId),
      detail: { before: before.choice, after: after.choice, policy: after.policy, effective: after.effective },
    });
    return after;
  },

  async 'rounds.propose'(ctx, { roundId }) {
    // The lock first (its own short transaction): another chair's preparation refuses before the run,
    // and the run's seconds count as the holder's activity.
    await ctx.transaction((tx) => prepareRound(tx, roundId));
    const { dataset, base, setting } = await roundProposeInput(ctx.db, roundId);
    const controls = base.controls;
    // The proposal says what it would take for each unplaced client and empty home (counterfactual.ts).
    const optimalOptions: ProposeOptions = { ...base, strategy: 'optimal', counterfactuals: { timeLimitMs: COUNTERFACTUAL_LIMIT_MS } };
    const greedyOptions: ProposeOptions = { ...base, strategy: 'greedy' };
    const [proposal, greedy] = await Promise.all([
      runProposalInWorker(dataset, optimalOptions, ctx.signal),
      runProposalInWorker(dataset, greedyOptions, ctx.signal),
    ]);
    if (ctx.signal.aborted) throw new AppError('CANCELLED', 'Het voorstel is gestopt.');
    // The engine saw the round's homes only: name every home of the region a match moves its occupant out of.
    const occupied = await readOccupiedHomes(ctx.db);
    proposal.matches = withMovesOut(proposal.matches, occupied);
    greedy.matches = withMovesOut(greedy.matches, occupied);
    // The proposal says which planning setting it was made with: the policy's or the round's own.
    proposal.planningSetting = setting;
    // The version and its audit entry commit together.
    const version = await ctx.transaction((tx) => storeVersion(tx));
    return { version, proposal, greedy };

    async function storeVersion(tx: HandlerContext): Promise<number> {
      // Still the caller's: a chair who took the round over meanwhile keeps it, and this run is not stored.
      await prepareRound(tx, roundId);
      const last = await tx.db
        .selectFrom('round_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('round_id', '=', roundId)
        .executeTakeFirst();
      const next = Number(last?.v ?? 0) + 1;
      await tx.db
        .insertInto('round_versions')
        .values({
          round_id: roundId,
          version: next,
          strategy: proposal.strategy,
          created_at: tx.now().toISOString(),
          created_by: tx.actor,
          policy_id: proposal.policyId,
          total_score: proposal.totalScore,
          proposal_json: JSON.stringify(proposal),
          greedy_json: JSON.stringify(greedy),
          controls_json: JSON.stringify(controls),
        })
        .execute();
      await tx.db.updateTable('rounds').set({ status: 'proposed' }).where('id', '=', roundId).execute();
      await tx.audit({
        action: 'propose',
        entity: 'round',
        entityId: String(roundId),
        detail: {
          version: next,
          policyId: proposal.policyId,
          totalScore: proposal.totalScore,
          placed: proposal.matches.length,
          optimality: proposal.optimality.status,
          greedyTotalScore: greedy.totalScore,
          greedyPlaced: greedy.matches.length,
          planning: { ...setting, heldPlaces: (proposal.planning?.held ?? []).reduce((n, h) => n + h.places, 0) },
          controls: {
            locks: controls.locks.length,
            forbids: controls.forbids.length,
            setAsideClients: controls.setAsideClients.length,
            setAsideUnits: controls.setAsideUnits.length,
          },
        },
      });
      return next;
    }
  },

  async 'rounds.proposal'(ctx, { roundId, version }) {
    await requireRound(ctx.db, roundId);
    const v = await readVersion(ctx.db, roundId, version);
    if (!v) throw new AppError('NOT_FOUND', `Ronde ${roundId} heeft geen voorstel versie ${version}.`);
    return { proposal: v.proposal, greedy: v.greedy };
  },

  async 'rounds.compare'(ctx, { roundId, a, b }) {
    await requireRound(ctx.db, roundId);
    const va = await readVersion(ctx.db, roundId, a);
    const vb = await readVersion(ctx.db, roundId, b);
    if (!va) throw new AppError('NOT_FOUND', `Ronde ${roundId} heeft geen voorstel versie ${a}.`);
    if (!vb) throw new AppError('NOT_FOUND', `Ronde ${roundId} heeft geen voorstel versie ${b}.`);
    return {
      a: { version: a, totalScore: va.proposal.totalScore, figures: va.proposal.figures },
      b: { version: b, totalScore: vb.proposal.totalScore, figures: vb.proposal.figures },
      ...compareProposals(va.proposal, vb.proposal),
    };
  },

  async 'rounds.decide'(ctx, input) {
    await prepareRound(ctx, input.roundId);
    return recordDecision(ctx, input);
  },

  async 'rounds.close'(ctx, { roundId, note }) {
    const round = await prepareRound(ctx, roundId);
    const stamp = stampOf(ctx);
    const versions = await readVersions(ctx.db, roundId);
    const latest = versions.at(-1);
    if (!latest) throw new AppError('CONFLICT', `Ronde ${roundId} heeft nog geen voorstel; sluiten kan pas na een voorstel met besluiten.`);
    const decisions = await readDecisions(ctx.db, roundId);
    const byPair = new Map(decisions.map((d) => [pairKey(d.clientId, d.unitId), d]));
    const missing = latest.proposal.matches.filter((m) => !byPair.has(pairKey(m.clientId, m.unitId)));
    if (missing.length) {
      throw new AppError(
        'CONFLICT',
        `${closeRefusal(missing.length)} (versie ${latest.summary.version}): ${missing.map((m) => `${m.clientId} – ${m.unitId}`).join(', ')}.`,
      );
    }
    const clients = new Map((await readClients(ctx.db, latest.proposal.matches.map((m) => m.clientId))).map((c) => [c.id, c]));
    const outcome = roundOutcome(latest.proposal.matches, decisions);
    const placements: { id: string; clientId: string; unitId: string }[] = [];
    const record: RoundDecision[] = [];
    for (const m of outcome) {
      const d = byPair.get(pairKey(m.clientId, m.unitId));
      if (d) record.push(d);
      // Back to the pool, or waiting for the client's answer: no placement; both stay in the outcome.
      if (m.fate !== 'placed' || !d) continue;
      const client = clients.get(m.clientId);
      const unit = await ctx.db.selectFrom('units').selectAll().where('id', '=', m.unitId).executeTakeFirst();
      const facts = await ctx.db.selectFrom('clients').selectAll().where('id', '=', m.clientId).executeTakeFirst();
      if (!client || !unit || !facts) throw new AppError('NOT_FOUND', `Cliënt ${m.clientId} of woning ${m.unitId} bestaat niet meer.`);
      const id = `P-R${roundId}-${m.clientId}`;
      const placement = {
        id,
        client_id: m.clientId,
        unit_id: m.unitId,
        date: round.date,
        origin_municipality_code: client.originMunicipalityCode,
        destination_municipality_code: unit.municipality_code,
        neighbourhood_code: unit.neighbourhood_code,
        complex: unit.complex,
        corporation_id: unit.corporation_id,
        round_id: roundId,
        // The monitor's snapshot (0011): the client's facts at placement, so the figures survive erasure.
        ...monitorSnapshot(facts, round.date),
        unit_kind: unit.kind,
      };
      await ctx.db.insertInto('placements').values(placement).execute();
      await updateClientStatus(ctx.db, m.clientId, 'placed', stamp);
      await updateUnitStatus(ctx.db, m.unitId, 'let', stamp, m.clientId);
      await ctx.audit({ action: 'create', entity: 'placement', entityId: id, detail: { ...placement, decision: d.decision, conditions: d.conditions } });
      placements.push({ id, clientId: m.clientId, unitId: m.unitId });
    }
    const released = await releaseMovedOut(ctx, round, placements);
    await ctx.db
      .updateTable('rounds')
      .set({ status: 'closed', closed_at: ctx.now().toISOString(), closed_by: ctx.actor, note: note ? `${round.note}${round.note ? '\n' : ''}${note}` : round.note })
      .where('id', '=', roundId)
      .execute();
    // A closed round is prepared no more.
    await deleteLock(ctx.db, roundId);
    // Accepted by the corporation but not placed (the client's answer pending or a refusal): said, not dropped.
    const notPlaced = outcome
      .filter((o) => o.fate !== 'placed' && byPair.get(pairKey(o.clientId, o.unitId))?.decision !== 'declined')
      .map((o) => ({ clientId: o.clientId, unitId: o.unitId }));
    const declined = outcome.filter((o) => byPair.get(pairKey(o.clientId, o.unitId))?.decision === 'declined').length;
    const waiting = outcome.filter((o) => o.fate === 'waiting').map((o) => ({ clientId: o.clientId, unitId: o.unitId }));
    const returned = outcome.filter((o) => o.fate === 'returned').map((o) => ({ clientId: o.clientId, unitId: o.unitId, by: o.by, declineReason: o.declineReason }));
    await ctx.audit({
      action: 'close',
      entity: 'round',
      entityId: String(roundId),
      detail: { version: latest.summary.version, decisions: record, placements, declined, notPlaced, waiting, returned, released, note: note ?? '' },
    });
    return { placements, declined, notPlaced, outcome, released };
  },

  async 'rounds.release'(ctx, { roundId }) {
    await requireRound(ctx.db, roundId);
    const lock = await readLock(ctx.db, roundId);
    if (!lock) throw new AppError('CONFLICT', `Niemand bereidt ronde ${roundId} voor; er is niets vrij te geven.`);
    if (lock.holder !== ctx.actor) {
      const name = await holderName(ctx.db, lock.holder);
      throw new AppError(
        'CONFLICT',
        isLive(lock, ctx.now())
          ? `Ronde ${roundId} wordt voorbereid door ${name}, niet door u; alleen ${name} kan haar vrijgeven (of neem de voorbereiding over).`
          : `U bereidt ronde ${roundId} niet voor; er is niets vrij te geven.`,
      );
    }
    await deleteLock(ctx.db, roundId);
    await ctx.audit({ action: 'lock-release', entity: 'round', entityId: String(roundId), detail: { since: lock.since, activity: lock.activity } });
    return { ok: true as const };
  },

  async 'rounds.takeOver'(ctx, { roundId, holder }) {
    await requireOpenRound(ctx.db, roundId);
    const now = ctx.now();
    const at = now.toISOString();
    const lock = await readLock(ctx.db, roundId);
    const live = !!lock && isLive(lock, now);
    if (live && lock.holder === ctx.actor) throw new AppError('CONFLICT', `U bereidt ronde ${roundId} al voor; er is niets over te nemen.`);
    const changed = async () => {
      const current = await readLock(ctx.db, roundId);
      const who = current && isLive(current, now) ? `wordt intussen voorbereid door ${await holderName(ctx.db, current.holder)}` : 'is intussen vrijgegeven';
      return new AppError('STALE', `Ronde ${roundId} ${who}; er is niets overgenomen. Laad opnieuw en kies dan opnieuw.`);
    };
    // The holder the chair saw: taking it from someone else unseen would be a surprise to both.
    if (live && lock.holder !== holder) throw await changed();
    // From the very state read (a chair taking it at the same moment wins or loses as a whole).
    const taken = lock
      ? await ctx.db
          .updateTable('round_locks')
          .set({ holder: ctx.actor, since: at, activity: at })
          .where('round_id', '=', roundId)
          .where('holder', '=', lock.holder)
          .where('activity', '=', lock.activity)
          .executeTakeFirst()
          .then((r) => Number(r.numUpdatedRows))
      : await ctx.db
          .insertInto('round_locks')
          .values({ round_id: roundId, holder: ctx.actor, since: at, activity: at })
          .onConflict((oc) => oc.column('round_id').doNothing())
          .executeTakeFirst()
          .then((r) => Number(r.numInsertedOrUpdatedRows ?? 0n));
    if (taken === 0) throw await changed();
    await ctx.audit({
      action: 'lock-take-over',
      entity: 'round',
      entityId: String(roundId),
      detail: { previous: lock?.holder ?? null, previousSince: lock?.since ?? null, previousActivity: lock?.activity ?? null, expired: !!lock && !live },
    });
    return lockOf({ holder: ctx.actor, since: at, activity: at }, await holderName(ctx.db, ctx.actor), ctx.actor);
  },

  async 'placements.list'(ctx, input) {
    return readPlacements(ctx.db, { roundId: input.roundId, clientId: input.clientId, unitId: input.unitId });
  },

  async 'placements.update'(ctx, input) {
    const before = await requirePlacement(ctx.db, input.id);
    const set: Partial<Record<'move_in_date' | 'support_start' | 'contract_form' | 'review_date' | 'lease_transfer_date', string | null>> = {};
    if (input.moveInDate !== undefined) set.move_in_date = input.moveInDate;
    if (input.supportStart !== undefined) set.support_start = input.supportStart;
    if (input.contractForm !== undefined) set.contract_form = input.contractForm;
    if (input.reviewDate !== undefined) set.review_date = input.reviewDate;
    if (input.leaseTransferDate !== undefined) set.lease_transfer_date = input.leaseTransferDate;
    if (Object.keys(set).length === 0) throw new AppError('VALIDATION', 'Geef ten minste één datum of contractvorm op.');
    await claimPlacement(ctx, input.id, input.expectedVersion, set);
    const after = await requirePlacement(ctx.db, input.id);
    const fields = ['moveInDate', 'supportStart', 'contractForm', 'reviewDate', 'leaseTransferDate'] as const;
    await ctx.audit({
      action: 'update',
      entity: 'placement',
      entityId: input.id,
      detail: {
        fields: fields.filter((f) => before[f] !== after[f]),
        before: Object.fromEntries(fields.map((f) => [f, before[f]])),
        after: Object.fromEntries(fields.map((f) => [f, after[f]])),
      },
    });
    return after;
  },

  async 'placements.check'(ctx, input) {
    const placement = await requirePlacement(ctx.db, input.id);
    // A check changes the placement's follow-up record: same version rule as the dates.
    await claimPlacement(ctx, input.id, input.expectedVersion, {});
    const due = placement.checks.find((c) => c.month === input.month);
    const row = {
      placement_id: input.id,
      month: input.month,
      due_date: due?.dueDate ?? addMonths(placement.moveInDate ?? placement.date, input.month),
      checked_at: input.checkedAt ?? isoDay(ctx.now()),
      still_housed: input.stillHoused ? 1 : 0,
      relapse: input.relapse ? 1 : 0,
      note: input.note ?? '',
      checked_by: ctx.actor,
    };
    await ctx.db
      .insertInto('placement_checks')
      .values(row)
      .onConflict((oc) => oc.columns(['placement_id', 'month']).doUpdateSet(row))
      .execute();
    await ctx.audit({ action: 'check', entity: 'placement', entityId: input.id, detail: { ...row, before: due?.checkedAt ? due : null } });
    return requirePlacement(ctx.db, input.id);
  },

  async 'followup.todo'(ctx, { until }) {
    return followupItems(await readPlacements(ctx.db, {}), isoDay(ctx.now()), until);
  },
};

/**
 * The follow-up to-do of placements (nazorg): dates still ahead and checks not yet recorded (overdue
 * ones marked), sorted by date. Placements made by a round or given a move-in date only; older history
 * is not followed. Used by followup.todo and the care provider's report (its next step per client).
 */
export function followupItems(placements: PlacementRow[], today: string, until?: string): TodoItem[] {
  const rows = placements.filter(isFollowed);
  const items: TodoItem[] = [];
  const within = (d: string) => until === undefined || d <= until;
  for (const p of rows) {
    const base = {
      placementId: p.id,
      clientId: p.clientId,
      clientName: p.clientName,
      unitId: p.unitId,
      address: p.address,
    };
    const dated = [
      ['move-in', p.moveInDate],
      ['support-start', p.supportStart],
      ['review', p.reviewDate],
      ['lease-transfer', p.leaseTransferDate],
    ] as const;
    for (const [kind, date] of dated) {
      if (date && date >= today && within(date)) {
        items.push({ ...base, date, kind, month: null, label: TODO_LABELS[kind], overdue: false });
      }
    }
    for (const c of p.checks) {
      const state = checkState(c, today);
      if (state !== 'done' && within(c.dueDate)) {
        items.push({
          ...base,
          date: c.dueDate,
          kind: 'check',
          month: c.month,
          label: `Controle na ${c.month} maanden (woonsituatie, terugval)`,
          overdue: state === 'overdue',
        });
      }
    }
  }
  const order = (k: TodoItem['kind']) => ['move-in', 'support-start', 'review', 'lease-transfer', 'check'].indexOf(k);
  return items.sort((a, b) => a.date.localeCompare(b.date) || a.placementId.localeCompare(b.placementId) || order(a.kind) - order(b.kind));
}


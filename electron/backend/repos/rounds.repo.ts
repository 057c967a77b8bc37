// Reads and writes the round tables (rounds, members, controls, proposal versions, decisions) and the
// placement follow-up (dates, 6/12/24-month checks). Node only, no Electron.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ClientGroup, ContractForm, UnitKind } from '../../../shared/domain/codes';
import { Proposal, type RoundControls } from '../../../shared/engine/round.schema';
import {
  ClientAnswer,
  ControlKind,
  DecisionKind,
  DeclineReason,
  type PlacementRow,
  type ProposalVersionSummary,
  type RoundClientMember,
  type RoundControl,
  type RoundDecision,
  RoundStatus,
  type RoundSummary,
  type RoundUnitMember,
} from '../../../shared/api/rounds.contract';
import { RoundControls as RoundControlsSchema } from '../../../shared/engine/round.schema';
import { POLICY_CHOICE, RoundPlanningChoice } from '../../../shared/domain/round-planning';
import type { DB } from '../db/schema';
import { toBool, toEuros } from './money';

export type RoundRow = DB['rounds'] extends infer R ? { [K in keyof R]: K extends 'id' ? number : R[K] } : never;

/** What `rounds.planning_json` holds (0013): the chair's planning choice for the round, who saved it and when. */
export const StoredRoundPlanning = z.object({ choice: RoundPlanningChoice, setAt: z.string(), setBy: z.string() });
export type StoredRoundPlanning = z.infer<typeof StoredRoundPlanning>;

/** The round's planning choice; a round whose chair never chose follows the policy (null: nobody set it). */
export function roundPlanningOf(r: Pick<RoundRow, 'planning_json'>): { choice: RoundPlanningChoice; setAt: string | null; setBy: string | null } {
  if (r.planning_json === null) return { choice: POLICY_CHOICE, setAt: null, setBy: null };
  return StoredRoundPlanning.parse(JSON.parse(r.planning_json));
}

export async function readRoundRow(db: Kysely<DB>, id: number): Promise<RoundRow | undefined> {
  return db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listRoundSummaries(db: Kysely<DB>): Promise<RoundSummary[]> {
  const rounds = await db.selectFrom('rounds').selectAll().orderBy('date', 'desc').orderBy('id', 'desc').execute();
  const out: RoundSummary[] = [];
  for (const r of rounds) out.push(await summaryOf(db, r));
  return out;
}

export async function summaryOf(db: Kysely<DB>, r: RoundRow): Promise<RoundSummary> {
  const [clients, units, versions, decisions, placements] = await Promise.all([
    db.selectFrom('round_clients').select(['included']).where('round_id', '=', r.id).execute(),
    db.selectFrom('round_units').select(['included']).where('round_id', '=', r.id).execute(),
    db.selectFrom('round_versions').select(['version', 'total_score', 'proposal_json']).where('round_id', '=', r.id).orderBy('version').execute(),
    db.selectFrom('round_decisions').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', r.id).executeTakeFirstOrThrow(),
    db.selectFrom('placements').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', r.id).executeTakeFirstOrThrow(),
  ]);
  const last = versions.at(-1);
  return {
    id: r.id,
    date: r.date,
    windowFrom: r.window_from,
    windowTo: r.window_to,
    note: r.note,
    status: RoundStatus.parse(r.status),
    createdAt: r.created_at,
    createdBy: r.created_by,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    counts: {
      clientsIncluded: clients.filter((c) => c.included).length,
      clientsExcluded: clients.filter((c) => !c.included).length,
      unitsIncluded: units.filter((u) => u.included).length,
      unitsExcluded: units.filter((u) => !u.included).length,
      versions: versions.length,
      decisions: Number(decisions.n),
      placements: Number(placements.n),
    },
    latest: last
      ? { version: last.version, totalScore: last.total_score, proposed: Proposal.parse(JSON.parse(last.proposal_json)).matches.length }
      : null,
    // Who prepares it depends on the moment and the caller: filled in by the service (round-lock.repo.ts).
    lock: null,
  };
}

export async function readClientMembers(db: Kysely<DB>, roundId: number): Promise<RoundClientMember[]> {
  const rows = await db
    .selectFrom('round_clients as m')
    .leftJoin('clients as c', 'c.id', 'm.client_id')
    .leftJoin('municipalities as o', 'o.code', 'c.origin_municipality_code')
    .select([
      'm.client_id',
      'm.included',
      'm.reason',
      'm.open_items_json',
      'm.manual',
      'c.name',
      'c.target_group',
      'c.origin_municipality_code',
      'o.name as origin_name',
      'c.housing_first',
    ])
    .where('m.round_id', '=', roundId)
    .orderBy('m.client_id')
    .execute();
  return rows.map((r) => ({
    id: r.client_id,
    name: r.name ?? null,
    group: ClientGroup.catch('BW').parse(r.target_group),
    originMunicipalityCode: r.origin_municipality_code ?? '',
    originMunicipality: r.origin_name ?? '',
    housingFirst: toBool(r.housing_first ?? 0),
    included: toBool(r.included),
    reason: r.reason,
    openItems: JSON.parse(r.open_items_json) as string[],
    manual: toBool(r.manual),
  }));
}

export async function readUnitMembers(db: Kysely<DB>, roundId: number): Promise<RoundUnitMember[]> {
  const rows = await db
    .selectFrom('round_units as m')
    .leftJoin('units as u', 'u.id', 'm.unit_id')
    .leftJoin('corporations as k', 'k.id', 'u.corporation_id')
    .leftJoin('municipalities as g', 'g.code', 'u.municipality_code')
    .leftJoin('neighbourhoods as n', 'n.code', 'u.neighbourhood_code')
    .select([
      'm.unit_id',
      'm.included',
      'm.reason',
      'm.manual',
      'u.address',
      'u.corporation_id',
      'k.name as corporation',
      'u.municipality_code',
      'g.name as municipality',
      'u.neighbourhood_code',
      'n.name as neighbourhood',
      'u.kind',
      'u.rent_cents',
      'u.available_from',
    ])
    .where('m.round_id', '=', roundId)
    .orderBy('m.unit_id')
    .execute();
  return rows.map((r) => ({
    id: r.unit_id,
    address: r.address ?? null,
    corporationId: r.corporation_id ?? '',
    corporation: r.corporation ?? '',
    municipalityCode: r.municipality_code ?? '',
    municipality: r.municipality ?? '',
    neighbourhoodCode: r.neighbourhood_code ?? null,
    neighbourhood: r.neighbourhood ?? null,
    kind: UnitKind.catch('regular').parse(r.kind),
    rent: toEuros(r.rent_cents ?? 0),
    availableFrom: r.available_from ?? '',
    included: toBool(r.included),
    reason: r.reason,
    manual: toBool(r.manual),
  }));
}

export async function readControls(db: Kysely<DB>, roundId: number): Promise<RoundControl[]> {
  const rows = await db.selectFrom('round_controls').selectAll().where('round_id', '=', roundId).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    kind: ControlKind.parse(r.kind),
    clientId: r.client_id,
    unitId: r.unit_id,
    reason: r.reason,
    source: r.source === 'decision' ? 'decision' : 'chair',
    createdAt: r.created_at,
    createdBy: r.created_by,
    lifted: r.lifted_at !== null,
    liftedAt: r.lifted_at,
    liftedBy: r.lifted_by,
    liftReason: r.lift_reason,
  }));
}

/** The active (not lifted) controls as the engine takes them. */
export function toEngineControls(controls: RoundControl[]): RoundControls {
  const out: RoundControls = { locks: [], forbids: [], setAsideClients: [], setAsideUnits: [] };
  for (const c of controls) {
    if (c.lifted) continue;
    if (c.kind === 'lock' && c.clientId && c.unitId) out.locks.push({ clientId: c.clientId, unitId: c.unitId, reason: c.reason });
    if (c.kind === 'forbid' && c.clientId && c.unitId) out.forbids.push({ clientId: c.clientId, unitId: c.unitId, reason: c.reason });
    if (c.kind === 'set-aside-client' && c.clientId) out.setAsideClients.push({ clientId: c.clientId, reason: c.reason });
    if (c.kind === 'set-aside-unit' && c.unitId) out.setAsideUnits.push({ unitId: c.unitId, reason: c.reason });
  }
  return out;
}

export interface StoredVersion {
  summary: ProposalVersionSummary;
  proposal: Proposal;
  greedy: Proposal;
}

function toStoredVersion(r: DB['round_versions']): StoredVersion {
  const proposal = Proposal.parse(JSON.parse(r.proposal_json));
  const greedy = Proposal.parse(JSON.parse(r.greedy_json));
  return {
    proposal,
    greedy,
    summary: {
      version: r.version,
      strategy: proposal.strategy,
      createdAt: r.created_at,
      createdBy: r.created_by,
      policyId: r.policy_id,
      totalScore: proposal.totalScore,
      optimality: proposal.optimality,
      figures: proposal.figures,
      greedyTotalScore: greedy.totalScore,
      greedyFigures: greedy.figures,
      controls: RoundControlsSchema.parse(JSON.parse(r.controls_json)),
    },
  };
}

export async function readVersions(db: Kysely<DB>, roundId: number): Promise<StoredVersion[]> {
  const rows = await db.selectFrom('round_versions').selectAll().where('round_id', '=', roundId).orderBy('version').execute();
  return rows.map(toStoredVersion);
}

export async function readVersion(db: Kysely<DB>, roundId: number, version: number): Promise<StoredVersion | null> {
  const row = await db.selectFrom('round_versions').selectAll().where('round_id', '=', roundId).where('version', '=', version).executeTakeFirst();
  return row ? toStoredVersion(row) : null;
}

export async function readDecisions(db: Kysely<DB>, roundId: number): Promise<RoundDecision[]> {
  const rows = await db.selectFrom('round_decisions').selectAll().where('round_id', '=', roundId).orderBy('client_id').orderBy('unit_id').execute();
  return rows.map((r) => ({
    version: r.version,
    clientId: r.client_id,
    unitId: r.unit_id,
    decision: DecisionKind.parse(r.decision),
    conditions: r.conditions,
    declineReason: r.decline_reason === null ? null : DeclineReason.parse(r.decline_reason),
    note: r.note,
    clientAnswer: ClientAnswer.parse(r.client_answer),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    onBehalfOf: r.on_behalf_of,
  }));
}

/** Display names of users by login name; names without a user (a name typed elsewhere) are left out. */
export async function readDisplayNames(db: Kysely<DB>, names: string[]): Promise<Record<string, string>> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return {};
  const rows = await db.selectFrom('users').select(['name', 'display_name']).where('name', 'in', unique).execute();
  return Object.fromEntries(rows.map((r) => [r.name, r.display_name]));
}

// ---- Placements and follow-up ----

/** `day` plus whole months (clamped to the month's last day), as YYYY-MM-DD. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export const CHECK_MONTH_LIST = [6, 12, 24] as const;

export async function readPlacements(db: Kysely<DB>, filter: { ids?: string[]; roundId?: number; clientId?: string; unitId?: string }): Promise<PlacementRow[]> {
  let q = db
    .selectFrom('placements as p')
    .leftJoin('clients as c', 'c.id', 'p.client_id')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('municipalities as g', 'g.code', 'p.destination_municipality_code')
    .selectAll('p')
    .select(['c.name as client_name', 'u.address', 'u.kind as unit_kind', 'g.name as destination_name']);
  if (filter.ids) q = q.where('p.id', 'in', filter.ids.length ? filter.ids : ['']);
  if (filter.roundId !== undefined) q = q.where('p.round_id', '=', filter.roundId);
  if (filter.clientId !== undefined) q = q.where('p.client_id', '=', filter.clientId);
  if (filter.unitId !== undefined) q = q.where('p.unit_id', '=', filter.unitId);
  const rows = await q.orderBy('p.date').orderBy('p.id').execute();
  const checks = rows.length
    ? await db.selectFrom('placement_checks').selectAll().where('placement_id', 'in', rows.map((r) => r.id)).execute()
    : [];
  return rows.map((r) => {
    const base = r.move_in_date ?? r.date;
    return {
      id: r.id,
      clientId: r.client_id,
      clientName: r.client_name ?? null,
      unitId: r.unit_id,
      address: r.address ?? null,
      unitKind: r.unit_kind ? UnitKind.catch('regular').parse(r.unit_kind) : null,
      date: r.date,
      originMunicipalityCode: r.origin_municipality_code,
      destinationMunicipalityCode: r.destination_municipality_code,
      destinationMunicipality: r.destination_name ?? '',
      neighbourhoodCode: r.neighbourhood_code,
      complex: r.complex,
      corporationId: r.corporation_id,
      roundId: r.round_id ?? null,
      moveInDate: r.move_in_date ?? null,
      supportStart: r.support_start ?? null,
      contractForm: r.contract_form ? ContractForm.parse(r.contract_form) : null,
      reviewDate: r.review_date ?? null,
      leaseTransferDate: r.lease_transfer_date ?? null,
      checks: CHECK_MONTH_LIST.map((month) => {
        const done = checks.find((c) => c.placement_id === r.id && c.month === month);
        return {
          month,
          dueDate: addMonths(base, month),
          checkedAt: done?.checked_at ?? null,
          stillHoused: done ? toBool(done.still_housed) : null,
          relapse: done ? toBool(done.relapse) : null,
          note: done?.note ?? '',
        };
      }),
      version: r.version,
    };
  });
}

// The regional monitor's queries: the filters as SQL conditions, the SQL expressions a figure and its
// click-through share (key date, handover, decline party, monitor-field categories), and the grouped,
// indexed queries the monitor's sections are built from. Node only (backend).
import { type DbKind, datePlus, daysBetween, greater } from '../db/dialect';
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { MonitorFilters } from '../../../shared/api/reports.contract';
import { AppError } from '../../../shared/api/result';
import { CLIENT_GROUP_LABELS, CLIENT_GROUPS, FUNDING_FRAMES, GENDERS, SUPPORT_INTENSITIES } from '../../../shared/domain/codes';
import { AGE_BANDS, type FieldSectionKey, TRAJECTORY_BANDS } from '../../../shared/reports/definitions/monitor';
import type { DB } from '../db/schema';
import { addMonths } from '../repos/rounds.repo';

export type Cond = RawBuilder<SqlBool> | Expression<SqlBool>;

/** The monitor's filters resolved: a period (both ends inclusive), today, and the lists (empty: all). */
export interface MonitorScope {
  from: string;
  to: string;
  today: string;
  municipalityCodes: string[];
  corporationIds: string[];
  careProviderIds: string[];
  groups: string[];
  /** The database the queries run on (a few expressions are spelled per database: dialect.ts). */
  kind: DbKind;
}

/** yyyy-mm-dd plus `days` days. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const nlDay = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
const unique = (xs: readonly string[] | undefined) => [...new Set(xs ?? [])];

/** The filters with the default period (the last 12 months up to and including `to`, default today). */
export function resolveScope(filters: MonitorFilters, today: string, kind: DbKind): MonitorScope {
  const to = filters.to ?? (filters.from !== undefined && filters.from > today ? filters.from : today);
  const from = filters.from ?? addDays(addMonths(to, -12), 1);
  if (from > to) {
    throw new AppError('VALIDATION', `Monitor: de periode begint op ${nlDay(from)}, na het einde op ${nlDay(to)}; kies een begin vóór het einde.`, [
      { path: 'filters.to', message: 'het einde van de periode ligt voor het begin' },
    ]);
  }
  return {
    from,
    to,
    today,
    municipalityCodes: unique(filters.municipalityCodes),
    corporationIds: unique(filters.corporationIds),
    careProviderIds: unique(filters.careProviderIds),
    groups: unique(filters.groups),
    kind,
  };
}

// ---------------------------------------------------------------------------------------------
// Conditions

export const TRUE: Cond = sql<SqlBool>`1 = 1`;
export const allOf = (conds: Cond[]): Cond => (conds.length === 0 ? TRUE : sql<SqlBool>`(${sql.join(conds, sql` and `)})`);
export const anyOf = (conds: Cond[]): Cond => (conds.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`(${sql.join(conds, sql` or `)})`);
export const isIn = (column: string, values: readonly (string | number)[]): Cond =>
  values.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${sql.ref(column)} in (${sql.join(values.map((v) => sql.val(v)))})`;
export const eq = (column: string, value: string | number): Cond => sql<SqlBool>`${sql.ref(column)} = ${value}`;
export const between = (expr: RawBuilder<unknown> | string, from: string, to: string): Cond => {
  const e = typeof expr === 'string' ? sql.ref(expr) : expr;
  return sql<SqlBool>`${e} >= ${from} and ${e} <= ${to}`;
};

/** How the municipality filter applies to placements: the home's municipality, or either end (the exchange). */
export type MunicipalityRule = 'destination' | 'either';

/**
 * The filters on placements (alias p): the period on the placement date (or none), the municipality
 * (the home's, or origin or destination), the corporation, and the client's provider and group as
 * the placement's snapshot recorded them.
 */
export function placementConds(s: MonitorScope, period: { from: string; to: string } | null, rule: MunicipalityRule = 'destination'): Cond[] {
  const conds: Cond[] = [];
  if (period) conds.push(between('p.date', period.from, period.to));
  if (s.municipalityCodes.length) {
    conds.push(
      rule === 'destination'
        ? isIn('p.destination_municipality_code', s.municipalityCodes)
        : anyOf([isIn('p.destination_municipality_code', s.municipalityCodes), isIn('p.origin_municipality_code', s.municipalityCodes)]),
    );
  }
  if (s.corporationIds.length) conds.push(isIn('p.corporation_id', s.corporationIds));
  if (s.careProviderIds.length) conds.push(isIn('p.care_provider_id', s.careProviderIds));
  if (s.groups.length) conds.push(isIn('p.target_group', s.groups));
  return conds;
}

/** The filters on clients (alias c) for the waiting list: origin municipality, provider, group. */
export function clientConds(s: MonitorScope): Cond[] {
  const conds: Cond[] = [];
  if (s.municipalityCodes.length) conds.push(isIn('c.origin_municipality_code', s.municipalityCodes));
  if (s.careProviderIds.length) conds.push(isIn('c.care_provider_id', s.careProviderIds));
  if (s.groups.length) conds.push(isIn('c.target_group', s.groups));
  return conds;
}

/**
 * Ready to move (alias c): every readiness item of today's policy done. The same rule as the round's
 * preparation and monitor.figures.
 */
export function readyCond(items: readonly string[]): Cond {
  if (items.length === 0) return TRUE;
  return sql<SqlBool>`(select count(*) from client_readiness r where r.client_id = c.id and r.done = 1 and ${isIn('r.item', items)}) = ${items.length}`;
}

/** Ready clients waiting now (alias c): active and ready, with the filters. */
export function waitingConds(s: MonitorScope, items: readonly string[]): Cond[] {
  return [eq('c.status', 'active'), readyCond(items), ...clientConds(s)];
}

/** A decision that counts as a decline (alias d): the corporation declined or the client refused. */
export const IS_DECLINE: Cond = sql<SqlBool>`(d.decision = 'declined' or d.client_answer = 'refused')`;
/** Who declined: the client (the reason "client refused", or a refusal on a pair the corporation did not decline), else the corporation. */
export const DECLINE_PARTY = sql<string>`(case when d.decline_reason = 'client-refused' or (d.decision <> 'declined' and d.client_answer = 'refused') then 'client' else 'corporation' end)`;
/** The reason code: the corporation's coded reason, or 'client-refused' for a client's refusal. */
export const DECLINE_REASON = sql<string>`(case when d.decision = 'declined' then coalesce(d.decline_reason, 'other') else 'client-refused' end)`;

/** Declines (alias d, with units u and clients c left-joined) in the period, with the filters. */
export function declineConds(s: MonitorScope): Cond[] {
  const conds: Cond[] = [IS_DECLINE, sql<SqlBool>`d.decided_at >= ${s.from}`, sql<SqlBool>`d.decided_at < ${addDays(s.to, 1)}`];
  if (s.municipalityCodes.length) conds.push(isIn('u.municipality_code', s.municipalityCodes));
  if (s.corporationIds.length) conds.push(isIn('u.corporation_id', s.corporationIds));
  if (s.careProviderIds.length) conds.push(isIn('c.care_provider_id', s.careProviderIds));
  if (s.groups.length) conds.push(isIn('c.target_group', s.groups));
  return conds;
}

// ---------------------------------------------------------------------------------------------
// Expressions shared by figures and click-through

/** The key handover date: the move-in date, else the placement date. */
export const KEY_DATE = sql<string>`coalesce(p.move_in_date, p.date)`;
/** Days from woonrijp to key (never negative); null without a woonrijp date. */
export const handoverDaysExpr = (s: MonitorScope) =>
  sql<number | null>`(case when p.ready_date is null then null else ${greater(s.kind, sql`0`, daysBetween(s.kind, sql`p.ready_date`, KEY_DATE))} end)`;
/** Days from woonrijp (of clients `c`) to today (never negative); null without a woonrijp date. */
export const waitedDays = (s: MonitorScope) =>
  sql<number | null>`(case when c.ready_date is null then null else ${greater(s.kind, sql`0`, daysBetween(s.kind, sql`c.ready_date`, sql`${s.today}`))} end)`;
/** The day the check after `month` months is due (the follow-up's rule: end of month when the day does not exist). */
export const dueDate = (s: MonitorScope, month: number) => datePlus(s.kind, KEY_DATE, month, 'months');

const listCase = (column: string, keys: readonly string[]) =>
  sql<string>`(case when ${sql.ref(column)} in (${sql.join(keys.map((k) => sql.lit(k)))}) then ${sql.ref(column)} else 'unknown' end)`;

const ageCase = sql<string>`(case ${sql.join(
  AGE_BANDS.map((b) => (b.max === null ? sql`when p.age >= ${sql.lit(b.min)} then ${sql.lit(b.key)}` : sql`when p.age between ${sql.lit(b.min)} and ${sql.lit(b.max)} then ${sql.lit(b.key)}`)),
  sql` `,
)} else 'unknown' end)`;

const householdCase = sql<string>`(case when p.adults is null or p.children is null then 'unknown'
  when p.children > 0 and p.adults >= 2 then 'family' when p.children > 0 then 'single-parent'
  when p.adults >= 2 then 'couple' else 'single' end)`;

const trajectoryCase = (kind: DbKind) => sql<string>`(case when p.care_since is null or p.care_since > p.date then 'unknown' ${sql.join(
  TRAJECTORY_BANDS.filter((b) => b.maxYears !== null).map((b) => sql`when p.date < ${datePlus(kind, sql`p.care_since`, b.maxYears!, 'years')} then ${sql.lit(b.key)}`),
  sql` `,
)} else '5+' end)`;

/** The category of a placement in a monitor-field section (alias p), as the section's category key. */
export const fieldExpr = (s: MonitorScope, key: FieldSectionKey): RawBuilder<string> => FIELD_EXPR[key](s.kind);

const FIELD_EXPR: Record<FieldSectionKey, (kind: DbKind) => RawBuilder<string>> = {
  gender: () => listCase('p.gender', GENDERS.filter((g) => g !== 'unknown')),
  'age-band': () => ageCase,
  household: () => householdCase,
  'care-background': () => listCase('p.target_group', CLIENT_GROUPS),
  'care-intensity': () => listCase('p.support_intensity', SUPPORT_INTENSITIES),
  trajectory: trajectoryCase,
  'funding-frame': () => listCase('p.funding_frame', FUNDING_FRAMES.filter((f) => f !== 'unknown')),
};

// ---------------------------------------------------------------------------------------------
// Reference names

export interface Names {
  municipalities: { code: string; name: string }[];
  municipality: (code: string | null) => string;
  corporation: (id: string | null) => string;
  provider: (id: string | null) => string;
  neighbourhood: (code: string | null) => string;
  neighbourhoods: { code: string; name: string; municipality_code: string; social_rent_share: number | null; liveability_class: number | null }[];
  group: (g: string | null) => string;
}

export async function readNames(db: Kysely<DB>): Promise<Names> {
  const [municipalities, corporations, providers, neighbourhoods] = await Promise.all([
    db.selectFrom('municipalities').select(['code', 'name']).orderBy('name').execute(),
    db.selectFrom('corporations').select(['id', 'name']).execute(),
    db.selectFrom('care_providers').select(['id', 'name']).execute(),
    db.selectFrom('neighbourhoods').select(['code', 'name', 'municipality_code', 'social_rent_share', 'liveability_class']).orderBy('name').execute(),
  ]);
  const lookup = (rows: { key: string; name: string }[]) => {
    const m = new Map(rows.map((r) => [r.key, r.name]));
    return (k: string | null) => (k === null ? 'Onbekend' : (m.get(k) ?? 'Onbekend'));
  };
  return {
    municipalities,
    municipality: lookup(municipalities.map((r) => ({ key: r.code, name: r.name }))),
    corporation: lookup(corporations.map((r) => ({ key: r.id, name: r.name }))),
    provider: lookup(providers.map((r) => ({ key: r.id, name: r.name }))),
    neighbourhood: lookup(neighbourhoods.map((r) => ({ key: r.code, name: r.name }))),
    neighbourhoods,
    group: (g) => (g !== null && g in CLIENT_GROUP_LABELS ? CLIENT_GROUP_LABELS[g as keyof typeof CLIENT_GROUP_LABELS] : 'Onbekend'),
  };
}

// ---------------------------------------------------------------------------------------------
// Grouped queries

const n = (v: number | bigint | null | undefined) => Number(v ?? 0);

/** Placements per month (yyyy-mm) and home municipality in the period. */
export async function placedByMonth(db: Kysely<DB>, s: MonitorScope) {
  const ym = sql<string>`substr(p.date, 1, 7)`;
  const rows = await db
    .selectFrom('placements as p')
    .select([ym.as('ym'), 'p.destination_municipality_code as dest', sql<number>`count(*)`.as('n')])
    .where(allOf(placementConds(s, { from: s.from, to: s.to })))
    .groupBy([ym, 'p.destination_municipality_code'])
    .execute();
  return rows.map((r) => ({ ym: r.ym, dest: r.dest, n: n(r.n) }));
}

/** Placements per corporation, home municipality and year, for whole calendar years. */
export async function placedByCorporationYear(db: Kysely<DB>, s: MonitorScope, firstYear: number, lastYear: number) {
  const year = sql<string>`substr(p.date, 1, 4)`;
  const rows = await db
    .selectFrom('placements as p')
    .select(['p.corporation_id as corp', 'p.destination_municipality_code as dest', year.as('year'), sql<number>`count(*)`.as('n')])
    .where(allOf([...placementConds(s, { from: `${firstYear}-01-01`, to: `${lastYear}-12-31` }), sql<SqlBool>`p.corporation_id is not null`]))
    .groupBy(['p.corporation_id', 'p.destination_municipality_code', year])
    .execute();
  return rows.map((r) => ({ corp: r.corp as string, dest: r.dest, year: Number(r.year), n: n(r.n) }));
}

/** The quotas of the years, with the municipality and corporation filters. */
export async function quotasOf(db: Kysely<DB>, s: MonitorScope, firstYear: number, lastYear: number) {
  let q = db
    .selectFrom('quotas')
    .select(['corporation_id', 'municipality_code', 'year', sql<number>`sum(agreed)`.as('agreed')])
    .where('year', '>=', firstYear)
    .where('year', '<=', lastYear);
  if (s.municipalityCodes.length) q = q.where('municipality_code', 'in', s.municipalityCodes);
  if (s.corporationIds.length) q = q.where('corporation_id', 'in', s.corporationIds);
  const rows = await q.groupBy(['corporation_id', 'municipality_code', 'year']).execute();
  return rows.map((r) => ({ corp: r.corporation_id, dest: r.municipality_code, year: Number(r.year), agreed: n(r.agreed) }));
}

/** Handover days of the placements in the period with a woonrijp date, sorted (one column of values). */
export async function handoverDays(db: Kysely<DB>, s: MonitorScope) {
  const rows = await db
    .selectFrom('placements as p')
    .select(['p.destination_municipality_code as dest', 'p.target_group as grp', handoverDaysExpr(s).as('days')])
    .where(allOf([...placementConds(s, { from: s.from, to: s.to }), sql<SqlBool>`p.ready_date is not null`]))
    .orderBy(sql`3`)
    .execute();
  return rows.map((r) => ({ dest: r.dest, group: r.grp ?? null, days: Number(r.days) }));
}

/** Ready clients waiting now: provider, group and days since woonrijp (null without a date), sorted. */
export async function waitingDays(db: Kysely<DB>, s: MonitorScope, items: readonly string[]) {
  const days = waitedDays(s);
  const rows = await db
    .selectFrom('clients as c')
    .select(['c.care_provider_id as provider', 'c.target_group as grp', days.as('days')])
    .where(allOf(waitingConds(s, items)))
    .orderBy(sql`3`)
    .execute();
  return rows.map((r) => ({ provider: r.provider, group: r.grp, days: r.days === null ? null : Number(r.days) }));
}

/** Declines in the period by party and reason. */
export async function declineCounts(db: Kysely<DB>, s: MonitorScope) {
  const rows = await db
    .selectFrom('round_decisions as d')
    .leftJoin('units as u', 'u.id', 'd.unit_id')
    .leftJoin('clients as c', 'c.id', 'd.client_id')
    .select([DECLINE_PARTY.as('party'), DECLINE_REASON.as('reason'), sql<number>`count(*)`.as('n')])
    .where(allOf(declineConds(s)))
    .groupBy([DECLINE_PARTY, DECLINE_REASON])
    .execute();
  return rows.map((r) => ({ party: r.party, reason: r.reason, n: n(r.n) }));
}

/** Placements in the period by origin and destination (municipality filter: either end). */
export async function exchangeCounts(db: Kysely<DB>, s: MonitorScope) {
  const rows = await db
    .selectFrom('placements as p')
    .select(['p.origin_municipality_code as origin', 'p.destination_municipality_code as dest', sql<number>`count(*)`.as('n')])
    .where(allOf(placementConds(s, { from: s.from, to: s.to }, 'either')))
    .groupBy(['p.origin_municipality_code', 'p.destination_municipality_code'])
    .execute();
  return rows.map((r) => ({ origin: r.origin, dest: r.dest, n: n(r.n) }));
}

/** The load window: the cap period (months) ending at the period's end; the start is exclusive, as the engine counts. */
export function loadWindow(s: MonitorScope, periodMonths: number): { from: string; to: string } {
  return { from: addDays(addMonths(s.to, -periodMonths), 1), to: s.to };
}

/** Placements in the load window per neighbourhood, and per complex. */
export async function loadCounts(db: Kysely<DB>, s: MonitorScope, window: { from: string; to: string }) {
  const conds = allOf(placementConds(s, window));
  const [byNbh, byComplex] = await Promise.all([
    db
      .selectFrom('placements as p')
      .select(['p.neighbourhood_code as nbh', sql<number>`count(*)`.as('n')])
      .where(conds)
      .where('p.neighbourhood_code', 'is not', null)
      .groupBy('p.neighbourhood_code')
      .execute(),
    db
      .selectFrom('placements as p')
      .select(['p.destination_municipality_code as dest', 'p.neighbourhood_code as nbh', 'p.complex as complex', sql<number>`count(*)`.as('n')])
      .where(conds)
      .where('p.complex', 'is not', null)
      .groupBy(['p.destination_municipality_code', 'p.neighbourhood_code', 'p.complex'])
      .execute(),
  ]);
  return {
    byNeighbourhood: new Map(byNbh.map((r) => [r.nbh as string, n(r.n)])),
    byComplex: byComplex.map((r) => ({ dest: r.dest, nbh: r.nbh, complex: r.complex as string, n: n(r.n) })),
  };
}

/** The due window of checks: the period, up to today. */
export function dueWindow(s: MonitorScope): { from: string; to: string } {
  return { from: s.from, to: s.to < s.today ? s.to : s.today };
}

/** Checks after `month` months due in the window: due, checked, still housed, relapse. */
export async function sustainedCounts(db: Kysely<DB>, s: MonitorScope, month: number) {
  const w = dueWindow(s);
  const row = await db
    .selectFrom('placements as p')
    .leftJoin('placement_checks as k', (j) => j.onRef('k.placement_id', '=', 'p.id').on('k.month', '=', month))
    .select([
      sql<number>`count(*)`.as('due'),
      sql<number>`count(k.placement_id)`.as('checked'),
      sql<number>`coalesce(sum(k.still_housed), 0)`.as('housed'),
      sql<number>`coalesce(sum(k.relapse), 0)`.as('relapse'),
    ])
    .where(allOf([...placementConds(s, null), between(dueDate(s, month), w.from, w.to)]))
    .executeTakeFirst();
  return { due: n(row?.due), checked: n(row?.checked), housed: n(row?.housed), relapse: n(row?.relapse) };
}

/** The omklap window: today up to (not including) the same day 12 months on. */
export function omklapWindow(s: MonitorScope): { from: string; to: string } {
  return { from: s.today, to: addDays(addMonths(s.today, 12), -1) };
}

/** Review and lease-transfer dates in the omklap window, per month. */
export async function omklapCounts(db: Kysely<DB>, s: MonitorScope) {
  const w = omklapWindow(s);
  const per = async (column: 'p.review_date' | 'p.lease_transfer_date') => {
    const ym = sql<string>`substr(${sql.ref(column)}, 1, 7)`;
    const rows = await db
      .selectFrom('placements as p')
      .select([ym.as('ym'), sql<number>`count(*)`.as('n')])
      .where(allOf([...placementConds(s, null), between(column, w.from, w.to)]))
      .groupBy(ym)
      .execute();
    return new Map(rows.map((r) => [r.ym, n(r.n)]));
  };
  const [review, transfer] = await Promise.all([per('p.review_date'), per('p.lease_transfer_date')]);
  return { review, transfer };
}

/** Placements in the period per category of one monitor field. */
export async function fieldCounts(db: Kysely<DB>, s: MonitorScope, field: FieldSectionKey) {
  const expr = fieldExpr(s, field);
  const rows = await db
    .selectFrom('placements as p')
    .select([expr.as('k'), sql<number>`count(*)`.as('n')])
    .where(allOf(placementConds(s, { from: s.from, to: s.to })))
    .groupBy(expr)
    .execute();
  return new Map(rows.map((r) => [r.k, n(r.n)]));
}

// ---------------------------------------------------------------------------------------------
// Small arithmetic

/** The q-quantile of sorted values, by linear interpolation between closest ranks (Excel PERCENTILE.INC). */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
/** A share in percent with one decimal, or null when there is nothing to share. */
export const percent = (part: number, whole: number) => (whole > 0 ? round1((part / whole) * 100) : null);

/** The months of the period per year, pro rata by days within each month (a whole month counts 1). */
export function monthsPerYear(from: string, to: string): Map<number, number> {
  const out = new Map<number, number>();
  let cursor = `${from.slice(0, 7)}-01`;
  while (cursor <= to) {
    const monthEnd = addDays(addMonths(cursor, 1), -1);
    const start = from > cursor ? from : cursor;
    const end = to < monthEnd ? to : monthEnd;
    const days = Number(end.slice(8, 10)) - Number(start.slice(8, 10)) + 1;
    const year = Number(cursor.slice(0, 4));
    out.set(year, (out.get(year) ?? 0) + days / Number(monthEnd.slice(8, 10)));
    cursor = addMonths(cursor, 1);
  }
  return out;
}

/** The months (yyyy-mm) from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let cursor = `${from.slice(0, 7)}-01`; cursor <= to; cursor = addMonths(cursor, 1)) out.push(cursor.slice(0, 7));
  return out;
}

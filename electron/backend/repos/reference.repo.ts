// Reference data and agreements in SQLite: rows for the settings lists (with counts computed from
// clients, units and placements), writes, and who still refers to a record before it is deleted.
// Node only.
import { type Kysely, sql } from 'kysely';
import type { MunicipalityRow, NeighbourhoodRow, OrganisationRow, PolicyVersion, QuotaRow } from '../../../shared/api/reference.contract';
import type { QuotaKind } from '../../../shared/domain/codes';
import { type PolicyProfile, PolicySettings } from '../../../shared/domain/policy';
import type { DB } from '../db/schema';
import { type Stamp, changedRows, nextVersion } from './versions.repo';

const countOf = (rows: { k: string | null; n: number | string | bigint }[]) => new Map(rows.map((r) => [r.k ?? '', Number(r.n)]));

/** The same calendar day one year earlier (29 Feb → 28 Feb), as YYYY-MM-DD. */
export function oneYearBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y - 1, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) dt.setUTCDate(0); // rolled over into March: last day of February
  return dt.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Municipalities

export async function listMunicipalities(db: Kysely<DB>, today: string, codes?: string[]): Promise<MunicipalityRow[]> {
  let q = db.selectFrom('municipalities').selectAll().orderBy('name').orderBy('code');
  if (codes) q = q.where('code', 'in', codes.length ? codes : ['']);
  const [rows, clients, units, nbhs] = await Promise.all([
    q.execute(),
    db.selectFrom('clients').select(['origin_municipality_code as k', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('origin_municipality_code').execute(),
    db.selectFrom('units').select(['municipality_code as k', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('municipality_code').execute(),
    db.selectFrom('neighbourhoods').select(['municipality_code as k', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('municipality_code').execute(),
  ]);
  const c = countOf(clients);
  const u = countOf(units);
  const n = countOf(nbhs);
  return rows.map((m) => ({
    code: m.code,
    name: m.name,
    validFrom: m.valid_from,
    validTo: m.valid_to,
    ended: m.valid_to !== null && m.valid_to < today,
    version: m.version,
    clients: c.get(m.code) ?? 0,
    units: u.get(m.code) ?? 0,
    neighbourhoods: n.get(m.code) ?? 0,
  }));
}

export async function getMunicipality(db: Kysely<DB>, code: string) {
  return db.selectFrom('municipalities').selectAll().where('code', '=', code).executeTakeFirst();
}

/** What refers to a municipality, as Dutch phrases with counts ("40 kandidaten"); empty when nothing. */
export async function municipalityReferences(db: Kysely<DB>, code: string): Promise<string[]> {
  const json = `%"${code}"%`;
  const counts = await Promise.all([
    n(db.selectFrom('clients').where((eb) => eb.or([eb('origin_municipality_code', '=', code), eb('current_municipality_code', '=', code), eb('preferences_json', 'like', json)])).select(N)),
    n(db.selectFrom('units').where('municipality_code', '=', code).select(N)),
    n(db.selectFrom('neighbourhoods').where('municipality_code', '=', code).select(N)),
    n(db.selectFrom('quotas').where('municipality_code', '=', code).select(N)),
    n(db.selectFrom('placements').where((eb) => eb.or([eb('origin_municipality_code', '=', code), eb('destination_municipality_code', '=', code)])).select(N)),
    n(db.selectFrom('client_places').where('municipality_code', '=', code).select(N)),
  ]);
  return phrases(counts, [
    ['kandidaat', 'kandidaten'],
    ['woning', 'woningen'],
    ['buurt', 'buurten'],
    ['afspraak', 'afspraken'],
    ['plaatsing', 'plaatsingen'],
    ['netwerkplaats of te vermijden gebied', 'netwerkplaatsen of te vermijden gebieden'],
  ]);
}

export async function insertMunicipality(db: Kysely<DB>, m: { code: string; name: string; validFrom: string; validTo: string | null }, stamp: Stamp): Promise<void> {
  await db
    .insertInto('municipalities')
    .values({ code: m.code, name: m.name, valid_from: m.validFrom, valid_to: m.validTo, updated_by: stamp.by, updated_at: stamp.at })
    .execute();
}

/** Updates a municipality still at `expectedVersion` and raises its version; false when it is not (changed or gone). */
export async function updateMunicipality(
  db: Kysely<DB>,
  m: { code: string; name: string; validFrom: string; validTo: string | null },
  stamp: Stamp,
  expectedVersion: number,
): Promise<boolean> {
  const r = await db
    .updateTable('municipalities')
    .set({ name: m.name, valid_from: m.validFrom, valid_to: m.validTo, ...nextVersion(stamp) })
    .where('code', '=', m.code)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return changedRows(r) > 0;
}

// ---------------------------------------------------------------------------------------------
// Neighbourhoods

export async function listNeighbourhoods(db: Kysely<DB>, today: string, code?: string): Promise<NeighbourhoodRow[]> {
  const since = oneYearBefore(today);
  let q = db
    .selectFrom('neighbourhoods as n')
    .innerJoin('municipalities as m', 'm.code', 'n.municipality_code')
    .select([
      'n.code',
      'n.name',
      'n.municipality_code',
      'm.name as municipality_name',
      'n.district',
      'n.social_rent_share',
      'n.liveability_class',
      'n.version',
      // Last 12 months: after the same day a year ago, up to and including today.
      (eb) =>
        eb
          .selectFrom('placements as p')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('p.neighbourhood_code', '=', 'n.code')
          .where('p.date', '>', since)
          .where('p.date', '<=', today)
          .as('recent'),
      (eb) => eb.selectFrom('units as u').select((e) => e.fn.countAll<number>().as('n')).whereRef('u.neighbourhood_code', '=', 'n.code').as('units'),
    ])
    .orderBy('m.name')
    .orderBy('n.district')
    .orderBy('n.name');
  if (code) q = q.where('n.code', '=', code);
  const rows = await q.execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    municipalityCode: r.municipality_code,
    municipalityName: r.municipality_name,
    district: r.district,
    socialRentShare: r.social_rent_share,
    liveabilityClass: r.liveability_class,
    placementsLast12Months: Number(r.recent ?? 0),
    units: Number(r.units ?? 0),
    version: r.version,
  }));
}

export async function getNeighbourhood(db: Kysely<DB>, code: string) {
  return db.selectFrom('neighbourhoods').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function neighbourhoodReferences(db: Kysely<DB>, code: string): Promise<string[]> {
  const counts = await Promise.all([
    n(db.selectFrom('units').where('neighbourhood_code', '=', code).select(N)),
    n(db.selectFrom('placements').where('neighbourhood_code', '=', code).select(N)),
    n(
      db
        .selectFrom('clients')
        .where((eb) =>
          eb.or([
            eb('preferences_json', 'like', `%"${code}"%`),
            eb.exists(eb.selectFrom('client_places as cp').select('cp.client_id').whereRef('cp.client_id', '=', 'clients.id').where('cp.neighbourhood_code', '=', code)),
          ]),
        )
        .select(N),
    ),
  ]);
  return phrases(counts, [
    ['woning', 'woningen'],
    ['plaatsing', 'plaatsingen'],
    ['kandidaat', 'kandidaten'],
  ]);
}

export interface NeighbourhoodValues {
  code: string;
  name: string;
  municipalityCode: string;
  district: string | null;
  socialRentShare: number | null;
  liveabilityClass: number | null;
}

const neighbourhoodColumns = (n: NeighbourhoodValues) => ({
  name: n.name,
  municipality_code: n.municipalityCode,
  district: n.district,
  social_rent_share: n.socialRentShare,
  liveability_class: n.liveabilityClass,
});

export async function insertNeighbourhood(db: Kysely<DB>, n: NeighbourhoodValues, stamp: Stamp): Promise<void> {
  await db
    .insertInto('neighbourhoods')
    .values({ code: n.code, ...neighbourhoodColumns(n), updated_by: stamp.by, updated_at: stamp.at })
    .execute();
}

/** Updates a neighbourhood still at `expectedVersion` and raises its version; false when it is not. */
export async function updateNeighbourhood(db: Kysely<DB>, n: NeighbourhoodValues, stamp: Stamp, expectedVersion: number): Promise<boolean> {
  const r = await db
    .updateTable('neighbourhoods')
    .set({ ...neighbourhoodColumns(n), ...nextVersion(stamp) })
    .where('code', '=', n.code)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return changedRows(r) > 0;
}

// ---------------------------------------------------------------------------------------------
// Corporations and care providers

export type OrgTable = 'corporations' | 'care_providers';

export async function listOrganisations(db: Kysely<DB>, table: OrgTable, id?: string): Promise<OrganisationRow[]> {
  let q = db.selectFrom(table).selectAll().orderBy('name').orderBy('id');
  if (id) q = q.where('id', '=', id);
  const rows = await q.execute();
  const counts =
    table === 'corporations'
      ? await db.selectFrom('units').select(['corporation_id as k', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('corporation_id').execute()
      : await db.selectFrom('clients').select(['care_provider_id as k', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('care_provider_id').execute();
  const c = countOf(counts);
  return rows.map((r) => ({ id: r.id, name: r.name, count: c.get(r.id) ?? 0, version: r.version }));
}

export async function getOrganisation(db: Kysely<DB>, table: OrgTable, id: string) {
  return db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOrganisation(db: Kysely<DB>, table: OrgTable, o: { id: string; name: string }, stamp: Stamp): Promise<void> {
  await db.insertInto(table).values({ id: o.id, name: o.name, updated_by: stamp.by, updated_at: stamp.at }).execute();
}

/** Renames an organisation still at `expectedVersion` and raises its version; false when it is not. */
export async function updateOrganisation(db: Kysely<DB>, table: OrgTable, o: { id: string; name: string }, stamp: Stamp, expectedVersion: number): Promise<boolean> {
  const r = await db
    .updateTable(table)
    .set({ name: o.name, ...nextVersion(stamp) })
    .where('id', '=', o.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return changedRows(r) > 0;
}

export async function organisationReferences(db: Kysely<DB>, table: OrgTable, id: string): Promise<string[]> {
  if (table === 'care_providers') {
    const counts = await Promise.all([
      n(db.selectFrom('clients').where((eb) => eb.or([eb('care_provider_id', '=', id), eb('support_provider_id', '=', id)])).select(N)),
      n(db.selectFrom('client_consents').where('party', '=', 'care-provider').where('party_id', '=', id).select(N)),
    ]);
    return phrases(counts, [
      ['kandidaat', 'kandidaten'],
      ['toestemming', 'toestemmingen'],
    ]);
  }
  const counts = await Promise.all([
    n(db.selectFrom('units').where('corporation_id', '=', id).select(N)),
    n(db.selectFrom('quotas').where('corporation_id', '=', id).select(N)),
    n(db.selectFrom('placements').where('corporation_id', '=', id).select(N)),
    n(db.selectFrom('client_vetoes').where('corporation_id', '=', id).select(N)),
    n(db.selectFrom('client_consents').where('party', '=', 'corporation').where('party_id', '=', id).select(N)),
  ]);
  return phrases(counts, [
    ['woning', 'woningen'],
    ['afspraak', 'afspraken'],
    ['plaatsing', 'plaatsingen'],
    ['veto bij een kandidaat', 'veto’s bij kandidaten'],
    ['toestemming', 'toestemmingen'],
  ]);
}

// ---------------------------------------------------------------------------------------------
// Quotas

export interface QuotaKey {
  corporationId: string;
  municipalityCode: string;
  year: number;
}

export async function listQuotas(db: Kysely<DB>, filter: { year?: number; key?: QuotaKey }): Promise<QuotaRow[]> {
  let q = db
    .selectFrom('quotas as q')
    .innerJoin('corporations as c', 'c.id', 'q.corporation_id')
    .innerJoin('municipalities as m', 'm.code', 'q.municipality_code')
    .select([
      'q.corporation_id',
      'c.name as corporation_name',
      'q.municipality_code',
      'm.name as municipality_name',
      'q.year',
      'q.agreed',
      'q.kind',
      'q.version',
      // Use so far: placements in the quota's year by this corporation in this municipality.
      (eb) =>
        eb
          .selectFrom('placements as p')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('p.corporation_id', '=', 'q.corporation_id')
          .whereRef('p.destination_municipality_code', '=', 'q.municipality_code')
          .where(sql<string>`substr(p.date, 1, 4)`, '=', sql<string>`cast(q.year as text)`)
          .as('used'),
    ])
    .orderBy('q.year', 'desc')
    .orderBy('c.name')
    .orderBy('m.name');
  if (filter.year !== undefined) q = q.where('q.year', '=', filter.year);
  if (filter.key) {
    q = q
      .where('q.corporation_id', '=', filter.key.corporationId)
      .where('q.municipality_code', '=', filter.key.municipalityCode)
      .where('q.year', '=', filter.key.year);
  }
  const rows = await q.execute();
  return rows.map((r) => {
    const used = Number(r.used ?? 0);
    return {
      corporationId: r.corporation_id,
      corporationName: r.corporation_name,
      municipalityCode: r.municipality_code,
      municipalityName: r.municipality_name,
      year: r.year,
      agreed: r.agreed,
      kind: r.kind as QuotaKind,
      used,
      remaining: r.agreed - used,
      version: r.version,
    };
  });
}

export async function getQuota(db: Kysely<DB>, k: QuotaKey) {
  return db
    .selectFrom('quotas')
    .selectAll()
    .where('corporation_id', '=', k.corporationId)
    .where('municipality_code', '=', k.municipalityCode)
    .where('year', '=', k.year)
    .executeTakeFirst();
}

export async function insertQuota(db: Kysely<DB>, k: QuotaKey, agreed: number, kind: QuotaKind, stamp: Stamp): Promise<void> {
  await db
    .insertInto('quotas')
    .values({ corporation_id: k.corporationId, municipality_code: k.municipalityCode, year: k.year, agreed, kind, updated_by: stamp.by, updated_at: stamp.at })
    .execute();
}

/** Updates an agreement still at `expectedVersion` and raises its version; false when it is not. */
export async function updateQuota(db: Kysely<DB>, k: QuotaKey, agreed: number, kind: QuotaKind, stamp: Stamp, expectedVersion: number): Promise<boolean> {
  const r = await db
    .updateTable('quotas')
    .set({ agreed, kind, ...nextVersion(stamp) })
    .where('corporation_id', '=', k.corporationId)
    .where('municipality_code', '=', k.municipalityCode)
    .where('year', '=', k.year)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return changedRows(r) > 0;
}

export async function deleteQuota(db: Kysely<DB>, k: QuotaKey): Promise<void> {
  await db
    .deleteFrom('quotas')
    .where('corporation_id', '=', k.corporationId)
    .where('municipality_code', '=', k.municipalityCode)
    .where('year', '=', k.year)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Policy versions

/** A stored policy version with its revision number and who saved it when. */
export interface StoredPolicy extends PolicyProfile {
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

export async function listPolicies(db: Kysely<DB>): Promise<StoredPolicy[]> {
  const rows = await db.selectFrom('policy_profiles').selectAll().orderBy('valid_from', 'desc').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    validFrom: r.valid_from,
    settings: PolicySettings.parse(JSON.parse(r.settings_json)),
    version: r.version,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  }));
}

/**
 * Marks the version in force on `today` the same way region.service's currentPolicy picks it: the
 * latest validFrom on or before today, else (nothing started yet) the earliest.
 */
export function withStatus(policies: StoredPolicy[], today: string): PolicyVersion[] {
  const sorted = [...policies].sort((a, b) => (a.validFrom === b.validFrom ? a.id.localeCompare(b.id) : b.validFrom.localeCompare(a.validFrom)));
  const current = sorted.find((p) => p.validFrom <= today) ?? sorted[sorted.length - 1];
  return sorted.map(({ updatedBy: _by, updatedAt: _at, ...p }) => ({ ...p, current: p.id === current?.id, future: p.validFrom > today }));
}

/** The most recently saved policy version (highest revision), if any. */
export function newestPolicy(policies: StoredPolicy[]): StoredPolicy | undefined {
  return policies.reduce<StoredPolicy | undefined>((best, p) => (best === undefined || p.version > best.version ? p : best), undefined);
}

/** Stores a new policy version; its revision is one past the newest (versions themselves never change). */
export async function insertPolicy(db: Kysely<DB>, p: PolicyProfile, version: number, stamp: Stamp): Promise<void> {
  await db
    .insertInto('policy_profiles')
    .values({ id: p.id, name: p.name, valid_from: p.validFrom, settings_json: JSON.stringify(p.settings), version, updated_by: stamp.by, updated_at: stamp.at })
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Helpers

const N = sql<number>`count(*)`.as('n');

async function n(q: { executeTakeFirst(): Promise<{ n: number } | undefined> }): Promise<number> {
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

function phrases(counts: number[], words: [one: string, many: string][]): string[] {
  const out: string[] = [];
  counts.forEach((n, i) => {
    const w = words[i];
    if (n > 0 && w) out.push(`${n} ${n === 1 ? w[0] : w[1]}`);
  });
  return out;
}

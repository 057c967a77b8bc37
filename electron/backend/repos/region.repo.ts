// Whole-region reads and writes: the dataset import (replace the register, or with a v2 document
// everything, in the caller's transaction) and export (the same document back, in the same order). Node only.
import { jsonArrayItems, jsonItemText, rowOrder } from '../db/dialect';
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { z } from 'zod';
import {
  Client,
  type Dataset,
  DATASET_FORMAT,
  DATASET_VERSION,
  REGISTER_VERSION,
  type Municipality,
  type Neighbourhood,
  Placement,
  Region,
  Unit,
} from '../../../shared/dataset/dataset.schema';
import { PolicySettings } from '../../../shared/domain/policy';
import type { DB } from '../db/schema';
import { clearHistory, readHistory, writeHistory } from './history.repo';
import { toBool, toCents, toEuros, toInt } from './money';
import { type Stamp, changedRows, nextVersion } from './versions.repo';

const REGION_KEY = 'region';

/**
 * Tables in an order that respects foreign keys when deleting (children first). Placements are
 * cleared apart: those the table followed up stay (see FOLLOWED_PLACEMENT).
 */
const REGION_TABLES = [
  'client_vetoes',
  'client_consents',
  'client_readiness',
  'client_places',
  'units',
  'clients',
  'policy_profiles',
  'quotas',
  'neighbourhoods',
  'municipalities',
  'corporations',
  'care_providers',
] as const;

const CHUNK = 200;

async function insertMany<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- kysely's insert typing over a generic table
    await db.insertInto(table).values(rows.slice(i, i + CHUNK) as any).execute();
  }
}

export async function readRegion(db: Kysely<DB>): Promise<Region | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', REGION_KEY).executeTakeFirst();
  return row ? Region.parse(JSON.parse(row.value)) : null;
}

/**
 * A placement the table followed up: made by a round, given follow-up dates, or checked. That is
 * history a dataset does not carry, so a replace keeps it (issue 9, item 14).
 */
const FOLLOWED_PLACEMENT = sql<boolean>`(placements.round_id is not null or placements.move_in_date is not null
  or placements.support_start is not null or placements.contract_form is not null or placements.review_date is not null
  or placements.lease_transfer_date is not null
  or exists (select 1 from placement_checks k where k.placement_id = placements.id))`;

/**
 * Empties the region for a replace, keeping the history: rounds and followed-up placements stay.
 * Clients and units they name are deleted too and must come back with the new dataset before the
 * commit: call inside a transaction with foreign keys deferred (see replaceRegion).
 */
export async function clearRegion(db: Kysely<DB>): Promise<void> {
  // Units point at clients (omklap occupant) and clients are pointed at by units: break that first.
  await db.updateTable('units').set({ occupant_client_id: null }).execute();
  await db.deleteFrom('placements').where(sql<boolean>`not ${FOLLOWED_PLACEMENT}`).execute();
  for (const t of REGION_TABLES) await db.deleteFrom(t).execute();
  await db.deleteFrom('settings').where('key', '=', REGION_KEY).execute();
}

/** Writes a checked dataset into an empty region. Call inside a transaction. */
export async function writeRegion(db: Kysely<DB>, d: Dataset): Promise<void> {
  await db.insertInto('settings').values({ key: REGION_KEY, value: JSON.stringify(d.region) }).execute();
  await insertMany(
    db,
    'municipalities',
    d.municipalities.map((m) => ({ code: m.code, name: m.name, valid_from: m.validFrom, valid_to: m.validTo })),
  );
  await insertMany(
    db,
    'neighbourhoods',
    d.neighbourhoods.map((n) => ({
      code: n.code,
      name: n.name,
      municipality_code: n.municipalityCode,
      district: n.district,
      social_rent_share: n.socialRentShare,
      liveability_class: n.liveabilityClass,
    })),
  );
  await insertMany(db, 'corporations', d.corporations.map((c) => ({ id: c.id, name: c.name })));
  await insertMany(db, 'care_providers', d.careProviders.map((c) => ({ id: c.id, name: c.name })));
  await insertMany(
    db,
    'quotas',
    d.quotas.map((q) => ({
      corporation_id: q.corporationId,
      municipality_code: q.municipalityCode,
      year: q.year,
      agreed: q.agreed,
      kind: q.kind,
    })),
  );
  await insertMany(
    db,
    'policy_profiles',
    d.policies.map((p) => ({ id: p.id, name: p.name, valid_from: p.validFrom, settings_json: JSON.stringify(p.settings) })),
  );
  for (const c of d.clients) await insertClient(db, c);
  await insertMany(db, 'units', d.units.map(unitToRow));
  // A followed-up placement kept by clearRegion that the dataset names again: the dataset's facts,
  // the follow-up (round, dates, checks) kept.
  // The monitor snapshot: what the dataset states; a kept placement keeps the facts an older file leaves out.
  const kept = new Set((await db.selectFrom('placements').select('id').execute()).map((r) => r.id));
  const placements = d.placements.map(placementToRow);
  await insertMany(db, 'placements', placements.filter((p) => !kept.has(p.id)));
  for (const p of placements) {
    if (kept.has(p.id)) await db.updateTable('placements').set(p).where('id', '=', p.id).execute();
  }
}

/** A dataset placement as its row; snapshot facts the placement does not state are left out (undefined). */
export function placementToRow(p: Placement): Insertable<DB['placements']> {
  return {
    id: p.id,
    client_id: p.clientId,
    unit_id: p.unitId,
    date: p.date,
    origin_municipality_code: p.originMunicipalityCode,
    destination_municipality_code: p.destinationMunicipalityCode,
    neighbourhood_code: p.neighbourhoodCode,
    complex: p.complex,
    corporation_id: p.corporationId,
    target_group: p.targetGroup,
    gender: p.gender,
    age: p.age,
    adults: p.adults,
    children: p.children,
    care_provider_id: p.careProviderId,
    support_intensity: p.supportIntensity,
    funding_frame: p.fundingFrame,
    ready_date: p.readyDate,
    care_since: p.careSince,
    unit_kind: p.unitKind,
  };
}

/** A placement row as the dataset carries it: the snapshot facts that are known, none that are not. */
export function rowToPlacement(r: Selectable<DB['placements']>): Placement {
  const snapshot = {
    targetGroup: r.target_group,
    gender: r.gender,
    age: r.age,
    adults: r.adults,
    children: r.children,
    careProviderId: r.care_provider_id,
    supportIntensity: r.support_intensity,
    fundingFrame: r.funding_frame,
    readyDate: r.ready_date,
    careSince: r.care_since,
    unitKind: r.unit_kind,
  };
  return Placement.parse({
    id: r.id,
    clientId: r.client_id,
    unitId: r.unit_id,
    date: r.date,
    originMunicipalityCode: r.origin_municipality_code,
    destinationMunicipalityCode: r.destination_municipality_code,
    neighbourhoodCode: r.neighbourhood_code,
    complex: r.complex,
    corporationId: r.corporation_id,
    ...Object.fromEntries(Object.entries(snapshot).filter(([, v]) => v !== null && v !== undefined)),
  });
}

export function unitToRow(u: Unit): Insertable<DB['units']> {
  return {
    id: u.id,
    corporation_id: u.corporationId,
    municipality_code: u.municipalityCode,
    neighbourhood_code: u.neighbourhoodCode,
    complex: u.complex,
    address: u.address,
    kind: u.kind,
    rooms: u.rooms,
    floor: u.floor,
    lift: toInt(u.lift),
    rent_cents: toCents(u.rent),
    available_from: u.availableFrom,
    allowed_groups_json: JSON.stringify(u.allowedGroups),
    min_age: u.minAge,
    max_age: u.maxAge,
    contract_forms_json: JSON.stringify(u.contractForms),
    features_json: JSON.stringify(u.features),
    status: u.status,
    occupant_client_id: u.occupantClientId,
    notes: u.notes,
  };
}

export function rowToUnit(r: Selectable<DB['units']>): Unit {
  return Unit.parse({
    id: r.id,
    corporationId: r.corporation_id,
    municipalityCode: r.municipality_code,
    neighbourhoodCode: r.neighbourhood_code,
    complex: r.complex,
    address: r.address,
    kind: r.kind,
    rooms: r.rooms,
    floor: r.floor,
    lift: toBool(r.lift),
    rent: toEuros(r.rent_cents),
    availableFrom: r.available_from,
    allowedGroups: JSON.parse(r.allowed_groups_json),
    minAge: r.min_age,
    maxAge: r.max_age,
    contractForms: JSON.parse(r.contract_forms_json),
    features: JSON.parse(r.features_json),
    status: r.status,
    occupantClientId: r.occupant_client_id,
    notes: r.notes,
  });
}

export async function insertClient(db: Kysely<DB>, c: Client): Promise<void> {
  await db.insertInto('clients').values(clientRow(c)).execute();
  await insertClientChildren(db, c);
}

export function clientRow(c: Client): Insertable<DB['clients']> {
  return {
    id: c.id,
    name: c.name,
    target_group: c.group,
    gender: c.gender,
    birth_date: c.birthDate,
    care_provider_id: c.careProviderId,
    adults: c.household.adults,
    children_ages_json: JSON.stringify(c.household.childrenAges),
    origin_municipality_code: c.originMunicipalityCode,
    current_municipality_code: c.currentMunicipalityCode,
    income_source: c.income.source,
    income_monthly_cents: toCents(c.income.monthlyNet),
    debts: c.income.debts,
    budget_management: toInt(c.income.budgetManagement),
    rent_limit_cents: c.rentLimit === null ? null : toCents(c.rentLimit),
    needs_json: JSON.stringify(c.needs),
    support_provider_id: c.support.providerId,
    support_intensity: c.support.intensity,
    support_start: c.support.start,
    support_months: c.support.months,
    care_since: c.careSince,
    funding_frame: c.fundingFrame,
    ready_date: c.readyDate,
    housing_first: toInt(c.housingFirst),
    urgency: c.urgency,
    preferences_json: JSON.stringify(c.preferences),
    status: c.status,
    refusals: c.refusals,
    notes: c.notes,
  };
}

async function insertClientChildren(db: Kysely<DB>, c: Client): Promise<void> {
  const places = [
    ...c.networkPlaces.map((p, seq) => ({
      client_id: c.id,
      kind: 'network' as const,
      seq,
      category: p.kind,
      municipality_code: p.municipalityCode,
      neighbourhood_code: p.neighbourhoodCode,
      note: p.note,
    })),
    ...c.avoidPlaces.map((p, seq) => ({
      client_id: c.id,
      kind: 'avoid' as const,
      seq,
      category: p.reason,
      municipality_code: p.municipalityCode,
      neighbourhood_code: p.neighbourhoodCode,
      note: p.note,
    })),
  ];
  if (places.length) await db.insertInto('client_places').values(places).execute();
  if (c.readiness.length)
    await db
      .insertInto('client_readiness')
      .values(
        c.readiness.map((r, seq) => ({
          client_id: c.id,
          item: r.item,
          seq,
          done: toInt(r.done),
          confirmed_by: r.confirmedBy,
          confirmed_at: r.confirmedAt,
        })),
      )
      .execute();
  if (c.consents.length)
    await db
      .insertInto('client_consents')
      .values(
        c.consents.map((k, seq) => ({
          client_id: c.id,
          seq,
          party: k.party,
          party_id: k.partyId,
          basis: k.basis,
          given: toInt(k.given),
          date: k.date,
        })),
      )
      .execute();
  if (c.vetoes.length)
    await db
      .insertInto('client_vetoes')
      .values(c.vetoes.map((v, seq) => ({ client_id: c.id, seq, corporation_id: v.corporationId, reason: v.reason })))
      .execute();
}

/**
 * Replaces an existing client's row and child rows and raises its version (who and when in `stamp`).
 * With `expectedVersion`, only while the record is still at that version. False when no row matched
 * (gone, or changed since): nothing is written then.
 */
export async function updateClient(db: Kysely<DB>, c: Client, stamp: Stamp, expectedVersion: number | null): Promise<boolean> {
  // Same columns as an insert; done as delete-free update so placements and units keep their references.
  let q = db.updateTable('clients').set({ ...clientRow(c), ...nextVersion(stamp) }).where('id', '=', c.id);
  if (expectedVersion !== null) q = q.where('version', '=', expectedVersion);
  if (changedRows(await q.executeTakeFirst()) === 0) return false;
  for (const t of ['client_places', 'client_readiness', 'client_consents', 'client_vetoes'] as const) {
    await db.deleteFrom(t).where('client_id', '=', c.id).execute();
  }
  await insertClientChildren(db, c);
  return true;
}

/** Inserts or replaces one client with its child rows (call inside a transaction); a replace raises its version. */
export async function saveClient(db: Kysely<DB>, c: Client, stamp: Stamp): Promise<'created' | 'updated'> {
  if (await updateClient(db, c, stamp, null)) return 'updated';
  await insertClient(db, c);
  return 'created';
}

/** Replaces an existing unit and raises its version; with `expectedVersion`, only while still at that version. */
export async function updateUnit(db: Kysely<DB>, u: Unit, stamp: Stamp, expectedVersion: number | null): Promise<boolean> {
  let q = db.updateTable('units').set({ ...unitToRow(u), ...nextVersion(stamp) }).where('id', '=', u.id);
  if (expectedVersion !== null) q = q.where('version', '=', expectedVersion);
  return changedRows(await q.executeTakeFirst()) > 0;
}

/** Inserts or replaces one unit (call inside a transaction); a replace raises its version. */
export async function saveUnit(db: Kysely<DB>, u: Unit, stamp: Stamp): Promise<'created' | 'updated'> {
  if (await updateUnit(db, u, stamp, null)) return 'updated';
  await db.insertInto('units').values(unitToRow(u)).execute();
  return 'created';
}

/** Reads clients with their child rows; `ids` limits the set (all when omitted). */
export async function readClients(db: Kysely<DB>, ids?: string[]): Promise<Client[]> {
  if (ids && ids.length === 0) return [];
  let q = db.selectFrom('clients').selectAll().orderBy(rowOrder(db));
  if (ids) q = q.where('id', 'in', ids);
  const rows = await q.execute();
  const only = <T extends { client_id: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of list) {
      const arr = map.get(r.client_id);
      if (arr) arr.push(r);
      else map.set(r.client_id, [r]);
    }
    return map;
  };
  const [places, readiness, consents, vetoes] = await Promise.all([
    db.selectFrom('client_places').selectAll().$if(ids !== undefined, (qb) => qb.where('client_id', 'in', ids ?? []))
      .orderBy('client_id')
      .orderBy('kind')
      .orderBy('seq')
      .execute(),
    db.selectFrom('client_readiness').selectAll().$if(ids !== undefined, (qb) => qb.where('client_id', 'in', ids ?? []))
      .orderBy('client_id')
      .orderBy('seq')
      .execute(),
    db.selectFrom('client_consents').selectAll().$if(ids !== undefined, (qb) => qb.where('client_id', 'in', ids ?? []))
      .orderBy('client_id')
      .orderBy('seq')
      .execute(),
    db.selectFrom('client_vetoes').selectAll().$if(ids !== undefined, (qb) => qb.where('client_id', 'in', ids ?? []))
      .orderBy('client_id')
      .orderBy('seq')
      .execute(),
  ]);
  const placesBy = only(places);
  const readinessBy = only(readiness);
  const consentsBy = only(consents);
  const vetoesBy = only(vetoes);
  return rows.map((r) => {
    const pl = placesBy.get(r.id) ?? [];
    return Client.parse({
      id: r.id,
      name: r.name,
      group: r.target_group,
      gender: r.gender,
      birthDate: r.birth_date,
      careProviderId: r.care_provider_id,
      household: { adults: r.adults, childrenAges: JSON.parse(r.children_ages_json) },
      originMunicipalityCode: r.origin_municipality_code,
      currentMunicipalityCode: r.current_municipality_code,
      networkPlaces: pl
        .filter((p) => p.kind === 'network')
        .map((p) => ({ kind: p.category, municipalityCode: p.municipality_code, neighbourhoodCode: p.neighbourhood_code, note: p.note })),
      avoidPlaces: pl
        .filter((p) => p.kind === 'avoid')
        .map((p) => ({ reason: p.category, municipalityCode: p.municipality_code, neighbourhoodCode: p.neighbourhood_code, note: p.note })),
      income: {
        source: r.income_source,
        monthlyNet: toEuros(r.income_monthly_cents),
        debts: r.debts,
        budgetManagement: toBool(r.budget_management),
      },
      rentLimit: r.rent_limit_cents === null ? null : toEuros(r.rent_limit_cents),
      needs: JSON.parse(r.needs_json),
      support: {
        providerId: r.support_provider_id,
        intensity: r.support_intensity,
        start: r.support_start,
        months: r.support_months,
      },
      careSince: r.care_since ?? null,
      fundingFrame: r.funding_frame ?? 'unknown',
      readiness: (readinessBy.get(r.id) ?? []).map((x) => ({
        item: x.item,
        done: toBool(x.done),
        confirmedBy: x.confirmed_by,
        confirmedAt: x.confirmed_at,
      })),
      readyDate: r.ready_date,
      housingFirst: toBool(r.housing_first),
      urgency: r.urgency,
      preferences: JSON.parse(r.preferences_json),
      consents: (consentsBy.get(r.id) ?? []).map((k) => ({
        party: k.party,
        partyId: k.party_id,
        basis: k.basis,
        given: toBool(k.given),
        date: k.date,
      })),
      vetoes: (vetoesBy.get(r.id) ?? []).map((v) => ({ corporationId: v.corporation_id, reason: v.reason })),
      status: r.status,
      refusals: r.refusals,
      notes: r.notes,
    });
  });
}

export const rowToMunicipality = (m: Selectable<DB['municipalities']>): Municipality => ({
  code: m.code,
  name: m.name,
  validFrom: m.valid_from,
  validTo: m.valid_to,
});

export const rowToNeighbourhood = (n: Selectable<DB['neighbourhoods']>): Neighbourhood => ({
  code: n.code,
  name: n.name,
  municipalityCode: n.municipality_code,
  district: n.district,
  socialRentShare: n.social_rent_share,
  liveabilityClass: n.liveability_class,
});

/**
 * The register as a version 1 document (no history): what the engine, the review file and a round
 * read. The export adds the history (readDatasetWithHistory).
 */
/** The register as a dataset; `clientIds` limits the clients read (all when omitted). */
export async function readDataset(db: Kysely<DB>, { clientIds }: { clientIds?: string[] } = {}): Promise<Dataset | null> {
  const region = await readRegion(db);
  if (!region) return null;
  const byRowid = rowOrder(db);
  const [municipalities, neighbourhoods, corporations, careProviders, quotas, policies, units, placements, clients] =
    await Promise.all([
      db.selectFrom('municipalities').selectAll().orderBy(byRowid).execute(),
      db.selectFrom('neighbourhoods').selectAll().orderBy(byRowid).execute(),
      db.selectFrom('corporations').selectAll().orderBy(byRowid).execute(),
      db.selectFrom('care_providers').selectAll().orderBy(byRowid).execute(),
      db.selectFrom('quotas').selectAll().orderBy(byRowid).execute(),
      db.selectFrom('policy_profiles').selectAll().orderBy(byRowid).execute(),
      db.selectFrom('units').selectAll().orderBy(byRowid).execute(),
      db.selectFrom('placements').selectAll().orderBy(byRowid).execute(),
      readClients(db, clientIds),
    ]);
  return {
    format: DATASET_FORMAT,
    version: REGISTER_VERSION,
    region,
    municipalities: municipalities.map(rowToMunicipality),
    neighbourhoods: neighbourhoods.map(rowToNeighbourhood),
    corporations: corporations.map((c) => ({ id: c.id, name: c.name })),
    careProviders: careProviders.map((c) => ({ id: c.id, name: c.name })),
    quotas: quotas.map((q) => ({
      corporationId: q.corporation_id,
      municipalityCode: q.municipality_code,
      year: q.year,
      agreed: q.agreed,
      kind: z.enum(['maximum', 'target']).parse(q.kind),
    })),
    policies: policies.map((p) => ({
      id: p.id,
      name: p.name,
      validFrom: p.valid_from,
      settings: PolicySettings.parse(JSON.parse(p.settings_json)),
    })),
    units: units.map(rowToUnit),
    clients,
    placements: placements.map(rowToPlacement),
  };
}

/**
 * The whole region with its history: dataset format v2, as the export writes it. Reads inside one
 * transaction (opened here when the caller has none), so the audit log and the records belong together.
 */
export async function readDatasetWithHistory(db: Kysely<DB>): Promise<Dataset | null> {
  if (!db.isTransaction) return db.transaction().execute((trx) => readDatasetWithHistory(trx));
  const register = await readDataset(db);
  if (!register) return null;
  return { ...register, version: DATASET_VERSION, history: await readHistory(db) };
}

/**
 * Empties the database for a v2 import: the history (rounds, follow-up, retention, audit log) and the
 * whole register. Users and the installation's own settings (keys, backups) stay. Call inside a
 * transaction, with foreign keys deferred.
 */
export async function clearEverything(db: Kysely<DB>): Promise<void> {
  await clearHistory(db);
  await clearRegion(db);
}

/** Writes a checked v2 document into an emptied database (clearEverything). Call inside a transaction. */
export async function writeEverything(db: Kysely<DB>, d: Dataset): Promise<void> {
  await writeRegion(db, d);
  if (d.history) await writeHistory(db, d.history);
}

/** A client or unit named by the history a replace keeps: a round (members, controls, proposals, decisions) or a followed-up placement. */
export interface HistoryReference {
  kind: 'client' | 'unit';
  id: string;
  roundId: number | null;
  /** Set when a kept placement names it (a dataset that names that placement again replaces its facts). */
  placementId: string | null;
}

/** Every client and unit the rounds and the followed-up placements name, once per round or placement. */
export async function historyReferences(db: Kysely<DB>): Promise<HistoryReference[]> {
  const fromVersions = (json: 'proposal_json' | 'greedy_json', key: 'clientId' | 'unitId', kind: 'client' | 'unit') =>
    sql`select ${sql.lit(kind)}, ${jsonItemText(db, 'm', key)}, v.round_id, null
      from round_versions v cross join ${jsonArrayItems(db, sql`v.${sql.ref(json)}`, 'matches', 'm')}`;
  const { rows } = await sql<{ kind: 'client' | 'unit'; id: string | null; round_id: number | null; placement_id: string | null }>`
    select 'client' as kind, client_id as id, round_id, null as placement_id from round_clients
    union select 'client', client_id, round_id, null from round_controls where client_id is not null
    union select 'client', client_id, round_id, null from round_decisions
    union ${fromVersions('proposal_json', 'clientId', 'client')}
    union ${fromVersions('greedy_json', 'clientId', 'client')}
    union select 'unit', unit_id, round_id, null from round_units
    union select 'unit', unit_id, round_id, null from round_controls where unit_id is not null
    union select 'unit', unit_id, round_id, null from round_decisions
    union ${fromVersions('proposal_json', 'unitId', 'unit')}
    union ${fromVersions('greedy_json', 'unitId', 'unit')}
    union select 'client', client_id, round_id, id from placements where client_id is not null and ${FOLLOWED_PLACEMENT}
    union select 'unit', unit_id, round_id, id from placements where unit_id is not null and ${FOLLOWED_PLACEMENT}
    order by 1, 2, 3`.execute(db);
  return rows.flatMap((r) => (r.id === null ? [] : [{ kind: r.kind, id: r.id, roundId: r.round_id, placementId: r.placement_id }]));
}

/** How many rounds and followed-up placements a replace keeps (for the audit entry). */
export async function historyCounts(db: Kysely<DB>): Promise<{ rounds: number; followedPlacements: number }> {
  const { rows } = await sql<{ rounds: number; placements: number }>`
    select (select count(*) from rounds) as rounds, (select count(*) from placements where ${FOLLOWED_PLACEMENT}) as placements`.execute(db);
  return { rounds: Number(rows[0]?.rounds ?? 0), followedPlacements: Number(rows[0]?.placements ?? 0) };
}

export { type ForeignKeyViolation, foreignKeyViolations } from '../db/dialect';

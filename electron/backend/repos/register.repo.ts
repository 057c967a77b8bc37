// Single-record checks and writes of the register: are a client's or unit's references (codes,
// organisations, readiness items) in the database, and small status updates. Node only.
import type { Kysely } from 'kysely';
import type { ApiProblem } from '../../../shared/api/result';
import type { Client, Unit } from '../../../shared/dataset/dataset.schema';
import type { DB } from '../db/schema';
import { rowToUnit } from './region.repo';
import { type Stamp, nextVersion } from './versions.repo';

/** Which of the given keys exist in a table's key column. */
async function existing(
  db: Kysely<DB>,
  table: 'municipalities' | 'neighbourhoods' | 'corporations' | 'care_providers' | 'clients',
  keys: Iterable<string>,
): Promise<Set<string>> {
  const list = [...new Set(keys)];
  if (list.length === 0) return new Set();
  if (table === 'municipalities') {
    const rows = await db.selectFrom('municipalities').select('code').where('code', 'in', list).execute();
    return new Set(rows.map((r) => r.code));
  }
  if (table === 'neighbourhoods') {
    const rows = await db.selectFrom('neighbourhoods').select('code').where('code', 'in', list).execute();
    return new Set(rows.map((r) => r.code));
  }
  const rows = await db.selectFrom(table).select('id').where('id', 'in', list).execute();
  return new Set(rows.map((r) => r.id));
}

async function neighbourhoodMunicipalities(db: Kysely<DB>, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('neighbourhoods').select(['code', 'municipality_code']).where('code', 'in', [...new Set(codes)]).execute();
  return new Map(rows.map((r) => [r.code, r.municipality_code]));
}

/** Builds the place checks shared by clients and units. */
async function placeChecker(db: Kysely<DB>, municipalityCodes: string[], neighbourhoodCodes: string[]) {
  const [munis, nbhMuni] = await Promise.all([existing(db, 'municipalities', municipalityCodes), neighbourhoodMunicipalities(db, neighbourhoodCodes)]);
  const problems: ApiProblem[] = [];
  const muni = (path: string, code: string) => {
    if (!munis.has(code)) problems.push({ path, message: `onbekende gemeentecode '${code}'` });
  };
  const nbh = (path: string, code: string | null, municipality?: string) => {
    if (code === null) return;
    const lies = nbhMuni.get(code);
    if (lies === undefined) problems.push({ path, message: `onbekende buurtcode '${code}'` });
    else if (municipality !== undefined && lies !== municipality)
      problems.push({ path, message: `buurt '${code}' ligt in ${lies}, niet in ${municipality}` });
  };
  return { problems, muni, nbh };
}

/**
 * Every reference of one client checked against the database (municipality and neighbourhood codes,
 * neighbourhoods inside the stated municipality, care providers, corporations, readiness items of the
 * current policy). Paths use the form's field names, e.g. `networkPlaces.0.neighbourhoodCode`.
 */
export async function checkClientReferences(db: Kysely<DB>, c: Client, readinessKeys: string[] | null): Promise<ApiProblem[]> {
  const places = [...c.networkPlaces, ...c.avoidPlaces];
  const check = await placeChecker(
    db,
    [c.originMunicipalityCode, c.currentMunicipalityCode, ...places.map((p) => p.municipalityCode), ...c.preferences.municipalityCodes],
    [...places.flatMap((p) => (p.neighbourhoodCode ? [p.neighbourhoodCode] : [])), ...c.preferences.neighbourhoodCodes],
  );
  const { problems } = check;
  const add = (path: string, message: string) => problems.push({ path, message });
  check.muni('originMunicipalityCode', c.originMunicipalityCode);
  check.muni('currentMunicipalityCode', c.currentMunicipalityCode);
  c.networkPlaces.forEach((p, i) => {
    check.muni(`networkPlaces.${i}.municipalityCode`, p.municipalityCode);
    check.nbh(`networkPlaces.${i}.neighbourhoodCode`, p.neighbourhoodCode, p.municipalityCode);
  });
  c.avoidPlaces.forEach((p, i) => {
    check.muni(`avoidPlaces.${i}.municipalityCode`, p.municipalityCode);
    check.nbh(`avoidPlaces.${i}.neighbourhoodCode`, p.neighbourhoodCode, p.municipalityCode);
  });
  c.preferences.municipalityCodes.forEach((m, i) => check.muni(`preferences.municipalityCodes.${i}`, m));
  c.preferences.neighbourhoodCodes.forEach((n, i) => check.nbh(`preferences.neighbourhoodCodes.${i}`, n));

  const providerIds = [c.careProviderId, c.support.providerId, ...c.consents.filter((k) => k.party === 'care-provider').flatMap((k) => (k.partyId ? [k.partyId] : []))];
  const corporationIds = [...c.vetoes.map((v) => v.corporationId), ...c.consents.filter((k) => k.party === 'corporation').flatMap((k) => (k.partyId ? [k.partyId] : []))];
  const municipalityParties = c.consents.filter((k) => k.party === 'municipality').flatMap((k) => (k.partyId ? [k.partyId] : []));
  const [providers, corporations, partyMunis] = await Promise.all([
    existing(db, 'care_providers', providerIds),
    existing(db, 'corporations', corporationIds),
    existing(db, 'municipalities', municipalityParties),
  ]);
  if (!providers.has(c.careProviderId)) add('careProviderId', `onbekende zorgaanbieder '${c.careProviderId}'`);
  if (!providers.has(c.support.providerId)) add('support.providerId', `onbekende zorgaanbieder '${c.support.providerId}'`);
  c.consents.forEach((k, i) => {
    if (k.partyId === null) return;
    const set = k.party === 'corporation' ? corporations : k.party === 'care-provider' ? providers : partyMunis;
    if (!set.has(k.partyId)) add(`consents.${i}.partyId`, `onbekende partij '${k.partyId}'`);
  });
  c.vetoes.forEach((v, i) => {
    if (!corporations.has(v.corporationId)) add(`vetoes.${i}.corporationId`, `onbekende corporatie '${v.corporationId}'`);
  });

  const keys = readinessKeys === null ? null : new Set(readinessKeys);
  const seen = new Set<string>();
  c.readiness.forEach((r, i) => {
    if (keys && !keys.has(r.item)) add(`readiness.${i}.item`, `onbekende voorwaarde '${r.item}' (niet in het huidige beleid)`);
    if (seen.has(r.item)) add(`readiness.${i}.item`, `voorwaarde '${r.item}' staat er twee keer`);
    seen.add(r.item);
  });
  return problems;
}

/** Every reference of one unit checked against the database. */
export async function checkUnitReferences(db: Kysely<DB>, u: Unit): Promise<ApiProblem[]> {
  const check = await placeChecker(db, [u.municipalityCode], u.neighbourhoodCode ? [u.neighbourhoodCode] : []);
  const { problems } = check;
  check.muni('municipalityCode', u.municipalityCode);
  check.nbh('neighbourhoodCode', u.neighbourhoodCode, u.municipalityCode);
  const [corporations, clients] = await Promise.all([
    existing(db, 'corporations', [u.corporationId]),
    existing(db, 'clients', u.occupantClientId ? [u.occupantClientId] : []),
  ]);
  if (!corporations.has(u.corporationId)) problems.push({ path: 'corporationId', message: `onbekende corporatie '${u.corporationId}'` });
  if (u.occupantClientId !== null && !clients.has(u.occupantClientId))
    problems.push({ path: 'occupantClientId', message: `onbekende kandidaat '${u.occupantClientId}'` });
  if (u.minAge !== null && u.maxAge !== null && u.minAge > u.maxAge)
    problems.push({ path: 'maxAge', message: `is lager dan de minimumleeftijd (${u.minAge})` });
  return problems;
}

export async function readUnit(db: Kysely<DB>, id: string): Promise<Unit | null> {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToUnit(row) : null;
}

/** Sets a client's status and raises its version, so a form opened before cannot put the old status back. */
export async function updateClientStatus(db: Kysely<DB>, id: string, status: string, stamp: Stamp): Promise<void> {
  await db.updateTable('clients').set({ status, ...nextVersion(stamp) }).where('id', '=', id).execute();
}

/** Sets a unit's status (and, when given, its occupant) and raises its version. */
export async function updateUnitStatus(db: Kysely<DB>, id: string, status: string, stamp: Stamp, occupantClientId?: string): Promise<void> {
  await db
    .updateTable('units')
    .set({ status, ...(occupantClientId !== undefined ? { occupant_client_id: occupantClientId } : {}), ...nextVersion(stamp) })
    .where('id', '=', id)
    .execute();
}

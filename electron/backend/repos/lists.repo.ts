// The client and unit lists: filters, search, sort and paging answered by SQL (indexed columns),
// rows shaped for tables, with the total count. Node only.
import { type Kysely, sql } from 'kysely';
import type { ClientListInput, ClientRow, UnitListInput, UnitRow } from '../../../shared/api/contract';
import { ClientGroup, ClientStatus, Gender, UnitKind, UnitStatus, Urgency } from '../../../shared/domain/codes';
import { likeAnyCase } from '../db/dialect';
import type { DB } from '../db/schema';
import { toBool, toEuros } from './money';

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** "Any of these columns contains the text", whatever the case: LIKE with the user's % and _ taken literally. */
function containsAny(db: Kysely<DB>, columns: string[], text: string) {
  const pattern = likePattern(text);
  return sql<boolean>`(${sql.join(
    columns.map((c) => likeAnyCase(db, c, pattern)),
    sql` or `,
  )})`;
}

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export async function listClients(
  db: Kysely<DB>,
  input: ClientListInput,
  today: string,
  readinessKeys: string[],
): Promise<{ rows: ClientRow[]; total: number }> {
  const dir = input.sortDir ?? 'asc';
  const flip = dir === 'asc' ? 'desc' : 'asc';
  let q = db
    .selectFrom('clients as c')
    .innerJoin('municipalities as o', 'o.code', 'c.origin_municipality_code')
    .innerJoin('municipalities as cur', 'cur.code', 'c.current_municipality_code')
    .innerJoin('care_providers as p', 'p.id', 'c.care_provider_id');
  const search = input.search?.trim();
  if (search) q = q.where(containsAny(db, ['c.id', 'c.name', 'o.name', 'cur.name'], search));
  // Filters: each an indexed column (status+group, origin, provider) or one correlated count.
  const statuses = input.statuses?.length ? input.statuses : ClientStatus.options.filter((s) => s !== 'archived');
  q = q.where('c.status', 'in', statuses);
  if (input.groups?.length) q = q.where('c.target_group', 'in', input.groups);
  if (input.originMunicipalityCodes?.length) q = q.where('c.origin_municipality_code', 'in', input.originMunicipalityCodes);
  if (input.careProviderIds?.length) q = q.where('c.care_provider_id', 'in', input.careProviderIds);
  if (input.readiness && readinessKeys.length) {
    const op = input.readiness === 'ready' ? '=' : '<';
    q = q.where((eb) =>
      eb(
        eb
          .selectFrom('client_readiness as r')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('r.client_id', '=', 'c.id')
          .where('r.done', '=', 1)
          .where('r.item', 'in', readinessKeys),
        op,
        readinessKeys.length,
      ),
    );
  } else if (input.readiness === 'not-ready') {
    // No readiness items in the policy: everyone counts as ready.
    q = q.where(sql<boolean>`1 = 0`);
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();

  const keys = readinessKeys.length ? readinessKeys : [''];
  let rq = q.select([
    'c.id',
    'c.name',
    'c.target_group',
    'c.gender',
    'c.birth_date',
    'c.adults',
    'c.children_ages_json',
    'c.origin_municipality_code',
    'o.name as origin_name',
    'cur.name as current_name',
    'p.name as provider_name',
    'c.ready_date',
    'c.housing_first',
    'c.urgency',
    'c.status',
    (eb) =>
      eb
        .selectFrom('client_readiness as r')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('r.client_id', '=', 'c.id')
        .where('r.done', '=', 1)
        .where('r.item', 'in', keys)
        .as('readiness_done'),
  ]);
  switch (input.sortBy ?? 'id') {
    case 'group':
      rq = rq.orderBy('c.target_group', dir);
      break;
    case 'age': // older first when descending: birth dates run the other way
      rq = rq.orderBy('c.birth_date', flip);
      break;
    case 'origin':
      rq = rq.orderBy('o.name', dir);
      break;
    case 'readyDate':
      rq = rq.orderBy(sql`c.ready_date is null`).orderBy('c.ready_date', dir);
      break;
    case 'urgency':
      rq = rq.orderBy(sql`case c.urgency when 'crisis' then 2 when 'high' then 1 else 0 end`, dir);
      break;
    case 'status':
      rq = rq.orderBy('c.status', dir);
      break;
    case 'id':
      rq = rq.orderBy('c.id', dir);
      break;
  }
  rq = rq.orderBy('c.id');
  const rows = await rq
    .limit(input.limit ?? 1000)
    .offset(input.offset ?? 0)
    .execute();
  return {
    total: Number(total),
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      group: ClientGroup.parse(r.target_group),
      gender: Gender.parse(r.gender),
      age: ageOn(r.birth_date, today),
      householdSize: r.adults + (JSON.parse(r.children_ages_json) as unknown[]).length,
      originMunicipalityCode: r.origin_municipality_code,
      originMunicipality: r.origin_name,
      currentMunicipality: r.current_name,
      careProvider: r.provider_name,
      readyDate: r.ready_date,
      readinessDone: Number(r.readiness_done ?? 0),
      readinessTotal: readinessKeys.length,
      housingFirst: toBool(r.housing_first),
      urgency: Urgency.parse(r.urgency),
      status: ClientStatus.parse(r.status),
    })),
  };
}

export async function listUnits(db: Kysely<DB>, input: UnitListInput): Promise<{ rows: UnitRow[]; total: number }> {
  const dir = input.sortDir ?? 'asc';
  let q = db
    .selectFrom('units as u')
    .innerJoin('corporations as k', 'k.id', 'u.corporation_id')
    .innerJoin('municipalities as m', 'm.code', 'u.municipality_code')
    .leftJoin('neighbourhoods as n', 'n.code', 'u.neighbourhood_code');
  const search = input.search?.trim();
  if (search) q = q.where(containsAny(db, ['u.id', 'u.address', 'u.complex', 'm.name', 'n.name', 'k.name'], search));
  if (input.corporationIds?.length) q = q.where('u.corporation_id', 'in', input.corporationIds);
  if (input.municipalityCodes?.length) q = q.where('u.municipality_code', 'in', input.municipalityCodes);
  if (input.kinds?.length) q = q.where('u.kind', 'in', input.kinds);
  if (input.statuses?.length) q = q.where('u.status', 'in', input.statuses);
  if (input.availableBy) {
    // The (status, available_from) index answers this range directly.
    q = q.where('u.status', '=', 'available').where('u.available_from', '<=', input.availableBy);
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  let rq = q.select([
    'u.id',
    'u.address',
    'k.name as corporation',
    'u.municipality_code',
    'm.name as municipality',
    'n.name as neighbourhood',
    'u.complex',
    'u.kind',
    'u.rooms',
    'u.floor',
    'u.lift',
    'u.rent_cents',
    'u.available_from',
    'u.status',
  ]);
  const col = {
    id: 'u.id',
    municipality: 'm.name',
    kind: 'u.kind',
    rooms: 'u.rooms',
    rent: 'u.rent_cents',
    availableFrom: 'u.available_from',
    corporation: 'k.name',
    status: 'u.status',
  } as const;
  rq = rq.orderBy(col[input.sortBy ?? 'id'], dir).orderBy('u.id');
  const rows = await rq
    .limit(input.limit ?? 1000)
    .offset(input.offset ?? 0)
    .execute();
  return {
    total: Number(total),
    rows: rows.map((r) => ({
      id: r.id,
      address: r.address,
      corporation: r.corporation,
      municipalityCode: r.municipality_code,
      municipality: r.municipality,
      neighbourhood: r.neighbourhood,
      complex: r.complex,
      kind: UnitKind.parse(r.kind),
      rooms: r.rooms,
      floor: r.floor,
      lift: toBool(r.lift),
      rent: toEuros(r.rent_cents),
      availableFrom: r.available_from,
      status: UnitStatus.parse(r.status),
    })),
  };
}

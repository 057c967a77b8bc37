// The register by hand: creating, correcting and changing the status of clients and units through the
// dispatcher against a real in-memory database: every validation rule (with its field path), audit
// entries with before/after, nothing written on a refusal, and the list filters.
import { rows } from '../pg/sql';
import { asChair } from '../../shared/auth/system-user';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import type { ApiError } from '../../shared/api/result';
import type { Client, Unit } from '../../shared/dataset/dataset.schema';
import { miniDataset } from '../fixtures/mini-dataset';
import { call, importDataset, memoryBackend, rowCount } from './helpers';

let b: Backend;
beforeEach(async () => {
  b = await memoryBackend();
  await importDataset(b, miniDataset());
});
afterEach(async () => b?.close());

const baseClient = (): Client => ({ ...structuredClone(miniDataset().clients[0]!), id: 'K-9', name: null });
const baseUnit = (): Unit => ({ ...structuredClone(miniDataset().units[0]!), id: 'W-9' });

/** Calls a method that must fail; returns the error envelope. */
async function refused(method: string, input: unknown): Promise<ApiError> {
  const r = await b.dispatch(method, input, asChair('tester'));
  if (r.ok) throw new Error(`${method} was expected to fail`);
  return r.error;
}

/** Everything a refused mutation could have touched. */
async function snapshot() {
  const tables = ['clients', 'client_places', 'client_readiness', 'client_consents', 'client_vetoes', 'units', 'audit_log'];
  const counts = await Promise.all(tables.map((t) => rowCount(b, t)));
  const clients = await rows(b, 'select * from clients order by id');
  const units = await rows(b, 'select * from units order by id');
  return { counts, clients, units };
}

async function auditOf(entityId: string) {
  const log = await call(b, 'audit.list', { limit: 100 });
  return log.filter((e) => e.entityId === entityId).map((e) => ({ ...e, detail: JSON.parse(e.detail) as Record<string, unknown> }));
}

describe('clients.create and clients.update', () => {
  it('creates a client, lists it and audits the whole record as "after"', async () => {
    const c = baseClient();
    expect(await call(b, 'clients.create', c)).toEqual({ id: 'K-9' });
    const detail = await call(b, 'clients.get', { id: 'K-9' });
    expect(detail.client).toEqual(c);
    const [entry] = (await auditOf('K-9')).filter((e) => e.action === 'create');
    expect(entry?.entity).toBe('client');
    expect(entry?.detail).toEqual({ before: null, after: c });
  });

  it('updates a client and audits only the fields that changed, before and after', async () => {
    const c = structuredClone(miniDataset().clients[0]!);
    await call(b, 'clients.update', { ...c, urgency: 'crisis', notes: 'Nieuwe notitie', expectedVersion: 1 });
    const [entry] = (await auditOf('K-1')).filter((e) => e.action === 'update');
    expect(entry?.detail).toEqual({
      fields: ['urgency', 'notes'],
      before: { urgency: 'none', notes: '' },
      after: { urgency: 'crisis', notes: 'Nieuwe notitie' },
    });
    expect((await call(b, 'clients.get', { id: 'K-1' })).client.urgency).toBe('crisis');
  });

  const cases: [string, (c: Client) => Client, string, RegExp][] = [
    ['unknown municipality code', (c) => ({ ...c, originMunicipalityCode: 'GM9999' }), 'originMunicipalityCode', /onbekende gemeentecode 'GM9999'/],
    ['unknown current municipality', (c) => ({ ...c, currentMunicipalityCode: 'GM0001' }), 'currentMunicipalityCode', /onbekende gemeentecode/],
    [
      'neighbourhood in another municipality',
      (c) => ({ ...c, networkPlaces: [{ kind: 'family', municipalityCode: 'GM0034', neighbourhoodCode: 'BU09950101', note: '' }] }),
      'networkPlaces.0.neighbourhoodCode',
      /ligt in GM0995, niet in GM0034/,
    ],
    [
      'unknown neighbourhood in an area to avoid',
      (c) => ({ ...c, avoidPlaces: [{ reason: 'perpetrator', municipalityCode: 'GM0995', neighbourhoodCode: 'BU09959999', note: '' }] }),
      'avoidPlaces.0.neighbourhoodCode',
      /onbekende buurtcode/,
    ],
    ['impossible date', (c) => ({ ...c, birthDate: '2001-02-30' }), 'birthDate', /bestaat niet/],
    ['malformed date', (c) => ({ ...c, readyDate: '1-8-2026' }), 'readyDate', /JJJJ-MM-DD/],
    ['birth date in the future', (c) => ({ ...c, birthDate: '2030-01-01' }), 'birthDate', /toekomst/],
    ['negative rent limit', (c) => ({ ...c, rentLimit: -10 }), 'rentLimit', /negatief/],
    ['negative income', (c) => ({ ...c, income: { ...c.income, monthlyNet: -1 } }), 'income.monthlyNet', /negatief/],
    ['unknown care provider', (c) => ({ ...c, careProviderId: 'prov-x' }), 'careProviderId', /onbekende zorgaanbieder 'prov-x'/],
    ['unknown support provider', (c) => ({ ...c, support: { ...c.support, providerId: 'prov-y' } }), 'support.providerId', /onbekende zorgaanbieder/],
    ['unknown corporation in a veto', (c) => ({ ...c, vetoes: [{ corporationId: 'corp-x', reason: 'Huurschuld' }] }), 'vetoes.0.corporationId', /onbekende corporatie/],
    [
      'unknown party in a consent',
      (c) => ({ ...c, consents: [{ party: 'corporation', partyId: 'corp-x', basis: 'consent', given: true, date: null }] }),
      'consents.0.partyId',
      /onbekende partij/,
    ],
    [
      'unknown readiness item',
      (c) => ({ ...c, readiness: [{ item: 'horoscoop', done: true, confirmedBy: 'x', confirmedAt: '2026-01-01' }] }),
      'readiness.0.item',
      /onbekende voorwaarde 'horoscoop'/,
    ],
    ['unknown preferred neighbourhood', (c) => ({ ...c, preferences: { ...c.preferences, neighbourhoodCodes: ['BU00349999'] } }), 'preferences.neighbourhoodCodes.0', /onbekende buurtcode/],
    ['missing group', (c) => ({ ...c, group: undefined as unknown as Client['group'] }), 'group', /./],
  ];
  for (const [name, mutate, path, message] of cases) {
    it(`refuses ${name} at ${path}, on create and on update, writing nothing`, async () => {
      const before = await snapshot();
      const onCreate = await refused('clients.create', mutate(baseClient()));
      expect(onCreate.code).toBe('VALIDATION');
      const problem = onCreate.problems?.find((p) => p.path === path);
      expect(problem?.message).toMatch(message);
      const onUpdate = await refused('clients.update', { ...mutate(structuredClone(miniDataset().clients[0]!)), expectedVersion: 1 });
      expect(onUpdate.problems?.some((p) => p.path === path)).toBe(true);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('lists every problem at once, with a message that names the client', async () => {
    const e = await refused('clients.create', { ...baseClient(), originMunicipalityCode: 'GM9999', careProviderId: 'prov-x' });
    expect(e.problems?.map((p) => p.path).sort()).toEqual(['careProviderId', 'originMunicipalityCode']);
    expect(e.message).toMatch(/Kandidaat K-9 niet opgeslagen \(2 problemen\)/);
  });

  it('refuses an existing id on create (CONFLICT) and an unknown id on update (NOT_FOUND)', async () => {
    const before = await snapshot();
    const dup = await refused('clients.create', { ...baseClient(), id: 'K-2' });
    expect(dup.code).toBe('CONFLICT');
    expect(dup.problems?.[0]?.path).toBe('id');
    const unknown = await refused('clients.update', { ...baseClient(), expectedVersion: 1 });
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toContain('K-9');
    expect(await snapshot()).toEqual(before);
  });
});

describe('clients.setStatus and clients.confirmReadiness', () => {
  it('sets a client aside with a reason, recorded in the audit, and back to active', async () => {
    await call(b, 'clients.setStatus', { id: 'K-1', status: 'set-aside', reason: 'Opname, eerst herstel' });
    expect((await call(b, 'clients.get', { id: 'K-1' })).client.status).toBe('set-aside');
    await call(b, 'clients.setStatus', { id: 'K-1', status: 'active', reason: '' });
    const entries = (await auditOf('K-1')).filter((e) => e.action === 'status').reverse();
    expect(entries.map((e) => e.detail)).toEqual([
      { fields: ['status'], before: { status: 'active' }, after: { status: 'set-aside' }, reason: 'Opname, eerst herstel', text: 'Actief → Geparkeerd' },
      { fields: ['status'], before: { status: 'set-aside' }, after: { status: 'active' }, reason: '', text: 'Geparkeerd → Actief' },
    ]);
  });

  it('refuses setting aside or archiving without a reason, and unknown clients', async () => {
    const before = await snapshot();
    for (const status of ['set-aside', 'archived'] as const) {
      const e = await refused('clients.setStatus', { id: 'K-1', status, reason: '  ' });
      expect(e.code).toBe('VALIDATION');
      expect(e.problems).toEqual([{ path: 'reason', message: 'geef een reden op (verplicht bij parkeren en archiveren)' }]);
    }
    expect((await refused('clients.setStatus', { id: 'K-404', status: 'archived', reason: 'x' })).code).toBe('NOT_FOUND');
    expect((await refused('clients.setStatus', { id: 'K-1', status: 'placed', reason: 'x' })).code).toBe('VALIDATION');
    expect(await snapshot()).toEqual(before);
  });

  it('confirms a readiness item with who and today, and can reopen it', async () => {
    await call(b, 'clients.confirmReadiness', { id: 'K-2', item: 'income', done: true, confirmedBy: 'J. de Vries (begeleider)' });
    let r = (await call(b, 'clients.get', { id: 'K-2' })).readiness.find((x) => x.item === 'income');
    expect(r).toMatchObject({ done: true, confirmedBy: 'J. de Vries (begeleider)', confirmedAt: '2026-11-27' });
    const [entry] = (await auditOf('K-2')).filter((e) => e.action === 'readiness');
    expect(entry?.detail).toMatchObject({
      item: 'income',
      before: { item: 'income', done: false, confirmedBy: null, confirmedAt: null },
      after: { item: 'income', done: true, confirmedBy: 'J. de Vries (begeleider)', confirmedAt: '2026-11-27' },
    });
    await call(b, 'clients.confirmReadiness', { id: 'K-2', item: 'income', done: false, confirmedBy: '' });
    r = (await call(b, 'clients.get', { id: 'K-2' })).readiness.find((x) => x.item === 'income');
    expect(r).toMatchObject({ done: false, confirmedBy: null, confirmedAt: null });
    // An item the client had no row for yet (K-3 is Housing First with an empty checklist).
    await call(b, 'clients.confirmReadiness', { id: 'K-3', item: 'debts', done: true, confirmedBy: 'schuldhulp' });
    expect((await call(b, 'clients.get', { id: 'K-3' })).readiness.find((x) => x.item === 'debts')?.done).toBe(true);
  });

  it('refuses an unknown readiness item and a confirmation without a name', async () => {
    const before = await snapshot();
    const e = await refused('clients.confirmReadiness', { id: 'K-2', item: 'horoscoop', done: true, confirmedBy: 'x' });
    expect(e.code).toBe('VALIDATION');
    expect(e.problems?.[0]).toEqual({ path: 'item', message: "onbekende voorwaarde 'horoscoop'" });
    const noName = await refused('clients.confirmReadiness', { id: 'K-2', item: 'income', done: true, confirmedBy: '' });
    expect(noName.problems?.[0]?.path).toBe('confirmedBy');
    expect(await snapshot()).toEqual(before);
  });
});

describe('units.create, units.update and units.setStatus', () => {
  it('creates and updates a unit, auditing before and after', async () => {
    const u = baseUnit();
    await call(b, 'units.create', u);
    expect(await call(b, 'units.get', { id: 'W-9' })).toEqual({ ...u, version: 1 });
    await call(b, 'units.update', { ...u, rent: 640, lift: true, expectedVersion: 1 });
    const log = await auditOf('W-9');
    expect(log.find((e) => e.action === 'create')?.detail).toEqual({ before: null, after: u });
    expect(log.find((e) => e.action === 'update')?.detail).toEqual({
      fields: ['lift', 'rent'],
      before: { lift: false, rent: 612.35 },
      after: { lift: true, rent: 640 },
    });
  });

  const cases: [string, (u: Unit) => Unit, string, RegExp][] = [
    ['negative rent', (u) => ({ ...u, rent: -5 }), 'rent', /negatief/],
    ['unknown municipality code', (u) => ({ ...u, municipalityCode: 'GM9999', neighbourhoodCode: null }), 'municipalityCode', /onbekende gemeentecode/],
    ['neighbourhood in another municipality', (u) => ({ ...u, neighbourhoodCode: 'BU09950101' }), 'neighbourhoodCode', /ligt in GM0995, niet in GM0034/],
    ['impossible available-from date', (u) => ({ ...u, availableFrom: '2026-13-01' }), 'availableFrom', /bestaat niet/],
    ['unknown corporation', (u) => ({ ...u, corporationId: 'corp-x' }), 'corporationId', /onbekende corporatie/],
    ['unknown occupant', (u) => ({ ...u, occupantClientId: 'K-404' }), 'occupantClientId', /onbekende kandidaat/],
    ['age limits the wrong way round', (u) => ({ ...u, minAge: 30, maxAge: 23 }), 'maxAge', /lager dan de minimumleeftijd/],
    ['no contract form', (u) => ({ ...u, contractForms: [] }), 'contractForms', /contractvorm/],
  ];
  for (const [name, mutate, path, message] of cases) {
    it(`refuses ${name} at ${path}, writing nothing`, async () => {
      const before = await snapshot();
      const onCreate = await refused('units.create', mutate(baseUnit()));
      expect(onCreate.code).toBe('VALIDATION');
      expect(onCreate.problems?.find((p) => p.path === path)?.message).toMatch(message);
      const onUpdate = await refused('units.update', { ...mutate(structuredClone(miniDataset().units[0]!)), expectedVersion: 1 });
      expect(onUpdate.problems?.some((p) => p.path === path)).toBe(true);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('refuses a duplicate id on create and an unknown id on update', async () => {
    const before = await snapshot();
    expect((await refused('units.create', { ...baseUnit(), id: 'W-1' })).code).toBe('CONFLICT');
    expect((await refused('units.update', { ...baseUnit(), expectedVersion: 1 })).code).toBe('NOT_FOUND');
    expect(await snapshot()).toEqual(before);
  });

  it('changes a unit status with the reason in the audit; withdrawing needs a reason', async () => {
    await call(b, 'units.setStatus', { id: 'W-1', status: 'withdrawn', reason: 'Renovatie' });
    expect((await call(b, 'units.get', { id: 'W-1' })).status).toBe('withdrawn');
    expect((await auditOf('W-1')).find((e) => e.action === 'status')?.detail).toMatchObject({
      before: { status: 'available' },
      after: { status: 'withdrawn' },
      reason: 'Renovatie',
    });
    const before = await snapshot();
    const e = await refused('units.setStatus', { id: 'W-2', status: 'withdrawn', reason: '' });
    expect(e.problems?.[0]?.path).toBe('reason');
    expect(await snapshot()).toEqual(before);
  });
});

describe('list filters', () => {
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

  it('filters clients by group, origin, care provider and status (archived hidden by default)', async () => {
    await call(b, 'clients.create', { ...baseClient(), id: 'K-4', group: 'YOUTH', originMunicipalityCode: 'GM0034', networkPlaces: [] });
    expect(ids((await call(b, 'clients.list', { groups: ['VO', 'MO'] })).rows)).toEqual(['K-2', 'K-3']);
    expect(ids((await call(b, 'clients.list', { originMunicipalityCodes: ['GM0995'] })).rows)).toEqual(['K-1']);
    expect((await call(b, 'clients.list', { careProviderIds: ['prov-a'] })).total).toBe(4);
    expect((await call(b, 'clients.list', { careProviderIds: ['prov-z'] })).total).toBe(0);

    await call(b, 'clients.setStatus', { id: 'K-4', status: 'archived', reason: 'Verhuisd buiten de regio' });
    await call(b, 'clients.setStatus', { id: 'K-3', status: 'set-aside', reason: 'Opname' });
    const byDefault = await call(b, 'clients.list', {});
    expect(ids(byDefault.rows)).toEqual(['K-1', 'K-2', 'K-3']);
    expect(byDefault.total).toBe(3);
    expect(ids((await call(b, 'clients.list', { statuses: ['archived'] })).rows)).toEqual(['K-4']);
    expect(ids((await call(b, 'clients.list', { statuses: ['set-aside', 'archived'] })).rows)).toEqual(['K-3', 'K-4']);
    // Filters combine with search, sort and paging; the total counts all matches.
    const page = await call(b, 'clients.list', { statuses: ['active', 'set-aside', 'archived'], sortBy: 'id', sortDir: 'desc', limit: 2 });
    expect(ids(page.rows)).toEqual(['K-4', 'K-3']);
    expect(page.total).toBe(4);
    expect(ids((await call(b, 'clients.list', { search: 'Michelle', groups: ['BW'] })).rows)).toEqual(['K-1']);
    expect((await call(b, 'clients.list', { search: 'Michelle', groups: ['VO'] })).total).toBe(0);
  });

  it('filters clients by readiness: ready means every current-policy item done', async () => {
    // K-1 all done, K-2 none done, K-3 has no readiness rows (Housing First).
    expect(ids((await call(b, 'clients.list', { readiness: 'ready' })).rows)).toEqual(['K-1']);
    expect(ids((await call(b, 'clients.list', { readiness: 'not-ready' })).rows)).toEqual(['K-2', 'K-3']);
    // Reopen one item of K-1: no longer ready.
    await call(b, 'clients.confirmReadiness', { id: 'K-1', item: 'debts', done: false, confirmedBy: '' });
    expect((await call(b, 'clients.list', { readiness: 'ready' })).total).toBe(0);
    // Confirm every item for K-2: ready.
    for (const item of ['support-plan', 'support-destination', 'income', 'debts', 'day-activity', 'home-seeker', 'relapse-plan', 'corporation-conditions']) {
      await call(b, 'clients.confirmReadiness', { id: 'K-2', item, done: true, confirmedBy: 'begeleider' });
    }
    expect(ids((await call(b, 'clients.list', { readiness: 'ready' })).rows)).toEqual(['K-2']);
  });

  it('filters units by corporation, municipality, kind and status', async () => {
    await call(b, 'units.create', { ...baseUnit(), id: 'W-3', kind: 'housing-first', status: 'reserved' });
    expect(ids((await call(b, 'units.list', { corporationIds: ['corp-a'] })).rows)).toEqual(['W-1', 'W-2', 'W-3']);
    expect((await call(b, 'units.list', { corporationIds: ['corp-z'] })).total).toBe(0);
    expect(ids((await call(b, 'units.list', { municipalityCodes: ['GM0995'] })).rows)).toEqual(['W-2']);
    expect(ids((await call(b, 'units.list', { kinds: ['omklap', 'housing-first'] })).rows)).toEqual(['W-2', 'W-3']);
    expect(ids((await call(b, 'units.list', { statuses: ['reserved'] })).rows)).toEqual(['W-3']);
    const combined = await call(b, 'units.list', { municipalityCodes: ['GM0034'], kinds: ['contingent'], search: 'Teststraat' });
    expect(ids(combined.rows)).toEqual(['W-1']);
    expect(combined.total).toBe(1);
  });

  it('filters units available in the planning window: status available and free by the date', async () => {
    // W-1 free 2026-12-01, W-2 free 2027-01-15, W-3 free 2026-12-01 but reserved.
    await call(b, 'units.create', { ...baseUnit(), id: 'W-3', status: 'reserved' });
    expect(ids((await call(b, 'units.list', { availableBy: '2026-11-30' })).rows)).toEqual([]);
    expect(ids((await call(b, 'units.list', { availableBy: '2026-12-01' })).rows)).toEqual(['W-1']);
    expect(ids((await call(b, 'units.list', { availableBy: '2027-01-31' })).rows)).toEqual(['W-1', 'W-2']);
    expect((await call(b, 'units.list', { availableBy: '2027-01-31' })).total).toBe(2);
    const bad = await refused('units.list', { availableBy: '2027-02-30' });
    expect(bad.problems?.[0]).toEqual({ path: 'availableBy', message: 'deze datum bestaat niet' });
  });
});

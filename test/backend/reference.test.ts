// Reference data, agreements and policy versions against a real in-memory SQLite: every validation
// rule with its field path, conflicts on deleting what is still referenced, computed use (quotas,
// 12-month placements), immutable policy versions chosen by date, and the audit entries.
import { run } from '../pg/sql';
import { asChair } from '../../shared/auth/system-user';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Backend, createBackend } from '../../electron/backend/backend';
import type { MethodInput, MethodName } from '../../shared/api/contract';
import type { ApiError, Result } from '../../shared/api/result';
import { type PolicySettings, defaultPolicySettings } from '../../shared/domain/policy';
import { miniDataset } from '../fixtures/mini-dataset';
import { call, importDataset, memoryBackend, rowCount } from './helpers';

let b: Backend;
beforeEach(async () => {
  b = await memoryBackend();
  await importDataset(b, miniDataset());
});
afterEach(async () => b.close());

/** Calls a method that must fail and returns the error. */
async function fails<M extends MethodName>(method: M, input: MethodInput<M>, backend = b): Promise<ApiError> {
  const r = (await backend.dispatch(method, input, asChair('tester'))) as Result<unknown>;
  if (r.ok) throw new Error(`${method} should have failed`);
  return r.error;
}

/** The problems as {path: first message at that path}. */
const byPath = (e: ApiError) => {
  const out: Record<string, string> = {};
  for (const p of e.problems ?? []) out[p.path] ??= p.message;
  return out;
};

async function addPlacement(id: string, date: string, over: Record<string, string | null> = {}): Promise<void> {
  const p = {
    id,
    date,
    origin: 'GM0995',
    destination: 'GM0034',
    neighbourhood: 'BU00340101',
    corporation: 'corp-a',
    ...over,
  };
  await run(
    b,
    `insert into placements (id, client_id, unit_id, date, origin_municipality_code, destination_municipality_code, neighbourhood_code, complex, corporation_id)
     values (?, null, null, ?, ?, ?, ?, null, ?)`,
    p.id,
    p.date,
    p.origin,
    p.destination,
    p.neighbourhood,
    p.corporation,
  );
}

async function lastAudit() {
  const [entry] = await call(b, 'audit.list', { limit: 1 });
  if (!entry) throw new Error('no audit entry');
  return { ...entry, detail: JSON.parse(entry.detail) as Record<string, unknown> };
}

describe('municipalities', () => {
  it('lists with use counts and creates, updates and ends one, each audited with before/after', async () => {
    const list = await call(b, 'municipalities.list', {});
    expect(list.map((m) => m.code)).toEqual(['GM0034', 'GM0995']);
    expect(list[0]).toMatchObject({ name: 'Almere', clients: 2, units: 1, neighbourhoods: 2, ended: false });

    const created = await call(b, 'municipalities.save', { mode: 'create', code: 'GM0303', name: 'Dronten', validFrom: '1972-01-01', validTo: null });
    expect(created).toMatchObject({ code: 'GM0303', clients: 0, ended: false });
    expect(await lastAudit()).toMatchObject({
      action: 'create',
      entity: 'municipality',
      entityId: 'GM0303',
      detail: { before: null, after: { code: 'GM0303', name: 'Dronten' } },
    });

    // Ending a municipality (e.g. a merger) is an update with an end date, never a deletion.
    const ended = await call(b, 'municipalities.save', { mode: 'update', code: 'GM0303', name: 'Dronten', validFrom: '1972-01-01', validTo: '2018-12-31', expectedVersion: 1 });
    expect(ended.ended).toBe(true);
    expect(await lastAudit()).toMatchObject({
      action: 'update',
      detail: { before: { validTo: null }, after: { validTo: '2018-12-31' } },
    });
  });

  it('refuses bad input with Dutch messages at the field', async () => {
    const e = await fails('municipalities.save', { mode: 'create', code: 'XX0034', name: ' ', validFrom: '2020-02-30', validTo: null });
    expect(e.code).toBe('VALIDATION');
    expect(byPath(e)).toEqual({
      code: 'verwacht een CBS-gemeentecode als GM0034',
      name: 'mag niet leeg zijn',
      validFrom: 'deze datum bestaat niet',
    });
    const order = await fails('municipalities.save', { mode: 'create', code: 'GM0050', name: 'Zeewolde', validFrom: '1984-01-01', validTo: '1983-12-31' });
    expect(byPath(order)).toEqual({ validTo: 'einddatum 1983-12-31 ligt vóór de begindatum 1984-01-01' });
    expect(await rowCount(b, 'municipalities')).toBe(2);
  });

  it('refuses a second municipality with the same code, and an update of one that does not exist', async () => {
    const dup = await fails('municipalities.save', { mode: 'create', code: 'GM0034', name: 'Almere 2', validFrom: '1984-01-01', validTo: null });
    expect(dup.code).toBe('CONFLICT');
    expect(byPath(dup)).toEqual({ code: 'bestaat al (Almere)' });
    const missing = await fails('municipalities.save', { mode: 'update', code: 'GM0050', name: 'Zeewolde', validFrom: '1984-01-01', validTo: null, expectedVersion: 1 });
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('refuses to delete a municipality still in use and names what uses it; deletes an unused one', async () => {
    const e = await fails('municipalities.delete', { code: 'GM0034' });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe(
      'Gemeente GM0034 (Almere) wordt gebruikt door 3 kandidaten, 1 woning, 2 buurten, 1 afspraak en 1 plaatsing; verwijderen kan niet. ' +
        'Beëindig de gemeente met een einddatum (bijvoorbeeld bij een fusie).',
    );
    expect((await fails('municipalities.delete', { code: 'GM0995' })).message).toContain('1 plaatsing en 2 netwerkplaatsen of te vermijden gebieden');
    await call(b, 'municipalities.save', { mode: 'create', code: 'GM0050', name: 'Zeewolde', validFrom: '1984-01-01', validTo: null });
    await call(b, 'municipalities.delete', { code: 'GM0050' });
    expect(await lastAudit()).toMatchObject({ action: 'delete', entity: 'municipality', entityId: 'GM0050', detail: { after: null } });
    expect(await rowCount(b, 'municipalities')).toBe(2);
    expect((await fails('municipalities.delete', { code: 'GM0050' })).code).toBe('NOT_FOUND');
  });
});

describe('neighbourhoods', () => {
  it('counts placements in the last 12 months from the placements table', async () => {
    // Today is 2026-11-27: the window is after 2025-11-27 up to and including today.
    await addPlacement('X-1', '2025-11-27'); // exactly a year ago: outside
    await addPlacement('X-2', '2025-11-28'); // inside
    await addPlacement('X-3', '2026-11-27'); // today: inside
    await addPlacement('X-4', '2026-11-28'); // tomorrow: not yet
    await addPlacement('X-5', '2026-10-01', { neighbourhood: 'BU00340202' });
    const rows = await call(b, 'neighbourhoods.list', {});
    const get = (code: string) => rows.find((r) => r.code === code);
    expect(get('BU00340101')).toMatchObject({ municipalityName: 'Almere', placementsLast12Months: 3, units: 1, socialRentShare: 0.4, liveabilityClass: 5 }); // + P-1 (2026-05-01)
    expect(get('BU00340202')?.placementsLast12Months).toBe(1);
    expect(get('BU09950101')?.placementsLast12Months).toBe(0);
  });

  it('checks share 0..1, class 1..9 whole, the code against its municipality, and that the municipality exists', async () => {
    const e = await fails('neighbourhoods.save', {
      mode: 'create',
      code: 'BU00340303',
      name: 'Poort',
      municipalityCode: 'GM0034',
      district: null,
      socialRentShare: 1.5,
      liveabilityClass: 10,
    });
    expect(byPath(e)).toEqual({ socialRentShare: 'mag hoogstens 1 zijn', liveabilityClass: 'mag hoogstens 9 zijn' });
    const whole = await fails('neighbourhoods.save', {
      mode: 'create',
      code: 'BU00340303',
      name: 'Poort',
      municipalityCode: 'GM0034',
      district: null,
      socialRentShare: -0.1,
      liveabilityClass: 2.5,
    });
    expect(byPath(whole)).toEqual({ socialRentShare: 'moet minstens 0 zijn', liveabilityClass: 'moet een geheel getal zijn' });
    const wrongCode = await fails('neighbourhoods.save', {
      mode: 'create',
      code: 'BU09950303',
      name: 'Poort',
      municipalityCode: 'GM0034',
      district: null,
      socialRentShare: null,
      liveabilityClass: null,
    });
    expect(byPath(wrongCode)).toEqual({ code: 'buurtcode BU09950303 hoort niet bij gemeente GM0034 (verwacht BU0034…)' });
    const noMunicipality = await fails('neighbourhoods.save', {
      mode: 'create',
      code: 'BU00500101',
      name: 'Centrum',
      municipalityCode: 'GM0050',
      district: null,
      socialRentShare: null,
      liveabilityClass: null,
    });
    expect(noMunicipality.code).toBe('VALIDATION');
    expect(byPath(noMunicipality)).toEqual({ municipalityCode: 'gemeente GM0050 bestaat niet; voeg haar eerst toe onder Gemeenten' });
    expect(await rowCount(b, 'neighbourhoods')).toBe(3);

    const ok = await call(b, 'neighbourhoods.save', {
      mode: 'create',
      code: 'BU00340303',
      name: 'Poort',
      municipalityCode: 'GM0034',
      district: 'Almere Poort',
      socialRentShare: 0.3,
      liveabilityClass: 7,
    });
    expect(ok).toMatchObject({ code: 'BU00340303', placementsLast12Months: 0, district: 'Almere Poort' });
    expect(await lastAudit()).toMatchObject({ action: 'create', entity: 'neighbourhood', entityId: 'BU00340303' });
  });

  it('refuses to delete a neighbourhood with homes, placements or clients that mention it', async () => {
    const e = await fails('neighbourhoods.delete', { code: 'BU09950101' });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/^Buurt BU09950101 \(Atolwijk\) wordt gebruikt door 1 woning en 1 kandidaat;/);
    expect((await fails('neighbourhoods.delete', { code: 'BU00340101' })).message).toContain('1 woning en 1 plaatsing');
    await call(b, 'neighbourhoods.delete', { code: 'BU00340202' });
    expect(await rowCount(b, 'neighbourhoods')).toBe(2);
  });
});

describe('corporations and care providers', () => {
  it('creates, renames and refuses duplicates and bad ids', async () => {
    await call(b, 'corporations.save', { mode: 'create', id: 'corp-b', name: 'Corporatie B' });
    const renamed = await call(b, 'corporations.save', { mode: 'update', id: 'corp-b', name: 'Woonstichting B', expectedVersion: 1 });
    expect(renamed).toEqual({ id: 'corp-b', name: 'Woonstichting B', count: 0, version: 2 });
    expect(await lastAudit()).toMatchObject({
      action: 'update',
      entity: 'corporation',
      detail: { before: { name: 'Corporatie B' }, after: { name: 'Woonstichting B' } },
    });
    expect((await fails('corporations.save', { mode: 'create', id: 'corp-a', name: 'X' })).code).toBe('CONFLICT');
    expect(byPath(await fails('corporations.save', { mode: 'create', id: 'corp b!', name: '' }))).toEqual({
      id: 'alleen letters, cijfers, punt, streepje en liggend streepje',
      name: 'mag niet leeg zijn',
    });
    expect((await call(b, 'corporations.list', {})).map((c) => [c.id, c.count])).toEqual([
      ['corp-a', 2],
      ['corp-b', 0],
    ]);
  });

  it('refuses to delete an organisation still referred to, naming what refers to it', async () => {
    const corp = await fails('corporations.delete', { id: 'corp-a' });
    expect(corp.code).toBe('CONFLICT');
    expect(corp.message).toContain('Corporatie corp-a (Corporatie A) wordt gebruikt door 2 woningen, 1 afspraak, 1 plaatsing en 1 veto bij een kandidaat');
    const prov = await fails('careProviders.delete', { id: 'prov-a' });
    expect(prov.message).toContain('Zorgaanbieder prov-a (Zorg A) wordt gebruikt door 3 kandidaten');
    await call(b, 'careProviders.save', { mode: 'create', id: 'prov-b', name: 'Zorg B' });
    await call(b, 'careProviders.delete', { id: 'prov-b' });
    expect(await lastAudit()).toMatchObject({ action: 'delete', entity: 'care-provider', entityId: 'prov-b' });
    expect(await rowCount(b, 'care_providers')).toBe(1);
  });
});

describe('quotas', () => {
  it('computes use this year from placements with that corporation and destination municipality', async () => {
    await addPlacement('X-1', '2026-02-01'); // counts
    await addPlacement('X-2', '2025-12-31'); // last year
    await addPlacement('X-3', '2026-03-01', { destination: 'GM0995', neighbourhood: 'BU09950101' }); // other municipality
    await addPlacement('X-4', '2026-04-01', { corporation: null }); // no corporation
    const [row] = await call(b, 'quotas.list', { year: 2026 });
    expect(row).toMatchObject({ corporationName: 'Corporatie A', municipalityName: 'Almere', agreed: 10, kind: 'maximum', used: 2, remaining: 8 });

    const next = await call(b, 'quotas.save', { mode: 'create', corporationId: 'corp-a', municipalityCode: 'GM0034', year: 2025, agreed: 4, kind: 'target' });
    expect(next).toMatchObject({ used: 1, remaining: 3 });
    expect(await lastAudit()).toMatchObject({ action: 'create', entity: 'quota', entityId: 'corp-a/GM0034/2025', detail: { before: null, after: { agreed: 4 } } });
    expect((await call(b, 'quotas.list', {})).map((q) => q.year)).toEqual([2026, 2025]);
    expect(await call(b, 'quotas.list', { year: 2024 })).toEqual([]);
  });

  it('refuses unknown parties, negative numbers, unknown kinds, ended municipalities and duplicates', async () => {
    const e = await fails('quotas.save', { mode: 'create', corporationId: 'corp-x', municipalityCode: 'GM0050', year: 2026, agreed: 3, kind: 'maximum' });
    expect(byPath(e)).toEqual({ corporationId: 'corporatie corp-x bestaat niet', municipalityCode: 'gemeente GM0050 bestaat niet' });
    const shape = await fails('quotas.save', {
      mode: 'create',
      corporationId: 'corp-a',
      municipalityCode: 'GM0995',
      year: 2026,
      agreed: -1,
      kind: 'ceiling' as 'maximum',
    });
    expect(byPath(shape)).toEqual({ agreed: 'moet minstens 0 zijn', kind: 'onbekende waarde; kies uit maximum, target' });
    await call(b, 'municipalities.save', { mode: 'update', code: 'GM0995', name: 'Lelystad', validFrom: '1980-01-01', validTo: '2025-12-31', expectedVersion: 1 });
    expect(byPath(await fails('quotas.save', { mode: 'create', corporationId: 'corp-a', municipalityCode: 'GM0995', year: 2026, agreed: 3, kind: 'target' }))).toEqual({
      municipalityCode: 'gemeente Lelystad is beëindigd op 2025-12-31, vóór 2026',
    });
    const dup = await fails('quotas.save', { mode: 'create', corporationId: 'corp-a', municipalityCode: 'GM0034', year: 2026, agreed: 3, kind: 'target' });
    expect(dup.code).toBe('CONFLICT');
    expect(await rowCount(b, 'quotas')).toBe(1);

    await call(b, 'quotas.save', { mode: 'update', corporationId: 'corp-a', municipalityCode: 'GM0034', year: 2026, agreed: 12, kind: 'target', expectedVersion: 1 });
    expect(await lastAudit()).toMatchObject({ action: 'update', detail: { before: { agreed: 10, kind: 'maximum' }, after: { agreed: 12, kind: 'target' } } });
    await call(b, 'quotas.delete', { corporationId: 'corp-a', municipalityCode: 'GM0034', year: 2026 });
    expect(await rowCount(b, 'quotas')).toBe(0);
  });
});

describe('policy versions', () => {
  const withWeight = (homeMunicipality: number): PolicySettings => {
    const s = defaultPolicySettings();
    s.weights.homeMunicipality = homeMunicipality;
    return s;
  };

  it('saving always creates a new version; the previous one is unchanged', async () => {
    const before = await call(b, 'policies.get', { id: 'beleid' });
    expect(before).toMatchObject({ current: true, future: false });
    const saved = await call(b, 'policies.saveVersion', { name: 'Beleid december', validFrom: '2026-12-01', settings: withWeight(45), basedOn: 'beleid', expectedVersion: 1 });
    expect(saved).toMatchObject({ id: 'beleid-2026-12-01-1', current: false, future: true });
    expect(saved.settings.weights.homeMunicipality).toBe(45);
    expect(await call(b, 'policies.get', { id: 'beleid' })).toEqual(before);
    expect(await rowCount(b, 'policy_profiles')).toBe(2);
    expect(await lastAudit()).toMatchObject({
      action: 'create',
      entity: 'policy',
      entityId: 'beleid-2026-12-01-1',
      detail: { basedOn: 'beleid', changes: [{ path: 'weights.homeMunicipality', before: 40, after: 45 }] },
    });
    // A version from an earlier date than today takes over today: it is the latest that has started.
    await call(b, 'policies.saveVersion', { name: 'Beleid november', validFrom: '2026-11-01', settings: withWeight(50), expectedVersion: 2 });
    expect((await call(b, 'policies.list', {})).map((p) => [p.id, p.current, p.future])).toEqual([
      ['beleid-2026-12-01-1', false, true],
      ['beleid-2026-11-01-1', true, false],
      ['beleid', false, false],
    ]);
    expect((await call(b, 'reference.get', {})).policy?.id).toBe('beleid-2026-11-01-1');
  });

  it('the current version switches on its validFrom date', async () => {
    let now = new Date('2026-12-31T12:00:00Z');
    const timed = await createBackend(':memory:', { host: 'test', now: () => now });
    try {
      await importDataset(timed, miniDataset());
      await call(timed, 'policies.saveVersion', { name: 'Beleid 2027', validFrom: '2027-01-01', settings: withWeight(45), expectedVersion: 1 });
      const current = async () => (await call(timed, 'policies.list', {})).find((p) => p.current)?.id;
      expect(await current()).toBe('beleid');
      expect((await call(timed, 'reference.get', {})).policy?.settings.weights.homeMunicipality).toBe(40);
      now = new Date('2027-01-01T08:00:00Z');
      expect(await current()).toBe('beleid-2027-01-01-1');
      expect((await call(timed, 'reference.get', {})).policy?.settings.weights.homeMunicipality).toBe(45);
    } finally {
      await timed.close();
    }
  });

  it('refuses a second version with the same validFrom (CONFLICT) and writes nothing', async () => {
    const e = await fails('policies.saveVersion', { name: 'Nog eens', validFrom: '2026-01-01', settings: withWeight(45), expectedVersion: 1 });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('Er is al een beleidsversie die geldt vanaf 2026-01-01 (Testbeleid)');
    expect(byPath(e)).toEqual({ validFrom: 'al in gebruik door Testbeleid' });
    expect(await rowCount(b, 'policy_profiles')).toBe(1);
  });

  it('refuses invalid settings, each problem at its path, and writes nothing', async () => {
    const s = defaultPolicySettings();
    (s.weights as Record<string, unknown>).homeMunicipality = 'veel';
    s.caps.perNeighbourhood = -1;
    s.caps.perComplexMode.penalty = -3;
    s.exchange.band = -2;
    s.rentLimits.small = -5;
    s.readinessItems = [
      { key: 'income', label: 'Inkomen' },
      { key: 'income', label: 'Inkomen 2' },
      { key: 'debts', label: '  ' },
      { key: '', label: 'Zonder sleutel' },
    ];
    (s.kindsByGroup as Record<string, unknown>).BW = ['contingent', 'kasteel'];
    const audits = await rowCount(b, 'audit_log');
    const e = await fails('policies.saveVersion', { name: 'Fout', validFrom: '2027-01-01', settings: s, basedOn: 'beleid', expectedVersion: 1 });
    expect(e.code).toBe('VALIDATION');
    expect(byPath(e)).toEqual({
      'settings.weights.homeMunicipality': 'moet een getal zijn',
      'settings.caps.perNeighbourhood': 'moet minstens 0 zijn',
      'settings.caps.perComplexMode.penalty': 'moet minstens 0 zijn',
      'settings.exchange.band': 'moet minstens 0 zijn',
      'settings.rentLimits.small': 'mag niet negatief zijn',
      'settings.kindsByGroup.BW.1': expect.stringContaining('onbekende waarde; kies uit'),
      'settings.readinessItems.3.key': 'mag niet leeg zijn',
    });
    expect(await rowCount(b, 'policy_profiles')).toBe(1);
    expect(await rowCount(b, 'audit_log')).toBe(audits);
  });

  it('refuses duplicate readiness keys and blank labels', async () => {
    const s = defaultPolicySettings();
    s.readinessItems = [
      { key: 'income', label: 'Inkomen' },
      { key: 'income', label: 'Inkomen 2' },
      { key: 'debts', label: '  ' },
    ];
    expect(byPath(await fails('policies.saveVersion', { name: 'Fout', validFrom: '2027-01-01', settings: s, expectedVersion: 1 }))).toEqual({
      'settings.readinessItems.1.key': "sleutel 'income' komt al voor bij voorwaarde 1",
      'settings.readinessItems.2.label': 'mag niet leeg zijn',
    });
  });

  it('refuses a basedOn version that does not exist, and get of an unknown id', async () => {
    const e = await fails('policies.saveVersion', { name: 'X', validFrom: '2027-01-01', settings: defaultPolicySettings(), basedOn: 'beleid-onbekend', expectedVersion: 1 });
    expect(byPath(e)).toEqual({ basedOn: 'beleidsversie beleid-onbekend bestaat niet' });
    expect((await fails('policies.get', { id: 'nope' })).code).toBe('NOT_FOUND');
  });
});

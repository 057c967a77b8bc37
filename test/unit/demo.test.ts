// The Flevoland demo has what the product needs to show: every group and unit kind, the worked cases of
// DOMAIN.md with suitable homes, consistent cross-links and only fictional organisations. Runs under vitest.
import { describe, expect, it } from 'vitest';
import { CLIENT_GROUPS, UNIT_KINDS, type ClientGroup } from '../../shared/domain/codes';
import type { Client, Dataset, Unit } from '../../shared/dataset/dataset.schema';
import { generateDemo } from '../../scripts/demo/generate';
import { ageOn } from '../../scripts/demo/random';

const d: Dataset = generateDemo();
const ref = d.region.referenceDate;
const policy = d.policies[0];
if (!policy) throw new Error('the demo has no policy');
const settings = policy.settings;
const itemKeys = settings.readinessItems.map((r) => r.key);

function client(id: string): Client {
  const c = d.clients.find((x) => x.id === id);
  if (!c) throw new Error(`no client ${id}`);
  return c;
}

const isComplete = (c: Client) => itemKeys.every((k) => c.readiness.some((r) => r.item === k && r.done));

/** The hard rules of DOMAIN.md that a unit must pass for a client, roughly (enough for the demo's promises). */
function suits(c: Client, u: Unit): boolean {
  const persons = c.household.adults + c.household.childrenAges.length;
  const age = ageOn(c.birthDate, ref);
  const limit = c.rentLimit ?? (age < 23 ? settings.rentLimits.under23 : persons >= 3 ? settings.rentLimits.large : settings.rentLimits.small);
  const inAvoided = c.avoidPlaces.some(
    (a) => a.municipalityCode === u.municipalityCode && (a.neighbourhoodCode === null || a.neighbourhoodCode === u.neighbourhoodCode),
  );
  return (
    u.status === 'available' &&
    u.occupantClientId === null &&
    u.rent <= limit &&
    (settings.kindsByGroup[c.group] ?? []).includes(u.kind) &&
    (u.allowedGroups.length === 0 || u.allowedGroups.includes(c.group)) &&
    (u.minAge === null || age >= u.minAge) &&
    (u.maxAge === null || age <= u.maxAge) &&
    c.needs.every((n) => u.features.includes(n)) &&
    !inAvoided
  );
}

describe('demo region', () => {
  it('is marked fictional and says so', () => {
    expect(d.region.name).toBe('Flevoland (fictieve demo)');
    expect(d.region.fictional).toBe(true);
    expect(d.region.description).toContain('verzonnen');
    expect(ref).toBe('2026-11-27');
  });

  it('has the six Flevoland municipalities by CBS code', () => {
    expect(d.municipalities.map((m) => `${m.code} ${m.name}`)).toEqual([
      'GM0034 Almere',
      'GM0995 Lelystad',
      'GM0303 Dronten',
      'GM0171 Noordoostpolder',
      'GM0184 Urk',
      'GM0050 Zeewolde',
    ]);
    expect(d.municipalities.every((m) => m.validTo === null)).toBe(true);
  });

  it('has neighbourhood codes that carry their municipality number', () => {
    expect(d.neighbourhoods.length).toBeGreaterThanOrEqual(20);
    for (const n of d.neighbourhoods) {
      expect(n.code.slice(2, 6)).toBe(n.municipalityCode.slice(2));
      expect(n.socialRentShare).toBeGreaterThanOrEqual(0.15);
      expect(n.socialRentShare).toBeLessThanOrEqual(0.6);
      expect(n.liveabilityClass).toBeGreaterThanOrEqual(3);
      expect(n.liveabilityClass).toBeLessThanOrEqual(8);
    }
  });

  it('uses only invented organisation names', () => {
    const real = ['ymere', 'centrada', 'mooiland', 'oost flevoland woondiensten', 'alliantie', 'woonzorg nederland', 'goede stede', 'groen wonen', 'beter wonen'];
    const names = [...d.corporations, ...d.careProviders].map((o) => o.name.toLowerCase());
    for (const name of names) for (const r of real) expect(name).not.toContain(r);
    expect(d.corporations.every((c) => c.id.startsWith('corp-'))).toBe(true);
    expect(d.careProviders.every((c) => c.id.startsWith('prov-'))).toBe(true);
  });

  it('has a 2026 quota for every corporation and municipality with units; Almere at most 250', () => {
    for (const u of d.units)
      expect(d.quotas.some((q) => q.corporationId === u.corporationId && q.municipalityCode === u.municipalityCode && q.year === 2026)).toBe(true);
    const almere = d.quotas.filter((q) => q.municipalityCode === 'GM0034');
    expect(almere.every((q) => q.kind === 'maximum')).toBe(true);
    expect(almere.reduce((s, q) => s + q.agreed, 0)).toBe(250);
  });

  it('has the policy profile with the default settings', () => {
    expect(d.policies.map((p) => [p.id, p.name, p.validFrom])).toEqual([['beleid-2026', 'Regionaal beleid Flevoland 2026', '2026-01-01']]);
  });

  it('has clients of every group and units of every kind', () => {
    expect(d.clients).toHaveLength(60);
    expect(d.clients.map((c) => c.id)).toEqual(Array.from({ length: 60 }, (_, i) => `K-${String(i + 1).padStart(4, '0')}`));
    for (const g of CLIENT_GROUPS) expect(d.clients.filter((c) => c.group === g).length).toBeGreaterThanOrEqual(5);
    for (const k of UNIT_KINDS) expect(d.units.some((u) => u.kind === k)).toBe(true);
    expect(d.units.length).toBeGreaterThanOrEqual(40);
    expect(d.clients.filter((c) => c.household.childrenAges.length > 0).length).toBeGreaterThanOrEqual(4);
    expect(d.clients.filter((c) => c.status === 'active').length).toBeGreaterThan(40);
    for (const s of ['set-aside', 'placed', 'archived'] as const) expect(d.clients.some((c) => c.status === s)).toBe(true);
    expect(d.clients.filter((c) => c.vetoes.length > 0).length).toBeGreaterThanOrEqual(2);
  });

  it('has at least three active candidates per group who can be proposed now', () => {
    const proposable = d.clients.filter(
      (c) => c.status === 'active' && (c.readyDate !== null || c.housingFirst) && !d.units.some((u) => u.occupantClientId === c.id),
    );
    for (const g of CLIENT_GROUPS) expect(proposable.filter((c) => c.group === g).length, g).toBeGreaterThanOrEqual(3);
  });

  it('has corporation vetoes, one of them for open rent debt', () => {
    const vetoed = d.clients.filter((c) => c.vetoes.length > 0);
    expect(vetoed.length).toBeGreaterThanOrEqual(2);
    const debt = vetoed.find((c) => c.vetoes.some((v) => v.reason === 'Open huurschuld zonder regeling'));
    expect(debt?.income.debts).toBe('open');
  });

  it('keeps units in the agreed ranges', () => {
    for (const u of d.units) {
      expect(u.rent).toBeGreaterThanOrEqual(420);
      expect(u.rent).toBeLessThanOrEqual(760);
      expect(u.rooms).toBeGreaterThanOrEqual(1);
      expect(u.rooms).toBeLessThanOrEqual(4);
      expect(u.floor).toBeLessThanOrEqual(6);
      if (u.status !== 'let') {
        expect(u.availableFrom >= '2026-10-01' && u.availableFrom <= '2027-03-31').toBe(true);
      }
    }
  });

  it('has youth units below the under-23 rent limit', () => {
    const youth = d.units.filter((u) => u.maxAge === 23);
    expect(youth.length).toBeGreaterThanOrEqual(2);
    for (const u of youth) {
      expect(u.rent).toBeLessThan(settings.rentLimits.under23);
      expect(u.allowedGroups).toEqual(['YOUTH']);
    }
  });

  it('has Skaeve Huse in small clusters in two municipalities', () => {
    const skaeve = d.units.filter((u) => u.kind === 'skaeve-huse');
    const byComplex = new Map<string, Unit[]>();
    for (const u of skaeve) byComplex.set(u.complex ?? u.id, [...(byComplex.get(u.complex ?? u.id) ?? []), u]);
    expect(new Set(skaeve.map((u) => u.municipalityCode)).size).toBe(2);
    for (const cluster of byComplex.values()) expect(cluster.length).toBeLessThanOrEqual(settings.skaeveHuse.maxClusterSize);
  });

  it('links each omklap unit to the client living there', () => {
    const omklap = d.units.filter((u) => u.kind === 'omklap');
    expect(omklap.length).toBeGreaterThanOrEqual(3);
    for (const u of omklap) {
      expect(u.occupantClientId).not.toBeNull();
      const c = client(u.occupantClientId ?? '');
      expect(c.currentMunicipalityCode).toBe(u.municipalityCode);
      expect(u.contractForms).toContain('sublet');
    }
  });

  it('links earlier placements to let units and placed clients', () => {
    for (const u of d.units.filter((x) => x.status === 'let')) {
      const p = d.placements.find((x) => x.unitId === u.id);
      expect(p, u.id).toBeDefined();
      expect(p?.destinationMunicipalityCode).toBe(u.municipalityCode);
      expect(p?.date && p.date >= u.availableFrom).toBe(true);
    }
    for (const p of d.placements) {
      expect(p.date.startsWith('2026-')).toBe(true);
      expect(p.date <= ref).toBe(true);
      if (p.clientId) {
        const c = client(p.clientId);
        expect(c.status).toBe('placed');
        expect(p.originMunicipalityCode).toBe(c.originMunicipalityCode);
        const unit = d.units.find((u) => u.id === p.unitId);
        if (unit) expect(suits(c, { ...unit, status: 'available' })).toBe(true);
      }
    }
    for (const c of d.clients.filter((x) => x.status === 'placed')) expect(d.placements.some((p) => p.clientId === c.id)).toBe(true);
  });

  it('gives ready clients complete, confirmed readiness and others open items', () => {
    for (const c of d.clients) {
      expect(c.readiness.map((r) => r.item)).toEqual(itemKeys);
      for (const r of c.readiness) expect(r.done).toBe(r.confirmedAt !== null && r.confirmedBy !== null);
      if (c.readyDate !== null) {
        expect(isComplete(c)).toBe(true);
        expect(c.readyDate >= '2025-01-01' && c.readyDate <= ref).toBe(true);
      } else if (!c.housingFirst) {
        expect(isComplete(c)).toBe(false);
      }
    }
  });

  it('never points a VO client at the perpetrator', () => {
    const vo = d.clients.filter((c) => c.group === 'VO');
    for (const c of vo) {
      expect(c.avoidPlaces.some((a) => a.reason === 'perpetrator')).toBe(true);
      const avoided = (m: string, n: string | null) =>
        c.avoidPlaces.some((a) => a.municipalityCode === m && (a.neighbourhoodCode === null || a.neighbourhoodCode === n));
      expect(avoided(c.currentMunicipalityCode, null)).toBe(false);
      for (const p of c.networkPlaces) expect(avoided(p.municipalityCode, p.neighbourhoodCode)).toBe(false);
      for (const m of c.preferences.municipalityCodes) expect(avoided(m, null)).toBe(false);
    }
  });
});

describe('worked cases of DOMAIN.md', () => {
  it('Michelle: 23, BW in Almere, from Noordoostpolder, network in Lelystad, a studio there fits', () => {
    const c = client('K-0001');
    expect(c.name).toBe('Michelle');
    expect(c.group).toBe<ClientGroup>('BW');
    expect(ageOn(c.birthDate, ref)).toBe(23);
    expect(c.originMunicipalityCode).toBe('GM0171');
    expect(c.currentMunicipalityCode).toBe('GM0034');
    expect(c.household).toEqual({ adults: 1, childrenAges: [] });
    const lelystadKinds = c.networkPlaces.filter((p) => p.municipalityCode === 'GM0995').map((p) => p.kind);
    expect(lelystadKinds).toEqual(expect.arrayContaining(['family', 'friends', 'day-activity']));
    expect(c.preferences.municipalityCodes).toEqual(['GM0995']);
    expect(c.income.source).toBe('benefit');
    expect(isComplete(c)).toBe(true);
    expect(c.readyDate).not.toBeNull();
    expect(c.status).toBe('active');
    const studios = d.units.filter((u) => u.municipalityCode === 'GM0995' && u.rooms === 1 && u.rent < 682.96 && suits(c, u));
    expect(studios.length).toBeGreaterThanOrEqual(1);
  });

  it('Maruan: 30, BW for three years, ready by his worker, support starts before the move', () => {
    const c = client('K-0002');
    expect(c.name).toBe('Maruan');
    expect(c.group).toBe('BW');
    expect(ageOn(c.birthDate, ref)).toBe(30);
    expect(isComplete(c)).toBe(true);
    expect(c.readiness.every((r) => r.confirmedBy?.startsWith('begeleider') || r.item === 'home-seeker')).toBe(true);
    expect(c.support.start).not.toBeNull();
    expect(c.notes).toContain('drie maanden');
    expect(c.notes.toLowerCase()).not.toMatch(/overlast|niet-plaatsbaar/);
    expect(d.units.some((u) => suits(c, u))).toBe(true);
  });

  it('Dhr. H: MO, Housing First, readiness mostly open, a Housing First home in Almere', () => {
    const c = client('K-0003');
    expect(c.name).toBe('Dhr. H');
    expect(c.group).toBe('MO');
    expect(c.housingFirst).toBe(true);
    expect(c.readyDate).toBeNull();
    expect(c.originMunicipalityCode).toBe('GM0034');
    expect(c.readiness.filter((r) => !r.done).length).toBeGreaterThan(itemKeys.length / 2);
    expect(d.units.some((u) => u.kind === 'housing-first' && u.municipalityCode === 'GM0034' && suits(c, u))).toBe(true);
  });

  it('VO client with two children: never in Zeewolde, homes elsewhere fit', () => {
    const c = client('K-0004');
    expect(c.group).toBe('VO');
    expect(c.name).not.toBeNull();
    expect(c.household.childrenAges).toHaveLength(2);
    expect(c.originMunicipalityCode).toBe('GM0050');
    expect(c.avoidPlaces).toContainEqual(expect.objectContaining({ reason: 'perpetrator', municipalityCode: 'GM0050', neighbourhoodCode: null }));
    expect(c.currentMunicipalityCode).not.toBe('GM0050');
    expect(c.consents.length).toBeGreaterThan(0);
    const fits = d.units.filter((u) => u.rooms >= 3 && suits(c, u));
    expect(fits.length).toBeGreaterThanOrEqual(1);
    expect(fits.every((u) => u.municipalityCode !== 'GM0050')).toBe(true);
  });
});

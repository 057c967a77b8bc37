// Seeded random regions for the matching benchmark and the engine's property tests: several
// municipalities, neighbourhoods, corporations, tight quotas, recent placement history, every round
// constraint kind present. Three variants: `normal`, `hotspot` (a few homes everyone wants) and
// `tight` (the normal region under caps of 1-2 per neighbourhood, complex cap 1 and binding quotas).
// Pure TypeScript (no I/O); the same options always give the same dataset.
import type { Client, Dataset, Neighbourhood, Placement, Quota, Unit } from '../../shared/dataset/dataset.schema';
import type { ClientGroup, Need, UnitKind } from '../../shared/domain/codes';
import { defaultPolicySettings } from '../../shared/domain/policy';
import type { ProposeOptions, Strategy } from '../../shared/engine/round.schema';
import { emptyControls } from '../../shared/engine/round.schema';
import { addDays, Rng as BaseRng } from '../../shared/domain/random';

export interface InstanceOptions {
  clients: number;
  units: number;
  seed: number;
  /** A few attractive homes in one municipality that every client scores highest. */
  hotspot: boolean;
  /**
   * The same region under tight rules: neighbourhood cap 1 or 2 (drawn per seed), complex cap 1,
   * and every quota a maximum at 20-40% of the corporation's homes on offer there, so that caps and
   * quotas bind together. The region itself (every draw) is that of the same seed without it.
   */
  tight?: boolean;
}

export type InstanceVariant = 'normal' | 'hotspot' | 'tight';
export const INSTANCE_VARIANTS: readonly InstanceVariant[] = ['normal', 'hotspot', 'tight'];

/** The generator's options for a named variant. */
export function variantOptions(variant: InstanceVariant, clients: number, units: number, seed: number): InstanceOptions {
  return { clients, units, seed, hotspot: variant === 'hotspot', tight: variant === 'tight' };
}

/** "Today" of every generated region. */
export const INSTANCE_REFERENCE_DATE = '2026-11-27';
/** Units in a generated region are free by this day (the end of the planning window). */
export const INSTANCE_WINDOW_TO = '2027-01-31';

/** The round options that go with a generated region. */
export function instanceOptions(strategy: Strategy, timeLimitMs = 10_000): ProposeOptions {
  return {
    strategy,
    referenceDate: INSTANCE_REFERENCE_DATE,
    window: { from: INSTANCE_REFERENCE_DATE, to: INSTANCE_WINDOW_TO },
    controls: emptyControls(),
    timeLimitMs,
  };
}

/** The shared seeded generator; the benchmark wants samples in random order. */
class Rng extends BaseRng {
  /** `count` distinct elements in random order. */
  override sample<T>(list: readonly T[], count: number): T[] {
    return this.shuffle(list).slice(0, Math.max(0, count));
  }
}

/** A birth date that makes someone `age` on the reference date. */
function birthDate(rng: Rng, age: number): string {
  const [y, m, d] = INSTANCE_REFERENCE_DATE.split('-').map(Number) as [number, number, number];
  const latest = `${String(y - age).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return addDays(latest, -rng.int(0, 363));
}

const TOWN_NAMES = [
  'Hoofdstad',
  'Noorderveen',
  'Zuidermeer',
  'Oosterwaard',
  'Westerdijk',
  'Lindehoven',
  'Bergakker',
  'Riethaven',
  'Eikenburg',
  'Moerland',
  'Zandvoorde',
  'Kreekdorp',
  'Heidestein',
  'Polderwijk',
];
const NBH_WORDS = ['Centrum', 'Noord', 'Zuid', 'Oost', 'West', 'Haven', 'Park', 'Kern', 'Veld', 'Dijk', 'Hof', 'Akker'];

const ALL_KINDS: readonly (readonly [UnitKind, number])[] = [
  ['contingent', 34],
  ['kanswoning', 18],
  ['regular', 26],
  ['omklap', 8],
  ['housing-first', 4],
  ['skaeve-huse', 0], // Skaeve Huse units are made as clusters, below
  ['crisis', 5],
];
const GROUPS: readonly (readonly [ClientGroup, number])[] = [
  ['BW', 40],
  ['MO', 20],
  ['VO', 14],
  ['YOUTH', 11],
  ['FORENSIC', 15],
];

/** Municipality code GMnnnn for the i-th municipality (0-based). */
const muniCode = (i: number) => `GM${String(i + 1).padStart(4, '0')}`;

export function generateInstance(opts: InstanceOptions): Dataset {
  const rng = new Rng(opts.seed * 7919 + opts.clients * 31 + opts.units + (opts.hotspot ? 1 : 0));
  const policy = defaultPolicySettings();
  const ref = INSTANCE_REFERENCE_DATE;
  const year = Number(ref.slice(0, 4));

  // Municipalities: the first is the centre municipality (institutions), the rest smaller.
  const mCount = Math.max(3, Math.min(TOWN_NAMES.length, Math.round(Math.sqrt(opts.units) / 2.2)));
  const municipalities = Array.from({ length: mCount }, (_, i) => ({
    code: muniCode(i),
    name: TOWN_NAMES[i]!,
    validFrom: '2000-01-01',
    validTo: null,
  }));
  const muniWeight = municipalities.map((_, i) => 1 / Math.pow(i + 1, 0.6));

  // Neighbourhoods: about one per 2.2 units, at least two per municipality.
  const nCount = Math.max(2 * mCount, Math.ceil(opts.units / 1.8));
  const perMuni = municipalities.map(() => 2);
  for (let k = 2 * mCount; k < nCount; k++) perMuni[rng.weighted(municipalities.map((_, i) => [i, muniWeight[i]!] as const))]!++;
  const neighbourhoods: Neighbourhood[] = [];
  const nbhByMuni: string[][] = municipalities.map(() => []);
  municipalities.forEach((m, i) => {
    for (let k = 0; k < perMuni[i]!; k++) {
      const code = `BU${m.code.slice(2)}${String(Math.floor(k / 12) + 1).padStart(2, '0')}${String((k % 12) + 1).padStart(2, '0')}`;
      neighbourhoods.push({
        code,
        name: `${m.name} ${NBH_WORDS[k % NBH_WORDS.length]}${k >= NBH_WORDS.length ? ` ${Math.floor(k / NBH_WORDS.length) + 1}` : ''}`,
        municipalityCode: m.code,
        district: rng.chance(0.5) ? `Wijk ${Math.floor(k / 4) + 1}` : null,
        socialRentShare: rng.chance(0.85) ? Math.round(rng.float() * 60 + 10) / 100 : null,
        liveabilityClass: rng.chance(0.85) ? rng.int(3, 9) : null,
      });
      nbhByMuni[i]!.push(code);
    }
  });
  const nbhMuni = new Map(neighbourhoods.map((n) => [n.code, n.municipalityCode]));
  const muniIndex = new Map(municipalities.map((m, i) => [m.code, i]));

  // Hotspot: two or three well-liked neighbourhoods in one municipality.
  const hotMuni = mCount > 1 ? 1 : 0;
  const hotNbhs = opts.hotspot ? nbhByMuni[hotMuni]!.slice(0, Math.min(3, nbhByMuni[hotMuni]!.length)) : [];
  for (const n of neighbourhoods) {
    if (hotNbhs.includes(n.code)) {
      n.socialRentShare = 0.2;
      n.liveabilityClass = 8;
    }
  }

  // Corporations: each municipality is served by one to three of them.
  const corpCount = Math.max(2, Math.min(6, Math.round(mCount / 2) + 1));
  const corporations = Array.from({ length: corpCount }, (_, i) => ({ id: `corp-${String.fromCharCode(97 + i)}`, name: `Woonstichting ${String.fromCharCode(65 + i)}` }));
  const corpsByMuni = municipalities.map((_, i) => {
    const own = [corporations[i % corpCount]!.id];
    if (rng.chance(0.6)) own.push(corporations[(i + 1) % corpCount]!.id);
    if (rng.chance(0.2)) own.push(corporations[(i + 2) % corpCount]!.id);
    return [...new Set(own)];
  });
  const careProviders = Array.from({ length: 4 }, (_, i) => ({ id: `zorg-${i + 1}`, name: `Zorgaanbieder ${i + 1}` }));

  // Clients first (omklap units name their occupant).
  const clients: Client[] = [];
  const pickMuni = () => rng.weighted(municipalities.map((m, i) => [m.code, muniWeight[i]!] as const));
  const pickNbh = (muni: string) => rng.pick(nbhByMuni[muniIndex.get(muni)!]!);
  for (let i = 0; i < opts.clients; i++) {
    const group = rng.weighted(GROUPS);
    const age = group === 'YOUTH' ? rng.int(18, 22) : rng.chance(0.1) ? rng.int(21, 22) : rng.int(23, 64);
    const origin = pickMuni();
    const children = group === 'VO' && rng.chance(0.5) ? rng.int(1, 3) : rng.chance(0.08) ? 1 : 0;
    const network: Client['networkPlaces'] = [];
    for (let k = rng.int(0, 2); k > 0; k--) {
      const m = rng.chance(0.5) ? origin : pickMuni();
      network.push({
        kind: rng.pick(['family', 'friends', 'day-activity', 'work', 'treatment'] as const),
        municipalityCode: m,
        neighbourhoodCode: rng.chance(0.4) ? pickNbh(m) : null,
        note: '',
      });
    }
    const avoid: Client['avoidPlaces'] = [];
    if (group === 'VO' && rng.chance(0.7)) {
      // The perpetrator's municipality: often the client's own, which makes the deviation a safety one.
      let m = rng.chance(0.5) ? origin : pickMuni();
      if (opts.hotspot && m === muniCode(hotMuni)) m = muniCode(0);
      avoid.push({ reason: 'perpetrator', municipalityCode: m, neighbourhoodCode: null, note: '' });
    } else if (rng.chance(0.15)) {
      const m = pickMuni();
      const n = pickNbh(m);
      if (!hotNbhs.includes(n)) avoid.push({ reason: 'scene', municipalityCode: m, neighbourhoodCode: n, note: '' });
    }
    const needs = new Set<Need>();
    if (rng.chance(0.12)) needs.add('ground-floor');
    if (rng.chance(0.08)) needs.add('lift');
    if (group !== 'VO' && group !== 'YOUTH' && rng.chance(0.05)) needs.add('low-stimulus');
    if (rng.chance(0.07)) needs.add('pets');
    if (rng.chance(0.02)) needs.add('wheelchair');
    const housingFirst = (group === 'BW' || group === 'MO' || group === 'FORENSIC') && rng.chance(0.07);
    const prefMunis = rng.sample(
      [...new Set([origin, ...network.map((n) => n.municipalityCode), pickMuni()])],
      rng.int(0, 2),
    );
    const prefNbhs = prefMunis.length && rng.chance(0.5) ? [pickNbh(prefMunis[0]!)] : [];
    const id = `K-${String(i + 1).padStart(5, '0')}`;
    const c: Client = {
      id,
      name: null,
      group,
      gender: group === 'VO' ? 'female' : rng.pick(['female', 'male', 'male', 'other', 'unknown'] as const),
      birthDate: birthDate(rng, age),
      careProviderId: rng.pick(careProviders).id,
      household: { adults: rng.chance(0.12) ? 2 : 1, childrenAges: Array.from({ length: children }, () => rng.int(0, 16)) },
      originMunicipalityCode: origin,
      currentMunicipalityCode: rng.chance(0.6) ? muniCode(0) : origin,
      networkPlaces: network,
      avoidPlaces: avoid,
      income: {
        source: rng.weighted([['benefit', 70], ['work', 15], ['wajong', 15]] as const),
        monthlyNet: rng.money(900, 1900),
        debts: rng.weighted([['none', 50], ['arrangement', 45], ['open', 5]] as const),
        budgetManagement: rng.chance(0.3),
      },
      rentLimit: rng.chance(0.2) ? rng.money(520, 680) : null,
      needs: [...needs],
      support: {
        providerId: rng.pick(careProviders).id,
        intensity: rng.pick(['light', 'medium', 'intensive'] as const),
        start: addDays(ref, rng.int(10, 60)),
        months: rng.pick([12, 24, 36]),
      },
      // Monitor fields (0011) left unrecorded, so every random draw and so every instance stays as it was.
      careSince: null,
      fundingFrame: 'unknown',
      readiness: policy.readinessItems.map((r) => ({ item: r.key, done: true, confirmedBy: 'begeleider', confirmedAt: addDays(ref, -rng.int(1, 60)) })),
      readyDate: addDays(ref, -rng.int(0, 730)),
      housingFirst,
      urgency: rng.weighted([['none', 80], ['high', 15], ['crisis', 5]] as const),
      preferences: {
        municipalityCodes: prefMunis,
        neighbourhoodCodes: prefNbhs,
        kinds: rng.chance(0.4) ? [rng.pick(['contingent', 'kanswoning', 'regular', 'omklap'] as const)] : [],
        refusedKinds: rng.chance(0.12) ? [rng.pick(['skaeve-huse', 'crisis', 'omklap', 'kanswoning'] as const)] : [],
        note: '',
      },
      consents: [{ party: 'corporation', partyId: null, basis: 'consent', given: true, date: addDays(ref, -rng.int(30, 300)) }],
      vetoes: rng.chance(0.04) ? [{ corporationId: rng.pick(corporations).id, reason: 'Open huurschuld zonder regeling' }] : [],
      status: 'active',
      refusals: rng.weighted([[0, 80], [1, 15], [2, 5]] as const),
      notes: '',
    };
    // A kind both wanted and refused is refused by the dataset's client rules (drawn as before, then
    // dropped, so every other draw and so every instance stays as it was).
    c.preferences.refusedKinds = c.preferences.refusedKinds.filter((k) => !c.preferences.kinds.includes(k));
    if (opts.hotspot) {
      // Everyone wants the hotspot: family there, and it is their first choice.
      const hotNbh = rng.pick(hotNbhs);
      c.networkPlaces.push({ kind: 'family', municipalityCode: muniCode(hotMuni), neighbourhoodCode: hotNbh, note: '' });
      c.preferences.municipalityCodes = [...new Set([muniCode(hotMuni), ...c.preferences.municipalityCodes])].slice(0, 3);
      c.preferences.neighbourhoodCodes = [...new Set([hotNbh, ...c.preferences.neighbourhoodCodes])];
      c.preferences.kinds = ['regular'];
      c.preferences.refusedKinds = c.preferences.refusedKinds.filter((k) => k !== 'regular');
    }
    clients.push(c);
  }

  // Units.
  const units: Unit[] = [];
  /** A complex is a building of one corporation (docs/dataset-format.md): a name unique in the region and its owner. */
  const complexesByNbh = new Map<string, { name: string; corporationId: string }[]>();
  const skaeveCorp = new Map<string, string>();
  const newUnit = (i: number, nbh: string, kind: UnitKind): Unit => {
    const muni = nbhMuni.get(nbh)!;
    const rooms = rng.weighted([[1, 35], [2, 40], [3, 20], [4, 5]] as const);
    const floor = rng.weighted([[0, 30], [1, 20], [2, 18], [3, 14], [4, 10], [7, 8]] as const);
    const features: Need[] = [];
    if (floor === 0 && rng.chance(0.3)) features.push('no-shared-stairwell');
    if (floor === 0 && rng.chance(0.12)) features.push('low-stimulus');
    if (rng.chance(0.25)) features.push('pets');
    if (floor === 0 && rng.chance(0.15)) features.push('wheelchair');
    const youth = (kind === 'contingent' || kind === 'regular') && rng.chance(0.1);
    return {
      id: `W-${String(i + 1).padStart(5, '0')}`,
      corporationId: rng.pick(corpsByMuni[muniIndex.get(muni)!]!),
      municipalityCode: muni,
      neighbourhoodCode: nbh,
      complex: null,
      address: null,
      kind,
      rooms,
      floor,
      lift: floor >= 3 ? rng.chance(0.85) : rng.chance(0.15),
      rent: youth ? rng.money(400, 470) : Math.min(790, rng.money(400, 510) + rooms * 55 + rng.money(0, 150)),
      availableFrom: addDays(ref, rng.int(-40, 60)),
      allowedGroups: youth ? ['YOUTH'] : [],
      minAge: !youth && rng.chance(0.05) ? 23 : null,
      maxAge: youth ? 25 : null,
      contractForms: kind === 'omklap' ? ['sublet'] : [rng.pick(['regular', 'three-party'] as const)],
      features,
      status: 'available',
      occupantClientId: null,
      notes: '',
    };
  };
  // Skaeve Huse: small clusters (one complex each), a few percent of the units.
  const skaeveCount = opts.units >= 20 ? Math.max(2, Math.round(opts.units * 0.03)) : opts.units >= 5 ? 1 : 0;
  const hotCount = opts.hotspot ? Math.max(Math.min(3, Math.ceil(opts.units / 4)), Math.round(opts.units * 0.05)) : 0;
  for (let i = 0; i < opts.units; i++) {
    let u: Unit;
    if (i < hotCount) {
      u = newUnit(i, hotNbhs[i % hotNbhs.length]!, 'regular');
      // Every need met, cheap, small: possible for nearly everyone.
      Object.assign(u, {
        rooms: 2,
        floor: 0,
        lift: true,
        rent: 470,
        features: ['no-shared-stairwell', 'low-stimulus', 'pets', 'wheelchair'],
        allowedGroups: [],
        minAge: null,
        maxAge: null,
      });
    } else if (i < hotCount + skaeveCount) {
      const cluster = Math.floor((i - hotCount) / 3);
      const muni = (cluster + 2) % mCount;
      const nbh = nbhByMuni[muni]![nbhByMuni[muni]!.length - 1]!;
      u = newUnit(i, nbh, 'skaeve-huse');
      const complex = `Skaeve Huse ${cluster + 1}`;
      if (!skaeveCorp.has(complex)) skaeveCorp.set(complex, u.corporationId);
      Object.assign(u, { rooms: 1, floor: 0, lift: false, rent: rng.money(420, 520), complex, corporationId: skaeveCorp.get(complex)!, features: ['no-shared-stairwell', 'low-stimulus'] });
    } else {
      let nbh = rng.pick(neighbourhoods).code;
      while (hotNbhs.includes(nbh)) nbh = rng.pick(neighbourhoods).code;
      u = newUnit(i, nbh, rng.weighted(ALL_KINDS));
      if (rng.chance(0.35)) {
        // Flats share a complex (portiek): the complex cap applies to them together. The name
        // carries the neighbourhood, so one complex text never lies in two neighbourhoods.
        const list = complexesByNbh.get(nbh) ?? [];
        if (!list.length || (list.length < 2 && rng.chance(0.3))) list.push({ name: `Flat ${String.fromCharCode(65 + list.length)} ${nbh}`, corporationId: u.corporationId });
        complexesByNbh.set(nbh, list);
        const cx = rng.pick(list);
        u.complex = cx.name;
        u.corporationId = cx.corporationId;
      }
      if (u.kind === 'omklap' && rng.chance(0.5)) u.occupantClientId = rng.pick(clients).id;
    }
    units.push(u);
  }
  // Every unit is free within the planning window.
  for (const u of units) if (u.availableFrom > INSTANCE_WINDOW_TO) u.availableFrom = INSTANCE_WINDOW_TO;

  // Placement history: the past year, a third of it in the last three months.
  const placements: Placement[] = [];
  const busy = rng.sample(neighbourhoods.map((n) => n.code), Math.ceil(neighbourhoods.length * 0.25));
  const histCount = Math.round(opts.units * 0.5);
  let pending: Placement | null = null;
  const recentByNbh = new Map<string, number>();
  for (let i = 0; i < histCount; i++) {
    let recent = rng.chance(0.35);
    let nbh = rng.chance(0.5) ? rng.pick(busy) : rng.pick(neighbourhoods).code;
    let dest = nbhMuni.get(nbh)!;
    let origin = rng.chance(0.6) ? dest : pickMuni();
    if (pending) {
      // Most exchanges are answered by one the other way: balances stay near the band.
      origin = pending.destinationMunicipalityCode;
      dest = pending.originMunicipalityCode;
      nbh = pickNbh(dest);
      pending = null;
    }
    // Recent history fills a neighbourhood up to its cap at most; older placements do not count.
    if (recent && ((recentByNbh.get(nbh) ?? 0) >= policy.caps.perNeighbourhood || hotNbhs.includes(nbh))) recent = false;
    if (recent) recentByNbh.set(nbh, (recentByNbh.get(nbh) ?? 0) + 1);
    const date = recent ? addDays(ref, -rng.int(1, 85)) : addDays(ref, -rng.int(95, 400));
    const complexes = complexesByNbh.get(nbh) ?? [];
    const cx = complexes.length && rng.chance(0.3) ? rng.pick(complexes) : null;
    const corporationId = rng.pick(corpsByMuni[muniIndex.get(dest)!]!);
    const p: Placement = {
      id: `P-${String(i + 1).padStart(5, '0')}`,
      clientId: null,
      unitId: null,
      date,
      originMunicipalityCode: origin,
      destinationMunicipalityCode: dest,
      neighbourhoodCode: nbh,
      complex: cx?.name ?? null,
      corporationId: cx?.corporationId ?? corporationId,
    };
    placements.push(p);
    if (origin !== dest && rng.chance(0.75)) pending = p;
  }
  // Skaeve Huse clusters already have residents; the first one is full.
  const skaeveUnits = units.filter((u) => u.kind === 'skaeve-huse');
  const clustersSeen = new Set<string>();
  for (const u of skaeveUnits) {
    if (clustersSeen.has(u.complex!)) continue;
    // In a larger region the first cluster is full: the cluster rule then keeps its free units empty.
    const residents = clustersSeen.size === 0 && skaeveCount > 3 ? policy.skaeveHuse.maxClusterSize : rng.int(2, 6);
    clustersSeen.add(u.complex!);
    for (let k = 0; k < residents; k++) {
      placements.push({
        id: `P-${String(placements.length + 1).padStart(5, '0')}`,
        clientId: null,
        unitId: null,
        date: addDays(ref, -rng.int(200, 1500)),
        originMunicipalityCode: u.municipalityCode,
        destinationMunicipalityCode: u.municipalityCode,
        neighbourhoodCode: u.neighbourhoodCode,
        complex: u.complex,
        corporationId: u.corporationId,
      });
    }
  }

  // Quotas for the reference year: what is used so far plus a remainder below the units on offer.
  const unitsPerQuota = new Map<string, number>();
  for (const u of units) unitsPerQuota.set(`${u.corporationId}|${u.municipalityCode}`, (unitsPerQuota.get(`${u.corporationId}|${u.municipalityCode}`) ?? 0) + 1);
  const usedPerQuota = new Map<string, number>();
  for (const p of placements) {
    if (!p.date.startsWith(`${year}-`) || p.corporationId === null) continue;
    const k = `${p.corporationId}|${p.destinationMunicipalityCode}`;
    usedPerQuota.set(k, (usedPerQuota.get(k) ?? 0) + 1);
  }
  const quotas: Quota[] = [...unitsPerQuota.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([key, n]) => {
      const [corporationId, municipalityCode] = key.split('|') as [string, string];
      const target = rng.chance(0.15);
      return {
        corporationId,
        municipalityCode,
        year,
        agreed: (usedPerQuota.get(key) ?? 0) + Math.round(n * (target ? 1 : 0.5 + rng.float() * 0.6)),
        kind: target ? 'target' : 'maximum',
      };
    });

  if (opts.tight) tighten(opts, policy, units, placements, quotas);

  return {
    format: 'uitstroomtafel-dataset',
    version: 1,
    region: {
      name: `Benchregio ${opts.clients}x${opts.units}${opts.hotspot ? ' (hotspot)' : ''}${opts.tight ? ' (krappe regels)' : ''}`,
      fictional: true,
      description: `Gegenereerd met seed ${opts.seed} voor de benchmark en de eigenschapstests.`,
      referenceDate: ref,
    },
    municipalities,
    neighbourhoods,
    corporations,
    careProviders,
    quotas,
    policies: [{ id: 'beleid-bench', name: 'Standaardbeleid', validFrom: `${year}-01-01`, settings: policy }],
    units,
    clients,
    placements,
  };
}

/**
 * The tight variant's rules, drawn from their own generator so that the region stays that of the
 * seed: neighbourhood cap 1 or 2, complex cap 1 (both hard), and every quota a hard maximum that
 * leaves 20-40% of the corporation's homes on offer in the municipality (what is used this year
 * plus that): with about half the homes placed in a normal round, quotas bind beside the caps.
 */
function tighten(opts: InstanceOptions, policy: ReturnType<typeof defaultPolicySettings>, units: Unit[], placements: Placement[], quotas: Quota[]): void {
  const rng = new Rng(opts.seed * 104_729 + opts.clients * 131 + opts.units * 7 + 3);
  policy.caps.perNeighbourhood = rng.int(1, 2);
  policy.caps.perNeighbourhoodMode = { hard: true, penalty: 0 };
  policy.caps.perComplex = 1;
  policy.caps.perComplexMode = { hard: true, penalty: 0 };
  policy.quotaMode = { hard: true, penalty: 0 };
  const year = INSTANCE_REFERENCE_DATE.slice(0, 4);
  const key = (corporationId: string | null, municipalityCode: string) => `${corporationId}|${municipalityCode}`;
  const offered = new Map<string, number>();
  for (const u of units) offered.set(key(u.corporationId, u.municipalityCode), (offered.get(key(u.corporationId, u.municipalityCode)) ?? 0) + 1);
  const used = new Map<string, number>();
  for (const p of placements) {
    if (p.date.startsWith(`${year}-`) && p.corporationId !== null) used.set(key(p.corporationId, p.destinationMunicipalityCode), (used.get(key(p.corporationId, p.destinationMunicipalityCode)) ?? 0) + 1);
  }
  for (const q of quotas) {
    const k = key(q.corporationId, q.municipalityCode);
    q.kind = 'maximum';
    q.agreed = (used.get(k) ?? 0) + Math.round((offered.get(k) ?? 0) * (0.2 + rng.float() * 0.2));
  }
}

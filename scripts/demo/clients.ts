// The demo's candidates: the worked cases of DOMAIN.md (Michelle, Maruan, Dhr. H, a VO client with children)
// and seeded fictional clients K-0005 onward. Pure TypeScript, no I/O; used only by the demo generator.
import type {
  ClientGroup,
  DebtStatus,
  Gender,
  IncomeSource,
  Need,
  NetworkKind,
  SupportIntensity,
  UnitKind,
  Urgency,
} from '../../shared/domain/codes';
import type { Client } from '../../shared/dataset/dataset.schema';
import { monitorFieldsFor } from './monitor-fields';
import { BU, CARE_PROVIDERS, GM, NEIGHBOURHOODS, PROV } from './places';
import { addDays, birthDateForAge, type Rng } from './random';

type Readiness = Client['readiness'];
type Consents = Client['consents'];
type NetworkPlace = Client['networkPlaces'][number];
type AvoidPlace = Client['avoidPlaces'][number];

export interface ClientContext {
  rng: Rng;
  /** A separate stream for the monitor fields (monitor-fields.ts), so they leave every other draw as it was. */
  monitorRng: Rng;
  referenceDate: string;
  /** The readiness items of the policy profile, in order. */
  readinessKeys: readonly string[];
}

/** Who confirmed a readiness item, as a person writes it: "begeleider Stichting Windkering Opvang". */
const begeleider = (providerId: string) => `begeleider ${CARE_PROVIDERS.find((p) => p.id === providerId)?.name ?? providerId}`;

/** Every item done; the last confirmation falls on `readyDate`, the others up to two months before. */
function completeReadiness(ctx: ClientContext, providerId: string, readyDate: string): Readiness {
  const last = ctx.rng.int(0, ctx.readinessKeys.length - 1);
  return ctx.readinessKeys.map((item, i) => ({
    item,
    done: true,
    confirmedBy: item === 'home-seeker' ? 'woonconsulent gemeente' : begeleider(providerId),
    confirmedAt: i === last ? readyDate : addDays(readyDate, -ctx.rng.int(1, 60)),
  }));
}

/** Some items done (confirmed in the past months), the `open` ones not yet. */
function partialReadiness(ctx: ClientContext, providerId: string, open: readonly string[]): Readiness {
  return ctx.readinessKeys.map((item) =>
    open.includes(item)
      ? { item, done: false, confirmedBy: null, confirmedAt: null }
      : {
          item,
          done: true,
          confirmedBy: begeleider(providerId),
          confirmedAt: addDays(ctx.referenceDate, -ctx.rng.int(7, 200)),
        },
  );
}

function standardConsents(ctx: ClientContext, providerId: string, since: string, corporationGiven = true): Consents {
  return [
    { party: 'care-provider', partyId: providerId, basis: 'consent', given: true, date: since },
    { party: 'municipality', partyId: null, basis: 'public-task', given: true, date: since },
    corporationGiven
      ? { party: 'corporation', partyId: null, basis: 'consent', given: true, date: addDays(since, ctx.rng.int(0, 30)) }
      : { party: 'corporation', partyId: null, basis: 'none', given: false, date: null },
  ];
}

/** The worked cases from DOMAIN.md; their first names are shown because consent in the demo allows it. */
export function workedCases(ctx: ClientContext): Client[] {
  const michelleReady = '2026-06-02';
  const michelle: Client = {
    id: 'K-0001',
    name: 'Michelle',
    group: 'BW',
    gender: 'female',
    birthDate: '2003-05-14',
    careProviderId: PROV.dijkzicht,
    household: { adults: 1, childrenAges: [] },
    originMunicipalityCode: GM.noordoostpolder,
    currentMunicipalityCode: GM.almere,
    networkPlaces: [
      { kind: 'family', municipalityCode: GM.lelystad, neighbourhoodCode: BU.lelBoswijk, note: 'Moeder woont hier; wekelijks contact.' },
      { kind: 'friends', municipalityCode: GM.lelystad, neighbourhoodCode: null, note: 'Vriendinnen uit haar schooltijd.' },
      { kind: 'day-activity', municipalityCode: GM.lelystad, neighbourhoodCode: BU.lelCentrum, note: 'Dagbesteding drie dagen per week.' },
    ],
    avoidPlaces: [],
    income: { source: 'benefit', monthlyNet: 1184.35, debts: 'none', budgetManagement: false },
    rentLimit: null,
    needs: [],
    support: { providerId: PROV.dijkzicht, intensity: 'medium', start: '2026-12-01', months: 12 },
    // Beschermd wonen in Almere since she turned 18, after youth care.
    careSince: '2021-06-14',
    fundingFrame: 'wmo',
    readiness: completeReadiness(ctx, PROV.dijkzicht, michelleReady),
    readyDate: michelleReady,
    housingFirst: false,
    urgency: 'none',
    preferences: {
      municipalityCodes: [GM.lelystad],
      neighbourhoodCodes: [],
      kinds: ['contingent', 'kanswoning', 'regular'],
      refusedKinds: [],
      note: 'Een studio of kamer in Lelystad, dicht bij haar moeder, vrienden en dagbesteding. Terug naar de Noordoostpolder is volgens haar en haar begeleider niet goed voor haar herstel.',
    },
    consents: standardConsents(ctx, PROV.dijkzicht, '2026-05-20'),
    vetoes: [],
    status: 'active',
    refusals: 0,
    notes: 'Opgegroeid in de Noordoostpolder; jeugdzorg en daarna beschermd wonen in Almere. Afwijking van de gemeente van herkomst: netwerk (moeder, vrienden en dagbesteding in Lelystad). De uitkering moet doorlopen na de verhuizing.',
  };

  const maruanReady = '2026-08-17';
  const maruan: Client = {
    id: 'K-0002',
    name: 'Maruan',
    group: 'BW',
    gender: 'male',
    birthDate: '1996-03-08',
    careProviderId: PROV.dijkzicht,
    household: { adults: 1, childrenAges: [] },
    originMunicipalityCode: GM.almere,
    currentMunicipalityCode: GM.almere,
    networkPlaces: [
      { kind: 'family', municipalityCode: GM.almere, neighbourhoodCode: BU.almBuitenCentrum, note: 'Broer en schoonzus.' },
      { kind: 'work', municipalityCode: GM.almere, neighbourhoodCode: null, note: 'Werkt twee dagen per week bij een fietsenmaker (leerwerkplek).' },
    ],
    avoidPlaces: [
      {
        reason: 'other',
        municipalityCode: GM.almere,
        neighbourhoodCode: BU.almStadCentrum,
        note: 'Oude vriendenkring die misbruik van hem maakte; hij wil hier liever niet wonen.',
      },
    ],
    income: { source: 'benefit', monthlyNet: 1237.8, debts: 'arrangement', budgetManagement: true },
    rentLimit: null,
    needs: [],
    support: { providerId: PROV.dijkzicht, intensity: 'medium', start: '2026-11-02', months: 24 },
    // Three years in beschermd wonen.
    careSince: '2023-10-02',
    fundingFrame: 'wmo',
    readiness: completeReadiness(ctx, PROV.dijkzicht, maruanReady),
    readyDate: maruanReady,
    housingFirst: false,
    urgency: 'none',
    preferences: {
      municipalityCodes: [GM.almere],
      neighbourhoodCodes: [BU.almBuitenCentrum],
      kinds: [],
      refusedKinds: ['skaeve-huse'],
      note: 'Graag in Almere Buiten, in de buurt van zijn broer.',
    },
    consents: standardConsents(ctx, PROV.dijkzicht, '2026-08-01'),
    vetoes: [],
    status: 'active',
    refusals: 0,
    notes: 'Drie jaar in beschermd wonen. Woonrijp volgens het oordeel van zijn begeleider. Kennismaking met de nieuwe ambulant begeleider drie maanden vóór de verhuizing (begeleiding start 2 november 2026). Budgetbeheer loopt; schulden met regeling.',
  };

  const dhrH: Client = {
    id: 'K-0003',
    name: 'Dhr. H',
    group: 'MO',
    gender: 'male',
    birthDate: '1968-09-21',
    careProviderId: PROV.windkering,
    household: { adults: 1, childrenAges: [] },
    originMunicipalityCode: GM.almere,
    currentMunicipalityCode: GM.almere,
    networkPlaces: [{ kind: 'treatment', municipalityCode: GM.almere, neighbourhoodCode: BU.almHavenCentrum, note: 'Huisarts en verslavingszorg.' }],
    avoidPlaces: [],
    income: { source: 'benefit', monthlyNet: 1092.6, debts: 'arrangement', budgetManagement: true },
    rentLimit: null,
    needs: ['ground-floor', 'low-stimulus'],
    support: { providerId: PROV.windkering, intensity: 'intensive', start: null, months: 12 },
    // In the shelter's care since the postal address was arranged.
    careSince: '2026-02-09',
    fundingFrame: 'wmo',
    readiness: ctx.readinessKeys.map((item) =>
      item === 'income' || item === 'home-seeker'
        ? { item, done: true, confirmedBy: begeleider(PROV.windkering), confirmedAt: item === 'income' ? '2026-09-14' : '2026-09-28' }
        : { item, done: false, confirmedBy: null, confirmedAt: null },
    ),
    readyDate: null,
    housingFirst: true,
    urgency: 'high',
    preferences: {
      municipalityCodes: [GM.almere],
      neighbourhoodCodes: [],
      kinds: ['housing-first'],
      refusedKinds: ['crisis'],
      note: 'Heeft het Housing First-aanbod geaccepteerd. Liefst een woning op de begane grond met eigen voordeur.',
    },
    consents: standardConsents(ctx, PROV.windkering, '2026-09-14'),
    vetoes: [],
    status: 'active',
    refusals: 0,
    notes: 'Sliep op straat; nachtopvang eerder afgewezen. Postadres en uitkering zijn geregeld. Housing First: de voorwaarden voor duurzame uitstroom gelden niet als toegangseis.',
  };

  const samiraReady = '2026-10-05';
  const samira: Client = {
    id: 'K-0004',
    name: 'Samira',
    group: 'VO',
    gender: 'female',
    birthDate: '1991-07-02',
    careProviderId: PROV.windkering,
    household: { adults: 1, childrenAges: [6, 9] },
    originMunicipalityCode: GM.zeewolde,
    currentMunicipalityCode: GM.almere,
    networkPlaces: [
      { kind: 'school', municipalityCode: GM.almere, neighbourhoodCode: null, note: 'De kinderen gaan hier nu naar school.' },
      { kind: 'family', municipalityCode: GM.dronten, neighbourhoodCode: null, note: 'Zus.' },
    ],
    avoidPlaces: [
      { reason: 'perpetrator', municipalityCode: GM.zeewolde, neighbourhoodCode: null, note: 'Woonplaats van de pleger.' },
      { reason: 'perpetrator', municipalityCode: GM.lelystad, neighbourhoodCode: BU.lelAtolwijk, note: 'Familie van de pleger woont in deze buurt.' },
    ],
    income: { source: 'benefit', monthlyNet: 1618.45, debts: 'arrangement', budgetManagement: false },
    rentLimit: null,
    needs: [],
    support: { providerId: PROV.windkering, intensity: 'medium', start: null, months: 12 },
    // About a year in the vrouwenopvang.
    careSince: '2025-08-25',
    fundingFrame: 'wmo',
    readiness: completeReadiness(ctx, PROV.windkering, samiraReady),
    readyDate: samiraReady,
    housingFirst: false,
    urgency: 'high',
    preferences: {
      municipalityCodes: [GM.almere, GM.dronten],
      neighbourhoodCodes: [],
      kinds: [],
      refusedKinds: [],
      note: 'Een woning met minstens drie kamers, in de buurt van de school van de kinderen of van haar zus.',
    },
    consents: [
      { party: 'care-provider', partyId: PROV.windkering, basis: 'consent', given: true, date: '2026-09-22' },
      { party: 'municipality', partyId: GM.almere, basis: 'public-task', given: true, date: '2026-09-22' },
      { party: 'corporation', partyId: null, basis: 'consent', given: true, date: '2026-09-29' },
    ],
    vetoes: [],
    status: 'active',
    refusals: 0,
    notes: 'Moeder met twee kinderen in de vrouwenopvang. Om veiligheidsredenen plaatsen buiten Zeewolde; niet binden aan de regio (Huisvestingswet art. 12). Adres wordt afgeschermd.',
  };

  return [michelle, maruan, dhrH, samira];
}

const MUNI_ORIGIN: readonly (readonly [string, number])[] = [
  [GM.almere, 40],
  [GM.lelystad, 25],
  [GM.dronten, 10],
  [GM.noordoostpolder, 10],
  [GM.urk, 6],
  [GM.zeewolde, 9],
];

const FACILITY: Record<ClientGroup, readonly (readonly [string, number])[]> = {
  BW: [[GM.almere, 55], [GM.lelystad, 30], [GM.dronten, 8], [GM.noordoostpolder, 7]],
  MO: [[GM.almere, 60], [GM.lelystad, 40]],
  VO: [[GM.almere, 50], [GM.lelystad, 50]],
  YOUTH: [[GM.almere, 50], [GM.lelystad, 35], [GM.dronten, 15]],
  FORENSIC: [[GM.almere, 60], [GM.lelystad, 40]],
};

const AGE_RANGE: Record<ClientGroup, readonly [number, number]> = {
  BW: [21, 58],
  MO: [24, 64],
  VO: [22, 46],
  YOUTH: [18, 22],
  FORENSIC: [23, 55],
};

const NOTES: Record<ClientGroup, readonly string[]> = {
  BW: [
    'Woont in beschermd wonen en werkt toe naar zelfstandig wonen met ambulante begeleiding.',
    'Heeft baat bij structuur; de dagbesteding loopt goed.',
    'Wil graag dichter bij familie wonen.',
    'Medicatie en dagritme zijn stabiel; klaar voor de volgende stap.',
  ],
  MO: [
    'Verblijft in de maatschappelijke opvang; uitkering en postadres zijn geregeld.',
    'Na een periode zonder vaste woonplek stabiel in de opvang.',
    'Wil na de opvang graag rustig wonen, dicht bij voorzieningen.',
  ],
  VO: [
    'Verblijft in de vrouwenopvang. Adres wordt afgeschermd.',
    'Veiligheidsplan is opgesteld; niet binden aan de regio (Huisvestingswet art. 12).',
  ],
  YOUTH: [
    'Jongere uit de jeugdzorg; volgt een mbo-opleiding.',
    'Begeleid wonen voor jongeren; leert zelfstandig een huishouden te voeren.',
    'Werkt aan een startkwalificatie; bijbaan in het weekend.',
  ],
  FORENSIC: [
    'Forensische nazorg; afspraken met de reclassering lopen.',
    'Toezicht is afgerond; begeleiding loopt nog een jaar door.',
    'Werkt via een re-integratietraject; vaste dagstructuur.',
  ],
};

const PREFERENCE_NOTES: readonly string[] = [
  'Liefst in de buurt van familie.',
  'Een rustige buurt heeft de voorkeur.',
  'Geen voorkeur voor een gemeente.',
  'Graag een woning met eigen opgang.',
  'Dicht bij openbaar vervoer in verband met werk.',
  '',
];

const nbhByMuni = (municipalityCode: string): string[] =>
  NEIGHBOURHOODS.filter((n) => n.municipalityCode === municipalityCode).map((n) => n.code);

function place(rng: Rng, kind: NetworkKind, municipalityCode: string, note: string, pNbh = 0.35): NetworkPlace {
  const options = nbhByMuni(municipalityCode);
  const neighbourhoodCode = options.length && rng.chance(pNbh) ? rng.pick(options) : null;
  return { kind, municipalityCode, neighbourhoodCode, note };
}

function providerFor(rng: Rng, group: ClientGroup): string {
  switch (group) {
    case 'BW':
      return rng.chance(0.8) ? PROV.dijkzicht : PROV.rietland;
    case 'MO':
    case 'VO':
      return PROV.windkering;
    case 'YOUTH':
      return PROV.rietland;
    case 'FORENSIC':
      return rng.chance(0.7) ? PROV.rietland : PROV.dijkzicht;
  }
}

function genderFor(rng: Rng, group: ClientGroup): Gender {
  if (group === 'VO') return 'female';
  return rng.weighted<Gender>([
    ['male', 60],
    ['female', 35],
    ['other', 3],
    ['unknown', 2],
  ]);
}

function incomeFor(rng: Rng, group: ClientGroup, householdSize: number): Client['income'] {
  const source = rng.weighted<IncomeSource>(
    group === 'YOUTH'
      ? [
          ['benefit', 45],
          ['student', 25],
          ['work', 15],
          ['wajong', 15],
        ]
      : [
          ['benefit', 70],
          ['work', 14],
          ['wajong', 12],
          ['none', group === 'MO' ? 4 : 0],
        ],
  );
  const base: Record<IncomeSource, readonly [number, number]> = {
    benefit: [1040, 1320],
    work: [1420, 2150],
    wajong: [1150, 1360],
    student: [880, 1180],
    pension: [1300, 1600],
    none: [0, 0],
  };
  const [lo, hi] = base[source];
  const extra = source === 'none' ? 0 : (householdSize - 1) * 180;
  const debts = rng.weighted<DebtStatus>([
    ['none', 45],
    ['arrangement', 42],
    ['open', 13],
  ]);
  return {
    source,
    monthlyNet: rng.money(lo + extra, hi + extra),
    debts,
    budgetManagement: debts === 'arrangement' ? rng.chance(0.7) : rng.chance(0.1),
  };
}

function needsFor(rng: Rng, group: ClientGroup): Need[] {
  const p: Record<Need, number> = {
    'ground-floor': 0.12,
    lift: 0.07,
    'low-stimulus': group === 'MO' || group === 'BW' ? 0.18 : 0.06,
    'no-shared-stairwell': 0.06,
    pets: 0.08,
    wheelchair: 0,
  };
  const needs = (Object.keys(p) as Need[]).filter((n) => rng.chance(p[n]));
  return needs.slice(0, 2);
}

/** A seeded fictional client; ids K-0005 onward. Status and cross-links are adjusted by the generator. */
export function generatedClient(ctx: ClientContext, id: string, group: ClientGroup, ready: boolean): Client {
  const { rng } = ctx;
  const [minAge, maxAge] = AGE_RANGE[group];
  const age = rng.int(minAge, maxAge);
  const careProviderId = providerFor(rng, group);

  const childrenCount =
    group === 'VO' ? (rng.chance(0.6) ? rng.int(1, 3) : 0) : group === 'MO' ? (rng.chance(0.12) ? 1 : 0) : group === 'BW' && age > 26 ? (rng.chance(0.06) ? 1 : 0) : 0;
  const childrenAges = Array.from({ length: childrenCount }, () => rng.int(0, Math.min(15, age - 18))).sort((a, b) => b - a);
  const adults = group === 'MO' && childrenCount === 0 && rng.chance(0.08) ? 2 : 1;

  const originMunicipalityCode = rng.weighted(MUNI_ORIGIN);
  let currentMunicipalityCode = rng.weighted(FACILITY[group]);
  // A VO client is sheltered away from the perpetrator's municipality.
  if (group === 'VO' && currentMunicipalityCode === originMunicipalityCode)
    currentMunicipalityCode = originMunicipalityCode === GM.almere ? GM.lelystad : GM.almere;

  const avoidPlaces: AvoidPlace[] = [];
  if (group === 'VO') {
    const options = nbhByMuni(originMunicipalityCode);
    const whole = rng.chance(0.6) || options.length === 0;
    avoidPlaces.push({
      reason: 'perpetrator',
      municipalityCode: originMunicipalityCode,
      neighbourhoodCode: whole ? null : rng.pick(options),
      note: whole ? 'Woonplaats van de pleger.' : 'Buurt van de pleger.',
    });
  } else if ((group === 'MO' || group === 'FORENSIC') && rng.chance(0.3)) {
    const muni = rng.chance(0.6) ? GM.almere : GM.lelystad;
    avoidPlaces.push({
      reason: 'scene',
      municipalityCode: muni,
      neighbourhoodCode: muni === GM.almere ? BU.almStadCentrum : BU.lelCentrum,
      note: 'Oude omgeving; cliënt wil hier bewust niet terugkomen.',
    });
  }
  const avoidsMuni = (m: string) => avoidPlaces.some((a) => a.municipalityCode === m && a.neighbourhoodCode === null);

  const networkPlaces: NetworkPlace[] = [];
  if (!avoidsMuni(originMunicipalityCode) && rng.chance(0.6)) networkPlaces.push(place(rng, 'family', originMunicipalityCode, rng.pick(['Ouders.', 'Moeder.', 'Vader.', 'Broer en zus.', 'Grootouders.'])));
  if (rng.chance(0.35)) networkPlaces.push(place(rng, 'friends', currentMunicipalityCode, 'Vrienden.'));
  if (group === 'YOUTH' && rng.chance(0.6)) networkPlaces.push(place(rng, 'school', currentMunicipalityCode, 'Mbo-opleiding.', 0.2));
  else if (rng.chance(0.4)) networkPlaces.push(place(rng, rng.pick<NetworkKind>(['day-activity', 'work']), currentMunicipalityCode, rng.pick(['Dagbesteding.', 'Werk (parttime).', 'Vrijwilligerswerk.'])));
  if ((group === 'BW' || group === 'FORENSIC') && rng.chance(0.3)) networkPlaces.push(place(rng, 'treatment', currentMunicipalityCode, 'Behandeling (ambulant).', 0.2));
  if (childrenCount > 0 && rng.chance(0.5)) networkPlaces.push(place(rng, 'school', currentMunicipalityCode, 'School van de kinderen.', 0));

  // Never point a network place into an area the client avoids.
  for (const n of networkPlaces) if (avoidPlaces.some((a) => a.neighbourhoodCode === n.neighbourhoodCode)) n.neighbourhoodCode = null;

  const income = incomeFor(rng, group, adults + childrenCount);
  // Open debts are never "under management", so a ready client has none.
  if (ready && income.debts === 'open') income.debts = 'arrangement';

  const readyDate = ready ? rng.weighted([[rng.date('2025-01-13', '2025-12-19'), 30], [rng.date('2026-01-05', '2026-11-20'), 70]]) : null;
  const openItems = ready
    ? []
    : [...new Set([...(income.debts === 'open' ? ['debts'] : []), ...rng.sample(ctx.readinessKeys, rng.int(1, 3))])];
  const readiness = readyDate ? completeReadiness(ctx, careProviderId, readyDate) : partialReadiness(ctx, careProviderId, openItems);

  const housingFirst = group === 'MO' && rng.chance(0.15);
  const urgency = rng.weighted<Urgency>(
    group === 'VO'
      ? [
          ['none', 55],
          ['high', 35],
          ['crisis', 10],
        ]
      : [
          ['none', 86],
          ['high', 12],
          ['crisis', 2],
        ],
  );

  const prefMunis: string[] = [];
  if (rng.chance(0.55) && !avoidsMuni(originMunicipalityCode)) prefMunis.push(originMunicipalityCode);
  if (rng.chance(0.35) && !prefMunis.includes(currentMunicipalityCode)) prefMunis.push(currentMunicipalityCode);
  const prefNbh: string[] = [];
  const firstPref = prefMunis[0];
  if (firstPref && rng.chance(0.25)) {
    const options = nbhByMuni(firstPref).filter((c) => !avoidPlaces.some((a) => a.neighbourhoodCode === c));
    if (options.length) prefNbh.push(rng.pick(options));
  }
  const kinds: UnitKind[] = housingFirst ? ['housing-first'] : rng.chance(0.2) ? [rng.pick<UnitKind>(['contingent', 'kanswoning', 'regular'])] : [];
  const refusedKinds: UnitKind[] = rng.chance(0.15) ? [rng.pick<UnitKind>(group === 'VO' ? ['crisis'] : ['skaeve-huse', 'crisis'])] : [];

  const intensity = rng.weighted<SupportIntensity>(
    group === 'MO' || group === 'FORENSIC'
      ? [
          ['light', 15],
          ['medium', 45],
          ['intensive', 40],
        ]
      : [
          ['light', 35],
          ['medium', 50],
          ['intensive', 15],
        ],
  );
  const supportStart = readyDate && rng.chance(0.4) ? rng.date('2026-11-02', '2027-02-26') : null;

  const since = readyDate ? addDays(readyDate, -rng.int(20, 90)) : addDays(ctx.referenceDate, -rng.int(30, 240));
  const consents = standardConsents(ctx, careProviderId, since, rng.chance(0.92));

  const needs = needsFor(rng, group);
  if (childrenCount > 0 && !needs.includes('no-shared-stairwell') && rng.chance(0.2)) needs.push('no-shared-stairwell');
  // Drawn in the order the record below used to draw them (gender, then birth date), so the demo stays as it was.
  const gender = genderFor(rng, group);
  const birthDate = birthDateForAge(rng, age, ctx.referenceDate);

  return {
    id,
    name: null,
    group,
    gender,
    birthDate,
    careProviderId,
    household: { adults, childrenAges },
    originMunicipalityCode,
    currentMunicipalityCode,
    networkPlaces,
    avoidPlaces,
    income,
    // A lower personal limit (budget plan) for a few adults; under-23s keep the policy's youth limit.
    rentLimit: rng.chance(0.1) && age >= 23 ? rng.int(52, 64) * 10 : null,
    needs,
    support: {
      providerId: careProviderId,
      intensity,
      start: supportStart,
      months: rng.pick([12, 12, 24, null]),
    },
    ...monitorFieldsFor(ctx.monitorRng, group, birthDate, readyDate, ctx.referenceDate),
    readiness,
    readyDate,
    housingFirst,
    urgency,
    preferences: {
      municipalityCodes: prefMunis,
      neighbourhoodCodes: prefNbh,
      kinds,
      refusedKinds,
      note: rng.pick(PREFERENCE_NOTES),
    },
    consents,
    vetoes: [],
    status: 'active',
    refusals: rng.weighted([
      [0, 80],
      [1, 15],
      [2, 5],
    ]),
    notes: rng.pick(NOTES[group]),
  };
}

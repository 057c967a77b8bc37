// Builds the fictional Flevoland demo region (dataset format v1) from a fixed seed, deterministically.
// Pure TypeScript, no I/O: scripts/generate-demo.ts writes it, test/unit checks it regenerates byte-identical.
import type { ClientGroup } from '../../shared/domain/codes';
import { defaultPolicySettings } from '../../shared/domain/policy';
import { DATASET_FORMAT, REGISTER_VERSION, type Client, type Dataset, type Placement, type Unit } from '../../shared/dataset/dataset.schema';
import { checkDataset, formatProblems, type DatasetProblem } from '../../shared/dataset/validate';
import { formatLongDate } from '../../shared/reports/format-nl';
import { generatedClient, workedCases, type ClientContext } from './clients';
import { snapshotPlacements } from './monitor-fields';
import { BU, CARE_PROVIDERS, CORP, CORPORATIONS, GM, MUNICIPALITIES, NEIGHBOURHOODS, QUOTAS } from './places';
import { addDays, ageOn, Rng } from './random';
import { buildUnits } from './units';

export const DEMO_SEED = 20261127;
/** The monitor fields' own stream (monitor-fields.ts): added later, so it leaves DEMO_SEED's draws as they were. */
const DEMO_MONITOR_SEED = 20261211;
export const DEMO_REFERENCE_DATE = '2026-11-27';
export const DEMO_FILE = 'resources/demo/flevoland.json';

/** How many generated clients (besides the four worked cases) per group. */
const GENERATED_GROUPS: Record<ClientGroup, number> = { BW: 18, MO: 12, VO: 8, YOUTH: 10, FORENSIC: 8 };
/** The share of those that is ready (woonrijp); the others have open readiness items. */
const READY_SHARE: Record<ClientGroup, number> = { BW: 0.75, MO: 0.6, VO: 0.75, YOUTH: 0.7, FORENSIC: 0.75 };

const DESCRIPTION =
  'Fictieve demoregio voor de uitstroomtafel. Alle personen, woningen, adressen, woningcorporaties, ' +
  'zorgaanbieders, afspraken en cijfers in deze dataset zijn verzonnen. Alleen de namen van de gemeenten en ' +
  'buurten bestaan echt en maken de demo herkenbaar; buurtcodes en buurtcijfers zijn niet de officiële CBS-gegevens. ' +
  'De voorbeeldcasussen (Michelle, Maruan, Dhr. H en Samira) zijn gebaseerd op de casussen uit de beleidsstukken.';

export class DemoInvalidError extends Error {
  constructor(readonly problems: DatasetProblem[]) {
    super(`demo dataset is invalid:\n${formatProblems(problems)}`);
  }
}

/** The demo as built, before it is checked and parsed. */
export function buildDemo(): Dataset {
  const rng = new Rng(DEMO_SEED);
  const policy = {
    id: 'beleid-2026',
    name: 'Regionaal beleid Flevoland 2026',
    validFrom: '2026-01-01',
    settings: defaultPolicySettings(),
  };
  const monitorRng = new Rng(DEMO_MONITOR_SEED);
  const ctx: ClientContext = {
    rng,
    monitorRng,
    referenceDate: DEMO_REFERENCE_DATE,
    readinessKeys: policy.settings.readinessItems.map((r) => r.key),
  };

  const units = buildUnits(rng);

  const groups = rng.shuffle(
    (Object.entries(GENERATED_GROUPS) as [ClientGroup, number][]).flatMap(([g, n]) => Array.from({ length: n }, () => g)),
  );
  // Per group a fixed share is ready (woonrijp); which ones is seeded.
  const readyFlags = groups.map(() => false);
  for (const [group, n] of Object.entries(GENERATED_GROUPS) as [ClientGroup, number][]) {
    const indices = groups.flatMap((g, i) => (g === group ? [i] : []));
    for (const i of rng.sample(indices, Math.round(n * READY_SHARE[group]))) readyFlags[i] = true;
  }
  const clients: Client[] = [
    ...workedCases(ctx),
    ...groups.map((g, i) => generatedClient(ctx, `K-${String(i + 5).padStart(4, '0')}`, g, readyFlags[i] ?? false)),
  ];

  const taken = new Set(clients.slice(0, 4).map((c) => c.id));
  /** Generated, active, ready clients not yet used for a special role. */
  const free = (extra: (c: Client) => boolean = () => true) =>
    clients.filter((c) => !taken.has(c.id) && c.status === 'active' && c.readyDate !== null && !c.housingFirst && extra(c));
  const single = (c: Client) => c.household.adults === 1 && c.household.childrenAges.length === 0;
  const adult23 = (c: Client) => ageOn(c.birthDate, DEMO_REFERENCE_DATE) >= 23;

  const occupants = free((c) => c.group === 'BW' && single(c) && adult23(c) && c.avoidPlaces.length === 0);
  linkOmklap(rng, units, occupants, taken);
  const placeable = (date: string) => free((c) => single(c) && adult23(c) && (c.readyDate ?? '') < date);
  const placements = buildPlacements(rng, units, placeable, taken);
  snapshotPlacements(monitorRng, placements, clients, units);

  // One client who needs a wheelchair-accessible home (W-009 in Almere Filmwijk fits).
  const wheelchair = rng.pick(free((c) => c.group === 'BW' && single(c) && adult23(c)));
  wheelchair.needs = ['ground-floor', 'wheelchair'];
  wheelchair.rentLimit = null;
  wheelchair.preferences.refusedKinds = [];
  taken.add(wheelchair.id);

  // Corporation vetoes: one on a client with open debts (not ready), two on ready clients.
  const openDebt = rng.pick(
    clients.filter((c) => !taken.has(c.id) && c.status === 'active' && c.readyDate === null && !c.housingFirst),
  );
  openDebt.income = { ...openDebt.income, debts: 'open', budgetManagement: false };
  openDebt.readiness = openDebt.readiness.map((r) =>
    r.item === 'debts' ? { item: r.item, done: false, confirmedBy: null, confirmedAt: null } : r,
  );
  openDebt.vetoes = [{ corporationId: CORP.flevomeer, reason: 'Open huurschuld zonder regeling' }];
  taken.add(openDebt.id);
  const vetoed = rng.sample(free(single), 2);
  vetoed.forEach((c, i) => {
    c.vetoes =
      i === 0
        ? [{ corporationId: CORP.kustlicht, reason: 'Negatieve verhuurdersverklaring; eerst een kennismakingsgesprek met de corporatie' }]
        : [{ corporationId: CORP.polderhuis, reason: 'Eerdere huurachterstand bij deze corporatie; regeling nog niet afgerond' }];
    if (i === 1) c.income.debts = 'arrangement';
    taken.add(c.id);
  });

  const setAsideReasons = [
    'Geparkeerd: wil eerst de opleiding afronden (tot februari 2027).',
    'Geparkeerd: tijdelijk niet beschikbaar; opnieuw bekijken in de volgende ronde.',
    'Geparkeerd op eigen verzoek in verband met een familieomstandigheid.',
  ];
  rng.sample(free(), setAsideReasons.length).forEach((c, i) => {
    c.status = 'set-aside';
    c.notes = `${c.notes} ${setAsideReasons[i] ?? ''}`.trim();
    taken.add(c.id);
  });
  const archiveReasons = ['Gearchiveerd: verhuisd naar familie buiten de regio.', 'Gearchiveerd: heeft zelf een woning gevonden.'];
  rng.sample(free(), archiveReasons.length).forEach((c, i) => {
    c.status = 'archived';
    c.notes = `${c.notes} ${archiveReasons[i] ?? ''}`.trim();
    taken.add(c.id);
  });

  return {
    format: DATASET_FORMAT,
    version: REGISTER_VERSION, // the demo is a register without history: format v1
    region: {
      name: 'Flevoland (fictieve demo)',
      fictional: true,
      description: DESCRIPTION,
      referenceDate: DEMO_REFERENCE_DATE,
    },
    // Copies: the tables are module constants and callers may change what they get.
    municipalities: structuredClone(MUNICIPALITIES),
    neighbourhoods: structuredClone(NEIGHBOURHOODS),
    corporations: structuredClone(CORPORATIONS),
    careProviders: structuredClone(CARE_PROVIDERS),
    quotas: structuredClone(QUOTAS),
    policies: [policy],
    units,
    clients,
    placements,
  };
}

/** Each omklap unit gets a client who already lives there via a sublet from the provider. */
function linkOmklap(rng: Rng, units: Unit[], candidates: Client[], taken: Set<string>): void {
  for (const unit of units.filter((u) => u.kind === 'omklap')) {
    const pool = candidates.filter((c) => !taken.has(c.id));
    const client = rng.pick(pool);
    taken.add(client.id);
    unit.occupantClientId = client.id;
    // Moved in when declared woonrijp, with mandatory ambulant support from then on.
    const movedIn = client.readyDate ?? addDays(DEMO_REFERENCE_DATE, -rng.int(300, 600));
    client.currentMunicipalityCode = unit.municipalityCode;
    client.rentLimit = null;
    client.preferences = {
      municipalityCodes: [unit.municipalityCode],
      neighbourhoodCodes: unit.neighbourhoodCode ? [unit.neighbourhoodCode] : [],
      kinds: ['omklap'],
      refusedKinds: [],
      note: 'Wil in deze woning blijven wonen.',
    };
    client.support = { ...client.support, start: movedIn, months: 24 };
    client.notes = `Woont sinds ${formatLongDate(movedIn)} via onderhuur in omklapwoning ${unit.id}; bij een goede evaluatie gaat het huurcontract op eigen naam.`;
  }
}

/** True when the client must not live there (a whole municipality or that neighbourhood is to be avoided). */
function avoids(c: Client, municipalityCode: string, neighbourhoodCode: string | null): boolean {
  return c.avoidPlaces.some(
    (a) => a.municipalityCode === municipalityCode && (a.neighbourhoodCode === null || a.neighbourhoodCode === neighbourhoodCode),
  );
}

/** Earlier placements in 2026: history without ids, and the let demo units with their (placed) clients. */
function buildPlacements(
  rng: Rng,
  units: Unit[],
  candidates: (date: string) => Client[],
  taken: Set<string>,
): Placement[] {
  const history = (
    date: string,
    origin: string,
    destination: string,
    neighbourhoodCode: string,
    corporationId: string,
    complex: string | null = null,
    clientId: string | null = null,
  ): Placement => ({
    id: '',
    clientId,
    unitId: null,
    date,
    originMunicipalityCode: origin,
    destinationMunicipalityCode: destination,
    neighbourhoodCode,
    complex,
    corporationId,
  });

  const out: Placement[] = [
    history('2026-01-19', GM.almere, GM.lelystad, BU.lelZuiderzeewijk, CORP.kustlicht),
    history('2026-03-09', GM.lelystad, GM.almere, BU.almKruidenwijk, CORP.flevomeer),
    history('2026-04-27', GM.almere, GM.almere, BU.almMuziekwijk, CORP.polderhuis, 'Complex Kemphaan 12-40'),
    history('2026-06-15', GM.noordoostpolder, GM.noordoostpolder, BU.nopEmmeloordCentrum, CORP.lisdodde),
    history('2026-07-06', GM.almere, GM.dronten, BU.droCentrum, CORP.kustlicht),
    history('2026-09-28', GM.almere, GM.lelystad, BU.lelZuiderzeewijk, CORP.kustlicht, 'Complex Zeilmakerskade 1-59'),
  ];

  // A client placed in a home that is not in this dataset (only the client is known).
  const earlier = rng.pick(candidates('2026-09-14').filter((c) => !avoids(c, GM.almere, BU.almBuitenCentrum)));
  taken.add(earlier.id);
  earlier.status = 'placed';
  earlier.notes = `Geplaatst op ${formatLongDate('2026-09-14')} in Almere Buiten (woning niet in deze dataset); nazorg loopt.`;
  out.push(history('2026-09-14', earlier.originMunicipalityCode, GM.almere, BU.almBuitenCentrum, CORP.polderhuis, null, earlier.id));

  // The let units of the demo, each with the client who moved in.
  const handover: Record<string, string> = { 'W-005': '2026-10-06', 'W-034': '2026-10-13', 'W-020': '2026-10-20', 'W-043': '2026-11-03' };
  for (const unit of units.filter((u) => u.status === 'let')) {
    const date = handover[unit.id];
    if (!date) throw new Error(`let unit ${unit.id} has no handover date`);
    const pool = candidates(date).filter(
      (c) =>
        !taken.has(c.id) &&
        (c.rentLimit === null || c.rentLimit >= unit.rent) &&
        c.needs.every((n) => unit.features.includes(n)) &&
        !avoids(c, unit.municipalityCode, unit.neighbourhoodCode),
    );
    const home = pool.filter((c) => c.originMunicipalityCode === unit.municipalityCode);
    const client = rng.pick(home.length ? home : pool);
    taken.add(client.id);
    client.status = 'placed';
    client.notes = `Geplaatst op ${formatLongDate(date)} in ${unit.id}; nazorg loopt.`;
    out.push({
      id: '',
      clientId: client.id,
      unitId: unit.id,
      date,
      originMunicipalityCode: client.originMunicipalityCode,
      destinationMunicipalityCode: unit.municipalityCode,
      neighbourhoodCode: unit.neighbourhoodCode,
      complex: unit.complex,
      corporationId: unit.corporationId,
    });
  }
  out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  out.forEach((p, i) => (p.id = `P-2026-${String(i + 1).padStart(3, '0')}`));
  return out;
}

/** The demo, checked with checkDataset and parsed by the zod schema (canonical key order). */
export function generateDemo(): Dataset {
  const check = checkDataset(buildDemo());
  if (!check.ok) throw new DemoInvalidError(check.problems);
  return check.dataset;
}

/** The exact file contents: two-space indentation and a trailing newline. */
export function renderDataset(dataset: Dataset): string {
  return `${JSON.stringify(dataset, null, 2)}\n`;
}

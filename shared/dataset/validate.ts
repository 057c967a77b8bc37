// Checks a dataset document (v1 or v2): shape (zod) and references between its parts (codes and ids
// exist, ids unique; in v2 also inside the history and the audit chain's links). Every problem names
// where it is, e.g. `clients[3] (K-0004).birthDate`. Warnings (the import goes on) for what is
// allowed but probably wrong: one complex in several neighbourhoods. Pure TypeScript.
import type { z } from 'zod';
import { UNIT_KIND_LABELS } from '../domain/codes';
import { addYears, shorten } from '../domain/primitives';
import { Client, Dataset } from './dataset.schema';

export interface DatasetProblem {
  /** Where in the document, e.g. `units[12] (W-013).neighbourhoodCode`. */
  path: string;
  message: string;
}

/** `warnings`: allowed, but probably a mistake in the file (see `datasetWarnings`). */
export type DatasetCheck = { ok: true; dataset: Dataset; warnings: DatasetProblem[] } | { ok: false; problems: DatasetProblem[] };

const MAX_PROBLEMS = 200;

/** The youngest and oldest a client can plausibly be, and how far ahead a ready date may lie. */
export const CLIENT_MIN_AGE = 16;
export const CLIENT_MAX_AGE = 120;

/** Today as YYYY-MM-DD (UTC), for callers without a clock of their own (scripts). */
const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/**
 * The rules of one client that go beyond the shape of its fields: dates measured against today and
 * fields that must agree. One set for every way in — the form (clients.create/update), the dataset
 * import and the spreadsheet import — each naming the field by its own path or column.
 */
export function clientRuleProblems(
  c: Pick<Client, 'birthDate' | 'readyDate' | 'preferences'> & Partial<Pick<Client, 'careSince'>>,
  today: string,
): { field: 'birthDate' | 'readyDate' | 'careSince' | 'preferences.refusedKinds'; message: string }[] {
  const out: ReturnType<typeof clientRuleProblems> = [];
  if (c.birthDate > today) out.push({ field: 'birthDate', message: 'ligt in de toekomst' });
  else if (c.birthDate > addYears(today, -CLIENT_MIN_AGE)) out.push({ field: 'birthDate', message: `de kandidaat is dan jonger dan ${CLIENT_MIN_AGE} jaar` });
  else if (c.birthDate < addYears(today, -CLIENT_MAX_AGE)) out.push({ field: 'birthDate', message: `ligt meer dan ${CLIENT_MAX_AGE} jaar terug` });
  if (c.readyDate !== null) {
    if (c.readyDate < c.birthDate) out.push({ field: 'readyDate', message: 'ligt vóór de geboortedatum' });
    else if (c.readyDate > addYears(today, 1)) out.push({ field: 'readyDate', message: 'ligt meer dan een jaar in de toekomst' });
  }
  // In care since: the start of the trajectory, so before woonrijp and never ahead.
  if (c.careSince != null) {
    if (c.careSince > today) out.push({ field: 'careSince', message: 'ligt in de toekomst' });
    else if (c.careSince < c.birthDate) out.push({ field: 'careSince', message: 'ligt vóór de geboortedatum' });
    else if (c.readyDate !== null && c.careSince > c.readyDate) out.push({ field: 'careSince', message: 'ligt na de datum woonrijp; de zorg of opvang begint eerder' });
  }
  const refused = new Set(c.preferences.refusedKinds);
  const both = c.preferences.kinds.filter((k) => refused.has(k));
  if (both.length) {
    out.push({ field: 'preferences.refusedKinds', message: `${both.map((k) => UNIT_KIND_LABELS[k]).join(', ')} staat ook bij de gewenste woningsoorten` });
  }
  return out;
}

/** Checks a whole document; `today` (default: today's date) is what client dates are measured against. */
export function checkDataset(input: unknown, today: string = todayUtc()): DatasetCheck {
  const parsed = Dataset.safeParse(input);
  const clientRules = (clients: readonly unknown[]) =>
    clients.flatMap((raw, i) => {
      // Every client whose fields are well-formed, even when other parts of the document are not.
      const c = Client.safeParse(raw);
      return c.success ? clientRuleProblems(c.data, today).map((p) => ({ path: `clients[${i}] (${shorten(c.data.id, 64)}).${p.field}`, message: p.message })) : [];
    });
  if (!parsed.success) {
    const raw = input && typeof input === 'object' ? (input as { clients?: unknown }).clients : undefined;
    const problems = [...parsed.error.issues.slice(0, MAX_PROBLEMS).map((i) => zodProblem(input, i)), ...(Array.isArray(raw) ? clientRules(raw) : [])];
    return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  }
  const problems = [...checkReferences(parsed.data), ...checkHistory(parsed.data), ...clientRules(parsed.data.clients)];
  return problems.length ? { ok: false, problems: problems.slice(0, MAX_PROBLEMS) } : { ok: true, dataset: parsed.data, warnings: datasetWarnings(parsed.data) };
}

// ---------------------------------------------------------------- warnings: one complex, one neighbourhood

/** What the complex check needs of a unit (a dataset unit, a spreadsheet row, a stored unit). */
export interface ComplexMember {
  corporationId: string;
  complex: string | null;
  neighbourhoodCode: string | null;
}

/** One complex (a corporation's building) whose units lie in more than one neighbourhood. */
export interface ComplexSpread<T extends ComplexMember> {
  corporationId: string;
  complex: string;
  /** The members per neighbourhood (`null`: without a neighbourhood), in order of first appearance. */
  byNeighbourhood: { neighbourhoodCode: string | null; members: T[] }[];
}

/**
 * Complexes that lie in several neighbourhoods. A complex is one building of one corporation: its
 * natural key is the corporation together with the complex text, exactly as written
 * (docs/dataset-format.md). The caps count per complex whatever the neighbourhood, so units of one
 * complex in different neighbourhoods are allowed, but most likely a wrong neighbourhood or a complex
 * name that two buildings share by mistake: the import warns, it does not refuse.
 */
export function complexesInSeveralNeighbourhoods<T extends ComplexMember>(members: readonly T[]): ComplexSpread<T>[] {
  const groups = new Map<string, ComplexSpread<T>>();
  for (const m of members) {
    if (m.complex === null) continue;
    const key = `${m.corporationId}|${m.complex}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { corporationId: m.corporationId, complex: m.complex, byNeighbourhood: [] }));
    let at = g.byNeighbourhood.find((n) => n.neighbourhoodCode === m.neighbourhoodCode);
    if (!at) g.byNeighbourhood.push((at = { neighbourhoodCode: m.neighbourhoodCode, members: [] }));
    at.members.push(m);
  }
  return [...groups.values()].filter((g) => g.byNeighbourhood.length > 1);
}

/**
 * A Dutch list: "a", "a en b", "a, b en c"; past `max` items "a, b, … en nog 4" (the count left out
 * is a number, so it reads the same for rows, units and paths).
 */
export function listNl(items: readonly string[], max = 10): string {
  if (items.length > max) return `${items.slice(0, max).join(', ')} en nog ${items.length - max}`;
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} en ${items.at(-1)}`;
}

/**
 * The warning for one spread complex, in Dutch: which complex, which corporation (by name), which
 * neighbourhoods (by name; with the municipality where names alone do not tell them apart) and where
 * its units are in each (`where`: rows, paths, codes). For example: "Complex 'De Kust' van
 * Woonstichting Polderhuis ligt in meer dan één buurt — Kemphaan: rijen 2 en 3; Stadshart: rij 5. …"
 */
export function complexSpreadMessage(
  spread: { complex: string; corporationName: string },
  places: readonly { neighbourhood: { name: string; municipality: string } | null; where: string }[],
): string {
  const named = places.flatMap((p) => (p.neighbourhood ? [p.neighbourhood] : []));
  const names = named.map((n) => n.name);
  const withMunicipality = new Set(named.map((n) => n.municipality)).size > 1 || new Set(names).size < names.length;
  const parts = places.map(({ neighbourhood: n, where }) => {
    const label = n === null ? 'zonder buurt' : withMunicipality && n.municipality ? `${n.name} (${n.municipality})` : n.name;
    return `${label}: ${where}`;
  });
  return (
    `Complex '${shorten(spread.complex, 80)}' van ${spread.corporationName} ligt in meer dan één buurt — ${parts.join('; ')}. ` +
    'Een complex is één gebouw van één corporatie: het plafond per complex telt deze woningen samen. ' +
    'Controleer de buurt, of geef gebouwen die niet bij elkaar horen elk een eigen complexnaam.'
  );
}

/**
 * Warnings on a valid dataset: the import goes on, but the file is probably wrong somewhere. Today
 * one kind: a complex (corporation + complex text) whose units lie in more than one neighbourhood,
 * reported on the first of its units, naming every unit by its place in `units[]`.
 */
export function datasetWarnings(d: Dataset): DatasetProblem[] {
  const corporations = new Map(d.corporations.map((c) => [c.id, c.name]));
  const municipalities = new Map(d.municipalities.map((m) => [m.code, m.name]));
  const neighbourhoods = new Map(d.neighbourhoods.map((n) => [n.code, { name: n.name, municipality: municipalities.get(n.municipalityCode) ?? n.municipalityCode }]));
  const members = d.units.map((u, i) => ({ ...u, where: `units[${i}] (${u.id})` }));
  return complexesInSeveralNeighbourhoods(members).map((g) => ({
    path: `${g.byNeighbourhood[0]!.members[0]!.where}.complex`,
    message: complexSpreadMessage(
      { complex: g.complex, corporationName: corporations.get(g.corporationId) ?? g.corporationId },
      g.byNeighbourhood.map((n) => ({
        neighbourhood: n.neighbourhoodCode === null ? null : (neighbourhoods.get(n.neighbourhoodCode) ?? { name: n.neighbourhoodCode, municipality: '' }),
        where: listNl(n.members.map((m) => m.where)),
      })),
    ),
  }));
}

export function formatProblems(problems: DatasetProblem[], file?: string): string {
  const prefix = file ? `${file}: ` : '';
  return problems.map((p) => `${prefix}${p.path}: ${p.message}`).join('\n');
}

/** Renders a zod issue path, naming the record's id where there is one. */
function zodProblem(input: unknown, issue: z.core.$ZodIssue): DatasetProblem {
  return { path: renderPath(input, issue.path) || '(document)', message: issue.message };
}

export function renderPath(root: unknown, path: readonly PropertyKey[]): string {
  let out = '';
  let node: unknown = root;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const label = recordLabel(node);
      if (label) out += ` (${label})`;
    } else {
      out += out ? `.${String(key)}` : String(key);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[String(key)] : undefined;
    }
  }
  return out;
}

function recordLabel(node: unknown): string | null {
  if (!node || typeof node !== 'object') return null;
  const rec = node as Record<string, unknown>;
  // The label is input: a bad id may be anything, so it is cut short.
  for (const k of ['id', 'code']) if (typeof rec[k] === 'string') return shorten(rec[k] as string, 64);
  // History records (rounds, controls, audit entries) have numeric ids.
  if (typeof rec.id === 'number' && Number.isFinite(rec.id)) return String(rec.id);
  return null;
}

function checkReferences(d: Dataset): DatasetProblem[] {
  const problems: DatasetProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  const unique = <T>(list: T[], section: string, key: (t: T) => string, field: string) => {
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      const k = key(item);
      const first = seen.get(k);
      if (first !== undefined) add(`${section}[${i}] (${k}).${field}`, `dubbel: '${k}' staat ook op ${section}[${first}]`);
      else seen.set(k, i);
    });
    return new Set(seen.keys());
  };

  const muni = unique(d.municipalities, 'municipalities', (m) => m.code, 'code');
  const nbh = unique(d.neighbourhoods, 'neighbourhoods', (n) => n.code, 'code');
  const corp = unique(d.corporations, 'corporations', (c) => c.id, 'id');
  const prov = unique(d.careProviders, 'careProviders', (c) => c.id, 'id');
  unique(d.policies, 'policies', (p) => p.id, 'id');
  const units = unique(d.units, 'units', (u) => u.id, 'id');
  const clients = unique(d.clients, 'clients', (c) => c.id, 'id');
  unique(d.placements, 'placements', (p) => p.id, 'id');
  unique(d.quotas, 'quotas', (q) => `${q.corporationId}/${q.municipalityCode}/${q.year}`, 'year');

  const nbhMuni = new Map(d.neighbourhoods.map((n) => [n.code, n.municipalityCode]));
  const readinessKeys = new Set(d.policies.flatMap((p) => p.settings.readinessItems.map((r) => r.key)));

  const refMuni = (path: string, code: string) => {
    if (!muni.has(code)) add(path, `onbekende gemeentecode '${code}'`);
  };
  const refNbh = (path: string, code: string | null, municipality?: string) => {
    if (code === null) return;
    if (!nbh.has(code)) add(path, `onbekende buurtcode '${code}'`);
    else if (municipality && nbhMuni.get(code) !== municipality)
      add(path, `buurt '${code}' ligt in ${nbhMuni.get(code)}, niet in ${municipality}`);
  };
  const ref = (set: Set<string>, what: string, path: string, id: string | null) => {
    if (id !== null && !set.has(id)) add(path, `onbekende ${what} '${id}'`);
  };

  d.municipalities.forEach((m, i) => {
    if (m.validTo !== null && m.validTo < m.validFrom) add(`municipalities[${i}] (${m.code}).validTo`, 'ligt vóór validFrom');
  });
  d.neighbourhoods.forEach((n, i) => refMuni(`neighbourhoods[${i}] (${n.code}).municipalityCode`, n.municipalityCode));
  d.quotas.forEach((q, i) => {
    ref(corp, 'corporatie', `quotas[${i}].corporationId`, q.corporationId);
    refMuni(`quotas[${i}].municipalityCode`, q.municipalityCode);
  });
  d.units.forEach((u, i) => {
    const p = `units[${i}] (${u.id})`;
    ref(corp, 'corporatie', `${p}.corporationId`, u.corporationId);
    refMuni(`${p}.municipalityCode`, u.municipalityCode);
    refNbh(`${p}.neighbourhoodCode`, u.neighbourhoodCode, u.municipalityCode);
    ref(clients, 'cliënt', `${p}.occupantClientId`, u.occupantClientId);
    if (u.minAge !== null && u.maxAge !== null && u.minAge > u.maxAge) add(`${p}.maxAge`, 'is lager dan minAge');
  });
  d.clients.forEach((c, i) => {
    const p = `clients[${i}] (${c.id})`;
    ref(prov, 'zorgaanbieder', `${p}.careProviderId`, c.careProviderId);
    ref(prov, 'zorgaanbieder', `${p}.support.providerId`, c.support.providerId);
    refMuni(`${p}.originMunicipalityCode`, c.originMunicipalityCode);
    refMuni(`${p}.currentMunicipalityCode`, c.currentMunicipalityCode);
    c.networkPlaces.forEach((n, j) => {
      refMuni(`${p}.networkPlaces[${j}].municipalityCode`, n.municipalityCode);
      refNbh(`${p}.networkPlaces[${j}].neighbourhoodCode`, n.neighbourhoodCode, n.municipalityCode);
    });
    c.avoidPlaces.forEach((a, j) => {
      refMuni(`${p}.avoidPlaces[${j}].municipalityCode`, a.municipalityCode);
      refNbh(`${p}.avoidPlaces[${j}].neighbourhoodCode`, a.neighbourhoodCode, a.municipalityCode);
    });
    c.preferences.municipalityCodes.forEach((m, j) => refMuni(`${p}.preferences.municipalityCodes[${j}]`, m));
    c.preferences.neighbourhoodCodes.forEach((n, j) => refNbh(`${p}.preferences.neighbourhoodCodes[${j}]`, n));
    const seenItems = new Set<string>();
    c.readiness.forEach((r, j) => {
      if (readinessKeys.size && !readinessKeys.has(r.item))
        add(`${p}.readiness[${j}].item`, `onbekende voorwaarde '${r.item}' (niet in het beleidsprofiel)`);
      if (seenItems.has(r.item)) add(`${p}.readiness[${j}].item`, `voorwaarde '${r.item}' staat er twee keer`);
      seenItems.add(r.item);
    });
    c.consents.forEach((k, j) => {
      const set = k.party === 'corporation' ? corp : k.party === 'care-provider' ? prov : muni;
      ref(set, 'partij', `${p}.consents[${j}].partyId`, k.partyId);
    });
    c.vetoes.forEach((v, j) => ref(corp, 'corporatie', `${p}.vetoes[${j}].corporationId`, v.corporationId));
  });
  d.placements.forEach((pl, i) => {
    const p = `placements[${i}] (${pl.id})`;
    ref(clients, 'cliënt', `${p}.clientId`, pl.clientId);
    ref(units, 'woning', `${p}.unitId`, pl.unitId);
    refMuni(`${p}.originMunicipalityCode`, pl.originMunicipalityCode);
    refMuni(`${p}.destinationMunicipalityCode`, pl.destinationMunicipalityCode);
    refNbh(`${p}.neighbourhoodCode`, pl.neighbourhoodCode, pl.destinationMunicipalityCode);
    ref(corp, 'corporatie', `${p}.corporationId`, pl.corporationId);
  });
  return problems;
}

/** The chain's first previous hash (audit.repo.ts: GENESIS). */
const GENESIS = '0'.repeat(64);

/**
 * v2's history against the register and itself: what the database's keys would refuse (members,
 * controls and decisions name clients and units of this dataset; follow-up names a placement and a
 * round), what must be unique (round, control, read ids; review signatures; decisions-file MACs), and
 * the audit chain's links (ids ascending, each entry naming the previous one's hash, the head at the
 * end). The hashes themselves are recomputed by the backend (sha256 is not pure TypeScript here).
 * Names inside stored proposals are not checked: an erased client is removed from the register but
 * the record of the proposal stays.
 */
function checkHistory(d: Dataset): DatasetProblem[] {
  const h = d.history;
  if (!h) return [];
  const problems: DatasetProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const clients = new Set(d.clients.map((c) => c.id));
  const units = new Set(d.units.map((u) => u.id));
  const placements = new Set(d.placements.map((p) => p.id));
  const roundIds = new Set(h.rounds.map((r) => r.id));

  /** Remembers where each key was first seen and reports a second one. */
  const once = () => {
    const seen = new Map<string, string>();
    return (path: string, key: string, shown: string) => {
      const first = seen.get(key);
      if (first !== undefined) add(path, `dubbel: ${shown} staat ook op ${first}`);
      else seen.set(key, path.replace(/\.[^.]*$/, ''));
    };
  };
  const roundOnce = once();
  const controlOnce = once();
  const signatureOnce = once();
  const readOnce = once();
  const macOnce = once();
  h.rounds.forEach((r, i) => {
    const p = `history.rounds[${i}] (${r.id})`;
    roundOnce(`${p}.id`, String(r.id), `ronde ${r.id}`);
    if (r.windowTo < r.windowFrom) add(`${p}.windowTo`, 'ligt vóór windowFrom');
    const memberOnce = once();
    r.clients.forEach((m, j) => {
      if (!clients.has(m.clientId)) add(`${p}.clients[${j}].clientId`, `onbekende cliënt '${m.clientId}'`);
      memberOnce(`${p}.clients[${j}].clientId`, `c:${m.clientId}`, `'${m.clientId}'`);
    });
    r.units.forEach((m, j) => {
      if (!units.has(m.unitId)) add(`${p}.units[${j}].unitId`, `onbekende woning '${m.unitId}'`);
      memberOnce(`${p}.units[${j}].unitId`, `u:${m.unitId}`, `'${m.unitId}'`);
    });
    r.controls.forEach((c, j) => {
      const q = `${p}.controls[${j}] (${c.id})`;
      controlOnce(`${q}.id`, String(c.id), `aanpassing ${c.id}`);
      if (c.clientId !== null && !clients.has(c.clientId)) add(`${q}.clientId`, `onbekende cliënt '${c.clientId}'`);
      if (c.unitId !== null && !units.has(c.unitId)) add(`${q}.unitId`, `onbekende woning '${c.unitId}'`);
    });
    const versionOnce = once();
    r.versions.forEach((v, j) => versionOnce(`${p}.versions[${j}].version`, String(v.version), `versie ${v.version}`));
    const decisionOnce = once();
    r.decisions.forEach((x, j) => {
      const q = `${p}.decisions[${j}]`;
      if (!clients.has(x.clientId)) add(`${q}.clientId`, `onbekende cliënt '${x.clientId}'`);
      if (!units.has(x.unitId)) add(`${q}.unitId`, `onbekende woning '${x.unitId}'`);
      decisionOnce(`${q}.unitId`, `${x.clientId}|${x.unitId}`, `het paar ${x.clientId}–${x.unitId}`);
    });
    r.reviewFiles.forEach((f, j) => {
      const q = `${p}.reviewFiles[${j}]`;
      signatureOnce(`${q}.signature`, f.signature, 'deze ondertekening');
      f.reads.forEach((x, k) => {
        readOnce(`${q}.reads[${k}] (${x.id}).id`, String(x.id), `inlezing ${x.id}`);
        macOnce(`${q}.reads[${k}] (${x.id}).mac`, x.mac, 'deze controlecode');
      });
    });
  });

  const followOnce = once();
  h.followUp.forEach((f, i) => {
    const p = `history.followUp[${i}]`;
    if (!placements.has(f.placementId)) add(`${p}.placementId`, `onbekende plaatsing '${f.placementId}'`);
    followOnce(`${p}.placementId`, f.placementId, `'${f.placementId}'`);
    if (f.roundId !== null && !roundIds.has(f.roundId)) add(`${p}.roundId`, `onbekende ronde ${f.roundId}`);
    const monthOnce = once();
    f.checks.forEach((c, j) => monthOnce(`${p}.checks[${j}].month`, String(c.month), `de controle na ${c.month} maanden`));
  });

  const logOnce = once();
  h.retention.log.forEach((l, i) => logOnce(`history.retention.log[${i}] (${l.id}).id`, String(l.id), `regel ${l.id}`));
  const ruleOnce = once();
  h.retention.rules?.forEach((r, i) => ruleOnce(`history.retention.rules[${i}].kind`, r.kind, `'${r.kind}'`));
  const archiveOnce = once();
  h.monitorArchive.forEach((a, i) =>
    archiveOnce(`history.monitorArchive[${i}].status`, `${a.year}|${a.municipalityCode}|${a.group}|${a.status}`, `${a.year}, ${a.municipalityCode}, ${a.group}, ${a.status}`),
  );

  // The audit chain's links, in the order the entries are listed (their id order).
  const entries = h.audit.entries;
  let broken = false;
  for (let i = 0; i < entries.length && !broken; i++) {
    const e = entries[i]!;
    const prev = i > 0 ? entries[i - 1]! : null;
    const p = `history.audit.entries[${i}] (${e.id})`;
    if (prev && e.id <= prev.id) {
      add(`${p}.id`, `de regels staan niet op volgorde van id (${prev.id} staat ervoor)`);
      broken = true;
    } else if (e.prevHash !== (prev?.hash ?? GENESIS)) {
      add(`${p}.prevHash`, prev ? `hoort het kenmerk (hash) van regel ${prev.id} te zijn: het logboek is onderbroken of gewijzigd` : 'de eerste regel hoort niet bij het begin van het logboek');
      broken = true;
    }
  }
  const last = entries.at(-1);
  const head = h.audit.head;
  if (!broken) {
    if (last && !head) add('history.audit.head', `ontbreekt; hoort regel ${last.id} aan te wijzen`);
    else if (!last && head) add('history.audit.head', `wijst regel ${head.id} aan, maar het logboek is leeg`);
    else if (last && head && (head.id !== last.id || head.hash !== last.hash))
      add('history.audit.head', `hoort de laatste regel (${last.id}) aan te wijzen; ${head.id > last.id ? `regels tot en met ${head.id} ontbreken` : 'het logboek is gewijzigd'}`);
  }
  return problems;
}

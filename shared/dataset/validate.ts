// Checks a dataset document (v1 or v2): shape (zod) and references between its parts (codes and ids
// exist, ids unique; in v2 also inside the history and the audit chain's links). Every problem names
// where it is, e.g. `clients[3] (K-0004).birthDate`. Pure TypeScript.
import type { z } from 'zod';
import { UNIT_KIND_LABELS } from '../domain/codes';
import { addYears, shorten } from '../domain/primitives';
import { Client, Dataset } from './dataset.schema';

export interface DatasetProblem {
  /** Where in the document, e.g. `units[12] (W-013).neighbourhoodCode`. */
  path: string;
  message: string;
}

export type DatasetCheck = { ok: true; dataset: Dataset } | { ok: false; problems: DatasetProblem[] };

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
  return problems.length ? { ok: false, problems: problems.slice(0, MAX_PROBLEMS) } : { ok: true, dataset: parsed.data };
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

// Builds a round's model from a region: the candidates, the units in the round, every possible
// pair with its score, the round constraints (caps, quotas, exchange band, Skaeve Huse clusters)
// and the chair's locks, with conflicts found and said in words. Pure TypeScript.
import type { Client, Dataset, Neighbourhood, Placement, Unit } from '../dataset/dataset.schema';
import type { PolicySettings } from '../domain/policy';
import type { CONSTRAINT_KINDS, Exclusion, ProposeOptions, Unplaced } from './round.schema';
import { PairTable } from './pair-table';
import { type Membership, type PairStore, PairStoreBuilder } from './pairs';
import { RULES, clientFacts, clientGate, pairExclusions, type RuleContext } from './rules';
import { type ScoreContext, round2 } from './score';

export type { Membership, Pair } from './pairs';

/** Thrown when building the model alone would overrun the proposal's time limit. */
export class ModelTimeError extends Error {}

export type ConstraintKind = (typeof CONSTRAINT_KINDS)[number];

export interface RoundConstraint {
  index: number;
  kind: ConstraintKind;
  /** Stable key, e.g. the neighbourhood code or corporation|municipality. */
  key: string;
  label: string;
  /** Right-hand side for this round's placements (locks included): sum(a * x) <= rhs. */
  rhs: number;
  /** The limit as the policy states it, and what history already used (for explanations). */
  limit: number;
  usedBefore: number;
  hard: boolean;
  penalty: number;
  /** Flow family: neighbourhood and complex-level groups nest and go into the flow. */
  laminar: boolean;
}

export interface RoundModel {
  policy: PolicySettings;
  policyId: string | null;
  options: ProposeOptions;
  clients: Client[];
  units: Unit[];
  /** Every possible pair (typed arrays, see pairs.ts). */
  pairs: PairStore;
  /** Pair indexes per client and per unit, in pair order. */
  pairsByClient: Int32Array[];
  pairsByUnit: Int32Array[];
  constraints: RoundConstraint[];
  /** Pair indexes fixed by the chair (valid locks only). */
  locked: number[];
  conflicts: Exclusion[];
  /** Clients that are not candidates, with why. */
  notCandidates: Unplaced[];
  /** Candidates the chair added by hand, with the chair's reason (they skip the readiness gate). */
  addedByChair: Map<string, string>;
  /** Per candidate without any possible unit: how many units each rule excluded, with an example. */
  exclusionCounts: Map<string, Map<string, { count: number; example: string }>>;
  municipalityName(code: string): string;
  neighbourhood(code: string): Neighbourhood | undefined;
  ruleContext: RuleContext;
  scoreContext: ScoreContext;
  /** Units by id and clients by id (all in the region, for explanations). */
  unitById: Map<string, Unit>;
  clientById: Map<string, Client>;
}

/** Orders clients, homes and the like by id. */
export const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The same day `months` months later (earlier when negative), on the month's last day when it has no such day: cap periods count back with it. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + 1, 0)).getUTCDate();
  dt.setUTCDate(Math.min(d, last));
  return dt.toISOString().slice(0, 10);
}

/** The policy in force on a day: the latest that has started, else the earliest. */
export function policyFor(d: Dataset, day: string): { id: string | null; settings: PolicySettings } | null {
  const sorted = [...d.policies].sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
  const p = sorted.find((x) => x.validFrom <= day) ?? sorted[sorted.length - 1];
  return p ? { id: p.id, settings: p.settings } : null;
}

/**
 * A complex is a building of one corporation: the corporation together with the complex text is
 * its key (docs/dataset-format.md), whatever neighbourhoods its homes are in.
 */
export const complexKey = (corporationId: string | null, complex: string | null): string | null =>
  complex === null || corporationId === null ? null : `${corporationId}|${complex}`;

/** "Complex Kemphaan 12-40" as the register names it, "Complex Noord" for a name without the word. */
const complexName = (complex: string): string => (/^complex\b/i.test(complex) ? complex : `Complex ${complex}`);

const count = (list: readonly Placement[], key: (p: Placement) => string | null) => {
  const m = new Map<string, number>();
  for (const p of list) {
    const k = key(p);
    if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
};

/** Placements in the cap period up to `day` (after `day` less the period, up to and including `day`), per neighbourhood and per complex. */
export function capPeriodUse(placements: readonly Placement[], policy: PolicySettings, day: string): { byNeighbourhood: Map<string, number>; byComplex: Map<string, number> } {
  const periodStart = addMonths(day, -policy.caps.periodMonths);
  const inPeriod = placements.filter((p) => p.date > periodStart && p.date <= day);
  return { byNeighbourhood: count(inPeriod, (p) => p.neighbourhoodCode), byComplex: count(inPeriod, (p) => complexKey(p.corporationId, p.complex)) };
}

export interface BuildLimits {
  /** Clock time (performance.now()) after which building stops with ModelTimeError. */
  deadline?: number;
}

const clock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function buildModel(d: Dataset, options: ProposeOptions, policyOverride?: PolicySettings, limits: BuildLimits = {}): RoundModel {
  const found = policyFor(d, options.referenceDate);
  const policy = policyOverride ?? found?.settings;
  if (!policy) throw new Error('De regio heeft geen beleidsprofiel; zonder beleid kan er geen voorstel worden gedaan.');
  const ctl = options.controls;
  const muniNames = new Map(d.municipalities.map((m) => [m.code, m.name]));
  const nbhs = new Map(d.neighbourhoods.map((n) => [n.code, n]));
  const municipalityName = (code: string) => muniNames.get(code) ?? code;
  const neighbourhood = (code: string) => nbhs.get(code);
  const unitById = new Map(d.units.map((u) => [u.id, u]));
  const clientById = new Map(d.clients.map((c) => [c.id, c]));

  // History in the cap period (neighbourhood and complex caps count placements already made).
  const { byNeighbourhood: recentByNbh, byComplex: recentByComplex } = capPeriodUse(d.placements, policy, options.referenceDate);
  const allByComplex = count(d.placements, (p) => complexKey(p.corporationId, p.complex));
  const year = Number(options.referenceDate.slice(0, 4));
  const usedByQuota = count(
    d.placements.filter((p) => p.date.startsWith(`${year}-`)),
    (p) => (p.corporationId === null ? null : `${p.corporationId}|${p.destinationMunicipalityCode}`),
  );
  const exchangeBefore = new Map<string, number>();
  for (const p of d.placements) {
    if (p.originMunicipalityCode === p.destinationMunicipalityCode) continue;
    exchangeBefore.set(p.originMunicipalityCode, (exchangeBefore.get(p.originMunicipalityCode) ?? 0) + 1);
    exchangeBefore.set(p.destinationMunicipalityCode, (exchangeBefore.get(p.destinationMunicipalityCode) ?? 0) - 1);
  }

  const ruleContext: RuleContext = { policy, referenceDate: options.referenceDate, window: options.window };
  const scoreContext: ScoreContext = {
    policy,
    referenceDate: options.referenceDate,
    municipalityName,
    neighbourhood,
    recentPlacements: (code) => recentByNbh.get(code) ?? 0,
  };

  // Candidates and units in the round.
  const asideClients = new Map(ctl.setAsideClients.map((s) => [s.clientId, s.reason]));
  const asideUnits = new Map(ctl.setAsideUnits.map((s) => [s.unitId, s.reason]));
  const added = new Map((ctl.addedClients ?? []).map((a) => [a.clientId, a.reason]));
  const addedByChair = new Map<string, string>();
  const notCandidates: Unplaced[] = [];
  const clients: Client[] = [];
  for (const c of [...d.clients].sort(byId)) {
    const aside = asideClients.get(c.id);
    if (aside !== undefined) {
      notCandidates.push({ clientId: c.id, kind: 'set-aside', reasons: [{ code: 'SET_ASIDE', message: `${RULES.SET_ASIDE}: ${aside}` }] });
      continue;
    }
    // A client the chair added by hand takes part whatever their readiness (still only when active).
    const byChair = added.get(c.id);
    const gate = clientGate(c, policy).filter((g) => !(byChair !== undefined && g.code === 'NOT_READY'));
    if (byChair !== undefined && !gate.length) addedByChair.set(c.id, byChair);
    if (gate.length) {
      // Archived and placed clients are not part of the round at all; only active ones are reported.
      if (c.status === 'active' || c.status === 'set-aside') notCandidates.push({ clientId: c.id, kind: 'not-candidate', reasons: gate });
      continue;
    }
    clients.push(c);
  }
  const units = [...d.units]
    .sort(byId)
    .filter((u) => u.status === 'available' && u.availableFrom <= options.window.to && !asideUnits.has(u.id));

  // Round constraints.
  const constraints: RoundConstraint[] = [];
  const consIndex = new Map<string, number>();
  const addCons = (c: Omit<RoundConstraint, 'index'>): number => {
    const id = `${c.kind}:${c.key}`;
    const existing = consIndex.get(id);
    if (existing !== undefined) return existing;
    const index = constraints.length;
    constraints.push({ ...c, index });
    consIndex.set(id, index);
    return index;
  };
  const caps = policy.caps;
  // A complex's caps nest inside a neighbourhood's (and go into the flow) only when all its homes
  // in the round lie in one neighbourhood; a complex spread over several is priced instead.
  const complexNbhs = new Map<string, Set<string | null>>();
  for (const u of units) {
    const ck = complexKey(u.corporationId, u.complex);
    if (ck === null) continue;
    const set = complexNbhs.get(ck) ?? new Set<string | null>();
    set.add(u.neighbourhoodCode);
    complexNbhs.set(ck, set);
  }
  const unitCons = new Map<string, number[]>();
  for (const u of units) {
    const list: number[] = [];
    if (u.neighbourhoodCode !== null) {
      const used = recentByNbh.get(u.neighbourhoodCode) ?? 0;
      list.push(
        addCons({
          kind: 'NEIGHBOURHOOD',
          key: u.neighbourhoodCode,
          label: `Buurt ${nbhs.get(u.neighbourhoodCode)?.name ?? u.neighbourhoodCode}: max. ${caps.perNeighbourhood} per ${caps.periodMonths} mnd`,
          rhs: Math.max(0, caps.perNeighbourhood - used),
          limit: caps.perNeighbourhood,
          usedBefore: used,
          hard: caps.perNeighbourhoodMode.hard,
          penalty: round2(caps.perNeighbourhoodMode.penalty),
          laminar: true,
        }),
      );
    }
    const ck = complexKey(u.corporationId, u.complex);
    if (ck !== null) {
      const nested = complexNbhs.get(ck)!.size === 1;
      const used = recentByComplex.get(ck) ?? 0;
      list.push(
        addCons({
          kind: 'COMPLEX',
          key: ck,
          label: `${complexName(u.complex!)}: max. ${caps.perComplex} per ${caps.periodMonths} mnd`,
          rhs: Math.max(0, caps.perComplex - used),
          limit: caps.perComplex,
          usedBefore: used,
          hard: caps.perComplexMode.hard,
          penalty: round2(caps.perComplexMode.penalty),
          laminar: nested,
        }),
      );
      if (u.kind === 'skaeve-huse') {
        const max = policy.skaeveHuse.maxClusterSize;
        const used = allByComplex.get(ck) ?? 0;
        list.push(
          addCons({
            kind: 'SKAEVE',
            key: ck,
            label: `Skaeve Huse-cluster ${u.complex}: max. ${max} bewoners`,
            rhs: Math.max(0, max - used),
            limit: max,
            usedBefore: used,
            hard: policy.skaeveHuse.mode.hard,
            penalty: round2(policy.skaeveHuse.mode.penalty),
            laminar: nested,
          }),
        );
      }
    }
    const quota = d.quotas.find(
      (q) => q.corporationId === u.corporationId && q.municipalityCode === u.municipalityCode && q.year === year && q.kind === 'maximum',
    );
    if (quota) {
      const key = `${quota.corporationId}|${quota.municipalityCode}`;
      const used = usedByQuota.get(key) ?? 0;
      list.push(
        addCons({
          kind: 'QUOTA',
          key,
          label: `Afspraak ${quota.corporationId} in ${municipalityName(quota.municipalityCode)} ${year}: max. ${quota.agreed}`,
          rhs: Math.max(0, quota.agreed - used),
          limit: quota.agreed,
          usedBefore: used,
          hard: policy.quotaMode.hard,
          penalty: round2(policy.quotaMode.penalty),
          laminar: false,
        }),
      );
    }
    unitCons.set(u.id, list);
  }
  // Exchange band per municipality: own clients placed elsewhere minus others' clients received.
  const band = policy.exchange.band;
  const exchangeCons = new Map<string, { out: number; in: number }>();
  const exchangeFor = (m: string) => {
    let e = exchangeCons.get(m);
    if (!e) {
      const before = exchangeBefore.get(m) ?? 0;
      const common = { hard: policy.exchange.mode.hard, penalty: round2(policy.exchange.mode.penalty), laminar: false, limit: band, usedBefore: before };
      // A municipality already outside the band may not move further out; it is not made infeasible.
      e = {
        out: addCons({ ...common, kind: 'EXCHANGE_OUT', key: m, label: `Uitwisselingsbalans ${municipalityName(m)}: max. +${band}`, rhs: Math.max(0, band - before) }),
        in: addCons({ ...common, kind: 'EXCHANGE_IN', key: m, label: `Uitwisselingsbalans ${municipalityName(m)}: min. −${band}`, rhs: Math.max(0, band + before) }),
      };
      exchangeCons.set(m, e);
    }
    return e;
  };

  // Constraint memberships are shared between pairs with the same unit and origin (read-only): one
  // list per unit and municipality of origin, numbered in the pair store.
  const builder = new PairStoreBuilder(Math.min(clients.length * units.length, 1 << 16));
  const baseCons: Membership[][] = units.map((u) => (unitCons.get(u.id) ?? []).map((ix) => ({ c: ix, a: 1 })));
  const originIx = new Map<string, number>();
  for (const c of clients) if (!originIx.has(c.originMunicipalityCode)) originIx.set(c.originMunicipalityCode, originIx.size);
  const origins = [...originIx.keys()];
  const listOf = new Int32Array(units.length * Math.max(1, origins.length)).fill(-1);
  const pairList = (ui: number, oi: number): number => {
    const at = oi * units.length + ui;
    let id = listOf[at]!;
    if (id < 0) {
      const u = units[ui]!;
      const origin = origins[oi]!;
      let list = baseCons[ui]!;
      if (origin !== u.municipalityCode) {
        const from = exchangeFor(origin);
        const to = exchangeFor(u.municipalityCode);
        list = [...list, { c: from.out, a: 1 }, { c: from.in, a: -1 }, { c: to.out, a: -1 }, { c: to.in, a: 1 }];
      }
      id = builder.listId(list);
      listOf[at] = id;
    }
    return id;
  };

  // Possible pairs: every unit compiled once, each client against all of them (pair-table.ts).
  const forbidden = new Set(ctl.forbids.map((f) => `${f.clientId}|${f.unitId}`));
  const exclusionCounts = new Map<string, Map<string, { count: number; example: string }>>();
  const table = new PairTable(units, ruleContext, scoreContext);
  const possibleUnits = new Int32Array(units.length);
  const possibleScores = new Float64Array(units.length);
  const deadline = limits.deadline ?? Number.POSITIVE_INFINITY;
  clients.forEach((c, ci) => {
    if ((ci & 63) === 0 && clock() > deadline) {
      throw new ModelTimeError(
        `De ronde is te groot om binnen de tijdslimiet op te bouwen (${ci} van ${clients.length} kandidaten bekeken); geef het voorstel meer tijd.`,
      );
    }
    const facts = clientFacts(c, ruleContext);
    const oi = originIx.get(c.originMunicipalityCode)!;
    const before = builder.length;
    // After the first clients, room for the pairs they suggest the whole round has (and a tenth more).
    if (ci === 64) builder.reserve(Math.ceil((builder.length / 64) * clients.length * 1.1));
    const n = table.possible(c, facts, possibleUnits, possibleScores);
    const row = oi * units.length;
    for (let j = 0; j < n; j++) {
      const ui = possibleUnits[j]!;
      if (forbidden.size && forbidden.has(`${c.id}|${units[ui]!.id}`)) continue;
      let list = listOf[row + ui]!;
      if (list < 0) list = pairList(ui, oi);
      builder.push(ci, ui, possibleScores[j]!, list);
    }
    // A client with no possible unit: count per rule over all units, for "why not placed".
    if (builder.length === before) {
      const counts = new Map<string, { count: number; example: string }>();
      exclusionCounts.set(c.id, counts);
      for (const u of units) {
        const ex = pairExclusions(c, u, ruleContext, facts, true);
        if (forbidden.has(`${c.id}|${u.id}`)) ex.push({ code: 'FORBIDDEN', message: RULES.FORBIDDEN });
        for (const e of ex) {
          const k = counts.get(e.code);
          if (k) k.count++;
          else counts.set(e.code, { count: 1, example: `${u.id}: ${e.message}` });
        }
      }
    }
  });
  const pairs = builder.finish();
  const pairsByClient = pairs.groupBy(pairs.client, clients.length);
  const pairsByUnit = pairs.groupBy(pairs.unit, units.length);

  const model: RoundModel = {
    policy,
    policyId: policyOverride ? null : (found?.id ?? null),
    options,
    clients,
    units,
    pairs,
    pairsByClient,
    pairsByUnit,
    constraints,
    locked: [],
    conflicts: [],
    notCandidates,
    addedByChair,
    exclusionCounts,
    municipalityName,
    neighbourhood,
    ruleContext,
    scoreContext,
    unitById,
    clientById,
  };
  applyLocks(model);
  return model;
}

/** Validates the chair's locks; a lock that contradicts a rule, another lock or a hard constraint is dropped and said. */
function applyLocks(model: RoundModel): void {
  const { clients, units } = model;
  const clientIx = new Map(clients.map((c, i) => [c.id, i]));
  const unitIx = new Map(units.map((u, i) => [u.id, i]));
  const usedClients = new Set<string>();
  const usedUnits = new Set<string>();
  const load = new Map<number, number>();
  for (const lock of model.options.controls.locks) {
    const label = `Vastgezet paar ${lock.clientId} – ${lock.unitId}`;
    const conflict = (why: string) => model.conflicts.push({ code: 'LOCK_CONFLICT', message: `${label} is niet toegepast: ${why}.` });
    if (!clientIx.has(lock.clientId)) {
      const nc = model.notCandidates.find((u) => u.clientId === lock.clientId);
      conflict(nc ? `${lock.clientId} is geen kandidaat (${nc.reasons.map((r) => r.message).join(' ')})` : `${lock.clientId} is onbekend`);
      continue;
    }
    if (!unitIx.has(lock.unitId)) {
      conflict(`${lock.unitId} doet niet mee in deze ronde (onbekend, niet beschikbaar, niet vrij in de periode of geparkeerd)`);
      continue;
    }
    const ui = unitIx.get(lock.unitId)!;
    const p = model.pairsByClient[clientIx.get(lock.clientId)!]!.find((q) => model.pairs.unit[q] === ui);
    if (p === undefined) {
      const c = clients[clientIx.get(lock.clientId)!]!;
      const u = units[unitIx.get(lock.unitId)!]!;
      const ex = pairExclusions(c, u, model.ruleContext);
      const forbidden = model.options.controls.forbids.some((f) => f.clientId === c.id && f.unitId === u.id);
      conflict([...ex.map((e) => e.message), ...(forbidden ? [RULES.FORBIDDEN] : [])].join('; ') || 'het paar is niet mogelijk');
      continue;
    }
    if (usedClients.has(lock.clientId)) {
      conflict(`${lock.clientId} is al vastgezet op een andere woning`);
      continue;
    }
    if (usedUnits.has(lock.unitId)) {
      conflict(`${lock.unitId} is al vastgezet voor een andere cliënt`);
      continue;
    }
    const pair = model.pairs.at(p);
    const over = pair.cons.find(({ c, a }) => {
      const k = model.constraints[c]!;
      return k.hard && (load.get(c) ?? 0) + a > k.rhs;
    });
    if (over) {
      const k = model.constraints[over.c]!;
      conflict(`harde regel '${k.label}' zou worden overschreden (al ${k.usedBefore} eerder, ${load.get(over.c) ?? 0} vastgezet, ruimte ${k.rhs})`);
      continue;
    }
    for (const { c, a } of pair.cons) load.set(c, (load.get(c) ?? 0) + a);
    usedClients.add(lock.clientId);
    usedUnits.add(lock.unitId);
    model.locked.push(p);
  }
}

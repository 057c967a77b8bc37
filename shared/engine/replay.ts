// A replay of the uitstroomtafel over a number of monthly rounds (issue 14): each month new ready
// clients and new homes arrive (drawn with a fixed seed as copies of the region's own), a strategy makes
// the month's proposal, the proposal is accepted in full and the round is closed as the app's
// rounds.close closes it. Figures per month and in total, and per cap period the share of the hindsight
// optimum. Pure TypeScript (no I/O); never changes its input; the same input gives the same result.
//
// Simplifications (docs/replay-benchmark.md): every proposal is accepted in full (no declines, no
// client refusals); placed clients never come back; homes not let stay available the next month;
// clients of the region who are not ready stay so; arrivals are drawn the same way whatever a strategy
// decides, so strategies meet the same months.
import type { Client, Dataset, Placement, Unit } from '../dataset/dataset.schema';
import { placementOf } from '../dataset/placement';
import type { PolicySettings } from '../domain/policy';
import { addDays, daysBetween, Rng } from '../domain/random';
import { arrivingClient, arrivingUnit } from './arrivals';
import { evaluate } from './evaluate';
import { homesByOccupant, homesMovedOutOf } from './explain';
import { addMonths, buildModel, byId, policyFor, type RoundModel } from './model';
import { type EngineSolvers, propose } from './propose';
import { emptyControls, type Proposal, type ProposeOptions, type Strategy } from './round.schema';

/** A whole number drawn uniformly from min..max (both inclusive). */
export interface CountRange {
  min: number;
  max: number;
}

/** How many new ready clients and new homes arrive each month. */
export interface ArrivalDistributions {
  clients: CountRange;
  units: CountRange;
}

/** The issue's figures: 15-25 new ready clients and 12-20 new homes a month. */
export const DEFAULT_ARRIVALS: ArrivalDistributions = { clients: { min: 15, max: 25 }, units: { min: 12, max: 20 } };

/** What a strategy sees of a month. */
export interface StrategyInput {
  /** The month's register: the region with this month's arrivals, earlier rounds' placements and freed homes. */
  dataset: Dataset;
  /** The month's round: reference date, window and no controls; an engine strategy adds its own `strategy`. */
  options: Omit<ProposeOptions, 'strategy'>;
  policy: PolicySettings;
  solvers: EngineSolvers;
  /** 1-based month of the replay, of `months`. */
  month: number;
  months: number;
  /** How arrivals are drawn (a strategy that plans ahead may use it; it never sees the draws themselves). */
  arrivals: ArrivalDistributions;
}

export interface ReplayPair {
  clientId: string;
  unitId: string;
}

/**
 * A strategy decides a month's round: a proposal of the engine, or just the chosen pairs. The replay
 * checks the pairs against the month's model (possible, within the hard rules) and scores them itself.
 */
export type ReplayStrategy = (input: StrategyInput) => Proposal | readonly ReplayPair[];

/** No planning for later, whatever the policy says: the round's own optimum. */
const NO_PLANNING = { hold: 0, emptyHomeMonthCost: 0 } as const;

/** The engine's own strategy as a replay strategy: the month's proposal by propose(), without planning for later. */
export const engineStrategy =
  (strategy: Strategy): ReplayStrategy =>
  (input) =>
    propose(input.dataset, { ...input.options, strategy, planning: NO_PLANNING }, input.policy, input.solvers);

/** The planning the replay's `planned` strategy does (docs/replay-benchmark.md: how it was tuned). */
export const PLANNED_SETTINGS = { hold: 1, emptyHomeMonthCost: 5, scenarios: 4 } as const;

/**
 * The engine's optimum with the future in view (plan.ts): `settings` on top of the policy's, with the
 * replay's own arrival rates (the means of its distributions; the draws themselves it never sees).
 */
export const plannedStrategy =
  (settings: NonNullable<ProposeOptions['planning']> = PLANNED_SETTINGS): ReplayStrategy =>
  (input) =>
    propose(
      input.dataset,
      {
        ...input.options,
        strategy: 'optimal',
        planning: {
          arrivalsPerMonth: { clients: (input.arrivals.clients.min + input.arrivals.clients.max) / 2, units: (input.arrivals.units.min + input.arrivals.units.max) / 2 },
          // The replay's cap periods: months 1-3, 4-6, … of the replay (as its hindsight counts them).
          periodStart: addMonths(input.options.referenceDate, -((input.month - 1) % input.policy.caps.periodMonths)),
          ...settings,
        },
      },
      input.policy,
      input.solvers,
    );

/** Today's practice (greedy, first come first served by score), the round-by-round optimum, and that optimum planning for later. */
export const REPLAY_STRATEGIES = { greedy: engineStrategy('greedy'), optimal: engineStrategy('optimal'), planned: plannedStrategy() } as const;

export interface ReplayInput {
  dataset: Dataset;
  /** The policy of every round; default the one in force on the start date. */
  policy?: PolicySettings;
  /** The first round's date (YYYY-MM-DD, day 1-28 so every month has it); later rounds a month apart. */
  startDate: string;
  months: number;
  /** Seeds the arrivals. */
  seed: number;
  /** Default DEFAULT_ARRIVALS. */
  arrivals?: ArrivalDistributions;
  /**
   * The arrivals of each month as they happened (a replay of the region's own history, history.ts):
   * used instead of drawing them; one entry per month.
   */
  arrivalsByMonth?: readonly { clients: Client[]; units: Unit[] }[];
  strategy: ReplayStrategy;
  solvers: EngineSolvers;
  /** Each month's proposal; default 10 s. */
  timeLimitMs?: number;
  /** Compute the hindsight optimum per cap period (default true), each solve with this limit (default 60 s). */
  hindsight?: boolean;
  hindsightTimeLimitMs?: number;
}

/** Waiting time from woonrijp to placement, in days; clients without a woonrijp date are left out. */
export interface WaitFigures {
  count: number;
  /** The middle value (the mean of the two middle ones for an even count); null without placements. */
  median: number | null;
  /** Nearest rank: the ceil(0.9 n)-th smallest; null without placements. */
  p90: number | null;
}

/** The neighbourhood that used most of its cap: placements in the cap period up to a round's date / the cap. */
export interface PeakLoad {
  neighbourhoodCode: string;
  name: string;
  /** The date of the round whose cap period this is. */
  date: string;
  placements: number;
  limit: number;
  share: number;
}

export interface ReplayFigures {
  placed: number;
  /** Share placed in their municipality of origin or where their network lives; null without placements. */
  homeOrNetworkShare: number | null;
  wait: { all: WaitFigures; arrivals: WaitFigures };
  /** Each home of a round that was not let counts one (homes held for their omklap tenant included). */
  emptyHomeMonths: number;
  /** Null when nothing was placed in any cap period seen, or the policy has no neighbourhood cap. */
  peakLoad: PeakLoad | null;
  /** Neighbourhoods whose cap is used up (or more) in the cap period up to the round's date; in total the most of any round. */
  neighbourhoodsAtCap: number;
  totalScore: number;
}

export type ReplayPlacement = Placement & { score: number };

export interface ReplayRelease {
  unitId: string;
  /** The occupant who moved out, and where to. */
  clientId: string;
  toUnitId: string;
}

export interface ReplayMonth {
  month: number;
  date: string;
  window: { from: string; to: string };
  /** What arrived this month (before the round). */
  arrivals: { clients: Client[]; units: Unit[] };
  /** Candidates and homes in the round. */
  candidates: number;
  unitsAvailable: number;
  /** The round's placements as the register records them, each with its score in the round. */
  placements: ReplayPlacement[];
  /** Homes freed by closing the round (available from the round's date). */
  released: ReplayRelease[];
  /** The engine's word on its proposal; null for a strategy that returns pairs only. */
  optimality: Proposal['optimality']['status'] | null;
  /** A proposal that planned for later: how far it stayed below the round's own optimum (placements, points). */
  heldBack: { placements: number; score: number } | null;
  figures: ReplayFigures;
}

export interface ExchangeBalance {
  municipalityCode: string;
  name: string;
  /** Own clients placed elsewhere minus others' clients received, over all placements: before the replay and after it. */
  start: number;
  end: number;
}

/** One cap period: the month-by-month rounds against one solve that knew the whole period at once. */
export interface HindsightPeriod {
  /** 1-based months of the period, first and last. */
  months: [number, number];
  referenceDate: string;
  /** Candidates and homes of the hindsight round: those at the period's start and every arrival in it. */
  candidates: number;
  unitsAvailable: number;
  hindsightTotal: number;
  hindsightStatus: Proposal['optimality']['status'];
  hindsightBound: number | null;
  /** The sum of the period's monthly totals, as each round scored them on its own date. */
  monthlyTotal: number;
  /** The period's placements scored in the hindsight round (its date, its constraints). */
  realizedTotal: number;
  realizedPairs: number;
  /** realizedTotal / hindsightTotal; null when the hindsight total is not positive. */
  share: number | null;
  /** Homes freed by a round of the period and let again in it: not in the hindsight round (left out of realizedTotal). */
  releasedLetAgain: number;
  /** Placements of the period that are no possible pair on the period's last date (an age limit passed, say); left out too. */
  notPossibleThen: number;
  /** Hard rules the period's placements break in the hindsight round (a quota year turning, say); empty normally. */
  violations: string[];
}

export interface ReplayResult {
  startDate: string;
  seed: number;
  capPeriodMonths: number;
  months: ReplayMonth[];
  total: ReplayFigures & {
    arrivedClients: number;
    arrivedUnits: number;
    /** Candidates of the last round not placed in it. */
    stillWaiting: number;
    exchangeBalances: ExchangeBalance[];
  };
  periods: HindsightPeriod[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function checkRange(name: string, r: CountRange): void {
  if (!Number.isInteger(r.min) || !Number.isInteger(r.max) || r.min < 0 || r.max < r.min) {
    throw new Error(`replay: ${name} arrivals must be whole numbers with 0 <= min <= max (got ${r.min}..${r.max})`);
  }
}

/**
 * Each month's arrivals, drawn from `seed` alone: copies, with new ids, of the region's active clients
 * (ready on the month's date: woonrijp then, every readiness condition of the policy met) and of its
 * homes (available from that date, no occupant), so origins, networks, needs and areas follow the
 * region's own mix.
 */
export function drawArrivals(d: Dataset, policy: PolicySettings, dates: readonly string[], seed: number, dist: ArrivalDistributions): { clients: Client[]; units: Unit[] }[] {
  checkRange('client', dist.clients);
  checkRange('unit', dist.units);
  const active = d.clients.filter((c) => c.status === 'active');
  const clientTemplates = [...(active.length ? active : d.clients)].sort(byId);
  const unitTemplates = [...d.units].sort(byId);
  const taken = new Set([...d.clients.map((c) => c.id), ...d.units.map((u) => u.id)]);
  const fresh = (id: string) => {
    if (taken.has(id)) throw new Error(`replay: the region already has an id ${id}`);
    return id;
  };
  const rng = new Rng(seed);
  return dates.map((date, m) => {
    const nClients = rng.int(dist.clients.min, dist.clients.max);
    const nUnits = rng.int(dist.units.min, dist.units.max);
    const clients: Client[] = [];
    for (let k = 0; k < nClients && clientTemplates.length; k++) {
      const t = rng.pick(clientTemplates);
      clients.push(arrivingClient(t, fresh(`R${pad(m + 1, 2)}-K${pad(k + 1, 3)}`), date, policy));
    }
    const units: Unit[] = [];
    for (let k = 0; k < nUnits && unitTemplates.length; k++) {
      const t = rng.pick(unitTemplates);
      units.push(arrivingUnit(t, fresh(`R${pad(m + 1, 2)}-W${pad(k + 1, 3)}`), date));
    }
    return { clients, units };
  });
}

/** Median (mean of the two middle values for an even count) and nearest-rank 90th percentile. */
export function waitFigures(days: readonly number[]): WaitFigures {
  const s = [...days].sort((a, b) => a - b);
  const n = s.length;
  if (!n) return { count: 0, median: null, p90: null };
  const median = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return { count: n, median, p90: s[Math.ceil(0.9 * n) - 1]! };
}

/**
 * The neighbourhood with the highest share of its cap used in the cap period up to `date` (lowest code
 * on a tie), and how many neighbourhoods have used their cap up.
 */
function loadOn(placements: readonly Placement[], date: string, policy: PolicySettings, nbhName: (code: string) => string): { peak: PeakLoad | null; atCap: number } {
  const limit = policy.caps.perNeighbourhood;
  if (limit <= 0) return { peak: null, atCap: 0 };
  const from = addMonths(date, -policy.caps.periodMonths);
  const counts = new Map<string, number>();
  for (const p of placements) {
    if (p.neighbourhoodCode === null || !(p.date > from && p.date <= date)) continue;
    counts.set(p.neighbourhoodCode, (counts.get(p.neighbourhoodCode) ?? 0) + 1);
  }
  let peak: PeakLoad | null = null;
  let atCap = 0;
  for (const [code, n] of [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (!peak || n > peak.placements) peak = { neighbourhoodCode: code, name: nbhName(code), date, placements: n, limit, share: n / limit };
    if (n >= limit) atCap++;
  }
  return { peak, atCap };
}

const higherLoad = (a: PeakLoad | null, b: PeakLoad | null): PeakLoad | null => (b && (!a || b.share > a.share) ? b : a);

function figuresOf(
  placed: readonly ReplayPlacement[],
  clientOf: (id: string) => Client,
  arrived: ReadonlySet<string>,
  emptyHomeMonths: number,
  load: { peak: PeakLoad | null; atCap: number },
  totalScore: number,
): ReplayFigures {
  let homeOrNetwork = 0;
  const all: number[] = [];
  const arrivals: number[] = [];
  for (const p of placed) {
    const c = clientOf(p.clientId!);
    if (p.destinationMunicipalityCode === c.originMunicipalityCode || c.networkPlaces.some((n) => n.municipalityCode === p.destinationMunicipalityCode)) homeOrNetwork++;
    if (c.readyDate === null) continue;
    const days = daysBetween(c.readyDate, p.date);
    all.push(days);
    if (arrived.has(c.id)) arrivals.push(days);
  }
  return {
    placed: placed.length,
    homeOrNetworkShare: placed.length ? homeOrNetwork / placed.length : null,
    wait: { all: waitFigures(all), arrivals: waitFigures(arrivals) },
    emptyHomeMonths,
    peakLoad: load.peak,
    neighbourhoodsAtCap: load.atCap,
    totalScore: Math.round(totalScore * 1e6) / 1e6,
  };
}

/** The model's pair index of each chosen pair; a pair the model does not have is an error of the strategy. */
function pairIndexes(model: RoundModel, pairs: readonly ReplayPair[]): { found: number[]; missing: ReplayPair[] } {
  const clientIx = new Map(model.clients.map((c, i) => [c.id, i]));
  const unitIx = new Map(model.units.map((u, i) => [u.id, i]));
  const found: number[] = [];
  const missing: ReplayPair[] = [];
  for (const pr of pairs) {
    const ci = clientIx.get(pr.clientId);
    const ui = unitIx.get(pr.unitId);
    const p = ci === undefined || ui === undefined ? undefined : Array.from(model.pairsByClient[ci]!).find((q) => model.pairs.unit[q] === ui);
    if (p === undefined) missing.push(pr);
    else found.push(p);
  }
  return { found, missing };
}

/** Exchange balance per municipality over `placements`: own clients placed elsewhere minus others' received. */
function balances(placements: readonly Placement[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of placements) {
    if (p.originMunicipalityCode === p.destinationMunicipalityCode) continue;
    out.set(p.originMunicipalityCode, (out.get(p.originMunicipalityCode) ?? 0) + 1);
    out.set(p.destinationMunicipalityCode, (out.get(p.destinationMunicipalityCode) ?? 0) - 1);
  }
  return out;
}

interface State {
  clients: readonly Client[];
  units: readonly Unit[];
  placements: readonly Placement[];
}

export function runReplay(input: ReplayInput): ReplayResult {
  const d = input.dataset;
  const policy = input.policy ?? policyFor(d, input.startDate)?.settings;
  if (!policy) throw new Error('replay: the region has no policy profile');
  if (!/^\d{4}-\d{2}-(0[1-9]|1\d|2[0-8])$/.test(input.startDate)) throw new Error(`replay: start date ${input.startDate} must be a day 01-28 (every month has it)`);
  if (!Number.isInteger(input.months) || input.months < 1) throw new Error('replay: months must be a whole number of at least 1');
  const dist = input.arrivals ?? DEFAULT_ARRIVALS;
  const timeLimitMs = input.timeLimitMs ?? 10_000;
  const dates = Array.from({ length: input.months + 1 }, (_, m) => addMonths(input.startDate, m));
  if (input.arrivalsByMonth && input.arrivalsByMonth.length !== input.months) throw new Error(`replay: ${input.arrivalsByMonth.length} months of arrivals for ${input.months} months`);
  const arrivals = input.arrivalsByMonth ? [...input.arrivalsByMonth] : drawArrivals(d, policy, dates.slice(0, input.months), input.seed, dist);
  const arrivedIds = new Set(arrivals.flatMap((a) => a.clients.map((c) => c.id)));
  const nbhNames = new Map(d.neighbourhoods.map((n) => [n.code, n.name]));
  const nbhName = (code: string) => nbhNames.get(code) ?? code;

  let state: State = { clients: d.clients, units: d.units, placements: d.placements };
  const starts: State[] = [];
  const months: ReplayMonth[] = [];
  const clientById = new Map<string, Client>();
  for (const c of d.clients) clientById.set(c.id, c);
  for (const a of arrivals) for (const c of a.clients) clientById.set(c.id, c);
  const clientOf = (id: string) => clientById.get(id)!;

  for (let m = 0; m < input.months; m++) {
    starts.push(state);
    const date = dates[m]!;
    const window = { from: date, to: addDays(dates[m + 1]!, -1) };
    const arrived = arrivals[m]!;
    const clients = [...state.clients, ...arrived.clients];
    const units = [...state.units, ...arrived.units];
    const dataset: Dataset = { ...d, clients, units, placements: [...state.placements] };
    const options: Omit<ProposeOptions, 'strategy'> = { referenceDate: date, window, controls: emptyControls(), timeLimitMs };
    const answer = input.strategy({ dataset, options, policy, solvers: input.solvers, month: m + 1, months: input.months, arrivals: dist });
    const proposal = Array.isArray(answer) ? null : (answer as Proposal);
    const pairs: ReplayPair[] = (proposal ? proposal.matches : (answer as readonly ReplayPair[])).map((p) => ({ clientId: p.clientId, unitId: p.unitId }));

    // The replay's own check of the round: every pair possible, no hard rule broken, the score recomputed.
    const model = buildModel(dataset, { ...options, strategy: 'optimal' }, policy);
    const { found, missing } = pairIndexes(model, pairs);
    if (missing.length) throw new Error(`replay: month ${m + 1}: the strategy chose pairs that are not possible: ${missing.map((p) => `${p.clientId}-${p.unitId}`).join(', ')}`);
    const ev = evaluate(model, found);
    if (!ev.feasible) throw new Error(`replay: month ${m + 1}: the strategy's round breaks hard rules: ${ev.violations.join('; ')}`);
    if (proposal && Math.abs(proposal.totalScore - ev.total) > 1e-6) throw new Error(`replay: month ${m + 1}: the proposal's total ${proposal.totalScore} differs from ${ev.total}`);

    // Close the round as rounds.close does: placements, clients placed, homes let, occupants' homes freed.
    const byOccupant = homesByOccupant(units);
    const destinations = new Set(pairs.map((p) => p.unitId));
    const released: ReplayRelease[] = pairs.flatMap((p) =>
      homesMovedOutOf(p.clientId, p.unitId, byOccupant)
        .filter((h) => !destinations.has(h.id))
        .map((h) => ({ unitId: h.id, clientId: p.clientId, toUnitId: p.unitId })),
    );
    const placed: ReplayPlacement[] = found
      .map((p) => {
        const c = model.clients[model.pairs.client[p]!]!;
        const u = model.units[model.pairs.unit[p]!]!;
        return { ...placementOf(`P-R${pad(m + 1, 2)}-${c.id}`, c, u, date), score: model.pairs.score[p]! };
      })
      .sort((a, b) => (a.clientId! < b.clientId! ? -1 : 1));
    const placedClients = new Map(placed.map((p) => [p.clientId!, p.unitId!]));
    const letTo = new Map(placed.map((p) => [p.unitId!, p.clientId!]));
    const freed = new Set(released.map((r) => r.unitId));
    state = {
      clients: clients.map((c) => (placedClients.has(c.id) ? { ...c, status: 'placed' as const } : c)),
      units: units.map((u) => {
        const tenant = letTo.get(u.id);
        if (tenant !== undefined) return { ...u, status: 'let' as const, occupantClientId: tenant };
        if (freed.has(u.id)) return { ...u, occupantClientId: null, availableFrom: u.availableFrom > date ? u.availableFrom : date };
        return u;
      }),
      placements: [...state.placements, ...placed.map(({ score: _score, ...p }) => p)],
    };

    months.push({
      month: m + 1,
      date,
      window,
      arrivals: arrived,
      candidates: model.clients.length,
      unitsAvailable: model.units.length,
      placements: placed,
      released,
      optimality: proposal ? proposal.optimality.status : null,
      heldBack: proposal?.planning
        ? { placements: proposal.planning.plainPlaced - proposal.matches.length, score: Math.round((proposal.planning.plainTotal - proposal.totalScore) * 100) / 100 }
        : null,
      figures: figuresOf(placed, clientOf, arrivedIds, model.units.length - placed.length, loadOn(state.placements, date, policy, nbhName), ev.total),
    });
  }

  const allPlaced = months.flatMap((m) => m.placements);
  const muniNames = new Map(d.municipalities.map((m) => [m.code, m.name]));
  const before = balances(d.placements);
  const after = balances(state.placements);
  const codes = [...new Set([...d.municipalities.map((m) => m.code), ...before.keys(), ...after.keys()])].sort();
  const last = months[months.length - 1]!;
  const total: ReplayResult['total'] = {
    ...figuresOf(
      allPlaced,
      clientOf,
      arrivedIds,
      months.reduce((s, m) => s + m.figures.emptyHomeMonths, 0),
      {
        peak: months.reduce<PeakLoad | null>((peak, m) => higherLoad(peak, m.figures.peakLoad), null),
        atCap: Math.max(...months.map((m) => m.figures.neighbourhoodsAtCap)),
      },
      months.reduce((s, m) => s + m.figures.totalScore, 0),
    ),
    arrivedClients: arrivedIds.size,
    arrivedUnits: arrivals.reduce((s, a) => s + a.units.length, 0),
    stillWaiting: last.candidates - last.placements.length,
    exchangeBalances: codes.map((code) => ({ municipalityCode: code, name: muniNames.get(code) ?? code, start: before.get(code) ?? 0, end: after.get(code) ?? 0 })),
  };

  const periods: HindsightPeriod[] = [];
  if (input.hindsight ?? true) {
    const period = policy.caps.periodMonths;
    for (let k = 0; k < input.months; k += period) {
      const l = Math.min(input.months, k + period) - 1;
      periods.push(hindsight(d, policy, input, dates, starts[k]!, arrivals.slice(k, l + 1), months.slice(k, l + 1)));
    }
  }
  return { startDate: input.startDate, seed: input.seed, capPeriodMonths: policy.caps.periodMonths, months, total, periods };
}

/**
 * One solve that sees the whole cap period at once: the register at the period's start with every
 * client and home that arrives in the period, on the period's last round date (so the rolling caps count
 * the same placements as the last monthly round did), against the period's placements scored in it.
 */
function hindsight(
  d: Dataset,
  policy: PolicySettings,
  input: ReplayInput,
  dates: readonly string[],
  start: State,
  arrivals: readonly { clients: Client[]; units: Unit[] }[],
  months: readonly ReplayMonth[],
): HindsightPeriod {
  const first = months[0]!;
  const last = months[months.length - 1]!;
  const dataset: Dataset = {
    ...d,
    clients: [...start.clients, ...arrivals.flatMap((a) => a.clients)],
    units: [...start.units, ...arrivals.flatMap((a) => a.units)],
    placements: [...start.placements],
  };
  const options: ProposeOptions = {
    strategy: 'optimal',
    planning: NO_PLANNING,
    referenceDate: last.date,
    window: { from: first.date, to: addDays(dates[last.month]!, -1) },
    controls: emptyControls(),
    timeLimitMs: input.hindsightTimeLimitMs ?? 60_000,
  };
  const best = propose(dataset, options, policy, input.solvers);
  const model = buildModel(dataset, options, policy);
  // A home freed by one of the period's rounds was held for its tenant at the period's start.
  const freedInPeriod = new Set(months.flatMap((m) => m.released.map((r) => r.unitId)));
  const placed = months.flatMap((m) => m.placements);
  const fromFreed = placed.filter((p) => freedInPeriod.has(p.unitId!));
  const rest = placed.filter((p) => !freedInPeriod.has(p.unitId!)).map((p) => ({ clientId: p.clientId!, unitId: p.unitId! }));
  const { found, missing } = pairIndexes(model, rest);
  const ev = evaluate(model, found);
  const hindsightTotal = best.totalScore;
  return {
    months: [first.month, last.month],
    referenceDate: last.date,
    candidates: model.clients.length,
    unitsAvailable: model.units.length,
    hindsightTotal,
    hindsightStatus: best.optimality.status,
    hindsightBound: best.optimality.bound,
    monthlyTotal: Math.round(months.reduce((s, m) => s + m.figures.totalScore, 0) * 1e6) / 1e6,
    realizedTotal: ev.total,
    realizedPairs: found.length,
    share: hindsightTotal > 0 ? ev.total / hindsightTotal : null,
    releasedLetAgain: fromFreed.length,
    notPossibleThen: missing.length,
    violations: ev.violations,
  };
}

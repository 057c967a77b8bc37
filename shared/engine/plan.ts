// Planning with the future in view (issue 14): the round values the capacity it uses now — the
// neighbourhood and complex caps, Skaeve Huse clusters, quotas and the exchange band — against the
// rounds still to come in the cap period. As in the dynamic refugee placement of Annie MOORE (Ahani et
// al.), a few futures are sampled from the region's own mix of clients and homes, each future's later
// rounds are solved as one LP, and the dual value of each constraint there, averaged over the futures,
// is the price of a place used today. The round is then solved with each pair's score less `hold` times
// the prices of the capacity it uses, plus the cost of an empty home-month (letting a home now saves a
// month of rent loss, so holding is never free). Only the choice is steered: the proposal's total and
// every explanation stay in the real scores; what the planned answer keeps unused that the round's own
// optimum would use is said per constraint (`Planning.held`).
//
// A future's LP is the register with the sampled arrivals of the months to come, as one round: the
// current candidates and homes that wait and every arrival, the chair's locks placed. Its pairs are
// scored on today's date (waiting earns no points), its caps counted on the last round's date, so
// capacity that comes free as old placements leave the cap period is there too. A constraint of today
// shares its capacity with the same constraint of the later rounds where a placement made today still
// counts there: a neighbourhood or complex cap while today is inside the last round's cap period, a
// quota in the same year, a Skaeve Huse cluster and the exchange balance always.
//
// The horizon is the rest of the cap period. docs/replay-benchmark.md has what was measured against
// what: a fixed horizon of the cap period less one month moved placements out of the period and was
// worse; an LP of today's round and the later rounds together (today's pairs sharing the later caps)
// held more homes empty for the same share. Quotas, per year, are priced over the rest of the year: the
// futures get their share of the quota's remaining places (futureLp). Pure TypeScript; the same input gives the same answer (the
// futures are drawn from a seed and the round's date).
import type { Client, Dataset, Unit } from '../dataset/dataset.schema';
import type { PolicySettings } from '../domain/policy';
import { Rng } from '../domain/random';
import { formatPoints, plural } from '../reports/format-nl';
import { gapClosed } from './answer';
import { arrivingClient, arrivingUnit } from './arrivals';
import { evaluate } from './evaluate';
import { type IntegerSolver, type RelaxationSolver, clock } from './ip';
import { solveByRelaxation } from './lp-solve';
import { addMonths, buildModel, byId, capPeriodUse, type RoundConstraint, type RoundModel } from './model';
import type { HeldCapacity, Planning, ProposeOptions } from './round.schema';
import { round2 } from './score';
import { solveOptimal, type SolveResult } from './solve';

/** Futures sampled per round unless the round says otherwise. */
export const DEFAULT_SCENARIOS = 4;
export const DEFAULT_PLAN_SEED = 14;
/** The register's history that estimates arrival rates: ready dates and free-from dates in the last year. */
const RATE_HISTORY_MONTHS = 12;
/** Shares of the solve's time: the round's own optimum by the first, the futures by the second. */
const PLAIN_SHARE = 0.3;
const FUTURES_SHARE = 0.65;

/** The planning a round does: the policy's setting with the round's own choices on top. */
export interface PlanSettings {
  hold: number;
  emptyHomeMonthCost: number;
  scenarios: number;
  seed: number;
  horizonMonths: number;
  /** Rates given with the round; null: estimated from the register. */
  arrivalsPerMonth: { clients: number; units: number } | null;
}

/** The round's planning, or null when it does not plan (greedy, or hold and empty-home cost both 0). */
export function planSettings(policy: PolicySettings, options: ProposeOptions): PlanSettings | null {
  if (options.strategy !== 'optimal') return null;
  const round = options.planning ?? {};
  const hold = round.hold ?? policy.planning?.hold ?? 0;
  const emptyHomeMonthCost = round.emptyHomeMonthCost ?? policy.planning?.emptyHomeMonthCost ?? 0;
  if (hold <= 0 && emptyHomeMonthCost <= 0) return null;
  return {
    hold,
    emptyHomeMonthCost,
    scenarios: round.scenarios ?? DEFAULT_SCENARIOS,
    seed: round.seed ?? DEFAULT_PLAN_SEED,
    horizonMonths: round.horizonMonths ?? roundsToCome(options.referenceDate, round.periodStart ?? calendarPeriodStart(options.referenceDate, policy.caps.periodMonths), policy.caps.periodMonths),
    arrivalsPerMonth: round.arrivalsPerMonth ?? null,
  };
}

/** The first day of the calendar period of `months` months (counted from 1 January of year 0) that holds `day`. */
export function calendarPeriodStart(day: string, months: number): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1);
  const start = index - (index % months);
  return `${String(Math.floor(start / 12)).padStart(4, '0')}-${String((start % 12) + 1).padStart(2, '0')}-01`;
}

/** Monthly rounds after `day` (on its day of the month) that still fall in the cap period from `periodStart`. */
export function roundsToCome(day: string, periodStart: string, periodMonths: number): number {
  const end = addMonths(periodStart, periodMonths);
  let n = 0;
  while (n < 36 && addMonths(day, n + 1) < end) n++;
  return n;
}

/** Monthly rounds after `day` up to and including `last` (on `day`'s day of the month). */
function roundsToDate(day: string, last: string): number {
  let n = 0;
  while (n < 36 && addMonths(day, n + 1) <= last) n++;
  return n;
}

/** What the futures are drawn from: the region's own clients and homes, and how many arrive a month. */
export interface ArrivalModel {
  clients: readonly Client[];
  units: readonly Unit[];
  clientsPerMonth: number;
  unitsPerMonth: number;
  source: 'given' | 'register';
}


/**
 * The region's arrivals as the register shows them: new clients are like the clients who are or were
 * candidates (active or placed: group, household, origin, network, needs), new homes like the region's
 * homes (corporation, area, kind, rent). Rates given with the round, or per month over the last year:
 * clients who became woonrijp, homes that came free.
 */
export function arrivalModel(d: Dataset, referenceDate: string, given: PlanSettings['arrivalsPerMonth']): ArrivalModel {
  const clients = d.clients.filter((c) => c.status === 'active' || c.status === 'placed').sort(byId);
  const units = [...d.units].sort(byId);
  if (given) return { clients, units, clientsPerMonth: given.clients, unitsPerMonth: given.units, source: 'given' };
  const { since } = rateWindow(referenceDate);
  const recent = (day: string | null) => day !== null && day > since && day <= referenceDate;
  return {
    clients,
    units,
    clientsPerMonth: d.clients.filter((c) => recent(c.readyDate)).length / RATE_HISTORY_MONTHS,
    unitsPerMonth: d.units.filter((u) => recent(u.availableFrom)).length / RATE_HISTORY_MONTHS,
    source: 'register',
  };
}

/**
 * The days whose arrivals set the region's pace (arrivalModel): after `since`, up to and including
 * `until` (the round's date), over `months` months. For callers that count them in the database.
 */
export function rateWindow(referenceDate: string): { since: string; until: string; months: number } {
  return { since: addMonths(referenceDate, -RATE_HISTORY_MONTHS), until: referenceDate, months: RATE_HISTORY_MONTHS };
}

/** A whole number with `rate` as its mean: the whole part, and one more with the fraction's chance. */
const countOf = (rate: number, rng: Rng) => Math.floor(rate) + (rng.chance(rate - Math.floor(rate)) ? 1 : 0);

/** One future: the arrivals of each month after the round's date (month t on the round's date plus t months). */
export function sampleFuture(
  arrivals: ArrivalModel,
  referenceDate: string,
  months: number,
  policy: PolicySettings,
  rng: Rng,
  idPrefix: string,
): { clients: Client[]; units: Unit[] } {
  const clients: Client[] = [];
  const units: Unit[] = [];
  for (let t = 1; t <= months; t++) {
    const date = addMonths(referenceDate, t);
    const nc = arrivals.clients.length ? countOf(arrivals.clientsPerMonth, rng) : 0;
    const nu = arrivals.units.length ? countOf(arrivals.unitsPerMonth, rng) : 0;
    for (let k = 0; k < nc; k++) clients.push(arrivingClient(rng.pick(arrivals.clients), `${idPrefix}M${t}-K${k + 1}`, date, policy));
    for (let k = 0; k < nu; k++) units.push(arrivingUnit(rng.pick(arrivals.units), `${idPrefix}M${t}-W${k + 1}`, date));
  }
  return { clients, units };
}

/** A seed per round and future: the planning seed with the round's date mixed in. */
function futureSeed(seed: number, referenceDate: string, s: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const ch of `${referenceDate}#${s}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

/**
 * The later rounds' constraint each of the round's constraints shares its capacity with (-1: none): the
 * same kind and key, where a placement made on the round's date still counts on the last round's date.
 */
function sharedWith(model: RoundModel, horizon: RoundModel, horizonDate: string): Int32Array {
  const at = new Map(horizon.constraints.map((k) => [`${k.kind}:${k.key}`, k.index]));
  const today = model.options.referenceDate;
  const stillInPeriod = today > addMonths(horizonDate, -model.policy.caps.periodMonths);
  const sameYear = today.slice(0, 4) === horizonDate.slice(0, 4);
  return Int32Array.from(model.constraints, (k) => {
    const shared = k.kind === 'NEIGHBOURHOOD' || k.kind === 'COMPLEX' ? stillInPeriod : k.kind === 'QUOTA' ? sameYear : true;
    return shared ? (at.get(`${k.kind}:${k.key}`) ?? -1) : -1;
  });
}

/** Monthly rounds from `day` (itself included, on its day of the month) to the end of its year. */
export function roundsLeftInYear(day: string): number {
  let n = 1;
  while (n < 12 && addMonths(day, n).slice(0, 4) === day.slice(0, 4)) n++;
  return n;
}

/**
 * One future's LP: the later rounds of the cap period as one round of the register with the sampled
 * arrivals (current candidates and homes that wait, and every arrival; the chair's locks placed), its
 * caps counted on the last round's date: what left the cap period by then comes free. A quota is per
 * year, and the rounds after the horizon until the year ends need their places too: the futures get
 * the share of the quota's remaining places that falls to today's round and the later rounds they
 * model, spread evenly over the rounds left in the year (all of it when the year ends within the
 * horizon). So a quota's price says what a place is worth over the rest of the year, not only over the
 * cap period.
 */
export function futureLp(horizon: RoundModel, placements: Dataset['placements'], horizonDate: string): RoundModel {
  const atHorizon = capPeriodUse(placements, horizon.policy, horizonDate);
  const today = horizon.options.referenceDate;
  const modelled = 1 + roundsToDate(today, horizonDate);
  const yearShare = Math.min(1, modelled / roundsLeftInYear(today));
  const laterRhs = (k: RoundConstraint): number =>
    k.kind === 'NEIGHBOURHOOD'
      ? Math.max(0, k.limit - (atHorizon.byNeighbourhood.get(k.key) ?? 0))
      : k.kind === 'COMPLEX'
        ? Math.max(0, k.limit - (atHorizon.byComplex.get(k.key) ?? 0))
        : k.kind === 'QUOTA'
          ? k.rhs * yearShare
          : k.rhs;
  return { ...horizon, constraints: horizon.constraints.map((k) => ({ ...k, rhs: laterRhs(k) })) };
}

export interface PricesResult {
  /** Per constraint of the round: the expected value of one unit of it in the later rounds (points). */
  prices: Float64Array;
  /** Futures solved (the clock may stop the sampling early). */
  solved: number;
  arrivals: ArrivalModel;
}

/**
 * The price of each of the round's constraints: the mean over `settings.scenarios` sampled futures of
 * the dual value, in that future's LP, of the constraint it shares its capacity with. Futures stop at
 * the deadline; those solved count.
 */
export function capacityPrices(
  model: RoundModel,
  dataset: Dataset,
  settings: PlanSettings,
  { deadline, relaxation }: { deadline: number; relaxation: RelaxationSolver },
): PricesResult {
  const opts = model.options;
  const arrivals = arrivalModel(dataset, opts.referenceDate, settings.arrivalsPerMonth);
  const H = settings.horizonMonths;
  const horizonDate = addMonths(opts.referenceDate, H);
  // The later rounds are scored as the round is (the same date: the same waiting points and loads, so
  // waiting earns nothing); only their caps are counted on the last round's date (futureLp).
  const laterOptions: ProposeOptions = {
    strategy: 'optimal',
    referenceDate: opts.referenceDate,
    window: { from: opts.window.from, to: addMonths(opts.window.to, H) },
    controls: opts.controls,
    timeLimitMs: opts.timeLimitMs,
  };
  const prices = new Float64Array(model.constraints.length);
  const taken = [...dataset.clients.map((c) => c.id), ...dataset.units.map((u) => u.id)];
  let solved = 0;
  for (let s = 0; H > 0 && s < settings.scenarios && clock() < deadline; s++) {
    let prefix = `~plan${s + 1}-`;
    while (taken.some((id) => id.startsWith(prefix))) prefix = `~${prefix}`;
    const future = sampleFuture(arrivals, opts.referenceDate, H, model.policy, new Rng(futureSeed(settings.seed, opts.referenceDate, s)), prefix);
    const withFuture: Dataset = { ...dataset, clients: [...dataset.clients, ...future.clients], units: [...dataset.units, ...future.units] };
    const later = futureLp(buildModel(withFuture, laterOptions, model.policy, { deadline }), dataset.placements, horizonDate);
    // The LP alone (no integer step): its duals are the prices.
    const r = solveByRelaxation(later, [...later.locked], { deadline, relaxation });
    if (!r || clock() > deadline) break;
    sharedWith(model, later, horizonDate).forEach((h, k) => {
      if (h >= 0) prices[k] = prices[k]! + r.multipliers[h]!;
    });
    solved++;
  }
  if (solved) for (let k = 0; k < prices.length; k++) prices[k] = round2(prices[k]! / solved);
  return { prices, solved, arrivals };
}

/** The constraint's name as a chair reads it: the neighbourhood's name, else the label before its limit. */
function constraintName(model: RoundModel, k: RoundConstraint): string {
  if (k.kind === 'NEIGHBOURHOOD') return model.neighbourhood(k.key)?.name ?? k.key;
  const cut = k.label.indexOf(': ');
  return cut > 0 ? k.label.slice(0, cut) : k.label;
}

function heldSentence(model: RoundModel, k: RoundConstraint, places: number, price: number): string {
  const what =
    k.kind === 'EXCHANGE_OUT'
      ? plural(places, 'plaatsing buiten de gemeente', 'plaatsingen buiten de gemeente')
      : k.kind === 'EXCHANGE_IN'
        ? plural(places, 'plaatsing van elders', 'plaatsingen van elders')
        : plural(places, 'plek', 'plekken');
  return `${constraintName(model, k)}: ${what} bewaard; verwacht betere match volgende ronde (een plek is later naar verwachting ${formatPoints(price)} punten waard)`;
}

export interface PlannedSolve {
  result: SolveResult;
  planning: Planning;
  /** The priced score of each pair (what steered the choice), for the explanations of who was held back. */
  pricedScore: Float64Array;
  /** Per constraint of the round: the places held (0 where none). */
  heldPlaces: Float64Array;
}

/**
 * The round solved with the future in view: the round's own optimum first (its bound bounds every
 * answer's real total, and it is what `held` compares with), then the prices from the sampled futures,
 * then the round with priced scores. Without futures solved (no time, no arrivals) or with all prices
 * and the empty-home cost 0, the answer is the round's own optimum.
 */
export function solvePlanned(
  model: RoundModel,
  dataset: Dataset,
  settings: PlanSettings,
  { deadline, integer, relaxation }: { deadline: number; integer?: IntegerSolver; relaxation: RelaxationSolver },
): PlannedSolve {
  const started = clock();
  const budget = Math.max(1, deadline - started);
  const plain = solveOptimal(model, { deadline: started + budget * PLAIN_SHARE, integer, relaxation });
  const { prices, solved, arrivals } = capacityPrices(model, dataset, settings, { deadline: started + budget * FUTURES_SHARE, relaxation });

  const { score, list, listStart, consRow, consCoef } = model.pairs;
  const pricedScore = new Float64Array(model.pairs.length);
  let changed = false;
  for (let p = 0; solved > 0 && p < model.pairs.length; p++) {
    let price = 0;
    for (let i = listStart[list[p]!]!; i < listStart[list[p]! + 1]!; i++) price += prices[consRow[i]!]! * consCoef[i]!;
    pricedScore[p] = round2(score[p]! - settings.hold * price + settings.emptyHomeMonthCost);
    if (pricedScore[p] !== score[p]) changed = true;
  }
  let priced: SolveResult = plain;
  if (changed) {
    priced = solveOptimal({ ...model, pairs: model.pairs.withScores(pricedScore) }, { deadline, integer, relaxation });
    // The same constraints: the priced answer keeps every hard rule of the round (checked again by the caller).
    if (!evaluate(model, priced.chosen).feasible) priced = plain;
  }
  const ev = evaluate(model, priced.chosen);
  const plainEv = evaluate(model, plain.chosen);

  const heldPlaces = new Float64Array(model.constraints.length);
  const held: HeldCapacity[] = [];
  for (const k of model.constraints) {
    const places = Math.round(plainEv.use[k.index]! - ev.use[k.index]!);
    const price = prices[k.index]!;
    if (places < 1 || price <= 0) continue;
    heldPlaces[k.index] = places;
    held.push({ constraintCode: k.kind, key: k.key, label: k.label, places, price, sentence: heldSentence(model, k, places, price) });
  }
  const given = round2(plainEv.total - ev.total);
  const placedLess = plain.chosen.length - priced.chosen.length;
  const H = settings.horizonMonths;
  const planned = `Plannen voor later (${plural(solved, 'toekomst', 'toekomsten')} van ${plural(H, 'ronde', 'rondes')} doorgerekend)`;
  const sentence = !H
    ? 'Plannen voor later: dit is de laatste ronde van de capaciteitsperiode, er valt niets te bewaren; dit is het optimum van deze ronde.'
    : !solved
      ? 'Plannen voor later: geen toekomstige rondes doorgerekend (geen tijd); dit is het optimum van deze ronde.'
      : held.length
        ? `${planned}: capaciteit bewaard in ${plural(held.length, 'grens', 'grenzen')}; dit voorstel scoort nu ${formatPoints(given)} punten minder dan het optimum van deze ronde` +
          `${placedLess > 0 ? ` en plaatst ${plural(placedLess, 'kandidaat', 'kandidaten')} minder` : ''}.`
        : `${planned}: niets bewaard${given > 0 ? `; de keuze verschuift en scoort nu ${formatPoints(given)} punten minder dan het optimum van deze ronde` : ''}.`;
  // An answer as good as the round's own optimum is that optimum, with its word on optimality.
  const same = Math.abs(ev.total - plainEv.total) < 1e-6;
  const proven = same ? plain.proven : plain.bound !== null && gapClosed(plain.bound, ev.total);
  const result: SolveResult = {
    chosen: priced.chosen,
    total: ev.total,
    bound: plain.bound,
    proven,
    method: `${plain.method}; plannen voor later: ${solved} ${solved === 1 ? 'toekomst' : 'toekomsten'} als LP (prijzen uit de duale waarden)${
      priced === plain ? '' : `, dan de ronde met geprijsde scores: ${priced.method}`
    }`,
    note: same
      ? plain.note
      : `Bewust onder het optimum van deze ronde om capaciteit te bewaren voor later (plannen voor later). De grens is die van deze ronde zonder planning: ${
          priced.proven ? 'de ronde met geprijsde scores is bewezen optimaal opgelost.' : 'de ronde met geprijsde scores is niet bewezen optimaal opgelost.'
        }`,
    multipliers: priced.multipliers,
  };
  const planning: Planning = {
    hold: settings.hold,
    emptyHomeMonthCost: settings.emptyHomeMonthCost,
    horizonMonths: H,
    scenarios: solved,
    seed: settings.seed,
    arrivalsPerMonth: { clients: round2(arrivals.clientsPerMonth), units: round2(arrivals.unitsPerMonth), source: arrivals.source },
    plainTotal: plainEv.total,
    plainPlaced: plain.chosen.length,
    held,
    pricedProven: priced.proven,
    sentence,
    ms: Math.round(clock() - started),
  };
  return { result, planning, pricedScore, heldPlaces };
}

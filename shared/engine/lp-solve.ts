// The optimal strategy when an LP solver is at hand (HiGHS in the app): the round's LP relaxation
// by column generation. It starts from each client's and each unit's best pairs, and every solve's
// duals price all possible pairs: pairs that would raise the LP join, until none would. Every dual
// vector gives a bound of our own making (a Lagrangian bound: row duals times right-hand sides, plus
// each pair's positive reduced cost), so the bound holds over every pair even when the LP solver's
// tolerances or the deadline cut the search short. Rounds are almost always integral at the LP
// optimum (the assignment with nested caps is a network; quotas and the exchange band rarely break
// it): the LP's answer is then the proven optimum. Otherwise the integer program runs over the pairs
// that reduced-cost fixing keeps, until the deadline. Pure TypeScript.
import { SCORE_RESOLUTION, TOL, boundInHundredths, byScoreOrder, gapClosed, plainBound, repair } from './answer';
import { evaluate } from './evaluate';
import { type IntegerSolver, type RelaxationSolver, clock } from './ip';
import type { RoundModel } from './model';
import { topByValue } from './top';

/** Pairs per client and per unit in the first column set. */
const FIRST_COLUMNS = 4;
/** New columns per client per pricing round (the best by reduced cost). */
const COLUMNS_PER_CLIENT = 5;
/** Time to set up the integer program per pair it covers (ms), for deciding whether it can still run. */
const IP_SETUP_MS_PER_PAIR = 0.015;

export interface RelaxedOptions {
  deadline: number;
  relaxation: RelaxationSolver;
  integer?: IntegerSolver;
  /** A total the caller needs: once the bound proves no answer reaches it, the exact step is skipped. */
  cutoff?: number;
}

export interface RelaxedResult {
  chosen: number[];
  total: number;
  bound: number;
  proven: boolean;
  method: string;
  note: string;
  multipliers: Float64Array;
}

/**
 * Solves the round by its LP relaxation (and the integer program when that is needed), starting
 * from `start` (a feasible answer). Null when the LP solver failed outright (not for lack of time):
 * the caller then takes its other strategy.
 */
export function solveByRelaxation(model: RoundModel, start: number[], { deadline, relaxation, integer, cutoff }: RelaxedOptions): RelaxedResult | null {
  const P = model.pairs.length;
  const C = model.clients.length;
  const U = model.units.length;
  const K = model.constraints.length;

  // The pairs' arrays (pairs.ts): client, unit, score, and the pair's shared constraint list.
  const { client, unit, score, list: pairList, listStart: consStartOfList, consRow, consCoef } = model.pairs;
  const consFrom = (p: number) => consStartOfList[pairList[p]!]!;
  const consTo = (p: number) => consStartOfList[pairList[p]! + 1]!;

  // Locks: their pairs are fixed, their clients and units taken, their use counted in the rows.
  const lockedUse = new Float64Array(K);
  const takenC = new Uint8Array(C);
  const takenU = new Uint8Array(U);
  let lockedScore = 0;
  for (const p of model.locked) {
    lockedScore += score[p]!;
    takenC[client[p]!] = 1;
    takenU[unit[p]!] = 1;
    for (let i = consFrom(p); i < consTo(p); i++) lockedUse[consRow[i]!] = lockedUse[consRow[i]!]! + consCoef[i]!;
  }
  const free = new Uint8Array(P);
  for (let p = 0; p < P; p++) free[p] = takenC[client[p]!] || takenU[unit[p]!] ? 0 : 1;
  const room = Float64Array.from(model.constraints, (k) => k.rhs - lockedUse[k.index]!);

  // A bound before any LP (answer.ts): every free client at their best pair, or every free unit at its best client.
  let bestBound = plainBound(model);

  let best = start;
  let bestTotal = evaluate(model, best).total;
  let byScore: Int32Array | null = null;
  /** Takes a candidate if it beats the best; `fillOrder` repairs and fills it first. */
  const consider = (cand: number[], fillOrder?: ArrayLike<number>) => {
    if (fillOrder) cand = repair(model, cand, fillOrder);
    let ev = evaluate(model, cand);
    if (!ev.feasible) {
      byScore ??= byScoreOrder(model);
      cand = repair(model, cand, byScore);
      ev = evaluate(model, cand);
      if (!ev.feasible) return;
    }
    if (ev.total > bestTotal + TOL) {
      best = cand;
      bestTotal = ev.total;
    }
  };

  const lp = relaxation.open(model, lockedUse);
  const inLp = new Uint8Array(P);
  const order: number[] = [];
  const add = (pairs: number[]) => {
    const fresh: number[] = [];
    for (const p of pairs) {
      if (!free[p] || inLp[p]) continue;
      inLp[p] = 1;
      fresh.push(p);
    }
    order.push(...fresh);
    lp.add(fresh);
  };
  const rc = new Float64Array(P);
  const value = new Float64Array(P);
  const gainMask = new Uint8Array(P);
  let bestRc: Float64Array | null = null;
  const multipliers = new Float64Array(K);
  let rounds = 0;
  let converged = false;
  let timedOut = false;
  let failed = false;
  try {
    // First columns: each client's and each unit's best pairs, and the starting answer's.
    const topOf = (list: ArrayLike<number>, out: number[]) => topByValue(list, FIRST_COLUMNS, (p) => score[p]!, (p) => free[p] === 1 && score[p]! > TOL, out);
    const first: number[] = [...start.filter((p) => free[p])];
    for (const list of model.pairsByClient) topOf(list, first);
    for (const list of model.pairsByUnit) topOf(list, first);
    add(first);

    const yC = new Float64Array(C);
    const yU = new Float64Array(U);
    const yK = new Float64Array(K);
    for (;;) {
      if (clock() >= deadline) {
        timedOut = true;
        break;
      }
      const answer = lp.solve(deadline);
      if (answer === 'stopped' || !answer) {
        if (answer === 'stopped' || clock() >= deadline) timedOut = true;
        else failed = true;
        break;
      }
      rounds++;
      // Duals made valid for a bound: non-negative, and at most the penalty on a soft row (its
      // slack column would otherwise pay off without limit).
      for (let c = 0; c < C; c++) yC[c] = takenC[c] ? 0 : Math.max(0, answer.clientDual[c]!);
      for (let u = 0; u < U; u++) yU[u] = takenU[u] ? 0 : Math.max(0, answer.unitDual[u]!);
      for (const k of model.constraints) {
        const y = Math.max(0, answer.constraintDual[k.index]!);
        yK[k.index] = k.hard ? y : Math.min(y, k.penalty);
      }
      let bound = lockedScore;
      for (let c = 0; c < C; c++) bound += yC[c]!;
      for (let u = 0; u < U; u++) bound += yU[u]!;
      for (let k = 0; k < K; k++) bound += yK[k]! * room[k]!;
      for (let p = 0; p < P; p++) {
        if (!free[p]) continue;
        let r = score[p]! - yC[client[p]!]! - yU[unit[p]!]!;
        const l = pairList[p]!;
        for (let i = consStartOfList[l]!; i < consStartOfList[l + 1]!; i++) r -= yK[consRow[i]!]! * consCoef[i]!;
        rc[p] = r;
        if (r > 0) bound += r;
      }
      if (bound < bestBound) {
        bestBound = bound;
        bestRc ??= new Float64Array(P);
        bestRc.set(rc);
        multipliers.set(yK);
      }
      // The LP's answer, rounded: integral at the optimum in almost every round.
      // Where it is not, the pairs above one half, repaired and filled in the LP's own order: by
      // value, then by reduced cost (the pairs the duals price closest to joining first).
      const cand = [...model.locked];
      let fractional = false;
      for (let j = 0; j < order.length; j++) {
        const x = answer.x[j]!;
        value[order[j]!] = x;
        if (x > 0.5) cand.push(order[j]!);
        if (x > 1e-6 && x < 1 - 1e-6) fractional = true;
      }
      consider(cand, fractional ? [...order].sort((a, b) => value[b]! - value[a]! || rc[b]! - rc[a]! || a - b) : undefined);
      if (gapClosed(boundInHundredths(bestBound), bestTotal)) break;
      // Pricing: per client, the pairs outside the LP that would raise it most.
      const fresh: number[] = [];
      for (let p = 0; p < P; p++) gainMask[p] = free[p] && !inLp[p] && rc[p]! > 1e-7 ? 1 : 0;
      for (let c = 0; c < C; c++) if (!takenC[c]) topByValue(model.pairsByClient[c]!, COLUMNS_PER_CLIENT, (p) => rc[p]!, (p) => gainMask[p] === 1, fresh);
      if (!fresh.length) {
        converged = true;
        break;
      }
      add(fresh);
    }
  } finally {
    lp.dispose();
  }
  if (failed && rounds === 0) return null;

  let method = `LP-relaxatie met kolomgeneratie (${relaxation.name}; ${rounds} ${rounds === 1 ? 'ronde' : 'rondes'}, ${order.length} van ${P} paren)`;
  let bound = boundInHundredths(bestBound);
  let exactStopped = false;
  // Below the caller's cutoff no answer can reach what it needs: the integer program is not run.
  const hopeless = cutoff !== undefined && bound < cutoff - TOL;
  if (!gapClosed(bound, bestTotal) && bestRc && integer && !timedOut && !hopeless) {
    // Reduced-cost fixing: forcing a pair in lowers the bound by its negative reduced cost; a
    // pair that would end below the incumbent plus a hundredth cannot be in a better answer.
    // First the integer program over the LP's own columns (price and branch), with half the time
    // left: a fractional LP's rounding is often far from the optimum, and the fixing below keeps
    // every pair within the gap. Its bound covers only those columns, so it does not count.
    if (deadline - clock() > order.length * IP_SETUP_MS_PER_PAIR * 2) {
      try {
        const ip = integer.solve(model, { pairs: order, deadline: clock() + (deadline - clock()) / 2, incumbent: best.filter((p) => free[p]) });
        if (ip.chosen) consider([...model.locked, ...ip.chosen]);
        method += `; geheeltallig programma (${integer.name}) over de ${order.length} LP-kolommen`;
      } catch (e) {
        method += `; geheeltallig programma over de LP-kolommen mislukt (${(e as Error).message})`;
      }
    }
    const atFix = bestTotal;
    const floor = atFix + SCORE_RESOLUTION - bestBound - 1e-6;
    const keep = new Set<number>(best.filter((p) => free[p]));
    for (let p = 0; p < P; p++) if (free[p] && bestRc[p]! >= floor) keep.add(p);
    const kept = [...keep].sort((a, b) => a - b);
    const left = deadline - clock();
    const setup = kept.length * IP_SETUP_MS_PER_PAIR;
    if (left < setup) {
      exactStopped = true;
      method += `; geen tijd meer voor het geheeltallige programma over ${kept.length} paren (${Math.max(0, Math.round(left))} ms over, ongeveer ${Math.round(setup)} ms nodig)`;
    } else {
      try {
        method += `; geheeltallig programma (${integer.name}) over ${kept.length} van ${P} paren`;
        const ip = integer.solve(model, { pairs: kept, deadline, incumbent: best.filter((p) => free[p]) });
        if (ip.chosen) consider([...model.locked, ...ip.chosen]);
        if (ip.status === 'stopped') exactStopped = true;
        if (ip.status === 'failed') method += ` (mislukt${ip.message ? `: ${ip.message}` : ''})`;
        if (ip.bound !== null) {
          // Every answer with a fixed pair stays below the incumbent at fixing time plus a hundredth.
          const restricted = Math.max(ip.bound, atFix + SCORE_RESOLUTION - 1e-6);
          bound = Math.min(bound, boundInHundredths(restricted));
        }
      } catch (e) {
        method += ` (mislukt: ${(e as Error).message})`;
      }
    }
  }
  const proven = gapClosed(bound, bestTotal);
  if (timedOut && rounds === 0) method += '; geen tijd meer voor de LP-relaxatie (grens: iedere cliënt, of iedere woning, op het hoogst scorende paar)';
  else if (timedOut && !converged) method += '; tijdslimiet bereikt tijdens de kolomgeneratie';
  return {
    chosen: best,
    total: bestTotal,
    bound,
    proven,
    method,
    note: proven
      ? 'Bewezen optimaal: de bovengrens is gelijk aan de totaalscore.'
      : timedOut || exactStopped
        ? 'Beste gevonden indeling binnen de tijdslimiet; niet bewezen optimaal. De grens geeft aan hoeveel beter het hooguit kan; een nieuwe berekening met meer tijd kan iets anders uitkomen.'
        : 'Beste gevonden indeling; niet bewezen optimaal. De grens geeft aan hoeveel beter het hooguit kan.',
    multipliers,
  };
}


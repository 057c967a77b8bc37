// The two strategies. `optimal`: with an LP solver at hand (HiGHS in the app), the round's LP
// relaxation by column generation and, where it is not integral, the integer program over the pairs
// reduced-cost fixing keeps (lp-solve.ts). Without one, a min-cost flow carries the assignment and the
// nested neighbourhood/complex caps exactly (certified by its potentials); quotas and the exchange band
// are priced in by Lagrangian multipliers, which give a dual bound; when the bound and the best answer
// do not meet, a MIP solver solves the integer program over the pairs that can still matter, until the
// deadline. No pair-count threshold: the clock and the gap decide. `greedy`: today's practice, by ready
// date. Every answer is re-evaluated from scratch. Pure TypeScript.
import { SCORE_RESOLUTION, TOL, boundInHundredths, byScoreOrder, gapClosed, plainBound, repair } from './answer';
import { evaluate } from './evaluate';
import { RoundFlow } from './flow-model';
import { DualMaster } from './dual-master';
import { type IntegerSolver, type RelaxationSolver, javascriptLpSolver } from './ip';
import { solveByRelaxation } from './lp-solve';
import type { RoundModel } from './model';

/** Time to set up the integer program per pair it covers (ms), for deciding whether it can still run. */
const IP_SETUP_MS_PER_PAIR = 0.015;
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export { SCORE_RESOLUTION, boundInHundredths };

export interface SolveResult {
  chosen: number[];
  total: number;
  /** An upper bound on the best possible total (null for greedy). */
  bound: number | null;
  proven: boolean;
  method: string;
  note: string;
  /** Lagrangian multipliers per constraint (0 where not priced). */
  multipliers: Float64Array;
}

/** Today's practice: clients by ready date (then id), each takes the best unit still possible. */
export function solveGreedy(model: RoundModel): SolveResult {
  const clientOrder = model.clients
    .map((c, i) => ({ i, key: `${c.readyDate ?? '9999-99-99'}|${c.id}` }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  // Each client in turn takes the highest-scoring pair (lowest index on a tie) that still fits every
  // hard rule and raises the total: the first such pair in the client's list by score.
  const chosen = [...model.locked];
  const usedC = new Uint8Array(model.clients.length);
  const usedU = new Uint8Array(model.units.length);
  const use = new Float64Array(model.constraints.length);
  const { client, unit, score, list, listStart, consRow, consCoef } = model.pairs;
  const take = (p: number) => {
    usedC[client[p]!] = 1;
    usedU[unit[p]!] = 1;
    for (let i = listStart[list[p]!]!; i < listStart[list[p]! + 1]!; i++) use[consRow[i]!] = use[consRow[i]!]! + consCoef[i]!;
  };
  for (const p of model.locked) take(p);
  for (const { i } of clientOrder) {
    if (usedC[i]) continue;
    let pick = -1;
    let pickScore = Number.NEGATIVE_INFINITY;
    for (const p of model.pairsByClient[i]!) {
      const s = score[p]!;
      if (usedU[unit[p]!] || s < pickScore || (s === pickScore && p > pick)) continue;
      let gain = s;
      let ok = true;
      for (let j = listStart[list[p]!]!; j < listStart[list[p]! + 1]!; j++) {
        const c = consRow[j]!;
        const k = model.constraints[c]!;
        const after = Math.max(0, use[c]! + consCoef[j]! - k.rhs);
        if (k.hard) {
          if (after > TOL) ok = false;
        } else gain -= k.penalty * (after - Math.max(0, use[c]! - k.rhs));
      }
      if (!ok || gain <= TOL) continue;
      pick = p;
      pickScore = s;
    }
    if (pick >= 0) {
      chosen.push(pick);
      take(pick);
    }
  }
  const ev = evaluate(model, chosen);
  return {
    chosen,
    total: ev.total,
    bound: null,
    proven: false,
    method: 'greedy',
    note: 'Huidige werkwijze: cliënten op volgorde van woonrijpdatum, ieder neemt de best passende woning die nog vrij is.',
    multipliers: new Float64Array(model.constraints.length),
  };
}


export interface SolveOptions {
  /** Clock time (performance.now()) by which the solve must return. */
  deadline: number;
  /** The exact step's solver (javascript-lp-solver when none is given). */
  integer?: IntegerSolver;
  /** The LP solver for column generation (lp-solve.ts); without it, the flow and Lagrange bound. */
  relaxation?: RelaxationSolver;
  /** A total the caller needs (what-if solves): once the bound proves it out of reach, the exact step is skipped. */
  cutoff?: number;
}

export function solveOptimal(model: RoundModel, { deadline, integer = javascriptLpSolver, relaxation, cutoff }: SolveOptions): SolveResult {
  const started = now();
  const budget = Math.max(1, deadline - started);
  const K = model.constraints.length;

  // Incumbent: the best feasible answer seen (greedy included, so optimal is never below it).
  let best = solveGreedy(model).chosen;
  let bestTotal = evaluate(model, best).total;
  if (now() >= deadline) {
    // Building the model used the whole time limit: the first answer, with the plain bound.
    const bound = Math.max(boundInHundredths(plainBound(model)), boundInHundredths(bestTotal));
    return {
      chosen: best,
      total: bestTotal,
      bound,
      proven: gapClosed(bound, bestTotal),
      method: 'geen tijd meer na het opbouwen van het model: indeling op volgorde van woonrijpdatum; grens: iedere cliënt (of iedere woning) op het hoogst scorende paar',
      note: 'Het opbouwen van het model kostte de hele tijdslimiet; dit is een eerste indeling, niet bewezen optimaal, met een ruwe grens. Geef het voorstel meer tijd.',
      multipliers: new Float64Array(K),
    };
  }
  if (relaxation) {
    const r = solveByRelaxation(model, best, { deadline, relaxation, integer: integer === javascriptLpSolver ? undefined : integer, cutoff });
    if (r) return r;
  }
  const lockedUse = new Float64Array(K);
  let lockedScore = 0;
  for (const p of model.locked) {
    lockedScore += model.pairs.score[p]!;
    for (const { c, a } of model.pairs.cons(p)) lockedUse[c] = lockedUse[c]! + a;
  }
  const priced = model.constraints.filter((k) => !k.laminar).map((k) => k.index);
  const byScore = byScoreOrder(model);

  const consider = (cand: number[]) => {
    const ev = evaluate(model, cand);
    if (ev.feasible && ev.total > bestTotal + TOL) {
      best = cand;
      bestTotal = ev.total;
    }
  };

  const flow = new RoundFlow(model, lockedUse);
  const P = priced.length;
  const room = Float64Array.from(priced, (c) => model.constraints[c]!.rhs - lockedUse[c]!);
  const upper = Float64Array.from(priced, (c) => (model.constraints[c]!.hard ? Number.POSITIVE_INFINITY : model.constraints[c]!.penalty));
  const pricedIndex = new Map(priced.map((c, i) => [c, i]));
  const master = new DualMaster(upper);
  const lambdaFull = new Float64Array(K);
  let bestBound = Number.POSITIVE_INFINITY;
  let bestLambda = new Float64Array(K);
  let bestReduced: Float64Array | null = null;
  let allCertified = true;
  let iterations = 0;
  let center: Float64Array = new Float64Array(P);
  let centerValue = Number.POSITIVE_INFINITY;
  let delta = Math.max(10, ...Array.from(upper).filter(Number.isFinite));
  let lambda: Float64Array = new Float64Array(P);
  const maxIterations = P ? 100 : 1;
  const closed = () => gapClosed(bestBound, bestTotal);
  // The bound's share of the time: the exact step needs the rest. A stalled bound also ends it.
  const lagrangeUntil = started + budget * 0.35;
  let stalled = 0;
  let timedOut = false;
  for (; iterations < maxIterations; iterations++) {
    priced.forEach((c, i) => (lambdaFull[c] = lambda[i]!));
    const f = flow.solve(lambdaFull);
    allCertified &&= f.certified;
    const cand = [...model.locked, ...f.chosen];
    // The dual function at lambda (an upper bound on every feasible total) and its cut.
    const use = new Float64Array(P);
    let raw = f.value;
    for (const p of f.chosen) {
      for (const { c, a } of model.pairs.cons(p)) {
        const i = pricedIndex.get(c);
        if (i === undefined) continue;
        use[i] = use[i]! + a;
        raw += lambda[i]! * a;
      }
    }
    const slope = Float64Array.from(room, (b, i) => b - use[i]!);
    let bound = lockedScore + raw;
    for (let i = 0; i < P; i++) bound += lambda[i]! * slope[i]!;
    master.addCut(lockedScore + raw, slope);
    const before = Math.min(bestBound, Number.MAX_VALUE);
    if (bound < bestBound - TOL) {
      bestBound = bound;
      bestLambda = Float64Array.from(lambdaFull);
      bestReduced = f.forcingCost;
    }
    consider(evaluate(model, cand).feasible ? cand : repair(model, cand, byScore));
    if (closed() || P === 0) break;
    // A bound that moved less than a hundredth of the gap in five iterations has done its work.
    stalled = before - bestBound < 0.01 * Math.max(SCORE_RESOLUTION, bestBound - bestTotal) ? stalled + 1 : 0;
    if (stalled >= 5 && integer !== javascriptLpSolver) break;
    if (now() > lagrangeUntil) {
      timedOut = true;
      break;
    }
    // Trust region: a real improvement moves the centre and widens the region, else it narrows.
    if (bound < centerValue - TOL) {
      const predictedDrop = centerValue - master.model(lambda);
      if (Number.isFinite(centerValue) && centerValue - bound >= 0.5 * predictedDrop) delta *= 2;
      center = Float64Array.from(lambda);
      centerValue = bound;
    } else {
      delta = Math.max(delta / 2, 1e-3);
    }
    const step = master.next(center, delta);
    if (!step) break;
    if (centerValue - step.predicted <= TOL * Math.max(1, Math.abs(centerValue))) {
      if (!step.boxed) break; // the model says the centre is the dual optimum: the bound cannot improve
      delta *= 4;
      continue;
    }
    lambda = step.lambda;
  }
  if (allCertified && Number.isFinite(bestBound)) bestBound = boundInHundredths(bestBound);

  let method = priced.length ? `min-cost flow + Lagrange-snijvlakken (${Math.min(iterations + 1, maxIterations)} iteraties)` : 'min-cost flow';
  let proven = allCertified && gapClosed(bestBound, bestTotal);
  let exactStopped = false;
  if (!proven && bestReduced && allCertified) {
    // Reduced-cost fixing: a pair whose forced use would push the bound below the incumbent plus
    // one hundredth cannot be in a better answer. The integer program covers the rest.
    const atFix = bestTotal;
    const gap = bestBound - bestTotal;
    const keep = new Set<number>(best);
    for (let p = 0; p < model.pairs.length; p++) if (bestReduced[p]! <= gap - SCORE_RESOLUTION + 1e-6) keep.add(p);
    for (const p of model.locked) keep.delete(p);
    const kept = [...keep].sort((a, b) => a - b);
    // The clock decides: setting up the program costs time in proportion to its pairs (measured
    // about 5 µs a pair when busy, taken at three times that); without that time left, skip it.
    const left = deadline - now();
    const setup = kept.length * IP_SETUP_MS_PER_PAIR;
    if (left < setup) {
      exactStopped = true;
      method += `; geen tijd meer voor het geheeltallige programma over ${kept.length} paren (${Math.max(0, Math.round(left))} ms over, ongeveer ${Math.round(setup)} ms nodig)`;
    } else try {
      method += `; geheeltallig programma (${integer.name}) over ${kept.length} van ${model.pairs.length} paren`;
      const ip = integer.solve(model, { pairs: kept, deadline, incumbent: best.filter((p) => !model.locked.includes(p)) });
      if (ip.chosen) consider([...model.locked, ...ip.chosen]);
      if (ip.status === 'stopped') exactStopped = true;
      if (ip.status === 'failed') method += ` (mislukt${ip.message ? `: ${ip.message}` : ''})`;
      if (ip.bound !== null) {
        // Every answer with a fixed pair stays below the incumbent at fixing time plus a hundredth.
        const restricted = Math.max(ip.bound, atFix + SCORE_RESOLUTION - 1e-6);
        bestBound = Math.min(bestBound, boundInHundredths(restricted));
      }
    } catch (e) {
      // The general solver failing is no reason to fail the round: the best answer so far stands, unproven.
      method += ` (mislukt: ${(e as Error).message})`;
    }
    proven = allCertified && gapClosed(bestBound, bestTotal);
  }
  const total = evaluate(model, best).total;
  return {
    chosen: best,
    total,
    bound: Number.isFinite(bestBound) ? Math.round(bestBound * 100) / 100 : null,
    proven,
    method,
    note: proven
      ? 'Bewezen optimaal: de bovengrens is gelijk aan de totaalscore.'
      : timedOut || exactStopped
        ? 'Beste gevonden indeling binnen de tijdslimiet; niet bewezen optimaal. De grens geeft aan hoeveel beter het hooguit kan; een nieuwe berekening met meer tijd kan iets anders uitkomen.'
        : allCertified
          ? 'Beste gevonden indeling; niet bewezen optimaal. De grens geeft aan hoeveel beter het hooguit kan.'
          : 'Beste gevonden indeling; de rekenkundige controle van de grens slaagde niet, dus niet bewezen optimaal.',
    multipliers: bestLambda,
  };
}

// The two strategies. `optimal`: a min-cost flow carries the assignment and the nested
// neighbourhood/complex caps exactly (certified by its potentials); quotas and the exchange band
// are priced in by Lagrangian multipliers, which give a dual bound; when the bound and the best
// answer do not meet, javascript-lp-solver solves the integer program over the pairs that can
// still matter (reduced-cost fixing). `greedy`: today's practice, by ready date. Every answer is
// re-evaluated from scratch. Pure TypeScript.
import { evaluate } from './evaluate';
import { FlowNetwork } from './flow';
import { solveIntegerProgram } from './ip';
import type { RoundModel } from './model';

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

const TOL = 1e-6;
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

interface FlowAnswer {
  chosen: number[];
  /** Max of the flow objective with priced weights (laminar penalties included). */
  value: number;
  certified: boolean;
  /** Reduced cost per free pair (Infinity when the pair had no arc). */
  reducedCost: Float64Array;
}

/** Solves the flow part for given multipliers on the non-nested constraints. */
function solveFlow(model: RoundModel, lambda: Float64Array, lockedClients: Set<number>, lockedUnits: Set<number>, lockedUse: Float64Array): FlowAnswer {
  const C = model.clients.length;
  const U = model.units.length;
  // Group nodes for nested caps: complex-level (COMPLEX, SKAEVE) inside neighbourhood.
  const groupNode = new Map<string, number>();
  const groupCons = new Map<string, number[]>();
  const groupParent = new Map<string, string | null>();
  for (let ui = 0; ui < U; ui++) {
    if (lockedUnits.has(ui)) continue;
    const first = model.pairsByUnit[ui]![0];
    if (first === undefined) continue;
    let nbhKey: string | null = null;
    let cxKey: string | null = null;
    for (const { c } of model.pairs[first]!.cons) {
      const k = model.constraints[c]!;
      if (!k.laminar) continue;
      const key = k.kind === 'NEIGHBOURHOOD' ? `N:${k.key}` : `X:${k.key}`;
      if (k.kind === 'NEIGHBOURHOOD') nbhKey = key;
      else cxKey = key;
      const list = groupCons.get(key) ?? [];
      if (!list.includes(c)) list.push(c);
      groupCons.set(key, list);
    }
    if (nbhKey) groupParent.set(nbhKey, null);
    if (cxKey) groupParent.set(cxKey, nbhKey);
  }
  // Node numbering in topological order: s, clients, units, complex groups, neighbourhood groups, t.
  const s = 0;
  const clientNode = (ci: number) => 1 + ci;
  const unitNode = (ui: number) => 1 + C + ui;
  let next = 1 + C + U;
  const complexKeys = [...groupParent.keys()].filter((k) => k.startsWith('X:')).sort();
  const nbhKeys = [...groupParent.keys()].filter((k) => k.startsWith('N:')).sort();
  for (const k of complexKeys) groupNode.set(k, next++);
  for (const k of nbhKeys) groupNode.set(k, next++);
  const t = next++;
  const net = new FlowNetwork(next);

  const unitGroup = (ui: number): string | null => {
    const first = model.pairsByUnit[ui]![0];
    if (first === undefined) return null;
    let nbh: string | null = null;
    for (const { c } of model.pairs[first]!.cons) {
      const k = model.constraints[c]!;
      if (!k.laminar) continue;
      if (k.kind !== 'NEIGHBOURHOOD') return `X:${k.key}`;
      nbh = `N:${k.key}`;
    }
    return nbh;
  };

  for (let ci = 0; ci < C; ci++) if (!lockedClients.has(ci) && model.pairsByClient[ci]!.length) net.addArc(s, clientNode(ci), 1, 0);
  const pairArc = new Int32Array(model.pairs.length).fill(-1);
  for (const pair of model.pairs) {
    if (lockedClients.has(pair.client) || lockedUnits.has(pair.unit)) continue;
    let w = pair.score;
    for (const { c, a } of pair.cons) if (!model.constraints[c]!.laminar) w -= lambda[c]! * a;
    if (w <= TOL) continue;
    pairArc[pair.index] = net.addArc(clientNode(pair.client), unitNode(pair.unit), 1, -w);
  }
  const members = new Map<string, number>();
  for (let ui = 0; ui < U; ui++) {
    if (lockedUnits.has(ui) || !model.pairsByUnit[ui]!.length) continue;
    const g = unitGroup(ui);
    net.addArc(unitNode(ui), g ? groupNode.get(g)! : t, 1, 0);
    for (let k: string | null | undefined = g; k; k = groupParent.get(k)) members.set(k, (members.get(k) ?? 0) + 1);
  }
  let constant = 0;
  const addGroupArcs = (key: string) => {
    const from = groupNode.get(key)!;
    const parent = groupParent.get(key);
    const to = parent ? groupNode.get(parent)! : t;
    const m = members.get(key) ?? 0;
    let hardCap = m;
    const soft: { b: number; p: number }[] = [];
    for (const c of groupCons.get(key) ?? []) {
      const k = model.constraints[c]!;
      const free = k.rhs - lockedUse[c]!;
      if (k.hard) hardCap = Math.min(hardCap, Math.max(0, free));
      else {
        soft.push({ b: Math.max(0, free), p: k.penalty });
        if (free < 0) constant -= k.penalty * -free;
      }
    }
    soft.sort((a, b) => a.b - b.b);
    let start = 0;
    let cost = 0;
    for (const { b, p } of soft) {
      const end = Math.min(b, hardCap);
      if (end > start) net.addArc(from, to, end - start, cost);
      start = Math.max(start, end);
      cost += p;
    }
    if (hardCap > start) net.addArc(from, to, hardCap - start, cost);
  };
  for (const k of complexKeys) addGroupArcs(k);
  for (const k of nbhKeys) addGroupArcs(k);

  const order = new Int32Array(next);
  for (let i = 0; i < next; i++) order[i] = i;
  net.initPotentialsTopological(order, s);
  net.solve(s, t);
  const certified = net.certify(s, t) === 0;
  const chosen: number[] = [];
  const reducedCost = new Float64Array(model.pairs.length).fill(Number.POSITIVE_INFINITY);
  for (const pair of model.pairs) {
    const a = pairArc[pair.index]!;
    if (a < 0) continue;
    if (net.flowOn(a) > 0) chosen.push(pair.index);
    else {
      let w = pair.score;
      for (const { c, a: coef } of pair.cons) if (!model.constraints[c]!.laminar) w -= lambda[c]! * coef;
      reducedCost[pair.index] = Math.max(0, -w + net.potential[clientNode(pair.client)]! - net.potential[unitNode(pair.unit)]!);
    }
  }
  return { chosen, value: -net.totalCost() + constant, certified, reducedCost };
}

/** Drops pairs from violated hard constraints (lowest score first), then fills greedily. */
function repair(model: RoundModel, start: number[], order: number[]): number[] {
  const chosen = new Set(start);
  const locked = new Set(model.locked);
  for (let guard = 0; guard < model.pairs.length + 1; guard++) {
    const ev = evaluate(model, [...chosen]);
    const bad = model.constraints.find((k, i) => k.hard && ev.use[i]! > k.rhs + TOL);
    if (!bad) break;
    const victims = [...chosen]
      .filter((p) => !locked.has(p) && model.pairs[p]!.cons.some(({ c, a }) => c === bad.index && a > 0))
      .sort((a, b) => model.pairs[a]!.score - model.pairs[b]!.score || a - b);
    const v = victims[0];
    if (v === undefined) break;
    chosen.delete(v);
  }
  return fill(model, [...chosen], order);
}

/** Adds pairs in the given order while they fit every hard rule and raise the total. */
function fill(model: RoundModel, start: number[], order: number[]): number[] {
  const chosen = [...start];
  const usedC = new Set(chosen.map((p) => model.pairs[p]!.client));
  const usedU = new Set(chosen.map((p) => model.pairs[p]!.unit));
  const use = new Float64Array(model.constraints.length);
  for (const p of chosen) for (const { c, a } of model.pairs[p]!.cons) use[c] = use[c]! + a;
  for (const p of order) {
    const pair = model.pairs[p]!;
    if (usedC.has(pair.client) || usedU.has(pair.unit)) continue;
    let gain = pair.score;
    let ok = true;
    for (const { c, a } of pair.cons) {
      const k = model.constraints[c]!;
      const before = Math.max(0, use[c]! - k.rhs);
      const after = Math.max(0, use[c]! + a - k.rhs);
      if (k.hard && after > TOL) ok = false;
      if (!k.hard) gain -= k.penalty * (after - before);
    }
    if (!ok || gain <= TOL) continue;
    chosen.push(p);
    usedC.add(pair.client);
    usedU.add(pair.unit);
    for (const { c, a } of pair.cons) use[c] = use[c]! + a;
  }
  return chosen;
}

/** Today's practice: clients by ready date (then id), each takes the best unit still possible. */
export function solveGreedy(model: RoundModel): SolveResult {
  const clientOrder = model.clients
    .map((c, i) => ({ i, key: `${c.readyDate ?? '9999-99-99'}|${c.id}` }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  const order: number[] = [];
  for (const { i } of clientOrder) {
    const ps = [...model.pairsByClient[i]!].sort((a, b) => model.pairs[b]!.score - model.pairs[a]!.score || a - b);
    order.push(...ps);
  }
  // Walk client by client: fill() keeps the first unit that still fits for each client.
  const chosen = fill(model, [...model.locked], order);
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

export function solveOptimal(model: RoundModel, timeLimitMs: number): SolveResult {
  const started = now();
  const K = model.constraints.length;
  const lockedClients = new Set(model.locked.map((p) => model.pairs[p]!.client));
  const lockedUnits = new Set(model.locked.map((p) => model.pairs[p]!.unit));
  const lockedUse = new Float64Array(K);
  let lockedScore = 0;
  for (const p of model.locked) {
    lockedScore += model.pairs[p]!.score;
    for (const { c, a } of model.pairs[p]!.cons) lockedUse[c] = lockedUse[c]! + a;
  }
  const priced = model.constraints.filter((k) => !k.laminar).map((k) => k.index);
  const byScore = model.pairs.map((p) => p.index).sort((a, b) => model.pairs[b]!.score - model.pairs[a]!.score || a - b);

  // Incumbent: the best feasible answer seen (greedy included, so optimal is never below it).
  let best = solveGreedy(model).chosen;
  let bestTotal = evaluate(model, best).total;
  const consider = (cand: number[]) => {
    const ev = evaluate(model, cand);
    if (ev.feasible && ev.total > bestTotal + TOL) {
      best = cand;
      bestTotal = ev.total;
    }
  };

  const lambda = new Float64Array(K);
  let bestBound = Number.POSITIVE_INFINITY;
  let bestLambda = new Float64Array(K);
  let bestReduced: Float64Array | null = null;
  let allCertified = true;
  let theta = 2;
  let stall = 0;
  let iterations = 0;
  const maxIterations = priced.length ? 200 : 1;
  for (; iterations < maxIterations; iterations++) {
    const f = solveFlow(model, lambda, lockedClients, lockedUnits, lockedUse);
    allCertified &&= f.certified;
    let bound = lockedScore + f.value;
    for (const c of priced) bound += lambda[c]! * (model.constraints[c]!.rhs - lockedUse[c]!);
    if (bound < bestBound - TOL) {
      bestBound = bound;
      bestLambda = Float64Array.from(lambda);
      bestReduced = f.reducedCost;
      stall = 0;
    } else if (++stall >= 5) {
      theta /= 2;
      stall = 0;
    }
    const cand = [...model.locked, ...f.chosen];
    consider(evaluate(model, cand).feasible ? cand : repair(model, cand, byScore));
    if (bestBound - bestTotal <= TOL * Math.max(1, Math.abs(bestBound))) break;
    if (now() - started > timeLimitMs / 2) break;
    // Subgradient step on the priced constraints.
    const use = new Float64Array(K);
    for (const p of cand) for (const { c, a } of model.pairs[p]!.cons) use[c] = use[c]! + a;
    let norm = 0;
    const g = new Float64Array(K);
    for (const c of priced) {
      const gc = use[c]! - model.constraints[c]!.rhs;
      // A multiplier at a bound that the step would push further out does not move.
      if ((lambda[c]! <= 0 && gc < 0) || (!model.constraints[c]!.hard && lambda[c]! >= model.constraints[c]!.penalty && gc > 0)) continue;
      g[c] = gc;
      norm += gc * gc;
    }
    if (norm === 0) break; // the priced constraints are all satisfied with slack or at their bounds
    const step = (theta * Math.max(bound - bestTotal, TOL)) / norm;
    for (const c of priced) {
      const k = model.constraints[c]!;
      const upper = k.hard ? Number.POSITIVE_INFINITY : k.penalty;
      lambda[c] = Math.min(upper, Math.max(0, lambda[c]! + step * g[c]!));
    }
  }

  let method = priced.length ? `min-cost flow + Lagrange (${iterations + (iterations < maxIterations ? 1 : 0)} iteraties)` : 'min-cost flow';
  let proven = allCertified && bestBound - bestTotal <= TOL * Math.max(1, Math.abs(bestBound));
  if (!proven && bestReduced && allCertified) {
    // Reduced-cost fixing: a pair whose forced use would push the bound below the incumbent cannot
    // be in a better answer. The integer program over the rest is small.
    const gap = bestBound - bestTotal;
    const keep = new Set<number>(best);
    for (const p of model.pairs) if (bestReduced[p.index]! <= gap + TOL) keep.add(p.index);
    for (const p of model.locked) keep.delete(p);
    const remaining = Math.max(10, timeLimitMs - (now() - started));
    const ip = solveIntegerProgram(model, [...keep].sort((a, b) => a - b), remaining);
    method += `; geheeltallig programma (javascript-lp-solver) over ${keep.size} paren`;
    if (ip) consider([...model.locked, ...ip]);
    proven = bestBound - bestTotal <= TOL * Math.max(1, Math.abs(bestBound));
  }
  const total = evaluate(model, best).total;
  return {
    chosen: best,
    total,
    bound: Number.isFinite(bestBound) ? Math.round(bestBound * 1e6) / 1e6 : null,
    proven,
    method,
    note: proven
      ? 'Bewezen optimaal: de duale grens is gelijk aan de totaalscore.'
      : allCertified
        ? 'Beste gevonden indeling; niet bewezen optimaal. De grens geeft aan hoeveel beter het hooguit kan.'
        : 'Beste gevonden indeling; de rekenkundige controle van de grens slaagde niet, dus niet bewezen optimaal.',
    multipliers: bestLambda,
  };
}

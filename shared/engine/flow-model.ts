// The round as a min-cost flow: source -> client -> unit -> complex group -> neighbourhood group ->
// sink, with the nested caps (hard, or soft with a penalty per placement over) on the group arcs.
// Built once per solve; pair costs follow the Lagrange multipliers of the other constraints.
// Pair arcs are added by column generation: start with each client's and unit's best pairs, then
// add every pair whose reduced cost is negative until none is: the potentials then certify the
// optimum over all pairs. Pure TypeScript.
import { FlowNetwork } from './flow';
import type { RoundModel } from './model';

const TOL = 1e-6;
/** Pairs per client and per unit in the first column set. */
const FIRST_COLUMNS = 12;

export interface FlowAnswer {
  chosen: number[];
  /** Flow objective with priced weights, laminar penalties included (locked pairs excluded). */
  value: number;
  certified: boolean;
  /** Per pair: a lower bound on how much forcing it in lowers the value (0 for chosen pairs). */
  forcingCost: Float64Array;
  columns: number;
}

export class RoundFlow {
  private net: FlowNetwork;
  private s = 0;
  private t: number;
  private pairArc: Int32Array;
  private active: number[] = [];
  private constant = 0;
  private weight: Float64Array;
  private free: Uint8Array;
  private pairClient: Int32Array;
  private pairUnit: Int32Array;
  /** Priced (non-nested) constraint memberships per pair, in compressed rows. */
  private pricedStart: Int32Array;
  private pricedCons: Int32Array;
  private pricedCoef: Float64Array;
  private score: Float64Array;

  constructor(
    private model: RoundModel,
    lockedUse: Float64Array,
  ) {
    const C = model.clients.length;
    const U = model.units.length;
    const pairs = model.pairs;
    const P = pairs.length;
    const lockedC = new Set(model.locked.map((p) => pairs.client[p]!));
    const lockedU = new Set(model.locked.map((p) => pairs.unit[p]!));
    this.free = new Uint8Array(P);
    for (let p = 0; p < P; p++) this.free[p] = lockedC.has(pairs.client[p]!) || lockedU.has(pairs.unit[p]!) ? 0 : 1;
    this.weight = new Float64Array(P);
    this.pairClient = pairs.client;
    this.pairUnit = pairs.unit;
    this.score = pairs.score;
    this.pricedStart = new Int32Array(P + 1);
    const cons: number[] = [];
    const coef: number[] = [];
    for (let p = 0; p < P; p++) {
      for (const { c, a } of pairs.cons(p)) {
        if (model.constraints[c]!.laminar) continue;
        cons.push(c);
        coef.push(a);
      }
      this.pricedStart[p + 1] = cons.length;
    }
    this.pricedCons = Int32Array.from(cons);
    this.pricedCoef = Float64Array.from(coef);

    // Group of each unit: its complex-level group if any, else its neighbourhood group.
    const groupCons = new Map<string, number[]>();
    const parent = new Map<string, string | null>();
    const unitGroup: (string | null)[] = new Array(U).fill(null);
    for (let ui = 0; ui < U; ui++) {
      const first = model.pairsByUnit[ui]![0];
      if (first === undefined || lockedU.has(ui)) continue;
      let nbh: string | null = null;
      let cx: string | null = null;
      for (const { c } of model.pairs.cons(first)) {
        const k = model.constraints[c]!;
        if (!k.laminar) continue;
        const key = k.kind === 'NEIGHBOURHOOD' ? `N:${k.key}` : `X:${k.key}`;
        if (k.kind === 'NEIGHBOURHOOD') nbh = key;
        else cx = key;
        const list = groupCons.get(key) ?? [];
        if (!list.includes(c)) list.push(c);
        groupCons.set(key, list);
      }
      if (nbh) parent.set(nbh, null);
      if (cx) parent.set(cx, nbh);
      unitGroup[ui] = cx ?? nbh;
    }
    // Nodes in topological order: s, clients, units, complex groups, neighbourhood groups, t.
    const complexKeys = [...parent.keys()].filter((k) => k.startsWith('X:')).sort();
    const nbhKeys = [...parent.keys()].filter((k) => k.startsWith('N:')).sort();
    const node = new Map<string, number>();
    let next = 1 + C + U;
    for (const k of [...complexKeys, ...nbhKeys]) node.set(k, next++);
    this.t = next++;
    this.net = new FlowNetwork(next);

    for (let ci = 0; ci < C; ci++) if (!lockedC.has(ci) && model.pairsByClient[ci]!.length) this.net.addArc(this.s, 1 + ci, 1, 0);
    const members = new Map<string, number>();
    for (let ui = 0; ui < U; ui++) {
      if (lockedU.has(ui) || !model.pairsByUnit[ui]!.length) continue;
      const g = unitGroup[ui] ?? null;
      this.net.addArc(1 + C + ui, g ? node.get(g)! : this.t, 1, 0);
      for (let k: string | null | undefined = g; k; k = parent.get(k)) members.set(k, (members.get(k) ?? 0) + 1);
    }
    for (const key of [...complexKeys, ...nbhKeys]) {
      const from = node.get(key)!;
      const up = parent.get(key);
      const to = up ? node.get(up)! : this.t;
      let hardCap = members.get(key) ?? 0;
      const soft: { b: number; p: number }[] = [];
      for (const c of groupCons.get(key) ?? []) {
        const k = model.constraints[c]!;
        const room = k.rhs - lockedUse[c]!;
        if (k.hard) hardCap = Math.min(hardCap, Math.max(0, room));
        else {
          soft.push({ b: Math.max(0, room), p: k.penalty });
          // Locks already over a soft cap: a fixed penalty.
          if (room < 0) this.constant -= k.penalty * -room;
        }
      }
      // Convex piecewise cost: free up to the first soft cap, then each exceeded cap adds its penalty.
      soft.sort((a, b) => a.b - b.b);
      let start = 0;
      let cost = 0;
      for (const { b, p } of soft) {
        const end = Math.min(b, hardCap);
        if (end > start) this.net.addArc(from, to, end - start, cost);
        start = Math.max(start, end);
        cost += p;
      }
      if (hardCap > start) this.net.addArc(from, to, hardCap - start, cost);
    }
    this.pairArc = new Int32Array(model.pairs.length).fill(-1);
  }

  private priceWeights(lambda: Float64Array): void {
    const { pricedStart, pricedCons, pricedCoef, score, weight } = this;
    for (let p = 0; p < score.length; p++) {
      let w = score[p]!;
      for (let i = pricedStart[p]!; i < pricedStart[p + 1]!; i++) w -= lambda[pricedCons[i]!]! * pricedCoef[i]!;
      weight[p] = w;
    }
  }

  private addColumn(p: number): void {
    if (this.pairArc[p]! >= 0) return;
    this.pairArc[p] = this.net.addArc(1 + this.pairClient[p]!, 1 + this.model.clients.length + this.pairUnit[p]!, 1, 0);
    this.active.push(p);
  }

  /** The first columns: each client's and each unit's best pairs by priced weight. */
  private seedColumns(): void {
    const m = this.model;
    const pick = (list: Int32Array) => {
      const best = Array.from(list).filter((p) => this.free[p] && this.weight[p]! > TOL).sort((a, b) => this.weight[b]! - this.weight[a]! || a - b);
      for (const p of best.slice(0, FIRST_COLUMNS)) this.addColumn(p);
    };
    m.pairsByClient.forEach(pick);
    m.pairsByUnit.forEach(pick);
  }

  solve(lambda: Float64Array): FlowAnswer {
    this.priceWeights(lambda);
    if (this.active.length === 0) this.seedColumns();
    const C = this.model.clients.length;
    const pot = this.net.potential;
    const order = new Int32Array(this.net.nodeCount);
    for (let i = 0; i < order.length; i++) order[i] = i;
    let certified = false;
    for (let round = 0; round < 50; round++) {
      for (const p of this.active) {
        const w = this.weight[p]!;
        // A pair worth nothing at these prices is left out: dropping it never lowers the value.
        this.net.setArc(this.pairArc[p]!, w > TOL ? 1 : 0, -w);
      }
      this.net.reset();
      this.net.initPotentialsTopological(order, this.s);
      this.net.solve(this.s, this.t);
      certified = this.net.certify(this.s, this.t) === 0;
      // Pricing: any pair left out whose reduced cost is negative joins, and we solve again.
      let added = 0;
      const { free, pairArc, weight, pairClient, pairUnit } = this;
      for (let p = 0; p < weight.length; p++) {
        if (!free[p] || pairArc[p]! >= 0) continue;
        const w = weight[p]!;
        if (w <= TOL) continue;
        if (-w + pot[1 + pairClient[p]!]! - pot[1 + C + pairUnit[p]!]! < -1e-7) {
          this.addColumn(p);
          added++;
        }
      }
      if (added === 0) break;
      certified = false;
    }
    const chosen: number[] = [];
    const forcingCost = new Float64Array(this.model.pairs.length);
    for (let p = 0; p < this.model.pairs.length; p++) {
      if (!this.free[p]) continue;
      const a = this.pairArc[p]!;
      if (a >= 0 && this.net.flowOn(a) > 0) {
        chosen.push(p);
        continue;
      }
      const w = this.weight[p]!;
      // With w > 0 the potentials bound the loss (LP reduced cost); otherwise forcing it in costs at least -w.
      forcingCost[p] = w > TOL ? Math.max(0, -w + pot[1 + this.pairClient[p]!]! - pot[1 + C + this.pairUnit[p]!]!) : -w;
    }
    return { chosen, value: -this.net.totalCost() + this.constant, certified, forcingCost, columns: this.active.length };
  }
}

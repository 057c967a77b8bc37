// A quick proof that a client cannot join the proposal with everyone it places kept placed: "what it
// would take" (counterfactual.ts) asks that of every change it re-solves, and most of those re-solves
// only prove that it cannot. The hard limits on homes (neighbourhood, complex, Skaeve Huse cluster,
// quota: each counts the homes used in its set) are split into families of sets that nest or are
// apart (laminar); each family with the assignment is a network, in which the proposal is a flow that
// carries every placed client. The client can join only if that flow can carry one more, in every
// family: one search for an augmenting path per family. A family leaves out limits (the other
// families', the exchange band), so it only ever proves "cannot": "can" here means "perhaps", and the
// caller re-solves. Pure TypeScript.
import type { ConstraintKind, RoundModel } from './model';

/** Hard limits on homes: each counts every home in its set once, whoever is placed there (model.ts). */
const HOME_LIMITS: readonly ConstraintKind[] = ['NEIGHBOURHOOD', 'COMPLEX', 'SKAEVE', 'QUOTA'];

/** One laminar family as a flow network: clients -> units -> nested limits -> sink. */
class FamilyFlow {
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly to: Int32Array;
  private readonly cap: Int32Array;
  private readonly flow: Int32Array;
  /** The arc out of each constraint's node (towards its parent or the sink), or -1 when not in this family. */
  private readonly capArc: Int32Array;
  private readonly sink: number;
  private readonly unitNode: number;
  private readonly seen: Uint8Array;
  private readonly queue: Int32Array;

  constructor(model: RoundModel, chosen: readonly number[], family: readonly number[], parentOf: Int32Array, inner: Int32Array) {
    const C = model.clients.length;
    const U = model.units.length;
    const groupNode = new Int32Array(model.constraints.length).fill(-1);
    let nodes = C + U;
    for (const c of family) groupNode[c] = nodes++;
    this.unitNode = C;
    this.sink = nodes++;
    const P = model.pairs.length;
    const arcs = 2 * (P + U + family.length);
    this.head = new Int32Array(nodes).fill(-1);
    this.next = new Int32Array(arcs);
    this.to = new Int32Array(arcs);
    this.cap = new Int32Array(arcs);
    this.flow = new Int32Array(arcs);
    this.capArc = new Int32Array(model.constraints.length).fill(-1);
    this.seen = new Uint8Array(nodes);
    this.queue = new Int32Array(nodes);
    let m = 0;
    const arc = (from: number, to: number, cap: number): number => {
      const e = m;
      this.to[m] = to;
      this.cap[m] = cap;
      this.next[m] = this.head[from]!;
      this.head[from] = m++;
      this.to[m] = from;
      this.cap[m] = 0;
      this.next[m] = this.head[to]!;
      this.head[to] = m++;
      return e;
    };
    const pairArc = new Int32Array(P);
    for (let p = 0; p < P; p++) pairArc[p] = arc(model.pairs.client[p]!, C + model.pairs.unit[p]!, 1);
    const up = (c: number): number => (parentOf[c]! >= 0 ? groupNode[parentOf[c]!]! : this.sink);
    const unitArc = new Int32Array(U);
    for (let u = 0; u < U; u++) unitArc[u] = arc(C + u, inner[u]! >= 0 ? groupNode[inner[u]!]! : this.sink, 1);
    for (const c of family) this.capArc[c] = arc(groupNode[c]!, up(c), Math.max(0, Math.round(model.constraints[c]!.rhs)));
    // The proposal as a flow: each placed client through their home and its limits.
    const carry = (e: number) => {
      this.flow[e] = this.flow[e]! + 1;
      this.flow[e ^ 1] = this.flow[e ^ 1]! - 1;
    };
    for (const p of chosen) {
      carry(pairArc[p]!);
      const u = model.pairs.unit[p]!;
      carry(unitArc[u]!);
      for (let c = inner[u]!; c >= 0; c = parentOf[c]!) carry(this.capArc[c]!);
    }
  }

  /** Whether one more unit of flow can start at the client onto one of `units`, with constraint `raise` (if in the family) one higher. */
  augmentable(units: ArrayLike<number>, raise: number): boolean {
    const raised = raise >= 0 ? this.capArc[raise]! : -1;
    const seen = this.seen;
    seen.fill(0);
    const queue = this.queue;
    let tail = 0;
    for (let i = 0; i < units.length; i++) {
      const v = this.unitNode + units[i]!;
      if (!seen[v]) {
        seen[v] = 1;
        queue[tail++] = v;
      }
    }
    for (let at = 0; at < tail; at++) {
      const v = queue[at]!;
      for (let e = this.head[v]!; e >= 0; e = this.next[e]!) {
        const w = this.to[e]!;
        if (seen[w] || this.cap[e]! + (e === raised ? 1 : 0) - this.flow[e]! <= 0) continue;
        if (w === this.sink) return true;
        seen[w] = 1;
        queue[tail++] = w;
      }
    }
    return false;
  }
}

/**
 * The check for one proposal (`chosen`, feasible in `model`). Built once (a few milliseconds at
 * 200x150); each question is a few graph searches.
 */
export class PlacementCheck {
  private readonly families: FamilyFlow[] = [];

  constructor(model: RoundModel, chosen: readonly number[]) {
    const K = model.constraints.length;
    const U = model.units.length;
    // The home limits, with each unit's: taken from its pairs, and kept only when every pair of every
    // unit agrees (coefficient one, all or none of a unit's pairs), so that the sets are the units'.
    const candidate = new Uint8Array(K);
    for (const k of model.constraints) if (k.hard && HOME_LIMITS.includes(k.kind)) candidate[k.index] = 1;
    const members: number[][] = Array.from({ length: K }, () => []);
    for (let u = 0; u < U; u++) {
      const ps = model.pairsByUnit[u]!;
      if (!ps.length) continue;
      const first = new Map<number, number>();
      for (const { c, a } of model.pairs.cons(ps[0]!)) if (candidate[c]) first.set(c, a);
      for (const p of ps) {
        const cons = model.pairs.cons(p);
        for (const { c, a } of cons) if (candidate[c] && first.get(c) !== a) candidate[c] = 0;
        for (const c of first.keys()) if (!cons.some((m) => m.c === c)) candidate[c] = 0;
      }
      for (const [c, a] of first) {
        if (a !== 1) candidate[c] = 0;
        members[c]!.push(u);
      }
    }
    // Families, greedily: limits by size (smallest first), each into the first family with which it
    // nests or is apart; a limit on no home with pairs is left out (it stops nothing here).
    const order = [...Array(K).keys()].filter((c) => candidate[c] && members[c]!.length > 0).sort((a, b) => members[a]!.length - members[b]!.length || a - b);
    // Per family: its limits, each unit's largest (top) and smallest (inner) limit met so far, each limit's parent.
    const families: { limits: number[]; top: Int32Array; inner: Int32Array; parent: Int32Array }[] = [];
    for (const c of order) {
      let placed = false;
      for (const f of families) {
        // Every set already met must lie inside this one: the tops of its units are all within it.
        const inside = new Set(members[c]);
        const tops = new Set<number>();
        for (const u of members[c]!) if (f.top[u]! >= 0) tops.add(f.top[u]!);
        let nests = true;
        for (const t of tops) if (!members[t]!.every((u) => inside.has(u))) nests = false;
        if (!nests) continue;
        for (const t of tops) f.parent[t] = c;
        for (const u of members[c]!) {
          if (f.top[u]! < 0) f.inner[u] = c;
          f.top[u] = c;
        }
        f.limits.push(c);
        placed = true;
        break;
      }
      if (!placed) {
        const f = { limits: [c], top: new Int32Array(U).fill(-1), inner: new Int32Array(U).fill(-1), parent: new Int32Array(K).fill(-1) };
        for (const u of members[c]!) f.top[u] = f.inner[u] = c;
        families.push(f);
      }
    }
    for (const f of families) this.families.push(new FamilyFlow(model, chosen, f.limits, f.parent, f.inner));
  }

  /**
   * False when client `ci` provably cannot be placed on one of `units` (unit indexes of the model)
   * with everyone of the proposal still placed, with hard limit `raise` one higher (or none: -1).
   * True means it may be possible.
   */
  mayJoin(units: ArrayLike<number>, raise = -1): boolean {
    if (units.length === 0) return false;
    for (const f of this.families) if (!f.augmentable(units, raise)) return false;
    return true;
  }
}

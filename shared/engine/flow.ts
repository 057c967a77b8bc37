// Min-cost flow by successive shortest paths with potentials (Dijkstra on reduced costs), for
// flows of free value: it augments while a path of negative cost exists. After solving, the
// potentials are a dual certificate: every residual arc has a non-negative reduced cost, which
// `certify` checks independently. Pure TypeScript, typed arrays for speed.

export class FlowNetwork {
  private n: number;
  private head: Int32Array;
  private to: number[] = [];
  private cap: number[] = [];
  private cost: number[] = [];
  private next: number[] = [];
  private baseCap: number[] = [];
  potential: Float64Array;
  /** Dijkstra phases run by the last solve() calls (diagnostics). */
  phases = 0;

  constructor(nodes: number) {
    this.n = nodes;
    this.head = new Int32Array(nodes).fill(-1);
    this.potential = new Float64Array(nodes);
  }

  get nodeCount(): number {
    return this.n;
  }

  /** Adds an arc and its residual twin; returns the arc's id (the twin is id ^ 1). */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    const id = this.to.length;
    this.to.push(to, from);
    this.cap.push(capacity, 0);
    this.baseCap.push(capacity, 0);
    this.cost.push(cost, -cost);
    this.next.push(this.head[from]!, this.head[to]!);
    this.head[from] = id;
    this.head[to] = id + 1;
    return id;
  }

  /** Changes an arc's capacity and cost (the flow must be reset before solving again). */
  setArc(arc: number, capacity: number, cost: number): void {
    this.baseCap[arc] = capacity;
    this.cost[arc] = cost;
    this.cost[arc ^ 1] = -cost;
  }

  /** Removes all flow: every arc back to its set capacity. */
  reset(): void {
    for (let a = 0; a < this.cap.length; a++) this.cap[a] = this.baseCap[a]!;
  }

  flowOn(arc: number): number {
    return this.cap[arc ^ 1]!;
  }

  /**
   * Initial potentials for a network whose arcs go forward in the given topological order of
   * nodes (all arcs from earlier to later nodes): shortest distances from the source.
   */
  initPotentialsTopological(order: ArrayLike<number>, source: number): void {
    const INF = Number.POSITIVE_INFINITY;
    const dist = new Float64Array(this.n).fill(INF);
    dist[source] = 0;
    for (let i = 0; i < order.length; i++) {
      const v = order[i]!;
      const dv = dist[v]!;
      if (dv === INF) continue;
      for (let a = this.head[v]!; a !== -1; a = this.next[a]!) {
        if (this.cap[a]! <= 0) continue;
        const w = this.to[a]!;
        const nd = dv + this.cost[a]!;
        if (nd < dist[w]!) dist[w] = nd;
      }
    }
    // Nodes the source cannot reach get the largest finite distance: arcs into them stay non-negative.
    let max = 0;
    for (let v = 0; v < this.n; v++) if (dist[v]! !== INF && dist[v]! > max) max = dist[v]!;
    for (let v = 0; v < this.n; v++) this.potential[v] = dist[v]! === INF ? max : dist[v]!;
  }

  /**
   * Augments one unit at a time along shortest paths from s to t while the path's true cost is
   * negative. Returns the number of units sent.
   */
  solve(s: number, t: number, maxUnits = Number.POSITIVE_INFINITY): number {
    const n = this.n;
    const INF = Number.POSITIVE_INFINITY;
    const dist = new Float64Array(n);
    const prevArc = new Int32Array(n);
    const done = new Uint8Array(n);
    const heap = new MinHeap(n);
    const pot = this.potential;
    // Typed copies of the arc lists for the hot loop; capacities are written back at the end.
    const head = this.head;
    const next = Int32Array.from(this.next);
    const to = Int32Array.from(this.to);
    const cost = Float64Array.from(this.cost);
    const cap = Int32Array.from(this.cap);

    // Nodes fed straight by the source ("free" while their source arc has room). Their potential
    // never changes while free, so for every node they reach, the order of the arcs from free nodes
    // is fixed: keep them sorted and walk a pointer past nodes that stopped being free. A phase
    // then starts from these best arcs instead of scanning every free node's arcs again.
    const srcArc = new Int32Array(n).fill(-1);
    for (let a = head[s]!; a !== -1; a = next[a]!) if (cap[a]! > 0) srcArc[to[a]!] = a;
    const entryCount = new Int32Array(n + 1);
    const freeNodes: number[] = [];
    for (let v = 0; v < n; v++) {
      if (srcArc[v]! < 0) continue;
      freeNodes.push(v);
      for (let a = head[v]!; a !== -1; a = next[a]!) if (cap[a]! > 0 && to[a]! !== s) entryCount[to[a]! + 1]!++;
    }
    for (let v = 0; v < n; v++) entryCount[v + 1] = entryCount[v + 1]! + entryCount[v]!;
    const entryArc = new Int32Array(entryCount[n]!);
    const fillAt = entryCount.slice(0, n);
    for (const v of freeNodes) {
      for (let a = head[v]!; a !== -1; a = next[a]!) if (cap[a]! > 0 && to[a]! !== s) entryArc[fillAt[to[a]!]!++] = a;
    }
    const key = (a: number) => cost[a]! + pot[to[a ^ 1]!]!;
    const targets: number[] = [];
    for (let w = 0; w < n; w++) {
      const from = entryCount[w]!;
      const till = entryCount[w + 1]!;
      if (till === from) continue;
      targets.push(w);
      const slice = Array.from(entryArc.subarray(from, till)).sort((a, b) => key(a) - key(b) || a - b);
      entryArc.set(slice, from);
    }
    const ptr = entryCount.slice(0, n);

    let sent = 0;
    while (sent < maxUnits) {
      dist.fill(INF);
      prevArc.fill(-1);
      done.fill(0);
      heap.clear();
      dist[s] = 0;
      done[s] = 1;
      for (const v of freeNodes) {
        const a = srcArc[v]!;
        if (cap[a]! <= 0) continue;
        done[v] = 1;
        dist[v] = Math.max(0, cost[a]! + pot[s]! - pot[v]!);
        prevArc[v] = a;
      }
      // Relax the arcs leaving s's other children normally (none in a round's network).
      for (let a = head[s]!; a !== -1; a = next[a]!) {
        const w = to[a]!;
        if (cap[a]! <= 0 || done[w] || srcArc[w]! >= 0) continue;
        const nd = Math.max(0, cost[a]! + pot[s]! - pot[w]!);
        if (nd < dist[w]!) {
          dist[w] = nd;
          prevArc[w] = a;
          heap.push(w, nd);
        }
      }
      for (const w of targets) {
        let i = ptr[w]!;
        const till = entryCount[w + 1]!;
        while (i < till) {
          const a = entryArc[i]!;
          if (cap[a]! > 0 && cap[srcArc[to[a ^ 1]!]!]! > 0) break;
          i++;
        }
        ptr[w] = i;
        if (i === till || done[w]) continue;
        const a = entryArc[i]!;
        const v = to[a ^ 1]!;
        const nd = dist[v]! + Math.max(0, cost[a]! + pot[v]! - pot[w]!);
        if (nd < dist[w]!) {
          dist[w] = nd;
          prevArc[w] = a;
          heap.push(w, nd);
        }
      }
      let dt = INF;
      while (heap.size > 0) {
        const v = heap.pop();
        if (done[v]) continue;
        done[v] = 1;
        if (v === t) {
          dt = dist[v]!;
          break;
        }
        const dv = dist[v]!;
        const pv = pot[v]!;
        for (let a = head[v]!; a !== -1; a = next[a]!) {
          if (cap[a]! <= 0) continue;
          const w = to[a]!;
          if (done[w]) continue;
          let rc = cost[a]! + pv - pot[w]!;
          if (rc < 0) rc = 0; // rounding noise only: reduced costs are non-negative by invariant
          const nd = dv + rc;
          if (nd < dist[w]!) {
            dist[w] = nd;
            prevArc[w] = a;
            heap.push(w, nd);
          }
        }
      }
      // Keep reduced costs non-negative: settled nodes move by their distance, the rest by dt.
      // When t is unreachable, unsettled nodes move by at least the largest settled distance
      // (and far enough that p[t] >= p[s]): arcs into settled nodes stay non-negative.
      if (dt === INF) {
        let maxD = 0;
        for (let v = 0; v < n; v++) if (done[v] && dist[v]! > maxD) maxD = dist[v]!;
        const shift = Math.max(maxD, pot[s]! - pot[t]!, 0);
        for (let v = 0; v < n; v++) pot[v] = pot[v]! + (done[v] ? dist[v]! : shift);
        break;
      }
      for (let v = 0; v < n; v++) pot[v] = pot[v]! + (done[v] ? dist[v]! : dt);
      // True cost of a shortest path is now pot[t] - pot[s]; stop once no path gains anything.
      if (pot[t]! - pot[s]! >= -1e-9) break;
      for (let v = t; v !== s; ) {
        const a = prevArc[v]!;
        cap[a] = cap[a]! - 1;
        cap[a ^ 1] = cap[a ^ 1]! + 1;
        v = to[a ^ 1]!;
      }
      this.phases++;
      sent++;
    }
    for (let a = 0; a < cap.length; a++) this.cap[a] = cap[a]!;
    return sent;
  }

  /** Total cost of the current flow. */
  totalCost(): number {
    let c = 0;
    for (let a = 0; a < this.to.length; a += 2) c += this.cap[a + 1]! * this.cost[a]!;
    return c;
  }

  /**
   * Checks optimality independently: with potentials p, every residual arc (cap > 0) must have
   * reduced cost >= -tol, and no s-t path may have negative cost (p[t] - p[s] >= -tol, which with
   * the arc condition rules out a negative cycle through the return arc t->s). Returns the worst
   * violation found (0 when certified).
   */
  certify(s: number, t: number, tol = 1e-7): number {
    let worst = 0;
    const pot = this.potential;
    for (let a = 0; a < this.to.length; a++) {
      if (this.cap[a]! <= 0) continue;
      const from = this.to[a ^ 1]!;
      const rc = this.cost[a]! + pot[from]! - pot[this.to[a]!]!;
      if (rc < -tol && -rc > worst) worst = -rc;
    }
    const ret = pot[t]! - pot[s]!;
    if (ret < -tol && -ret > worst) worst = -ret;
    return worst;
  }
}

class MinHeap {
  private keys: Float64Array;
  private vals: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(16, capacity * 4));
    this.vals = new Int32Array(Math.max(16, capacity * 4));
  }
  clear(): void {
    this.size = 0;
  }
  push(v: number, k: number): void {
    if (this.size === this.keys.length) {
      const nk = new Float64Array(this.keys.length * 2);
      nk.set(this.keys);
      const nv = new Int32Array(this.vals.length * 2);
      nv.set(this.vals);
      this.keys = nk;
      this.vals = nv;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = this.keys[p]!;
      // Ties by node number: the same input always takes the same path.
      if (pk < k || (pk === k && this.vals[p]! <= v)) break;
      this.keys[i] = pk;
      this.vals[i] = this.vals[p]!;
      i = p;
    }
    this.keys[i] = k;
    this.vals[i] = v;
  }
  pop(): number {
    const top = this.vals[0]!;
    const k = this.keys[--this.size]!;
    const v = this.vals[this.size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      const r = c + 1;
      if (r < this.size && (this.keys[r]! < this.keys[c]! || (this.keys[r]! === this.keys[c]! && this.vals[r]! < this.vals[c]!))) c = r;
      if (this.keys[c]! > k || (this.keys[c]! === k && this.vals[c]! >= v)) break;
      this.keys[i] = this.keys[c]!;
      this.vals[i] = this.vals[c]!;
      i = c;
    }
    this.keys[i] = k;
    this.vals[i] = v;
    return top;
  }
}

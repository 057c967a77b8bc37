// Cutting-plane model of the Lagrangian dual for the constraints the flow cannot carry (quotas,
// the exchange band): every flow solution found gives a linear lower estimate of the dual
// function; the next multipliers minimise that model inside a trust region. The small LP is solved
// through its dual, which starts feasible at the origin, by a dense simplex that falls back to
// Bland's rule when it stalls (so it cannot cycle; javascript-lp-solver was seen to cycle on these
// degenerate models). Pure TypeScript.

interface Cut {
  /** Raw value of the flow solution (constants included). */
  value: number;
  /** Per priced constraint: room minus use (b' - A x). */
  slope: Float64Array;
}

const EPS = 1e-9;

export class DualMaster {
  private cuts: Cut[] = [];

  constructor(private upper: Float64Array) {}

  get size(): number {
    return this.upper.length;
  }

  addCut(value: number, slope: Float64Array): void {
    this.cuts.push({ value, slope: Float64Array.from(slope) });
  }

  /** The cut model's value at lambda: a lower bound on the dual function there. */
  model(lambda: Float64Array): number {
    let best = Number.NEGATIVE_INFINITY;
    for (const c of this.cuts) {
      let v = c.value;
      for (let k = 0; k < lambda.length; k++) v += lambda[k]! * c.slope[k]!;
      if (v > best) best = v;
    }
    return best;
  }

  /**
   * Minimises the cut model over the box [center - delta, center + delta] (within [0, upper]).
   * Returns the multipliers, the model's value there, and whether the box limited the step.
   */
  next(center: Float64Array, delta: number): { lambda: Float64Array; predicted: number; boxed: boolean } | null {
    const K = this.size;
    const J = this.cuts.length;
    if (J === 0) return null;
    const lo = new Float64Array(K);
    const hi = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      lo[k] = Math.max(0, center[k]! - delta);
      hi[k] = Math.min(this.upper[k]!, center[k]! + delta);
    }
    // Shift to non-negative variables: theta = T0 + theta', lambda = lo + mu, 0 <= mu <= hi - lo.
    let T0 = Number.NEGATIVE_INFINITY;
    for (const c of this.cuts) {
      let v = c.value;
      for (let k = 0; k < K; k++) v += Math.min(lo[k]! * c.slope[k]!, hi[k]! * c.slope[k]!);
      T0 = Math.max(T0, v);
    }
    const r = this.cuts.map((c) => {
      let v = c.value - T0;
      for (let k = 0; k < K; k++) v += lo[k]! * c.slope[k]!;
      return v;
    });
    // Primal:  min theta'  s.t. theta' - sum_k s_jk mu_k >= r_j (all j), mu_k <= u_k.
    // Dual:    max sum_j r_j y_j - sum_k u_k z_k  s.t. sum_j y_j <= 1,
    //          -sum_j s_jk y_j - z_k <= 0 (all k), y, z >= 0.   The origin is feasible.
    // Columns: y_0..y_{J-1}, z_0..z_{K-1}, slacks e_0 (row 0), e_1..e_K (rows 1..K).
    const rows = 1 + K;
    const cols = J + K + rows;
    const width = cols + 1;
    const T = new Float64Array((rows + 1) * width); // last row: objective (reduced costs)
    const at = (i: number, j: number) => i * width + j;
    for (let j = 0; j < J; j++) T[at(0, j)] = 1;
    T[at(0, cols)] = 1;
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < J; j++) T[at(1 + k, j)] = -this.cuts[j]!.slope[k]!;
      T[at(1 + k, J + k)] = -1;
    }
    for (let i = 0; i < rows; i++) T[at(i, J + K + i)] = 1;
    const obj = rows;
    for (let j = 0; j < J; j++) T[at(obj, j)] = -r[j]!;
    for (let k = 0; k < K; k++) T[at(obj, J + k)] = hi[k]! - lo[k]!;
    const basis = Array.from({ length: rows }, (_, i) => J + K + i);
    let degenerate = 0;
    for (let iter = 0; iter < 20_000; iter++) {
      // Dantzig's rule (most negative reduced cost) while it makes progress; after a run of
      // degenerate pivots, Bland's rule (lowest index), which cannot cycle.
      const bland = degenerate > 50;
      let enter = -1;
      let most = -EPS;
      for (let j = 0; j < cols; j++) {
        const d = T[at(obj, j)]!;
        if (d < most) {
          enter = j;
          if (bland) break;
          most = d;
        }
      }
      if (enter < 0) break;
      let leave = -1;
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < rows; i++) {
        const a = T[at(i, enter)]!;
        if (a <= EPS) continue;
        const ratio = T[at(i, cols)]! / a;
        if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && leave >= 0 && basis[i]! < basis[leave]!)) {
          best = ratio;
          leave = i;
        }
      }
      if (leave < 0) return null; // unbounded: cannot happen (sum of y <= 1, z costs >= 0)
      degenerate = best <= EPS ? degenerate + 1 : 0;
      const lrow = leave * width;
      const p = T[lrow + enter]!;
      // Only the pivot row's non-zero columns change the other rows.
      const nz: number[] = [];
      for (let j = 0; j <= cols; j++) {
        const v = T[lrow + j]! / p;
        T[lrow + j] = v;
        if (v !== 0) nz.push(j);
      }
      for (let i = 0; i <= rows; i++) {
        if (i === leave) continue;
        const row = i * width;
        const f = T[row + enter]!;
        if (f === 0) continue;
        for (const j of nz) T[row + j] = T[row + j]! - f * T[lrow + j]!;
      }
      basis[leave] = enter;
    }
    // The primal values are the duals of (D): the reduced costs of the slack columns.
    const lambda = new Float64Array(K);
    let boxed = false;
    for (let k = 0; k < K; k++) {
      const mu = Math.max(0, T[at(obj, J + K + 1 + k)]!);
      lambda[k] = Math.min(hi[k]!, lo[k]! + mu);
      if ((hi[k]! < this.upper[k]! && lambda[k]! >= hi[k]! - 1e-9) || (lo[k]! > 0 && lambda[k]! <= lo[k]! + 1e-9)) boxed = true;
    }
    // The model's value is recomputed from the cuts rather than read off the tableau.
    return { lambda, predicted: this.model(lambda), boxed };
  }
}

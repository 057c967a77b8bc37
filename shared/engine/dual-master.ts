// Cutting-plane model of the Lagrangian dual for the constraints the flow cannot carry (quotas,
// the exchange band): every flow solution found gives a linear lower estimate of the dual
// function; the next multipliers minimise that model inside a trust region (a small LP solved by
// javascript-lp-solver). Converges in far fewer solves than plain subgradient steps. Pure TypeScript.
import solver from 'javascript-lp-solver';

interface Cut {
  /** Raw value of the flow solution (constants included). */
  value: number;
  /** Per priced constraint: room minus use (b' - A x). */
  slope: Float64Array;
}

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
    const constraints: Record<string, { min?: number; max?: number }> = {};
    const variables: Record<string, Record<string, number>> = { theta: { obj: 1 } };
    this.cuts.forEach((c, j) => {
      constraints[`cut${j}`] = { min: c.value };
      variables.theta![`cut${j}`] = 1;
    });
    const lo = new Float64Array(K);
    const hi = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      lo[k] = Math.max(0, center[k]! - delta);
      hi[k] = Math.min(this.upper[k]!, center[k]! + delta);
      const v: Record<string, number> = { obj: 0, [`hi${k}`]: 1 };
      this.cuts.forEach((c, j) => {
        if (c.slope[k] !== 0) v[`cut${j}`] = -c.slope[k]!;
      });
      constraints[`hi${k}`] = { max: hi[k]! };
      if (lo[k]! > 0) {
        constraints[`lo${k}`] = { min: lo[k]! };
        v[`lo${k}`] = 1;
      }
      variables[`l${k}`] = v;
    }
    const r = solver.Solve({ optimize: 'obj', opType: 'min', constraints, variables, unrestricted: { theta: 1 } }) as Record<
      string,
      number | boolean | undefined
    >;
    if (!r || r.feasible !== true || r.bounded === false) return null;
    const lambda = new Float64Array(K);
    let boxed = false;
    for (let k = 0; k < K; k++) {
      const v = r[`l${k}`];
      lambda[k] = Math.min(hi[k]!, Math.max(lo[k]!, typeof v === 'number' ? v : 0));
      if ((hi[k]! < this.upper[k]! && lambda[k]! >= hi[k]! - 1e-9) || (lo[k]! > 0 && lambda[k]! <= lo[k]! + 1e-9)) boxed = true;
    }
    // Recompute the model's value ourselves rather than trusting the reported objective.
    return { lambda, predicted: this.model(lambda), boxed };
  }
}

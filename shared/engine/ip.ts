// The exact step's interface: the round's integer program over a given set of pairs, solved by a
// general MIP solver behind one interface. `javascriptLpSolver` (pure JavaScript, no deadline it
// can keep, seen to return a wrong optimum silently) is the fallback; the backend passes HiGHS
// (WebAssembly, see highs-ip.ts), which is exact, stops at a deadline and reports its bound.
// Every answer is only a candidate: the caller re-evaluates it from scratch. Pure TypeScript.
import solver from 'javascript-lp-solver';
import type { RoundModel } from './model';

export interface IpRequest {
  /** Pair indexes that may be chosen (locked pairs and pairs clashing with a lock are ignored). */
  pairs: number[];
  /** Clock time (performance.now()) by which the solver must have returned. */
  deadline: number;
  /** A feasible answer to start from (free pairs only), or null. */
  incumbent: number[] | null;
  /**
   * Optional: clients that must be placed (their row at one, not at most one). A solver that supports
   * it says 'infeasible' when no answer places them all; one that does not (javascript-lp-solver)
   * answers 'failed' without solving.
   */
  forced?: readonly number[];
}

export interface IpOutcome {
  /** Chosen free pairs (locks excluded), or null when the solver found nothing usable. */
  chosen: number[] | null;
  /**
   * 'optimal': `chosen` is optimal over the given pairs; 'stopped': the deadline came first;
   * 'infeasible' (only with `forced`): proven that no answer over the given pairs places them all.
   */
  status: 'optimal' | 'stopped' | 'failed' | 'infeasible';
  /**
   * An upper bound on the round total (locks included) over the given pairs, or null when the
   * solver gives none. Only trusted from a solver that proves its bounds (HiGHS).
   */
  bound: number | null;
  message?: string;
}

export interface IntegerSolver {
  readonly name: string;
  solve(model: RoundModel, request: IpRequest): IpOutcome;
}

export const clock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** The free pairs of a request: no locked pair, no pair whose client or unit a lock already took. */
export function freePairs(model: RoundModel, pairs: number[]): number[] {
  const { client, unit } = model.pairs;
  const lockedClients = new Set(model.locked.map((p) => client[p]!));
  const lockedUnits = new Set(model.locked.map((p) => unit[p]!));
  return pairs.filter((p) => !lockedClients.has(client[p]!) && !lockedUnits.has(unit[p]!));
}

/** Each constraint's use by the locked pairs. */
export function lockedUseOf(model: RoundModel): Float64Array {
  const use = new Float64Array(model.constraints.length);
  for (const p of model.locked) for (const { c, a } of model.pairs.cons(p)) use[c] = use[c]! + a;
  return use;
}

/** javascript-lp-solver: kept as the fallback for callers that pass no solver (no bound, no deadline inside a pivot). */
export const javascriptLpSolver: IntegerSolver = {
  name: 'javascript-lp-solver',
  solve(model, { pairs, deadline, forced }) {
    if (forced?.length) return { chosen: null, status: 'failed', bound: null, message: 'verplichte plaatsingen niet ondersteund' };
    const lockedUse = lockedUseOf(model);
    const constraints: Record<string, { max: number }> = {};
    const variables: Record<string, Record<string, number>> = {};
    const binaries: Record<string, 1> = {};
    const used = new Set<number>();
    for (const p of freePairs(model, pairs)) {
      const pair = model.pairs.at(p);
      const v: Record<string, number> = { score: pair.score, [`c${pair.client}`]: 1, [`u${pair.unit}`]: 1 };
      constraints[`c${pair.client}`] = { max: 1 };
      constraints[`u${pair.unit}`] = { max: 1 };
      for (const { c, a } of pair.cons) {
        v[`k${c}`] = a;
        used.add(c);
      }
      variables[`x${p}`] = v;
      binaries[`x${p}`] = 1;
    }
    for (const c of used) {
      const k = model.constraints[c]!;
      constraints[`k${c}`] = { max: k.rhs - lockedUse[c]! };
      if (!k.hard) variables[`s${c}`] = { score: -k.penalty, [`k${c}`]: -1 };
    }
    if (!Object.keys(binaries).length) return { chosen: [], status: 'optimal', bound: null };
    const timeout = Math.max(10, Math.floor(deadline - clock()));
    const result = solver.Solve({ optimize: 'score', opType: 'max', constraints, variables, binaries, options: { timeout, tolerance: 0 } }) as Record<
      string,
      number | boolean | undefined
    >;
    if (!result || result.feasible !== true) return { chosen: null, status: 'failed', bound: null, message: 'geen toegelaten oplossing gevonden' };
    const chosen: number[] = [];
    for (const [name, value] of Object.entries(result)) {
      if (name.startsWith('x') && typeof value === 'number' && value > 0.5) chosen.push(Number(name.slice(1)));
    }
    // Its word on optimality is not trusted (it stops at the timeout without saying so).
    return { chosen: chosen.sort((a, b) => a - b), status: 'stopped', bound: null };
  },
};

/**
 * The round's LP relaxation, kept open between solves so that columns can be added and the last
 * basis reused (column generation). Rows: one per client, one per unit, one per round constraint
 * (right-hand side less the locks' use; a soft constraint has a slack column at its penalty).
 */
export interface Relaxation {
  /** Adds pair columns (each pair at most once). */
  add(pairs: ArrayLike<number>): void;
  /**
   * Solves the LP as it stands, from the last basis. 'stopped' when the deadline came first, null
   * when the solver failed. `x` follows the order in which pairs were added; the duals are per row family.
   */
  solve(deadline: number): RelaxationAnswer | 'stopped' | null;
  dispose(): void;
  /**
   * Optional, for solving the same round again with small edits from the last basis (counterfactual.ts):
   * new objective coefficients for pair columns already added, and a round constraint's right-hand
   * side (less the locks' use, as at `open`).
   */
  setCosts?(pairs: ArrayLike<number>, costs: ArrayLike<number>): void;
  setRoom?(constraint: number, room: number): void;
}

export interface RelaxationAnswer {
  /** Pair columns' values, in the order the pairs were added. */
  x: Float64Array;
  /** Row duals (raw: the caller clamps them before it trusts a bound on them). */
  clientDual: Float64Array;
  unitDual: Float64Array;
  constraintDual: Float64Array;
}

export interface RelaxationSolver {
  readonly name: string;
  open(model: RoundModel, lockedUse: Float64Array): Relaxation;
}

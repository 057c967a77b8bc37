// The re-solves of "what it would take" (counterfactual.ts) on one LP kept open: the round with one
// client's pairs given a bonus (placed if anyhow possible), perhaps with one hard limit one higher,
// asked again for client after client. Each question edits the LP (the client's costs, the limit's
// right-hand side) and solves from the last basis, with column generation as in lp-solve.ts; the
// edits are undone after it. Answers are exact or none: a bound of our own making from the duals
// (as lp-solve.ts) says when no answer reaches the caller's cutoff, and an LP optimum that is
// integral, checked by evaluate() and matched by that bound, is the proven optimum. Anything else
// (a fractional optimum, the clock) is left to the full re-solve. Pure TypeScript.
import { gapClosed, boundInHundredths } from './answer';
import { evaluate } from './evaluate';
import { type Relaxation, type RelaxationSolver, clock } from './ip';
import type { RoundModel } from './model';
import { topByValue } from './top';

/** Pairs per client and per unit in the first column set, and new columns per client per pricing round. */
const FIRST_COLUMNS = 4;
const COLUMNS_PER_CLIENT = 5;

export type PlacedLpAnswer =
  /** The bound proves that no answer reaches the cutoff. */
  | { kind: 'below' }
  /** The proven optimum (boosted scores), integral. */
  | { kind: 'optimal'; chosen: number[] }
  /** Not settled here (fractional, the clock, the solver): re-solve in full. */
  | { kind: 'unsure' };

export class PlacedLp {
  private readonly lp: Relaxation & Required<Pick<Relaxation, 'setCosts' | 'setRoom'>>;
  private readonly free: Uint8Array;
  private readonly takenC: Uint8Array;
  private readonly takenU: Uint8Array;
  private readonly room: Float64Array;
  private readonly lockedScore: number;
  private readonly inLp: Uint8Array;
  private readonly order: number[] = [];
  /** The current objective coefficient of every pair (the model's scores, plus a question's bonus). */
  private readonly cost: Float64Array;

  /** Null when the solver cannot edit an open LP. */
  static open(model: RoundModel, relaxation: RelaxationSolver): PlacedLp | null {
    const K = model.constraints.length;
    const lockedUse = new Float64Array(K);
    for (const p of model.locked) for (const { c, a } of model.pairs.cons(p)) lockedUse[c] = lockedUse[c]! + a;
    const lp = relaxation.open(model, lockedUse);
    if (!lp.setCosts || !lp.setRoom) {
      lp.dispose();
      return null;
    }
    return new PlacedLp(model, lp as PlacedLp['lp'], lockedUse);
  }

  private constructor(
    private readonly model: RoundModel,
    lp: PlacedLp['lp'],
    lockedUse: Float64Array,
  ) {
    this.lp = lp;
    const { client, unit, score } = model.pairs;
    const P = model.pairs.length;
    this.takenC = new Uint8Array(model.clients.length);
    this.takenU = new Uint8Array(model.units.length);
    let lockedScore = 0;
    for (const p of model.locked) {
      lockedScore += score[p]!;
      this.takenC[client[p]!] = 1;
      this.takenU[unit[p]!] = 1;
    }
    this.lockedScore = lockedScore;
    this.free = new Uint8Array(P);
    for (let p = 0; p < P; p++) this.free[p] = this.takenC[client[p]!] || this.takenU[unit[p]!] ? 0 : 1;
    this.room = Float64Array.from(model.constraints, (k) => k.rhs - lockedUse[k.index]!);
    this.inLp = new Uint8Array(P);
    this.cost = Float64Array.from(score);
    const first: number[] = [];
    const top = (list: ArrayLike<number>) => topByValue(list, FIRST_COLUMNS, (p) => score[p]!, (p) => this.free[p] === 1, first);
    for (const list of model.pairsByClient) top(list);
    for (const list of model.pairsByUnit) top(list);
    this.add(first);
  }

  private add(pairs: readonly number[]): void {
    const fresh: number[] = [];
    for (const p of pairs) {
      if (!this.free[p] || this.inLp[p]) continue;
      this.inLp[p] = 1;
      fresh.push(p);
    }
    if (!fresh.length) return;
    this.order.push(...fresh);
    this.lp.add(fresh);
    // A column joins at the model's score: give it the question's cost where that differs.
    const edited = fresh.filter((p) => this.cost[p] !== this.model.pairs.score[p]);
    if (edited.length) this.lp.setCosts(edited, edited.map((p) => this.cost[p]!));
  }

  /**
   * The round with `bonus` added to each pair of client `ci` and, unless -1, hard limit `raise` one
   * higher, for the best total. `start`: answers the caller knows to be feasible then (their pairs
   * join the LP first); `cutoff`: a total the caller needs.
   */
  solve(ci: number, bonus: number, raise: number, deadline: number, cutoff: number, start: readonly number[] = []): PlacedLpAnswer {
    const { model, lp, cost } = this;
    const { client, unit, list, listStart, consRow, consCoef } = model.pairs;
    const mine = Array.from(model.pairsByClient[ci]!).filter((p) => this.free[p]);
    for (const p of mine) cost[p] = model.pairs.score[p]! + bonus;
    const inMine = mine.filter((p) => this.inLp[p]);
    if (inMine.length) lp.setCosts(inMine, inMine.map((p) => cost[p]!));
    const room = Float64Array.from(this.room);
    if (raise >= 0) {
      room[raise] = room[raise]! + 1;
      lp.setRoom(raise, room[raise]!);
    }
    try {
      this.add([...start, ...topByValue(mine, FIRST_COLUMNS, (p) => cost[p]!, () => true)]);
      const C = model.clients.length;
      const U = model.units.length;
      const K = model.constraints.length;
      const P = model.pairs.length;
      const yC = new Float64Array(C);
      const yU = new Float64Array(U);
      const yK = new Float64Array(K);
      const rc = new Float64Array(P);
      let bound = Number.POSITIVE_INFINITY;
      for (;;) {
        if (clock() >= deadline) return { kind: 'unsure' };
        const answer = lp.solve(deadline);
        if (!answer || answer === 'stopped') return { kind: 'unsure' };
        // A bound valid over every pair, as lp-solve.ts makes it: duals clamped to their signs (and a
        // soft row's to its penalty), plus every pair's positive reduced cost.
        for (let c = 0; c < C; c++) yC[c] = this.takenC[c] ? 0 : Math.max(0, answer.clientDual[c]!);
        for (let u = 0; u < U; u++) yU[u] = this.takenU[u] ? 0 : Math.max(0, answer.unitDual[u]!);
        for (const k of model.constraints) {
          const y = Math.max(0, answer.constraintDual[k.index]!);
          yK[k.index] = k.hard ? y : Math.min(y, k.penalty);
        }
        let b = this.lockedScore;
        for (let c = 0; c < C; c++) b += yC[c]!;
        for (let u = 0; u < U; u++) b += yU[u]!;
        for (let k = 0; k < K; k++) b += yK[k]! * room[k]!;
        for (let p = 0; p < P; p++) {
          if (!this.free[p]) continue;
          let r = cost[p]! - yC[client[p]!]! - yU[unit[p]!]!;
          const l = list[p]!;
          for (let i = listStart[l]!; i < listStart[l + 1]!; i++) r -= yK[consRow[i]!]! * consCoef[i]!;
          rc[p] = r;
          if (r > 0) b += r;
        }
        bound = Math.min(bound, b);
        if (bound < cutoff) return { kind: 'below' };
        const fresh: number[] = [];
        for (let c = 0; c < C; c++) {
          if (!this.takenC[c]) topByValue(model.pairsByClient[c]!, COLUMNS_PER_CLIENT, (p) => rc[p]!, (p) => this.free[p] === 1 && !this.inLp[p] && rc[p]! > 1e-7, fresh);
        }
        if (fresh.length) {
          this.add(fresh);
          continue;
        }
        // Converged: integral, feasible and matched by the bound, or not settled here.
        const chosen = [...model.locked];
        for (let j = 0; j < this.order.length; j++) {
          const x = answer.x[j]!;
          if (x > 1e-6 && x < 1 - 1e-6) return { kind: 'unsure' };
          if (x > 0.5) chosen.push(this.order[j]!);
        }
        const changed: RoundModel = {
          ...model,
          pairs: model.pairs.withScores(Float64Array.from(cost)),
          constraints: raise >= 0 ? model.constraints.map((k) => (k.index === raise ? { ...k, rhs: k.rhs + 1 } : k)) : model.constraints,
        };
        const ev = evaluate(changed, chosen);
        if (!ev.feasible || !gapClosed(boundInHundredths(bound), ev.total)) return { kind: 'unsure' };
        return { kind: 'optimal', chosen };
      }
    } finally {
      for (const p of mine) cost[p] = model.pairs.score[p]!;
      const back = mine.filter((p) => this.inLp[p]);
      if (back.length) lp.setCosts(back, back.map((p) => cost[p]!));
      if (raise >= 0) lp.setRoom(raise, this.room[raise]!);
    }
  }

  dispose(): void {
    this.lp.dispose();
  }
}

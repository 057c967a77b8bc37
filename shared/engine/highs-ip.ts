// The exact step on HiGHS (the `highs` package: MIT, the HiGHS MIP solver compiled to
// WebAssembly). The round's integer program over the given pairs goes in as sparse columns, with
// the incumbent as a start; HiGHS stops at the deadline (its own time limit, and an interrupt
// that watches our clock) and reports its proven bound. Loading the runtime is asynchronous, so
// the caller loads it and hands the loaded runtime in. Pure TypeScript (types only from `highs`).
import type { Highs } from 'highs';
import { type IntegerSolver, type IpOutcome, type IpRequest, type Relaxation, type RelaxationSolver, clock, freePairs, lockedUseOf } from './ip';
import type { RoundModel } from './model';

export function highsIntegerSolver(highs: Highs): IntegerSolver {
  return { name: 'HiGHS', solve: (model, request) => solveWithHighs(highs, model, request) };
}

function solveWithHighs(highs: Highs, model: RoundModel, { pairs, deadline, incumbent, forced = [] }: IpRequest): IpOutcome {
  const free = freePairs(model, pairs);
  const lockedUse = lockedUseOf(model);
  let lockedScore = 0;
  for (const p of model.locked) lockedScore += model.pairs.score[p]!;
  const lockedClients = new Set(model.locked.map((p) => model.pairs.client[p]!));
  const mustPlace = forced.filter((c) => !lockedClients.has(c));
  if (!free.length) return mustPlace.length ? { chosen: null, status: 'infeasible', bound: null } : { chosen: [], status: 'optimal', bound: lockedScore + softFloor(model, lockedUse) };

  // Rows: one per client, one per unit, one per round constraint the pairs touch.
  const clientRow = new Map<number, number>();
  const unitRow = new Map<number, number>();
  const consRow = new Map<number, number>();
  let rows = 0;
  const { client, unit, score } = model.pairs;
  for (const p of free) {
    if (!clientRow.has(client[p]!)) clientRow.set(client[p]!, rows++);
    if (!unitRow.has(unit[p]!)) unitRow.set(unit[p]!, rows++);
    for (const { c } of model.pairs.cons(p)) if (!consRow.has(c)) consRow.set(c, rows++);
  }
  // Soft constraints get a slack column each (cost: minus the penalty per unit over).
  const soft = [...consRow.keys()].filter((c) => !model.constraints[c]!.hard);
  const cols = free.length + soft.length;
  const colCost = new Float64Array(cols);
  const colUpper = new Float64Array(cols);
  const integrality = new Int32Array(cols);
  const starts = new Int32Array(cols + 1);
  const indices: number[] = [];
  const values: number[] = [];
  free.forEach((p, j) => {
    colCost[j] = score[p]!;
    colUpper[j] = 1;
    integrality[j] = 1;
    indices.push(clientRow.get(client[p]!)!, unitRow.get(unit[p]!)!);
    values.push(1, 1);
    for (const { c, a } of model.pairs.cons(p)) {
      indices.push(consRow.get(c)!);
      values.push(a);
    }
    starts[j + 1] = indices.length;
  });
  soft.forEach((c, i) => {
    const j = free.length + i;
    colCost[j] = -model.constraints[c]!.penalty;
    colUpper[j] = highs.infinity;
    indices.push(consRow.get(c)!);
    values.push(-1);
    starts[j + 1] = indices.length;
  });
  const rowUpper = new Float64Array(rows).fill(1);
  for (const [c, r] of consRow) rowUpper[r] = model.constraints[c]!.rhs - lockedUse[c]!;
  const rowLower = new Float64Array(rows).fill(-highs.infinity);
  for (const c of mustPlace) {
    const r = clientRow.get(c);
    if (r === undefined) return { chosen: null, status: 'infeasible', bound: null };
    rowLower[r] = 1;
  }
  // Locks alone over a soft cap the free pairs do not touch: a fixed penalty.
  const offset = lockedScore + softFloor(model, lockedUse, consRow);

  const lp = highs.createModel({
    numCols: cols,
    numRows: rows,
    sense: highs.constants.objectiveSense.maximize,
    offset,
    colCost,
    colLower: new Float64Array(cols),
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows: rows, numCols: cols, starts, indices: Int32Array.from(indices), values: Float64Array.from(values) },
    integrality,
  });
  try {
    const seconds = Math.max(0.01, (deadline - clock()) / 1000);
    // Scores are in hundredths: a gap below 0.005 already proves the total. No relative gap.
    lp.options.set({ output_flag: false, time_limit: seconds, mip_rel_gap: 0, mip_abs_gap: 0.001 } as never);
    if (incumbent?.length) {
      const start = new Float64Array(cols);
      const position = new Map(free.map((p, j) => [p, j]));
      const use = new Map<number, number>();
      for (const p of incumbent) {
        const j = position.get(p);
        if (j !== undefined) start[j] = 1;
        for (const { c, a } of model.pairs.cons(p)) use.set(c, (use.get(c) ?? 0) + a);
      }
      soft.forEach((c, i) => (start[free.length + i] = Math.max(0, (use.get(c) ?? 0) - rowUpper[consRow.get(c)!]!)));
      lp.setSolution({ colValue: start });
    }
    let interrupted = false;
    // The MIP's own checkpoints, and the simplex's inside its LP solves (a large root LP).
    const stop = (event: { interrupt(): void }): undefined => {
      if (clock() >= deadline) {
        interrupted = true;
        event.interrupt();
      }
      return undefined;
    };
    lp.run({ [highs.constants.callbackType.mipInterrupt]: stop, [highs.constants.callbackType.simplexInterrupt]: stop });
    const status = lp.getModelStatus();
    const S = highs.constants.modelStatus;
    const optimal = status === S.optimal;
    let bound: number | null = null;
    try {
      const b = Number(lp.info.get('mip_dual_bound'));
      if (Number.isFinite(b)) bound = b;
    } catch {
      bound = null;
    }
    if (optimal) {
      const v = lp.getObjectiveValue();
      bound = bound === null ? v : Math.max(bound, v);
    }
    let chosen: number[] | null = null;
    try {
      const x = lp.getSolution().colValue;
      if (x.length === cols) {
        chosen = [];
        for (let j = 0; j < free.length; j++) if (x[j]! > 0.5) chosen.push(free[j]!);
      }
    } catch {
      chosen = null;
    }
    const stopped = interrupted || status === S.timeLimit || status === S.interrupted;
    if (mustPlace.length && status === S.infeasible) return { chosen: null, status: 'infeasible', bound: null };
    return {
      chosen,
      status: optimal ? 'optimal' : stopped ? 'stopped' : 'failed',
      bound,
      message: optimal || stopped ? undefined : `HiGHS-status ${status}`,
    };
  } finally {
    lp.dispose();
  }
}

/** The penalty locks alone already cost on soft constraints outside `touched` (0 or negative). */
function softFloor(model: RoundModel, lockedUse: Float64Array, touched: Map<number, number> = new Map()): number {
  let v = 0;
  for (const k of model.constraints) {
    if (k.hard || touched.has(k.index)) continue;
    const over = lockedUse[k.index]! - k.rhs;
    if (over > 0) v -= k.penalty * over;
  }
  return v;
}

/** The LP relaxation on HiGHS (dual simplex, warm started after each batch of new columns). */
export function highsRelaxation(highs: Highs): RelaxationSolver {
  return { name: 'HiGHS', open: (model, lockedUse) => openHighsRelaxation(highs, model, lockedUse) };
}

function openHighsRelaxation(highs: Highs, model: RoundModel, lockedUse: Float64Array): Relaxation {
  const C = model.clients.length;
  const U = model.units.length;
  const K = model.constraints.length;
  const rows = C + U + K;
  const rowUpper = new Float64Array(rows).fill(1);
  for (const k of model.constraints) rowUpper[C + U + k.index] = k.rhs - lockedUse[k.index]!;
  const soft = model.constraints.filter((k) => !k.hard);
  const lp = highs.createModel({
    numCols: soft.length,
    numRows: rows,
    sense: highs.constants.objectiveSense.maximize,
    offset: 0,
    colCost: Float64Array.from(soft, (k) => -k.penalty),
    colLower: new Float64Array(soft.length),
    colUpper: new Float64Array(soft.length).fill(highs.infinity),
    rowLower: new Float64Array(rows).fill(-highs.infinity),
    rowUpper,
    matrix: {
      format: 'csc',
      numRows: rows,
      numCols: soft.length,
      starts: Int32Array.from({ length: soft.length + 1 }, (_, i) => i),
      indices: Int32Array.from(soft, (k) => C + U + k.index),
      values: new Float64Array(soft.length).fill(-1),
    },
  });
  lp.options.set({ output_flag: false } as never);
  const added = new Uint8Array(model.pairs.length);
  /** Each added pair's column (after the slack columns). */
  const columnOf = new Int32Array(model.pairs.length).fill(-1);
  let columns = 0;
  return {
    add(pairs) {
      const fresh: number[] = [];
      for (let i = 0; i < pairs.length; i++) {
        const p = pairs[i]!;
        if (added[p]) continue;
        added[p] = 1;
        fresh.push(p);
      }
      if (!fresh.length) return;
      const starts = new Int32Array(fresh.length + 1);
      const indices: number[] = [];
      const values: number[] = [];
      const { client, unit, score } = model.pairs;
      fresh.forEach((p, j) => {
        indices.push(client[p]!, C + unit[p]!);
        values.push(1, 1);
        for (const { c, a } of model.pairs.cons(p)) {
          indices.push(C + U + c);
          values.push(a);
        }
        starts[j + 1] = indices.length;
      });
      lp.addCols({
        cost: Float64Array.from(fresh, (p) => score[p]!),
        lower: new Float64Array(fresh.length),
        upper: new Float64Array(fresh.length).fill(1),
        matrix: { format: 'csc', numRows: rows, numCols: fresh.length, starts, indices: Int32Array.from(indices), values: Float64Array.from(values) },
      });
      fresh.forEach((p, j) => (columnOf[p] = soft.length + columns + j));
      columns += fresh.length;
    },
    setCosts(pairs, costs) {
      // HiGHS takes a set of columns in increasing order, with the costs in that order.
      const at = Array.from({ length: pairs.length }, (_, i) => i).sort((a, b) => columnOf[pairs[a]!]! - columnOf[pairs[b]!]!);
      if (!at.length) return;
      if (columnOf[pairs[at[0]!]!]! < 0) throw new Error('setCosts: a pair that is not in the LP');
      const indices = Int32Array.from(at, (i) => columnOf[pairs[i]!]!);
      for (let i = 1; i < indices.length; i++) if (indices[i] === indices[i - 1]) throw new Error('setCosts: a pair twice');
      lp.changeColsCost({ kind: 'set', indices }, Float64Array.from(at, (i) => costs[i]!));
    },
    setRoom(constraint, room) {
      lp.changeRowBounds(C + U + constraint, -highs.infinity, room);
    },
    solve(deadline) {
      const left = (deadline - clock()) / 1000;
      if (left <= 0) return 'stopped';
      // HiGHS measures time_limit against its run time summed over every run of this model: reset
      // its clocks so that this solve gets the time left to the deadline, not what earlier solves left.
      lp.zeroAllClocks();
      lp.options.set({ time_limit: left } as never);
      let interrupted = false;
      try {
        lp.run({
          [highs.constants.callbackType.simplexInterrupt](event) {
            if (clock() >= deadline) {
              interrupted = true;
              event.interrupt();
            }
          },
        });
      } catch {
        return null;
      }
      const status = lp.getModelStatus();
      const S = highs.constants.modelStatus;
      if (interrupted || status === S.timeLimit || status === S.interrupted) return 'stopped';
      if (status !== S.optimal) return null;
      const s = lp.getSolution();
      return {
        x: s.colValue.slice(soft.length, soft.length + columns),
        clientDual: s.rowDual.slice(0, C),
        unitDual: s.rowDual.slice(C, C + U),
        constraintDual: s.rowDual.slice(C + U, rows),
      };
    },
    dispose: () => lp.dispose(),
  };
}

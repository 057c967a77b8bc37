// The optimal strategy's LP path (shared/engine/lp-solve.ts) on rounds built by hand, where the LP
// relaxation is fractional: the integer program must finish the job, with HiGHS as the app runs it.
// (On generated regions the relaxation is integral at the optimum in every round the HiGHS oracle
// in properties.test.ts draws, so this is where the exact step after column generation is tested.)
import { beforeAll, describe, expect, it } from 'vitest';
import { engineSolvers } from '../../electron/backend/engine/highs';
import { clock } from '../../shared/engine/ip';
import type { RoundConstraint, RoundModel } from '../../shared/engine/model';
import { pairStoreOf } from '../../shared/engine/pairs';
import type { EngineSolvers } from '../../shared/engine/propose';
import { solveOptimal } from '../../shared/engine/solve';

let solvers: EngineSolvers = {};
beforeAll(async () => {
  solvers = await engineSolvers();
});

/**
 * n clients and n units, pair (i, i) only, each worth `score` (or score(i)); one constraint per listed group of
 * pairs ("at most rhs of these"). Only what the solver reads is filled in.
 */
function handModel(n: number, score: number | ((i: number) => number), groups: { pairs: number[]; rhs: number; penalty?: number }[]): RoundModel {
  const constraints: RoundConstraint[] = groups.map((g, i) => ({
    index: i,
    kind: 'QUOTA',
    key: `g${i}`,
    label: `groep ${i}`,
    rhs: g.rhs,
    limit: g.rhs,
    usedBefore: 0,
    hard: g.penalty === undefined,
    penalty: g.penalty ?? 0,
    laminar: false,
  }));
  const scores = Array.from({ length: n }, (_, i) => (typeof score === 'number' ? score : score(i)));
  const pairs = pairStoreOf(
    Array.from({ length: n }, (_, i) => ({
      client: i,
      unit: i,
      score: scores[i]!,
      cons: groups.flatMap((g, c) => (g.pairs.includes(i) ? [{ c, a: 1 }] : [])),
    })),
  );
  return {
    clients: Array.from({ length: n }, (_, i) => ({ id: `K-${i}`, readyDate: '2026-01-01' })),
    units: Array.from({ length: n }, (_, i) => ({ id: `W-${i}` })),
    pairs,
    pairsByClient: pairs.groupBy(pairs.client, n),
    pairsByUnit: pairs.groupBy(pairs.unit, n),
    constraints,
    locked: [],
  } as unknown as RoundModel;
}

describe('LP relaxation by column generation, then the integer program', () => {
  it('an odd cycle of hard caps: the relaxation says 15, the integer program proves 10', () => {
    // Three pairs, each two of them share a cap of 1: the LP takes every pair at one half.
    const model = handModel(3, 10, [
      { pairs: [0, 1], rhs: 1 },
      { pairs: [1, 2], rhs: 1 },
      { pairs: [0, 2], rhs: 1 },
    ]);
    const r = solveOptimal(model, { deadline: clock() + 30_000, ...solvers });
    expect(r.method).toMatch(/LP-relaxatie met kolomgeneratie/);
    // First over the LP's own columns (its answer: the incumbent), then over what fixing keeps (the proof).
    expect(r.method).toMatch(/geheeltallig programma \(HiGHS\) over de 3 LP-kolommen/);
    expect(r.method).toMatch(/geheeltallig programma \(HiGHS\) over \d+ van 3 paren/);
    expect(r.total).toBe(10);
    expect(r.chosen).toHaveLength(1);
    expect(r.proven).toBe(true);
    expect(r.bound).toBe(10);
  });

  it('the same cycle of soft caps: going over costs less than a pair gains, and the bound counts the penalties', () => {
    // Penalty 4 per placement over: all three pairs use each cap twice, 30 - 3 * 4 = 18; two pairs
    // go over one cap, 20 - 4 = 16. The slack columns carry the penalties into the bound.
    const model = handModel(3, 10, [
      { pairs: [0, 1], rhs: 1, penalty: 4 },
      { pairs: [1, 2], rhs: 1, penalty: 4 },
      { pairs: [0, 2], rhs: 1, penalty: 4 },
    ]);
    const r = solveOptimal(model, { deadline: clock() + 30_000, ...solvers });
    expect(r.total).toBe(18);
    expect(r.proven).toBe(true);
    expect(r.bound).toBe(18);
  });

  it('a pentagon of hard caps among 5 pairs with different scores: the proven optimum is the best independent pair set', () => {
    // Caps of 1 on the pentagon's edges: at most two pairs, not neighbours. Scores 1..5 (times 10):
    // the best is {4, 2} (50 + 30) = 80 against the LP's 75 (all at one half).
    const edges = [0, 1, 2, 3, 4].map((i) => ({ pairs: [i, (i + 1) % 5], rhs: 1 }));
    const model = handModel(5, (i) => (i + 1) * 10, edges);
    const r = solveOptimal(model, { deadline: clock() + 30_000, ...solvers });
    expect(r.total).toBe(80);
    expect([...r.chosen].sort()).toEqual([2, 4]);
    expect(r.proven).toBe(true);
  });

  it('without time left, the first answer comes back with a bound that holds', () => {
    const model = handModel(3, 10, [
      { pairs: [0, 1], rhs: 1 },
      { pairs: [1, 2], rhs: 1 },
      { pairs: [0, 2], rhs: 1 },
    ]);
    const r = solveOptimal(model, { deadline: clock() - 1, ...solvers });
    expect(r.total).toBe(10);
    expect(r.bound).not.toBeNull();
    expect(r.bound!).toBeGreaterThanOrEqual(10);
    expect(r.proven).toBe(false);
  });
});

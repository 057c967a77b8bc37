// The general solver: the round's integer program over a given set of pairs, solved by
// javascript-lp-solver. Its answer is only a candidate: the caller re-evaluates it from scratch.
// Pure TypeScript.
import solver from 'javascript-lp-solver';
import type { RoundModel } from './model';

/** Returns the chosen free pairs (locks excluded), or null when the solver found nothing usable. */
export function solveIntegerProgram(model: RoundModel, pairs: number[], timeoutMs: number): number[] | null {
  const lockedUse = new Map<number, number>();
  for (const p of model.locked) for (const { c, a } of model.pairs[p]!.cons) lockedUse.set(c, (lockedUse.get(c) ?? 0) + a);
  const constraints: Record<string, { max: number }> = {};
  const variables: Record<string, Record<string, number>> = {};
  const binaries: Record<string, 1> = {};
  const lockedClients = new Set(model.locked.map((p) => model.pairs[p]!.client));
  const lockedUnits = new Set(model.locked.map((p) => model.pairs[p]!.unit));
  const used = new Set<number>();
  for (const p of pairs) {
    const pair = model.pairs[p]!;
    if (lockedClients.has(pair.client) || lockedUnits.has(pair.unit)) continue;
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
    const rhs = k.rhs - (lockedUse.get(c) ?? 0);
    constraints[`k${c}`] = { max: rhs };
    if (!k.hard) variables[`s${c}`] = { score: -k.penalty, [`k${c}`]: -1 };
  }
  if (!Object.keys(binaries).length) return [];
  const result = solver.Solve({
    optimize: 'score',
    opType: 'max',
    constraints,
    variables,
    binaries,
    options: { timeout: Math.max(10, Math.floor(timeoutMs)), tolerance: 0 },
  }) as Record<string, number | boolean | undefined>;
  if (!result || result.feasible !== true) return null;
  const chosen: number[] = [];
  for (const [name, value] of Object.entries(result)) {
    if (name.startsWith('x') && typeof value === 'number' && value > 0.5) chosen.push(Number(name.slice(1)));
  }
  return chosen.sort((a, b) => a - b);
}

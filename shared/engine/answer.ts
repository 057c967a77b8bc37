// What both exact strategies share: the score's resolution (when a bound proves a total), and
// making a candidate feasible (repair) and filling it up greedily. Pure TypeScript.
import { evaluate } from './evaluate';
import type { RoundModel } from './model';

export const TOL = 1e-6;
/**
 * Scores and penalties count in hundredths of a point, so every total is a multiple of 0.01: a
 * bound less than 0.01 above the total proves it (docs/proposal-format.md).
 */
export const SCORE_RESOLUTION = 0.01;
export const gapClosed = (bound: number, total: number) => bound - total < SCORE_RESOLUTION - 1e-7;

/** Drops pairs from violated hard constraints (lowest score first), then fills greedily. */
export function repair(model: RoundModel, start: number[], order: number[]): number[] {
  const chosen = new Set(start);
  const locked = new Set(model.locked);
  for (let guard = 0; guard < model.pairs.length + 1; guard++) {
    const ev = evaluate(model, [...chosen]);
    const bad = model.constraints.find((k, i) => k.hard && ev.use[i]! > k.rhs + TOL);
    if (!bad) break;
    const victims = [...chosen]
      .filter((p) => !locked.has(p) && model.pairs[p]!.cons.some(({ c, a }) => c === bad.index && a > 0))
      .sort((a, b) => model.pairs[a]!.score - model.pairs[b]!.score || a - b);
    const v = victims[0];
    if (v === undefined) break;
    chosen.delete(v);
  }
  return fill(model, [...chosen], order);
}

/** Adds pairs in the given order while they fit every hard rule and raise the total. */
export function fill(model: RoundModel, start: number[], order: number[]): number[] {
  const chosen = [...start];
  const usedC = new Uint8Array(model.clients.length);
  const usedU = new Uint8Array(model.units.length);
  const use = new Float64Array(model.constraints.length);
  for (const p of chosen) {
    const pair = model.pairs[p]!;
    usedC[pair.client] = 1;
    usedU[pair.unit] = 1;
    for (const { c, a } of pair.cons) use[c] = use[c]! + a;
  }
  for (const p of order) {
    const pair = model.pairs[p]!;
    if (usedC[pair.client] || usedU[pair.unit]) continue;
    let gain = pair.score;
    let ok = true;
    for (const { c, a } of pair.cons) {
      const k = model.constraints[c]!;
      const before = Math.max(0, use[c]! - k.rhs);
      const after = Math.max(0, use[c]! + a - k.rhs);
      if (k.hard && after > TOL) ok = false;
      if (!k.hard) gain -= k.penalty * (after - before);
    }
    if (!ok || gain <= TOL) continue;
    chosen.push(p);
    usedC[pair.client] = 1;
    usedU[pair.unit] = 1;
    for (const { c, a } of pair.cons) use[c] = use[c]! + a;
  }
  return chosen;
}

/** The best bound a real bound implies on a total in hundredths (a little slack for rounding). */
export const boundInHundredths = (b: number): number => Math.floor(b * 100 + 1e-6) / 100;

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
export function repair(model: RoundModel, start: number[], order: ArrayLike<number>): number[] {
  const chosen = new Set(start);
  const locked = new Set(model.locked);
  const { pairs } = model;
  for (let guard = 0; guard < pairs.length + 1; guard++) {
    const ev = evaluate(model, [...chosen]);
    const bad = model.constraints.find((k, i) => k.hard && ev.use[i]! > k.rhs + TOL);
    if (!bad) break;
    const victims = [...chosen]
      .filter((p) => !locked.has(p) && pairs.cons(p).some(({ c, a }) => c === bad.index && a > 0))
      .sort((a, b) => pairs.score[a]! - pairs.score[b]! || a - b);
    const v = victims[0];
    if (v === undefined) break;
    chosen.delete(v);
  }
  return fill(model, [...chosen], order);
}

/** Adds pairs in the given order while they fit every hard rule and raise the total. */
export function fill(model: RoundModel, start: number[], order: ArrayLike<number>): number[] {
  const { pairs, constraints } = model;
  const { client, unit, score, list, listStart, consRow, consCoef } = pairs;
  const chosen = [...start];
  const usedC = new Uint8Array(model.clients.length);
  const usedU = new Uint8Array(model.units.length);
  const use = new Float64Array(constraints.length);
  const take = (p: number) => {
    usedC[client[p]!] = 1;
    usedU[unit[p]!] = 1;
    for (let i = listStart[list[p]!]!; i < listStart[list[p]! + 1]!; i++) use[consRow[i]!] = use[consRow[i]!]! + consCoef[i]!;
  };
  for (const p of chosen) take(p);
  for (let j = 0; j < order.length; j++) {
    const p = order[j]!;
    if (usedC[client[p]!] || usedU[unit[p]!]) continue;
    let gain = score[p]!;
    let ok = true;
    for (let i = listStart[list[p]!]!; i < listStart[list[p]! + 1]!; i++) {
      const c = consRow[i]!;
      const k = constraints[c]!;
      const before = Math.max(0, use[c]! - k.rhs);
      const after = Math.max(0, use[c]! + consCoef[i]! - k.rhs);
      if (k.hard && after > TOL) ok = false;
      if (!k.hard) gain -= k.penalty * (after - before);
    }
    if (!ok || gain <= TOL) continue;
    chosen.push(p);
    take(p);
  }
  return chosen;
}

/** Every pair, highest score first (lowest index on a tie): the order to repair and fill in. */
export function byScoreOrder(model: RoundModel): Int32Array {
  const { score } = model.pairs;
  return Int32Array.from({ length: model.pairs.length }, (_, p) => p).sort((a, b) => score[b]! - score[a]! || a - b);
}

/** The best bound a real bound implies on a total in hundredths (a little slack for rounding). */
export const boundInHundredths = (b: number): number => Math.floor(b * 100 + 1e-6) / 100;

/**
 * A bound that needs no solve: the locked pairs, plus every free client at their best pair or every
 * free unit at its best client, whichever is lower (each client and each unit takes one pair;
 * penalties only lower a total). Not rounded to hundredths.
 */
export function plainBound(model: RoundModel): number {
  const { client, unit, score } = model.pairs;
  const takenC = new Uint8Array(model.clients.length);
  const takenU = new Uint8Array(model.units.length);
  let locked = 0;
  for (const p of model.locked) {
    locked += score[p]!;
    takenC[client[p]!] = 1;
    takenU[unit[p]!] = 1;
  }
  const bestC = new Float64Array(model.clients.length);
  const bestU = new Float64Array(model.units.length);
  for (let p = 0; p < model.pairs.length; p++) {
    const c = client[p]!;
    const u = unit[p]!;
    if (takenC[c] || takenU[u]) continue;
    if (score[p]! > bestC[c]!) bestC[c] = score[p]!;
    if (score[p]! > bestU[u]!) bestU[u] = score[p]!;
  }
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  return locked + Math.min(sum(bestC), sum(bestU));
}

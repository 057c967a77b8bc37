// Evaluates a set of chosen pairs from scratch: constraint use, soft-constraint penalties, the
// total score, and every hard rule or constraint it breaks. The judge of every solver's answer.
// Pure TypeScript.
import type { RoundModel } from './model';

export interface Evaluation {
  feasible: boolean;
  violations: string[];
  total: number;
  scoreSum: number;
  penalties: number;
  /** Use per constraint (locked pairs included). */
  use: Float64Array;
}

export function evaluate(model: RoundModel, chosen: readonly number[]): Evaluation {
  const violations: string[] = [];
  const use = new Float64Array(model.constraints.length);
  const clients = new Set<number>();
  const units = new Set<number>();
  let scoreSum = 0;
  const { pairs } = model;
  for (const p of chosen) {
    if (!pairs.has(p)) {
      violations.push(`onbekend paar ${p}`);
      continue;
    }
    const client = pairs.client[p]!;
    const unit = pairs.unit[p]!;
    if (clients.has(client)) violations.push(`cliënt ${model.clients[client]!.id} twee keer geplaatst`);
    if (units.has(unit)) violations.push(`woning ${model.units[unit]!.id} twee keer toegewezen`);
    clients.add(client);
    units.add(unit);
    scoreSum += pairs.score[p]!;
    for (const { c, a } of pairs.cons(p)) use[c] = use[c]! + a;
  }
  for (const p of model.locked) if (!chosen.includes(p)) violations.push(`vastgezet paar ${p} ontbreekt`);
  let penalties = 0;
  model.constraints.forEach((k, i) => {
    const over = use[i]! - k.rhs;
    if (over > 1e-9) {
      if (k.hard) violations.push(`harde regel overschreden: ${k.label} (${use[i]} > ${k.rhs})`);
      else penalties += k.penalty * over;
    }
  });
  const total = Math.round((scoreSum - penalties) * 1e6) / 1e6;
  return { feasible: violations.length === 0, violations, total, scoreSum, penalties, use };
}

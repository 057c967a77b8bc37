// Writes a round's integer program in CPLEX LP format, with the same objective as the engine,
// so any external solver can audit a proposal: its optimum must equal the reported total.
// Pure TypeScript.
import type { RoundModel } from './model';

const num = (n: number) => {
  const r = Math.round(n * 1e6) / 1e6;
  return Number.isInteger(r) ? String(r) : r.toFixed(6).replace(/0+$/, '');
};
/**
 * An LP name for an id, one to one: letters and digits stay, every other character (underscore
 * included) becomes _HH (its UTF-16 code in hex), so `A-1` and `A_1` never meet. Parts of a name
 * are joined with '.', which the encoding never produces.
 */
const enc = (s: string) => s.replace(/[^A-Za-z0-9]/g, (ch) => `_${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const name = (...parts: string[]) => parts.map(enc).join('.');

export function toCplexLp(model: RoundModel): string {
  const lines: string[] = [];
  const x = (p: number) => `x.${name(model.clients[model.pairs.at(p).client]!.id, model.units[model.pairs.at(p).unit]!.id)}`;
  const slack = (c: number) => `s.${c}.${model.constraints[c]!.kind}`;
  const soft = model.constraints.filter((k) => !k.hard);
  const terms = (list: { coef: number; v: string }[]) => {
    if (!list.length) return '0 dummy';
    return list
      .map(({ coef, v }, i) => {
        const sign = coef < 0 ? '-' : i === 0 ? '' : '+';
        const abs = Math.abs(coef);
        return `${sign} ${abs === 1 ? '' : `${num(abs)} `}${v}`.trim();
      })
      .join(' ');
  };
  // Wrap long rows: CPLEX LP allows a row to continue on the next line.
  const wrap = (s: string) => s.replace(/(.{1,240})(\s|$)/g, '$1\n ').trimEnd();

  lines.push('\\ Uitstroomtafel: integer program of one round');
  lines.push(`\\ policy ${model.policyId ?? '(given)'}, reference date ${model.options.referenceDate}, window ${model.options.window.from}..${model.options.window.to}`);
  lines.push(`\\ ${model.clients.length} candidates, ${model.units.length} units, ${model.pairs.length} possible pairs, ${model.locked.length} locked`);
  lines.push('Maximize');
  const obj = [
    ...model.pairs.all().map((p) => ({ coef: p.score, v: x(p.index) })).filter((t) => t.coef !== 0),
    ...soft.map((k) => ({ coef: -k.penalty, v: slack(k.index) })).filter((t) => t.coef !== 0),
  ];
  lines.push(wrap(` obj: ${terms(obj)}`));
  lines.push('Subject To');
  model.clients.forEach((c, ci) => {
    const ps = model.pairsByClient[ci]!;
    if (ps.length > 1) lines.push(wrap(` client.${name(c.id)}: ${terms(Array.from(ps, (p) => ({ coef: 1, v: x(p) })))} <= 1`));
  });
  model.units.forEach((u, ui) => {
    const ps = model.pairsByUnit[ui]!;
    if (ps.length > 1) lines.push(wrap(` unit.${name(u.id)}: ${terms(Array.from(ps, (p) => ({ coef: 1, v: x(p) })))} <= 1`));
  });
  const rows = new Map<number, { coef: number; v: string }[]>();
  for (const p of model.pairs.all()) {
    const v = x(p.index);
    for (const { c, a } of p.cons) {
      const row = rows.get(c);
      if (row) row.push({ coef: a, v });
      else rows.set(c, [{ coef: a, v }]);
    }
  }
  for (const [c, list] of [...rows.entries()].sort((a, b) => a[0] - b[0])) {
    const k = model.constraints[c]!;
    const all = k.hard ? list : [...list, { coef: -1, v: slack(c) }];
    lines.push(wrap(` ${k.kind}.${k.index}.${name(k.key)}: ${terms(all)} <= ${num(k.rhs)}`));
  }
  lines.push('Bounds');
  for (const p of model.locked) lines.push(` ${x(p)} = 1`);
  for (const k of soft) if (rows.has(k.index)) lines.push(` ${slack(k.index)} >= 0`);
  for (const k of soft) if (!rows.has(k.index)) lines.push(` ${slack(k.index)} = 0`);
  lines.push('Binary');
  const locked = new Set(model.locked);
  for (let p = 0; p < model.pairs.length; p++) if (!locked.has(p)) lines.push(` ${x(p)}`);
  lines.push('End');
  return `${lines.join('\n')}\n`;
}

// The "external solver audit" path for tests: parses the CPLEX LP subset that toCplexLp writes
// into a javascript-lp-solver model, solves it, and checks the answer against the parsed rows; and
// the same audit with HiGHS reading the LP text itself (a runtime the caller loads on its own, apart
// from the engine's). Independent of the engine's own code; runs in Node (vitest, scripts).
import type { Highs } from 'highs';
import solver from 'javascript-lp-solver';

export type Sense = '<=' | '>=' | '=';

export interface LpRow {
  name: string;
  terms: Map<string, number>;
  sense: Sense;
  rhs: number;
}

export interface ParsedLp {
  direction: 'max' | 'min';
  objective: Map<string, number>;
  rows: LpRow[];
  /** Bounds per variable; absent: [0, +inf). */
  lower: Map<string, number>;
  upper: Map<string, number>;
  binaries: Set<string>;
  integers: Set<string>;
  /** Every variable named anywhere, in order of first appearance. */
  variables: string[];
}

type Section = 'none' | 'objective' | 'constraints' | 'bounds' | 'binary' | 'general' | 'end';

const SECTION_WORDS: [RegExp, Section][] = [
  [/^(maximize|maximise|maximum|max)$/i, 'objective'],
  [/^(minimize|minimise|minimum|min)$/i, 'objective'],
  [/^(subject\s+to|such\s+that|st|s\.t\.)$/i, 'constraints'],
  [/^bounds?$/i, 'bounds'],
  [/^(binary|binaries|bin)$/i, 'binary'],
  [/^(generals?|gen|integers?)$/i, 'general'],
  [/^end$/i, 'end'],
];

const NAME = /^[A-Za-z_!"#$%&()/,;?@`'{}|~][A-Za-z0-9_!"#$%&()/,.;?@`'{}|~]*$/;

type Token = { kind: 'num'; value: number } | { kind: 'name'; value: string } | { kind: 'op'; value: string };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(<=|>=|=<|=>|<|>|=|:|[+-]|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[A-Za-z_!"#$%&()/,;?@`'{}|~][A-Za-z0-9_!"#$%&()/,.;?@`'{}|~]*)/y;
  let i = 0;
  while (i < text.length) {
    if (/^\s*$/.test(text.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) throw new Error(`LP: cannot read '${text.slice(i, i + 30)}'`);
    const t = m[1]!;
    i = re.lastIndex;
    if (/^[\d.]/.test(t)) out.push({ kind: 'num', value: Number(t) });
    else if (NAME.test(t)) out.push({ kind: 'name', value: t });
    else out.push({ kind: 'op', value: t === '=<' ? '<=' : t === '=>' ? '>=' : t === '<' ? '<=' : t === '>' ? '>=' : t });
  }
  return out;
}

/** Reads `[+|-] [number] name` terms until a comparator or the end; returns terms and a constant. */
function readTerms(tokens: Token[], pos: number): { terms: Map<string, number>; constant: number; pos: number } {
  const terms = new Map<string, number>();
  let constant = 0;
  while (pos < tokens.length) {
    const t = tokens[pos]!;
    if (t.kind === 'op' && (t.value === '<=' || t.value === '>=' || t.value === '=')) break;
    let sign = 1;
    let sawSign = false;
    while (tokens[pos]?.kind === 'op' && (tokens[pos]!.value === '+' || tokens[pos]!.value === '-')) {
      if (tokens[pos]!.value === '-') sign = -sign;
      sawSign = true;
      pos++;
    }
    const a = tokens[pos];
    if (!a) {
      if (sawSign) throw new Error('LP: a sign without a term at the end of an expression');
      break;
    }
    if (a.kind === 'num') {
      const b = tokens[pos + 1];
      if (b?.kind === 'name') {
        terms.set(b.value, (terms.get(b.value) ?? 0) + sign * a.value);
        pos += 2;
      } else {
        constant += sign * a.value;
        pos += 1;
      }
    } else if (a.kind === 'name') {
      terms.set(a.value, (terms.get(a.value) ?? 0) + sign);
      pos += 1;
    } else {
      throw new Error(`LP: unexpected '${a.value}' in an expression`);
    }
  }
  return { terms, constant, pos };
}

function readNumber(tokens: Token[], pos: number): { value: number; pos: number } {
  let sign = 1;
  while (tokens[pos]?.kind === 'op' && (tokens[pos]!.value === '+' || tokens[pos]!.value === '-')) {
    if (tokens[pos]!.value === '-') sign = -sign;
    pos++;
  }
  const t = tokens[pos];
  if (t?.kind === 'num') return { value: sign * t.value, pos: pos + 1 };
  if (t?.kind === 'name' && /^inf(inity)?$/i.test(t.value)) return { value: sign * Number.POSITIVE_INFINITY, pos: pos + 1 };
  throw new Error(`LP: expected a number, found '${t ? String(t.value) : 'the end'}'`);
}

export function parseLp(text: string): ParsedLp {
  const lp: ParsedLp = {
    direction: 'max',
    objective: new Map(),
    rows: [],
    lower: new Map(),
    upper: new Map(),
    binaries: new Set(),
    integers: new Set(),
    variables: [],
  };
  const seen = new Set<string>();
  const note = (v: string) => {
    if (!seen.has(v)) {
      seen.add(v);
      lp.variables.push(v);
    }
  };
  const chunks: Record<Exclude<Section, 'none' | 'end'>, string[]> = { objective: [], constraints: [], bounds: [], binary: [], general: [] };
  let section: Section = 'none';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\\.*$/, ''); // a backslash starts a comment
    const word = line.trim();
    if (!word) continue;
    const header = SECTION_WORDS.find(([re]) => re.test(word));
    if (header) {
      section = header[1];
      if (section === 'objective') lp.direction = /^min/i.test(word) ? 'min' : 'max';
      if (section === 'end') break;
      continue;
    }
    if (section === 'none') throw new Error(`LP: text outside a section: '${word}'`);
    chunks[section].push(line);
  }

  // Objective: one expression, possibly over several lines, with an optional name.
  {
    const tokens = tokenize(chunks.objective.join(' '));
    let pos = 0;
    if (tokens[0]?.kind === 'name' && tokens[1]?.kind === 'op' && tokens[1].value === ':') pos = 2;
    const r = readTerms(tokens, pos);
    if (r.pos !== tokens.length) throw new Error('LP: the objective has a comparator');
    lp.objective = r.terms;
    for (const v of r.terms.keys()) note(v);
  }

  // Constraints: a token stream of `[name:] expression sense rhs`; a row may span lines.
  {
    const tokens = tokenize(chunks.constraints.join('\n'));
    let pos = 0;
    let unnamed = 0;
    while (pos < tokens.length) {
      let name = `R${++unnamed}`;
      if (tokens[pos]?.kind === 'name' && tokens[pos + 1]?.kind === 'op' && tokens[pos + 1]!.value === ':') {
        name = String(tokens[pos]!.value);
        pos += 2;
      }
      const lhs = readTerms(tokens, pos);
      const op = tokens[lhs.pos];
      if (!op || op.kind !== 'op') throw new Error(`LP: row ${name} has no comparator`);
      const rhs = readNumber(tokens, lhs.pos + 1);
      pos = rhs.pos;
      if (lp.rows.some((r) => r.name === name)) throw new Error(`LP: row name ${name} used twice`);
      lp.rows.push({ name, terms: lhs.terms, sense: op.value as Sense, rhs: rhs.value - lhs.constant });
      for (const v of lhs.terms.keys()) note(v);
    }
  }

  // Bounds: one per line: `x = v`, `x >= v`, `x <= v`, `l <= x <= u`, `x free`.
  for (const line of chunks.bounds) {
    const tokens = tokenize(line);
    const t0 = tokens[0];
    if (t0?.kind === 'name' && tokens[1]?.kind === 'name' && /^free$/i.test(tokens[1].value)) {
      lp.lower.set(t0.value, Number.NEGATIVE_INFINITY);
      note(t0.value);
      continue;
    }
    if (t0?.kind === 'name' && !/^inf(inity)?$/i.test(t0.value)) {
      const op = tokens[1];
      if (op?.kind !== 'op') throw new Error(`LP: cannot read bound '${line.trim()}'`);
      const v = readNumber(tokens, 2).value;
      if (op.value === '=' ) {
        lp.lower.set(t0.value, v);
        lp.upper.set(t0.value, v);
      } else if (op.value === '>=') lp.lower.set(t0.value, v);
      else if (op.value === '<=') lp.upper.set(t0.value, v);
      else throw new Error(`LP: cannot read bound '${line.trim()}'`);
      note(t0.value);
      continue;
    }
    // l <= x [<= u]
    const l = readNumber(tokens, 0);
    const op1 = tokens[l.pos];
    const x = tokens[l.pos + 1];
    if (op1?.kind !== 'op' || x?.kind !== 'name') throw new Error(`LP: cannot read bound '${line.trim()}'`);
    if (op1.value === '<=') lp.lower.set(x.value, l.value);
    else if (op1.value === '>=') lp.upper.set(x.value, l.value);
    else {
      lp.lower.set(x.value, l.value);
      lp.upper.set(x.value, l.value);
    }
    const op2 = tokens[l.pos + 2];
    if (op2?.kind === 'op') {
      const u = readNumber(tokens, l.pos + 3).value;
      if (op2.value === '<=') lp.upper.set(x.value, u);
      else if (op2.value === '>=') lp.lower.set(x.value, u);
    }
    note(x.value);
  }

  for (const line of chunks.binary) for (const v of line.trim().split(/\s+/)) if (v) (lp.binaries.add(v), note(v));
  for (const line of chunks.general) for (const v of line.trim().split(/\s+/)) if (v) (lp.integers.add(v), note(v));
  return lp;
}

interface SolverModel {
  optimize: string;
  opType: 'max' | 'min';
  constraints: Record<string, { max?: number; min?: number; equal?: number }>;
  variables: Record<string, Record<string, number>>;
  binaries: Record<string, 1>;
  ints: Record<string, 1>;
  unrestricted: Record<string, 1>;
  options: { tolerance: number; timeout: number };
}

/** Key of the objective in the solver model; no LP name can start with a space. */
const OBJ = ' objective';
const rowKey = (name: string) => ` row ${name}`;
const boundKey = (v: string, side: 'lo' | 'up') => ` bound ${side} ${v}`;

/** Translates a parsed LP into a javascript-lp-solver JSON model. */
export function toSolverModel(lp: ParsedLp, timeoutMs = 60_000): SolverModel {
  const model: SolverModel = {
    optimize: OBJ,
    opType: lp.direction,
    constraints: {},
    variables: {},
    binaries: {},
    ints: {},
    unrestricted: {},
    options: { tolerance: 0, timeout: timeoutMs },
  };
  for (const v of lp.variables) model.variables[v] = { [OBJ]: lp.objective.get(v) ?? 0 };
  for (const row of lp.rows) {
    const key = rowKey(row.name);
    model.constraints[key] = row.sense === '<=' ? { max: row.rhs } : row.sense === '>=' ? { min: row.rhs } : { equal: row.rhs };
    for (const [v, a] of row.terms) model.variables[v]![key] = a;
  }
  for (const v of lp.variables) {
    const lo = lp.lower.get(v) ?? 0;
    const up = lp.upper.get(v);
    if (lo < 0) model.unrestricted[v] = 1;
    if (up !== undefined && lo === up) {
      model.constraints[boundKey(v, 'lo')] = { equal: lo };
      model.variables[v]![boundKey(v, 'lo')] = 1;
      continue;
    }
    if (lo !== 0 && Number.isFinite(lo)) {
      model.constraints[boundKey(v, 'lo')] = { min: lo };
      model.variables[v]![boundKey(v, 'lo')] = 1;
    }
    if (up !== undefined && Number.isFinite(up)) {
      model.constraints[boundKey(v, 'up')] = { max: up };
      model.variables[v]![boundKey(v, 'up')] = 1;
    }
  }
  for (const v of lp.binaries) model.binaries[v] = 1;
  for (const v of lp.integers) model.ints[v] = 1;
  return model;
}

/** What a solution breaks in the parsed LP (rows, bounds, integrality); empty when feasible. */
export function checkLpSolution(lp: ParsedLp, values: Record<string, number>, tol = 1e-6): string[] {
  const out: string[] = [];
  const val = (v: string) => values[v] ?? 0;
  for (const row of lp.rows) {
    let lhs = 0;
    for (const [v, a] of row.terms) lhs += a * val(v);
    const bad = row.sense === '<=' ? lhs > row.rhs + tol : row.sense === '>=' ? lhs < row.rhs - tol : Math.abs(lhs - row.rhs) > tol;
    if (bad) out.push(`${row.name}: ${lhs} ${row.sense} ${row.rhs}`);
  }
  for (const v of lp.variables) {
    const x = val(v);
    const lo = lp.lower.get(v) ?? 0;
    const up = lp.upper.get(v) ?? (lp.binaries.has(v) ? 1 : Number.POSITIVE_INFINITY);
    if (x < lo - tol || x > up + tol) out.push(`${v} = ${x} outside [${lo}, ${up}]`);
    if ((lp.binaries.has(v) || lp.integers.has(v)) && Math.abs(x - Math.round(x)) > tol) out.push(`${v} = ${x} is not integral`);
  }
  return out;
}

export function objectiveValue(lp: ParsedLp, values: Record<string, number>): number {
  let z = 0;
  for (const [v, c] of lp.objective) z += c * (values[v] ?? 0);
  return z;
}

/**
 * Solves LP text with javascript-lp-solver. The objective is recomputed from the values (not taken
 * from the solver), and the values are checked against the parsed rows: a solver answer that breaks
 * the model throws.
 */
export function solveLp(text: string, timeoutMs = 60_000): { objective: number; values: Record<string, number> } {
  const lp = parseLp(text);
  const result = solver.Solve(toSolverModel(lp, timeoutMs)) as Record<string, number | boolean | undefined>;
  if (!result || result.feasible !== true) throw new Error('LP: javascript-lp-solver found no feasible solution');
  if (result.bounded === false) throw new Error('LP: javascript-lp-solver says the model is unbounded');
  const values: Record<string, number> = {};
  for (const v of lp.variables) {
    const x = result[v];
    values[v] = typeof x === 'number' ? x : 0;
  }
  const broken = checkLpSolution(lp, values);
  if (broken.length) throw new Error(`LP: the solver's answer breaks the model: ${broken.slice(0, 5).join('; ')}`);
  return { objective: objectiveValue(lp, values), values };
}

export interface HighsLpAnswer {
  /** The optimum, recomputed from the values (integers rounded) over the parsed objective. */
  objective: number;
  /** HiGHS's own objective value. */
  reported: number;
  values: Record<string, number>;
  /** Wall time of the solve, ms. */
  ms: number;
}

/**
 * Solves LP text with HiGHS to proven optimality (no relative gap, absolute gap 1e-7; the text
 * goes in as it is, HiGHS reads it). The status must be Optimal; the values, integer variables
 * rounded, must satisfy the parsed rows, and the objective is recomputed from them and must agree
 * with HiGHS's own to 1e-6, so an answer HiGHS misreports throws here.
 */
export function solveLpWithHighs(highs: Highs, text: string, timeLimitSeconds = 300): HighsLpAnswer {
  const lp = parseLp(text);
  const t0 = performance.now();
  const r = highs.solve(text, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-7, time_limit: timeLimitSeconds });
  const ms = performance.now() - t0;
  if (r.Status !== 'Optimal') throw new Error(`LP: HiGHS ended with status '${r.Status}'`);
  const values: Record<string, number> = {};
  for (const v of lp.variables) {
    const col = r.Columns[v] as { Primal?: number } | undefined;
    const x = col?.Primal ?? 0;
    // Integer columns come back within HiGHS's tolerance of an integer; the slack columns of soft
    // rows are integral at an integral point too (integer coefficients and right-hand sides).
    values[v] = Math.abs(x - Math.round(x)) < 1e-5 ? Math.round(x) : x;
  }
  const broken = checkLpSolution(lp, values);
  if (broken.length) throw new Error(`LP: HiGHS's answer breaks the model: ${broken.slice(0, 5).join('; ')}`);
  const objective = objectiveValue(lp, values);
  if (Math.abs(objective - r.ObjectiveValue) > 1e-6) throw new Error(`LP: HiGHS reports ${r.ObjectiveValue}, its values give ${objective}`);
  return { objective, reported: r.ObjectiveValue, values, ms };
}

/**
 * The LP relaxation of LP text as toCplexLp writes it: the Binary section becomes bounds 0 <= x <= 1
 * (a pair variable that no client or unit row bounds must not grow past 1).
 */
export function relaxLp(text: string): string {
  const lines = text.split('\n');
  const bin = lines.findIndex((l) => /^binary$/i.test(l.trim()));
  if (bin < 0) return text;
  const end = lines.findIndex((l, i) => i > bin && /^end$/i.test(l.trim()));
  const vars = lines.slice(bin + 1, end).flatMap((l) => l.trim().split(/\s+/).filter(Boolean));
  const bounds = lines.findIndex((l) => /^bounds?$/i.test(l.trim()));
  const out = [...lines.slice(0, bin), ...lines.slice(end)];
  const at = bounds >= 0 ? bounds + 1 : out.findIndex((l) => /^end$/i.test(l.trim()));
  if (bounds < 0) out.splice(at, 0, 'Bounds');
  out.splice(bounds >= 0 ? at : at + 1, 0, ...vars.map((v) => ` 0 <= ${v} <= 1`));
  return out.join('\n');
}

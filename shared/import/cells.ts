// Spreadsheet cells for the client and unit import/export: reading one cell (text, amount, date,
// yes/no, code lists) with a Dutch message that says what is wrong, and writing one back.
// Pure TypeScript: runs in the backend and the renderer.
import { Id, forbiddenCharacter, isRealDate, shorten } from '../domain/primitives';

/** A cell as it comes out of a CSV (always text) or an XLSX file (typed). */
export type Cell = string | number | boolean | Date | null;

/** A cell to write: typed, so XLSX gets real numbers and dates and CSV gets Dutch text. */
export type OutCell =
  | { t: 'text'; v: string }
  | { t: 'int'; v: number }
  | { t: 'amount'; v: number }
  | { t: 'date'; v: string }
  | { t: 'bool'; v: boolean }
  | null;

/** What is wrong with one cell; the caller adds the row and column. */
export class CellError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CellError';
  }
}

/** Case- and space-insensitive key for headers and labels. */
export const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** How a cell reads as text (for messages and text columns). */
export function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c.trim();
  if (typeof c === 'number') return String(c);
  if (typeof c === 'boolean') return c ? 'ja' : 'nee';
  return isoFromDate(c);
}

export const isEmpty = (c: Cell): boolean => cellText(c) === '';

/** A value quoted in a message: cut short, control characters shown as '?' (a cell may hold anything). */
const quoteText = (s: string): string => `'${shorten(s, 60)}'`;
const quote = (c: Cell): string => quoteText(cellText(c));

function isoFromDate(d: Date): string {
  const y = d.getUTCFullYear();
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${m}-${day}`;
}

export function parseText(c: Cell, max = 2000): string {
  const s = cellText(c);
  if (s.length > max) throw new CellError(`is langer dan ${max} tekens`);
  // The same characters as every text field refuses (Text in shared/domain/primitives.ts).
  const bad = forbiddenCharacter(s, true);
  if (bad) throw new CellError(bad);
  return s;
}

export function parseOptionalText(c: Cell, max = 2000): string | null {
  const s = parseText(c, max);
  return s === '' ? null : s;
}

export function parseCode(c: Cell): string {
  const s = cellText(c);
  const r = Id.safeParse(s);
  if (!r.success) throw new CellError(`${quote(c)} is geen geldige code (${r.error.issues[0]?.message ?? 'ongeldig'})`);
  return s;
}

/** A date as dd-mm-jjjj, d-m-jjjj, jjjj-mm-dd, or an Excel date cell; returns YYYY-MM-DD. */
export function parseDate(c: Cell): string {
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) throw new CellError('is geen geldige datum');
    return isoFromDate(c);
  }
  const s = cellText(c);
  let iso: string | null = null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  if (!iso) throw new CellError(`${quote(c)} is geen datum; schrijf dd-mm-jjjj of jjjj-mm-dd`);
  if (!isRealDate(iso)) throw new CellError(`${quote(c)} bestaat niet als datum`);
  return iso;
}

export function parseOptionalDate(c: Cell): string | null {
  return isEmpty(c) ? null : parseDate(c);
}

/** Euros: 612,35 or 612.35 or € 1.250,50 or a number cell; never negative, at most two decimals. */
export function parseAmount(c: Cell): number {
  let n: number;
  if (typeof c === 'number') {
    n = c;
  } else {
    const raw = cellText(c);
    const s = raw.replace(/^€\s*/, '').replace(/\s/g, '');
    if (!/^-?[\d.,]+$/.test(s)) throw new CellError(`${quoteText(raw)} is geen bedrag`);
    const lastComma = s.lastIndexOf(',');
    const lastDot = s.lastIndexOf('.');
    let normalised: string;
    if (lastComma >= 0 && lastDot >= 0) {
      // Both: the last one is the decimal separator, the other groups thousands.
      normalised = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
    } else if (lastComma >= 0) {
      if (s.indexOf(',') !== lastComma) throw new CellError(`${quoteText(raw)} is geen bedrag`);
      normalised = s.replace(',', '.');
    } else if (lastDot >= 0) {
      const decimals = s.length - lastDot - 1;
      if (s.indexOf('.') !== lastDot || decimals === 3) {
        throw new CellError(`${quoteText(raw)} is geen eenduidig bedrag; schrijf bijvoorbeeld 1250 of 1250,00`);
      }
      normalised = s;
    } else {
      normalised = s;
    }
    if (!/^-?\d+(\.\d+)?$/.test(normalised)) throw new CellError(`${quoteText(raw)} is geen bedrag`);
    n = Number(normalised);
  }
  if (!Number.isFinite(n)) throw new CellError(`${quote(c)} is geen bedrag`);
  if (n < 0) throw new CellError(`${quote(c)}: een bedrag mag niet negatief zijn`);
  if (Math.abs(Math.round(n * 100) - n * 100) > 1e-6) throw new CellError(`${quote(c)}: een bedrag heeft hoogstens twee decimalen`);
  return Math.round(n * 100) / 100;
}

export function parseOptionalAmount(c: Cell): number | null {
  return isEmpty(c) ? null : parseAmount(c);
}

export function parseInteger(c: Cell, min: number, max: number): number {
  const s = cellText(c);
  const n = typeof c === 'number' ? c : /^-?\d+$/.test(s) ? Number(s) : Number.NaN;
  if (!Number.isInteger(n)) throw new CellError(`${quote(c)} is geen geheel getal`);
  if (n < min || n > max) throw new CellError(`${quote(c)} ligt niet tussen ${min} en ${max}`);
  return n;
}

export function parseOptionalInteger(c: Cell, min: number, max: number): number | null {
  return isEmpty(c) ? null : parseInteger(c, min, max);
}

const YES = new Set(['ja', 'j', 'yes', 'y', 'waar', 'true', '1', 'x']);
const NO = new Set(['nee', 'n', 'no', 'onwaar', 'false', '0', '']);

/** ja/nee (also j/n, waar/onwaar, 1/0, x, a TRUE/FALSE cell); empty is nee. */
export function parseBool(c: Cell): boolean {
  if (typeof c === 'boolean') return c;
  const s = norm(cellText(c));
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  throw new CellError(`${quote(c)} is geen ja of nee`);
}

/**
 * Splits a list cell at ';' (empty parts dropped); a value named twice is an error. With `escaped`
 * (lists whose items hold free text, such as place notes) '\;' is a ';' inside an item and '\\' a
 * backslash; see escapeListItem.
 */
export function splitList(c: Cell, escaped = false): string[] {
  const parts = (escaped ? splitEscaped(cellText(c)) : cellText(c).split(';'))
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const seen = new Set<string>();
  for (const p of parts) {
    const k = norm(p);
    if (seen.has(k)) throw new CellError(`${quoteText(p)} staat twee keer in de lijst`);
    seen.add(k);
  }
  return parts;
}

/** Writes free text as one item of an escaped list: ';' becomes '\;' and '\' becomes '\\'. */
export const escapeListItem = (s: string): string => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;');

function splitEscaped(s: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const next = s[i + 1];
    if (ch === '\\' && (next === ';' || next === '\\')) {
      cur += next;
      i++;
    } else if (ch === ';') {
      parts.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts;
}

/** A parser for an enumeration: accepts the code or a Dutch label (or alias), case-insensitively. */
export function enumReader<T extends string>(
  codes: readonly T[],
  labels: Record<T, string>,
  what: string,
  aliases: Partial<Record<T, readonly string[]>> = {},
): (s: string) => T {
  const map = new Map<string, T>();
  for (const code of codes) {
    map.set(norm(code), code);
    map.set(norm(labels[code]), code);
    for (const a of aliases[code] ?? []) map.set(norm(a), code);
  }
  const choices = codes.map((c) => labels[c]).join(', ');
  return (s: string): T => {
    const v = map.get(norm(s));
    if (v === undefined) throw new CellError(`${quoteText(s)} is geen bekende ${what}; kies uit: ${choices}`);
    return v;
  };
}

/** A CSV/plain-text form of an out cell (Dutch: dd-mm-jjjj dates, decimal comma, ja/nee). */
export function outText(c: OutCell): string {
  if (c === null) return '';
  switch (c.t) {
    case 'text':
      return c.v;
    case 'int':
      return String(c.v);
    case 'amount':
      return c.v.toFixed(2).replace('.', ',');
    case 'bool':
      return c.v ? 'ja' : 'nee';
    case 'date': {
      const [y, m, d] = c.v.split('-');
      return `${d}-${m}-${y}`;
    }
  }
}

export const txt = (v: string | null): OutCell => (v === null || v === '' ? null : { t: 'text', v });
export const int = (v: number | null): OutCell => (v === null ? null : { t: 'int', v });
export const amount = (v: number | null): OutCell => (v === null ? null : { t: 'amount', v });
export const date = (v: string | null): OutCell => (v === null ? null : { t: 'date', v });
export const bool = (v: boolean): OutCell => ({ t: 'bool', v });

// Dutch formatting of report values for documents (PDF, XLSX, CSV) and the screen: numbers "1.234" and
// "4,5", percent "45,5 %", money "€ 1.234,50", dates "4 december 2026" or "04-12-2026", durations
// "3,5 mnd" and "12 dagen", hidden counts "< 5", empty "—". Pure TypeScript (no node:, no Intl needed).
import { formatMoment } from '../domain/moments';
import type { Cell, ColumnType, ReportColumn, ReportDoc, ReportFigure, ReportRow } from './report-doc';

/** What an empty cell (null, not hidden) shows in documents and on screen. */
export const EMPTY_CELL = '—';

export const MONTH_NAMES = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** Column types whose values are numbers: right-aligned in tables, numbers in XLSX. */
export const NUMERIC_TYPES: readonly ColumnType[] = ['count', 'int', 'year', 'decimal', 'percent', 'money', 'months', 'days'];
export const isNumericType = (type: ColumnType): boolean => NUMERIC_TYPES.includes(type);

/** How many decimals a type shows: count, int and days none; decimal, percent and months one; money two. */
export function decimalsOf(type: ColumnType): number {
  switch (type) {
    case 'decimal':
    case 'percent':
    case 'months':
      return 1;
    case 'money':
      return 2;
    default:
      return 0;
  }
}

/** `n` rounded half away from zero to `decimals`, as digits with '.' (no float noise: 1.005 → "1.01"). */
function fixed(n: number, decimals: number): string {
  const f = 10 ** decimals;
  const r = Math.round(Math.abs(n) * f * (1 + Number.EPSILON)) / f;
  const s = r.toFixed(decimals);
  return n < 0 && Number(s) !== 0 ? `-${s}` : s;
}

/**
 * A number the Dutch way: "1.234", "4,5", "-1.234,50". `decimals` fixes the digits after the comma;
 * `grouping: false` leaves out the thousands separator (CSV: "1234,5").
 */
export function formatNumber(n: number, decimals = 0, grouping = true): string {
  if (!Number.isFinite(n)) return EMPTY_CELL;
  const s = fixed(n, decimals);
  const negative = s.startsWith('-');
  const [whole = '0', frac] = (negative ? s.slice(1) : s).split('.');
  const grouped = grouping ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : whole;
  return `${negative ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** A number with at most `max` decimals, trailing zeros dropped: 3 → "3", 3.5 → "3,5", 1234.25 → "1.234,3". */
export function formatNumberShort(n: number, max = 1, grouping = true): string {
  return formatNumber(n, max, grouping).replace(/,0+$/, '').replace(/(,\d*?)0+$/, '$1');
}

/** The minus sign of numbers read on screen: U+2212 "−", wider than the hyphen and never taken for a dash. */
export const MINUS_SIGN = '\u2212';

/** `formatNumber` with the real minus sign: "−4,9", "1.234,0". */
function withMinusSign(s: string): string {
  return s.startsWith('-') ? `${MINUS_SIGN}${s.slice(1)}` : s;
}

/**
 * A change or a balance with its sign: "+2", "−1", "0"; "+0,1", "−22,0" with `decimals`. The real
 * minus sign; zero (also after rounding) gets no sign.
 */
export function formatSigned(n: number, decimals = 0): string {
  const s = withMinusSign(formatNumber(n, decimals));
  return s.startsWith(MINUS_SIGN) || /^[0,]+$/.test(s) ? s : `+${s}`;
}

/** Points of the round (a score, a total, a bound): always one decimal, the real minus sign — "187,5", "115,0", "−7,5". */
export function formatPoints(n: number): string {
  return withMinusSign(formatNumber(n, 1));
}

/** "€ 1.234,50". */
export const formatMoney = (n: number): string => `€ ${formatNumber(n, 2)}`;

/** A percentage given as 0–100: "45,5 %". */
export const formatPercent = (n: number): string => `${formatNumber(n, 1)} %`;

/** "1 kandidaat", "3 kandidaten", "1.234 woningen": a count with the right singular or plural. */
export function plural(n: number, singular: string, pluralForm: string): string {
  return `${formatNumber(n)} ${n === 1 ? singular : pluralForm}`;
}

/** The calendar day of 'yyyy-mm-dd' or of a full ISO moment (in Dutch time), or null when unreadable. */
function dayParts(value: string): [number, number, number] | null {
  let iso = value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    // A moment: the day it is in the Netherlands ("dd-mm-jjjj hh:mm" from formatMoment).
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
    const m = /^(\d{2})-(\d{2})-(\d{4}) /.exec(formatMoment(value));
    if (!m) return null;
    iso = `${m[3]}-${m[2]}-${m[1]}`;
  }
  const [y, mo, d] = iso.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return [y, mo, d];
}

/** The calendar day 'yyyy-mm-dd' of a date or an ISO moment (the day in Dutch time), or null when unreadable. */
export function calendarDay(value: string): string | null {
  const p = dayParts(value);
  return p ? `${String(p[0]).padStart(4, '0')}-${String(p[1]).padStart(2, '0')}-${String(p[2]).padStart(2, '0')}` : null;
}

/** "4 december 2026" from '2026-12-04' (or from an ISO moment, its day in Dutch time); unreadable input as is. */
export function formatLongDate(value: string): string {
  const p = dayParts(value);
  return p ? `${p[2]} ${MONTH_NAMES[p[1] - 1]} ${p[0]}` : value;
}

/** "04-12-2026" (dd-mm-jjjj) from '2026-12-04' (or from an ISO moment); unreadable input as is. */
export function formatShortDate(value: string): string {
  const p = dayParts(value);
  return p ? `${String(p[2]).padStart(2, '0')}-${String(p[1]).padStart(2, '0')}-${p[0]}` : value;
}

/** "1 januari 2026 t/m 31 december 2026" (long) or "01-01-2026 t/m 31-12-2026" (short). */
export function formatPeriod(period: { from: string; to: string }, style: 'long' | 'short' = 'long'): string {
  const f = style === 'long' ? formatLongDate : formatShortDate;
  return `${f(period.from)} t/m ${f(period.to)}`;
}

/** What a count hidden by the small-number rule shows: "< 5". */
export const hiddenLabel = (threshold: number): string => `< ${formatNumber(threshold)}`;

/** The note a document carries when it hides small numbers: "Aantallen onder 5 zijn verborgen (< 5)." */
export const smallNumbersNote = (threshold: number): string =>
  `Aantallen onder ${formatNumber(threshold)} zijn verborgen (${hiddenLabel(threshold)}).`;

export interface FormatOptions {
  /** Dates as "4 december 2026" (long) or "04-12-2026" (short, the default). */
  dates?: 'long' | 'short';
  /**
   * Plain values for CSV and comparisons: no thousands separator, no units ("1234,5", "45,5", "1234,50",
   * "3,5"), short dates, and an empty string for null.
   */
  plain?: boolean;
}

/**
 * One value as a reader sees it, by its column type. Text stays as is; a number in a number column gets
 * Dutch separators and its unit ("45,5 %", "€ 1.234,50", "3,5 mnd", "12 dagen"); a date column's
 * 'yyyy-mm-dd' becomes "04-12-2026" (or long); null becomes "—" (plain: ""). A value of an unexpected
 * kind (text in a number column) is shown as written, never dropped.
 */
export function formatCell(value: Cell | undefined, type: ColumnType, options: FormatOptions = {}): string {
  if (value === null || value === undefined) return options.plain ? '' : EMPTY_CELL;
  if (typeof value === 'string') {
    if (type === 'date') return options.dates === 'long' && !options.plain ? formatLongDate(value) : formatShortDate(value);
    return value;
  }
  if (!Number.isFinite(value)) return options.plain ? '' : EMPTY_CELL;
  if (options.plain) return isNumericType(type) ? formatNumber(value, decimalsOf(type), false) : formatNumberShort(value, 2, false);
  switch (type) {
    case 'year':
      return formatNumber(value, 0, false);
    case 'percent':
      return formatPercent(value);
    case 'money':
      return formatMoney(value);
    case 'months':
      return `${formatNumber(value, 1)} mnd`;
    case 'days':
      return plural(Math.round(value), 'dag', 'dagen');
    case 'decimal':
      return formatNumber(value, 1);
    case 'count':
    case 'int':
      return formatNumber(value, 0);
    default:
      // A number in a text or date column: shown as a Dutch number with the decimals it has (up to 2).
      return formatNumberShort(value, 2);
  }
}

/** Whether the small-number rule hid this cell of the row. */
export const isHiddenCell = (row: ReportRow, columnKey: string): boolean => row.hidden?.includes(columnKey) ?? false;

/** A table cell as shown: "< 5" when hidden by the small-number rule, else formatCell. */
export function formatRowCell(row: ReportRow, column: ReportColumn, threshold: number, options: FormatOptions = {}): string {
  if (isHiddenCell(row, column.key)) return hiddenLabel(threshold);
  return formatCell(row.cells[column.key] ?? null, column.type, options);
}

/** A figure's value as shown: "< 5" when hidden by the small-number rule, else formatCell. */
export function formatFigure(figure: ReportFigure, threshold: number, options: FormatOptions = {}): string {
  if (figure.hidden) return hiddenLabel(threshold);
  return formatCell(figure.value, figure.type, options);
}

/** The small-number threshold a document uses to label hidden cells (5 when it names none). */
export const thresholdOf = (doc: Pick<ReportDoc, 'smallNumbers'>): number => doc.smallNumbers?.threshold ?? 5;

// One report, as data: the shape every report of the app takes (provider match report, corporation
// report, meeting agenda and minutes, the regional monitor). The backend's report builders fill it
// from indexed queries; the same document is shown on screen, written as PDF, XLSX and CSV, and
// produced by the CLI. Column definitions come from shared/reports/definitions.ts. Pure TypeScript.
import { z } from 'zod';
import { OUT_MAX } from '../domain/primitives';

/**
 * How a column's values are typed, read and written:
 * text: a string; count: a whole number of people or homes (subject to the small-number rule in
 * aggregate reports); int, decimal: numbers (decimal with one decimal); percent: 0–100 with one
 * decimal; money: euros with cents; date: 'yyyy-mm-dd'; months, days: durations as numbers.
 */
/** `year`: a calendar year, a whole number shown without a thousands separator (2026, not 2.026). */
export const COLUMN_TYPES = ['text', 'count', 'int', 'year', 'decimal', 'percent', 'money', 'date', 'months', 'days'] as const;
export const ColumnType = z.enum(COLUMN_TYPES);
export type ColumnType = z.infer<typeof ColumnType>;

export const REPORT_KINDS = ['provider', 'corporation', 'agenda', 'minutes', 'monitor'] as const;
export const ReportKind = z.enum(REPORT_KINDS);
export type ReportKind = z.infer<typeof ReportKind>;

export const REPORT_FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export const ReportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormat>;

const Text = z.string().max(OUT_MAX);
/** A cell: text, a number, or null (empty, or hidden by the small-number rule when listed in `hidden`). */
export const Cell = z.union([z.string().max(OUT_MAX), z.number(), z.null()]);
export type Cell = z.infer<typeof Cell>;

export const ReportColumn = z.object({
  key: Text,
  label: Text,
  type: ColumnType,
  /** A one-line explanation (shown on hover on screen, as a note under the table in documents). */
  hint: Text.optional(),
  /**
   * A figure derived from counts in the same row (a median, a share, a balance of in and out): hidden
   * when the small-number rule hides any of them, so it cannot reveal a small group.
   */
  basis: z.union([Text, z.array(Text).max(20)]).optional(),
});
export type ReportColumn = z.infer<typeof ReportColumn>;

export const ReportRow = z.object({
  /** Stable key of the row (a municipality code, a client code, a month): the click-through uses it. */
  key: Text,
  cells: z.record(z.string().max(200), Cell),
  /** Column keys whose count is hidden by the small-number rule (the cell is null, shown as "< N"). */
  hidden: z.array(Text).optional(),
});
export type ReportRow = z.infer<typeof ReportRow>;

/** The cells of a row of a table whose columns are `C`: every column key, no other. */
export type RowCells<C extends readonly ReportColumn[]> = Record<C[number]['key'], Cell>;

export const ReportFigure = z.object({
  key: Text,
  label: Text,
  type: ColumnType,
  value: Cell,
  hidden: z.boolean().optional(),
  hint: Text.optional(),
  /**
   * For a derived figure (a median, a share): how many people or placements it rests on. The
   * small-number rule hides the figure when that count is small; a document that leaves the app never
   * carries the count itself.
   */
  basis: z.number().int().nonnegative().optional(),
});
export type ReportFigure = z.infer<typeof ReportFigure>;

/** A figure as a report's definition gives it; the builder adds the value. */
export type FigureDef = Pick<ReportFigure, 'key' | 'label' | 'type' | 'hint'>;

/** How the screen draws a table section as a chart (always with the table beside it). */
export const ChartHint = z.object({
  type: z.enum(['bar', 'stacked', 'line']),
  /** The column along the axis (its cells are the category labels). */
  x: Text,
  /** The numeric columns drawn as series. */
  series: z.array(Text),
});
export type ChartHint = z.infer<typeof ChartHint>;

export const ReportSection = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('figures'),
    key: Text,
    title: Text,
    note: Text.optional(),
    figures: z.array(ReportFigure),
  }),
  z.object({
    kind: z.literal('table'),
    key: Text,
    title: Text,
    note: Text.optional(),
    columns: z.array(ReportColumn),
    rows: z.array(ReportRow),
    chart: ChartHint.optional(),
    /** Count cells click through to the rows behind them (monitor.rows with this section's key). */
    drill: z.boolean().optional(),
  }),
]);
export type ReportSection = z.infer<typeof ReportSection>;
export type TableSection = Extract<ReportSection, { kind: 'table' }>;
export type FiguresSection = Extract<ReportSection, { kind: 'figures' }>;

export const ReportDoc = z.object({
  report: ReportKind,
  /** "Matchrapportage Zorgaanbieder De Windkering". */
  title: Text,
  /** Who or what the report is about ("Zorgaanbieder De Windkering", "Ronde 3 van 4 december 2026"). */
  subject: Text,
  /** The period the report covers ('yyyy-mm-dd'), or null when it is one round. */
  period: z.object({ from: Text, to: Text }).nullable(),
  /** The filters applied, in words, for the header ("Gemeente: Almere; Doelgroep: Vrouwenopvang"). */
  filters: z.array(Text),
  generatedAt: Text,
  generatedBy: Text,
  /** What the report leaves out and why ("Pseudoniem: codes, geen namen; geen diagnoses"). */
  privacy: Text,
  /** The small-number rule: the threshold, and whether counts below it are hidden in this document. */
  smallNumbers: z.object({ threshold: z.number().int(), hidden: z.boolean() }).nullable(),
  /** How many different clients the report names (for the audit log). */
  clients: z.number().int(),
  sections: z.array(ReportSection),
});
export type ReportDoc = z.infer<typeof ReportDoc>;

/** A report written to a file. */
export const ReportFile = z.object({
  fileName: Text,
  contentBase64: z.string(),
  clients: z.number().int(),
});
export type ReportFile = z.infer<typeof ReportFile>;

/** The format a file name asks for ("rapport.xlsx" → xlsx), or null. */
export function formatOfFileName(name: string): ReportFormat | null {
  const m = /\.([a-z]+)$/i.exec(name);
  const ext = m?.[1]?.toLowerCase();
  return ext === 'pdf' || ext === 'xlsx' || ext === 'csv' ? ext : null;
}

/**
 * The small-number rule, applied to a document that leaves the app: every count cell and count
 * figure with 0 < value < threshold becomes null and is listed as hidden. Zero stays (it names no one).
 */
export function hideSmallNumbers(doc: ReportDoc, threshold: number): ReportDoc {
  const small = (v: Cell) => typeof v === 'number' && v > 0 && v < threshold;
  return {
    ...doc,
    smallNumbers: { threshold, hidden: true },
    sections: doc.sections.map((s) => {
      if (s.kind === 'figures') {
        return {
          ...s,
          figures: s.figures.map(({ basis, ...f }) =>
            (f.type === 'count' && small(f.value)) || (basis !== undefined && small(basis)) ? { ...f, value: null, hidden: true } : f,
          ),
        };
      }
      const counts = s.columns.filter((c) => c.type === 'count').map((c) => c.key);
      const derived = s.columns.flatMap((c) => (c.basis === undefined ? [] : [{ key: c.key, basis: typeof c.basis === 'string' ? [c.basis] : c.basis }]));
      return {
        ...s,
        rows: s.rows.map((r) => {
          const direct = counts.filter((k) => small(r.cells[k] ?? null));
          const hidden = [...direct, ...derived.filter((c) => c.basis.some((b) => direct.includes(b))).map((c) => c.key)];
          if (!hidden.length) return r;
          const cells = { ...r.cells };
          for (const k of hidden) cells[k] = null;
          return { ...r, cells, hidden: [...new Set([...(r.hidden ?? []), ...hidden])] };
        }),
      };
    }),
  };
}

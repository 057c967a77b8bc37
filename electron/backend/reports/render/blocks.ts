// A ReportDoc laid out as spreadsheet blocks (the header block, one block per figures section, one per
// table section) of typed cells: the one layout the CSV and XLSX writers share, so both hold the same
// data cell for cell. Node only (used by the renderers).
import { formatMoment } from '../../../../shared/domain/moments';
import { hiddenLabel, isHiddenCell, smallNumbersNote, thresholdOf } from '../../../../shared/reports/format-nl';
import type { Cell, ColumnType, ReportDoc, TableSection } from '../../../../shared/reports/report-doc';

/** A cell of a block: a plain text, a typed value (by column type), or a count hidden by the small-number rule. */
export type BlockCell = { t: 'text'; v: string } | { t: 'value'; v: Cell; type: ColumnType } | { t: 'hidden'; label: string };

export interface Block {
  /** 'header', a figures section's key, or a table section's key. */
  key: string;
  kind: 'header' | 'figures' | 'table';
  /** The section title (the header block has none: its first row holds the document title). */
  title: string | null;
  note?: string;
  /** The column labels (none for the header block). */
  header: string[] | null;
  types: ColumnType[];
  rows: BlockCell[][];
  /** The table section behind a table block (for its hints and sheet). */
  section?: TableSection;
}

const text = (v: string): BlockCell => ({ t: 'text', v });

/** The header block: title, subject, period, filters, privacy, the small-number rule, when and by whom. */
function headerBlock(doc: ReportDoc): Block {
  const rows: BlockCell[][] = [[text(doc.title)], [text('Onderwerp'), text(doc.subject)]];
  if (doc.period) {
    rows.push([text('Periode van'), { t: 'value', v: doc.period.from, type: 'date' }]);
    rows.push([text('Periode tot en met'), { t: 'value', v: doc.period.to, type: 'date' }]);
  }
  if (doc.filters.length) for (const f of doc.filters) rows.push([text('Filter'), text(f)]);
  else rows.push([text('Filters'), text('geen')]);
  rows.push([text('Privacy'), text(doc.privacy)]);
  if (doc.smallNumbers?.hidden) rows.push([text('Kleine aantallen'), text(smallNumbersNote(doc.smallNumbers.threshold))]);
  rows.push([text('Gemaakt op'), text(formatMoment(doc.generatedAt))]);
  rows.push([text('Gemaakt door'), text(doc.generatedBy)]);
  return { key: 'header', kind: 'header', title: null, header: null, types: ['text', 'text'], rows };
}

/** Every block of a document, in order: the header block, then each section. */
export function blocksOf(doc: ReportDoc): Block[] {
  const hidden = hiddenLabel(thresholdOf(doc));
  const blocks: Block[] = [headerBlock(doc)];
  for (const s of doc.sections) {
    if (s.kind === 'figures') {
      const withHints = s.figures.some((f) => f.hint);
      blocks.push({
        key: s.key,
        kind: 'figures',
        title: s.title,
        note: s.note,
        header: withHints ? ['Kengetal', 'Waarde', 'Toelichting'] : ['Kengetal', 'Waarde'],
        types: withHints ? ['text', 'text', 'text'] : ['text', 'text'],
        rows: s.figures.map((f) => {
          const value: BlockCell = f.hidden ? { t: 'hidden', label: hidden } : { t: 'value', v: f.value, type: f.type };
          return withHints ? [text(f.label), value, text(f.hint ?? '')] : [text(f.label), value];
        }),
      });
    } else {
      blocks.push({
        key: s.key,
        kind: 'table',
        title: s.title,
        note: s.note,
        header: s.columns.map((c) => c.label),
        types: s.columns.map((c) => c.type),
        rows: s.rows.map((r) =>
          s.columns.map((c): BlockCell => (isHiddenCell(r, c.key) ? { t: 'hidden', label: hidden } : { t: 'value', v: r.cells[c.key] ?? null, type: c.type })),
        ),
        section: s,
      });
    }
  }
  return blocks;
}

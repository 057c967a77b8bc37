// A ReportDoc as an XLSX workbook with exceljs: the sheet "Overzicht" (header and figures), then one
// sheet per table section with a bold, frozen, filterable header row and real numbers and dates (shown
// the Dutch way by Excel), hidden counts as the text "< 5". The same blocks as the CSV. Node only.
import ExcelJS from 'exceljs';
import { formatCell, isNumericType } from '../../../../shared/reports/format-nl';
import type { ColumnType, ReportDoc } from '../../../../shared/reports/report-doc';
import { type Block, type BlockCell, blocksOf } from './blocks';

export const OVERVIEW_SHEET = 'Overzicht';

/** Excel's number format per column type ('General' for text). Percent values are stored as fractions. */
export function numFmtOf(type: ColumnType): string | undefined {
  switch (type) {
    case 'count':
    case 'int':
    case 'days':
      return '#,##0';
    case 'decimal':
    case 'months':
      return '#,##0.0';
    case 'percent':
      return '0.0%';
    case 'money':
      return '"€" #,##0.00';
    case 'year':
      return '0';
    case 'date':
      return 'dd-mm-yyyy';
    default:
      return undefined;
  }
}

/**
 * Sheet names as Excel allows them: at most 31 characters, none of []:*?/\, no leading or trailing
 * apostrophe, unique without regard to case (also against "Overzicht"); an empty title becomes "Tabel N".
 */
export function sheetNames(titles: string[], taken: string[] = [OVERVIEW_SHEET]): string[] {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  return titles.map((title, i) => {
    const clean =
      title
        .replace(/[[\]:*?/\\\u0000-\u001f]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^'+|'+$/g, '')
        .trim() || `Tabel ${i + 1}`;
    let name = clean.slice(0, 31).trim();
    for (let n = 2; used.has(name.toLowerCase()) || name.toLowerCase() === 'history'; n++) {
      const suffix = ` (${n})`;
      name = `${clean.slice(0, 31 - suffix.length).trim()}${suffix}`;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** The UTC midnight of a real 'yyyy-mm-dd' (no time-zone shift), or null. */
function utcDate(s: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d ? dt : null;
}

/** Writes one block cell into an Excel cell with its real type and number format. */
function setCell(cell: ExcelJS.Cell, c: BlockCell): void {
  if (c.t === 'text') {
    cell.value = c.v;
    return;
  }
  if (c.t === 'hidden') {
    cell.value = c.label;
    cell.alignment = { horizontal: 'right' };
    return;
  }
  const { v, type } = c;
  if (v === null) return;
  if (typeof v === 'number') {
    if (!isNumericType(type)) {
      cell.value = v;
      return;
    }
    cell.value = type === 'percent' ? v / 100 : v;
    cell.numFmt = numFmtOf(type)!;
    return;
  }
  const date = type === 'date' ? utcDate(v) : null;
  if (date) {
    cell.value = date;
    cell.numFmt = 'dd-mm-yyyy';
  } else cell.value = v;
}

/** How wide a cell reads on screen (characters), for the column widths. */
function displayLength(c: BlockCell): number {
  if (c.t === 'text') return Math.max(...c.v.split('\n').map((l) => l.length));
  if (c.t === 'hidden') return c.label.length;
  return formatCell(c.v, c.type).length;
}

function fitColumns(ws: ExcelJS.Worksheet, header: string[], rows: BlockCell[][], max = 60): void {
  header.forEach((h, j) => {
    const longest = Math.max(h.length + 3, ...rows.map((r) => (r[j] ? displayLength(r[j]!) : 0)));
    const col = ws.getColumn(j + 1);
    col.width = Math.min(max, Math.max(9, longest + 2));
    if (longest > max) col.alignment = { wrapText: true, vertical: 'top' };
  });
}

const BOLD: Partial<ExcelJS.Font> = { bold: true };
const MUTED: Partial<ExcelJS.Font> = { italic: true, color: { argb: 'FF52606D' } };
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE3EC' } };

function writeRows(ws: ExcelJS.Worksheet, rows: BlockCell[][]): void {
  for (const r of rows) {
    const row = ws.addRow([]);
    r.forEach((c, j) => setCell(row.getCell(j + 1), c));
  }
}

function writeOverview(ws: ExcelJS.Worksheet, blocks: Block[]): void {
  ws.getColumn(1).width = 32;
  ws.getColumn(2).width = 60;
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  ws.getColumn(3).width = 60;
  ws.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  for (const [i, b] of blocks.entries()) {
    if (i > 0) ws.addRow([]);
    if (b.title !== null) {
      const t = ws.addRow(b.note ? [b.title, b.note] : [b.title]);
      t.getCell(1).font = { bold: true, size: 12 };
      if (b.note) t.getCell(2).font = MUTED;
    }
    if (b.header) {
      const h = ws.addRow(b.header);
      h.font = BOLD;
      h.eachCell((c) => (c.fill = HEAD_FILL));
    }
    const first = ws.rowCount + 1;
    writeRows(ws, b.rows);
    if (b.kind === 'header') {
      ws.getRow(first).getCell(1).font = { bold: true, size: 14 };
      for (let r = first + 1; r <= ws.rowCount; r++) ws.getRow(r).getCell(1).font = BOLD;
    }
  }
}

function writeTableSheet(ws: ExcelJS.Worksheet, b: Block, emptyText: string): void {
  const s = b.section!;
  const header = ws.addRow(b.header!);
  header.font = BOLD;
  header.eachCell((c, j) => {
    c.fill = HEAD_FILL;
    c.alignment = { vertical: 'top', wrapText: true, horizontal: isNumericType(b.types[j - 1]!) ? 'right' : 'left' };
    const hint = s.columns[j - 1]?.hint;
    if (hint) c.note = hint;
  });
  writeRows(ws, b.rows);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + b.rows.length, column: b.header!.length } };
  fitColumns(ws, b.header!, b.rows);
  // Below the table, apart from its filter range: the full title, the note, the column hints.
  const notes: [string, string][] = [['Tabel', s.title]];
  if (s.note) notes.push(['Toelichting', s.note]);
  if (!b.rows.length) notes.push(['Inhoud', emptyText]);
  for (const c of s.columns) if (c.hint) notes.push([c.label, c.hint]);
  ws.addRow([]);
  for (const [label, text] of notes) {
    const r = ws.addRow([label, text]);
    r.getCell(1).font = { ...MUTED, bold: true };
    r.getCell(2).font = MUTED;
    r.getCell(2).alignment = { wrapText: false };
  }
}

export async function renderXlsx(doc: ReportDoc): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Uitstroomtafel';
  wb.title = doc.title;
  wb.subject = doc.subject;
  const created = new Date(doc.generatedAt);
  if (!Number.isNaN(created.getTime())) wb.created = wb.modified = created;
  const blocks = blocksOf(doc);
  const overview = wb.addWorksheet(OVERVIEW_SHEET);
  writeOverview(
    overview,
    blocks.filter((b) => b.kind !== 'table'),
  );
  const tables = blocks.filter((b) => b.kind === 'table');
  const names = sheetNames(tables.map((b) => b.title ?? ''));
  const emptyText = doc.period ? 'Geen gegevens in deze periode.' : 'Geen gegevens.';
  tables.forEach((b, i) => {
    const ws = wb.addWorksheet(names[i]!, { views: [{ state: 'frozen', ySplit: 1 }] });
    writeTableSheet(ws, b, emptyText);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

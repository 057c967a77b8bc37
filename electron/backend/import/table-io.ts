// Writing spreadsheet tables (CSV for Dutch Excel, XLSX with exceljs) for exports and templates; the
// reading side lives in table-read.ts (run in a worker) and is re-exported here. Node only.
import ExcelJS from 'exceljs';
import { type OutCell, outText } from '../../../shared/import/cells';
import { neutraliseCsvText } from '../../../shared/import/csv-text';

export {
  TABLE_LIMITS,
  type Table,
  TableFileError,
  type TableLimits,
  type TableRow,
  fileSizeProblem,
  invalidOrTooLarge,
  readTable,
} from './table-read';

/**
 * CSV for Excel in the Netherlands: BOM, ';' between fields, CRLF. A field holding ';', '"', CR or
 * LF, or with leading or trailing spaces, is quoted ('"' doubled), so every text reads back as written.
 * A text cell that a spreadsheet would run as a formula (= + - @ TAB CR first) gets a leading ' (OWASP);
 * the import takes exactly that ' off again. Numbers, amounts and dates are never prefixed.
 */
export function writeCsv(headers: string[], rows: OutCell[][]): Buffer {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const esc = (s: string) => (/[";\r\n]/.test(s) || /^\s|\s$/.test(s) ? quote(s) : s);
  const cell = (c: OutCell) => {
    if (c?.t !== 'text') return esc(outText(c));
    const safe = neutraliseCsvText(c.v);
    return safe === c.v ? esc(safe) : quote(safe);
  };
  const lines = [headers.map(esc).join(';'), ...rows.map((r) => r.map(cell).join(';'))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export interface SheetNotes {
  title: string;
  headers: string[];
  rows: string[][];
}

/** XLSX: one sheet with the table (bold, frozen header; real numbers and dates), and optional notes. */
export async function writeXlsx(sheetName: string, headers: string[], rows: OutCell[][], notes?: SheetNotes): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Uitstroomtafel';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = headers.map((h) => ({ header: h, width: Math.min(40, Math.max(10, h.length + 2)) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const added = ws.addRow(r.map(toXlsxValue));
    r.forEach((c, i) => {
      if (c?.t === 'date') added.getCell(i + 1).numFmt = 'dd-mm-yyyy';
      else if (c?.t === 'amount') added.getCell(i + 1).numFmt = '0.00';
    });
  }
  if (notes) {
    const ns = wb.addWorksheet(notes.title);
    ns.columns = notes.headers.map((h, i) => ({ header: h, width: i === 2 ? 90 : 28 }));
    ns.getRow(1).font = { bold: true };
    for (const r of notes.rows) ns.addRow(r).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function toXlsxValue(c: OutCell): ExcelJS.CellValue {
  if (c === null) return null;
  switch (c.t) {
    case 'text':
      return c.v;
    case 'int':
    case 'amount':
      return c.v;
    case 'bool':
      return c.v ? 'ja' : 'nee';
    case 'date':
      return new Date(`${c.v}T00:00:00Z`);
  }
}

// Reading and writing spreadsheet tables: XLSX with exceljs (first sheet, header in row 1) and CSV
// (UTF-8 with or without BOM; ';' or ',' detected from the header; quoted fields). Node only.
import ExcelJS from 'exceljs';
import { type Cell, type OutCell, outText } from '../../../shared/import/cells';

export interface TableRow {
  /** The spreadsheet row number (the header is row 1). */
  row: number;
  cells: Cell[];
}
export interface Table {
  headers: string[];
  rows: TableRow[];
}

/** A file that cannot be read as a table at all (not a row or cell problem). */
export class TableFileError extends Error {}

export async function readTable(fileName: string, bytes: Buffer): Promise<Table> {
  const lower = fileName.toLowerCase();
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (lower.endsWith('.xls') || (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf)) {
    throw new TableFileError(`${fileName} is een oud Excel-bestand (.xls); sla het op als .xlsx of als CSV (UTF-8).`);
  }
  if (lower.endsWith('.xlsx') || isZip) {
    if (!isZip) throw new TableFileError(`${fileName} is geen geldig Excel-bestand (.xlsx).`);
    return readXlsx(fileName, bytes);
  }
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return readCsv(fileName, bytes);
  throw new TableFileError(`${fileName}: onbekend bestandstype; gebruik .xlsx of .csv.`);
}

async function readXlsx(fileName: string, bytes: Buffer): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new TableFileError(`${fileName} kan niet als Excel-bestand worden gelezen (${(e as Error).message}).`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new TableFileError(`${fileName} bevat geen werkblad.`);
  const headerRow = ws.getRow(1);
  const headers: string[] = [];
  for (let i = 1; i <= headerRow.cellCount; i++) {
    const v = cellValue(headerRow.getCell(i).value);
    headers.push(v === null ? '' : String(v instanceof Date ? v.toISOString().slice(0, 10) : v).trim());
  }
  while (headers.length && headers[headers.length - 1] === '') headers.pop();
  if (headers.length === 0) throw new TableFileError(`${fileName}: rij 1 (de kopregel) is leeg.`);
  const rows: TableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const cells: Cell[] = [];
    const width = Math.max(row.cellCount, headers.length);
    for (let i = 1; i <= width; i++) cells.push(cellValue(row.getCell(i).value));
    rows.push({ row: n, cells });
  });
  return { headers, rows: rows.filter((r) => r.cells.some((c) => c !== null && String(c).trim() !== '')) };
}

/** An exceljs value as a plain cell; an Excel error (#N/A) becomes a text the row check refuses. */
function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('error' in v) return `#FOUT ${String(v.error)}`;
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : null;
  if ('result' in v) {
    const r = v.result;
    if (r === undefined || r === null) return null;
    if (typeof r === 'object' && !(r instanceof Date)) return `#FOUT ${String((r as { error?: unknown }).error ?? '')}`;
    return r;
  }
  return null;
}

function readCsv(fileName: string, bytes: Buffer): Table {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TableFileError(`${fileName} is geen UTF-8-tekst; sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)'.`);
  }
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = count(firstLine, ';') >= count(firstLine, ',') ? ';' : ',';
  const records = parseCsv(text, delimiter, fileName);
  const head = records.shift();
  if (!head || head.cells.every((c) => c.trim() === '')) throw new TableFileError(`${fileName}: rij 1 (de kopregel) is leeg.`);
  const headers = head.cells.map((c) => c.trim());
  while (headers.length && headers[headers.length - 1] === '') headers.pop();
  return {
    headers,
    rows: records
      .filter((r) => r.cells.some((c) => c.trim() !== ''))
      .map((r) => ({ row: r.row, cells: r.cells.map((c) => (c === '' ? null : c)) })),
  };
}

const count = (s: string, ch: string) => s.split(ch).length - 1;

/** RFC 4180 with a chosen delimiter; `row` counts records (a quoted line break stays in its record). */
function parseCsv(text: string, delimiter: string, fileName: string): { row: number; cells: string[] }[] {
  const out: { row: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let line = 1;
  let recordStart = 1;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === delimiter) {
      cells.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      cells.push(field);
      out.push({ row: out.length + 1, cells });
      cells = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordStart = line;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new TableFileError(`${fileName}: regel ${recordStart}: een veld tussen aanhalingstekens wordt niet afgesloten.`);
  if (field !== '' || cells.length) {
    cells.push(field);
    out.push({ row: out.length + 1, cells });
  }
  return out;
}

/** CSV for Excel in the Netherlands: BOM, ';' between fields, CRLF, quotes where needed. */
export function writeCsv(headers: string[], rows: OutCell[][]): Buffer {
  const esc = (s: string) => (/[";\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [headers.map(esc).join(';'), ...rows.map((r) => r.map((c) => esc(outText(c))).join(';'))];
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

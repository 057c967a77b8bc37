// Reading spreadsheet tables within limits: XLSX streamed with exceljs's streaming parsers (first
// sheet, header in row 1) fed by a guarded ZIP reader, and CSV (UTF-8 with or without BOM; ';' or ','
// detected from the header; quoted fields). Node only; runs in the table worker (keep its imports light).
import type ExcelJS from 'exceljs';
import WorkbookReader from 'exceljs/lib/stream/xlsx/workbook-reader';
import type { Cell } from '../../../shared/import/cells';
import { restoreCsvText } from '../../../shared/import/csv-text';
import { ZipArchive, ZipError, type ZipLimits } from './zip-archive';
import { IMPORT_FILE_MAX_BYTES, fileSizeMessage, invalidOrTooLargeMessage } from '../../../shared/import/file-limits';

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

/** What a file to import may hold at most; far above a region's 10,000 rows, far below what hurts. */
export interface TableLimits {
  /** The file itself (the API's base64 limit allows about 36 MB). */
  fileBytes: number;
  zip: ZipLimits;
  /** Non-empty rows after the header. */
  rows: number;
  columns: number;
  /** Characters in one cell (Excel's own maximum). */
  cellChars: number;
  /** Characters in all cells together. */
  totalChars: number;
}

export const TABLE_LIMITS: TableLimits = {
  fileBytes: IMPORT_FILE_MAX_BYTES,
  zip: { maxEntries: 2000, maxEntryBytes: 200 * 1024 * 1024, maxTotalBytes: 400 * 1024 * 1024, maxRatio: 250 },
  rows: 100_000,
  columns: 500,
  cellChars: 32_767,
  totalChars: 50_000_000,
};

/** The message for a file that is damaged or over a limit: "Bestand X is geen geldig of te groot spreadsheet: …". */
export function invalidOrTooLarge(fileName: string, reason: string): TableFileError {
  return new TableFileError(invalidOrTooLargeMessage(fileName, reason));
}

const thousands = (n: number): string => n.toLocaleString('nl-NL');

/** Refuses a file by its size alone (before it is read or copied); null when the size is allowed. */
export function fileSizeProblem(fileName: string, size: number, limits: TableLimits = TABLE_LIMITS): TableFileError | null {
  const message = fileSizeMessage(fileName, size, limits.fileBytes);
  return message === null ? null : new TableFileError(message);
}

/** Counts cells and characters while a table is read, and refuses the file at the first limit crossed. */
class LimitCounter {
  private chars = 0;
  private rows = 0;
  constructor(
    private readonly fileName: string,
    private readonly limits: TableLimits,
  ) {}

  row(row: number, cells: Cell[]): void {
    if (cells.length > this.limits.columns) {
      throw invalidOrTooLarge(this.fileName, `rij ${row} heeft ${thousands(cells.length)} kolommen (hoogstens ${thousands(this.limits.columns)})`);
    }
    if (row > 1 && ++this.rows > this.limits.rows) {
      throw invalidOrTooLarge(this.fileName, `meer dan ${thousands(this.limits.rows)} rijen`);
    }
    cells.forEach((c, i) => {
      if (typeof c !== 'string') return;
      if (c.length > this.limits.cellChars) {
        throw invalidOrTooLarge(this.fileName, `rij ${row}, kolom ${i + 1}: de cel heeft ${thousands(c.length)} tekens (hoogstens ${thousands(this.limits.cellChars)})`);
      }
      this.chars += c.length;
    });
    if (this.chars > this.limits.totalChars) {
      throw invalidOrTooLarge(this.fileName, `meer dan ${thousands(this.limits.totalChars)} tekens in alle cellen samen`);
    }
  }
}

/**
 * Reads a file as a table in this thread. Hosts call readTableIsolated (a worker with a memory cap)
 * instead, so that a file that gets past these limits still cannot take the process down.
 */
export async function readTable(fileName: string, bytes: Buffer, limits: TableLimits = TABLE_LIMITS): Promise<Table> {
  const lower = fileName.toLowerCase();
  const tooLarge = fileSizeProblem(fileName, bytes.length, limits);
  if (tooLarge) throw tooLarge;
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (lower.endsWith('.xls') || (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf)) {
    throw new TableFileError(`${fileName} is een oud Excel-bestand (.xls) of een met een wachtwoord beveiligd bestand; sla het op als .xlsx (zonder wachtwoord) of als CSV (UTF-8).`);
  }
  if (lower.endsWith('.xlsx') || isZip) {
    if (!isZip) throw new TableFileError(`${fileName} is geen geldig Excel-bestand (.xlsx).`);
    return readXlsx(fileName, bytes, limits);
  }
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return readCsv(fileName, bytes, limits);
  throw new TableFileError(`${fileName}: onbekend bestandstype; gebruik .xlsx of .csv.`);
}

/**
 * XLSX, streamed: the archive's directory is checked before anything is inflated, each part is
 * inflated with a byte count, and the first sheet is read row by row within the table limits.
 * The parts are parsed in the order the sheet needs them (no temporary files, unlike exceljs's own
 * archive walk, which also trusts the archive's local headers).
 */
async function readXlsx(fileName: string, bytes: Buffer, limits: TableLimits): Promise<Table> {
  try {
    const zip = ZipArchive.open(bytes, limits.zip);
    const part = (name: string) => zip.entries.get(name);
    const workbookPart = part('xl/workbook.xml');
    const relsPart = part('xl/_rels/workbook.xml.rels');
    if (!workbookPart || !relsPart) throw invalidOrTooLarge(fileName, 'het bevat geen Excel-werkmap (xl/workbook.xml)');
    const reader = new WorkbookReader('', { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    await reader._parseRels(zip.openEntry(relsPart));
    await reader._parseWorkbook(zip.openEntry(workbookPart));
    const strings = part('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(zip.openEntry(strings)));
    else reader.sharedStrings = [];
    const styles = part('xl/styles.xml');
    if (styles) await reader._parseStyles(zip.openEntry(styles));

    const first = reader.model?.sheets?.[0];
    if (!first) throw new TableFileError(`${fileName} bevat geen werkblad.`);
    const target = reader.workbookRels?.find((r) => r.Id === first.rId)?.Target ?? '';
    const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    const sheetPart = part(sheetPath);
    if (!sheetPart) throw invalidOrTooLarge(fileName, `werkblad '${first.name}' ontbreekt in het archief`);
    const sheetNo = /sheet(\d+)\.xml$/.exec(sheetPath)?.[1] ?? '1';
    const emitted = reader._parseWorksheet(zip.openEntry(sheetPart), sheetNo).next();
    if (emitted.done) throw new TableFileError(`${fileName} bevat geen werkblad.`);
    return await readSheetRows(fileName, emitted.value.value, limits);
  } catch (e) {
    if (e instanceof TableFileError) throw e;
    if (e instanceof ZipError) throw invalidOrTooLarge(fileName, e.message);
    throw invalidOrTooLarge(fileName, `het kan niet als Excel-bestand worden gelezen (${(e as Error).message.slice(0, 160)})`);
  }
}

async function readSheetRows(fileName: string, rowsOf: AsyncIterable<ExcelJS.Row>, limits: TableLimits): Promise<Table> {
  const counter = new LimitCounter(fileName, limits);
  let headers: string[] | null = null;
  const rows: TableRow[] = [];
  let previous = 0;
  for await (const row of rowsOf) {
    const n = Number.isFinite(row.number) && row.number > previous ? row.number : previous + 1;
    previous = n;
    if (row.cellCount > limits.columns) {
      throw invalidOrTooLarge(fileName, `rij ${n} heeft ${thousands(row.cellCount)} kolommen (hoogstens ${thousands(limits.columns)})`);
    }
    if (n === 1) {
      const head: string[] = [];
      for (let i = 1; i <= row.cellCount; i++) {
        const v = cellValue(row.getCell(i).value);
        head.push(v === null ? '' : String(v instanceof Date ? v.toISOString().slice(0, 10) : v).trim());
      }
      counter.row(1, head);
      headers = head;
      continue;
    }
    if (headers === null) headers = [];
    const cells: Cell[] = [];
    const width = Math.max(row.cellCount, headers.length);
    for (let i = 1; i <= width; i++) cells.push(cellValue(row.getCell(i).value));
    if (!cells.some((c) => c !== null && String(c).trim() !== '')) continue;
    counter.row(n, cells);
    rows.push({ row: n, cells });
  }
  const head = headers ?? [];
  while (head.length && head[head.length - 1] === '') head.pop();
  if (head.length === 0) throw new TableFileError(`${fileName}: rij 1 (de kopregel) is leeg.`);
  return { headers: head, rows };
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

function readCsv(fileName: string, bytes: Buffer, limits: TableLimits): Table {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TableFileError(`${fileName} is geen UTF-8-tekst; sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)'.`);
  }
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = count(firstLine, ';') >= count(firstLine, ',') ? ';' : ',';
  const counter = new LimitCounter(fileName, limits);
  let headers: string[] | null = null;
  const rows: TableRow[] = [];
  parseCsv(text, delimiter, fileName, limits, (row, cells) => {
    if (headers === null) {
      if (cells.every((c) => c.trim() === '')) throw new TableFileError(`${fileName}: rij 1 (de kopregel) is leeg.`);
      counter.row(row, cells);
      headers = cells.map((c) => c.trim());
      return;
    }
    if (!cells.some((c) => c.trim() !== '')) return;
    counter.row(row, cells);
    // A text cell our export prefixed with ' against formula injection reads back without it.
    rows.push({ row, cells: cells.map((c) => (c === '' ? null : restoreCsvText(c))) });
  });
  const head: string[] = headers ?? [];
  if (head.length === 0) throw new TableFileError(`${fileName}: rij 1 (de kopregel) is leeg.`);
  while (head.length && head[head.length - 1] === '') head.pop();
  return { headers: head, rows };
}

const count = (s: string, ch: string) => s.split(ch).length - 1;

/**
 * RFC 4180 with a chosen delimiter; `row` counts records (a quoted line break stays in its record).
 * Hands each record over as it ends, so empty lines cost nothing; a field or record over the limits
 * stops the read at once.
 */
function parseCsv(
  text: string,
  delimiter: string,
  fileName: string,
  limits: TableLimits,
  onRecord: (row: number, cells: string[]) => void,
): void {
  let cells: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let line = 1;
  let recordStart = 1;
  let records = 0;
  const n = text.length;
  const pushField = () => {
    if (field.length > limits.cellChars) {
      throw invalidOrTooLarge(fileName, `rij ${records + 1}, kolom ${cells.length + 1}: de cel heeft ${thousands(field.length)} tekens (hoogstens ${thousands(limits.cellChars)})`);
    }
    if (cells.length >= limits.columns) {
      throw invalidOrTooLarge(fileName, `rij ${records + 1} heeft meer dan ${thousands(limits.columns)} kolommen`);
    }
    cells.push(field);
    field = '';
  };
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
      if (field.length > limits.cellChars) pushField();
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === delimiter) {
      pushField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      pushField();
      onRecord(++records, cells);
      cells = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordStart = line;
    } else {
      field += ch;
      i++;
      if (field.length > limits.cellChars) pushField();
    }
  }
  if (quoted) throw new TableFileError(`${fileName}: regel ${recordStart}: een veld tussen aanhalingstekens wordt niet afgesloten.`);
  if (field !== '' || cells.length) {
    pushField();
    onRecord(++records, cells);
  }
}

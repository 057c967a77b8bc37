// Types for the one part of exceljs the import's reading worker loads: the streaming workbook reader
// and the entry parsers it uses, which our guarded ZIP reader feeds part by part. (exceljs ships no
// types for this path; loading it alone keeps the worker's start short.)
declare module 'exceljs/lib/stream/xlsx/workbook-reader' {
  import type { Readable } from 'node:stream';
  import type { Row, stream } from 'exceljs';

  export default class WorkbookReader {
    constructor(input: string, options: Partial<stream.xlsx.WorkbookStreamReaderOptions>);
    model?: { sheets?: { id: number; name: string; rId: string }[] };
    workbookRels?: { Id: string; Target: string }[];
    sharedStrings?: unknown[];
    _parseRels(entry: Readable): Promise<void>;
    _parseWorkbook(entry: Readable): Promise<void>;
    _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
    _parseStyles(entry: Readable): Promise<void>;
    _parseWorksheet(entry: Readable, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<Row> }>;
  }
}

// API methods of the import feature: preview and commit a client or unit file (CSV/XLSX), download
// a template, and export a register list in the same column layout. Each with kind, input and output
// schema; merged into the one contract in contract.ts. Pure TypeScript.
import { z } from 'zod';
import { Line, OUT_FILE_MAX, OUT_MAX } from '../domain/primitives';
import type { MethodSpec } from './method-spec';

export const ImportKind = z.enum(['clients', 'units']);
export type ImportKind = z.infer<typeof ImportKind>;
export const TableFormat = z.enum(['xlsx', 'csv']);
export type TableFormat = z.infer<typeof TableFormat>;

/** A file as the renderer read it: its name (for the format and messages) and its bytes in base64. */
export const ImportFileInput = z
  .object({
    kind: ImportKind,
    fileName: Line(260).min(1),
    // 48 MB of base64 is about 36 MB of file: far above 10,000 rows.
    contentBase64: z.string().max(48 * 1024 * 1024),
  })
  .strict();
export type ImportFileInput = z.infer<typeof ImportFileInput>;

/**
 * One problem in the file: the spreadsheet row (1 = header row) and the column header, when known;
 * `code` names the row's record where the problem is the row as a whole (a new code without a required column).
 */
export const ImportProblem = z.object({
  row: z.number().int().nullable(),
  column: z.string().max(OUT_MAX).nullable(),
  code: z.string().max(OUT_MAX).nullable().optional(),
  message: z.string().max(OUT_MAX),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportRowStatus = z.enum(['new', 'changed', 'unchanged', 'error']);
export type ImportRowStatus = z.infer<typeof ImportRowStatus>;

export const ImportCounts = z.object({
  new: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  error: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportPreview = z.object({
  kind: ImportKind,
  fileName: z.string().max(OUT_MAX),
  rows: z.array(
    z.object({
      row: z.number().int(),
      code: z.string().max(OUT_MAX).nullable(),
      status: ImportRowStatus,
      /** Headers of the columns whose value differs from the database (status 'changed'). */
      changedColumns: z.array(z.string().max(OUT_MAX)),
    }),
  ),
  problems: z.array(ImportProblem),
  /**
   * What is allowed but probably wrong (a complex in several neighbourhoods): shown with the preview
   * and printed by the command line; they do not stop the import.
   */
  warnings: z.array(ImportProblem),
  counts: ImportCounts,
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z.object({
  kind: ImportKind,
  fileName: z.string().max(OUT_MAX),
  counts: ImportCounts,
  /** Rows written (new + changed). */
  written: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const FileOutput = z.object({ fileName: z.string().max(OUT_MAX), contentBase64: z.string().max(OUT_FILE_MAX) });
export type FileOutput = z.infer<typeof FileOutput>;

export const importMethods = {
  /** Reads and checks a file against the database; writes nothing. */
  'import.preview': { kind: 'query', input: ImportFileInput, output: ImportPreview },
  /** Reads and checks again, then writes every new and changed row in one transaction; any error writes nothing. */
  'import.commit': { kind: 'mutation', input: ImportFileInput, output: ImportResult },
  /** An empty file with the headers of the current policy; XLSX adds a sheet "Toelichting". */
  'import.template': { kind: 'query', input: z.object({ kind: ImportKind, format: TableFormat }).strict(), output: FileOutput },
  /** The register list in the import's column layout (so it can be edited and imported again). Audited. */
  'export.list': {
    kind: 'query',
    input: z
      .object({
        kind: ImportKind,
        format: TableFormat,
        /** The list's filters, loosely: at least `search` and `status` are applied. */
        filters: z.record(z.string().max(64), z.unknown()).optional(),
      })
      .strict(),
    output: FileOutput,
  },
} as const satisfies Record<string, MethodSpec>;

// What the document worker can be asked to write (document.worker.ts), and how it writes it: the same
// functions the app used on the request thread. Node only.
import type { OutCell } from '../../../shared/import/cells';
import type { ReportDoc, ReportFormat } from '../../../shared/reports/report-doc';
import type { ReviewFile } from '../../../shared/review/review-file';
import { type SheetNotes, writeXlsx } from '../import/table-io';
import { type AccessDocument, accessPdf } from '../privacy/access-pdf';
import { renderReport } from '../reports/render/render';
import { reviewPdf } from '../review/review-pdf';

export type DocumentJob =
  /** A report (matchrapportage, agenda, verslag, monitor …) as PDF, XLSX or CSV. */
  | { kind: 'report'; doc: ReportDoc; format: ReportFormat }
  /** A corporation's review file (beoordelingsbestand) as PDF. */
  | { kind: 'review-pdf'; file: ReviewFile }
  /** A client's access document (inzageverzoek) as PDF. */
  | { kind: 'access-pdf'; doc: AccessDocument }
  /** A list export (kandidaten, woningen) as XLSX. */
  | { kind: 'table-xlsx'; sheetName: string; headers: string[]; rows: OutCell[][]; notes?: SheetNotes };

/**
 * What the host posts to the worker: a whole job; or a job without its rows (`more`), then its rows in
 * slices, the last without `more` (document-runner.ts hands a long list over that way).
 */
export type DocumentMessage = { id: number; job: DocumentJob; more?: boolean } | { id: number; rows: OutCell[][]; more: boolean };

export function writeDocument(job: DocumentJob): Promise<Buffer> {
  switch (job.kind) {
    case 'report':
      return renderReport(job.doc, job.format);
    case 'review-pdf':
      return reviewPdf(job.file);
    case 'access-pdf':
      return accessPdf(job.doc);
    case 'table-xlsx':
      return writeXlsx(job.sheetName, job.headers, job.rows, job.notes);
  }
}

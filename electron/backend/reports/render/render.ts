// PLACEHOLDER (issue 11): replaced by the real renderers.
import type { ReportDoc, ReportFormat } from '../../../../shared/reports/report-doc';

export async function renderReport(_doc: ReportDoc, _format: ReportFormat): Promise<Buffer> {
  throw new Error('nog niet gebouwd');
}

/** "matchrapportage-windkering-2026-12-04.pdf" */
export function reportFileName(doc: ReportDoc, format: ReportFormat): string {
  return `${doc.report}.${format}`;
}

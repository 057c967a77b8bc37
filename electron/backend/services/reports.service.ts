// The report methods (issue 11): each builds one ReportDoc through its builder in ../reports, applies
// the small-number rule where the figures leave the app or the reader is not the chair, and
// `reports.export` writes the document as PDF, XLSX or CSV and audits the export. Node only.
import type { reportsMethods, ReportRequest } from '../../../shared/api/reports.contract';
import { hideSmallNumbers, type ReportDoc } from '../../../shared/reports/report-doc';
import type { HandlersFor } from '../api/dispatcher';
import { buildAgenda } from '../reports/agenda.report';
import { buildCorporationReport } from '../reports/corporation.report';
import { buildMinutes } from '../reports/minutes.report';
import { monitorRows } from '../reports/monitor-rows';
import { buildMonitorReport } from '../reports/monitor.report';
import { buildProviderReport } from '../reports/provider.report';
import type { ReportContext } from '../reports/report-context';
import { reportFileName } from '../reports/render/render';
import { writeDocumentInWorker } from '../workers/document-runner';
import { currentPolicy, isoDay } from './region.service';

/** The policy's small-number threshold today (default 5). */
export async function smallNumberThreshold(ctx: ReportContext): Promise<number> {
  return (await currentPolicy(ctx.db, isoDay(ctx.now())))?.settings.reports.smallNumbers ?? 5;
}

/**
 * Builds the document a request asks for. `leaving`: the document leaves the app (an export), so
 * aggregate counts are hidden below the threshold whoever asks; on screen only the chair sees them exact.
 */
export async function buildReport(ctx: ReportContext, request: ReportRequest, leaving: boolean): Promise<ReportDoc> {
  switch (request.report) {
    case 'provider':
      return buildProviderReport(ctx, request);
    case 'corporation': {
      const doc = await buildCorporationReport(ctx, request);
      return leaving ? hideSmallNumbers(doc, await smallNumberThreshold(ctx)) : doc;
    }
    case 'agenda':
      return buildAgenda(ctx, request);
    case 'minutes':
      return buildMinutes(ctx, request);
    case 'monitor': {
      const doc = await buildMonitorReport(ctx, request);
      const threshold = await smallNumberThreshold(ctx);
      return leaving || ctx.user.role !== 'chair' ? hideSmallNumbers(doc, threshold) : { ...doc, smallNumbers: { threshold, hidden: false } };
    }
  }
}

/** A report written to a file: the bytes and the file name. */
export async function writeReport(ctx: ReportContext, request: ReportRequest, format: 'pdf' | 'xlsx' | 'csv') {
  const doc = await buildReport(ctx, request, true);
  // Rendered off the request thread: other people's pages stay fast while a large report is written.
  const bytes = await writeDocumentInWorker({ kind: 'report', doc, format });
  return { doc, bytes, fileName: reportFileName(doc, format) };
}

export const reportsHandlers: HandlersFor<typeof reportsMethods> = {
  'reports.provider': (ctx, input) => buildReport(ctx, { report: 'provider', ...input }, false),
  'reports.corporation': (ctx, input) => buildReport(ctx, { report: 'corporation', ...input }, false),
  'reports.agenda': (ctx, input) => buildReport(ctx, { report: 'agenda', ...input }, false),
  'reports.minutes': (ctx, input) => buildReport(ctx, { report: 'minutes', ...input }, false),
  'monitor.report': (ctx, input) => buildReport(ctx, { report: 'monitor', ...input }, false),
  'monitor.rows': (ctx, input) => monitorRows(ctx, input),
  'reports.export': async (ctx, { request, format }) => {
    const { doc, bytes, fileName } = await writeReport(ctx, request, format);
    // Privacy duty: every export is logged — who (the entry's actor), which report, which filters, how many clients.
    await ctx.audit({
      action: 'export',
      entity: 'report',
      entityId: request.report,
      detail: { report: request.report, format, request, fileName, clients: doc.clients, smallNumbers: doc.smallNumbers },
    });
    return { fileName, contentBase64: bytes.toString('base64'), clients: doc.clients };
  },
};

// API methods for reports (issue 11): the care provider's match report, the corporation report, the
// meeting agenda and minutes, and the regional monitor with its click-through rows. Each report is one
// ReportDoc (shared/reports/report-doc.ts) shown on screen; `reports.export` writes it as PDF, XLSX or
// CSV and audits the export. Merged into contract.ts. Pure TypeScript.
import { z } from 'zod';
import { ClientGroup } from '../domain/codes';
import { Id, IsoDate, OUT_MAX } from '../domain/primitives';
import { ReportDoc, ReportFile, ReportFormat, ReportRow, ReportColumn } from '../reports/report-doc';
import type { MethodSpec } from './method-spec';

/** A period (both ends inclusive); where a report takes one and none is given: the last 12 months to today. */
const Period = { from: IsoDate.optional(), to: IsoDate.optional() };

export const ProviderReportInput = z
  .object({ careProviderId: Id, roundId: z.number().int().min(1).optional(), ...Period })
  .strict();
export const CorporationReportInput = z.object({ corporationId: Id, ...Period }).strict();
export const RoundReportInput = z.object({ roundId: z.number().int().min(1) }).strict();

const Codes = (max: number) => z.array(z.string().max(64)).max(max).optional();
/** The monitor's filters; every list empty or absent means "all". */
export const MonitorFilters = z
  .object({
    ...Period,
    municipalityCodes: Codes(200),
    corporationIds: Codes(200),
    careProviderIds: Codes(200),
    groups: z.array(ClientGroup).max(20).optional(),
  })
  .strict();
export type MonitorFilters = z.infer<typeof MonitorFilters>;
export const MonitorReportInput = z.object({ filters: MonitorFilters }).strict();

/** Which figure to click through: a monitor section, and the row and column of the cell (absent: all). */
export const MonitorRowsInput = z
  .object({
    filters: MonitorFilters,
    section: z.string().max(64),
    rowKey: z.string().max(200).optional(),
    columnKey: z.string().max(200).optional(),
  })
  .strict();

export const MonitorRows = z.object({
  title: z.string().max(OUT_MAX),
  columns: z.array(ReportColumn),
  rows: z.array(ReportRow),
  /** Rows behind the figure; at most `rows.length` of them are returned (the first 2,000). */
  total: z.number().int(),
});
export type MonitorRows = z.infer<typeof MonitorRows>;

/** Which report to write, with its parameters. */
export const ReportRequest = z.discriminatedUnion('report', [
  ProviderReportInput.extend({ report: z.literal('provider') }),
  CorporationReportInput.extend({ report: z.literal('corporation') }),
  RoundReportInput.extend({ report: z.literal('agenda') }),
  RoundReportInput.extend({ report: z.literal('minutes') }),
  MonitorReportInput.extend({ report: z.literal('monitor') }),
]);
export type ReportRequest = z.infer<typeof ReportRequest>;

export const reportsMethods = {
  /** One care provider's clients: status, decisions, placements, next step. Audited as a view. */
  'reports.provider': { kind: 'query', input: ProviderReportInput, output: ReportDoc },
  /** One corporation's proposals, decisions, placements and quota use: housing facts only. */
  'reports.corporation': { kind: 'query', input: CorporationReportInput, output: ReportDoc },
  /** The meeting agenda of a round: proposals with their short explanation, the unplaced, the figures. */
  'reports.agenda': { kind: 'query', input: RoundReportInput, output: ReportDoc },
  /** The minutes of a round: every decision, who recorded it, the controls and follow-up dates. */
  'reports.minutes': { kind: 'query', input: RoundReportInput, output: ReportDoc },
  /** The regional monitor with filters; small numbers hidden for every role but the chair. */
  'monitor.report': { kind: 'query', input: MonitorReportInput, output: ReportDoc },
  /** The rows behind one monitor figure (pseudonymous codes, no names). */
  'monitor.rows': { kind: 'query', input: MonitorRowsInput, output: MonitorRows },
  /**
   * Writes a report as PDF, XLSX or CSV and logs the export (who, which report, filters, how many
   * clients). Aggregate figures in exports always hide small numbers, whoever asks.
   */
  'reports.export': {
    kind: 'mutation',
    input: z.object({ request: ReportRequest, format: ReportFormat }).strict(),
    output: ReportFile,
  },
} as const satisfies Record<string, MethodSpec>;

// PLACEHOLDER (issue 11): replaced by the real builder.
import type { z } from 'zod';
import type { RoundReportInput } from '../../../shared/api/reports.contract';
import { AppError } from '../../../shared/api/result';
import type { ReportDoc } from '../../../shared/reports/report-doc';
import type { ReportContext } from './report-context';

export async function buildMinutes(_ctx: ReportContext, _input: z.infer<typeof RoundReportInput>): Promise<ReportDoc> {
  throw new AppError('INTERNAL', 'nog niet gebouwd');
}

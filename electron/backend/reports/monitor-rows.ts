// PLACEHOLDER (issue 11): replaced by the real click-through.
import type { z } from 'zod';
import type { MonitorRows, MonitorRowsInput } from '../../../shared/api/reports.contract';
import { AppError } from '../../../shared/api/result';
import type { ReportContext } from './report-context';

export async function monitorRows(_ctx: ReportContext, _input: z.infer<typeof MonitorRowsInput>): Promise<MonitorRows> {
  throw new AppError('INTERNAL', 'nog niet gebouwd');
}

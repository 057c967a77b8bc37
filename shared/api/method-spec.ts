// What every API method declares. Pure TypeScript.
import type { z } from 'zod';

/**
 * query: reads (may log views/exports); mutation: writes in one transaction that must be audited;
 * job: long-running work (a solve) outside any transaction — it writes through ctx.transaction at
 * the end, can be cancelled with 'jobs.cancel' when its input carries a `jobId`, and must be audited.
 */
export type MethodKind = 'query' | 'mutation' | 'job';
export interface MethodSpec {
  kind: MethodKind;
  input: z.ZodType;
  output: z.ZodType;
}

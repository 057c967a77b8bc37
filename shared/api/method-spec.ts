// What every API method declares. Pure TypeScript.
import type { z } from 'zod';

export type MethodKind = 'query' | 'mutation';
export interface MethodSpec {
  kind: MethodKind;
  input: z.ZodType;
  output: z.ZodType;
}

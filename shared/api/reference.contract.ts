// API methods of the reference feature: each with kind, input and output schema. Merged into the one
// contract in contract.ts. Pure TypeScript.
import type { MethodSpec } from './method-spec';

export const referenceMethods = {} as const satisfies Record<string, MethodSpec>;

// API methods of the import feature: each with kind, input and output schema. Merged into the one
// contract in contract.ts. Pure TypeScript.
import type { MethodSpec } from './method-spec';

export const importMethods = {} as const satisfies Record<string, MethodSpec>;

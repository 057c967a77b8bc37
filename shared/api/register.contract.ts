// API methods of the register feature: each with kind, input and output schema. Merged into the one
// contract in contract.ts. Pure TypeScript.
import type { MethodSpec } from './method-spec';

export const registerMethods = {} as const satisfies Record<string, MethodSpec>;

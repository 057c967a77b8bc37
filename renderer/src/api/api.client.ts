// Typed client over the API contract: `call(method, input)` resolves with the method's output or throws
// an ApiCallError. Runs in the renderer; the transport (IPC or HTTP) is chosen by the caller.
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import { ERROR_CODES, type ApiProblem, type ErrorCode, type Result } from '../../../shared/api/result';

/** Moves one call to the backend and returns its envelope; never throws for application errors. */
export type Transport = (method: MethodName, input: unknown) => Promise<Result<unknown>>;

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

/** An API call that came back with `ok: false` (or never arrived). */
export class ApiCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: ApiProblem[] = [],
    readonly method?: MethodName,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

export function createClient(transport: Transport): ApiClient {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const result = await transport(method, input);
      if (result.ok) {
        // The backend validated this value against the contract's output schema.
        return result.value as MethodOutput<M>;
      }
      throw new ApiCallError(result.error.code, result.error.message, result.error.problems ?? [], method);
    },
  };
}

/** Checks that a value received over a boundary has the shape of an envelope. */
export function asEnvelope(value: unknown): Result<unknown> | null {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return null;
  if (value.ok === true && 'value' in value) return { ok: true, value: value.value };
  if (value.ok === false && 'error' in value) {
    const error = value.error;
    if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
      const code = typeof error.code === 'string' ? error.code : 'INTERNAL';
      const message = typeof error.message === 'string' ? error.message : 'Onbekende fout';
      const problems = 'problems' in error && Array.isArray(error.problems) ? toProblems(error.problems) : undefined;
      return { ok: false, error: { code: toErrorCode(code), message, ...(problems ? { problems } : {}) } };
    }
  }
  return null;
}

/** An envelope for a failure on the way (no connection, garbled reply). */
export function transportFailure(message: string): Result<unknown> {
  return { ok: false, error: { code: 'INTERNAL', message } };
}

function toErrorCode(code: string): ErrorCode {
  return ERROR_CODES.find((c) => c === code) ?? 'INTERNAL';
}

function toProblems(items: unknown[]): ApiProblem[] {
  const problems: ApiProblem[] = [];
  for (const item of items) {
    if (typeof item === 'object' && item !== null && 'path' in item && 'message' in item) {
      problems.push({ path: String(item.path), message: String(item.message) });
    }
  }
  return problems;
}

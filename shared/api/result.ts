// The envelope every API call returns, over IPC, HTTP and in-process alike: never a thrown error
// across a boundary. Pure TypeScript.
import { z } from 'zod';

export const ERROR_CODES = [
  'VALIDATION', // the input is not what the method accepts
  'NOT_FOUND',
  'CONFLICT', // the change contradicts data already there
  'STALE', // the record changed since the caller read it (lost update refused): reload and redo
  'UNKNOWN_METHOD',
  'UNAUTHORIZED', // browser mode: missing or wrong token
  'FORBIDDEN', // the caller is not allowed (wrong frame, wrong host)
  'DB_TOO_NEW',
  'CANCELLED', // the user stopped a long-running operation
  'BUSY', // another process is writing to the database and did not finish in time; try again
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ApiProblem = z.object({ path: z.string(), message: z.string() });
export type ApiProblem = z.infer<typeof ApiProblem>;

export const ApiError = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** Itemised problems (field paths) for VALIDATION errors. */
  problems: z.array(ApiProblem).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** An error a handler throws on purpose; the dispatcher turns it into the envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems?: ApiProblem[],
  ) {
    super(message);
    this.name = 'AppError';
  }
  toApiError(): ApiError {
    return this.problems ? { code: this.code, message: this.message, problems: this.problems } : { code: this.code, message: this.message };
  }
}

// The one dispatcher: checks the method name, checks the caller's role against the access matrix
// (refusals are audited, nothing else is written), validates input against the contract, narrows it to
// the caller's own records where the matrix says 'own', runs mutations in a transaction that must write
// an audit entry, validates and filters the output, and returns the {ok, value} | {ok: false, error}
// envelope. IPC, HTTP and the CLI are thin adapters over it (through the host's gate). Node only.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { type MethodKind, type MethodName, type MethodSpec, contract, isMethodName } from '../../../shared/api/contract';
import { AppError, type Result } from '../../../shared/api/result';
import { grantOf } from '../../../shared/auth/access-matrix';
import type { SessionUser } from '../../../shared/auth/roles';
import { OWN_SCOPES, filterForRole } from '../auth/scope';
import { shorten } from '../../../shared/domain/primitives';
import { busyError, isBusyError } from '../db/immediate-dialect';
import type { DB } from '../db/schema';
import { insertAudit } from '../repos/audit.repo';
import type { AuditInput, BackendEnv, HandlerContext } from './context';
import { auditRead } from './read-audit';

type Spec<M extends MethodName> = (typeof contract)[M];
export type Handler<M extends MethodName> = (
  ctx: HandlerContext,
  input: z.output<Spec<M>['input']>,
) => Promise<z.input<Spec<M>['output']>>;
/**
 * Methods the host's gate answers itself (they log in, or replace the open database); the dispatcher
 * never runs them.
 */
export const GATE_METHODS = ['auth.status', 'auth.setup', 'auth.login', 'auth.logout', 'backups.restore', 'review.startFile'] as const;
export type GateMethod = (typeof GATE_METHODS)[number];
export type DispatchedMethod = Exclude<MethodName, GateMethod>;
/** One implementation per dispatched contract method: the compiler flags a missing or extra one. */
export type Handlers = { [M in DispatchedMethod]: Handler<M> };
/** The handlers of one feature's methods (a slice of the contract). */
export type HandlersFor<T> = { [M in keyof T & MethodName]: Handler<M> };

export interface Caller {
  /** Who the records name: the logged-in person's user name. */
  actor: string;
  /** The logged-in person; their role decides what they may call (access matrix). */
  user: SessionUser;
}

export type Dispatch = (method: unknown, input: unknown, caller: Caller) => Promise<Result<unknown>>;

/** Running jobs by the caller's job id, so 'jobs.cancel' can stop them. */
const runningJobs = new Map<string, AbortController>();

/** Cancels a running job; false when no job has that id (already finished, or never started). */
export function cancelJob(jobId: string): boolean {
  const job = runningJobs.get(jobId);
  if (!job) return false;
  job.abort();
  return true;
}

export function createDispatcher(db: Kysely<DB>, env: BackendEnv, handlers: Handlers): Dispatch {
  return async (method, input, caller) => {
    if (!isMethodName(method)) {
      return fail(new AppError('UNKNOWN_METHOD', `Onbekende methode '${shorten(String(method), 64)}'.`));
    }
    if ((GATE_METHODS as readonly string[]).includes(method)) {
      return fail(new AppError('UNKNOWN_METHOD', `Methode ${method} wordt door de app zelf afgehandeld, niet hier.`));
    }
    const spec = contract[method];
    // The role first: a refused caller learns nothing from validation messages either.
    const grant = caller.user ? grantOf(method, caller.user.role) : 'no';
    if (grant === 'no') return refuse(db, env, caller, method);
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      // Never the received value: paths and messages are cut short (a record key or a custom message may carry input).
      const problems = parsed.error.issues
        .slice(0, MAX_PROBLEMS)
        .map((i) => ({ path: i.path.map((k) => shorten(String(k), 64)).join('.') || '(invoer)', message: shorten(i.message, 300) }));
      return fail(
        new AppError('VALIDATION', `Ongeldige invoer voor ${method}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems),
      );
    }
    const handler = handlers[method as DispatchedMethod] as (ctx: HandlerContext, input: unknown) => Promise<unknown>;
    const scope = grant === 'own' ? OWN_SCOPES[method] : undefined;
    if (grant === 'own' && !scope) return refuse(db, env, caller, method);
    let data: unknown = parsed.data;
    try {
      if (scope) data = await scope.input(db, caller.user, data);
    } catch (e) {
      const error = toAppError(e);
      if (error.code === 'FORBIDDEN') return refuse(db, env, caller, method, error.message);
      return fail(error);
    }
    const unaudited = () => new AppError('INTERNAL', `Methode ${method} schreef geen logboekregel; wijziging teruggedraaid.`);
    try {
      let value: unknown;
      const kind = kindOf(spec);
      if (kind === 'mutation') {
        value = await db.transaction().execute(async (trx) => {
          const ctx = makeContext(trx, env, caller, NEVER);
          const out = await handler(ctx, data);
          if (ctx.audited() === 0) throw unaudited();
          return out;
        });
      } else if (kind === 'job') {
        const jobId = (data as { jobId?: unknown }).jobId;
        const controller = new AbortController();
        if (typeof jobId === 'string') runningJobs.set(jobId, controller);
        try {
          const ctx = makeContext(db, env, caller, controller.signal, true);
          value = await handler(ctx, data);
          if (ctx.audited() === 0) throw unaudited();
        } finally {
          if (typeof jobId === 'string') runningJobs.delete(jobId);
        }
      } else {
        value = await handler(makeContext(db, env, caller, NEVER), data);
      }
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        throw new AppError('INTERNAL', `Uitvoer van ${method} voldoet niet aan het contract: ${checked.error.issues[0]?.message ?? ''}`);
      }
      const filtered = filterForRole(method, caller.user, scope?.output ? scope.output(caller.user, checked.data) : checked.data);
      // A read of client data is logged once, with its filter and count (privacy duty; see read-audit.ts).
      if (kind === 'query') await auditRead(makeContext(db, env, caller, NEVER), method, data, filtered);
      return { ok: true, value: filtered };
    } catch (e) {
      return fail(toAppError(e));
    }
  };
}

/** Widened on purpose: the kinds a method may have, not only those in use today. */
const kindOf = (spec: MethodSpec): MethodKind => spec.kind;

const NEVER = new AbortController().signal;
/** At most this many input problems are reported (one bad array can produce thousands). */
const MAX_PROBLEMS = 50;

function makeContext(
  db: Kysely<DB>,
  env: BackendEnv,
  caller: Caller,
  signal: AbortSignal,
  ownTransactions = false,
): HandlerContext & { audited(): number } {
  let count = 0;
  // One context per database handle: its audit writes go through that same handle (inside a
  // transaction, the transaction), and every context of a call shares the audit count.
  const contextOn = (handle: Kysely<DB>, inTransaction: boolean): HandlerContext => {
    const ctx: HandlerContext = {
      ...env,
      db: handle,
      actor: caller.actor,
      user: caller.user,
      signal,
      async audit(entry: AuditInput) {
        await insertAudit(handle, env.now(), caller.actor, entry);
        count++;
      },
      async transaction<T>(fn: (c: HandlerContext) => Promise<T>): Promise<T> {
        if (inTransaction) return fn(ctx);
        return db.transaction().execute(async (trx) => fn(contextOn(trx, true)));
      },
    };
    return ctx;
  };
  return { ...contextOn(db, !ownTransactions), audited: () => count };
}

/**
 * A call the caller's role may not make: refused with FORBIDDEN before any handler or validation ran,
 * and the refusal written to the audit log (the only write).
 */
async function refuse(db: Kysely<DB>, env: BackendEnv, caller: Caller, method: MethodName, reason?: string): Promise<Result<never>> {
  const role = caller.user?.role ?? 'geen';
  try {
    await db.transaction().execute(async (trx) => {
      await insertAudit(trx, env.now(), caller.actor, { action: 'denied', entity: 'method', entityId: method, detail: { role, ...(reason ? { reason } : {}) } });
    });
  } catch (e) {
    return fail(toAppError(e));
  }
  return fail(new AppError('FORBIDDEN', reason ?? `Uw rol (${role}) mag ${method} niet gebruiken.`));
}

function fail(error: AppError): Result<never> {
  return { ok: false, error: error.toApiError() };
}

function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  // Another process held a lock longer than SQLite waited: expected, and nothing was written.
  if (isBusyError(e)) return busyError();
  const err = e as { code?: unknown; message?: unknown };
  if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT')) {
    return new AppError('CONFLICT', `De wijziging botst met bestaande gegevens (${String(err.message)}).`);
  }
  // An unexpected failure: keep the details in the host's log, give the user a plain message.
  console.error('[backend] unexpected error', e);
  return new AppError('INTERNAL', `Interne fout: ${typeof err?.message === 'string' ? err.message : String(e)}`);
}

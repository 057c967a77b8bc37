// The regional server's front door (issue 15): the same role as the laptop's gate (auth/gate.ts), for
// many people at once on one PostgreSQL database. Logins check the passphrase hash in the database
// (server/credentials.ts); sessions live in the database (hashes only), end after 30 minutes without a
// call or 12 hours after the login, and every call but a login carries the session's CSRF token; failed
// logins are limited per address (counted in the database) and lock the name. Every other method goes to the dispatcher as the
// session's user. Node only.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthStatus } from '../../../shared/api/auth.contract';
import { AppError, type Result } from '../../../shared/api/result';
import type { SessionUser } from '../../../shared/auth/roles';
import { shorten } from '../../../shared/domain/primitives';
import type { AuditInput } from '../api/context';
import type { GateReply } from '../auth/gate';
import { IDLE_TIMEOUT_MS } from '../auth/gate';
import { LOGIN_FAILED } from '../auth/vault';
import type { Backend } from '../backend';
import { insertAudit } from '../repos/audit.repo';
import { lockedMessage, readUser, toSessionUser } from '../repos/users.repo';
import { type MethodName, contract } from '../../../shared/api/contract';
import { UnparsedJson } from '../http/unparsed-json';
import { LONG_METHODS, type ServerJobs } from './server-jobs';

/** A session ends this long after its login, however busy. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
/** A session's last call is written at most this often (its idle end moves with it). */
const TOUCH_EVERY_MS = 60_000;
/** Failed logins from one address within the window before that address must wait (counted in the database: login_failures). */
export const ADDRESS_FAILURES = 10;
export const ADDRESS_WINDOW_MS = 15 * 60_000;
/** Who a failed login by an unknown name is recorded as (the name typed is not stored: it may be a passphrase). */
const UNKNOWN_ACTOR = 'onbekend';

/** What the HTTP layer knows of a request besides the session: where it came from and the CSRF header. */
export interface CallMeta {
  address?: string | undefined;
  csrf?: string | null | undefined;
}

export interface ServerGateOptions {
  /** Where the long calls run (server-jobs.ts); without it, on the request thread (tests of the gate alone). */
  jobs?: Pick<ServerJobs, 'run'>;
  idleMs?: number;
  absoluteMs?: number;
  addressFailures?: number;
  addressWindowMs?: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export class ServerGate {
  private readonly idleMs: number;
  private readonly absoluteMs: number;

  constructor(
    readonly backend: Backend,
    private readonly options: ServerGateOptions = {},
  ) {
    this.idleMs = options.idleMs ?? IDLE_TIMEOUT_MS;
    this.absoluteMs = options.absoluteMs ?? ABSOLUTE_TIMEOUT_MS;
  }

  private get db() {
    return this.backend.database.db;
  }

  private now(): Date {
    return this.backend.env.now();
  }

  /** Runs one API call for the holder of `sessionId` (null: no session yet). Never throws. */
  async call(sessionId: string | null, method: unknown, input: unknown, meta: CallMeta = {}): Promise<GateReply> {
    try {
      switch (method) {
        case 'auth.status':
          return await this.status(sessionId);
        case 'auth.setup':
          throw new AppError('CONFLICT', "De server is al ingericht (met 'npm run server -- init'); meld u aan met uw naam en wachtwoordzin.");
        case 'auth.login':
          return await this.login(sessionId, input, meta);
        case 'auth.logout':
          return await this.logout(sessionId, meta);
        case 'backups.restore':
          throw new AppError('CONFLICT', 'Op de regionale server zet de beheerder een backup terug met pg_restore (zie de README, "Regionale server"); in de app kan dat niet.');
        case 'review.startFile':
          return { result: { ok: true, value: null }, session: null };
        default:
          return await this.forward(sessionId, method, input, meta);
      }
    } catch (e) {
      return { result: fail(e), session: null };
    }
  }

  private status_(user: SessionUser | null): AuthStatus {
    return { state: 'open', user, databasePath: '' };
  }

  private async status(sessionId: string | null): Promise<GateReply> {
    const live = await this.live(sessionId);
    if (!live) return { result: { ok: true, value: this.status_(null) }, session: sessionId ? { clear: true } : null };
    return { result: { ok: true, value: this.status_(live.user) }, session: null, actor: live.user.name };
  }

  /** The session of `sessionId` if it has not ended (touching it), with its user as the database has them now; ended ones go. */
  private async live(sessionId: string | null): Promise<{ idHash: string; csrfHash: string; user: SessionUser } | null> {
    if (!sessionId) return null;
    const idHash = sha256(sessionId);
    const row = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    if (!row) return null;
    const now = this.now();
    if (Date.parse(row.expires_at) <= now.getTime()) {
      await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
      return null;
    }
    const user = await readUser(this.db, row.user_name);
    if (!user || user.active !== 1) {
      await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
      return null;
    }
    if (now.getTime() - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS) {
      await this.db
        .updateTable('sessions')
        .set({ last_seen_at: now.toISOString(), expires_at: this.endOf(Date.parse(row.created_at), now) })
        .where('id_hash', '=', idHash)
        .execute();
    }
    return { idHash, csrfHash: row.csrf_hash, user: toSessionUser(user) };
  }

  private endOf(createdMs: number, now: Date): string {
    return new Date(Math.min(createdMs + this.absoluteMs, now.getTime() + this.idleMs)).toISOString();
  }

  private async login(sessionId: string | null, input: unknown, meta: CallMeta): Promise<GateReply> {
    const parsed = contract['auth.login'].input.safeParse(input ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.') || '(invoer)', message: shorten(i.message, 300) }));
      throw new AppError('VALIDATION', `Ongeldige invoer voor auth.login: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
    }
    const { name, passphrase } = parsed.data;
    if (sessionId) await this.db.deleteFrom('sessions').where('id_hash', '=', sha256(sessionId)).execute();
    const clear = sessionId ? ({ clear: true } as const) : null;
    const now = this.now();
    const address = meta.address ?? 'onbekend';
    const keys = this.backend.env.keys!;
    const waitMs = await this.addressWait(address, now.getTime());
    if (waitMs > 0) {
      await this.audit(UNKNOWN_ACTOR, { action: 'login-refused', entity: 'user', entityId: null, detail: { reason: 'te veel pogingen vanaf dit adres', address, host: 'server' } });
      const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
      return {
        result: fail(new AppError('UNAUTHORIZED', `Te veel mislukte aanmeldpogingen vanaf dit adres; probeer het over ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'} opnieuw.`)),
        session: clear,
        status: 429,
      };
    }
    const lock = await keys.lockState(name);
    if (lock.lockedUntil) {
      await this.audit(name, { action: 'login-refused', entity: 'user', entityId: name, detail: { reason: 'geblokkeerd', lockedUntil: lock.lockedUntil, address, host: 'server' } });
      return { result: fail(new AppError('UNAUTHORIZED', lockedMessage(name, lock.lockedUntil))), session: clear };
    }
    const row = await readUser(this.db, name);
    const right = await keys.verify(name, passphrase);
    if (!right || !row || row.active !== 1) {
      await this.addressFailed(address, now);
      const state = row ? await keys.recordFailure(name) : { failures: 0, lockedUntil: null };
      await this.audit(row ? name : UNKNOWN_ACTOR, {
        action: 'login-failed',
        entity: 'user',
        entityId: row ? name : null,
        detail: { ...(row ? { failures: state.failures } : { reason: 'onbekende naam' }), ...(row && row.active !== 1 ? { reason: 'niet actief' } : {}), ...(state.lockedUntil ? { lockedUntil: state.lockedUntil } : {}), address, host: 'server' },
      });
      const message = state.lockedUntil ? `${LOGIN_FAILED} ${lockedMessage(name, state.lockedUntil)}` : LOGIN_FAILED;
      return { result: fail(new AppError('UNAUTHORIZED', message)), session: clear };
    }
    await keys.unlock(name);
    const id = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    await this.db.transaction().execute(async (trx) => {
      // Ended sessions of anyone are cleared on the way (the expiry index makes this cheap).
      await trx.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
      await trx
        .insertInto('sessions')
        .values({ id_hash: sha256(id), csrf_hash: sha256(csrf), user_name: name, created_at: now.toISOString(), last_seen_at: now.toISOString(), expires_at: this.endOf(now.getTime(), now), address })
        .execute();
      await trx.updateTable('users').set({ last_login_at: now.toISOString() }).where('name', '=', name).execute();
      await insertAudit(trx, now, name, { action: 'login', entity: 'user', entityId: name, detail: { host: 'server', address } });
    });
    return { result: { ok: true, value: this.status_(toSessionUser(row)) }, session: { set: id, csrf }, actor: name };
  }

  private async logout(sessionId: string | null, meta: CallMeta): Promise<GateReply> {
    const live = await this.live(sessionId);
    if (live && !this.csrfHolds(live.csrfHash, meta)) return { ...this.csrfRefused(), actor: live.user.name };
    if (sessionId) await this.db.deleteFrom('sessions').where('id_hash', '=', sha256(sessionId)).execute();
    if (live) await this.audit(live.user.name, { action: 'logout', entity: 'user', entityId: live.user.name });
    return { result: { ok: true, value: this.status_(null) }, session: sessionId ? { clear: true } : null, actor: live?.user.name ?? null };
  }

  private async forward(sessionId: string | null, method: unknown, input: unknown, meta: CallMeta): Promise<GateReply> {
    const live = await this.live(sessionId);
    if (!live) {
      const message = sessionId ? 'Uw sessie is verlopen of beëindigd; meld u opnieuw aan.' : 'Log eerst in.';
      return { result: fail(new AppError('UNAUTHORIZED', message)), session: sessionId ? { clear: true } : null };
    }
    if (!this.csrfHolds(live.csrfHash, meta)) return { ...this.csrfRefused(), actor: live.user.name };
    const caller = { actor: live.user.name, user: live.user };
    const json = input instanceof UnparsedJson ? input.text : undefined;
    if (this.options.jobs && typeof method === 'string' && LONG_METHODS.has(method as MethodName)) {
      const answer = await this.options.jobs.run(method, json === undefined ? input : null, caller, json);
      return { result: answer.result, ...(answer.json !== undefined ? { resultJson: answer.json } : {}), session: null, actor: caller.actor };
    }
    let parsed = input;
    if (json !== undefined) {
      try {
        parsed = json.length ? JSON.parse(json) : {};
      } catch {
        return { result: fail(new AppError('VALIDATION', 'De aanvraag is geen geldige JSON.')), session: null, status: 400, actor: caller.actor };
      }
    }
    const result = await this.backend.dispatch(method, parsed, caller);
    return { result, session: null, actor: caller.actor };
  }

  /** The request carries the session's CSRF token (from the script-readable cookie, in the X-CSRF-Token header). */
  private csrfHolds(csrfHash: string, meta: CallMeta): boolean {
    return typeof meta.csrf === 'string' && meta.csrf.length > 0 && meta.csrf.length <= 128 && sameHash(sha256(meta.csrf), csrfHash);
  }

  private csrfRefused(): GateReply {
    return { result: fail(new AppError('FORBIDDEN', 'Verzoek geweigerd: het beveiligingstoken (CSRF) ontbreekt of klopt niet. Laad de pagina opnieuw.')), session: null, status: 403 };
  }

  /** Ends every session of `name` (deactivated, passphrase reset by the administrator). */
  async endSessionsOf(name: string): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('user_name', '=', name).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /**
   * How long `address` must wait before its next login (0: it may try): failed logins are counted in the
   * database (login_failures), so every server process on it, and a restarted one, counts the same.
   */
  private async addressWait(address: string, nowMs: number): Promise<number> {
    const window = this.options.addressWindowMs ?? ADDRESS_WINDOW_MS;
    const limit = this.options.addressFailures ?? ADDRESS_FAILURES;
    const cutoff = new Date(nowMs - window).toISOString();
    // Failures past the window are of no use any more.
    await this.db.deleteFrom('login_failures').where('at', '<=', cutoff).execute();
    const recent = await this.db.selectFrom('login_failures').select('at').where('address', '=', address).where('at', '>', cutoff).orderBy('at', 'desc').limit(limit).execute();
    if (recent.length < limit) return 0;
    // The oldest of the last `limit` failures leaving the window lets the address try once more.
    return Date.parse(recent[limit - 1]!.at) + window - nowMs;
  }

  private async addressFailed(address: string, now: Date): Promise<void> {
    await this.db.insertInto('login_failures').values({ address, at: now.toISOString() }).execute();
  }

  private audit(actor: string, entry: AuditInput): Promise<void> {
    return insertAudit(this.db, this.now(), actor, entry);
  }
}

function fail(e: unknown): Result<never> {
  if (e instanceof AppError) return { ok: false, error: e.toApiError() };
  console.error('[server] unexpected error', e);
  return { ok: false, error: { code: 'INTERNAL', message: 'Interne fout; zie het logboek van de server.' } };
}

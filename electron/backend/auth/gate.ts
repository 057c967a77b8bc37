// The one front door every host (desktop IPC, browser HTTP, CLI) uses: holds the sessions (random ids,
// 30 minutes idle timeout), answers auth.* itself (and backups.restore through the vault), and forwards
// every other method to the dispatcher as the session's user, or refuses with "Log eerst in.". Node only.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { AuthStatus } from '../../../shared/api/auth.contract';
import { type MethodName, contract } from '../../../shared/api/contract';
import { AppError, type Result } from '../../../shared/api/result';
import { grantOf } from '../../../shared/auth/access-matrix';
import type { SessionUser } from '../../../shared/auth/roles';
import { shorten } from '../../../shared/domain/primitives';
import { backupPath, restoreDatabase } from '../backup/backup';
import { busyError, isBusyError } from '../db/immediate-dialect';
import { readUser, toSessionUser } from '../repos/users.repo';
import { readStartReviewFile } from '../review/start-file';
import { Vault, type VaultOptions } from './vault';

/** A session ends after this long without a call. */
export const IDLE_TIMEOUT_MS = 30 * 60_000;

/**
 * What the host does with its session after a call: nothing, remember a new id (on the regional
 * server with the session's CSRF token, for the script-readable cookie), or forget it.
 */
export type SessionChange = { set: string; csrf?: string } | { clear: true } | null;

export interface GateReply {
  result: Result<unknown>;
  session: SessionChange;
  /** The HTTP status when not the usual one (429: too many logins from this address; 403: CSRF refused). */
  status?: number;
  /** The whole result as JSON text, made off the request thread (the server's job workers): sent as it is. */
  resultJson?: string;
  /** Whose call it was, for the server's access log: the session's user (after a login, the one who logged in); never a name typed in a failed login. */
  actor?: string | null;
}

/** Restores a backup by file name into the database file (the vault has closed it); helper B's restoreDatabase. */
export type RestoreFn = (file: string, key: Buffer, fileName: string, now: Date) => { restored: string; keptAside: string | null };

export interface GateOptions {
  idleMs?: number;
  /** The clock of the idle timeout (tests move it); the vault's clock by default. */
  now?: () => Date;
  /** backups.restore: replaces the database file; without it the method is refused. */
  restore?: RestoreFn;
  /** review.startFile: the path of the review file the host was started with, or null (asked at each call). */
  startReview?: () => string | null;
}

interface Session {
  user: SessionUser;
  lastSeen: number;
}

type AuthMethod = 'auth.status' | 'auth.setup' | 'auth.login' | 'auth.logout';

export class Gate {
  private readonly sessions = new Map<string, Session>();
  private readonly idleMs: number;

  constructor(
    readonly vault: Vault,
    private readonly options: GateOptions = {},
  ) {
    this.idleMs = options.idleMs ?? IDLE_TIMEOUT_MS;
  }

  private nowMs(): number {
    return (this.options.now ? this.options.now() : this.vault.now()).getTime();
  }

  /** Runs one API call for the holder of `sessionId` (null: no session yet). Never throws. */
  async call(sessionId: string | null, method: unknown, input: unknown): Promise<GateReply> {
    try {
      switch (method) {
        case 'auth.status':
          return await this.status(sessionId);
        case 'auth.setup':
          return await this.setup(sessionId, input);
        case 'auth.login':
          return await this.login(sessionId, input);
        case 'auth.logout':
          return await this.logout(sessionId);
        case 'backups.restore':
          return await this.restore(sessionId, input);
        case 'review.startFile': {
          // Before any login: the review mode works on the file alone, without the database.
          const path = this.options.startReview?.() ?? null;
          return { result: { ok: true, value: path ? readStartReviewFile(path) : null }, session: null };
        }
        default:
          return await this.forward(sessionId, method, input);
      }
    } catch (e) {
      return { result: fail(e), session: null };
    }
  }

  /** The user of a live session (touching it), or null. */
  sessionUser(sessionId: string | null): SessionUser | null {
    return this.live(sessionId)?.user ?? null;
  }

  /** Everyone is logged out (after a restore, or when the host stops). */
  endAll(): void {
    this.sessions.clear();
  }

  private live(sessionId: string | null): Session | null {
    if (!sessionId) return null;
    const s = this.sessions.get(sessionId);
    if (!s) return null;
    const now = this.nowMs();
    if (now - s.lastSeen > this.idleMs) {
      this.sessions.delete(sessionId);
      return null;
    }
    s.lastSeen = now;
    return s;
  }

  private authStatus(user: SessionUser | null): AuthStatus {
    const state = this.vault.state();
    return { state, user, databasePath: state === 'convert' ? this.vault.file : '' };
  }

  /** Where things stand, with the session's user as the database has them now (a new display name shows at once). */
  private async status(sessionId: string | null): Promise<GateReply> {
    const s = this.live(sessionId);
    if (s && this.vault.open) {
      const now = await this.current(sessionId);
      if ('refused' in now) return { result: { ok: true, value: this.authStatus(null) }, session: { clear: true } };
      return { result: { ok: true, value: this.authStatus(now.user) }, session: null };
    }
    return { result: { ok: true, value: this.authStatus(s?.user ?? null) }, session: sessionId && !s ? { clear: true } : null };
  }

  private newSession(previous: string | null, user: SessionUser): string {
    if (previous) this.sessions.delete(previous);
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { user, lastSeen: this.nowMs() });
    return id;
  }

  private async setup(sessionId: string | null, input: unknown): Promise<GateReply> {
    const data = parse('auth.setup', input);
    const state = this.vault.state();
    if (state !== 'setup' && state !== 'convert') {
      throw new AppError('CONFLICT', 'De app is al ingericht; meld u aan met uw naam en wachtwoordzin.');
    }
    const user = await this.vault.setup({ name: data.name, displayName: data.displayName, passphrase: data.passphrase, demo: data.demo ?? false });
    const id = this.newSession(sessionId, user);
    return { result: { ok: true, value: this.authStatus(user) }, session: { set: id } };
  }

  private async login(sessionId: string | null, input: unknown): Promise<GateReply> {
    const data = parse('auth.login', input);
    if (sessionId) this.sessions.delete(sessionId);
    try {
      const user = await this.vault.login(data.name, data.passphrase);
      const id = this.newSession(null, user);
      return { result: { ok: true, value: this.authStatus(user) }, session: { set: id } };
    } catch (e) {
      return { result: fail(e), session: sessionId ? { clear: true } : null };
    }
  }

  private async logout(sessionId: string | null): Promise<GateReply> {
    const s = sessionId ? this.sessions.get(sessionId) : undefined;
    if (sessionId) this.sessions.delete(sessionId);
    if (s) await this.vault.audit(s.user.name, { action: 'logout', entity: 'user', entityId: s.user.name });
    return { result: { ok: true, value: this.authStatus(null) }, session: sessionId ? { clear: true } : null };
  }

  /** The session's user as the database has them now: a deactivated user's session ends, a changed role applies at once. */
  private async current(sessionId: string | null): Promise<{ user: SessionUser } | { refused: GateReply }> {
    const s = this.live(sessionId);
    const backend = this.vault.open;
    if (!s || !backend) {
      if (sessionId) this.sessions.delete(sessionId);
      return { refused: { result: fail(new AppError('UNAUTHORIZED', 'Log eerst in.')), session: sessionId ? { clear: true } : null } };
    }
    const row = await readUser(backend.database.db, s.user.name);
    if (!row || row.active !== 1) {
      this.sessions.delete(sessionId!);
      return { refused: { result: fail(new AppError('UNAUTHORIZED', 'Uw account is niet meer actief; log opnieuw in of vraag de voorzitter.')), session: { clear: true } } };
    }
    s.user = toSessionUser(row);
    return { user: s.user };
  }

  private async forward(sessionId: string | null, method: unknown, input: unknown): Promise<GateReply> {
    const who = await this.current(sessionId);
    if ('refused' in who) return who.refused;
    const backend = this.vault.open!;
    const result = await backend.dispatch(method, input, { actor: who.user.name, user: who.user });
    return { result, session: null };
  }

  /** backups.restore: the chair only; the vault closes the database, the backup replaces it, it opens again; everyone is logged out. */
  private async restore(sessionId: string | null, input: unknown): Promise<GateReply> {
    const who = await this.current(sessionId);
    if ('refused' in who) return who.refused;
    const { user } = who;
    if (grantOf('backups.restore', user.role) === 'no') {
      await this.vault.audit(user.name, { action: 'denied', entity: 'method', entityId: 'backups.restore', detail: { role: user.role } });
      return { result: fail(new AppError('FORBIDDEN', `Uw rol (${user.role}) mag backups.restore niet gebruiken.`)), session: null };
    }
    const data = parse('backups.restore', input);
    const restore = this.options.restore;
    if (!restore) throw new AppError('INTERNAL', 'Terugzetten is in deze app niet beschikbaar.');
    const now = this.vault.now();
    const outcome = await this.vault.replaceDatabase((file, key) => restore(file, key, data.fileName, now));
    await this.vault.audit(user.name, { action: 'restore', entity: 'backup', entityId: outcome.restored, detail: { keptAside: outcome.keptAside } });
    this.endAll();
    const value = { restored: outcome.restored, keptAside: outcome.keptAside ?? '' };
    return { result: { ok: true, value: contract['backups.restore'].output.parse(value) }, session: { clear: true } };
  }
}

/** A host's vault and gate over one database file, with restore from its backup folder. */
export function createHostGate(options: VaultOptions, gateOptions: Omit<GateOptions, 'restore'> = {}): Gate {
  const vault = new Vault(options);
  const access = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  return new Gate(vault, {
    ...gateOptions,
    restore: (file, key, fileName, now) => restoreDatabase(file, backupPath(file, fileName), key, now, access),
  });
}

function parse<M extends AuthMethod | 'backups.restore'>(method: M, input: unknown): z.output<(typeof contract)[M]['input']> {
  const parsed = (contract[method as MethodName].input as z.ZodType).safeParse(input ?? {});
  if (!parsed.success) {
    // Never the value given (it may be a passphrase): paths and messages only.
    const problems = parsed.error.issues.slice(0, 50).map((i) => ({ path: i.path.map((k) => shorten(String(k), 64)).join('.') || '(invoer)', message: shorten(i.message, 300) }));
    throw new AppError('VALIDATION', `Ongeldige invoer voor ${method}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  }
  return parsed.data as z.output<(typeof contract)[M]['input']>;
}

function fail(e: unknown): Result<never> {
  if (e instanceof AppError) return { ok: false, error: e.toApiError() };
  if (isBusyError(e)) return { ok: false, error: busyError().toApiError() };
  console.error('[gate] unexpected error', e);
  return { ok: false, error: { code: 'INTERNAL', message: `Interne fout: ${(e as Error)?.message ?? String(e)}` } };
}

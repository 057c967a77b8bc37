// What every API handler receives: the database (inside the call's transaction for mutations),
// who is calling, and an audit function. Node only, no Electron.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../../../shared/auth/roles';
import type { DB } from '../db/schema';

export type HostKind = 'desktop' | 'browser' | 'server' | 'cli' | 'test';

export interface AuditInput {
  /** e.g. 'create', 'update', 'delete', 'import', 'view', 'export'. */
  action: string;
  entity: string;
  entityId?: string | null;
  /** What changed, or what was viewed or exported; stored as JSON. */
  detail?: unknown;
}

/** A user's lockout state in the keyring: failed logins in a row, and locked until (ISO) or null. */
export interface KeyLockState {
  failures: number;
  lockedUntil: string | null;
}

/**
 * The users' passphrases: on the laptop the key slots in the keyring next to the encrypted database,
 * bound to the open database's key (see auth/vault.ts); on the regional server their argon2id hashes
 * in the database (server/credentials.ts). The users.* and account.* handlers need it; absent for a
 * plain database (tests).
 */
export interface UserKeys {
  has(name: string): Promise<boolean>;
  /** Adds or replaces the passphrase of `name` (the keyring: a slot that unlocks the open database's key); lifts a lockout. */
  setPassphrase(name: string, passphrase: string): Promise<void>;
  /** True when the passphrase is the one of `name`. */
  verify(name: string, passphrase: string): Promise<boolean>;
  /** Removes the passphrase of `name` (a deactivated user can no longer log in). */
  remove(name: string): Promise<void>;
  lockState(name: string): Promise<KeyLockState>;
  recordFailure(name: string): Promise<KeyLockState>;
  unlock(name: string): Promise<void>;
}

export interface BackendEnv {
  host: HostKind;
  databasePath: string;
  appVersion: string;
  /** The clock; tests pin it. */
  now: () => Date;
  /** The key slots of the users (an encrypted database opened through the vault); undefined otherwise. */
  keys?: UserKeys;
}

export interface HandlerContext extends BackendEnv {
  db: Kysely<DB>;
  /** The logged-in person's user name: every record of who did what names it. */
  actor: string;
  /** The logged-in person and their role (already checked against the access matrix). */
  user: SessionUser;
  audit(entry: AuditInput): Promise<void>;
  /** Aborted when the caller cancels a job ('jobs.cancel'); never aborted for other calls. */
  signal: AbortSignal;
  /** Runs writes in one transaction (jobs); inside a mutation it simply runs in the mutation's. */
  transaction<T>(fn: (ctx: HandlerContext) => Promise<T>): Promise<T>;
}

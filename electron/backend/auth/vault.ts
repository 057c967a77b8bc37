// The vault: owns the database file, its keyring and the open Backend. It makes the first user and the
// encrypted database (or encrypts an older plain one), logs people in (lockout, audit of every login and
// failure) and replaces the database for a restore. Every host reaches it through the gate. Node only.
import { timingSafeEqual } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AuthState } from '../../../shared/api/auth.contract';
import { AppError } from '../../../shared/api/result';
import type { SessionUser } from '../../../shared/auth/roles';
import type { AuditInput, HostKind, UserKeys } from '../api/context';
import { type Backend, createBackend, seedDemoIfEmpty } from '../backend';
import { encryptExistingDatabase, isPlainSqliteFile } from '../db/cipher';
import { insertAudit } from '../repos/audit.repo';
import { countUsers, lockedMessage, readUser, toSessionUser } from '../repos/users.repo';
import { Keyring, type PendingAuditEntry, keyringPath } from './keyring';

export interface VaultOptions {
  /** The database file; its keyring is `<file>.keys`. */
  file: string;
  host: HostKind;
  /** A better-sqlite3 binary built for the host (Electron), when not the default. */
  nativeBinding?: string;
  /** The clock (lockout, audit); tests pin it. */
  now?: () => Date;
  /** The demo dataset, loaded when setup asks for it. */
  demoFile?: string;
  busyWaitMs?: number;
  onAuditBroken?: Parameters<typeof createBackend>[1]['onAuditBroken'];
}

export interface SetupInput {
  name: string;
  displayName: string;
  passphrase: string;
  demo?: boolean;
}

/** The one message for an unknown name and a wrong passphrase: a failed login tells nobody which it was. */
export const LOGIN_FAILED = 'Onbekende naam of verkeerde wachtwoordzin.';
/** Who a failed login by an unknown name is recorded as (the name typed is not stored: it may be a passphrase). */
const UNKNOWN_ACTOR = 'onbekend';

export class Vault {
  readonly file: string;
  private backend: Backend | null = null;
  private key: Buffer | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: VaultOptions) {
    this.file = resolve(options.file);
  }

  now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  /** The open backend, or null while the database is locked (nobody logged in since start). */
  get open(): Backend | null {
    return this.backend;
  }

  /**
   * setup: no database; convert: a plain database from an older version and no keyring (setup encrypts
   * it); locked: a database that needs a passphrase (also a plain one whose conversion was interrupted:
   * the login finishes it); open: the database is open.
   */
  state(): AuthState {
    if (this.backend) return 'open';
    if (!hasDatabase(this.file)) return 'setup';
    if (isPlainSqliteFile(this.file) && !Keyring.exists(this.file)) return 'convert';
    return 'locked';
  }

  /**
   * First start: a keyring with one slot, the encrypted database (new, or the plain one converted),
   * the first user as chair, and the demo region when asked. All or nothing: a failure removes what it
   * made (a plain database stays plain).
   */
  setup(input: SetupInput): Promise<SessionUser> {
    return this.exclusive(async () => {
      const state = this.state();
      if (state !== 'setup' && state !== 'convert') {
        throw new AppError('CONFLICT', 'De app is al ingericht; meld u aan met uw naam en wachtwoordzin.');
      }
      if (state === 'setup') this.clearLeftovers();
      const { key } = await Keyring.create(this.file, input.name, input.passphrase);
      let conversion: ReturnType<typeof encryptExistingDatabase> | null = null;
      let backend: Backend | null = null;
      try {
        if (state === 'convert') conversion = encryptExistingDatabase(this.file, key, this.binding());
        backend = await this.openBackend(key, state === 'convert');
        const now = this.now();
        await backend.database.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('users')
            .values({
              name: input.name,
              display_name: input.displayName,
              role: 'chair',
              care_provider_id: null,
              corporation_id: null,
              active: 1,
              last_login_at: now.toISOString(),
              created_at: now.toISOString(),
              updated_by: input.name,
              updated_at: now.toISOString(),
            })
            .execute();
          await insertAudit(trx, now, input.name, {
            action: 'setup',
            entity: 'user',
            entityId: input.name,
            detail: { role: 'chair', host: this.options.host, ...(conversion ? { encrypted: { tables: conversion.tables, rows: conversion.rows } } : {}) },
          });
          await insertAudit(trx, now, input.name, { action: 'login', entity: 'user', entityId: input.name, detail: { host: this.options.host } });
        });
        if (input.demo) {
          if (!this.options.demoFile) throw new AppError('INTERNAL', 'Geen demodataset bekend bij deze app.');
          await seedDemoIfEmpty(backend, this.options.demoFile, input.name);
        }
      } catch (e) {
        await backend?.close();
        key.fill(0);
        if (state === 'setup') {
          // Nothing half made: the new database and its keyring go again.
          for (const f of [this.file, `${this.file}-wal`, `${this.file}-shm`, `${this.file}-journal`, keyringPath(this.file)]) rmSync(f, { force: true });
        } else if (isPlainSqliteFile(this.file)) {
          // The conversion did not happen: back to a plain database without keyring.
          rmSync(keyringPath(this.file), { force: true });
        }
        // Otherwise the file is encrypted and the keyring opens it: the first login finishes the setup.
        throw e;
      }
      this.backend = backend;
      this.key = key;
      const row = await readUser(backend.database.db, input.name);
      return toSessionUser(row!);
    });
  }

  /**
   * Logs a person in: a locked-out name is refused (until when); the passphrase must unwrap the
   * database key (opening the database when it is still locked); then an active user of that name must
   * exist. Failures are counted (5 in a row lock the name) and audited; while the database is locked,
   * through the keyring, written to the audit log at the next open.
   */
  login(name: string, passphrase: string): Promise<SessionUser> {
    return this.exclusive(async () => {
      const state = this.state();
      if (state === 'setup' || state === 'convert') {
        throw new AppError('UNAUTHORIZED', 'Er is nog geen gebruiker: richt de app eerst in (eerste start).');
      }
      if (!Keyring.exists(this.file)) {
        throw new AppError(
          'UNAUTHORIZED',
          `Sleutelbestand ${keyringPath(this.file)} ontbreekt; zonder dat bestand kan de versleutelde database ${this.file} niet worden geopend. Zet het terug (bijvoorbeeld uit een kopie van de map).`,
        );
      }
      const keyring = Keyring.load(this.file);
      const now = this.now();
      const lock = keyring.lockState(name, now);
      if (lock.lockedUntil) {
        await this.recordAudit(keyring, name, now, { action: 'login-refused', entity: 'user', entityId: name, detail: { reason: 'geblokkeerd', lockedUntil: lock.lockedUntil, host: this.options.host } });
        throw new AppError('UNAUTHORIZED', lockedMessage(name, lock.lockedUntil));
      }
      const key = await keyring.unwrap(name, passphrase);
      if (!key) return this.fail(keyring, name, now);
      if (this.backend) {
        const same = this.key !== null && this.key.length === key.length && timingSafeEqual(this.key, key);
        key.fill(0);
        if (!same) return this.fail(keyring, name, now);
      } else {
        // An interrupted conversion left the plain file and the keyring: finish it with this key.
        if (isPlainSqliteFile(this.file)) encryptExistingDatabase(this.file, key, this.binding());
        this.backend = await this.openBackend(key, true);
        this.key = key;
      }
      const backend = this.backend;
      const db = backend.database.db;
      await this.flushPendingAudit(keyring);
      // A setup interrupted after the keyring was made left no user: the slot's owner is the first chair.
      if ((await countUsers(db)) === 0) {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('users')
            .values({ name, display_name: name, role: 'chair', care_provider_id: null, corporation_id: null, active: 1, created_at: now.toISOString(), updated_by: name, updated_at: now.toISOString() })
            .execute();
          await insertAudit(trx, now, name, { action: 'setup', entity: 'user', entityId: name, detail: { role: 'chair', finished: true, host: this.options.host } });
        });
      }
      const row = await readUser(db, name);
      if (!row || row.active !== 1) return this.fail(keyring, name, now, row ? 'niet actief' : 'geen gebruiker');
      keyring.recordSuccess(name);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ last_login_at: now.toISOString() }).where('name', '=', name).execute();
        await insertAudit(trx, now, name, { action: 'login', entity: 'user', entityId: name, detail: { host: this.options.host } });
      });
      return toSessionUser(row);
    });
  }

  /** Writes an audit entry in the open database (logout, refusals by the gate). */
  async audit(actor: string, entry: AuditInput): Promise<void> {
    if (!this.backend) return;
    await insertAudit(this.backend.database.db, this.now(), actor, entry);
  }

  /**
   * Closes the database, lets `fn` replace its file (a restore), and opens it again with the same key.
   * The database is reopened even when `fn` fails (the old file is still there then).
   */
  replaceDatabase<T>(fn: (file: string, key: Buffer) => T | Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const backend = this.backend;
      const key = this.key;
      if (!backend || !key) throw new AppError('UNAUTHORIZED', 'De database is niet geopend; meld u eerst aan.');
      await backend.close();
      this.backend = null;
      try {
        return await fn(this.file, key);
      } finally {
        this.backend = await this.openBackend(key, true);
      }
    });
  }

  close(): Promise<void> {
    return this.exclusive(async () => {
      const backend = this.backend;
      this.backend = null;
      this.key?.fill(0);
      this.key = null;
      await backend?.close();
    });
  }

  private async fail(keyring: Keyring, name: string, now: Date, reason?: string): Promise<never> {
    const known = keyring.has(name) || (this.backend ? (await readUser(this.backend.database.db, name)) !== undefined : false);
    const state = keyring.recordFailure(name, now);
    await this.recordAudit(keyring, known ? name : UNKNOWN_ACTOR, now, {
      action: 'login-failed',
      entity: 'user',
      entityId: known ? name : null,
      detail: { ...(known ? { failures: state.failures } : { reason: 'onbekende naam' }), ...(reason ? { reason } : {}), ...(state.lockedUntil ? { lockedUntil: state.lockedUntil } : {}), host: this.options.host },
    });
    throw new AppError('UNAUTHORIZED', state.lockedUntil ? `${LOGIN_FAILED} ${lockedMessage(name, state.lockedUntil)}` : LOGIN_FAILED);
  }

  /** In the audit log when the database is open; otherwise kept in the keyring until it is. */
  private async recordAudit(keyring: Keyring, actor: string, now: Date, entry: AuditInput): Promise<void> {
    if (this.backend) {
      await insertAudit(this.backend.database.db, now, actor, entry);
      return;
    }
    keyring.addPendingAudit({ at: now.toISOString(), name: actor, action: entry.action, detail: { entityId: entry.entityId ?? null, ...(entry.detail as object) } });
  }

  /** Failures recorded while the database was locked (here or by another process) go into the audit log. */
  private async flushPendingAudit(keyring: Keyring): Promise<void> {
    const backend = this.backend;
    if (!backend) return;
    const entries: PendingAuditEntry[] = keyring.takePendingAudit();
    if (entries.length === 0) return;
    try {
      await backend.database.db.transaction().execute(async (trx) => {
        for (const e of entries) {
          const { entityId, ...detail } = (e.detail ?? {}) as { entityId?: string | null };
          // Recorded at the moment of the attempt (`at`); the chain keeps the order they are written in.
          await insertAudit(trx, validDate(e.at) ?? this.now(), e.name, {
            action: e.action,
            entity: 'user',
            entityId: entityId ?? null,
            detail: { ...detail, whileLocked: true },
          });
        }
      });
    } catch (e) {
      for (const entry of entries) keyring.addPendingAudit(entry);
      throw e;
    }
  }

  /** A keyring without its database (a setup interrupted, or a database removed): kept aside, never deleted. */
  private clearLeftovers(): void {
    const keys = keyringPath(this.file);
    if (existsSync(keys)) {
      const stamp = this.now().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
      renameSync(keys, `${keys}.oud-${stamp}`);
    }
    // An empty database file (0 bytes) counts as none; its side files are left from nothing.
    for (const f of [this.file, `${this.file}-wal`, `${this.file}-shm`, `${this.file}-journal`]) rmSync(f, { force: true });
  }

  private binding(): { nativeBinding?: string } {
    return this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {};
  }

  private openBackend(key: Buffer, mustExist: boolean): Promise<Backend> {
    return createBackend(this.file, {
      host: this.options.host,
      key,
      mustExist,
      keys: this.userKeys(key),
      ...this.binding(),
      ...(this.options.now ? { now: this.options.now } : {}),
      ...(this.options.busyWaitMs !== undefined ? { busyWaitMs: this.options.busyWaitMs } : {}),
      ...(this.options.onAuditBroken ? { onAuditBroken: this.options.onAuditBroken } : {}),
    });
  }

  /** The users' key slots for the handlers, bound to this database's key. The keyring is read afresh each time (another process may have changed it). */
  private userKeys(key: Buffer): UserKeys {
    const ring = () => Keyring.load(this.file);
    return {
      has: async (name) => ring().has(name),
      setPassphrase: (name, passphrase) => ring().setPassphrase(name, passphrase, key),
      verify: async (name, passphrase) => {
        const found = await ring().unwrap(name, passphrase);
        const same = found !== null && found.length === key.length && timingSafeEqual(found, key);
        found?.fill(0);
        return same;
      },
      remove: async (name) => ring().remove(name),
      lockState: async (name) => ring().lockState(name, this.now()),
      recordFailure: async (name) => ring().recordFailure(name, this.now()),
      unlock: async (name) => ring().unlock(name),
    };
  }

  /** One setup, login, restore or close at a time. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function hasDatabase(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}

function validDate(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

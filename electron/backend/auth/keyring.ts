// The keyring next to the database (`<db>.keys`): the random database key, wrapped once per user with a
// key derived from that user's passphrase (argon2id → AES-256-GCM), plus login lockout state and audit
// entries waiting for the database to open. Node only, no Electron.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { type Algorithm, hashRaw } from '@node-rs/argon2';
import { z } from 'zod';
import { AppError } from '../../../shared/api/result';
import { fsyncDir } from '../fs/durable';
// zod's own messages in Dutch (set where every schema's building blocks live).
import '../../../shared/domain/primitives';

export const keyringPath = (dbFile: string) => `${dbFile}.keys`;

/** Failed logins in a row that lock a name. */
export const MAX_FAILURES = 5;
/** How long a locked name stays locked. */
export const LOCKOUT_MINUTES = 15;
/** The database key: SQLCipher's raw 256-bit key. */
export const DATABASE_KEY_BYTES = 32;

const FORMAT = 'uitstroomtafel-keyring';
const VERSION = 1;
/** OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): ~50 ms per derivation. */
const DEFAULT_KDF = { alg: 'argon2id', memoryKiB: 19456, iterations: 2, parallelism: 1 } as const;
const ARGON2ID = 2 as Algorithm; // Algorithm.Argon2id (an ambient const enum: not importable as a value)
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SALT_BYTES = 16;
/** Pending audit entries kept at most (a brute-force attempt on a locked database must not grow the file without end). */
const MAX_PENDING_AUDIT = 1000;

const b64 = (bytes: number) =>
  z.string().refine((s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && Buffer.from(s, 'base64').length === bytes, `moet ${bytes} bytes in base64 zijn`);
const isoOrNull = z.string().datetime({ offset: true }).nullable();

const Slot = z.strictObject({
  name: z.string().min(1),
  kdf: z.strictObject({
    alg: z.literal('argon2id'),
    // Bounds: a tampered file must not make a login take minutes or gigabytes.
    memoryKiB: z.number().int().min(8192).max(1048576),
    iterations: z.number().int().min(1).max(20),
    parallelism: z.number().int().min(1).max(16),
    salt: b64(SALT_BYTES),
  }),
  wrapped: b64(IV_BYTES + DATABASE_KEY_BYTES + TAG_BYTES),
  failures: z.number().int().min(0),
  lockedUntil: isoOrNull,
  createdAt: z.string().datetime({ offset: true }),
});
type Slot = z.infer<typeof Slot>;

const PendingAudit = z.strictObject({ at: z.string(), name: z.string(), action: z.string(), detail: z.unknown().optional() });
export type PendingAuditEntry = { at: string; name: string; action: string; detail?: unknown };

const KeyringFile = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  cipher: z.literal('sqlcipher4'),
  slots: z.array(Slot).min(1),
  pendingAudit: z.array(PendingAudit),
});
type KeyringFile = z.infer<typeof KeyringFile>;

export interface LockState {
  failures: number;
  lockedUntil: string | null;
}

/**
 * One keyring file. Every change re-reads the file first and writes it whole (temp file + rename,
 * 0600), so two processes that change different slots do not undo each other's change.
 * unwrap() does not look at the lockout: the login checks lockState() before it asks.
 */
export class Keyring {
  private constructor(
    readonly dbFile: string,
    private data: KeyringFile,
  ) {}

  static exists(dbFile: string): boolean {
    return existsSync(keyringPath(dbFile));
  }

  static load(dbFile: string): Keyring {
    return new Keyring(dbFile, readKeyring(keyringPath(dbFile)));
  }

  /** A new random database key and a keyring with one slot. */
  static async create(dbFile: string, name: string, passphrase: string): Promise<{ keyring: Keyring; key: Buffer }> {
    const file = keyringPath(dbFile);
    if (existsSync(file)) {
      throw new AppError('CONFLICT', `Sleutelbestand ${resolve(file)} bestaat al; er is niets gewijzigd.`);
    }
    const key = randomBytes(DATABASE_KEY_BYTES);
    const slot = await makeSlot(name, passphrase, key, new Date());
    const keyring = new Keyring(dbFile, { format: FORMAT, version: VERSION, cipher: 'sqlcipher4', slots: [slot], pendingAudit: [] });
    writeKeyring(file, keyring.data, true);
    return { keyring, key };
  }

  names(): string[] {
    return this.data.slots.map((s) => s.name);
  }

  has(name: string): boolean {
    return this.slot(name) !== undefined;
  }

  /** The database key, or null (wrong passphrase or unknown name: derive anyway, same time). */
  async unwrap(name: string, passphrase: string): Promise<Buffer | null> {
    const slot = this.slot(name);
    if (!slot) {
      await deriveKek(passphrase, { ...DEFAULT_KDF, salt: DUMMY_SALT });
      return null;
    }
    const kek = await deriveKek(passphrase, slot.kdf);
    return openWrapped(Buffer.from(slot.wrapped, 'base64'), kek, slot.name);
  }

  /** Adds or replaces the slot of `name` (saves). */
  async setPassphrase(name: string, passphrase: string, key: Buffer): Promise<void> {
    if (key.length !== DATABASE_KEY_BYTES) throw new AppError('INTERNAL', `Databasesleutel moet ${DATABASE_KEY_BYTES} bytes zijn.`);
    const slot = await makeSlot(name, passphrase, key, new Date());
    this.change((data) => {
      const i = data.slots.findIndex((s) => s.name === name);
      if (i >= 0) data.slots[i] = slot;
      else data.slots.push(slot);
    });
  }

  remove(name: string): void {
    this.change((data) => {
      const i = data.slots.findIndex((s) => s.name === name);
      if (i < 0) throw new AppError('NOT_FOUND', `Sleutelbestand ${resolve(keyringPath(this.dbFile))}: geen sleutel voor gebruiker ${name}.`);
      if (data.slots.length === 1) {
        throw new AppError(
          'CONFLICT',
          `Sleutelbestand ${resolve(keyringPath(this.dbFile))}: ${name} is de laatste gebruiker met een sleutel; zonder sleutel kan niemand de database nog openen. Er is niets gewijzigd.`,
        );
      }
      data.slots.splice(i, 1);
    });
  }

  lockState(name: string, now: Date): LockState {
    const slot = this.slot(name);
    if (!slot) return { failures: 0, lockedUntil: null };
    return current(slot, now);
  }

  /** Counts a failed login; the 5th in a row locks the name for 15 minutes. Saves. */
  recordFailure(name: string, now: Date): LockState {
    if (!this.has(name)) return { failures: 0, lockedUntil: null };
    let state: LockState = { failures: 0, lockedUntil: null };
    this.change((data) => {
      const slot = data.slots.find((s) => s.name === name);
      if (!slot) return;
      const was = current(slot, now);
      const failures = was.failures + 1;
      const lockedUntil =
        was.lockedUntil ?? (failures >= MAX_FAILURES ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null);
      slot.failures = failures;
      slot.lockedUntil = lockedUntil;
      state = { failures, lockedUntil };
    });
    return state;
  }

  recordSuccess(name: string): void {
    this.clearFailures(name);
  }

  unlock(name: string): void {
    this.clearFailures(name);
  }

  /** Failures seen while the database was locked: written to the audit log at the next open. */
  addPendingAudit(entry: PendingAuditEntry): void {
    this.change((data) => {
      data.pendingAudit.push({ ...entry });
      if (data.pendingAudit.length > MAX_PENDING_AUDIT) data.pendingAudit.splice(0, data.pendingAudit.length - MAX_PENDING_AUDIT);
    });
  }

  takePendingAudit(): PendingAuditEntry[] {
    let taken: PendingAuditEntry[] = [];
    this.change((data) => {
      taken = data.pendingAudit;
      data.pendingAudit = [];
    }, (data) => data.pendingAudit.length > 0);
    return taken;
  }

  private clearFailures(name: string): void {
    this.change(
      (data) => {
        const slot = data.slots.find((s) => s.name === name);
        if (!slot) return;
        slot.failures = 0;
        slot.lockedUntil = null;
      },
      (data) => data.slots.some((s) => s.name === name && (s.failures !== 0 || s.lockedUntil !== null)),
    );
  }

  private slot(name: string): Slot | undefined {
    return this.data.slots.find((s) => s.name === name);
  }

  /** Re-reads the file, applies the change and writes it (skipped when `needed` says there is nothing to do). */
  private change(apply: (data: KeyringFile) => void, needed?: (data: KeyringFile) => boolean): void {
    const file = keyringPath(this.dbFile);
    const data = existsSync(file) ? readKeyring(file) : structuredClone(this.data);
    if (needed && !needed(data)) {
      this.data = data;
      return;
    }
    apply(data);
    writeKeyring(file, data, false);
    this.data = data;
  }
}

/** The lock as it stands at `now`: an expired lock counts as no lock and no failures. */
function current(slot: Slot, now: Date): LockState {
  if (slot.lockedUntil === null) return { failures: slot.failures, lockedUntil: null };
  if (Date.parse(slot.lockedUntil) > now.getTime()) return { failures: slot.failures, lockedUntil: slot.lockedUntil };
  return { failures: 0, lockedUntil: null };
}

const DUMMY_SALT = randomBytes(SALT_BYTES).toString('base64');

async function makeSlot(name: string, passphrase: string, key: Buffer, now: Date): Promise<Slot> {
  if (name.trim() === '') throw new AppError('VALIDATION', 'Gebruikersnaam mag niet leeg zijn.');
  if (passphrase === '') throw new AppError('VALIDATION', `Wachtwoordzin van ${name} mag niet leeg zijn.`);
  if (key.length !== DATABASE_KEY_BYTES) throw new AppError('INTERNAL', `Databasesleutel moet ${DATABASE_KEY_BYTES} bytes zijn.`);
  const kdf = { ...DEFAULT_KDF, salt: randomBytes(SALT_BYTES).toString('base64') };
  const kek = await deriveKek(passphrase, kdf);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(slotAad(name));
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  const wrapped = Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
  return { name, kdf, wrapped, failures: 0, lockedUntil: null, createdAt: now.toISOString() };
}

function deriveKek(passphrase: string, kdf: { memoryKiB: number; iterations: number; parallelism: number; salt: string }): Promise<Buffer> {
  return hashRaw(passphrase, {
    algorithm: ARGON2ID,
    memoryCost: kdf.memoryKiB,
    timeCost: kdf.iterations,
    parallelism: kdf.parallelism,
    outputLen: 32,
    salt: Buffer.from(kdf.salt, 'base64'),
  });
}

/** The slot's name is authenticated with the key: a slot copied under another name does not open. */
const slotAad = (name: string) => Buffer.from(`${FORMAT}/${VERSION}/${name}`, 'utf8');

function openWrapped(wrapped: Buffer, kek: Buffer, name: string): Buffer | null {
  const iv = wrapped.subarray(0, IV_BYTES);
  const tag = wrapped.subarray(wrapped.length - TAG_BYTES);
  const body = wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, iv);
    decipher.setAAD(slotAad(name));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return null;
  }
}

function readKeyring(file: string): KeyringFile {
  const where = resolve(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('NOT_FOUND', `Sleutelbestand ${where} bestaat niet.`);
    throw new AppError('INTERNAL', `Kan sleutelbestand ${where} niet lezen (${code ?? (e as Error).message}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION', `Sleutelbestand ${where} is beschadigd: geen geldige JSON.`);
  }
  if (typeof json === 'object' && json !== null && (json as { version?: unknown }).version !== VERSION && (json as { format?: unknown }).format === FORMAT) {
    const v = (json as { version?: unknown }).version;
    if (typeof v === 'number' && v > VERSION) {
      throw new AppError('DB_TOO_NEW', `Sleutelbestand ${where} is gemaakt door een nieuwere versie van de app (versie ${v}); werk de app bij.`);
    }
  }
  const parsed = KeyringFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(bestand)', message: i.message }));
    const first = problems[0]!;
    throw new AppError('VALIDATION', `Sleutelbestand ${where} is beschadigd of geen sleutelbestand van deze app: ${first.path}: ${first.message}.`, problems);
  }
  const names = new Set<string>();
  for (const s of parsed.data.slots) {
    if (names.has(s.name)) throw new AppError('VALIDATION', `Sleutelbestand ${where} is beschadigd: gebruiker ${s.name} staat er twee keer in.`);
    names.add(s.name);
  }
  return parsed.data;
}

/** Whole file through a 0600 temp file, fsync and rename; `fresh` refuses an existing keyring (link fails on an existing name). */
function writeKeyring(file: string, data: KeyringFile, fresh: boolean): void {
  const target = resolve(file);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      const bytes = Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8');
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(tmp, 0o600);
    if (fresh) publishNew(tmp, target);
    else renameSync(tmp, target);
    chmodSync(target, 0o600);
    fsyncDir(dirname(target));
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof AppError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError('INTERNAL', `Kan sleutelbestand ${target} niet schrijven (${code ?? (e as Error).message}).`);
  }
}

/** Puts tmp at target only if no keyring is there: link() refuses an existing name atomically. */
function publishNew(tmp: string, target: string): void {
  try {
    linkSync(tmp, target);
    rmSync(tmp, { force: true });
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new AppError('CONFLICT', `Sleutelbestand ${target} bestaat al; er is niets gewijzigd.`);
    // File systems without hard links: check, then rename.
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'].includes(code ?? '')) throw e;
  }
  if (existsSync(target)) throw new AppError('CONFLICT', `Sleutelbestand ${target} bestaat al; er is niets gewijzigd.`);
  renameSync(tmp, target);
}


// The keyring next to the database: one random database key, wrapped per user by their passphrase
// (argon2id + AES-256-GCM); wrong passphrases, replaced and removed slots, lockout after 5 failures,
// audit entries pending until the database opens, a malformed file, and the file's 0600 mode. Real files.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring, LOCKOUT_MINUTES, MAX_FAILURES, keyringPath } from '../../electron/backend/auth/keyring';
import { convertingPath } from '../../electron/backend/db/cipher';
import { writeFileSafely } from '../../electron/backend/fs/safe-write';
import { AppError } from '../../shared/api/result';

let dir: string;
let n = 0;
const dbFile = () => join(dir, `region-${++n}.sqlite`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ut-keyring-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function caught(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an error');
}

describe('keyring', () => {
  it('creates a random key with one slot, written 0600; the passphrase unwraps it, nothing else does', async () => {
    const db = dbFile();
    expect(Keyring.exists(db)).toBe(false);
    const { keyring, key } = await Keyring.create(db, 'anna', 'correct paard batterij niet');
    expect(key.length).toBe(32);
    expect(Keyring.exists(db)).toBe(true);
    expect(keyringPath(db)).toBe(`${db}.keys`);
    expect(statSync(keyringPath(db)).mode & 0o777).toBe(0o600);
    expect(keyring.names()).toEqual(['anna']);
    expect(keyring.has('anna')).toBe(true);
    expect(keyring.has('bob')).toBe(false);

    const text = readFileSync(keyringPath(db), 'utf8');
    const json = JSON.parse(text) as { format: string; version: number; cipher: string; slots: { kdf: Record<string, unknown>; wrapped: string }[] };
    expect({ format: json.format, version: json.version, cipher: json.cipher }).toEqual({ format: 'uitstroomtafel-keyring', version: 1, cipher: 'sqlcipher4' });
    expect(json.slots[0]!.kdf).toMatchObject({ alg: 'argon2id', memoryKiB: 19456, iterations: 2, parallelism: 1 });
    expect(Buffer.from(json.slots[0]!.wrapped, 'base64').length).toBe(12 + 32 + 16);
    // The key itself is nowhere in the file, in any common encoding.
    for (const enc of ['hex', 'base64', 'base64url'] as const) expect(text.includes(key.toString(enc))).toBe(false);
    expect(text.includes('correct paard')).toBe(false);

    const loaded = Keyring.load(db);
    expect((await loaded.unwrap('anna', 'correct paard batterij niet'))!.equals(key)).toBe(true);
    expect(await loaded.unwrap('anna', 'correct paard batterij nie')).toBeNull();
    expect(await loaded.unwrap('anna', '')).toBeNull();
    expect(await loaded.unwrap('bob', 'correct paard batterij niet')).toBeNull();

    // Two keyrings never share a key.
    const other = await Keyring.create(dbFile(), 'anna', 'correct paard batterij niet');
    expect(other.key.equals(key)).toBe(false);
    // And create refuses to replace an existing keyring.
    await expect(Keyring.create(db, 'eva', 'iets anders')).rejects.toThrow(/bestaat al/);
    expect(Keyring.load(db).names()).toEqual(['anna']);
  });

  it('an unknown name costs the same derivation as a wrong passphrase', async () => {
    const db = dbFile();
    const { keyring } = await Keyring.create(db, 'anna', 'geheim één');
    // CPU time of this test's process (argon2 runs on its thread pool), not wall-clock time: on a busy
    // machine the wall clock also counts time spent waiting for a core, which made the ratio flake.
    const time = async (name: string) => {
      const t = process.cpuUsage();
      await keyring.unwrap(name, 'fout');
      const d = process.cpuUsage(t);
      return (d.user + d.system) / 1000;
    };
    await time('anna');
    const known = (await time('anna')) + (await time('anna')) + (await time('anna'));
    const unknown = (await time('niemand')) + (await time('niemand')) + (await time('niemand'));
    // argon2id with 19 MiB takes tens of ms; a shortcut for unknown names would take well under 1 ms.
    expect(unknown).toBeGreaterThan(known / 4);
  });

  it('adds, replaces and removes slots; a slot copied under another name does not open', async () => {
    const db = dbFile();
    const { keyring, key } = await Keyring.create(db, 'anna', 'wachtwoord van anna');
    await keyring.setPassphrase('bob', 'wachtwoord van bob', key);
    expect(Keyring.load(db).names()).toEqual(['anna', 'bob']);
    expect((await Keyring.load(db).unwrap('bob', 'wachtwoord van bob'))!.equals(key)).toBe(true);

    // Replacing anna's passphrase: the old one no longer opens.
    await keyring.setPassphrase('anna', 'nieuw voor anna', key);
    const reloaded = Keyring.load(db);
    expect(reloaded.names()).toEqual(['anna', 'bob']);
    expect(await reloaded.unwrap('anna', 'wachtwoord van anna')).toBeNull();
    expect((await reloaded.unwrap('anna', 'nieuw voor anna'))!.equals(key)).toBe(true);

    // bob's wrapped key pasted into a slot named eve, with bob's passphrase: refused (the name is authenticated).
    const json = JSON.parse(readFileSync(keyringPath(db), 'utf8')) as { slots: { name: string }[] };
    json.slots.push({ ...json.slots.find((s) => s.name === 'bob')!, name: 'eve' });
    writeFileSync(keyringPath(db), JSON.stringify(json));
    expect(await Keyring.load(db).unwrap('eve', 'wachtwoord van bob')).toBeNull();

    const k = Keyring.load(db);
    k.remove('eve');
    k.remove('bob');
    expect(Keyring.load(db).names()).toEqual(['anna']);
    expect(await Keyring.load(db).unwrap('bob', 'wachtwoord van bob')).toBeNull();
    expect(caught(() => k.remove('bob')).code).toBe('NOT_FOUND');
    // The last slot stays: without it nobody could open the database.
    const last = caught(() => k.remove('anna'));
    expect(last.code).toBe('CONFLICT');
    expect(last.message).toMatch(/laatste gebruiker/);
    expect(Keyring.load(db).names()).toEqual(['anna']);
    // Empty passphrases and wrong key sizes are refused.
    await expect(k.setPassphrase('bob', '', key)).rejects.toThrow(/mag niet leeg zijn/);
    await expect(k.setPassphrase('bob', 'x', Buffer.alloc(16))).rejects.toThrow(/32 bytes/);
    expect(Keyring.load(db).names()).toEqual(['anna']);
  });

  it('locks a name after 5 failures in a row for 15 minutes; success, unlock and time end it', async () => {
    expect(MAX_FAILURES).toBe(5);
    expect(LOCKOUT_MINUTES).toBe(15);
    const db = dbFile();
    const { keyring, key } = await Keyring.create(db, 'anna', 'pw anna');
    await keyring.setPassphrase('bob', 'pw bob', key);
    const t0 = new Date('2026-11-27T10:00:00Z');
    const at = (min: number) => new Date(t0.getTime() + min * 60_000);

    for (let i = 1; i < MAX_FAILURES; i++) expect(keyring.recordFailure('anna', at(0))).toEqual({ failures: i, lockedUntil: null });
    const locked = keyring.recordFailure('anna', at(1));
    expect(locked).toEqual({ failures: 5, lockedUntil: at(1 + LOCKOUT_MINUTES).toISOString() });
    // Saved: another process (or the next start) sees the lock; bob is not affected.
    expect(Keyring.load(db).lockState('anna', at(2))).toEqual(locked);
    expect(Keyring.load(db).lockState('bob', at(2))).toEqual({ failures: 0, lockedUntil: null });
    // More failures while locked do not extend the lock.
    expect(keyring.recordFailure('anna', at(3)).lockedUntil).toBe(locked.lockedUntil);
    // Past the lock: free again, and the count starts over.
    expect(keyring.lockState('anna', at(1 + LOCKOUT_MINUTES))).toEqual({ failures: 0, lockedUntil: null });
    expect(keyring.recordFailure('anna', at(20))).toEqual({ failures: 1, lockedUntil: null });

    // A success in between resets the count.
    keyring.recordFailure('anna', at(20));
    keyring.recordSuccess('anna');
    expect(Keyring.load(db).lockState('anna', at(20))).toEqual({ failures: 0, lockedUntil: null });

    // The chair's unlock ends a lock at once.
    for (let i = 0; i < MAX_FAILURES; i++) keyring.recordFailure('bob', at(30));
    expect(keyring.lockState('bob', at(31)).lockedUntil).not.toBeNull();
    keyring.unlock('bob');
    expect(Keyring.load(db).lockState('bob', at(31))).toEqual({ failures: 0, lockedUntil: null });

    // Unknown names are not stored.
    expect(keyring.recordFailure('niemand', at(0))).toEqual({ failures: 0, lockedUntil: null });
    expect(Keyring.load(db).names()).toEqual(['anna', 'bob']);
  });

  it('keeps audit entries for the next open of the database and hands them out once', async () => {
    const db = dbFile();
    const { keyring } = await Keyring.create(db, 'anna', 'pw');
    expect(keyring.takePendingAudit()).toEqual([]);
    keyring.addPendingAudit({ at: '2026-11-27T10:00:00.000Z', name: 'anna', action: 'login-failed', detail: { failures: 1 } });
    Keyring.load(db).addPendingAudit({ at: '2026-11-27T10:01:00.000Z', name: 'bob', action: 'login-failed' });
    // Both survive in the file, whichever object wrote them.
    const again = Keyring.load(db);
    expect(again.takePendingAudit()).toEqual([
      { at: '2026-11-27T10:00:00.000Z', name: 'anna', action: 'login-failed', detail: { failures: 1 } },
      { at: '2026-11-27T10:01:00.000Z', name: 'bob', action: 'login-failed' },
    ]);
    expect(Keyring.load(db).takePendingAudit()).toEqual([]);
  });

  it('refuses a malformed keyring with a Dutch message naming the file, and a missing one', async () => {
    const db = dbFile();
    const file = keyringPath(db);
    const where = resolve(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(caught(() => Keyring.load(db)).message).toMatch(new RegExp(`Sleutelbestand ${where} bestaat niet`));

    writeFileSync(file, '{ dit is geen json');
    const bad = caught(() => Keyring.load(db));
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toMatch(new RegExp(`Sleutelbestand ${where} is beschadigd: geen geldige JSON`));

    await Keyring.create(dbFile(), 'x', 'y'); // unrelated: creating others still works
    const { key } = await Keyring.create(join(dir, 'good.sqlite'), 'anna', 'pw');
    const good = JSON.parse(readFileSync(keyringPath(join(dir, 'good.sqlite')), 'utf8')) as Record<string, unknown> & { slots: Record<string, unknown>[] };
    const variants: [string, unknown, RegExp][] = [
      ['format', { ...good, format: 'iets-anders' }, /format/],
      ['no slots', { ...good, slots: [] }, /slots/],
      ['short wrapped key', { ...good, slots: [{ ...good.slots[0], wrapped: 'AAAA' }] }, /slots\.0\.wrapped/],
      ['huge memory', { ...good, slots: [{ ...good.slots[0], kdf: { ...(good.slots[0]!.kdf as object), memoryKiB: 1e9 } }] }, /memoryKiB/],
      ['twice the same name', { ...good, slots: [good.slots[0], good.slots[0]] }, /twee keer/],
    ];
    for (const [, content, text] of variants) {
      writeFileSync(file, JSON.stringify(content));
      const e = caught(() => Keyring.load(db));
      expect(e.message).toMatch(new RegExp(`Sleutelbestand ${where}`));
      expect(e.message).toMatch(text);
    }
    writeFileSync(file, JSON.stringify({ ...good, version: 2 }));
    expect(caught(() => Keyring.load(db)).message).toMatch(/nieuwere versie/);
    expect(key.length).toBe(32);
  });

  it('writes through a temp file and a rename: no temp files left, mode stays 0600 after every change', async () => {
    const sub = mkdtempSync(join(dir, 'modes-'));
    const db = join(sub, 'region.sqlite');
    const old = process.umask(0o022);
    try {
      const { keyring, key } = await Keyring.create(db, 'anna', 'pw');
      await keyring.setPassphrase('bob', 'pw2', key);
      keyring.recordFailure('bob', new Date());
      keyring.addPendingAudit({ at: new Date().toISOString(), name: 'bob', action: 'login-failed' });
      expect(statSync(keyringPath(db)).mode & 0o777).toBe(0o600);
      expect(readdirSync(sub)).toEqual(['region.sqlite.keys']);
    } finally {
      process.umask(old);
    }
  });

  it('is never an output: exports refuse the keyring of the open database and conversion copy, and any keyring even with --force', async () => {
    const sub = mkdtempSync(join(dir, 'outputs-'));
    const db = join(sub, 'region.sqlite');
    writeFileSync(db, '');
    const { keyring } = await Keyring.create(db, 'anna', 'pw');
    const before = readFileSync(keyringPath(db));
    const refusal = (out: string, force: boolean) => caught(() => writeFileSafely(out, '{}', { force, databases: [db] }));
    expect(refusal(keyringPath(db), true).message).toMatch(/is het sleutelbestand van de geopende database/);
    expect(refusal(convertingPath(db), true).message).toMatch(/hulpbestand \(\.converting\)/);
    expect(refusal(`${convertingPath(db)}-journal`, true).message).toMatch(/hulpbestand/);
    // Another database's keyring, copied elsewhere: still refused, also with --force.
    const copy = join(sub, 'elders.json');
    writeFileSync(copy, before);
    expect(caught(() => writeFileSafely(copy, '{}', { force: true })).message).toMatch(/is een sleutelbestand van deze app/);
    expect(readFileSync(keyringPath(db)).equals(before)).toBe(true);
    expect(keyring.names()).toEqual(['anna']);
  });
});

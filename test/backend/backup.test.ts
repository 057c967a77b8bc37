// Backups and restore on real SQLite files (plain and encrypted): backup → restore gives every table
// back row for row; keep-N pruning; damaged, cut-short, foreign, text, newer and other-key backups are
// refused with their Dutch message and the database left as it was; the schedule; the CLI commands.
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, createBackend } from '../../electron/backend/backend';
import {
  backupFolder,
  backupPath,
  checkBackup,
  listBackups,
  makeBackup,
  newestBackupAt,
  openRaw,
  restoreDatabase,
} from '../../electron/backend/backup/backup';
import { startBackupSchedule, startHostBackups } from '../../electron/backend/backup/scheduler';
import { createHostGate } from '../../electron/backend/auth/gate';
import { runCli } from '../../electron/backend/cli/cli';
import { testKey } from './cli-login';
import { SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { FIXED_NOW, call, decide, importDataset, roundWithBusiestCorporation } from './helpers';

const demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;
const KEY = randomBytes(32);
const OTHER_KEY = randomBytes(32);

let dir: string;
/** Closed template databases with the demo region, a round with a proposal and decisions. */
const templates: Record<'plain' | 'encrypted', string> = { plain: '', encrypted: '' };
const keyOf = (kind: 'plain' | 'encrypted') => (kind === 'encrypted' ? KEY : null);

async function buildTemplate(file: string, key: Buffer | null): Promise<void> {
  const b = await createBackend(file, { host: 'test', now: () => FIXED_NOW, ...(key ? { key } : {}) });
  await importDataset(b, demo);
  const { roundId } = await roundWithBusiestCorporation(b, demo);
  const version = 1;
  const { proposal } = await call(b, 'rounds.proposal', { roundId, version });
  const [first, second] = proposal.matches;
  await decide(b, { roundId, version, clientId: first!.clientId, unitId: first!.unitId, decision: 'accepted', clientAnswer: 'accepted' });
  await decide(b, { roundId, version, clientId: second!.clientId, unitId: second!.unitId, decision: 'declined', declineReason: 'rent-debt', clientAnswer: 'pending' });
  b.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await b.close();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ut-backup-'));
  templates.plain = join(dir, 'template-plain.sqlite');
  templates.encrypted = join(dir, 'template-encrypted.sqlite');
  await buildTemplate(templates.plain, null);
  await buildTemplate(templates.encrypted, KEY);
}, 180_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let seq = 0;
/** A fresh database (a copy of a template) in a folder of its own. */
function freshDatabase(kind: 'plain' | 'encrypted'): string {
  const folder = join(dir, `case-${++seq}`);
  mkdirSync(folder);
  const file = join(folder, 'uitstroomtafel.sqlite');
  copyFileSync(templates[kind], file);
  return file;
}

const open = (file: string, key: Buffer | null, now = FIXED_NOW) => createBackend(file, { host: 'test', now: () => now, mustExist: true, ...(key ? { key } : {}) });

/** Every table, every row in rowid order: what a restore must give back exactly. */
function dump(file: string, key: Buffer | null): Record<string, unknown[]> {
  const sqlite = openRaw(file, key);
  try {
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, sqlite.prepare(`select * from "${name}" order by rowid`).all()]));
  } finally {
    sqlite.close();
  }
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Runs a restore that must be refused; returns its message. The database must be byte for byte as it was. */
function refusedRestore(file: string, backup: string, key: Buffer | null): string {
  const before = sha(file);
  const backupsBefore = listBackups(file).map((r) => r.fileName);
  let message = '';
  try {
    restoreDatabase(file, backup, key, FIXED_NOW);
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message, 'the restore should have been refused').not.toBe('');
  expect(sha(file)).toBe(before);
  expect(listBackups(file).map((r) => r.fileName)).toEqual(backupsBefore);
  expect(readdirSync(join(file, '..')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  return message;
}

async function waitFor(what: string, ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(['plain', 'encrypted'] as const)('backup and restore (%s database)', (kind) => {
  const key = keyOf(kind);

  it('gives every table back row for row, and keeps the replaced database aside', async () => {
    const file = freshDatabase(kind);
    const atBackup = dump(file, key);
    let b: Backend = await open(file, key);
    const made = await makeBackup(b.database.db, file, 'manual', FIXED_NOW);
    expect(made.fileName).toBe('uitstroomtafel-20261127-100000-manual.sqlite');
    await b.close();
    expect(dump(file, key)).toEqual(atBackup);
    expect(Object.keys(atBackup).length).toBeGreaterThan(20);
    expect(atBackup.round_decisions!.length).toBe(2);
    expect(atBackup.clients!.length).toBe(demo.clients.length);

    // Changes after the backup: another round and a new setting.
    b = await open(file, key);
    await call(b, 'rounds.create', { date: '2026-12-04', windowFrom: '2026-12-04', windowTo: '2027-02-28' });
    await call(b, 'backups.saveSettings', { keep: 5 });
    await b.close();
    const changed = dump(file, key);
    expect(changed.rounds!.length).toBe(atBackup.rounds!.length + 1);

    const later = new Date(FIXED_NOW.getTime() + 3600_000);
    const outcome = restoreDatabase(file, backupPath(file, made.fileName), key, later);
    expect(outcome.restored).toBe(made.fileName);
    expect(outcome.keptAside).toBe('uitstroomtafel-20261127-110000-before-restore.sqlite');
    const restored = dump(file, key);
    for (const table of Object.keys(atBackup)) expect(restored[table], table).toEqual(atBackup[table]);
    expect(Object.keys(restored).sort()).toEqual(Object.keys(atBackup).sort());
    // The database as it was is the before-restore backup, table for table.
    expect(dump(join(backupFolder(file), outcome.keptAside!), key)).toEqual(changed);
    for (const suffix of ['-wal', '-shm']) expect(existsSync(`${file}${suffix}`)).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(file, '..')).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    // The app opens the restored database as usual; its audit chain is intact.
    b = await open(file, key);
    expect(b.database.auditCheck?.intact).toBe(true);
    const listed = await call(b, 'backups.list', {});
    expect(listed.settings.keep).toBe(10);
    expect(listed.backups.map((r) => r.reason)).toEqual(['before-restore', 'manual']);
    await b.close();
  });

  it('refuses a damaged backup (bytes flipped in the middle)', async () => {
    const file = freshDatabase(kind);
    const b = await open(file, key);
    const made = await makeBackup(b.database.db, file, 'manual', FIXED_NOW);
    await b.close();
    const bad = join(dir, `damaged-${kind}.sqlite`);
    const bytes = readFileSync(backupPath(file, made.fileName));
    const page = Math.floor(bytes.length / 2 / 4096) * 4096;
    for (let i = page; i < page + 4096; i++) bytes[i] = bytes[i]! ^ 0xa5;
    writeFileSync(bad, bytes);
    expect(refusedRestore(file, bad, key)).toMatch(/^Back-up damaged-\w+\.sqlite is beschadigd .*; er is niets gewijzigd\.$/);
  });

  it('refuses a backup cut short (at a page boundary, and mid-page)', async () => {
    const file = freshDatabase(kind);
    const b = await open(file, key);
    const made = await makeBackup(b.database.db, file, 'manual', FIXED_NOW);
    await b.close();
    const size = statSync(backupPath(file, made.fileName)).size;
    const atPage = join(dir, `cut-page-${kind}.sqlite`);
    copyFileSync(backupPath(file, made.fileName), atPage);
    truncateSync(atPage, Math.floor(size / 2 / 4096) * 4096);
    expect(refusedRestore(file, atPage, key)).toMatch(/^Back-up cut-page-\w+\.sqlite is beschadigd .*; er is niets gewijzigd\.$/);
    const midPage = join(dir, `cut-mid-${kind}.sqlite`);
    copyFileSync(backupPath(file, made.fileName), midPage);
    truncateSync(midPage, Math.floor(size / 2) + 123);
    expect(refusedRestore(file, midPage, key)).toMatch(/^Back-up cut-mid-\w+\.sqlite is (onvolledig|geen database, of is onvolledig)/);
  });

  it('refuses a foreign SQLite database and a text file', () => {
    const file = freshDatabase(kind);
    const foreign = join(dir, `foreign-${kind}.sqlite`);
    const other = new BetterSqlite3(foreign);
    if (key) other.pragma(`cipher='sqlcipher'`), other.pragma('legacy=4'), other.pragma(`key="x'${key.toString('hex')}'"`);
    other.exec("create table boodschappen (wat text); insert into boodschappen values ('melk')");
    other.close();
    expect(refusedRestore(file, foreign, key)).toBe(
      `Back-up foreign-${kind}.sqlite is geen database van Uitstroomtafel (tabellen ontbreken: kysely_migration, settings, municipalities, corporations, care_providers); er is niets gewijzigd.`,
    );
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'Dit is geen back-up maar een boodschappenlijstje.\n'.repeat(200));
    expect(refusedRestore(file, text, key)).toBe('Back-up notes.txt is geen database maar een tekstbestand; er is niets gewijzigd.');
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    expect(refusedRestore(file, empty, key)).toBe('Back-up empty.sqlite is leeg; er is niets gewijzigd.');
    expect(refusedRestore(file, join(dir, 'missing.sqlite'), key)).toMatch(/^Back-up .*missing\.sqlite bestaat niet/);
  });

  it('refuses a backup from a newer version of the app', async () => {
    const file = freshDatabase(kind);
    const b = await open(file, key);
    const made = await makeBackup(b.database.db, file, 'manual', FIXED_NOW);
    await b.close();
    const newer = join(dir, `newer-${kind}.sqlite`);
    copyFileSync(backupPath(file, made.fileName), newer);
    const s = openRaw(newer, key);
    s.exec(`insert into kysely_migration (name, timestamp) values ('9999_future', '2030-01-01'); pragma user_version = ${SCHEMA_VERSION + 1}`);
    s.close();
    expect(refusedRestore(file, newer, key)).toBe(
      `Back-up newer-${kind}.sqlite is gemaakt door een nieuwere versie van de app (schemaversie ${SCHEMA_VERSION + 1}, onbekende migraties: 9999_future; deze versie kent schemaversie ${SCHEMA_VERSION}). Werk de app eerst bij; er is niets gewijzigd.`,
    );
  });

  it('refuses to restore while another process has the database open', async () => {
    const file = freshDatabase(kind);
    const b = await open(file, key);
    const made = await makeBackup(b.database.db, file, 'manual', FIXED_NOW);
    await call(b, 'rounds.create', { date: '2026-12-04', windowFrom: '2026-12-04', windowTo: '2027-02-28' });
    const before = dump(file, key);
    let message = '';
    try {
      restoreDatabase(file, backupPath(file, made.fileName), key, FIXED_NOW);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(`De database ${file} is nog geopend door een ander proces (de app of een opdracht); sluit dat eerst. Er is niets gewijzigd.`);
    expect(listBackups(file).map((r) => r.reason)).toEqual(['manual']);
    await b.close();
    expect(dump(file, key)).toEqual(before);
  });
});

describe('keys', () => {
  it('refuses a backup encrypted with another key, and a plain backup for an encrypted database', async () => {
    const file = freshDatabase('encrypted');
    const otherFile = join(dir, 'other-key', 'uitstroomtafel.sqlite');
    mkdirSync(join(dir, 'other-key'));
    const other = await createBackend(otherFile, { host: 'test', now: () => FIXED_NOW, key: OTHER_KEY });
    const made = await makeBackup(other.database.db, otherFile, 'manual', FIXED_NOW);
    await other.close();
    expect(refusedRestore(file, backupPath(otherFile, made.fileName), KEY)).toBe(
      `Back-up ${made.fileName} is niet met de sleutel van deze database versleuteld (een back-up van een andere database?), of is geen database; er is niets gewijzigd.`,
    );
    const plainFile = freshDatabase('plain');
    const p = await open(plainFile, null);
    const plainBackup = await makeBackup(p.database.db, plainFile, 'manual', FIXED_NOW);
    await p.close();
    expect(refusedRestore(file, backupPath(plainFile, plainBackup.fileName), KEY)).toBe(
      `Back-up ${plainBackup.fileName} is niet versleuteld, dus niet met de sleutel van deze database gemaakt; er is niets gewijzigd.`,
    );
    // And an encrypted backup offered to a plain database.
    expect(refusedRestore(plainFile, backupPath(otherFile, made.fileName), null)).toBe(
      `Back-up ${made.fileName} is geen SQLite-database, of is versleuteld met een sleutel die deze database niet heeft; er is niets gewijzigd.`,
    );
  });

  it('writes an encrypted backup: its bytes hold no name, note or id of the region', async () => {
    const file = freshDatabase('encrypted');
    const b = await open(file, KEY);
    const made = await makeBackup(b.database.db, file, 'manual', FIXED_NOW);
    await b.close();
    const bytes = readFileSync(backupPath(file, made.fileName));
    const known = [
      ...demo.clients.map((c) => c.name).filter((n): n is string => !!n && n.length >= 5).slice(0, 20),
      ...demo.clients.slice(0, 20).map((c) => c.id),
      ...demo.clients.flatMap((c) => c.networkPlaces.map((p) => p.note ?? '')).filter((n) => n.length > 8).slice(0, 20),
      'kysely_migration',
      'audit_log',
    ];
    expect(known.length).toBeGreaterThan(40);
    for (const word of known) expect(bytes.includes(Buffer.from(word!, 'utf8')), word!).toBe(false);
    // The plain template's backup does hold them: the search itself works.
    const plainFile = freshDatabase('plain');
    const p = await open(plainFile, null);
    const plain = readFileSync(backupPath(plainFile, (await makeBackup(p.database.db, plainFile, 'manual', FIXED_NOW)).fileName));
    await p.close();
    expect(plain.includes(Buffer.from(known[0]!, 'utf8'))).toBe(true);
    expect(checkBackup(backupPath(file, made.fileName), KEY).schemaVersion).toBe(SCHEMA_VERSION);
  });
});

describe('keeping the last N', () => {
  it('prunes the oldest beyond backup.keep, but never a before-restore backup of the last 7 days', async () => {
    const file = freshDatabase('plain');
    const b = await open(file, null);
    await call(b, 'backups.saveSettings', { keep: 3 });
    const day = 24 * 3600 * 1000;
    const at = (days: number) => new Date(FIXED_NOW.getTime() + days * day);
    await makeBackup(b.database.db, file, 'before-restore', at(-20));
    await makeBackup(b.database.db, file, 'before-restore', at(-2));
    for (let d = -10; d <= -5; d++) await makeBackup(b.database.db, file, 'daily', at(d));
    await makeBackup(b.database.db, file, 'close', at(0));
    const rows = listBackups(file);
    expect(rows.map((r) => `${r.at.slice(0, 10)} ${r.reason}`)).toEqual([
      '2026-11-27 close',
      '2026-11-25 before-restore',
      '2026-11-22 daily',
    ]);
    // The young before-restore backup counts toward the three but is never pruned, also when pushed out.
    await makeBackup(b.database.db, file, 'manual', at(0.5));
    await makeBackup(b.database.db, file, 'manual', at(0.6));
    expect(listBackups(file).map((r) => r.reason)).toEqual(['manual', 'manual', 'close', 'before-restore']);
    // Six days old it stays; eight days old it goes too.
    await makeBackup(b.database.db, file, 'manual', at(4));
    expect(listBackups(file).map((r) => r.reason)).toEqual(['manual', 'manual', 'manual', 'before-restore']);
    await makeBackup(b.database.db, file, 'manual', at(6));
    expect(listBackups(file).map((r) => r.reason)).toEqual(['manual', 'manual', 'manual']);
    for (const r of listBackups(file)) expect(statSync(join(backupFolder(file), r.fileName)).mode & 0o777).toBe(0o600);
    expect(statSync(backupFolder(file)).mode & 0o777).toBe(0o700);
    await b.close();
  });

  it('gives backups made in the same second their own names, and cleans temporary files of dead processes', async () => {
    const file = freshDatabase('plain');
    const b = await open(file, null);
    const first = await makeBackup(b.database.db, file, 'manual', FIXED_NOW);
    const second = await makeBackup(b.database.db, file, 'manual', FIXED_NOW);
    expect([first.fileName, second.fileName]).toEqual(['uitstroomtafel-20261127-100000-manual.sqlite', 'uitstroomtafel-20261127-100000-manual-2.sqlite']);
    expect(listBackups(file)[0]!.fileName).toBe(second.fileName);
    // A crash left a temporary file (its process is gone): the next backup removes it; a living process's stays.
    const stale = join(backupFolder(file), '.uitstroomtafel-20261127-090000-daily.sqlite.2147483646.abcdef.tmp');
    const live = join(backupFolder(file), `.uitstroomtafel-20261127-090000-daily.sqlite.${process.ppid}.abcdef.tmp`);
    writeFileSync(stale, 'half');
    writeFileSync(live, 'busy');
    await makeBackup(b.database.db, file, 'manual', FIXED_NOW);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    await b.close();
  });

  it('names only backups of this database, and refuses a name outside the backup folder', () => {
    const file = freshDatabase('plain');
    mkdirSync(backupFolder(file));
    writeFileSync(join(backupFolder(file), 'andere-20261127-100000-manual.sqlite'), 'x');
    expect(listBackups(file)).toEqual([]);
    expect(() => backupPath(file, '../uitstroomtafel.sqlite')).toThrow(/is geen naam van een back-up van deze database/);
    expect(() => backupPath(file, 'uitstroomtafel-20261127-100000-manual.sqlite')).toThrow(/staat niet \(meer\) in de back-upmap/);
  });

  it('answers backups.list, backups.saveSettings and backups.create through the dispatcher, audited', async () => {
    const file = freshDatabase('plain');
    const b = await open(file, null);
    const initial = await call(b, 'backups.list', {});
    expect(initial).toEqual({ settings: { keep: 10, folder: backupFolder(file), byServer: false }, backups: [] });
    expect(await call(b, 'backups.saveSettings', { keep: 4 }, 'voorzitter')).toEqual({ keep: 4, folder: backupFolder(file), byServer: false });
    const lastAudit = () => b.database.sqlite.prepare('select actor, action, entity, entity_id, detail from audit_log order by id desc limit 1').get();
    expect(lastAudit()).toEqual({ actor: 'voorzitter', action: 'update', entity: 'settings', entity_id: 'backup.keep', detail: JSON.stringify({ from: 10, to: 4 }) });
    const made = await call(b, 'backups.create', {}, 'voorzitter');
    expect(lastAudit()).toMatchObject({ actor: 'voorzitter', action: 'backup', entity: 'database', entity_id: made.fileName });
    const listed = await call(b, 'backups.list', {});
    expect(listed.settings.keep).toBe(4);
    expect(listed.backups).toEqual([made]);
    expect(made.bytes).toBe(statSync(join(backupFolder(file), made.fileName)).size);
    const bad = await b.dispatch('backups.saveSettings', { keep: 0 }, { actor: 'x', user: { name: 'x', displayName: 'x', role: 'chair', careProviderId: null, corporationId: null } });
    expect(bad.ok).toBe(false);
    await b.close();
  });
});

describe('the schedule', () => {
  it('makes one at start when the newest is a day old, then daily, and one on close', async () => {
    const file = freshDatabase('plain');
    const b = await open(file, null);
    let clock = FIXED_NOW.getTime();
    const now = () => new Date(clock);
    const made: string[] = [];
    const schedule = startBackupSchedule({
      makeBackup: async (reason) => {
        made.push(reason);
        await makeBackup(b.database.db, file, reason, now());
      },
      lastBackupAt: () => newestBackupAt(file),
      now,
      intervalMs: 24 * 3600 * 1000,
      checkEveryMs: 20,
    });
    await waitFor('the start backup', () => made.length === 1);
    expect(made).toEqual(['daily']);
    // Checks go on, but nothing is due for a day.
    clock += 23 * 3600 * 1000;
    await schedule.idle();
    await new Promise((r) => setTimeout(r, 100));
    await schedule.idle();
    expect(made).toEqual(['daily']);
    clock += 2 * 3600 * 1000;
    await waitFor('the daily backup', () => made.length === 2);
    await schedule.onClose();
    expect(made).toEqual(['daily', 'daily', 'close']);
    expect(listBackups(file).map((r) => r.reason)).toEqual(['close', 'daily', 'daily']);
    // Stopped: no more daily backups.
    clock += 3 * 24 * 3600 * 1000;
    await new Promise((r) => setTimeout(r, 100));
    expect(made.length).toBe(3);
    await b.close();
  });

  it('backs up for a host only while its database is open, and once on closing', async () => {
    const file = freshDatabase('plain');
    const source: { file: string; open: Backend | null } = { file, open: null };
    const locked = startHostBackups(source);
    await locked.idle();
    await locked.onClose();
    expect(listBackups(file)).toEqual([]);
    source.open = await open(file, null);
    const unlocked = startHostBackups(source);
    await waitFor('the start backup of an open database', () => listBackups(file).length === 1);
    await unlocked.onClose();
    expect(listBackups(file).map((r) => r.reason)).toEqual(['close', 'daily']);
    await source.open.close();
  });

  it('makes none at start when a recent backup exists, and reports a failure without stopping', async () => {
    let clock = FIXED_NOW.getTime();
    const errors: string[] = [];
    let calls = 0;
    const schedule = startBackupSchedule({
      makeBackup: async () => {
        calls++;
        throw new Error('schijf vol');
      },
      lastBackupAt: () => new Date(FIXED_NOW.getTime() - 3600_000),
      now: () => new Date(clock),
      checkEveryMs: 20,
      onError: (e) => errors.push((e as Error).message),
    });
    await schedule.idle();
    expect(calls).toBe(0);
    clock += 24 * 3600 * 1000;
    await waitFor('two failed attempts', () => errors.length >= 2);
    expect(errors[0]).toBe('schijf vol');
    schedule.stop();
  });
});

describe('restore through the gate (backups.restore)', () => {
  it('replaces the open database by a backup from the folder, reopens it, logs everyone out and records the restore', async () => {
    const folder = join(dir, 'gate');
    mkdirSync(folder);
    const file = join(folder, 'uitstroomtafel.sqlite');
    const gate = createHostGate({ file, host: 'test', demoFile: demoDatasetPath(sourceRoot()), now: () => FIXED_NOW });
    const credentials = { name: 'voorzitter', passphrase: 'een lange wachtwoordzin voor de test' };
    const setup = await gate.call(null, 'auth.setup', { ...credentials, displayName: 'De voorzitter', demo: true });
    expect(setup.result.ok).toBe(true);
    let session = setup.session && 'set' in setup.session ? setup.session.set : null;
    const value = async <T>(method: string, input: unknown): Promise<T> => {
      const r = (await gate.call(session, method, input)).result;
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as T;
    };
    const made = await value<{ fileName: string }>('backups.create', {});
    const roundsAtBackup = (await value<unknown[]>('rounds.list', {})).length;
    await value('rounds.create', { date: '2026-12-04', windowFrom: '2026-12-04', windowTo: '2027-02-28' });
    expect((await value<unknown[]>('rounds.list', {})).length).toBe(roundsAtBackup + 1);

    const restore = await gate.call(session, 'backups.restore', { fileName: made.fileName });
    expect(restore.result).toEqual({ ok: true, value: { restored: made.fileName, keptAside: 'uitstroomtafel-20261127-100000-before-restore.sqlite' } });
    expect(restore.session).toEqual({ clear: true });
    const after = await gate.call(session, 'rounds.list', {});
    expect(after.result.ok ? 'ok' : after.result.error.code).toBe('UNAUTHORIZED');

    const login = await gate.call(null, 'auth.login', credentials);
    session = login.session && 'set' in login.session ? login.session.set : null;
    expect((await value<unknown[]>('rounds.list', {})).length).toBe(roundsAtBackup);
    const audit = await value<{ actor: string; action: string; entityId: string | null }[]>('audit.list', { limit: 20 });
    expect(audit.some((e) => e.action === 'restore' && e.entityId === made.fileName && e.actor === 'voorzitter')).toBe(true);
    // A name that is no backup of this database is refused, nothing replaced.
    const bad = await gate.call(session, 'backups.restore', { fileName: '../uitstroomtafel.sqlite' });
    expect(bad.result.ok ? 'ok' : bad.result.error.message).toMatch(/is geen naam van een back-up van deze database/);
    expect((await value<unknown[]>('rounds.list', {})).length).toBe(roundsAtBackup);
    gate.endAll();
    await gate.vault.close();
  }, 60_000);
});

describe('the CLI: backup --out and restore --from', () => {
  const passphrase = 'een lange wachtwoordzin voor de cli';
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), env: { UITSTROOMTAFEL_PASSPHRASE: passphrase } };
  const cli = async (...args: string[]) => {
    lines.length = 0;
    const code = await runCli(args, io);
    return { code, text: lines.join('\n') };
  };

  it('writes an encrypted backup, restores it with the current database kept aside, and refuses what it must', async () => {
    const folder = join(dir, 'cli');
    mkdirSync(folder);
    const file = join(folder, 'regio.sqlite');
    const out = join(dir, 'cli-backup.sqlite');
    expect((await cli('init', '--db', file, '--user', 'voorzitter', '--demo')).code).toBe(0);
    const made = await cli('backup', '--db', file, '--user', 'voorzitter', '--out', out);
    expect(made).toEqual({ code: 0, text: expect.stringMatching(/^Back-up van .*regio\.sqlite geschreven naar .*cli-backup\.sqlite \(\d+ bytes, versleuteld met de sleutel van de database\)\.$/) });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const key = await testKey(file, 'voorzitter', passphrase);
    expect(checkBackup(out, key).schemaVersion).toBe(SCHEMA_VERSION);

    // Outputs that are never written: the database itself, an existing file without --force.
    expect(await cli('backup', '--db', file, '--user', 'voorzitter', '--out', file)).toEqual({ code: 1, text: `Fout: Uitvoerbestand ${file} is de geopende database; kies een ander bestand.` });
    expect(await cli('backup', '--db', file, '--user', 'voorzitter', '--out', out)).toEqual({ code: 1, text: `Fout: ${out} bestaat al; gebruik --force om het te overschrijven.` });
    expect((await cli('backup', '--db', file, '--user', 'voorzitter', '--out', out, '--force')).code).toBe(0);
    const atBackup = dump(out, key);
    expect((await cli('backup', '--db', file, '--out', out)).code).toBe(2);

    // A change after the backup, and a read-only user (who may do neither).
    const gate = createHostGate({ file, host: 'test' });
    const login = await gate.call(null, 'auth.login', { name: 'voorzitter', passphrase });
    const session = login.session && 'set' in login.session ? login.session.set : null;
    expect((await gate.call(session, 'rounds.create', { date: '2026-12-04', windowFrom: '2026-12-04', windowTo: '2027-02-28' })).result.ok).toBe(true);
    const lezer = await gate.call(session, 'users.create', { name: 'lezer', displayName: 'Alleen lezen', role: 'readonly', careProviderId: null, corporationId: null, passphrase });
    expect(lezer.result.ok).toBe(true);
    gate.endAll();
    await gate.vault.close();
    expect(await cli('backup', '--db', file, '--user', 'lezer', '--out', join(dir, 'lezer.sqlite'))).toEqual({ code: 1, text: 'Fout: Uw rol (readonly) mag backups.create niet gebruiken.' });
    expect(await cli('restore', '--db', file, '--user', 'lezer', '--from', out)).toEqual({ code: 1, text: 'Fout: Uw rol (readonly) mag backups.restore niet gebruiken.' });
    expect(existsSync(join(dir, 'lezer.sqlite'))).toBe(false);

    // A text file is refused, nothing changed.
    const changed = dump(file, key);
    writeFileSync(join(dir, 'geen-backup.sqlite'), 'Dit is geen back-up.\n'.repeat(100));
    expect(await cli('restore', '--db', file, '--user', 'voorzitter', '--from', join(dir, 'geen-backup.sqlite'))).toEqual({
      code: 1,
      text: 'Fout: Back-up geen-backup.sqlite is geen database maar een tekstbestand; er is niets gewijzigd.',
    });
    expect(await cli('restore', '--db', file, '--user', 'voorzitter', '--from', file)).toEqual({ code: 1, text: `Fout: --from ${file} is de database zelf; kies een back-up.` });
    // Nothing changed but the login of the refused restore (the user's last login, and their audit entries).
    const unchanged = dump(file, key);
    for (const table of Object.keys(changed)) if (!['audit_log', 'settings', 'users', 'sqlite_sequence'].includes(table)) expect(unchanged[table], table).toEqual(changed[table]);
    expect(unchanged.audit_log!.slice(changed.audit_log!.length).map((r) => (r as { action: string }).action)).toEqual(['login']);

    const restored = await cli('restore', '--db', file, '--user', 'voorzitter', '--from', out);
    expect(restored.code).toBe(0);
    const [aside] = listBackups(file);
    expect(aside!.reason).toBe('before-restore');
    expect(restored.text).toBe(`Back-up ${out} teruggezet in ${file}. De database van daarvoor staat apart als ${join(backupFolder(file), aside!.fileName)}.`);
    const now = dump(file, key);
    // Every table as in the backup, except the log of what happened since: the restore itself.
    for (const table of Object.keys(atBackup)) if (!['audit_log', 'settings', 'sqlite_sequence'].includes(table)) expect(now[table], table).toEqual(atBackup[table]);
    expect(now.rounds!.length).toBe(changed.rounds!.length - 1);
    expect(now.audit_log!.slice(0, atBackup.audit_log!.length)).toEqual(atBackup.audit_log);
    expect(now.audit_log!.slice(atBackup.audit_log!.length).map((r) => (r as { action: string }).action)).toEqual(['restore']);
    expect(dump(join(backupFolder(file), aside!.fileName), key).rounds).toEqual(changed.rounds);
  }, 120_000);
});

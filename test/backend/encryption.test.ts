// Encryption at rest (issue 10 item 3, "the file test"): a database made with a key holds none of the
// demo's names, notes or ids in its raw bytes (file and -wal), and does not open without the key or with
// a wrong one; a plain database is converted with every table equal, and a conversion killed with
// SIGKILL at random moments leaves the plain original or the verified encrypted file. Real SQLite, real processes.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAndKill } from './kill-child';
import { createBackend } from '../../electron/backend/backend';
import { applyKey, convertingPath, encryptExistingDatabase, isPlainSqliteFile } from '../../electron/backend/db/cipher';
import { openDatabase } from '../../electron/backend/db/open';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { AppError } from '../../shared/api/result';
import { FIXED_NOW, call, decide, importDataset } from './helpers';

const ROOT = resolve(__dirname, '..', '..');
const demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;
const KEY = randomBytes(32);

/** Known personal data of the demo: client ids, names and the start of their notes (plain ASCII, so stored as is). */
const NEEDLES: string[] = (() => {
  const out = new Set<string>();
  for (const c of demo.clients) {
    out.add(c.id);
    if (c.name && c.name.length >= 5) out.add(c.name);
    const note = (c.notes ?? '').slice(0, 28);
    if (note.length >= 16 && /^[A-Za-z0-9 .,;:()-]+$/.test(note)) out.add(note);
    for (const p of c.networkPlaces) if (p.note && p.note.length >= 16 && /^[A-Za-z0-9 .,;:()-]+$/.test(p.note)) out.add(p.note);
  }
  return [...out];
})();

function found(file: string): string[] {
  if (!existsSync(file)) return [];
  const bytes = readFileSync(file);
  return NEEDLES.filter((n) => bytes.includes(Buffer.from(n, 'utf8')));
}

/** Every table as JSON, rows in rowid order: equal before and after means the same data. */
function tablesJson(sqlite: BetterSqlite3.Database): Record<string, string> {
  const names = (sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]).map((r) => r.name);
  return Object.fromEntries(
    names.map((n) => [n, JSON.stringify(sqlite.prepare(`select * from "${n}" order by rowid`).all(), (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))]),
  );
}

function readTables(file: string, key?: Buffer): Record<string, string> {
  const sqlite = new BetterSqlite3(file, { fileMustExist: true });
  try {
    if (key) applyKey(sqlite, key);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    return tablesJson(sqlite);
  } finally {
    sqlite.close();
  }
}

/** A region with history: the demo, one round proposed and partly decided. */
async function fillDatabase(file: string, key?: Buffer): Promise<Awaited<ReturnType<typeof createBackend>>> {
  const b = await createBackend(file, { host: 'test', now: () => FIXED_NOW, ...(key ? { key } : {}) });
  await importDataset(b, demo);
  const { id: roundId } = await call(b, 'rounds.create', { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31' });
  const { proposal, version } = await call(b, 'rounds.propose', { roundId });
  for (const m of proposal.matches.slice(0, 3)) {
    await decide(b, { roundId, version, clientId: m.clientId, unitId: m.unitId, decision: 'accepted', clientAnswer: 'accepted' });
  }
  return b;
}

async function expectAppError(p: Promise<unknown>, code: string, text: RegExp): Promise<void> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  expect((e as AppError).message).toMatch(text);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ut-encryption-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a database made with a key', () => {
  it('holds none of the known names, notes or ids in its file or -wal, while open and after close', async () => {
    expect(NEEDLES.length).toBeGreaterThan(60);
    // The control: the same work without a key leaves them readable, so the search does find them.
    const plain = join(dir, 'plain-control.sqlite');
    await (await fillDatabase(plain)).close();
    expect(found(plain)).toEqual(NEEDLES);

    const file = join(dir, 'encrypted.sqlite');
    const b = await fillDatabase(file, KEY);
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(readFileSync(`${file}-wal`).length).toBeGreaterThan(0);
    expect(found(file)).toEqual([]);
    expect(found(`${file}-wal`)).toEqual([]);
    expect(isPlainSqliteFile(file)).toBe(false);
    await b.close();
    expect(found(file)).toEqual([]);
    expect(found(`${file}-wal`)).toEqual([]);
    // And the key opens it again with everything in it.
    const again = await openDatabase(file, { mustExist: true, key: KEY });
    expect((again.sqlite.prepare('select count(*) as n from clients').get() as { n: number }).n).toBe(demo.clients.length);
    await again.close();
  }, 120_000);

  it('cannot be read without the key, with a wrong key, or through openDatabase without one; the file is not changed', async () => {
    const file = join(dir, 'locked.sqlite');
    await (await fillDatabase(file, KEY)).close();
    const bytes = readFileSync(file);

    // Plain SQLite (the library without a key pragma): not a database.
    const raw = new BetterSqlite3(file, { fileMustExist: true });
    expect(() => raw.prepare('select count(*) from clients').get()).toThrow(/file is not a database/);
    raw.close();
    const wrong = new BetterSqlite3(file, { fileMustExist: true });
    applyKey(wrong, randomBytes(32));
    expect(() => wrong.prepare('select count(*) from sqlite_master').get()).toThrow(/file is not a database/);
    wrong.close();

    await expectAppError(openDatabase(file, { mustExist: true }), 'UNAUTHORIZED', /versleuteld.*zonder sleutel niet worden geopend/);
    await expectAppError(openDatabase(file, {}), 'UNAUTHORIZED', /versleuteld/);
    await expectAppError(
      openDatabase(file, { mustExist: true, key: randomBytes(32) }),
      'UNAUTHORIZED',
      /kan met deze sleutel niet worden geopend: verkeerde wachtwoordzin, of geen database van deze app/,
    );
    expect(readFileSync(file).equals(bytes)).toBe(true);

    // A file that is no database at all, opened with a key: the same refusal, nothing written.
    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, randomBytes(8192));
    const junkBytes = readFileSync(junk);
    await expectAppError(openDatabase(junk, { key: KEY }), 'UNAUTHORIZED', /verkeerde wachtwoordzin, of geen database van deze app/);
    expect(readFileSync(junk).equals(junkBytes)).toBe(true);

    // A plain database opened with a key is not silently treated as new or converted.
    const plain = join(dir, 'plain-with-key.sqlite');
    await (await createBackend(plain, { host: 'test', now: () => FIXED_NOW })).close();
    await expectAppError(openDatabase(plain, { key: KEY }), 'CONFLICT', /nog niet versleuteld/);
    expect(isPlainSqliteFile(plain)).toBe(true);
  }, 120_000);
});

describe('converting a plain database', () => {
  let template: string;
  let original: Record<string, string>;

  beforeAll(async () => {
    template = join(dir, 'template-plain.sqlite');
    const b = await fillDatabase(template);
    b.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await b.close();
    original = readTables(template);
    expect(found(template).length).toBeGreaterThan(60);
  }, 120_000);

  it('keeps every table equal, leaves clean bytes and no side files, and opens through openDatabase with the key', async () => {
    const sub = mkdtempSync(join(dir, 'convert-'));
    const file = join(sub, 'region.sqlite');
    copyFileSync(template, file);
    const summary = encryptExistingDatabase(file, KEY);
    expect(summary.tables).toBe(Object.keys(original).length);
    expect(summary.counts.clients).toBe(demo.clients.length);
    expect(summary.rows).toBe(Object.values(summary.counts).reduce((a, n) => a + n, 0));
    expect(readTables(file, KEY)).toEqual(original);
    expect(found(file)).toEqual([]);
    expect(isPlainSqliteFile(file)).toBe(false);
    expect(readdirSync(sub)).toEqual(['region.sqlite']);
    // A second conversion refuses: the file is no longer plain.
    expect(() => encryptExistingDatabase(file, KEY)).toThrow(/geen onversleutelde SQLite-database/);
    const db = await openDatabase(file, { mustExist: true, key: KEY });
    expect(String(db.sqlite.pragma('journal_mode', { simple: true }))).toBe('wal');
    expect(db.auditCheck?.intact).toBe(true);
    await db.close();
    expect(readTables(file, KEY)).toEqual(original);
  }, 120_000);

  it('with the -wal still holding changes (the app was killed), converts those too', async () => {
    const sub = mkdtempSync(join(dir, 'convert-wal-'));
    const file = join(sub, 'region.sqlite');
    copyFileSync(template, file);
    // A writer that dies without checkpointing: its last changes live only in the -wal.
    const child = spawn(process.execPath, ['-e', `
      const D = require(${JSON.stringify(join(ROOT, 'node_modules', 'better-sqlite3-multiple-ciphers'))});
      const db = new D(${JSON.stringify(file)});
      db.pragma('journal_mode = WAL');
      db.pragma('wal_autocheckpoint = 0');
      db.prepare("update clients set notes = 'Laatste wijziging alleen in de wal' where id = 'K-0001'").run();
      console.log('WRITTEN');
      setInterval(() => {}, 1000);
    `], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((ok, fail) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('WRITTEN')) ok();
      });
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('exit', () => fail(new Error(`writer ended early: ${out}`)));
    });
    child.kill('SIGKILL');
    await new Promise((ok) => child.once('exit', ok));
    expect(readFileSync(`${file}-wal`).includes(Buffer.from('alleen in de wal'))).toBe(true);
    encryptExistingDatabase(file, KEY);
    const sqlite = new BetterSqlite3(file, { fileMustExist: true });
    applyKey(sqlite, KEY);
    expect((sqlite.prepare("select notes from clients where id = 'K-0001'").get() as { notes: string }).notes).toBe('Laatste wijziging alleen in de wal');
    sqlite.close();
    expect(readdirSync(sub)).toEqual(['region.sqlite']);
  }, 60_000);

  it('removes a .converting left by a crash (with its journal) and converts again', () => {
    const sub = mkdtempSync(join(dir, 'convert-stale-'));
    const file = join(sub, 'region.sqlite');
    copyFileSync(template, file);
    writeFileSync(convertingPath(file), randomBytes(4096));
    writeFileSync(`${convertingPath(file)}-journal`, randomBytes(512));
    encryptExistingDatabase(file, KEY);
    expect(readTables(file, KEY)).toEqual(original);
    expect(readdirSync(sub)).toEqual(['region.sqlite']);
  }, 60_000);

  it('killed with SIGKILL at random moments leaves the plain original or the verified encrypted file; the next conversion finishes', async () => {
    // Every step once, in random order; the child pauses 300 ms at it and is killed at a random moment
    // in that pause or in the work after it.
    const steps = ['checkpoint', 'copy', 'rekey', 'verify', 'release', 'side-files', 'rename', 'wal'].sort(() => Math.random() - 0.5);
    const pauseMs = 300;
    const outcomes: string[] = [];
    for (const [i, step] of steps.entries()) {
      const sub = mkdtempSync(join(dir, `kill-${i}-`));
      const file = join(sub, 'region.sqlite');
      copyFileSync(template, file);
      const killMs = Math.floor(Math.random() * 400);
      const how = await runChild(file, step, pauseMs, killMs);
      const state = isPlainSqliteFile(file) ? 'plain' : 'encrypted';
      // Killed inside the pause: before the rename the original is still there, after it the encrypted file.
      if (killMs < pauseMs - 150) expect(`${step}:${how}:${state}`).toBe(`${step}:killed:${step === 'wal' ? 'encrypted' : 'plain'}`);
      // Either way the file is whole: the untouched original, or the encrypted one with the same rows.
      expect(readTables(file, state === 'encrypted' ? KEY : undefined)).toEqual(original);
      if (state === 'plain') {
        encryptExistingDatabase(file, KEY);
        expect(readTables(file, KEY)).toEqual(original);
      }
      expect(found(file)).toEqual([]);
      expect(existsSync(convertingPath(file))).toBe(false);
      const db = await openDatabase(file, { mustExist: true, key: KEY });
      expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      await db.close();
      outcomes.push(`${step}+${killMs}ms:${how}:${state}`);
    }
    console.log(`[encryption] conversion kills: ${outcomes.join(', ')}`);
  }, 300_000);
});

async function runChild(file: string, pauseAt: string, pauseMs: number, killMs: number): Promise<'killed' | 'done'> {
  const run = await runAndKill({
    script: 'test/backend/fixtures/convert-child.ts',
    args: [file],
    env: { UT_KEY_HEX: KEY.toString('hex'), UT_PAUSE_AT: pauseAt, UT_PAUSE_MS: String(pauseMs) },
    marker: `STEP ${pauseAt}\n`,
    killAfterMs: killMs,
    guardMs: 60_000,
  });
  if (run.output.includes('DONE')) return 'done';
  if (run.killed) return 'killed';
  throw new Error(`conversion child ended without converting:\n${run.output}`);
}

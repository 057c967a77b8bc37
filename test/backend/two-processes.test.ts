// Two real processes on one database file: the app's saves wait while another process writes, and
// where waiting runs out they say so in Dutch (BUSY) — never "Interne fout" or a stack trace; a CLI
// import started while the app saves succeeds or fails cleanly. Real SQLite files, real processes.
import { asChair } from '../../shared/auth/system-user';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Backend, createBackend } from '../../electron/backend/backend';
import { runCli } from '../../electron/backend/cli/cli';
import { AS_CHAIR, openWithKey, testKey, useTestPassphrase } from './cli-login';
import { miniDataset } from '../fixtures/mini-dataset';

// The CLI logs in as --user voorzitter with the passphrase from the environment (this process and its children).
useTestPassphrase();

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const BUSY_MESSAGE = 'De database is bezig (een ander proces schrijft); probeer het opnieuw.';
const ROUND = { date: '2026-12-01', windowFrom: '2026-12-01', windowTo: '2027-01-31' };

let dir: string;
let file: string;
let key: Buffer;
const children: ChildProcess[] = [];
const backends: Backend[] = [];
const quiet = { out: () => undefined, err: () => undefined };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ut-two-'));
  file = join(dir, 'r.sqlite');
  writeFileSync(join(dir, 'in.json'), JSON.stringify(miniDataset()));
  expect(await runCli(['init', ...AS_CHAIR, '--db', file], quiet)).toBe(0);
  expect(await runCli(['import', ...AS_CHAIR, '--db', file, '--dataset', join(dir, 'in.json')], quiet)).toBe(0);
  key = await testKey(file);
});
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const b of backends.splice(0)) await b.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Running {
  output(): string;
  errors(): string;
  /** Resolves when a line of stdout equals `line`. */
  line(line: string): Promise<void>;
  exited: Promise<number>;
}

function run(args: string[]): Running {
  // The fixtures open the encrypted database with its key; the CLI logs in (passphrase from the environment).
  const child = spawn(TSX, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, UT_KEY_HEX: key.toString('hex') } });
  children.push(child);
  let out = '';
  let err = '';
  const waiting: { line: string; resolve: () => void }[] = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const lines = out.split('\n');
    for (const w of waiting.splice(0)) (lines.includes(w.line) ? w.resolve() : waiting.push(w));
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number>((done) => child.on('exit', (code) => done(code ?? -1)));
  return {
    output: () => out,
    errors: () => err,
    line: (line) =>
      new Promise<void>((resolveLine, reject) => {
        if (out.split('\n').includes(line)) return resolveLine();
        waiting.push({ line, resolve: resolveLine });
        void exited.then((code) => reject(new Error(`process ended (${code}) before '${line}': ${out}\n${err}`)));
      }),
    exited,
  };
}

async function open(busyWaitMs?: number): Promise<Backend> {
  const b = await createBackend(file, { host: 'test', mustExist: true, key, ...(busyWaitMs ? { busyWaitMs } : {}) });
  backends.push(b);
  return b;
}

const roundCount = () => {
  const db = openWithKey(file, key, { readonly: true });
  const n = (db.prepare('select count(*) as n from rounds').get() as { n: number }).n;
  db.close();
  return n;
};

describe('two processes on one database', () => {
  it('saves wait while another process holds the write lock, and all of them succeed', async () => {
    const b = await open();
    const holder = run([join(ROOT, 'test/backend/fixtures/hold-write.ts'), file, '2500']);
    await holder.line('HOLDING');
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await b.dispatch('rounds.create', ROUND, asChair('tester')));
    expect(await holder.exited).toBe(0);
    expect(holder.output()).toContain('RELEASED');
    // Every save, the first one started while the other process held the lock, went through.
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(roundCount()).toBe(10);
  }, 120_000);

  it('a save that cannot get the lock in time says so in Dutch, and the next one after the other process succeeds', async () => {
    const b = await open(500);
    const holder = run([join(ROOT, 'test/backend/fixtures/hold-write.ts'), file, '8000']);
    await holder.line('HOLDING');
    const refused = await b.dispatch('rounds.create', ROUND, asChair('tester'));
    expect(refused).toEqual({ ok: false, error: { code: 'BUSY', message: BUSY_MESSAGE } });
    expect(await holder.exited).toBe(0);
    expect((await b.dispatch('rounds.create', ROUND, asChair('tester'))).ok).toBe(true);
    expect(roundCount()).toBe(1);
  }, 120_000);

  it('the app keeps saving while a CLI import runs, and the import started meanwhile succeeds or fails cleanly', async () => {
    const head = 'Code;Corporatie;Gemeente;Buurt;Soort;Kamers;Huur;Beschikbaar vanaf;Contractvormen';
    const lines = Array.from({ length: 3000 }, (_, i) => `W-${1000 + i};corp-a;GM0034;;Kanswoning;2;600,00;01-02-2027;regulier`);
    writeFileSync(join(dir, 'w.csv'), [head, ...lines].join('\n'));
    const stop = join(dir, 'stop');
    const writer = run([join(ROOT, 'test/backend/fixtures/app-writer.ts'), file, stop, '20']);
    await writer.line('READY');
    const cli = run([join(ROOT, 'electron/backend/cli/cli.main.ts'), 'import', ...AS_CHAIR, '--db', file, '--units', join(dir, 'w.csv')]);
    const cliCode = await cli.exited;
    writeFileSync(stop, '');
    expect(await writer.exited).toBe(0);

    // The import: done, or refused with the Dutch message; never a stack trace or an internal error.
    expect(cli.errors()).not.toMatch(/\n\s+at |Interne fout|SqliteError/);
    if (cliCode === 0) expect(cli.output()).toContain('3000 nieuw');
    else expect({ code: cliCode, err: cli.errors().trim() }).toEqual({ code: 1, err: `Fout: ${BUSY_MESSAGE}` });

    // The app's saves: each one done, or refused with the Dutch message.
    const json = /^RESULTS (.*)$/m.exec(writer.output())?.[1];
    const results = JSON.parse(json ?? '[]') as { ok: boolean; code?: string; message?: string }[];
    expect(results.length).toBeGreaterThanOrEqual(20);
    expect(results.filter((r) => !r.ok && !(r.code === 'BUSY' && r.message === BUSY_MESSAGE))).toEqual([]);
    expect(writer.errors()).not.toMatch(/\n\s+at |Interne fout|SqliteError/);
    expect(roundCount()).toBe(results.filter((r) => r.ok).length);
  }, 180_000);
});

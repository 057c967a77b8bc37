// Files the CLI writes for the user (export --out, propose --out and --export-lp): never over the open
// database or its -wal/-shm/-journal (also through another path, a symlink or a hard link), never over
// an existing file without --force, always through a temporary file and a rename. Real files, real SQLite.
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/backend/cli/cli';
import { createBackend } from '../../electron/backend/backend';
import { AS_CHAIR, openRaw, useTestPassphrase } from './cli-login';
import { Proposal } from '../../shared/engine/round.schema';
import { miniDataset } from '../fixtures/mini-dataset';

// The CLI logs in as --user voorzitter with the passphrase from the environment (this process and its children).
useTestPassphrase();

let dir: string;
let out: string[];
let err: string[];
const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
const p = (name: string) => join(dir, name);
const writeJson = (name: string, value: unknown) => writeFileSync(p(name), JSON.stringify(value, null, 2));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ut-cli-out-'));
  out = [];
  err = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A database with the mini region in it. */
async function region(): Promise<string> {
  writeJson('in.json', miniDataset());
  expect(await runCli(['init', ...AS_CHAIR, '--db', p('r.sqlite')], io)).toBe(0);
  expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--dataset', p('in.json')], io)).toBe(0);
  return p('r.sqlite');
}

/** The region and audit log are still there, read by SQLite with the database key. */
async function intact(file: string): Promise<void> {
  const db = await openRaw(file, { readonly: true });
  try {
    expect(db.prepare('select count(*) as n from clients').get()).toEqual({ n: 3 });
    expect((db.prepare('select count(*) as n from audit_log').get() as { n: number }).n).toBeGreaterThan(0);
  } finally {
    db.close();
  }
}

const leftovers = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('export --out', () => {
  it('refuses the open database itself, also through another path, a symlink or a hard link', async () => {
    const db = await region();
    mkdirSync(p('sub'));
    symlinkSync(db, p('link.sqlite'));
    linkSync(db, p('hard.sqlite'));
    for (const target of [db, join(dir, 'sub', '..', 'r.sqlite'), p('link.sqlite'), p('hard.sqlite')]) {
      err = [];
      expect(await runCli(['export', ...AS_CHAIR, '--db', db, '--out', target], io)).toBe(1);
      expect(err.join('\n')).toContain('is de geopende database; kies een ander bestand.');
      // Not even --force overrides it.
      expect(await runCli(['export', ...AS_CHAIR, '--db', db, '--out', target, '--force'], io)).toBe(1);
    }
    // Opened through the link, the real file is still the database.
    expect(await runCli(['export', ...AS_CHAIR, '--db', p('link.sqlite'), '--out', db, '--force'], io)).toBe(1);
    await intact(db);
    expect(leftovers()).toEqual([]);
  });

  it("refuses the database's -wal, -shm and -journal files, present or not", async () => {
    const db = await region();
    writeFileSync(`${db}-journal`, '');
    for (const suffix of ['-wal', '-shm', '-journal']) {
      err = [];
      expect(await runCli(['export', ...AS_CHAIR, '--db', db, '--out', `${db}${suffix}`, '--force'], io)).toBe(1);
      expect(err.join('\n')).toContain(`van de geopende database; kies een ander bestand.`);
    }
    expect(readFileSync(`${db}-journal`, 'utf8')).toBe('');
    await intact(db);
  });

  it('refuses an existing file unless --force, then replaces it whole', async () => {
    const db = await region();
    writeFileSync(p('out.json'), 'oud');
    expect(await runCli(['export', ...AS_CHAIR, '--db', db, '--out', p('out.json')], io)).toBe(1);
    expect(err.join('\n')).toContain(`${p('out.json')} bestaat al; gebruik --force om het te overschrijven.`);
    expect(readFileSync(p('out.json'), 'utf8')).toBe('oud');
    expect(await runCli(['export', ...AS_CHAIR, '--db', db, '--out', p('out.json'), '--force'], io)).toBe(0);
    // The whole export, register and (format v2) history: here the register is what matters.
    const { history: _history, version: _v, ...exported } = JSON.parse(readFileSync(p('out.json'), 'utf8')) as Record<string, unknown>;
    const { version: _v1, ...imported } = miniDataset() as unknown as Record<string, unknown>;
    expect(exported).toEqual(imported);
    expect(leftovers()).toEqual([]);
  });

  it('never overwrites another SQLite database, not even with --force', async () => {
    const db = await region();
    // A plain SQLite database (an encrypted one has no recognisable header: see the report to helper A1).
    await (await createBackend(p('other.sqlite'), { host: 'test' })).close();
    const before = readFileSync(p('other.sqlite'));
    expect(await runCli(['export', ...AS_CHAIR, '--db', db, '--out', p('other.sqlite'), '--force'], io)).toBe(1);
    expect(err.join('\n')).toContain('is een SQLite-database; kies een ander bestand.');
    expect(readFileSync(p('other.sqlite')).equals(before)).toBe(true);
  });

  it('never overwrites another encrypted app database or an app backup, not even with --force', async () => {
    const db = await region();
    // Another region's encrypted database (no SQLite header; known by its keyring) and a backup of it.
    await runCli(['init', ...AS_CHAIR, '--db', p('ander.sqlite')], io);
    const before = readFileSync(p('ander.sqlite'));
    expect(await runCli(['export', ...AS_CHAIR, '--db', db, '--out', p('ander.sqlite'), '--force'], io)).toBe(1);
    expect(err.join('\n')).toContain('is een SQLite-database; kies een ander bestand.');
    expect(readFileSync(p('ander.sqlite')).equals(before)).toBe(true);
    mkdirSync(p('backups'));
    writeFileSync(p('backups/ander-20261201-100000-manual.sqlite'), before);
    expect(await runCli(['export', ...AS_CHAIR, '--db', db, '--out', p('backups/ander-20261201-100000-manual.sqlite'), '--force'], io)).toBe(1);
    expect(readFileSync(p('backups/ander-20261201-100000-manual.sqlite')).equals(before)).toBe(true);
  });

  it('refuses a folder as output', async () => {
    const db = await region();
    mkdirSync(p('map'));
    expect(await runCli(['export', ...AS_CHAIR, '--db', db, '--out', p('map'), '--force'], io)).toBe(1);
    expect(err.join('\n')).toContain('is een map');
  });

  it('as the issue showed it: `cli export --db r.sqlite --out r.sqlite` in a real process exits 1 and keeps the database', async () => {
    const db = await region();
    const root = join(__dirname, '..', '..');
    const r = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'electron', 'backend', 'cli', 'cli.main.ts'), 'export', ...AS_CHAIR, '--db', 'r.sqlite', '--out', 'r.sqlite'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('r.sqlite is de geopende database; kies een ander bestand.');
    await intact(db);
  }, 240_000);
});

describe('propose --out and --export-lp', () => {
  it('refuses existing files unless --force, and an output that is an input', async () => {
    writeJson('ds.json', miniDataset());
    writeFileSync(p('prop.json'), 'oud');
    writeFileSync(p('model.lp'), 'oud');
    expect(await runCli(['propose', '--dataset', p('ds.json'), '--out', p('prop.json')], io)).toBe(1);
    expect(err.join('\n')).toContain(`${p('prop.json')} bestaat al; gebruik --force om het te overschrijven.`);
    err = [];
    expect(await runCli(['propose', '--dataset', p('ds.json'), '--out', p('new.json'), '--export-lp', p('model.lp')], io)).toBe(1);
    expect(err.join('\n')).toContain(`${p('model.lp')} bestaat al`);
    // Nothing half done: the proposal was not written either.
    expect(existsSync(p('new.json'))).toBe(false);
    expect(readFileSync(p('prop.json'), 'utf8')).toBe('oud');
    expect(readFileSync(p('model.lp'), 'utf8')).toBe('oud');

    err = [];
    expect(await runCli(['propose', '--dataset', p('ds.json'), '--out', p('ds.json'), '--force'], io)).toBe(1);
    expect(err.join('\n')).toContain('is ook een invoerbestand');
    expect(JSON.parse(readFileSync(p('ds.json'), 'utf8'))).toEqual(miniDataset());
    err = [];
    expect(await runCli(['propose', '--dataset', p('ds.json'), '--out', p('same.out'), '--export-lp', p('same.out')], io)).toBe(1);
    expect(err.join('\n')).toContain('--out en --export-lp');

    expect(await runCli(['propose', '--dataset', p('ds.json'), '--out', p('prop.json'), '--export-lp', p('model.lp'), '--force'], io)).toBe(0);
    Proposal.parse(JSON.parse(readFileSync(p('prop.json'), 'utf8')));
    expect(readFileSync(p('model.lp'), 'utf8')).toContain('Maximize');
    expect(leftovers()).toEqual([]);
  });

  it('never writes a proposal over a SQLite database', async () => {
    await region();
    const before = readFileSync(p('r.sqlite'));
    expect(await runCli(['propose', '--dataset', p('in.json'), '--out', p('r.sqlite'), '--force'], io)).toBe(1);
    expect(err.join('\n')).toContain('is een SQLite-database');
    expect(readFileSync(p('r.sqlite')).equals(before)).toBe(true);
  });
});

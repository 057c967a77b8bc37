// The command-line tool: init, import, export, help, and refusals that write nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/backend/cli/cli';
import { miniDataset } from '../fixtures/mini-dataset';

let dir: string;
let out: string[];
let err: string[];
const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ut-cli-'));
  out = [];
  err = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const p = (name: string) => join(dir, name);
const writeJson = (name: string, value: unknown) => writeFileSync(p(name), JSON.stringify(value, null, 2));

describe('cli', () => {
  it('init, import, export: the exported file equals the imported dataset', async () => {
    writeJson('in.json', miniDataset());
    expect(await runCli(['init', '--db', p('r.sqlite')], io)).toBe(0);
    expect(await runCli(['import', '--db', p('r.sqlite'), '--dataset', p('in.json')], io)).toBe(0);
    expect(out.join('\n')).toContain('3 kandidaten');
    expect(await runCli(['export', '--db', p('r.sqlite'), '--out', p('out.json')], io)).toBe(0);
    expect(JSON.parse(readFileSync(p('out.json'), 'utf8'))).toEqual(miniDataset());
  });

  it('refuses a malformed dataset with file, record and field, and writes nothing', async () => {
    await runCli(['init', '--db', p('r.sqlite')], io);
    const before = readFileSync(p('r.sqlite'));
    const bad = miniDataset() as unknown as { units: { rent: number }[] };
    bad.units[1]!.rent = -1;
    writeJson('bad.json', bad);
    expect(await runCli(['import', '--db', p('r.sqlite'), '--dataset', p('bad.json')], io)).toBe(1);
    expect(err.join('\n')).toContain('bad.json: units[1] (W-2).rent: mag niet negatief zijn');
    expect(err.join('\n')).toContain('er is niets opgeslagen');
    expect(readFileSync(p('r.sqlite')).equals(before)).toBe(true);
    const db = new BetterSqlite3(p('r.sqlite'), { readonly: true });
    expect(db.prepare('select count(*) as n from audit_log').get()).toEqual({ n: 0 });
    db.close();
  });

  it('names line and column of broken JSON', async () => {
    await runCli(['init', '--db', p('r.sqlite')], io);
    writeFileSync(p('broken.json'), '{\n  "format": "uitstroomtafel-dataset",\n  oops\n}');
    expect(await runCli(['import', '--db', p('r.sqlite'), '--dataset', p('broken.json')], io)).toBe(1);
    expect(err.join('\n')).toMatch(/broken\.json: regel 3, kolom 3: geen geldige JSON/);
  });

  it('will not replace a region without --replace, nor import into a missing database', async () => {
    writeJson('in.json', miniDataset());
    await runCli(['init', '--db', p('r.sqlite')], io);
    await runCli(['import', '--db', p('r.sqlite'), '--dataset', p('in.json')], io);
    expect(await runCli(['import', '--db', p('r.sqlite'), '--dataset', p('in.json')], io)).toBe(1);
    expect(err.join('\n')).toContain("bevat al de regio 'Testregio'");
    expect(await runCli(['import', '--db', p('r.sqlite'), '--dataset', p('in.json'), '--replace'], io)).toBe(0);
    expect(await runCli(['import', '--db', p('missing.sqlite'), '--dataset', p('in.json')], io)).toBe(1);
    expect(existsSync(p('missing.sqlite'))).toBe(false);
    expect(await runCli(['init', '--db', p('r.sqlite')], io)).toBe(1);
    expect(err.join('\n')).toContain('bestaat al');
  });

  it('refuses a database from the future, leaving it untouched', async () => {
    await runCli(['init', '--db', p('f.sqlite')], io);
    const raw = new BetterSqlite3(p('f.sqlite'));
    raw.pragma('journal_mode = DELETE');
    raw.pragma('user_version = 99');
    raw.close();
    const before = readFileSync(p('f.sqlite'));
    const mtime = statSync(p('f.sqlite')).mtimeMs;
    expect(await runCli(['export', '--db', p('f.sqlite'), '--out', p('x.json')], io)).toBe(1);
    expect(err.join('\n')).toContain('nieuwere versie van de app');
    expect(readFileSync(p('f.sqlite')).equals(before)).toBe(true);
    expect(statSync(p('f.sqlite')).mtimeMs).toBe(mtime);
    expect(existsSync(p('x.json'))).toBe(false);
  });

  it('usage errors exit 2 and say what is missing', async () => {
    expect(await runCli(['import', '--db', p('r.sqlite')], io)).toBe(2);
    expect(err.join('\n')).toContain('--dataset ontbreekt');
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(await runCli(['export', '--bogus'], io)).toBe(2);
    expect(await runCli(['--help'], io)).toBe(0);
    expect(out.join('\n')).toContain('Gebruik: npm run cli -- <opdracht>');
  });

  it('runs as a real process through npm run cli with exit codes', () => {
    const help = execFileSync('npm', ['run', '--silent', 'cli', '--', '--help'], { encoding: 'utf8' });
    expect(help).toContain('init   --db BESTAND');
    const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'export', '--db', p('none.sqlite'), '--out', p('o.json')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bestaat niet');
  });
});

// The command-line tool: init, import, export, help, and refusals that write nothing.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/backend/cli/cli';
import { AS_CHAIR, openRaw, useTestPassphrase } from './cli-login';
import { miniDataset } from '../fixtures/mini-dataset';
import { Proposal } from '../../shared/engine/round.schema';

// The CLI logs in as --user voorzitter with the passphrase from the environment (this process and its children).
useTestPassphrase();

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
    expect(await runCli(['init', ...AS_CHAIR, '--db', p('r.sqlite')], io)).toBe(0);
    expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--dataset', p('in.json')], io)).toBe(0);
    expect(out.join('\n')).toContain('3 kandidaten');
    expect(await runCli(['export', ...AS_CHAIR, '--db', p('r.sqlite'), '--out', p('out.json')], io)).toBe(0);
    // The register as imported; the export (format v2) adds the history, which holds this database's own log.
    const { history: _history, version: _v, ...exported } = JSON.parse(readFileSync(p('out.json'), 'utf8')) as Record<string, unknown>;
    const { version: _v1, ...imported } = miniDataset() as unknown as Record<string, unknown>;
    expect(exported).toEqual(imported);
  });

  it('refuses a malformed dataset with file, record and field, and writes nothing', async () => {
    await runCli(['init', ...AS_CHAIR, '--db', p('r.sqlite')], io);
    const before = readFileSync(p('r.sqlite'));
    const bad = miniDataset() as unknown as { units: { rent: number }[] };
    bad.units[1]!.rent = -1;
    writeJson('bad.json', bad);
    expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--dataset', p('bad.json')], io)).toBe(1);
    expect(err.join('\n')).toContain('bad.json: units[1] (W-2).rent: mag niet negatief zijn');
    expect(err.join('\n')).toContain('er is niets opgeslagen');
    expect(readFileSync(p('r.sqlite')).equals(before)).toBe(true);
    const db = await openRaw(p('r.sqlite'), { readonly: true });
    expect(db.prepare("select count(*) as n from audit_log where action not in ('setup', 'login')").get()).toEqual({ n: 0 });
    db.close();
  });

  it('names line and column of broken JSON', async () => {
    await runCli(['init', ...AS_CHAIR, '--db', p('r.sqlite')], io);
    writeFileSync(p('broken.json'), '{\n  "format": "uitstroomtafel-dataset",\n  oops\n}');
    expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--dataset', p('broken.json')], io)).toBe(1);
    expect(err.join('\n')).toMatch(/broken\.json: regel 3, kolom 3: geen geldige JSON/);
  });

  it('will not replace a region without --replace, nor import into a missing database', async () => {
    writeJson('in.json', miniDataset());
    await runCli(['init', ...AS_CHAIR, '--db', p('r.sqlite')], io);
    await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--dataset', p('in.json')], io);
    expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--dataset', p('in.json')], io)).toBe(1);
    expect(err.join('\n')).toContain("bevat al de regio 'Testregio'");
    expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--dataset', p('in.json'), '--replace'], io)).toBe(0);
    expect(await runCli(['import', ...AS_CHAIR, '--db', p('missing.sqlite'), '--dataset', p('in.json')], io)).toBe(1);
    expect(existsSync(p('missing.sqlite'))).toBe(false);
    expect(await runCli(['init', ...AS_CHAIR, '--db', p('r.sqlite')], io)).toBe(1);
    expect(err.join('\n')).toContain('bestaat al');
  });

  it('refuses a database from the future, leaving it untouched', async () => {
    await runCli(['init', ...AS_CHAIR, '--db', p('f.sqlite')], io);
    const raw = await openRaw(p('f.sqlite'));
    raw.pragma('journal_mode = DELETE');
    raw.pragma('user_version = 99');
    raw.close();
    const before = readFileSync(p('f.sqlite'));
    const mtime = statSync(p('f.sqlite')).mtimeMs;
    expect(await runCli(['export', ...AS_CHAIR, '--db', p('f.sqlite'), '--out', p('x.json')], io)).toBe(1);
    expect(err.join('\n')).toContain('nieuwere versie van de app');
    expect(readFileSync(p('f.sqlite')).equals(before)).toBe(true);
    expect(statSync(p('f.sqlite')).mtimeMs).toBe(mtime);
    expect(existsSync(p('x.json'))).toBe(false);
  });

  it('usage errors exit 2 and say what is missing', async () => {
    expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite')], io)).toBe(2);
    expect(err.join('\n')).toContain('--dataset ontbreekt');
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(await runCli(['export', ...AS_CHAIR, '--bogus'], io)).toBe(2);
    expect(await runCli(['--help'], io)).toBe(0);
    expect(out.join('\n')).toContain('Gebruik: npm run cli -- <opdracht>');
  });

  // Two real processes (npm, tsx): on a busy machine each can take half a minute to start.
  it('runs as a real process through npm run cli with exit codes', async () => {
    const help = await npmCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('init   --db BESTAND');
    const r = await npmCli(['export', ...AS_CHAIR, '--db', p('none.sqlite'), '--out', p('o.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bestaat niet');
  }, 240_000);
});

/** `npm run --silent cli -- ARGS` as a child process, without blocking this one while it runs. */
function npmCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('npm', ['run', '--silent', 'cli', '--', ...args], { encoding: 'utf8' }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

describe('cli propose', () => {
  const DEMO = join(__dirname, '..', '..', 'resources', 'demo', 'flevoland.json');

  it('writes a documented proposal and the LP model for the demo region', async () => {
    expect(await runCli(['propose', '--dataset', DEMO, '--out', p('prop.json'), '--export-lp', p('model.lp')], io)).toBe(0);
    const proposal = Proposal.parse(JSON.parse(readFileSync(p('prop.json'), 'utf8')));
    expect(proposal.strategy).toBe('optimal');
    expect(proposal.optimality.status).toBe('proven');
    expect(proposal.matches.length).toBeGreaterThan(10);
    expect(proposal.matches[0]).toHaveProperty('terms');
    expect(out.join('\n')).toContain('bewezen optimaal');
    const lp = readFileSync(p('model.lp'), 'utf8');
    expect(lp).toMatch(/^\\ Uitstroomtafel/);
    expect(lp).toContain('Maximize');
    expect(lp).toContain('Binary');
    expect(lp.trimEnd().endsWith('End')).toBe(true);
  });

  it('runs greedy on request and keeps the chair controls from a file', async () => {
    writeJson('controls.json', {
      locks: [{ clientId: 'K-0002', unitId: 'W-001', reason: 'afgesproken' }],
      forbids: [],
      setAsideClients: [{ clientId: 'K-0001', reason: 'wacht op gesprek' }],
      setAsideUnits: [],
    });
    expect(await runCli(['propose', '--dataset', DEMO, '--out', p('g.json'), '--strategy', 'greedy', '--controls', p('controls.json')], io)).toBe(0);
    const proposal = Proposal.parse(JSON.parse(readFileSync(p('g.json'), 'utf8')));
    expect(proposal.optimality.status).toBe('heuristic');
    expect(proposal.matches.some((m) => m.clientId === 'K-0001')).toBe(false);
    expect(proposal.unplaced.find((u) => u.clientId === 'K-0001')?.kind).toBe('set-aside');
  });

  it('refuses bad options and bad control files with where and what, writing nothing', async () => {
    expect(await runCli(['propose', '--dataset', DEMO, '--out', p('x.json'), '--strategy', 'fastest'], io)).toBe(2);
    expect(err.join('\n')).toContain('--strategy');
    writeJson('bad-controls.json', { locks: [{ clientId: 'K-0002', unitId: 'W-001' }], forbids: [], setAsideClients: [], setAsideUnits: [] });
    expect(await runCli(['propose', '--dataset', DEMO, '--out', p('x.json'), '--controls', p('bad-controls.json')], io)).toBe(2);
    expect(err.join('\n')).toContain(`${p('bad-controls.json')}: locks.0.reason`);
    expect(existsSync(p('x.json'))).toBe(false);
  });
});

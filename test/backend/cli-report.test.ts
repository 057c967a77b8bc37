// `report` from the command line on an encrypted demo database, as real CLI processes (and runCli in
// this process for the many variations): every report type in every format to a real file (audited), bad
// arguments refused in Dutch with nothing written, a provider worker refused another provider's report.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostGate } from '../../electron/backend/auth/gate';
import { runCli } from '../../electron/backend/cli/cli';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import { AS_CHAIR, type CliRun, TEST_PASSPHRASE, TEST_USER, WITHOUT_LOGINS, cliProcess, openRaw, useTestPassphrase } from './cli-login';

// The CLI logs in with the passphrase from the environment (this process and the processes it starts).
useTestPassphrase();

const WORKER = 'werker-dijkzicht';
let dir: string;
let db: string;
let roundId: number;
const p = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ut-cli-report-'));
  db = p('regio.sqlite');
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  expect(await runCli(['init', ...AS_CHAIR, '--db', db, '--demo'], io), lines.join('\n')).toBe(0);
  // A round with a proposal, and a provider worker, made through the gate as the chair.
  const gate = createHostGate({ file: db, host: 'test', demoFile: demoDatasetPath(sourceRoot()) });
  try {
    const login = await gate.call(null, 'auth.login', { name: TEST_USER, passphrase: TEST_PASSPHRASE });
    const session = login.session && 'set' in login.session ? login.session.set : null;
    const value = async <T>(method: string, input: unknown): Promise<T> => {
      const r = (await gate.call(session, method, input)).result;
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as T;
    };
    roundId = (await value<{ id: number }>('rounds.create', { date: '2026-12-04', windowFrom: '2026-12-01', windowTo: '2027-01-31' })).id;
    await value('rounds.propose', { roundId });
    await value('users.create', { name: WORKER, displayName: 'Werker Dijkzicht', role: 'provider', careProviderId: 'prov-dijkzicht', corporationId: null, passphrase: TEST_PASSPHRASE });
  } finally {
    gate.endAll();
    await gate.vault.close();
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Run = CliRun;
/** The CLI as its own process. */
const cli = cliProcess;

/** The same command in this process (runCli, the code the process runs), for the many variations. */
async function inProcess(args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Runs the CLI calls two at a time (the machine is shared), results in order. */
async function cliAll(calls: string[][]): Promise<Run[]> {
  const results: Run[] = new Array(calls.length);
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const i = next++;
      results[i] = await cli(calls[i]!);
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

const exportsInAudit = async () => {
  const raw = await openRaw(db, { readonly: true });
  try {
    return raw.prepare(`select actor, entity_id as report, detail from (${WITHOUT_LOGINS}) where action = 'export' and entity = 'report'`).all() as {
      actor: string;
      report: string;
      detail: string;
    }[];
  } finally {
    raw.close();
  }
};

/** What a written file is, by its first bytes. */
function kindOf(file: string): string {
  const head = readFileSync(file).subarray(0, 4);
  if (head.toString('latin1') === '%PDF') return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'csv';
  return 'onbekend';
}

const ARGS: Record<string, string[]> = {
  provider: ['report', 'provider', '--provider', 'prov-dijkzicht', '--from', '01-01-2026', '--to', '2026-12-31'],
  corporation: ['report', 'corporation', '--corporation', 'corp-polderhuis'],
  agenda: ['report', 'agenda', '--round', '1'],
  minutes: ['report', 'minutes', '--round', '1'],
  monitor: ['report', 'monitor', '--municipality', 'GM0034', '--municipality', 'GM0995', '--group', 'BW', '--from', '01-01-2025', '--to', '31-12-2026'],
};

describe('cli report', () => {
  it('writes every report type in every format, through the dispatcher as the logged-in user, audited', async () => {
    expect(roundId).toBe(1);
    const before = (await exportsInAudit()).length;
    const jobs: { kind: string; format: string; out: string; args: string[] }[] = [];
    for (const [kind, args] of Object.entries(ARGS)) {
      for (const format of ['pdf', 'xlsx', 'csv']) {
        const out = p(`${kind}.${format}`);
        jobs.push({ kind, format, out, args: [...args, '--db', db, ...AS_CHAIR, '--out', out] });
      }
    }
    // The format from --format when the name has no extension.
    jobs.push({ kind: 'agenda', format: 'csv', out: p('agenda-zonder-extensie'), args: [...ARGS.agenda!, '--db', db, ...AS_CHAIR, '--out', p('agenda-zonder-extensie'), '--format', 'csv'] });
    // One format per report type through a real process (pdf, xlsx, csv in turn); the other formats in this process.
    const real = jobs.filter((_, i) => i < 15 && i % 3 === Math.floor(i / 3) % 3);
    expect(real.map((j) => `${j.kind}.${j.format}`)).toEqual(['provider.pdf', 'corporation.xlsx', 'agenda.csv', 'minutes.pdf', 'monitor.xlsx']);
    const realRuns = await cliAll(real.map((j) => j.args));
    const runs: Run[] = [];
    for (const j of jobs) runs.push(real.includes(j) ? realRuns[real.indexOf(j)]! : await inProcess(j.args));
    runs.forEach((r, i) => {
      const job = jobs[i]!;
      expect(r.code, `${job.kind} ${job.format}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(`Rapportage geschreven naar ${job.out} (${job.format.toUpperCase()}, `);
      expect(kindOf(job.out)).toBe(job.format);
      expect(statSync(job.out).mode & 0o777).toBe(0o600);
    });

    // The contents are the reports asked for, with their periods and filters.
    const csv = (name: string) => readFileSync(p(name), 'utf8');
    expect(csv('provider.csv')).toContain('Periode van;01-01-2026\r\nPeriode tot en met;31-12-2026');
    expect(csv('monitor.csv')).toContain('Periode van;01-01-2025');
    expect(csv('monitor.csv')).toMatch(/Filter;[^\r]*Almere/);
    expect(csv('agenda.csv').split('\r\n')[0]).toMatch(/agenda/i);
    const madeAt = (t: string) => t.replace(/^Gemaakt op;.*$/m, '');
    expect(madeAt(csv('agenda-zonder-extensie'))).toBe(madeAt(csv('agenda.csv')));
    expect(csv('minutes.csv').split('\r\n')[0]).toMatch(/verslag/i);
    expect(csv('corporation.csv')).toContain('Polderhuis');
    const text = execFileSync('pdftotext', [p('provider.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('1 januari 2026 t/m 31 december 2026');
    expect(text).toMatch(/Pagina 1 van \d+/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(p('monitor.xlsx')) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.name).toBe('Overzicht');
    expect(wb.worksheets.length).toBeGreaterThan(1);

    // Every export is in the audit log: who, which report, which format.
    const audited = (await exportsInAudit()).slice(before);
    expect(audited).toHaveLength(jobs.length);
    expect(new Set(audited.map((a) => a.actor))).toEqual(new Set([TEST_USER]));
    expect(audited.map((a) => a.report).sort()).toEqual(jobs.map((j) => j.kind).sort());
    expect(leftovers()).toEqual([]);
  }, 300_000);

  it('refuses bad arguments with a clear Dutch message, exit code not 0, and writes nothing', async () => {
    const before = (await exportsInAudit()).length;
    const base = ['--db', db, ...AS_CHAIR];
    const cases: [string[], RegExp][] = [
      [['report', 'agenda', '--round', '1', ...base, '--out', p('x.csv'), '--format', 'pdf'], /--format pdf past niet bij --out x\.csv \(\.csv\); kies één formaat\./],
      [['report', 'agenda', '--round', '1', ...base, '--out', p('x.txt')], /--out x\.txt: onbekende extensie \.txt; kies een bestandsnaam op \.pdf, \.xlsx of \.csv\./],
      [['report', 'agenda', '--round', '1', ...base, '--out', p('x.pdf'), '--format', 'docx'], /--format docx: kies pdf, xlsx of csv\./],
      [['report', 'agenda', '--round', '1', ...base, '--out', p('zonder')], /--out zonder heeft geen extensie: geef --format pdf, xlsx of csv/],
      [['report', 'provider', '--provider', 'prov-dijkzicht', '--from', '31-02-2026', ...base, '--out', p('x.pdf')], /--from 31-02-2026: deze datum bestaat niet\./],
      [['report', 'provider', '--provider', 'prov-dijkzicht', '--to', '2026/12/31', ...base, '--out', p('x.pdf')], /--to 2026\/12\/31: verwacht een datum als dd-mm-jjjj of jjjj-mm-dd\./],
      [['report', 'corporation', '--corporation', 'corp-polderhuis', '--from', '01-06-2026', '--to', '01-01-2026', ...base, '--out', p('x.pdf')], /--from 01-06-2026 ligt na --to 01-01-2026\./],
      [['report', 'minutes', '--round', 'drie', ...base, '--out', p('x.pdf')], /--round drie: verwacht een rondenummer/],
      [['report', 'provider', ...base, '--out', p('x.pdf')], /--provider ontbreekt\./],
      [['report', 'monitor', '--group', 'XX', ...base, '--out', p('x.pdf')], /--group XX: onbekende doelgroep; kies BW \(Beschermd wonen\)/],
      [['report', 'weekstaat', ...base, '--out', p('x.pdf')], /Onbekende rapportage 'report weekstaat'; kies provider, corporation, agenda, minutes, monitor\./],
      [['report', 'agenda', '--round', '99', ...base, '--out', p('x.pdf')], /ronde|Ronde/],
      // The open database itself is never an output.
      [['report', 'agenda', '--round', '1', ...base, '--out', db, '--format', 'pdf'], /onbekende extensie \.sqlite/],
    ];
    const files = outputs();
    // Two through a real process (usage errors exit 2), all of them in this process.
    const realRuns = await cliAll([cases[0]![0], cases[4]![0]]);
    expect(realRuns.map((r) => r.code)).toEqual([2, 2]);
    realRuns.forEach((r, i) => expect(r.stderr).toMatch(cases[i * 4]![1]));
    const runs: Run[] = [];
    for (const [args] of cases) runs.push(await inProcess(args));
    runs.forEach((r, i) => {
      expect(r.code, cases[i]![0].join(' ')).not.toBe(0);
      expect(r.stderr).toMatch(cases[i]![1]);
    });
    expect(outputs()).toEqual(files);
    expect((await exportsInAudit()).length).toBe(before);
  }, 300_000);

  it("refuses a provider worker another provider's report, and writes their own", async () => {
    const asWorker = ['--db', db, '--user', WORKER];
    const [other, own] = await cliAll([
      ['report', 'provider', '--provider', 'prov-windkering', ...asWorker, '--out', p('ander.pdf')],
      ['report', 'provider', '--provider', 'prov-dijkzicht', ...asWorker, '--out', p('eigen.csv')],
    ]);
    expect(other!.code).toBe(1);
    expect(other!.stderr).toContain('U kunt alleen de matchrapportage van uw eigen zorgaanbieder');
    expect(existsSync(p('ander.pdf'))).toBe(false);
    expect(own!.code, own!.stderr).toBe(0);
    expect(kindOf(p('eigen.csv'))).toBe('csv');
    const audited = await exportsInAudit();
    expect(audited.filter((a) => a.actor === WORKER).map((a) => a.report)).toEqual(['provider']);
  }, 120_000);
});

const leftovers = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
/** The files in the folder but SQLite's own -wal and -shm, which come and go with the connections. */
const outputs = () => readdirSync(dir).filter((f) => !/-(wal|shm)$/.test(f)).sort();

// Crash safety of backups and restores: a real process backs up and restores one encrypted database in a
// loop and is killed with SIGKILL at random moments. Afterwards the database and every backup pass
// PRAGMA integrity_check, the database holds exactly state A or state B, anything else left is a
// temporary file under its temporary name, and the next run cleans those. Real SQLite, real processes.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAndKill } from './kill-child';
import { createBackend } from '../../electron/backend/backend';
import { backupFolder, backupTo, listBackups, openRaw } from '../../electron/backend/backup/backup';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { FIXED_NOW, call, importDataset, roundWithBusiestCorporation } from './helpers';

// tsx as a loader inside one node process: its CLI would run the script in a second process, which a
// SIGKILL of the first would leave running.
const demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;
const KEY = randomBytes(32);
const TEMP = /^\..+\.\d+\.[0-9a-f]{6}\.tmp(-journal)?$/;

let dir: string;
let states: string;
let stateA: string;
let stateB: string;
let countsA: Record<string, number>;
let countsB: Record<string, number>;

function counts(file: string): Record<string, number> {
  const sqlite = openRaw(file, KEY);
  try {
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, (sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n]));
  } finally {
    sqlite.close();
  }
}

function integrity(file: string): string {
  const sqlite = openRaw(file, KEY);
  try {
    return String(sqlite.pragma('integrity_check', { simple: true }));
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ut-backup-crash-'));
  states = join(dir, 'states');
  mkdirSync(states);
  stateA = join(states, 'state-a.sqlite');
  stateB = join(states, 'state-b.sqlite');
  const template = join(dir, 'template.sqlite');
  const b = await createBackend(template, { host: 'test', now: () => FIXED_NOW, key: KEY });
  await importDataset(b, demo);
  await backupTo(b.database.db, stateA);
  await roundWithBusiestCorporation(b, demo);
  await call(b, 'rounds.create', { date: '2026-12-04', windowFrom: '2026-12-04', windowTo: '2027-02-28' });
  await backupTo(b.database.db, stateB);
  await b.close();
  countsA = counts(stateA);
  countsB = counts(stateB);
  expect(countsB.rounds).toBe(countsA.rounds! + 2);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runChild(file: string, startDays: number, killAfterReadyMs: number): Promise<void> {
  const run = await runAndKill({
    script: 'test/backend/fixtures/backup-child.ts',
    args: [file, stateA, stateB, String(startDays)],
    env: { UT_KEY_HEX: KEY.toString('hex') },
    marker: 'READY',
    killAfterMs: killAfterReadyMs,
  });
  if (!run.killed || !run.output.includes('READY')) throw new Error(`child ended by itself (${run.exitCode}):\n${run.output}`);
}

describe('backups and restores survive kill -9 at any moment', () => {
  it('leaves a whole database in state A or B, whole backups, and only temporary files that the next run cleans', async () => {
    const file = join(dir, 'db', 'uitstroomtafel.sqlite');
    mkdirSync(join(dir, 'db'));
    copyFileSync(stateA, file);
    const seen = { a: 0, b: 0, temps: 0 };
    let leftover: string[] = [];
    for (let run = 0; run < 10; run++) {
      await runChild(file, run * 1000, 50 + Math.floor(Math.random() * 1450));
      // What the previous kill left under a temporary name is gone: the run cleaned it.
      for (const path of leftover) expect(existsSync(path), path).toBe(false);

      expect(integrity(file)).toBe('ok');
      const now = counts(file);
      if (JSON.stringify(now) === JSON.stringify(countsA)) seen.a++;
      else {
        expect(now).toEqual(countsB);
        seen.b++;
      }
      const backups = listBackups(file);
      expect(backups.length).toBeGreaterThan(0);
      for (const row of backups) expect(integrity(join(backupFolder(file), row.fileName)), row.fileName).toBe('ok');

      const named = new Set(backups.map((r) => r.fileName));
      leftover = [];
      for (const name of readdirSync(backupFolder(file))) {
        if (named.has(name)) continue;
        expect(name).toMatch(TEMP);
        leftover.push(join(backupFolder(file), name));
      }
      for (const name of readdirSync(join(dir, 'db'))) {
        // The database's own side files are SQLite's (a -journal can remain from a kill while the restored
        // file switched to WAL; SQLite rolls it back or ignores it): only our temporary files must go.
        if (['uitstroomtafel.sqlite', 'uitstroomtafel.sqlite-wal', 'uitstroomtafel.sqlite-shm', 'uitstroomtafel.sqlite-journal', 'backups'].includes(name)) continue;
        expect(name).toMatch(TEMP);
        leftover.push(join(dir, 'db', name));
      }
      seen.temps += leftover.length;
    }
    console.log(`[backup-crash] after 10 kills: state A ${seen.a}×, state B ${seen.b}×, temporary files left ${seen.temps}`);
    // The states themselves were never touched.
    expect(counts(stateA)).toEqual(countsA);
    expect(counts(stateB)).toEqual(countsB);
  }, 600_000);
});

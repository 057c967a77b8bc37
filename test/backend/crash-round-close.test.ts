// Crash safety of closing a round: a real process closes a round with many placements and is killed
// with SIGKILL at random moments. Afterwards the (encrypted) database passes PRAGMA integrity_check and
// the round is either still open with nothing of its close written, or closed with every placement,
// client and unit status and audit entry of it — never half. Real SQLite, real processes. In the
// 'postgres' project the same on a PostgreSQL database: the killed process's connection drops, and the
// server must keep all of the close or none of it.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAndKill } from './kill-child';
import { createBackend } from '../../electron/backend/backend';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import { verifyAudit } from '../../electron/backend/repos/audit.repo';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { call, decide, importDataset, FIXED_NOW } from './helpers';
import { randomBytes } from 'node:crypto';
import { copyPostgresDatabase, onPostgres, orPostgres } from '../pg/database';
import { isPg, row } from '../pg/sql';

const demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;
const KEY = randomBytes(32);

let dir: string;
let template: string;
let roundId: number;
let matches: { clientId: string; unitId: string }[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ut-crash-close-'));
  template = await orPostgres(join(dir, 'template.sqlite'));
  const b = await createBackend(template, { host: 'test', now: () => FIXED_NOW, key: KEY });
  await importDataset(b, demo);
  roundId = (await call(b, 'rounds.create', { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31' })).id;
  const { proposal, version } = await call(b, 'rounds.propose', { roundId });
  matches = proposal.matches.map((m) => ({ clientId: m.clientId, unitId: m.unitId }));
  for (const m of matches) await decide(b, { roundId, version, ...m, decision: 'accepted', clientAnswer: 'accepted' });
  // The tester lets go of the round (round lock): another chair, the child process, closes it.
  await call(b, 'rounds.release', { roundId });
  // One file, no WAL beside it: each run starts from a byte-identical copy.
  if (!isPg(b)) b.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await b.close();
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runChild(file: string, killAfterReadyMs: number): Promise<'killed' | 'done'> {
  const run = await runAndKill({
    script: 'test/backend/fixtures/close-child.ts',
    args: [file, String(roundId)],
    env: { UT_KEY_HEX: KEY.toString('hex') },
    marker: 'READY',
    killAfterMs: killAfterReadyMs,
  });
  if (run.output.includes('DONE')) return 'done';
  if (run.killed) return 'killed';
  throw new Error(`child ended without closing the round:\n${run.output}`);
}

describe('closing a round survives kill -9 at any moment', () => {
  it('leaves the round open and untouched, or closed with all its placements', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      let file = join(dir, `run-${i}.sqlite`);
      if (onPostgres()) file = await copyPostgresDatabase(template);
      else copyFileSync(template, file);
      // Spread over the close: right after the database opened, and up to well past the end (a close
      // takes some 100-150 ms on SQLite here, 250-450 ms on PostgreSQL over its connection).
      const delay = Math.floor(Math.random() * (onPostgres() ? 1200 : 400));
      const how = await runChild(file, delay);
      const b = await createBackend(file, { host: 'test', mustExist: true, now: () => FIXED_NOW, key: KEY });
      try {
        // The file's own check; PostgreSQL's files are the server's.
        if (!isPg(b)) expect(b.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        expect((await verifyAudit(b.database.db)).intact).toBe(true);
        const round = (await row<{ status: string; closed_by: string | null }>(b, 'select status, closed_by from rounds where id = ?', roundId))!;
        const placements = (await row<{ n: number }>(b, 'select count(*) as n from placements where round_id = ?', roundId))!.n;
        const ids = matches.map((m) => m.clientId);
        const placed = (await row<{ n: number }>(b, `select count(*) as n from clients where status = 'placed' and id in (${ids.map(() => '?').join(',')})`, ...ids))!.n;
        const closeAudits = (await row<{ n: number }>(b, "select count(*) as n from audit_log where action = 'close' and entity = 'round'"))!.n;
        if (round.status === 'closed') {
          expect({ placements, placed, closeAudits, by: round.closed_by }).toEqual({ placements: matches.length, placed: matches.length, closeAudits: 1, by: 'sluiter' });
          outcomes.push(`${how}:closed`);
        } else {
          expect(how).toBe('killed');
          expect({ placements, placed, closeAudits }).toEqual({ placements: 0, placed: 0, closeAudits: 0 });
          outcomes.push('killed:open');
        }
      } finally {
        await b.close();
      }
    }
    console.log(`[crash-round-close] ${matches.length} placements per close; outcomes: ${outcomes.join(', ')}`);
    expect(matches.length).toBeGreaterThan(5);
  }, 600_000);
});

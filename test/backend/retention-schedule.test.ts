// The app applies the retention rules by itself: after each daily backup the hosts' schedule runs them
// as 'systeem', so a backup from just before always exists. Real SQLite file, real backups, the demo region.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '../../electron/backend/backup/backup';
import { SYSTEM_ACTOR, startHostBackups } from '../../electron/backend/backup/scheduler';
import { type Backend, createBackend } from '../../electron/backend/backend';
import { call, importDataset } from './helpers';
import { demo } from './privacy-fixture';

let dir: string;
let b: Backend;

afterEach(async () => {
  await b?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function waitFor(what: string, check: () => boolean): Promise<void> {
  const until = Date.now() + 60_000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`waited 60 s for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('retention runs daily by itself', () => {
  it('after the daily backup, deletes the withdrawn clients whose period has passed, audited as the app', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ut-retention-schedule-'));
    const file = join(dir, 'uitstroomtafel.sqlite');
    // Three years after the import: the demo's archived clients are past the default two years.
    let clock = new Date('2026-11-27T10:00:00Z');
    b = await createBackend(file, { host: 'test', now: () => clock });
    await importDataset(b, demo);
    const archived = demo.clients.filter((c) => c.status === 'archived').map((c) => c.id);
    expect(archived.length).toBeGreaterThan(0);
    clock = new Date('2029-11-28T10:00:00Z');

    const schedule = startHostBackups({ file, open: b });
    await waitFor('the daily backup and the retention run', () => {
      const row = b.database.sqlite.prepare("select count(*) as n from audit_log where action = 'retention'").get() as { n: number };
      return row.n > 0;
    });
    await schedule.idle();
    await schedule.onClose();

    expect(listBackups(file).map((r) => r.reason)).toContain('daily');
    const entry = b.database.sqlite.prepare("select actor from audit_log where action = 'retention' order by id desc limit 1").get() as { actor: string };
    expect(entry.actor).toBe(SYSTEM_ACTOR);
    const left = await call(b, 'clients.list', { statuses: ['archived'], limit: 10000 });
    for (const id of archived) expect(left.rows.map((r) => r.id)).not.toContain(id);
  }, 120_000);
});

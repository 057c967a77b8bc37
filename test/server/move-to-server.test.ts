// Moving a region from a laptop to the regional server (issue 15, item 2): `export` of the full-history
// dataset from the laptop's SQLite database, `server init`, then `import` into the server's PostgreSQL
// database with the CLI (--db postgres://…, logging in with the server's passphrase). The register and
// the whole history arrive unchanged; the laptop's audit log is carried and the server's continues it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/backend';
import { PASSPHRASE_ENV, runCli } from '../../electron/backend/cli/cli';
import { verifyAudit } from '../../electron/backend/repos/audit.repo';
import { initServer, openServerBackend } from '../../electron/backend/server/server';
import { Clock, IMPORT_DAY, buildHistory } from '../backend/fixtures/history';
import { call } from '../backend/helpers';
import { emptyPostgresDatabase } from '../pg/database';

const CHAIR = { name: 'anna', displayName: 'Anna de Voorzitter', passphrase: 'een lange zin voor anna' };
let dir: string;
const lines: string[] = [];
const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ut-move-'));
  process.env[PASSPHRASE_ENV] = CHAIR.passphrase;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('from the laptop to the server', () => {
  it('export on the laptop, init and import on the server: register and history arrive unchanged, the audit chain continues', async () => {
    // The laptop: an embedded SQLite database with two years of rounds, decisions and follow-up.
    const clock = new Clock(new Date(`${IMPORT_DAY}T09:00:00Z`));
    const laptop = await createBackend(':memory:', { host: 'test', now: clock.now });
    const facts = await buildHistory(laptop, clock);
    expect(facts.closedRounds.length).toBeGreaterThan(3);
    const exported = await call(laptop, 'dataset.export', {});
    await laptop.close();
    const file = join(dir, 'regio.json');
    writeFileSync(file, JSON.stringify(exported));

    // The server: a new PostgreSQL database, initialised, then the region imported by the chair.
    const url = await emptyPostgresDatabase();
    await initServer(url, CHAIR);
    expect(await runCli(['import', '--db', url, '--user', 'anna', '--dataset', file], io), lines.join('\n')).toBe(0);
    expect(lines.at(-1)).toMatch(/^Geïmporteerd uit .*regio\.json: /);
    const back = join(dir, 'terug.json');
    expect(await runCli(['export', '--db', url, '--user', 'anna', '--out', back], io), lines.join('\n')).toBe(0);
    const server = JSON.parse(readFileSync(back, 'utf8')) as typeof exported;

    const { history: h1, ...register1 } = exported;
    const { history: h2, ...register2 } = server;
    expect(register2).toEqual(register1);
    const { audit: a1, ...rest1 } = h1!;
    const { audit: a2, ...rest2 } = h2!;
    expect(rest2).toEqual(rest1);
    // The laptop's log arrives whole, and the server's entries (the import, the CLI's logout and the export's login) follow it in the same chain.
    expect(a2.entries.slice(0, a1.entries.length)).toEqual(a1.entries);
    expect(a2.entries.slice(a1.entries.length).map((e) => [e.actor, e.action])).toEqual([['anna', 'import'], ['anna', 'logout'], ['anna', 'login']]);
    const backend = await openServerBackend(url);
    try {
      expect(await verifyAudit(backend.database.db)).toMatchObject({ intact: true });
    } finally {
      await backend.close();
    }
  });

  it('the CLI on the server database logs in with the server passphrase, and refuses what is the administrator’s', async () => {
    const url = await emptyPostgresDatabase();
    await initServer(url, CHAIR);
    process.env[PASSPHRASE_ENV] = 'een verkeerde wachtwoordzin';
    lines.length = 0;
    expect(await runCli(['export', '--db', url, '--user', 'anna', '--out', join(dir, 'x.json')], io)).toBe(1);
    expect(lines.join('\n')).toContain('Onbekende naam of verkeerde wachtwoordzin.');
    process.env[PASSPHRASE_ENV] = CHAIR.passphrase;
    for (const args of [['backup', '--out', join(dir, 'b.sqlite')], ['restore', '--from', join(dir, 'b.sqlite')], ['init']]) {
      lines.length = 0;
      expect(await runCli([args[0]!, '--db', url, '--user', 'anna', ...args.slice(1)], io)).not.toBe(0);
      expect(lines.join('\n')).toMatch(/werkt op een SQLite-bestand.*pg_dump/);
    }
  });
});

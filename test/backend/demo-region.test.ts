// The shipped demo region loads through the real CLI and comes back out byte for byte (SQLite: the CLI
// opens encrypted files), and is seeded into a new database once (SQLite or PostgreSQL).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/backend/cli/cli';
import { AS_CHAIR, useTestPassphrase } from './cli-login';
import { createBackend, seedDemoIfEmpty } from '../../electron/backend/backend';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import { call } from './helpers';
import { onPostgres, orPostgres } from '../pg/database';

// The CLI logs in as --user voorzitter with the passphrase from the environment (this process and its children).
useTestPassphrase();

const DEMO = demoDatasetPath(sourceRoot());
let dir: string;
const io = { out: () => {}, err: (l: string) => console.error(l) };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ut-demo-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('demo region', () => {
  it.skipIf(onPostgres())('cli import then export reproduces the demo dataset (the register; the history is this database\'s own)', async () => {
    const db = join(dir, 'demo.sqlite');
    expect(await runCli(['init', ...AS_CHAIR, '--db', db], io)).toBe(0);
    expect(await runCli(['import', ...AS_CHAIR, '--db', db, '--dataset', DEMO], io)).toBe(0);
    expect(await runCli(['export', ...AS_CHAIR, '--db', db, '--out', join(dir, 'out.json')], io)).toBe(0);
    const register = (text: string) => {
      const { history: _history, version: _version, ...rest } = JSON.parse(text) as Record<string, unknown>;
      return rest;
    };
    expect(register(readFileSync(join(dir, 'out.json'), 'utf8'))).toEqual(register(readFileSync(DEMO, 'utf8')));
  });

  it('is seeded into a new database once, and not over an existing region', async () => {
    const b = await createBackend(await orPostgres(join(dir, 'seed.sqlite')), { host: 'test' });
    expect(await seedDemoIfEmpty(b, DEMO, 'test')).toBe(true);
    expect(await seedDemoIfEmpty(b, DEMO, 'test')).toBe(false);
    const info = await call(b, 'app.info', {});
    expect(info.region?.fictional).toBe(true);
    expect(info.counts.municipalities).toBe(6);
    const michelle = (await call(b, 'clients.list', { search: 'Michelle' })).rows;
    expect(michelle).toHaveLength(1);
    await b.close();
  });
});

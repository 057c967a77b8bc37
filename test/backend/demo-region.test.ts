// The shipped demo region loads through the real CLI and comes back out byte for byte.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/backend/cli/cli';
import { createBackend, seedDemoIfEmpty } from '../../electron/backend/backend';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import { call } from './helpers';

const DEMO = demoDatasetPath(sourceRoot());
let dir: string;
const io = { out: () => {}, err: (l: string) => console.error(l) };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ut-demo-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('demo region', () => {
  it('cli import then export reproduces the demo dataset file exactly', async () => {
    const db = join(dir, 'demo.sqlite');
    expect(await runCli(['init', '--db', db], io)).toBe(0);
    expect(await runCli(['import', '--db', db, '--dataset', DEMO], io)).toBe(0);
    expect(await runCli(['export', '--db', db, '--out', join(dir, 'out.json')], io)).toBe(0);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(readFileSync(DEMO, 'utf8'));
  });

  it('is seeded into a new database once, and not over an existing region', async () => {
    const b = await createBackend(join(dir, 'seed.sqlite'), { host: 'test' });
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

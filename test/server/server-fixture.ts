// What the regional server's tests share: the first chair, a PostgreSQL database initialised with
// them, a stand-in for the built interface, and the servers and backends a test opened, closed after
// each test. Node only.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll } from 'vitest';
import { initServer } from '../../electron/backend/server/server';
import { emptyPostgresDatabase } from '../pg/database';

export const CHAIR = { name: 'anna', displayName: 'Anna de Voorzitter', passphrase: 'een lange zin voor anna' };

/** Registers the hooks; `staticDir()` is an index.html-only interface, `open` what afterEach closes (last first). */
export function serverTestSetup(): { staticDir: () => string; open: Array<{ close(): Promise<void> }> } {
  let dir = '';
  const open: Array<{ close(): Promise<void> }> = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ut-static-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  });
  afterEach(async () => {
    while (open.length) await open.pop()!.close();
  });
  return { staticDir: () => dir, open };
}

/** A new PostgreSQL database with the schema and the first chair (`server init`). */
export async function initialised(): Promise<string> {
  const url = await emptyPostgresDatabase();
  await initServer(url, CHAIR);
  return url;
}

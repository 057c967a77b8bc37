// Schema migrations: recorded, upgrade keeps data, WAL and foreign keys on, a database from the
// future is refused untouched.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { openDatabase } from '../../electron/backend/db/open';
import { createBackend } from '../../electron/backend/backend';
import { miniDataset } from '../fixtures/mini-dataset';
import { call, importDataset } from './helpers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ut-mig-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations', () => {
  it('records every migration and the schema version', async () => {
    const o = await openDatabase(join(dir, 'a.sqlite'));
    const names = (o.sqlite.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(MIGRATIONS.map(([n]) => n));
    expect(o.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(o.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(o.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(o.created).toBe(true);
    await o.close();
    const again = await openDatabase(join(dir, 'a.sqlite'));
    expect(again.created).toBe(false);
    await again.close();
  });

  it('migrates N-1 to N keeping the rows (0001 -> 0002 adds indexes)', async () => {
    const file = join(dir, 'b.sqlite');
    const old = await openDatabase(file, { migrateTo: '0001_initial' });
    expect(old.sqlite.pragma('user_version', { simple: true })).toBe(1);
    old.sqlite.exec("insert into municipalities (code, name, valid_from) values ('GM0034', 'Almere', '1984-01-01')");
    old.sqlite.exec("insert into care_providers (id, name) values ('p', 'P')");
    await old.close();
    const b = await createBackend(file, { host: 'test' });
    expect(b.database.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const idx = b.database.sqlite.prepare("select name from sqlite_master where type = 'index' and name = 'clients_origin_idx'").get();
    expect(idx).toBeTruthy();
    expect(b.database.sqlite.prepare('select name from municipalities').all()).toEqual([{ name: 'Almere' }]);
    await b.close();
  });

  it('enforces foreign keys', async () => {
    const b = await createBackend(':memory:', { host: 'test' });
    expect(() => b.database.sqlite.exec("insert into neighbourhoods (code, name, municipality_code) values ('BU00000001', 'x', 'GM9999')")).toThrow(
      /FOREIGN KEY/,
    );
    await b.close();
  });

  it('refuses a database written by a newer version and leaves the file untouched', async () => {
    const file = join(dir, 'future.sqlite');
    const b = await createBackend(file, { host: 'test' });
    await importDataset(b, miniDataset());
    await b.close();
    // A newer app added a migration we do not know.
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = DELETE');
    raw.exec("insert into kysely_migration (name, timestamp) values ('0003_from_the_future', '2030-01-01T00:00:00.000Z')");
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const bytes = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    await expect(createBackend(file, { host: 'test' })).rejects.toMatchObject({
      code: 'DB_TOO_NEW',
      message: expect.stringContaining('nieuwere versie van de app'),
    });
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it('a fresh in-memory backend works end to end', async () => {
    const b = await createBackend(':memory:', { host: 'test' });
    await importDataset(b, miniDataset());
    expect((await call(b, 'units.list', {})).total).toBe(2);
    await b.close();
  });
});

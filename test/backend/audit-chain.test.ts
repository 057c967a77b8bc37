// The audit log is a hash chain: an entry edited, deleted or forged with raw SQL in a real database
// file is found by `audit verify` (and on open, and by the audit.verify query), which names the
// first row that no longer holds; an untouched log is intact. Real files, real SQLite, a real CLI.
// The chain in the database itself (raw SQL, the audit.verify query, the check on open) also on
// PostgreSQL; the CLI opens encrypted SQLite files only, so its part is SQLite's.
import { asChair } from '../../shared/auth/system-user';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/backend';
import { runCli } from '../../electron/backend/cli/cli';
import { AS_CHAIR, openWithKey, testKey, useTestPassphrase } from './cli-login';
import { MIGRATIONS } from '../../electron/backend/db/migrations';
import { openDatabase } from '../../electron/backend/db/open';
import { sql } from 'kysely';
import type { AuditCheck } from '../../shared/api/contract';
import { miniDataset } from '../fixtures/mini-dataset';
import { formatMoment } from '../../shared/domain/moments';
import { type Backend } from '../../electron/backend/backend';
import { emptyPostgresDatabase, onPostgres, orPostgres } from '../pg/database';
import { row, run } from '../pg/sql';

// The CLI logs in as --user voorzitter with the passphrase from the environment (this process and its children).
useTestPassphrase();

const ROOT = resolve(__dirname, '../..');
const ROUND = { date: '2026-12-01', windowFrom: '2026-12-01', windowTo: '2027-01-31' };

let dir: string;
let file: string;
let key: Buffer;
let out: string[];
let err: string[];
const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };

describe.skipIf(onPostgres())('audit chain, through the CLI', () => {
  /**
   * A database file with nine audit entries: the setup and its login (1, 2), the import's login and the
   * import (3, 4) and five new rounds (5–9). Every `audit verify` logs in first: one entry more.
   */
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ut-audit-'));
    file = join(dir, 'r.sqlite');
    out = [];
    err = [];
    writeFileSync(join(dir, 'in.json'), JSON.stringify(miniDataset()));
    expect(await runCli(['init', ...AS_CHAIR, '--db', file], io)).toBe(0);
    expect(await runCli(['import', ...AS_CHAIR, '--db', file, '--dataset', join(dir, 'in.json')], io)).toBe(0);
    key = await testKey(file);
    const b = await createBackend(file, { host: 'test', mustExist: true, key });
    for (let i = 0; i < 5; i++) expect((await b.dispatch('rounds.create', ROUND, asChair('tester'))).ok).toBe(true);
    await b.close();
    out = [];
    err = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function raw<T>(fn: (db: BetterSqlite3.Database) => T): T {
    const db = openWithKey(file, key);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  }
  const atOf = (id: number) => raw((db) => (db.prepare('select at from audit_log where id = ?').get(id) as { at: string }).at);
  const verify = () => runCli(['audit', 'verify', ...AS_CHAIR, '--db', file], io);

  describe('audit chain', () => {
    it('an untouched log is intact', async () => {
      expect(await verify()).toBe(0);
      expect(out).toEqual(['Logboek intact: 10 regels']);
      expect(err).toEqual([]);
    });

    it('a row edited with raw SQL is reported at that row', async () => {
      raw((db) => db.prepare("update audit_log set actor = 'iemand anders' where id = 3").run());
      expect(await verify()).toBe(1);
      expect(err.join('\n')).toContain(`Logboek gewijzigd vanaf regel 3 (id 3, ${formatMoment(atOf(3))})`);
      expect(out).toEqual([]);
    });

    it('a row edited and given a matching hash of its own is still reported at that row', async () => {
      raw((db) => {
        type Row = { id: number; at: string; actor: string; action: string; entity: string; entity_id: string | null; detail: string; prev_hash: string };
        const row = db.prepare('select * from audit_log where id = 4').get() as Row;
        const forged: Row = { ...row, detail: '{"forged":true}' };
        const hash = createHash('sha256')
          .update(`${String(row.prev_hash)}\n${JSON.stringify([forged.id, forged.at, forged.actor, forged.action, forged.entity, forged.entity_id, forged.detail])}`)
          .digest('hex');
        db.prepare('update audit_log set detail = ?, hash = ? where id = 4').run(forged.detail, hash);
      });
      expect(await verify()).toBe(1);
      expect(err.join('\n')).toContain(`Logboek gewijzigd vanaf regel 4 (id 4, ${formatMoment(atOf(4))})`);
    });

    it('a deleted row is reported where the gap is', async () => {
      raw((db) => db.prepare('delete from audit_log where id = 2').run());
      expect(await verify()).toBe(1);
      expect(err.join('\n')).toContain(`Logboek gewijzigd vanaf regel 2 (id 3, ${formatMoment(atOf(3))})`);
      expect(err.join('\n')).toContain('ontbreekt');
    });

    it('deleted rows at the end are reported, also after the app wrote new entries', async () => {
      raw((db) => db.prepare('delete from audit_log where id >= 5').run());
      expect(await verify()).toBe(1);
      expect(err.join('\n')).toContain('Logboek gewijzigd vanaf regel 5');
      expect(err.join('\n')).toContain('ontbreken');
      // The app goes on writing; the gap stays visible.
      const b = await createBackend(file, { host: 'test', mustExist: true, key });
      expect((await b.dispatch('rounds.create', ROUND, asChair('tester'))).ok).toBe(true);
      await b.close();
      err = [];
      expect(await verify()).toBe(1);
      // Ids are never reused: the first entry after the gap is the first verify's login (10).
      expect(err.join('\n')).toContain('Logboek gewijzigd vanaf regel 5 (id 10,');
    });

    it('the app still opens a database with a broken chain and reports it (on open and through audit.verify)', async () => {
      raw((db) => db.prepare("update audit_log set action = 'x' where id = 1").run());
      const b = await createBackend(file, { host: 'test', mustExist: true, key });
      try {
        expect(b.database.auditCheck).toMatchObject({ intact: false, position: 1, id: 1 });
        const r = await b.dispatch('audit.verify', {}, asChair('tester'));
        expect(r).toMatchObject({ ok: true, value: { intact: false, entries: 9, position: 1, id: 1 } });
        expect(r.ok && (r.value as AuditCheck).message).toContain('Logboek gewijzigd vanaf regel 1 (id 1,');
        // Writing goes on, chained to the entries as they are.
        expect((await b.dispatch('rounds.create', ROUND, asChair('tester'))).ok).toBe(true);
      } finally {
        await b.close();
      }
    });

    it('the migration chains entries written before it', async () => {
      const mine = MIGRATIONS.findIndex(([name]) => name === '0006_audit_chain');
      expect(mine).toBeGreaterThan(0);
      const before = MIGRATIONS[mine - 1]![0];
      const old = join(dir, 'old.sqlite');
      const o = await openDatabase(old, { migrateTo: before });
      for (let i = 1; i <= 3; i++) {
        o.sqlite
          .prepare("insert into audit_log (at, actor, action, entity, entity_id, detail) values (?, 'oud', 'update', 'client', ?, '{}')")
          .run(`2025-01-0${i}T10:00:00.000Z`, `K-${i}`);
      }
      await o.close();
      // The CLI opens only encrypted databases: init encrypts this older one (and migrates it on open).
      expect(await runCli(['init', ...AS_CHAIR, '--db', old], io)).toBe(0);
      expect(await runCli(['audit', 'verify', ...AS_CHAIR, '--db', old], io)).toBe(0);
      // The three old entries, the setup and its login, the verify's login.
      expect(out.at(-1)).toBe('Logboek intact: 6 regels');
      const tampered = openWithKey(old, await testKey(old));
      tampered.prepare("update audit_log set entity_id = 'K-9' where id = 2").run();
      tampered.close();
      expect(await runCli(['audit', 'verify', ...AS_CHAIR, '--db', old], io)).toBe(1);
      expect(err.join('\n')).toContain('Logboek gewijzigd vanaf regel 2 (id 2, 02-01-2025 11:00)');
    });

    it('runs as a real process with exit codes 0, 1 and 2', () => {
      const cli = (...args: string[]) =>
        spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'electron/backend/cli/cli.main.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
      const ok = cli('audit', 'verify', ...AS_CHAIR, '--db', file);
      expect({ status: ok.status, out: ok.stdout.trim() }).toEqual({ status: 0, out: 'Logboek intact: 10 regels' });
      raw((db) => db.prepare('delete from audit_log where id = 6').run());
      const broken = cli('audit', 'verify', ...AS_CHAIR, '--db', file);
      expect(broken.status).toBe(1);
      expect(broken.stderr).toContain('Logboek gewijzigd vanaf regel 6');
      expect(broken.stderr).not.toMatch(/\n\s+at /);
      expect(cli('audit', 'verify').status).toBe(2);
    }, 300_000);

    it('a missing database is exit 1 with a message', async () => {
      expect(await runCli(['audit', 'verify', ...AS_CHAIR, '--db', join(dir, 'missing.sqlite')], io)).toBe(1);
      expect(err.join('\n')).toContain('missing.sqlite bestaat niet');
    });
  });
});

describe('audit chain in the database (SQLite or PostgreSQL)', () => {
  let location: string;
  let b: Backend;
  const chair = asChair('tester');

  /** A database with an import (1) and five new rounds (2–6), through the dispatcher. */
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ut-audit-db-'));
    location = await orPostgres(join(dir, 'r.sqlite'));
    b = await createBackend(location, { host: 'test' });
    expect((await b.dispatch('dataset.import', { dataset: miniDataset(), source: 'test' }, chair)).ok).toBe(true);
    for (let i = 0; i < 5; i++) expect((await b.dispatch('rounds.create', ROUND, chair)).ok).toBe(true);
  });
  afterEach(async () => {
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const check = async (): Promise<AuditCheck> => {
    const r = await b.dispatch('audit.verify', {}, chair);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as AuditCheck;
  };
  const atOf = async (id: number) => (await row<{ at: string }>(b, 'select at from audit_log where id = ?', id))!.at;
  /** Opens the database again: what the check on open finds. */
  const reopened = async (): Promise<AuditCheck | null> => {
    const again = await createBackend(location, { host: 'test' });
    try {
      return again.database.auditCheck;
    } finally {
      await again.close();
    }
  };

  it('an untouched log is intact, on open too', async () => {
    expect(await check()).toEqual({ intact: true, entries: 6, message: 'Logboek intact: 6 regels' });
    expect(await reopened()).toMatchObject({ intact: true, entries: 6 });
  });

  it('a row edited with raw SQL is reported at that row, by audit.verify and on open', async () => {
    await run(b, "update audit_log set actor = 'iemand anders' where id = 3");
    const found = await check();
    expect(found).toMatchObject({ intact: false, entries: 6, position: 3, id: 3 });
    expect(found.message).toContain(`Logboek gewijzigd vanaf regel 3 (id 3, ${formatMoment(await atOf(3))})`);
    expect(await reopened()).toMatchObject({ intact: false, position: 3, id: 3 });
  });

  it('a row edited and given a matching hash of its own is still reported at that row', async () => {
    type Row = { id: number; at: string; actor: string; action: string; entity: string; entity_id: string | null; detail: string; prev_hash: string };
    const r = (await row<Row>(b, 'select * from audit_log where id = 4'))!;
    const forged: Row = { ...r, detail: '{"forged":true}' };
    const hash = createHash('sha256')
      .update(`${String(r.prev_hash)}\n${JSON.stringify([forged.id, forged.at, forged.actor, forged.action, forged.entity, forged.entity_id, forged.detail])}`)
      .digest('hex');
    await run(b, 'update audit_log set detail = ?, hash = ? where id = 4', forged.detail, hash);
    expect((await check()).message).toContain(`Logboek gewijzigd vanaf regel 4 (id 4, ${formatMoment(await atOf(4))})`);
  });

  it('a deleted row is reported where the gap is', async () => {
    await run(b, 'delete from audit_log where id = 2');
    const found = await check();
    expect(found.message).toContain(`Logboek gewijzigd vanaf regel 2 (id 3, ${formatMoment(await atOf(3))})`);
    expect(found.message).toContain('ontbreekt');
  });

  it('deleted rows at the end are reported, also after the app wrote new entries; ids are never reused', async () => {
    await run(b, 'delete from audit_log where id >= 5');
    expect((await check()).message).toContain('Logboek gewijzigd vanaf regel 5');
    expect((await check()).message).toContain('ontbreken');
    expect((await b.dispatch('rounds.create', ROUND, chair)).ok).toBe(true);
    expect((await row(b, 'select max(id) as id from audit_log'))).toEqual({ id: 7 });
    expect((await check()).message).toContain('Logboek gewijzigd vanaf regel 5 (id 7,');
  });

  it('the app still opens a database with a broken chain, and goes on writing', async () => {
    await run(b, "update audit_log set action = 'x' where id = 1");
    expect(await reopened()).toMatchObject({ intact: false, position: 1, id: 1 });
    expect((await b.dispatch('rounds.create', ROUND, chair)).ok).toBe(true);
    expect(await check()).toMatchObject({ intact: false, entries: 7, position: 1, id: 1 });
  });

  it('the migration chains entries written before it', async () => {
    const mine = MIGRATIONS.findIndex(([name]) => name === '0006_audit_chain');
    const before = MIGRATIONS[mine - 1]![0];
    const old = onPostgres() ? await emptyPostgresDatabase() : join(dir, 'old.sqlite');
    const o = await openDatabase(old, { migrateTo: before });
    for (let i = 1; i <= 3; i++) {
      await sql`insert into audit_log (at, actor, action, entity, entity_id, detail) values (${`2025-01-0${i}T10:00:00.000Z`}, 'oud', 'update', 'client', ${`K-${i}`}, '{}')`.execute(o.db);
    }
    await o.close();
    const migrated = await openDatabase(old);
    try {
      expect(migrated.auditCheck).toEqual({ intact: true, entries: 3, message: 'Logboek intact: 3 regels' });
      await sql`update audit_log set entity_id = 'K-9' where id = 2`.execute(migrated.db);
    } finally {
      await migrated.close();
    }
    const tampered = await openDatabase(old, { onAuditBroken: () => undefined });
    try {
      expect(tampered.auditCheck?.message).toContain('Logboek gewijzigd vanaf regel 2 (id 2, 02-01-2025 11:00)');
    } finally {
      await tampered.close();
    }
  });
});

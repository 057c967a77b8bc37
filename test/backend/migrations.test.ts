// Schema migrations: recorded, upgrade keeps data, WAL and foreign keys on, a database from the
// future is refused untouched. SQLite's files here; in the 'postgres' project, the same migrations on
// an empty PostgreSQL database give the schema SQLite has, and the opener's checks hold there too.
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { MIGRATIONS, ROW_ORDER_TABLES, SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { type OpenDatabase, openDatabase } from '../../electron/backend/db/open';
import { createBackend } from '../../electron/backend/backend';
import { Dataset } from '../../shared/dataset/dataset.schema';
import { DECISIONS_FORMAT, type ReviewDecision, ReviewFile, decisionsMacText } from '../../shared/review/review-file';
import { miniDataset } from '../fixtures/mini-dataset';
import { FIXED_NOW, call, decide, importDataset, roundWithBusiestCorporation } from './helpers';
import { emptyPostgresDatabase, onPostgres } from '../pg/database';
import { row, rows, rowsAsWritten, run } from '../pg/sql';
import { tableNames } from '../../electron/backend/db/dialect';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ut-mig-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// The files and pragmas of SQLite; the 'postgres' project runs the block after this one.
describe.skipIf(onPostgres())('migrations', () => {
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

  it('0003 -> 0004 rebuilds the round tables with foreign keys to clients and units, keeping every row', async () => {
    const file = join(dir, 'rounds.sqlite');
    const old = await openDatabase(file, { migrateTo: '0003_rounds' });
    seedRoundAt0003(old.sqlite);
    // Two controls, the second removed by hand: the counter must not hand its id out again.
    old.sqlite.exec("delete from round_controls where id = 2");
    const before = dumpRoundTables(old.sqlite);
    await old.close();

    const o = await openDatabase(file, { migrateTo: '0004_round_foreign_keys' });
    const s = o.sqlite;
    expect(dumpRoundTables(s)).toEqual(before);
    for (const [table, parents] of Object.entries({
      round_clients: ['clients', 'rounds'],
      round_units: ['rounds', 'units'],
      round_controls: ['clients', 'rounds', 'units'],
      round_decisions: ['clients', 'rounds', 'units'],
    })) {
      const fks = s.prepare(`select distinct "table" as t from pragma_foreign_key_list('${table}') order by t`).all() as { t: string }[];
      expect(fks.map((f) => f.t), table).toEqual(parents);
    }
    // The schema now forbids orphans: a raw delete of a referenced client or unit fails...
    expect(() => s.prepare("delete from clients where id = 'K-1'").run()).toThrow(/FOREIGN KEY/);
    expect(() => s.prepare("delete from units where id = 'W-1'").run()).toThrow(/FOREIGN KEY/);
    // ... and so does a round row naming a client or unit that does not exist.
    expect(() => s.prepare("insert into round_clients values (1, 'K-404', 1, '', '[]', 0)").run()).toThrow(/FOREIGN KEY/);
    expect(() => s.prepare("insert into round_units values (1, 'W-404', 1, '', 0)").run()).toThrow(/FOREIGN KEY/);
    expect(() =>
      s.prepare("insert into round_decisions values (1, 'K-1', 'W-404', 1, 'accepted', null, null, '', 'accepted', 'x', '2026-01-01')").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      s.prepare("insert into round_controls (round_id, kind, client_id, unit_id, reason, source, created_at, created_by) values (1, 'lock', 'K-404', null, '', 'chair', '', '')").run(),
    ).toThrow(/FOREIGN KEY/);
    // Deleting a round still takes its rows with it; an unreferenced client can go.
    const newId = s.prepare("insert into round_controls (round_id, kind, client_id, unit_id, reason, source, created_at, created_by) values (1, 'lock', null, null, '', 'chair', '', '')").run();
    expect(Number(newId.lastInsertRowid)).toBe(3);
    s.prepare("delete from clients where id = 'K-2'").run();
    s.prepare('delete from rounds where id = 1').run();
    for (const t of ['round_clients', 'round_units', 'round_controls', 'round_decisions']) {
      expect(s.prepare(`select count(*) as n from ${t}`).get(), t).toEqual({ n: 0 });
    }
    await o.close();
    // And on to the latest schema.
    const latest = await openDatabase(file);
    expect(latest.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    await latest.close();
  });

  it('refuses to migrate a database whose rounds already point at a deleted client, naming the rows, and changes nothing', async () => {
    const file = join(dir, 'orphans.sqlite');
    const old = await openDatabase(file, { migrateTo: '0003_rounds' });
    seedRoundAt0003(old.sqlite);
    // What an earlier `import --replace` could leave behind.
    old.sqlite.exec("delete from clients where id = 'K-1'");
    old.sqlite.exec("delete from units where id = 'W-1'");
    const before = dumpRoundTables(old.sqlite);
    await old.close();

    const error = await openDatabase(file).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain('0004_round_foreign_keys');
    expect(error?.message).toContain('ronde 1: kandidaat K-1 in de leden');
    expect(error?.message).toContain('ronde 1: woning W-1 in de besluiten');
    expect(error?.message).toContain('Er is niets gewijzigd');
    const raw = new BetterSqlite3(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(3);
    expect(dumpRoundTables(raw)).toEqual(before);
    expect(raw.prepare("select count(*) as n from sqlite_master where name like '%_new'").get()).toEqual({ n: 0 });
    raw.close();
  });

  it('0007 -> 0008 takes characters every text field now refuses out of stored records, so they can be read again', async () => {
    const file = join(dir, 'h.sqlite');
    const b = await createBackend(file, { host: 'test' });
    await importDataset(b, miniDataset());
    const [first, second] = (b.database.sqlite.prepare('select id from clients order by id').all() as { id: string }[]).map((r) => r.id);
    await b.close();
    // What an earlier version could store: a direction override in a name, NUL in notes and in a
    // note inside a JSON column; then the database as it was at 0007 (0008 changes no schema).
    const raw = new BetterSqlite3(file);
    const prefs = JSON.parse((raw.prepare('select preferences_json as p from clients where id = ?').get(first) as { p: string }).p) as Record<string, unknown>;
    raw.prepare('update clients set name = ?, notes = ?, preferences_json = ? where id = ?').run(
      'Jan\u202eNAJ',
      'regel 1\nregel\u0000 2',
      JSON.stringify({ ...prefs, note: 'liefst\u2066 dichtbij' }),
      first,
    );
    const untouched = raw.prepare('select * from clients where id = ?').get(second);
    // Back to 0007: 0008 changes no schema; the tables of the later migrations go (they are made again).
    raw.prepare("delete from kysely_migration where name > '0007_review_secrets'").run();
    for (const table of ['users', 'retention_log', 'monitor_archive']) raw.exec(`drop table if exists ${table}`);
    undo0017(raw);
    undo0016(raw);
    undo0015(raw);
    undo0013(raw);
    undo0012(raw);
    undo0011(raw);
    raw.pragma('user_version = 7');
    raw.close();

    const again = await createBackend(file, { host: 'test' });
    const { client } = await call(again, 'clients.get', { id: first! });
    expect(client.name).toBe('JanNAJ');
    expect(client.notes).toBe('regel 1\nregel 2');
    expect(client.preferences.note).toBe('liefst dichtbij');
    expect(again.database.sqlite.prepare('select * from clients where id = ?').get(second)).toEqual(untouched);
    await again.close();
  });

  it('0011 -> 0012 keeps every decision, with nobody named on whose behalf; one read from a file before is still recognised', async () => {
    const file = join(dir, 'namens.sqlite');
    const b = await createBackend(file, { host: 'test', now: () => FIXED_NOW });
    const demo = Dataset.parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'demo', 'flevoland.json'), 'utf8')));
    await importDataset(b, demo);
    const { roundId, corporationId } = await roundWithBusiestCorporation(b, demo);
    const exported = await call(b, 'review.export', { roundId, corporationId });
    const review = ReviewFile.parse(JSON.parse(Buffer.from(exported.contentBase64, 'base64').toString('utf8')));
    const [p, q] = review.proposals as [ReviewFile['proposals'][number], ReviewFile['proposals'][number]];
    /** A decisions file as the review mode makes it (HMAC under the review file's secret). */
    const decisionsFile = (decisions: ReviewDecision[], decidedAt: string) => {
      const body = {
        format: DECISIONS_FORMAT,
        version: 2 as const,
        roundId,
        proposalVersion: review.proposalVersion,
        corporationId,
        reviewSignature: review.signature,
        decidedBy: 'J. de Vries',
        decidedAt,
        decisions,
      };
      return JSON.stringify({ ...body, mac: createHmac('sha256', Buffer.from(review.secret, 'hex')).update(decisionsMacText(body)).digest('hex') });
    };
    const fromFile: ReviewDecision[] = [{ clientCode: p.clientCode, unitId: p.unitId, decision: 'declined', declineReason: 'rent-debt', note: 'Eerst de schuld' }];
    await call(b, 'review.importDecisions', { fileName: 'besluiten.json', content: decisionsFile(fromFile, '2026-11-30T10:00:00.000Z') }, 'voorzitter');
    // The tester who prepared the round lets go of it; the chair records a decision at the table.
    await call(b, 'rounds.release', { roundId });
    await decide(b, { roundId, version: review.proposalVersion, clientId: q.clientCode, unitId: q.unitId, decision: 'accepted', clientAnswer: 'accepted', note: 'Aan tafel' }, 'voorzitter');
    await b.close();

    // The database as the version before 0012 left it: no column for on whose behalf, and the
    // liaison's name in the note of a decision read from a file (as that version wrote it).
    const raw = new BetterSqlite3(file);
    raw.prepare("update round_decisions set note = 'Via besluitenbestand van J. de Vries (30-11-2026): Eerst de schuld' where client_id = ?").run(p.clientCode);
    undo0017(raw);
    undo0016(raw);
    undo0015(raw);
    undo0013(raw);
    undo0012(raw);
    raw.prepare("delete from kysely_migration where name > '0011_reports'").run();
    raw.pragma('user_version = 11');
    const before = raw.prepare('select * from round_decisions order by client_id').all() as Record<string, unknown>[];
    expect(before).toHaveLength(2);
    raw.close();

    const again = await createBackend(file, { host: 'test', now: () => FIXED_NOW });
    expect(again.database.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(again.database.sqlite.prepare('select * from round_decisions order by client_id').all()).toEqual(before.map((r) => ({ ...r, on_behalf_of: null })));
    const { decisions } = await call(again, 'rounds.get', { id: roundId });
    expect(decisions.find((d) => d.clientId === p.clientCode)).toMatchObject({ decision: 'declined', decidedBy: 'voorzitter', onBehalfOf: null });
    expect(decisions.find((d) => d.clientId === q.clientCode)).toMatchObject({ decision: 'accepted', note: 'Aan tafel', decidedBy: 'voorzitter', onBehalfOf: null });
    // A newer file with the same decision: recognised as already there (the name in the old note), nothing rewritten.
    const out = await call(again, 'review.importDecisions', { fileName: 'besluiten-2.json', content: decisionsFile(fromFile, '2026-12-01T10:00:00.000Z') }, 'voorzitter');
    expect(out).toMatchObject({ recorded: 0, unchanged: 1, alreadyRead: false });
    expect((await call(again, 'rounds.get', { id: roundId })).decisions).toEqual(decisions);
    // A changed mind is recorded the new way: the liaison's name on its own.
    const changed: ReviewDecision[] = [{ clientCode: p.clientCode, unitId: p.unitId, decision: 'accepted' }];
    expect(await call(again, 'review.importDecisions', { fileName: 'besluiten-3.json', content: decisionsFile(changed, '2026-12-02T10:00:00.000Z') }, 'voorzitter')).toMatchObject({ recorded: 1 });
    expect((await call(again, 'rounds.get', { id: roundId })).decisions.find((d) => d.clientId === p.clientCode)).toMatchObject({
      decision: 'accepted',
      note: 'Via besluitenbestand (02-12-2026)',
      decidedBy: 'voorzitter',
      onBehalfOf: 'J. de Vries',
    });
    await again.close();
  });

  it('0012 -> 0013 keeps every round, each following the policy; the chair can then give one its own planning', async () => {
    const file = join(dir, 'planning.sqlite');
    const b = await createBackend(file, { host: 'test', now: () => FIXED_NOW });
    await importDataset(b, miniDataset());
    const { id: roundId } = await call(b, 'rounds.create', { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31' });
    await b.close();
    // The database as 0012 left it: no column for the round's planning.
    const raw = new BetterSqlite3(file);
    undo0017(raw);
    undo0016(raw);
    undo0015(raw);
    undo0013(raw);
    raw.prepare("delete from kysely_migration where name > '0012_decision_on_behalf_of'").run();
    raw.pragma('user_version = 12');
    const before = raw.prepare('select * from rounds order by id').all() as Record<string, unknown>[];
    expect(before).toHaveLength(1);
    raw.close();

    const again = await createBackend(file, { host: 'test', now: () => FIXED_NOW });
    expect(again.database.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(again.database.sqlite.prepare('select * from rounds order by id').all()).toEqual(before.map((r) => ({ ...r, planning_json: null })));
    expect((await call(again, 'rounds.get', { id: roundId })).planning).toMatchObject({ choice: { mode: 'policy' }, setAt: null, setBy: null });
    await call(again, 'rounds.setPlanning', { roundId, planning: { mode: 'spend-now' } });
    expect((await call(again, 'rounds.get', { id: roundId })).planning).toMatchObject({ choice: { mode: 'spend-now' }, effective: { hold: 0, emptyHomeMonthCost: 0 } });
    await again.close();
  });

  it('a fresh in-memory backend works end to end', async () => {
    const b = await createBackend(':memory:', { host: 'test' });
    await importDataset(b, miniDataset());
    expect((await call(b, 'units.list', {})).total).toBe(2);
    await b.close();
  });
});

/** What a schema holds, for comparing SQLite's and PostgreSQL's (types in PostgreSQL's words). */
interface Shape {
  /** Per table its columns in order: name, type, 'not null', the default, 'identity' for an id the database hands out. */
  columns: Record<string, string[]>;
  primaryKeys: Record<string, string>;
  /** table.column -> parent.column, with the action on delete. */
  foreignKeys: string[];
  /** The indexes made by the migrations (not those behind a key): table.name(columns). */
  indexes: string[];
  uniques: string[];
  /** table.column of each check constraint. */
  checks: string[];
}

const sorted = (xs: string[]) => [...xs].sort();

/** The PostgreSQL type each SQLite type the migrations use must become (dialect.ts: SQLite's 8-byte real is double precision). */
const PG_TYPE: Record<string, string> = { integer: 'integer', text: 'text', real: 'double precision', 'varchar(255)': 'character varying(255)' };
const pgType = (sqliteType: string): string => PG_TYPE[sqliteType.toLowerCase()] ?? `unmapped ${sqliteType}`;

async function sqliteShape(o: OpenDatabase): Promise<Shape> {
  const shape: Shape = { columns: {}, primaryKeys: {}, foreignKeys: [], indexes: [], uniques: [], checks: [] };
  for (const t of await tableNames(o.db)) {
    const create = o.sqlite.prepare("select sql from sqlite_master where type = 'table' and name = ?").pluck().get(t) as string;
    const columns = o.sqlite.prepare(`select name, type, "notnull", dflt_value, pk from pragma_table_info(?) order by cid`).all(t) as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    shape.columns[t] = columns.map((c) =>
      [
        c.name,
        pgType(c.type),
        c.notnull || c.pk ? 'not null' : '',
        c.dflt_value === null ? '' : `default ${c.dflt_value}`,
        c.pk && /autoincrement/i.test(create) ? 'identity' : '',
      ].join(' ').trim(),
    );
    shape.primaryKeys[t] = columns.filter((c) => c.pk).sort((x, y) => x.pk - y.pk).map((c) => c.name).join(', ');
    for (const f of o.sqlite.prepare('select "from", "table", "to", on_delete from pragma_foreign_key_list(?)').all(t) as { from: string; table: string; to: string; on_delete: string }[]) {
      shape.foreignKeys.push(`${t}.${f.from} -> ${f.table}.${f.to} on delete ${f.on_delete.toLowerCase()}`);
    }
    for (const i of o.sqlite.prepare('select name, "unique", origin from pragma_index_list(?)').all(t) as { name: string; unique: number; origin: string }[]) {
      const cols = (o.sqlite.prepare('select name from pragma_index_info(?) order by seqno').pluck().all(i.name) as string[]).join(', ');
      if (i.origin === 'c') shape.indexes.push(`${t}.${i.name}(${cols})${i.unique ? ' unique' : ''}`);
      if (i.origin === 'u') shape.uniques.push(`${t}(${cols})`);
    }
    for (const m of create.matchAll(/\bcheck \((\w+)/gi)) shape.checks.push(`${t}.${m[1]}`);
  }
  return { ...shape, foreignKeys: sorted(shape.foreignKeys), indexes: sorted(shape.indexes), uniques: sorted(shape.uniques), checks: sorted(shape.checks) };
}

/** PostgreSQL's schema, and its row_order columns. */
async function postgresShape(o: OpenDatabase): Promise<Shape & { rowOrder: string[]; notDeferrable: string[] }> {
  const shape: Shape = { columns: {}, primaryKeys: {}, foreignKeys: [], indexes: [], uniques: [], checks: [] };
  const rowOrder: string[] = [];
  const notDeferrable: string[] = [];
  const type = (t: string, length: number | null) => (length === null ? t : `${t}(${length})`);
  for (const t of await tableNames(o.db)) {
    const { rows: columns } = await sql<{
      name: string;
      type: string;
      length: number | null;
      nullable: string;
      dflt: string | null;
      identity: string | null;
    }>`select column_name as name, data_type as type, character_maximum_length as length, is_nullable as nullable, column_default as dflt, identity_generation as identity
       from information_schema.columns where table_schema = current_schema() and table_name = ${t} order by ordinal_position`.execute(o.db);
    shape.columns[t] = columns
      .filter((c) => {
        if (c.name !== 'row_order') return true;
        rowOrder.push(`${t}: ${c.type} ${c.nullable === 'NO' ? 'not null' : ''} ${c.identity ?? ''}`);
        return false;
      })
      .map((c) =>
        [
          c.name,
          type(c.type, c.length),
          c.nullable === 'NO' ? 'not null' : '',
          c.dflt === null ? '' : `default ${c.dflt.replace(/::[a-z ]+$/, '')}`,
          c.identity ? 'identity' : '',
        ].join(' ').trim(),
      );
    const { rows: constraints } = await sql<{ name: string; kind: string; def: string }>`select con.conname as name, con.contype as kind, pg_get_constraintdef(con.oid) as def
       from pg_constraint con join pg_class cl on cl.oid = con.conrelid where cl.relnamespace = current_schema()::regnamespace and cl.relname = ${t}`.execute(o.db);
    for (const c of constraints) {
      if (c.kind === 'p') shape.primaryKeys[t] = /^PRIMARY KEY \((.*)\)$/.exec(c.def)![1]!;
      if (c.kind === 'u') shape.uniques.push(`${t}(${/^UNIQUE \((.*)\)$/.exec(c.def)![1]})`);
      if (c.kind === 'c') shape.checks.push(`${t}.${/^CHECK \(\(?(\w+)/.exec(c.def)![1]}`);
      if (c.kind === 'f') {
        const [, from, parent, to, action] = /^FOREIGN KEY \((\w+)\) REFERENCES (\w+)\((\w+)\)(?: ON DELETE ([A-Z ]+?))?(?: DEFERRABLE.*)?$/.exec(c.def)!;
        shape.foreignKeys.push(`${t}.${from} -> ${parent}.${to} on delete ${(action ?? 'NO ACTION').toLowerCase()}`);
        // Deferrable, checked at once unless a transaction defers them (the region replace).
        if (!/ DEFERRABLE$/.test(c.def)) notDeferrable.push(`${t}: ${c.def}`);
      }
    }
    if (!shape.primaryKeys[t]) shape.primaryKeys[t] = '';
    const { rows: indexes } = await sql<{ name: string; def: string }>`select indexname as name, indexdef as def from pg_indexes
       where schemaname = current_schema() and tablename = ${t} and indexname not in (select conname from pg_constraint)`.execute(o.db);
    for (const i of indexes) {
      const [, unique, cols] = /^CREATE (UNIQUE )?INDEX \w+ ON [\w.]+ USING btree \((.*)\)$/.exec(i.def)!;
      shape.indexes.push(`${t}.${i.name}(${cols})${unique ? ' unique' : ''}`);
    }
  }
  const all = { ...shape, foreignKeys: sorted(shape.foreignKeys), indexes: sorted(shape.indexes), uniques: sorted(shape.uniques), checks: sorted(shape.checks) };
  return { ...all, rowOrder: sorted(rowOrder), notDeferrable };
}

describe.runIf(onPostgres())('migrations on PostgreSQL', () => {
  it('migrating an empty database up gives the tables, columns, keys and indexes SQLite has (and row_order where 0014 adds it)', async () => {
    const lite = await openDatabase(':memory:');
    const pg = await openDatabase(await emptyPostgresDatabase());
    try {
      expect(pg.kind).toBe('postgres');
      expect(pg.created).toBe(true);
      const want = await sqliteShape(lite);
      const { rowOrder, notDeferrable, ...got } = await postgresShape(pg);
      expect(Object.keys(got.columns)).toEqual(Object.keys(want.columns));
      expect(Object.keys(want.columns).length).toBeGreaterThan(20);
      for (const t of Object.keys(want.columns)) expect(got.columns[t], t).toEqual(want.columns[t]);
      expect(got.primaryKeys).toEqual(want.primaryKeys);
      expect(got.foreignKeys).toEqual(want.foreignKeys);
      expect(want.foreignKeys.length).toBeGreaterThan(30);
      expect(got.indexes).toEqual(want.indexes);
      expect(got.uniques).toEqual(want.uniques);
      expect(got.checks).toEqual(want.checks);
      expect(notDeferrable).toEqual([]);
      // PostgreSQL's stand-in for the rowid, on the tables read back in the order they were written.
      expect(rowOrder).toEqual(sorted(ROW_ORDER_TABLES.map((t) => `${t}: bigint not null ALWAYS`)));
    } finally {
      await lite.close();
      await pg.close();
    }
  });

  it('records every migration; opening again finds nothing to do', async () => {
    const url = await emptyPostgresDatabase();
    const o = await openDatabase(url);
    expect((await sql<{ name: string }>`select name from kysely_migration order by name`.execute(o.db)).rows.map((r) => r.name)).toEqual(MIGRATIONS.map(([n]) => n));
    expect(o.created).toBe(true);
    expect(o.auditCheck).toMatchObject({ intact: true });
    await o.close();
    const again = await openDatabase(url);
    expect(again.created).toBe(false);
    await again.close();
  });

  it('migrates N-1 to N keeping the rows (0001 -> 0002 adds indexes)', async () => {
    const url = await emptyPostgresDatabase();
    const old = await openDatabase(url, { migrateTo: '0001_initial' });
    await sql`insert into municipalities (code, name, valid_from) values ('GM0034', 'Almere', '1984-01-01')`.execute(old.db);
    await sql`insert into care_providers (id, name) values ('p', 'P')`.execute(old.db);
    await old.close();
    const b = await createBackend(url, { host: 'test' });
    expect(await row(b, "select indexname from pg_indexes where schemaname = current_schema() and indexname = 'clients_origin_idx'")).toBeTruthy();
    expect(await rows(b, 'select name from municipalities')).toEqual([{ name: 'Almere' }]);
    expect((await rows(b, 'select name from kysely_migration')).length).toBe(SCHEMA_VERSION);
    await b.close();
  });

  it('enforces foreign keys', async () => {
    const b = await createBackend(await emptyPostgresDatabase(), { host: 'test' });
    await expect(run(b, "insert into neighbourhoods (code, name, municipality_code) values ('BU00000001', 'x', 'GM9999')")).rejects.toThrow(/violates foreign key constraint/);
    await b.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', async () => {
    const url = await emptyPostgresDatabase();
    const b = await createBackend(url, { host: 'test' });
    await importDataset(b, miniDataset());
    // A newer app added a migration we do not know.
    await run(b, "insert into kysely_migration (name, timestamp) values ('0003_from_the_future', '2030-01-01T00:00:00.000Z')");
    const everything = async () => {
      const out: Record<string, unknown[]> = {};
      for (const t of await tableNames(b.database.db)) out[t] = await rowsAsWritten(b, t);
      return out;
    };
    const before = await everything();
    await expect(createBackend(url, { host: 'test' })).rejects.toMatchObject({
      code: 'DB_TOO_NEW',
      message: expect.stringContaining('nieuwere versie van de app'),
    });
    expect(await everything()).toEqual(before);
    await b.close();
  });
});

/** At schema 0003: the reference rows a client and unit need, two clients, one unit, and a round naming them everywhere. */
function seedRoundAt0003(s: BetterSqlite3.Database): void {
  s.exec(`
    insert into municipalities (code, name, valid_from) values ('GM0034', 'Almere', '1984-01-01');
    insert into care_providers (id, name) values ('P', 'Zorg');
    insert into corporations (id, name) values ('C', 'Corporatie');
    insert into clients (id, name, target_group, gender, birth_date, care_provider_id, adults, children_ages_json,
      origin_municipality_code, current_municipality_code, income_source, income_monthly_cents, debts, budget_management,
      rent_limit_cents, needs_json, support_provider_id, support_intensity, housing_first, urgency, preferences_json, status, refusals, notes)
    values
      ('K-1', 'Een', 'BW', 'female', '1990-01-01', 'P', 1, '[]', 'GM0034', 'GM0034', 'work', 200000, 'none', 0, null, '[]', 'P', 'light', 0, 'normal', '{}', 'active', 0, ''),
      ('K-2', 'Twee', 'BW', 'male', '1991-01-01', 'P', 1, '[]', 'GM0034', 'GM0034', 'work', 200000, 'none', 0, null, '[]', 'P', 'light', 0, 'normal', '{}', 'active', 0, '');
    insert into units (id, corporation_id, municipality_code, kind, rooms, floor, lift, rent_cents, available_from,
      allowed_groups_json, contract_forms_json, features_json, status, notes)
    values ('W-1', 'C', 'GM0034', 'regular', 2, 0, 0, 60000, '2026-01-01', '[]', '[]', '[]', 'available', '');
    insert into rounds (date, window_from, window_to, note, status, created_at, created_by)
    values ('2026-12-01', '2026-12-01', '2027-01-31', '', 'decided', '2026-11-01T10:00:00Z', 'voorzitter');
    insert into round_clients values (1, 'K-1', 1, '', '[]', 0);
    insert into round_units values (1, 'W-1', 1, '', 0);
    insert into round_controls (round_id, kind, client_id, unit_id, reason, source, created_at, created_by)
    values (1, 'lock', 'K-1', 'W-1', 'Wens', 'chair', '2026-11-02T10:00:00Z', 'voorzitter'),
           (1, 'set-aside-unit', null, 'W-1', 'Renovatie', 'chair', '2026-11-02T10:00:00Z', 'voorzitter');
    insert into round_versions values (1, 1, 'optimal', '2026-11-03T10:00:00Z', 'voorzitter', null, 10, '{}', '{}', '{}');
    insert into round_decisions values (1, 'K-1', 'W-1', 1, 'accepted', null, null, 'Akkoord', 'accepted', 'corporatie', '2026-11-04T10:00:00Z');
  `);
}

/** Every row of the round tables, in a stable order: what a migration must carry over unchanged. */
function dumpRoundTables(s: BetterSqlite3.Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of ['rounds', 'round_clients', 'round_units', 'round_controls', 'round_versions', 'round_decisions']) {
    out[t] = s.prepare(`select * from ${t} order by 1, 2`).all();
  }
  return out;
}

/** Takes back migration 0017 (the server's failed logins per address). */
function undo0017(raw: BetterSqlite3.Database): void {
  raw.exec('drop table login_failures');
}

/** Takes back migration 0016 (the table of who prepares a round). */
function undo0016(raw: BetterSqlite3.Database): void {
  raw.exec('drop table round_locks');
}

/** Takes back migration 0015 (the regional server's credentials and sessions). */
function undo0015(raw: BetterSqlite3.Database): void {
  for (const table of ['sessions', 'user_credentials']) raw.exec(`drop table if exists ${table}`);
}

/** Takes back migration 0013 (the column for the round's own planning setting). */
function undo0013(raw: BetterSqlite3.Database): void {
  raw.exec('alter table rounds drop column planning_json');
}

/** Takes back migration 0012 (the column for on whose behalf a decision was recorded). */
function undo0012(raw: BetterSqlite3.Database): void {
  raw.exec('alter table round_decisions drop column on_behalf_of');
}

/** Takes back migration 0011 (its indexes, then its columns), for tests that rewind a database to an older version. */
function undo0011(raw: BetterSqlite3.Database): void {
  for (const { name } of raw
    .prepare("select name from sqlite_master where type = 'index' and name in ('placements_destination_date_idx', 'placements_corporation_date_idx', 'placements_provider_date_idx', 'placements_client_idx', 'round_decisions_decided_idx', 'clients_ready_idx')")
    .all() as { name: string }[]) {
    raw.exec(`drop index ${name}`);
  }
  for (const column of ['care_since', 'funding_frame']) raw.exec(`alter table clients drop column ${column}`);
  for (const column of ['target_group', 'gender', 'age', 'adults', 'children', 'care_provider_id', 'support_intensity', 'funding_frame', 'ready_date', 'care_since', 'unit_kind']) {
    raw.exec(`alter table placements drop column ${column}`);
  }
}

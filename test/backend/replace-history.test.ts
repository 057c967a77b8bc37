// Replacing the region keeps its history (issue 9, item 14): rounds and followed-up placements stay,
// a dataset that drops a client or home they name is refused with nothing changed, and the schema
// itself forbids round rows that point at nothing. Real SQLite files, the real dispatcher and CLI.
import { asChair } from '../../shared/auth/system-user';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Backend, createBackend } from '../../electron/backend/backend';
import { runCli } from '../../electron/backend/cli/cli';
import { AS_CHAIR, WITHOUT_LOGINS, testKey, useTestPassphrase } from './cli-login';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { call, decide, FIXED_NOW, importDataset } from './helpers';

// The CLI logs in as --user voorzitter with the passphrase from the environment (this process and its children).
useTestPassphrase();

const demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;

let dir: string;
let template: string;
/** From the template round: a pair placed by the round, and a member client and unit nobody else names. */
let placed: { placementId: string; clientId: string; unitId: string };
let lockedPair: { clientId: string; unitId: string };

const open = (file: string) => createBackend(file, { host: 'test', now: () => FIXED_NOW });

/** Every row of every table, hashed: equal means the database holds exactly the same data. */
function digest(s: BetterSqlite3.Database, except: string[] = []): string {
  const tables = (s.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[])
    .map((t) => t.name)
    .filter((t) => !except.includes(t));
  const h = createHash('sha256');
  for (const t of tables) h.update(t).update(JSON.stringify(s.prepare(`select * from "${t}" order by rowid`).all()));
  return h.digest('hex');
}

/** The history a replace must keep, without the client and unit rows themselves (those are rewritten). */
function history(s: BetterSqlite3.Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of ['rounds', 'round_clients', 'round_units', 'round_controls', 'round_versions', 'round_decisions', 'placement_checks']) {
    out[t] = s.prepare(`select * from ${t} order by rowid`).all();
  }
  out.followed = s
    .prepare(
      'select id, client_id, unit_id, round_id, move_in_date, contract_form, support_start from placements where round_id is not null or move_in_date is not null order by id',
    )
    .all();
  return out;
}

/** The dataset without these clients and units, and without what in the dataset itself points at them. */
function without(d: Dataset, clientIds: string[], unitIds: string[]): Dataset {
  const copy = structuredClone(d);
  copy.clients = copy.clients.filter((c) => !clientIds.includes(c.id));
  copy.units = copy.units.filter((u) => !unitIds.includes(u.id));
  for (const u of copy.units) if (u.occupantClientId !== null && clientIds.includes(u.occupantClientId)) u.occupantClientId = null;
  copy.placements = copy.placements.filter((p) => !(p.clientId && clientIds.includes(p.clientId)) && !(p.unitId && unitIds.includes(p.unitId)));
  return copy;
}

async function refusal(b: Backend, dataset: Dataset): Promise<{ code: string; message: string; problems?: { path: string; message: string }[] }> {
  const r = await b.dispatch('dataset.import', { dataset, source: 'nieuw.json' }, asChair('tester'));
  if (r.ok) throw new Error('dataset.import should have been refused');
  return r.error;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ut-replace-'));
  template = join(dir, 'template.sqlite');
  const b = await open(template);
  await importDataset(b, demo);
  const roundId = (await call(b, 'rounds.create', { date: '2026-12-01', windowFrom: '2026-12-01', windowTo: '2027-01-31', note: '' })).id;
  const v1 = await call(b, 'rounds.propose', { roundId });
  const first = v1.proposal.matches[0];
  if (!first) throw new Error('the demo round should place someone');
  lockedPair = { clientId: first.clientId, unitId: first.unitId };
  await call(b, 'rounds.addControl', { roundId, kind: 'lock', ...lockedPair, reason: 'Wens van de tafel' });
  const v2 = await call(b, 'rounds.propose', { roundId });
  for (const m of v2.proposal.matches) {
    await decide(b, { roundId, version: v2.version, clientId: m.clientId, unitId: m.unitId, decision: 'accepted', clientAnswer: 'accepted' });
  }
  const closed = await call(b, 'rounds.close', { roundId });
  const p = closed.placements[0];
  if (!p) throw new Error('closing the round should place someone');
  placed = { placementId: p.id, clientId: p.clientId, unitId: p.unitId };
  // Follow-up the dataset does not carry.
  b.database.sqlite.prepare("update placements set move_in_date = '2026-12-15', contract_form = 'three-party' where id = ?").run(p.id);
  b.database.sqlite
    .prepare("insert into placement_checks values (?, 6, '2027-06-15', '2027-06-16', 1, 0, 'Gaat goed', 'tester')")
    .run(p.id);
  await b.close();
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

let file: string;
let n = 0;
beforeEach(() => {
  file = join(dir, `case-${++n}.sqlite`);
  copyFileSync(template, file);
});

describe('replacing a region that has rounds', () => {
  it('refuses a dataset without a client and a home the round names, saying how many and which, and changes nothing', async () => {
    const b = await open(file);
    const before = digest(b.database.sqlite);
    const error = await refusal(b, without(demo, [lockedPair.clientId], [lockedPair.unitId]));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(
      `Vervangen kan niet: 1 kandidaat (${lockedPair.clientId}) en 1 woning (${lockedPair.unitId}) ontbreken in de nieuwe dataset nieuw.json maar komen voor in ronden`,
    );
    expect(error.message).toContain('Er is niets gewijzigd.');
    expect(error.problems?.map((p) => p.path)).toEqual([`clients.${lockedPair.clientId}`, `units.${lockedPair.unitId}`]);
    expect(error.problems?.[0]?.message).toContain('ronde 1');
    expect(digest(b.database.sqlite)).toBe(before);
    await b.close();
  });

  it('refuses a dataset without the client of a placement the round made (also when no round row names it any more)', async () => {
    const b = await open(file);
    // Only the placement still names the client: drop it from every round table by hand.
    const s = b.database.sqlite;
    s.pragma('foreign_keys = OFF');
    for (const t of ['round_clients', 'round_controls', 'round_decisions']) s.prepare(`delete from ${t} where client_id = ?`).run(placed.clientId);
    s.prepare("update round_versions set proposal_json = '{}', greedy_json = '{}'").run();
    s.pragma('foreign_keys = ON');
    const before = digest(s);
    const error = await refusal(b, without(demo, [placed.clientId], []));
    expect(error.message).toContain(`1 kandidaat (${placed.clientId}) ontbreekt in de nieuwe dataset`);
    expect(error.problems?.[0]?.message).toContain(`ronde 1`);
    expect(digest(s)).toBe(before);
    await b.close();
  });

  it('a replace that keeps every named client and home works and keeps rounds, follow-up and checks', async () => {
    const b = await open(file);
    const s = b.database.sqlite;
    const kept = history(s);
    const followed = kept.followed ?? [];
    expect(followed).toHaveLength((s.prepare('select count(*) as n from placements where round_id is not null').get() as { n: number }).n);
    // The export, edited: a round member renamed, and a client nobody's history names dropped.
    const exported = await call(b, 'dataset.export', {});
    const named = new Set(
      (
        s
          .prepare('select client_id as id from round_clients union select client_id from placements where client_id is not null union select occupant_client_id from units where occupant_client_id is not null')
          .all() as { id: string }[]
      ).map((r) => r.id),
    );
    const loose = exported.clients.find((c) => !named.has(c.id));
    if (!loose) throw new Error('the demo region should have a client outside the round');
    const edited = without(exported, [loose.id], []);
    const member = edited.clients.find((c) => c.id === lockedPair.clientId)!;
    member.name = 'Nieuwe naam';
    await call(b, 'dataset.import', { dataset: edited, source: 'bewerkt.json' });
    expect(history(s)).toEqual(kept);
    expect((await call(b, 'clients.get', { id: lockedPair.clientId })).client.name).toBe('Nieuwe naam');
    expect(s.prepare('select count(*) as n from clients where id = ?').get(loose.id)).toEqual({ n: 0 });
    // The same again from the original demo file, which does not know the round's placements: they stay.
    await call(b, 'dataset.import', { dataset: demo, source: 'demo.json' });
    expect(history(s)).toEqual(kept);
    const audit = s.prepare("select detail from audit_log where action = 'import' order by id desc limit 1").get() as { detail: string };
    expect(JSON.parse(audit.detail).kept).toEqual({ rounds: 1, followedPlacements: followed.length });
    await b.close();
  });

  it('refuses, in Dutch, a dataset that lacks a neighbourhood a kept placement points at', async () => {
    const b = await open(file);
    const s = b.database.sqlite;
    const code = (s.prepare('select neighbourhood_code as c from placements where id = ?').get(placed.placementId) as { c: string | null }).c;
    if (!code) throw new Error('the placed unit should lie in a neighbourhood');
    // The demo without that neighbourhood, and without every dataset reference to it.
    const d = structuredClone(demo);
    d.neighbourhoods = d.neighbourhoods.filter((x) => x.code !== code);
    for (const u of d.units) if (u.neighbourhoodCode === code) u.neighbourhoodCode = null;
    for (const p of d.placements) if (p.neighbourhoodCode === code) p.neighbourhoodCode = null;
    for (const c of d.clients) {
      c.networkPlaces = c.networkPlaces.map((p) => (p.neighbourhoodCode === code ? { ...p, neighbourhoodCode: null } : p));
      c.avoidPlaces = c.avoidPlaces.map((p) => (p.neighbourhoodCode === code ? { ...p, neighbourhoodCode: null } : p));
      c.preferences.neighbourhoodCodes = c.preferences.neighbourhoodCodes.filter((x) => x !== code);
    }
    const before = digest(s);
    const error = await refusal(b, d);
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(`plaatsing verwijst naar buurt ${code} (neighbourhood_code)`);
    expect(error.message).toContain('Er is niets gewijzigd.');
    expect(error.message).not.toContain('SQLITE');
    expect(digest(s)).toBe(before);
    await b.close();
  });

  it('the schema forbids orphans: deleting a client or home a round names fails in SQLite itself', async () => {
    const b = await open(file);
    const s = b.database.sqlite;
    expect(() => s.prepare('delete from clients where id = ?').run(lockedPair.clientId)).toThrow(/FOREIGN KEY/);
    expect(() => s.prepare('delete from units where id = ?').run(lockedPair.unitId)).toThrow(/FOREIGN KEY/);
    expect(() => s.prepare("insert into round_clients values (1, 'K-9999', 1, '', '[]', 1)").run()).toThrow(/FOREIGN KEY/);
    expect(s.prepare('select count(*) as n from clients where id = ?').get(lockedPair.clientId)).toEqual({ n: 1 });
    await b.close();
  });

  it('import --replace on the command line: refused with the Dutch message and exit code 1, the database unchanged', async () => {
    const dataset = join(dir, `zonder-${n}.json`);
    writeFileSync(dataset, JSON.stringify(without(demo, [lockedPair.clientId], [])));
    // The CLI opens only encrypted databases: init encrypts this one and makes its first user.
    expect(await runCli(['init', ...AS_CHAIR, '--db', file], { out: () => undefined, err: () => undefined })).toBe(0);
    const key = await testKey(file);
    // Every row, but the command's own login (audited, with the chain's head; the user's last login).
    const read = async () => {
      const b = await createBackend(file, { host: 'test', key, mustExist: true });
      const s = b.database.sqlite;
      const d = {
        audit: s.prepare(WITHOUT_LOGINS).all(),
        rest: digest(s, ['audit_log', 'settings', 'users']),
        users: s.prepare('select name, role, active, version from users order by name').all(),
        settings: s.prepare("select * from settings where key != 'audit.head' order by key").all(),
      };
      await b.close();
      return d;
    };
    const before = await read();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['import', ...AS_CHAIR, '--db', file, '--dataset', dataset, '--replace'], { out: (l) => out.push(l), err: (l) => err.push(l) });
    expect(code).toBe(1);
    expect(err.join('\n')).toContain(`Vervangen kan niet: 1 kandidaat (${lockedPair.clientId}) ontbreekt in de nieuwe dataset zonder-${n}.json`);
    expect(err.join('\n')).not.toMatch(/SQLITE|at .*\.ts:\d+/);
    expect(await read()).toEqual(before);
  });
});

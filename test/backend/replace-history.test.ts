// Replacing the region keeps its history (issue 9, item 14): rounds and followed-up placements stay,
// a dataset that drops a client or home they name is refused with nothing changed, and the schema
// itself forbids round rows that point at nothing. Real SQLite files (or PostgreSQL databases), the
// real dispatcher and CLI (SQLite only: it opens encrypted files).
import { asChair } from '../../shared/auth/system-user';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Backend, createBackend } from '../../electron/backend/backend';
import { runCli } from '../../electron/backend/cli/cli';
import { AS_CHAIR, WITHOUT_LOGINS, testKey, useTestPassphrase } from './cli-login';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { call, decide, FIXED_NOW, importDataset } from './helpers';
import { copyPostgresDatabase, onPostgres, orPostgres } from '../pg/database';
import { bound, isPg, row, rows, rowsAsWritten, run } from '../pg/sql';
import { deferForeignKeys, tableNames } from '../../electron/backend/db/dialect';

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
async function digest(b: Backend, except: string[] = []): Promise<string> {
  const tables = (await tableNames(b.database.db)).filter((t) => !except.includes(t));
  const h = createHash('sha256');
  for (const t of tables) h.update(t).update(JSON.stringify(await rowsAsWritten(b, t)));
  return h.digest('hex');
}

/** The history a replace must keep, without the client and unit rows themselves (those are rewritten). */
async function history(b: Backend): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of ['rounds', 'round_clients', 'round_units', 'round_controls', 'round_versions', 'round_decisions', 'placement_checks']) {
    out[t] = await rowsAsWritten(b, t);
  }
  out.followed = await rows(
    b,
    'select id, client_id, unit_id, round_id, move_in_date, contract_form, support_start from placements where round_id is not null or move_in_date is not null order by id',
  );
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
  template = await orPostgres(join(dir, 'template.sqlite'));
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
  await run(b, "update placements set move_in_date = '2026-12-15', contract_form = 'three-party' where id = ?", p.id);
  await run(b, "insert into placement_checks values (?, 6, '2027-06-15', '2027-06-16', 1, 0, 'Gaat goed', 'tester')", p.id);
  await b.close();
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

let file: string;
let n = 0;
beforeEach(async () => {
  file = join(dir, `case-${++n}.sqlite`);
  if (onPostgres()) file = await copyPostgresDatabase(template);
  else copyFileSync(template, file);
});

describe('replacing a region that has rounds', () => {
  it('refuses a dataset without a client and a home the round names, saying how many and which, and changes nothing', async () => {
    const b = await open(file);
    const before = await digest(b);
    const error = await refusal(b, without(demo, [lockedPair.clientId], [lockedPair.unitId]));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(
      `Vervangen kan niet: 1 kandidaat (${lockedPair.clientId}) en 1 woning (${lockedPair.unitId}) ontbreken in de nieuwe dataset nieuw.json maar komen voor in ronden`,
    );
    expect(error.message).toContain('Er is niets gewijzigd.');
    expect(error.problems?.map((p) => p.path)).toEqual([`clients.${lockedPair.clientId}`, `units.${lockedPair.unitId}`]);
    expect(error.problems?.[0]?.message).toContain('ronde 1');
    expect(await digest(b)).toBe(before);
    await b.close();
  });

  it('refuses a dataset without the client of a placement the round made (also when no round row names it any more)', async () => {
    const b = await open(file);
    // Only the placement still names the client: drop it from every round table by hand (the foreign
    // keys off on SQLite; checked only at the commit on PostgreSQL, which has no switch for them).
    const unname = async (db: typeof b.database.db) => {
      for (const t of ['round_clients', 'round_controls', 'round_decisions']) await bound(`delete from ${t} where client_id = ?`, [placed.clientId]).execute(db);
      await bound("update round_versions set proposal_json = '{}', greedy_json = '{}'", []).execute(db);
    };
    if (isPg(b)) {
      await b.database.db.transaction().execute(async (trx) => {
        await deferForeignKeys(trx);
        await unname(trx);
      });
    } else {
      await run(b, 'pragma foreign_keys = OFF');
      await unname(b.database.db);
      await run(b, 'pragma foreign_keys = ON');
    }
    const before = await digest(b);
    const error = await refusal(b, without(demo, [placed.clientId], []));
    expect(error.message).toContain(`1 kandidaat (${placed.clientId}) ontbreekt in de nieuwe dataset`);
    expect(error.problems?.[0]?.message).toContain(`ronde 1`);
    expect(await digest(b)).toBe(before);
    await b.close();
  });

  it('a replace that keeps every named client and home works and keeps rounds, follow-up and checks', async () => {
    const b = await open(file);
    const kept = await history(b);
    const followed = kept.followed ?? [];
    expect(followed).toHaveLength((await row<{ n: number }>(b, 'select count(*) as n from placements where round_id is not null'))!.n);
    // The export, edited: a round member renamed, and a client nobody's history names dropped.
    const exported = await call(b, 'dataset.export', {});
    const named = new Set(
      (
        await rows<{ id: string }>(
          b,
          'select client_id as id from round_clients union select client_id from placements where client_id is not null union select occupant_client_id from units where occupant_client_id is not null',
        )
      ).map((r) => r.id),
    );
    const loose = exported.clients.find((c) => !named.has(c.id));
    if (!loose) throw new Error('the demo region should have a client outside the round');
    const edited = without(exported, [loose.id], []);
    const member = edited.clients.find((c) => c.id === lockedPair.clientId)!;
    member.name = 'Nieuwe naam';
    await call(b, 'dataset.import', { dataset: edited, source: 'bewerkt.json' });
    expect(await history(b)).toEqual(kept);
    expect((await call(b, 'clients.get', { id: lockedPair.clientId })).client.name).toBe('Nieuwe naam');
    expect(await row(b, 'select count(*) as n from clients where id = ?', loose.id)).toEqual({ n: 0 });
    // The same again from the original demo file, which does not know the round's placements: they stay.
    await call(b, 'dataset.import', { dataset: demo, source: 'demo.json' });
    expect(await history(b)).toEqual(kept);
    const audit = (await row<{ detail: string }>(b, "select detail from audit_log where action = 'import' order by id desc limit 1"))!;
    expect(JSON.parse(audit.detail).kept).toEqual({ rounds: 1, followedPlacements: followed.length });
    await b.close();
  });

  it('refuses, in Dutch, a dataset that lacks a neighbourhood a kept placement points at', async () => {
    const b = await open(file);
    const code = (await row<{ c: string | null }>(b, 'select neighbourhood_code as c from placements where id = ?', placed.placementId))!.c;
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
    const before = await digest(b);
    const error = await refusal(b, d);
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(`plaatsing verwijst naar buurt ${code} (neighbourhood_code)`);
    expect(error.message).toContain('Er is niets gewijzigd.');
    expect(error.message).not.toContain('SQLITE');
    expect(error.message).not.toMatch(/violates/);
    expect(await digest(b)).toBe(before);
    await b.close();
  });

  it('the schema forbids orphans: deleting a client or home a round names fails in the database itself', async () => {
    const b = await open(file);
    // SQLite's 'FOREIGN KEY constraint failed', PostgreSQL's '… violates foreign key constraint …'.
    const refused = isPg(b) ? /violates foreign key constraint/ : /FOREIGN KEY/;
    await expect(run(b, 'delete from clients where id = ?', lockedPair.clientId)).rejects.toThrow(refused);
    await expect(run(b, 'delete from units where id = ?', lockedPair.unitId)).rejects.toThrow(refused);
    await expect(run(b, "insert into round_clients values (1, 'K-9999', 1, '', '[]', 1)")).rejects.toThrow(refused);
    expect(await row(b, 'select count(*) as n from clients where id = ?', lockedPair.clientId)).toEqual({ n: 1 });
    await b.close();
  });

  // The CLI opens encrypted SQLite files only: on SQLite alone.
  it.skipIf(onPostgres())('import --replace on the command line: refused with the Dutch message and exit code 1, the database unchanged', async () => {
    const dataset = join(dir, `zonder-${n}.json`);
    writeFileSync(dataset, JSON.stringify(without(demo, [lockedPair.clientId], [])));
    // The CLI opens only encrypted databases: init encrypts this one and makes its first user.
    expect(await runCli(['init', ...AS_CHAIR, '--db', file], { out: () => undefined, err: () => undefined })).toBe(0);
    const key = await testKey(file);
    // Every row, but the command's own login (audited, with the chain's head; the user's last login).
    const read = async () => {
      const b = await createBackend(file, { host: 'test', key, mustExist: true });
      const d = {
        audit: await rows(b, WITHOUT_LOGINS),
        rest: await digest(b, ['audit_log', 'settings', 'users']),
        users: await rows(b, 'select name, role, active, version from users order by name'),
        settings: await rows(b, "select * from settings where key != 'audit.head' order by key"),
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

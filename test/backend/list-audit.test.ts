// Privacy duty for reads: every read of a list of client data through the API (clients.list,
// rounds.get, rounds.proposal, rounds.compare, placements.list, followup.todo, audit.list) writes one
// audit entry with the filter and the count; a refused read and reads of non-client data write none.
// Real dispatcher, real SQLite, the demo region.
import { asChair } from '../../shared/auth/system-user';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { row, rows } from '../pg/sql';
import { call, importDataset, memoryBackend } from './helpers';

const demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;

let b: Backend;
let roundId: number;

interface Entry {
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: Record<string, unknown>;
}
async function lastId(): Promise<number> {
  return (await row<{ id: number }>(b, 'select coalesce(max(id), 0) as id from audit_log'))!.id;
}
async function since(mark: number): Promise<Entry[]> {
  const found = await rows<Omit<Entry, 'detail'> & { detail: string }>(b, 'select actor, action, entity, entity_id, detail from audit_log where id > ? order by id', mark);
  return found.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

beforeAll(async () => {
  b = await memoryBackend();
  await importDataset(b, demo);
  roundId = (await call(b, 'rounds.create', { date: '2026-12-01', windowFrom: '2026-12-01', windowTo: '2027-01-31' })).id;
  await call(b, 'rounds.propose', { roundId });
  await call(b, 'rounds.propose', { roundId });
}, 120_000);
afterAll(async () => {
  await b.close();
});

describe('reads of client data are logged', () => {
  it('clients.list: one entry with the filter, the number of rows shown and the total', async () => {
    const mark = await lastId();
    const filter = { groups: ['BW' as const], search: 'a', limit: 5, offset: 0 };
    const out = await call(b, 'clients.list', filter, 'lezer');
    expect(out.rows.length).toBeGreaterThan(0);
    expect(await since(mark)).toEqual([
      { actor: 'lezer', action: 'list', entity: 'client', entity_id: null, detail: { filter, count: out.rows.length, total: out.total } },
    ]);
  });

  it('rounds.get, rounds.proposal and rounds.compare: one entry each, naming the round and how many clients', async () => {
    const mark = await lastId();
    const round = await call(b, 'rounds.get', { id: roundId });
    const pair = await call(b, 'rounds.proposal', { roundId, version: 1 });
    await call(b, 'rounds.compare', { roundId, a: 1, b: 2 });
    const entries = await since(mark);
    expect(entries.map((e) => [e.action, e.entity, e.entity_id])).toEqual([
      ['view', 'round', String(roundId)],
      ['view', 'proposal', String(roundId)],
      ['view', 'proposal-comparison', String(roundId)],
    ]);
    expect(entries[0]!.detail).toEqual({ filter: { id: roundId }, count: round.clients.length });
    const clients = new Set([...pair.proposal.matches, ...pair.proposal.unplaced, ...pair.greedy.matches, ...pair.greedy.unplaced].map((m) => m.clientId));
    expect(entries[1]!.detail).toEqual({ filter: { roundId, version: 1 }, count: clients.size });
    expect(entries[2]!.detail).toMatchObject({ filter: { roundId, a: 1, b: 2 } });
    expect(typeof entries[2]!.detail.count).toBe('number');
  });

  it('placements.list, followup.todo and audit.list: one entry each with filter and count', async () => {
    const mark = await lastId();
    const placements = await call(b, 'placements.list', {});
    const mine = await call(b, 'placements.list', { clientId: 'K-0001' });
    const todo = await call(b, 'followup.todo', {});
    const log = await call(b, 'audit.list', { limit: 3 });
    expect((await since(mark)).map((e) => [e.action, e.entity, e.detail])).toEqual([
      ['list', 'placement', { filter: {}, count: placements.length }],
      ['list', 'placement', { filter: { clientId: 'K-0001' }, count: mine.length }],
      ['list', 'followup', { filter: {}, count: todo.length }],
      ['list', 'audit', { filter: { limit: 3 }, count: log.length }],
    ]);
    expect(placements.length).toBeGreaterThan(0);
  });

  it('a refused read writes nothing; reads without client data are not logged', async () => {
    const mark = await lastId();
    const r = await b.dispatch('rounds.get', { id: 9999 }, asChair('lezer'));
    expect(r.ok).toBe(false);
    const bad = await b.dispatch('clients.list', { groups: ['XX'] }, asChair('lezer'));
    expect(bad.ok).toBe(false);
    await call(b, 'units.list', {});
    await call(b, 'rounds.list', {});
    await call(b, 'reference.get', {});
    expect(await since(mark)).toEqual([]);
  });

  it('internal reads (the review file reads the round) are not logged twice: only the export is', async () => {
    const round = await call(b, 'rounds.get', { id: roundId });
    const { proposal } = await call(b, 'rounds.proposal', { roundId, version: 2 });
    const corporationId = round.units.find((u) => u.id === proposal.matches[0]!.unitId)!.corporationId;
    const mark = await lastId();
    await call(b, 'review.export', { roundId, corporationId });
    expect((await since(mark)).map((e) => `${e.entity}:${e.action}`)).toEqual(['review:export']);
  });
});

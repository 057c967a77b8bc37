// What the client's page is fed about the client's history (clients.get), through a real round on the
// demo region: offers declined by the corporation with a reason and refused by the client, in the open
// round and after closing; the placement (home, where, when, which round) and the let home's tenant;
// why and since when a client is set aside or archived. The provider report reads the same offers.
// Real dispatcher and SQLite, no mocks.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { turnedDownSentence } from '../../shared/domain/offer-history';
import { FIXED_NOW, call, decide, importDataset, memoryBackend } from './helpers';
import { tableOf } from './report-doc-reading';

const demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;

let b: Backend;
let roundId: number;
type Pair = { clientId: string; unitId: string };
let declined: Pair;
let refused: Pair;
let refusedByReason: Pair;
let placed: Pair;

beforeAll(async () => {
  b = await memoryBackend();
  await importDataset(b, demo);
  ({ id: roundId } = await call(b, 'rounds.create', { date: '2026-12-04', windowFrom: '2026-12-04', windowTo: '2027-01-31' }));
  const { proposal, version } = await call(b, 'rounds.propose', { roundId });
  const pairs = proposal.matches.map((m) => ({ clientId: m.clientId, unitId: m.unitId }));
  expect(pairs.length).toBeGreaterThan(4);
  [declined, refused, refusedByReason, placed] = pairs as [Pair, Pair, Pair, Pair];
  await decide(b, { roundId, version, ...declined, decision: 'declined', declineReason: 'rent-debt', clientAnswer: 'pending' });
  await decide(b, { roundId, version, ...refused, decision: 'accepted', clientAnswer: 'refused' });
  await decide(b, { roundId, version, ...refusedByReason, decision: 'declined', declineReason: 'client-refused', clientAnswer: 'refused' });
  for (const p of pairs.slice(3)) await decide(b, { roundId, version, ...p, decision: 'accepted', clientAnswer: 'accepted' });
});
afterAll(async () => {
  await b.close();
});

describe('clients.get: offers turned down in rounds', () => {
  it('in the open round: the corporation declined with its reason, the client refused', async () => {
    const d = await call(b, 'clients.get', { id: declined.clientId });
    expect(d.turnedDown).toEqual([
      expect.objectContaining({ roundId, roundDate: '2026-12-04', roundClosed: false, unitId: declined.unitId, by: 'corporation', declineReason: 'rent-debt', decidedAt: FIXED_NOW.toISOString() }),
    ]);
    expect(turnedDownSentence(d.turnedDown[0]!)).toBe(`Afgewezen door de corporatie op 27 november 2026 (ronde ${roundId}, nog open): huurschuld`);
    const r = await call(b, 'clients.get', { id: refused.clientId });
    expect(r.turnedDown).toEqual([expect.objectContaining({ roundId, unitId: refused.unitId, by: 'client', declineReason: null })]);
    // The untouched and the accepted: nothing turned down.
    expect((await call(b, 'clients.get', { id: placed.clientId })).turnedDown).toEqual([]);
  });

  it('after closing: the same offers, in a closed round, with the home; the placed client shows where', async () => {
    await call(b, 'rounds.close', { roundId });
    const d = await call(b, 'clients.get', { id: declined.clientId });
    const unit = demo.units.find((u) => u.id === declined.unitId)!;
    const municipality = demo.municipalities.find((m) => m.code === unit.municipalityCode)!.name;
    expect(d.turnedDown).toEqual([
      {
        roundId,
        roundDate: '2026-12-04',
        roundClosed: true,
        unitId: declined.unitId,
        by: 'corporation',
        declineReason: 'rent-debt',
        decidedAt: FIXED_NOW.toISOString(),
        unitKind: unit.kind,
        municipality,
      },
    ]);
    expect(turnedDownSentence(d.turnedDown[0]!)).toBe(`Afgewezen door de corporatie op 27 november 2026 (ronde ${roundId}): huurschuld`);
    expect(d.placement).toBeNull();
    for (const p of [refused, refusedByReason]) {
      const c = await call(b, 'clients.get', { id: p.clientId });
      expect(c.client.status).toBe('active');
      expect(c.turnedDown.map((o) => [o.by, o.declineReason, o.roundClosed])).toEqual([['client', null, true]]);
      expect(turnedDownSentence(c.turnedDown[0]!)).toBe(`Geweigerd door de cliënt op 27 november 2026 (ronde ${roundId})`);
    }

    const c = await call(b, 'clients.get', { id: placed.clientId });
    expect(c.client.status).toBe('placed');
    const home = demo.units.find((u) => u.id === placed.unitId)!;
    expect(c.placement).toEqual({
      id: `P-R${roundId}-${placed.clientId}`,
      date: '2026-12-04',
      roundId,
      unitId: placed.unitId,
      address: home.address,
      unitKind: home.kind,
      neighbourhood: home.neighbourhoodCode ? demo.neighbourhoods.find((n) => n.code === home.neighbourhoodCode)!.name : null,
      municipality: demo.municipalities.find((m) => m.code === home.municipalityCode)!.name,
      corporation: demo.corporations.find((o) => o.id === home.corporationId)!.name,
      moveInDate: null,
    });
    // The let home: its tenant and since when, from its placement.
    expect((await call(b, 'units.get', { id: placed.unitId })).status).toBe('let');
    const letting = await call(b, 'placements.list', { unitId: placed.unitId });
    expect(letting.map((p) => [p.clientId, p.date, p.roundId])).toEqual([[placed.clientId, '2026-12-04', roundId]]);
  });

  it('the provider report says the same: declined by the corporation with its reason, refused by the client', async () => {
    for (const [p, remark] of [
      [declined, `eerder afgewezen door de corporatie in ronde ${roundId}: huurschuld`],
      [refused, `eerder geweigerd door de cliënt in ronde ${roundId}`],
    ] as const) {
      const providerId = demo.clients.find((c) => c.id === p.clientId)!.careProviderId;
      const doc = await call(b, 'reports.provider', { careProviderId: providerId });
      const row = tableOf(doc, 'kandidaten').rows.find((r) => r.key === p.clientId)!;
      expect(String(row.cells.status)).toContain(`(${remark})`);
    }
  });

  it('a placement from before the register (no home in it) still says where and when', async () => {
    const before = demo.placements.find((p) => p.clientId !== null && p.unitId === null)!;
    const c = await call(b, 'clients.get', { id: before.clientId! });
    expect(c.placement).toMatchObject({ date: before.date, roundId: null, unitId: null, address: null, municipality: 'Almere' });
    expect(c.placement?.neighbourhood).toBeTruthy();
  });
});

describe('clients.get: why and since when a client is set aside or archived', () => {
  it('reads the reason and the moment from the status change', async () => {
    const id = declined.clientId;
    await call(b, 'clients.setStatus', { id, status: 'set-aside', reason: 'Wil eerst de opleiding afronden' });
    expect((await call(b, 'clients.get', { id })).statusChange).toEqual({ status: 'set-aside', at: FIXED_NOW.toISOString(), reason: 'Wil eerst de opleiding afronden' });
    await call(b, 'clients.setStatus', { id, status: 'archived', reason: 'Verhuisd naar familie buiten de regio' });
    expect((await call(b, 'clients.get', { id })).statusChange).toEqual({ status: 'archived', at: FIXED_NOW.toISOString(), reason: 'Verhuisd naar familie buiten de regio' });
    await call(b, 'clients.setStatus', { id, status: 'active', reason: '' });
    expect((await call(b, 'clients.get', { id })).statusChange).toBeNull();
  });

  it('a status that came in by the import has no change recorded: null, not a guess', async () => {
    const parked = demo.clients.find((c) => c.status === 'set-aside')!;
    expect((await call(b, 'clients.get', { id: parked.id })).statusChange).toBeNull();
  });
});

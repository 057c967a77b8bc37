// A year of monthly rounds on the demo region through the real dispatcher, solver and SQLite: when a round
// places the occupant (omklap tenant) of a home in another home, closing the round frees that home — the
// occupant is cleared, it is in the home's history, the confirmation said so beforehand, the proposal
// said so too, and a later round offers the home to others. A close that fails after the release leaves
// nothing of it behind. Homes already held for an occupant placed elsewhere are shown to the chair.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { asChair } from '../../shared/auth/system-user';
import { auditLine, auditNames } from '../../renderer/src/ui/audit-text.util';
import { allowInserts, refuseInserts, row, rows, run } from '../pg/sql';
import { call, decide, importDataset, memoryBackend } from './helpers';

const demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;
const OCCUPIED = demo.units.filter((u) => u.occupantClientId !== null).map((u) => ({ unitId: u.id, clientId: u.occupantClientId! }));

/** "2026-12-04" plus n months (day kept; all days used here exist in every month). */
function plusMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + n, d));
  return t.toISOString().slice(0, 10);
}

interface UnitRow {
  id: string;
  status: string;
  kind: string;
  occupant_client_id: string | null;
  available_from: string;
}

let b: Backend;
const units = (): Promise<UnitRow[]> => rows<UnitRow>(b, 'select id, status, kind, occupant_client_id, available_from from units order by id');
const clientStatus = async (id: string) => (await row<{ status: string }>(b, 'select status from clients where id = ?', id))!.status;
const placementsOf = (clientId: string) => rows<{ unit_id: string }>(b, 'select unit_id from placements where client_id = ? and round_id is not null', clientId);
const unitAudit = (unitId: string) =>
  rows<{ detail: string }>(b, "select detail from audit_log where entity = 'unit' and action = 'update' and entity_id = ? order by id", unitId);

beforeAll(async () => {
  b = await memoryBackend();
  await importDataset(b, demo);
});
afterAll(async () => {
  await b.close();
});

describe('closing rounds frees the omklap homes of tenants placed elsewhere', () => {
  it('the demo region has omklap homes with an occupant to begin with', () => {
    expect(OCCUPIED.length).toBeGreaterThan(0);
  });

  it('a year of monthly rounds: after every close no home is held for someone placed elsewhere', async () => {
    const released: { round: number; unitId: string; clientId: string; toUnitId: string }[] = [];
    let placedTotal = 0;
    let failedOnce = false;
    for (let month = 0; month < 12; month++) {
      const date = plusMonths('2026-12-04', month);
      const { id: roundId } = await call(b, 'rounds.create', { date, windowFrom: date, windowTo: plusMonths(date, 2) });
      // A home freed by an earlier close is offered in this round when it is free in time.
      for (const r of released) {
        const u = (await units()).find((x) => x.id === r.unitId)!;
        if (u.status === 'available' && u.available_from <= plusMonths(date, 2)) {
          const round = await call(b, 'rounds.get', { id: roundId });
          expect(round.units.map((m) => m.id)).toContain(r.unitId);
        }
      }
      const { proposal, version } = await call(b, 'rounds.propose', { roundId });
      // Decisions as at a real table: every fourth pair declined by the corporation (back to the pool).
      for (const [i, m] of proposal.matches.entries()) {
        if (i % 4 === 3) await decide(b, { roundId, version, clientId: m.clientId, unitId: m.unitId, decision: 'declined', declineReason: 'liveability', clientAnswer: 'pending' });
        else await decide(b, { roundId, version, clientId: m.clientId, unitId: m.unitId, decision: 'accepted', clientAnswer: 'accepted' });
      }

      // What the chair sees before confirming: the homes closing will free.
      const before = await call(b, 'rounds.get', { id: roundId });
      const heldBefore = new Map((await units()).filter((u) => u.occupant_client_id).map((u) => [u.id, u]));
      const placedPairs = before.outcome.filter((o) => o.fate === 'placed');
      const expected = placedPairs.flatMap((p) =>
        [...heldBefore.values()]
          .filter((u) => u.occupant_client_id === p.clientId && u.id !== p.unitId && u.status !== 'let')
          .map((u) => ({ unitId: u.id, kind: u.kind, clientId: p.clientId, toUnitId: p.unitId })),
      );
      expect(before.releases).toEqual(expected);
      // The proposal said it beforehand: each such match names the home it moves its tenant out of.
      for (const r of expected) {
        const m = proposal.matches.find((x) => x.clientId === r.clientId)!;
        expect(m.movesOut).toMatchObject({ unitId: r.unitId });
        expect(m.movesOut!.note).toContain(`Verhuist uit ${r.kind === 'omklap' ? 'omklapwoning' : 'woning'} ${r.unitId}`);
      }

      // Once, a close that fails at its very end (the round's own audit entry refused by the database):
      // nothing of it stays, the release included.
      if (expected.length > 0 && !failedOnce) {
        failedOnce = true;
        await refuseInserts(b, 'audit_log', 'test: close refused', "new.action = 'close' and new.entity = 'round'");
        const r = await b.dispatch('rounds.close', { roundId }, asChair('tester'));
        await allowInserts(b, 'audit_log');
        expect(r.ok).toBe(false);
        for (const e of expected) {
          expect((await units()).find((u) => u.id === e.unitId)!.occupant_client_id).toBe(e.clientId);
          expect(await unitAudit(e.unitId)).toHaveLength(0);
          expect(await clientStatus(e.clientId)).toBe('active');
        }
        expect((await call(b, 'rounds.get', { id: roundId })).status).not.toBe('closed');
      }

      const closed = await call(b, 'rounds.close', { roundId });
      placedTotal += closed.placements.length;
      expect(closed.released).toEqual(expected);
      for (const r of closed.released) {
        const u = (await units()).find((x) => x.id === r.unitId)!;
        // Freed: no occupant, still its corporation's home of the same kind, not let, free from the round's date.
        expect(u.occupant_client_id).toBeNull();
        expect(u.kind).toBe(heldBefore.get(r.unitId)!.kind);
        expect(u.status).toBe(heldBefore.get(r.unitId)!.status);
        expect(u.available_from >= date).toBe(true);
        // In the home's history, with why.
        const history = (await unitAudit(r.unitId)).map((e) => JSON.parse(e.detail) as { before: { occupantClientId?: string }; after: { occupantClientId?: null }; reason: string });
        expect(history.at(-1)).toMatchObject({ before: { occupantClientId: r.clientId }, after: { occupantClientId: null } });
        expect(history.at(-1)!.reason).toContain(`ronde ${roundId} afgesloten`);
        released.push({ round: roundId, ...r });
      }
      // The closed round keeps saying what it freed.
      expect((await call(b, 'rounds.get', { id: roundId })).releases).toEqual(closed.released);

      // The invariant: no home keeps an occupant who was placed in another home.
      for (const u of await units()) {
        if (!u.occupant_client_id) continue;
        const elsewhere = (await placementsOf(u.occupant_client_id)).filter((p) => p.unit_id !== u.id);
        expect(elsewhere, `${u.id} is still held for ${u.occupant_client_id}, placed in ${elsewhere.map((p) => p.unit_id).join(', ')}`).toEqual([]);
      }
      // And the chair is warned of none.
      expect((await call(b, 'rounds.get', { id: roundId })).heldHomes).toEqual([]);
    }
    expect(placedTotal).toBeGreaterThan(0);
    expect(failedOnce).toBe(true);
    // The figure the issue counts: homes that would have stayed held for a tenant placed elsewhere.
    console.log(`omklap replay: ${placedTotal} placements in 12 rounds, ${released.length} homes freed: ${released.map((r) => `${r.unitId} (${r.clientId} → ${r.toUnitId}, ronde ${r.round})`).join('; ')}`);
    expect(released.length).toBeGreaterThan(0);
    // The Logboek reads each release in Dutch: the occupant cleared, and why.
    const names = auditNames(await call(b, 'reference.get', {}), []);
    const entries = (
      await rows<{ action: string; entity: string; entity_id: string; detail: string }>(
        b,
        "select action, entity, entity_id, detail from audit_log where entity = 'unit' and action = 'update' order by id",
      )
    ).map((e) => ({ action: e.action, entity: e.entity, entityId: e.entity_id, detail: e.detail }));
    expect(entries).toHaveLength(released.length);
    for (const e of entries) {
      const line = auditLine(e, names);
      expect(line.action).toBe('gewijzigd');
      expect(line.detail).toMatch(/^bewoner: K-\d+ → —/);
      expect(line.detail).toMatch(/reden: ronde \d+ afgesloten: de bewoner verhuist naar W-\d+, de omklapwoning komt vrij/);
      expect(line.detail).not.toMatch(/[{}"]|occupant|available/);
    }
    // A freed home is not held for anyone afterwards unless a round placed someone there.
    for (const r of released) {
      const u = (await units()).find((x) => x.id === r.unitId)!;
      if (u.occupant_client_id !== null) expect(u.status).toBe('let');
    }
  }, 600_000);

  it('a home held for an occupant placed or archived elsewhere is shown to the chair', async () => {
    // Stuck the way it was before closes freed homes: an occupant set on an available home whose tenant
    // is already placed in another home, and one whose tenant is archived.
    const all = await units();
    const placedClient = (await row<{ client_id: string; unit_id: string }>(b, "select client_id, unit_id from placements where round_id is not null order by id limit 1"))!;
    const free = all.filter((u) => u.status === 'available' && u.occupant_client_id === null);
    expect(free.length).toBeGreaterThanOrEqual(2);
    const active = (await row<{ id: string }>(b, "select id from clients where status = 'active' order by id limit 1"))!;
    await run(b, 'update units set occupant_client_id = ? where id = ?', placedClient.client_id, free[0]!.id);
    await run(b, 'update units set occupant_client_id = ? where id = ?', active.id, free[1]!.id);
    await call(b, 'clients.setStatus', { id: active.id, status: 'archived', reason: 'Verhuisd buiten de regio' });
    const { id: roundId } = await call(b, 'rounds.create', { date: '2027-12-03', windowFrom: '2027-12-03', windowTo: '2028-01-31' });
    const round = await call(b, 'rounds.get', { id: roundId });
    expect(round.heldHomes).toEqual([
      { unitId: free[0]!.id, kind: free[0]!.kind, clientId: placedClient.client_id, clientStatus: 'placed', placedAt: placedClient.unit_id },
      { unitId: free[1]!.id, kind: free[1]!.kind, clientId: active.id, clientStatus: 'archived', placedAt: null },
    ].sort((x, y) => (x.unitId < y.unitId ? -1 : 1)));
  });
});

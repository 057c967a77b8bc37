// Trying a draft policy before it is saved (policies.whatIf), through the real dispatcher, SQLite and the
// proposal worker with HiGHS: the region's own last twelve months replayed under the policy in force and
// under the draft, and the newest open round proposed under both; nothing saved, the try audited, a
// stop honoured. The history replay itself is checked against counts made here from the register.
import { row } from '../pg/sql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { cancelJob } from '../../electron/backend/api/dispatcher';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import { asChair } from '../../shared/auth/system-user';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import type { PolicySettings } from '../../shared/domain/policy';
import { historyReplay } from '../../shared/engine/policy-what-if';
import { call, importDataset, memoryBackend, rowCount } from './helpers';

const demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;
const inForce = demo.policies.find((p) => p.id === 'beleid-2026')!.settings as PolicySettings;
/** No placements at all in a capped neighbourhood (a hard cap of 0): fewer placements, for certain. */
const strict = (): PolicySettings => ({ ...structuredClone(inForce), caps: { ...inForce.caps, perNeighbourhood: 0 } });

let b: Backend;
beforeAll(async () => {
  b = await memoryBackend();
  await importDataset(b, demo);
});
afterAll(async () => {
  await b?.close();
});

describe('the history replay of the register', () => {
  it('starts with who was ready and waiting a year ago, and lets everyone else arrive in the month of their date', () => {
    const h = historyReplay(demo, '2026-11-27', 12);
    expect(h.startDate).toBe('2025-11-27');
    const end = '2026-11-27';
    // Counted here from the register: clients active or placed with a woonrijp date before the end,
    // not placed before the start; homes not reserved, free before the end, not let before the start.
    const placedBefore = new Set(demo.placements.filter((p) => p.date < h.startDate && p.clientId).map((p) => p.clientId));
    const letBefore = new Set(demo.placements.filter((p) => p.date < h.startDate && p.unitId).map((p) => p.unitId));
    const clients = demo.clients.filter((c) => (c.status === 'active' || c.status === 'placed') && c.readyDate !== null && c.readyDate < end && !placedBefore.has(c.id));
    const units = demo.units.filter((u) => u.status !== 'reserved' && u.availableFrom < end && !letBefore.has(u.id));
    const arrivedClients = h.arrivalsByMonth.flatMap((a) => a.clients.map((c) => c.id));
    const startClients = h.start.clients.filter((c) => c.status === 'active').map((c) => c.id);
    expect([...startClients, ...arrivedClients].sort()).toEqual(clients.map((c) => c.id).sort());
    expect([...h.start.units.map((u) => u.id), ...h.arrivalsByMonth.flatMap((a) => a.units.map((u) => u.id))].sort()).toEqual(units.map((u) => u.id).sort());
    // Each arrives in the month its date falls in; the starting pool was ready before the start.
    h.arrivalsByMonth.forEach((a, m) => {
      const from = new Date(Date.UTC(2025, 10 + m, 27)).toISOString().slice(0, 10);
      const to = new Date(Date.UTC(2025, 11 + m, 27)).toISOString().slice(0, 10);
      for (const c of a.clients) expect(c.readyDate! >= from && c.readyDate! < to, `${c.id} ready ${c.readyDate} in month ${m + 1}`).toBe(true);
      for (const u of a.units) expect(u.availableFrom >= from && u.availableFrom < to, `${u.id} free ${u.availableFrom} in month ${m + 1}`).toBe(true);
    });
    for (const c of h.start.clients.filter((x) => x.status === 'active')) expect(c.readyDate! < h.startDate).toBe(true);
    // As they stood then: waiting (active, every condition met), homes free; history before the start only.
    for (const c of [...h.start.clients.filter((x) => x.status === 'active'), ...h.arrivalsByMonth.flatMap((a) => a.clients)]) {
      expect(c.readiness.every((r) => r.done)).toBe(true);
    }
    for (const u of [...h.start.units, ...h.arrivalsByMonth.flatMap((a) => a.units)]) expect(u.status).toBe('available');
    expect(h.start.placements.every((p) => p.date < h.startDate)).toBe(true);
    expect(h.start.placements.length).toBe(demo.placements.filter((p) => p.date < h.startDate).length);
  });
});

describe('policies.whatIf', () => {
  it('without an open round: the twelve months under both policies, the same figures for the same policy, nothing saved', async () => {
    const versions = await rowCount(b, 'policy_profiles');
    const same = await call(b, 'policies.whatIf', { settings: structuredClone(inForce) });
    expect(same.roundId).toBeNull();
    expect(same.inForce.round).toBeNull();
    expect(same.months).toBe(12);
    expect(same.startDate).toBe('2025-11-27');
    expect(same.endDate).toBe('2026-11-26');
    expect(same.draft.replay).toEqual(same.inForce.replay);
    const r = same.inForce.replay;
    expect(r.placementsPerMonth).toHaveLength(12);
    expect(r.placementsPerMonth.reduce((a, x) => a + x, 0)).toBe(r.placed);
    expect(r.placed).toBeGreaterThan(0);
    expect(r.placed + r.stillWaiting).toBeLessThanOrEqual(same.clients);
    expect(r.quotaUse.reduce((a, q) => a + q.placed, 0)).toBeLessThanOrEqual(r.placed);
    // The stricter draft places fewer, and no more in any neighbourhood with a cap.
    const stricter = await call(b, 'policies.whatIf', { settings: strict() });
    expect(stricter.inForce.replay).toEqual(r);
    expect(stricter.draft.replay.placed).toBeLessThan(r.placed);
    expect(stricter.draft.replay.emptyHomeMonths).toBeGreaterThan(r.emptyHomeMonths);
    expect(await rowCount(b, 'policy_profiles')).toBe(versions);
    // Audited: which policy it was tried against, and what the draft changed.
    const entry = (await row<{ entity_id: string; detail: string }>(b, "select entity_id, detail from audit_log where entity = 'policy' and action = 'what-if' order by id desc limit 1"))!;
    expect(entry.entity_id).toBe('beleid-2026');
    const detail = JSON.parse(entry.detail) as { changes: { path: string; before: unknown; after: unknown }[]; draftPlaced: number; inForcePlaced: number };
    expect(detail.changes).toEqual([{ path: 'caps.perNeighbourhood', before: 2, after: 0 }]);
    expect(detail.draftPlaced).toBe(stricter.draft.replay.placed);
  });

  it('with an open round: the round proposed under both, the policy in force as rounds.propose proposes it', async () => {
    const roundId = (await call(b, 'rounds.create', { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31', note: '' })).id;
    const out = await call(b, 'policies.whatIf', { settings: strict() });
    expect(out.roundId).toBe(roundId);
    const proposed = await call(b, 'rounds.propose', { roundId });
    expect(out.inForce.round!.placed).toBe(proposed.proposal.matches.length);
    expect(out.inForce.round!.totalScore).toBeCloseTo(proposed.proposal.totalScore, 2);
    expect(out.draft.round!.placed).toBeLessThan(out.inForce.round!.placed);
    expect(out.draft.round!.figures.highestNeighbourhoodLoad?.placements ?? 0).toBeLessThanOrEqual(proposed.proposal.figures.highestNeighbourhoodLoad?.placements ?? 0);
  });

  it('a draft that plans for later: the open round keeps a place for later under the draft, not under the policy in force', async () => {
    const planning = { ...structuredClone(inForce), planning: { hold: 1, emptyHomeMonthCost: 5 } };
    const out = await call(b, 'policies.whatIf', { settings: planning });
    expect(out.inForce.round!.held).toEqual([]);
    expect(out.draft.round!.held.length).toBeGreaterThan(0);
    for (const h of out.draft.round!.held) expect(h).toMatch(/bewaard; verwacht betere match volgende ronde/);
    expect(out.draft.round!.totalScore).toBeLessThan(out.inForce.round!.totalScore);
  });

  it('a stopped try answers CANCELLED and writes no audit entry', async () => {
    const before = await rowCount(b, 'audit_log');
    const pending = b.dispatch('policies.whatIf', { settings: strict(), jobId: 'what-if-stop' }, asChair('tester'));
    expect(cancelJob('what-if-stop')).toBe(true);
    const r = await pending;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CANCELLED');
    expect(await rowCount(b, 'audit_log')).toBe(before);
  });

  it('a draft that breaks the policy rules is refused with where', async () => {
    const bad = strict();
    bad.caps.periodMonths = -1;
    const r = await b.dispatch('policies.whatIf', { settings: bad }, asChair('tester'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(JSON.stringify(r.error.problems)).toContain('periodMonths');
    }
  });
});

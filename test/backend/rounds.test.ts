// A whole uitstroomtafel round on the demo region, through the real dispatcher and SQLite: prepare,
// propose (optimal + greedy), adjust and re-run, compare, decide, close, and follow up the placements.
import { row, rows } from '../pg/sql';
import { asChair } from '../../shared/auth/system-user';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { cancelJob } from '../../electron/backend/api/dispatcher';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { call, decide, importDataset, memoryBackend, rowCount } from './helpers';

const demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;
const MICHELLE = 'K-0001';
const UNREADY = 'K-0009'; // BW, open: income, debts, home-seeker

let b: Backend;
let roundId: number;

/** The audit actions of changes written since `from` (an audit id), oldest first; logged reads ('view', 'list') left out. */
async function actionsSince(from: number): Promise<string[]> {
  const logged = await rows<{ action: string; entity: string }>(b, "select action, entity from audit_log where id > ? and action not in ('view', 'list') order by id", from);
  return logged.map((r) => `${r.entity}:${r.action}`);
}
async function lastAuditId(): Promise<number> {
  return Number((await row<{ id: number }>(b, 'select coalesce(max(id), 0) as id from audit_log'))!.id);
}
async function fails(method: Parameters<typeof b.dispatch>[0], input: unknown): Promise<{ code: string; message: string }> {
  const r = await b.dispatch(method, input, asChair('tester'));
  if (r.ok) throw new Error(`${String(method)} should have failed`);
  return r.error;
}

beforeAll(async () => {
  b = await memoryBackend();
  await importDataset(b, demo);
});
afterAll(async () => {
  await b.close();
});

describe('rounds', () => {
  it('prepares a round: ready clients included, an unready one excluded with his open items, available homes', async () => {
    const mark = await lastAuditId();
    roundId = (await call(b, 'rounds.create', { date: '2026-12-01', windowFrom: '2026-12-01', windowTo: '2027-01-31', note: 'Ronde december' })).id;
    expect(await actionsSince(mark)).toEqual(['round:create']);
    const round = await call(b, 'rounds.get', { id: roundId });
    expect(round.status).toBe('preparing');
    const michelle = round.clients.find((c) => c.id === MICHELLE);
    expect(michelle).toMatchObject({ name: 'Michelle', included: true, manual: false, originMunicipality: 'Noordoostpolder' });
    const unready = round.clients.find((c) => c.id === UNREADY);
    expect(unready?.included).toBe(false);
    expect(unready?.openItems).toEqual(['Inkomen loopt door na de verhuizing', 'Schulden onder beheer', 'Ingeschreven als woningzoekende']);
    expect(unready?.reason).toContain('Schulden onder beheer');
    // Housing First skips the gate.
    expect(round.clients.find((c) => c.id === 'K-0003')?.included).toBe(true);
    // Only active clients are members.
    expect(round.clients.some((c) => c.id === 'K-0012')).toBe(false);
    expect(round.units.length).toBeGreaterThan(0);
    expect(round.units.every((u) => u.availableFrom <= '2027-01-31')).toBe(true);
    const list = await call(b, 'rounds.list', {});
    expect(list[0]).toMatchObject({ id: roundId, status: 'preparing', latest: null });
    expect(list[0]?.counts.placements).toBe(0);
    expect(list[0]?.counts.clientsExcluded).toBeGreaterThan(0);
  });

  it('lets the chair drop and re-add a member with a reason', async () => {
    const mark = await lastAuditId();
    await call(b, 'rounds.setMember', { roundId, kind: 'client', id: 'K-0013', included: false, reason: 'Verhuist zelf' });
    let round = await call(b, 'rounds.get', { id: roundId });
    expect(round.clients.find((c) => c.id === 'K-0013')).toMatchObject({ included: false, manual: true, reason: 'Verhuist zelf' });
    await call(b, 'rounds.setMember', { roundId, kind: 'client', id: 'K-0013', included: true, reason: 'Toch mee' });
    round = await call(b, 'rounds.get', { id: roundId });
    expect(round.clients.find((c) => c.id === 'K-0013')?.included).toBe(true);
    expect(await actionsSince(mark)).toEqual(['round:member-drop', 'round:member-add']);
    expect((await fails('rounds.setMember', { roundId, kind: 'client', id: 'K-0013', included: false, reason: '' })).code).toBe('VALIDATION');
  });

  it('a cancelled proposal stores nothing', async () => {
    const mark = await lastAuditId();
    const pending = b.dispatch('rounds.propose', { roundId, jobId: 'job-cancel' }, asChair('tester'));
    // The job registers synchronously up to its first await; cancel it right away.
    expect(cancelJob('job-cancel')).toBe(true);
    const r = await pending;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CANCELLED');
    expect(await rowCount(b, 'round_versions')).toBe(0);
    expect(await actionsSince(mark)).toEqual([]);
  });

  it('proposes version 1 with Michelle in Lelystad and the greedy figures beside it', async () => {
    const mark = await lastAuditId();
    const out = await call(b, 'rounds.propose', { roundId, jobId: 'job-1' });
    expect(out.version).toBe(1);
    expect(out.proposal.strategy).toBe('optimal');
    expect(out.greedy.strategy).toBe('greedy');
    const m = out.proposal.matches.find((x) => x.clientId === MICHELLE);
    expect(m).toBeTruthy();
    const unit = demo.units.find((u) => u.id === m?.unitId);
    expect(unit?.municipalityCode).toBe('GM0995');
    expect(await actionsSince(mark)).toEqual(['round:propose']);
    const round = await call(b, 'rounds.get', { id: roundId });
    expect(round.status).toBe('proposed');
    expect(round.versions).toHaveLength(1);
    expect(round.versions[0]?.greedyFigures.placed).toBe(out.greedy.figures.placed);
    expect(round.versions[0]?.greedyTotalScore).toBe(out.greedy.totalScore);
    expect(round.versions[0]?.createdBy).toBe('tester');
    const stored = await call(b, 'rounds.proposal', { roundId, version: 1 });
    expect(stored.proposal.matches).toEqual(out.proposal.matches);
    // The unready client is not in the engine's round at all.
    expect(out.proposal.matches.some((x) => x.clientId === UNREADY)).toBe(false);
  });

  it('locks a pair, re-runs (version 2 keeps it) and compares the versions', async () => {
    const v1 = await call(b, 'rounds.proposal', { roundId, version: 1 });
    // Lock some included client to a unit it did not get in version 1, where the engine allows it.
    const target = v1.proposal.matches.find((m) => m.alternatives.forClient.length > 0 && m.clientId !== MICHELLE);
    expect(target).toBeTruthy();
    const alt = target!.alternatives.forClient[0]!;
    const mark = await lastAuditId();
    await call(b, 'rounds.addControl', { roundId, kind: 'lock', clientId: target!.clientId, unitId: alt.unitId, reason: 'Wens van de tafel' });
    const out = await call(b, 'rounds.propose', { roundId });
    expect(out.version).toBe(2);
    const locked = out.proposal.matches.find((m) => m.clientId === target!.clientId);
    expect(locked).toMatchObject({ unitId: alt.unitId, locked: true });
    expect(await actionsSince(mark)).toEqual(['round:control-add', 'round:propose']);
    const round = await call(b, 'rounds.get', { id: roundId });
    expect(round.versions[1]?.controls.locks).toEqual([{ clientId: target!.clientId, unitId: alt.unitId, reason: 'Wens van de tafel' }]);
    const cmp = await call(b, 'rounds.compare', { roundId, a: 1, b: 2 });
    expect(cmp.onlyInB).toContainEqual({ clientId: target!.clientId, unitId: alt.unitId });
    expect(cmp.moved).toContainEqual({ clientId: target!.clientId, fromUnitId: target!.unitId, toUnitId: alt.unitId });
    expect(cmp.a.figures.placed).toBe(v1.proposal.figures.placed);
    expect(cmp.b.figures.placed).toBe(out.proposal.figures.placed);
  });

  it('records decisions (one decline), forbids the declined pair in the next run unless lifted, and closes', async () => {
    const v2 = await call(b, 'rounds.proposal', { roundId, version: 2 });
    const pairs = v2.proposal.matches.map((m) => ({ clientId: m.clientId, unitId: m.unitId }));
    expect(pairs.length).toBeGreaterThan(2);
    const declined = pairs.find((p) => p.clientId !== MICHELLE)!;
    const others = pairs.filter((p) => p !== declined);

    // Validation: conditions and a decline reason are required.
    expect((await fails('rounds.decide', { roundId, version: 2, seenDecidedAt: null, ...declined, decision: 'declined', clientAnswer: 'pending' })).code).toBe('VALIDATION');
    expect(
      (await fails('rounds.decide', { roundId, version: 2, seenDecidedAt: null, ...declined, decision: 'accepted-conditions', clientAnswer: 'accepted' })).code,
    ).toBe('VALIDATION');
    // A pair not in the version is refused.
    expect((await fails('rounds.decide', { roundId, version: 2, seenDecidedAt: null, clientId: UNREADY, unitId: declined.unitId, decision: 'accepted', clientAnswer: 'accepted' })).code).toBe(
      'CONFLICT',
    );

    // Another chair records one decision: the one preparing the round lets go of it first (round lock).
    await call(b, 'rounds.release', { roundId });
    let mark = await lastAuditId();
    await decide(b, { roundId, version: 2, ...declined, decision: 'declined', declineReason: 'rent-debt', clientAnswer: 'pending' }, 'corporatie');
    expect(await actionsSince(mark)).toEqual(['round:decide']);
    await call(b, 'rounds.release', { roundId }, 'corporatie');
    let round = await call(b, 'rounds.get', { id: roundId });
    const forbid = round.controls.find((c) => c.source === 'decision' && c.clientId === declined.clientId && c.unitId === declined.unitId);
    expect(forbid).toMatchObject({ kind: 'forbid', lifted: false });
    expect(round.decisions.find((d) => d.clientId === declined.clientId)).toMatchObject({ decision: 'declined', declineReason: 'rent-debt', decidedBy: 'corporatie' });

    // Decide all but the last pair; closing must name the missing one.
    for (const [i, p] of others.entries()) {
      if (i === others.length - 1) break;
      const decision = i === 0 ? 'accepted-conditions' : 'accepted';
      await decide(b, {
        roundId,
        version: 2,
        ...p,
        decision,
        conditions: decision === 'accepted-conditions' ? 'Budgetbeheer eerste jaar' : undefined,
        clientAnswer: 'accepted',
      });
    }
    const last = others[others.length - 1]!;
    const refused = await fails('rounds.close', { roundId });
    expect(refused.code).toBe('CONFLICT');
    // One plain Dutch sentence that counts the missing decisions, then names the pairs.
    expect(refused.message).toBe(`Nog niet af te sluiten: 1 voorstel heeft nog geen besluit (versie 2): ${last.clientId} – ${last.unitId}.`);

    // The declined pair is forbidden in a re-run...
    mark = await lastAuditId();
    const v3 = await call(b, 'rounds.propose', { roundId });
    expect(v3.proposal.matches.some((m) => m.clientId === declined.clientId && m.unitId === declined.unitId)).toBe(false);
    const stored3 = (await call(b, 'rounds.get', { id: roundId })).versions[2];
    expect(stored3?.controls.forbids).toContainEqual(expect.objectContaining({ clientId: declined.clientId, unitId: declined.unitId }));
    // ...unless the chair lifts it.
    await call(b, 'rounds.liftControl', { roundId, controlId: forbid!.id, reason: 'Huurschuld is geregeld' });
    const v4 = await call(b, 'rounds.propose', { roundId });
    const stored4 = (await call(b, 'rounds.get', { id: roundId })).versions[3];
    expect(stored4?.controls.forbids.some((f) => f.clientId === declined.clientId && f.unitId === declined.unitId)).toBe(false);
    expect(await actionsSince(mark)).toEqual(['round:propose', 'round:control-lift', 'round:propose']);
    expect(v4.version).toBe(4);

    // The table goes with version 4: decide every pair of it, one decline.
    mark = await lastAuditId();
    const v4pairs = v4.proposal.matches.map((m) => ({ clientId: m.clientId, unitId: m.unitId }));
    const decline4 = v4pairs.find((p) => p.clientId !== MICHELLE)!;
    for (const p of v4pairs) {
      if (p === decline4) {
        await decide(b, { roundId, version: 4, ...p, decision: 'declined', declineReason: 'rent-debt', clientAnswer: 'pending' });
      } else {
        await decide(b, { roundId, version: 4, ...p, decision: 'accepted', clientAnswer: 'accepted', note: 'Akkoord' });
      }
    }
    expect(await actionsSince(mark)).toEqual(v4pairs.map(() => 'round:decide'));

    mark = await lastAuditId();
    const placementsBefore = await rowCount(b, 'placements');
    const closed = await call(b, 'rounds.close', { roundId, note: 'Gesloten op de vergadering' });
    expect(closed.declined).toBe(1);
    expect(closed.placements).toHaveLength(v4pairs.length - 1);
    expect(await rowCount(b, 'placements')).toBe(placementsBefore + v4pairs.length - 1);
    expect(await actionsSince(mark)).toEqual([...closed.placements.map(() => 'placement:create'), 'round:close']);
    const michellePair = v4pairs.find((p) => p.clientId === MICHELLE)!;
    const client = await call(b, 'clients.get', { id: MICHELLE });
    expect(client.client.status).toBe('placed');
    const unit = await call(b, 'units.get', { id: michellePair.unitId });
    expect(unit.status).toBe('let');
    const declinedClient = await call(b, 'clients.get', { id: decline4.clientId });
    expect(declinedClient.client.status).toBe('active');
    const closeEntry = (await row<{ detail: string }>(b, "select detail from audit_log where action = 'close' and entity = 'round'"))!;
    expect(JSON.parse(closeEntry.detail).decisions).toHaveLength(v4pairs.length);

    round = await call(b, 'rounds.get', { id: roundId });
    expect(round.status).toBe('closed');
    expect(round.closedBy).toBe('tester');
    // The list counts what the round placed (one pair declined), apart from what its last version proposed.
    const listed = (await call(b, 'rounds.list', {})).find((r) => r.id === roundId);
    expect(listed?.latest).toMatchObject({ version: 4, proposed: v4pairs.length });
    expect(listed?.counts.placements).toBe(v4pairs.length - 1);
    // A closed round refuses further changes.
    mark = await lastAuditId();
    expect((await fails('rounds.decide', { roundId, version: 4, seenDecidedAt: null, ...michellePair, decision: 'declined', declineReason: 'other', clientAnswer: 'refused' })).code).toBe(
      'CONFLICT',
    );
    expect((await fails('rounds.addControl', { roundId, kind: 'set-aside-client', clientId: MICHELLE, reason: 'x' })).code).toBe('CONFLICT');
    expect((await fails('rounds.setMember', { roundId, kind: 'unit', id: michellePair.unitId, included: false, reason: 'x' })).code).toBe('CONFLICT');
    expect((await fails('rounds.propose', { roundId })).code).toBe('CONFLICT');
    expect((await fails('rounds.close', { roundId })).code).toBe('CONFLICT');
    expect(await actionsSince(mark)).toEqual([]);
  });

  it('follows up a placement: move-in date, the 6-month check on the to-do list, recording the check', async () => {
    const placements = await call(b, 'placements.list', { roundId });
    const michelle = placements.find((p) => p.clientId === MICHELLE)!;
    expect(michelle).toMatchObject({ roundId, date: '2026-12-01', destinationMunicipalityCode: 'GM0995', moveInDate: null });

    let mark = await lastAuditId();
    const updated = await call(b, 'placements.update', { id: michelle.id, moveInDate: '2026-12-15', contractForm: 'three-party', supportStart: '2026-12-15', expectedVersion: michelle.version });
    expect(updated).toMatchObject({ moveInDate: '2026-12-15', contractForm: 'three-party' });
    expect(updated.checks.map((c) => c.dueDate)).toEqual(['2027-06-15', '2027-12-15', '2028-12-15']);
    expect(await actionsSince(mark)).toEqual(['placement:update']);

    const todo = await call(b, 'followup.todo', { until: '2027-06-30' });
    const mine = todo.filter((t) => t.placementId === michelle.id);
    expect(mine.map((t) => [t.kind, t.date])).toEqual([
      ['move-in', '2026-12-15'],
      ['support-start', '2026-12-15'],
      ['check', '2027-06-15'],
    ]);
    expect(mine[2]).toMatchObject({ month: 6, label: 'Controle na 6 maanden (woonsituatie, terugval)', clientId: MICHELLE, overdue: false });
    expect([...todo].map((t) => t.date)).toEqual([...todo].map((t) => t.date).sort());

    mark = await lastAuditId();
    const checked = await call(b, 'placements.check', { id: michelle.id, month: 6, checkedAt: '2027-06-16', stillHoused: true, relapse: false, note: 'Gaat goed', expectedVersion: updated.version });
    expect(checked.checks[0]).toMatchObject({ month: 6, dueDate: '2027-06-15', checkedAt: '2027-06-16', stillHoused: true, relapse: false });
    expect(await actionsSince(mark)).toEqual(['placement:check']);
    const after = await call(b, 'followup.todo', {});
    expect(after.some((t) => t.placementId === michelle.id && t.kind === 'check' && t.month === 6)).toBe(false);
    expect(after.some((t) => t.placementId === michelle.id && t.kind === 'check' && t.month === 12)).toBe(true);
  });
});

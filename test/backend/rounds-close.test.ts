// Closing a round with every kind of pair (placed, declined by the corporation, refused by the client,
// accepted with the client's answer pending), through the real dispatcher and SQLite: the preview, the
// close, the closed round's record and the audit entry all account for every pair; nothing is lost.
import { row } from '../pg/sql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { call, decide, importDataset, memoryBackend, rowCount } from './helpers';

const demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;

let b: Backend;
beforeAll(async () => {
  b = await memoryBackend();
  await importDataset(b, demo);
  // A user row as users.create writes it (which needs an encrypted database with key slots).
  await b.database.db
    .insertInto('users')
    .values({ name: 'kees', display_name: 'Kees Corporatie', role: 'liaison', care_provider_id: null, corporation_id: 'corp-polderhuis', active: 1, last_login_at: null, created_at: '2026-11-01T09:00:00Z', version: 1, updated_at: '2026-11-01T09:00:00Z', updated_by: 'voorzitter' })
    .execute();
});
afterAll(async () => {
  await b.close();
});

describe('closing a round with accepted pairs still waiting for the client', () => {
  it('previews, closes and records what becomes of every pair', async () => {
    const { id: roundId } = await call(b, 'rounds.create', { date: '2026-12-04', windowFrom: '2026-12-04', windowTo: '2027-01-31' });
    const { proposal, version } = await call(b, 'rounds.propose', { roundId });
    const pairs = proposal.matches.map((m) => ({ clientId: m.clientId, unitId: m.unitId }));
    expect(pairs.length).toBeGreaterThan(6);
    const [declined, refused, waiting1, waiting2, waiting3, ...placed] = pairs as [typeof pairs[0], ...typeof pairs];
    const waiting = [waiting1!, waiting2!, waiting3!];

    // Before any decision: every pair undecided.
    let round = await call(b, 'rounds.get', { id: roundId });
    expect(round.outcome.map((o) => o.fate)).toEqual(pairs.map(() => 'undecided'));

    // Kees records one decision: the chair preparing the round lets go of it, and Kees after him (round lock).
    await call(b, 'rounds.release', { roundId });
    await decide(b, { roundId, version, ...declined, decision: 'declined', declineReason: 'rent-debt', clientAnswer: 'pending' }, 'kees');
    await call(b, 'rounds.release', { roundId }, 'kees');
    await decide(b, { roundId, version, ...refused!, decision: 'accepted', clientAnswer: 'refused' });
    for (const p of waiting) await decide(b, { roundId, version, ...p, decision: 'accepted', clientAnswer: 'pending' });
    for (const p of placed) await decide(b, { roundId, version, ...p, decision: 'accepted-conditions', conditions: 'Budgetbeheer', clientAnswer: 'accepted' });

    // The preview (an open round): what closing will do with each pair.
    round = await call(b, 'rounds.get', { id: roundId });
    const fateOf = (r: typeof round, p: { clientId: string }) => r.outcome.find((o) => o.clientId === p.clientId);
    expect(round.outcome).toHaveLength(pairs.length);
    expect(fateOf(round, declined)).toMatchObject({ fate: 'returned', by: 'corporation', declineReason: 'rent-debt' });
    expect(fateOf(round, refused!)).toMatchObject({ fate: 'returned', by: 'client', declineReason: null });
    for (const p of waiting) expect(fateOf(round, p)).toMatchObject({ fate: 'waiting', by: null });
    for (const p of placed) expect(fateOf(round, p)?.fate).toBe('placed');
    // The recorder's display name, not the login name.
    expect(round.people.kees).toBe('Kees Corporatie');

    const before = await rowCount(b, 'placements');
    const closed = await call(b, 'rounds.close', { roundId });
    // Only the pairs with both yeses become placements; the others are reported, not dropped.
    expect(closed.placements.map((p) => p.clientId).sort()).toEqual(placed.map((p) => p.clientId).sort());
    expect(await rowCount(b, 'placements')).toBe(before + placed.length);
    expect(closed.declined).toBe(1);
    expect(closed.notPlaced.map((p) => p.clientId).sort()).toEqual([refused!, ...waiting].map((p) => p.clientId).sort());
    expect(closed.outcome.filter((o) => o.fate === 'waiting').map((o) => o.clientId)).toEqual(waiting.map((p) => p.clientId));
    // Every pair is accounted for exactly once.
    expect(closed.outcome.map((o) => o.clientId).sort()).toEqual(pairs.map((p) => p.clientId).sort());

    // Waiting and returned clients stay in the pool (active), their homes are not let.
    for (const p of [declined, refused!, ...waiting]) {
      expect((await call(b, 'clients.get', { id: p.clientId })).client.status).toBe('active');
      expect((await call(b, 'units.get', { id: p.unitId })).status).not.toBe('let');
    }

    // The closed round's record keeps the same outcome, and so does the audit entry.
    round = await call(b, 'rounds.get', { id: roundId });
    expect(round.status).toBe('closed');
    expect(round.outcome).toEqual(closed.outcome);
    const entry = (await row<{ detail: string }>(b, "select detail from audit_log where action = 'close' and entity = 'round' and entity_id = ?", String(roundId)))!;
    const detail = JSON.parse(entry.detail) as { waiting: { clientId: string }[]; returned: { clientId: string; by: string }[] };
    expect(detail.waiting.map((p) => p.clientId)).toEqual(waiting.map((p) => p.clientId));
    expect(detail.returned).toEqual([
      expect.objectContaining({ clientId: declined.clientId, by: 'corporation' }),
      expect.objectContaining({ clientId: refused!.clientId, by: 'client' }),
    ]);
  });
});

// A client the chair adds to a round by hand takes part in the proposal whatever their readiness,
// and the explanation says that the chair added them and why (issue 13). Real dispatcher, real
// SQLite, the real engine in its worker, on the demo region.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { call, importDataset, memoryBackend } from './helpers';

const demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;
const UNREADY = 'K-0009'; // BW, open: income, debts, home-seeker

let b: Backend;
beforeAll(async () => {
  b = await memoryBackend();
  await importDataset(b, demo);
});
afterAll(async () => {
  await b.close();
});

describe("the chair's manual addition", () => {
  it('an unready client the chair adds is a candidate, and the explanation names the chair and the reason', async () => {
    const roundId = (await call(b, 'rounds.create', { date: '2026-12-01', windowFrom: '2026-12-01', windowTo: '2027-01-31', note: '' })).id;
    // Without the addition the readiness gate keeps the client out.
    const before = await call(b, 'rounds.propose', { roundId });
    expect(before.proposal.matches.some((m) => m.clientId === UNREADY)).toBe(false);

    await call(b, 'rounds.setMember', { roundId, kind: 'client', id: UNREADY, included: true, reason: 'Schuldregeling loopt, bewindvoerder akkoord.' });
    const after = await call(b, 'rounds.propose', { roundId });
    const notCandidate = after.proposal.unplaced.find((u) => u.clientId === UNREADY && u.kind === 'not-candidate');
    expect(notCandidate).toBeUndefined();
    // A candidate like any other: here others score higher together, and the explanation says so.
    const unplaced = after.proposal.unplaced.find((u) => u.clientId === UNREADY);
    expect(unplaced?.kind).toBe('outcompeted');
    const unitId = /^(W-\d+)/.exec(unplaced!.reasons[0]!.message)![1]!;
    // The chair fixes the client on that home: the match explains the addition.
    await call(b, 'rounds.addControl', { roundId, kind: 'lock', clientId: UNREADY, unitId, reason: 'Afspraak met de corporatie' });
    const locked = await call(b, 'rounds.propose', { roundId });
    const match = locked.proposal.matches.find((m) => m.clientId === UNREADY);
    expect(match).toMatchObject({ unitId, locked: true });
    expect(match?.addedByChair?.reason).toBe('Schuldregeling loopt, bewindvoerder akkoord.');
    expect(match?.addedByChair?.note).toBe(
      'Door de voorzitter aan de ronde toegevoegd: Schuldregeling loopt, bewindvoerder akkoord. Doet mee hoewel nog niet alle voorwaarden zijn afgerond (open: Inkomen loopt door na de verhuizing; Schulden onder beheer; Ingeschreven als woningzoekende).',
    );
    // Clients the engine took in by the gate carry no such note.
    expect(locked.proposal.matches.filter((m) => m.addedByChair).map((m) => m.clientId)).toEqual([UNREADY]);
    // The greedy run (today's practice) takes the addition too.
    expect(after.greedy.unplaced.some((u) => u.clientId === UNREADY && u.kind === 'not-candidate')).toBe(false);
  });
});

// The decisions file cannot be forged or replayed: the review mode's HMAC (WebCrypto, keyed by the
// review file's own secret) is checked against the secret the chair's database kept; a file edited
// and given a fresh plain checksum is refused, an older file after a newer one is refused, the same
// file twice changes nothing, a pair decided twice is refused. Files go through the disk as they do
// at the table.
import { row } from '../pg/sql';
import { asChair } from '../../shared/auth/system-user';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { buildDecisionsFile } from '../../renderer/src/features/review/review-decisions';
import { Dataset } from '../../shared/dataset/dataset.schema';
import { type DecisionsFile, type ReviewDecision, ReviewFile, canonicalJson, decisionsMacText } from '../../shared/review/review-file';
import { call, decide, importDataset, memoryBackend, roundWithBusiestCorporation, rowCount } from './helpers';

const demo = Dataset.parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'demo', 'flevoland.json'), 'utf8')));

let b: Backend;
let dir: string;
let roundId: number;
let review: ReviewFile;
let reviewPath: string;

/** Writes a file the way a download does and reads it back as the chair's file picker would. */
function roundTrip(name: string, value: unknown): { fileName: string; content: string } {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`, 'utf8');
  return { fileName: name, content: readFileSync(path, 'utf8') };
}
const readBack = (name: string, value: unknown) => b.dispatch('review.importDecisions', roundTrip(name, value), asChair('voorzitter'));
const decisionsOf = async () => (await call(b, 'rounds.get', { id: roundId })).decisions.map((d) => ({ clientId: d.clientId, unitId: d.unitId, decision: d.decision }));
const liaisonFile = async (decisions: ReviewDecision[], at: string, by = 'J. de Vries') => {
  // The review mode opens the review file from disk, as the liaison does.
  const opened = ReviewFile.parse(JSON.parse(readFileSync(reviewPath, 'utf8')));
  return buildDecisionsFile(opened, by, decisions, new Date(at));
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ut-review-'));
  b = await memoryBackend();
  await importDataset(b, demo);
  let corporationId: string;
  ({ roundId, corporationId } = await roundWithBusiestCorporation(b, demo));
  const out = await call(b, 'review.export', { roundId, corporationId });
  reviewPath = join(dir, out.fileName);
  writeFileSync(reviewPath, Buffer.from(out.contentBase64, 'base64'));
  review = ReviewFile.parse(JSON.parse(readFileSync(reviewPath, 'utf8')));
  expect(review.proposals.length).toBeGreaterThan(1);
});
afterEach(async () => {
  await b.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('decisions file authenticity', () => {
  it('accepts the untouched file the review mode made (WebCrypto HMAC checked with node:crypto)', async () => {
    const p = review.proposals[0]!;
    const file = await liaisonFile([{ clientCode: p.clientCode, unitId: p.unitId, decision: 'accepted' }], '2026-11-30T10:00:00.000Z');
    const r = await readBack('besluiten.json', file);
    expect(r).toMatchObject({ ok: true, value: { recorded: 1, alreadyRead: false, decidedBy: 'J. de Vries' } });
    expect(await decisionsOf()).toEqual([{ clientId: p.clientCode, unitId: p.unitId, decision: 'accepted' }]);
  });

  it('refuses a forged file: a decision or the name flipped, the plain SHA-256 recomputed; nothing written', async () => {
    const p = review.proposals[0]!;
    const good = await liaisonFile([{ clientCode: p.clientCode, unitId: p.unitId, decision: 'accepted' }], '2026-11-30T10:00:00.000Z');
    const flipped: Omit<DecisionsFile, 'mac'> = { ...good, decisions: [{ clientCode: p.clientCode, unitId: p.unitId, decision: 'declined', declineReason: 'other' }] };
    const renamed: Omit<DecisionsFile, 'mac'> = { ...good, decidedBy: 'De directeur' };
    const sha = (body: Omit<DecisionsFile, 'mac'>) => createHash('sha256').update(decisionsMacText(body)).digest('hex');
    // Keys an attacker without the review file might try: none, the public signature.
    const hmacWith = (key: string, body: Omit<DecisionsFile, 'mac'>) => createHmac('sha256', Buffer.from(key, 'hex')).update(decisionsMacText(body)).digest('hex');
    const forgeries: [string, unknown][] = [
      ['flipped-sha256', { ...flipped, mac: sha(flipped) }],
      ['renamed-sha256', { ...renamed, mac: sha(renamed) }],
      ['flipped-old-checksum', { ...flipped, version: 1, checksum: createHash('sha256').update(canonicalJson(flipped)).digest('hex') }],
      ['flipped-signature-key', { ...flipped, mac: hmacWith(review.signature, flipped) }],
      ['flipped-kept-mac', { ...flipped, mac: good.mac }],
    ];
    for (const [label, file] of forgeries) {
      const r = await readBack(`${label}.json`, file);
      expect(r.ok, label).toBe(false);
      if (!r.ok) expect(r.error.message, label).toMatch(/na het opslaan gewijzigd|oudere versie van het programma/);
    }
    expect(await decisionsOf()).toEqual([]);
    expect(await rowCount(b, 'review_reads')).toBe(0);
  });

  it('refuses a replayed older file after a newer one was read; the newer decision stays', async () => {
    const p = review.proposals[0]!;
    const older = await liaisonFile([{ clientCode: p.clientCode, unitId: p.unitId, decision: 'accepted' }], '2026-11-30T10:00:00.000Z');
    const newer = await liaisonFile([{ clientCode: p.clientCode, unitId: p.unitId, decision: 'declined', declineReason: 'rent-debt' }], '2026-12-01T09:00:00.000Z');
    // A third one saved in between, never read before: also older than what was read.
    const between = await liaisonFile([{ clientCode: p.clientCode, unitId: p.unitId, decision: 'accepted' }], '2026-11-30T15:00:00.000Z', 'K. Jansen');
    expect((await readBack('oud.json', older)).ok).toBe(true);
    expect((await readBack('nieuw.json', newer)).ok).toBe(true);
    for (const [name, file, why] of [
      ['oud.json', older, /al eerder ingelezen, en daarna een nieuwer/],
      ['tussen.json', between, /is ouder dan het besluitenbestand dat al is ingelezen .*nieuw\.json/],
    ] as const) {
      const r = await readBack(name, file);
      expect(r.ok, name).toBe(false);
      if (!r.ok) {
        expect(r.error.message, name).toMatch(why);
        expect(r.error.message, name).toContain('Er is niets vastgelegd');
      }
    }
    expect(await decisionsOf()).toEqual([{ clientId: p.clientCode, unitId: p.unitId, decision: 'declined' }]);
  });

  it('the same file read twice: "al ingelezen", nothing changed, also not a decision the chair made since', async () => {
    const p = review.proposals[0]!;
    const file = await liaisonFile([{ clientCode: p.clientCode, unitId: p.unitId, decision: 'accepted' }], '2026-11-30T10:00:00.000Z');
    expect((await readBack('besluiten.json', file)).ok).toBe(true);
    await decide(b, { roundId, version: review.proposalVersion, clientId: p.clientCode, unitId: p.unitId, decision: 'declined', declineReason: 'other', clientAnswer: 'pending' });
    const again = await readBack('besluiten (1).json', file);
    expect(again).toMatchObject({ ok: true, value: { recorded: 0, unchanged: 1, alreadyRead: true } });
    expect(await decisionsOf()).toEqual([{ clientId: p.clientCode, unitId: p.unitId, decision: 'declined' }]);
  });

  it('refuses a file holding the same pair twice (opposite decisions), even with a valid HMAC', async () => {
    const p = review.proposals[0]!;
    const file = await liaisonFile(
      [
        { clientCode: p.clientCode, unitId: p.unitId, decision: 'accepted' },
        { clientCode: p.clientCode, unitId: p.unitId, decision: 'declined', declineReason: 'other' },
      ],
      '2026-11-30T10:00:00.000Z',
    );
    const r = await readBack('dubbel.json', file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(new RegExp(`besluit over ${p.clientCode}–${p.unitId} staat er twee keer in.*Er is niets vastgelegd`));
    expect(await decisionsOf()).toEqual([]);
  });

  it('a later file for the same round and corporation is read after an earlier one', async () => {
    const [p, q] = review.proposals;
    const first = await liaisonFile([{ clientCode: p!.clientCode, unitId: p!.unitId, decision: 'accepted' }], '2026-11-30T10:00:00.000Z');
    const second = await liaisonFile(
      [
        { clientCode: p!.clientCode, unitId: p!.unitId, decision: 'accepted' },
        { clientCode: q!.clientCode, unitId: q!.unitId, decision: 'accepted-conditions', conditions: 'Met budgetbeheer' },
      ],
      '2026-11-30T11:00:00.000Z',
    );
    expect((await readBack('een.json', first)).ok).toBe(true);
    // The first pair was already recorded as this file has it: one new, one already there.
    expect(await readBack('twee.json', second)).toMatchObject({ ok: true, value: { recorded: 1, unchanged: 1, alreadyRead: false } });
    const recorded = (await call(b, 'rounds.get', { id: roundId })).decisions;
    expect(recorded.find((d) => d.clientId === q!.clientCode)).toMatchObject({ decision: 'accepted-conditions', conditions: 'Met budgetbeheer' });
    // The pair already there kept its record from the first file (not written again).
    expect(recorded.find((d) => d.clientId === p!.clientCode)).toMatchObject({ note: 'Via besluitenbestand (30-11-2026)', onBehalfOf: 'J. de Vries', decidedBy: 'voorzitter' });
  });

  it('a new file with the same decisions (saved again) records nothing new and says they were already there', async () => {
    const [p, q] = review.proposals;
    const decisions: ReviewDecision[] = [
      { clientCode: p!.clientCode, unitId: p!.unitId, decision: 'declined', declineReason: 'liveability', note: 'Overlast in de buurt' },
      { clientCode: q!.clientCode, unitId: q!.unitId, decision: 'accepted-conditions', conditions: 'Met budgetbeheer' },
    ];
    const first = await liaisonFile(decisions, '2026-11-30T10:00:00.000Z');
    const again = await liaisonFile(decisions, '2026-11-30T12:00:00.000Z');
    expect(await readBack('een.json', first)).toMatchObject({ ok: true, value: { recorded: 2, unchanged: 0, alreadyRead: false } });
    const before = (await call(b, 'rounds.get', { id: roundId })).decisions;
    const logged = async (action: string) => Number((await row<{ n: number }>(b, 'select count(*) as n from audit_log where action = ?', action))!.n);
    const [decides, imports] = [await logged('decide'), await logged('import')];
    expect(await readBack('een-opnieuw.json', again)).toMatchObject({ ok: true, value: { recorded: 0, unchanged: 2, alreadyRead: false } });
    // Not one decision written again (same moments), one log entry for the read itself.
    expect((await call(b, 'rounds.get', { id: roundId })).decisions).toEqual(before);
    expect([await logged('decide'), await logged('import')]).toEqual([decides, imports + 1]);
    // A changed mind in a later file is new again.
    const changed = await liaisonFile([{ ...decisions[0]!, declineReason: 'rent-debt' }, decisions[1]!], '2026-11-30T14:00:00.000Z');
    expect(await readBack('een-gewijzigd.json', changed)).toMatchObject({ ok: true, value: { recorded: 1, unchanged: 1, alreadyRead: false } });
  });
});

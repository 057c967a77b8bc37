// The review file follows what a client's consent records allow today: a later refusal for this
// corporation, or a later general withdrawal, keeps the client out and the chair is told; a
// contradictory pair of records on one date is refused when saved.
import { row, run } from '../pg/sql';
import { asChair } from '../../shared/auth/system-user';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { type Client, Dataset } from '../../shared/dataset/dataset.schema';
import { ReviewFile } from '../../shared/review/review-file';
import { call, importDataset, memoryBackend } from './helpers';

const demo = Dataset.parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'demo', 'flevoland.json'), 'utf8')));

let b: Backend;
let roundId: number;
let corporationId: string;
let target: { clientCode: string; unitId: string };

const exportReview = async () => {
  const out = await call(b, 'review.export', { roundId, corporationId });
  return { out, file: ReviewFile.parse(JSON.parse(Buffer.from(out.contentBase64, 'base64').toString('utf8'))) };
};
/** Records consent rows for a client as a save would (the form's own path is covered by the refusal test). */
const addConsents = async (id: string, extra: Client['consents']) => {
  const next = Number((await row<{ n: number }>(b, 'select coalesce(max(seq), -1) + 1 as n from client_consents where client_id = ?', id))!.n);
  for (const [i, k] of extra.entries()) {
    await run(b, 'insert into client_consents (client_id, seq, party, party_id, basis, given, date) values (?, ?, ?, ?, ?, ?, ?)', id, next + i, k.party, k.partyId, k.basis, k.given ? 1 : 0, k.date);
  }
};

beforeEach(async () => {
  b = await memoryBackend();
  await importDataset(b, demo);
  ({ id: roundId } = await call(b, 'rounds.create', { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31' }));
  const { proposal } = await call(b, 'rounds.propose', { roundId });
  // A proposed client whose only corporation record is a general consent.
  const general = (c: Client) => {
    const corp = c.consents.filter((k) => k.party === 'corporation');
    return corp.length === 1 && corp[0]!.partyId === null && corp[0]!.given && corp[0]!.basis === 'consent';
  };
  const m = proposal.matches.find((x) => general(demo.clients.find((c) => c.id === x.clientId)!))!;
  corporationId = demo.units.find((u) => u.id === m.unitId)!.corporationId;
  target = { clientCode: m.clientId, unitId: m.unitId };
});

describe('review file and consent', () => {
  it('has the client while the general consent holds', async () => {
    const { out, file } = await exportReview();
    expect(file.proposals.map((p) => p.clientCode)).toContain(target.clientCode);
    expect(out.withheld).not.toContain(`${target.clientCode}–${target.unitId}`);
  });

  it('leaves the client out after a later refusal for this corporation, and tells the chair', async () => {
    await addConsents(target.clientCode, [{ party: 'corporation', partyId: corporationId, basis: 'consent', given: false, date: '2026-11-01' }]);
    const { out, file } = await exportReview();
    expect(file.proposals.map((p) => p.clientCode)).not.toContain(target.clientCode);
    expect(out.withheld).toContain(`${target.clientCode}–${target.unitId}`);
    const log = await call(b, 'audit.list', { limit: 5 });
    const entry = log.find((e) => e.action === 'export' && e.entity === 'review');
    expect(JSON.stringify(entry?.detail)).toContain(`${target.clientCode}–${target.unitId}`);
  });

  it('leaves the client out after a later general withdrawal', async () => {
    await addConsents(target.clientCode, [{ party: 'corporation', partyId: null, basis: 'consent', given: false, date: '2026-11-02' }]);
    const { out, file } = await exportReview();
    expect(file.proposals.map((p) => p.clientCode)).not.toContain(target.clientCode);
    expect(out.withheld).toContain(`${target.clientCode}–${target.unitId}`);
  });

  it('a withdrawal dated after today does not count yet', async () => {
    await addConsents(target.clientCode, [{ party: 'corporation', partyId: corporationId, basis: 'consent', given: false, date: '2026-12-31' }]);
    const { file } = await exportReview();
    expect(file.proposals.map((p) => p.clientCode)).toContain(target.clientCode);
  });

  it('refuses saving a consent and a refusal for one corporation on one date', async () => {
    const client = { ...demo.clients.find((c) => c.id === target.clientCode)!, id: 'K-NEW-1' };
    const r = await b.dispatch(
      'clients.create',
      {
        ...client,
        consents: [
          ...client.consents,
          { party: 'corporation', partyId: corporationId, basis: 'consent', given: true, date: '2026-11-03' },
          { party: 'corporation', partyId: corporationId, basis: 'consent', given: false, date: '2026-11-03' },
        ],
      },
      asChair('t'),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.error)).toMatch(/tegenstrijdig met regel \d+: op 2026-11-03/);
  });
});

// The consent rule: the latest record per party decides, a specific one before a general one, a
// later withdrawal wins over a consent; contradictory records on one date are refused by every way in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Client, Dataset } from '../../shared/dataset/dataset.schema';
import { checkDataset } from '../../shared/dataset/validate';
import { type ConsentRecord, consentConflicts, consentOverview, sharingVerdict, verdictText } from '../../shared/domain/consent';

const yes = (partyId: string | null, date: string | null, basis: ConsentRecord['basis'] = 'consent'): ConsentRecord => ({ party: 'corporation', partyId, basis, given: true, date });
const no = (partyId: string | null, date: string | null): ConsentRecord => ({ party: 'corporation', partyId, basis: 'consent', given: false, date });
const may = (records: ConsentRecord[], partyId: string | null, asOf?: string) => sharingVerdict(records, 'corporation', partyId, asOf).allowed;

describe('sharing verdict', () => {
  it('general consent and a later refusal for one corporation: not that one, still the others', () => {
    const records = [yes(null, '2026-01-10'), no('corp-a', '2026-03-01')];
    expect(may(records, 'corp-a')).toBe(false);
    expect(sharingVerdict(records, 'corporation', 'corp-a').decidedBy).toEqual(records[1]);
    expect(may(records, 'corp-b')).toBe(true);
    // Before the refusal the general consent held.
    expect(may(records, 'corp-a', '2026-02-01')).toBe(true);
  });

  it('general consent and a later general withdrawal: no corporation', () => {
    const records = [yes(null, '2026-01-10'), no(null, '2026-04-01')];
    expect(may(records, 'corp-a')).toBe(false);
    expect(may(records, null)).toBe(false);
    // The order in the list does not matter, only the dates.
    expect(may([...records].reverse(), 'corp-a')).toBe(false);
  });

  it('specific consent and a later general refusal: the later withdrawal wins; an earlier one does not', () => {
    expect(may([yes('corp-a', '2026-01-10'), no(null, '2026-05-01')], 'corp-a')).toBe(false);
    expect(may([no(null, '2025-12-01'), yes('corp-a', '2026-01-10')], 'corp-a')).toBe(true);
  });

  it('a specific refusal stands against a later general consent (only a new consent for that corporation lifts it)', () => {
    expect(may([no('corp-a', '2026-01-10'), yes(null, '2026-05-01')], 'corp-a')).toBe(false);
    expect(may([no('corp-a', '2026-01-10'), yes(null, '2026-05-01'), yes('corp-a', '2026-06-01')], 'corp-a')).toBe(true);
    expect(may([no('corp-a', '2026-01-10'), yes(null, '2026-05-01')], 'corp-b')).toBe(true);
  });

  it('the latest of several records for one party decides, any positive one does not', () => {
    expect(may([yes('corp-a', '2026-01-10'), no('corp-a', '2026-02-10'), yes(null, '2025-01-01')], 'corp-a')).toBe(false);
    expect(may([no('corp-a', '2026-01-10'), yes('corp-a', '2026-02-10')], 'corp-a')).toBe(true);
  });

  it('nothing recorded, no basis, or a record not yet in force: no sharing', () => {
    expect(may([], 'corp-a')).toBe(false);
    expect(may([yes(null, '2026-01-10', 'none')], 'corp-a')).toBe(false);
    expect(may([yes(null, '2027-01-10')], 'corp-a', '2026-12-01')).toBe(false);
    // Other kinds of party do not count.
    expect(sharingVerdict([{ ...yes(null, '2026-01-10'), party: 'municipality' }], 'corporation', 'corp-a').allowed).toBe(false);
    // A contradictory tie (only in unsaved input) counts as a refusal, whatever the order.
    expect(may([yes('corp-a', '2026-03-01'), no('corp-a', '2026-03-01')], 'corp-a')).toBe(false);
    expect(may([no('corp-a', '2026-03-01'), yes('corp-a', '2026-03-01')], 'corp-a')).toBe(false);
    // Undated records are the oldest.
    expect(may([no(null, null), yes(null, '2026-01-01')], 'corp-a')).toBe(true);
  });

  it('says in Dutch what holds today per party', () => {
    const records = [yes(null, '2026-01-10'), no('corp-a', '2026-03-01')];
    const rows = consentOverview(records, '2026-11-27');
    expect(rows.map((r) => [r.partyId, verdictText(r.verdict)])).toEqual([
      [null, 'mag delen: Toestemming sinds 2026-01-10 (algemene regel)'],
      ['corp-a', 'niet delen: geweigerd of ingetrokken sinds 2026-03-01'],
    ]);
    expect(verdictText(sharingVerdict([], 'corporation', 'x'))).toBe('niet delen: geen toestemming of grondslag vastgelegd');
  });
});

describe('contradictory records', () => {
  it('the same party on the same date, one yes and one no, is a conflict; different dates or parties are not', () => {
    expect(consentConflicts([yes('corp-a', '2026-03-01'), no('corp-a', '2026-03-01')])).toEqual([
      { index: 1, other: 0, message: expect.stringContaining('op 2026-03-01 zowel wel als geen toestemming voor Woningcorporatie corp-a') },
    ]);
    expect(consentConflicts([yes(null, null), no(null, null)])).toHaveLength(1);
    expect(consentConflicts([yes('corp-a', '2026-03-01'), no('corp-a', '2026-03-02'), no(null, '2026-03-01'), yes('corp-b', '2026-03-01')])).toEqual([]);
    expect(consentConflicts([yes('corp-a', '2026-03-01'), yes('corp-a', '2026-03-01', 'contract')])).toEqual([]);
  });

  const demo = Dataset.parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'demo', 'flevoland.json'), 'utf8')));
  const client = demo.clients[0]!;
  const corp = demo.corporations[0]!.id;
  const contradictory = { ...client, consents: [...client.consents, yes(corp, '2026-03-01'), no(corp, '2026-03-01')] };

  it('are refused by the client schema (form, contract, spreadsheet import) with the field named', () => {
    const r = Client.safeParse(contradictory);
    expect(r.success).toBe(false);
    const issue = r.error!.issues.find((i) => i.path.join('.') === `consents.${client.consents.length + 1}.date`);
    expect(issue?.message).toMatch(/tegenstrijdig met regel \d+: op 2026-03-01/);
  });

  it('are refused by the dataset import, naming the client', () => {
    const check = checkDataset({ ...demo, clients: [contradictory, ...demo.clients.slice(1)] });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems.map((p) => `${p.path}: ${p.message}`).join('\n')).toMatch(new RegExp(`clients\\[0\\] \\(${client.id}\\)\\.consents\\[\\d+\\]\\.date: tegenstrijdig`));
  });
});

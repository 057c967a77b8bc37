// The liaison review round trip: a corporation's review file holds only what letting needs, is
// signed and carries its own secret; a decisions file is accepted only with a valid HMAC under that
// secret and for the round and corporation it was made for; refused files write nothing.
import { rows, run } from '../pg/sql';
import { asChair } from '../../shared/auth/system-user';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { Dataset } from '../../shared/dataset/dataset.schema';
import { type DecisionsFile, DECISIONS_FORMAT, type ReviewDecision, ReviewFile, decisionsMacText } from '../../shared/review/review-file';
import { call, decide, importDataset, memoryBackend, roundWithBusiestCorporation } from './helpers';
import { tableOf } from './report-doc-reading';

const demo = Dataset.parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'demo', 'flevoland.json'), 'utf8')));

/** A decisions file as the review mode makes it: HMAC-SHA256 keyed by the review file's secret. */
function decisionsFile(review: ReviewFile, decisions: ReviewDecision[], over: Partial<DecisionsFile> = {}): DecisionsFile {
  const body = {
    format: DECISIONS_FORMAT,
    version: 2 as const,
    roundId: review.roundId,
    proposalVersion: review.proposalVersion,
    corporationId: review.corporationId,
    reviewSignature: review.signature,
    decidedBy: 'J. de Vries (corporatie)',
    decidedAt: '2026-11-30T10:00:00.000Z',
    decisions,
    ...over,
  };
  return { ...body, mac: createHmac('sha256', Buffer.from(review.secret, 'hex')).update(decisionsMacText(body)).digest('hex') };
}

let b: Backend;
let roundId: number;
let corporationId: string;
let review: ReviewFile;
let exported: { fileName: string; pdfFileName: string; contentBase64: string; pdfBase64: string; withheld: string[] };

beforeEach(async () => {
  b = await memoryBackend();
  await importDataset(b, demo);
  ({ roundId, corporationId } = await roundWithBusiestCorporation(b, demo));
  exported = await call(b, 'review.export', { roundId, corporationId });
  review = ReviewFile.parse(JSON.parse(Buffer.from(exported.contentBase64, 'base64').toString('utf8')));
});

describe('review file', () => {
  it("holds only the corporation's proposals and only what letting needs", async () => {
    // The demo has clients without consent for corporations: they are never in a review file.
    for (const w of exported.withheld) {
      const code = w.split('–')[0]!;
      expect(demo.clients.find((c) => c.id === code)!.consents.some((k) => k.party === 'corporation' && k.given)).toBe(false);
    }
    expect(review.corporationId).toBe(corporationId);
    expect(review.proposals.length).toBeGreaterThan(0);
    for (const p of review.proposals) expect(demo.units.find((u) => u.id === p.unitId)!.corporationId).toBe(corporationId);
    const text = Buffer.from(exported.contentBase64, 'base64').toString('utf8');
    for (const banned of ['birthDate', 'avoidPlaces', 'networkPlaces', 'notes', 'Michelle', 'Samira', 'perpetrator', 'consents']) {
      expect(text).not.toContain(banned);
    }
    expect(review.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(review.secret).toMatch(/^[0-9a-f]{64}$/);
    // The secret is the file's own and stays out of the log.
    expect(JSON.stringify(await call(b, 'audit.list', { limit: 20 }))).not.toContain(review.secret);
    expect(Buffer.from(exported.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    // Named for whoever receives it: the corporation's name, not its internal code.
    const name = demo.corporations.find((c) => c.id === corporationId)!.name;
    const words = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    expect(exported.fileName).toBe(`beoordeling-ronde-${roundId}-v1-${words}.beoordeling`);
    expect(exported.pdfFileName).toBe(`beoordeling-ronde-${roundId}-v1-${words}.pdf`);
    expect(exported.fileName).not.toContain(corporationId);
  });

  it('leaves out a client without a recorded basis to share with corporations, and says so', async () => {
    const target = review.proposals[0]!;
    const region = await call(b, 'dataset.export', {});
    const client = region.clients.find((c) => c.id === target.clientCode)!;
    client.consents = client.consents.map((k) => (k.party === 'corporation' ? { ...k, given: false, basis: 'none' as const } : k));
    await call(b, 'clients.update', { ...client, expectedVersion: (await call(b, 'clients.get', { id: client.id })).version });
    const again = await call(b, 'review.export', { roundId, corporationId });
    const file = ReviewFile.parse(JSON.parse(Buffer.from(again.contentBase64, 'base64').toString('utf8')));
    expect(file.proposals.map((p) => p.clientCode)).not.toContain(target.clientCode);
    expect(again.withheld.sort()).toEqual([...exported.withheld, `${target.clientCode}–${target.unitId}`].sort());
    expect(again.proposals).toBe(review.proposals.length - 1);
  });

  it('prints the PDF in Dutch: long dates, real singulars and plurals, Dutch money', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ut-review-pdf-'));
    try {
      const file = join(dir, 'beoordeling.pdf');
      writeFileSync(file, Buffer.from(exported.pdfBase64, 'base64'));
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      const round = await call(b, 'rounds.get', { id: roundId });
      const [y, m, d] = round.date.split('-').map(Number) as [number, number, number];
      const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
      expect(text).toContain(`ronde ${roundId} van ${d} ${months[m - 1]} ${y}`);
      expect(text).toMatch(/Gemaakt op \d{1,2} [a-z]+ \d{4}\./);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(text).not.toMatch(/\((s|n|en|eren)\)/);
      const p = review.proposals[0]!;
      const adults = p.household.adults === 1 ? '1 volwassene' : `${p.household.adults} volwassenen`;
      const children = p.household.children === 1 ? '1 kind' : `${p.household.children} kinderen`;
      expect(text).toContain(`Huishouden: ${adults}, ${children};`);
      expect(text).toContain(p.rooms === 1 ? '1 kamer,' : `${p.rooms} kamers,`);
      expect(text).toMatch(/huur € \d{1,3}(\.\d{3})*,\d{2}/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is logged as an export', async () => {
    const log = await call(b, 'audit.list', { limit: 5 });
    expect(log.some((e) => e.action === 'export' && e.entity === 'review' && e.entityId === `${roundId}/${corporationId}`)).toBe(true);
  });
});

describe('decisions file', () => {
  const decisionsOf = async () => (await call(b, 'rounds.get', { id: roundId })).decisions;

  it('records the decisions of an untouched file for this round and corporation', async () => {
    const [first, second] = review.proposals;
    const decisions: ReviewDecision[] = [{ clientCode: first!.clientCode, unitId: first!.unitId, decision: 'accepted' }];
    if (second) decisions.push({ clientCode: second.clientCode, unitId: second.unitId, decision: 'declined', declineReason: 'rent-debt', note: 'Huurschuld bij vorige verhuurder' });
    // The chair already heard the client say yes: the corporation's file must not undo that.
    await decide(b, { roundId, version: review.proposalVersion, clientId: first!.clientCode, unitId: first!.unitId, decision: 'accepted', clientAnswer: 'accepted' });
    const file = decisionsFile(review, decisions);
    const out = await call(b, 'review.importDecisions', { fileName: 'besluiten.json', content: JSON.stringify(file) });
    expect(out).toEqual({ roundId, corporationId, decidedBy: 'J. de Vries (corporatie)', recorded: decisions.length, unchanged: 0, alreadyRead: false });
    const recorded = await decisionsOf();
    expect(recorded.find((d) => d.clientId === first!.clientCode)).toMatchObject({ decision: 'accepted', clientAnswer: 'accepted', onBehalfOf: 'J. de Vries (corporatie)' });
    if (second) expect(recorded.find((d) => d.clientId === second.clientCode)).toMatchObject({ decision: 'declined', declineReason: 'rent-debt' });
  });

  it('refuses a file changed after saving, one for another corporation or round, and a forged review; nothing written', async () => {
    const p = review.proposals[0]!;
    const good = decisionsFile(review, [{ clientCode: p.clientCode, unitId: p.unitId, decision: 'accepted' }]);
    const tampered = { ...good, decisions: [{ ...good.decisions[0]!, decision: 'declined', declineReason: 'other' }] };
    const other = demo.corporations.find((c) => c.id !== corporationId)!.id;
    const cases: [string, unknown, RegExp][] = [
      ['tampered', tampered, /na het opslaan gewijzigd/],
      ['old version', { ...good, version: 1 }, /oudere versie van het programma/],
      ['other corporation', decisionsFile(review, good.decisions, { corporationId: other }), /niet bij een beoordelingsbestand|niet aan deze corporatie/],
      ['other round', decisionsFile(review, good.decisions, { roundId: roundId + 1 }), /hoort niet bij/],
      ['forged review', decisionsFile(review, good.decisions, { reviewSignature: 'a'.repeat(64) }), /niet bij een beoordelingsbestand/],
      ['pair not sent', decisionsFile(review, [{ clientCode: 'K-9999', unitId: p.unitId, decision: 'accepted' }]), /niet aan deze corporatie zijn voorgelegd/],
      ['not json', '{oops', /geen geldig besluitenbestand/],
    ];
    for (const [label, file, why] of cases) {
      const r = await b.dispatch('review.importDecisions', { fileName: `${label}.json`, content: typeof file === 'string' ? file : JSON.stringify(file) }, asChair('t'));
      expect(r.ok, label).toBe(false);
      if (!r.ok) {
        expect(r.error.message, label).toMatch(why);
        expect(r.error.message, label).toContain('Er is niets vastgelegd');
      }
    }
    expect(await decisionsOf()).toEqual([]);
  });

  it("refuses the client's refusal as a corporation's reason (that is the client's answer, the chair's to record); nothing written", async () => {
    const p = review.proposals[0]!;
    const file = decisionsFile(review, [{ clientCode: p.clientCode, unitId: p.unitId, decision: 'declined', declineReason: 'client-refused' as never }]);
    const r = await b.dispatch('review.importDecisions', { fileName: 'besluiten.json', content: JSON.stringify(file) }, asChair('t'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(/decisions\.0\.declineReason: geen reden van de corporatie \(een weigering door de cliënt is het antwoord van de cliënt/);
      expect(r.error.message).toContain('Er is niets vastgelegd');
    }
    expect(await decisionsOf()).toEqual([]);
    // The corporation's own reasons are all accepted.
    for (const [i, reason] of (['rent-debt', 'landlord-statement', 'liveability', 'other'] as const).entries()) {
      const q = review.proposals[i % review.proposals.length]!;
      const ok = decisionsFile(review, [{ clientCode: q.clientCode, unitId: q.unitId, decision: 'declined', declineReason: reason }], {
        decidedAt: `2026-12-0${i + 1}T10:00:00.000Z`,
      });
      const out = await call(b, 'review.importDecisions', { fileName: `${reason}.json`, content: JSON.stringify(ok) });
      expect(out.recorded, reason).toBe(1);
      expect((await decisionsOf()).find((d) => d.clientId === q.clientCode)?.declineReason, reason).toBe(reason);
    }
  });
});

describe('on whose behalf a decision was recorded', () => {
  /**
   * The chair as a user with a display name, so rounds.get can name them; the tester who prepared the
   * round has let go of it, so Anna can record decisions at the table (round lock).
   */
  const chairUser = async () => {
    await run(b, "insert into users (name, display_name, role, created_at) values ('anna', 'Anna de Voorzitter', 'chair', '2026-11-01T09:00:00.000Z')");
    await call(b, 'rounds.release', { roundId });
  };

  it("reading a decisions file records the liaison's name as on whose behalf, the chair as who recorded it; rounds.get returns both", async () => {
    await chairUser();
    const [first, second] = review.proposals;
    const decisions: ReviewDecision[] = [{ clientCode: first!.clientCode, unitId: first!.unitId, decision: 'accepted' }];
    if (second) decisions.push({ clientCode: second.clientCode, unitId: second.unitId, decision: 'declined', declineReason: 'rent-debt', note: 'Huurschuld bij vorige verhuurder' });
    const file = decisionsFile(review, decisions, { decidedBy: 'J. de Vries' });
    await call(b, 'review.importDecisions', { fileName: 'besluiten.json', content: JSON.stringify(file) }, 'anna');
    const round = await call(b, 'rounds.get', { id: roundId });
    for (const d of decisions) {
      expect(round.decisions.find((x) => x.clientId === d.clientCode && x.unitId === d.unitId)).toMatchObject({ decidedBy: 'anna', onBehalfOf: 'J. de Vries' });
    }
    expect(round.people).toMatchObject({ anna: 'Anna de Voorzitter' });
    // The name is said once, in its own field; the note says where the decision came from and the liaison's own note.
    const first1 = round.decisions.find((x) => x.clientId === first!.clientCode)!;
    expect(first1.note).toBe('Via besluitenbestand (30-11-2026)');
    if (second) expect(round.decisions.find((x) => x.clientId === second.clientCode)!.note).toBe('Via besluitenbestand (30-11-2026): Huurschuld bij vorige verhuurder');
    // The log of each decision says it too.
    const logged = await rows<{ actor: string; detail: string }>(b, "select actor, detail from audit_log where action = 'decide' order by id");
    expect(logged).toHaveLength(decisions.length);
    for (const e of logged) {
      expect(e.actor).toBe('anna');
      expect(JSON.parse(e.detail)).toMatchObject({ decidedBy: 'anna', onBehalfOf: 'J. de Vries' });
    }
    // The same decisions again in a newer file: recognised as already there, the record unchanged.
    const again = decisionsFile(review, decisions, { decidedBy: 'J. de Vries', decidedAt: '2026-12-01T10:00:00.000Z' });
    expect(await call(b, 'review.importDecisions', { fileName: 'besluiten-2.json', content: JSON.stringify(again) }, 'anna')).toMatchObject({
      recorded: 0,
      unchanged: decisions.length,
      alreadyRead: false,
    });
    expect((await call(b, 'rounds.get', { id: roundId })).decisions).toEqual(round.decisions);
  });

  it('a decision the chair records by hand names the contact person when given, and nobody when not', async () => {
    await chairUser();
    const [first, second] = review.proposals;
    const manual = await decide(
      b,
      { roundId, version: review.proposalVersion, clientId: first!.clientCode, unitId: first!.unitId, decision: 'accepted', clientAnswer: 'pending', onBehalfOf: '  P. Bakker  ' },
      'anna',
    );
    expect(manual).toMatchObject({ decidedBy: 'anna', onBehalfOf: 'P. Bakker' });
    if (second) {
      await decide(b, { roundId, version: review.proposalVersion, clientId: second.clientCode, unitId: second.unitId, decision: 'accepted', clientAnswer: 'pending', onBehalfOf: '   ' }, 'anna');
    }
    const round = await call(b, 'rounds.get', { id: roundId });
    expect(round.decisions.find((d) => d.clientId === first!.clientCode)).toMatchObject({ decidedBy: 'anna', onBehalfOf: 'P. Bakker', note: '' });
    if (second) expect(round.decisions.find((d) => d.clientId === second.clientCode)).toMatchObject({ decidedBy: 'anna', onBehalfOf: null });
    // Changing the decision without a name clears it: the name belongs to that decision.
    await decide(b, { roundId, version: review.proposalVersion, clientId: first!.clientCode, unitId: first!.unitId, decision: 'declined', declineReason: 'other', clientAnswer: 'pending' }, 'anna');
    expect((await call(b, 'rounds.get', { id: roundId })).decisions.find((d) => d.clientId === first!.clientCode)).toMatchObject({ onBehalfOf: null });
    // A line, like the other names: no line breaks, at most 200 characters.
    for (const onBehalfOf of ['J. de\nVries', 'x'.repeat(201)]) {
      const r = await b.dispatch(
        'rounds.decide',
        { roundId, version: review.proposalVersion, clientId: first!.clientCode, unitId: first!.unitId, decision: 'accepted', clientAnswer: 'pending', onBehalfOf, seenDecidedAt: null },
        asChair('anna'),
      );
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    }
  });

  it("shows in the corporation's report who at the corporation decided, and in the minutes who recorded it for whom", async () => {
    await chairUser();
    const [first, second] = review.proposals;
    const file = decisionsFile(review, [{ clientCode: first!.clientCode, unitId: first!.unitId, decision: 'accepted' }], { decidedBy: 'J. de Vries' });
    await call(b, 'review.importDecisions', { fileName: 'besluiten.json', content: JSON.stringify(file) }, 'anna');
    if (second) await decide(b, { roundId, version: review.proposalVersion, clientId: second.clientCode, unitId: second.unitId, decision: 'accepted', clientAnswer: 'pending' }, 'anna');
    const report = await call(b, 'reports.corporation', { corporationId });
    const rows = tableOf(report, 'besluiten').rows;
    expect(rows.find((r) => r.cells.code === first!.clientCode)?.cells.decidedBy).toBe('J. de Vries');
    if (second) expect(rows.find((r) => r.cells.code === second.clientCode)?.cells.decidedBy).toBe('Anna de Voorzitter (anna)');
    const minutes = await call(b, 'reports.minutes', { roundId });
    const minuteRows = tableOf(minutes, 'besluiten').rows;
    expect(minuteRows.find((r) => r.cells.client === first!.clientCode)?.cells.by).toBe('Anna de Voorzitter namens J. de Vries');
    if (second) expect(minuteRows.find((r) => r.cells.client === second.clientCode)?.cells.by).toBe('Anna de Voorzitter');
  });
});

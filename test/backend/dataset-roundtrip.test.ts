// Dataset import/export, v1 and v2: import then export reproduces the document — in v2 with the whole
// history (rounds, proposals, controls, decisions, review files, follow-up, the audit log) — and bad
// documents are refused with paths and nothing is written. Real backends over in-memory SQLite (or PostgreSQL in the postgres project).
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { runCli } from '../../electron/backend/cli/cli';
import { setIdCounter } from '../../electron/backend/db/dialect';
import { DATASET_TABLES } from '../../electron/backend/repos/history.repo';
import { readDatasetWithHistory } from '../../electron/backend/repos/region.repo';
import { asChair } from '../../shared/auth/system-user';
import { Dataset, registerOf } from '../../shared/dataset/dataset.schema';
import type { History } from '../../shared/dataset/history.schema';
import { type DecisionsFile, DECISIONS_FORMAT, type ReviewDecision, ReviewFile, decisionsMacText } from '../../shared/review/review-file';
import { miniDataset } from '../fixtures/mini-dataset';
import { AS_CHAIR, useTestPassphrase } from './cli-login';
import { allTables, allowInserts, refuseInserts, rows, run, withoutRowOrder } from '../pg/sql';
import { call, decide, importDataset, memoryBackend, rowCount } from './helpers';

// The CLI part logs in as --user voorzitter with the passphrase from the environment.
useTestPassphrase();

const demo = Dataset.parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'demo', 'flevoland.json'), 'utf8')));

let b: Backend;
const opened: Backend[] = [];
async function backend(): Promise<Backend> {
  const x = await memoryBackend();
  opened.push(x);
  return x;
}
afterEach(async () => {
  await b?.close();
  while (opened.length) await opened.pop()!.close();
});

/** What the database holds, read without writing an audit entry (dataset.export writes one). */
const contents = (x: Backend) => readDatasetWithHistory(x.database.db);

/** A decisions file as the review mode makes it: HMAC-SHA256 keyed by the review file's secret. */
function decisionsFile(review: ReviewFile, decisions: ReviewDecision[], decidedAt: string): DecisionsFile {
  const body = {
    format: DECISIONS_FORMAT,
    version: 2 as const,
    roundId: review.roundId,
    proposalVersion: review.proposalVersion,
    corporationId: review.corporationId,
    reviewSignature: review.signature,
    decidedBy: 'J. de Vries (corporatie)',
    decidedAt,
    decisions,
  };
  return { ...body, mac: createHmac('sha256', Buffer.from(review.secret, 'hex')).update(decisionsMacText(body)).digest('hex') };
}

const reviewOf = (out: { contentBase64: string }) => ReviewFile.parse(JSON.parse(Buffer.from(out.contentBase64, 'base64').toString('utf8')));
const corporationOf = (unitId: string) => demo.units.find((u) => u.id === unitId)!.corporationId;

/** The busiest corporation of a proposal (most matches), so its review file has pairs. */
function busiest(matches: { unitId: string }[]): string {
  const counts = new Map<string, number>();
  for (const m of matches) counts.set(corporationOf(m.unitId), (counts.get(corporationOf(m.unitId)) ?? 0) + 1);
  return [...counts.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]![0];
}

interface Built {
  /** The open round's review file (its decisions come back after the move). */
  openReview: ReviewFile;
  /** The decisions file read back in the closed round before the move. */
  readBack: DecisionsFile;
}

/**
 * The demo region with a full history: a closed round (controls, two proposal versions, a review file
 * and its decisions file read back, the other decisions, placements with follow-up dates and checks),
 * an open round (a member dropped, a unit set aside, a proposal, a review file), changed consent
 * records, retention rules and log, a monitor archive row, and the audit log of it all.
 */
async function buildHistory(x: Backend): Promise<Built & { erased: string }> {
  await importDataset(x, demo);
  const window = { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31' };

  // Round 1: a lock that is lifted again, a forbid, two proposal runs.
  const { id: r1 } = await call(x, 'rounds.create', { ...window, note: 'Ronde november' });
  const first = await call(x, 'rounds.propose', { roundId: r1 });
  const [m0, m1] = first.proposal.matches;
  if (!m0 || !m1) throw new Error('the demo round should place at least two clients');
  const { id: lock } = await call(x, 'rounds.addControl', { roundId: r1, kind: 'lock', clientId: m0.clientId, unitId: m0.unitId, reason: 'Wens van de tafel' });
  await call(x, 'rounds.liftControl', { roundId: r1, controlId: lock, reason: 'Toch niet nodig' });
  await call(x, 'rounds.addControl', { roundId: r1, kind: 'forbid', clientId: m1.clientId, unitId: m1.unitId, reason: 'Te ver van het netwerk' });
  const second = await call(x, 'rounds.propose', { roundId: r1 });

  // The busiest corporation reviews its pairs and sends a decisions file back; the chair records the rest.
  const corporation = busiest(second.proposal.matches);
  const review = reviewOf(await call(x, 'review.export', { roundId: r1, corporationId: corporation }));
  const reviewed = review.proposals.map((p, i): ReviewDecision =>
    i === 1
      ? { clientCode: p.clientCode, unitId: p.unitId, decision: 'declined', declineReason: 'rent-debt', note: 'Huurschuld bij vorige verhuurder' }
      : { clientCode: p.clientCode, unitId: p.unitId, decision: 'accepted' },
  );
  const readBack = decisionsFile(review, reviewed, '2026-11-28T09:30:00.000Z');
  await call(x, 'review.importDecisions', { fileName: 'besluiten-ronde-1.json', content: JSON.stringify(readBack) });
  const { decisions: recorded } = await call(x, 'rounds.get', { id: r1 });
  const phoned = second.proposal.matches.find((m) => !recorded.some((d) => d.clientId === m.clientId && d.unitId === m.unitId));
  for (const m of second.proposal.matches) {
    const had = recorded.find((d) => d.clientId === m.clientId && d.unitId === m.unitId);
    // The client's answer added to the corporation's decision keeps on whose behalf it was taken; one
    // decision the chair heard by phone names the contact person.
    const onBehalfOf = had?.onBehalfOf ?? (m === phoned ? 'P. Bakker (telefonisch)' : null);
    await decide(x, {
      roundId: r1,
      version: second.version,
      clientId: m.clientId,
      unitId: m.unitId,
      decision: had?.decision ?? 'accepted-conditions',
      ...(had?.declineReason ? { declineReason: had.declineReason } : {}),
      ...(had ? { note: had.note } : { conditions: 'Budgetbeheer blijft', note: 'Besproken op de tafel' }),
      ...(onBehalfOf ? { onBehalfOf } : {}),
      clientAnswer: 'accepted',
    });
  }
  const closed = await call(x, 'rounds.close', { roundId: r1, note: 'Gesloten op de vergadering' });
  const [p0, p1] = closed.placements;
  if (!p0 || !p1) throw new Error('closing the round should place at least two clients');

  // Follow-up: dates, a contract form and checks.
  const [row0] = await call(x, 'placements.list', { clientId: p0.clientId });
  const moved = await call(x, 'placements.update', { id: p0.id, moveInDate: '2026-12-15', supportStart: '2026-12-01', contractForm: 'three-party', expectedVersion: row0!.version });
  const checked = await call(x, 'placements.check', { id: p0.id, month: 6, checkedAt: '2026-11-27', stillHoused: true, relapse: false, note: 'Woont er goed', expectedVersion: moved.version });
  await call(x, 'placements.check', { id: p0.id, month: 12, checkedAt: '2026-11-27', stillHoused: true, relapse: true, note: 'Terugval, begeleiding opgeschaald', expectedVersion: checked.version });
  const [row1] = await call(x, 'placements.list', { clientId: p1.clientId });
  await call(x, 'placements.update', { id: p1.id, reviewDate: '2027-06-01', leaseTransferDate: '2027-12-01', expectedVersion: row1!.version });

  // Round 2 stays open: a member dropped, a unit set aside, a proposal and a review file.
  const { id: r2 } = await call(x, 'rounds.create', { ...window, date: '2026-12-11', note: 'Ronde december' });
  const members = await call(x, 'rounds.get', { id: r2 });
  const dropped = members.clients.find((c) => c.included)!;
  await call(x, 'rounds.setMember', { roundId: r2, kind: 'client', id: dropped.id, included: false, reason: 'Verhuist naar familie' });
  const aside = members.units.find((u) => u.included)!;
  await call(x, 'rounds.addControl', { roundId: r2, kind: 'set-aside-unit', unitId: aside.id, reason: 'Renovatie' });
  const open = await call(x, 'rounds.propose', { roundId: r2 });
  const openReview = reviewOf(await call(x, 'review.export', { roundId: r2, corporationId: busiest(open.proposal.matches) }));

  // Consent records change: a client withdraws consent for one corporation.
  const target = (await call(x, 'clients.get', { id: 'K-0002' }));
  await call(x, 'clients.update', {
    ...target.client,
    consents: [...target.client.consents, { party: 'corporation', partyId: corporation, basis: 'consent', given: false, date: '2026-11-26' }],
    expectedVersion: target.version,
  });

  // Retention: the region's own rules and a run; the right to erasure for a client of the open round
  // (removed from its members and proposals, counted in the monitor archive, the log sealed again).
  await call(x, 'privacy.saveSettings', {
    retention: [
      { kind: 'placed', years: 7, action: 'pseudonymise' },
      { kind: 'withdrawn', years: 3, action: 'delete' },
    ],
  });
  await call(x, 'retention.run', { dryRun: false });
  const inRound1 = new Set([...first.proposal.matches, ...second.proposal.matches].map((m) => m.clientId));
  const erasable = (id: string) => !inRound1.has(id) && id !== dropped.id && !openReview.proposals.some((p) => p.clientCode === id);
  // Preferably one the open round proposes (its proposal is rewritten), else another member.
  const erased = open.proposal.matches.find((m) => erasable(m.clientId))?.clientId ?? members.clients.find((c) => c.included && erasable(c.id))?.id;
  if (!erased) throw new Error('the open round should have a member outside the closed round');
  await call(x, 'clients.erase', { id: erased, reason: 'Verzoek van de cliënt per brief van 20-11-2026' });
  await call(x, 'clients.get', { id: 'K-0001' });
  return { openReview, readBack, erased };
}

/** Every row of a table as JSON text, sorted, without the record-version columns (not carried: an import sets them). */
async function tableRows(x: Backend, table: string): Promise<string[]> {
  // Without PostgreSQL's row_order, as SQLite's `select *` is without its rowid.
  const found = withoutRowOrder(await rows(x, `select * from "${table}"`));
  return found
    .map((r) => {
      const { version: _v, updated_by: _b, updated_at: _a, ...rest } = r;
      return JSON.stringify(table === 'round_versions' || table === 'round_decisions' ? r : rest);
    })
    .sort();
}

describe('dataset v2: the whole history travels', () => {
  let x: Dataset;
  let built: Built & { erased: string };
  let source: Backend;
  beforeAll(async () => {
    source = await memoryBackend();
    built = await buildHistory(source);
    x = await call(source, 'dataset.export', {});
  }, 120_000);
  afterAll(async () => source.close());

  it('every table is carried or left out deliberately, and every carried table arrives row for row', async () => {
    const tables = await allTables(source);
    const decided = [...DATASET_TABLES.register, ...DATASET_TABLES.history, ...DATASET_TABLES.notCarried, 'settings'];
    expect(tables.filter((t) => !decided.includes(t)), 'a table the dataset neither carries nor deliberately leaves out').toEqual([]);
    b = await memoryBackend();
    await call(b, 'dataset.import', { dataset: x, source: 'verhuizing.json' });
    for (const table of [...DATASET_TABLES.register, ...DATASET_TABLES.history]) {
      const theirs = await tableRows(source, table);
      const ours = await tableRows(b, table);
      if (table === 'audit_log') {
        // Up to the exported head; after it the source wrote its export entry and we our import entry.
        const upToHead = (rows: string[]) => rows.filter((r) => (JSON.parse(r) as { id: number }).id <= x.history!.audit.head!.id);
        expect(upToHead(ours), table).toEqual(upToHead(theirs));
        expect(ours.length, table).toBe(x.history!.audit.entries.length + 1);
      } else {
        expect(ours, table).toEqual(theirs);
      }
      if (table !== 'audit_log') expect(ours.length > 0 || ['client_vetoes', 'quotas'].includes(table), `${table} should have rows in this history`).toBe(true);
    }
    const settings = (y: Backend) => rows(y, "select key, value from settings where key in ('region', 'privacy.retention') order by key");
    expect(await settings(b)).toEqual(await settings(source));
  });

  it('the export is version 2 and carries every kind of record', () => {
    expect(x.version).toBe(2);
    const h = x.history!;
    expect(h.rounds.map((r) => r.status)).toEqual(['closed', 'proposed']);
    const [r1, r2] = h.rounds as [History['rounds'][number], History['rounds'][number]];
    expect(r1.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(r1.versions[1]!.controls.forbids).toHaveLength(1);
    expect(r1.controls.map((c) => [c.kind, c.liftedAt !== null])).toEqual(expect.arrayContaining([['lock', true], ['forbid', false]]));
    expect(r1.decisions.length).toBe(r1.versions[1]!.proposal.matches.length);
    // On whose behalf: the liaison of the decisions file, the contact person the chair named, or nobody.
    const named = r1.decisions.map((d) => d.onBehalfOf);
    expect(named.filter((n) => n === 'J. de Vries (corporatie)')).toHaveLength(built.readBack.decisions.length);
    expect(named.filter((n) => n === 'P. Bakker (telefonisch)')).toHaveLength(1);
    expect(named).toContain(null);
    expect(r1.decisions.every((d) => d.decidedBy === 'tester')).toBe(true);
    expect(r1.reviewFiles).toHaveLength(1);
    expect(r1.reviewFiles[0]!.reads).toMatchObject([{ mac: built.readBack.mac, fileName: 'besluiten-ronde-1.json' }]);
    expect(r1.reviewFiles[0]!.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(r2.clients.some((c) => !c.included && c.manual && c.reason === 'Verhuist naar familie')).toBe(true);
    expect(r2.controls.map((c) => c.kind)).toEqual(['set-aside-unit']);
    expect(r2.reviewFiles[0]!.signature).toBe(built.openReview.signature);
    const followed = h.followUp.find((f) => f.moveInDate === '2026-12-15')!;
    expect(followed).toMatchObject({ roundId: r1.id, contractForm: 'three-party', supportStart: '2026-12-01' });
    expect(followed.checks.map((c) => [c.month, c.relapse])).toEqual([
      [6, false],
      [12, true],
    ]);
    expect(h.followUp.some((f) => f.reviewDate === '2027-06-01' && f.leaseTransferDate === '2027-12-01')).toBe(true);
    expect(h.retention.rules).toEqual([
      { kind: 'placed', years: 7, action: 'pseudonymise' },
      { kind: 'withdrawn', years: 3, action: 'delete' },
    ]);
    expect(h.retention.log.map((l) => [l.kind, l.action, l.years])).toEqual([
      ['placed', 'pseudonymise', 7],
      ['withdrawn', 'delete', 3],
    ]);
    // The erased client is gone from the register and the rounds; the monitor keeps the count.
    expect(x.clients.some((c) => c.id === built.erased)).toBe(false);
    expect(JSON.stringify(h.rounds)).not.toContain(built.erased);
    expect(h.monitorArchive.reduce((n, a) => n + a.count, 0)).toBeGreaterThanOrEqual(1);
    expect(x.clients.find((c) => c.id === 'K-0002')!.consents.at(-1)).toMatchObject({ partyId: r1.reviewFiles[0]!.corporationId, given: false });
    expect(h.audit.entries.length).toBeGreaterThan(20);
    expect(h.audit.head).toEqual({ id: h.audit.entries.at(-1)!.id, hash: h.audit.entries.at(-1)!.hash });
  });

  it('export → import into a fresh backend → export: the same document, the log grown by the import alone', async () => {
    b = await memoryBackend();
    await call(b, 'dataset.import', { dataset: x, source: 'verhuizing.json' });
    const y = await call(b, 'dataset.export', {});
    const { audit: xAudit, ...xRest } = x.history!;
    const { audit: yAudit, ...yRest } = y.history!;
    expect({ ...y, history: yRest }).toEqual({ ...x, history: xRest });
    // The imported log verbatim, then the import's own entry chained after its head.
    expect(yAudit.entries.slice(0, -1)).toEqual(xAudit.entries);
    const own = yAudit.entries.at(-1)!;
    expect(own).toMatchObject({ id: xAudit.head!.id + 1, prevHash: xAudit.head!.hash, action: 'import', entity: 'region' });
    expect(JSON.parse(own.detail)).toMatchObject({ source: 'verhuizing.json', version: 2, history: { rounds: 2, auditEntries: xAudit.entries.length } });
    expect(yAudit.head).toEqual({ id: own.id, hash: own.hash });
    const chain = await call(b, 'audit.verify', {});
    expect(chain).toMatchObject({ intact: true, entries: xAudit.entries.length + 2 });
    // And once more: a second move gives the same again.
    const c = await backend();
    await call(c, 'dataset.import', { dataset: y, source: 'nog-een-keer.json' });
    const z = await contents(c);
    expect({ ...z!, history: { ...z!.history!, audit: null } }).toEqual({ ...y, history: { ...y.history!, audit: null } });
    expect(z!.history!.audit.entries.slice(0, -1)).toEqual(yAudit.entries);
    expect((await call(c, 'audit.verify', {})).intact).toBe(true);
  });

  it('an export from before decisions named on whose behalf (no onBehalfOf) imports with nobody named', async () => {
    const older = structuredClone(x);
    for (const r of older.history!.rounds) for (const d of r.decisions) delete (d as { onBehalfOf?: string | null }).onBehalfOf;
    b = await memoryBackend();
    await call(b, 'dataset.import', { dataset: older, source: 'oud.json' });
    const decided = await rows<{ on_behalf_of: string | null }>(b, 'select on_behalf_of from round_decisions');
    expect(decided.length).toBe(x.history!.rounds.reduce((n, r) => n + r.decisions.length, 0));
    expect(decided.every((r) => r.on_behalf_of === null)).toBe(true);
  });

  it('after the move the review files still verify: a decisions file from before it is recognised, a new one recorded', async () => {
    b = await memoryBackend();
    await call(b, 'dataset.import', { dataset: x, source: 'verhuizing.json' });
    // The file read in the closed round, read again: known by its MAC, nothing recorded.
    const again = await call(b, 'review.importDecisions', { fileName: 'besluiten-ronde-1.json', content: JSON.stringify(built.readBack) });
    expect(again).toMatchObject({ alreadyRead: true, recorded: 0 });
    // The open round's liaison answers after the move: the HMAC under the carried secret holds.
    const review = built.openReview;
    const p = review.proposals[0]!;
    const file = decisionsFile(review, [{ clientCode: p.clientCode, unitId: p.unitId, decision: 'accepted' }], '2026-12-12T08:00:00.000Z');
    const out = await call(b, 'review.importDecisions', { fileName: 'besluiten-ronde-2.json', content: JSON.stringify(file) });
    expect(out).toMatchObject({ roundId: review.roundId, recorded: 1, alreadyRead: false });
    const { decisions } = await call(b, 'rounds.get', { id: review.roundId });
    expect(decisions.find((d) => d.clientId === p.clientCode && d.unitId === p.unitId)).toMatchObject({ decision: 'accepted' });
    // New rounds and controls get ids after the imported ones.
    const { id } = await call(b, 'rounds.create', { date: '2027-01-08', windowFrom: '2027-01-08', windowTo: '2027-02-28' });
    expect(id).toBe(Math.max(...x.history!.rounds.map((r) => r.id)) + 1);
    expect((await call(b, 'audit.verify', {})).intact).toBe(true);
  });

  it('a v2 import replaces everything a database held: its region, rounds and log (users stay)', async () => {
    b = await memoryBackend();
    await importDataset(b, miniDataset());
    await call(b, 'rounds.create', { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31', note: 'Oude ronde' });
    await run(b, "insert into users (name, display_name, role, created_at) values ('anna', 'Anna', 'chair', '2026-11-01T09:00:00.000Z')");
    // This database has handed out more ids than the imported log holds: the import's entry must still follow its head.
    for (const table of ['audit_log', 'rounds']) await setIdCounter(b.database.db, table, 100_000);
    const before = await rowCount(b, 'audit_log');
    await call(b, 'dataset.import', { dataset: x, source: 'verhuizing.json' });
    const y = await contents(b);
    expect(y!.clients.map((c) => c.id)).toEqual(x.clients.map((c) => c.id));
    expect(y!.history!.rounds.map((r) => r.note)).toEqual(x.history!.rounds.map((r) => r.note));
    const own = y!.history!.audit.entries.at(-1)!;
    expect(own.id).toBe(x.history!.audit.head!.id + 1);
    expect(JSON.parse(own.detail)).toMatchObject({ replaced: 'Testregio', replacedAudit: { entries: before } });
    expect(await rowCount(b, 'audit_log')).toBe(x.history!.audit.entries.length + 1);
    expect((await call(b, 'audit.verify', {})).intact).toBe(true);
    // Accounts belong to the installation, not to the dataset.
    expect(await rows(b, 'select name from users')).toEqual([{ name: 'anna' }]);
    expect(JSON.stringify(x)).not.toContain('"users"');
  });

  it('travels through real files with the CLI: export, then import --replace into a database with a region', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ut-v2-'));
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    const p = (name: string) => join(dir, name);
    try {
      writeFileSync(p('in.json'), JSON.stringify(x, null, 2));
      expect(await runCli(['init', ...AS_CHAIR, '--db', p('a.sqlite')], io)).toBe(0);
      expect(await runCli(['import', ...AS_CHAIR, '--db', p('a.sqlite'), '--dataset', p('in.json')], io)).toBe(0);
      expect(await runCli(['export', ...AS_CHAIR, '--db', p('a.sqlite'), '--out', p('a.json')], io)).toBe(0);
      expect(await runCli(['init', ...AS_CHAIR, '--db', p('b.sqlite'), '--demo'], io)).toBe(0);
      expect(await runCli(['import', ...AS_CHAIR, '--db', p('b.sqlite'), '--dataset', p('a.json'), '--replace'], io)).toBe(0);
      expect(await runCli(['export', ...AS_CHAIR, '--db', p('b.sqlite'), '--out', p('b.json')], io)).toBe(0);
      expect(await runCli(['audit', 'verify', ...AS_CHAIR, '--db', p('b.sqlite')], io)).toBe(0);
      expect(err).toEqual([]);
      const a = Dataset.parse(JSON.parse(readFileSync(p('a.json'), 'utf8')));
      const last = Dataset.parse(JSON.parse(readFileSync(p('b.json'), 'utf8')));
      const withoutAudit = (d: Dataset) => ({ ...d, history: { ...d.history!, audit: null } });
      expect(withoutAudit(a)).toEqual(withoutAudit(x));
      expect(withoutAudit(last)).toEqual(withoutAudit(x));
      // Each file's log starts with the one before it: the imported entries verbatim, then the new ones.
      expect(a.history!.audit.entries.slice(0, x.history!.audit.entries.length)).toEqual(x.history!.audit.entries);
      expect(last.history!.audit.entries.slice(0, a.history!.audit.entries.length)).toEqual(a.history!.audit.entries);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a malformed v2 is refused with its path, and nothing is written', async () => {
    b = await memoryBackend();
    await importDataset(b, miniDataset());
    const before = await contents(b);
    const refused = async (d: unknown) => {
      const r = await b.dispatch('dataset.import', { dataset: d, source: 'slecht.json' }, asChair('t'));
      if (r.ok) throw new Error('dataset.import should have been refused');
      return r.error;
    };
    // A decision naming a client the register does not have.
    const bad = structuredClone(x);
    const r1 = bad.history!.rounds[0]!;
    r1.decisions[0]!.clientId = 'K-9999';
    const e1 = await refused(bad);
    expect(e1.code).toBe('VALIDATION');
    expect(e1.message).toContain('er is niets opgeslagen');
    expect(e1.problems).toEqual([{ path: `history.rounds[0] (${r1.id}).decisions[0].clientId`, message: "onbekende cliënt 'K-9999'" }]);
    // Follow-up of a placement that is not there, and a round id twice.
    const bad2 = structuredClone(x);
    bad2.history!.followUp[0]!.placementId = 'P-BESTAAT-NIET';
    bad2.history!.rounds[1]!.id = bad2.history!.rounds[0]!.id;
    expect((await refused(bad2)).problems).toEqual(
      expect.arrayContaining([
        { path: 'history.followUp[0].placementId', message: "onbekende plaatsing 'P-BESTAAT-NIET'" },
        { path: `history.rounds[1] (${r1.id}).id`, message: `dubbel: ronde ${r1.id} staat ook op history.rounds[0] (${r1.id})` },
      ]),
    );
    // A stored proposal that is not one.
    const bad3 = structuredClone(x) as unknown as { history: { rounds: { versions: { proposal: { totalScore: unknown } }[] }[] } };
    bad3.history.rounds[0]!.versions[0]!.proposal.totalScore = 'veel';
    const e3 = await refused(bad3);
    expect(e3.problems?.[0]?.path).toBe(`history.rounds[0] (${r1.id}).versions[0].proposal.totalScore`);
    expect(e3.problems?.[0]?.message).toMatch(/^voorstel: /);
    // A history in a v1 document, and no history in a v2 one.
    expect((await refused({ ...x, version: 1 })).problems).toEqual([{ path: 'history', message: expect.stringContaining('hoort niet in een dataset van versie 1') }]);
    expect((await refused({ ...registerOf(x), version: 2 })).problems).toEqual([
      { path: 'history', message: expect.stringContaining('ontbreekt') },
    ]);
    expect((await refused({ ...x, version: 3 })).problems?.[0]).toMatchObject({ path: 'version', message: expect.stringContaining('onbekende versie') });
    expect(await contents(b)).toEqual(before);
  });

  it('an audit log changed, cut short or out of order in the file is refused, naming the entry', async () => {
    b = await memoryBackend();
    await importDataset(b, miniDataset());
    const before = await contents(b);
    const problemsOf = async (d: Dataset) => {
      const r = await b.dispatch('dataset.import', { dataset: d, source: 'slecht.json' }, asChair('t'));
      if (r.ok) throw new Error('dataset.import should have been refused');
      return r.error.problems;
    };
    const edited = structuredClone(x);
    const entry = edited.history!.audit.entries[3]!;
    entry.detail = entry.detail.replace('}', ',"extra":1}');
    expect(await problemsOf(edited)).toEqual([
      { path: `history.audit.entries[3] (${entry.id}).hash`, message: 'klopt niet met de inhoud van de regel: de regel is na het schrijven gewijzigd' },
    ]);
    const cut = structuredClone(x);
    const last = cut.history!.audit.entries.pop()!;
    expect(await problemsOf(cut)).toEqual([
      { path: 'history.audit.head', message: `hoort de laatste regel (${last.id - 1}) aan te wijzen; regels tot en met ${last.id} ontbreken` },
    ]);
    const gap = structuredClone(x);
    const removed = gap.history!.audit.entries.splice(5, 1)[0]!;
    expect(await problemsOf(gap)).toEqual([
      { path: `history.audit.entries[5] (${removed.id + 1}).prevHash`, message: `hoort het kenmerk (hash) van regel ${removed.id - 1} te zijn: het logboek is onderbroken of gewijzigd` },
    ]);
    expect(await contents(b)).toEqual(before);
  });
});

describe('dataset v1 still imports', () => {
  it('export(import(x)) gives x as the register of a v2 document, with the import in its log', async () => {
    b = await memoryBackend();
    const x = miniDataset();
    await importDataset(b, x);
    const y = await call(b, 'dataset.export', {});
    expect(y.version).toBe(2);
    expect(registerOf(y)).toEqual(x);
    expect(y.history).toMatchObject({ rounds: [], followUp: [], retention: { rules: null, log: [] }, monitorArchive: [] });
    expect(y.history!.audit.entries.map((e) => [e.action, e.entity])).toEqual([['import', 'region']]);
    expect(JSON.parse(y.history!.audit.entries[0]!.detail)).toMatchObject({ version: 1, source: 'test' });
  });

  it('the demo (a v1 file) imports, and its v2 export imports again into an empty backend', async () => {
    b = await memoryBackend();
    await importDataset(b, demo);
    const y = await call(b, 'dataset.export', {});
    expect(registerOf(y)).toEqual(demo);
    const c = await backend();
    await call(c, 'dataset.import', { dataset: y });
    expect(registerOf((await contents(c))!)).toEqual(demo);
  });

  it('replacing a region leaves no rows of the old one', async () => {
    b = await memoryBackend();
    await importDataset(b, miniDataset());
    const y = miniDataset();
    y.clients = y.clients.filter((c) => c.id === 'K-3');
    y.units = y.units.filter((u) => u.id === 'W-1');
    await importDataset(b, y);
    expect(registerOf(await call(b, 'dataset.export', {}))).toEqual(y);
    expect(await rowCount(b, 'client_places')).toBe(0);
  });

  it('refuses a malformed dataset with every problem located, and writes nothing', async () => {
    b = await memoryBackend();
    await importDataset(b, miniDataset());
    const before = await contents(b);
    const bad = miniDataset() as unknown as { clients: Record<string, unknown>[]; units: Record<string, unknown>[] };
    bad.clients[1]!.birthDate = '2001-02-30';
    bad.units[0]!.rent = -5;
    bad.clients[2]!.originMunicipalityCode = 'GM9999';
    const r = await b.dispatch('dataset.import', { dataset: bad, source: 'bad.json' }, asChair('t'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.message).toContain('er is niets opgeslagen');
    const paths = r.error.problems?.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['clients[1] (K-2).birthDate', 'units[0] (W-1).rent']));
    // Reference problems are reported once the shape is right.
    const bad2 = miniDataset();
    bad2.clients[2]!.originMunicipalityCode = 'GM9999';
    bad2.clients.push({ ...bad2.clients[0]! });
    const r2 = await b.dispatch('dataset.import', { dataset: bad2 }, asChair('t'));
    expect(r2.ok).toBe(false);
    if (r2.ok) return;
    expect(r2.error.problems).toEqual(
      expect.arrayContaining([
        { path: 'clients[2] (K-3).originMunicipalityCode', message: "onbekende gemeentecode 'GM9999'" },
        { path: 'clients[3] (K-1).id', message: "dubbel: 'K-1' staat ook op clients[0]" },
      ]),
    );
    // Nothing written, not even an audit entry.
    expect(await contents(b)).toEqual(before);
  });

  it('rolls back a failing import half way (database constraint) and keeps the old region', async () => {
    b = await memoryBackend();
    await importDataset(b, miniDataset());
    const before = await contents(b);
    // Make the database refuse the last table written (placements) after everything else went in.
    await refuseInserts(b, 'placements', 'test refusal');
    const r = await b.dispatch('dataset.import', { dataset: miniDataset() }, asChair('t'));
    expect(r.ok).toBe(false);
    await allowInserts(b, 'placements');
    expect(await contents(b)).toEqual(before);
  });

  it('rolls back a v2 import that fails while writing the history', async () => {
    b = await memoryBackend();
    await buildHistorySmall(b);
    const x = await call(b, 'dataset.export', {});
    const before = await contents(b);
    await refuseInserts(b, 'placement_checks', 'test refusal');
    const r = await b.dispatch('dataset.import', { dataset: x }, asChair('t'));
    expect(r.ok).toBe(false);
    await allowInserts(b, 'placement_checks');
    expect(await contents(b)).toEqual(before);
    expect((await call(b, 'audit.verify', {})).intact).toBe(true);
  });
});

/** A small history on the mini dataset: one closed round with a placement and a check. */
async function buildHistorySmall(x: Backend): Promise<void> {
  await importDataset(x, miniDataset());
  const { id } = await call(x, 'rounds.create', { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31' });
  const { proposal, version } = await call(x, 'rounds.propose', { roundId: id });
  for (const m of proposal.matches) {
    await decide(x, { roundId: id, version, clientId: m.clientId, unitId: m.unitId, decision: 'accepted', clientAnswer: 'accepted' });
  }
  const { placements } = await call(x, 'rounds.close', { roundId: id });
  const [row] = await call(x, 'placements.list', { clientId: placements[0]!.clientId });
  await call(x, 'placements.check', { id: row!.id, month: 6, checkedAt: '2026-11-27', stillHoused: true, relapse: false, expectedVersion: row!.version });
}

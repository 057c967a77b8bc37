// The corporation report (reports.corporation) on the demo region with real rounds through the API:
// only the corporation's own homes, exactly the housing facts of the review file (never names,
// diagnoses, notes, network or areas to avoid), a client without consent for this corporation left
// out as review.export does, figures and quota use against plain SQL, roles, and small numbers hidden
// in the export. Real SQLite (or PostgreSQL), no mocks.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, createBackend } from '../../electron/backend/backend';
import { orPostgres } from '../pg/database';
import { row, rows, run } from '../pg/sql';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import { buildReport } from '../../electron/backend/services/reports.service';
import type { Result } from '../../shared/api/result';
import { DECLINE_REASON_LABELS } from '../../shared/api/rounds.contract';
import type { SessionUser } from '../../shared/auth/roles';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import type { ReportDoc, ReportFile } from '../../shared/reports/report-doc';
import { ReviewFile } from '../../shared/review/review-file';
import { FIXED_NOW, call, decide, importDataset } from './helpers';
import { docTexts as allText, figureOf as figure, tableOf as table } from './report-doc-reading';

const TODAY = '2026-11-27';
const FROM = '2025-11-28';

let dir: string;
let b: Backend;
let demo: Dataset;
let corp: string;
let otherCorp: string;
let round1: number;
let round2: number;
/** A client proposed to `corp` in round 2 who refused sharing with it afterwards. */
let withheld: { clientId: string; unitId: string };

const one = async <T>(q: string, ...args: unknown[]) => (await row(b, q, ...args)) as T;
const all = <T>(q: string, ...args: unknown[]) => rows<T>(b, q, ...args);

const liaison = (corporationId: string): SessionUser => ({
  name: `contact-${corporationId}`,
  displayName: `Contact ${corporationId}`,
  role: 'liaison',
  careProviderId: null,
  corporationId,
});
const worker: SessionUser = { name: 'werker', displayName: 'Werker', role: 'provider', careProviderId: 'prov-dijkzicht', corporationId: null };
async function as<T>(u: SessionUser, method: string, input: unknown): Promise<Result<T>> {
  return (await b.dispatch(method, input, { actor: u.name, user: u })) as Result<T>;
}

const unitsOf = async (corporationId: string) => new Set((await all<{ id: string }>('select id from units where corporation_id = ?', corporationId)).map((r) => r.id));

/** Pairs of the latest proposal of a round, parsed here from the stored JSON. */
async function latestPairs(roundId: number): Promise<{ clientId: string; unitId: string }[]> {
  const v = await one<{ proposal_json: string } | undefined>('select proposal_json from round_versions where round_id = ? order by version desc limit 1', roundId);
  return v ? (JSON.parse(v.proposal_json) as { matches: { clientId: string; unitId: string }[] }).matches : [];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ut-report-corp-'));
  b = await createBackend(await orPostgres(join(dir, 'c.sqlite')), { host: 'test', now: () => FIXED_NOW });
  demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;
  // Every client has a name, so the test can look for it.
  demo.clients.forEach((c, i) => {
    c.name = `Geheimnaam${i + 1}z`;
  });
  await importDataset(b, demo);
  const unitCorp = new Map(demo.units.map((u) => [u.id, u.corporationId]));

  // Round 1 (closed): the busiest corporation gets declines with two reasons, the rest is accepted and placed.
  ({ id: round1 } = await call(b, 'rounds.create', { date: '2026-10-01', windowFrom: '2026-10-01', windowTo: '2026-12-31' }));
  const p1 = await call(b, 'rounds.propose', { roundId: round1 });
  const per = new Map<string, number>();
  for (const m of p1.proposal.matches) per.set(unitCorp.get(m.unitId)!, (per.get(unitCorp.get(m.unitId)!) ?? 0) + 1);
  const ranked = [...per.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  corp = ranked[0]![0];
  otherCorp = ranked[1]?.[0] ?? demo.corporations.find((c) => c.id !== corp)!.id;
  let declines = 0;
  const declined = new Set<string>();
  for (const m of p1.proposal.matches) {
    const mine = unitCorp.get(m.unitId) === corp;
    if (mine && declines < 2) {
      await decide(b, {
        roundId: round1,
        version: p1.version,
        clientId: m.clientId,
        unitId: m.unitId,
        decision: 'declined',
        declineReason: declines === 0 ? 'liveability' : 'rent-debt',
        note: 'Notitie die nooit naar de corporatie gaat',
        clientAnswer: 'pending',
      });
      declines++;
      declined.add(m.clientId);
    } else {
      await decide(b, { roundId: round1, version: p1.version, clientId: m.clientId, unitId: m.unitId, decision: 'accepted', clientAnswer: 'accepted' });
    }
  }
  await call(b, 'rounds.close', { roundId: round1 });

  // Round 2 (open): proposed, one decision; then one of the corporation's clients refuses sharing with it.
  ({ id: round2 } = await call(b, 'rounds.create', { date: '2026-11-20', windowFrom: '2026-11-20', windowTo: '2027-03-31' }));
  const p2 = await call(b, 'rounds.propose', { roundId: round2 });
  const mine = p2.proposal.matches.filter((m) => unitCorp.get(m.unitId) === corp);
  expect(mine.length).toBeGreaterThan(1);
  await decide(b, { roundId: round2, version: p2.version, clientId: mine[0]!.clientId, unitId: mine[0]!.unitId, decision: 'accepted', clientAnswer: 'pending' });
  const refuser = mine.slice(1).find((m) => !declined.has(m.clientId))!;
  withheld = { clientId: refuser.clientId, unitId: refuser.unitId };
  const next = (await one<{ n: number }>('select coalesce(max(seq), -1) + 1 as n from client_consents where client_id = ?', withheld.clientId)).n;
  await run(b, 'insert into client_consents (client_id, seq, party, party_id, basis, given, date) values (?, ?, ?, ?, ?, ?, ?)', withheld.clientId, next, 'corporation', corp, 'consent', 0, '2026-11-21');
}, 240_000);

afterAll(async () => {
  await b?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('reports.corporation', () => {
  it('holds only the corporation’s own homes', async () => {
    const doc = await call(b, 'reports.corporation', { corporationId: corp });
    const own = await unitsOf(corp);
    for (const key of ['voorstellen', 'huishoudens', 'besluiten']) {
      const rows = table(doc, key).rows;
      expect(rows.length, key).toBeGreaterThan(0);
      for (const r of rows) expect(own.has(String(r.cells.unit)), `${key}: ${r.cells.unit}`).toBe(true);
    }
    const placementIds = (await all<{ id: string }>('select id from placements where corporation_id = ? and date between ? and ? order by date, id', corp, FROM, TODAY)).map((r) => r.id);
    expect(table(doc, 'plaatsingen').rows.map((r) => r.key)).toEqual(placementIds);
    for (const u of await unitsOf(otherCorp)) expect(allText(doc)).not.toContain(u);
  });

  it('never holds names, diagnoses, notes, network or areas to avoid; no municipality or neighbourhood codes', async () => {
    const doc = await call(b, 'reports.corporation', { corporationId: corp });
    const text = allText(doc).join('\n');
    expect(text).not.toMatch(/Geheimnaam/);
    // Cells and notes (row keys aside: a quota row is keyed by its municipality code for the click-through).
    const cells = doc.sections
      .flatMap((s) => (s.kind === 'table' ? [s.note ?? '', ...s.rows.flatMap((r) => Object.values(r.cells).map(String))] : s.figures.map((f) => String(f.value))))
      .join('\n');
    expect(text).not.toContain('Notitie die nooit');
    expect(cells).not.toMatch(/\bGM\d{4}\b/);
    expect(cells).not.toMatch(/\bBU\d{8}\b/);
    const codes = new Set(table(doc, 'voorstellen').rows.map((r) => String(r.cells.code)));
    expect(codes.size).toBeGreaterThan(0);
    for (const c of demo.clients.filter((x) => codes.has(x.id))) {
      if (c.notes.trim()) expect(text).not.toContain(c.notes.slice(0, 25));
      if (c.preferences.note.trim()) expect(text).not.toContain(c.preferences.note.slice(0, 25));
      for (const p of [...c.networkPlaces, ...c.avoidPlaces]) if (p.note.trim()) expect(text).not.toContain(p.note);
    }
    // The columns are the review file's housing facts: no column about the person beyond them.
    const keys = doc.sections.flatMap((s) => (s.kind === 'table' ? s.columns.map((c) => c.key) : []));
    for (const forbidden of ['name', 'birthDate', 'avoid', 'network', 'notes', 'note', 'group', 'origin', 'conditions']) expect(keys).not.toContain(forbidden);
  });

  it('shows exactly the proposals and facts of the review file; a client without consent is left out and said', async () => {
    const doc = await call(b, 'reports.corporation', { corporationId: corp, from: '2026-11-20', to: '2026-11-20' });
    const review = await call(b, 'review.export', { roundId: round2, corporationId: corp });
    const file = ReviewFile.parse(JSON.parse(Buffer.from(review.contentBase64, 'base64').toString('utf8')));
    expect(review.withheld).toEqual([`${withheld.clientId}–${withheld.unitId}`]);
    const proposals = table(doc, 'voorstellen');
    const households = table(doc, 'huishoudens');
    expect(proposals.rows.map((r) => `${r.cells.code}|${r.cells.unit}`).sort()).toEqual(file.proposals.map((p) => `${p.clientCode}|${p.unitId}`).sort());
    for (const p of file.proposals) {
      const row = proposals.rows.find((r) => r.cells.code === p.clientCode && r.cells.unit === p.unitId)!.cells;
      expect(row).toMatchObject({
        address: p.address,
        municipality: p.municipality,
        neighbourhood: p.neighbourhood,
        kind: p.kind,
        rooms: p.rooms,
        rent: p.rent,
        contractForms: p.contractForms.length ? p.contractForms.join(', ') : null,
        round: round2,
        roundDate: '2026-11-20',
      });
      const h = households.rows.find((r) => r.cells.code === p.clientCode && r.cells.unit === p.unitId)!.cells;
      expect(h).toMatchObject({
        adults: p.household.adults,
        children: p.household.children,
        incomeBand: p.incomeBand,
        budgetManagement: p.budgetManagement ? 'Ja' : 'Nee',
        debts: p.debts,
        supportProvider: p.support.provider,
        supportIntensity: p.support.intensity,
        supportStart: p.support.start,
        supportMonths: p.support.months,
        needs: p.needs.length ? p.needs.join(', ') : null,
      });
    }
    // The withheld client is nowhere, and the note says one proposal is left out.
    expect(allText(doc).join('\n')).not.toMatch(new RegExp(`\\b${withheld.clientId}\\b`));
    expect(proposals.note).toContain('1 voorstel is weggelaten');
    expect(figure(doc, 'proposals').value).toBe(file.proposals.length);
  });

  it('figures and quota use match independent SQL counts', async () => {
    const doc = await call(b, 'reports.corporation', { corporationId: corp });
    expect(doc.period).toEqual({ from: FROM, to: TODAY });
    const own = await unitsOf(corp);
    // Proposals: latest pairs and decided pairs of the period's rounds for its homes, minus the withheld one.
    const pairs = new Set<string>();
    for (const r of await all<{ id: number }>('select id from rounds where date between ? and ?', FROM, TODAY)) {
      for (const m of await latestPairs(r.id)) if (own.has(m.unitId)) pairs.add(`${r.id}|${m.clientId}|${m.unitId}`);
      for (const d of await all<{ client_id: string; unit_id: string }>('select client_id, unit_id from round_decisions where round_id = ?', r.id)) {
        if (own.has(d.unit_id)) pairs.add(`${r.id}|${d.client_id}|${d.unit_id}`);
      }
    }
    // The withheld client's proposals are left out in every round (consent is judged today).
    for (const k of [...pairs]) if (k.split('|')[1] === withheld.clientId) pairs.delete(k);
    expect(figure(doc, 'proposals').value).toBe(pairs.size);
    expect(table(doc, 'voorstellen').rows).toHaveLength(pairs.size);
    const decisionCount = async (where: string) =>
      (await one<{ n: number }>(
        `select count(*) as n from round_decisions d join rounds r on r.id = d.round_id join units u on u.id = d.unit_id
         where u.corporation_id = ? and r.date between ? and ? and d.client_id != ? and ${where}`,
        corp,
        FROM,
        TODAY,
        withheld.clientId,
      )).n;
    expect(figure(doc, 'accepted').value).toBe(await decisionCount("d.decision in ('accepted', 'accepted-conditions')"));
    expect(figure(doc, 'declined').value).toBe(await decisionCount("d.decision = 'declined'"));
    expect(figure(doc, 'declined').value).toBe(2);
    expect(figure(doc, 'declined-liveability')).toMatchObject({ label: `Afgewezen: ${DECLINE_REASON_LABELS.liveability}`, value: 1 });
    expect(figure(doc, 'declined-rent-debt').value).toBe(1);
    expect(figure(doc, 'declined-client-refused').value).toBe(0);
    expect(figure(doc, 'pending').value).toBe(pairs.size - await decisionCount('1 = 1'));
    expect(table(doc, 'besluiten').rows).toHaveLength(await decisionCount('1 = 1'));
    expect(figure(doc, 'placed').value).toBe((await one<{ n: number }>('select count(*) as n from placements where corporation_id = ? and date between ? and ?', corp, FROM, TODAY)).n);
    // Quota: per municipality and year (2025, 2026) the agreement against that year's placements in its homes.
    const realised = await all<{ code: string; year: string; n: number }>(
      `select destination_municipality_code as code, substr(date, 1, 4) as year, count(*) as n from placements
       where corporation_id = ? and date between '2025-01-01' and '2026-12-31' group by 1, 2`,
      corp,
    );
    const quotas = await all<{ code: string; year: number; agreed: number }>('select municipality_code as code, year, agreed from quotas where corporation_id = ? and year in (2025, 2026)', corp);
    const names = new Map((await all<{ code: string; name: string }>('select code, name from municipalities')).map((m) => [m.code, m.name]));
    const rows = table(doc, 'afspraken').rows;
    const keys = new Set([...realised.map((r) => `${r.code}|${r.year}`), ...quotas.map((q) => `${q.code}|${q.year}`)]);
    expect(rows).toHaveLength(keys.size);
    for (const key of keys) {
      const [code, year] = key.split('|') as [string, string];
      const row = rows.find((r) => r.key === key)!;
      const n = realised.find((r) => r.code === code && r.year === year)?.n ?? 0;
      const q = quotas.find((x) => x.code === code && String(x.year) === year);
      expect(row.cells).toMatchObject({ municipality: names.get(code), year: Number(year), realised: n, agreed: q?.agreed ?? null, remaining: q ? q.agreed - n : null });
      if (q && q.agreed > 0) expect(row.cells.realisation).toBeCloseTo((100 * n) / q.agreed, 1);
    }
    expect(figure(doc, 'agreed').value).toBe(quotas.reduce((s, q) => s + q.agreed, 0));
    expect(figure(doc, 'realised').value).toBe(
      realised.filter((r) => quotas.some((q) => q.code === r.code && String(q.year) === r.year)).reduce((s, r) => s + r.n, 0),
    );
    // Types: person counts are 'count', agreed and remaining 'int'.
    const cols = Object.fromEntries(table(doc, 'afspraken').columns.map((c) => [c.key, c.type]));
    expect(cols).toMatchObject({ realised: 'count', agreed: 'int', remaining: 'int', realisation: 'percent' });
  });

  it('says who recorded each decision, with the reason in words and dates as yyyy-mm-dd', async () => {
    const doc = await call(b, 'reports.corporation', { corporationId: corp });
    const declined = table(doc, 'besluiten').rows.filter((r) => r.cells.decision === 'Afgewezen');
    expect(declined.map((r) => r.cells.reason).sort()).toEqual([DECLINE_REASON_LABELS['rent-debt'], DECLINE_REASON_LABELS.liveability].sort());
    for (const r of table(doc, 'besluiten').rows) {
      expect(r.cells.decidedBy).toBe('tester');
      expect(r.cells.decidedAt).toBe(TODAY);
    }
  });

  it('roles: a liaison gets only their own corporation’s report; another is refused and audited', async () => {
    const own = await as<ReportDoc>(liaison(corp), 'reports.corporation', { corporationId: corp });
    expect(own.ok).toBe(true);
    const other = await as<ReportDoc>(liaison(corp), 'reports.corporation', { corporationId: otherCorp });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.code).toBe('FORBIDDEN');
    expect(await one<{ action: string; entity_id: string; actor: string }>('select action, entity_id, actor from audit_log order by id desc limit 1')).toMatchObject({
      action: 'denied',
      entity_id: 'reports.corporation',
      actor: `contact-${corp}`,
    });
    const byWorker = await as<ReportDoc>(worker, 'reports.corporation', { corporationId: corp });
    expect(byWorker.ok).toBe(false);
    const exportOther = await as<ReportFile>(liaison(corp), 'reports.export', { request: { report: 'corporation', corporationId: otherCorp }, format: 'csv' });
    expect(exportOther.ok).toBe(false);
    if (!exportOther.ok) expect(exportOther.error.code).toBe('FORBIDDEN');
  });

  it('every report names its maker by display name, as the screens do (not "Naam (login)" in some, the login in others)', async () => {
    const chair: SessionUser = { name: 'lies', displayName: 'Lies Visser', role: 'chair', careProviderId: null, corporationId: null };
    const ctx = { db: b.database.db, now: () => FIXED_NOW, user: chair };
    const requests = [
      { report: 'corporation', corporationId: corp },
      { report: 'provider', careProviderId: 'prov-dijkzicht' },
      { report: 'agenda', roundId: round1 },
      { report: 'minutes', roundId: round1 },
      { report: 'monitor', filters: {} },
    ] as const;
    for (const r of requests) expect((await buildReport(ctx, r, false)).generatedBy, r.report).toBe('Lies Visser');
  });

  it('the export hides small counts (also what derives from them), shows them on screen, and is audited', async () => {
    const ctx = { db: b.database.db, now: () => FIXED_NOW, user: liaison(corp) };
    const screen = await buildReport(ctx, { report: 'corporation', corporationId: corp }, false);
    const leaving = await buildReport(ctx, { report: 'corporation', corporationId: corp }, true);
    expect(screen.smallNumbers).toBeNull();
    expect(leaving.smallNumbers).toEqual({ threshold: 5, hidden: true });
    const quotaScreen = table(screen, 'afspraken').rows;
    const quotaOut = table(leaving, 'afspraken').rows;
    expect(quotaScreen.some((r) => typeof r.cells.realised === 'number' && r.cells.realised > 0 && r.cells.realised < 5)).toBe(true);
    for (const [i, r] of quotaScreen.entries()) {
      const out = quotaOut[i]!;
      const v = r.cells.realised as number;
      if (v > 0 && v < 5) {
        expect(out.cells).toMatchObject({ realised: null, remaining: null, realisation: null });
        expect(out.hidden).toEqual(expect.arrayContaining(['realised', 'remaining', 'realisation']));
      } else {
        expect(out.cells).toEqual(r.cells);
      }
    }
    for (const s of leaving.sections) {
      if (s.kind === 'figures') for (const f of s.figures) if (f.type === 'count' && typeof f.value === 'number') expect(f.value === 0 || f.value >= 5).toBe(true);
    }
    // Through the dispatcher: the CSV shows "< 5", and the export is logged with report, filters and client count.
    const r = await as<ReportFile>(liaison(corp), 'reports.export', { request: { report: 'corporation', corporationId: corp }, format: 'csv' });
    if (!r.ok) throw new Error(r.error.message);
    const csv = Buffer.from(r.value.contentBase64, 'base64').toString('utf8');
    expect(csv).toContain('< 5');
    expect(csv).not.toMatch(/Geheimnaam/);
    expect(csv).not.toMatch(new RegExp(`\\b${withheld.clientId}\\b`));
    expect(r.value.clients).toBe(screen.clients);
    const entry = await one<{ actor: string; action: string; entity: string; detail: string }>('select actor, action, entity, detail from audit_log order by id desc limit 1');
    expect(entry).toMatchObject({ actor: `contact-${corp}`, action: 'export', entity: 'report' });
    expect(JSON.parse(entry.detail)).toMatchObject({ report: 'corporation', format: 'csv', request: { report: 'corporation', corporationId: corp }, clients: screen.clients });
  });
});

// The meeting papers (issue 11, item 3) on the demo region through the real dispatcher, SQLite and
// solver: the agenda from the latest proposal, the minutes (draft, then closed) against plain-SQL counts,
// the privacy of both (no names, notes, network or avoid-area places), and who may have them.
import { rows, run } from '../pg/sql';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import type { Result } from '../../shared/api/result';
import type { Role, SessionUser } from '../../shared/auth/roles';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import type { Proposal } from '../../shared/engine/round.schema';
import type { ReportDoc } from '../../shared/reports/report-doc';
import { call, decide, importDataset, memoryBackend } from './helpers';
import { figureOf, tableOf as table } from './report-doc-reading';

const demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;
const MICHELLE = 'K-0001';
const NAMED = demo.clients.filter((c) => c.name).map((c) => ({ id: c.id, name: c.name! }));

let b: Backend;
let roundId: number;
let agenda: ReportDoc;
let latest: Proposal;
const controlIds: Record<string, number> = {};

const sql = <T>(query: string, ...params: unknown[]): Promise<T[]> => rows<T>(b, query, ...params);
const figure = (doc: ReportDoc, key: string) => figureOf(doc, key).value;
/** Every string a document carries: header, titles, notes, labels, cells. */
function allText(doc: ReportDoc): string {
  return JSON.stringify(doc);
}

/** Every cell and figure value, one per line. */
function cellsText(doc: ReportDoc): string {
  return doc.sections
    .flatMap((s) => (s.kind === 'figures' ? s.figures.map((f) => f.value) : s.rows.flatMap((r) => Object.values(r.cells))))
    .map(String)
    .join('\n');
}

function userOf(role: Role): SessionUser {
  return {
    name: `test-${role}`,
    displayName: `Test ${role}`,
    role,
    careProviderId: role === 'provider' ? 'prov-dijkzicht' : null,
    corporationId: role === 'liaison' ? 'corp-polderhuis' : null,
  };
}
async function as(role: Role, method: string, input: unknown): Promise<Result<unknown>> {
  const u = userOf(role);
  return (await b.dispatch(method, input, { actor: u.name, user: u })) as Result<unknown>;
}

/** The latest proposal as stored, read with plain SQL. */
async function storedLatest(): Promise<Proposal> {
  const row = (await sql<{ proposal_json: string }>('select proposal_json from round_versions where round_id = ? order by version desc limit 1', roundId))[0]!;
  return JSON.parse(row.proposal_json) as Proposal;
}

beforeAll(async () => {
  b = await memoryBackend();
  await importDataset(b, demo);
  // A person with a display name records some decisions (users are rows of the users table).
  await run(b, "insert into users (name, display_name, role, care_provider_id, corporation_id, active, last_login_at, created_at) values ('anna', 'Anna de Voorzitter', 'chair', null, null, 1, null, '2026-11-01T09:00:00Z')");

  roundId = (await call(b, 'rounds.create', { date: '2026-12-04', windowFrom: '2026-12-01', windowTo: '2027-01-31', note: 'Ronde december' })).id;
  await call(b, 'rounds.setMember', { roundId, kind: 'client', id: 'K-0013', included: false, reason: 'Verhuist zelf naar familie' });
  const v1 = (await call(b, 'rounds.propose', { roundId })).proposal;
  const michelle = v1.matches.find((m) => m.clientId === MICHELLE)!;
  const others = v1.matches.filter((m) => m.clientId !== MICHELLE);
  const forbidPair = others[0]!;
  const asideClient = others[1]!.clientId;
  // A lock whose reason names the client: the minutes must show her code instead.
  await call(b, 'rounds.addControl', { roundId, kind: 'lock', clientId: MICHELLE, unitId: michelle.unitId, reason: 'Michelle wil dicht bij haar moeder wonen' });
  await call(b, 'rounds.addControl', { roundId, kind: 'forbid', clientId: forbidPair.clientId, unitId: forbidPair.unitId, reason: 'Te ver van de dagbesteding' });
  await call(b, 'rounds.addControl', { roundId, kind: 'set-aside-client', clientId: asideClient, reason: 'Wacht op de uitslag van de schuldhulp' });
  const unitAside = (await call(b, 'rounds.get', { id: roundId })).units.find((u) => u.included && !v1.matches.some((m) => m.unitId === u.id))!;
  await call(b, 'rounds.addControl', { roundId, kind: 'set-aside-unit', unitId: unitAside.id, reason: 'Renovatie loopt uit' });
  await call(b, 'rounds.propose', { roundId });
  const round = await call(b, 'rounds.get', { id: roundId });
  for (const c of round.controls) controlIds[c.kind] = c.id;
  await call(b, 'rounds.liftControl', { roundId, controlId: controlIds['set-aside-unit']!, reason: 'Renovatie toch klaar' });
  await call(b, 'rounds.propose', { roundId });
  latest = await storedLatest();
});
afterAll(async () => {
  await b.close();
});

describe('agenda', () => {
  it('lists every proposed pair of the latest version with its short explanation, and every unplaced client with the reason', async () => {
    agenda = await call(b, 'reports.agenda', { roundId });
    expect(agenda.report).toBe('agenda');
    expect(agenda.subject).toBe(`Ronde ${roundId} van 4 december 2026`);
    expect(agenda.filters).toContain('Planningsperiode: 1 december 2026 t/m 31 januari 2027');
    expect(agenda.filters.join(' ')).toContain('versie 3');

    const proposals = table(agenda, 'voorstellen');
    expect(proposals.rows.map((r) => r.key).sort()).toEqual(latest.matches.map((m) => `${m.clientId}|${m.unitId}`).sort());
    for (const m of latest.matches) {
      const row = proposals.rows.find((r) => r.key === `${m.clientId}|${m.unitId}`)!;
      const unit = demo.units.find((u) => u.id === m.unitId)!;
      const client = demo.clients.find((c) => c.id === m.clientId)!;
      expect(row.cells.client).toBe(m.clientId);
      expect(row.cells.unit).toBe(m.unitId);
      expect(row.cells.rooms).toBe(unit.rooms);
      expect(row.cells.rent).toBe(unit.rent);
      expect(row.cells.score).toBe(m.score);
      expect(row.cells.corporation).toBe(demo.corporations.find((k) => k.id === unit.corporationId)!.name);
      expect(row.cells.household).toContain(client.household.adults === 1 ? '1 volwassene' : `${client.household.adults} volwassenen`);
      const why = String(row.cells.why);
      // One line of Dutch words: no term codes, no ISO dates, no place names.
      expect(why).toMatch(/^[A-Z]/);
      expect(why).not.toMatch(/\n|\d{4}-\d{2}-\d{2}|[A-Z]{2,}_/);
      for (const mu of demo.municipalities) expect(why).not.toContain(mu.name);
      for (const n of demo.neighbourhoods) expect(why).not.toContain(n.name);
    }
    // The lock shows as the chair's.
    expect(String(proposals.rows.find((r) => r.cells.client === MICHELLE)!.cells.why)).toMatch(/^Vastgezet door de voorzitter/);

    const unplaced = table(agenda, 'niet-geplaatst');
    expect(unplaced.rows.map((r) => r.key).sort()).toEqual(latest.unplaced.map((u) => u.clientId).sort());
    for (const r of unplaced.rows) {
      expect(String(r.cells.reason).length).toBeGreaterThan(0);
      expect(String(r.cells.detail).length).toBeGreaterThan(5);
      expect(String(r.cells.detail)).not.toMatch(/corp-|\d\.\d|bijv\./);
    }
    const aside = (await sql<{ client_id: string }>("select client_id from round_controls where round_id = ? and kind = 'set-aside-client' and lifted_at is null", roundId))[0]!;
    const asideRow = unplaced.rows.find((r) => r.key === aside.client_id)!;
    expect(asideRow.cells.reason).toBe('Geparkeerd door de voorzitter');
    expect(asideRow.cells.detail).toContain('Wacht op de uitslag van de schuldhulp');
  });

  it('counts match the round read with plain SQL', async () => {
    const included = (await sql<{ n: number }>('select count(*) as n from round_clients where round_id = ? and included = 1', roundId))[0]!.n;
    expect(table(agenda, 'voorstellen').rows.length + table(agenda, 'niet-geplaatst').rows.length).toBe(included);
    expect(figure(agenda, 'voorstel.placed')).toBe(latest.matches.length);
    const greedy = JSON.parse(
      (await sql<{ greedy_json: string }>('select greedy_json from round_versions where round_id = ? order by version desc limit 1', roundId))[0]!.greedy_json,
    ) as Proposal;
    expect(figure(agenda, 'praktijk.placed')).toBe(greedy.matches.length);
    expect(figure(agenda, 'voorstel.totalScore')).toBe(latest.totalScore);
    expect(figure(agenda, 'praktijk.totalScore')).toBe(greedy.totalScore);
    expect(figure(agenda, 'voorstel.homeOrNetwork')).toBeCloseTo(latest.figures.homeOrNetworkShare * 100, 1);
    expect(figure(agenda, 'ronde.date')).toBe('2026-12-04');
    expect(figure(agenda, 'ronde.version')).toBe(3);

    // Median wait of the placed, by hand: whole months from woonrijp to the proposal's reference date.
    const months = (from: string, to: string) => {
      const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
      const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
      return Math.max(0, (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0));
    };
    const ready = new Map((await sql<{ id: string; ready_date: string | null }>('select id, ready_date from clients')).map((r) => [r.id, r.ready_date]));
    const waits = latest.matches
      .map((m) => ready.get(m.clientId))
      .filter((d): d is string => !!d)
      .map((d) => months(d, latest.referenceDate))
      .sort((x, y) => x - y);
    const mid = Math.floor(waits.length / 2);
    expect(figure(agenda, 'voorstel.medianWait')).toBe(waits.length % 2 ? waits[mid] : (waits[mid - 1]! + waits[mid]!) / 2);

    // Participants: every corporation with a home in the proposal, every provider with a client in it.
    const participants = table(agenda, 'deelnemers').rows;
    const names = (kind: string) => participants.filter((r) => r.cells.kind === kind).map((r) => r.cells.name).sort();
    const unitIds = latest.matches.map((m) => m.unitId);
    const corps = (await sql<{ name: string }>(
      `select distinct k.name from units u join corporations k on k.id = u.corporation_id where u.id in (${unitIds.map(() => '?').join(',')})`,
      ...unitIds,
    )).map((r) => r.name);
    expect(names('Corporatie')).toEqual(corps.sort());
    const clientIds = [...latest.matches.map((m) => m.clientId), ...latest.unplaced.map((u) => u.clientId)];
    const providers = (await sql<{ name: string }>(
      `select distinct z.name from clients c join care_providers z on z.id = c.care_provider_id where c.id in (${clientIds.map(() => '?').join(',')})`,
      ...clientIds,
    )).map((r) => r.name);
    expect(names('Zorgaanbieder')).toEqual(providers.sort());
    for (const r of participants.filter((p) => p.cells.kind === 'Corporatie')) {
      const corpId = demo.corporations.find((k) => k.name === r.cells.name)!.id;
      expect(r.cells.proposals).toBe(latest.matches.filter((m) => demo.units.find((u) => u.id === m.unitId)!.corporationId === corpId).length);
    }
    expect(names('Gemeente').length).toBeGreaterThan(0);
    expect(agenda.clients).toBe(new Set(clientIds).size);
  });

  it('refuses a round without a proposal and an unknown round, in Dutch', async () => {
    const { id } = await call(b, 'rounds.create', { date: '2026-12-18', windowFrom: '2026-12-18', windowTo: '2027-02-28' });
    const none = await as('chair', 'reports.agenda', { roundId: id });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('nog geen voorstel') });
    const unknown = await as('chair', 'reports.minutes', { roundId: 999 });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error).toMatchObject({ code: 'NOT_FOUND', message: 'Ronde 999 bestaat niet.' });
  });
});

describe('minutes', () => {
  let decided: { clientId: string; unitId: string; decision: string; declineReason?: string; answer: string; by: string }[] = [];

  it('a round not yet closed gives a draft with the decisions so far', async () => {
    const pairs = latest.matches.map((m) => ({ clientId: m.clientId, unitId: m.unitId }));
    expect(pairs.length).toBeGreaterThan(4);
    decided = pairs.map((p, i) => {
      if (i === 0) return { ...p, decision: 'accepted-conditions', answer: 'accepted', by: 'anna' };
      if (i === 1) return { ...p, decision: 'declined', declineReason: 'liveability', answer: 'pending', by: 'corporatie-kees' };
      if (i === 2) return { ...p, decision: 'accepted', answer: 'refused', by: 'anna' };
      return { ...p, decision: 'accepted', answer: 'accepted', by: i % 2 ? 'anna' : 'tester' };
    });
    // Chairs take turns at the table: each records a decision and lets go of the round (round lock).
    await call(b, 'rounds.release', { roundId });
    for (const [i, d] of decided.entries()) {
      await decide(
        b,
        {
          roundId,
          version: 3,
          clientId: d.clientId,
          unitId: d.unitId,
          decision: d.decision as 'accepted',
          conditions: d.decision === 'accepted-conditions' ? 'Budgetbeheer het eerste jaar' : undefined,
          declineReason: d.declineReason as 'liveability' | undefined,
          clientAnswer: d.answer as 'accepted',
          note: i === 1 ? 'Buurt heeft al veel plaatsingen gehad' : i === 0 ? `Afspraak met ${demo.clients.find((c) => c.id === d.clientId)?.name ?? 'de cliënt'} volgt` : '',
        },
        d.by,
      );
      await call(b, 'rounds.release', { roundId }, d.by);
    }
    const draft = await call(b, 'reports.minutes', { roundId });
    expect(draft.title).toContain('concept');
    expect(draft.filters).toContain('Concept — de ronde is nog niet gesloten');
    expect(figure(draft, 'samenvatting.status')).toBe('Concept — de ronde is nog niet gesloten');
    expect(table(draft, 'besluiten').rows).toHaveLength(decided.length);
    expect(table(draft, 'plaatsingen').rows).toHaveLength(0);
  });

  it('after the close: every decision with reason and recorder, every control with reason, every placement with its follow-up dates', async () => {
    await call(b, 'rounds.close', { roundId, note: 'Gesloten op de vergadering' });
    const placements = (await sql<{ id: string; client_id: string }>('select id, client_id from placements where round_id = ? order by id', roundId));
    expect(placements.length).toBe(decided.filter((d) => d.decision !== 'declined' && d.answer === 'accepted').length);
    const first = (await call(b, 'placements.list', { roundId })).find((p) => p.id === placements[0]!.id)!;
    await call(b, 'placements.update', {
      id: first.id,
      moveInDate: '2026-12-15',
      supportStart: '2026-12-16',
      reviewDate: '2027-12-15',
      leaseTransferDate: '2028-01-01',
      expectedVersion: first.version,
    });

    const minutes = await call(b, 'reports.minutes', { roundId });
    expect(minutes.title).toBe('Verslag uitstroomtafel');
    expect(minutes.filters.join(' ')).not.toContain('Concept');
    expect(String(figure(minutes, 'samenvatting.status'))).toMatch(/^Gesloten op 27 november 2026 door tester$/);

    // Decisions, against plain SQL.
    const dbDecisions = (await sql<{ client_id: string; unit_id: string; decision: string; decline_reason: string | null; client_answer: string; decided_by: string; note: string }>(
      'select * from round_decisions where round_id = ?',
      roundId,
    ));
    const rows = table(minutes, 'besluiten').rows;
    expect(rows).toHaveLength(dbDecisions.length);
    const labels: Record<string, string> = { accepted: 'Akkoord', 'accepted-conditions': 'Akkoord onder voorwaarden', declined: 'Afgewezen' };
    for (const d of dbDecisions) {
      const row = rows.find((r) => r.key === `${d.client_id}|${d.unit_id}`)!;
      expect(row.cells.decision).toBe(labels[d.decision]);
      expect(row.cells.by).toBe(d.decided_by === 'anna' ? 'Anna de Voorzitter' : d.decided_by);
      expect(String(row.cells.at)).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
      expect(row.cells.version).toBe(3);
    }
    const declined = rows.find((r) => r.cells.decision === 'Afgewezen')!;
    expect(declined.cells).toMatchObject({ declineReason: 'Corporatie weigert: leefbaarheid', note: 'Buurt heeft al veel plaatsingen gehad', clientAnswer: 'Nog niet bekend' });
    expect(rows.find((r) => r.cells.decision === 'Akkoord onder voorwaarden')!.cells.conditions).toBe('Budgetbeheer het eerste jaar');
    expect(rows.filter((r) => r.cells.clientAnswer === 'Weigert')).toHaveLength(1);
    expect(figure(minutes, 'samenvatting.decisions')).toBe(dbDecisions.length);
    expect(figure(minutes, 'samenvatting.declined')).toBe(dbDecisions.filter((d) => d.decision === 'declined').length);

    // Controls: the chair's four plus the forbid the decline made, each with its reason, who, and the lift.
    const dbControls = (await sql<{ id: number; kind: string; reason: string; lifted_at: string | null; lift_reason: string | null; source: string }>(
      'select * from round_controls where round_id = ?',
      roundId,
    ));
    const controls = table(minutes, 'aanpassingen').rows;
    expect(controls).toHaveLength(dbControls.length);
    expect(dbControls.length).toBe(5);
    for (const c of dbControls) {
      const row = controls.find((r) => r.key === `control-${c.id}`)!;
      expect(String(row.cells.reason).length).toBeGreaterThan(3);
      expect(row.cells.by).toBe(c.source === 'decision' ? 'corporatie-kees' : 'tester');
      expect(row.cells.lifted === 'Nee').toBe(c.lifted_at === null);
    }
    expect(controls.find((r) => r.key === `control-${controlIds.lock}`)!.cells).toMatchObject({
      kind: 'Vastgezet',
      client: MICHELLE,
      reason: `${MICHELLE} wil dicht bij haar moeder wonen`,
    });
    expect(controls.find((r) => r.key === `control-${controlIds['set-aside-unit']}`)!.cells).toMatchObject({
      kind: 'Woning geparkeerd',
      liftReason: 'Renovatie toch klaar',
      lifted: expect.stringMatching(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2} door tester$/),
    });
    expect(controls.filter((r) => r.cells.kind === 'Uitgesloten na afwijzing')).toHaveLength(1);
    // The member the chair dropped by hand, with the reason.
    expect(table(minutes, 'deelname').rows).toEqual([
      expect.objectContaining({ cells: { what: 'Kandidaat', code: 'K-0013', change: 'Uit de ronde gehaald', reason: 'Verhuist zelf naar familie' } }),
    ]);

    // Placements and their follow-up dates.
    const placed = table(minutes, 'plaatsingen').rows;
    expect(placed.map((r) => r.key).sort()).toEqual(placements.map((p) => p.id).sort());
    expect(figure(minutes, 'samenvatting.placements')).toBe(placements.length);
    const follow = table(minutes, 'vervolg').rows.find((r) => r.key === first.id)!;
    expect(follow.cells).toMatchObject({
      moveIn: '2026-12-15',
      supportStart: '2026-12-16',
      review: '2027-12-15',
      leaseTransfer: '2028-01-01',
      check6: '2027-06-15',
      check12: '2027-12-15',
      check24: '2028-12-15',
    });
    // Without a move-in date the checks count from the placement date (the round's date).
    const other = table(minutes, 'vervolg').rows.find((r) => r.key !== first.id);
    if (other) expect(other.cells).toMatchObject({ moveIn: null, check6: '2027-06-04', check12: '2027-12-04', check24: '2028-12-04' });
    expect(minutes.clients).toBe(new Set([...dbDecisions.map((d) => d.client_id), ...(await sql<{ client_id: string }>('select client_id from round_controls where round_id = ? and client_id is not null', roundId)).map((r) => r.client_id), 'K-0013']).size);

    // Privacy, both papers: no name, note, network or avoid-area place of any client; no municipality or neighbourhood code at all.
    for (const doc of [agenda, minutes, await call(b, 'reports.agenda', { roundId })]) {
      const text = allText(doc);
      for (const n of NAMED) expect(text).not.toMatch(new RegExp(`(?<![\\p{L}])${n.name.replace('.', '\\.')}(?![\\p{L}])`, 'u'));
      expect(text).not.toMatch(/GM\d{4}|BU\d{8}/);
      for (const c of demo.clients) {
        if (c.notes) expect(text).not.toContain(c.notes.slice(0, 40));
        if (c.preferences.note) expect(text).not.toContain(c.preferences.note);
        for (const p of [...c.avoidPlaces, ...c.networkPlaces]) if (p.note) expect(text).not.toContain(p.note);
      }
      // Nothing says what a client avoids or fears, not even without the place.
      expect(cellsText(doc)).not.toMatch(/veilig|vermijd/i);
      // No target group: beside a code, "Forensische nazorg" or "Vrouwenopvang" tells the corporations at the table about justice or violence.
      expect(cellsText(doc)).not.toMatch(/Forensische nazorg|Vrouwenopvang|Maatschappelijke opvang|Beschermd wonen/);
      for (const u of demo.units) if (u.address) expect(text).not.toContain(u.address);
    }
  });
});

describe('export', () => {
  it('writes both papers as PDF (pages render, text extractable, no names) and CSV, and audits each export', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ut-meeting-'));
    try {
      for (const report of ['agenda', 'minutes'] as const) {
        const before = (await sql<{ n: number }>("select count(*) as n from audit_log where action = 'export' and entity = 'report'"))[0]!.n;
        // Section titles name the XLSX sheets (at most 31 characters): none is cut off.
        const doc = await call(b, report === 'agenda' ? 'reports.agenda' : 'reports.minutes', { roundId });
        for (const section of doc.sections) expect(section.title.length, section.title).toBeLessThanOrEqual(31);
        const pdf = await call(b, 'reports.export', { request: { report, roundId }, format: 'pdf' });
        const file = join(dir, pdf.fileName);
        writeFileSync(file, Buffer.from(pdf.contentBase64, 'base64'));
        execFileSync('pdftoppm', ['-r', '50', '-png', file, join(dir, report)]);
        const pages = readdirSync(dir).filter((f) => f.startsWith(`${report}-`) && f.endsWith('.png'));
        expect(pages.length).toBeGreaterThanOrEqual(2);
        const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
        expect(text).toContain(report === 'agenda' ? 'Agenda uitstroomtafel' : 'Verslag uitstroomtafel');
        expect(text).toContain(`Ronde ${roundId} van 4 december 2026`);
        expect(text).toContain(latest.matches[0]!.clientId);
        expect(text).toContain(report === 'agenda' ? 'Niet geplaatst' : 'Vervolgafspraken');

        const csv = await call(b, 'reports.export', { request: { report, roundId }, format: 'csv' });
        const csvText = Buffer.from(csv.contentBase64, 'base64').toString('utf8');
        for (const t of [text, csvText]) for (const n of NAMED) expect(t).not.toContain(n.name);
        expect(csvText).toContain(latest.matches[0]!.unitId);

        const audits = (await sql<{ actor: string; detail: string }>("select actor, detail from audit_log where action = 'export' and entity = 'report' order by id"));
        expect(audits.length).toBe(before + 2);
        const last = JSON.parse(audits.at(-1)!.detail) as { report: string; format: string; clients: number };
        expect(last).toMatchObject({ report, format: 'csv' });
        expect(last.clients).toBe(pdf.clients);
        expect(pdf.clients).toBeGreaterThan(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('roles', () => {
  it('provider, liaison and read-only get FORBIDDEN for both papers, on screen and as an export', async () => {
    for (const role of ['provider', 'liaison', 'readonly'] as const) {
      for (const method of ['reports.agenda', 'reports.minutes'] as const) {
        const r = await as(role, method, { roundId });
        expect(r.ok, `${role} ${method}`).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
      }
      for (const report of ['agenda', 'minutes'] as const) {
        const r = await as(role, 'reports.export', { request: { report, roundId }, format: 'csv' });
        expect(r.ok, `${role} export ${report}`).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
      }
    }
    expect((await as('chair', 'reports.agenda', { roundId })).ok).toBe(true);
  });
});

// The care provider's match report (reports.provider) on the demo region with real rounds through the
// API: two providers with clients in rounds and placements; the report of one never holds a code, name
// or row of the other's clients (doc and exported files), names only with consent, figures against
// plain SQL, roles through the dispatcher and the export's audit entry. Real SQLite (or PostgreSQL), no mocks.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, createBackend } from '../../electron/backend/backend';
import { orPostgres } from '../pg/database';
import { isPg, row, rows } from '../pg/sql';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import type { Result } from '../../shared/api/result';
import type { SessionUser } from '../../shared/auth/roles';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import type { ReportDoc, ReportFile } from '../../shared/reports/report-doc';
import { FIXED_NOW, call, decide, importDataset } from './helpers';
import { docTexts as allText, figureOf, tableOf as table } from './report-doc-reading';

const A = 'prov-dijkzicht';
const B = 'prov-windkering';
const TODAY = '2026-11-27';

let dir: string;
let b: Backend;
let demo: Dataset;
const aIds: string[] = [];
const bIds: string[] = [];
const names = new Map<string, string>();
/** A's clients whose consent covers provider A (their name may show). */
const aConsented = new Set<string>();
let round1: number;
let round2: number;
let erasedPlacement: string | null = null;

const one = async <T>(q: string, ...args: unknown[]) => (await row(b, q, ...args)) as T;
const all = <T>(q: string, ...args: unknown[]) => rows<T>(b, q, ...args);

function worker(providerId: string): SessionUser {
  return { name: `werker-${providerId}`, displayName: `Werker ${providerId}`, role: 'provider', careProviderId: providerId, corporationId: null };
}
const figure = (doc: ReportDoc, key: string) => figureOf(doc, key).value;
async function as<T>(u: SessionUser, method: string, input: unknown): Promise<Result<T>> {
  return (await b.dispatch(method, input, { actor: u.name, user: u })) as Result<T>;
}


/** Whole months between two days, counted by stepping month by month (independent of the builder). */
function monthsByCounting(from: string, to: string): number {
  let n = 0;
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  for (;;) {
    const t = new Date(Date.UTC(y, m - 1 + n + 1, 1));
    const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
    const day = `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
    if (day > to) return n;
    n++;
  }
}

/** Ready clients of a provider: active with every item of today's policy done, or Housing First (no readiness gate). */
async function readyIds(providerId: string): Promise<string[]> {
  // The policy's readiness items: SQLite's json_each, PostgreSQL's jsonb_array_elements.
  const [items, key] = isPg(b)
    ? ["jsonb_array_elements(cast(pp.settings_json as jsonb) -> 'readinessItems') i", "i.value ->> 'key'"]
    : ["json_each(pp.settings_json, '$.readinessItems') i", "json_extract(i.value, '$.key')"];
  return (
    await all<{ id: string }>(
      `select c.id from clients c where c.care_provider_id = ? and c.status = 'active' and (c.housing_first = 1 or not exists (
         select 1 from policy_profiles pp, ${items}
         where pp.valid_from = (select max(valid_from) from policy_profiles where valid_from <= ?)
           and not exists (select 1 from client_readiness r where r.client_id = c.id and r.done = 1 and r.item = ${key})))`,
      providerId,
      TODAY,
    )
  ).map((r) => r.id);
}

/** Runs a round through the API: create, propose, decide with `choose`, optionally close. */
async function runRound(
  date: string,
  windowTo: string,
  choose: (m: { clientId: string; unitId: string }, i: number) => 'decline' | 'accept' | 'accept-pending' | 'skip',
  close: boolean,
): Promise<number> {
  const { id } = await call(b, 'rounds.create', { date, windowFrom: date, windowTo });
  const { version, proposal } = await call(b, 'rounds.propose', { roundId: id });
  for (const [i, m] of proposal.matches.entries()) {
    const what = choose(m, i);
    if (what === 'skip') continue;
    if (what === 'decline') {
      await decide(b, { roundId: id, version, clientId: m.clientId, unitId: m.unitId, decision: 'declined', declineReason: 'rent-debt', clientAnswer: 'pending' });
    } else {
      await decide(b, {
        roundId: id,
        version,
        clientId: m.clientId,
        unitId: m.unitId,
        decision: 'accepted',
        clientAnswer: what === 'accept' ? 'accepted' : 'pending',
      });
    }
  }
  if (close) await call(b, 'rounds.close', { roundId: id });
  return id;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ut-report-provider-'));
  b = await createBackend(await orPostgres(join(dir, 'r.sqlite')), { host: 'test', now: () => FIXED_NOW });
  demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;
  // Every client of A and B gets a name; half of A's clients consent to sharing with A, the others
  // have no record for care providers or a refusal. B's clients all consent to B.
  let i = 0;
  for (const c of demo.clients) {
    if (c.careProviderId !== A && c.careProviderId !== B) continue;
    const own = c.careProviderId === A ? aIds : bIds;
    own.push(c.id);
    const name = `${c.careProviderId === A ? 'Annemarie' : 'Bartholomeus'} Testnaam${++i}x`;
    c.name = name;
    names.set(c.id, name);
    c.consents = c.consents.filter((k) => k.party !== 'care-provider');
    if (c.careProviderId === B || aIds.length % 2 === 1) {
      c.consents.push({ party: 'care-provider', partyId: c.careProviderId, basis: 'consent', given: true, date: '2026-01-01' });
      if (c.careProviderId === A) aConsented.add(c.id);
    } else if (aIds.length % 4 === 0) {
      c.consents.push({ party: 'care-provider', partyId: A, basis: 'consent', given: false, date: '2026-01-01' });
    }
  }
  await importDataset(b, demo);
  // Round 1 (closed): the first proposal declined, the others accepted and placed.
  round1 = await runRound('2026-10-01', '2026-12-31', (_m, i) => (i === 0 ? 'decline' : 'accept'), true);
  // Follow-up on one of A's placements: move-in, support start and the 6-month check.
  const placements = await call(b, 'placements.list', { roundId: round1 });
  const aPlacements = placements.filter((p) => p.clientId && aIds.includes(p.clientId));
  const first = aPlacements[0];
  if (first) {
    const updated = await call(b, 'placements.update', { id: first.id, moveInDate: '2026-10-15', supportStart: '2026-10-20', expectedVersion: first.version });
    await call(b, 'placements.check', { id: first.id, month: 6, checkedAt: TODAY, stillHoused: true, relapse: false, expectedVersion: updated.version });
  }
  // One of A's placed clients is erased on request: the placement stays, without a client.
  const second = (await call(b, 'placements.list', {})).find((p) => p.clientId && aIds.includes(p.clientId) && p.id !== first?.id);
  if (second?.clientId) {
    await call(b, 'clients.erase', { id: second.clientId, reason: 'Verzoek van de cliënt van 20-11-2026' });
    erasedPlacement = second.id;
    aIds.splice(aIds.indexOf(second.clientId), 1);
  }
  // Round 2 (open): one decision recorded with the client's answer open, the rest undecided.
  round2 = await runRound('2026-11-20', '2027-03-31', (_m, i) => (i === 0 ? 'accept-pending' : 'skip'), false);
}, 240_000);

afterAll(async () => {
  await b?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('reports.provider', () => {
  it('builds the history the tests need: both providers in both rounds, placements of A', async () => {
    const inRound = async (round: number, ids: string[]) =>
      (await one<{ n: number }>(`select count(*) as n from round_decisions where round_id = ? and client_id in (${ids.map(() => '?').join(',')})`, round, ...ids)).n;
    expect((await inRound(round1, aIds)) + (await inRound(round1, bIds))).toBeGreaterThan(0);
    expect((await one<{ n: number }>('select count(*) as n from placements where round_id = ?', round1)).n).toBeGreaterThan(1);
    expect((await one<{ n: number }>(`select count(*) as n from placements where round_id = ? and care_provider_id = ?`, round1, A)).n).toBeGreaterThan(0);
    expect((await one<{ n: number }>(`select count(*) as n from placements where round_id = ? and care_provider_id = ?`, round1, B)).n).toBeGreaterThan(0);
    expect(erasedPlacement).not.toBeNull();
  });

  it('holds only A’s clients: no code, name or row of B’s, in any cell', async () => {
    for (const input of [{ careProviderId: A }, { careProviderId: A, roundId: round1 }, { careProviderId: A, roundId: round2 }, { careProviderId: A, from: '2020-01-01', to: '2030-12-31' }]) {
      const doc = await call(b, 'reports.provider', input);
      const text = allText(doc).join('\n');
      for (const id of bIds) expect(text, `${id} in ${JSON.stringify(input)}`).not.toMatch(new RegExp(`\\b${id}\\b`));
      for (const id of bIds) expect(text).not.toContain(names.get(id)!);
      expect(text).not.toContain('Bartholomeus');
      const codes = [...table(doc, 'kandidaten').rows, ...table(doc, 'besluiten').rows].map((r) => r.cells.code);
      for (const c of codes) expect(aIds, String(c)).toContain(c);
      for (const r of table(doc, 'plaatsingen').rows) expect([...aIds, '— (verwijderd)']).toContain(r.cells.code);
    }
  });

  it('shows a name only where the client consented to sharing with this provider', async () => {
    const doc = await call(b, 'reports.provider', { careProviderId: A });
    const rows = table(doc, 'kandidaten').rows;
    expect(rows.map((r) => r.key).sort()).toEqual([...aIds].sort());
    for (const r of rows) {
      const id = r.key;
      if (aConsented.has(id)) expect(r.cells.name).toBe(names.get(id));
      else {
        expect(r.cells.name).toBeNull();
        expect(allText(doc).join('\n')).not.toContain(names.get(id)!);
      }
    }
    expect(rows.some((r) => r.cells.name === null)).toBe(true);
    expect(rows.some((r) => r.cells.name !== null)).toBe(true);
  });

  it('never holds notes, network places or areas to avoid', async () => {
    const doc = await call(b, 'reports.provider', { careProviderId: A });
    const text = allText(doc).join('\n');
    for (const c of demo.clients.filter((x) => x.careProviderId === A)) {
      if (c.notes.trim().length > 10) expect(text).not.toContain(c.notes.slice(0, 30));
      for (const p of [...c.networkPlaces, ...c.avoidPlaces]) if (p.note.trim().length > 5) expect(text).not.toContain(p.note);
    }
  });

  it('figures match independent SQL counts over the default period', async () => {
    const doc = await call(b, 'reports.provider', { careProviderId: A });
    const from = '2025-11-28';
    expect(doc.period).toEqual({ from, to: TODAY });
    const aList = aIds.map(() => '?').join(',');
    expect(figure(doc, 'inRegister')).toBe((await one<{ n: number }>('select count(*) as n from clients where care_provider_id = ?', A)).n);
    const ready = await readyIds(A);
    expect(figure(doc, 'ready')).toBe(ready.length);
    // Waiting: ready and not in round 2 (open): not in its latest proposal, no decision, not set aside there.
    const latest = await one<{ proposal_json: string }>('select proposal_json from round_versions where round_id = ? order by version desc limit 1', round2);
    const inOpen = new Set((JSON.parse(latest.proposal_json) as { matches: { clientId: string }[] }).matches.map((m) => m.clientId));
    for (const r of await all<{ client_id: string }>('select client_id from round_decisions where round_id = ?', round2)) inOpen.add(r.client_id);
    expect(figure(doc, 'waiting')).toBe(ready.filter((id) => !inOpen.has(id)).length);
    // Placed in the period: A's placements, the erased client's one by the provider it recorded.
    const placed = (
      await one<{ n: number }>(
      `select count(*) as n from placements where date between ? and ? and (client_id in (${aList}) or (client_id is null and care_provider_id = ?))`,
      from,
      TODAY,
      ...aIds,
      A,
    )
    ).n;
    expect(placed).toBeGreaterThan(0);
    expect(figure(doc, 'placed')).toBe(placed);
    expect(table(doc, 'plaatsingen').rows).toHaveLength(placed);
    const declined = (
      await one<{ n: number }>(
      `select count(*) as n from round_decisions where decision = 'declined' and substr(decided_at, 1, 10) between ? and ? and client_id in (${aList})`,
      from,
      TODAY,
      ...aIds,
    )
    ).n;
    expect(figure(doc, 'declined')).toBe(declined);
    const accepted = (
      await one<{ n: number }>(
      `select count(distinct client_id) as n from round_decisions where decision != 'declined' and substr(decided_at, 1, 10) between ? and ? and client_id in (${aList})`,
      from,
      TODAY,
      ...aIds,
    )
    ).n;
    expect(figure(doc, 'accepted')).toBe(accepted);
    expect(table(doc, 'besluiten').rows).toHaveLength(
      (await one<{ n: number }>(`select count(*) as n from round_decisions where substr(decided_at, 1, 10) between ? and ? and client_id in (${aList})`, from, TODAY, ...aIds)).n,
    );
    // Proposed: in the latest proposal of a round in the period, or with a decision in such a round.
    const proposed = new Set<string>();
    for (const r of await all<{ id: number }>('select id from rounds where date between ? and ?', from, TODAY)) {
      const v = await one<{ proposal_json: string } | undefined>('select proposal_json from round_versions where round_id = ? order by version desc limit 1', r.id);
      for (const m of v ? (JSON.parse(v.proposal_json) as { matches: { clientId: string }[] }).matches : []) if (aIds.includes(m.clientId)) proposed.add(m.clientId);
      for (const d of await all<{ client_id: string }>('select client_id from round_decisions where round_id = ?', r.id)) if (aIds.includes(d.client_id)) proposed.add(d.client_id);
    }
    expect(figure(doc, 'proposed')).toBe(proposed.size);
    // Median wait: woonrijp (as recorded with the placement) to the placement date, in whole months.
    const waits = (
      await all<{ ready_date: string | null; date: string }>(
      `select coalesce(p.ready_date, c.ready_date) as ready_date, p.date from placements p left join clients c on c.id = p.client_id
       where p.date between ? and ? and (p.client_id in (${aList}) or (p.client_id is null and p.care_provider_id = ?))`,
      from,
      TODAY,
      ...aIds,
      A,
    ))
      .filter((w) => w.ready_date)
      .map((w) => monthsByCounting(w.ready_date!, w.date))
      .sort((x, y) => x - y);
    const mid = waits.length >> 1;
    const med = waits.length === 0 ? null : waits.length % 2 ? waits[mid] : (waits[mid - 1]! + waits[mid]!) / 2;
    expect(figure(doc, 'medianWait')).toBe(med);
    expect(doc.clients).toBe(new Set([...table(doc, 'kandidaten').rows.map((r) => r.key)]).size);
  });

  it('says where each client stands, with waiting time and next step', async () => {
    const doc = await call(b, 'reports.provider', { careProviderId: A });
    const rows = new Map(table(doc, 'kandidaten').rows.map((r) => [r.key, r.cells]));
    const placements = await call(b, 'placements.list', { roundId: round1 });
    const followed = placements.find((p) => p.clientId && aIds.includes(p.clientId) && p.moveInDate === '2026-10-15');
    expect(followed).toBeDefined();
    const cells = rows.get(followed!.clientId!)!;
    expect(cells.status).toMatch(/^Geplaatst: .+, .+, verhuisdatum 15 oktober 2026, start begeleiding 20 oktober 2026$/);
    // The next step from the follow-up: the 6-month check is done, so the 12-month check is next.
    expect(cells.nextStep).toBe('Controle na 12 maanden (woonsituatie, terugval)');
    expect(cells.nextDate).toBe('2027-10-15');
    const client = await one<{ ready_date: string | null }>('select ready_date from clients where id = ?', followed!.clientId);
    expect(cells.waitMonths).toBe(client.ready_date ? monthsByCounting(client.ready_date, '2026-10-01') : null);
    // Round 2: proposed clients without a decision, and the one decision with the client's answer open.
    const r2 = await all<{ client_id: string; decision: string }>('select client_id, decision from round_decisions where round_id = ?', round2);
    const latest = await one<{ proposal_json: string }>('select proposal_json from round_versions where round_id = ? order by version desc limit 1', round2);
    for (const m of (JSON.parse(latest.proposal_json) as { matches: { clientId: string }[] }).matches) {
      const c = rows.get(m.clientId);
      if (!c) continue;
      if (r2.some((d) => d.client_id === m.clientId)) {
        expect(c.status).toBe(`Ronde ${round2}: akkoord; antwoord cliënt: nog niet bekend`);
        expect(c.nextStep).toBe('Antwoord van de cliënt');
      } else {
        expect(c.status).toBe(`Voorgesteld in ronde ${round2}`);
        expect(c.nextStep).toBe('Besluit van de corporatie');
        expect(c.nextDate).toBe('2026-11-20');
      }
    }
    // Waiting clients: months from woonrijp to today.
    for (const [id, c] of rows) {
      if (typeof c.status === 'string' && c.status.startsWith('Wachtend')) {
        const r = await one<{ ready_date: string }>('select ready_date from clients where id = ?', id);
        expect(c.waitMonths).toBe(monthsByCounting(r.ready_date, TODAY));
        expect(c.openItems).toMatch(/^(Geen|Niet nodig \(Housing First\))$/);
      }
    }
    // Dates in cells are yyyy-mm-dd; no ISO date inside a sentence.
    for (const r of table(doc, 'kandidaten').rows) {
      expect(String(r.cells.status)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      if (r.cells.readySince !== null) expect(r.cells.readySince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('counts Housing First clients as ready: the readiness gate does not apply to them', async () => {
    const doc = await call(b, 'reports.provider', { careProviderId: B });
    expect(figure(doc, 'ready')).toBe((await readyIds(B)).length);
    const hf = (await all<{ id: string }>("select id from clients where care_provider_id = ? and housing_first = 1 and status = 'active'", B)).map((r) => r.id);
    expect(hf.length).toBeGreaterThan(0);
    for (const r of table(doc, 'kandidaten').rows.filter((x) => hf.includes(x.key))) {
      expect(r.cells.openItems).toBe('Niet nodig (Housing First)');
      expect(r.cells.status).not.toMatch(/^Nog niet woonrijp/);
    }
  });

  it('lists the placements with follow-up, the erased client as removed', async () => {
    const doc = await call(b, 'reports.provider', { careProviderId: A });
    const rows = table(doc, 'plaatsingen').rows;
    // Erasure renames the placement and drops its client; it still counts for the provider it recorded.
    expect((await one<{ n: number }>('select count(*) as n from placements where id = ?', erasedPlacement)).n).toBe(0);
    const removed = (await one<{ n: number }>("select count(*) as n from placements where client_id is null and care_provider_id = ? and date between '2025-11-28' and ?", A, TODAY)).n;
    expect(removed).toBeGreaterThan(0);
    expect(rows.filter((r) => r.cells.code === '— (verwijderd)')).toHaveLength(removed);
    expect(rows.filter((r) => r.cells.code === '— (verwijderd)').every((r) => r.cells.moveIn === null && r.cells.round === null)).toBe(true);
    const followed = rows.find((r) => r.cells.moveIn === '2026-10-15')!;
    expect(followed.cells).toMatchObject({ supportStart: '2026-10-20', round: round1, check6: 'Nog gehuisvest (27 november 2026)', check12: 'Gepland 15 oktober 2027' });
  });

  it('for one round: the provider’s clients in that round, period null', async () => {
    const doc = await call(b, 'reports.provider', { careProviderId: A, roundId: round2 });
    expect(doc.period).toBeNull();
    expect(doc.filters).toEqual([`Ronde ${round2} van 20 november 2026`]);
    const expected = (
      await all<{ client_id: string }>(
        'select rc.client_id from round_clients rc join clients c on c.id = rc.client_id where rc.round_id = ? and c.care_provider_id = ? order by rc.client_id',
        round2,
        A,
      )
    ).map((r) => r.client_id);
    expect(table(doc, 'kandidaten').rows.map((r) => r.key)).toEqual(expected);
    expect(figure(doc, 'placed')).toBe(0);
    expect(table(doc, 'besluiten').rows.every((r) => r.cells.round === round2)).toBe(true);
  });

  it('refuses a period that ends before it starts, and an unknown provider or round', async () => {
    const bad = (await b.dispatch('reports.provider', { careProviderId: A, from: '2026-12-01', to: '2026-01-01' }, { actor: 't', user: { name: 't', displayName: 't', role: 'chair', careProviderId: null, corporationId: null } })) as Result<unknown>;
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/begindatum .* ligt na de einddatum/);
    await expect(call(b, 'reports.provider', { careProviderId: 'prov-onbekend' })).rejects.toThrow(/Zorgaanbieder prov-onbekend bestaat niet/);
    await expect(call(b, 'reports.provider', { careProviderId: A, roundId: 999 })).rejects.toThrow(/Ronde 999 bestaat niet/);
  });

  it('roles: a provider worker gets only their own report; another provider’s is refused and audited', async () => {
    const own = await as<ReportDoc>(worker(A), 'reports.provider', { careProviderId: A });
    expect(own.ok).toBe(true);
    const before = (await one<{ n: number }>('select count(*) as n from audit_log')).n;
    const other = await as<ReportDoc>(worker(A), 'reports.provider', { careProviderId: B });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.code).toBe('FORBIDDEN');
    const entry = await one<{ action: string; entity_id: string; actor: string }>('select action, entity_id, actor from audit_log order by id desc limit 1');
    expect(entry).toMatchObject({ action: 'denied', entity_id: 'reports.provider', actor: `werker-${A}` });
    expect((await one<{ n: number }>('select count(*) as n from audit_log')).n).toBe(before + 1);
    const exportOther = await as<ReportFile>(worker(A), 'reports.export', { request: { report: 'provider', careProviderId: B }, format: 'csv' });
    expect(exportOther.ok).toBe(false);
    if (!exportOther.ok) expect(exportOther.error.code).toBe('FORBIDDEN');
    // A view of the report is logged with its parameters and client count.
    const view = (await all<{ detail: string }>("select detail from audit_log where action = 'view' and entity = 'report' and entity_id = 'provider' order by id desc limit 1"))[0]!;
    expect(JSON.parse(view.detail)).toMatchObject({ filter: { careProviderId: A } });
  });
});

describe('reports.export of the provider report', () => {
  it('writes CSV, XLSX and PDF without B’s clients, and audits each export with report, filters and client count', async () => {
    const request = { report: 'provider' as const, careProviderId: A, from: '2025-01-01', to: TODAY };
    const doc = await call(b, 'reports.provider', { careProviderId: A, from: '2025-01-01', to: TODAY });
    const texts: string[] = [];
    for (const format of ['csv', 'xlsx', 'pdf'] as const) {
      const r = await as<ReportFile>(worker(A), 'reports.export', { request, format });
      if (!r.ok) throw new Error(`${format}: ${r.error.message}`);
      expect(r.value.clients).toBe(doc.clients);
      const file = join(dir, r.value.fileName);
      expect(r.value.fileName.endsWith(`.${format}`)).toBe(true);
      writeFileSync(file, Buffer.from(r.value.contentBase64, 'base64'));
      if (format === 'csv') texts.push(readFileSync(file, 'utf8'));
      if (format === 'pdf') texts.push(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
      if (format === 'xlsx') {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(file);
        const cells: string[] = [];
        wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text)))));
        texts.push(cells.join('\n'));
      }
      const entry = await one<{ actor: string; action: string; entity: string; detail: string }>('select actor, action, entity, detail from audit_log order by id desc limit 1');
      expect(entry).toMatchObject({ actor: `werker-${A}`, action: 'export', entity: 'report' });
      expect(JSON.parse(entry.detail)).toMatchObject({ report: 'provider', format, request, clients: doc.clients });
    }
    for (const [i, text] of texts.entries()) {
      for (const id of bIds) expect(text, `${id} in file ${i}`).not.toMatch(new RegExp(`\\b${id}\\b`));
      expect(text).not.toContain('Bartholomeus');
      for (const id of aIds) if (!aConsented.has(id)) expect(text).not.toContain(names.get(id)!);
      // A's codes are there.
      expect(text).toContain(aIds[0]!);
    }
  });
});

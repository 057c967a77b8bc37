// monitor.rows, the click-through behind every monitor figure, over the two-year history fixture: for
// every count cell the rows add up to the cell; a provider worker's click-through holds only their own
// clients; no names, notes or areas to avoid anywhere; the 2,000-row limit; clear errors for bad keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import type { MonitorFilters, MonitorRows } from '../../shared/api/reports.contract';
import type { Result } from '../../shared/api/result';
import type { SessionUser } from '../../shared/auth/roles';
import { chairUser } from '../../shared/auth/system-user';
import type { ReportDoc } from '../../shared/reports/report-doc';
import { historyBackend } from './fixtures/history';
import { row as sqlRow, rows as sqlRows, run as sqlRun } from '../pg/sql';
import { call, importDataset, memoryBackend } from './helpers';
import { demo } from './privacy-fixture';

let b: Backend;

beforeAll(async () => {
  ({ b } = await historyBackend());
}, 240_000);
afterAll(async () => {
  await b?.close();
});

const OWN = 'prov-windkering';
const provider: SessionUser = { name: 'test-provider', displayName: 'Test provider', role: 'provider', careProviderId: OWN, corporationId: null };

async function rowsAs(user: SessionUser, input: { filters: MonitorFilters; section: string; rowKey?: string; columnKey?: string }): Promise<MonitorRows> {
  const r = (await b.dispatch('monitor.rows', input, { actor: user.name, user })) as Result<MonitorRows>;
  if (!r.ok) throw new Error(`${input.section}/${input.rowKey}/${input.columnKey}: ${r.error.message}`);
  return r.value;
}
const rows = (input: { filters: MonitorFilters; section: string; rowKey?: string; columnKey?: string }) => rowsAs(chairUser('tester'), input);

/** Every count cell of every table section, and the summary's figures, as (section, row, column, value). */
function cellsOf(doc: ReportDoc): { section: string; rowKey?: string; columnKey?: string; value: number }[] {
  const out: { section: string; rowKey?: string; columnKey?: string; value: number }[] = [];
  for (const s of doc.sections) {
    if (s.kind === 'figures') {
      for (const f of s.figures) if (f.type === 'count' && typeof f.value === 'number') out.push({ section: s.key, rowKey: f.key, value: f.value });
      continue;
    }
    for (const r of s.rows) {
      for (const c of s.columns) {
        const v = r.cells[c.key];
        if (c.type === 'count' && typeof v === 'number') out.push({ section: s.key, rowKey: r.key, columnKey: c.key, value: v });
      }
    }
  }
  return out;
}

describe('monitor.rows: the rows behind a figure', () => {
  for (const [name, filters] of [
    ['the last 12 months', {}],
    ['the whole history', { from: '2025-01-01', to: '2026-11-27' }],
    ['Lelystad, BW and VO, 2025 to mid 2026', { from: '2025-01-01', to: '2026-06-30', municipalityCodes: ['GM0995'], groups: ['BW', 'VO'] }],
  ] as [string, MonitorFilters][]) {
    it(`every count cell's rows add up to the cell (${name})`, async () => {
      const doc = await call(b, 'monitor.report', { filters });
      const cells = cellsOf(doc);
      expect(cells.length).toBeGreaterThan(150);
      let nonZero = 0;
      for (const cell of cells) {
        const got = await rows({ filters, section: cell.section, rowKey: cell.rowKey, columnKey: cell.columnKey });
        expect(got.total, `${cell.section} / ${cell.rowKey} / ${cell.columnKey}`).toBe(cell.value);
        expect(got.rows.length).toBe(cell.value);
        if (cell.value > 0) nonZero++;
      }
      expect(nonZero).toBeGreaterThan(20);
    });
  }

  it('derived figures click through to the rows they rest on (a whole row, a median, the 12-month share)', async () => {
    const filters = { from: '2025-01-01', to: '2026-11-27' };
    const doc = await call(b, 'monitor.report', { filters });
    const table = (key: string) => doc.sections.find((s) => s.key === key)! as Extract<ReportDoc['sections'][number], { kind: 'table' }>;
    const handover = table('handover').rows.find((r) => r.key === 'total')!;
    expect((await rows({ filters, section: 'summary', rowKey: 'handover-median' })).total).toBe(handover.cells.count);
    const r = await rows({ filters, section: 'handover', rowKey: 'total' });
    expect(r.columns.map((c) => c.key)).toContain('months');
    // The median of the rows' months is the cell's median (each row's months rounded to one decimal).
    const months = r.rows.map((x) => x.cells.months as number).sort((a, c) => a - c);
    const mid = (months.length - 1) / 2;
    const median = (months[Math.floor(mid)]! + months[Math.ceil(mid)]!) / 2;
    expect(Math.abs(median - (handover.cells.median as number))).toBeLessThanOrEqual(0.1);
    const twelve = table('sustained').rows.find((x) => x.key === '12')!;
    const checked = await rows({ filters, section: 'summary', rowKey: 'sustained-12' });
    expect(checked.total).toBe(twelve.cells.checked);
    expect(checked.rows.every((x) => x.cells.checkedAt !== null)).toBe(true);
    expect(checked.rows.filter((x) => x.cells.housed === 'Ja').length).toBe(twelve.cells.housed);
    // A month row without a column: the whole row.
    for (const m of table('outflow-month').rows) expect((await rows({ filters, section: 'outflow-month', rowKey: m.key })).total).toBe(m.cells.total);
    // The exchange balance: the placements in and out.
    for (const o of table('exchange').rows) {
      expect((await rows({ filters, section: 'exchange', rowKey: o.key, columnKey: 'balance' })).total).toBe((o.cells.in as number) + (o.cells.out as number));
    }
  });

  it('rows are pseudonymous: codes, "— (verwijderd)" for the erased client, names of places and organisations, never a name, note or area to avoid', async () => {
    const filters = { from: '2024-01-01', to: '2026-11-27' };
    const named = await sqlRows<{ id: string; name: string }>(b, 'select id, name from clients where name is not null');
    const names = named.map((r) => r.name);
    const notes = (await sqlRows<{ notes: string }>(b, "select notes from clients where notes <> ''")).map((r) => r.notes);
    const places = (await sqlRows<{ note: string }>(b, "select note from client_places where note <> ''")).map((r) => r.note);
    const all = [
      await rows({ filters, section: 'summary', rowKey: 'placed' }),
      await rows({ filters, section: 'summary', rowKey: 'waiting' }),
      await rows({ filters, section: 'summary', rowKey: 'declines' }),
      await rows({ filters, section: 'sustained', rowKey: '6' }),
      await rows({ filters, section: 'omklap' }),
    ];
    const text = JSON.stringify(all);
    // Named clients are behind these figures (by their code), so the absence of their names means something.
    const codes = new Set(all.flatMap((r) => r.rows.map((x) => x.cells.code)));
    expect(named.filter((c) => codes.has(c.id)).length).toBeGreaterThanOrEqual(1);
    for (const n of names) expect(text, n).not.toContain(n);
    for (const n of [...notes, ...places]) expect(text).not.toContain(n);
    expect(all.flatMap((r) => r.columns.map((c) => c.key))).not.toContain('name');
    const placed = all[0]!;
    expect(placed.rows.filter((r) => r.cells.code === '— (verwijderd)').length).toBeGreaterThanOrEqual(1);
    expect(placed.rows.every((r) => r.cells.code === '— (verwijderd)' || /^K-\d{4}$/.test(String(r.cells.code)))).toBe(true);
    expect(placed.title).toBe('Kerncijfers: Geplaatst in de periode');
    const declines = all[2]!;
    expect(declines.columns.map((c) => c.key)).toEqual(['round', 'date', 'code', 'unit', 'party', 'reason', 'recordedBy']);
    expect(declines.rows.every((r) => r.cells.recordedBy === 'tester')).toBe(true);
  });

  it('a provider worker gets only their own clients behind any figure, whatever provider they ask for', async () => {
    const filters = { from: '2024-01-01', to: '2026-11-27' };
    const ownPlacement = async (id: string) => (await sqlRow<{ care_provider_id: string | null }>(b, 'select care_provider_id from placements where id = ?', id))!.care_provider_id === OWN;
    const ownClient = async (id: string) => (await sqlRow<{ care_provider_id: string }>(b, 'select care_provider_id from clients where id = ?', id))?.care_provider_id === OWN;
    const every = async <T>(items: T[], test: (item: T) => Promise<boolean>) => (await Promise.all(items.map(test))).every(Boolean);
    for (const asked of [{}, { careProviderIds: ['prov-dijkzicht'] }]) {
      const f = { ...filters, ...asked };
      const placed = await rowsAs(provider, { filters: f, section: 'summary', rowKey: 'placed' });
      const chairAll = await rows({ filters, section: 'summary', rowKey: 'placed' });
      const chairOwn = await rows({ filters: { ...filters, careProviderIds: [OWN] }, section: 'summary', rowKey: 'placed' });
      expect(placed.total).toBe(chairOwn.total);
      expect(placed.total).toBeGreaterThan(0);
      expect(placed.total).toBeLessThan(chairAll.total);
      expect(await every(placed.rows, (r) => ownPlacement(r.key))).toBe(true);
      const waiting = await rowsAs(provider, { filters: f, section: 'waiting' });
      expect(waiting.total).toBeGreaterThan(0);
      expect(await every(waiting.rows, (r) => ownClient(String(r.cells.code)))).toBe(true);
      const declines = await rowsAs(provider, { filters: f, section: 'declines' });
      expect(declines.total).toBeGreaterThan(0);
      expect(await every(declines.rows, (r) => ownClient(String(r.cells.code)))).toBe(true);
      const exchange = await rowsAs(provider, { filters: f, section: 'exchange', rowKey: 'GM0034' });
      expect(await every(exchange.rows, (r) => ownPlacement(r.key))).toBe(true);
    }
    // The read-only role and a liaison get no rows at all.
    for (const role of ['readonly', 'liaison'] as const) {
      const u: SessionUser = { name: `test-${role}`, displayName: role, role, careProviderId: null, corporationId: role === 'liaison' ? 'corp-kustlicht' : null };
      const r = await b.dispatch('monitor.rows', { filters, section: 'summary' }, { actor: u.name, user: u });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    }
  });

  it('an unknown section or row is a clear Dutch error', async () => {
    const chair = { actor: 'tester', user: chairUser('tester') };
    const bad = await b.dispatch('monitor.rows', { filters: {}, section: 'omzet' }, chair);
    expect(!bad.ok && bad.error.message).toMatch(/^Monitor: onderdeel 'omzet' bestaat niet; kies uit summary, outflow-month, /);
    const row = await b.dispatch('monitor.rows', { filters: {}, section: 'outflow-month', rowKey: '2026-13' }, chair);
    expect(!row.ok && row.error.message).toBe("Monitor: de rij '2026-13' bestaat niet in 'Uitstroom per maand'.");
    const muni = await b.dispatch('monitor.rows', { filters: {}, section: 'exchange', rowKey: 'GM9999' }, chair);
    expect(!muni.ok && muni.error.code).toBe('VALIDATION');
  });
});

describe('monitor.rows: the first 2,000 rows and the total', () => {
  it('2,100 placements in one month: 2,000 rows returned, total 2,100', async () => {
    const big = await memoryBackend();
    try {
      await importDataset(big, demo);
      // One statement for the 2,100 rows (a round trip each would be slow on PostgreSQL).
      const ids = Array.from({ length: 2100 }, (_, i) => `P-BULK-${String(i).padStart(5, '0')}`);
      await sqlRun(
        big,
        `insert into placements (id, client_id, unit_id, date, origin_municipality_code, destination_municipality_code, target_group, care_provider_id) values ${ids
          .map(() => "(?, null, null, '2026-10-15', 'GM0034', 'GM0995', 'MO', 'prov-windkering')")
          .join(', ')}`,
        ...ids,
      );
      const r = (await big.dispatch('monitor.rows', { filters: {}, section: 'outflow-month', rowKey: '2026-10', columnKey: 'GM0995' }, { actor: 't', user: chairUser('t') })) as Result<MonitorRows>;
      expect(r.ok).toBe(true);
      const v = (r as Extract<Result<MonitorRows>, { ok: true }>).value;
      expect(v.total).toBeGreaterThanOrEqual(2100);
      expect(v.rows.length).toBe(2000);
      expect(v.title).toBe('Uitstroom per maand: okt 2026, Lelystad');
    } finally {
      await big.close();
    }
  });
});

// The partial update of the client and unit import: a file with only some columns changes only those
// columns of existing codes (checked row by row in SQLite), and a new code without a required column
// is refused with its row and code named, nothing written.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import type { MethodInput } from '../../shared/api/contract';
import type { ImportPreview } from '../../shared/api/import.contract';
import { asChair } from '../../shared/auth/system-user';
import { miniDataset } from '../fixtures/mini-dataset';
import { rows } from '../pg/sql';
import { call, importDataset, memoryBackend } from './helpers';

let b: Backend;
beforeEach(async () => {
  b = await memoryBackend();
  await importDataset(b, miniDataset());
});
afterEach(() => b.close());

type Row = Record<string, unknown>;
/** Every row of a table, by key, as SQLite holds it. */
const table = (name: string, order = 'id'): Promise<Row[]> => rows(b, `select * from ${name} order by ${order}`);
/** Drops the columns an update stamps (version, who, when) and the given ones. */
const without = (rows: Row[], ...columns: string[]) =>
  rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !['version', 'updated_by', 'updated_at', ...columns].includes(k))));
/** Everything an import of clients or units could touch. */
const REGISTER_TABLES: [string, string][] = [
  ['units', 'id'],
  ['clients', 'id'],
  ['client_places', 'client_id, kind, seq'],
  ['client_readiness', 'client_id, seq'],
  ['client_consents', 'client_id, seq'],
  ['client_vetoes', 'client_id, seq'],
];
const register = async () => Object.fromEntries(await Promise.all(REGISTER_TABLES.map(async ([t, order]) => [t, await table(t, order)] as const)));

const csv = (lines: string[][]) => `\uFEFF${lines.map((l) => l.join(';')).join('\r\n')}\r\n`;
async function xlsx(lines: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Woningen');
  for (const l of lines) ws.addRow(l);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const file = (kind: 'clients' | 'units', fileName: string, content: string | Buffer): MethodInput<'import.preview'> => ({
  kind,
  fileName,
  contentBase64: (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64'),
});
const rowsOf = (p: ImportPreview) => p.rows.map((r) => [r.row, r.code, r.status, r.changedColumns]);

describe('a file with only Code and Huur updates the rents only', () => {
  const cases: [string, () => Promise<MethodInput<'import.preview'>>][] = [
    ['CSV', async () => file('units', 'huren.csv', csv([['Code', 'Huur'], ['W-1', '640,00'], ['W-2', '455,10']]))],
    ['XLSX', async () => file('units', 'huren.xlsx', await xlsx([['Code', 'Huur'], ['W-1', 640], ['W-2', 455.1]]))],
  ];
  for (const [format, make] of cases) {
    it(`${format}: preview says which rows change and which fields; commit changes rent_cents and nothing else`, async () => {
      const input = await make();
      const before = await register();
      const p = await call(b, 'import.preview', input);
      expect(p.problems).toEqual([]);
      expect(rowsOf(p)).toEqual([
        [2, 'W-1', 'changed', ['Huur']],
        [3, 'W-2', 'unchanged', []],
      ]);
      expect(p.counts).toEqual({ new: 0, changed: 1, unchanged: 1, error: 0 });

      const r = await call(b, 'import.commit', input);
      expect(r.written).toBe(1);
      const units = await table('units');
      expect(units.map((u) => [u.id, u.rent_cents])).toEqual([
        ['W-1', 64000],
        ['W-2', 45510],
      ]);
      // Every other column of every unit as it was (corporation, municipality, kind, rooms, date, contract forms, …).
      expect(without(units, 'rent_cents')).toEqual(without(before.units!, 'rent_cents'));
      expect(units[0]!.version).toBe(Number(before.units![0]!.version) + 1);
      expect(units[1]!.version).toBe(before.units![1]!.version);
      const { units: _u, ...restAfter } = await register();
      const { units: _b, ...restBefore } = before;
      expect(restAfter).toEqual(restBefore);

      // The same file again: nothing to do.
      expect((await call(b, 'import.commit', input)).counts).toEqual({ new: 0, changed: 0, unchanged: 2, error: 0 });
    });
  }

  it('clients: a file with Code, Netto inkomen and one readiness item changes those only', async () => {
    const before = await register();
    const input = file(
      'clients',
      'inkomens.csv',
      csv([
        ['Code', 'Netto inkomen', 'Voorwaarde: Schulden onder beheer'],
        ['K-1', '1300,00', 'nee'],
        ['K-2', '1250,50', 'ja'],
      ]),
    );
    const p = await call(b, 'import.preview', input);
    expect(p.problems).toEqual([]);
    expect(rowsOf(p)).toEqual([
      [2, 'K-1', 'changed', ['Netto inkomen', 'Voorwaarde: Schulden onder beheer']],
      [3, 'K-2', 'changed', ['Voorwaarde: Schulden onder beheer']],
    ]);
    await call(b, 'import.commit', input);
    const after = await register();
    const clients = after.clients!;
    expect(clients.map((c) => [c.id, c.income_monthly_cents])).toEqual([
      ['K-1', 130000],
      ['K-2', 125050],
      ['K-3', 125050],
    ]);
    expect(without(clients, 'income_monthly_cents')).toEqual(without(before.clients!, 'income_monthly_cents'));
    const debtItem = (rows: Row[], id: string) => rows.find((r) => r.client_id === id && r.item === 'debts');
    expect(debtItem(after.client_readiness!, 'K-1')).toMatchObject({ done: 0, confirmed_by: null, confirmed_at: null });
    expect(debtItem(after.client_readiness!, 'K-2')).toMatchObject({ done: 1, confirmed_by: 'import', confirmed_at: '2026-11-27' });
    const others = (rows: Row[]) => rows.filter((r) => r.item !== 'debts' || r.client_id === 'K-3');
    expect(others(after.client_readiness!)).toEqual(others(before.client_readiness!));
    for (const t of ['units', 'client_places', 'client_consents', 'client_vetoes']) expect(after[t]).toEqual(before[t]);
  });
});

describe('required columns are required for new codes, per row', () => {
  it('a file mixing existing and new codes without required columns names every new row and writes nothing', async () => {
    const before = await register();
    const input = file('units', 'huren.csv', csv([['Code', 'Huur'], ['W-1', '640,00'], ['W-0998', '500,00'], ['W-2', '470,00'], ['W-0999', '510,00']]));
    const p = await call(b, 'import.preview', input);
    const missing = "'Corporatie', 'Gemeente', 'Soort', 'Kamers', 'Beschikbaar vanaf' en 'Contractvormen'";
    expect(p.problems).toEqual([
      { row: 3, column: null, code: 'W-0998', message: `nieuwe woning zonder ${missing}` },
      { row: 5, column: null, code: 'W-0999', message: `nieuwe woning zonder ${missing}` },
    ]);
    expect(rowsOf(p)).toEqual([
      [2, 'W-1', 'changed', ['Huur']],
      [3, 'W-0998', 'error', []],
      [4, 'W-2', 'changed', ['Huur']],
      [5, 'W-0999', 'error', []],
    ]);
    const r = await b.dispatch('import.commit', input, asChair('tester'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toBe('Import van huren.csv afgekeurd (2 fouten); er is niets opgeslagen.');
      expect(r.error.problems).toEqual([
        { path: 'rij 3 (W-0998)', message: `nieuwe woning zonder ${missing}` },
        { path: 'rij 5 (W-0999)', message: `nieuwe woning zonder ${missing}` },
      ]);
    }
    expect((await register())).toEqual(before);
    expect((await call(b, 'audit.list', { limit: 100 })).filter((a) => a.action === 'import' && a.entity === 'unit')).toEqual([]);
  });

  it('one missing column is named alone; the same file with the column imports the new home', async () => {
    const head = ['Code', 'Gemeente', 'Soort', 'Kamers', 'Huur', 'Beschikbaar vanaf', 'Contractvormen'];
    const line = (code: string) => [code, 'GM0034', 'Kanswoning', '2', '600,00', '01-02-2027', 'regulier'];
    const rows = [head, line('W-1'), line('W-3'), line('W-4'), line('W-5'), line('W-6'), line('W-0999')];
    const p = await call(b, 'import.preview', file('units', 'w.csv', csv(rows)));
    expect(p.problems.filter((q) => q.code === 'W-0999')).toEqual([{ row: 7, column: null, code: 'W-0999', message: "nieuwe woning zonder 'Corporatie'" }]);
    expect(p.counts).toEqual({ new: 0, changed: 1, unchanged: 0, error: 5 });

    const full = [[...head, 'Corporatie'], ...rows.slice(1).map((l) => [...l, 'corp-a'])];
    const ok = await call(b, 'import.commit', file('units', 'w.csv', csv(full)));
    expect(ok.counts).toEqual({ new: 5, changed: 1, unchanged: 0, error: 0 });
    expect((await table('units')).map((u) => u.id)).toEqual(['W-0999', 'W-1', 'W-2', 'W-3', 'W-4', 'W-5', 'W-6']);
  });

  it('clients: a new code in a partial file is refused with its row and the missing columns', async () => {
    const before = await register();
    const p = await call(b, 'import.preview', file('clients', 'k.csv', csv([['Code', 'Doelgroep', 'Netto inkomen'], ['K-1', 'MO', '900'], ['K-77', 'BW', '1000']])));
    expect(p.problems).toEqual([
      {
        row: 3,
        column: null,
        code: 'K-77',
        message: "nieuwe kandidaat zonder 'Geboortedatum', 'Zorgaanbieder', 'Gemeente van herkomst', 'Verblijft in', 'Inkomensbron' en 'Schulden'",
      },
    ]);
    expect(rowsOf(p)).toEqual([
      [2, 'K-1', 'changed', ['Doelgroep', 'Netto inkomen']],
      [3, 'K-77', 'error', []],
    ]);
    expect((await register())).toEqual(before);
  });
});

describe('headers and empty cells in a partial file', () => {
  it('an unknown header stays an error, and Code stays required as a column', async () => {
    const unknown = await call(b, 'import.preview', file('units', 'w.csv', csv([['Code', 'Huurprijs'], ['W-1', '640,00']])));
    expect(unknown.problems).toEqual([{ row: 1, column: 'Huurprijs', message: "onbekende kolom 'Huurprijs'; gebruik de kolomkoppen uit het sjabloon" }]);
    const noCode = await call(b, 'import.preview', file('units', 'w.csv', csv([['Huur'], ['640,00']])));
    expect(noCode.problems).toEqual([{ row: 1, column: 'Code', message: "verplichte kolom 'Code' ontbreekt in de kopregel" }]);
    expect(noCode.rows).toEqual([]);
  });

  it('an empty cell in a column that is there clears an optional value or sets its default, and is an error in a required column', async () => {
    const input = file('units', 'w.csv', csv([['Code', 'Adres', 'Verdieping', 'Status'], ['W-1', '', '', ''], ['W-2', 'Nieuwe straat 2', '', 'Gereserveerd']]));
    const p = await call(b, 'import.preview', input);
    expect(rowsOf(p)).toEqual([
      [2, 'W-1', 'changed', ['Adres']],
      [3, 'W-2', 'changed', ['Adres', 'Verdieping', 'Status']],
    ]);
    await call(b, 'import.commit', input);
    expect((await table('units')).map((u) => [u.id, u.address, u.floor, u.status, u.complex])).toEqual([
      ['W-1', null, 0, 'available', 'Complex 1'],
      ['W-2', 'Nieuwe straat 2', 0, 'reserved', null],
    ]);

    const before = await register();
    const empty = await call(b, 'import.preview', file('units', 'w.csv', csv([['Code', 'Huur'], ['W-1', '']])));
    expect(empty.problems).toEqual([{ row: 2, column: 'Huur', message: 'is verplicht maar leeg' }]);
    expect((await register())).toEqual(before);
  });
});

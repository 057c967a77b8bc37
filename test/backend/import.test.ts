// The client and unit import (CSV and XLSX): every error kind with row, column and message; all or
// nothing; re-import changes nothing; templates and exports read back as unchanged rows.
import { asChair } from '../../shared/auth/system-user';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import type { MethodInput } from '../../shared/api/contract';
import type { ImportPreview } from '../../shared/api/import.contract';
import type { Result } from '../../shared/api/result';
import { registerOf } from '../../shared/dataset/dataset.schema';
import { miniDataset } from '../fixtures/mini-dataset';
import { call, importDataset, memoryBackend } from './helpers';

let b: Backend;
beforeEach(async () => {
  b = await memoryBackend();
  await importDataset(b, miniDataset());
});
afterEach(() => b.close());

const CLIENT_HEADERS = [
  'Code',
  'Doelgroep',
  'Geboortedatum',
  'Zorgaanbieder',
  'Gemeente van herkomst',
  'Verblijft in',
  'Inkomensbron',
  'Netto inkomen',
  'Schulden',
];
const clientRow = (code: string, over: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    Code: code,
    Doelgroep: 'BW',
    Geboortedatum: '14-05-1990',
    Zorgaanbieder: 'prov-a',
    'Gemeente van herkomst': 'GM0034',
    'Verblijft in': 'GM0995',
    Inkomensbron: 'Uitkering',
    'Netto inkomen': '1250,50',
    Schulden: 'Geen',
  };
  return { ...base, ...over } as Record<string, string>;
};
const UNIT_HEADERS = ['Code', 'Corporatie', 'Gemeente', 'Buurt', 'Soort', 'Kamers', 'Huur', 'Beschikbaar vanaf', 'Contractvormen'];
const unitRow = (code: string, over: Partial<Record<string, string>> = {}) =>
  ({
    Code: code,
    Corporatie: 'corp-a',
    Gemeente: 'GM0034',
    Buurt: 'BU00340202',
    Soort: 'Contingentwoning',
    Kamers: '2',
    Huur: '600,00',
    'Beschikbaar vanaf': '2027-02-01',
    Contractvormen: 'regulier',
    ...over,
  }) as Record<string, string>;

function csv(headers: string[], rows: Record<string, string>[], delimiter = ';', bom = true): string {
  const esc = (s: string) => (s.includes(delimiter) || s.includes('"') ? `"${s.replace(/"/g, '""')}"` : s);
  const text = [headers.join(delimiter), ...rows.map((r) => headers.map((h) => esc(r[h] ?? '')).join(delimiter))].join('\n');
  return (bom ? '\uFEFF' : '') + text;
}
const b64 = (s: string | Buffer) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s).toString('base64');
const file = (kind: 'clients' | 'units', fileName: string, content: string | Buffer): MethodInput<'import.preview'> => ({
  kind,
  fileName,
  contentBase64: b64(content),
});
const preview = (input: MethodInput<'import.preview'>) => call(b, 'import.preview', input);
const problemsOf = (p: ImportPreview) => p.problems.map((x) => `rij ${x.row}, kolom ${x.column}: ${x.message}`);

async function xlsx(headers: string[], rows: (string | number | Date | boolean | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Blad1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function tryCommit(input: MethodInput<'import.commit'>): Promise<Result<unknown>> {
  return b.dispatch('import.commit', input, asChair('tester'));
}

describe('import: each error names row, column and reason', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['an amount that is not one', { 'Netto inkomen': 'abc' }, "rij 3, kolom Netto inkomen: 'abc' is geen bedrag"],
    ['a negative amount', { 'Netto inkomen': '-5' }, "rij 3, kolom Netto inkomen: '-5': een bedrag mag niet negatief zijn"],
    ['an ambiguous amount', { 'Netto inkomen': '1.250' }, "rij 3, kolom Netto inkomen: '1.250' is geen eenduidig bedrag; schrijf bijvoorbeeld 1250 of 1250,00"],
    ['an impossible date', { Geboortedatum: '30-02-2025' }, "rij 3, kolom Geboortedatum: '30-02-2025' bestaat niet als datum"],
    ['a malformed date', { Geboortedatum: '2025/13' }, "rij 3, kolom Geboortedatum: '2025/13' is geen datum; schrijf dd-mm-jjjj of jjjj-mm-dd"],
    ['an unknown municipality', { 'Gemeente van herkomst': 'GM9999' }, 'rij 3, kolom Gemeente van herkomst: gemeentecode GM9999 is onbekend in deze regio'],
    ['a malformed municipality', { 'Verblijft in': 'Almere' }, "rij 3, kolom Verblijft in: 'Almere' is geen CBS-gemeentecode (zoals GM0034)"],
    ['an unknown provider', { Zorgaanbieder: 'prov-x' }, "rij 3, kolom Zorgaanbieder: 'prov-x' is geen bekende zorgaanbieder (gebruik de code, bijvoorbeeld prov-a)"],
    ['an unknown group', { Doelgroep: 'XYZ' }, "rij 3, kolom Doelgroep: 'XYZ' is geen bekende doelgroep; kies uit: BW, MO, VO, Jongeren, Forensisch"],
    ['an empty required cell', { Schulden: '' }, 'rij 3, kolom Schulden: is verplicht maar leeg'],
    [
      'a neighbourhood outside its municipality',
      { Netwerk: 'familie:GM0034:BU09950101' },
      "rij 3, kolom Netwerk: buurt BU09950101 ligt in GM0995, niet in GM0034",
    ],
    ['an unknown network kind', { Netwerk: 'buren:GM0034' }, "rij 3, kolom Netwerk: 'buren' is geen bekende soort netwerk; kies uit: familie, vrienden, dagbesteding, werk, school, behandeling"],
    ['a yes/no that is neither', { Budgetbeheer: 'misschien' }, "rij 3, kolom Budgetbeheer: 'misschien' is geen ja of nee"],
    ['a birth date in the future', { Geboortedatum: '01-01-2030' }, 'rij 3, kolom Geboortedatum: ligt in de toekomst'],
    ['a bad code', { Code: 'K 9' }, "rij 3, kolom Code: 'K 9' is geen geldige code (alleen letters, cijfers, punt, streepje en liggend streepje)"],
  ];
  for (const [what, over, message] of cases) {
    it(what, async () => {
      const headers = [...CLIENT_HEADERS, 'Netwerk', 'Budgetbeheer'];
      const p = await preview(file('clients', 'k.csv', csv(headers, [clientRow('K-10'), clientRow('K-11', over), clientRow('K-12')])));
      expect(problemsOf(p)).toEqual([message]);
      expect(p.rows.map((r) => r.status)).toEqual(['new', 'error', 'new']);
      expect(p.counts).toEqual({ new: 2, changed: 0, unchanged: 0, error: 1 });
    });
  }

  it('duplicated codes in the file', async () => {
    const p = await preview(file('clients', 'k.csv', csv(CLIENT_HEADERS, [clientRow('K-10'), clientRow('K-11'), clientRow('K-10')])));
    expect(problemsOf(p)).toEqual(['rij 4, kolom Code: code K-10 staat ook al in rij 2; elke code mag maar één keer voorkomen']);
  });

  it('unknown and doubled headers are named (a missing required column is a problem of new rows only)', async () => {
    const headers = ['Code', 'Doelgroep', 'Doelgroep', 'Huurprijs', 'Voorwaarde: Bestaat niet', 'Geboortedatum', 'Zorgaanbieder', 'Verblijft in', 'Inkomensbron', 'Netto inkomen', 'Schulden'];
    const p = await preview(file('clients', 'k.csv', csv(headers, [clientRow('K-10')])));
    expect(problemsOf(p)).toEqual([
      "rij 1, kolom Doelgroep: kolom 'Doelgroep' staat twee keer in de kopregel (kolom 2 en 3)",
      "rij 1, kolom Huurprijs: onbekende kolom 'Huurprijs'; gebruik de kolomkoppen uit het sjabloon",
      "rij 1, kolom Voorwaarde: Bestaat niet: onbekende kolom 'Voorwaarde: Bestaat niet'; gebruik de kolomkoppen uit het sjabloon",
    ]);
    expect(p.rows).toEqual([]);
  });

  it('units: negative rent, unknown corporation, neighbourhood in another municipality, min above max age', async () => {
    const headers = [...UNIT_HEADERS, 'Min. leeftijd', 'Max. leeftijd'];
    const p = await preview(
      file(
        'units',
        'w.csv',
        csv(headers, [
          unitRow('W-10', { Huur: '-12,50' }),
          unitRow('W-11', { Corporatie: 'corp-z' }),
          unitRow('W-12', { Buurt: 'BU09950101' }),
          unitRow('W-13', { 'Min. leeftijd': '30', 'Max. leeftijd': '23' }),
          unitRow('W-14', { Kamers: '0' }),
          unitRow('W-15', { Contractvormen: '' }),
        ]),
      ),
    );
    expect(problemsOf(p)).toEqual([
      "rij 2, kolom Huur: '-12,50': een bedrag mag niet negatief zijn",
      "rij 3, kolom Corporatie: 'corp-z' is geen bekende woningcorporatie (gebruik de code, bijvoorbeeld corp-a)",
      'rij 4, kolom Buurt: buurt BU09950101 ligt in GM0995, niet in gemeente GM0034',
      'rij 5, kolom Max. leeftijd: 23 is lager dan de minimumleeftijd 30',
      "rij 6, kolom Kamers: '0' ligt niet tussen 1 en 10",
      'rij 7, kolom Contractvormen: is verplicht maar leeg',
    ]);
  });

  it('an unreadable file is refused with its name', async () => {
    const r = await b.dispatch('import.preview', file('clients', 'oud.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2])), asChair('t'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('oud.xls is een oud Excel-bestand');
  });
});

describe('import: all or nothing, idempotent', () => {
  it('a file with one bad row in the middle writes nothing', async () => {
    const before = registerOf(await call(b, 'dataset.export', {}));
    const rows = [clientRow('K-10'), clientRow('K-11'), clientRow('K-12', { 'Netto inkomen': 'abc' }), clientRow('K-13'), clientRow('K-1', { Doelgroep: 'MO' })];
    const r = await tryCommit(file('clients', 'k.csv', csv(CLIENT_HEADERS, rows)));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toBe('Import van k.csv afgekeurd (1 fout); er is niets opgeslagen.');
      expect(r.error.problems).toEqual([{ path: 'rij 4, kolom Netto inkomen', message: "'abc' is geen bedrag" }]);
    }
    expect(registerOf(await call(b, 'dataset.export', {}))).toEqual(before);
    const audit = await call(b, 'audit.list', { limit: 10 });
    expect(audit.filter((a) => a.action === 'import' && a.entity === 'client')).toEqual([]);
  });

  it('imports new and changed rows, then a second import changes nothing (CSV with commas, no BOM)', async () => {
    const headers = [...CLIENT_HEADERS, 'Naam', 'Netwerk', 'Leeftijden kinderen', 'Behoeften', 'Voorwaarde: Perspectief-/ondersteuningsplan actueel'];
    const rows = [
      clientRow('K-10', { Naam: 'Sanne', Netwerk: 'familie:GM0995:BU09950101:moeder;vrienden:GM0034', 'Leeftijden kinderen': '4;4', Behoeften: 'begane grond;Lift', 'Netto inkomen': '1.250,50', 'Voorwaarde: Perspectief-/ondersteuningsplan actueel': 'ja' }),
      clientRow('K-1', { Doelgroep: 'Jongeren', Geboortedatum: '2003-05-14', 'Gemeente van herkomst': 'GM0995', 'Verblijft in': 'GM0034' }),
    ];
    const content = csv(headers, rows, ',', false);
    const first = await call(b, 'import.commit', file('clients', 'k.csv', content));
    expect(first.counts).toEqual({ new: 1, changed: 1, unchanged: 0, error: 0 });
    const k10 = (await call(b, 'clients.get', { id: 'K-10' })).client;
    expect(k10).toMatchObject({
      name: 'Sanne',
      group: 'BW',
      birthDate: '1990-05-14',
      household: { adults: 1, childrenAges: [4, 4] },
      needs: ['ground-floor', 'lift'],
      income: { source: 'benefit', monthlyNet: 1250.5, debts: 'none', budgetManagement: false },
      support: { providerId: 'prov-a', intensity: 'medium', start: null, months: null },
      networkPlaces: [
        { kind: 'family', municipalityCode: 'GM0995', neighbourhoodCode: 'BU09950101', note: 'moeder' },
        { kind: 'friends', municipalityCode: 'GM0034', neighbourhoodCode: null, note: '' },
      ],
    });
    expect(k10.readiness).toEqual([{ item: 'support-plan', done: true, confirmedBy: 'import', confirmedAt: '2026-11-27' }]);
    const k1 = (await call(b, 'clients.get', { id: 'K-1' })).client;
    // Columns not in the file keep their value (consents are never in it); an empty cell in a column that is there clears it.
    expect(k1).toMatchObject({ group: 'YOUTH', name: null, networkPlaces: [], consents: miniDataset().clients[0]!.consents, readyDate: '2026-08-01' });

    const after = registerOf(await call(b, 'dataset.export', {}));
    const again = await call(b, 'import.commit', file('clients', 'k.csv', content));
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 2, error: 0 });
    expect(again.written).toBe(0);
    expect(registerOf(await call(b, 'dataset.export', {}))).toEqual(after);
    const audit = (await call(b, 'audit.list', { limit: 10 })).filter((a) => a.action === 'import' && a.entity === 'client');
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ file: 'k.csv', new: 0, changed: 0, unchanged: 2, note: 'niets gewijzigd' });
    expect(JSON.parse(audit[1]!.detail)).toMatchObject({ new: 1, changed: 1, unchanged: 0, codes: ['K-10', 'K-1'] });
  });

  it('reads XLSX: date cells, number cells, text dates; reports the spreadsheet row', async () => {
    const headers = [...UNIT_HEADERS, 'Lift'];
    const content = await xlsx(headers, [
      ['W-10', 'corp-a', 'GM0034', 'BU00340202', 'Kanswoning', 3, 712.5, new Date(Date.UTC(2027, 1, 1)), 'Regulier huurcontract;driepartijen', true],
      [],
      ['W-11', 'Corporatie A', 'GM0995', null, 'skaeve huse', '1', '455', '15-03-2027', 'onderhuur', 'nee'],
      ['W-12', 'corp-a', 'GM0995', null, 'Contingentwoning', 1, 'abc', '2027-03-01', 'regulier', 'nee'],
    ]);
    const p = await preview(file('units', 'w.xlsx', content));
    expect(problemsOf(p)).toEqual(["rij 5, kolom Huur: 'abc' is geen bedrag"]);
    const ok = await xlsx(headers, [
      ['W-10', 'corp-a', 'GM0034', 'BU00340202', 'Kanswoning', 3, 712.5, new Date(Date.UTC(2027, 1, 1)), 'Regulier huurcontract;driepartijen', true],
      ['W-11', 'Corporatie A', 'GM0995', null, 'skaeve huse', '1', '455', '15-03-2027', 'onderhuur', 'nee'],
    ]);
    const r = await call(b, 'import.commit', file('units', 'w.xlsx', ok));
    expect(r.counts).toEqual({ new: 2, changed: 0, unchanged: 0, error: 0 });
    expect(await call(b, 'units.get', { id: 'W-10' })).toMatchObject({
      kind: 'kanswoning',
      rooms: 3,
      rent: 712.5,
      availableFrom: '2027-02-01',
      contractForms: ['regular', 'three-party'],
      lift: true,
      status: 'available',
    });
    expect(await call(b, 'units.get', { id: 'W-11' })).toMatchObject({ corporationId: 'corp-a', kind: 'skaeve-huse', rent: 455, availableFrom: '2027-03-15' });
    expect((await call(b, 'import.commit', file('units', 'w.xlsx', ok))).counts).toEqual({ new: 0, changed: 0, unchanged: 2, error: 0 });
  });
});

describe('templates and exports', () => {
  it('the templates carry the policy readiness items and read back without header problems', async () => {
    for (const kind of ['clients', 'units'] as const) {
      const csvT = await call(b, 'import.template', { kind, format: 'csv' });
      const text = Buffer.from(csvT.contentBase64, 'base64').toString('utf8');
      expect(text.startsWith('\uFEFFCode;')).toBe(true);
      if (kind === 'clients') expect(text).toContain(';Voorwaarde: Terugval-/crisisplan');
      const p = await preview(file(kind, csvT.fileName, text));
      expect(problemsOf(p)).toEqual([`rij null, kolom null: het bestand bevat geen ${kind === 'clients' ? 'kandidaten' : 'woningen'} (alleen een kopregel)`]);

      const x = await call(b, 'import.template', { kind, format: 'xlsx' });
      expect(x.fileName).toBe(`sjabloon-${kind === 'clients' ? 'kandidaten' : 'woningen'}.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(x.contentBase64, 'base64') as unknown as ExcelJS.Buffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual([kind === 'clients' ? 'Kandidaten' : 'Woningen', 'Toelichting']);
      const notes = wb.worksheets[1]!;
      expect(notes.getRow(1).values).toEqual([undefined, 'Kolom', 'Verplicht', 'Toegestane waarden en schrijfwijze', 'Voorbeeld']);
      expect(String(notes.getRow(2).getCell(3).value)).toContain('Letters, cijfers');
      const px = await preview(file(kind, x.fileName, Buffer.from(x.contentBase64, 'base64')));
      expect(px.problems.filter((q) => q.row === 1)).toEqual([]);
    }
  });

  it('a template filled with one row imports it', async () => {
    const t = await call(b, 'import.template', { kind: 'clients', format: 'csv' });
    const headers = Buffer.from(t.contentBase64, 'base64').toString('utf8').replace(/^\uFEFF/, '').trim().split(';');
    const p = await preview(file('clients', 'k.csv', csv(headers, [clientRow('K-20', { 'Voorwaarde: Terugval-/crisisplan': 'ja' })])));
    expect(p.problems).toEqual([]);
    expect(p.rows).toEqual([{ row: 2, code: 'K-20', status: 'new', changedColumns: [] }]);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    it(`an export (${format}) reads back as unchanged rows, an edit as changed, and the export is audited`, async () => {
      for (const kind of ['clients', 'units'] as const) {
        const out = await call(b, 'export.list', { kind, format });
        const bytes = Buffer.from(out.contentBase64, 'base64');
        const p = await preview(file(kind, out.fileName, bytes));
        expect(p.problems).toEqual([]);
        expect(p.counts).toEqual({ new: 0, changed: 0, unchanged: kind === 'clients' ? 3 : 2, error: 0 });
      }
      const audit = (await call(b, 'audit.list', { limit: 5 })).filter((a) => a.action === 'export');
      expect(audit.map((a) => [a.entity, JSON.parse(a.detail).rows, JSON.parse(a.detail).format])).toEqual([
        ['unit', 2, format],
        ['client', 3, format],
      ]);
    });
  }

  it('an edited export shows the changed column; filters limit the export', async () => {
    const out = await call(b, 'export.list', { kind: 'units', format: 'csv' });
    const text = Buffer.from(out.contentBase64, 'base64').toString('utf8').replace('612,35', '640,00');
    const p = await preview(file('units', 'w.csv', text));
    expect(p.rows.map((r) => [r.code, r.status, r.changedColumns])).toEqual([
      ['W-1', 'changed', ['Huur']],
      ['W-2', 'unchanged', []],
    ]);
    const some = await call(b, 'export.list', { kind: 'clients', format: 'csv', filters: { search: 'michelle' } });
    const lines = Buffer.from(some.contentBase64, 'base64').toString('utf8').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('K-1;Michelle;BW');
    const vo = await call(b, 'export.list', { kind: 'clients', format: 'csv', filters: { status: 'archived' } });
    expect(Buffer.from(vo.contentBase64, 'base64').toString('utf8').trim().split('\r\n')).toHaveLength(1);
    // The list's own filters apply too, so the export is what the list shows.
    const byGroup = await call(b, 'export.list', { kind: 'clients', format: 'csv', filters: { groups: ['VO'], sortBy: 'age' } });
    expect(Buffer.from(byGroup.contentBase64, 'base64').toString('utf8').trim().split('\r\n').slice(1).map((l) => l.split(';')[0])).toEqual(['K-2']);
    const units = await call(b, 'export.list', { kind: 'units', format: 'csv', filters: { municipalityCodes: ['GM0995'] } });
    expect(Buffer.from(units.contentBase64, 'base64').toString('utf8').trim().split('\r\n').slice(1).map((l) => l.split(';')[0])).toEqual(['W-2']);
    const bad = await b.dispatch('export.list', { kind: 'clients', format: 'csv', filters: { groups: ['XX'] } }, asChair('t'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.problems?.[0]?.path).toBe('filters.groups.0');
  });
});

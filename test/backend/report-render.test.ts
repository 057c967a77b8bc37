// The report renderers on real files: Dutch cell formatting; PDFs rendered to PNG by pdftoppm and read
// back by pdftotext; XLSX read back with exceljs and compared with the CSV cell by cell; CSV's BOM,
// separators, quoting and formula neutralising; file names. Needs poppler-utils.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReport, reportFileName } from '../../electron/backend/reports/render/render';
import { restoreCsvText } from '../../shared/import/csv-text';
import {
  formatCell,
  formatFigure,
  formatLongDate,
  formatNumber,
  formatPeriod,
  formatRowCell,
  formatShortDate,
  hiddenLabel,
  plural,
} from '../../shared/reports/format-nl';
import { ReportDoc, type TableSection } from '../../shared/reports/report-doc';
import { agendaDoc, FORMULA_TEXT, LAST_ROW_TEXT, mixedDoc, providerDoc } from './fixtures/report-docs';
import { csvRecords } from './csv-reader';

const dir = mkdtempSync(join(tmpdir(), 'report-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

async function writePdf(name: string, doc: ReportDoc): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await renderReport(doc, 'pdf'));
  return file;
}
const pdfPages = (file: string) => Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]))![1]);
const pdfPageSize = (file: string) => /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(run('pdfinfo', [file]))!.slice(1, 3).map(Number);
const pdfText = (file: string, page?: number) => run('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-']);

/** The CSV's blocks: runs of records separated by an empty record. */
function csvBlocks(csv: Buffer): string[][][] {
  const text = csv.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const blocks: string[][][] = [[]];
  for (const r of csvRecords(text.slice(1))) {
    if (r.length === 1 && r[0] === '') blocks.push([]);
    else blocks.at(-1)!.push(r);
  }
  return blocks;
}

const trimEnd = (r: string[]) => {
  const out = [...r];
  while (out.length && out.at(-1) === '') out.pop();
  return out;
};

/** An XLSX cell as the CSV writes it, worked out here from its value and number format. */
function asCsv(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    expect(cell.numFmt).toBe('dd-mm-yyyy');
    return `${String(v.getUTCDate()).padStart(2, '0')}-${String(v.getUTCMonth() + 1).padStart(2, '0')}-${v.getUTCFullYear()}`;
  }
  if (typeof v === 'number') {
    const fmt = cell.numFmt ?? '';
    const decimals = /\.(0+)/.exec(fmt)?.[1]?.length ?? 0;
    const n = fmt.includes('%') ? v * 100 : v;
    return formatNumber(n, fmt ? decimals : 2, false).replace(/,00$/, fmt ? ',00' : '');
  }
  if (typeof v === 'string') return v;
  throw new Error(`unexpected cell value ${JSON.stringify(v)} in ${cell.address}`);
}

/** A sheet's rows as CSV texts, a blank row as an empty record. */
function sheetRecords(ws: ExcelJS.Worksheet, upTo = ws.rowCount): string[][] {
  const out: string[][] = [];
  for (let r = 1; r <= upTo; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) cells.push(asCsv(row.getCell(c)));
    out.push(trimEnd(cells));
  }
  return out;
}

async function readXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('Dutch formatting (format-nl)', () => {
  it('numbers, percent, money, durations, dates, empty and hidden cells', () => {
    expect([formatNumber(1234), formatNumber(1234567), formatNumber(4.5, 1), formatNumber(-1234.5, 2), formatNumber(1.005, 2), formatNumber(-0.04, 1)]).toEqual([
      '1.234',
      '1.234.567',
      '4,5',
      '-1.234,50',
      '1,01',
      '0,0',
    ]);
    expect(formatCell(45.5, 'percent')).toBe('45,5 %');
    expect(formatCell(1234.5, 'money')).toBe('€ 1.234,50');
    expect(formatCell(3.5, 'months')).toBe('3,5 mnd');
    expect([formatCell(1, 'days'), formatCell(12, 'days')]).toEqual(['1 dag', '12 dagen']);
    expect([formatCell(1234, 'count'), formatCell(4.56, 'decimal'), formatCell(null, 'count'), formatCell('tekst', 'text')]).toEqual(['1.234', '4,6', '—', 'tekst']);
    // A year reads as a year: "2026", never "2.026" (the corporation report and the monitor's agreements showed that).
    expect([formatCell(2026, 'year'), formatCell(2026, 'year', { plain: true }), formatCell(2026, 'int')]).toEqual(['2026', '2026', '2.026']);
    expect([formatCell('2026-12-04', 'date'), formatCell('2026-12-04', 'date', { dates: 'long' })]).toEqual(['04-12-2026', '4 december 2026']);
    expect([formatCell(1234.5, 'money', { plain: true }), formatCell(45.5, 'percent', { plain: true }), formatCell(null, 'int', { plain: true })]).toEqual(['1234,50', '45,5', '']);
    expect(formatLongDate('2026-01-01')).toBe('1 januari 2026');
    // A moment is read in Dutch time: 23:30 UTC on 31 December is already 1 January.
    expect(formatLongDate('2026-12-31T23:30:00Z')).toBe('1 januari 2027');
    expect(formatShortDate('2026-02-30')).toBe('2026-02-30');
    expect(formatPeriod({ from: '2026-01-01', to: '2026-12-31' })).toBe('1 januari 2026 t/m 31 december 2026');
    expect([plural(1, 'kandidaat', 'kandidaten'), plural(3, 'kandidaat', 'kandidaten')]).toEqual(['1 kandidaat', '3 kandidaten']);
    expect(hiddenLabel(5)).toBe('< 5');
    const doc = mixedDoc();
    const table = doc.sections.find((s): s is TableSection => s.kind === 'table' && s.key === 'outflow')!;
    const dronten = table.rows.find((r) => r.key === 'GM0303')!;
    expect(table.columns.map((c) => formatRowCell(dronten, c, 5))).toEqual(['Dronten', '40', '< 5', '< 5', '0']);
    const totals = doc.sections[0]!;
    const figures = totals.kind === 'figures' ? totals.figures : [];
    expect(figures.map((f) => formatFigure(f, 5))).toEqual(['1.301', '< 5', '470', '61,3 %', '3,5 mnd', '—']);
  });
});

describe('PDF', () => {
  it('the provider report for 500 clients: landscape pages with header, footer, repeated table header; the text is extractable', async () => {
    const doc = ReportDoc.parse(providerDoc(500));
    const file = await writePdf('provider', doc);
    const pages = pdfPages(file);
    expect(pages).toBeGreaterThanOrEqual(2);
    const [w, h] = pdfPageSize(file);
    expect(w).toBeGreaterThan(h!); // 10 columns: landscape

    run('pdftoppm', ['-png', '-r', '50', file, join(dir, 'provider')]);
    const pngs = readdirSync(dir).filter((f) => /^provider-\d+\.png$/.test(f));
    expect(pngs).toHaveLength(pages);
    for (const p of pngs) expect(statSync(join(dir, p)).size).toBeGreaterThan(1000);

    const text = pdfText(file);
    expect(text).toContain('Matchrapportage Zorgaanbieder De Windkering');
    expect(text).toContain('Periode: 1 januari 2026 t/m 31 december 2026');
    expect(text).toContain('1.234'); // a Dutch-formatted count
    expect(text).toContain('€ 1.234,50');
    expect(text).toContain('4 december 2026'); // a long date (a figure)
    expect(text).toContain('Privacy');
    expect(text).toContain('Pseudoniem: cliëntcodes');
    expect(text).toContain('Filters');
    expect(text).toContain('K-0500');
    expect(text).toContain(LAST_ROW_TEXT); // the last row, with ë and é
    expect(text).toContain('Wachttijd: Maanden sinds woonrijp.'); // a column hint as a note

    // Page one holds the figures and no table; every later page repeats the header row; every page its header and footer.
    const first = pdfText(file, 1);
    expect(first).toContain('Kerncijfers');
    expect(first).not.toContain('K-0001');
    for (let p = 1; p <= pages; p++) {
      const t = p === 1 ? first : pdfText(file, p);
      expect(t).toContain(`Pagina ${p} van ${pages}`);
      expect(t).toContain('Gemaakt op 04-12-2026 11:00 door Anna de Vries (voorzitter)');
      expect(t).toContain('Matchrapportage Zorgaanbieder De Windkering');
      if (p > 1) expect(t).toMatch(/Cliëntcode\s+Doelgroep\s+Woonrijp sinds/);
    }
    // Every client, in order, exactly once.
    const codes = [...text.matchAll(/\bK-(\d{4})\b/g)].map((m) => Number(m[1]));
    expect(codes).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
  }, 300_000); // pdftoppm and pdftotext over ~20 pages: 31–47 s with four CI runs side by side

  it('hidden counts, an empty section, Dutch characters and formula-like text in a portrait document', async () => {
    const file = await writePdf('mixed', mixedDoc());
    const [w, h] = pdfPageSize(file);
    expect(w).toBeLessThan(h!);
    const pages = pdfPages(file);
    run('pdftoppm', ['-png', '-r', '50', file, join(dir, 'mixed')]);
    expect(readdirSync(dir).filter((f) => /^mixed-\d+\.png$/.test(f))).toHaveLength(pages);
    const text = pdfText(file);
    expect(text).toContain('Aantallen onder 5 zijn verborgen (< 5).');
    expect(text).toMatch(/Dronten\s+40\s+< 5\s+< 5\s+0/);
    expect(pdfText(file, 1)).toMatch(/1\.301\s+< 5\s+470/); // a hidden figure
    expect(text).toContain('Geen gegevens in deze periode.');
    expect(text).toContain('Woonstichting Één & Crème');
    expect(text).toContain('café "De Kroeg"');
    expect(text).toContain('Çagri'); // ğ and ı, which Helvetica lacks, by their base letters
    expect(text).toContain(FORMULA_TEXT); // shown as written: a PDF runs nothing
    expect(text).toContain('-1.234');
    expect(text).toContain('Gemeente: Almere, Lelystad; Doelgroep: Vrouwenopvang');
  });

  it('a round paper without a period', async () => {
    const file = await writePdf('agenda', agendaDoc());
    expect(pdfPages(file)).toBe(1);
    const text = pdfText(file);
    expect(text).toContain('Agenda ronde 3');
    expect(text).toContain('Ronde 3 van 4 december 2026');
    expect(text).not.toContain('Periode');
    expect(text).toContain('Pagina 1 van 1');
  });
});

describe('XLSX against CSV', () => {
  for (const [name, make] of [
    ['provider', () => providerDoc(500)],
    ['mixed', mixedDoc],
    ['agenda', agendaDoc],
  ] as const) {
    it(`${name}: every sheet holds the same data as the CSV, with real numbers and dates`, async () => {
      const doc = ReportDoc.parse(make());
      const wb = await readXlsx(await renderReport(doc, 'xlsx'));
      const csv = csvBlocks(await renderReport(doc, 'csv'));
      const tables = doc.sections.filter((s): s is TableSection => s.kind === 'table');
      const figures = doc.sections.filter((s) => s.kind === 'figures');

      const names = wb.worksheets.map((ws) => ws.name);
      expect(names[0]).toBe('Overzicht');
      expect(names).toHaveLength(1 + tables.length);
      for (const n of names) {
        expect(n.length).toBeLessThanOrEqual(31);
        expect(n).not.toMatch(/[[\]:*?/\\]/);
      }
      expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);

      // The CSV: the header block, the figures blocks, then the table blocks.
      expect(csv).toHaveLength(1 + figures.length + tables.length);
      const unneutralised = (b: string[][]) => b.map((r) => trimEnd(r.map(restoreCsvText)));

      // Overzicht = the header block and the figures blocks, blank rows between them.
      const overview = sheetRecords(wb.worksheets[0]!);
      const expected = csv.slice(0, 1 + figures.length).flatMap((b, i) => [...(i ? [[]] : []), ...unneutralised(b)]);
      expect(overview).toEqual(expected);

      tables.forEach((s, i) => {
        const ws = wb.worksheets[i + 1]!;
        const block = csv[1 + figures.length + i]!;
        expect(block[0]![0]).toBe(s.title);
        // Header row: bold, frozen, with a filter over the table.
        expect(ws.getRow(1).font?.bold).toBe(true);
        expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
        expect(ws.autoFilter).toBeTruthy();
        expect(sheetRecords(ws, s.rows.length + 1)).toEqual(unneutralised(block.slice(1)));
        // Real types: numbers are numbers, dates are dates at UTC midnight of the same day, hidden is "< 5".
        s.columns.forEach((c, j) => {
          s.rows.forEach((r, k) => {
            const cell = ws.getRow(k + 2).getCell(j + 1);
            const v = r.cells[c.key] ?? null;
            if (r.hidden?.includes(c.key)) expect(cell.value).toBe('< 5');
            else if (v === null) expect(cell.value).toBeNull();
            else if (typeof v === 'number') {
              expect(typeof cell.value).toBe('number');
              expect(cell.value).toBeCloseTo(c.type === 'percent' ? v / 100 : v, 9);
            } else if (c.type === 'date') {
              expect(cell.value).toBeInstanceOf(Date);
              expect((cell.value as Date).toISOString()).toBe(`${v}T00:00:00.000Z`);
            } else expect(cell.value).toBe(v);
          });
        });
      });
    });
  }

  it('formula-like text stays plain text in the XLSX (a string cell, never a formula)', async () => {
    const wb = await readXlsx(await renderReport(mixedDoc(), 'xlsx'));
    const ws = wb.worksheets.find((w) => w.name.startsWith('Afwijzingen'))!;
    const cell = ws.getRow(2).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(FORMULA_TEXT);
    const formulas: string[] = [];
    for (const w of wb.worksheets) w.eachRow((row) => row.eachCell((c) => c.type === ExcelJS.ValueType.Formula && formulas.push(c.address)));
    expect(formulas).toEqual([]);
  });

  it('sheet names: too long, forbidden characters, the same title twice, and "Overzicht" itself', async () => {
    const doc = agendaDoc();
    const table = doc.sections[0] as TableSection;
    doc.sections = [
      { ...table, key: 'a', title: 'Overzicht' },
      { ...table, key: 'b', title: 'Voorstellen: een heel lange titel [met haken] en / streep' },
      { ...table, key: 'c', title: 'Voorstellen: een heel lange titel [met haken] en / streep' },
      { ...table, key: 'd', title: "'''" },
    ];
    const wb = await readXlsx(await renderReport(doc, 'xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Overzicht',
      'Overzicht (2)',
      'Voorstellen een heel lange tite', // 31 characters
      'Voorstellen een heel lange (2)',
      'Tabel 4',
    ]);
  });
});

describe('CSV', () => {
  it('BOM, ";" between fields, CRLF, one block per section, plain Dutch values, formulas neutralised', async () => {
    const bytes = await renderReport(mixedDoc(), 'csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    // Every line break is CRLF, except the one inside a quoted note.
    expect(text.replace(/\r\n/g, '').match(/\n/g)).toHaveLength(1);
    expect(text).toContain('"Leefbaarheid: te veel plaatsingen in de buurt; verhuur aan een ander\nnieuwe regel"');

    const blocks = csvBlocks(bytes);
    expect(blocks.map((b) => b[0]![0])).toEqual([
      'Regionale monitor uitstroom',
      'Totalen',
      'Uitstroom per gemeente: afspraak en realisatie [2026]',
      'Afwijzingen: reden en toelichting',
      'Omklapdatums in het komende jaar',
    ]);
    expect(blocks[0]).toContainEqual(['Periode van', '01-01-2026']);
    expect(blocks[0]).toContainEqual(['Kleine aantallen', 'Aantallen onder 5 zijn verborgen (< 5).']);
    expect(blocks[0]).toContainEqual(['Gemaakt op', '04-12-2026 11:00']);
    expect(blocks[1]![0]).toEqual(['Totalen', 'Over de hele periode.']);
    expect(blocks[1]).toContainEqual(['Binnen 3 maanden', '61,3']);
    const outflow = blocks[2]!;
    expect(outflow[1]).toEqual(['Gemeente', 'Afspraak', 'Geplaatst', 'Mediane wachttijd', 'Saldo uitwisseling']);
    expect(outflow[2]).toEqual(['Almere', '250', '1234', '3,5', '-3']); // no thousands separator; a negative number is not prefixed
    expect(outflow[3]).toEqual(['Lelystad', '120', '56', '4,0', '12']);
    expect(outflow[4]).toEqual(['Dronten', '40', '< 5', '< 5', '0']);
    expect(outflow[5]).toEqual(['Noordoostpolder', '35', '0', '0,0', '-1234']);
    for (const b of blocks.slice(2)) for (const r of b.slice(2)) expect(r).toHaveLength(b[1]!.length);
    expect(blocks[4]).toHaveLength(2); // an empty section: its title and header

    // Formula injection: every text a spreadsheet would run starts with a quote; numbers never do.
    const formulaLike = (c: string) => /^[=+\-@\t\r]/.test(c) && !/^-\d+(,\d+)?$/.test(c);
    expect(blocks.flat(2).filter(formulaLike)).toEqual([]);
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(text).toContain(`"'+31 6 1234 — café ""De Kroeg""; ruzie"`);
    expect(text).toContain(`"'-2+3"`);
    expect(text).toContain(`"'@Woonzorg"`);
    const declines = blocks[3]!;
    expect(declines.slice(2).map((r) => restoreCsvText(r[1]!))).toEqual([
      FORMULA_TEXT,
      '+31 6 1234 — café "De Kroeg"; ruzie',
      '-2+3',
      'Leefbaarheid: te veel plaatsingen in de buurt; verhuur aan een ander\nnieuwe regel',
    ]);
    expect(declines[2]).toEqual(['Woonstichting Één & Crème', `'${FORMULA_TEXT}`, '12', '04-12-2026']);
    expect(declines[5]![0]).toBe("'@Woonzorg");
  });

  it('money with two decimals, long texts as written', async () => {
    const blocks = csvBlocks(await renderReport(providerDoc(20), 'csv'));
    expect(blocks[1]).toContainEqual(['Gemiddelde huur', '1234,50', '']);
    expect(blocks[1]).toContainEqual(['Mediane wachttijd', '4,5', 'Van woonrijp tot sleuteloverdracht.']);
    const rows = blocks[2]!.slice(2);
    expect(rows).toHaveLength(20);
    for (const r of rows) expect(r[6]).toMatch(/^\d+,\d{2}$/);
    expect(rows.at(-1)![3]).toBe(LAST_ROW_TEXT);
  });
});

describe('file names', () => {
  it('readable, safe ASCII slugs', () => {
    expect(reportFileName(providerDoc(1), 'pdf')).toBe('matchrapportage-de-windkering-2026-01-01-2026-12-31.pdf');
    expect(reportFileName(agendaDoc(), 'pdf')).toBe('agenda-ronde-3.pdf');
    expect(reportFileName({ ...agendaDoc(), report: 'minutes', title: 'Verslag ronde 3' }, 'csv')).toBe('verslag-ronde-3.csv');
    expect(reportFileName(mixedDoc(), 'xlsx')).toBe('monitor-2026-01-01-2026-12-31.xlsx');
    expect(reportFileName({ ...mixedDoc(), period: null }, 'xlsx')).toBe('monitor-2026-12-04.xlsx');
    const hostile = { ...providerDoc(1), report: 'corporation' as const, subject: 'Woningcorporatie ../../etc/passwd Één & Crème; rm -rf' };
    expect(reportFileName(hostile, 'csv')).toBe('corporatierapportage-etc-passwd-een-creme-rm-rf-2026-01-01-2026-12-31.csv');
    for (const d of [providerDoc(1), agendaDoc(), mixedDoc(), hostile]) expect(reportFileName(d, 'pdf')).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.pdf$/);
  });
});

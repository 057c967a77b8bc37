// CSV formula injection and lossless CSV: names and notes a spreadsheet would run as formulas are
// exported with a leading ' (OWASP) and read back unchanged; ';', '"' and line breaks in a note, and a
// ';' in a place note, survive export then import; numbers (a floor of -1) are never prefixed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { readTable, writeCsv } from '../../electron/backend/import/table-io';
import type { ImportKind } from '../../shared/api/import.contract';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { miniDataset } from '../fixtures/mini-dataset';
import { call, importDataset, memoryBackend } from './helpers';
import { csvRecords } from './csv-reader';

/** A cell a spreadsheet would run as a formula: = + - @ TAB or CR first, and not simply a number (-1, -2,50). */
const formulaLike = (c: string) => /^[=+\-@\t\r]/.test(c) && !/^-\d+(,\d+)?$/.test(c);

const DANGEROUS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '@SUM(1)', '-2+3', "'=al met een aanhalingsteken"];
const NOTE = 'Eerste regel; tweede deel met "aanhalingstekens"\nen een tweede regel; =1+1 midden in de tekst';
const PLACE_NOTE = 'moeder; en tante \\ oom';

/** The mini dataset with formula-like names and notes, and a unit on floor -1. */
function hostile(): Dataset {
  const d = miniDataset();
  const [k1, k2, k3] = d.clients;
  if (!k1 || !k2 || !k3) throw new Error('mini dataset changed');
  k1.name = DANGEROUS[0]!;
  k1.notes = DANGEROUS[1]!;
  k1.networkPlaces = [{ kind: 'family', municipalityCode: 'GM0995', neighbourhoodCode: 'BU09950101', note: PLACE_NOTE }];
  k2.name = DANGEROUS[2]!;
  k2.notes = NOTE;
  k3.name = DANGEROUS[3]!;
  k3.notes = DANGEROUS[4]!;
  const w1 = d.units[0];
  if (!w1) throw new Error('mini dataset changed');
  w1.floor = -1;
  w1.notes = '=1+1';
  w1.complex = '@Complex';
  return d;
}

async function exportCsv(b: Backend, kind: ImportKind): Promise<Buffer> {
  const out = await call(b, 'export.list', { kind, format: 'csv' });
  return Buffer.from(out.contentBase64, 'base64');
}

let b: Backend;
beforeEach(async () => {
  b = await memoryBackend();
  await importDataset(b, hostile());
});
afterEach(() => b.close());

describe('CSV export against formula injection', () => {
  it('no exported cell but a number starts with = + - @ TAB or CR; formula-like texts are quoted with a leading quote', async () => {
    for (const kind of ['clients', 'units'] as const) {
      const text = (await exportCsv(b, kind)).toString('utf8').replace(/^\uFEFF/, '');
      const cells = csvRecords(text).flat();
      expect(cells.filter(formulaLike)).toEqual([]);
      if (kind === 'clients') {
        expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
        expect(text).toContain(`"'+cmd|' /C calc'!A0"`);
        expect(text).toContain(`"'@SUM(1)"`);
        expect(text).toContain(`"'-2+3"`);
        expect(text).toContain(`"''=al met een aanhalingsteken"`);
        // A ';' in a place note is escaped inside the list cell, not turned into ','.
        expect(text).toContain('familie:GM0995:BU09950101:moeder\\; en tante \\\\ oom');
      } else {
        // Numbers are never prefixed: the floor stays -1.
        const [head, w1] = csvRecords(text);
        expect(w1?.[head!.indexOf('Verdieping')]).toBe('-1');
        expect(text).toContain(`"'=1+1"`);
      }
    }
  });

  it('export then import gives identical values: every row unchanged, and a fresh database gets the same texts', async () => {
    const clients = await exportCsv(b, 'clients');
    const units = await exportCsv(b, 'units');
    const again = await call(b, 'import.preview', { kind: 'clients', fileName: 'k.csv', contentBase64: clients.toString('base64') });
    expect(again.problems).toEqual([]);
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 3, error: 0 });
    const againUnits = await call(b, 'import.preview', { kind: 'units', fileName: 'w.csv', contentBase64: units.toString('base64') });
    expect(againUnits.problems).toEqual([]);
    expect(againUnits.counts.changed).toBe(0);

    // Into a database that holds the plain mini dataset: the hostile texts arrive exactly.
    const fresh = await memoryBackend();
    try {
      await importDataset(fresh, miniDataset());
      const r = await call(fresh, 'import.commit', { kind: 'clients', fileName: 'k.csv', contentBase64: clients.toString('base64') });
      expect(r.counts.changed).toBe(3);
      await call(fresh, 'import.commit', { kind: 'units', fileName: 'w.csv', contentBase64: units.toString('base64') });
      const k1 = (await call(fresh, 'clients.get', { id: 'K-1' })).client;
      const k2 = (await call(fresh, 'clients.get', { id: 'K-2' })).client;
      const k3 = (await call(fresh, 'clients.get', { id: 'K-3' })).client;
      expect([k1.name, k1.notes, k2.name, k2.notes, k3.name, k3.notes]).toEqual([DANGEROUS[0], DANGEROUS[1], DANGEROUS[2], NOTE, DANGEROUS[3], DANGEROUS[4]]);
      expect(k1.networkPlaces.map((p) => p.note)).toEqual([PLACE_NOTE]);
      const w1 = await call(fresh, 'units.get', { id: 'W-1' });
      expect([w1.floor, w1.notes, w1.complex]).toEqual([-1, '=1+1', '@Complex']);
    } finally {
      await fresh.close();
    }
  });

  it('tab- and CR-led texts are neutralised too and read back as written; only the added quote is taken off', async () => {
    const texts = ['\tTAB voorop', '\rCR voorop', '=1', "'=1", "''@x", "'gewoon", 'a;b', ' spatie ', 'regel\r\nregel'];
    const bytes = writeCsv(['Code', 'Tekst', 'Getal'], [
      ...texts.map((t, i) => [{ t: 'text' as const, v: `K-${i}` }, { t: 'text' as const, v: t }, { t: 'int' as const, v: -2 }]),
    ]);
    const cells = csvRecords(bytes.toString('utf8').replace(/^\uFEFF/, '')).flat();
    expect(cells.filter(formulaLike)).toEqual([]);
    expect(cells.filter((c) => c === '-2')).toHaveLength(texts.length);
    const table = await readTable('t.csv', bytes);
    expect(table.rows.map((r) => r.cells[1])).toEqual(texts);
    expect(table.rows.map((r) => r.cells[2])).toEqual(texts.map(() => '-2'));
  });
});

// One complex (a corporation's building: corporation + complex text) in several neighbourhoods: the
// unit import (CSV and XLSX, API and command line) and the whole-region file warn, naming the complex,
// the corporation and the neighbourhoods by name and the rows or units; they do not refuse.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { runCli } from '../../electron/backend/cli/cli';
import type { MethodInput } from '../../shared/api/contract';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { checkDataset, formatProblems } from '../../shared/dataset/validate';
import { warningTitle } from '../../renderer/src/features/import/import-errors.util';
import { miniDataset } from '../fixtures/mini-dataset';
import { AS_CHAIR, useTestPassphrase } from './cli-login';
import { call, importDataset, memoryBackend, rowCount } from './helpers';

/** The mini region with a second corporation, so the same complex text can belong to two of them. */
function region(): Dataset {
  const d = miniDataset();
  d.corporations.push({ id: 'corp-b', name: 'Woonstichting B' });
  return d;
}

const HEAD = ['Code', 'Corporatie', 'Gemeente', 'Buurt', 'Complex', 'Soort', 'Kamers', 'Huur', 'Beschikbaar vanaf', 'Contractvormen'];
const line = (code: string, corp: string, gm: string, buurt: string, complex: string) =>
  [code, corp, gm, buurt, complex, 'Kanswoning', '2', '600,00', '01-02-2027', 'regulier'].join(';');
const csv = (...lines: string[]) => [HEAD.join(';'), ...lines].join('\n');
const file = (fileName: string, content: string | Buffer): MethodInput<'import.preview'> => ({
  kind: 'units',
  fileName,
  contentBase64: (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64'),
});
const TAIL =
  'Een complex is één gebouw van één corporatie: het plafond per complex telt deze woningen samen. ' +
  'Controleer de buurt, of geef gebouwen die niet bij elkaar horen elk een eigen complexnaam.';

describe('unit import: a complex in several neighbourhoods is a warning', () => {
  let b: Backend;
  beforeEach(async () => {
    b = await memoryBackend();
    await importDataset(b, region());
  });
  afterEach(() => b.close());

  it('names complex, corporation, neighbourhoods and rows (and the stored unit), and the import still goes through', async () => {
    // W-1 (stored, not in the file) is Complex 1 of Corporatie A in Stad Centrum.
    const input = file(
      'woningen.csv',
      csv(
        line('W-10', 'corp-a', 'GM0034', 'BU00340202', 'Complex 1'),
        line('W-11', 'corp-a', 'GM0034', 'BU00340101', 'Complex 1'),
        line('W-12', 'corp-a', 'GM0034', 'BU00340202', 'Complex 1'),
        line('W-13', 'corp-a', 'GM0034', 'BU00340202', 'Complex 2'),
      ),
    );
    const p = await call(b, 'import.preview', input);
    expect(p.problems).toEqual([]);
    expect(p.counts).toEqual({ new: 4, changed: 0, unchanged: 0, error: 0 });
    expect(p.warnings).toEqual([
      {
        row: 2,
        column: 'Complex',
        code: null,
        message: `Complex 'Complex 1' van Corporatie A ligt in meer dan één buurt — Haven: rijen 2 en 4; Stad Centrum: rij 3 en woning W-1 (in het register). ${TAIL}`,
      },
    ]);
    // A warning does not refuse: every row is written.
    const r = await call(b, 'import.commit', input);
    expect(r.written).toBe(4);
    expect(await rowCount(b, 'units')).toBe(6);
  });

  it('the key is corporation + complex text: the same text of another corporation elsewhere is another building', async () => {
    const p = await call(b, 'import.preview', file('woningen.csv', csv(line('W-10', 'corp-b', 'GM0995', 'BU09950101', 'Complex 1'))));
    expect(p.problems).toEqual([]);
    expect(p.warnings).toEqual([]);
    // The same row under corporation A lies in another neighbourhood than A's Complex 1 (W-1).
    const q = await call(b, 'import.preview', file('woningen.csv', csv(line('W-10', 'corp-a', 'GM0995', 'BU09950101', 'Complex 1'))));
    expect(q.warnings.map((w) => w.message)).toEqual([
      // Two municipalities: each neighbourhood with its municipality.
      `Complex 'Complex 1' van Corporatie A ligt in meer dan één buurt — Atolwijk (Lelystad): rij 2; Stad Centrum (Almere): woning W-1 (in het register). ${TAIL}`,
    ]);
  });

  it('an XLSX with a unit without a neighbourhood, and a file that moves the stored unit along', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Woningen');
    ws.addRow(HEAD);
    ws.addRow(['W-1', 'corp-a', 'GM0034', 'BU00340202', 'Complex 1', 'Contingentwoning', 2, 612.35, new Date(Date.UTC(2026, 11, 1)), 'regulier']);
    ws.addRow(['W-20', 'Corporatie A', 'GM0034', '', 'Complex 1', 'Kanswoning', 1, 500, new Date(Date.UTC(2027, 0, 1)), 'regulier']);
    const p = await call(b, 'import.preview', file('woningen.xlsx', Buffer.from(await wb.xlsx.writeBuffer())));
    expect(p.problems).toEqual([]);
    // W-1 is in the file now, in Haven: the file's row counts, not the stored neighbourhood.
    expect(p.warnings).toEqual([
      {
        row: 2,
        column: 'Complex',
        code: null,
        message: `Complex 'Complex 1' van Corporatie A ligt in meer dan één buurt — Haven: rij 2; zonder buurt: rij 3. ${TAIL}`,
      },
    ]);
    // Both rows in one neighbourhood: nothing to say.
    ws.getCell('D3').value = 'BU00340202';
    const q = await call(b, 'import.preview', file('woningen.xlsx', Buffer.from(await wb.xlsx.writeBuffer())));
    expect(q.problems).toEqual([]);
    expect(q.warnings).toEqual([]);
  });

  it('a row with an error is left out of the check; the other rows are still checked', async () => {
    const bad = line('W-11', 'corp-a', 'GM0034', 'BU00340202', 'Complex 1').replace('600,00', 'abc');
    const p = await call(b, 'import.preview', file('woningen.csv', csv(line('W-10', 'corp-a', 'GM0034', 'BU00340202', 'Complex 1'), bad)));
    expect(p.problems.map((x) => `rij ${x.row}, kolom ${x.column}`)).toEqual(['rij 3, kolom Huur']);
    expect(p.warnings.map((w) => w.message)).toEqual([
      `Complex 'Complex 1' van Corporatie A ligt in meer dan één buurt — Haven: rij 2; Stad Centrum: woning W-1 (in het register). ${TAIL}`,
    ]);
  });

  it('lists at most ten rows per neighbourhood', async () => {
    const lines = Array.from({ length: 13 }, (_, i) => line(`W-${100 + i}`, 'corp-a', 'GM0034', 'BU00340202', 'Complex 1'));
    const p = await call(b, 'import.preview', file('woningen.csv', csv(...lines)));
    expect(p.warnings.map((w) => w.message)).toEqual([
      `Complex 'Complex 1' van Corporatie A ligt in meer dan één buurt — Haven: rijen 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 en nog 3; Stad Centrum: woning W-1 (in het register). ${TAIL}`,
    ]);
  });
});

describe('whole-region file: a complex in several neighbourhoods is a warning', () => {
  /** Region with W-1 and a new W-3 of corporation A's Complex 1, in Stad Centrum and Haven. */
  const spread = (): Dataset => {
    const d = region();
    d.units.push({ ...d.units[0]!, id: 'W-3', neighbourhoodCode: 'BU00340202' });
    return d;
  };

  it('checkDataset accepts the file and warns on the complex, naming every unit by its place', () => {
    const check = checkDataset(spread(), '2026-11-27');
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(formatProblems(check.warnings, 'regio.json')).toBe(
      `regio.json: units[0] (W-1).complex: Complex 'Complex 1' van Corporatie A ligt in meer dan één buurt — Stad Centrum: units[0] (W-1); Haven: units[2] (W-3). ${TAIL}`,
    );
    // Corporation B's building with the same text elsewhere is another complex: no warning.
    const d = region();
    d.units.push({ ...d.units[0]!, id: 'W-3', corporationId: 'corp-b', neighbourhoodCode: 'BU00340202' });
    const other = checkDataset(d, '2026-11-27');
    expect(other.ok && other.warnings).toEqual([]);
  });

  describe('command line', () => {
    useTestPassphrase();
    let dir: string;
    let out: string[];
    let err: string[];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    const p = (name: string) => join(dir, name);
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ut-complex-'));
      out = [];
      err = [];
      expect(await runCli(['init', ...AS_CHAIR, '--db', p('r.sqlite')], io)).toBe(0);
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('import --dataset prints the warning with the file name and imports', async () => {
      writeFileSync(p('regio.json'), JSON.stringify(spread()));
      expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--dataset', p('regio.json')], io)).toBe(0);
      expect(err).toEqual([
        `regio.json: units[0] (W-1).complex: waarschuwing: Complex 'Complex 1' van Corporatie A ligt in meer dan één buurt — Stad Centrum: units[0] (W-1); Haven: units[2] (W-3). ${TAIL}`,
      ]);
      expect(out.join('\n')).toContain('Geïmporteerd uit');
    });

    it('import --units prints the warning with file, row and column, and imports', async () => {
      writeFileSync(p('in.json'), JSON.stringify(region()));
      expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--dataset', p('in.json')], io)).toBe(0);
      expect(err).toEqual([]);
      writeFileSync(p('w.csv'), csv(line('W-10', 'corp-a', 'GM0034', 'BU00340101', 'Complex 1'), line('W-11', 'corp-a', 'GM0034', 'BU00340202', 'Complex 1')));
      expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--units', p('w.csv')], io)).toBe(0);
      expect(err).toEqual([
        `w.csv rij 2, kolom Complex: waarschuwing: Complex 'Complex 1' van Corporatie A ligt in meer dan één buurt — Stad Centrum: rij 2 en woning W-1 (in het register); Haven: rij 3. ${TAIL}`,
      ]);
      expect(out.join('\n')).toContain('(woningen): 2 nieuw, 0 gewijzigd, 0 ongewijzigd.');
    });
  });
});

describe('the shipped files have no such complex', () => {
  it('the demo region and the documented example are clean', () => {
    const demo = checkDataset(JSON.parse(readFileSync(fileURLToPath(new URL('../../resources/demo/flevoland.json', import.meta.url)), 'utf8')));
    expect(demo.ok && demo.warnings).toEqual([]);
    const doc = readFileSync(fileURLToPath(new URL('../../docs/dataset-format.md', import.meta.url)), 'utf8');
    const example = checkDataset(JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)![1]!));
    expect(example.ok && example.warnings).toEqual([]);
  });
});

describe('the preview alert title', () => {
  it('counts warnings in the right plural and names the file', () => {
    const w = { row: 2, column: 'Complex', message: 'x' };
    expect(warningTitle([w], 'woningen.csv')).toBe('1 waarschuwing in woningen.csv: u kunt wel importeren');
    expect(warningTitle([w, w], 'woningen.xlsx')).toBe('2 waarschuwingen in woningen.xlsx: u kunt wel importeren');
  });
});

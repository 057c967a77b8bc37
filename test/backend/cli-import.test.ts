// The command line's client and unit import: counts on success, every error with file, row, column
// and reason on stderr, exit 1 and an untouched database on failure; a partial file as a real process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/backend/cli/cli';
import { sourceRoot } from '../../electron/backend/paths';
import { AS_CHAIR, WITHOUT_LOGINS, cliProcess, openWithKey, testKey, useTestPassphrase } from './cli-login';
import { miniDataset } from '../fixtures/mini-dataset';

// The CLI logs in as --user voorzitter with the passphrase from the environment (this process and its children).
useTestPassphrase();

let dir: string;
let key: Buffer;
let out: string[];
let err: string[];
const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
const p = (name: string) => join(dir, name);
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ut-cli-import-'));
  out = [];
  err = [];
  writeFileSync(p('in.json'), JSON.stringify(miniDataset()));
  expect(await runCli(['init', ...AS_CHAIR, '--db', p('r.sqlite')], io)).toBe(0);
  expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--dataset', p('in.json')], io)).toBe(0);
  key = await testKey(p('r.sqlite'));
  out = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const HEAD = 'Code;Corporatie;Gemeente;Buurt;Soort;Kamers;Huur;Beschikbaar vanaf;Contractvormen';
const unitLine = (code: string, rent = '600,00', gm = 'GM0034') => `${code};corp-a;${gm};;Kanswoning;2;${rent};01-02-2027;regulier`;
const count = (table: string) => {
  const db = openWithKey(p('r.sqlite'), key, { readonly: true });
  const n = (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  db.close();
  return n;
};

/** Every row of the tables an import could touch, and the audit log (but the command's own login). */
const snapshot = () => {
  const db = openWithKey(p('r.sqlite'), key, { readonly: true });
  const all = Object.fromEntries(['units', 'clients', 'client_places', 'client_readiness'].map((t) => [t, db.prepare(`select * from ${t}`).all()]));
  all.audit_log = db.prepare(WITHOUT_LOGINS).all();
  db.close();
  return all;
};

describe('cli import --clients / --units', () => {
  it('imports a unit CSV, prints the counts, and a second run changes nothing', async () => {
    writeFileSync(p('w.csv'), [HEAD, unitLine('W-10'), unitLine('W-11'), unitLine('W-1', '612,35', 'GM0034')].join('\n'));
    expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--units', p('w.csv')], io)).toBe(0);
    expect(out.join('\n')).toContain('(woningen): 2 nieuw, 1 gewijzigd, 0 ongewijzigd.');
    expect(count('units')).toBe(4);
    out = [];
    expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--units', p('w.csv')], io)).toBe(0);
    expect(out.join('\n')).toContain('0 nieuw, 0 gewijzigd, 3 ongewijzigd. Er is niets veranderd.');
    expect(err).toEqual([]);
  });

  it('prints every error as "file row, column: reason", exits 1 and writes nothing', async () => {
    writeFileSync(p('w.csv'), [HEAD, unitLine('W-10'), unitLine('W-11', 'abc'), unitLine('W-12', '-3', 'GM9999'), unitLine('W-10')].join('\n'));
    const before = snapshot();
    expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--units', p('w.csv')], io)).toBe(1);
    expect(err).toEqual([
      "w.csv rij 3, kolom Huur: 'abc' is geen bedrag",
      'w.csv rij 4, kolom Gemeente: gemeentecode GM9999 is onbekend in deze regio',
      "w.csv rij 4, kolom Huur: '-3': een bedrag mag niet negatief zijn",
      'w.csv rij 5, kolom Code: code W-10 staat ook al in rij 2; elke code mag maar één keer voorkomen',
      '4 fouten in w.csv; er is niets opgeslagen.',
    ]);
    expect(snapshot()).toEqual(before);
    expect(count('units')).toBe(2);
  });

  it('imports clients from XLSX and names a bad header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kandidaten');
    ws.addRow(['Code', 'Doelgroep', 'Geboortedatum', 'Zorgaanbieder', 'Gemeente van herkomst', 'Verblijft in', 'Inkomensbron', 'Netto inkomen', 'Schulden']);
    ws.addRow(['K-20', 'VO', new Date(Date.UTC(1988, 2, 3)), 'prov-a', 'GM0995', 'GM0034', 'Werk', 1800, 'Met regeling']);
    writeFileSync(p('k.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--clients', p('k.xlsx')], io)).toBe(0);
    expect(out.join('\n')).toContain('(kandidaten): 1 nieuw, 0 gewijzigd, 0 ongewijzigd.');
    expect(count('clients')).toBe(4);

    ws.getCell('B1').value = 'Groep';
    writeFileSync(p('k2.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--clients', p('k2.xlsx')], io)).toBe(1);
    expect(err).toEqual([
      "k2.xlsx rij 1, kolom Groep: onbekende kolom 'Groep'; gebruik de kolomkoppen uit het sjabloon",
      '1 fout in k2.xlsx; er is niets opgeslagen.',
    ]);
  });

  it('a partial file (Code and Huur) as its own process: rents only, and a new code without the other columns is refused', async () => {
    const rent = () => {
      const db = openWithKey(p('r.sqlite'), key, { readonly: true });
      const rows = db.prepare('select * from units order by id').all() as Record<string, unknown>[];
      db.close();
      return rows;
    };
    const before = rent();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Woningen');
    ws.addRow(['Code', 'Huur']);
    ws.addRow(['W-1', 633.4]);
    ws.addRow(['W-2', '455,10']);
    writeFileSync(p('huren.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    const ok = await cliProcess(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--units', p('huren.xlsx')]);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('(woningen): 0 nieuw, 1 gewijzigd, 1 ongewijzigd.');
    expect(ok.code).toBe(0);
    const after = rent();
    expect(after.map((u) => u.rent_cents)).toEqual([63340, 45510]);
    const rest = (rows: Record<string, unknown>[]) => rows.map(({ rent_cents: _r, version: _v, updated_at: _a, updated_by: _b, ...o }) => o);
    expect(rest(after)).toEqual(rest(before));

    const lines = ['Code;Huur', 'W-1;640,00', 'W-2;460,00', 'W-1.1;500', 'W-1.2;500', 'W-1.3;500', 'W-0999;510'];
    writeFileSync(p('huren.csv'), lines.join('\n'));
    const bad = await cliProcess(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--units', p('huren.csv')]);
    const without = "nieuwe woning zonder 'Corporatie', 'Gemeente', 'Soort', 'Kamers', 'Beschikbaar vanaf' en 'Contractvormen'";
    expect(bad.stderr.trim().split('\n')).toEqual([
      `huren.csv rij 4 (W-1.1): ${without}`,
      `huren.csv rij 5 (W-1.2): ${without}`,
      `huren.csv rij 6 (W-1.3): ${without}`,
      `huren.csv rij 7 (W-0999): ${without}`,
      '4 fouten in huren.csv; er is niets opgeslagen.',
    ]);
    expect(bad.code).toBe(1);
    expect(rent()).toEqual(after);
    // Two processes that each start tsx and derive a key: minutes on a loaded machine, not seconds.
  }, 180_000);

  it('refuses usage mistakes and missing files', async () => {
    expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--units', p('w.csv'), '--clients', p('k.csv')], io)).toBe(2);
    expect(err.join('\n')).toContain('Geef één van --dataset, --clients of --units per aanroep');
    err = [];
    expect(await runCli(['import', ...AS_CHAIR, '--db', p('r.sqlite'), '--units', p('nope.csv')], io)).toBe(1);
    expect(err.join('\n')).toContain('nope.csv bestaat niet.');
  });
});

// E2E in Chromium: Importeren's CSV template with an unknown municipality (row, column, nothing written),
// the fixed file imported and found in Kandidaten; the Excel template and the list export; a partial
// file (Code and Huur) that changes rents only. axe-core checks every step shown.
// Screenshots: test-results/screenshots/import-*.png.
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../backend/csv-reader';
import { SHOTS, type WebApp, launchChromium, login, startWebApp, seriousA11yViolations } from './browser';

let app: WebApp;
let browser: Browser;
let page: Page;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ut-e2e-import-'));
  app = await startWebApp();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  await login(page, app);
  await page.getByTestId('region-name').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** Clicks a button that downloads, and returns the file's name and bytes. */
async function download(testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

async function clientCount(): Promise<number> {
  await page.goto(`${app.origin}/#/kandidaten`);
  const text = page.getByTestId('client-count');
  await expect.poll(async () => /\d+ kandidaten/.test((await text.textContent()) ?? '')).toBe(true);
  return Number.parseInt((await text.textContent()) ?? '', 10);
}

describe('import in the browser', () => {
  let headers: string[] = [];
  let before = 0;

  it('offers the templates for the chosen kind', async () => {
    before = await clientCount();
    await page.goto(`${app.origin}/#/importeren?soort=kandidaten`);
    await page.getByTestId('import-page').waitFor();
    const csv = await download('import-template-csv');
    expect(csv.name).toBe('sjabloon-kandidaten.csv');
    headers = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split(';');
    expect(headers.slice(0, 3)).toEqual(['Code', 'Naam', 'Doelgroep']);
    expect(headers).toContain('Voorwaarde: Terugval-/crisisplan');
    const xlsx = await download('import-template-xlsx');
    expect(xlsx.name).toBe('sjabloon-kandidaten.xlsx');
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await shot('import-01-page');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  const row = (code: string, origin: string, extra: Record<string, string> = {}) => {
    const v: Record<string, string> = {
      Code: code,
      Naam: '',
      Doelgroep: 'BW',
      Geboortedatum: '12-03-1994',
      Zorgaanbieder: 'prov-dijkzicht',
      'Gemeente van herkomst': origin,
      'Verblijft in': 'GM0034',
      Netwerk: 'familie:GM0995',
      Inkomensbron: 'Uitkering',
      'Netto inkomen': '1180,00',
      Schulden: 'Met regeling',
      Behoeften: 'Begane grond',
      'Woonrijp sinds': '01-10-2026',
      'Voorwaarde: Terugval-/crisisplan': 'ja',
      ...extra,
    };
    return headers.map((h) => v[h] ?? '').join(';');
  };
  const writeCsv = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `\uFEFF${[headers.join(';'), ...lines].join('\r\n')}\r\n`);
    return path;
  };

  it('refuses a file over the size limit at once, without sending it', async () => {
    const big = join(dir, 'te-groot.xlsx');
    // A sparse file: 40 MB by its size, nothing written to disk.
    writeFileSync(big, '');
    truncateSync(big, 40 * 1024 * 1024);
    const sent: string[] = [];
    const onRequest = (r: { url(): string }) => void (r.url().includes('/api/import.') && sent.push(r.url()));
    page.on('request', onRequest);
    await page.getByTestId('import-file').setInputFiles(big);
    await expect
      .poll(() => page.getByTestId('api-error').textContent(), { timeout: 30_000 })
      .toContain('Bestand te-groot.xlsx is geen geldig of te groot spreadsheet: het is 40 MB (hoogstens 36 MB).');
    expect(await page.getByTestId('import-row-2').count()).toBe(0);
    page.off('request', onRequest);
    expect(sent).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows an unknown municipality code with row and column, and writes nothing', async () => {
    const bad = writeCsv('kandidaten-fout.csv', [row('E2E-IMP-1', 'GM0995'), row('E2E-IMP-2', 'GM9999')]);
    await page.getByTestId('import-file').setInputFiles(bad);
    const problems = page.getByTestId('import-problem');
    // A preview reads the file in a worker thread: generous on a busy machine (the first one starts it).
    await expect.poll(() => problems.count(), { timeout: 30_000 }).toBe(1);
    expect(await problems.first().locator('td').allTextContents()).toEqual([
      '3',
      'Gemeente van herkomst',
      'gemeentecode GM9999 is onbekend in deze regio',
    ]);
    expect(await page.getByTestId('import-row-2').getAttribute('data-status')).toBe('new');
    expect(await page.getByTestId('import-row-3').getAttribute('data-status')).toBe('error');
    expect(await page.getByTestId('import-count-error').textContent()).toBe('1 fout');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await shot('import-02-error');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await clientCount()).toBe(before);
  });

  it('two errors in one row: the badge and the alert both say "2 fouten"', async () => {
    await page.goto(`${app.origin}/#/importeren?soort=kandidaten`);
    const bad = writeCsv('kandidaten-twee-fouten.csv', [row('E2E-IMP-1', 'GM0995'), row('E2E-IMP-2', 'GM9999', { 'Netto inkomen': 'veel' })]);
    await page.getByTestId('import-file').setInputFiles(bad);
    await expect.poll(() => page.getByTestId('import-problem').count(), { timeout: 30_000 }).toBe(2);
    // It read "1 fout" (rows with an error) next to "2 fouten" (the errors).
    expect(await page.getByTestId('import-count-error').textContent()).toBe('2 fouten');
    expect(await page.getByTestId('import-errors').textContent()).toContain('2 fouten in 1 rij: er wordt niets geïmporteerd');
    await shot('import-02b-twee-fouten');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await clientCount()).toBe(before);
  });

  it('imports the corrected file and finds the new clients in the list', async () => {
    await page.goto(`${app.origin}/#/importeren?soort=kandidaten`);
    const good = writeCsv('kandidaten.csv', [row('E2E-IMP-1', 'GM0995'), row('E2E-IMP-2', 'GM0050')]);
    await page.getByTestId('import-file').setInputFiles(good);
    await expect.poll(() => page.getByTestId('import-count-new').textContent(), { timeout: 30_000 }).toBe('2 nieuw');
    expect(await page.getByTestId('import-problem').count()).toBe(0);
    expect(await page.getByTestId('import-commit').isEnabled()).toBe(true);
    await shot('import-03-preview');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('import-commit').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('kandidaten.csv: 2 nieuw, 0 gewijzigd, 0 ongewijzigd.');
    await shot('import-04-result');
    expect(await seriousA11yViolations(page)).toEqual([]);

    expect(await clientCount()).toBe(before + 2);
    await page.getByTestId('client-search').fill('E2E-IMP');
    const rows = page.locator('[data-testid^="client-row-"]');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('E2E-IMP-1');
    await shot('import-05-list');

    // The same file again: everything unchanged.
    await page.goto(`${app.origin}/#/importeren?soort=kandidaten`);
    await page.getByTestId('import-file').setInputFiles(good);
    await expect.poll(() => page.getByTestId('import-count-unchanged').textContent(), { timeout: 30_000 }).toBe('2 ongewijzigd');
  });

  it('exports the list in the import layout, and the whole region as JSON', async () => {
    await page.goto(`${app.origin}/#/kandidaten`);
    await page.getByTestId('client-search').fill('E2E-IMP');
    await expect.poll(() => page.locator('[data-testid^="client-row-"]').count(), { timeout: 30_000 }).toBe(2);
    await page.getByTestId('export-menu-clients').click();
    await page.getByTestId('export-csv-clients').waitFor({ state: 'visible' });
    await page.waitForTimeout(400); // the menu's fade-in
    await shot('import-06-export-menu');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const csv = await download('export-csv-clients');
    const lines = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe(headers.join(';'));
    expect(lines.slice(1).map((l) => l.split(';')[0])).toEqual(['E2E-IMP-1', 'E2E-IMP-2']);

    await page.goto(`${app.origin}/#/importeren?soort=woningen`);
    expect(await page.getByTestId('import-kind').textContent()).toContain('Woningen');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const units = await download('import-template-csv');
    expect(units.name).toBe('sjabloon-woningen.csv');
    const json = await download('export-dataset');
    expect(json.name).toMatch(/^regio-.*\.json$/);
    const dataset = JSON.parse(json.bytes.toString('utf8')) as { clients: { id: string }[] };
    expect(dataset.clients.filter((c) => c.id.startsWith('E2E-IMP'))).toHaveLength(2);
  });

  it('imports homes from the filled-in Excel template (its Toelichting sheet is ignored)', async () => {
    await page.goto(`${app.origin}/#/importeren?soort=woningen`);
    await page.getByTestId('import-page').waitFor();
    const template = await download('import-template-xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.bytes as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Woningen', 'Toelichting']);
    const ws = wb.worksheets[0]!;
    const cols = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const unit: Record<string, ExcelJS.CellValue> = {
      Code: 'E2E-W-1',
      Corporatie: 'corp-polderhuis',
      Gemeente: 'GM0995',
      Adres: 'Importlaan 1',
      Soort: 'Kanswoning',
      Kamers: 2,
      Huur: 598.4,
      'Beschikbaar vanaf': new Date(Date.UTC(2027, 0, 15)),
      Contractvormen: 'Regulier huurcontract',
    };
    ws.addRow(cols.map((c) => unit[c] ?? null));
    const path = join(dir, 'woningen.xlsx');
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    await page.getByTestId('import-file').setInputFiles(path);
    await expect.poll(() => page.getByTestId('import-count-new').textContent(), { timeout: 30_000 }).toBe('1 nieuw');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').waitFor();
    await page.goto(`${app.origin}/#/woningen`);
    await page.getByTestId('unit-search').fill('Importlaan');
    const rows = page.locator('[data-testid^="unit-row-"]');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('E2E-W-1');
  });

  it('a file with only Code and Huur changes the rents only; a new code in it is named with its row', async () => {
    /** The unit list as exported (the import layout): header and records. */
    const exportUnits = async () => {
      await page.goto(`${app.origin}/#/woningen`);
      await page.getByTestId('export-menu-units').click();
      await page.getByTestId('export-csv-units').waitFor({ state: 'visible' });
      const out = await download('export-csv-units');
      return csvRecords(out.bytes.toString('utf8').replace(/^\uFEFF/, '')).filter((r) => r.some((f) => f !== ''));
    };
    const before = await exportUnits();
    const head = before[0]!;
    const codeAt = head.indexOf('Code');
    const rentAt = head.indexOf('Huur');
    const [first, second] = [before[1]!, before[2]!];
    const newRent = (Number(first[rentAt]!.replace(',', '.')) + 12.5).toFixed(2);

    // A new code among them: refused, with the row and the code, nothing written.
    await page.goto(`${app.origin}/#/importeren?soort=woningen`);
    const withNew = join(dir, 'huren-met-nieuwe.csv');
    writeFileSync(withNew, `\uFEFFCode;Huur\r\n${first[codeAt]};${newRent.replace('.', ',')}\r\n${second[codeAt]};${second[rentAt]}\r\nE2E-W-NIEUW;500,00\r\n`);
    await page.getByTestId('import-file').setInputFiles(withNew);
    const problems = page.getByTestId('import-problem');
    await expect.poll(() => problems.count(), { timeout: 30_000 }).toBe(1);
    expect(await problems.first().locator('td').allTextContents()).toEqual([
      '4 (E2E-W-NIEUW)',
      '—',
      "nieuwe woning zonder 'Corporatie', 'Gemeente', 'Soort', 'Kamers', 'Beschikbaar vanaf' en 'Contractvormen'",
    ]);
    expect(await page.getByTestId('import-row-2').getAttribute('data-status')).toBe('changed');
    expect(await page.getByTestId('import-row-4').getAttribute('data-status')).toBe('error');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await shot('import-07-partial-new-code');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The same rents from Excel without the new code: one row changed in Huur only, one unchanged.
    await page.goto(`${app.origin}/#/importeren?soort=woningen`);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Woningen');
    ws.addRow(['Code', 'Huur']);
    ws.addRow([first[codeAt], Number(newRent)]);
    ws.addRow([second[codeAt], second[rentAt]]);
    const partial = join(dir, 'huren.xlsx');
    writeFileSync(partial, Buffer.from(await wb.xlsx.writeBuffer()));
    await page.getByTestId('import-file').setInputFiles(partial);
    // The page still shows the previous file's preview until this one is checked: wait for its name.
    await expect.poll(() => page.getByTestId('import-counts').textContent(), { timeout: 30_000 }).toContain('huren.xlsx:');
    expect(await page.getByTestId('import-count-changed').textContent()).toBe('1 gewijzigd');
    expect(await page.getByTestId('import-count-unchanged').textContent()).toBe('1 ongewijzigd');
    expect(await page.getByTestId('import-problem').count()).toBe(0);
    const row2 = page.getByTestId('import-row-2');
    expect(await row2.getAttribute('data-status')).toBe('changed');
    expect(await row2.locator('td').allTextContents()).toEqual(['2', first[codeAt], 'gewijzigd', 'Huur']);
    expect(await page.getByTestId('import-row-3').getAttribute('data-status')).toBe('unchanged');
    await shot('import-08-partial-preview');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('import-commit').click();
    await expect.poll(() => page.getByTestId('import-result').textContent(), { timeout: 30_000 }).toContain('huren.xlsx: 0 nieuw, 1 gewijzigd, 1 ongewijzigd.');

    // Every field of every home as it was, but that one rent.
    const after = await exportUnits();
    const expected = before.map((r) => (r === first ? r.map((f, i) => (i === rentAt ? newRent.replace('.', ',') : f)) : r));
    expect(after).toEqual(expected);
  });
});

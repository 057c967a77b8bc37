// The regional monitor in Chromium on the demo region with two closed rounds: the figures follow the
// filters (kept in the URL), a count opens the rows behind it (as many as the count), the Excel export
// downloads, and a provider worker sees "< 5" where the chair sees the exact number.
// Screenshots: test-results/screenshots/monitor-*.png; axe on the screen and in the open drawer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorFilters } from '../../shared/api/reports.contract';
import type { ReportDoc } from '../../shared/reports/report-doc';
import { type Account, SHOTS, type Session, type WebApp, apiCall, createUser, isoOfShownDate, login, logout, seriousA11yViolations, startSession } from './browser';
import { seedHistory } from './reports-seed';

/** Generous: the machine may be busy; a poll ends as soon as it holds. */
const POLL = { timeout: 60_000, interval: 250 };

let session: Session;
let app: WebApp;
let page: Page;
let worker: Account;

beforeAll(async () => {
  session = await startSession({ acceptDownloads: true });
  ({ app, page } = session);
  await seedHistory(app);
  worker = await createUser(app, {
    name: 'wendy',
    displayName: 'Wendy Windkering',
    role: 'provider',
    careProviderId: 'prov-windkering',
    passphrase: 'de windkering begeleidt goed',
  });
}, 300_000);
afterAll(async () => session?.stop());

const shot = async (name: string, fullPage = true) => {
  if (fullPage) await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SHOTS, `monitor-${name}.png`), fullPage });
};

/** The monitor document as the API gives it to `as` with these filters. */
const monitorDoc = (filters: MonitorFilters, as?: Account) => apiCall<ReportDoc>(app, 'monitor.report', { filters }, as);

/** The summary figures (key → value as the screen shows them, digits only). */
async function screenFigures(): Promise<Record<string, string>> {
  return page
    .locator('[data-testid="monitor-doc"] [data-testid^="figure-"]:not([data-testid^="figure-drill-"])')
    .evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-testid')!.replace('figure-', ''), (e.querySelector('button, p')?.textContent ?? '').trim()])),
    );
}

/** The period the screen asks for by default (the date inputs' values). */
async function screenPeriod(): Promise<{ from: string; to: string }> {
  // The fields show dd-mm-jjjj; the API takes jjjj-mm-dd.
  return {
    from: isoOfShownDate(await page.getByTestId('monitor-period-from').inputValue()),
    to: isoOfShownDate(await page.getByTestId('monitor-period-to').inputValue()),
  };
}

/** The first count cell of a drill section with 0 < value < threshold (small), or with the largest value. */
function findCell(doc: ReportDoc, small: boolean) {
  let best: { section: string; row: string; column: string; value: number } | null = null;
  for (const s of doc.sections) {
    if (s.kind !== 'table' || !s.drill) continue;
    for (const c of s.columns.filter((col) => col.type === 'count')) {
      for (const r of s.rows) {
        const v = r.cells[c.key];
        if (typeof v !== 'number' || v <= 0) continue;
        if (small ? v < (doc.smallNumbers?.threshold ?? 5) : !best || v > best.value) {
          if (small) return { section: s.key, row: r.key, column: c.key, value: v };
          best = { section: s.key, row: r.key, column: c.key, value: v };
        }
      }
    }
  }
  return best;
}

describe('the monitor', () => {
  it('shows the summary, every section as chart and table, for the last 12 months', async () => {
    await page.goto(`${app.origin}/#/rapportages/monitor`);
    await page.getByTestId('monitor-doc').waitFor(POLL);
    const doc = await monitorDoc(await screenPeriod());
    const tables = doc.sections.filter((s) => s.kind === 'table');
    expect(tables.length).toBeGreaterThan(3);
    for (const s of doc.sections) await page.getByTestId(`section-${s.key}`).waitFor(POLL);
    // Every section with a chart hint and rows has a chart with a name for screen readers (or says there is
    // nothing to draw), and its table.
    for (const s of tables) {
      if (!s.chart || s.rows.length === 0) continue;
      const drawn = s.rows.some((r) => s.chart!.series.some((k) => typeof r.cells[k] === 'number' && r.cells[k] !== 0));
      if (drawn) expect(await page.getByTestId(`chart-${s.key}`).locator('[role="img"]').getAttribute('aria-label')).toContain(s.title);
      else expect(await page.getByTestId(`chart-${s.key}-empty`).textContent()).toContain('Geen grafiek');
      expect(await page.getByTestId(`table-${s.key}`).count()).toBe(1);
    }
    // A contents list at the top leads to each section: the last one scrolls into view, its heading focused.
    expect(await page.getByTestId('report-contents').locator('button').count()).toBe(doc.sections.length);
    const last = doc.sections.at(-1)!;
    await page.getByTestId(`contents-${last.key}`).click();
    const focusedInView = `(() => { const el = document.getElementById('sectie-${last.key}'); const top = el.getBoundingClientRect().top; return el.contains(document.activeElement) && top >= 0 && top < window.innerHeight; })()`;
    await expect.poll(() => page.evaluate(focusedInView), POLL).toBe(true);
    await page.evaluate('window.scrollTo(0, 0)');
    // The chair sees exact numbers and is told that exports hide small ones.
    expect(await page.getByTestId('small-numbers-note').getAttribute('data-hidden')).toBe('false');
    await shot('01-overzicht');
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 180_000);

  it('follows the filters, which stay in the URL', async () => {
    const period = await screenPeriod();
    const all = await monitorDoc(period);
    const almere = await monitorDoc({ ...period, municipalityCodes: ['GM0034'] });
    const figures = (d: ReportDoc) => d.sections.flatMap((s) => (s.kind === 'figures' ? s.figures : []));
    // The filter must make a difference for the test to mean something.
    expect(JSON.stringify(figures(almere))).not.toBe(JSON.stringify(figures(all)));

    await page.getByTestId('monitor-filter-municipality').click();
    await page.getByRole('option', { name: 'Almere' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.url(), POLL).toContain('gemeente=GM0034');
    await expect.poll(() => page.getByTestId('report-filters').textContent(), POLL).toContain('Almere');
    const expected = Object.fromEntries(figures(almere).filter((f) => f.type === 'count').map((f) => [f.key, f.value]));
    await expect
      .poll(async () => {
        const shown = await screenFigures();
        // Compare the counts' digits: the screen writes 1.234 the Dutch way.
        return Object.entries(expected).every(([k, v]) => v === null || (shown[k] ?? '').replace(/\D/g, '') === String(v).replace(/\D/g, ''));
      }, POLL)
      .toBe(true);
    await shot('02-filter-almere');

    // A reload keeps the filter (it lives in the address).
    await page.reload();
    await page.getByTestId('monitor-doc').waitFor(POLL);
    await expect.poll(() => page.getByTestId('report-filters').textContent(), POLL).toContain('Almere');
    await page.getByTestId('monitor-filter-clear').click();
    await expect.poll(() => page.url(), POLL).not.toContain('gemeente=');
    // The figures for the whole region are back (the filtered ones stay shown until they arrive).
    await expect
      .poll(async () => ((await page.getByTestId('report-filters').count()) ? await page.getByTestId('report-filters').textContent() : ''), POLL)
      .not.toContain('Almere');
    await expect.poll(() => page.getByTestId('monitor-doc').locator('..').getAttribute('aria-busy'), POLL).toBe('false');
  }, 180_000);

  it('a count opens the rows behind it, as many as it counts', async () => {
    const doc = await monitorDoc(await screenPeriod());
    const cell = findCell(doc, false);
    expect(cell).not.toBeNull();
    const button = page.locator(`[data-testid="section-${cell!.section}"] [data-testid="drill-${cell!.row}-${cell!.column}"]`);
    await expect.poll(() => button.textContent(), POLL).toBe(String(cell!.value));
    // A button with a name that says what it opens.
    expect(await button.getAttribute('aria-label')).toMatch(new RegExp(`^${cell!.value} — .+: toon de rijen$`));
    await button.click();
    const drawer = page.getByTestId('drill-content');
    await drawer.waitFor(POLL);
    await expect.poll(() => page.getByTestId('drill-total').getAttribute('data-total'), POLL).toBe(String(cell!.value));
    expect(await page.getByTestId('drill-row').count()).toBe(Math.min(cell!.value, 2000));
    expect(await page.getByRole('heading', { name: 'De rijen achter het cijfer' }).count()).toBe(1);
    await page.waitForTimeout(400); // the drawer's opening transition, before the picture
    await shot('03-rijen', false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('drill-content').waitFor({ state: 'detached', timeout: 20_000 });
  }, 120_000);

  it('exports the figures as Excel', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('report-download-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^monitor.*\.xlsx$/);
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(bytes.length).toBeGreaterThan(1000);
  }, 120_000);

  it('a provider worker sees "< 5" where the chair sees the exact number', async () => {
    const period = await screenPeriod();
    const exact = await monitorDoc(period);
    const cell = findCell(exact, true);
    expect(cell).not.toBeNull();
    const td = () => page.locator(`[data-testid="row-${cell!.section}-${cell!.row}"] [data-col="${cell!.column}"]`);
    await td().waitFor(POLL);
    expect((await td().textContent())?.trim()).toBe(String(cell!.value));

    await logout(page);
    await login(page, app, worker);
    await page.goto(`${app.origin}/#/rapportages/monitor`);
    await page.getByTestId('monitor-doc').waitFor(POLL);
    expect(await page.getByTestId('small-numbers-note').getAttribute('data-hidden')).toBe('true');
    expect(await page.getByTestId('small-numbers-note').textContent()).toContain('Aantallen onder 5 zijn verborgen');
    await td().waitFor(POLL);
    expect((await td().textContent())?.trim()).toBe('< 5');
    await shot('04-zorgaanbieder');
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 180_000);
});

// End to end in headless Chromium against browser mode on a fresh database: the demo region is
// there after the chair logs in, the lists search and sort, Michelle's detail page opens, and the API
// refuses calls without the token or without a session; an unknown address says so. axe-core checks each
// screen. Screenshots go to test-results/screenshots/.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, type Session, type WebApp, apiCall, seriousA11yViolations, startSession } from './browser';

let session: Session;
let app: WebApp;
let page: Page;

beforeAll(async () => {
  session = await startSession();
  ({ app, page } = session);
});
afterAll(async () => session?.stop());

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

describe('browser mode, demo region', () => {
  it('opens on the fictional demo region and hides the token from the address bar', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('region-name').textContent()).toContain('Flevoland');
    expect(await page.getByTestId('fictional-badge').isVisible()).toBe(true);
    expect(page.url()).not.toContain('token=');
    for (const label of ['Kandidaten', 'Woningen', 'Uitstroomtafel', 'Rapportages', 'Instellingen']) {
      expect(await page.getByRole('link', { name: label }).count()).toBeGreaterThan(0);
    }
    // The start page (#/ sends the chair to Kandidaten), its list shown.
    await expect.poll(() => page.url()).toMatch(/#\/kandidaten$/);
    await expect.poll(() => page.locator('[data-testid^="client-row-"]').count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('lists the demo clients, searches and sorts', async () => {
    await page.goto(`${app.origin}/#/kandidaten`);
    const rows = page.locator('[data-testid^="client-row-"]');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(55);
    expect(await page.getByTestId('client-count').textContent()).toMatch(/\d+ kandidaten/);
    await shot('01-kandidaten');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Sort by age: the header says so and the age column (4th) comes back in order.
    await page.getByTestId('sort-age').click();
    const ageHeader = page.locator('th', { has: page.getByTestId('sort-age') });
    await expect.poll(() => ageHeader.getAttribute('aria-sort')).toBe('ascending');
    const ages = async () => (await rows.locator('td:nth-child(4)').allTextContents()).map((t) => Number.parseInt(t, 10));
    await expect.poll(async () => {
      const a = await ages();
      return a.length > 0 && a.every((v, i) => i === 0 || a[i - 1]! <= v);
    }).toBe(true);
    await page.getByTestId('sort-age').click();
    await expect.poll(() => ageHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => {
      const a = await ages();
      return a.every((v, i) => i === 0 || a[i - 1]! >= v) && a[0]! > a[a.length - 1]!;
    }).toBe(true);

    await page.getByTestId('client-search').fill('Michelle');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Michelle');
  });

  it("opens Michelle's detail page: origin Noordoostpolder, network in Lelystad", async () => {
    await page.locator('[data-testid^="client-row-"]').first().click();
    const detail = page.getByTestId('client-detail');
    await detail.waitFor();
    expect(await page.getByTestId('client-title').textContent()).toContain('Michelle');
    const text = (await detail.textContent()) ?? '';
    expect(text).toContain('Noordoostpolder');
    expect(await page.getByTestId('network-places').textContent()).toContain('Lelystad');
    expect(text).toContain('Voorwaarden duurzame uitstroom');
    expect(page.url()).toMatch(/#\/kandidaten\/K-\d+/);
    await shot('02-michelle');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('lists the demo homes of every kind', async () => {
    await page.goto(`${app.origin}/#/woningen`);
    const rows = page.locator('[data-testid^="unit-row-"]');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(40);
    const text = (await page.getByTestId('unit-table').textContent()) ?? '';
    for (const kind of ['Contingentwoning', 'Kanswoning', 'Omklapwoning', 'Housing First-woning', 'Skaeve Huse']) {
      expect(text).toContain(kind);
    }
    await page.getByTestId('unit-search').fill('Lelystad');
    await expect.poll(async () => (await rows.count()) > 0 && (await rows.count()) < 40).toBe(true);
    await shot('03-woningen');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows settings with the audit log of the demo import and the view of Michelle', async () => {
    await page.goto(`${app.origin}/#/instellingen`);
    const log = page.getByTestId('audit-table');
    await log.waitFor();
    const text = (await log.textContent()) ?? '';
    expect(text).toMatch(/ingelezen\s*regio Flevoland/);
    expect(text).toMatch(/inzage\s*kandidaat K-0001/);
    // In words, by name: no internal codes or English words of the log, times in Dutch time without a comma.
    expect(text).not.toMatch(/corp-|prov-|GM\d{4}|\bcorporation\b|\bprovider\b|\bview\b|\(code |[{}"]/);
    expect(text).toMatch(/\d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
    expect(text).not.toMatch(/\d{4}, \d{2}:\d{2}/);
    await shot('04-instellingen');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('says so at an address that does not exist, with the way back to the start page', async () => {
    await page.goto(`${app.origin}/#/bestaat-niet`);
    await page.getByText('Deze pagina bestaat niet').waitFor();
    expect(await page.getByRole('link', { name: 'Naar de kandidaten' }).getAttribute('href')).toBe('#/kandidaten');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('refuses API calls without the token (401) or without a session (UNAUTHORIZED): no data', async () => {
    const res = await page.evaluate(async () => {
      const r = await fetch('/api/clients.list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      return { status: r.status, body: await r.text() };
    });
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('Michelle');
    // The token alone is not enough: without a logged-in session the API answers nothing.
    const withToken = await fetch(`${app.origin}/api/clients.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}` },
      body: JSON.stringify({ search: 'Michelle' }),
    });
    const refused = await withToken.text();
    expect(refused).toContain('UNAUTHORIZED');
    expect(refused).not.toContain('Michelle');
    // With the token and the chair's session (logged in over HTTP) it answers.
    expect((await apiCall<{ total: number }>(app, 'clients.list', { search: 'Michelle' })).total).toBe(1);
  });
});

// The report screens in Chromium on the demo region with two closed rounds: the chair opens the care
// provider's match report (by period and by round), the corporation report and the meeting papers, and
// downloads each as PDF, Excel and CSV; a provider worker and a liaison see only their own organisation's
// report. Screenshots: test-results/screenshots/reports-*.png; axe on every screen.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, SHOTS, type Session, type WebApp, createUser, login, logout, seriousA11yViolations, startSession } from './browser';
import { type SeededRound, seedHistory } from './reports-seed';

/** Generous: the machine may be busy; a poll ends as soon as it holds. */
const POLL = { timeout: 60_000, interval: 250 };

let session: Session;
let app: WebApp;
let page: Page;
let rounds: SeededRound[];
let worker: Account;
let liaison: Account;

beforeAll(async () => {
  session = await startSession({ acceptDownloads: true });
  ({ app, page } = session);
  rounds = await seedHistory(app);
  worker = await createUser(app, {
    name: 'wendy',
    displayName: 'Wendy Windkering',
    role: 'provider',
    careProviderId: 'prov-windkering',
    passphrase: 'de windkering begeleidt goed',
  });
  liaison = await createUser(app, {
    name: 'kees',
    displayName: 'Kees Kustlicht',
    role: 'liaison',
    corporationId: 'corp-kustlicht',
    passphrase: 'kustlicht verhuurt met zorg',
  });
}, 300_000);
afterAll(async () => session?.stop());

const shot = async (name: string) => {
  // Full-page shots of a scrolled page paint the fixed header mid-page: scroll up first.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SHOTS, `reports-${name}.png`), fullPage: true });
};

const go = async (path: string) => {
  await page.goto(`${app.origin}/#${path}`);
  await page.getByTestId('reports-page').waitFor(POLL);
};

/** A report screen this role may not open: the no-access notice in place of the page. */
const goDenied = async (path: string) => {
  await page.goto(`${app.origin}/#${path}`);
  await page.getByTestId('no-access').waitFor(POLL);
  expect(await page.getByTestId('reports-page').count()).toBe(0);
};

/** Picks an option of a Mantine Select by its visible name. */
const choose = async (testId: string, name: RegExp | string) => {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name }).first().click();
};

const tabs = () => page.locator('[data-testid^="reports-tab-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));

/** The document shown, once its header is there. */
const docShown = async (report: string) => {
  const doc = page.locator(`[data-testid="report-doc"][data-report="${report}"]`);
  await doc.waitFor(POLL);
  return doc;
};

/** Clicks each download button and checks the file: its name, its kind and that it is not empty. */
async function downloadAll(stem: RegExp) {
  const files: Record<string, Buffer> = {};
  for (const [format, magic] of [
    ['pdf', '%PDF-'],
    ['xlsx', 'PK'],
    ['csv', null],
  ] as const) {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(`report-download-${format}`).click()]);
    const name = download.suggestedFilename();
    expect(name).toMatch(stem);
    expect(name.endsWith(`.${format}`)).toBe(true);
    const bytes = readFileSync(await download.path());
    expect(bytes.length).toBeGreaterThan(100);
    if (magic) expect(bytes.subarray(0, magic.length).toString()).toBe(magic);
    files[format] = bytes;
  }
  return files;
}

describe('the chair', () => {
  it('sees every report tab; the monitor is the first', async () => {
    await go('/rapportages');
    await page.getByTestId('monitor-page').waitFor(POLL);
    expect(await tabs()).toEqual(['reports-tab-monitor', 'reports-tab-zorgaanbieder', 'reports-tab-corporatie', 'reports-tab-vergaderstukken']);
  });

  it("opens a care provider's match report for the last 12 months and downloads it", async () => {
    await page.getByTestId('reports-tab-zorgaanbieder').click();
    await page.getByTestId('provider-report-page').waitFor(POLL);
    expect(await page.getByTestId('provider-report-prompt').textContent()).toContain('Kies een zorgaanbieder');
    await choose('report-provider', 'Stichting Windkering Opvang');
    expect(page.url()).toContain('zorgaanbieder=prov-windkering');
    const doc = await docShown('provider');
    await expect.poll(() => doc.getByTestId('report-header').textContent(), POLL).toContain('Windkering');
    // The period in Dutch words, never as ISO dates.
    const period = (await page.getByTestId('report-period').textContent()) ?? '';
    expect(period).toMatch(/\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4} t\/m/);
    // innerText keeps cells apart (textContent would run "1" and "02-10-2026" together).
    expect(await doc.innerText()).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(await doc.locator('table').count()).toBeGreaterThan(0);
    await shot('01-zorgaanbieder');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const files = await downloadAll(/windkering/);
    expect(files.csv!.toString('utf8')).toContain('Windkering');
  }, 240_000);

  it('narrows the match report to one round', async () => {
    await page.getByTestId('provider-report-scope').getByText('Eén ronde').click();
    await choose('provider-report-round', new RegExp(`^Ronde ${rounds[1]!.roundId} `));
    expect(page.url()).toContain(`ronde=${rounds[1]!.roundId}`);
    const doc = await docShown('provider');
    await expect.poll(() => doc.getByTestId('report-header').textContent(), POLL).toContain('Windkering');
    await shot('02-zorgaanbieder-ronde');
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 120_000);

  it('opens a corporation report with a chosen period and downloads it', async () => {
    await page.getByTestId('reports-tab-corporatie').click();
    await page.getByTestId('corporation-report-page').waitFor(POLL);
    await choose('report-corporation', 'Kustlicht Woondiensten');
    await page.getByTestId('corporation-report-period-from').fill('2026-01-01');
    await page.getByTestId('corporation-report-period-to').fill('2026-12-31');
    await expect.poll(() => page.url(), POLL).toContain('tot=2026-12-31');
    const doc = await docShown('corporation');
    await expect.poll(() => page.getByTestId('report-period').textContent(), POLL).toBe('Periode: 1 januari 2026 t/m 31 december 2026');
    expect(await doc.getByTestId('report-header').textContent()).toContain('Kustlicht');
    await shot('03-corporatie');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await downloadAll(/kustlicht/);
  }, 240_000);

  it('a wrong period is named at its field and asks for nothing', async () => {
    await page.getByTestId('corporation-report-period-to').fill('2025-01-01');
    await expect.poll(() => page.getByTestId('corporation-report-prompt').textContent(), POLL).toContain('Vul een geldige periode in');
    expect(await page.getByTestId('corporation-report-params').textContent()).toContain('het einde ligt voor het begin');
    await page.getByTestId('corporation-report-period-to').fill('2026-12-31');
    await docShown('corporation');
  }, 120_000);

  it('opens the agenda and the minutes of a round and downloads them', async () => {
    await page.getByTestId('reports-tab-vergaderstukken').click();
    await page.getByTestId('meeting-papers-page').waitFor(POLL);
    await choose('meeting-round', new RegExp(`^Ronde ${rounds[1]!.roundId} `));
    const agenda = await docShown('agenda');
    await expect.poll(() => agenda.getByTestId('report-header').textContent(), POLL).toContain(`${rounds[1]!.roundId}`);
    // Pseudonymous: a proposed client's code is there, never as a name.
    await expect.poll(() => agenda.textContent(), POLL).toContain(rounds[1]!.placed[0]!.clientId);
    await shot('04-agenda');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await downloadAll(/agenda/);

    await page.getByTestId('meeting-paper').getByText('Notulen (achteraf)').click();
    const minutes = await docShown('minutes');
    await expect.poll(() => minutes.textContent(), POLL).toContain(rounds[1]!.declined[0]!.clientId);
    await shot('05-notulen');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await downloadAll(/^verslag-ronde-/);
  }, 300_000);
});

describe('a provider worker', () => {
  it('sees only their own provider, fixed, and no other report', async () => {
    await logout(page);
    await login(page, app, worker);
    await go('/rapportages/zorgaanbieder');
    expect(await tabs()).toEqual(['reports-tab-monitor', 'reports-tab-zorgaanbieder']);
    // The organisation's name once the reference data is in (its code until then).
    await expect.poll(() => page.getByTestId('report-provider-fixed').textContent(), POLL).toContain('Stichting Windkering Opvang');
    expect(await page.getByTestId('report-provider').count()).toBe(0);
    expect(await page.getByTestId('provider-report-scope').count()).toBe(0);
    const doc = await docShown('provider');
    await expect.poll(() => doc.getByTestId('report-header').textContent(), POLL).toContain('Windkering');
    await shot('06-zorgaanbieder-eigen');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await downloadAll(/windkering/);
    // Another provider in the address: still their own report (the choice is not theirs to make).
    await go('/rapportages/zorgaanbieder?zorgaanbieder=prov-dijkzicht');
    await expect.poll(() => page.getByTestId('report-header').textContent(), POLL).toContain('Windkering');
    await goDenied('/rapportages/corporatie');
    await goDenied('/rapportages/vergaderstukken');
  }, 240_000);
});

describe('a liaison', () => {
  it("sees only their own corporation's report", async () => {
    await logout(page);
    await login(page, app, liaison);
    await go('/rapportages/corporatie');
    expect(await tabs()).toEqual(['reports-tab-monitor', 'reports-tab-corporatie']);
    await expect.poll(() => page.getByTestId('report-corporation-fixed').textContent(), POLL).toContain('Kustlicht Woondiensten');
    expect(await page.getByTestId('report-corporation').count()).toBe(0);
    const doc = await docShown('corporation');
    await expect.poll(() => doc.getByTestId('report-header').textContent(), POLL).toContain('Kustlicht');
    await shot('07-corporatie-eigen');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await downloadAll(/kustlicht/);
    await goDenied('/rapportages/zorgaanbieder');
  }, 240_000);
});

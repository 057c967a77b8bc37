// The liaison review in Chromium: the chair makes a corporation's review file, the liaison decides in review
// mode and saves the decisions file, the chair reads it back; a changed file is refused, the same file
// twice changes nothing. Screenshots: test-results/screenshots/review-*.png.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, type Session, type WebApp, apiCall, startSession, seriousA11yViolations } from './browser';

/** Generous: the machine may be busy; a poll ends as soon as it holds. */
const POLL = { timeout: 20_000, interval: 200 };

let session: Session;
let app: WebApp;
let page: Page;
let roundId: number;

const api = <T>(method: string, input: unknown): Promise<T> => apiCall<T>(app, method, input);

beforeAll(async () => {
  session = await startSession({ acceptDownloads: true });
  ({ app, page } = session);
  ({ id: roundId } = await api<{ id: number }>('rounds.create', { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31' }));
  await api('rounds.propose', { roundId });
});
afterAll(async () => session?.stop());

const shot = async (name: string) => {
  // Full-page shots of a scrolled page paint the fixed header mid-page: scroll up first.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SHOTS, `review-${name}.png`), fullPage: true });
};

/** Clicks `button` and returns the path of the first file downloaded (the JSON, when two come). */
async function download(click: () => Promise<void>, suffix: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download', (x) => x.suggestedFilename().endsWith(suffix)), click()]);
  const path = join(SHOTS, `..`, d.suggestedFilename());
  await d.saveAs(path);
  return path;
}

describe('liaison review in the browser', () => {
  let reviewPath: string;
  let decisionsPath: string;

  it('the chair makes the review file and PDF for a corporation', async () => {
    await page.goto(app.url);
    await page.goto(`${app.origin}/#/beoordelen`);
    await page.getByTestId('review-round').click();
    await page.getByRole('option').first().click();
    await page.getByTestId('review-corporation').click();
    await page.getByRole('option', { name: /Kustlicht/ }).click();
    const pdf = page.waitForEvent('download', (x) => x.suggestedFilename().endsWith('.pdf'));
    reviewPath = await download(() => page.getByTestId('review-export').click(), '.json');
    expect(readFileSync(await (await pdf).path()).subarray(0, 5).toString()).toBe('%PDF-');
    await expect.poll(() => page.getByTestId('review-message').textContent(), POLL).toMatch(/Gemaakt: beoordeling-ronde-\d+-v1-/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const review = JSON.parse(readFileSync(reviewPath, 'utf8')) as { proposals: unknown[] };
    expect(review.proposals.length).toBeGreaterThan(0);
  });

  it('the liaison opens it in review mode, decides and saves the decisions file', async () => {
    await page.getByTestId('review-liaison').locator('input[type=file]').setInputFiles(reviewPath);
    const rows = page.locator('[data-testid^="review-row-"]');
    await expect.poll(() => rows.count(), POLL).toBeGreaterThan(0);
    const codes = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('review-row-', '')));
    await page.getByTestId(`review-decision-${codes[0]}`).click();
    await page.getByRole('option', { name: 'Akkoord', exact: true }).click();
    if (codes[1]) {
      await page.getByTestId(`review-decision-${codes[1]}`).click();
      await page.getByRole('option', { name: 'Afgewezen' }).click();
      await page.getByTestId(`review-reason-${codes[1]}`).click();
      await page.getByRole('option', { name: 'Corporatie weigert: huurschuld' }).click();
    }
    expect(await page.getByTestId('review-save').isDisabled()).toBe(true); // no name yet
    await page.getByTestId('review-name').fill('J. de Vries');
    await shot('01-liaison');
    expect(await seriousA11yViolations(page)).toEqual([]);
    decisionsPath = await download(() => page.getByTestId('review-save').click(), '.json');
    const saved = JSON.parse(readFileSync(decisionsPath, 'utf8')) as { decisions: unknown[]; mac: string };
    expect(saved.decisions.length).toBe(codes[1] ? 2 : 1);
    // The HMAC under the review file's secret, made with WebCrypto in the browser.
    expect(saved.mac).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the chair refuses a changed file and reads the untouched one back', async () => {
    const changed = JSON.parse(readFileSync(decisionsPath, 'utf8')) as { decidedBy: string };
    changed.decidedBy = 'iemand anders';
    const changedPath = decisionsPath.replace('.json', '-gewijzigd.json');
    writeFileSync(changedPath, JSON.stringify(changed));
    const chair = page.getByTestId('review-chair').locator('input[type=file]');
    await chair.setInputFiles(changedPath);
    await expect.poll(() => page.getByTestId('review-message').textContent(), POLL).toContain('na het opslaan gewijzigd');
    await shot('02-refused');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await chair.setInputFiles(decisionsPath);
    await expect.poll(() => page.getByTestId('review-message').textContent(), POLL).toMatch(/besluit\(en\) van J\. de Vries vastgelegd in ronde/);
    await shot('03-accepted');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The same file again changes nothing, and says so.
    await chair.setInputFiles(decisionsPath);
    await expect.poll(() => page.getByTestId('review-message').textContent(), POLL).toContain('al ingelezen, niets veranderd');
    const round = await api<{ decisions: { decision: string }[] }>('rounds.get', { id: roundId });
    expect(round.decisions.length).toBeGreaterThan(0);
  });
});

// The liaison review in Chromium: the chair makes a corporation's review file; the liaison opens it from the
// start screen (or the app starts on it with --review) into a review mode with nothing else, is warned before
// unsaved decisions are lost, saves the decisions file; the chair reads it back once, and the second time
// hears "al ingelezen". Screenshots: test-results/screenshots/review-*.png.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, type Session, type WebApp, apiCall, launchChromium, login, logout, seriousA11yViolations, startSession, startWebApp } from './browser';

/** Generous: the machine may be busy; a poll ends as soon as it holds. */
const POLL = { timeout: 30_000, interval: 200 };

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

const shot = async (name: string, p: Page = page) => {
  // Full-page shots of a scrolled page paint the fixed header mid-page: scroll up first.
  await p.evaluate('window.scrollTo(0, 0)');
  await p.screenshot({ path: join(SHOTS, `review-${name}.png`), fullPage: true });
};

/** Clicks and returns the path of the first file downloaded whose name ends with `suffix`. */
async function download(click: () => Promise<void>, suffix: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download', (x) => x.suggestedFilename().endsWith(suffix)), click()]);
  const path = join(SHOTS, `..`, d.suggestedFilename());
  await d.saveAs(path);
  return path;
}

describe('liaison review in the browser', () => {
  let reviewPath: string;
  let decisionsPath: string;
  let codes: string[];

  it('the chair makes the review file (.beoordeling) and PDF for a corporation', async () => {
    await page.goto(`${app.origin}/#/beoordelen`);
    await page.getByTestId('review-round').click();
    await page.getByRole('option').first().click();
    await page.getByTestId('review-corporation').click();
    await page.getByRole('option', { name: /Kustlicht/ }).click();
    const pdf = page.waitForEvent('download', (x) => x.suggestedFilename().endsWith('.pdf'));
    reviewPath = await download(() => page.getByTestId('review-export').click(), '.beoordeling');
    expect(readFileSync(await (await pdf).path()).subarray(0, 5).toString()).toBe('%PDF-');
    await expect.poll(() => page.getByTestId('review-message').textContent(), POLL).toMatch(/Gemaakt: beoordeling-ronde-\d+-v1-.*\.beoordeling .*\(\d+ voorstel(len)?\)/);
    // The chair's page has no liaison card: the review itself happens in the review mode.
    expect(await page.getByTestId('review-liaison').count()).toBe(0);
    await shot('00-chair');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const review = JSON.parse(readFileSync(reviewPath, 'utf8')) as { proposals: unknown[] };
    expect(review.proposals.length).toBeGreaterThan(1);
  });

  it('the liaison opens it from the start screen into a review mode with nothing else', async () => {
    await logout(page);
    await page.getByTestId('review-start').waitFor();
    await shot('01-start');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('review-start').locator('input[type=file]').setInputFiles(reviewPath);
    await expect.poll(() => page.getByTestId('review-mode-title').textContent(), POLL).toMatch(/^Beoordeling — Kustlicht .*, ronde \d+$/);
    // Only the review: no menu into the register, no chair controls, no login.
    for (const id of ['nav-kandidaten', 'nav-woningen', 'nav-uitstroomtafel', 'review-chair', 'review-export', 'logout', 'login-page']) {
      expect(await page.getByTestId(id).count(), id).toBe(0);
    }
    expect(await page.getByRole('link').count()).toBe(0);
    const rows = page.locator('[data-testid^="review-row-"]');
    codes = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('review-row-', '')));
    expect(codes.length).toBeGreaterThan(1);
    // Dutch words: no "(s)", "(en)", "(eren)"; dates as dd-mm-jjjj.
    const text = await page.getByTestId('review-mode').innerText();
    expect(text).not.toMatch(/\((s|n|en|eren|len)\)/);
    expect(text).toMatch(/ronde van \d{2}-\d{2}-\d{4}/);
    expect(text).toMatch(/\d+ (volwassene|volwassenen), \d+ (kind|kinderen)/);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("offers the corporation's own decline reasons only (the client's refusal is the chair's to record)", async () => {
    await page.getByTestId(`review-decision-${codes[1]}`).click();
    await page.getByRole('option', { name: 'Afgewezen' }).click();
    await page.getByTestId(`review-reason-${codes[1]}`).click();
    const reasons = await page.getByRole('option').allTextContents();
    expect(reasons).toEqual(['Huurschuld', 'Verhuurdersverklaring', 'Leefbaarheid', 'Overig']);
    await page.getByRole('option', { name: 'Huurschuld' }).click();
    await page.getByTestId(`review-decision-${codes[0]}`).click();
    await page.getByRole('option', { name: 'Akkoord', exact: true }).click();
    await page.getByTestId('review-unsaved').waitFor();
    await shot('02-decided');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('warns before unsaved decisions are lost on closing the review; staying keeps them', async () => {
    await page.getByTestId('review-mode-close').click();
    await page.getByTestId('review-leave-modal').getByText('U heeft 2 besluiten ingevoerd').waitFor();
    await shot('03-leave-warning', page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('review-leave-stay').click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Besluiten niet opgeslagen' }).isVisible(), POLL).toBe(false);
    expect(await page.getByTestId(`review-decision-${codes[0]}`).inputValue()).toBe('Akkoord');
  }, 120_000);

  it('saves the decisions file; then closing asks nothing and returns to the start screen', async () => {
    expect(await page.getByTestId('review-save').isDisabled()).toBe(true); // no name yet
    await page.getByTestId('review-name').fill('J. de Vries');
    decisionsPath = await download(() => page.getByTestId('review-save').click(), '.json');
    const saved = JSON.parse(readFileSync(decisionsPath, 'utf8')) as { decisions: { declineReason?: string }[]; mac: string };
    expect(saved.decisions.length).toBe(2);
    expect(saved.decisions.map((d) => d.declineReason ?? null)).toContain('rent-debt');
    // The HMAC under the review file's secret, made with WebCrypto in the browser.
    expect(saved.mac).toMatch(/^[0-9a-f]{64}$/);
    await expect.poll(() => page.getByTestId('review-unsaved').count(), POLL).toBe(0);
    await page.getByTestId('review-mode-close').click();
    await page.getByTestId('login-page').waitFor();
    expect(await page.getByRole('dialog', { name: 'Besluiten niet opgeslagen' }).count()).toBe(0);
  });

  it('npm run web -- --review FILE opens straight into that review, without a database', async () => {
    const liaisonApp = await startWebApp({ empty: true, args: ['--review', reviewPath] });
    const browser = await launchChromium();
    try {
      const p = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
      await p.goto(liaisonApp.url);
      await expect.poll(() => p.getByTestId('review-mode-title').textContent(), POLL).toMatch(/^Beoordeling — Kustlicht .*, ronde \d+$/);
      expect(await p.locator('[data-testid^="review-row-"]').count()).toBe(codes.length);
      for (const id of ['nav-kandidaten', 'nav-woningen', 'login-page', 'setup-page']) expect(await p.getByTestId(id).count(), id).toBe(0);
      await shot('04-started-with-file', p);
      expect(await seriousA11yViolations(p)).toEqual([]);
      // A decision entered, then the page reloaded (or the tab closed): the browser asks first; staying keeps it.
      await p.getByTestId(`review-decision-${codes[0]}`).click();
      await p.getByRole('option', { name: 'Akkoord', exact: true }).click();
      await p.getByTestId('review-unsaved').waitFor();
      const asked: string[] = [];
      p.on('dialog', (d: Dialog) => {
        asked.push(d.type());
        void d.dismiss();
      });
      await p.evaluate('setTimeout(() => location.reload(), 0)');
      await expect.poll(() => asked, POLL).toEqual(['beforeunload']);
      expect(await p.getByTestId(`review-decision-${codes[0]}`).inputValue()).toBe('Akkoord');
    } finally {
      await browser.close();
      await liaisonApp.stop();
    }
  });

  it('the chair refuses a changed file, reads the untouched one back, and the second time hears "al ingelezen"', async () => {
    await login(page, app);
    await page.goto(`${app.origin}/#/beoordelen`);
    const changed = JSON.parse(readFileSync(decisionsPath, 'utf8')) as { decidedBy: string };
    changed.decidedBy = 'iemand anders';
    const changedPath = decisionsPath.replace('.json', '-gewijzigd.json');
    writeFileSync(changedPath, JSON.stringify(changed));
    const chair = page.getByTestId('review-chair').locator('input[type=file]');
    await chair.setInputFiles(changedPath);
    await expect.poll(() => page.getByTestId('review-message').textContent(), POLL).toContain('na het opslaan gewijzigd');
    await chair.setInputFiles(decisionsPath);
    await expect.poll(() => page.getByTestId('review-message').textContent(), POLL).toBe(`2 besluiten van J. de Vries vastgelegd in ronde ${roundId}.`);
    await shot('05-accepted');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const before = await api<{ decisions: { clientId: string; decision: string; declineReason: string | null; decidedAt: string }[] }>('rounds.get', { id: roundId });
    expect(before.decisions.find((d) => d.clientId === codes[1])).toMatchObject({ decision: 'declined', declineReason: 'rent-debt' });
    // The same file again changes nothing, and says so.
    await chair.setInputFiles(decisionsPath);
    const name = decisionsPath.split('/').pop()!;
    await expect.poll(() => page.getByTestId('review-message').textContent(), POLL).toBe(`${name}: al ingelezen, niets veranderd (2 besluiten stonden er al).`);
    await shot('06-already-read');
    const after = await api<{ decisions: unknown[] }>('rounds.get', { id: roundId });
    expect(after.decisions).toEqual(before.decisions);
  });

  it("the round's decisions name the liaison on whose behalf they were recorded, and the chair who read them in", async () => {
    await page.goto(`${app.origin}/#/uitstroomtafel/${roundId}`);
    await page.getByTestId('step-besluiten').click();
    await page.getByTestId('decide-step').waitFor();
    for (const code of codes.slice(0, 2)) {
      const cell = page.getByTestId(`decision-row-${code}`).getByTestId('decided-by');
      await expect.poll(() => cell.innerText(), POLL).toMatch(/^J\. de Vries \(namens Kustlicht[^)]*\)\s+vastgelegd door voorzitter$/);
    }
    // The note says where it came from, not the name again.
    expect(await page.getByTestId(`decision-row-${codes[1]}`).innerText()).toMatch(/Via besluitenbestand \(\d{2}-\d{2}-\d{4}\)/);
    await shot('07-decisions-on-behalf');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Changing it by hand starts from the same contact person.
    await page.getByTestId(`decide-${codes[0]}`).click();
    await expect.poll(() => page.getByTestId('decision-on-behalf-of').inputValue(), POLL).toBe('J. de Vries');
    await page.keyboard.press('Escape');
    await page.getByTestId('decision-modal').waitFor({ state: 'hidden' });
  });
});

// E2E in Chromium: two chairs, each in a browser context of their own, on one browser-mode server
// (issue 15, the round lock). Anna prepares a round; Bram opens it and sees "Anna de Vries bereidt deze
// ronde voor sinds …", the preparing buttons disabled with that reason; he takes it over after a
// confirmation, and from then on Anna sees that Bram prepares it. Bram lets it go ("Vrijgeven").
// Screenshots: test-results/screenshots/round-lock-*.png.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, SHOTS, type WebApp, apiCall, createUser, launchChromium, login, seriousA11yViolations, startWebApp } from './browser';

let app: WebApp;
let browser: Browser;
let anna: Page;
let bram: Page;
let annaAccount: Account;
let bramAccount: Account;
let roundId: number;

beforeAll(async () => {
  app = await startWebApp();
  annaAccount = await createUser(app, { name: 'anna', displayName: 'Anna de Vries', role: 'chair', passphrase: 'anna zit aan de tafel vandaag' });
  bramAccount = await createUser(app, { name: 'bram', displayName: 'Bram Jansen', role: 'chair', passphrase: 'bram zit aan de tafel morgen' });
  browser = await launchChromium();
  // A context each: two people, two sessions.
  for (const who of ['anna', 'bram'] as const) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[page error ${who}]`, e.message));
    if (who === 'anna') anna = page;
    else bram = page;
  }
  await login(anna, app, annaAccount);
  await login(bram, app, bramAccount);
  // Anna creates the round (through the API, as the round page would): she prepares it.
  roundId = (await apiCall<{ id: number }>(app, 'rounds.create', { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-27' }, annaAccount)).id;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `round-lock-${name}.png`) });
const openRound = async (page: Page) => {
  await page.goto(`${app.origin}/#/uitstroomtafel/${roundId}`);
  await page.getByTestId('prepare-step').waitFor({ timeout: 60_000 });
};
const firstToggle = (page: Page) => page.locator('[data-testid^="toggle-client-"]').first();

describe('one chair prepares a round at a time', () => {
  it('the holder sees that she prepares the round, and can let it go', async () => {
    await openRound(anna);
    const mine = anna.getByTestId('round-lock-mine');
    await mine.waitFor({ timeout: 60_000 });
    expect(await anna.getByTestId('round-lock-text').textContent()).toMatch(/^U bereidt deze ronde voor sinds \d{2}-\d{2}-\d{4} \d{2}:\d{2}\.$/);
    expect(await anna.getByTestId('round-lock-release').isEnabled()).toBe(true);
    expect(await firstToggle(anna).isEnabled()).toBe(true);
    await shot(anna, '01-eigen');
    expect(await seriousA11yViolations(anna)).toEqual([]);
  }, 120_000);

  it("another chair sees who prepares it and since when; the preparing buttons are disabled with that reason", async () => {
    await openRound(bram);
    const notice = bram.getByTestId('round-lock-other');
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.textContent()).toMatch(/Anna de Vries bereidt deze ronde voor sinds \d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
    const toggle = firstToggle(bram);
    expect(await toggle.isDisabled()).toBe(true);
    expect(await toggle.getAttribute('title')).toMatch(/^Anna de Vries bereidt deze ronde voor sinds /);
    await shot(bram, '02-ander');
    expect(await seriousA11yViolations(bram)).toEqual([]);
    // The proposal step: no run either.
    await bram.getByTestId('to-proposal').click();
    await bram.getByTestId('proposal-step').waitFor({ timeout: 60_000 });
    expect(await bram.getByTestId('propose-run').isDisabled()).toBe(true);
    expect(await bram.getByTestId('round-planning-edit').isDisabled()).toBe(true);
    await bram.getByTestId('step-voorbereiden').click();
    await bram.getByTestId('prepare-step').waitFor();
  }, 120_000);

  it('"Overnemen" asks first, then Bram prepares the round; Anna sees it when she looks again', async () => {
    await bram.getByTestId('round-lock-take-over').click();
    const confirm = bram.getByTestId('round-lock-confirm');
    await confirm.getByTestId('round-lock-confirm-button').waitFor();
    expect(await confirm.textContent()).toContain('Voorbereiding overnemen van Anna de Vries?');
    expect(await confirm.textContent()).toContain('Het overnemen komt in het logboek');
    await shot(bram, '03-overnemen');
    expect(await seriousA11yViolations(bram)).toEqual([]);
    await bram.getByTestId('round-lock-confirm-button').click();
    await bram.getByTestId('round-lock-mine').waitFor({ timeout: 60_000 });
    await expect.poll(() => firstToggle(bram).isEnabled(), { timeout: 60_000 }).toBe(true);

    // Anna's page reads the lock again by itself (every half minute); a reload shows it at once.
    await anna.reload();
    await anna.getByTestId('round-lock-other').waitFor({ timeout: 60_000 });
    expect(await anna.getByTestId('round-lock-other').textContent()).toMatch(/Bram Jansen bereidt deze ronde voor sinds/);
    expect(await firstToggle(anna).isDisabled()).toBe(true);

    // The take-over is in the log, naming Anna.
    const entries = await apiCall<{ action: string; actor: string; detail: string }[]>(app, 'audit.list', { limit: 50 }, bramAccount);
    const taken = entries.find((e) => e.action === 'lock-take-over');
    expect(taken?.actor).toBe('bram');
    expect(JSON.parse(taken!.detail)).toMatchObject({ previous: 'anna', expired: false });
  }, 120_000);

  it('Bram lets the round go: the notice is gone for him, and Anna can prepare it again', async () => {
    await bram.getByTestId('round-lock-release').click();
    await expect.poll(() => bram.getByTestId('round-lock-mine').count(), { timeout: 60_000 }).toBe(0);
    await anna.reload();
    await anna.getByTestId('prepare-step').waitFor({ timeout: 60_000 });
    await expect.poll(() => firstToggle(anna).isEnabled(), { timeout: 60_000 }).toBe(true);
    expect(await anna.getByTestId('round-lock-other').count()).toBe(0);
  }, 120_000);
});

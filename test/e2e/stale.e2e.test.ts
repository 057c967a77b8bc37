// E2E in Chromium: two tabs edit one client from the same version; the second save is refused with who
// and when, nothing lost, and "Opnieuw laden" shows the first tab's change.
// Screenshot: test-results/screenshots/stale-01-alert.png.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, type WebApp, launchChromium, login, startWebApp, seriousA11yViolations } from './browser';

let app: WebApp;
let browser: Browser;
let first: Page;
let second: Page;

beforeAll(async () => {
  app = await startWebApp();
  browser = await launchChromium();
  // Two tabs of one browser, as a user with the client open twice (or two colleagues).
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  first = await context.newPage();
  second = await context.newPage();
  first.on('pageerror', (e) => console.error('[page error]', e.message));
  second.on('pageerror', (e) => console.error('[page error]', e.message));
  // One login for the browser: the second tab shares the session cookie, as tabs do.
  await login(first, app);
  await second.goto(app.url);
  for (const page of [first, second]) await page.getByTestId('region-name').waitFor({ timeout: 60_000 });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const notes = (page: Page) => page.getByRole('textbox', { name: 'Notities' });

async function openEdit(page: Page) {
  await page.goto(`${app.origin}/#/kandidaten/K-0001/bewerken`);
  await page.getByTestId('client-form').waitFor({ timeout: 60_000 });
}

describe('two edits of one client from the same starting point', () => {
  it('refuses the second save with who and when, and "Opnieuw laden" shows the first one’s change', async () => {
    await openEdit(first);
    await openEdit(second);

    await notes(first).fill('Wijziging uit het eerste tabblad');
    await first.getByTestId('client-save').click();
    await first.getByTestId('client-detail').waitFor({ timeout: 60_000 });

    await notes(second).fill('Wijziging uit het tweede tabblad');
    await second.getByTestId('client-save').click();
    const alert = second.getByTestId('stale-alert');
    await alert.waitFor({ timeout: 60_000 });
    const message = (await second.getByTestId('stale-message').textContent()) ?? '';
    expect(message).toMatch(/^Deze kandidaat is intussen gewijzigd door voorzitter op \d{2}-\d{2}-\d{4} \d{2}:\d{2}; laad opnieuw om de laatste gegevens te zien\.$/);
    // Still on the form, nothing saved: the second tab's text is there to copy, the first's is kept.
    expect(second.url()).toMatch(/#\/kandidaten\/K-0001\/bewerken$/);
    await second.screenshot({ path: join(SHOTS, 'stale-01-alert.png') });
    expect(await seriousA11yViolations(second)).toEqual([]);

    await second.getByTestId('stale-reload').click();
    await expect.poll(() => notes(second).inputValue(), { timeout: 60_000 }).toBe('Wijziging uit het eerste tabblad');
    expect(await alert.count()).toBe(0);

    // From the reloaded form the second edit goes through.
    await notes(second).fill('Wijziging uit het eerste tabblad; en uit het tweede');
    await second.getByTestId('client-save').click();
    await second.getByTestId('client-detail').waitFor({ timeout: 60_000 });
    await expect
      .poll(() => second.getByTestId('client-detail').textContent(), { timeout: 60_000 })
      .toContain('Wijziging uit het eerste tabblad; en uit het tweede');
  }, 240_000);
});

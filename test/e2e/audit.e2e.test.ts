// End to end in headless Chromium: an audit log edited with file access while the app runs is shown
// to the user on the next start of the interface (the app still opens), naming the row.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, type Session, type WebApp, openDatabaseFile, startSession, seriousA11yViolations } from './browser';

let session: Session;
let app: WebApp;
let page: Page;

beforeAll(async () => {
  session = await startSession();
  ({ app, page } = session);
});
afterAll(async () => session?.stop());

describe('audit log changed outside the app', () => {
  it('shows no warning for an untouched log, and names the row once it was edited', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('region-name').textContent(), { timeout: 60_000 }).toContain('Flevoland');
    expect(await page.getByTestId('audit-broken').count()).toBe(0);

    const db = await openDatabaseFile(app);
    db.prepare("update audit_log set actor = 'iemand anders' where id = 1").run();
    db.close();

    await page.goto(app.url);
    const alert = page.getByTestId('audit-broken');
    await expect.poll(() => alert.count(), { timeout: 60_000 }).toBe(1);
    expect(await alert.textContent()).toContain('Logboek gewijzigd vanaf regel 1 (id 1, ');
    // The app still works: the client list opens.
    await page.getByRole('link', { name: 'Kandidaten' }).first().click();
    await expect.poll(() => page.locator('[data-testid^="client-row-"]').count(), { timeout: 60_000 }).toBeGreaterThan(10);
    await page.screenshot({ path: join(SHOTS, 'audit-broken.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 180_000);
});

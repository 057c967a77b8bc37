// E2E in Chromium: the first start after an upgrade on a plain database with the demo region: "Eerste
// start" names the file it will encrypt; afterwards every record is there and the file holds no readable
// name. Screenshot: test-results/screenshots/auth-convert-01.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, seedDemoIfEmpty } from '../../electron/backend/backend';
import { isPlainSqliteFile } from '../../electron/backend/db/cipher';
import { ROOT, SHOTS, type Session, type WebApp, seriousA11yViolations, startSession } from './browser';

const POLL = { timeout: 60_000, interval: 200 };
const DEMO = join(ROOT, 'resources', 'demo', 'flevoland.json');

let session: Session;
let app: WebApp;
let page: Page;

/** What an older version left: a plain database with the demo region. */
async function plainDemoDatabase(file: string): Promise<void> {
  const backend = await createBackend(file, { host: 'test' });
  await seedDemoIfEmpty(backend, DEMO, 'oud');
  await backend.close();
}

beforeAll(async () => {
  session = await startSession({ empty: true, before: plainDemoDatabase });
  ({ app, page } = session);
});
afterAll(async () => session?.stop());

describe('first start on a plain database of an older version', () => {
  it('explains the encryption, encrypts the file and keeps every record', async () => {
    expect(isPlainSqliteFile(app.dbFile)).toBe(true);
    await page.goto(app.url);
    const notice = page.getByTestId('setup-convert');
    await notice.waitFor(POLL);
    expect(await notice.textContent()).toContain('De bestaande database wordt versleuteld');
    expect(await notice.textContent()).toContain(app.dbFile);
    // The data is already there: no demo region to choose.
    expect(await page.getByTestId('setup-demo').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'auth-convert-01.png'), fullPage: true });

    await page.getByTestId('setup-displayName').fill('Anna de Vries');
    await page.getByTestId('setup-name').fill('anna');
    await page.getByTestId('setup-passphrase').fill('de oude database gaat op slot');
    await page.getByTestId('setup-passphrase-repeat').fill('de oude database gaat op slot');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('logout').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('region-name').textContent(), POLL).toContain('Flevoland');
    await expect.poll(() => page.locator('[data-testid^="client-row-"]').count(), POLL).toBeGreaterThanOrEqual(55);
    expect(isPlainSqliteFile(app.dbFile)).toBe(false);
    expect(readFileSync(app.dbFile).includes(Buffer.from('Michelle'))).toBe(false);
  }, 240_000);
});

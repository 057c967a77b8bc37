// End to end in headless Chromium against browser mode on a fresh demo database: Instellingen →
// Beleid, change a weight and save it as a new version (first refused with the error at the field),
// see it current in the history, view the old version read-only; add a corporation; see a quota's
// use; a referenced municipality cannot be deleted. axe-core checks each page, form and dialog.
// Screenshots: test-results/screenshots/reference-*.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { ROOT, SHOTS, type Session, type WebApp, seriousA11yViolations, startSession } from './browser';

let app: WebApp;
let page: Page;
const demo = JSON.parse(readFileSync(join(ROOT, 'resources', 'demo', 'flevoland.json'), 'utf8')) as Dataset;

let session: Session;

beforeAll(async () => {
  session = await startSession();
  ({ app, page } = session);
});
afterAll(async () => session?.stop());

const shot = async (name: string) => {
  // The app shell's header is fixed: a full-page shot of a scrolled page paints it mid-page.
  await page.mouse.wheel(0, -100000);
  await page.screenshot({ path: join(SHOTS, `reference-${name}.png`), fullPage: true });
};
/** The screenshot, and axe-core finds no serious or critical problem on the screen as shown. */
const shotAndCheck = async (name: string) => {
  await shot(name);
  expect(await seriousA11yViolations(page)).toEqual([]);
};
const today = () => new Date().toISOString().slice(0, 10);

describe('reference data and policy in the browser', () => {
  it('changes a weight and saves it as a new version that becomes current', async () => {
    await page.goto(`${app.origin}/#/instellingen`);
    await page.getByTestId('settings-nav-policy').click();
    await page.getByTestId('policy-form').waitFor();
    const weight = page.getByTestId('policy-weights.homeMunicipality');
    expect(await weight.inputValue()).toBe('40');
    await weight.fill('45');

    // Tried before it is saved: the region's last twelve months and the open round, beside the policy in force.
    await page.getByTestId('policy-what-if-run').click();
    const result = page.getByTestId('policy-what-if-result');
    await result.waitFor({ timeout: 110_000 });
    expect(await page.getByTestId('policy-what-if-period').textContent()).toMatch(/^Twaalf maandelijkse rondes van \d{2}-\d{2}-\d{4} tot en met \d{2}-\d{2}-\d{4}: \d+ kandidaten en \d+ woningen\./);
    const replay = page.getByTestId('what-if-replay');
    expect(await replay.locator('thead th').allTextContents()).toEqual(['Cijfer', 'Geldend beleid', 'Dit ontwerp', 'Verschil']);
    const placedCells = await page.getByTestId('what-if-replay-placed').locator('td').allTextContents();
    expect(placedCells[0]).toBe('Plaatsingen');
    expect(Number(placedCells[1])).toBeGreaterThan(0);
    expect(await page.getByTestId('what-if-replay-per-month').locator('td').nth(1).textContent()).toMatch(/^\d+( · \d+){11}$/);
    // A heavier weight for the municipality of origin changes the scores: the total differs.
    const score = await page.getByTestId('what-if-replay-score').locator('td').allTextContents();
    expect(score[1]).not.toBe(score[2]);
    expect(await page.getByTestId('policy-what-if-stale').count()).toBe(0);
    await page.getByTestId('policy-what-if').scrollIntoViewIfNeeded();
    await page.getByTestId('policy-what-if').screenshot({ path: join(SHOTS, 'reference-beleid-proberen.png') });
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Changed after the try: the figures say they are of the earlier settings.
    await weight.fill('46');
    await page.getByTestId('policy-what-if-stale').waitFor();
    await weight.fill('45');
    await page.getByTestId('policy-what-if-stale').waitFor({ state: 'detached' });

    // Readiness conditions: a table with column headers, the Dutch label is the only field, the code
    // is read-only text (no English key to type or read in an input).
    const readiness = page.getByTestId('policy-readiness-table');
    expect(await readiness.locator('th').allTextContents()).toEqual(['Nr.', 'Voorwaarde', 'Code (vast)', 'Verwijderen']);
    const inputs = await Promise.all((await readiness.locator('input').all()).map((i) => i.inputValue()));
    expect(inputs).toContain('Schulden onder beheer');
    expect(inputs).not.toContain('debts');
    expect(await page.getByTestId('readiness-key-3').textContent()).toBe('debts');
    expect(await page.getByRole('textbox', { name: 'Voorwaarde 4', exact: true }).inputValue()).toBe('Schulden onder beheer');
    // A new condition gets its code from its label.
    await page.getByTestId('add-readiness-item').click();
    const added = await readiness.locator('tbody tr').count();
    await page.getByTestId(`readiness-label-${added - 1}`).fill('Zorgverzekering geregeld');
    await expect.poll(() => page.getByTestId(`readiness-key-${added - 1}`).textContent()).toBe('zorgverzekering-geregeld');
    expect(await page.getByTestId(`readiness-item-${added - 1}`).textContent()).toContain('nieuw: volgt de omschrijving');

    // Without a date: refused, the message at the date field, nothing saved.
    await page.getByTestId('policy-name').fill('Beleid met zwaardere herkomst');
    await page.getByTestId('policy-save-button').click();
    const dateField = page.locator('.mantine-DateInput-root', { has: page.getByTestId('policy-validFrom') });
    await expect.poll(() => dateField.textContent()).toContain('vul een datum in');
    expect(await page.locator('[data-testid^="policy-version-"]').count()).toBe(1);
    await shotAndCheck('beleid-fout');

    // A typed date that does not exist is named at the field once it is left; nothing is saved.
    await page.getByTestId('policy-validFrom').fill('31-02-2026');
    await page.getByTestId('policy-save-button').click();
    await expect.poll(() => dateField.textContent()).toContain('31-02-2026 bestaat niet');
    expect(await page.locator('[data-testid^="policy-version-"]').count()).toBe(1);

    // Typed as dd-mm-jjjj (the way every date reads in the app).
    const [y, m, d] = today().split('-');
    await page.getByTestId('policy-validFrom').fill(`${d}-${m}-${y}`);
    await page.getByTestId('policy-save-button').click();
    await expect.poll(() => page.getByTestId('policy-saved').textContent()).toContain('nu de huidige versie');
    const rows = page.locator('[data-testid^="policy-version-"]');
    await expect.poll(() => rows.count()).toBe(2);
    const currentRow = page.locator('[data-testid^="policy-version-"]', { has: page.getByTestId('current-badge') });
    expect(await currentRow.textContent()).toContain('Beleid met zwaardere herkomst');
    expect(await currentRow.getAttribute('data-testid')).toBe(`policy-version-beleid-${today()}-1`);
    // The form now starts from the new current version.
    await expect.poll(() => page.getByTestId('policy-weights.homeMunicipality').inputValue()).toBe('45');
    // The saved condition kept its code, now fixed.
    expect(await page.getByTestId(`readiness-key-${added - 1}`).textContent()).toBe('zorgverzekering-geregeld');
    expect(await page.getByTestId(`readiness-item-${added - 1}`).textContent()).not.toContain('nieuw');
    await shotAndCheck('beleid');
  });

  it('shows an older version read-only, unchanged', async () => {
    const old = demo.policies[0];
    if (!old) throw new Error('demo has no policy');
    await page.getByTestId(`view-${old.id}`).click();
    await page.getByTestId('policy-readonly').waitFor();
    const weight = page.getByTestId('policy-weights.homeMunicipality');
    await expect.poll(() => weight.inputValue()).toBe('40');
    expect(await weight.getAttribute('readonly')).not.toBeNull();
    expect(await page.getByTestId('policy-save').count()).toBe(0);
    await shotAndCheck('beleid-oud');
  });

  it('adds a corporation (a duplicate code is refused at the field)', async () => {
    await page.goto(`${app.origin}/#/instellingen/corporaties`);
    await page.getByTestId('add-corporations').click();
    await page.getByTestId('field-id').fill('corp-polderhuis');
    await page.getByTestId('field-name').fill('Woonstichting Nieuwland');
    await page.getByTestId('save').click();
    await expect.poll(async () => (await page.locator('.mantine-Modal-body').textContent()) ?? '').toContain('bestaat al (Polderhuis Wonen)');
    await shotAndCheck('corporatie-dubbel');
    await page.getByTestId('field-id').fill('corp-nieuwland');
    await page.getByTestId('save').click();
    await page.getByTestId('corporations-row-corp-nieuwland').waitFor();
    expect(await page.getByTestId('corporations-row-corp-nieuwland').textContent()).toContain('Woonstichting Nieuwland');
    await page.locator('.mantine-Modal-content').waitFor({ state: 'detached' });
    await shotAndCheck('corporaties');
  });

  it("shows each quota's use so far, computed from the placements", async () => {
    await page.goto(`${app.origin}/#/instellingen/afspraken`);
    const quota = demo.quotas.find((q) => q.corporationId === 'corp-flevomeer' && q.municipalityCode === 'GM0034');
    if (!quota) throw new Error('demo quota missing');
    const used = demo.placements.filter(
      (p) => p.corporationId === quota.corporationId && p.destinationMunicipalityCode === quota.municipalityCode && p.date.startsWith(String(quota.year)),
    ).length;
    expect(used).toBeGreaterThan(0);
    const row = page.getByTestId(`quota-row-${quota.corporationId}-${quota.municipalityCode}`);
    await row.waitFor();
    expect(await row.getByTestId('quota-used').textContent()).toBe(String(used));
    expect(await row.textContent()).toContain(String(quota.agreed - used));
    // A share reads like every other share in the app ("40,0 %", as in the monitor), not "40%".
    expect(await row.textContent()).toMatch(/\d+,\d %/);
    await shotAndCheck('afspraken');
  });

  it('lists neighbourhoods with their recent placements, and refuses to delete a municipality in use', async () => {
    await page.goto(`${app.origin}/#/instellingen/buurten`);
    await page.getByTestId('neighbourhood-table').waitFor();
    expect(await page.locator('[data-testid^="neighbourhood-row-"]').count()).toBe(demo.neighbourhoods.length);
    expect(await page.getByTestId('neighbourhood-table').textContent()).toContain('Plaatsingen laatste 12 maanden');
    const first = demo.neighbourhoods.find((n) => n.socialRentShare !== null && n.socialRentShare !== undefined);
    if (first?.socialRentShare != null) {
      const shown = `${(first.socialRentShare * 100).toFixed(1).replace('.', ',')} %`;
      expect(await page.getByTestId(`neighbourhood-row-${first.code}`).textContent()).toContain(shown);
    }
    await shotAndCheck('buurten');

    await page.goto(`${app.origin}/#/instellingen/gemeenten`);
    expect(await page.getByTestId('municipality-row-GM0034').textContent()).toContain('Actief');
    await page.getByTestId('municipality-row-GM0034').click();
    // Its validity dates read as dd-mm-jjjj in the date field.
    await expect.poll(() => page.getByTestId('field-validFrom').inputValue()).toMatch(/^\d{2}-\d{2}-\d{4}$/);
    await page.getByTestId('delete').click();
    await page.getByTestId('confirm-delete').click();
    await expect.poll(async () => (await page.getByTestId('form-error').textContent()) ?? '').toMatch(/Gemeente GM0034 \(Almere\) wordt gebruikt door \d+ kandidaten/);
    await shotAndCheck('gemeenten');
  });
});

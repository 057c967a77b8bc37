// End to end in headless Chromium against browser mode: add a client through the form (a wrong field
// first, its error shown next to it, then fixed), find it by search, set it aside with a reason, archive an urgent one; add a
// home, change it through its edit form and find it with the planning-window filter. axe-core checks
// each screen, form and dialog. Screenshots: test-results/screenshots/register-*.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, type Session, type WebApp, apiCall, seriousA11yViolations, startSession } from './browser';

let app: WebApp;
let page: Page;

let session: Session;

beforeAll(async () => {
  session = await startSession();
  ({ app, page } = session);
});
afterAll(async () => session?.stop());

const shot = (name: string, fullPage = true) => page.screenshot({ path: join(SHOTS, `register-${name}.png`), fullPage });

/** Picks an option in a Mantine Select by its visible label. */
async function choose(testId: string, label: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

/** The error text Mantine shows under an input (linked by aria-describedby). */
async function fieldError(testId: string): Promise<string> {
  const input = page.getByTestId(testId);
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

describe('the register by hand', () => {
  it('adds a client through the form: a wrong date is shown at its field, fixed, saved', async () => {
    await page.goto(`${app.origin}/#/kandidaten`);
    await page.getByTestId('client-new').click();
    await page.getByTestId('client-form').waitFor();

    await page.getByTestId('field-id').fill('K-0100');
    await choose('field-group', 'Beschermd wonen');
    await page.getByTestId('field-birthDate').fill('30-02-1998'); // does not exist
    await choose('field-careProviderId', 'Dijkzicht Zorg (beschermd wonen)');
    await choose('field-originMunicipalityCode', 'Dronten');
    await choose('field-currentMunicipalityCode', 'Almere');
    await page.getByTestId('field-monthlyNet').fill('abc'); // text, not an amount
    await page.getByTestId('field-childrenAges').fill('4; twee');
    await page.getByTestId('add-networkPlaces').click();
    await choose('networkPlaces-0-municipality', 'Lelystad');
    await page.getByTestId('client-save').click();

    await expect.poll(() => fieldError('field-birthDate')).toContain('30-02-1998 bestaat niet');
    expect(await page.getByTestId('form-problems').textContent()).toContain('Geboortedatum: 30-02-1998 bestaat niet');
    // Typed text is named for what it is not, never "verplicht".
    expect(await fieldError('field-monthlyNet')).toContain("'abc' is geen bedrag");
    expect(await fieldError('field-childrenAges')).toContain("'twee' is geen geheel getal");
    expect(await page.getByTestId('form-problems').textContent()).toContain("Netto per maand: 'abc' is geen bedrag");
    await shot('01-client-form-error');
    await page.screenshot({ path: join(SHOTS, 'register-01-client-form-error-top.png') });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Each line of the summary links to its field: a click, or Enter on the link, moves focus there.
    const focusedId = () => page.evaluate<string>("document.activeElement ? document.activeElement.id : ''");
    await page.getByTestId('problem-link-income.monthlyNet').click();
    await expect.poll(focusedId).toBe(await page.getByTestId('field-monthlyNet').getAttribute('id'));
    expect(await page.getByTestId('field-monthlyNet').isVisible()).toBe(true);
    await page.getByTestId('problem-link-household.childrenAges').focus();
    await page.keyboard.press('Enter');
    await expect.poll(focusedId).toBe(await page.getByTestId('field-childrenAges').getAttribute('id'));
    // Scrolled into view: the field lies inside the window.
    const box = await page.getByTestId('field-childrenAges').boundingBox();
    const viewport = page.viewportSize();
    expect(box && viewport && box.y >= 0 && box.y + box.height <= viewport.height).toBe(true);

    // The date picker: opened at the field, a day picked in the previous month reads as dd-mm-jjjj.
    await page.getByTestId('field-readyDate').click();
    await page.getByRole('button', { name: 'Vorige maand' }).click();
    const now = new Date();
    const picked = new Date(now.getFullYear(), now.getMonth() - 1, 15);
    const dayName = picked.toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
    await page.getByRole('button', { name: dayName, exact: true }).waitFor();
    await page.getByTestId('field-readyDate').screenshot({ path: join(SHOTS, 'register-01b-field.png') });
    await page.screenshot({ path: join(SHOTS, 'register-01b-picker-open.png') });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: dayName, exact: true }).click();
    const pickedText = `15-${String(picked.getMonth() + 1).padStart(2, '0')}-${picked.getFullYear()}`;
    await expect.poll(() => page.getByTestId('field-readyDate').inputValue()).toBe(pickedText);

    // Readiness items can be ticked when adding a client; who confirms them is filled in (the user's name).
    await page.getByTestId('new-readiness-support-plan').check();
    await page.getByTestId('new-readiness-home-seeker').check();
    expect(await page.getByTestId('field-readinessBy').inputValue()).not.toBe('');
    await page.getByTestId('field-readinessBy').fill('J. de Vries (begeleider)');

    // An existing code is refused by the server and shown at the code field.
    await page.getByTestId('field-birthDate').fill('28-2-1998'); // d-m-jjjj is read too
    await page.getByTestId('field-monthlyNet').fill('1180,50');
    await page.getByTestId('field-childrenAges').fill('4; 7');
    await page.getByTestId('field-id').fill('K-0001');
    await page.getByTestId('client-save').click();
    await expect.poll(() => fieldError('field-id')).toContain('al in gebruik');
    expect(await fieldError('field-birthDate')).toBe('');

    await page.getByTestId('field-id').fill('K-0100');
    await page.getByTestId('client-save').click();
    await page.getByTestId('client-detail').waitFor();
    expect(await page.getByTestId('client-title').textContent()).toContain('K-0100');
    expect(await page.getByTestId('network-places').textContent()).toContain('Lelystad');
    expect(page.url()).toMatch(/#\/kandidaten\/K-0100$/);
    // What was typed and picked is what was stored: the ready date, the amount, the ticked readiness items.
    const detailText = (await page.getByTestId('client-detail').textContent()) ?? '';
    expect(detailText).toContain(pickedText);
    expect(detailText).toMatch(/€\s1\.180,50/);
    expect(await page.getByTestId('readiness-support-plan').getAttribute('data-done')).toBe('true');
    expect(await page.getByTestId('readiness-home-seeker').getAttribute('data-done')).toBe('true');
    expect(await page.getByTestId('readiness-income').getAttribute('data-done')).toBe('false');
    expect(await page.getByTestId('readiness-home-seeker').textContent()).toContain('bevestigd door J. de Vries (begeleider)');
    expect(await page.getByTestId('readiness-summary').textContent()).toBe('2 van 8 voorwaarden vervuld');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('names the organisation, not its code, of whoever confirmed a readiness item', async () => {
    // A confirmation recorded elsewhere (an import, the CLI) with the organisation's code in it.
    await apiCall(app, 'clients.confirmReadiness', { id: 'K-0003', item: 'income', done: true, confirmedBy: 'begeleider prov-windkering' });
    await page.goto(`${app.origin}/#/kandidaten/K-0003`);
    await page.getByTestId('client-detail').waitFor();
    await expect.poll(async () => (await page.getByTestId('readiness-income').textContent()) ?? '').toContain('bevestigd door begeleider Stichting Windkering Opvang');
    expect(await page.getByTestId('section-readiness').textContent()).not.toContain('prov-');
  });

  it('shows each chosen filter value in full, not cut off with an ellipsis', async () => {
    // "Vrouwenopvang" was shown as "Vrouwenopva…" in a fixed-width filter (its text 81.06 px in an 81 px box).
    await page.goto(`${app.origin}/#/kandidaten?doelgroep=VO,MO&zorgaanbieder=prov-dijkzicht&status=set-aside`);
    const labels = page.getByTestId('client-filters').locator('.mantine-Pill-label');
    // Wait for the final texts, not only for four pills: the provider's name arrives with the provider
    // list, and until then its pill shows the code (measuring then raced the list under load).
    const expected = ['Vrouwenopvang', 'Maatschappelijke opvang', 'Dijkzicht Zorg (beschermd wonen)', 'Geparkeerd'];
    await expect.poll(() => labels.allTextContents(), { timeout: 30_000 }).toEqual(expected);
    // Each label's text against its box (a string: the test files have no DOM types).
    const cut = await page.evaluate(
      "[...document.querySelectorAll('[data-testid=client-filters] .mantine-Pill-label')].map((el) => {" +
        ' const range = document.createRange(); range.selectNodeContents(el);' +
        ' return { text: el.textContent, box: el.getBoundingClientRect().width, needs: range.getBoundingClientRect().width };' +
        '}).filter((l) => l.needs > l.box + 0.01)',
    );
    expect(cut).toEqual([]);
  });

  it('finds the new client in the list by search and opens it', async () => {
    await page.goto(`${app.origin}/#/kandidaten`);
    const rows = page.locator('[data-testid^="client-row-"]');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(55);
    await page.getByTestId('client-search').fill('K-0100');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByTestId('client-count').textContent()).toBe('1 kandidaat');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('client-row-K-0100').click();
    await page.getByTestId('client-detail').waitFor();
    expect(await page.getByTestId('client-title').textContent()).toContain('K-0100');
  });

  it('confirms a readiness item with who confirmed it and today', async () => {
    await page.getByTestId('confirm-income').click();
    await page.getByTestId('confirm-readiness').click();
    await expect.poll(() => page.getByTestId('confirmed-by').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('confirmed-by').fill('J. de Vries (begeleider)');
    await page.getByTestId('confirm-readiness').click();
    await expect.poll(() => page.getByTestId('readiness-income').getAttribute('data-done')).toBe('true');
    expect(await page.getByTestId('readiness-income').textContent()).toContain('bevestigd door J. de Vries (begeleider)');
  });

  it('sets the client aside with a reason and shows the status', async () => {
    await page.getByTestId('client-status-set-aside').click();
    const dialog = page.getByRole('dialog', { name: 'Kandidaat parkeren' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Kandidaat parkeren');
    await page.getByTestId('reason-confirm').click(); // no reason yet
    await expect.poll(async () => (await dialog.textContent()) ?? '').toContain('Geef een reden op');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('reason-input').fill('Tijdelijke opname; eerst herstel');
    await shot('02-reason-modal', false);
    await page.getByTestId('reason-confirm').click();
    await expect.poll(async () => (await page.getByTestId('client-detail').textContent()) ?? '').toContain('Geparkeerd');
    // Why and since when, on the page itself (not only in the audit log).
    await expect.poll(() => page.getByTestId('client-status-note').textContent()).toMatch(/^Geparkeerd sinds \d{1,2} \w+ \d{4}: Tijdelijke opname; eerst herstel$/);
    expect(await page.getByTestId('client-status-active').isVisible()).toBe(true);
    await shot('03-client-set-aside');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The list filter by status finds it; the audit log has the reason.
    await page.goto(`${app.origin}/#/kandidaten?status=set-aside`);
    await expect.poll(() => page.getByTestId('client-row-K-0100').count()).toBe(1);
    await shot('04-kandidaten-filter');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto(`${app.origin}/#/instellingen`);
    await page.getByTestId('audit-table').waitFor();
    expect(await page.getByTestId('audit-table').textContent()).toContain('Tijdelijke opname; eerst herstel');
  });

  it('archives an urgent client: the page says why and when, and shows no urgency any more', async () => {
    const { rows } = await apiCall<{ rows: { id: string; urgency: string; status: string }[] }>(app, 'clients.list', { limit: 1000 });
    const urgent = rows.find((r) => r.urgency === 'high' && r.status === 'active')!;
    expect(urgent).toBeDefined();
    await page.goto(`${app.origin}/#/kandidaten/${urgent.id}`);
    await page.getByTestId('client-title').waitFor();
    await expect.poll(() => page.getByTestId('client-detail').textContent()).toContain('Urgent');
    await apiCall(app, 'clients.setStatus', { id: urgent.id, status: 'archived', reason: 'Heeft zelf een woning gevonden' });
    await page.reload();
    await expect.poll(() => page.getByTestId('client-status-note').textContent()).toMatch(/^Gearchiveerd op \d{1,2} \w+ \d{4}: Heeft zelf een woning gevonden$/);
    const header = page.getByTestId('client-title').locator('xpath=..');
    expect((await header.textContent()) ?? '').not.toContain('Urgent');
    await shot('04a-client-archived');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('adds a home through the form and finds it with the planning-window filter', async () => {
    await page.goto(`${app.origin}/#/woningen`);
    await page.getByTestId('unit-new').click();
    await page.getByTestId('unit-form').waitFor();
    await page.getByTestId('field-id').fill('W-900');
    await choose('field-corporationId', 'Polderhuis Wonen');
    await choose('field-kind', 'Kanswoning');
    await choose('field-municipalityCode', 'Urk');
    await page.getByTestId('field-address').fill('Proefstraat 9');
    await page.getByTestId('field-rent').fill('-20');
    await page.getByTestId('field-availableFrom').fill('01-04-2027');
    await page.getByTestId('unit-save').click();
    await expect.poll(() => fieldError('field-rent')).toContain('mag niet negatief zijn');
    await shot('05-unit-form-error');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('field-rent').fill('598');
    await page.getByTestId('unit-save').click();
    await page.getByTestId('unit-detail').waitFor();
    expect(await page.getByTestId('unit-title').textContent()).toContain('W-900');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Its edit form (#/woningen/W-900/bewerken): a negative rent again refused at the field, then saved.
    await page.getByTestId('unit-edit').click();
    await page.getByTestId('unit-form').waitFor();
    expect(page.url()).toMatch(/#\/woningen\/W-900\/bewerken$/);
    expect(await page.getByTestId('field-rent').inputValue()).toMatch(/^598/);
    await page.getByTestId('field-rent').fill('abc');
    await page.getByTestId('unit-save').click();
    await expect.poll(() => fieldError('field-rent')).toContain("'abc' is geen bedrag");
    await page.getByTestId('problem-link-rent').click();
    await expect.poll(() => page.evaluate<string>("document.activeElement ? document.activeElement.id : ''")).toBe(await page.getByTestId('field-rent').getAttribute('id'));
    await shot('05b-unit-form-typed-error', false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('field-rent').fill('612');
    await page.getByTestId('unit-save').click();
    await page.getByTestId('unit-detail').waitFor();
    await expect.poll(async () => (await page.getByTestId('unit-detail').textContent()) ?? '').toMatch(/612/);

    await page.goto(`${app.origin}/#/woningen`);
    const rows = page.locator('[data-testid^="unit-row-"]');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(46);
    // Free from 2027-04-01: outside a window to 2027-03-31, inside one to 2027-04-30.
    const all = (await page.getByTestId('unit-count').textContent()) ?? '';
    await page.getByTestId('filter-available-by').fill('31-03-2027');
    await expect.poll(() => page.url()).toContain('beschikbaar=2027-03-31');
    await expect.poll(async () => (await page.getByTestId('unit-count').textContent()) !== all && !(await page.getByTestId('unit-count').locator('..').locator('.mantine-Loader-root').count())).toBe(true);
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('unit-row-W-900').count()).toBe(0);
    await page.getByTestId('filter-available-by').fill('30-4-2027');
    await expect.poll(() => page.getByTestId('unit-row-W-900').count()).toBe(1);
    await shot('06-woningen-planning');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

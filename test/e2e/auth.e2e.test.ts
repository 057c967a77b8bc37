// E2E in Chromium: first start, logging in and out (wrong passphrase, lockout), the chair adding users,
// and what each role sees (start page, menu, "Geen toegang" at a forbidden address), a session ended in
// another tab. Screenshots: test-results/screenshots/auth-*.png.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, SHOTS, type Session, type WebApp, apiCall, fillLogin, login, logout, seriousA11yViolations, startSession } from './browser';

/** Generous: the machine may be busy; a poll ends as soon as it holds. */
const POLL = { timeout: 60_000, interval: 200 };

let session: Session;
let app: WebApp;
let page: Page;

const ANNA: Account = { name: 'anna', passphrase: 'mijn eerste tafel in de polder' };
const PIETER: Account = { name: 'pieter', passphrase: 'dijkzicht begeleidt naar huis' };
const LIES: Account = { name: 'lies', passphrase: 'kustlicht zoekt mee naar woningen' };
const OMAR: Account = { name: 'omar', passphrase: 'alleen de cijfers van de regio' };
const OMAR_NEW = 'cijfers zonder namen blijven cijfers';

const NAV = ['nav-kandidaten', 'nav-woningen', 'nav-uitstroomtafel', 'nav-beoordelen', 'nav-rapportages', 'nav-instellingen'];

beforeAll(async () => {
  session = await startSession({ empty: true });
  ({ app, page } = session);
});
afterAll(async () => session?.stop());

const shot = async (name: string) => {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SHOTS, `auth-${name}.png`), fullPage: true });
};

/** The menu items shown (by test id), in order. */
/** The painted background colour of the element with this test id (the test has no DOM types). */
const background = (testId: string) => page.evaluate(`getComputedStyle(document.querySelector('[data-testid="${testId}"]')).backgroundColor`) as Promise<string>;

async function navShown(): Promise<string[]> {
  const shown: string[] = [];
  for (const id of NAV) if ((await page.getByTestId(id).count()) > 0) shown.push(id);
  return shown;
}

/** Picks an option in a Mantine Select by its visible label. */
async function choose(testId: string, label: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

/** Adds a user through the users section of Instellingen, as the chair does. */
async function addUser(u: { account: Account; displayName: string; role: string; binding?: [testId: string, label: string] }) {
  await page.getByTestId('user-add').click();
  // The modal's root is a zero-size wrapper: wait for its first field.
  const field = page.getByTestId('user-displayName');
  await field.waitFor(POLL);
  await field.fill(u.displayName);
  await page.getByTestId('user-name').fill(u.account.name);
  await choose('user-role', u.role);
  if (u.binding) await choose(u.binding[0], u.binding[1]);
  await page.getByTestId('user-passphrase').fill(u.account.passphrase);
  await page.getByTestId('user-passphrase-repeat').fill(u.account.passphrase);
  await page.getByTestId('save').click();
  await page.getByTestId(`user-row-${u.account.name}`).waitFor(POLL);
  await expect.poll(() => field.count(), POLL).toBe(0);
}

describe('first start and logging in', () => {
  it('asks for the first user on no database, checks the passphrase twice, then opens the demo region', async () => {
    await page.goto(app.url);
    await page.getByTestId('setup-page').waitFor(POLL);
    // Nothing of the app before setup: no menu, no region.
    expect(await page.getByTestId('nav-kandidaten').count()).toBe(0);
    expect(await page.getByTestId('setup-demo').isChecked()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('01-eerste-start');

    await page.getByTestId('setup-displayName').fill('Anna de Vries');
    await page.getByTestId('setup-name').fill('Anna de Vries');
    await page.getByTestId('setup-passphrase').fill(ANNA.passphrase);
    await page.getByTestId('setup-passphrase-repeat').fill('iets anders dan daarnet');
    await page.getByTestId('setup-submit').click();
    const problems = page.getByTestId('form-problems');
    await problems.waitFor(POLL);
    // What is wrong and how to fix it, in the order of the form.
    const listed = (await problems.textContent()) ?? '';
    expect(listed).toContain('Inlognaam: zonder spaties, bijvoorbeeld "anna.devries"');
    expect(listed).toContain('de twee wachtwoordzinnen zijn niet gelijk');
    expect(listed.indexOf('Inlognaam')).toBeLessThan(listed.indexOf('wachtwoordzinnen'));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('02-eerste-start-fouten');

    await page.getByTestId('setup-name').fill(ANNA.name);
    await page.getByTestId('setup-passphrase-repeat').fill(ANNA.passphrase);
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('logout').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('region-name').textContent(), POLL).toContain('Flevoland');
    expect(await page.getByTestId('session-user').textContent()).toBe('Anna de Vries');
    expect(await page.getByTestId('session-role').textContent()).toBe('Voorzitter');
    expect(await navShown()).toEqual(NAV);
    expect(page.url()).toMatch(/#\/kandidaten$/);
  }, 240_000);

  it('logs out to the login page; a wrong passphrase is refused with a clear message', async () => {
    await logout(page);
    expect(await page.getByTestId('nav-kandidaten').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await fillLogin(page, { name: ANNA.name, passphrase: 'niet de goede wachtwoordzin' });
    const error = page.getByTestId('login-error');
    await error.waitFor(POLL);
    expect(await error.textContent()).toContain('Onbekende naam of verkeerde wachtwoordzin.');
    // An unknown name gets the very same message: a failed login tells nobody which it was.
    await fillLogin(page, { name: 'niemand', passphrase: 'niet de goede wachtwoordzin' });
    await expect.poll(() => error.textContent(), POLL).toContain('Onbekende naam of verkeerde wachtwoordzin.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('03-inloggen-fout');

    await fillLogin(page, ANNA);
    await page.getByTestId('logout').waitFor(POLL);
    expect(await page.getByTestId('session-user').textContent()).toBe('Anna de Vries');
  }, 180_000);
});

describe('the chair adds users', () => {
  it('adds a provider worker, a liaison and a read-only user in Instellingen', async () => {
    await page.goto(`${app.origin}/#/instellingen`);
    await page.getByTestId('settings-users').waitFor(POLL);
    await page.getByTestId(`user-row-${ANNA.name}`).waitFor(POLL);
    await addUser({ account: PIETER, displayName: 'Pieter Bakker', role: 'Medewerker zorgaanbieder', binding: ['user-careProviderId', 'Dijkzicht Zorg (beschermd wonen)'] });
    await addUser({ account: LIES, displayName: 'Lies Visser', role: 'Contactpersoon corporatie', binding: ['user-corporationId', 'Kustlicht Woondiensten'] });
    await addUser({ account: OMAR, displayName: 'Omar Haddad', role: 'Alleen lezen (monitor)' });
    const table = page.getByTestId('users-table');
    expect(await page.getByTestId(`user-row-${PIETER.name}`).textContent()).toContain('Dijkzicht Zorg (beschermd wonen)');
    expect(await page.getByTestId(`user-row-${LIES.name}`).textContent()).toContain('Kustlicht Woondiensten');
    expect(await table.textContent()).toContain('Alleen lezen (monitor)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('settings-users').screenshot({ path: join(SHOTS, 'auth-04-gebruikers.png') });

    // A passphrase that is too short is refused at its field, nothing made.
    await page.getByTestId('user-add').click();
    await page.getByTestId('user-displayName').fill('Te Kort');
    await page.getByTestId('user-name').fill('tekort');
    await choose('user-role', 'Alleen lezen (monitor)');
    await page.getByTestId('user-passphrase').fill('kort');
    await page.getByTestId('user-passphrase-repeat').fill('kort');
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByRole('dialog').textContent(), POLL).toContain('minstens 12 tekens');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Annuleren' }).click();
    expect(await page.getByTestId('user-row-tekort').count()).toBe(0);

    // The chair corrects her own name: the header shows the new one at once, without logging in again.
    // The dialog and the message name her by her name, not by her login name.
    await page.getByRole('button', { name: 'Anna de Vries bewerken' }).click();
    const name = page.getByTestId('user-displayName');
    await name.waitFor(POLL);
    expect(await page.getByRole('dialog', { name: 'Gebruiker Anna de Vries wijzigen' }).count()).toBe(1);
    await name.fill('Anna de Vries-Smit');
    // The title stays the name she had while the new one is typed.
    expect(await page.getByRole('dialog', { name: 'Gebruiker Anna de Vries wijzigen' }).count()).toBe(1);
    await page.getByTestId('save').click();
    await expect.poll(() => name.count(), POLL).toBe(0);
    expect(await page.getByTestId('users-done').textContent()).toBe('Gebruiker Anna de Vries-Smit is gewijzigd.');
    await expect.poll(() => page.getByTestId('session-user').textContent(), POLL).toBe('Anna de Vries-Smit');
    await page.getByRole('button', { name: 'Anna de Vries-Smit bewerken' }).click();
    await name.waitFor(POLL);
    await name.fill('Anna de Vries');
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('session-user').textContent(), POLL).toBe('Anna de Vries');
  }, 240_000);
});

describe('each role sees what it may use', () => {
  it('provider worker: only their own clients, no homes, rounds or review; "Geen toegang" at a round address', async () => {
    const all = (await apiCall<{ total: number }>(app, 'clients.list', {}, ANNA)).total;
    await logout(page);
    await login(page, app, PIETER);
    await expect.poll(() => page.url(), POLL).toMatch(/#\/kandidaten$/);
    expect(await page.getByTestId('session-role').textContent()).toBe('Medewerker zorgaanbieder');
    expect(await navShown()).toEqual(['nav-kandidaten', 'nav-rapportages', 'nav-instellingen']);
    const rows = page.locator('[data-testid^="client-row-"]');
    await expect.poll(() => rows.count(), POLL).toBeGreaterThan(0);
    const own = await rows.count();
    expect(own).toBeLessThan(all);
    // The provider column (8th) names their own care provider on every row.
    const providers = await rows.locator('td:nth-child(8)').allTextContents();
    expect(new Set(providers)).toEqual(new Set(['Dijkzicht Zorg (beschermd wonen)']));
    expect(await page.getByRole('heading', { name: 'Kandidaten van Dijkzicht Zorg (beschermd wonen)' }).count()).toBe(1);
    expect(await page.getByTestId('client-import').count()).toBe(0);
    expect(await page.getByTestId('client-new').count()).toBe(1);
    await shot('05-medewerker-start');

    // Their client form fixes the care provider.
    await page.getByTestId('client-new').click();
    await page.getByTestId('client-form').waitFor(POLL);
    expect(await page.getByTestId('field-careProviderId').inputValue()).toBe('Dijkzicht Zorg (beschermd wonen)');
    expect(await page.getByTestId('field-careProviderId').isDisabled()).toBe(true);

    // Their own client opens (without the chair's AVG buttons); another provider's is refused plainly.
    await page.goto(`${app.origin}/#/kandidaten/K-0001`);
    await page.getByTestId('client-title').waitFor(POLL);
    expect(await page.getByRole('button', { name: /AVG/ }).count()).toBe(0);
    await page.goto(`${app.origin}/#/kandidaten/K-0005`);
    const refused = page.getByTestId('api-error');
    await refused.waitFor(POLL);
    expect(await refused.textContent()).toContain('Geen toegang');
    expect(await refused.textContent()).toContain('K-0005 hoort niet bij uw zorgaanbieder');
    expect(await page.getByTestId('client-title').count()).toBe(0);
    // The same "Geen toegang" notice as a screen the role may not open (it was a red error here, yellow there).
    expect(await refused.getAttribute('data-notice')).toBe('access-denied');
    const refusedColour = await background('api-error');

    await page.goto(`${app.origin}/#/uitstroomtafel`);
    const denied = page.getByTestId('no-access');
    await denied.waitFor(POLL);
    expect(await denied.textContent()).toContain('Geen toegang');
    expect(await denied.getAttribute('data-notice')).toBe('access-denied');
    expect(await background('no-access')).toBe(refusedColour);
    expect(await page.getByTestId('rounds-page').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('06-medewerker-geen-toegang');
    await page.getByTestId('no-access-home').click();
    await expect.poll(() => page.url(), POLL).toMatch(/#\/kandidaten$/);

    // Instellingen: only their own account.
    await page.goto(`${app.origin}/#/instellingen`);
    await page.getByTestId('settings-account').waitFor(POLL);
    expect(await page.getByTestId('settings-users').count()).toBe(0);
    expect(await page.getByTestId('settings-audit').count()).toBe(0);
  }, 180_000);

  it('liaison: starts on Beoordelen, no clients; "Geen toegang" at the client list', async () => {
    await logout(page);
    await login(page, app, LIES);
    await expect.poll(() => page.url(), POLL).toMatch(/#\/beoordelen$/);
    await page.getByTestId('review-page').waitFor(POLL);
    expect(await page.getByTestId('session-role').textContent()).toBe('Contactpersoon corporatie');
    expect(await navShown()).toEqual(['nav-beoordelen', 'nav-rapportages', 'nav-instellingen']);
    await shot('07-contactpersoon-start');

    await page.goto(`${app.origin}/#/kandidaten`);
    await page.getByTestId('no-access').waitFor(POLL);
    expect(await page.locator('[data-testid^="client-row-"]').count()).toBe(0);
    await page.goto(`${app.origin}/#/kandidaten/K-0001`);
    await page.getByTestId('no-access').waitFor(POLL);
    expect(await page.getByTestId('client-detail').count()).toBe(0);
  }, 180_000);

  it('read-only: only the monitor; changes their own passphrase', async () => {
    await logout(page);
    await login(page, app, OMAR);
    await expect.poll(() => page.url(), POLL).toMatch(/#\/rapportages$/);
    expect(await page.getByTestId('session-role').textContent()).toBe('Alleen lezen (monitor)');
    expect(await navShown()).toEqual(['nav-rapportages', 'nav-instellingen']);
    await page.getByTestId('reports-page').waitFor(POLL);
    await shot('08-alleen-lezen-start');
    for (const path of ['kandidaten', 'woningen', 'uitstroomtafel', 'beoordelen', 'instellingen/beleid']) {
      await page.goto(`${app.origin}/#/${path}`);
      await page.getByTestId('no-access').waitFor(POLL);
    }

    await page.goto(`${app.origin}/#/instellingen`);
    await page.getByTestId('settings-account').waitFor(POLL);
    await page.getByTestId('account-current').fill('niet mijn wachtwoordzin');
    await page.getByTestId('account-next').fill(OMAR_NEW);
    await page.getByTestId('account-next-repeat').fill(OMAR_NEW);
    await page.getByTestId('account-save').click();
    await page.getByTestId('form-error').waitFor(POLL);
    expect(await page.getByTestId('account-done').count()).toBe(0);
    await page.getByTestId('account-current').fill(OMAR.passphrase);
    await page.getByTestId('account-save').click();
    await page.getByTestId('account-done').waitFor(POLL);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await logout(page);
    await fillLogin(page, OMAR);
    await page.getByTestId('login-error').waitFor(POLL);
    await fillLogin(page, { name: OMAR.name, passphrase: OMAR_NEW });
    await page.getByTestId('logout').waitFor(POLL);
  }, 180_000);
});

describe('lockout', () => {
  it('locks a name after five failures, says until when, and the chair lifts it', async () => {
    await logout(page);
    for (let i = 0; i < 5; i++) {
      await fillLogin(page, { name: PIETER.name, passphrase: `verkeerde wachtwoordzin ${i}` });
      await expect.poll(() => page.getByTestId('login-passphrase').inputValue(), POLL).toBe('');
    }
    // Even the right passphrase is refused while the name is locked.
    await fillLogin(page, PIETER);
    await expect.poll(() => page.getByTestId('login-passphrase').inputValue(), POLL).toBe('');
    const error = page.getByTestId('login-error');
    await expect.poll(() => error.textContent(), POLL).toMatch(/geblokkeerd tot \d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
    expect(await error.textContent()).toContain('Tijdelijk geblokkeerd');
    expect(await page.getByTestId('logout').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('09-geblokkeerd');

    await fillLogin(page, ANNA);
    await page.getByTestId('logout').waitFor(POLL);
    await page.goto(`${app.origin}/#/instellingen`);
    const locked = page.getByTestId(`user-locked-${PIETER.name}`);
    await locked.waitFor(POLL);
    expect(await locked.textContent()).toMatch(/Geblokkeerd tot \d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
    await page.getByTestId(`user-unlock-${PIETER.name}`).click();
    await expect.poll(() => locked.count(), POLL).toBe(0);

    await logout(page);
    await fillLogin(page, PIETER);
    await page.getByTestId('logout').waitFor(POLL);
    expect(await page.getByTestId('session-user').textContent()).toBe('Pieter Bakker');
  }, 240_000);
});

describe('a session that ends elsewhere', () => {
  it('sends the other tab back to the login page at its next call, showing nothing more', async () => {
    // Pieter is logged in (previous test); a second tab of the same browser shares the session.
    const second = await page.context().newPage();
    try {
      await second.goto(app.url);
      await second.getByTestId('logout').waitFor(POLL);
      await logout(second);
      // The first tab still shows the app until it asks the server something.
      await page.getByTestId('nav-rapportages').click();
      await page.getByTestId('login-page').waitFor(POLL);
      expect(await page.getByTestId('nav-kandidaten').count()).toBe(0);
      expect(await page.locator('[data-testid^="client-row-"]').count()).toBe(0);
    } finally {
      await second.close();
    }
  }, 120_000);
});

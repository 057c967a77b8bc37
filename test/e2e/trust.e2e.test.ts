// The trust screens in Chromium: backup made, listed, restored (login again, data as at the backup); retention
// dry run; access export (JSON + PDF) and erasure; the liaison's in-app review seen by the chair; the monitor
// for the read-only role. Screenshots in test-results/screenshots/trust-*.png, each checked by axe.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  CHAIR,
  ROOT,
  SHOTS,
  type Session,
  type WebApp,
  apiCall,
  createUser,
  fillLogin,
  isoOfShownDate,
  login,
  logout,
  seriousA11yViolations,
  startSession,
} from './browser';

/** Generous: the machine may be busy; a poll ends as soon as it holds. */
const POLL = { timeout: 30_000, interval: 200 };
const SLOW = 180_000;

interface DemoUnit {
  id: string;
  corporationId: string;
}
interface DemoClient {
  id: string;
  status: string;
}
const demo = JSON.parse(readFileSync(join(ROOT, 'resources', 'demo', 'flevoland.json'), 'utf8')) as { units: DemoUnit[]; clients: DemoClient[] };

let session: Session;
let app: WebApp;
let page: Page;
let roundId: number;
let corporationId: string;
let matched: Set<string>;
let liaison: Account;
let readonly: Account;

const api = <T>(method: string, input: unknown, as?: Account): Promise<T> => apiCall<T>(app, method, input, as);

const shot = async (name: string, fullPage = true) => {
  // Full-page shots of a scrolled page paint the fixed header mid-page: scroll up first.
  if (fullPage) await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SHOTS, `trust-${name}.png`), fullPage });
};

/** One part of a screen (a settings section), and the whole screen passes axe. */
const sectionShotAndCheck = async (testId: string, name: string) => {
  const section = page.getByTestId(testId);
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: join(SHOTS, `trust-${name}.png`) });
  expect(await seriousA11yViolations(page)).toEqual([]);
};

/** The screen is what a person sees and axe finds no serious problem on it. */
const shotAndCheck = async (name: string, fullPage = true) => {
  await shot(name, fullPage);
  expect(await seriousA11yViolations(page)).toEqual([]);
};

const go = async (hash: string) => page.goto(`${app.origin}/?token=${app.token}#${hash}`);

beforeAll(async () => {
  session = await startSession({ acceptDownloads: true });
  ({ app, page } = session);
  ({ id: roundId } = await api<{ id: number }>('rounds.create', { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31' }));
  const { proposal } = await api<{ proposal: { matches: { clientId: string; unitId: string }[] } }>('rounds.propose', { roundId });
  matched = new Set(proposal.matches.map((m) => m.clientId));
  // The corporation with the most proposals in this round: its liaison reviews them.
  const counts = new Map<string, number>();
  for (const m of proposal.matches) {
    const corp = demo.units.find((u) => u.id === m.unitId)?.corporationId ?? '';
    counts.set(corp, (counts.get(corp) ?? 0) + 1);
  }
  corporationId = [...counts.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]![0];
  liaison = await createUser(app, {
    name: 'contact-corporatie',
    displayName: 'Lotte Contact',
    role: 'liaison',
    corporationId,
    passphrase: 'woningen voor wie er klaar voor is',
  });
  readonly = await createUser(app, { name: 'monitor', displayName: 'Mo Nitor', role: 'readonly', passphrase: 'alleen de aantallen graag' });
}, SLOW);
afterAll(async () => session?.stop());

describe('backups in Instellingen', () => {
  let changedClient: string;

  it('makes a backup by hand and lists it with its date, reason and size', async () => {
    await go('/instellingen');
    await page.getByTestId('settings-backups').waitFor();
    await page.getByTestId('backup-create').click();
    await expect.poll(() => page.getByTestId('backup-message').textContent(), POLL).toMatch(/Back-up gemaakt: [\w.-]+-\d{8}-\d{6}-manual\.sqlite/);
    const manual = page.locator('[data-testid="backup-row"][data-file$="-manual.sqlite"]');
    await expect.poll(() => manual.count(), POLL).toBe(1);
    const text = (await manual.textContent()) ?? '';
    expect(text).toMatch(/\d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
    expect(text).toContain('Met de hand');
    expect(text).toMatch(/\d+(,\d)? (kB|MB)/);
    // How many to keep: saved, and shown back.
    await page.getByTestId('backup-keep').fill('7');
    await page.getByTestId('backup-keep-save').click();
    await expect.poll(() => page.getByTestId('backup-message').textContent(), POLL).toContain('de laatste 7 back-ups');
    await sectionShotAndCheck('settings-backups', '01-backups');
  }, SLOW);

  it('restores it after a confirmation: back to the login page, the data as it was at the backup', async () => {
    // A change after the backup, which the restore must take back.
    const clientsBefore = (await api<{ total: number }>('clients.list', {})).total;
    changedClient = demo.clients.find((c) => c.status === 'active' && !matched.has(c.id))!.id;
    await api('clients.setStatus', { id: changedClient, status: 'archived', reason: 'na de back-up gearchiveerd' });

    await page.locator('[data-testid="backup-row"][data-file$="-manual.sqlite"]').getByTestId('backup-restore').click();
    const dialog = page.getByTestId('restore-modal');
    await dialog.getByText('Iedereen wordt afgemeld').waitFor();
    expect(await dialog.textContent()).toContain('apart bewaard');
    await shotAndCheck('02-restore-confirm', false); // a dialog: what the window shows
    await page.getByTestId('restore-confirm').click();

    // Everyone is logged out: the app reloads onto the login page.
    await page.getByTestId('login-page').waitFor({ timeout: 60_000 });
    await shotAndCheck('03-after-restore-login');
    await fillLogin(page, CHAIR);
    await page.getByTestId('logout').waitFor({ timeout: 60_000 });

    // The data is there, as it was when the backup was made.
    const after = await api<{ client: { status: string } }>('clients.get', { id: changedClient });
    expect(after.client.status).toBe('active');
    expect((await api<{ total: number }>('clients.list', {})).total).toBe(clientsBefore);
    const rounds = await api<{ id: number }[]>('rounds.list', {});
    expect(rounds.map((r) => r.id)).toContain(roundId);
    // The database it replaced was kept aside as a backup.
    await go('/instellingen');
    await expect.poll(() => page.locator('[data-testid="backup-row"][data-file$="-before-restore.sqlite"]').count(), POLL).toBe(1);
  }, SLOW);
});

describe('retention in Instellingen', () => {
  it('saves a rule and shows what a dry run would do without changing anything', async () => {
    await go('/instellingen');
    const section = page.getByTestId('settings-privacy');
    await section.waitFor();
    // On the laptop the rules run with the daily backup, and a passphrase nobody knows is lost for good
    // (the server's own wording is tested in test/server).
    expect(await section.textContent()).toContain('direct na de dagelijkse back-up');
    expect(await page.getByTestId('settings-account').textContent()).toContain('er is geen achterdeur');
    await page.getByTestId('retention-action-withdrawn').click();
    await page.getByRole('option', { name: 'Pseudonimiseren' }).click();
    await page.getByTestId('retention-years-withdrawn').fill('3');
    // Unsaved rules: no dry run or run on what is not saved.
    expect(await page.getByTestId('retention-dry-run').isDisabled()).toBe(true);
    await page.getByTestId('retention-save').click();
    await expect.poll(() => page.getByTestId('retention-message').textContent(), POLL).toContain('opgeslagen');
    const saved = await api<{ retention: { kind: string; years: number; action: string }[] }>('privacy.settings', {});
    expect(saved.retention).toContainEqual({ kind: 'withdrawn', years: 3, action: 'pseudonymise' });

    const figuresBefore = await api<unknown>('monitor.figures', {});
    const clientsBefore = await api<unknown>('clients.list', {});
    await page.getByTestId('retention-dry-run').click();
    await page.getByTestId('retention-dry-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('retention-dry-result').textContent()).toContain('Proef: er is niets veranderd');
    expect(await api<unknown>('clients.list', {})).toEqual(clientsBefore);
    expect(await api<unknown>('monitor.figures', {})).toEqual(figuresBefore);
    await sectionShotAndCheck('settings-privacy', '04-retention');
  }, SLOW);
});

describe("the client's rights on the client page", () => {
  let erased: string;

  it('Inzage (AVG) downloads everything about the client as JSON and PDF', async () => {
    const id = demo.clients.find((c) => c.status === 'active' && matched.has(c.id))!.id;
    await go(`/kandidaten/${id}`);
    await page.getByTestId('client-title').waitFor();
    const json = page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.json'));
    const pdf = page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.pdf'));
    await page.getByTestId('client-access-export').click();
    const jsonText = readFileSync((await (await json).path())!, 'utf8');
    expect(jsonText).toContain(id);
    expect(() => JSON.parse(jsonText)).not.toThrow();
    expect(readFileSync((await (await pdf).path())!).subarray(0, 5).toString()).toBe('%PDF-');
    await expect.poll(() => page.getByTestId('client-rights-message').textContent(), POLL).toContain('Inzage gemaakt');
    await shotAndCheck('05-client-rights');
  }, SLOW);

  it('Wissen (AVG) needs a reason and the client id, then the client is gone from the list', async () => {
    erased = demo.clients.find((c) => c.status === 'active' && !matched.has(c.id))!.id;
    await go('/kandidaten');
    await page.getByTestId('client-search').fill(erased);
    await expect.poll(() => page.getByTestId(`client-row-${erased}`).count(), POLL).toBe(1);
    await page.getByTestId(`client-row-${erased}`).click();
    await page.getByTestId('client-title').waitFor();
    await page.getByTestId('client-erase').click();
    await page.getByTestId('erase-reason').waitFor();
    expect(await page.getByTestId('erase-modal').textContent()).toContain(`U wist kandidaat ${erased}`);
    await page.getByTestId('erase-reason').fill('Verzoek van de cliënt van 1 december 2026');
    // The wrong id keeps the button disabled.
    await page.getByTestId('erase-confirm-id').fill('K-9999');
    expect(await page.getByTestId('erase-confirm').isDisabled()).toBe(true);
    await page.getByTestId('erase-confirm-id').fill(erased);
    await shotAndCheck('06-erase-confirm', false);
    await page.getByTestId('erase-confirm').click();

    await expect.poll(() => page.evaluate('location.hash'), POLL).toBe('#/kandidaten');
    await page.getByTestId('client-search').fill(erased);
    await expect.poll(() => page.locator('[data-testid^="client-row-"]').count(), POLL).toBe(0);
    await expect(api('clients.get', { id: erased })).rejects.toThrow(/clients\.get/);
  }, SLOW);
});

describe("the liaison's review inside the app", () => {
  it('the liaison opens their corporation\'s review for a round and records a decision', async () => {
    await logout(page);
    await login(page, app, liaison);
    await page.getByTestId('review-page').waitFor();
    // The liaison sees no chair's card.
    expect(await page.getByTestId('review-chair').count()).toBe(0);
    await page.getByTestId('review-own-round').click();
    await page.getByRole('option', { name: new RegExp(`^Ronde ${roundId} `) }).click();
    await page.getByTestId('review-own-open').click();
    const rows = page.locator('[data-testid^="review-row-"]');
    await expect.poll(() => rows.count(), POLL).toBeGreaterThan(0);
    const code = (await rows.first().getAttribute('data-testid'))!.replace('review-row-', '');
    await page.getByTestId(`review-decision-${code}`).click();
    await page.getByRole('option', { name: 'Akkoord', exact: true }).click();
    expect(await page.getByTestId('review-name').inputValue()).toBe('Lotte Contact');
    await page.getByTestId('review-record').click();
    await expect.poll(() => page.getByTestId('review-recorded').textContent(), POLL).toMatch(new RegExp(`1 besluit van Lotte Contact vastgelegd in ronde ${roundId}`));
    // The review opens in review mode: only the review, no register; its header leads back to the app.
    await page.getByTestId('review-mode').waitFor();
    expect(await page.getByTestId('logout').count()).toBe(0);
    await shotAndCheck('07-liaison-review');
    await page.getByTestId('review-mode-close').click();
    await page.getByTestId('logout').waitFor({ timeout: 60_000 });
  }, SLOW);

  it('the chair sees that decision in the round', async () => {
    await logout(page);
    await login(page, app, CHAIR);
    const round = await api<{ decisions: { clientId: string; decision: string }[] }>('rounds.get', { id: roundId });
    expect(round.decisions).toHaveLength(1);
    const decided = round.decisions[0]!;
    expect(decided.decision).toBe('accepted');
    await go(`/uitstroomtafel/${roundId}?stap=besluiten`);
    const row = page.getByTestId(`decision-row-${decided.clientId}`);
    await row.waitFor({ timeout: 30_000 });
    await expect.poll(() => row.getByTestId('decision-badge').textContent(), POLL).toBe('Akkoord');
    await row.scrollIntoViewIfNeeded();
    await shotAndCheck('08-chair-sees-decision');
  }, SLOW);
});

describe('the monitor', () => {
  it('the read-only role starts on the monitor: counts only, small numbers hidden', async () => {
    await logout(page);
    await login(page, app, readonly);
    await page.getByTestId('monitor-page').waitFor({ timeout: 30_000 });
    await page.getByTestId('monitor-doc').waitFor({ timeout: 60_000 });
    // The figures are the monitor's own for this role: small numbers hidden, no click-through to rows.
    const from = isoOfShownDate(await page.getByTestId('monitor-period-from').inputValue());
    const to = isoOfShownDate(await page.getByTestId('monitor-period-to').inputValue());
    const doc = await api<{ smallNumbers: { hidden: boolean }; sections: { key: string }[] }>('monitor.report', { filters: { from, to } }, readonly);
    expect(doc.smallNumbers.hidden).toBe(true);
    expect(doc.sections.length).toBeGreaterThan(0);
    expect(await page.getByTestId('small-numbers-note').getAttribute('data-hidden')).toBe('true');
    expect(await page.locator('button[data-testid^="drill-"], button[data-testid^="figure-drill-"]').count()).toBe(0);
    // No name of a client anywhere on the page.
    const text = (await page.textContent('body')) ?? '';
    expect(text).not.toContain('Michelle');
    await shotAndCheck('09-monitor');
  }, SLOW);
});

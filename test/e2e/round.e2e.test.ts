// End to end through one round of the uitstroomtafel in headless Chromium on the demo region
// (referenceDate 2026-11-27): create, propose, Michelle's explanation, lock a pair, re-run, compare,
// decide (one decline), close, the outcome on the client and home pages (also as the provider worker), and
// the follow-up list; axe-core checks every step, drawer, menu and dialog on the way. Screenshots: test-results/screenshots/round-*.png.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAIR, SHOTS, type WebApp, apiCall, createUser, launchChromium, login, logout, startWebApp, seriousA11yViolations } from './browser';

let app: WebApp;
let browser: Browser;
let page: Page;
const errors: string[] = [];
/** The client codes of the decided pairs in table order: declined, waiting, refused, then placed. */
let closedIds: string[] = [];
/** The prepare step's candidates that take part. */
const included = () => page.locator('[data-testid^="member-client-"][data-included="true"]');

beforeAll(async () => {
  app = await startWebApp();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => errors.push(e.message));
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Full page, except over a drawer or modal (fixed position): then the visible window. */
const shot = (name: string, fullPage = true) => page.screenshot({ path: join(SHOTS, `round-${name}.png`), fullPage });
/** The screenshot, and axe-core finds no serious or critical problem on the screen as shown. */
const shotAndCheck = async (name: string, fullPage = true) => {
  await shot(name, fullPage);
  expect(await seriousA11yViolations(page)).toEqual([]);
};

describe('a whole round at the uitstroomtafel', () => {
  it('creates a round and shows its candidates and homes', async () => {
    await login(page, app);
    await page.getByTestId('region-name').waitFor();
    await page.goto(`${app.origin}/#/uitstroomtafel`);
    await page.getByTestId('rounds-page').waitFor();
    await page.getByTestId('rounds-empty').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('round-new').click();
    await page.getByTestId('round-date').fill('2026-11-27');
    await page.getByTestId('round-from').fill('2026-11-27');
    await page.getByTestId('round-to').fill('2027-01-27');
    await shotAndCheck('01-nieuwe-ronde');
    await page.getByTestId('round-create').click();
    await page.getByTestId('prepare-step').waitFor();
    expect(page.url()).toMatch(/#\/uitstroomtafel\/\d+/);
    await expect.poll(() => included().count()).toBeGreaterThan(5);
    expect(await page.getByTestId('prepare-clients').textContent()).toContain('Niet woonrijp');
    expect(await page.locator('[data-testid^="member-unit-"][data-included="true"]').count()).toBeGreaterThan(5);
    await shotAndCheck('02-voorbereiden');
  }, 120_000);

  it('prepare: groups with counts, a search that narrows the list, buttons named for whom they act on', async () => {
    const rows = page.locator('[data-testid^="member-client-"]');
    const all = await rows.count();
    // The groups, each with its count: the counts add up to every candidate.
    const groups = (await page.getByTestId('prepare-groups').textContent()) ?? '';
    const counts = ['Alle', 'Woonrijp', 'Housing First', 'Niet woonrijp'].map((g) => Number(new RegExp(`${g} \\((\\d+)\\)`).exec(groups)?.[1]));
    expect(counts[0]).toBe(all);
    expect(counts[1]! + counts[2]! + counts[3]!).toBe(all);
    expect(counts[2]).toBeGreaterThan(0);
    expect(await page.getByTestId('prepare-group-housing-first').textContent()).toMatch(new RegExp(`^Housing First\\d+ van ${counts[2]} doe`));
    // One set of counts: the header, the card and the groups all count "x van y doen mee" of the same list.
    const taking = await included().count();
    expect(await page.getByTestId('prepare-clients').textContent()).toContain(`Kandidaten: ${taking} van ${all} doen mee`);
    expect(await page.getByTestId('round-members').textContent()).toMatch(new RegExp(`^${taking} van ${all} kandidaten en \\d+ van \\d+ woningen doen mee$`));
    expect(await page.getByTestId('prepare-units').textContent()).toMatch(/Woningen: \d+ van \d+ doen mee/);
    // The whole list is counted by "Alle (n)" alone; the line under it speaks only for a search or a group.
    expect(await page.getByTestId('prepare-found').textContent()).toBe('');
    // Only Housing First: every row shown is in that group.
    await page.getByTestId('prepare-groups').getByText(/^Housing First/).click();
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(counts[2]);
    await page.getByTestId('prepare-groups').getByText(/^Alle/).click();
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(all);

    // Search by municipality narrows the list to candidates from there; by code to one.
    const search = page.getByRole('textbox', { name: 'Zoek kandidaten' });
    await search.fill('lelystad');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeLessThan(all);
    const shown = await rows.count();
    expect(shown).toBeGreaterThan(0);
    for (let i = 0; i < shown; i++) expect(await rows.nth(i).textContent()).toContain('Lelystad');
    await search.fill('K-0013');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('prepare-found').textContent()).toBe('1 kandidaat gevonden');
    await search.fill('Michelle');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1);
    await page.getByTestId('member-client-K-0001').waitFor();
    await search.fill('niemand-heet-zo');
    await page.getByTestId('prepare-empty').waitFor();
    await search.fill('');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(all);

    // Drop K-0013 by its named button, with a reason, and add it back the same way.
    await page.getByRole('button', { name: 'K-0013 laten vallen' }).click();
    await page.getByTestId('reason-input').fill('Verhuist deze maand naar familie');
    await page.getByTestId('reason-confirm').click();
    await expect.poll(() => page.getByTestId('member-client-K-0013').getAttribute('data-included'), { timeout: 30_000 }).toBe('false');
    await page.getByRole('button', { name: 'K-0013 toevoegen' }).click();
    await page.getByTestId('reason-input').fill('Verhuizing gaat toch niet door');
    await page.getByTestId('reason-confirm').click();
    await expect.poll(() => page.getByTestId('member-client-K-0013').getAttribute('data-included'), { timeout: 30_000 }).toBe('true');
    expect(await page.getByTestId('member-client-K-0013').textContent()).toContain('Ja (toegevoegd)');
    expect(await page.getByRole('button', { name: /^W-\d+ laten vallen$/ }).count()).toBeGreaterThan(5);
    await search.fill('almere');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeLessThan(all);
    await shotAndCheck('02b-voorbereiden-zoeken', false);
    await search.fill('');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(all);
  }, 120_000);

  it('proposes, with figures beside today\'s practice', async () => {
    await page.getByTestId('to-proposal').click();
    await page.getByTestId('propose-run').click();
    // While the job runs, "Stoppen" can cancel it.
    await page.getByTestId('propose-stop').waitFor();
    await shot('03a-berekenen');
    await page.getByTestId('matches').waitFor({ timeout: 110_000 });
    expect(await page.getByTestId('figures-optimal').textContent()).toContain('Geplaatst');
    // The agenda's words: "De huidige praktijk" with its rule, "Bewezen de beste verdeling".
    expect(await page.getByTestId('figures-greedy').textContent()).toContain('De huidige praktijk');
    expect(await page.getByTestId('figures-greedy-note').textContent()).toContain('Wie het langst wacht, kiest eerst');
    expect(await page.getByTestId('optimality').textContent()).toMatch(/^(Bewezen de beste verdeling|Beste gevonden verdeling)/);
    await shotAndCheck('03-voorstel');
  }, 120_000);

  it('explains every term of the proposal in place, reachable by keyboard', async () => {
    const figures = page.getByTestId('figures-optimal');
    for (const term of ['geplaatst', 'gemeente van herkomst / netwerk', 'hoogste buurtbelasting', 'mogelijke koppelingen', 'totaalscore', 'uitwisselingsbalans', 'band', 'afspraken (quotum)', 'beste verdeling']) {
      await figures.getByRole('button', { name: `Uitleg: ${term}` }).waitFor();
    }
    expect(await figures.getByRole('button', { name: 'Uitleg: strafpunten zachte grenzen' }).count()).toBe((await page.getByTestId('figures-optimal-penalties').count()) > 0 ? 1 : 0);
    // Reached with the keyboard (Tab from the term before it), the info button opens its explanation.
    await figures.getByRole('button', { name: 'Uitleg: uitwisselingsbalans' }).focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label")'), { timeout: 30_000 }).toBe('Uitleg: band');
    const tip = page.getByRole('tooltip');
    await expect.poll(() => tip.textContent(), { timeout: 30_000 }).toContain('Zover mag de balans van een gemeente afwijken');
    await shotAndCheck('03b-voorstel-uitleg', false);
    // And on hover (the focused one may stay open beside it).
    await figures.getByRole('button', { name: 'Uitleg: mogelijke koppelingen' }).hover();
    await page.getByRole('tooltip').filter({ hasText: 'aan alle harde regels voldoen' }).waitFor({ timeout: 30_000 });
    expect(await figures.getByTestId('figures-optimal-pairs').textContent()).toMatch(/^\d+ woningen · [\d.]+ mogelijke koppelingen$/);
    // A balance outside its band is marked in words as well as in red, with a line that says so.
    const outside = await figures.locator('[data-outside="true"]').count();
    expect(await page.getByTestId('figures-optimal-outside-band').count()).toBe(outside > 0 ? 1 : 0);
    if (outside > 0) expect(await figures.locator('[data-outside="true"]').first().textContent()).toContain('(buiten de band)');
    // Each row's menu says whose it is.
    await page.getByRole('button', { name: 'Acties voor K-0001' }).waitFor();
    await page.getByRole('button', { name: 'Uitleg: score' }).waitFor();
    // An unplaced client's extra reasons are counted in words, never a bare "(+2)".
    expect(await page.getByTestId('unplaced').textContent()).not.toMatch(/\(\+\d+\)/);
    // The neighbourhood load reads "2 van max. 2", under a line that says where.
    expect(await figures.getByTestId('figures-optimal-load').textContent()).toMatch(/^\d+ van max\. \d+$|^—$/);
    // "afwijking: …" in the proposals is explained at its column.
    await page.getByRole('button', { name: 'Uitleg: afwijking' }).hover();
    await page.getByRole('tooltip').filter({ hasText: 'buiten de gemeente van herkomst' }).waitFor({ timeout: 30_000 });
  }, 60_000);

  it('formats every score the same way: one decimal, the real minus sign, "Waarom niet" without a stray icon', async () => {
    const oneDecimal = /^\d{1,3}(\.\d{3})*,\d$/;
    const scores = await page.getByTestId('matches').locator('tbody tr td:nth-child(5)').allTextContents();
    expect(scores.length).toBeGreaterThan(3);
    for (const score of scores) expect(score).toMatch(oneDecimal);
    // The scores inside the reasons of "Niet geplaatst" too (they had two decimals there).
    const unplaced = (await page.getByTestId('unplaced').textContent()) ?? '';
    const inReasons = [...unplaced.matchAll(/\(score ([^)]+)\)/g)].map((m) => m[1]);
    expect(inReasons.length).toBeGreaterThan(0);
    for (const score of inReasons) expect(score).toMatch(oneDecimal);
    // Signed figures use "−", never a hyphen before a digit.
    for (const id of ['figures-optimal', 'figures-greedy']) expect(await page.getByTestId(id).textContent()).not.toMatch(/(^|[^\w])-\d/);
    // "Waarom niet" is a plain text button: no "?" icon before it.
    const why = page.locator('[data-testid^="why-not-"]').first();
    expect(await why.locator('svg').count()).toBe(0);
    expect(await why.textContent()).toBe('Waarom niet');
  }, 60_000);

  it("opens Michelle's explanation: Lelystad, deviation Netwerk", async () => {
    const row = page.getByTestId('match-K-0001');
    expect(await row.textContent()).toContain('Lelystad');
    await row.click();
    const explanation = page.getByTestId('explanation');
    await explanation.waitFor();
    await page.waitForTimeout(400); // the drawer's opening transition
    expect(await page.getByTestId('deviation').textContent()).toContain('Netwerk');
    expect(await explanation.textContent()).toContain('Lelystad');
    expect(await page.getByTestId('score-terms').textContent()).toContain('Totaal');
    // Why the deviation, in a sentence; score terms and alternatives signed with "+" and "−", one decimal.
    expect(await page.getByTestId('deviation-help').textContent()).toContain('netwerk');
    const terms = await page.getByTestId('score-terms').locator('td:nth-child(3)').allTextContents();
    for (const t of terms.filter(Boolean)) expect(t).toMatch(/^([+−]\d{1,3}(\.\d{3})*|\d{1,3}(\.\d{3})*),\d$/);
    // The alternatives' numbers have a header that says what they are, with its explanation.
    for (const [table, term] of [
      ['alternatives-client', 'verschil in score (woningen)'],
      ['alternatives-unit', 'verschil in score (kandidaten)'],
    ] as const) {
      if ((await page.getByTestId(table).count()) === 0) continue;
      expect(await page.getByTestId(table).locator('thead').textContent()).toContain('Verschil in score');
      await page.getByTestId(table).getByRole('button', { name: `Uitleg: ${term}` }).waitFor();
      for (const d of await page.getByTestId(table).locator('tbody td:nth-child(2)').allTextContents()) expect(d).toMatch(/^([+−]\d[\d.]*|0),\d$/);
    }
    await shotAndCheck('04-waarom-michelle', false);
    await page.keyboard.press('Escape');
    await page.getByTestId('explanation').waitFor({ state: 'detached' });
  }, 60_000);

  it('says what it would take to place a waiting client, and why homes stay empty', async () => {
    // In the demo round K-0032 waits because Buiten Centrum is at its cap: one more placement there places
    // them in W-015 without displacing anyone (found by the engine, shown in "Waarom niet").
    await page.getByTestId('why-not-K-0032').click();
    const whatIf = page.getByTestId('what-if');
    await whatIf.waitFor();
    expect(await page.getByTestId('what-if-sentence').textContent()).toBe(
      'Eén plaatsing meer onder de buurtgrens (Buurt Buiten Centrum: max. 2 per 3 mnd): K-0032 naar W-015; niemand wordt verdrongen (totaalscore +85,7).',
    );
    expect(await page.getByTestId('what-if-displaced').textContent()).toBe('Niemand uit het voorstel valt af.');
    expect(await whatIf.textContent()).toContain('Gecontroleerd');
    await page.waitForTimeout(400); // the drawer's opening transition, before the picture
    await shotAndCheck('04b-wat-zou-helpen', false);
    await page.keyboard.press('Escape');
    await page.getByTestId('what-if').waitFor({ state: 'detached' });
    // A client who can only be placed by displacing another: who, and what it costs.
    await page.getByTestId('why-not-K-0036').click();
    await expect.poll(() => page.getByTestId('what-if-sentence').textContent(), { timeout: 30_000 }).toContain('verdringt K-0054');
    expect(await page.getByTestId('what-if-displaced').textContent()).toMatch(/^Valt af: K-0054/);
    await page.keyboard.press('Escape');
    await page.getByTestId('what-if').waitFor({ state: 'detached' });
    // The homes left empty: counted per reason in the figures and listed one by one under the unplaced.
    const byReason = await page.getByTestId('empty-by-reason').locator('li').allTextContents();
    expect(byReason.length).toBeGreaterThan(0);
    for (const line of byReason) expect(line).toMatch(/^\d+ (woning blijft|woningen blijven) leeg (door|omdat) .+\.$/);
    expect(byReason.join(' ')).toContain('door de buurtgrens');
    expect(await page.getByTestId('figures-optimal-empty').textContent()).toContain('leeg door de buurtgrens');
    const listed = await page.locator('[data-testid^="empty-W-"]').count();
    const counted = byReason.reduce((n, line) => n + Number(line.split(' ')[0]), 0);
    expect(listed).toBe(counted);
    expect(await page.getByTestId('empty-W-015').textContent()).toContain('Buurt Buiten Centrum');
    await page.getByTestId('empty-homes').scrollIntoViewIfNeeded();
    await page.getByTestId('empty-homes').screenshot({ path: join(SHOTS, 'round-04c-lege-woningen.png') });
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 60_000);

  it('locks one pair with a reason, re-runs and compares versions 1 and 2', async () => {
    const first = page.locator('[data-testid^="match-K-"]').nth(1);
    const clientId = ((await first.getAttribute('data-testid')) ?? '').replace('match-', '');
    await page.getByTestId(`match-actions-${clientId}`).click();
    await page.getByTestId('action-lock').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]); // the open menu
    await page.getByTestId('action-lock').click();
    await page.getByTestId('reason-input').fill('Afgesproken met de corporatie tijdens de tafel');
    expect(await seriousA11yViolations(page)).toEqual([]); // the reason dialog
    await page.getByTestId('reason-confirm').click();
    await expect.poll(() => page.getByTestId('controls').textContent()).toContain('Vastgezet');
    // And rule out Michelle's proposed home, so version 2 really differs: she must move.
    await page.getByTestId('match-actions-K-0001').click();
    await page.getByTestId('action-forbid').click();
    await page.getByTestId('reason-input').fill('Woning eerder door haar afgewezen');
    await page.getByTestId('reason-confirm').click();
    await expect.poll(() => page.getByTestId('controls').textContent()).toContain('Uitgesloten');
    await page.getByTestId('propose-run').click();
    await expect.poll(() => page.getByTestId('version-select').inputValue(), { timeout: 110_000 }).toContain('Versie 2');
    await page.getByTestId(`match-${clientId}`).getByTestId('locked-icon').waitFor();
    await shotAndCheck('05-versie-2');
    await page.getByTestId('compare-select').click();
    await page.getByRole('option', { name: /Versie 1/ }).click();
    await page.getByTestId('compare-open').click();
    await page.getByTestId('comparison').waitFor();
    const comparison = (await page.getByTestId('comparison').textContent()) ?? '';
    expect(comparison).toContain('Versie 1');
    expect(comparison).toContain('K-0001');
    expect(comparison).not.toContain('Geen verschil in koppelingen');
    await page.waitForTimeout(400); // let the modal finish fading in before the picture
    await shotAndCheck('06-vergelijk', false);
    await page.keyboard.press('Escape');
  }, 150_000);

  it('records decisions (one declined, one waiting for the client), confirms what closing does, and closes', async () => {
    // The chair gets a display name other than the login name, so the tables can show the name.
    const [me] = (await apiCall<{ name: string; role: string; version: number }[]>(app, 'users.list', {})).filter((u) => u.name === CHAIR.name);
    await apiCall(app, 'users.update', { name: CHAIR.name, displayName: 'Anna de Voorzitter', role: 'chair', careProviderId: null, corporationId: null, active: true, expectedVersion: me!.version });
    await page.reload();
    await page.getByTestId('step-besluiten').click();
    await page.getByTestId('decide-step').waitFor();
    const rows = page.locator('[data-testid^="decision-row-"]');
    const count = await rows.count();
    expect(count).toBeGreaterThan(3);
    // "Ronde afsluiten" with no decision yet: named, and described by the line that says what comes first.
    const closeButton = page.getByRole('button', { name: 'Ronde afsluiten' });
    expect(await page.getByTestId('decisions-summary').textContent()).toBe(`0 van ${count} voorstellen hebben een besluit. Eerst een besluit bij elk voorstel, dan kan de ronde worden afgesloten.`);
    expect(await closeButton.getAttribute('aria-describedby')).toBe('decisions-summary');
    // Refused while decisions are missing: one plain sentence and the missing pairs, once.
    await closeButton.click();
    const refusal = page.getByTestId('close-error');
    await refusal.waitFor();
    const refusalText = (await refusal.textContent()) ?? '';
    expect(refusalText).toContain(`Nog niet af te sluiten: ${count} voorstellen hebben nog geen besluit`);
    expect(refusalText).not.toContain('kan niet worden gesloten');
    expect(await page.getByTestId('close-missing').locator('li').count()).toBe(count);
    const firstId = ((await rows.first().getAttribute('data-testid')) ?? '').replace('decision-row-', '');
    expect(refusalText.split(firstId).length - 1).toBe(1);
    // A code never breaks across lines: each side of a pair is kept on one line.
    expect(await page.getByTestId(`close-missing-${firstId}`).locator('[data-pair-side]').count()).toBe(2);
    const wrapping = await page.evaluate(
      "[...document.querySelectorAll('[data-testid=close-missing] [data-pair-side]')].map((el) => getComputedStyle(el).whiteSpace).filter((w) => w !== 'nowrap')",
    );
    expect(wrapping).toEqual([]);
    // Nothing was closed.
    expect(await page.getByTestId('round-status').textContent()).not.toBe('Afgerond');
    await shotAndCheck('07-afsluiten-geweigerd');
    const ids: string[] = [];
    // Pair 0: declined by the corporation; pair 1: accepted, the client's answer still unknown;
    // pair 2: accepted, refused by the client; the rest: accepted by both.
    for (let i = 0; i < count; i++) {
      const id = ((await rows.nth(i).getAttribute('data-testid')) ?? '').replace('decision-row-', '');
      ids.push(id);
      await page.getByTestId(`decide-${id}`).click();
      await page.getByTestId('decision-save').waitFor();
      if (i === 0) {
        await page.getByTestId('decision-kind').getByText('Afgewezen').click();
        await page.getByTestId('decision-reason').click();
        await page.getByRole('option', { name: 'Corporatie weigert: huurschuld' }).click();
        // Heard by phone: the chair records it on behalf of the corporation's contact person.
        await page.getByTestId('decision-on-behalf-of').fill('P. Bakker');
      }
      const answer = i <= 1 ? 'Nog niet bekend' : i === 2 ? 'Weigert' : 'Akkoord';
      await page.getByTestId('decision-answer').click();
      await page.getByRole('option', { name: answer, exact: true }).click();
      await expect.poll(() => page.getByTestId('decision-answer').inputValue(), { timeout: 30_000 }).toBe(answer);
      if (i === 0) {
        await shot('08-besluit-afgewezen');
        expect(await seriousA11yViolations(page)).toEqual([]);
      }
      await page.getByTestId('decision-save').click();
      await page.getByTestId('decision-save').waitFor({ state: 'hidden' });
      await expect.poll(() => rows.nth(i).textContent(), { timeout: 30_000 }).toContain(i === 0 ? 'Afgewezen' : 'Akkoord');
      await expect.poll(() => rows.nth(i).getByTestId('client-answer').textContent(), { timeout: 30_000 }).toBe(answer);
    }
    const [declined, waiting, refused] = ids as [string, string, string];
    // Who decided for the corporation when the chair named them, and who recorded it: the chair's display name, not the login name.
    await expect.poll(() => rows.nth(0).getByTestId('decided-by').innerText(), { timeout: 30_000 }).toMatch(/^P\. Bakker \(namens [^)]+\)\s+vastgelegd door Anna de Voorzitter$/);
    expect(await rows.nth(1).getByTestId('decided-by').innerText()).toBe('vastgelegd door Anna de Voorzitter');
    await expect.poll(() => page.getByTestId('decisions-summary').textContent(), { timeout: 30_000 }).toContain('1 paar wacht nog op het antwoord van de cliënt');
    // With every decision in, the refusal is gone.
    expect(await page.getByTestId('close-error').count()).toBe(0);
    await shotAndCheck('09-besluiten');

    // Closing first says what happens to every pair; cancel keeps the round open.
    await page.getByTestId('round-close').click();
    const confirm = page.getByTestId('close-confirm');
    await confirm.getByTestId('close-confirm-button').waitFor();
    const summary = (await page.getByTestId('close-confirm-summary').textContent()) ?? '';
    expect(summary).toContain(`Van de ${count} voorstellen: ${count - 3} paren worden geplaatst, 2 paren gaan terug naar de pool en 1 paar wacht op het antwoord van de cliënt`);
    expect(await confirm.getByTestId('outcome-placed').textContent()).toContain(`${count - 3} paren worden geplaatst`);
    const returned = (await confirm.getByTestId('outcome-returned').textContent()) ?? '';
    expect(returned).toContain('2 paren gaan terug naar de pool');
    expect(await confirm.getByTestId(`outcome-pair-${declined}`).textContent()).toContain('afgewezen door de corporatie: huurschuld');
    expect(await confirm.getByTestId(`outcome-pair-${refused}`).textContent()).toContain('geweigerd door de cliënt');
    const waitingText = (await confirm.getByTestId('outcome-waiting').textContent()) ?? '';
    expect(waitingText).toContain('1 paar wacht op het antwoord van de cliënt en wordt niet geplaatst');
    expect(waitingText).toContain('Afsluiten plaatst dit paar niet');
    expect(await confirm.getByTestId(`outcome-pair-${waiting}`).count()).toBe(1);
    await page.waitForTimeout(400); // let the modal finish fading in before the picture
    await shotAndCheck('09a-afsluiten-bevestigen', false);
    // Its buttons are in view without scrolling the page: the pairs scroll inside the dialog.
    const button = await page.getByTestId('close-confirm-button').boundingBox();
    expect(button).not.toBeNull();
    expect((button?.y ?? 0) + (button?.height ?? 0)).toBeLessThanOrEqual(page.viewportSize()?.height ?? 0);
    await page.getByTestId('close-cancel').click();
    await page.getByTestId('close-confirm-button').waitFor({ state: 'hidden' });
    expect(await page.getByTestId('round-status').textContent()).not.toBe('Afgerond');
    expect(await page.getByTestId(`decide-${waiting}`).isEnabled()).toBe(true);

    // Confirm: the round closes, and the closed step says what became of each pair.
    await page.getByTestId('round-close').click();
    await page.getByTestId('close-confirm-button').click();
    await page.getByTestId('closed-summary').waitFor();
    const closedSummary = (await page.getByTestId('closed-summary').textContent()) ?? '';
    expect(closedSummary).toContain('1 paar is niet geplaatst: het antwoord van de cliënt was nog niet bekend');
    expect(closedSummary).toContain('door Anna de Voorzitter.');
    await expect.poll(() => page.getByTestId('closed-summary').textContent(), { timeout: 30_000 }).toContain(`${count - 3} plaatsingen aangemaakt`);
    expect(await page.getByTestId('closed-step').getByTestId(`outcome-pair-${waiting}`).count()).toBe(1);
    expect(await page.getByTestId('closed-step').getByTestId('outcome-waiting').textContent()).toContain('Kandidaat en woning zijn teruggegaan naar de pool');
    expect(await page.getByTestId(`closed-row-${waiting}`).textContent()).toContain('Niet geplaatst: antwoord cliënt onbekend');
    expect(await page.getByTestId(`closed-row-${declined}`).textContent()).toContain('Terug naar de pool');
    expect(await page.getByTestId(`closed-row-${declined}`).getByTestId('decided-by').innerText()).toMatch(/^P\. Bakker \(namens [^)]+\)\s+vastgelegd door Anna de Voorzitter$/);
    expect(await page.getByTestId('closed-decisions').textContent()).toContain('Afgewezen');
    expect(await page.getByTestId('round-title').textContent()).toMatch(/^Ronde \d+ — 27 november 2026$/);
    await shotAndCheck('10-afgerond');
    // A closed round: every step carries a check, also the ones shown before "Afgerond", none a number.
    await page.getByTestId('step-besluiten').click();
    await page.getByTestId('decide-step').waitFor();
    for (const step of ['voorbereiden', 'voorstel', 'besluiten', 'afgerond']) {
      expect(await page.getByTestId(`step-${step}`).locator('.mantine-Stepper-stepIcon').textContent()).toBe('');
      // (Polled: the step left behind fades its completed icon out.)
      await expect.poll(() => page.getByTestId(`step-${step}`).locator('.mantine-Stepper-stepIcon svg').count(), { timeout: 30_000 }).toBe(1);
    }
    // The last label keeps its distance from the edge of the page.
    const steps = await page.getByTestId('round-steps').boundingBox();
    const last = await page.getByTestId('step-afgerond').boundingBox();
    expect((steps?.x ?? 0) + (steps?.width ?? 0) - ((last?.x ?? 0) + (last?.width ?? 0))).toBeGreaterThanOrEqual(12);
    await shot('10b-afgerond-besluiten');
    // The proposal step of a closed round no longer asks for a re-run.
    await page.getByTestId('step-voorstel').click();
    await page.getByTestId('controls').waitFor();
    expect(await page.getByTestId('controls').textContent()).not.toContain('bereken opnieuw');
    // Who set each control, by display name (it showed the login name 'voorzitter').
    expect(await page.getByTestId('controls').textContent()).toContain('Anna de Voorzitter');
    await page.getByTestId('step-afgerond').click();
    await page.getByTestId('closed-summary').waitFor();
    closedIds = ids;
  }, 180_000);

  it("shows the round's outcome on the client pages: declined with the reason, refused, placed in a home that is let", async () => {
    const [declined, , refused, placed] = closedIds as [string, string, string, string];
    const roundUrl = page.url();
    const roundId = /#\/uitstroomtafel\/(\d+)/.exec(roundUrl)?.[1];
    expect(roundId).toBeDefined();
    const openClient = async (id: string) => {
      await page.goto(`${app.origin}/#/kandidaten/${id}`);
      await page.getByTestId('section-vetoes').waitFor();
      return page.getByTestId('section-vetoes');
    };
    // Declined by the corporation for rent debt: said with the day, the round and the reason.
    let vetoes = await openClient(declined);
    await expect.poll(() => vetoes.textContent()).toContain(`Afgewezen door de corporatie op`);
    const declinedText = (await vetoes.textContent()) ?? '';
    expect(declinedText).toMatch(new RegExp(`Afgewezen door de corporatie op \\d{1,2} \\w+ \\d{4} \\(ronde ${roundId}\\): huurschuld`));
    expect(declinedText).not.toContain('Nog geen aanbod');
    expect(await page.getByTestId('section-placement').count()).toBe(0);
    await shotAndCheck('10a-client-afgewezen');
    // Refused by the client.
    vetoes = await openClient(refused);
    await expect.poll(() => vetoes.textContent()).toMatch(new RegExp(`Geweigerd door de cliënt op \\d{1,2} \\w+ \\d{4} \\(ronde ${roundId}\\)`));
    expect((await vetoes.textContent()) ?? '').not.toContain('Nog geen aanbod');
    // Placed: where, when and in which round, linked to the home.
    await openClient(placed);
    const placement = page.getByTestId('section-placement');
    await placement.waitFor();
    expect(await page.getByTestId('placement-summary').textContent()).toMatch(new RegExp(`^Geplaatst op 27 november 2026 in ronde ${roundId}: .+ in .+\\.$`));
    await shotAndCheck('10b-client-geplaatst');
    const unitId = (await page.getByTestId('placement-unit-link').textContent()) ?? '';
    expect(unitId).toMatch(/^W-/);
    // The home: let to this client since the round, no availability date as if it were coming free.
    await page.getByTestId('placement-unit-link').click();
    await page.getByTestId('unit-detail').waitFor();
    await expect.poll(() => page.getByTestId('unit-let-to').first().textContent()).toBe(`${placed} sinds 27 november 2026 (ronde ${roundId})`);
    const unitText = (await page.getByTestId('unit-detail').textContent()) ?? '';
    expect(unitText).not.toMatch(/beschikbaar vanaf/i);
    expect(unitText).not.toContain('Huidige bewoner');
    expect(page.url()).toContain(`#/woningen/${unitId}`);
    await shotAndCheck('10c-woning-verhuurd');
    expect(errors).toEqual([]);
    // Back to the closed round for the next step.
    await page.goto(roundUrl);
    await page.getByTestId('closed-summary').waitFor();
  }, 120_000);

  it('shows the follow-up to-do list', async () => {
    await page.getByTestId('to-followup').click();
    await page.getByTestId('followup-page').waitFor();
    await expect.poll(() => page.locator('[data-testid^="placement-"]').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('todo').count()).toBe(1);
    await shotAndCheck('11-nazorg');
    // Dutch throughout, with an introduction; no "Data", "Check", "Checks" or "Eigen naam" unexplained.
    const followup = page.getByTestId('followup-page');
    expect(await page.getByTestId('followup-intro').textContent()).toContain('controle na 6, 12 en 24 maanden');
    const heads = await page.getByTestId('placements').locator('th').allTextContents();
    expect(heads).toContain('Controles');
    expect(heads).toContain('Datums');
    expect(heads).not.toContain('Checks');
    expect(heads).not.toContain('Eigen naam');
    expect(await followup.getByRole('button', { name: /^(Data|Check)\b/ }).count()).toBe(0);
    // Earlier placements read in as history stand apart, explained, with a sentence-case label.
    const history = page.getByTestId('history-placements');
    expect(await history.textContent()).toContain('Plaatsingen van vóór deze app, ingelezen als geschiedenis');
    expect(await page.getByTestId('history-table').textContent()).toContain('Geen kandidaat in het register');
    expect(await followup.textContent()).not.toContain('eerdere plaatsing (geen');

    // Each check's pill says its state in words (and in its accessible name), not only by colour.
    const rows = page.locator('tr[data-testid^="placement-P-"]');
    const first = ((await rows.first().getAttribute('data-testid')) ?? '').replace('placement-', '');
    const second = ((await rows.nth(1).getAttribute('data-testid')) ?? '').replace('placement-', '');
    const pill = (id: string, month: number) => page.getByTestId(`check-pill-${id}-${month}`);
    expect(await pill(first, 6).getAttribute('data-state')).toBe('due');
    expect(await pill(first, 6).textContent()).toMatch(/^6 mnd: gepland \d{2}-\d{2}-\d{4}$/);
    expect(await pill(first, 6).getAttribute('aria-label')).toMatch(/^6 mnd: gepland .*nog niet vastgelegd/);
    // Done: recorded from the pill itself.
    await pill(first, 6).click();
    await page.getByTestId('check-save').waitFor();
    await expect.poll(() => page.evaluate('getComputedStyle(document.querySelector(".mantine-Modal-content")).opacity')).toBe('1');
    expect(await page.getByTestId('check-month').inputValue()).toMatch(/^Na 6 maanden/);
    await shotAndCheck('11a-controle-vastleggen', false);
    await page.getByTestId('check-save').click();
    await expect.poll(() => pill(first, 6).getAttribute('data-state')).toBe('done');
    expect(await pill(first, 6).textContent()).toBe('6 mnd: gedaan');
    expect(await pill(first, 6).getAttribute('aria-label')).toContain('woont nog in de woning');
    // Overdue: a move-in date long ago makes every open check late.
    await page.getByTestId(`placement-edit-${second}`).click();
    await page.getByTestId('date-moveInDate').fill('01-01-2020');
    await page.getByTestId('dates-save').click();
    await expect.poll(() => pill(second, 24).getAttribute('data-state')).toBe('overdue');
    expect(await page.getByTestId(`placement-dates-${second}`).textContent()).toBe('Verhuisdatum: 01-01-2020');
    expect(await page.getByTestId(`placement-dates-${first}`).textContent()).toBe('Nog geen datums');
    expect(await pill(second, 12).textContent()).toBe('12 mnd: te laat');
    expect(await pill(second, 12).getAttribute('aria-label')).toContain('is nog niet vastgelegd');
    await shotAndCheck('11b-nazorg-controles');
    // The list of rounds, now with this closed round.
    await page.goto(`${app.origin}/#/uitstroomtafel`);
    await expect.poll(() => page.locator('[data-testid^="round-row-"]').count()).toBe(1);
    expect(await page.getByTestId('round-status').textContent()).toBe('Afgerond');
    // What the last version proposed, and apart from it what closing placed (one declined, one refused, one waiting).
    const proposed = Number(await page.getByTestId('round-proposed').textContent());
    expect(proposed).toBeGreaterThan(3);
    expect(Number(await page.getByTestId('round-placed').textContent())).toBe(proposed - 3);
    expect(await page.getByTestId('rounds-table').locator('thead').textContent()).toContain('Geplaatst');
    expect(await page.getByTestId('rounds-table').locator('thead').textContent()).not.toContain('(voorstel)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows the round in the Logboek on Instellingen in words, not raw JSON', async () => {
    await page.goto(`${app.origin}/#/instellingen`);
    const log = page.getByTestId('audit-table');
    await log.waitFor();
    const text = (await log.textContent()) ?? '';
    expect(text).toContain('besluit vastgelegd');
    expect(text).toMatch(/afgesloten.*versie \d+: \d+ plaatsingen; 2 paren terug naar de pool/);
    expect(text).toContain('1 paar niet geplaatst, antwoord cliënt onbekend');
    expect(text).not.toMatch(/[{}"]/);
    await log.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'round-12-logboek.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it("shows the provider worker their client's declined offer, and who sees the places to avoid as it is for them", async () => {
    const declined = closedIds[0]!;
    const { client } = await apiCall<{ client: { careProviderId: string } }>(app, 'clients.get', { id: declined });
    const worker = await createUser(app, {
      name: 'wim',
      displayName: 'Wim Werker',
      role: 'provider',
      careProviderId: client.careProviderId,
      passphrase: 'wim begeleidt zijn eigen kandidaten',
    });
    await logout(page);
    await login(page, app, worker);
    await page.goto(`${app.origin}/#/kandidaten/${declined}`);
    const vetoes = page.getByTestId('section-vetoes');
    await vetoes.waitFor();
    await expect.poll(() => vetoes.textContent()).toMatch(/Afgewezen door de corporatie op .+: huurschuld/);
    const note = 'Alleen zichtbaar voor uw zorgaanbieder en de voorzitter; nooit gedeeld met corporaties.';
    expect(await page.getByTestId('avoid-places-note').textContent()).toBe(note);
    expect((await page.getByTestId('client-detail').textContent()) ?? '').not.toContain('Alleen zichtbaar voor de voorzitter;');
    await shotAndCheck('13-zorg-client-afgewezen');
    await page.goto(`${app.origin}/#/kandidaten/${declined}/bewerken`);
    await page.getByTestId('avoid-places-note').waitFor();
    expect(await page.getByTestId('avoid-places-note').textContent()).toBe(note);
    expect(errors).toEqual([]);
  }, 60_000);
});

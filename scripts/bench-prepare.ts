// Prepare-step benchmark (`npm run bench:prepare`; needs `npm run build`): 5,000 generated clients on the
// demo region, a round over them, the built web app in Chromium (playwright-core); times the first render
// of "Voorbereiden", a search, and dropping and adding a candidate (median of 5, target <= 300 ms each).
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { CLIENT_GROUPS } from '../shared/domain/codes';
import { apiCall, launchChromium, login, openDatabaseFile, startWebApp, type WebApp } from '../test/e2e/browser';
import { Rng } from '../shared/domain/random';

const CLIENTS = 5_000;
const RUNS = 5;
const TARGET_MS = 300;
/** A wait that fails the bench rather than hang it; generous for a busy two-core machine. */
const WAIT = { timeout: 120_000 };

/**
 * Adds CLIENTS active clients to the app's database, each a copy of a demo client with its own code,
 * group and municipality: two in three ready, one in twenty Housing First, the rest with open items.
 */
async function generateClients(app: WebApp): Promise<void> {
  const db = await openDatabaseFile(app);
  try {
    const r = new Rng(20261127);
    const munis = (db.prepare('select code from municipalities').all() as { code: string }[]).map((m) => m.code);
    const template = db.prepare("select * from clients where id = 'K-0001'").get() as Record<string, unknown>;
    const readiness = db.prepare("select item, seq from client_readiness where client_id = 'K-0001' order by seq").all() as { item: string; seq: number }[];
    const cols = Object.keys(template);
    const addClient = db.prepare(`insert into clients (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`);
    const addItem = db.prepare('insert into client_readiness (client_id, item, seq, done, confirmed_by, confirmed_at) values (?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 1; i <= CLIENTS; i++) {
        const id = `B-${String(i).padStart(5, '0')}`;
        const kind = r.float();
        const ready = kind < 0.67;
        const housingFirst = !ready && kind > 0.95;
        addClient.run({
          ...template,
          id,
          name: null,
          target_group: r.pick(CLIENT_GROUPS),
          origin_municipality_code: r.pick(munis),
          current_municipality_code: r.pick(munis),
          ready_date: ready ? '2026-06-01' : null,
          housing_first: housingFirst ? 1 : 0,
          status: 'active',
          version: 1,
        });
        readiness.forEach((item, k) => {
          const done = ready || k % 2 === 0;
          addItem.run(id, item.item, item.seq, done ? 1 : 0, done ? 'bench' : null, done ? '2026-05-01' : null);
        });
      }
    })();
  } finally {
    db.close();
  }
}

/** One printed figure: the median, every run, and whether it meets the target. */
function line(label: string, xs: number[], judged = true): string {
  const m = median(xs);
  const verdict = judged ? `; target <= ${TARGET_MS}: ${m <= TARGET_MS ? 'met' : 'NOT MET'}` : '';
  return `  ${label.padEnd(44)} ${m.toFixed(0).padStart(5)} ms  (runs: ${xs.map((x) => x.toFixed(0)).join(', ')}${verdict})`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** One measured action: a warm-up run, then RUNS timed ones (ms, from the driver's side). */
async function timed(run: (i: number) => Promise<number>): Promise<number[]> {
  await run(RUNS);
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) out.push(await run(i));
  return out;
}

async function stopwatch(action: () => Promise<unknown>, done: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await action();
  await done();
  return performance.now() - t0;
}

/**
 * In the page itself: from the click on `selector` (capture phase) until the candidate's row says
 * data-included=`value`; the driver's own overhead is left out. Resolves with the milliseconds.
 */
const IN_PAGE = `(([selector, rowId, value]) => new Promise((resolve) => {
  let start = 0;
  document.addEventListener('click', (e) => { if (e.target.closest(selector)) start = performance.now(); }, { capture: true, once: true });
  const done = () => {
    const row = document.querySelector('[data-testid="member-client-' + rowId + '"]');
    return start > 0 && row && row.getAttribute('data-included') === value;
  };
  const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(performance.now() - start); } });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-included'] });
}))`;

/** The included candidates shown at the top of the list, to drop and add back. */
async function includedCodes(page: Page, n: number): Promise<string[]> {
  const rows = page.locator('[data-testid^="member-client-B-"][data-included="true"]');
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(((await rows.nth(i).getAttribute('data-testid')) ?? '').replace('member-client-', ''));
  return ids;
}

async function main(): Promise<void> {
  const app = await startWebApp();
  const t0 = performance.now();
  await generateClients(app);
  const { id: roundId } = await apiCall<{ id: number }>(app, 'rounds.create', { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31' });
  const setupMs = performance.now() - t0;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await login(page, app);
    const roundUrl = `${app.origin}/#/uitstroomtafel/${roundId}?stap=voorbereiden`;
    const firstRow = page.locator('[data-testid^="member-client-"]').first();
    const candidates = page.locator('[data-testid^="member-client-"]');

    // First render: from the list of rounds to the prepare step showing its first candidates.
    const render = await timed(async () => {
      await page.goto(`${app.origin}/#/uitstroomtafel`);
      await page.getByTestId('rounds-page').waitFor(WAIT);
      return stopwatch(
        () => page.goto(roundUrl),
        () => firstRow.waitFor(WAIT),
      );
    });
    const rendered = await candidates.count();
    console.log(`Prepare-step benchmark: ${CLIENTS.toLocaleString('en')} generated clients on the demo region, one round (set up in ${(setupMs / 1000).toFixed(1)} s).`);
    console.log(`  (median of ${RUNS} after one warm-up; render and search timed from the driver, round trip included;`);
    console.log(`   drop and add timed in the page from the click to the changed row, and also as the driver sees them,`);
    console.log(`   which adds Playwright's waits for the dialog's button to stand still)`);
    console.log(`  rows in the DOM after the first render: ${rendered} of ${(await page.getByTestId('prepare-groups').textContent())?.match(/Alle \((\d+)\)/)?.[1]} (windowed list)`);
    console.log(line('first render of Voorbereiden', render));
    // Of which the server's answer: rounds.get over HTTP, as the app asks it.
    const fetching = await timed(async () => {
      const t = performance.now();
      await apiCall(app, 'rounds.get', { id: roundId });
      return performance.now() - t;
    });
    console.log(line('  of which rounds.get over HTTP (no render)', fetching, false));

    // A search: typing a code until the list shows that one candidate.
    const search = page.getByRole('textbox', { name: 'Zoek kandidaten' });
    const searching = await timed(async (i) => {
      const code = `B-${String(4000 + i).padStart(5, '0')}`;
      const ms = await stopwatch(
        () => search.fill(code),
        () => page.locator(`[data-testid="member-client-${code}"]`).waitFor(WAIT),
      );
      await search.fill('');
      await firstRow.waitFor(WAIT);
      return ms;
    });
    console.log(line('search a code (list shows it)', searching));

    // Drop and add back: the reason dialog opening, and from "Laten vallen" in the dialog until the row says so.
    const codes = await includedCodes(page, RUNS + 1);
    const opening: number[] = [];
    const dropping: number[] = [];
    const adding: number[] = [];
    const inPage: number[] = [];
    const addsInPage: number[] = [];
    for (const [i, code] of codes.entries()) {
      const row = page.getByTestId(`member-client-${code}`);
      const open = await stopwatch(
        () => page.getByRole('button', { name: `${code} laten vallen` }).click(),
        () => page.getByTestId('reason-input').waitFor(WAIT),
      );
      await page.getByTestId('reason-input').fill('Benchmark: laten vallen');
      const dropInPage = page.evaluate(`${IN_PAGE}(['[data-testid="reason-confirm"]', '${code}', 'false'])`) as Promise<number>;
      const drop = await stopwatch(
        () => page.getByTestId('reason-confirm').click(),
        () => row.and(page.locator('[data-included="false"]')).waitFor(WAIT),
      );
      inPage.push(await dropInPage);
      await page.getByTestId('reason-input').waitFor({ state: 'hidden', ...WAIT });
      await page.getByRole('button', { name: `${code} toevoegen` }).click();
      await page.getByTestId('reason-input').fill('Benchmark: weer toevoegen');
      const addInPage = page.evaluate(`${IN_PAGE}(['[data-testid="reason-confirm"]', '${code}', 'true'])`) as Promise<number>;
      const add = await stopwatch(
        () => page.getByTestId('reason-confirm').click(),
        () => row.and(page.locator('[data-included="true"]')).waitFor(WAIT),
      );
      addsInPage.push(await addInPage);
      await page.getByTestId('reason-input').waitFor({ state: 'hidden', ...WAIT });
      if (i === 0) {
        inPage.pop();
        addsInPage.pop();
        continue; // warm-up
      }
      opening.push(open);
      dropping.push(drop);
      adding.push(add);
    }

    console.log(line('"… laten vallen": reason dialog open', opening));
    console.log(line('drop: confirm clicked until the row shows it', inPage));
    console.log(line('  (as the driver sees it, with its waits)', dropping, false));
    // The app's own calls, as the browser timed them (resource timing).
    const calls = (await page.evaluate(
      "performance.getEntriesByType('resource').filter((e) => /\\/api\\/rounds\\.(setMember|get)/.test(e.name)).map((e) => [e.name.split('/api/')[1], e.duration])",
    )) as [string, number][];
    for (const method of ['rounds.setMember', 'rounds.get']) {
      const xs = calls.filter(([m]) => m === method).map(([, d]) => d).slice(-2 * RUNS);
      console.log(line(`  in the browser: ${method} (last ${xs.length})`, xs, false));
    }
    // Of which the server's answer: rounds.setMember over HTTP.
    const member = async (included: boolean) => apiCall(app, 'rounds.setMember', { roundId, kind: 'client', id: 'B-04999', included, reason: 'Benchmark' });
    const setting = await timed(async (i) => {
      const t = performance.now();
      await member(i % 2 === 1);
      return performance.now() - t;
    });
    await member(true);
    console.log(line('  of which rounds.setMember over HTTP', setting, false));
    console.log(line('add: confirm clicked until the row shows it', addsInPage));
    console.log(line('  (as the driver sees it, with its waits)', adding, false));
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

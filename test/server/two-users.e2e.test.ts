// E2E on the regional server (issue 15): a real `npm run server` process on a real PostgreSQL, and two
// people at once in two browser contexts of Chromium — the chair and a care provider's worker. Each
// sees what their role allows; they edit the same client at the same time, the later save is refused
// with who changed it and when, and nothing is lost.
// Screenshots: test-results/screenshots/server-01-provider-list.png, server-02-chair-stale.png,
// server-03-settings-backups.png.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asChair } from '../../shared/auth/system-user';
import { initServer, openServerBackend } from '../../electron/backend/server/server';
import { ROOT, SHOTS, fillLogin, launchChromium, seriousA11yViolations } from '../e2e/browser';
import { emptyPostgresDatabase } from '../pg/database';
import { type ServerProcess, startServerProcess } from './server-process';

const CHAIR = { name: 'anna', displayName: 'Anna de Vries', passphrase: 'de tafel zoekt een eigen thuis' };
const WORKER = { name: 'piet', displayName: 'Piet Jansen', passphrase: 'dijkzicht begeleidt naar een huis' };

let server: ServerProcess | undefined;
let origin: string;
let browser: Browser;
let chairContext: BrowserContext;
let workerContext: BrowserContext;
let chair: Page;
let worker: Page;
let ownClients: string[];

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first (npm test does).');
  const url = await emptyPostgresDatabase();
  await initServer(url, CHAIR);
  // The region and the worker's account, as the chair would make them (import screen, Instellingen).
  const backend = await openServerBackend(url);
  try {
    const dataset = JSON.parse(readFileSync(join(ROOT, 'resources', 'demo', 'flevoland.json'), 'utf8')) as { clients: { id: string; careProviderId: string; status?: string }[] };
    ownClients = dataset.clients.filter((c) => c.careProviderId === 'prov-dijkzicht').map((c) => c.id);
    for (const [method, input] of [
      ['dataset.import', { dataset, source: 'demo' }],
      ['users.create', { name: WORKER.name, displayName: WORKER.displayName, role: 'provider', careProviderId: 'prov-dijkzicht', corporationId: null, passphrase: WORKER.passphrase }],
    ] as const) {
      const r = await backend.dispatch(method, input, asChair(CHAIR.name));
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    }
  } finally {
    await backend.close();
  }
  // The server as an administrator starts it: its own process, a free port on 127.0.0.1.
  server = await startServerProcess(url);
  origin = server.origin;
  expect(server.output()).toContain('Zonder TLS-bestanden luistert de server alleen op 127.0.0.1');
  browser = await launchChromium();
  // Two people: two browser contexts, each with its own cookies (its own session and CSRF token).
  chairContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  workerContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  chair = await chairContext.newPage();
  worker = await workerContext.newPage();
  for (const page of [chair, worker]) page.on('pageerror', (e) => console.error('[page error]', e.message));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const notes = (page: Page) => page.getByRole('textbox', { name: 'Notities' });

async function openEdit(page: Page, id: string) {
  await page.goto(`${origin}/#/kandidaten/${id}/bewerken`);
  await page.getByTestId('client-form').waitFor({ timeout: 60_000 });
}

describe('two people on one regional server', () => {
  it('the chair and a provider worker log in at once, each seeing what their role allows', async () => {
    await Promise.all([chair.goto(`${origin}/`), worker.goto(`${origin}/`)]);
    await Promise.all([fillLogin(chair, CHAIR), fillLogin(worker, WORKER)]);
    for (const page of [chair, worker]) await page.getByTestId('region-name').waitFor({ timeout: 60_000 });
    await expect.poll(() => chair.locator('header').textContent()).toContain('Anna de Vries');
    await expect.poll(() => worker.locator('header').textContent()).toContain('Piet Jansen');
    // The worker's list holds their own organisation's candidates only.
    await worker.getByRole('link', { name: 'Kandidaten' }).click();
    const codes = worker.getByRole('table').locator('tbody tr td:first-child');
    await expect.poll(async () => (await codes.allTextContents()).length, { timeout: 60_000 }).toBeGreaterThan(0);
    const shown = await codes.allTextContents();
    expect(shown.every((c) => ownClients.includes(c.trim()))).toBe(true);
    await worker.screenshot({ path: join(SHOTS, 'server-01-provider-list.png') });
    expect(await seriousA11yViolations(worker)).toEqual([]);
    // The chair sees every organisation's.
    await chair.getByRole('link', { name: 'Kandidaten' }).click();
    await expect.poll(async () => (await chair.getByRole('table').locator('tbody tr').count()), { timeout: 60_000 }).toBeGreaterThan(shown.length);
    // Another organisation's candidate is not the worker's to open.
    const other = (await chair.getByRole('table').locator('tbody tr td:first-child').allTextContents()).map((c) => c.trim()).find((c) => !ownClients.includes(c))!;
    await worker.goto(`${origin}/#/kandidaten/${other}`);
    await expect.poll(() => worker.locator('main').textContent(), { timeout: 60_000 }).toMatch(/niet|geen toegang|bestaat niet/i);
  }, 240_000);

  it('both edit the same client at once: the later save is refused with who and when, and "Opnieuw laden" shows the first', async () => {
    const id = ownClients[0]!;
    await Promise.all([openEdit(chair, id), openEdit(worker, id)]);
    await notes(worker).fill('Bijgewerkt door de begeleider');
    await worker.getByTestId('client-save').click();
    await worker.getByTestId('client-detail').waitFor({ timeout: 60_000 });

    await notes(chair).fill('Bijgewerkt door de voorzitter');
    await chair.getByTestId('client-save').click();
    await chair.getByTestId('stale-alert').waitFor({ timeout: 60_000 });
    const message = (await chair.getByTestId('stale-message').textContent()) ?? '';
    expect(message).toMatch(/^Deze kandidaat is intussen gewijzigd door Piet Jansen op \d{2}-\d{2}-\d{4} \d{2}:\d{2}; laad opnieuw om de laatste gegevens te zien\.$/);
    await chair.screenshot({ path: join(SHOTS, 'server-02-chair-stale.png') });
    await chair.getByTestId('stale-reload').click();
    await expect.poll(() => notes(chair).inputValue(), { timeout: 60_000 }).toBe('Bijgewerkt door de begeleider');
    await notes(chair).fill('Bijgewerkt door de begeleider; gezien door de voorzitter');
    await chair.getByTestId('client-save').click();
    await chair.getByTestId('client-detail').waitFor({ timeout: 60_000 });
    // The worker, reloading, sees the chair's addition.
    await worker.reload();
    await expect.poll(() => worker.getByTestId('client-detail').textContent(), { timeout: 60_000 }).toContain('gezien door de voorzitter');
  }, 240_000);

  it('Instellingen on the server: backups are the administrator’s, said instead of the laptop’s controls; retention runs by itself; a lost passphrase is the administrator’s to set', async () => {
    await chair.getByRole('link', { name: 'Instellingen' }).click();
    const note = chair.getByTestId('backups-by-server');
    await note.waitFor({ timeout: 60_000 });
    expect(await note.textContent()).toContain('pg_dump');
    expect(await chair.getByTestId('backup-create').count()).toBe(0);
    // A forgotten passphrase: on the server its administrator can set one (npm run server -- passphrase); no keyring to lose.
    await expect.poll(() => chair.getByTestId('settings-account').textContent(), { timeout: 60_000 }).toContain('dan stelt de beheerder van de server er een in');
    // The retention rules: applied by the server itself, not after a backup in the app.
    await expect.poll(() => chair.getByTestId('settings-privacy').textContent(), { timeout: 60_000 }).toContain('De server past de termijnen zelf toe, eenmaal per dag');
    await note.scrollIntoViewIfNeeded();
    await chair.screenshot({ path: join(SHOTS, 'server-03-settings-backups.png') });
    expect(await seriousA11yViolations(chair)).toEqual([]);
  }, 120_000);

  it('one logs out; the other works on', async () => {
    await worker.getByTestId('logout').click();
    await worker.getByTestId('login-page').waitFor({ timeout: 60_000 });
    // The sidebar's link (Instellingen has a card of that name too).
    await chair.getByRole('link', { name: 'Woningen', exact: true }).first().click();
    await expect.poll(async () => (await chair.getByRole('table').locator('tbody tr').count()), { timeout: 60_000 }).toBeGreaterThan(0);
  }, 120_000);
});

// Consent in Chromium: the client detail and form say what holds today per party ("Wat geldt
// vandaag"); after a later refusal for one corporation that corporation reads "Niet delen" while the
// general consent still holds for the others; a consent and a refusal on one date are refused at the
// field. Screenshots: test-results/screenshots/consent-*.png.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, type Session, type WebApp, apiCall, startSession, seriousA11yViolations } from './browser';

let session: Session;
let app: WebApp;
let page: Page;

/** Generous: the machine may be busy; a poll ends as soon as it holds. */
const POLL = { timeout: 20_000, interval: 200 };

const api = <T>(method: string, input: unknown): Promise<T> => apiCall<T>(app, method, input);

type Consent = { party: string; partyId: string | null; basis: string; given: boolean; date: string | null };
type Detail = { client: { id: string; consents: Consent[] } & Record<string, unknown>; version: number };
type Reference = { corporations: { id: string; name: string }[] };

let clientId: string;
let corporation: { id: string; name: string };

beforeAll(async () => {
  session = await startSession({ viewport: { width: 1400, height: 1000 } });
  ({ app, page } = session);
  const reference = await api<Reference>('reference.get', {});
  corporation = reference.corporations[0]!;
  // A demo client whose only corporation record is a general consent.
  for (const id of ['K-0001', 'K-0002', 'K-0003', 'K-0004', 'K-0005']) {
    const { client } = await api<Detail>('clients.get', { id });
    const corp = client.consents.filter((k) => k.party === 'corporation');
    if (corp.length === 1 && corp[0]!.partyId === null && corp[0]!.given) {
      clientId = id;
      break;
    }
  }
  expect(clientId).toBeDefined();
});
afterAll(async () => session?.stop());

const row = (partyId: string) => page.getByTestId(`consent-today-corporation-${partyId}`);

describe('what holds today', () => {
  it('after a later refusal for one corporation, the detail shows it as "Niet delen"', async () => {
    await page.goto(`${app.origin}/#/kandidaten/${clientId}`);
    await page.getByTestId('consent-today').waitFor();
    await expect.poll(() => row('alle').textContent(), POLL).toMatch(/^Delen.*Woningcorporatie \(alle\) — mag delen: Toestemming sinds/);

    const { client, version } = await api<Detail>('clients.get', { id: clientId });
    const refusal = { party: 'corporation', partyId: corporation.id, basis: 'consent', given: false, date: '2026-11-20' };
    await api('clients.update', { ...client, consents: [...client.consents, refusal], expectedVersion: version });
    await page.reload();
    await expect.poll(() => row(corporation.id).textContent(), POLL).toBe(
      `Niet delenWoningcorporatie ${corporation.name} — niet delen: geweigerd of ingetrokken sinds 20-11-2026`,
    );
    expect(await row('alle').textContent()).toMatch(/^Delen/);
    await page.getByTestId('section-consent').scrollIntoViewIfNeeded();
    await page.getByTestId('section-consent').screenshot({ path: join(SHOTS, 'consent-01-detail.png') });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('the form refuses a consent and a refusal for one corporation on one date, at the date field', async () => {
    await page.goto(`${app.origin}/#/kandidaten/${clientId}/bewerken`);
    await page.getByTestId('client-form').waitFor();
    // The refusal saved above is on 2026-11-20: add a consent for the same corporation on that date.
    const { client } = await api<Detail>('clients.get', { id: clientId });
    const i = client.consents.length;
    await page.getByRole('button', { name: 'Toestemming toevoegen' }).click();
    await page.getByTestId(`consents-${i}-date`).fill('2026-11-20');
    await page.getByTestId(`consents-${i}-partyId`).click();
    await page.getByRole('option', { name: corporation.name, exact: true }).click();
    await page.getByTestId('client-save').click();
    await expect.poll(async () => (await page.getByTestId('form-problems').textContent()) ?? '', POLL).toMatch(/tegenstrijdig met regel \d+: op 2026-11-20/);
    // What holds today is shown on the form too, while editing.
    expect(await page.getByTestId('client-form').getByTestId(`consent-today-corporation-${corporation.id}`).textContent()).toMatch(/^Niet delen/);
    await page.getByTestId('form-problems').screenshot({ path: join(SHOTS, 'consent-02-form.png') });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

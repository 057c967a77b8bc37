// One validation for every way in (issue 9, items 10 and 13): the client form's API
// (clients.create/update), the dataset import (API and CLI) and the spreadsheet import refuse the same
// implausible dates and the same invisible control and bidi characters, each naming where.
// Real in-memory SQLite, real files for the CLI; no mocks.
import { asChair } from '../../shared/auth/system-user';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { runCli } from '../../electron/backend/cli/cli';
import { AS_CHAIR, useTestPassphrase } from './cli-login';
import type { ApiError, Result } from '../../shared/api/result';
import type { Client, Dataset } from '../../shared/dataset/dataset.schema';
import { miniDataset } from '../fixtures/mini-dataset';
import { call, importDataset, memoryBackend, rowCount } from './helpers';

// The CLI logs in as --user voorzitter with the passphrase from the environment (this process and its children).
useTestPassphrase();

// FIXED_NOW is 2026-11-27: a ready date more than a year ahead is after 2027-11-27.
const FAR_AHEAD = '2099-01-01';
const RLO = '\u202E';
const SPOOFED = `Anna${RLO}fdp.exe`;
const SPOOF_MESSAGE = 'bevat een niet-toegestaan teken (U+202E) op positie 5';

let b: Backend;
beforeEach(async () => {
  b = await memoryBackend();
  await importDataset(b, miniDataset());
});
afterEach(() => b.close());

async function refusal(method: string, input: unknown): Promise<ApiError> {
  const r = (await b.dispatch(method, input, asChair('tester'))) as Result<unknown>;
  if (r.ok) throw new Error(`${method} was accepted`);
  return r.error;
}
const byPath = (e: ApiError) => Object.fromEntries((e.problems ?? []).map((p) => [p.path, p.message]));

function newClient(over: Partial<Client> = {}): Client {
  const c = structuredClone(miniDataset().clients[0]) as Client;
  return { ...c, id: 'K-NEW', ...over };
}

/** clients.update's input: the record, plus the version it started from where the contract asks for one. */
async function updateInput(id: string, over: Partial<Client>): Promise<Record<string, unknown>> {
  const detail = (await call(b, 'clients.get', { id })) as { client: Client; version?: number };
  return { ...detail.client, ...over, ...(detail.version !== undefined ? { expectedVersion: detail.version } : {}) };
}

describe('control and bidi characters are refused in every text field', () => {
  it('clients.create and clients.update: a name with U+202E or NUL, notes with ESC', async () => {
    const created = await refusal('clients.create', newClient({ name: SPOOFED }));
    expect(created.code).toBe('VALIDATION');
    expect(byPath(created).name).toBe(SPOOF_MESSAGE);
    expect(created.message).toContain(`name: ${SPOOF_MESSAGE}`);
    expect(await rowCount(b, 'clients')).toBe(3);

    const updated = await refusal('clients.update', await updateInput('K-1', { name: 'Mi\u0000chelle', notes: 'regel 1\nregel 2\u001b[31m' }));
    expect(byPath(updated)).toMatchObject({
      name: 'bevat een niet-toegestaan teken (U+0000) op positie 3',
      notes: 'bevat een niet-toegestaan teken (U+001B) op positie 16',
    });
    // Multi-line notes keep their line breaks and tabs.
    await call(b, 'clients.update', (await updateInput('K-1', { notes: 'regel 1\r\nregel 2\tmet tab' })) as never);
    expect(((await call(b, 'clients.get', { id: 'K-1' })) as { client: Client }).client.notes).toBe('regel 1\r\nregel 2\tmet tab');
  });

  it('other forms too: a unit address, a corporation name, a status reason', async () => {
    const unit = structuredClone(miniDataset().units[0]);
    expect(byPath(await refusal('units.create', { ...unit, id: 'W-NEW', address: `Dorpsstraat 1${'\u2066'}` })).address).toBe(
      'bevat een niet-toegestaan teken (U+2066) op positie 14',
    );
    expect(byPath(await refusal('corporations.save', { mode: 'create', id: 'corp-x', name: `Woon${'\u200F'}goed` })).name).toBe(
      'bevat een niet-toegestaan teken (U+200F) op positie 5',
    );
    expect(byPath(await refusal('clients.setStatus', { id: 'K-1', status: 'archived', reason: `weg${'\uFEFF'}` })).reason).toBe(
      'bevat een niet-toegestaan teken (U+FEFF) op positie 4',
    );
  });

  it('dataset import: refused with the path of each field, nothing written', async () => {
    const d: Dataset = miniDataset();
    d.clients[1]!.name = SPOOFED;
    d.units[0]!.notes = `let op${'\u0085'}`;
    d.region.name = `Regio${'\u2028'}`;
    const e = await refusal('dataset.import', { dataset: d, source: 'regio.json' });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain(`regio.json: clients[1] (K-2).name: ${SPOOF_MESSAGE}`);
    expect(e.message).toContain('regio.json: units[0] (W-1).notes: bevat een niet-toegestaan teken (U+0085) op positie 7');
    expect(e.message).toContain('regio.json: region.name: bevat een niet-toegestaan teken (U+2028) op positie 6');
  });

  it('spreadsheet import: refused with row and column', async () => {
    const csv = ['Code;Naam;Doelgroep;Geboortedatum;Zorgaanbieder;Gemeente van herkomst;Verblijft in;Inkomensbron;Netto inkomen;Schulden',
      `K-9;${SPOOFED};BW;14-05-1990;prov-a;GM0034;GM0995;Uitkering;1250,50;Geen`].join('\n');
    const preview = await call(b, 'import.preview', { kind: 'clients', fileName: 'kandidaten.csv', contentBase64: Buffer.from(csv).toString('base64') });
    expect(preview.problems).toEqual([{ row: 2, column: 'Naam', message: SPOOF_MESSAGE }]);
    expect(preview.counts.error).toBe(1);
  });
});

describe('dates: the same rules on every way in', () => {
  it('the form refuses a birth date and a ready date in 2099', async () => {
    const e = await refusal('clients.create', newClient({ birthDate: FAR_AHEAD, readyDate: FAR_AHEAD }));
    expect(byPath(e)).toMatchObject({ birthDate: 'ligt in de toekomst' });
    const ready = await refusal('clients.create', newClient({ readyDate: FAR_AHEAD }));
    expect(byPath(ready)).toEqual({ readyDate: 'ligt meer dan een jaar in de toekomst' });
    const young = await refusal('clients.create', newClient({ birthDate: '2020-01-01', readyDate: null }));
    expect(byPath(young)).toEqual({ birthDate: 'de kandidaat is dan jonger dan 16 jaar' });
    const before = await refusal('clients.create', newClient({ birthDate: '1995-06-15', readyDate: '1990-01-01' }));
    expect(byPath(before)).toEqual({ readyDate: 'ligt vóór de geboortedatum' });
  });

  it('the dataset import (API) refuses them too, by record and field', async () => {
    const d = miniDataset();
    d.clients[0]!.birthDate = FAR_AHEAD;
    d.clients[1]!.readyDate = FAR_AHEAD;
    d.clients[2]!.birthDate = '1850-01-01';
    const e = await refusal('dataset.import', { dataset: d, source: 'regio.json' });
    expect(e.message).toContain('regio.json: clients[0] (K-1).birthDate: ligt in de toekomst');
    expect(e.message).toContain('regio.json: clients[1] (K-2).readyDate: ligt meer dan een jaar in de toekomst');
    expect(e.message).toContain('regio.json: clients[2] (K-3).birthDate: ligt niet tussen 1900 en 2100');
  });

  it('the CLI import refuses them with file, record and field, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ut-input-'));
    try {
      const d = miniDataset();
      d.clients[1]!.readyDate = FAR_AHEAD;
      d.clients[2]!.birthDate = FAR_AHEAD;
      writeFileSync(join(dir, 'regio.json'), JSON.stringify(d));
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
      expect(await runCli(['init', ...AS_CHAIR, '--db', join(dir, 'r.sqlite')], io)).toBe(0);
      expect(await runCli(['import', ...AS_CHAIR, '--db', join(dir, 'r.sqlite'), '--dataset', join(dir, 'regio.json')], io)).toBe(1);
      const text = err.join('\n');
      expect(text).toContain('regio.json: clients[1] (K-2).readyDate: ligt meer dan een jaar in de toekomst');
      expect(text).toContain('regio.json: clients[2] (K-3).birthDate: ligt in de toekomst');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the spreadsheet import refuses them with row and column, in the same words', async () => {
    const csv = ['Code;Doelgroep;Geboortedatum;Zorgaanbieder;Gemeente van herkomst;Verblijft in;Inkomensbron;Netto inkomen;Schulden;Woonrijp sinds',
      'K-8;BW;01-01-2099;prov-a;GM0034;GM0995;Uitkering;1250,50;Geen;',
      'K-9;BW;14-05-1990;prov-a;GM0034;GM0995;Uitkering;1250,50;Geen;01-01-2099'].join('\n');
    const preview = await call(b, 'import.preview', { kind: 'clients', fileName: 'kandidaten.csv', contentBase64: Buffer.from(csv).toString('base64') });
    expect(preview.problems).toEqual([
      { row: 2, column: 'Geboortedatum', message: 'ligt in de toekomst' },
      { row: 3, column: 'Woonrijp sinds', message: 'ligt meer dan een jaar in de toekomst' },
    ]);
  });
});

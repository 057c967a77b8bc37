// Import then export reproduces the document; bad documents are refused with paths and nothing is written.
import { asChair } from '../../shared/auth/system-user';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { miniDataset } from '../fixtures/mini-dataset';
import { call, importDataset, memoryBackend, rowCount } from './helpers';

let b: Backend;
afterEach(async () => b?.close());

describe('dataset import/export', () => {
  it('export(import(x)) equals x', async () => {
    b = await memoryBackend();
    const x = miniDataset();
    await importDataset(b, x);
    expect(await call(b, 'dataset.export', {})).toEqual(x);
  });

  it('replacing a region leaves no rows of the old one', async () => {
    b = await memoryBackend();
    await importDataset(b, miniDataset());
    const y = miniDataset();
    y.clients = y.clients.filter((c) => c.id === 'K-3');
    y.units = y.units.filter((u) => u.id === 'W-1');
    await importDataset(b, y);
    expect(await call(b, 'dataset.export', {})).toEqual(y);
    expect(await rowCount(b, 'client_places')).toBe(0);
  });

  it('refuses a malformed dataset with every problem located, and writes nothing', async () => {
    b = await memoryBackend();
    await importDataset(b, miniDataset());
    const before = await call(b, 'dataset.export', {});
    const auditBefore = await rowCount(b, 'audit_log');
    const bad = miniDataset() as unknown as { clients: Record<string, unknown>[]; units: Record<string, unknown>[] };
    bad.clients[1]!.birthDate = '2001-02-30';
    bad.units[0]!.rent = -5;
    bad.clients[2]!.originMunicipalityCode = 'GM9999';
    const r = await b.dispatch('dataset.import', { dataset: bad, source: 'bad.json' }, asChair('t'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.message).toContain('er is niets opgeslagen');
    const paths = r.error.problems?.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['clients[1] (K-2).birthDate', 'units[0] (W-1).rent']));
    // Reference problems are reported once the shape is right.
    const bad2 = miniDataset();
    bad2.clients[2]!.originMunicipalityCode = 'GM9999';
    bad2.clients.push({ ...bad2.clients[0]! });
    const r2 = await b.dispatch('dataset.import', { dataset: bad2 }, asChair('t'));
    expect(r2.ok).toBe(false);
    if (r2.ok) return;
    expect(r2.error.problems).toEqual(
      expect.arrayContaining([
        { path: 'clients[2] (K-3).originMunicipalityCode', message: "onbekende gemeentecode 'GM9999'" },
        { path: 'clients[3] (K-1).id', message: "dubbel: 'K-1' staat ook op clients[0]" },
      ]),
    );
    expect(await call(b, 'dataset.export', {})).toEqual(before);
    // The refused imports wrote no audit entry; the export above wrote one.
    expect(await rowCount(b, 'audit_log')).toBe(auditBefore + 1);
  });

  it('rolls back a failing import half way (database constraint) and keeps the old region', async () => {
    b = await memoryBackend();
    await importDataset(b, miniDataset());
    const before = await call(b, 'dataset.export', {});
    // Make the database refuse the last table written (placements) after everything else went in.
    b.database.sqlite.exec("create trigger no_placements before insert on placements begin select raise(abort, 'test refusal'); end");
    const r = await b.dispatch('dataset.import', { dataset: miniDataset() }, asChair('t'));
    expect(r.ok).toBe(false);
    b.database.sqlite.exec('drop trigger no_placements');
    expect(await call(b, 'dataset.export', {})).toEqual(before);
  });
});

// The dispatcher's envelope, validation, transactions and audit duty, against a real database.
import { asChair } from '../../shared/auth/system-user';
import { afterEach, describe, expect, it } from 'vitest';
import { type Backend, allHandlers, createBackend } from '../../electron/backend/backend';
import { createDispatcher, type Handlers } from '../../electron/backend/api/dispatcher';
import { SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { miniDataset } from '../fixtures/mini-dataset';
import { FIXED_NOW, call, importDataset, memoryBackend, rowCount } from './helpers';

let b: Backend;
afterEach(async () => b?.close());

describe('dispatcher', () => {
  it('refuses an unknown method with UNKNOWN_METHOD', async () => {
    b = await memoryBackend();
    const r = await b.dispatch('clients.drop', {}, asChair('t'));
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: "Onbekende methode 'clients.drop'." } });
  });

  it('validates input against the contract and names the field', async () => {
    b = await memoryBackend();
    const r = await b.dispatch('clients.list', { sortBy: 'shoe-size', limit: -1 }, asChair('t'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.problems?.map((p) => p.path).sort()).toEqual(['limit', 'sortBy']);
    const extra = await b.dispatch('app.info', { surprise: 1 }, asChair('t'));
    expect(extra.ok).toBe(false);
  });

  it('returns NOT_FOUND for a missing client, as an envelope', async () => {
    b = await memoryBackend();
    await importDataset(b, miniDataset());
    const r = await b.dispatch('clients.get', { id: 'K-404' }, asChair('t'));
    expect(r).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Kandidaat K-404 bestaat niet.' } });
  });

  it('records who imported what, and logs views of a client record', async () => {
    b = await memoryBackend();
    await importDataset(b, miniDataset());
    await call(b, 'clients.get', { id: 'K-1' }, 'voorzitter');
    const log = await call(b, 'audit.list', { limit: 10 });
    expect(log.map((e) => [e.action, e.entity, e.entityId, e.actor])).toEqual([
      ['view', 'client', 'K-1', 'voorzitter'],
      ['import', 'region', null, 'tester'],
    ]);
    expect(log[1]!.at).toBe(FIXED_NOW.toISOString());
    expect(JSON.parse(log[1]!.detail)).toMatchObject({ region: 'Testregio', clients: 3, units: 2 });
  });

  it('rolls back a mutation that writes no audit entry', async () => {
    b = await createBackend(':memory:', { host: 'test' });
    const handlers: Handlers = {
      ...allHandlers,
      // A faulty handler: changes data without saying so in the audit log.
      'dataset.import': async (ctx) => {
        await ctx.db.insertInto('corporations').values({ id: 'sneaky', name: 'Sneaky' }).execute();
        return { municipalities: 0, neighbourhoods: 0, corporations: 1, careProviders: 0, quotas: 0, policies: 0, units: 0, clients: 0, placements: 0 };
      },
    };
    const dispatch = createDispatcher(b.database.db, b.env, handlers);
    const r = await dispatch('dataset.import', { dataset: {} }, asChair('t'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INTERNAL');
    expect(await rowCount(b, 'corporations')).toBe(0);
  });

  it('checks output against the contract', async () => {
    b = await memoryBackend();
    const handlers: Handlers = { ...allHandlers, 'units.get': async () => ({ id: 'x' }) as never };
    const dispatch = createDispatcher(b.database.db, b.env, handlers);
    const r = await dispatch('units.get', { id: 'x' }, asChair('t'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('voldoet niet aan het contract');
  });
});

describe('lists and details', () => {
  it('lists clients with search, sort and derived fields', async () => {
    b = await memoryBackend();
    await importDataset(b, miniDataset());
    const all = await call(b, 'clients.list', {});
    expect(all.total).toBe(3);
    const michelle = all.rows.find((r) => r.id === 'K-1')!;
    expect(michelle).toMatchObject({ name: 'Michelle', age: 23, originMunicipality: 'Lelystad', readinessDone: 8, readinessTotal: 8 });
    expect(all.rows.find((r) => r.id === 'K-2')).toMatchObject({ householdSize: 3, readinessDone: 0 });
    expect((await call(b, 'clients.list', { search: 'miche' })).rows.map((r) => r.id)).toEqual(['K-1']);
    expect((await call(b, 'clients.list', { search: 'lelystad' })).rows.map((r) => r.id)).toEqual(['K-1']);
    expect((await call(b, 'clients.list', { search: '%' })).total).toBe(0);
    expect((await call(b, 'clients.list', { sortBy: 'age', sortDir: 'asc' })).rows.map((r) => r.id)).toEqual(['K-1', 'K-2', 'K-3']);
    expect((await call(b, 'clients.list', { sortBy: 'urgency', sortDir: 'desc' })).rows[0]!.id).toBe('K-3');
    expect((await call(b, 'clients.list', { sortBy: 'id', sortDir: 'desc', limit: 1 })).rows.map((r) => r.id)).toEqual(['K-3']);
  });

  it('lists units with names joined and sorts by rent', async () => {
    b = await memoryBackend();
    await importDataset(b, miniDataset());
    const r = await call(b, 'units.list', { sortBy: 'rent', sortDir: 'asc' });
    expect(r.rows.map((u) => [u.id, u.rent, u.municipality, u.neighbourhood])).toEqual([
      ['W-2', 455.1, 'Lelystad', 'Atolwijk'],
      ['W-1', 612.35, 'Almere', 'Stad Centrum'],
    ]);
    expect((await call(b, 'units.list', { search: 'teststraat' })).rows.map((u) => u.id)).toEqual(['W-1']);
  });

  it('gives a client detail with readiness labels and place names', async () => {
    b = await memoryBackend();
    await importDataset(b, miniDataset());
    const d = await call(b, 'clients.get', { id: 'K-1' });
    expect(d.age).toBe(23);
    expect(d.careProvider).toBe('Zorg A');
    expect(d.readiness).toHaveLength(8);
    expect(d.readiness[0]).toMatchObject({ item: 'support-plan', label: 'Perspectief-/ondersteuningsplan actueel', done: true });
    expect(d.placeNames).toMatchObject({ GM0995: 'Lelystad', GM0034: 'Almere', BU09950101: 'Atolwijk' });
  });

  it('reports app info and reference data', async () => {
    b = await memoryBackend();
    expect((await call(b, 'app.info', {})).region).toBeNull();
    await importDataset(b, miniDataset());
    const info = await call(b, 'app.info', {});
    expect(info).toMatchObject({ host: 'test', schemaVersion: SCHEMA_VERSION, counts: { clients: 3, units: 2, municipalities: 2 } });
    const ref = await call(b, 'reference.get', {});
    expect(ref.policy?.id).toBe('beleid');
    expect(ref.municipalities.map((m) => m.name)).toEqual(['Almere', 'Lelystad']);
  });
});

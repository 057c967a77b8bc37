// The access matrix, enforced: every contract method is called as each role through the real
// dispatcher on a real SQLite file (or PostgreSQL database) with the demo region. A forbidden call is refused with FORBIDDEN,
// writes nothing but its audit entry; an allowed one returns only what the role may see. The test
// fails when a method is added to the contract without an entry in the matrix.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, createBackend } from '../../electron/backend/backend';
import { GATE_METHODS } from '../../electron/backend/api/dispatcher';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import { METHOD_NAMES, type MethodName, contract } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';
import { ACCESS_MATRIX, type Grant, grantOf } from '../../shared/auth/access-matrix';
import { ROLES, type Role, type SessionUser } from '../../shared/auth/roles';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { FIXED_NOW, call, importDataset, roundWithBusiestCorporation } from './helpers';
import { orPostgres } from '../pg/database';
import { row } from '../pg/sql';
import { tableNames } from '../../electron/backend/db/dialect';

const demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;
const OWN_PROVIDER = 'prov-dijkzicht';
const OTHER_PROVIDER = 'prov-windkering';

let dir: string;
let b: Backend;
let roundId: number;
let ownCorporation: string;
let otherCorporation: string;

function user(role: Role): SessionUser {
  return {
    name: `test-${role}`,
    displayName: `Test ${role}`,
    role,
    careProviderId: role === 'provider' ? OWN_PROVIDER : null,
    corporationId: role === 'liaison' ? ownCorporation : null,
  };
}

async function as<T = unknown>(role: Role, method: string, input: unknown): Promise<Result<T>> {
  const u = user(role);
  return (await b.dispatch(method, input, { actor: u.name, user: u })) as Result<T>;
}

async function ok<T = unknown>(role: Role, method: MethodName, input: unknown): Promise<T> {
  const r = await as<T>(role, method, input);
  if (!r.ok) throw new Error(`${method} as ${role}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** Every table's row count: what a refused call must leave as it was (the audit log aside). */
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of await tableNames(b.database.db)) out[name] = (await row<{ n: number }>(b, `select count(*) as n from "${name}"`))!.n;
  return out;
}

async function lastAudit(): Promise<{ actor: string; action: string; entity: string; entity_id: string | null; detail: string }> {
  return (await row(b, 'select actor, action, entity, entity_id, detail from audit_log order by id desc limit 1')) as never;
}

/** Expects a refusal: FORBIDDEN, no table changed, one 'denied' audit entry naming the caller and method. */
async function expectRefused(role: Role, method: string, input: unknown): Promise<void> {
  const before = await counts();
  const r = await as(role, method, input);
  expect(r.ok, `${method} as ${role} should be refused`).toBe(false);
  if (r.ok) return;
  expect(r.error.code, `${method} as ${role}: ${r.error.message}`).toBe('FORBIDDEN');
  const after = await counts();
  expect({ ...after, audit_log: 0, settings: 0 }).toEqual({ ...before, audit_log: 0, settings: 0 });
  expect(after.audit_log).toBe(before.audit_log! + 1);
  const entry = await lastAudit();
  expect(entry).toMatchObject({ actor: `test-${role}`, action: 'denied', entity: 'method', entity_id: method });
  expect(JSON.parse(entry.detail)).toMatchObject({ role });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ut-matrix-'));
  b = await createBackend(await orPostgres(join(dir, 'matrix.sqlite')), { host: 'test', now: () => FIXED_NOW });
  await importDataset(b, demo);
  ({ roundId, corporationId: ownCorporation } = await roundWithBusiestCorporation(b, demo));
  otherCorporation = demo.corporations.map((c) => c.id).find((id) => id !== ownCorporation)!;
}, 120_000);

afterAll(async () => {
  await b.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the matrix covers the contract', () => {
  it('has exactly one entry for every contract method, and every entry names a grant per role', () => {
    expect(Object.keys(ACCESS_MATRIX).sort()).toEqual([...METHOD_NAMES].sort());
    for (const method of METHOD_NAMES) {
      for (const role of ROLES) expect(['yes', 'own', 'no'] as Grant[]).toContain(grantOf(method, role));
    }
  });

  it('gives the chair every method, and nothing to other roles that only the chair should do', () => {
    for (const method of METHOD_NAMES) expect(grantOf(method, 'chair'), method).toBe('yes');
    for (const method of ['rounds.propose', 'rounds.decide', 'rounds.close', 'dataset.export', 'users.create', 'backups.restore', 'clients.erase', 'audit.list'] as const) {
      for (const role of ['provider', 'liaison', 'readonly'] as const) expect(grantOf(method, role), `${method} ${role}`).toBe('no');
    }
  });
});

describe('every method as every role', () => {
  const dispatched = METHOD_NAMES.filter((m) => !(GATE_METHODS as readonly string[]).includes(m));

  it('refuses each forbidden (method, role) with FORBIDDEN, writes nothing but a "denied" audit entry', async () => {
    let refused = 0;
    for (const method of dispatched) {
      for (const role of ROLES) {
        if (grantOf(method, role) !== 'no') continue;
        // Any input: the role is checked before the input is even read.
        await expectRefused(role, method, {});
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(150);
  }, 120_000);

  it('lets each allowed (method, role) past the role check (the chair gets everything)', async () => {
    for (const method of dispatched) {
      for (const role of ROLES) {
        if (grantOf(method, role) === 'no') continue;
        // An empty input: most methods refuse it as invalid — what matters is that the role passed.
        const input = contract[method].input.safeParse({}).success ? {} : { __invalid: true };
        const r = await as(role, method, input);
        if (!r.ok) expect(r.error.code, `${method} as ${role}: ${r.error.message}`).not.toBe('FORBIDDEN');
      }
    }
  }, 120_000);

  it('refuses gate methods in the dispatcher (the host answers them)', async () => {
    for (const method of GATE_METHODS) {
      const r = await as('chair', method, {});
      expect(r.ok).toBe(false);
    }
  });
});

describe('what an allowed role sees', () => {
  it('everyone: app info without the database path unless chair; reference data has no clients', async () => {
    for (const role of ROLES) {
      const info = await ok<{ databasePath: string }>(role, 'app.info', {});
      expect(info.databasePath === '').toBe(role !== 'chair');
      const ref = await ok<Record<string, unknown>>(role, 'reference.get', {});
      expect(Object.keys(ref).sort()).toEqual(['careProviders', 'corporations', 'municipalities', 'neighbourhoods', 'policy', 'quotas', 'region']);
    }
  });

  it('provider worker: lists and reads only their own care provider\'s clients', async () => {
    const ownName = demo.careProviders.find((p) => p.id === OWN_PROVIDER)!.name;
    const list = await ok<{ rows: { id: string; careProvider: string }[]; total: number }>('provider', 'clients.list', { limit: 10000 });
    expect(list.rows.length).toBeGreaterThan(0);
    expect(new Set(list.rows.map((r) => r.careProvider))).toEqual(new Set([ownName]));
    // Asking for another provider's clients by filter is narrowed, not obeyed.
    const asked = await ok<{ rows: { careProvider: string }[] }>('provider', 'clients.list', { careProviderIds: [OTHER_PROVIDER] });
    expect(asked.rows.every((r) => r.careProvider === ownName)).toBe(true);

    const own = demo.clients.find((c) => c.careProviderId === OWN_PROVIDER)!;
    const other = demo.clients.find((c) => c.careProviderId === OTHER_PROVIDER)!;
    const detail = await ok<{ client: { id: string } }>('provider', 'clients.get', { id: own.id });
    expect(detail.client.id).toBe(own.id);
    for (const method of ['clients.get', 'clients.setStatus', 'clients.confirmReadiness'] as const) {
      const input =
        method === 'clients.get'
          ? { id: other.id }
          : method === 'clients.setStatus'
            ? { id: other.id, status: 'set-aside', reason: 'test' }
            : { id: other.id, item: 'support-plan', done: true, confirmedBy: 'x' };
      await expectRefused('provider', method, input);
    }
  });

  it('provider worker: creates and edits only for their own care provider, and cannot move a client away', async () => {
    const own = demo.clients.find((c) => c.careProviderId === OWN_PROVIDER)!;
    const fresh = { ...own, id: 'K-PROV-1', name: null, consents: [], vetoes: [], refusals: 0, notes: '' };
    await expectRefused('provider', 'clients.create', { ...fresh, careProviderId: OTHER_PROVIDER });
    expect((await ok<{ id: string }>('provider', 'clients.create', fresh)).id).toBe('K-PROV-1');

    const { version, client } = await ok<{ version: number; client: typeof fresh }>('provider', 'clients.get', { id: 'K-PROV-1' });
    await expectRefused('provider', 'clients.update', { ...client, careProviderId: OTHER_PROVIDER, expectedVersion: version });
    await ok('provider', 'clients.update', { ...client, notes: 'bijgewerkt', expectedVersion: version });
    await ok('provider', 'clients.setStatus', { id: 'K-PROV-1', status: 'set-aside', reason: 'wacht op plan' });
    await ok('provider', 'clients.confirmReadiness', { id: 'K-PROV-1', item: 'support-plan', done: true, confirmedBy: 'begeleider' });
    const other = demo.clients.find((c) => c.careProviderId === OTHER_PROVIDER)!;
    const otherDetail = await call(b, 'clients.get', { id: other.id });
    await expectRefused('provider', 'clients.update', { ...otherDetail.client, expectedVersion: otherDetail.version });
    // Who did it: the logged-in person's name, on the record and in the audit log.
    const stored = (await row<{ updated_by: string }>(b, 'select updated_by from clients where id = ?', 'K-PROV-1'))!;
    expect(stored.updated_by).toBe('test-provider');
  });

  it('provider worker: exports only their own clients list, never the homes', async () => {
    const out = await ok<{ contentBase64: string }>('provider', 'export.list', { kind: 'clients', format: 'csv' });
    const csv = Buffer.from(out.contentBase64, 'base64').toString('utf8');
    const otherIds = demo.clients.filter((c) => c.careProviderId !== OWN_PROVIDER).map((c) => c.id);
    const ownIds = demo.clients.filter((c) => c.careProviderId === OWN_PROVIDER).map((c) => c.id);
    expect(ownIds.some((id) => csv.includes(id))).toBe(true);
    for (const id of otherIds) expect(csv.includes(`${id};`) || csv.includes(`${id},`), id).toBe(false);
    await expectRefused('provider', 'export.list', { kind: 'units', format: 'csv' });
  });

  it('liaison: sees the rounds, gets the review file of their own corporation only', async () => {
    const rounds = await ok<{ id: number }[]>('liaison', 'rounds.list', {});
    expect(rounds.map((r) => r.id)).toContain(roundId);
    const file = await ok<{ contentBase64: string; proposals: number }>('liaison', 'review.export', { roundId, corporationId: ownCorporation });
    expect(file.proposals).toBeGreaterThan(0);
    const review = JSON.parse(Buffer.from(file.contentBase64, 'base64').toString('utf8')) as { corporationId: string; proposals: { unitId: string }[] };
    expect(review.corporationId).toBe(ownCorporation);
    const ownUnits = new Set(demo.units.filter((u) => u.corporationId === ownCorporation).map((u) => u.id));
    expect(review.proposals.every((p) => ownUnits.has(p.unitId))).toBe(true);
    // The review file never carries what a corporation may not see (no notes, no support details beyond the file's fields).
    const text = JSON.stringify(review);
    for (const c of demo.clients) if (c.notes && c.notes.length > 12) expect(text.includes(c.notes), c.id).toBe(false);

    await expectRefused('liaison', 'review.export', { roundId, corporationId: otherCorporation });
    const foreign = JSON.stringify({ ...review, corporationId: otherCorporation });
    await expectRefused('liaison', 'review.importDecisions', { fileName: 'besluiten.json', content: foreign });
  });

  it('read-only: only app info, reference data and the monitor (figures, report, its export) — counts, never a person', async () => {
    const figures = JSON.stringify(await ok('readonly', 'monitor.figures', {}));
    for (const c of demo.clients) {
      expect(figures.includes(c.id), c.id).toBe(false);
      if (c.name) expect(figures.includes(c.name), c.name).toBe(false);
    }
    expect(figures).toMatch(/"count":\d+/);
    const allowed = METHOD_NAMES.filter((m) => grantOf(m, 'readonly') !== 'no' && !(ACCESS_MATRIX[m] as { public?: true }).public);
    // reports.export: for the read-only role only the monitor (its scope refuses every other report).
    expect(allowed.sort()).toEqual(['account.changePassphrase', 'app.info', 'monitor.figures', 'monitor.report', 'reference.get', 'reports.export']);
  });
});

// Retention (privacy.settings, retention.run): a dry run changes nothing; a run pseudonymises or
// deletes exactly from the cut-off day, logs counts only, keeps the audit chain and the monitor
// figures; a second run finds nothing; a rule 'keep' does nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { type Backend, createBackend } from '../../electron/backend/backend';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';
import { asChair } from '../../shared/auth/system-user';
import { FIXED_NOW } from './helpers';
import { orPostgres } from '../pg/database';
import { row, rows, rowsAsWritten } from '../pg/sql';
import { tableNames } from '../../electron/backend/db/dialect';
import { MICHELLE, cellsContaining, historyWithMichelle } from './privacy-fixture';

let clock: Date;
let b: Backend;

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = (await b.dispatch(method, input, asChair('tester'))) as Result<MethodOutput<M>>;
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}
const at = (day: string) => {
  clock = new Date(`${day}T10:00:00Z`);
};
const run = (dryRun = false) => call('retention.run', { dryRun });
const statusOf = async (id: string) => (await row<{ status: string }>(b, 'select status from clients where id = ?', id))?.status ?? null;

/** Every table but the audit log (and its head), row by row: what a dry run must leave alone. */
async function snapshot(): Promise<Record<string, string>> {
  const tables = (await tableNames(b.database.db)).filter((t) => t !== 'audit_log');
  const out: Record<string, string> = {};
  for (const t of tables) out[t] = JSON.stringify(await rowsAsWritten(b, t, t === 'settings' ? "where key != 'audit.head'" : ''));
  return out;
}
/** The tables that differ between two snapshots (short failure messages). */
const changedTables = (a: Record<string, string>, b: Record<string, string>) => Object.keys({ ...a, ...b }).filter((t) => a[t] !== b[t]);

/** The round-1 placed clients (placement dated 27-11-2026), Michelle aside (she moved in 15-12-2026). */
async function roundPlaced(): Promise<string[]> {
  return (await rows<{ client_id: string }>(b, "select client_id from placements where round_id is not null and client_id != 'K-0001' order by client_id")).map((r) => r.client_id);
}
const DEMO_PLACED = ['K-0012', 'K-0014', 'K-0044', 'K-0045', 'K-0047'];

beforeEach(async () => {
  clock = FIXED_NOW;
  b = await createBackend(await orPostgres(':memory:'), { host: 'test', now: () => clock });
  await historyWithMichelle(b);
  // A client archived in the app: the period counts from the day of archiving (its audit entry).
  at('2027-06-01');
  await call('clients.setStatus', { id: 'K-0002', status: 'archived', reason: 'Verhuisd naar een andere regio' });
}, 120_000);

describe('retention settings', () => {
  it('start from the region defaults and save per kind, audited; two rules for one kind are refused', async () => {
    expect(await call('privacy.settings', {})).toEqual({
      retention: [
        { kind: 'placed', years: 5, action: 'pseudonymise' },
        { kind: 'withdrawn', years: 2, action: 'delete' },
      ],
    });
    const saved = await call('privacy.saveSettings', { retention: [{ kind: 'withdrawn', years: 7, action: 'pseudonymise' }] });
    expect(saved.retention).toEqual([
      { kind: 'placed', years: 5, action: 'pseudonymise' },
      { kind: 'withdrawn', years: 7, action: 'pseudonymise' },
    ]);
    expect(await call('privacy.settings', {})).toEqual(saved);
    const [entry] = await call('audit.list', { limit: 1 });
    expect(entry).toMatchObject({ action: 'update', entity: 'settings', entityId: 'privacy.retention' });
    await expect(
      call('privacy.saveSettings', {
        retention: [
          { kind: 'placed', years: 5, action: 'keep' },
          { kind: 'placed', years: 6, action: 'delete' },
        ],
      }),
    ).rejects.toThrow(/VALIDATION.*twee keer/);
    expect(await call('privacy.settings', {})).toEqual(saved);
  });
});

describe('retention.run', () => {
  it('dry run: shows what is due and changes nothing', async () => {
    at('2031-11-27');
    const before = await snapshot();
    const out = await run(true);
    expect(changedTables(before, await snapshot())).toEqual([]);
    expect(out.dryRun).toBe(true);
    expect([...out.pseudonymised].sort()).toEqual([...DEMO_PLACED, ...await roundPlaced()].sort());
    expect(out.pseudonymised).not.toContain(MICHELLE.id);
    expect([...out.deleted].sort()).toEqual(['K-0002', 'K-0019', 'K-0022']);
    expect(out.rules).toEqual([
      { kind: 'placed', action: 'pseudonymise', years: 5, cutoff: '2026-11-27', count: out.pseudonymised.length },
      { kind: 'withdrawn', action: 'delete', years: 2, cutoff: '2029-11-27', count: 3 },
    ]);
    expect(out.message).toMatch(/^Proef: \d+ kandidaten zouden worden gepseudonimiseerd en 3 kandidaten zouden worden verwijderd\. Er is niets gewijzigd\.$/);
    const [entry] = await call('audit.list', { limit: 1 });
    expect(entry).toMatchObject({ action: 'retention-dry-run', entity: 'client' });
    expect(entry!.detail).not.toMatch(/K-\d{4}/);
  });

  it('acts on each client exactly when the period has passed, logs counts only, keeps the chain and the figures', async () => {
    const figures = await call('monitor.figures', {});
    const same = async () => {
      const now = await call('monitor.figures', {});
      expect({ ...now, removedClients: 0 }).toEqual({ ...figures, removedClients: 0 });
      expect((await call('audit.verify', {})).intact).toBe(true);
    };

    // Withdrawn: imported as archived, the period counts from the import (27-11-2026); K-0002 from its archiving (01-06-2027).
    at('2028-11-26');
    let out = await run();
    expect(out).toMatchObject({ dryRun: false, pseudonymised: [], deleted: [] });
    at('2028-11-27');
    out = await run();
    expect([...out.deleted].sort()).toEqual(['K-0019', 'K-0022']);
    expect(out.pseudonymised).toEqual([]);
    expect(await statusOf('K-0022')).toBeNull();
    expect(await statusOf('K-0002')).toBe('archived');
    expect(await cellsContaining(b, ['K-0019', 'K-0022'])).toEqual([]);
    await same();
    at('2029-06-01');
    out = await run();
    expect(out.deleted).toEqual(['K-0002']);
    await same();

    // 26-11-2031: the region's earlier placements are five years past, the round's (27-11-2026) not yet.
    at('2031-11-26');
    out = await run();
    expect([...out.pseudonymised].sort()).toEqual(DEMO_PLACED);
    expect(out.deleted).toEqual([]);
    await same();

    // 27-11-2031: the cut-off day itself counts; Michelle moved in on 15-12-2026, so she waits.
    at('2031-11-27');
    out = await run();
    expect([...out.pseudonymised].sort()).toEqual(await roundPlaced());
    expect(out.deleted).toEqual([]);
    expect(await statusOf(MICHELLE.id)).toBe('placed');
    expect((await row<{ name: string }>(b, 'select name from clients where id = ?', MICHELLE.id))!.name).toBe(MICHELLE.name);

    at('2031-12-15');
    out = await run();
    expect(out.pseudonymised).toEqual([MICHELLE.id]);
    expect(out.message).toBe('Bewaartermijnen toegepast: 1 kandidaat is gepseudonimiseerd en 0 kandidaten zijn verwijderd. De monitorcijfers blijven behouden.');
    await same();

    // Her record stays for the figures, without what identifies her.
    const record = await row(b, 'select * from clients where id = ?', MICHELLE.id);
    expect(record).toMatchObject({ name: null, notes: '', birth_date: '2003-07-01', status: 'placed', target_group: 'BW', gender: 'female', origin_municipality_code: 'GM0171', income_monthly_cents: 100_000, needs_json: '[]', rent_limit_cents: null, updated_by: 'bewaartermijn' });
    for (const t of ['client_places', 'client_consents', 'client_vetoes']) {
      expect(await row(b, `select count(*) as n from ${t} where client_id = ?`, MICHELLE.id), t).toEqual({ n: 0 });
    }
    expect(await cellsContaining(b, [MICHELLE.name, 'wil dicht bij haar moeder', 'houdt budgetbeheer', 'woont er goed', 'Moeder woont hier'])).toEqual([]);
    // Still a readable record, in the app and in the dataset.
    const detail = await call('clients.get', { id: MICHELLE.id });
    expect(detail.client.name).toBeNull();
    await call('dataset.export', {});

    // The log: one row per acting rule and run, counts only; the audit entry likewise.
    const log = await rows(b, 'select kind, action, years, cutoff, count from retention_log order by id');
    expect(log).toHaveLength(12);
    expect(log.slice(-2)).toEqual([
      { kind: 'placed', action: 'pseudonymise', years: 5, cutoff: '2026-12-15', count: 1 },
      { kind: 'withdrawn', action: 'delete', years: 2, cutoff: '2029-12-15', count: 0 },
    ]);
    const entry = (await call('audit.list', { limit: 5 })).find((e) => e.action === 'retention');
    expect(entry).toMatchObject({ action: 'retention', entity: 'client' });
    expect(JSON.parse(entry!.detail)).toMatchObject({ pseudonymised: 1, deleted: 0 });
    expect(entry!.detail).not.toMatch(/K-\d{4}/);

    // Nothing left to do: a second run the same day changes nothing but the log's own rows.
    const before = await snapshot();
    out = await run();
    expect(out).toMatchObject({ pseudonymised: [], deleted: [], message: 'Bewaartermijnen toegepast: er was niets te doen.' });
    expect(changedTables(before, await snapshot())).toEqual(['retention_log']);
    expect(figures.removedClients).toBe(0);
    expect((await call('monitor.figures', {})).removedClients).toBe(3);
  });

  it("a rule 'keep' does nothing, however old the records", async () => {
    await call('privacy.saveSettings', {
      retention: [
        { kind: 'placed', years: 1, action: 'keep' },
        { kind: 'withdrawn', years: 1, action: 'keep' },
      ],
    });
    at('2060-01-01');
    const before = await snapshot();
    const out = await run();
    expect(out).toMatchObject({ rules: [], pseudonymised: [], deleted: [] });
    const after = await snapshot();
    expect(changedTables(before, after)).toEqual([]);
  });
});

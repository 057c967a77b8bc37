// The Logboek reads the entries the backend really writes: after a day's work on the demo region through
// the API (lists with filters, reports, a round from proposal to close, exports, reference edits, a
// refused call), every entry reads in Dutch — a known action, organisations and municipalities by name,
// never JSON, an internal code or an English word of the log's own vocabulary. Real SQLite, no mocks.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import type { SessionUser } from '../../shared/auth/roles';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { auditAction, auditLine, auditNames } from '../../renderer/src/ui/audit-text.util';
import { call, decide, importDataset, memoryBackend } from './helpers';

let b: Backend;
let demo: Dataset;

beforeAll(async () => {
  b = await memoryBackend();
  demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;
  await importDataset(b, demo);
});
afterAll(async () => {
  await b.close();
});

describe('the audit entries of a working day, as the Logboek reads them', () => {
  it('every entry reads in Dutch, by name, without codes or JSON', async () => {
    const corp = demo.corporations[0]!.id;
    const provider = demo.careProviders[0]!.id;
    const municipality = demo.municipalities[0]!.code;
    const client = demo.clients[0]!.id;

    await call(b, 'clients.list', { careProviderIds: [provider], originMunicipalityCodes: [municipality], statuses: ['active'], readiness: 'ready' });
    await call(b, 'clients.get', { id: client });
    await call(b, 'units.list', {});
    await call(b, 'reports.corporation', { corporationId: corp, from: '2026-01-01', to: '2026-06-30' });
    await call(b, 'reports.provider', { careProviderId: provider });
    await call(b, 'reports.export', { request: { report: 'corporation', corporationId: corp }, format: 'csv' });
    await call(b, 'monitor.rows', { filters: { municipalityCodes: [municipality], corporationIds: [corp] }, section: 'outflow-month' });
    await call(b, 'export.list', { kind: 'clients', format: 'csv', filters: { careProviderIds: [provider] } });

    const { id: roundId } = await call(b, 'rounds.create', { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31' });
    const { version, proposal } = await call(b, 'rounds.propose', { roundId });
    await call(b, 'rounds.get', { id: roundId });
    await call(b, 'rounds.proposal', { roundId, version });
    for (const m of proposal.matches) await decide(b, { roundId, version, clientId: m.clientId, unitId: m.unitId, decision: 'accepted', clientAnswer: 'accepted' });
    await call(b, 'rounds.close', { roundId });
    await call(b, 'placements.list', { roundId });
    await call(b, 'followup.todo', {});
    await call(b, 'reports.agenda', { roundId });
    await call(b, 'reports.minutes', { roundId });

    const org = demo.corporations[1]!;
    await call(b, 'corporations.save', { mode: 'update', id: org.id, name: `${org.name} (nieuw)`, expectedVersion: 1 });
    const denied: SessionUser = { name: 'werker', displayName: 'Werker', role: 'provider', careProviderId: provider, corporationId: null };
    expect((await b.dispatch('rounds.get', { id: roundId }, { actor: denied.name, user: denied })).ok).toBe(false);

    const entries = await call(b, 'audit.list', { limit: 1000 });
    const names = auditNames(await call(b, 'reference.get', {}), []);
    const codes = [...demo.corporations.map((o) => o.id), ...demo.careProviders.map((o) => o.id), ...demo.municipalities.map((m) => m.code)];
    const actions = new Set<string>();
    for (const e of entries) {
      const line = auditLine(e, names);
      const text = `${line.action} | ${line.subject} | ${line.detail}`;
      actions.add(`${e.entity}:${e.action}`);
      if (process.env.AUDIT_DUMP) console.log(text);
      expect(auditAction(e.action), text).not.toBe(e.action);
      expect(text, `${e.entity}:${e.action} ${e.detail}`).not.toMatch(/[{}"]|\[object|\(code |\bcorporation\b|\bprovider\b|\bview\b|\bfilter\b|\bproven\b/);
      for (const code of codes) expect(text, `${e.entity}:${e.action}`).not.toMatch(new RegExp(`\\b${code}\\b`));
    }
    // The day's work wrote these kinds of entries (so the check above covered them).
    for (const a of ['client:list', 'client:view', 'report:view', 'report:export', 'monitor-rows:view', 'client:export', 'round:create', 'round:propose', 'round:view', 'proposal:view', 'round:decide', 'round:close', 'placement:create', 'placement:list', 'followup:list', 'corporation:update', 'method:denied', 'region:import']) {
      expect([...actions]).toContain(a);
    }
    const corpReport = entries.find((e) => e.entity === 'report' && e.action === 'view' && e.entityId === 'corporation')!;
    expect(auditLine(corpReport, names)).toMatchObject({
      subject: 'Rapportage woningcorporatie',
      detail: expect.stringMatching(new RegExp(`^corporatie ${demo.corporations[0]!.name}; periode 1 januari 2026 t/m 30 juni 2026; \\d+ kandidat(en)? in de rapportage$`)),
    });
  });
});

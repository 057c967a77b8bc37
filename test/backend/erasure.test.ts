// The right to erasure (clients.erase): a client with a full history is gone from every table (no cell
// holds their code or name); the audit keeps only that it happened and its chain verifies; the
// monitor figures stay; the rounds still open and run.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { makeScrubber } from '../../electron/backend/repos/privacy.repo';
import { asChair } from '../../shared/auth/system-user';
import { row, rows, run, withoutRowOrder } from '../pg/sql';
import { call, memoryBackend } from './helpers';
import { type History, MICHELLE, cellsContaining, historyWithMichelle } from './privacy-fixture';

let b: Backend;
let h: History;

const erase = () => call(b, 'clients.erase', { id: MICHELLE.id, reason: 'Verzoek van Michelle (K-0001) per brief van 20-11-2026' });

describe('clients.erase', () => {
  beforeEach(async () => {
    b = await memoryBackend();
    h = await historyWithMichelle(b);
  }, 120_000);

  it('the fixture really holds her code and name in many tables before', async () => {
    const tables = new Set((await cellsContaining(b, [MICHELLE.id, MICHELLE.name])).map((hit) => hit.split('[')[0]));
    for (const t of ['clients', 'client_places', 'client_consents', 'round_clients', 'round_controls', 'round_versions', 'round_decisions', 'rounds', 'placements', 'placement_checks', 'review_files', 'audit_log', 'units']) {
      expect(tables, t).toContain(t);
    }
  });

  it('leaves no cell in any table with their code or name, the raw proposal JSON included', async () => {
    const out = await erase();
    expect(out.id).toBe(MICHELLE.id);
    expect(await cellsContaining(b, [MICHELLE.id, MICHELLE.name])).toEqual([]);
    expect(out.removed.clients).toBe(1);
    expect(out.removed.roundMembers).toBe(2);
    expect(out.removed.decisions).toBe(1);
    expect(out.removed.placements).toBe(1);
    expect(out.removed.placementChecks).toBe(1);
    expect(out.removed.reviewFiles).toBe(1);
    expect(out.removed.auditEntries).toBeGreaterThan(5);
    // The raw stored proposals: no match, alternative or unplaced entry about her in any version.
    const versions = await rows<Record<string, string>>(b, 'select proposal_json, greedy_json, controls_json from round_versions');
    expect(versions.length).toBeGreaterThanOrEqual(2);
    for (const v of versions) for (const text of Object.values(v)) expect(text).not.toMatch(/K-0001|michelle/i);
  });

  it('keeps the placement as an anonymous letting, so quota, load and exchange figures stay', async () => {
    const before = (await row<{ n: number }>(b, 'select count(*) as n from placements'))!;
    await erase();
    const after = (await row<{ n: number }>(b, 'select count(*) as n from placements'))!;
    expect(after.n).toBe(before.n);
    const placement = (await row(b, 'select * from placements where unit_id = ?', h.unitId))!;
    expect(placement.client_id).toBeNull();
    expect(placement.round_id).toBeNull();
    expect(placement.move_in_date).toBeNull();
    expect(String(placement.id)).toMatch(/^P-gewist-[0-9a-f]{10}$/);
    const unit = (await row<{ occupant_client_id: string | null }>(b, 'select occupant_client_id from units where id = ?', h.unitId))!;
    expect(unit.occupant_client_id).toBeNull();
  });

  it('audits the erasure with its reason and counts only, and the audit chain still verifies', async () => {
    const out = await erase();
    const check = await call(b, 'audit.verify', {});
    expect(check.intact, check.message).toBe(true);
    const last = (await row<Record<string, string | null>>(b, 'select * from audit_log order by id desc limit 1'))!;
    expect(last.action).toBe('erase');
    expect(last.entity).toBe('client');
    expect(last.entity_id).toBeNull();
    const detail = JSON.parse(last.detail!) as { reason: string; removed: Record<string, number> };
    expect(detail.reason).toBe('Verzoek van gewist (gewist) per brief van 20-11-2026');
    expect(detail.removed).toEqual(out.removed);
    expect(last.detail).not.toMatch(/K-0001|michelle/i);
    // Entries about her keep what happened, not who: her record's own entries are emptied.
    const hers = await rows<{ detail: string }>(b, "select detail from audit_log where entity = 'client' and entity_id = 'gewist'");
    expect(hers.length).toBeGreaterThan(0);
    for (const r of hers) expect(JSON.parse(r.detail)).toEqual({ gewist: true });
    // A second audit verify after more writes: the chain was sealed again, not just patched.
    await call(b, 'clients.get', { id: 'K-0002' });
    expect((await call(b, 'audit.verify', {})).intact).toBe(true);
  });

  it('keeps the monitor figures as they were', async () => {
    const before = await call(b, 'monitor.figures', {});
    await erase();
    const after = await call(b, 'monitor.figures', {});
    expect({ ...after, removedClients: 0 }).toEqual({ ...before, removedClients: 0 });
    expect(after.removedClients).toBe(1);
    const archive = withoutRowOrder(await rows(b, 'select * from monitor_archive'));
    expect(archive).toEqual([{ year: 2026, municipality_code: 'GM0171', target_group: 'BW', status: 'placed', count: 1 }]);
  });

  it('leaves the rounds readable and the open round workable', async () => {
    await erase();
    const closed = await call(b, 'rounds.get', { id: h.closedRound });
    expect(closed.clients.some((c) => c.id === MICHELLE.id)).toBe(false);
    expect(closed.decisions.some((d) => d.clientId === MICHELLE.id)).toBe(false);
    const { proposal } = await call(b, 'rounds.proposal', { roundId: h.closedRound, version: 1 });
    expect(proposal.matches.some((m) => m.clientId === MICHELLE.id)).toBe(false);
    await call(b, 'rounds.compare', { roundId: h.openRound, a: 1, b: 1 });
    const open = await call(b, 'rounds.get', { id: h.openRound });
    expect(open.controls.some((c) => c.clientId === MICHELLE.id)).toBe(false);
    const again = await call(b, 'rounds.propose', { roundId: h.openRound });
    expect(again.proposal.matches.some((m) => m.clientId === MICHELLE.id)).toBe(false);
    await call(b, 'placements.list', {});
    await call(b, 'followup.todo', {});
    await call(b, 'dataset.export', {});
    expect(await cellsContaining(b, [MICHELLE.id, MICHELLE.name])).toEqual([]);
  });

  it('refuses an unknown client, an empty reason, and any role but the chair, writing nothing', async () => {
    await expect(call(b, 'clients.erase', { id: 'K-9999', reason: 'verzoek' })).rejects.toThrow(/NOT_FOUND.*K-9999 bestaat niet/);
    await expect(call(b, 'clients.erase', { id: MICHELLE.id, reason: '   ' })).rejects.toThrow(/VALIDATION.*reden/);
    const provider = { actor: 'zorg', user: { ...asChair('zorg').user, role: 'provider' as const, careProviderId: 'prov-dijkzicht' } };
    const r = await b.dispatch('clients.erase', { id: MICHELLE.id, reason: 'verzoek' }, provider);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    expect(await row(b, 'select count(*) as n from clients where id = ?', MICHELLE.id)).toEqual({ n: 1 });
  });

  it('refuses while the audit log was edited outside the app: erasing would hide that', async () => {
    await run(b, "update audit_log set actor = 'iemand' where id = 3");
    await expect(erase()).rejects.toThrow(/CONFLICT.*Logboek gewijzigd vanaf regel 3.*Er is niets gewijzigd/);
    expect(await row(b, 'select count(*) as n from clients where id = ?', MICHELLE.id)).toEqual({ n: 1 });
  });
});

describe('the erasure scrubber', () => {
  const scrub = makeScrubber(['K-0001', '17'], ['Sam'], 'erase');
  it('replaces a code wherever it stands as a code, never inside another code or number', () => {
    expect(scrub.text('P-R3-K-0001')).toBe('P-R3-gewist');
    expect(scrub.text('zie K-0001.')).toBe('zie gewist.');
    expect(scrub.text('k-0001 en K-00012 en K-0001-b')).toBe('gewist en K-00012 en K-0001-b');
    expect(scrub.text('ronde 17, score 17,5')).toBe('ronde 17, score 17,5');
    expect(scrub.text('17')).toBe('gewist');
  });
  it('replaces a name as a whole word only', () => {
    expect(scrub.text('Samira belde met Sam en SAM.')).toBe('Samira belde met gewist en gewist.');
  });
  it('drops records about the client from lists and replaces codes in values', () => {
    expect(scrub.cell(JSON.stringify({ codes: ['17', '18'], pairs: [{ clientId: 'K-0001', unitId: 'W-1' }, { clientId: 'K-0002', unitId: 'W-2' }], takenBy: 'K-0001' }))).toBe(
      JSON.stringify({ codes: ['gewist', '18'], pairs: [{ clientId: 'K-0002', unitId: 'W-2' }], takenBy: 'gewist' }),
    );
    const untouched = '{"a": 1}';
    expect(scrub.cell(untouched)).toBe(untouched);
  });
});

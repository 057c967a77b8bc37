// The round's own planning setting (issue 14 item 1: "hold capacity for later or spend it now — a
// setting, and per round"): the chair's choice for one round wins over the policy both ways, is kept
// (across a restart and in the dataset), is the chair's alone, refuses bad values with the field named
// in Dutch, and is written to the audit log. Real SQLite, the real proposal worker and HiGHS; the demo
// region and round of planning.test.ts (27 November 2026, where holding 1 with 5 points an empty
// home-month keeps a neighbourhood's place for later).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Backend, createBackend } from '../../electron/backend/backend';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import type { SessionUser } from '../../shared/auth/roles';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import type { Proposal } from '../../shared/engine/round.schema';
import { auditLine, auditNames } from '../../renderer/src/ui/audit-text.util';
import { readDataset } from '../../electron/backend/repos/region.repo';
import { roundProposeInput } from '../../electron/backend/services/rounds.service';
import { arrivalModel } from '../../shared/engine/plan';
import { FIXED_NOW, call, importDataset, memoryBackend } from './helpers';

const demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;
const DATE = '2026-11-27';
const PLANNING = { hold: 1, emptyHomeMonthCost: 5 };
const backends: Backend[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const b of backends) await b.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The demo region, its policy planning as given (null: the demo's own, which does not plan). */
function region(planning: typeof PLANNING | null): Dataset {
  const d = structuredClone(demo);
  if (planning) for (const p of d.policies) (p.settings as { planning?: unknown }).planning = planning;
  return d;
}

async function backendWith(planning: typeof PLANNING | null, file = ':memory:'): Promise<Backend> {
  const b = file === ':memory:' ? await memoryBackend() : await createBackend(file, { host: 'test', now: () => FIXED_NOW });
  backends.push(b);
  await importDataset(b, region(planning));
  return b;
}

/** A new round, prepared by `actor` (who creates it holds its lock). */
const newRound = async (b: Backend, actor = 'tester') => (await call(b, 'rounds.create', { date: DATE, windowFrom: DATE, windowTo: '2027-01-31', note: '' }, actor)).id;
const propose = async (b: Backend, roundId: number): Promise<Proposal> => (await call(b, 'rounds.propose', { roundId })).proposal;
const heldPlaces = (p: Proposal) => (p.planning?.held ?? []).reduce((n, h) => n + h.places, 0);
const heldHomes = (p: Proposal) => (p.counterfactuals?.emptyHomes ?? []).filter((e) => e.reason === 'HELD');

const user = (role: SessionUser['role']): SessionUser => ({
  name: `als-${role}`,
  displayName: role,
  role,
  careProviderId: role === 'provider' ? demo.careProviders[0]!.id : null,
  corporationId: role === 'liaison' ? demo.corporations[0]!.id : null,
});

describe('the round’s own planning setting', () => {
  it('a policy that plans, a round that spends everything now: the round’s own optimum, nothing held; back to the policy, it holds again', async () => {
    const b = await backendWith(PLANNING);
    const roundId = await newRound(b);
    expect((await call(b, 'rounds.get', { id: roundId })).planning).toEqual({
      choice: { mode: 'policy' },
      setAt: null,
      setBy: null,
      policy: PLANNING,
      effective: PLANNING,
    });

    const state = await call(b, 'rounds.setPlanning', { roundId, planning: { mode: 'spend-now' } });
    expect(state).toMatchObject({ choice: { mode: 'spend-now' }, policy: PLANNING, effective: { hold: 0, emptyHomeMonthCost: 0 }, setBy: 'tester' });
    const spent = await propose(b, roundId);
    expect(spent.planning).toBeUndefined();
    expect(heldHomes(spent)).toEqual([]);
    expect(spent.optimality.status).toBe('proven');
    expect(spent.planningSetting).toEqual({ mode: 'spend-now', hold: 0, emptyHomeMonthCost: 0, policy: PLANNING });

    await call(b, 'rounds.setPlanning', { roundId, planning: { mode: 'policy' } });
    const planned = await propose(b, roundId);
    expect(planned.planning).toMatchObject(PLANNING);
    expect(heldPlaces(planned)).toBeGreaterThan(0);
    expect(heldHomes(planned).length).toBeGreaterThan(0);
    expect(planned.planningSetting).toEqual({ mode: 'policy', ...PLANNING, policy: PLANNING });
    // What spending now placed is the planned proposal's own optimum.
    expect(spent.totalScore).toBeCloseTo(planned.planning!.plainTotal, 2);
    expect(spent.matches.length).toBe(planned.planning!.plainPlaced);
  }, 240_000);

  it('a policy that does not plan, a round with a hold of its own: the proposal plans, at the round’s values, and says so', async () => {
    const b = await backendWith(null);
    const roundId = await newRound(b);
    expect((await call(b, 'rounds.get', { id: roundId })).planning.policy).toEqual({ hold: 0, emptyHomeMonthCost: 0 });
    // Without its own empty home-month cost, the round takes the policy's (here 0).
    const holdOnly = await call(b, 'rounds.setPlanning', { roundId, planning: { mode: 'custom', hold: 0.5 } });
    expect(holdOnly).toMatchObject({ choice: { mode: 'custom', hold: 0.5, emptyHomeMonthCost: null }, effective: { hold: 0.5, emptyHomeMonthCost: 0 } });

    await call(b, 'rounds.setPlanning', { roundId, planning: { mode: 'custom', ...PLANNING } });
    const p = await propose(b, roundId);
    expect(p.planning).toMatchObject(PLANNING);
    expect(p.planning!.sentence).toMatch(/^Plannen voor later/);
    expect(heldPlaces(p)).toBeGreaterThan(0);
    expect(p.planningSetting).toEqual({ mode: 'custom', ...PLANNING, policy: { hold: 0, emptyHomeMonthCost: 0 } });
    // The greedy practice beside it never plans, and is not said to.
    const { greedy } = await call(b, 'rounds.proposal', { roundId, version: 1 });
    expect(greedy.planning).toBeUndefined();
    expect(greedy.planningSetting).toBeUndefined();
    // The proposal's audit entry names the setting it used and what it kept.
    const entries = await call(b, 'audit.list', { limit: 1000 });
    const proposed = entries.find((e) => e.entity === 'round' && e.action === 'propose')!;
    expect(auditLine(proposed, auditNames()).detail).toMatch(
      new RegExp(`; plannen over rondes: eigen instelling van deze ronde \\(bewaren 1; lege woning 5 punten per maand\\), ${heldPlaces(p)} plek(ken)? bewaard voor later$`),
    );
  }, 240_000);

  it('is kept: after a restart and through the dataset export and import', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ut-round-planning-'));
    dirs.push(dir);
    const file = join(dir, 'r.sqlite');
    const b = await backendWith(null, file);
    const roundId = await newRound(b, 'voorzitter');
    const other = await newRound(b);
    const set = await call(b, 'rounds.setPlanning', { roundId, planning: { mode: 'custom', hold: 0.25, emptyHomeMonthCost: 12.5 } }, 'voorzitter');
    expect(set.setAt).toBe(FIXED_NOW.toISOString());
    await b.close();
    backends.splice(backends.indexOf(b), 1);

    const again = await createBackend(file, { host: 'test', now: () => FIXED_NOW });
    backends.push(again);
    const detail = await call(again, 'rounds.get', { id: roundId });
    expect(detail.planning).toEqual(set);
    expect(detail.planning.effective).toEqual({ hold: 0.25, emptyHomeMonthCost: 12.5 });
    // Another round still follows the policy.
    expect((await call(again, 'rounds.get', { id: other })).planning.choice).toEqual({ mode: 'policy' });

    // The dataset carries it (only for the round whose chair chose), and an import gives it back.
    const x = await call(again, 'dataset.export', {});
    const rounds = x.history!.rounds;
    expect(rounds.find((r) => r.id === roundId)!.planning).toEqual({ choice: { mode: 'custom', hold: 0.25, emptyHomeMonthCost: 12.5 }, setAt: set.setAt, setBy: 'voorzitter' });
    expect('planning' in rounds.find((r) => r.id === other)!).toBe(false);
    const moved = await memoryBackend();
    backends.push(moved);
    await call(moved, 'dataset.import', { dataset: x, source: 'verhuizing.json' });
    expect((await call(moved, 'rounds.get', { id: roundId })).planning).toEqual(set);
    expect(await call(moved, 'dataset.export', {})).toMatchObject({ history: { rounds: x.history!.rounds } });
  }, 120_000);

  it('is the chair’s alone: every other role is refused, logged, and nothing changes', async () => {
    const b = await backendWith(PLANNING);
    const roundId = await newRound(b);
    for (const role of ['provider', 'liaison', 'readonly'] as const) {
      const u = user(role);
      const r = await b.dispatch('rounds.setPlanning', { roundId, planning: { mode: 'spend-now' } }, { actor: u.name, user: u });
      expect(r.ok, role).toBe(false);
      if (!r.ok) expect(r.error.code, role).toBe('FORBIDDEN');
    }
    expect((await call(b, 'rounds.get', { id: roundId })).planning.choice).toEqual({ mode: 'policy' });
    const denied = (await call(b, 'audit.list', { limit: 1000 })).filter((e) => e.action === 'denied' && e.entityId === 'rounds.setPlanning');
    expect(denied.map((e) => e.actor).sort()).toEqual(['als-liaison', 'als-provider', 'als-readonly']);
  }, 60_000);

  it('refuses bad values with the field named in Dutch, and changes nothing', async () => {
    const b = await backendWith(null);
    const roundId = await newRound(b);
    const refused = async (planning: unknown, id: number = roundId) => {
      const r = await b.dispatch('rounds.setPlanning', { roundId: id, planning } as never, { actor: 'tester', user: user('chair') });
      if (r.ok) throw new Error(`accepted: ${JSON.stringify(planning)}`);
      return r.error;
    };
    const hold = "planning.hold: 'Bewaren voor later' moet een getal van 0 tot en met 1 zijn";
    const cost = "planning.emptyHomeMonthCost: 'Kosten lege woning per maand' moet een getal van 0 tot en met 10.000 (punten) zijn";
    for (const [planning, message] of [
      [{ mode: 'custom', hold: 1.5 }, hold],
      [{ mode: 'custom', hold: -0.1 }, hold],
      [{ mode: 'custom', hold: '0,5' }, hold],
      [{ mode: 'custom' }, hold],
      [{ mode: 'custom', hold: 0.5, emptyHomeMonthCost: -1 }, cost],
      [{ mode: 'custom', hold: 0.5, emptyHomeMonthCost: 20_000 }, cost],
      [{ mode: 'spend-now', hold: 0.5 }, "planning: bij 'spend-now' hoort geen veld 'hold'"],
      [{ mode: 'later' }, "planning.mode: kies hoe deze ronde plant: 'policy' (het beleid volgen), 'spend-now' (alles nu inzetten) of 'custom' (eigen instelling)"],
    ] as const) {
      const e = await refused(planning);
      expect(e.code, JSON.stringify(planning)).toBe('VALIDATION');
      expect(e.message, JSON.stringify(planning)).toBe(`Ongeldige invoer voor rounds.setPlanning: ${message}`);
    }
    expect((await refused({ mode: 'spend-now' }, 999)).message).toBe('Ronde 999 bestaat niet.');
    expect((await call(b, 'rounds.get', { id: roundId })).planning.choice).toEqual({ mode: 'policy' });
    expect((await call(b, 'audit.list', { limit: 1000 })).filter((e) => e.action === 'planning-set')).toEqual([]);
  }, 60_000);

  it('is written to the audit log, before and after, and reads in Dutch', async () => {
    const b = await backendWith(PLANNING);
    const roundId = await newRound(b, 'voorzitter');
    await call(b, 'rounds.setPlanning', { roundId, planning: { mode: 'spend-now' } }, 'voorzitter');
    await call(b, 'rounds.setPlanning', { roundId, planning: { mode: 'custom', hold: 0.5 } }, 'voorzitter');
    const entries = (await call(b, 'audit.list', { limit: 1000 })).filter((e) => e.action === 'planning-set').sort((a, c) => a.id - c.id);
    expect(entries).toHaveLength(2);
    for (const e of entries) expect(e).toMatchObject({ actor: 'voorzitter', entity: 'round', entityId: String(roundId) });
    expect(JSON.parse(entries[0]!.detail)).toEqual({
      before: { mode: 'policy' },
      after: { mode: 'spend-now' },
      policy: PLANNING,
      effective: { hold: 0, emptyHomeMonthCost: 0 },
    });
    expect(JSON.parse(entries[1]!.detail)).toMatchObject({ before: { mode: 'spend-now' }, after: { mode: 'custom', hold: 0.5, emptyHomeMonthCost: null }, effective: { hold: 0.5, emptyHomeMonthCost: 5 } });
    const names = auditNames();
    expect(auditLine(entries[0]!, names)).toMatchObject({ action: 'plannen over rondes ingesteld', detail: 'alles nu inzetten; was: het beleid volgen' });
    expect(auditLine(entries[1]!, names).detail).toBe('eigen instelling: bewaren 0,5; lege woning 5 punten per maand; was: alles nu inzetten');
  }, 60_000);
});

describe('the input of a proposal', () => {
  it('holds the round’s candidates only, and the region’s pace of arrivals over the whole register', async () => {
    const b = await backendWith(PLANNING);
    const { id: roundId } = await call(b, 'rounds.create', { date: DATE, windowFrom: DATE, windowTo: '2027-01-31' });
    const members = (await call(b, 'rounds.get', { id: roundId })).clients.filter((c) => c.included).map((c) => c.id);
    const register = (await readDataset(b.database.db))!;
    // The demo region has candidates outside the round (not ready, placed, archived): they must still count in the pace.
    expect(register.clients.length).toBeGreaterThan(members.length);
    const { dataset, base } = await roundProposeInput(b.database.db, roundId);
    expect(dataset.clients.map((c) => c.id).sort()).toEqual([...members].sort());
    const whole = arrivalModel(register, DATE, null);
    expect(whole.clientsPerMonth).toBeGreaterThan(0);
    // Counted over the round's members alone the pace would differ: the test tells the two apart.
    expect(arrivalModel(dataset, DATE, null).clientsPerMonth).not.toBe(whole.clientsPerMonth);
    expect(base.planning?.arrivalsPerMonth).toEqual({ clients: whole.clientsPerMonth, units: whole.unitsPerMonth });
  });
});

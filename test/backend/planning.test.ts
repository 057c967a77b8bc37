// Planning for later in the app (plan.ts through rounds.propose, the real worker and HiGHS): a policy
// that holds capacity gets a proposal that says what it kept and why, drawn at the region's own pace
// (rates from the whole register, not the round's members); a policy without planning proposes as before.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { demoDatasetPath, sourceRoot } from '../../electron/backend/paths';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { call, importDataset, memoryBackend } from './helpers';

const demo = JSON.parse(readFileSync(demoDatasetPath(sourceRoot()), 'utf8')) as Dataset;
const DATE = '2026-11-27';
const backends: Backend[] = [];
afterAll(async () => {
  for (const b of backends) await b.close();
});

async function proposeWith(planning: { hold: number; emptyHomeMonthCost: number } | null) {
  const d = structuredClone(demo);
  if (planning) for (const p of d.policies) (p.settings as { planning?: unknown }).planning = planning;
  const b = await memoryBackend();
  backends.push(b);
  await importDataset(b, d);
  const roundId = (await call(b, 'rounds.create', { date: DATE, windowFrom: DATE, windowTo: '2027-01-31', note: '' })).id;
  return (await call(b, 'rounds.propose', { roundId })).proposal;
}

describe('planning for later in a round of the app', () => {
  it('a policy without planning proposes the round’s own optimum, with no planning part', async () => {
    const p = await proposeWith(null);
    expect(p.planning).toBeUndefined();
    expect(p.optimality.status).toBe('proven');
  });

  it('a policy that holds capacity: the rates of the whole register, the real scores, and what it kept in words', async () => {
    const p = await proposeWith({ hold: 1, emptyHomeMonthCost: 5 });
    const plan = p.planning!;
    expect(plan).toBeDefined();
    expect(plan.hold).toBe(1);
    expect(plan.emptyHomeMonthCost).toBe(5);
    // Counted here: clients who became woonrijp and homes that came free in the twelve months up to the round.
    const since = '2025-11-27';
    const recent = (day: string | null) => day !== null && day > since && day <= DATE;
    expect(plan.arrivalsPerMonth.source).toBe('given');
    expect(plan.arrivalsPerMonth.clients).toBeCloseTo(demo.clients.filter((c) => recent(c.readyDate)).length / 12, 2);
    expect(plan.arrivalsPerMonth.units).toBeCloseTo(demo.units.filter((u) => recent(u.availableFrom)).length / 12, 2);
    // Never above the round's own optimum, in real scores; what was held is said per limit.
    expect(p.totalScore).toBeLessThanOrEqual(plan.plainTotal + 0.005);
    expect(p.matches.length).toBeLessThanOrEqual(plan.plainPlaced);
    expect(plan.sentence).toMatch(/^Plannen voor later/);
    for (const h of plan.held) {
      expect(h.places).toBeGreaterThan(0);
      expect(h.sentence).toMatch(/bewaard; verwacht betere match volgende ronde \(een plek is later naar verwachting [\d.,]+ punten waard\)$/);
    }
    if (plan.held.length) expect(p.totalScore).toBeLessThan(plan.plainTotal);
    // A home left empty because its neighbourhood's place was kept says so, with that limit.
    for (const h of plan.held.filter((x) => x.constraintCode === 'NEIGHBOURHOOD')) {
      const homes = p.counterfactuals!.emptyHomes.filter((e) => e.reason === 'HELD' && e.detail === h.label);
      expect(homes.length, h.label).toBeGreaterThan(0);
      for (const e of homes) expect(e.sentence).toBe(`Bewaard voor een volgende ronde: ${h.sentence}.`);
    }
    expect(plan.held.some((x) => x.constraintCode === 'NEIGHBOURHOOD')).toBe(true);
    // The counterfactuals still come with it, one per unplaced candidate.
    const unplacedCandidates = p.unplaced.filter((u) => u.kind === 'outcompeted' || u.kind === 'no-possible-unit').length;
    expect(p.counterfactuals?.clients.length).toBe(unplacedCandidates);
  });
});

// Planning with the future in view (shared/engine/plan.ts, issue 14) with the real HiGHS solvers: with
// hold 0 and no empty-home cost the planned answer is the round's own optimum; on a hand-built round
// where the neighbourhood's one place is clearly worth more to the clients expected next rounds, the
// plan keeps it and says so; a high empty-home cost stops the holding; the reported totals are the
// real scores (recounted here); the same seed gives the same answer; and a three-month replay on small
// regions where planned's share of the hindsight optimum is compared with round-by-round optimal's.
import { beforeAll, describe, expect, it } from 'vitest';
import { engineSolvers } from '../../electron/backend/engine/highs';
import type { Client, Dataset, Unit } from '../../shared/dataset/dataset.schema';
import { checkDataset } from '../../shared/dataset/validate';
import { defaultPolicySettings, PolicySettings } from '../../shared/domain/policy';
import { evaluate } from '../../shared/engine/evaluate';
import { addMonths, buildModel } from '../../shared/engine/model';
import { addDays } from '../../shared/domain/random';
import { calendarPeriodStart, planSettings, roundsLeftInYear, roundsToCome, solvePlanned } from '../../shared/engine/plan';
import { type EngineSolvers, propose } from '../../shared/engine/propose';
import { REPLAY_STRATEGIES, runReplay } from '../../shared/engine/replay';
import { emptyControls, Proposal, type ProposeOptions } from '../../shared/engine/round.schema';
import { scorePair } from '../../shared/engine/score';
import { solveOptimal } from '../../shared/engine/solve';
import { generateInstance, instanceOptions, variantOptions } from '../../scripts/bench/instances';
import { miniDataset } from '../fixtures/mini-dataset';

let solvers: EngineSolvers = {};
beforeAll(async () => {
  solvers = await engineSolvers();
});

const TODAY = '2026-11-27';
const CENTRUM = 'BU00340101';

/**
 * A round with two homes in Almere's Stad Centrum, whose cap allows one placement per three months,
 * and one home in Lelystad. Candidate K-A comes from Lelystad with no ties to Almere (about 96 points
 * in Stad Centrum); K-B comes from Lelystad and fits the Lelystad home. The region's history: four
 * clients placed before who come from Almere with family in Stad Centrum — the kind of client who
 * arrives (about 164 points there). Two such arrivals a month are expected, no new homes.
 */
function heldRound(): { dataset: Dataset; options: ProposeOptions } {
  const base = miniDataset();
  const settings: PolicySettings = { ...defaultPolicySettings(), caps: { ...defaultPolicySettings().caps, perNeighbourhood: 1 } };
  const template = base.clients[0]!;
  const client = (id: string, over: Partial<Client>): Client => ({
    ...template,
    id,
    name: null,
    networkPlaces: [],
    readyDate: '2026-10-27',
    ...over,
  });
  const unit = (id: string, over: Partial<Unit>): Unit => ({
    ...base.units[0]!,
    id,
    complex: null,
    kind: 'regular',
    rooms: 1,
    rent: 600,
    availableFrom: TODAY,
    ...over,
  });
  const family = [{ kind: 'family' as const, municipalityCode: 'GM0034', neighbourhoodCode: CENTRUM, note: '' }];
  const dataset: Dataset = {
    ...base,
    policies: [{ id: 'beleid', name: 'Testbeleid', validFrom: '2026-01-01', settings }],
    quotas: [],
    placements: [],
    units: [
      unit('W-C1', { neighbourhoodCode: CENTRUM }),
      unit('W-C2', { neighbourhoodCode: CENTRUM }),
      unit('W-L1', { municipalityCode: 'GM0995', neighbourhoodCode: 'BU09950101' }),
    ],
    clients: [
      client('K-A', { originMunicipalityCode: 'GM0995', currentMunicipalityCode: 'GM0995' }),
      client('K-B', { originMunicipalityCode: 'GM0995', currentMunicipalityCode: 'GM0995', networkPlaces: [{ ...family[0]!, municipalityCode: 'GM0995', neighbourhoodCode: 'BU09950101' }] }),
      ...['K-G1', 'K-G2', 'K-G3', 'K-G4'].map((id) => client(id, { status: 'placed', originMunicipalityCode: 'GM0034', networkPlaces: family })),
    ],
  };
  const options: ProposeOptions = {
    strategy: 'optimal',
    referenceDate: TODAY,
    window: { from: TODAY, to: '2026-12-26' },
    controls: emptyControls(),
    timeLimitMs: 10_000,
    // The cap period starts today: two rounds are still to come in it.
    planning: { hold: 1, emptyHomeMonthCost: 0, arrivalsPerMonth: { clients: 2, units: 0 }, periodStart: TODAY },
  };
  return { dataset, options };
}

/** A proposal without its clock reading, to compare two runs. */
const withoutTime = (p: Proposal) => ({ ...p, planning: p.planning ? { ...p.planning, ms: 0 } : undefined });

describe('planSettings: who plans, and over how many rounds', () => {
  it('plans only for optimal with a hold or an empty-home cost; the round overrides the policy', () => {
    const policy = defaultPolicySettings();
    const options = instanceOptions('optimal');
    expect(planSettings(policy, options)).toBeNull();
    expect(planSettings({ ...policy, planning: { hold: 0.5, emptyHomeMonthCost: 0 } }, options)?.hold).toBe(0.5);
    expect(planSettings({ ...policy, planning: { hold: 0.5, emptyHomeMonthCost: 0 } }, { ...options, planning: { hold: 0 } })).toBeNull();
    expect(planSettings({ ...policy, planning: { hold: 0.5, emptyHomeMonthCost: 0 } }, { ...options, strategy: 'greedy' })).toBeNull();
    expect(planSettings(policy, { ...options, planning: { emptyHomeMonthCost: 3 } })).toMatchObject({ hold: 0, emptyHomeMonthCost: 3 });
  });

  it('counts the rounds still to come in the cap period (calendar quarters by default)', () => {
    expect(calendarPeriodStart('2026-11-27', 3)).toBe('2026-10-01');
    expect(calendarPeriodStart('2026-01-05', 3)).toBe('2026-01-01');
    expect(calendarPeriodStart('2026-11-27', 12)).toBe('2026-01-01');
    expect(roundsToCome('2026-11-27', '2026-10-01', 3)).toBe(1); // 27 December; 27 January is in the next quarter
    expect(roundsToCome('2026-11-27', '2026-11-27', 3)).toBe(2);
    expect(roundsToCome('2027-01-27', '2026-11-27', 3)).toBe(0);
    expect(planSettings({ ...defaultPolicySettings(), planning: { hold: 1, emptyHomeMonthCost: 0 } }, instanceOptions('optimal'))?.horizonMonths).toBe(1);
  });

  it('older policy profiles read no planning', () => {
    const { planning: _planning, ...old } = defaultPolicySettings();
    expect(PolicySettings.parse(old).planning).toEqual({ hold: 0, emptyHomeMonthCost: 0 });
  });
});

describe('planned proposals (HiGHS)', () => {
  it('with hold 0 and no empty-home cost the answer is the round\'s own optimum', () => {
    const checked = checkDataset(generateInstance(variantOptions('normal', 60, 45, 8)));
    if (!checked.ok) throw new Error('the generated region is not a valid dataset');
    const options = { ...instanceOptions('optimal'), planning: { hold: 0, emptyHomeMonthCost: 0, arrivalsPerMonth: { clients: 6, units: 4 }, periodStart: TODAY } };
    const plain = propose(checked.dataset, instanceOptions('optimal'), undefined, solvers);
    const viaOptions = propose(checked.dataset, options, undefined, solvers);
    expect(viaOptions).toEqual(plain);
    expect(viaOptions.planning).toBeUndefined();
    // The planning step itself, futures sampled and priced but with hold 0: the same pairs.
    const model = buildModel(checked.dataset, options);
    const planned = solvePlanned(model, checked.dataset, { hold: 0, emptyHomeMonthCost: 0, scenarios: 3, seed: 14, horizonMonths: 2, arrivalsPerMonth: { clients: 6, units: 4 } }, {
      deadline: performance.now() + 20_000,
      ...solvers,
      relaxation: solvers.relaxation!,
    });
    const optimum = solveOptimal(model, { deadline: performance.now() + 20_000, ...solvers });
    expect(planned.planning.scenarios).toBe(3);
    expect([...planned.result.chosen].sort((a, b) => a - b)).toEqual([...optimum.chosen].sort((a, b) => a - b));
    expect(planned.result.total).toBe(optimum.total);
    expect(planned.planning.held).toEqual([]);
    expect(planned.result.proven).toBe(optimum.proven);
  });

  it('keeps the neighbourhood\'s one place for the clearly better clients expected, and says so', () => {
    const { dataset, options } = heldRound();
    const plain = propose(dataset, { ...options, planning: { hold: 0 } }, undefined, solvers);
    expect(plain.matches.map((m) => `${m.clientId}-${m.unitId}`).sort()).toEqual(['K-A-W-C1', 'K-B-W-L1']);

    const planned = Proposal.parse(propose(dataset, options, undefined, solvers));
    expect(planned.matches.map((m) => `${m.clientId}-${m.unitId}`)).toEqual(['K-B-W-L1']);
    const p = planned.planning!;
    expect(p).toMatchObject({ hold: 1, emptyHomeMonthCost: 0, horizonMonths: 2, scenarios: 4, plainPlaced: 2, plainTotal: plain.totalScore });
    expect(p.arrivalsPerMonth).toEqual({ clients: 2, units: 0, source: 'given' });
    expect(p.held).toHaveLength(1);
    const held = p.held[0]!;
    expect(held).toMatchObject({ constraintCode: 'NEIGHBOURHOOD', key: CENTRUM, places: 1 });
    // Worth more later than K-A's placement now (about 96 points): the expected arrivals score about 164.
    const kA = plain.matches.find((m) => m.clientId === 'K-A')!;
    expect(held.price).toBeGreaterThan(kA.score);
    expect(held.sentence).toMatch(/^Stad Centrum: 1 plek bewaard; verwacht betere match volgende ronde \(een plek is later naar verwachting [\d,.]+ punten waard\)$/);
    expect(p.sentence).toMatch(/capaciteit bewaard in 1 grens; dit voorstel scoort nu [\d,.]+ punten minder dan het optimum van deze ronde en plaatst 1 kandidaat minder\./);
    // K-A is told why the free home in Stad Centrum is not theirs.
    const why = planned.unplaced.find((u) => u.clientId === 'K-A')!;
    expect(why.kind).toBe('outcompeted');
    expect(why.reasons.some((r) => r.code === 'HELD_FOR_LATER' && r.message.includes('plek bewaard voor later (Stad Centrum: 1 plek bewaard'))).toBe(true);
    // The bound is the round's own: the planned total is knowingly below it.
    expect(planned.optimality.status).toBe('unproven');
    expect(planned.optimality.bound).toBe(plain.optimality.bound);
    expect(planned.optimality.gap).toBeCloseTo(plain.totalScore - planned.totalScore, 6);
    expect(planned.optimality.note).toMatch(/Bewust onder het optimum van deze ronde/);
  });

  it('a high empty-home cost stops the holding; the policy\'s setting works as the round\'s', () => {
    const { dataset, options } = heldRound();
    const costly = propose(dataset, { ...options, planning: { ...options.planning, emptyHomeMonthCost: 200 } }, undefined, solvers);
    expect(costly.matches.map((m) => m.clientId).sort()).toEqual(['K-A', 'K-B']);
    expect(costly.planning!.held).toEqual([]);
    expect(costly.optimality.status).toBe('proven');
    // The same hold from the policy profile instead of the round.
    const { hold: _hold, ...roundRest } = options.planning!;
    const policy = { ...dataset.policies[0]!, settings: { ...dataset.policies[0]!.settings, planning: { hold: 1, emptyHomeMonthCost: 0 } } };
    const fromPolicy = propose({ ...dataset, policies: [policy] }, { ...options, planning: roundRest }, undefined, solvers);
    expect(fromPolicy.matches.map((m) => m.clientId)).toEqual(['K-B']);
    expect(fromPolicy.planning!.held.map((h) => h.key)).toEqual([CENTRUM]);
  });

  it('values a quota over the rest of the year: early in the year its places are kept for the rounds after the cap period', () => {
    // Four homes in Stad Centrum under corp-a's quota in Almere with 4 places left in 2026, no binding
    // neighbourhood cap; K-A (about 96 points there) now, and one client a month like the families
    // (about 164) expected. Over the cap period alone (K-A and two arrivals) 4 places are plenty; over
    // the year they are not: in March the futures' share is 3 rounds of 10, 1.2 places.
    const at = (today: string) => {
      const { dataset, options } = heldRound();
      const unit = dataset.units[0]!;
      const settings = { ...dataset.policies[0]!.settings, caps: { ...dataset.policies[0]!.settings.caps, perNeighbourhood: 10 } };
      const d: Dataset = {
        ...dataset,
        policies: [{ ...dataset.policies[0]!, settings }],
        quotas: [{ corporationId: unit.corporationId, municipalityCode: unit.municipalityCode, year: 2026, agreed: 4, kind: 'maximum' }],
        units: ['W-C1', 'W-C2', 'W-C3', 'W-C4'].map((id) => ({ ...unit, id, rent: 450, availableFrom: today })),
        clients: dataset.clients.filter((c) => c.id !== 'K-B').map((c) => ({ ...c, readyDate: c.readyDate && addMonths(today, -1) })),
      };
      const window = { from: today, to: addDays(addMonths(today, 1), -1) };
      return propose(d, { ...options, referenceDate: today, window, planning: { ...options.planning, arrivalsPerMonth: { clients: 1, units: 0 }, periodStart: today } }, undefined, solvers);
    };
    expect(roundsLeftInYear('2026-03-27')).toBe(10);
    expect(roundsLeftInYear('2026-11-27')).toBe(2);
    expect(roundsLeftInYear('2026-12-27')).toBe(1);
    // November: the cap period's rounds are the rest of the year; the quota is no constraint for them.
    const november = at('2026-11-27');
    expect(november.matches.map((m) => m.clientId)).toEqual(['K-A']);
    expect(november.planning!.held).toEqual([]);
    // March: the rounds after the cap period need the quota's places too; K-A's placement waits for them.
    const march = at('2026-03-27');
    expect(march.matches).toEqual([]);
    expect(march.planning!.held).toHaveLength(1);
    expect(march.planning!.held[0]).toMatchObject({ constraintCode: 'QUOTA', places: 1 });
    expect(march.planning!.held[0]!.price).toBeGreaterThan(november.matches[0]!.score);
  });

  it('reports real scores: each match scored again, the total re-evaluated without the prices', () => {
    const checked = checkDataset(generateInstance(variantOptions('normal', 80, 60, 3)));
    if (!checked.ok) throw new Error('the generated region is not a valid dataset');
    const d = checked.dataset;
    const options: ProposeOptions = { ...instanceOptions('optimal'), planning: { hold: 1, arrivalsPerMonth: { clients: 12, units: 9 }, periodStart: TODAY } };
    const planned = propose(d, options, undefined, solvers);
    expect(planned.planning!.scenarios).toBeGreaterThan(0);
    // This round does give something up for later (else the check below would prove little).
    expect(planned.planning!.plainTotal).toBeGreaterThan(planned.totalScore);
    const model = buildModel(d, { ...options, planning: undefined });
    const ctx = model.scoreContext;
    const clients = new Map(d.clients.map((c) => [c.id, c]));
    const units = new Map(d.units.map((u) => [u.id, u]));
    for (const m of planned.matches) expect(m.score).toBe(scorePair(clients.get(m.clientId)!, units.get(m.unitId)!, ctx, false).score);
    const index = new Map(model.pairs.all().map((p) => [`${model.clients[p.client]!.id}|${model.units[p.unit]!.id}`, p.index]));
    const ev = evaluate(model, planned.matches.map((m) => index.get(`${m.clientId}|${m.unitId}`)!));
    expect(ev.feasible).toBe(true);
    expect(planned.totalScore).toBe(ev.total);
    expect(Math.round((planned.matches.reduce((s, m) => s + m.score, 0) - planned.figures.penalties) * 100) / 100).toBe(Math.round(ev.total * 100) / 100);
    expect(planned.optimality.bound).not.toBeNull();
    expect(planned.optimality.bound!).toBeGreaterThanOrEqual(planned.planning!.plainTotal);
  });

  it('the same seed gives the same answer', () => {
    const checked = checkDataset(generateInstance(variantOptions('normal', 80, 60, 3)));
    if (!checked.ok) throw new Error('the generated region is not a valid dataset');
    const options: ProposeOptions = { ...instanceOptions('optimal'), planning: { hold: 1, arrivalsPerMonth: { clients: 12, units: 9 }, periodStart: TODAY, seed: 5 } };
    const a = propose(checked.dataset, options, undefined, solvers);
    const b = propose(checked.dataset, options, undefined, solvers);
    expect(withoutTime(b)).toEqual(withoutTime(a));
    expect(a.planning!.seed).toBe(5);
  });
});

describe('planned in the replay: three months on small regions (HiGHS)', () => {
  // Five small regions were tried (40x30 seeds 7 and 8, 60x45 seeds 7 and 8, 80x60 seed 3): planned's
  // share of the first period's hindsight optimum was never below optimal's. Two run here: one where the
  // plan holds a placement back in the first month, one where it only chooses other pairs.
  const ARRIVALS = { clients: { min: 4, max: 8 }, units: { min: 3, max: 6 } };
  for (const [clients, units, seed] of [
    [60, 45, 8],
    [40, 30, 8],
  ] as const) {
    it(`${clients}x${units} seed ${seed}: planned's share is at least optimal's`, () => {
      const checked = checkDataset(generateInstance(variantOptions('normal', clients, units, seed)));
      if (!checked.ok) throw new Error('the generated region is not a valid dataset');
      const input = { dataset: checked.dataset, startDate: TODAY, months: 3, seed: 14, arrivals: ARRIVALS, solvers };
      const optimal = runReplay({ ...input, strategy: REPLAY_STRATEGIES.optimal });
      const planned = runReplay({ ...input, strategy: REPLAY_STRATEGIES.planned });
      expect(planned.periods).toHaveLength(1);
      expect(planned.periods[0]!.share!).toBeGreaterThanOrEqual(optimal.periods[0]!.share!);
      // Every planned month reports how far it stayed below its own optimum; the period's last round has nothing to hold for.
      expect(planned.months.every((m) => m.heldBack !== null)).toBe(true);
      expect(planned.months[2]!.heldBack).toEqual({ placements: 0, score: 0 });
      expect(optimal.months.every((m) => m.heldBack === null)).toBe(true);
    });
  }
});

// What it would take (shared/engine/counterfactual.ts), checked three ways: on small hand-made
// regions whose answers are worked out by hand (a neighbourhood cap already used, a quota, a rent
// limit just below a home's rent, a refused kind, a chair's forbid, a client who can only be placed by
// displacing another, a change that only works when others move); on generated regions, where every
// reported change is applied by the test itself (dataset, options or a cap's right-hand side, then
// buildModel) and checked with HiGHS on its own runtime reading the exported LP with extra rows (the
// client at the reported home, the others of the proposal placed, the displaced ones not); and at the
// edges: a deadline already past, and the opt-in step of the proposal. Three defects these tests found
// (fixed, the tests kept): a rent raise one euro too high, a change missed when the re-solve's optimum
// displaces someone, a placement's total missing the soft penalty it takes off.
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { engineSolvers } from '../../electron/backend/engine/highs';
import { Dataset } from '../../shared/dataset/dataset.schema';
import { UNIT_KIND_LABELS, type UnitKind } from '../../shared/domain/codes';
import { counterfactuals } from '../../shared/engine/counterfactual';
import { evaluate } from '../../shared/engine/evaluate';
import { clock } from '../../shared/engine/ip';
import { PlacementCheck } from '../../shared/engine/place-check';
import { PlacedLp } from '../../shared/engine/placed-lp';
import { toCplexLp } from '../../shared/engine/lp-format';
import { buildModel, type RoundModel } from '../../shared/engine/model';
import { type EngineSolvers, propose } from '../../shared/engine/propose';
import {
  type ClientCounterfactual,
  Counterfactuals,
  Proposal,
  type ProposeOptions,
  type WhatIf,
  emptyControls,
} from '../../shared/engine/round.schema';
import { rentLimit } from '../../shared/engine/rules';
import { solveOptimal } from '../../shared/engine/solve';
import { generateInstance, instanceOptions, variantOptions } from '../../scripts/bench/instances';
import { miniDataset } from '../fixtures/mini-dataset';
import { solveLpWithHighs } from './lp-parse';

/** The engine's solvers (HiGHS as the app loads it) and, apart from them, HiGHS for the oracle. */
let solvers: EngineSolvers = {};
let oracle: Highs;
beforeAll(async () => {
  solvers = await engineSolvers();
  oracle = await loadHighs();
});

const MINUS = '\u2212';

// ---------------------------------------------------------------------------------------------
// Small regions made by hand: everything in Almere (GM0034), corporation corp-a, no complexes, no
// history and no quotas unless a case adds them. Neighbourhood Stad Centrum (BU00340101): social rent
// 0.4, liveability 5; Haven (BU00340202): 0.35 and 6. Every client is ready since 2026-08-01 (three
// months on 2026-11-27: 6 points) and comes from Almere (40 points), so a pair scores 146 minus the
// neighbourhood load (20 x the mean of social rent, (9 - liveability) / 8 and recent / cap), plus 15
// for urgency high, 30 for crisis and 5 for a preferred kind.

const opts: ProposeOptions = {
  strategy: 'optimal',
  referenceDate: '2026-11-27',
  window: { from: '2026-11-27', to: '2027-01-31' },
  controls: emptyControls(),
  timeLimitMs: 5000,
};

type ClientIn = Partial<Dataset['clients'][number]>;
type UnitIn = Partial<Dataset['units'][number]>;

const CENTRUM = 'BU00340101';
const HAVEN = 'BU00340202';

function region(clients: ClientIn[], units: UnitIn[], extra: Partial<Dataset> = {}): Dataset {
  const base = miniDataset();
  const c0 = {
    ...base.clients[0]!,
    name: null,
    birthDate: '1990-06-15',
    originMunicipalityCode: 'GM0034',
    networkPlaces: [],
    preferences: { ...base.clients[0]!.preferences, municipalityCodes: [] },
  };
  const u0 = { ...base.units[0]!, availableFrom: '2026-12-01', features: [] };
  return Dataset.parse({
    ...base,
    corporations: [
      { id: 'corp-a', name: 'Corporatie A' },
      { id: 'corp-b', name: 'Corporatie B' },
    ],
    placements: [],
    quotas: [],
    clients: clients.map((c, i) => ({ ...c0, id: `C-${i + 1}`, ...c })),
    units: units.map((u, i) => ({ ...u0, id: `U-${i + 1}`, complex: null, occupantClientId: null, ...u })),
    ...extra,
  });
}

/** A placement already made in Almere (in the cap period unless dated earlier). */
const history = (id: string, neighbourhoodCode: string, date = '2026-10-01', corporationId = 'corp-a'): Dataset['placements'][number] => ({
  id,
  clientId: null,
  unitId: null,
  date,
  originMunicipalityCode: 'GM0034',
  destinationMunicipalityCode: 'GM0034',
  neighbourhoodCode,
  complex: null,
  corporationId,
});

interface Round {
  dataset: Dataset;
  options: ProposeOptions;
  model: RoundModel;
  chosen: number[];
  total: number;
  result: Counterfactuals;
}

/** The proposal (optimal, with HiGHS) and what it would take. */
function round(dataset: Dataset, options: ProposeOptions = opts, deadlineMs = 30_000): Round {
  const model = buildModel(dataset, options);
  const solved = solveOptimal(model, { deadline: clock() + 30_000, ...solvers });
  expect(solved.proven).toBe(true);
  const result = counterfactuals(model, solved.chosen, dataset, { deadline: clock() + deadlineMs, solvers });
  expect(() => Counterfactuals.parse(result)).not.toThrow();
  return { dataset, options, model, chosen: solved.chosen, total: evaluate(model, solved.chosen).total, result };
}

const placedIds = (r: Round) => r.chosen.map((p) => `${r.model.clients[r.model.pairs.client[p]!]!.id}@${r.model.units[r.model.pairs.unit[p]!]!.id}`).sort();
const entry = (r: Round, clientId: string): ClientCounterfactual => {
  const e = r.result.clients.find((c) => c.clientId === clientId);
  expect(e, `no entry for ${clientId}`).toBeDefined();
  return e!;
};
/** The score of a pair in a model (the score itself is score.ts's business, not this file's). */
function scoreOf(model: RoundModel, clientId: string, unitId: string): number {
  const ci = model.clients.findIndex((c) => c.id === clientId);
  const p = model.pairsByClient[ci]!.find((q) => model.units[model.pairs.unit[q]!]!.id === unitId);
  expect(p, `no pair ${clientId}-${unitId}`).toBeDefined();
  return model.pairs.score[p!]!;
}

describe('what it would take, on hand-made rounds', () => {
  it('a neighbourhood cap of 1 already used: one placement more under it places each waiting client, and two homes stay empty by it', () => {
    // Cap 1 per 3 months; Stad Centrum had a placement on 2026-10-01, so its two homes U-1 and U-2 are
    // closed; Haven's U-3 is open. C-1 (urgent) takes U-3. C-2 and C-3 each fit U-1 beside the proposal
    // once the cap is one higher: 146 - 20 x (0.4 + 0.5 + 1) / 3 = 133.33 points, no one displaced.
    const d = region([{ urgency: 'high' }, {}, {}], [{}, {}, { neighbourhoodCode: HAVEN }], { placements: [history('P-1', CENTRUM)] });
    d.policies[0]!.settings.caps.perNeighbourhood = 1;
    const r = round(d);
    expect(placedIds(r)).toEqual(['C-1@U-3']);
    const label = 'Buurt Stad Centrum: max. 1 per 3 mnd';
    for (const id of ['C-2', 'C-3']) {
      const e = entry(r, id);
      expect(e.asIs).toBeNull();
      expect(e.complete).toBe(true);
      expect(e.examined).toBe(1);
      expect(e.change).toMatchObject({
        code: 'NEIGHBOURHOOD',
        change: `Eén plaatsing meer onder de buurtgrens (${label})`,
        unitId: 'U-1',
        displaced: [],
        scoreChange: 133.33,
        method: 'witness',
        proven: true,
      });
      expect(scoreOf(r.model, id, 'U-1')).toBe(133.33);
      const sentence = `Eén plaatsing meer onder de buurtgrens (${label}): ${id} naar U-1; niemand wordt verdrongen (totaalscore +133,3).`;
      expect(e.change!.sentence).toBe(sentence);
      expect(e.sentence).toBe(sentence);
    }
    expect(r.result.clients.map((c) => c.clientId)).toEqual(['C-2', 'C-3']);
    expect(r.result.emptyHomes).toEqual(
      ['U-1', 'U-2'].map((unitId) => ({
        unitId,
        reason: 'NEIGHBOURHOOD',
        detail: label,
        sentence: `Blijft leeg door een grens: ${label} (al 1 eerder; 2 passende kandidaten wachten).`,
      })),
    );
    expect(r.result.emptyByReason).toEqual([{ reason: 'NEIGHBOURHOOD', count: 2, sentence: '2 woningen blijven leeg door de buurtgrens' }]);
    expect(r.result.complete).toBe(true);
  });

  it('a quota used up: one placement more within the agreement, and its home stays empty by it', () => {
    // corp-a agreed 1 placement in Almere in 2026 and made it in March (outside the cap period, so no
    // neighbourhood load). U-1 (corp-a) is closed by the quota; U-2 (corp-b) goes to urgent C-1.
    const d = region([{ urgency: 'high' }, {}], [{}, { corporationId: 'corp-b' }], {
      placements: [history('P-1', HAVEN, '2026-03-01')],
      quotas: [{ corporationId: 'corp-a', municipalityCode: 'GM0034', year: 2026, agreed: 1, kind: 'maximum' }],
    });
    const r = round(d);
    expect(placedIds(r)).toEqual(['C-1@U-2']);
    const label = 'Afspraak corp-a in Almere 2026: max. 1';
    // 146 - 20 x (0.4 + 0.5 + 0) / 3 = 140.
    expect(scoreOf(r.model, 'C-2', 'U-1')).toBe(140);
    const e = entry(r, 'C-2');
    expect(e.change).toMatchObject({ code: 'QUOTA', unitId: 'U-1', displaced: [], scoreChange: 140, method: 'witness' });
    expect(e.sentence).toBe(`Eén plaatsing meer binnen de afspraak (${label}): C-2 naar U-1; niemand wordt verdrongen (totaalscore +140,0).`);
    expect(r.result.emptyHomes).toEqual([
      { unitId: 'U-1', reason: 'QUOTA', detail: label, sentence: `Blijft leeg door een grens: ${label} (al 1 eerder; 1 passende kandidaat wacht).` },
    ]);
    expect(r.result.emptyByReason).toEqual([{ reason: 'QUOTA', count: 1, sentence: '1 woning blijft leeg door de afspraak met de corporatie' }]);
  });

  it('a rent limit just below a home\'s rent: the raise that opens it, in euros, and the home empty for want of a candidate', () => {
    // Both clients have a rent limit of 600; U-1 costs 612.35, U-2 in Haven 500. C-1 (urgent) takes U-2.
    // For C-2 a limit 13 euros higher (613) opens U-1: 140 points, no one displaced.
    const d = region([{ urgency: 'high', rentLimit: 600 }, { rentLimit: 600 }], [{}, { neighbourhoodCode: HAVEN, rent: 500 }]);
    const r = round(d);
    expect(placedIds(r)).toEqual(['C-1@U-2']);
    const e = entry(r, 'C-2');
    expect(e.asIs).toBeNull();
    expect(e.change).toMatchObject({
      code: 'RENT',
      change: 'Een huurgrens € 13,00 hoger voor C-2 (€ 613,00)',
      unitId: 'U-1',
      displaced: [],
      scoreChange: 140,
      method: 'witness',
    });
    expect(e.sentence).toBe('Een huurgrens € 13,00 hoger voor C-2 (€ 613,00): C-2 naar U-1; niemand wordt verdrongen (totaalscore +140,0).');
    expect(r.result.emptyHomes).toEqual([
      {
        unitId: 'U-1',
        reason: 'NO_CANDIDATE',
        detail: 'Huur boven de huurgrens van de cliënt',
        sentence: 'Geen kandidaat past: huur boven de huurgrens van de cliënt (2 van 2 kandidaten).',
      },
    ]);
    expect(r.result.emptyByReason).toEqual([{ reason: 'NO_CANDIDATE', count: 1, sentence: '1 woning blijft leeg omdat geen kandidaat past' }]);
  });

  // A defect, fixed: the raise is Math.ceil(rent - limit) in floating point; 512.07 - 499.07 is
  // 13.000000000000057, so the raise comes out as 14 euros where 13 opens the home (the rules compare
  // with a tolerance: 512.07 <= 499.07 + 13).
  it('a rent exactly a whole number of euros above the limit: the raise is that number, not one more', () => {
    const d = region([{ urgency: 'high', rentLimit: 499.07 }, { rentLimit: 499.07 }], [{ rent: 512.07 }, { neighbourhoodCode: HAVEN, rent: 450 }]);
    const r = round(d);
    expect(placedIds(r)).toEqual(['C-1@U-2']);
    expect(entry(r, 'C-2').change).toMatchObject({ code: 'RENT', change: 'Een huurgrens € 13,00 hoger voor C-2 (€ 512,07)', unitId: 'U-1' });
  });

  it('a refused kind: accepting it places the client', () => {
    // Both clients refuse contingent homes; U-1 is one, U-2 (Haven) a regular home that urgent C-1 takes.
    const refuse = { municipalityCodes: [], neighbourhoodCodes: [], kinds: [], refusedKinds: ['contingent' as const], note: '' };
    const d = region([{ urgency: 'high', preferences: refuse }, { preferences: refuse }], [{}, { neighbourhoodCode: HAVEN, kind: 'regular' }]);
    const r = round(d);
    expect(placedIds(r)).toEqual(['C-1@U-2']);
    const e = entry(r, 'C-2');
    expect(e.change).toMatchObject({
      code: 'KIND_REFUSED',
      change: 'Als C-2 de woningsoort contingentwoning accepteert',
      unitId: 'U-1',
      displaced: [],
      scoreChange: 140,
      method: 'witness',
    });
    expect(e.sentence).toBe('Als C-2 de woningsoort contingentwoning accepteert: C-2 naar U-1; niemand wordt verdrongen (totaalscore +140,0).');
    expect(r.result.emptyHomes).toEqual([
      {
        unitId: 'U-1',
        reason: 'NO_CANDIDATE',
        detail: 'Cliënt accepteert deze woningsoort niet',
        sentence: 'Geen kandidaat past: cliënt accepteert deze woningsoort niet (2 van 2 kandidaten).',
      },
    ]);
  });

  it("a chair's forbid: without it the client is placed; a home forbidden to everyone has no candidate", () => {
    const d = region([{ urgency: 'high' }, {}], [{}, { neighbourhoodCode: HAVEN }]);
    const forbids = ['C-1', 'C-2'].map((clientId) => ({ clientId, unitId: 'U-1', reason: 'Te dicht bij de oude woonplek' }));
    const r = round(d, { ...opts, controls: { ...emptyControls(), forbids } });
    expect(placedIds(r)).toEqual(['C-1@U-2']);
    const e = entry(r, 'C-2');
    expect(e.change).toMatchObject({
      code: 'FORBIDDEN',
      change: 'Zonder de uitsluiting van C-2 voor U-1 door de voorzitter',
      unitId: 'U-1',
      displaced: [],
      scoreChange: 140,
      method: 'witness',
    });
    expect(e.sentence).toBe('Zonder de uitsluiting van C-2 voor U-1 door de voorzitter: C-2 naar U-1; niemand wordt verdrongen (totaalscore +140,0).');
    expect(r.result.emptyHomes).toEqual([
      {
        unitId: 'U-1',
        reason: 'NO_CANDIDATE',
        detail: 'Uitgesloten door de voorzitter',
        sentence: 'Geen kandidaat past: uitgesloten door de voorzitter (2 van 2 kandidaten).',
      },
    ]);
  });

  it('one home for two: placing the other displaces the urgent one, and no one-step change avoids it', () => {
    const d = region([{ urgency: 'high' }, {}], [{}]);
    const r = round(d);
    expect(placedIds(r)).toEqual(['C-1@U-1']);
    const e = entry(r, 'C-2');
    // 140 for C-2 instead of 155 for C-1.
    expect(e.asIs).toMatchObject({ code: 'AS_IS', change: 'Zonder wijziging', unitId: 'U-1', displaced: ['C-1'], scoreChange: -15, method: 'solve', proven: true });
    expect(e.asIs!.sentence).toBe(`Zonder wijziging kan C-2 naar U-1; verdringt C-1 (totaalscore ${MINUS}15,0).`);
    expect(e.change).toBeNull();
    expect(e.examined).toBe(0);
    expect(e.complete).toBe(true);
    expect(e.sentence).toBe(`Zonder wijziging kan C-2 naar U-1; verdringt C-1 (totaalscore ${MINUS}15,0). Geen wijziging van één stap plaatst C-2 zonder iemand te verdringen.`);
    expect(r.result.emptyHomes).toEqual([]);
    expect(r.result.emptyByReason).toEqual([]);
  });

  it('a change that works only when another client moves: found by re-solving, with the move in the total', () => {
    // Cap 1 in Stad Centrum (nothing used). U-1 has two rooms (contingent), U-2 one (regular), both in
    // Stad Centrum. C-1 (crisis, wants a contingent home) takes U-1: 146 + 30 + 5 - 6 = 175. C-2 has two
    // children and fits U-1 only (140). As the round stands C-2 displaces C-1 (140 - 175 = -35); with one
    // placement more under the cap C-1 moves to U-2 (170) and C-2 takes U-1: 140 + 170 - 175 = +135.
    const d = region(
      [
        { urgency: 'crisis', preferences: { municipalityCodes: [], neighbourhoodCodes: [], kinds: ['contingent'], refusedKinds: [], note: '' } },
        { household: { adults: 1, childrenAges: [4, 7] } },
      ],
      [{ rooms: 2 }, { rooms: 1, kind: 'regular' }],
    );
    d.policies[0]!.settings.caps.perNeighbourhood = 1;
    const r = round(d);
    expect(placedIds(r)).toEqual(['C-1@U-1']);
    expect([scoreOf(r.model, 'C-1', 'U-1'), scoreOf(r.model, 'C-1', 'U-2'), scoreOf(r.model, 'C-2', 'U-1')]).toEqual([175, 170, 140]);
    const e = entry(r, 'C-2');
    expect(e.asIs).toMatchObject({ code: 'AS_IS', unitId: 'U-1', displaced: ['C-1'], scoreChange: -35, method: 'solve' });
    const label = 'Buurt Stad Centrum: max. 1 per 3 mnd';
    expect(e.change).toMatchObject({ code: 'NEIGHBOURHOOD', unitId: 'U-1', displaced: [], scoreChange: 135, method: 'solve', proven: true });
    expect(e.sentence).toBe(`Eén plaatsing meer onder de buurtgrens (${label}): C-2 naar U-1; niemand wordt verdrongen (totaalscore +135,0).`);
    expect(e.complete).toBe(true);
    // U-2: its only candidate (C-1) is placed elsewhere.
    expect(r.result.emptyHomes).toEqual([{ unitId: 'U-2', reason: 'TAKEN', detail: '1 passend', sentence: 'De enige passende kandidaat is elders geplaatst.' }]);
  });

  // A defect, fixed: a change is re-solved for the best total with the client placed, and dropped when that
  // optimum displaces someone, though another solution of the changed round places the client and
  // keeps everyone. Here, with the quota one higher, the best total puts E in U-2 and drops P
  // (140 + 174 - 175 = +139); P moving to U-2 instead keeps everyone (140 + 170 - 175 = +135). The
  // search then says no one-step change places T without displacing anyone, which is not so.
  it('a change whose best re-solve displaces someone, while another placement under it keeps everyone, is still found', () => {
    // corp-a agreed 1 placement in Almere in 2026 (none made); U-1 (contingent, two rooms) and U-2
    // (regular, one room) are both corp-a's, in Stad Centrum (load 6). P (crisis, wants contingent) takes
    // U-1: 175; P in U-2 would be 170. E (crisis, ready since June: 10 waiting points) would be 174 in
    // either. T has two children and fits U-1 only (140).
    const d = region(
      [
        { id: 'P', urgency: 'crisis', preferences: { municipalityCodes: [], neighbourhoodCodes: [], kinds: ['contingent'], refusedKinds: [], note: '' } },
        { id: 'E', urgency: 'crisis', readyDate: '2026-06-01' },
        { id: 'T', household: { adults: 1, childrenAges: [4, 7] } },
      ],
      [{ rooms: 2 }, { rooms: 1, kind: 'regular' }],
      { quotas: [{ corporationId: 'corp-a', municipalityCode: 'GM0034', year: 2026, agreed: 1, kind: 'maximum' }] },
    );
    const r = round(d);
    expect(placedIds(r)).toEqual(['P@U-1']);
    expect([scoreOf(r.model, 'P', 'U-1'), scoreOf(r.model, 'P', 'U-2'), scoreOf(r.model, 'E', 'U-2'), scoreOf(r.model, 'T', 'U-1')]).toEqual([175, 170, 174, 140]);
    const e = entry(r, 'T');
    expect(e.asIs).toMatchObject({ code: 'AS_IS', unitId: 'U-1', displaced: ['P'], scoreChange: -35 });
    // The test's own check: with the quota one higher, T in U-1 and P still placed is worth 175 + 135.
    const raised = buildModel(d, opts);
    raised.constraints.find((k) => k.kind === 'QUOTA')!.rhs += 1;
    expect(optimumWith(raised, [lpRow('t', [xVar('T', 'U-1')], '>=', 1), lpRow('p', [xVar('P', 'U-1'), xVar('P', 'U-2')], '>=', 1)])).toBeCloseTo(310, 6);
    const label = 'Afspraak corp-a in Almere 2026: max. 1';
    expect(e.change).toMatchObject({ code: 'QUOTA', unitId: 'U-1', displaced: [], scoreChange: 135, method: 'solve' });
    expect(e.sentence).toBe(`Eén plaatsing meer binnen de afspraak (${label}): T naar U-1; niemand wordt verdrongen (totaalscore +135,0).`);
  });

  // A defect, fixed: witness() skips every limit the placement leaves within its right-hand side, so a soft
  // limit that was over and that the placement brings back (a coefficient of -1 on an exchange
  // balance) is not credited: the reported total change misses the penalty taken off.
  it('a placement that brings an exchange balance back within its band is credited with the penalty it takes off', () => {
    // Exchange band 0, soft, 10 per step over. A (from Almere, avoiding Almere) takes Lelystad's U-2:
    // 106 points, minus 10 for Almere's balance (+1) and 10 for Lelystad's (-1). B (from Lelystad,
    // avoiding Lelystad) is forbidden Almere's U-1 by the chair. Without the forbid B takes U-1: 100
    // points, and both balances go back to 0: the 20 penalty points go, so the total rises by 120.
    // Reported: +100 (the penalty taken off is left out).
    const d = region(
      [
        { id: 'A', avoidPlaces: [{ reason: 'perpetrator', municipalityCode: 'GM0034', neighbourhoodCode: null, note: '' }] },
        { id: 'B', originMunicipalityCode: 'GM0995', avoidPlaces: [{ reason: 'perpetrator', municipalityCode: 'GM0995', neighbourhoodCode: null, note: '' }] },
      ],
      [{}, { municipalityCode: 'GM0995', neighbourhoodCode: 'BU09950101' }],
    );
    d.policies[0]!.settings.exchange = { band: 0, mode: { hard: false, penalty: 10 } };
    const forbids = [{ clientId: 'B', unitId: 'U-1', reason: 'Te dicht bij de oude woonplek' }];
    const options = { ...opts, controls: { ...emptyControls(), forbids } };
    const r = round(d, options);
    expect(placedIds(r)).toEqual(['A@U-2']);
    expect(r.total).toBe(86);
    // The test's own check: without the forbid, the proposal plus B in U-1 totals 206.
    const freed = buildModel(d, opts);
    const pair = (clientId: string, unitId: string) => {
      const ci = freed.clients.findIndex((c) => c.id === clientId);
      return freed.pairsByClient[ci]!.find((p) => freed.units[freed.pairs.unit[p]!]!.id === unitId)!;
    };
    expect(evaluate(freed, [pair('A', 'U-2'), pair('B', 'U-1')])).toMatchObject({ feasible: true, total: 206, penalties: 0 });
    const e = entry(r, 'B');
    expect(e.change).toMatchObject({ code: 'FORBIDDEN', unitId: 'U-1', displaced: [], method: 'witness' });
    expect(e.change!.scoreChange).toBe(120);
    expect(e.sentence).toBe('Zonder de uitsluiting van B voor U-1 door de voorzitter: B naar U-1; niemand wordt verdrongen (totaalscore +120,0).');
  });
});

// ---------------------------------------------------------------------------------------------
// Generated regions, checked independently: every reported change applied by the test itself and
// the round solved again by HiGHS on its own runtime from the exported LP, with rows added.

/** The LP name of a pair variable, as lp-format.ts names them (letters and digits kept, the rest _HH). */
const enc = (s: string) => s.replace(/[^A-Za-z0-9]/g, (ch) => `_${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const xVar = (clientId: string, unitId: string) => `x.${enc(clientId)}.${enc(unitId)}`;

/** Unit ids of a client's possible pairs in a model. */
function unitsOf(model: RoundModel, clientId: string): string[] {
  const ci = model.clients.findIndex((c) => c.id === clientId);
  if (ci < 0) return [];
  return Array.from(model.pairsByClient[ci]!, (p) => model.units[model.pairs.unit[p]!]!.id);
}

/** A row of the LP (wrapped, as HiGHS's reader wants short lines). */
function lpRow(name: string, vars: string[], sense: '>=' | '<=', rhs: number): string {
  const chunks: string[] = [];
  for (let i = 0; i < vars.length; i += 6) chunks.push(vars.slice(i, i + 6).join(' + '));
  return ` ${name}: ${chunks.join('\n + ')} ${sense} ${rhs}`;
}

/** The round's optimum with extra rows, by the oracle HiGHS reading the LP text (checked against the rows). */
function optimumWith(model: RoundModel, rows: string[]): number {
  const text = toCplexLp(model);
  const at = text.indexOf('\nBounds\n');
  expect(at).toBeGreaterThan(0);
  return solveLpWithHighs(oracle, `${text.slice(0, at + 1)}${rows.join('\n')}\n${text.slice(at + 1)}`).objective;
}

/** Whether the round with extra rows has any solution (the oracle HiGHS, from the LP text). */
function feasibleWith(model: RoundModel, rows: string[]): boolean {
  const text = toCplexLp(model);
  const at = text.indexOf('\nBounds\n');
  const answer = oracle.solve(`${text.slice(0, at + 1)}${rows.join('\n')}\n${text.slice(at + 1)}`, { output_flag: false });
  expect(['Optimal', 'Infeasible']).toContain(answer.Status);
  return answer.Status === 'Optimal';
}

/** "€ 1.234,50" as a number. */
const money = (s: string) => Number(s.replace(/\./g, '').replace(',', '.'));

const CAP_CODES: readonly string[] = ['NEIGHBOURHOOD', 'COMPLEX', 'SKAEVE', 'QUOTA', 'EXCHANGE_OUT', 'EXCHANGE_IN'];

/** The round with the reported change made by the test: in the dataset, the chair's controls, or a cap's right-hand side. */
function withChange(r: Round, clientId: string, w: WhatIf): RoundModel {
  const d = structuredClone(r.dataset);
  const o = structuredClone(r.options);
  const client = d.clients.find((c) => c.id === clientId)!;
  const where = `${clientId}: ${w.change}`;
  switch (w.code) {
    case 'AS_IS':
      expect(w.change).toBe('Zonder wijziging');
      break;
    case 'FORBIDDEN': {
      const m = /^Zonder de uitsluiting van (\S+) voor (\S+) door de voorzitter$/.exec(w.change);
      expect(m?.[1], where).toBe(clientId);
      const before = o.controls.forbids.length;
      o.controls.forbids = o.controls.forbids.filter((f) => !(f.clientId === clientId && f.unitId === m![2]));
      expect(o.controls.forbids.length, where).toBe(before - 1);
      break;
    }
    case 'KIND_REFUSED': {
      const m = /^Als (\S+) de woningsoort (.+) accepteert$/.exec(w.change);
      expect(m?.[1], where).toBe(clientId);
      const kind = (Object.entries(UNIT_KIND_LABELS) as [UnitKind, string][]).find(([, label]) => label.toLowerCase() === m![2])?.[0];
      expect(kind, where).toBeDefined();
      expect(client.preferences.refusedKinds, where).toContain(kind);
      client.preferences.refusedKinds = client.preferences.refusedKinds.filter((k) => k !== kind);
      break;
    }
    case 'RENT': {
      const m = /^Een huurgrens € ([\d.,]+) hoger voor (\S+) \(€ ([\d.,]+)\)$/.exec(w.change);
      expect(m?.[2], where).toBe(clientId);
      const [raise, limit] = [money(m![1]!), money(m![3]!)];
      expect(raise, where).toBeGreaterThan(0);
      expect(limit - raise, where).toBeCloseTo(rentLimit(client, r.model.ruleContext), 2);
      client.rentLimit = limit;
      break;
    }
    default:
      expect(CAP_CODES, where).toContain(w.code);
  }
  const model = buildModel(d, o);
  if (CAP_CODES.includes(w.code)) {
    const caps = model.constraints.filter((k) => k.kind === w.code && w.change.endsWith(`(${k.label})`));
    expect(caps, where).toHaveLength(1);
    expect(caps[0]!.hard, where).toBe(true);
    caps[0]!.rhs += 1;
  }
  return model;
}

/** The proposal's pairs in another model of the same round, by client and unit id. */
function mapped(r: Round, model: RoundModel): number[] {
  return r.chosen.map((p) => {
    const clientId = r.model.clients[r.model.pairs.client[p]!]!.id;
    const unitId = r.model.units[r.model.pairs.unit[p]!]!.id;
    const ci = model.clients.findIndex((c) => c.id === clientId);
    const q = model.pairsByClient[ci]!.find((x) => model.units[model.pairs.unit[x]!]!.id === unitId);
    expect(q, `${clientId}@${unitId} not in the changed round`).toBeDefined();
    return q!;
  });
}

interface Tally {
  checked: number;
  codes: Map<string, number>;
  methods: Map<string, number>;
  displacing: number;
  empty: Map<string, number>;
  unplaceable: number;
  noChange: number;
  /** Changes the test found for a client the search said none would place (see the tests below). */
  missed: string[];
  /** Placements beside the proposal whose reported total differs from evaluate() (see the tests below). */
  witnessTotals: string[];
}

/** One reported what-if, checked: the change made, the client forced in, HiGHS on its own. */
function checkWhatIf(r: Round, clientId: string, w: WhatIf, tally: Tally): void {
  const where = `${clientId}: ${w.sentence}`;
  const model = withChange(r, clientId, w);
  const reported = r.total + w.scoreChange;
  expect(unitsOf(model, clientId), `${where} (${w.unitId} not possible after the change)`).toContain(w.unitId);
  const placedNow = r.chosen.map((p) => r.model.clients[r.model.pairs.client[p]!]!.id);
  for (const id of w.displaced) expect(placedNow, where).toContain(id);
  const kept = placedNow.filter((id) => !w.displaced.includes(id));
  if (w.method === 'witness') {
    // Beside the proposal as it stands: the proposal plus the one pair.
    expect(w.displaced, where).toEqual([]);
    const ci = model.clients.findIndex((c) => c.id === clientId);
    const p = model.pairsByClient[ci]!.find((q) => model.units[model.pairs.unit[q]!]!.id === w.unitId)!;
    const ev = evaluate(model, [...mapped(r, model), p]);
    expect(ev.violations, where).toEqual([]);
    // Noted, not asserted here: see the tests below (a soft limit the placement relieves).
    if (Math.abs(ev.total - reported) >= 0.01) tally.witnessTotals.push(`${where}: the proposal plus ${clientId}@${w.unitId} totals ${ev.total}, reported ${reported}`);
  }
  // A solution of the reported value with the client at the reported home, everyone else of the
  // proposal placed (anywhere) and exactly the displaced ones not.
  const rows = [
    lpRow('cf.at', [xVar(clientId, w.unitId)], '>=', 1),
    ...kept.map((id, i) => lpRow(`cf.keep.${i}`, unitsOf(model, id).map((u) => xVar(id, u)), '>=', 1)),
    ...w.displaced.map((id, i) => lpRow(`cf.out.${i}`, unitsOf(model, id).map((u) => xVar(id, u)), '<=', 0)),
  ];
  const exact = optimumWith(model, rows);
  expect(exact, `${where}: HiGHS with the client at ${w.unitId} and exactly [${w.displaced.join(', ')}] displaced`).toBeGreaterThanOrEqual(reported - 0.01);
  if (w.method === 'solve' && w.proven) {
    // Re-solved: the best the changed round can do with the client placed anywhere; for a change, with
    // everyone the proposal places kept placed too (the search asks for a change that displaces no one).
    const keepAll = w.code === 'AS_IS' ? [] : placedNow.map((id, i) => lpRow(`cf.keepall.${i}`, unitsOf(model, id).map((u) => xVar(id, u)), '>=', 1));
    const best = optimumWith(model, [lpRow('cf.placed', unitsOf(model, clientId).map((u) => xVar(clientId, u)), '>=', 1), ...keepAll]);
    expect(Math.abs(best - reported), `${where}: HiGHS with the client placed: ${best}, reported ${reported}`).toBeLessThanOrEqual(0.01);
  }
  tally.checked++;
  tally.codes.set(w.code, (tally.codes.get(w.code) ?? 0) + 1);
  tally.methods.set(w.method, (tally.methods.get(w.method) ?? 0) + 1);
  if (w.displaced.length) tally.displacing++;
}

/**
 * A client for whom no change was found, with every change examined: no single step of the kinds the
 * search knows (a hard cap on one of their homes one higher, one of their forbids dropped, one refused
 * kind accepted) places them with everyone of the proposal still placed. Each tried by the test;
 * what works is noted in the tally (asserted apart, below).
 */
function checkNoChange(r: Round, clientId: string, tally: Tally): void {
  const placedNow = r.chosen.map((p) => r.model.clients[r.model.pairs.client[p]!]!.id);
  const rows = (model: RoundModel) => {
    const units = unitsOf(model, clientId);
    return units.length
      ? [lpRow('cf.placed', units.map((u) => xVar(clientId, u)), '>=', 1), ...placedNow.map((id, i) => lpRow(`cf.keep.${i}`, unitsOf(model, id).map((u) => xVar(id, u)), '>=', 1))]
      : null;
  };
  const works = (model: RoundModel) => {
    const extra = rows(model);
    return extra !== null && feasibleWith(model, extra);
  };
  const ci = r.model.clients.findIndex((c) => c.id === clientId);
  const caps = new Set<string>();
  for (const p of r.model.pairsByClient[ci]!) {
    for (const { c, a } of r.model.pairs.cons(p)) {
      const k = r.model.constraints[c]!;
      if (k.hard && a > 0) caps.add(`${k.kind}:${k.key}`);
    }
  }
  for (const cap of caps) {
    const model = buildModel(r.dataset, r.options);
    const k = model.constraints.find((x) => `${x.kind}:${x.key}` === cap)!;
    k.rhs += 1;
    if (works(model)) tally.missed.push(`${clientId}: placed without displacing anyone with ${k.label} one higher`);
  }
  for (const f of r.options.controls.forbids.filter((x) => x.clientId === clientId)) {
    const forbids = r.options.controls.forbids.filter((x) => x !== f);
    const model = buildModel(r.dataset, { ...r.options, controls: { ...r.options.controls, forbids } });
    if (works(model)) tally.missed.push(`${clientId}: placed without displacing anyone without the forbid for ${f.unitId}`);
  }
  const client = r.dataset.clients.find((c) => c.id === clientId)!;
  for (const kind of client.preferences.refusedKinds) {
    const d = structuredClone(r.dataset);
    const c = d.clients.find((x) => x.id === clientId)!;
    c.preferences.refusedKinds = c.preferences.refusedKinds.filter((x) => x !== kind);
    if (works(buildModel(d, r.options))) tally.missed.push(`${clientId}: placed without displacing anyone accepting ${kind}`);
  }
  tally.noChange++;
}

/** Every empty home: its reason checked against the round; a single cap raised by one lets a waiting candidate in. */
function checkEmptyHomes(r: Round, tally: Tally): void {
  const { model, chosen, result } = r;
  const taken = new Set(chosen.map((p) => model.pairs.unit[p]!));
  const placed = new Set(chosen.map((p) => model.pairs.client[p]!));
  const empty = model.units.filter((_, ui) => !taken.has(ui)).map((u) => u.id);
  expect(result.emptyHomes.map((h) => h.unitId).sort()).toEqual(empty.sort());
  for (const h of result.emptyHomes) {
    const where = `${h.unitId}: ${h.sentence}`;
    const ui = model.units.findIndex((u) => u.id === h.unitId);
    const ps = Array.from(model.pairsByUnit[ui]!);
    const free = ps.filter((p) => !placed.has(model.pairs.client[p]!));
    tally.empty.set(h.reason, (tally.empty.get(h.reason) ?? 0) + 1);
    if (h.reason === 'NO_CANDIDATE') {
      expect(ps, where).toEqual([]);
      continue;
    }
    if (h.reason === 'TAKEN') {
      expect(ps.length, where).toBeGreaterThan(0);
      expect(free, where).toEqual([]);
      continue;
    }
    expect(free.length, where).toBeGreaterThan(0);
    if (h.reason === 'SOFT_LIMIT') {
      expect(free.some((p) => evaluate(model, [...chosen, p]).feasible), where).toBe(true);
      continue;
    }
    // A cap: as the round stands no waiting candidate fits; with the named cap one higher one does.
    expect(free.some((p) => evaluate(model, [...chosen, p]).feasible), where).toBe(false);
    if (!h.sentence.startsWith('Blijft leeg door een grens:')) continue;
    const raised = buildModel(r.dataset, r.options);
    const caps = raised.constraints.filter((k) => k.kind === h.reason && k.label === h.detail);
    expect(caps, where).toHaveLength(1);
    caps[0]!.rhs += 1;
    const base = mapped(r, raised);
    const candidates = Array.from(raised.pairsByUnit[raised.units.findIndex((u) => u.id === h.unitId)]!).filter(
      (p) => !placed.has(model.clients.findIndex((c) => c.id === raised.clients[raised.pairs.client[p]!]!.id)),
    );
    expect(candidates.some((p) => evaluate(raised, [...base, p]).feasible), `${where}: no waiting candidate fits with the cap one higher`).toBe(true);
  }
  const counts = new Map<string, number>();
  for (const h of result.emptyHomes) counts.set(h.reason, (counts.get(h.reason) ?? 0) + 1);
  expect(result.emptyByReason.map((e) => [e.reason, e.count])).toEqual(
    [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
  );
  for (const e of result.emptyByReason) expect(e.sentence).toMatch(new RegExp(`^${e.count} (woning blijft|woningen blijven) leeg `));
}

/**
 * A generated region. `caps`: the normal or tight variant (caps and quotas bind), with the chair's
 * forbids on a few clients' best homes. `rules`: caps and quotas loosened, and every fifth client
 * forbidden every home, another refusing every ordinary kind, another with a rent limit of 450, so
 * that forbids, refused kinds and rent limits are what keep clients out.
 */
function generatedRound(seed: number, kind: 'caps' | 'rules'): Round {
  const dataset = generateInstance(variantOptions(kind === 'caps' && seed % 2 ? 'tight' : 'normal', 40, 30, seed));
  const options = instanceOptions('optimal', 10_000);
  if (kind === 'rules') {
    const s = dataset.policies[0]!.settings;
    s.caps.perNeighbourhood = 10;
    s.caps.perComplex = 10;
    s.skaeveHuse.maxClusterSize = 20;
    for (const q of dataset.quotas) q.agreed += 100;
    dataset.clients.forEach((c, i) => {
      if (i % 5 === 1) c.preferences = { ...c.preferences, kinds: [], refusedKinds: ['contingent', 'kanswoning', 'regular', 'omklap'] };
      if (i % 5 === 2) c.rentLimit = 450;
    });
  }
  const plain = buildModel(dataset, options);
  const forbids = plain.clients.flatMap((c, ci) => {
    const ps = Array.from(plain.pairsByClient[ci]!).sort((a, b) => plain.pairs.score[b]! - plain.pairs.score[a]!);
    const chosen = kind === 'caps' ? (ci % 7 === seed % 7 ? ps.slice(0, 1) : []) : ci % 5 === 0 ? ps : [];
    return chosen.map((p) => ({ clientId: c.id, unitId: plain.units[plain.pairs.unit[p]!]!.id, reason: 'Niet passend volgens de begeleiding' }));
  });
  return round(dataset, { ...options, controls: { ...emptyControls(), forbids } }, 120_000);
}

describe('what it would take, checked independently on generated regions', () => {
  const CASES: ['caps' | 'rules', number][] = [...[1, 2, 3, 4, 5].map((seed) => ['caps', seed] as ['caps', number]), ...[11, 12, 13].map((seed) => ['rules', seed] as ['rules', number])];
  const tally: Tally = { checked: 0, codes: new Map(), methods: new Map(), displacing: 0, empty: new Map(), unplaceable: 0, noChange: 0, missed: [], witnessTotals: [] };

  it.each(CASES)('%s seed %i (40x30): every change applied by the test places the client as reported', (kind, seed) => {
    const r = generatedRound(seed, kind);
    const placed = new Set(r.chosen.map((p) => r.model.pairs.client[p]!));
    expect(r.result.clients.map((c) => c.clientId)).toEqual(r.model.clients.filter((_, ci) => !placed.has(ci)).map((c) => c.id));
    expect(r.result.complete).toBe(r.result.clients.every((e) => e.complete));
    for (const e of r.result.clients) {
      expect(e.sentence.length).toBeGreaterThan(0);
      // With two minutes no client runs out of time; some run out of re-solves (six per client).
      if (!e.complete) expect(e.sentence).toMatch(/wijzigingen niet herberekend\)\.$/);
      if (e.change) {
        // The change places the client without displacing anyone.
        expect(e.change.displaced, e.sentence).toEqual([]);
        expect(e.sentence).toBe(e.change.sentence);
        checkWhatIf(r, e.clientId, e.change, tally);
      }
      if (e.asIs && e.asIs !== e.change) checkWhatIf(r, e.clientId, e.asIs, tally);
      if (!e.change && !e.asIs) {
        // Not even by displacing others: no placement of the client fits the round's hard limits.
        const units = unitsOf(r.model, e.clientId);
        if (units.length) expect(feasibleWith(r.model, [lpRow('cf.placed', units.map((u) => xVar(e.clientId, u)), '>=', 1)]), e.sentence).toBe(false);
        tally.unplaceable++;
      }
      if (!e.change && e.complete) checkNoChange(r, e.clientId, tally);
    }
    checkEmptyHomes(r, tally);
  });

  it('the seeds above exercised the kinds of change and of empty home', () => {
    console.log('counterfactuals checked:', tally.checked, Object.fromEntries(tally.codes), Object.fromEntries(tally.methods), 'displacing', tally.displacing, 'unplaceable', tally.unplaceable, 'no change', tally.noChange, 'empty', Object.fromEntries(tally.empty));
    expect(tally.checked).toBeGreaterThan(20);
    for (const code of ['AS_IS', 'NEIGHBOURHOOD', 'QUOTA', 'FORBIDDEN', 'KIND_REFUSED', 'RENT']) expect(tally.codes.get(code) ?? 0, code).toBeGreaterThan(0);
    expect(tally.methods.get('solve') ?? 0).toBeGreaterThan(0);
    expect(tally.methods.get('witness') ?? 0).toBeGreaterThan(0);
    expect(tally.displacing).toBeGreaterThan(0);
  });

  // Defect (as in the hand-made case above): a change is re-solved for the best total with the client
  // placed and dropped when that optimum displaces someone, so a change that places the client while
  // keeping everyone (at a lower total) is missed, and the sentence says no one-step change does it.
  // Seed 3: K-00019, whose only home W-00019 is K-00014's; with the quota of corp-b in Noorderveen one
  // higher, K-00014 can move to W-00022 and everyone stays placed (total 2258.21, +117.9), but the
  // re-solve's optimum (2264.11) places K-00036 and drops K-00013, so the search reports no change.
  it('no change found means none of the kinds searched places the client without displacing anyone', () => {
    expect(tally.noChange).toBeGreaterThan(0);
    expect(tally.missed).toEqual([]);
  });

  // Defect (as in the hand-made case above): a placement beside the proposal ('witness') leaves out the
  // penalty it takes off a soft limit that was over (an exchange balance the placement brings back), so
  // its reported total change is too low. Rules seed 13: K-00021 (from GM0003) in W-00003 (GM0001) brings
  // GM0001's balance from 3 back to its band of 2; reported +104.07, evaluate() gives +114.07.
  it('a placement beside the proposal reports the total evaluate() gives it', () => {
    expect(tally.checked).toBeGreaterThan(0);
    expect(tally.witnessTotals).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The quick answers behind the re-solves (place-check.ts, placed-lp.ts): a "none keeps everyone"
// from either must hold for HiGHS on its own, and an optimum of the open LP must be the optimum.

describe('what it would take, the quick answers checked by HiGHS on its own', () => {
  it('on generated rounds: the flow check and the open LP never rule out a placement that keeps everyone, and the LP optimum is the best', () => {
    let questions = 0;
    let ruledOut = 0;
    let optimal = 0;
    let byFlow = 0;
    // Two rounds (normal and tight), every other waiting client: each question is an oracle solve.
    for (const seed of [1, 2]) {
      const r = generatedRound(seed, 'caps');
      const { model, chosen } = r;
      const placed = new Set(chosen.map((p) => model.pairs.client[p]!));
      const placedIds = [...placed].map((ci) => model.clients[ci]!.id);
      const check = new PlacementCheck(model, chosen);
      // The bonus and cutoff as counterfactual.ts makes them: larger than any difference between two totals.
      const best = new Float64Array(model.units.length);
      for (let p = 0; p < model.pairs.length; p++) best[model.pairs.unit[p]!] = Math.max(best[model.pairs.unit[p]!]!, model.pairs.score[p]!);
      let penalties = 0;
      for (const k of model.constraints) if (!k.hard) penalties += k.penalty * model.units.length;
      const bonus = Math.ceil(best.reduce((a, b) => a + b, 0) + penalties) + 1;
      const boosted = new Float64Array(model.pairs.score);
      for (const ci of placed) for (const p of model.pairsByClient[ci]!) boosted[p] = boosted[p]! + bonus;
      const lp = PlacedLp.open({ ...model, pairs: model.pairs.withScores(boosted) }, solvers.relaxation!)!;
      expect(lp).not.toBeNull();
      try {
        model.clients.forEach((c, ci) => {
          if (placed.has(ci) || !model.pairsByClient[ci]!.length || ci % 2) return;
          const low = [...placed, ci].reduce((s, k) => s + Math.min(0, ...Array.from(model.pairsByClient[k]!, (p) => model.pairs.score[p]!)), 0);
          const cutoff = (placed.size + 1) * bonus - penalties + low - 1;
          const caps = new Set<number>([-1]);
          for (const p of model.pairsByClient[ci]!) for (const { c: k, a } of model.pairs.cons(p)) if (model.constraints[k]!.hard && a > 0) caps.add(k);
          for (const raise of caps) {
            const raised: RoundModel = { ...model, constraints: model.constraints.map((k) => (k.index === raise ? { ...k, rhs: k.rhs + 1 } : k)) };
            const rows = [
              lpRow('cf.placed', unitsOf(model, c.id).map((u) => xVar(c.id, u)), '>=', 1),
              ...placedIds.map((id, i) => lpRow(`cf.keep.${i}`, unitsOf(model, id).map((u) => xVar(id, u)), '>=', 1)),
            ];
            const may = check.mayJoin(Array.from(model.pairsByClient[ci]!, (p) => model.pairs.unit[p]!), raise);
            const q = lp.solve(ci, bonus, raise, clock() + 10_000, cutoff, chosen);
            const where = `seed ${seed}, ${c.id}, ${raise < 0 ? 'as it stands' : raised.constraints[raise]!.label} one higher`;
            questions++;
            if (!may || q.kind === 'below') {
              ruledOut++;
              if (!may) byFlow++;
              expect(feasibleWith(raised, rows), `${where}: ruled out (${may ? 'LP' : 'flow check'}), but HiGHS places everyone`).toBe(false);
            }
            if (q.kind === 'optimal') {
              optimal++;
              const ids = new Set(q.chosen.map((p) => model.clients[model.pairs.client[p]!]!.id));
              if (ids.has(c.id) && placedIds.every((id) => ids.has(id))) {
                expect(evaluate(raised, q.chosen).total, where).toBeCloseTo(optimumWith(raised, rows), 2);
              } else {
                expect(feasibleWith(raised, rows), `${where}: the LP optimum leaves someone out, but HiGHS places everyone`).toBe(false);
              }
            }
          }
        });
      } finally {
        lp.dispose();
      }
    }
    console.log(`quick answers: ${questions} questions, ${ruledOut} ruled out (${byFlow} by the flow check), ${optimal} LP optima`);
    expect(byFlow).toBeGreaterThan(0);
    expect(ruledOut).toBeGreaterThan(byFlow);
    expect(optimal).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// The edges: the deadline, and the opt-in step of the proposal.

describe('what it would take, against the clock', () => {
  it('a deadline already past: no exception, the result says it is incomplete, and every unplaced client still has an entry and a sentence', () => {
    const dataset = generateInstance(variantOptions('tight', 40, 30, 3));
    const model = buildModel(dataset, instanceOptions('optimal'));
    const solved = solveOptimal(model, { deadline: clock() + 30_000, ...solvers });
    const placed = new Set(solved.chosen.map((p) => model.pairs.client[p]!));
    const t0 = clock();
    const result = counterfactuals(model, solved.chosen, dataset, { deadline: t0 - 1, solvers });
    // Coarse on purpose (a busy machine): nothing is re-solved, so this is the cheap part alone.
    expect(clock() - t0).toBeLessThan(3000);
    expect(() => Counterfactuals.parse(result)).not.toThrow();
    expect(result.complete).toBe(false);
    expect(result.clients.map((c) => c.clientId)).toEqual(model.clients.filter((_, ci) => !placed.has(ci)).map((c) => c.id));
    expect(result.clients.some((c) => !c.complete)).toBe(true);
    for (const e of result.clients) {
      expect(e.sentence.length, e.clientId).toBeGreaterThan(0);
      // No change examined and nothing re-solved after the deadline: only a placement beside the proposal.
      expect(e.examined, e.clientId).toBe(0);
      for (const w of [e.asIs, e.change]) if (w) expect(w.method, e.sentence).toBe('witness');
      if (!e.complete) expect(e.sentence, e.clientId).toMatch(/binnen de tijd/);
    }
    // Why homes stay empty does not wait for the clock.
    const taken = new Set(solved.chosen.map((p) => model.pairs.unit[p]!));
    expect(result.emptyHomes.map((h) => h.unitId)).toEqual(model.units.filter((_, ui) => !taken.has(ui)).map((u) => u.id));
  });

  it('a deadline 100 ms away on a 200x150 region under tight caps: it stops soon after, marked incomplete', () => {
    const dataset = generateInstance(variantOptions('tight', 200, 150, 2));
    const model = buildModel(dataset, instanceOptions('optimal'));
    const solved = solveOptimal(model, { deadline: clock() + 30_000, ...solvers });
    const t0 = clock();
    const cpu0 = process.cpuUsage();
    const result = counterfactuals(model, solved.chosen, dataset, { deadline: t0 + 100, solvers });
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const ms = clock() - t0;
    console.log(`counterfactuals with a 100 ms deadline at 200x150: ${cpuMs.toFixed(0)} ms CPU, ${ms.toFixed(0)} ms wall clock, ${result.clients.filter((c) => c.complete).length} of ${result.clients.length} clients complete`);
    // Coarse on purpose: one re-solve may run to its own end after the deadline. The process's CPU time,
    // not the wall clock, so that other work on a busy machine cannot fail it (work after the deadline
    // counts in full; vitest runs each test file in its own process).
    expect(cpuMs).toBeLessThan(3000);
    expect(result.complete).toBe(false);
    expect(() => Counterfactuals.parse(result)).not.toThrow();
    for (const e of result.clients) expect(e.sentence.length, e.clientId).toBeGreaterThan(0);
  });
});

describe('what it would take, as a step of the proposal', () => {
  it('propose with counterfactuals: the field parses, names each unplaced candidate and each empty home; without the option it is absent', () => {
    const dataset = generateInstance(variantOptions('tight', 40, 30, 1));
    const options = instanceOptions('optimal', 10_000);
    const withIt = propose(dataset, { ...options, counterfactuals: { timeLimitMs: 5000 } }, undefined, solvers);
    expect(withIt.counterfactuals).toBeDefined();
    const cf = Counterfactuals.parse(withIt.counterfactuals);
    expect(Proposal.parse(JSON.parse(JSON.stringify(withIt))).counterfactuals).toEqual(cf);
    const unplaced = withIt.unplaced.filter((u) => u.kind === 'outcompeted' || u.kind === 'no-possible-unit').map((u) => u.clientId);
    expect(cf.clients.map((c) => c.clientId).sort()).toEqual(unplaced.sort());
    expect(cf.clients.length).toBeGreaterThan(0);
    const matched = new Set(withIt.matches.map((m) => m.unitId));
    expect(cf.emptyHomes).toHaveLength(withIt.figures.unitsAvailable - withIt.matches.length);
    for (const h of cf.emptyHomes) expect(matched.has(h.unitId)).toBe(false);

    const without = propose(dataset, options, undefined, solvers);
    expect('counterfactuals' in without).toBe(false);
    expect(Proposal.parse(JSON.parse(JSON.stringify(without))).counterfactuals).toBeUndefined();
    expect(without.totalScore).toBe(withIt.totalScore);
  });

  it('propose hands the dataset on, so rule changes are searched too (the rent case above through the proposal)', () => {
    const d = region([{ urgency: 'high', rentLimit: 600 }, { rentLimit: 600 }], [{}, { neighbourhoodCode: HAVEN, rent: 500 }]);
    const p = propose(d, { ...opts, counterfactuals: { timeLimitMs: 5000 } }, undefined, solvers);
    expect(p.matches.map((m) => `${m.clientId}@${m.unitId}`)).toEqual(['C-1@U-2']);
    expect(p.counterfactuals!.clients).toEqual([
      {
        clientId: 'C-2',
        asIs: null,
        change: {
          code: 'RENT',
          change: 'Een huurgrens € 13,00 hoger voor C-2 (€ 613,00)',
          unitId: 'U-1',
          displaced: [],
          scoreChange: 140,
          method: 'witness',
          proven: true,
          sentence: 'Een huurgrens € 13,00 hoger voor C-2 (€ 613,00): C-2 naar U-1; niemand wordt verdrongen (totaalscore +140,0).',
        },
        examined: 1,
        complete: true,
        sentence: 'Een huurgrens € 13,00 hoger voor C-2 (€ 613,00): C-2 naar U-1; niemand wordt verdrongen (totaalscore +140,0).',
      },
    ]);
    // The greedy strategy gets the step as well.
    const greedy = propose(d, { ...opts, strategy: 'greedy', counterfactuals: { timeLimitMs: 5000 } }, undefined, solvers);
    expect(Counterfactuals.parse(greedy.counterfactuals).clients.map((c) => c.change?.code)).toEqual(['RENT']);
  });
});

// The worked cases of DOMAIN.md and the engine's core behaviours, with the real solver on the
// demo region and on small hand-made regions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { engineSolvers } from '../../electron/backend/engine/highs';
import { Dataset } from '../../shared/dataset/dataset.schema';
import { buildModel } from '../../shared/engine/model';
import { pairExclusions } from '../../shared/engine/rules';
import { type EngineSolvers, propose, proposeFromModel } from '../../shared/engine/propose';
import { type Proposal, type ProposeOptions, type RoundControls, emptyControls } from '../../shared/engine/round.schema';
import { miniDataset } from '../fixtures/mini-dataset';

// As the app runs it: HiGHS for the LP relaxation and the integer program.
let solvers: EngineSolvers = {};
beforeAll(async () => {
  solvers = await engineSolvers();
});
const proposeApp = (...args: Parameters<typeof propose>) => propose(args[0], args[1], args[2], solvers);


const demo = Dataset.parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'demo', 'flevoland.json'), 'utf8')));
const opts = (over: Partial<ProposeOptions> = {}): ProposeOptions => ({
  strategy: 'optimal',
  referenceDate: '2026-11-27',
  window: { from: '2026-11-27', to: '2027-01-31' },
  controls: emptyControls(),
  timeLimitMs: 5000,
  ...over,
});
const controls = (over: Partial<RoundControls>): RoundControls => ({ ...emptyControls(), ...over });

/** A small region: clients and units made from the mini fixture's first client and unit. */
function region(
  clients: Partial<Dataset['clients'][number]>[],
  units: Partial<Dataset['units'][number]>[],
  tweak?: (d: Dataset) => void,
): Dataset {
  const base = miniDataset();
  const c0 = { ...base.clients[0]!, name: null, networkPlaces: [], preferences: { ...base.clients[0]!.preferences, municipalityCodes: [] } };
  const u0 = base.units[0]!;
  const d: Dataset = {
    ...base,
    placements: [],
    quotas: [],
    clients: clients.map((c, i) => ({ ...c0, id: `C-${i + 1}`, ...c })),
    units: units.map((u, i) => ({ ...u0, id: `U-${i + 1}`, complex: null, ...u })),
  };
  tweak?.(d);
  return Dataset.parse(d);
}

describe('worked cases on the demo region', () => {
  let p: Proposal;
  beforeAll(() => {
    p = proposeApp(demo, opts());
  });

  it('Michelle gets a home in Lelystad, not Noordoostpolder, with the deviation reason "network"', () => {
    const m = p.matches.find((x) => x.clientId === 'K-0001');
    expect(m).toBeDefined();
    expect(demo.units.find((u) => u.id === m!.unitId)!.municipalityCode).toBe('GM0995');
    expect(m!.deviation).toMatchObject({ reason: 'network', label: 'Netwerk', from: 'GM0171', to: 'GM0995' });
    expect(m!.terms.map((t) => t.code)).toEqual(expect.arrayContaining(['HOME', 'NETWORK']));
    expect(m!.terms.find((t) => t.code === 'HOME')!.label).toBe('Netwerkgemeente telt als thuis');
  });

  it('the VO client is never proposed inside an area to avoid', () => {
    const samira = demo.clients.find((c) => c.id === 'K-0004')!;
    const m = p.matches.find((x) => x.clientId === 'K-0004');
    expect(m).toBeDefined();
    const u = demo.units.find((x) => x.id === m!.unitId)!;
    expect(samira.avoidPlaces.length).toBeGreaterThan(0);
    for (const a of samira.avoidPlaces) {
      if (a.neighbourhoodCode === null) expect(u.municipalityCode).not.toBe(a.municipalityCode);
      else expect(u.neighbourhoodCode).not.toBe(a.neighbourhoodCode);
    }
  });

  it('a VO client is kept out of an area to avoid even where it would score best', () => {
    // Her home municipality, her preferred neighbourhood and her network are all in Almere, which
    // she must avoid: the engine sends her to Lelystad and says why Almere was excluded.
    const vo = {
      group: 'VO' as const,
      originMunicipalityCode: 'GM0034',
      networkPlaces: [{ kind: 'family' as const, municipalityCode: 'GM0034', neighbourhoodCode: 'BU00340101', note: '' }],
      avoidPlaces: [{ reason: 'perpetrator' as const, municipalityCode: 'GM0034', neighbourhoodCode: null, note: '' }],
    };
    const d = region([{ ...vo }], [{ rent: 500 }, { rent: 500, municipalityCode: 'GM0995', neighbourhoodCode: 'BU09950101' }], (x) => {
      x.clients[0]!.preferences.neighbourhoodCodes = ['BU00340101'];
    });
    const p = proposeApp(d, opts());
    expect(p.matches.map((m) => m.unitId)).toEqual(['U-2']);
    expect(pairExclusions(d.clients[0]!, d.units[0]!, buildModel(d, opts()).ruleContext).map((e) => e.message)).toEqual([
      'Te vermijden gebied (veiligheid): gemeente te vermijden',
    ]);
    // Without the area to avoid, Almere would have been the best.
    const free = proposeApp(region([{ ...vo, avoidPlaces: [] }], d.units, (x) => (x.clients[0]!.preferences.neighbourhoodCodes = ['BU00340101'])), opts());
    expect(free.matches.map((m) => m.unitId)).toEqual(['U-1']);
  });

  it('Mr H (Housing First) is proposed without a complete checklist; an unready regular client is not', () => {
    const h = p.matches.find((x) => x.clientId === 'K-0003');
    expect(h).toBeDefined();
    expect(demo.units.find((u) => u.id === h!.unitId)!.kind).toBe('housing-first');
    const unready = demo.clients.filter((c) => !c.housingFirst && c.status === 'active' && c.readiness.some((r) => !r.done));
    expect(unready.length).toBeGreaterThan(0);
    for (const c of unready) {
      expect(p.matches.some((m) => m.clientId === c.id)).toBe(false);
      const why = p.unplaced.find((u) => u.clientId === c.id)!;
      expect(why.kind).toBe('not-candidate');
      expect(why.reasons[0]!.code).toBe('NOT_READY');
    }
  });

  it('is proven optimal, never below greedy, and the same input gives the same output', () => {
    expect(p.optimality.status).toBe('proven');
    const g = proposeApp(demo, opts({ strategy: 'greedy' }));
    expect(p.totalScore).toBeGreaterThanOrEqual(g.totalScore);
    expect(JSON.stringify(proposeApp(demo, opts()))).toBe(JSON.stringify(p));
  });

  it('explains every proposal and every unplaced candidate', () => {
    for (const m of p.matches) {
      expect(m.terms.reduce((a, t) => a + t.points, 0)).toBeCloseTo(m.score, 6);
      expect(m.alternatives.forClient.every((a) => a.difference === Math.round((a.score - m.score) * 100) / 100)).toBe(true);
    }
    const placed = new Set(p.matches.map((m) => m.clientId));
    for (const c of demo.clients.filter((x) => x.status === 'active' && !placed.has(x.id))) {
      const u = p.unplaced.find((x) => x.clientId === c.id);
      expect(u, c.id).toBeDefined();
      expect(u!.reasons.length).toBeGreaterThan(0);
    }
    expect(p.figures.placed).toBe(p.matches.length);
  });
});

describe('round constraints and controls', () => {
  it('a neighbourhood cap of 1 spreads two otherwise-best placements over two neighbourhoods', () => {
    const d = region(
      [{}, {}],
      [
        { neighbourhoodCode: 'BU00340101', rent: 500 },
        { neighbourhoodCode: 'BU00340101', rent: 500 },
        { neighbourhoodCode: 'BU00340202', rent: 500 },
      ],
      (x) => {
        const s = x.policies[0]!.settings;
        s.caps.perNeighbourhood = 1;
        s.caps.perNeighbourhoodMode = { hard: true, penalty: 0 };
        // Make Stad Centrum clearly the more attractive neighbourhood.
        for (const c of x.clients) c.preferences.neighbourhoodCodes = ['BU00340101'];
      },
    );
    const uncapped = region([{}, {}], d.units, (x) => {
      for (const c of x.clients) c.preferences.neighbourhoodCodes = ['BU00340101'];
    });
    const free = proposeApp(uncapped, opts());
    expect(new Set(free.matches.map((m) => d.units.find((u) => u.id === m.unitId)!.neighbourhoodCode))).toEqual(new Set(['BU00340101']));
    const capped = proposeApp(d, opts());
    expect(capped.matches).toHaveLength(2);
    const nbhs = capped.matches.map((m) => d.units.find((u) => u.id === m.unitId)!.neighbourhoodCode).sort();
    expect(nbhs).toEqual(['BU00340101', 'BU00340202']);
    const binding = capped.matches.flatMap((m) => m.binding.map((b) => b.code));
    expect(binding).toContain('NEIGHBOURHOOD');
    expect(capped.optimality.status).toBe('proven');
  });

  it('beats first-come-first-served: number two gets the ground-floor home', () => {
    const d = region(
      [
        { readyDate: '2026-01-01' },
        { readyDate: '2026-06-01', needs: ['ground-floor'] },
      ],
      [
        { floor: 0, rent: 500, features: [] },
        { floor: 3, lift: false, rent: 500, features: [], neighbourhoodCode: 'BU00340202' },
      ],
      (x) => {
        x.clients[0]!.preferences.neighbourhoodCodes = ['BU00340101'];
      },
    );
    const greedy = proposeApp(d, opts({ strategy: 'greedy' }));
    expect(greedy.matches.map((m) => m.clientId)).toEqual(['C-1']);
    const best = proposeApp(d, opts());
    expect(best.matches.map((m) => `${m.clientId}>${m.unitId}`)).toEqual(['C-1>U-2', 'C-2>U-1']);
    expect(best.totalScore).toBeGreaterThan(greedy.totalScore);
  });

  it('a hard quota binds: the engine prices it and still proves the answer', () => {
    const d = region(
      [{}, {}, {}],
      [{ rent: 500 }, { rent: 500, neighbourhoodCode: 'BU00340202' }, { rent: 500, municipalityCode: 'GM0995', neighbourhoodCode: 'BU09950101' }],
      (x) => {
        x.quotas = [{ corporationId: 'corp-a', municipalityCode: 'GM0034', year: 2026, agreed: 1, kind: 'maximum' }];
        x.policies[0]!.settings.exchange.mode = { hard: false, penalty: 0 };
      },
    );
    const p = proposeApp(d, opts());
    const inAlmere = p.matches.filter((m) => d.units.find((u) => u.id === m.unitId)!.municipalityCode === 'GM0034');
    expect(inAlmere).toHaveLength(1);
    expect(p.matches).toHaveLength(2);
    expect(p.optimality.status).toBe('proven');
    expect(p.figures.quotaUse).toEqual([
      { corporationId: 'corp-a', municipalityCode: 'GM0034', year: 2026, agreed: 1, kind: 'maximum', usedBefore: 0, proposed: 1 },
    ]);
  });

  it('keeps locks, forbids and set-asides on a re-run, and says which locks contradict the rules', () => {
    const d = region([{}, {}, { group: 'VO', avoidPlaces: [{ reason: 'perpetrator', municipalityCode: 'GM0034', neighbourhoodCode: null, note: '' }] }], [
      { rent: 500 },
      { rent: 500, neighbourhoodCode: 'BU00340202' },
      { rent: 500, municipalityCode: 'GM0995', neighbourhoodCode: 'BU09950101' },
    ]);
    const ctl = controls({
      locks: [
        { clientId: 'C-2', unitId: 'U-3', reason: 'afgesproken met de corporatie' },
        { clientId: 'C-3', unitId: 'U-1', reason: 'probeer' },
        { clientId: 'C-1', unitId: 'U-3', reason: 'dubbel' },
      ],
      forbids: [{ clientId: 'C-1', unitId: 'U-1', reason: 'eerder geweigerd' }],
      setAsideUnits: [{ unitId: 'U-2', reason: 'renovatie' }],
    });
    const p = proposeApp(d, opts({ controls: ctl }));
    expect(p.matches.find((m) => m.clientId === 'C-2')).toMatchObject({ unitId: 'U-3', locked: true });
    expect(p.matches.some((m) => m.clientId === 'C-1' && m.unitId === 'U-1')).toBe(false);
    expect(p.matches.some((m) => m.unitId === 'U-2')).toBe(false);
    expect(p.conflicts.map((c) => c.message)).toEqual([
      'Vastgezet paar C-3 – U-1 is niet toegepast: Te vermijden gebied (veiligheid): gemeente te vermijden.',
      'Vastgezet paar C-1 – U-3 is niet toegepast: U-3 is al vastgezet voor een andere cliënt.',
    ]);
    expect(JSON.stringify(proposeApp(d, opts({ controls: ctl })))).toBe(JSON.stringify(p));
  });

  it('a lock against a hard cap is refused with the cap named, and the round still gets a proposal', () => {
    const d = region([{}, {}], [{ rent: 500 }, { rent: 500 }], (x) => {
      x.policies[0]!.settings.caps.perNeighbourhood = 1;
      x.policies[0]!.settings.caps.perNeighbourhoodMode = { hard: true, penalty: 0 };
    });
    const p = proposeApp(
      d,
      opts({
        controls: controls({
          locks: [
            { clientId: 'C-1', unitId: 'U-1', reason: 'a' },
            { clientId: 'C-2', unitId: 'U-2', reason: 'b' },
          ],
        }),
      }),
    );
    expect(p.conflicts).toHaveLength(1);
    expect(p.conflicts[0]!.message).toContain("harde regel 'Buurt Stad Centrum: max. 1 per 3 mnd'");
    expect(p.matches).toHaveLength(1);
  });

  it('a soft cap may be exceeded when the gain outweighs the penalty, and the penalty is counted', () => {
    const d = region([{}, {}], [{ rent: 500 }, { rent: 500 }], (x) => {
      x.policies[0]!.settings.caps.perNeighbourhood = 1;
      x.policies[0]!.settings.caps.perNeighbourhoodMode = { hard: false, penalty: 25 };
    });
    const m = buildModel(d, opts());
    const p = proposeFromModel(m, undefined, solvers);
    expect(p.matches).toHaveLength(2);
    expect(p.figures.penalties).toBe(25);
    expect(p.totalScore).toBeCloseTo(p.matches.reduce((a, x) => a + x.score, 0) - 25, 6);
  });

  it('unplaced clients say why: no possible unit (with the rules) or outcompeted (by whom)', () => {
    const d = region([{}, {}, { rentLimit: 100 }], [{ rent: 500 }]);
    const p = proposeApp(d, opts());
    const noUnit = p.unplaced.find((u) => u.clientId === 'C-3')!;
    expect(noUnit.kind).toBe('no-possible-unit');
    expect(noUnit.reasons[0]!.message).toMatch(/^Huur boven de huurgrens van de cliënt bij de enige woning/);
    const lost = p.unplaced.find((u) => u.kind === 'outcompeted')!;
    expect(lost.reasons[0]!.message).toMatch(/U-1 \(score \d+(,\d+)?\) gaat naar C-\d/);
  });
});

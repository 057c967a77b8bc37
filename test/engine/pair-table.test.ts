// The fast pair loop (pair-table.ts) must agree exactly with the rules and the score it speeds up:
// on generated regions (normal, hotspot, with network places, areas to avoid, vetoes, omklap
// occupants) and on the demo region, every client-unit combination is possible in the model exactly
// when checkPair says so, with exactly scorePair's score.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dataset } from '../../shared/dataset/dataset.schema';
import { checkDataset } from '../../shared/dataset/validate';
import { buildModel } from '../../shared/engine/model';
import { clientFacts, pairPossible } from '../../shared/engine/rules';
import { scorePair } from '../../shared/engine/score';
import { generateInstance, instanceOptions } from '../../scripts/bench/instances';

function region(clients: number, units: number, seed: number, hotspot: boolean): Dataset {
  const chk = checkDataset(generateInstance({ clients, units, seed, hotspot }));
  if (!chk.ok) throw new Error('generated region is invalid');
  return chk.dataset;
}

function compare(d: Dataset, referenceDate: string, windowTo: string) {
  const options = { ...instanceOptions('optimal'), referenceDate, window: { from: referenceDate, to: windowTo } };
  const model = buildModel(d, options);
  const inModel = new Map(model.pairs.all().map((p) => [`${p.client}|${p.unit}`, p.score]));
  let possible = 0;
  let checked = 0;
  const mismatches: string[] = [];
  model.clients.forEach((c, ci) => {
    const facts = clientFacts(c, model.ruleContext);
    model.units.forEach((u, ui) => {
      checked++;
      const want = pairPossible(c, u, model.ruleContext, facts);
      const got = inModel.get(`${ci}|${ui}`);
      if (want !== (got !== undefined)) mismatches.push(`${c.id}-${u.id}: rules say ${want}, model has ${got !== undefined}`);
      if (want) {
        possible++;
        const score = scorePair(c, u, model.scoreContext, true).score;
        if (got !== undefined && got !== score) mismatches.push(`${c.id}-${u.id}: score ${got} in the model, scorePair ${score}`);
      }
    });
  });
  return { mismatches, possible, checked };
}

describe('the fast pair loop agrees with the rules and the score', () => {
  for (const [clients, units, seed, hotspot] of [
    [120, 90, 1, false],
    [120, 90, 2, true],
    [200, 150, 16, false],
    [200, 150, 7, true],
  ] as const) {
    it(`generated ${clients}x${units} seed ${seed}${hotspot ? ' (hotspot)' : ''}`, () => {
      const r = compare(region(clients, units, seed, hotspot), '2026-11-27', '2027-01-31');
      expect(r.mismatches).toEqual([]);
      expect(r.possible).toBeGreaterThan(100);
    });
  }

  it('the demo region', () => {
    const demo = Dataset.parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'demo', 'flevoland.json'), 'utf8')));
    const r = compare(demo, '2026-11-27', '2027-01-31');
    expect(r.mismatches).toEqual([]);
    expect(r.possible).toBeGreaterThan(10);
  });
});

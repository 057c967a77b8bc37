// The engine's Dutch phrases as a person reads them in "Waarom dit voorstel" and "Waarom niet": real
// singular and plural, dates as "5 oktober 2026", Dutch decimals. Real model, real scoring and rules.
import { beforeAll, describe, expect, it } from 'vitest';
import { engineSolvers } from '../../electron/backend/engine/highs';
import { Dataset } from '../../shared/dataset/dataset.schema';
import { buildModel } from '../../shared/engine/model';
import { type EngineSolvers, propose } from '../../shared/engine/propose';
import { type ProposeOptions, emptyControls } from '../../shared/engine/round.schema';
import { pairExclusions } from '../../shared/engine/rules';
import { scorePair } from '../../shared/engine/score';
import { formatNumber } from '../../shared/reports/format-nl';
import { miniDataset } from '../fixtures/mini-dataset';

// As the app runs it: HiGHS for the LP relaxation and the integer program.
let solvers: EngineSolvers = {};
beforeAll(async () => {
  solvers = await engineSolvers();
});
const proposeApp = (...args: Parameters<typeof propose>) => propose(args[0], args[1], args[2], solvers);


const opts = (): ProposeOptions => ({
  strategy: 'optimal',
  referenceDate: '2026-11-27',
  window: { from: '2026-11-27', to: '2027-01-31' },
  controls: emptyControls(),
  timeLimitMs: 5000,
});

function scoreDetail(d: Dataset, clientId: string, unitId: string, code: string): string | undefined {
  const model = buildModel(d, opts());
  const c = d.clients.find((x) => x.id === clientId)!;
  const u = d.units.find((x) => x.id === unitId)!;
  return scorePair(c, u, model.scoreContext, true).terms.find((t) => t.code === code)?.detail;
}

describe('engine phrases', () => {
  it('waiting time: "1 maand sinds 5 oktober 2026", "13 maanden sinds …" (no "maand(en)", no ISO date)', () => {
    const d = Dataset.parse(miniDataset());
    d.clients[0]!.readyDate = '2026-10-05';
    expect(scoreDetail(d, 'K-1', 'W-1', 'WAITING')).toBe('1 maand sinds 5 oktober 2026');
    d.clients[0]!.readyDate = '2025-10-01';
    expect(scoreDetail(d, 'K-1', 'W-1', 'WAITING')).toMatch(/^\d+ maanden sinds 1 oktober 2025$/);
  });

  it('network in the same municipality counts places in singular and plural', () => {
    const d = Dataset.parse(miniDataset());
    const michelle = d.clients[0]!;
    // Network in Almere (W-1's municipality) but in another neighbourhood than W-1's.
    michelle.networkPlaces = [{ kind: 'family', municipalityCode: 'GM0034', neighbourhoodCode: 'BU00340202', note: '' }];
    expect(scoreDetail(d, 'K-1', 'W-1', 'NETWORK')).toBe('Netwerk in dezelfde gemeente (1 plek)');
    michelle.networkPlaces.push({ kind: 'friends', municipalityCode: 'GM0034', neighbourhoodCode: null, note: '' });
    expect(scoreDetail(d, 'K-1', 'W-1', 'NETWORK')).toBe('Netwerk in dezelfde gemeente (2 plekken)');
  });

  it('rule details: rooms and persons in singular and plural, money and dates the Dutch way', () => {
    const d = Dataset.parse(miniDataset());
    const model = buildModel(d, opts());
    const k2 = d.clients.find((c) => c.id === 'K-2')!; // one adult, two children: needs 2 rooms
    const w2 = { ...d.units[1]!, occupantClientId: null, availableFrom: '2027-02-15', rent: 1234.5 };
    const messages = pairExclusions(k2, w2, model.ruleContext, undefined, true).map((e) => e.message);
    expect(messages.join('\n')).toContain('3 personen, 1 kamer');
    expect(messages.join('\n')).toContain('vrij vanaf 15 februari 2027, na 31 januari 2027');
    expect(messages.join('\n')).toMatch(/€ 1\.234,50 boven € [\d.]+,\d\d/);
    expect(messages.join('\n')).not.toMatch(/\(s\)|\d{4}-\d{2}-\d{2}/);
  });

  it('unplaced reasons: scores with a decimal comma, "bij de enige woning"', () => {
    const d = Dataset.parse(miniDataset());
    d.units = [d.units[0]!];
    d.neighbourhoods[0]!.socialRentShare = 0.37; // a load that gives the score decimals
    d.clients = [
      { ...d.clients[0]!, id: 'C-1', networkPlaces: [], originMunicipalityCode: 'GM0034' },
      { ...d.clients[0]!, id: 'C-2', networkPlaces: [], originMunicipalityCode: 'GM0034' },
      { ...d.clients[0]!, id: 'C-3', rentLimit: 100 },
    ];
    const p = proposeApp(Dataset.parse(d), opts());
    const noUnit = p.unplaced.find((u) => u.clientId === 'C-3')!;
    expect(noUnit.reasons[0]!.message).toMatch(/^Huur boven de huurgrens van de cliënt bij de enige woning \(bijv\. /);
    const lost = p.unplaced.find((u) => u.kind === 'outcompeted')!;
    const score = p.matches[0]!.score;
    expect(Number.isInteger(score)).toBe(false); // the test means something only with decimals
    // One decimal, like every score on the round screens.
    expect(lost.reasons[0]!.message).toContain(`(score ${formatNumber(score, 1)}) gaat naar `);
    expect(lost.reasons[0]!.message).not.toMatch(/\d\.\d/);
  });
});

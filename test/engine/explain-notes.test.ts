// The proposal's explanation in two details: a free alternative with the same score (to the hundredth)
// says "gelijke score", not "lagere score"; and a match that moves the occupant of an omklap home into
// another home says so, naming the home that comes free. Real engine on small hand-made regions.
import { beforeAll, describe, expect, it } from 'vitest';
import { engineSolvers } from '../../electron/backend/engine/highs';
import { Dataset } from '../../shared/dataset/dataset.schema';
import { freeAlternativeNote } from '../../shared/engine/explain';
import { type EngineSolvers, propose } from '../../shared/engine/propose';
import { Match, Proposal, type ProposeOptions, emptyControls } from '../../shared/engine/round.schema';
import { miniDataset } from '../fixtures/mini-dataset';

// As the app runs it: HiGHS for the LP relaxation and the integer program.
let solvers: EngineSolvers = {};
beforeAll(async () => {
  solvers = await engineSolvers();
});
const proposeApp = (...args: Parameters<typeof propose>) => propose(args[0], args[1], args[2], solvers);


const opts: ProposeOptions = {
  strategy: 'optimal',
  referenceDate: '2026-11-27',
  window: { from: '2026-11-27', to: '2027-01-31' },
  controls: emptyControls(),
  timeLimitMs: 5000,
};

function region(clients: Partial<Dataset['clients'][number]>[], units: Partial<Dataset['units'][number]>[]): Dataset {
  const base = miniDataset();
  const c0 = { ...base.clients[0]!, name: null, networkPlaces: [], preferences: { ...base.clients[0]!.preferences, municipalityCodes: [] } };
  const u0 = base.units[0]!;
  return Dataset.parse({
    ...base,
    placements: [],
    quotas: [],
    clients: clients.map((c, i) => ({ ...c0, id: `C-${i + 1}`, ...c })),
    units: units.map((u, i) => ({ ...u0, id: `U-${i + 1}`, complex: null, occupantClientId: null, ...u })),
  });
}

describe('the label of a free alternative', () => {
  it('compares scores in hundredths', () => {
    expect(freeAlternativeNote(150, 150)).toBe('Vrij, gelijke score');
    expect(freeAlternativeNote(150.004, 149.996)).toBe('Vrij, gelijke score');
    expect(freeAlternativeNote(149.99, 150)).toBe('Vrij, lagere score');
    expect(freeAlternativeNote(150.01, 150)).toMatch(/^Vrij, maar past niet binnen de rondegrenzen/);
  });

  it('says "gelijke score" for an equally good home the proposal did not choose', () => {
    // One client, two homes alike in everything that scores: either gives the same score.
    const p = proposeApp(region([{}], [{}, { address: 'Andere straat 2' }]), opts);
    expect(p.matches).toHaveLength(1);
    const [alt] = p.matches[0]!.alternatives.forClient;
    expect(alt).toBeDefined();
    expect(alt!.score).toBe(p.matches[0]!.score);
    expect(alt!.difference).toBe(0);
    expect(alt!.takenBy).toBeNull();
    expect(alt!.note).toBe('Vrij, gelijke score');
  });

  it('still says "lagere score" for a worse one', () => {
    // The second home is outside the client's municipality of origin: a lower score.
    const p = proposeApp(region([{}], [{}, { municipalityCode: 'GM0995', neighbourhoodCode: 'BU09950101' }]), opts);
    const [alt] = p.matches[0]!.alternatives.forClient;
    expect(alt!.difference).toBeLessThan(0);
    expect(alt!.note).toBe('Vrij, lagere score');
  });
});

describe('a match that moves a tenant out of their omklap home', () => {
  it('names the omklap home that comes free', () => {
    // C-1 lives in omklap home U-1, which is not free in this round's window; U-2 is.
    const d = region([{}], [{ kind: 'omklap', occupantClientId: 'C-1', availableFrom: '2027-06-01' }, {}]);
    const p = proposeApp(d, opts);
    expect(p.matches.map((m) => m.unitId)).toEqual(['U-2']);
    expect(p.matches[0]!.movesOut).toEqual({
      unitId: 'U-1',
      kind: 'omklap',
      note: 'Verhuist uit omklapwoning U-1; die woning komt vrij na afsluiten van de ronde.',
    });
  });

  it('says nothing when the tenant stays in their omklap home, or has none', () => {
    const d = region([{}, {}], [{ kind: 'omklap', occupantClientId: 'C-1' }, {}]);
    const p = proposeApp(d, opts);
    const stay = p.matches.find((m) => m.clientId === 'C-1')!;
    expect(stay.unitId).toBe('U-1');
    expect(stay.terms.map((t) => t.code)).toContain('STAY');
    expect(stay.movesOut).toBeUndefined();
    expect(p.matches.find((m) => m.clientId === 'C-2')!.movesOut).toBeUndefined();
  });

  it('reads proposals stored before the field existed', () => {
    const d = region([{}], [{ kind: 'omklap', occupantClientId: 'C-1', availableFrom: '2027-06-01' }, {}]);
    const stored = JSON.parse(JSON.stringify(proposeApp(d, opts))) as Proposal;
    delete stored.matches[0]!.movesOut;
    expect(Match.parse(stored.matches[0]).movesOut).toBeUndefined();
    expect(Proposal.parse(stored).matches[0]!.unitId).toBe('U-2');
  });
});

// Proposals run in a worker thread: the same answer as in-process, and a stop ends it at once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { threadNices } from '../fixtures/thread-nice';
import { engineSolvers } from '../../electron/backend/engine/highs';
import { proposalWorkersStarted, runProposalInWorker } from '../../electron/backend/engine/propose-runner';
import { Dataset } from '../../shared/dataset/dataset.schema';
import { propose } from '../../shared/engine/propose';
import { type ProposeOptions, emptyControls } from '../../shared/engine/round.schema';

const demo = Dataset.parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'demo', 'flevoland.json'), 'utf8')));
const options: ProposeOptions = {
  strategy: 'optimal',
  referenceDate: '2026-11-27',
  window: { from: '2026-11-27', to: '2027-01-31' },
  controls: emptyControls(),
  timeLimitMs: 60_000,
};

/** The demo region copied n times over (new ids), for a solve that takes a while. */
function bigRegion(n: number): Dataset {
  const d = structuredClone(demo);
  d.clients = [];
  d.units = [];
  for (let i = 0; i < n; i++) {
    d.clients.push(...demo.clients.map((c) => ({ ...c, id: `${c.id}-${i}` })));
    d.units.push(...demo.units.map((u) => ({ ...u, id: `${u.id}-${i}`, occupantClientId: u.occupantClientId && `${u.occupantClientId}-${i}` })));
  }
  d.placements = d.placements.map((p) => ({ ...p, clientId: null, unitId: null }));
  return d;
}


describe('proposal worker', () => {
  it.runIf(process.platform === 'linux')('computes at a lower priority than the threads that answer requests', async () => {
    const mine = threadNices()[0]!.nice;
    await runProposalInWorker(demo, options);
    // The worker stays for the next proposal: its thread is there, at nice 10 (or the process's own, if lower still).
    const nices = threadNices().map((t) => t.nice);
    expect(nices[0]).toBe(mine);
    expect(nices).toContain(Math.max(10, mine!));
  });

  it('gives the same proposal as running in-process', async () => {
    // In-process with the solvers the worker loads (HiGHS for the LP relaxation and the integer program).
    const viaWorker = await runProposalInWorker(demo, options);
    expect(viaWorker.optimality.method).toMatch(/LP-relaxatie met kolomgeneratie \(HiGHS/);
    expect(viaWorker).toEqual(propose(demo, options, undefined, await engineSolvers()));
  });

  it('stops when cancelled, well before the solve would end', async () => {
    const big = bigRegion(40);
    const ctl = new AbortController();
    const started = Date.now();
    const run = runProposalInWorker(big, options, ctl.signal);
    setTimeout(() => ctl.abort(), 300);
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED', message: 'Het voorstel is gestopt.' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reports an engine error as an error, not a crash', async () => {
    const noPolicy = { ...structuredClone(demo), policies: [] };
    await expect(runProposalInWorker(noPolicy, options)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('geen beleidsprofiel') });
  });

  it('keeps a finished worker for the next proposal, and never one that was stopped', async () => {
    // The round service asks for the optimal and the greedy proposal side by side: two workers.
    const greedy: ProposeOptions = { ...options, strategy: 'greedy' };
    await Promise.all([runProposalInWorker(demo, options), runProposalInWorker(demo, greedy)]);
    const before = proposalWorkersStarted();
    const solvers = await engineSolvers();
    // Re-runs in the meeting: the same workers answer, with the same proposals as in-process.
    for (let i = 0; i < 3; i++) {
      const [optimal, heuristic] = await Promise.all([runProposalInWorker(demo, options), runProposalInWorker(demo, greedy)]);
      expect(optimal).toEqual(propose(demo, options, undefined, solvers));
      expect(heuristic).toEqual(propose(demo, greedy, undefined, solvers));
    }
    expect(proposalWorkersStarted()).toBe(before);
    // An engine error is an answer: its worker stays too.
    await expect(runProposalInWorker({ ...structuredClone(demo), policies: [] }, options)).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(proposalWorkersStarted()).toBe(before);
    // A stopped proposal ends its worker: the next proposal gets a fresh one and is still right.
    const ctl = new AbortController();
    const run = runProposalInWorker(bigRegion(40), options, ctl.signal);
    setTimeout(() => ctl.abort(), 300);
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    const [a, b] = await Promise.all([runProposalInWorker(demo, options), runProposalInWorker(demo, options)]);
    expect(proposalWorkersStarted()).toBe(before + 1);
    expect(a).toEqual(propose(demo, options, undefined, solvers));
    expect(b).toEqual(a);
  });
});

// Worker thread that runs proposals, one at a time, so a long solve never blocks the host and can
// be stopped by terminating the worker. HiGHS comes in compiled from the host (workerData.highs)
// and is instantiated once; the worker then answers each job message with one reply, and stays
// for the next (propose-runner.ts keeps it). Node only (worker_threads).
import { parentPort, workerData } from 'node:worker_threads';
import { Dataset } from '../../../shared/dataset/dataset.schema';
import { type EngineSolvers, propose } from '../../../shared/engine/propose';
import { ProposeOptions } from '../../../shared/engine/round.schema';
import { engineSolvers } from './highs';

interface Job {
  dataset: unknown;
  options: unknown;
}

const { highs } = workerData as { highs?: WebAssembly.Module };
let solvers: Promise<EngineSolvers> | null = null;

parentPort?.on('message', (job: Job) => {
  void (async () => {
    try {
      solvers ??= engineSolvers(highs);
      const proposal = propose(Dataset.parse(job.dataset), ProposeOptions.parse(job.options), undefined, await solvers);
      parentPort?.postMessage({ ok: true, value: proposal });
    } catch (e) {
      // A failed load of HiGHS is tried again on the next job.
      if (solvers && !(await solvers.then(() => true, () => false))) solvers = null;
      parentPort?.postMessage({ ok: false, error: { code: 'INTERNAL', message: (e as Error).message } });
    }
  })();
});

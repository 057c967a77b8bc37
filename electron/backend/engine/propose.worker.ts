// Worker thread that runs one proposal, so a long solve never blocks the host and can be stopped
// by terminating the worker. HiGHS comes in compiled from the host (workerData.highs) and is only
// instantiated here. Node only (worker_threads).
import { parentPort, workerData } from 'node:worker_threads';
import { Dataset } from '../../../shared/dataset/dataset.schema';
import { propose } from '../../../shared/engine/propose';
import { ProposeOptions } from '../../../shared/engine/round.schema';
import { engineSolvers } from './highs';

interface Job {
  dataset: unknown;
  options: unknown;
  highs?: WebAssembly.Module;
}

const job = workerData as Job;
void (async () => {
  try {
    const solvers = await engineSolvers(job.highs);
    const proposal = propose(Dataset.parse(job.dataset), ProposeOptions.parse(job.options), undefined, solvers);
    parentPort?.postMessage({ ok: true, value: proposal });
  } catch (e) {
    parentPort?.postMessage({ ok: false, error: { code: 'INTERNAL', message: (e as Error).message } });
  }
})();

// Worker thread that runs proposals, one at a time, so a long solve never blocks the host and can
// be stopped by terminating the worker; also a policy what-if (policy-what-if.ts). HiGHS comes in compiled from the host (workerData.highs)
// and is instantiated once; the worker then answers each job message with one reply, and stays
// for the next (propose-runner.ts keeps it). Node only (worker_threads).
import { parentPort, workerData } from 'node:worker_threads';
import { Dataset } from '../../../shared/dataset/dataset.schema';
import { type EngineSolvers, propose } from '../../../shared/engine/propose';
import { ProposeOptions } from '../../../shared/engine/round.schema';
import { PolicySettings } from '../../../shared/domain/policy';
import { policyWhatIf } from '../../../shared/engine/policy-what-if';
import { engineSolvers } from './highs';
import type { WorkerJob } from './propose-runner';
import { lowerThisThreadPriority } from '../workers/thread-priority';

// Other people's requests first: this thread computes in the background.
lowerThisThreadPriority();

const { highs } = workerData as { highs?: WebAssembly.Module };
let solvers: Promise<EngineSolvers> | null = null;

parentPort?.on('message', (job: WorkerJob) => {
  void (async () => {
    try {
      solvers ??= engineSolvers(highs);
      if (job.kind === 'policy-what-if') {
        const input = job.input;
        const value = policyWhatIf({
          ...input,
          dataset: Dataset.parse(input.dataset),
          inForce: PolicySettings.parse(input.inForce),
          draft: PolicySettings.parse(input.draft),
          round: input.round ? ProposeOptions.parse(input.round) : null,
          roundDataset: input.roundDataset ? Dataset.parse(input.roundDataset) : null,
          solvers: await solvers,
        });
        parentPort?.postMessage({ ok: true, value });
        return;
      }
      const proposal = propose(Dataset.parse(job.dataset), ProposeOptions.parse(job.options), undefined, await solvers);
      parentPort?.postMessage({ ok: true, value: proposal });
    } catch (e) {
      // A failed load of HiGHS is tried again on the next job.
      if (solvers && !(await solvers.then(() => true, () => false))) solvers = null;
      parentPort?.postMessage({ ok: false, error: { code: 'INTERNAL', message: (e as Error).message } });
    }
  })();
});

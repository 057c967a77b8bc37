// Worker thread that runs one proposal, so a long solve never blocks the host and can be stopped
// by terminating the worker. Node only (worker_threads).
import { parentPort, workerData } from 'node:worker_threads';
import { Dataset } from '../../../shared/dataset/dataset.schema';
import { propose } from '../../../shared/engine/propose';
import { ProposeOptions } from '../../../shared/engine/round.schema';

interface Job {
  dataset: unknown;
  options: unknown;
}

const job = workerData as Job;
try {
  const proposal = propose(Dataset.parse(job.dataset), ProposeOptions.parse(job.options));
  parentPort?.postMessage({ ok: true, value: proposal });
} catch (e) {
  parentPort?.postMessage({ ok: false, error: { code: 'INTERNAL', message: (e as Error).message } });
}

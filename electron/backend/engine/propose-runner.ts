// Runs a proposal in a worker thread that the caller can cancel (AbortSignal): the UI's "stop"
// ends the solve at once, whatever the solver is doing. Node only.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/api/result';
import type { Dataset } from '../../../shared/dataset/dataset.schema';
import type { ProposeOptions, Proposal } from '../../../shared/engine/round.schema';
import { highsModule } from './highs';

/**
 * The worker script: the bundled one next to the main process (out/main/propose.worker.js), or
 * the TypeScript source run through tsx (tests, browser mode and CLI from source).
 */
function startWorker(workerData: unknown): Worker {
  const bundled = join(__dirname, 'propose.worker.js');
  if (existsSync(bundled)) return new Worker(bundled, { workerData });
  // From source: register tsx's CommonJS hook inside the worker, then load the TypeScript file.
  const source = join(__dirname, 'propose.worker.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true, workerData });
}

export async function runProposalInWorker(dataset: Dataset, options: ProposeOptions, signal?: AbortSignal): Promise<Proposal> {
  const highs = await highsModule();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AppError('CANCELLED', 'Het voorstel is gestopt.'));
      return;
    }
    const worker = startWorker({ dataset, options, highs });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      finish(() => reject(new AppError('CANCELLED', 'Het voorstel is gestopt.')));
      void worker.terminate();
    };
    signal?.addEventListener('abort', onAbort);
    worker.once('message', (msg: { ok: true; value: Proposal } | { ok: false; error: { message: string } }) => {
      finish(() => (msg.ok ? resolve(msg.value) : reject(new AppError('INTERNAL', msg.error.message))));
      void worker.terminate();
    });
    worker.once('error', (e) => finish(() => reject(new AppError('INTERNAL', `Rekenproces faalde: ${e.message}`))));
    worker.once('exit', (code) => finish(() => reject(new AppError('INTERNAL', `Rekenproces stopte onverwacht (code ${code}).`))));
  });
}

// Runs a proposal in a worker thread that the caller can cancel (AbortSignal): the UI's "stop"
// ends the solve at once, whatever the solver is doing. A worker that finished its proposal stays
// for the next one (at most two wait, unreferenced, so they never keep the process alive): the
// engine's code and HiGHS are then already compiled, and a re-run in the meeting takes a fraction
// of a first, cold proposal. A cancelled or failed worker is ended and never reused. Node only.
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/api/result';
import type { Dataset } from '../../../shared/dataset/dataset.schema';
import type { PolicyWhatIf, PolicyWhatIfInput } from '../../../shared/engine/policy-what-if';
import type { ProposeOptions, Proposal } from '../../../shared/engine/round.schema';
import { startWorkerScript } from '../workers/worker-script';
import { highsModule } from './highs';

/** Workers kept waiting between proposals (the round service runs optimal and greedy side by side). */
const MAX_IDLE = 2;
/** A worker that solved a round larger than this (candidates x homes) is ended: its heap is large. */
const KEEP_UP_TO_PAIRS = 1_000_000;
const idle: Worker[] = [];
let started = 0;

/** How many proposal workers this process has started (for tests of the reuse). */
export const proposalWorkersStarted = (): number => started;

function startWorker(workerData: unknown): Worker {
  started++;
  return startWorkerScript('propose.worker', __dirname, { workerData });
}

function takeWorker(highs: WebAssembly.Module): Worker {
  const waiting = idle.pop();
  if (waiting) {
    waiting.ref();
    return waiting;
  }
  const worker = startWorker({ highs });
  // A waiting worker that ends (it should not) leaves the pool.
  worker.on('exit', () => {
    const i = idle.indexOf(worker);
    if (i >= 0) idle.splice(i, 1);
  });
  return worker;
}

function release(worker: Worker, size: number): void {
  if (idle.length >= MAX_IDLE || size > KEEP_UP_TO_PAIRS) {
    void worker.terminate();
    return;
  }
  worker.unref();
  idle.push(worker);
}

type Reply<T> = { ok: true; value: T } | { ok: false; error: { message: string } };

/** What a worker can be asked (propose.worker.ts): a proposal, or a policy what-if (replays and proposals). */
export type WorkerJob =
  | { kind: 'propose'; dataset: Dataset; options: ProposeOptions }
  | { kind: 'policy-what-if'; input: Omit<PolicyWhatIfInput, 'solvers'> };

export function runProposalInWorker(dataset: Dataset, options: ProposeOptions, signal?: AbortSignal): Promise<Proposal> {
  return runInWorker<Proposal>({ kind: 'propose', dataset, options }, dataset.clients.length * dataset.units.length, 'Het voorstel is gestopt.', signal);
}

/** A policy what-if (policy-what-if.ts) off the request path, stoppable like a proposal. */
export function runPolicyWhatIfInWorker(input: Omit<PolicyWhatIfInput, 'solvers'>, signal?: AbortSignal): Promise<PolicyWhatIf> {
  return runInWorker<PolicyWhatIf>({ kind: 'policy-what-if', input }, input.dataset.clients.length * input.dataset.units.length, 'De proefberekening is gestopt.', signal);
}

/** Runs one job in a worker; `size` (candidates x homes) decides whether the worker is kept afterwards. */
async function runInWorker<T>(job: WorkerJob, size: number, stopped: string, signal?: AbortSignal): Promise<T> {
  const highs = await highsModule();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AppError('CANCELLED', stopped));
      return;
    }
    const worker = takeWorker(highs);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      fn();
    };
    const onAbort = () => {
      finish(() => reject(new AppError('CANCELLED', stopped)));
      void worker.terminate();
    };
    const onMessage = (msg: Reply<T>) => {
      finish(() => (msg.ok ? resolve(msg.value) : reject(new AppError('INTERNAL', msg.error.message))));
      // An engine error is an answer: the worker itself is sound and waits for the next job.
      release(worker, size);
    };
    const onError = (e: Error) => {
      finish(() => reject(new AppError('INTERNAL', `Rekenproces faalde: ${e.message}`)));
      void worker.terminate();
    };
    const onExit = (code: number) => finish(() => reject(new AppError('INTERNAL', `Rekenproces stopte onverwacht (code ${code}).`)));
    signal?.addEventListener('abort', onAbort);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}

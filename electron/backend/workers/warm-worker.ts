// Keeps at most one idle worker warm for the next job (it has loaded its libraries already), for a
// while, unreferenced, so a waiting worker never keeps the CLI or a test run alive. A job that finds
// none, or one started for other settings, starts its own. Node only.
import type { Worker } from 'node:worker_threads';

export class WarmWorker<Settings = void> {
  private idle: { worker: Worker; settings: Settings; timer: NodeJS.Timeout } | null = null;

  /** `start` makes a new worker for `settings`; an idle one is ended after `keepMs`. */
  constructor(
    private readonly start: (settings: Settings) => Worker,
    private readonly keepMs: number,
  ) {}

  /** The warm worker if it was started for these settings, else a new one. */
  take(settings: Settings): Worker {
    const warm = this.idle;
    this.idle = null;
    if (warm) {
      clearTimeout(warm.timer);
      if (warm.settings === settings) {
        warm.worker.ref();
        return warm.worker;
      }
      void warm.worker.terminate();
    }
    return this.start(settings);
  }

  /** A sound worker back after its job: kept warm, or ended when one is kept already. */
  give(worker: Worker, settings: Settings): void {
    if (this.idle) {
      void worker.terminate();
      return;
    }
    worker.unref();
    const timer = setTimeout(() => {
      if (this.idle?.worker === worker) this.idle = null;
      void worker.terminate();
    }, this.keepMs);
    timer.unref();
    this.idle = { worker, settings, timer };
  }
}

/** Why a worker gave no answer: it failed (out of memory, a crash), it stopped, or it took too long. */
export class WorkerFailure extends Error {
  constructor(
    readonly reason: 'error' | 'exit' | 'timeout',
    readonly detail: { error?: Error & { code?: string }; code?: number } = {},
  ) {
    super(reason === 'error' ? (detail.error?.message ?? 'worker error') : reason === 'exit' ? `worker exited (code ${detail.code})` : 'timed out');
    this.name = 'WorkerFailure';
  }
}

let nextJobId = 1;

/**
 * One job on a worker of `pool`: `post` hands it over (with its id; `given()` says the wait is over, so
 * a slow hand-over can stop), and the answer carrying that id is returned. A worker that answered goes
 * back warm; one that failed, stopped or took longer than `timeoutMs` is ended, and the promise is
 * rejected with a WorkerFailure (or with what `post` threw).
 */
export function askWorker<Answer extends { id: number }, Settings>(
  pool: WarmWorker<Settings>,
  settings: Settings,
  timeoutMs: number,
  post: (worker: Worker, id: number, given: () => boolean) => void | Promise<void>,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const id = nextJobId++;
    const worker = pool.take(settings);
    let settled = false;
    const finish = (reusable: boolean, settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      // A worker that failed or hung is ended; one that answered (also with an error of the job's) serves the next.
      if (reusable) pool.give(worker, settings);
      else void worker.terminate();
      settle();
    };
    const onMessage = (msg: Answer) => {
      if (msg.id === id) finish(true, () => resolve(msg));
    };
    const onError = (error: Error & { code?: string }) => finish(false, () => reject(new WorkerFailure('error', { error })));
    const onExit = (code: number) => finish(false, () => reject(new WorkerFailure('exit', { code })));
    const timer = setTimeout(() => finish(false, () => reject(new WorkerFailure('timeout'))), timeoutMs);
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    Promise.resolve()
      .then(() => post(worker, id, () => settled))
      .catch((e: unknown) => finish(false, () => reject(e)));
  });
}

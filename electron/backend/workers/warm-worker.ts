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

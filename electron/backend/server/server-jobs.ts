// The regional server's long calls, off the request path (issue 15, item 3): reports, exports and
// imports read thousands of records and write whole documents, a few seconds of processor time each.
// The gate hands them to worker threads (server-job.worker.ts) that each hold their own backend on the
// same database, at background priority; everyone else's lists and records are answered meanwhile.
// Node only.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { MethodName } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import type { Caller } from '../api/dispatcher';
import { startWorkerScript } from '../workers/worker-script';
import type { JobReply, JobRequest } from './server-job.worker';

/** The calls that run in a job worker: each reads much and writes a document or many records. */
export const LONG_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'reports.provider',
  'reports.corporation',
  'reports.agenda',
  'reports.minutes',
  'reports.export',
  'monitor.report',
  'monitor.rows',
  'export.list',
  'import.template',
  'import.preview',
  'import.commit',
  'review.export',
  'review.importDecisions',
  'clients.accessExport',
  'dataset.export',
  'dataset.import',
]);

/** Job workers: one core is left for the requests (at least one, at most four). */
export const JOB_WORKERS = Math.max(1, Math.min(4, availableParallelism() - 1));
/**
 * Database connections of each job worker's backend. Few on purpose: PostgreSQL's backends run at
 * normal priority, and a long export's queries spread over many connections take the database's
 * processor from everyone else (bench:server with a proposal and two exports: list/record p95
 * ~150-470 ms with 3, ~90-130 ms with 2).
 */
const WORKER_POOL_SIZE = 2;

/** A job's answer: the result, and when it succeeded the whole result as JSON text (its value is only there). */
export interface JobAnswer {
  result: Result<unknown>;
  json?: string;
}

interface Slot {
  worker: Worker;
  running: Map<number, (answer: JobAnswer) => void>;
}

export class ServerJobs {
  private readonly slots: (Slot | null)[];
  private nextId = 1;
  private closed = false;
  started = 0;

  constructor(
    private readonly url: string,
    workers = JOB_WORKERS,
  ) {
    this.slots = Array.from({ length: workers }, () => null);
  }

  /**
   * Runs `method` for `caller` in a job worker; `json` is the request's body when it was left unparsed
   * (a large import). Never throws: a worker that fails answers its calls with an error and is replaced.
   */
  run(method: string, input: unknown, caller: Caller, json?: string): Promise<JobAnswer> {
    if (this.closed) return Promise.resolve({ result: failure('BUSY', 'De server stopt; probeer het zo opnieuw.') });
    const slot = this.leastBusy();
    const id = this.nextId++;
    return new Promise((resolve) => {
      slot.running.set(id, resolve);
      slot.worker.postMessage({ id, method, input, caller, ...(json !== undefined ? { json } : {}) } satisfies JobRequest);
    });
  }

  /** Starts the first worker ahead of the first long call (it loads the backend's code, in the background). */
  warmUp(): void {
    if (!this.closed) this.slots[0] ??= this.start(0);
  }

  private leastBusy(): Slot {
    let best = -1;
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots[i];
      if (!s) {
        best = i;
        break;
      }
      if (best < 0 || s.running.size < this.slots[best]!.running.size) best = i;
    }
    return (this.slots[best] ??= this.start(best));
  }

  private start(index: number): Slot {
    this.started++;
    const worker = startWorkerScript('server-job.worker', __dirname, { workerData: { url: this.url, poolSize: WORKER_POOL_SIZE } });
    const slot: Slot = { worker, running: new Map() };
    worker.on('message', (reply: JobReply) => {
      const done = slot.running.get(reply.id);
      slot.running.delete(reply.id);
      done?.(reply.json === undefined ? { result: reply.result } : { result: reply.result, json: reply.json });
    });
    const lost = (why: string) => {
      if (this.slots[index] === slot) this.slots[index] = null;
      for (const done of slot.running.values()) done({ result: failure('INTERNAL', `Het achtergrondproces van de server stopte (${why}); probeer het opnieuw.`) });
      slot.running.clear();
    };
    worker.on('error', (e) => {
      console.error('[server] job worker failed', e);
      lost(e.message.slice(0, 200));
    });
    worker.on('exit', (code) => lost(`code ${code}`));
    return slot;
  }

  /** Lets running calls finish, then closes each worker's database connections. */
  async close(timeoutMs = 10_000): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        if (!slot) return;
        const exited = new Promise<void>((resolve) => slot.worker.once('exit', () => resolve()));
        slot.worker.postMessage({ close: true } satisfies JobRequest);
        const timer = setTimeout(() => void slot.worker.terminate(), timeoutMs);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}

function failure(code: 'INTERNAL' | 'BUSY', message: string): Result<unknown> {
  return { ok: false, error: { code, message } };
}

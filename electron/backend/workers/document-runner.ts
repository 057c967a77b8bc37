// Writes documents (reports, review files, access documents, list exports) in worker threads instead
// of on the thread that answers requests: the data is read where it always was, the rendering — the
// processor-heavy part, about a second for a 500-client PDF — happens in document.worker.ts. At most
// a few documents are written at once (the rest wait their turn), so exports never take every core
// from the people browsing; one idle worker is kept warm a few minutes (it has loaded pdfkit and
// exceljs), unreferenced, so it never keeps the CLI or a test run alive. Node only.
import { availableParallelism } from 'node:os';
import { type Worker, isMainThread } from 'node:worker_threads';
import { AppError } from '../../../shared/api/result';
import { type DocumentJob, type DocumentMessage, writeDocument } from './document-job';
import { SLICE, nextTurn } from './slices';
import { WarmWorker, WorkerFailure, askWorker } from './warm-worker';
import { startWorkerScript } from './worker-script';

/** Documents written at once: one core is left for the requests (at least one, at most four). */
export const MAX_WRITING = Math.max(1, Math.min(4, availableParallelism() - 1));
const KEEP_IDLE_MS = 5 * 60_000;
/** A document that takes longer than this is given up (and its worker ended). */
export const DOCUMENT_TIMEOUT_MS = 300_000;

let writing = 0;
const queue: (() => void)[] = [];
let started = 0;

/** How many document workers this process has started (for tests of the reuse). */
export const documentWorkersStarted = (): number => started;

/** One idle worker kept warm. */
const warm = new WarmWorker(() => {
  started++;
  return startWorkerScript('document.worker', __dirname);
}, KEEP_IDLE_MS);

/** Waits for a turn to write. */
function turn(): Promise<void> {
  if (writing < MAX_WRITING) {
    writing++;
    return Promise.resolve();
  }
  return new Promise((resolve) =>
    queue.push(() => {
      writing++;
      resolve();
    }),
  );
}

function done(): void {
  writing--;
  queue.shift()?.();
}

type Answer = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; message: string };

/** The document's bytes, written in a worker; a failure is an AppError that says the document could not be made. */
export async function writeDocumentInWorker(job: DocumentJob, timeoutMs = DOCUMENT_TIMEOUT_MS): Promise<Buffer> {
  // Already in a worker (the regional server's job worker): off the request thread as it is.
  if (!isMainThread) return writeDocument(job).catch((e: unknown) => Promise.reject(failed((e as Error).message.slice(0, 500))));
  await turn();
  try {
    return await writeOnce(job, timeoutMs);
  } finally {
    done();
  }
}

const failed = (why: string) => new AppError('INTERNAL', `Het document kon niet worden gemaakt: ${why}`);

async function writeOnce(job: DocumentJob, timeoutMs: number): Promise<Buffer> {
  let answer: Answer;
  try {
    answer = await askWorker<Answer, void>(warm, undefined, timeoutMs, (worker, id, given) => handOver(worker, id, job, given));
  } catch (e) {
    if (!(e instanceof WorkerFailure)) throw failed((e as Error).message);
    if (e.reason === 'timeout') throw failed(`het duurde langer dan ${Math.round(timeoutMs / 1000)} seconden`);
    if (e.reason === 'exit') throw failed(`het schrijfproces stopte onverwacht (code ${e.detail.code})`);
    throw failed((e.detail.error?.message ?? '').slice(0, 300));
  }
  if (!answer.ok) throw failed(answer.message);
  return Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength);
}

/**
 * Posts the job. A long list's rows go a slice at a time with a turn for other requests in between:
 * copying 10,000 rows to the worker in one message holds this thread for a quarter of a second.
 */
async function handOver(worker: Worker, id: number, job: DocumentJob, given: () => boolean): Promise<void> {
  if (job.kind !== 'table-xlsx' || job.rows.length <= SLICE) {
    worker.postMessage({ id, job } satisfies DocumentMessage);
    return;
  }
  worker.postMessage({ id, job: { ...job, rows: [] }, more: true } satisfies DocumentMessage);
  for (let i = 0; i < job.rows.length; i += SLICE) {
    await nextTurn();
    if (given()) return;
    worker.postMessage({ id, rows: job.rows.slice(i, i + SLICE), more: i + SLICE < job.rows.length } satisfies DocumentMessage);
  }
}

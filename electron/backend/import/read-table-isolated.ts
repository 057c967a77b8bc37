// Reads an import file in a worker thread with a capped heap and a time limit: a zip bomb or a file
// that gets past the table limits costs the worker, and the host (the desktop app's main process, the
// HTTP server, the CLI) stays up and answers with a clear message. Node only.
import type { Worker } from 'node:worker_threads';
import { WarmWorker } from '../workers/warm-worker';
import { startWorkerScript } from '../workers/worker-script';
import { TABLE_LIMITS, type Table, TableFileError, type TableLimits, fileSizeProblem, invalidOrTooLarge } from './table-read';

export interface IsolationLimits {
  /** The worker's V8 heap (old generation), MB. */
  heapMb: number;
  timeoutMs: number;
}

export const ISOLATION_LIMITS: IsolationLimits = { heapMb: 512, timeoutMs: 300_000 };

/**
 * An idle worker is kept this long, then ended: a preview is followed by its commit, or by a corrected
 * file, within minutes, and a warm worker answers at once (a cold one first loads the XLSX parser).
 */
const KEEP_IDLE_MS = 5 * 60_000;

function startWorker(heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };
  return startWorkerScript('table.worker', __dirname, { resourceLimits });
}

/** At most one idle worker, kept warm (for the heap it was started with). */
const warm = new WarmWorker(startWorker, KEEP_IDLE_MS);
let nextId = 1;

type WorkerAnswer = { id: number; ok: true; table: Table } | { id: number; ok: false; fileError: boolean; message: string };

/** Reads a file as a table off the main thread; every failure is a TableFileError naming the file. */
export function readTableIsolated(
  fileName: string,
  bytes: Buffer,
  limits: TableLimits = TABLE_LIMITS,
  isolation: IsolationLimits = ISOLATION_LIMITS,
): Promise<Table> {
  // Refused before a worker is even asked (and before the bytes are copied).
  const tooLarge = fileSizeProblem(fileName, bytes.length, limits);
  if (tooLarge) return Promise.reject(tooLarge);
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const worker = warm.take(isolation.heapMb);
    let settled = false;
    const onMessage = (msg: WorkerAnswer) => {
      if (msg.id !== id) return;
      finish(true, () => {
        if (msg.ok) resolve(msg.table);
        else if (msg.fileError) reject(new TableFileError(msg.message));
        else reject(invalidOrTooLarge(fileName, `het kan niet worden gelezen (${msg.message})`));
      });
    };
    const onError = (e: Error & { code?: string }) =>
      finish(false, () =>
        reject(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? invalidOrTooLarge(fileName, `het lezen vroeg meer dan ${isolation.heapMb} MB geheugen`)
            : invalidOrTooLarge(fileName, `het kan niet worden gelezen (${e.message.slice(0, 200)})`),
        ),
      );
    const onExit = (code: number) => finish(false, () => reject(invalidOrTooLarge(fileName, `het leesproces stopte onverwacht (code ${code})`)));
    const timer = setTimeout(
      () => finish(false, () => reject(invalidOrTooLarge(fileName, `het lezen duurde langer dan ${Math.round(isolation.timeoutMs / 1000)} seconden`))),
      isolation.timeoutMs,
    );
    function finish(reusable: boolean, settle: () => void) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      // A worker that failed (out of memory, timed out) is ended; a healthy one may serve the next file.
      if (reusable) warm.give(worker, isolation.heapMb);
      else void worker.terminate();
      settle();
    }
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    // A copy of our own to hand over: the caller's buffer may share its memory with others.
    const copy = new Uint8Array(bytes.length);
    copy.set(bytes);
    worker.postMessage({ id, fileName, bytes: copy, limits }, [copy.buffer]);
  });
}

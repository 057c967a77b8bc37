// Reads an import file in a worker thread with a capped heap and a time limit: a zip bomb or a file
// that gets past the table limits costs the worker, and the host (the desktop app's main process, the
// HTTP server, the CLI) stays up and answers with a clear message. Node only.
import type { Worker } from 'node:worker_threads';
import { WarmWorker, WorkerFailure, askWorker } from '../workers/warm-worker';
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

type WorkerAnswer = { id: number; ok: true; table: Table } | { id: number; ok: false; fileError: boolean; message: string };

/** Reads a file as a table off the main thread; every failure is a TableFileError naming the file. */
export async function readTableIsolated(
  fileName: string,
  bytes: Buffer,
  limits: TableLimits = TABLE_LIMITS,
  isolation: IsolationLimits = ISOLATION_LIMITS,
): Promise<Table> {
  // Refused before a worker is even asked (and before the bytes are copied).
  const tooLarge = fileSizeProblem(fileName, bytes.length, limits);
  if (tooLarge) throw tooLarge;
  let answer: WorkerAnswer;
  try {
    answer = await askWorker<WorkerAnswer, number>(warm, isolation.heapMb, isolation.timeoutMs, (worker, id) => {
      // A copy of our own to hand over: the caller's buffer may share its memory with others.
      const copy = new Uint8Array(bytes.length);
      copy.set(bytes);
      worker.postMessage({ id, fileName, bytes: copy, limits }, [copy.buffer]);
    });
  } catch (e) {
    if (!(e instanceof WorkerFailure)) throw e;
    if (e.reason === 'timeout') throw invalidOrTooLarge(fileName, `het lezen duurde langer dan ${Math.round(isolation.timeoutMs / 1000)} seconden`);
    if (e.reason === 'exit') throw invalidOrTooLarge(fileName, `het leesproces stopte onverwacht (code ${e.detail.code})`);
    if (e.detail.error?.code === 'ERR_WORKER_OUT_OF_MEMORY') throw invalidOrTooLarge(fileName, `het lezen vroeg meer dan ${isolation.heapMb} MB geheugen`);
    throw invalidOrTooLarge(fileName, `het kan niet worden gelezen (${(e.detail.error?.message ?? '').slice(0, 200)})`);
  }
  if (answer.ok) return answer.table;
  if (answer.fileError) throw new TableFileError(answer.message);
  throw invalidOrTooLarge(fileName, `het kan niet worden gelezen (${answer.message})`);
}

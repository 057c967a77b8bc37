// A worker thread of the regional server that runs the long calls (reports, exports, imports) with a
// backend of its own on the same PostgreSQL database: reading thousands of records, building the
// document and writing it all happen here, so the thread that answers everyone's requests stays free.
// The caller was checked by the server's gate (session, CSRF); this backend's dispatcher checks the
// role, validates, narrows and audits exactly as on the request thread. Node only (worker_threads).
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, type Result } from '../../../shared/api/result';
import type { Caller } from '../api/dispatcher';
import type { Backend } from '../backend';
import { lowerThisThreadPriority } from '../workers/thread-priority';
import { openServerBackend } from './server';

export type JobRequest = { id: number; method: string; input: unknown; caller: Caller; json?: string } | { close: true };
export interface JobReply {
  id: number;
  /** The result; when it succeeded, without its value, which comes as `json`. */
  result: Result<unknown>;
  /** The whole result as the JSON text the server sends: serialised here, not on the request thread. */
  json?: string;
}

// Other people's requests first: this thread works in the background.
lowerThisThreadPriority();

const { url, poolSize } = workerData as { url: string; poolSize: number };
let backend: Promise<Backend> | null = null;
let running = 0;

parentPort?.on('message', (msg: JobRequest) => {
  if ('close' in msg) {
    void close();
    return;
  }
  running++;
  void run(msg).then((result) => {
    running--;
    // A large answer (a whole dataset) is turned into text here, so the request thread only sends it.
    const reply: JobReply = result.ok ? { id: msg.id, result: { ok: true, value: null }, json: JSON.stringify(result) } : { id: msg.id, result };
    parentPort?.postMessage(reply);
  });
});

async function run(msg: Extract<JobRequest, { id: number }>): Promise<Result<unknown>> {
  let input = msg.input;
  if (msg.json !== undefined) {
    // A large request body is parsed here, not on the request thread.
    try {
      input = msg.json.length ? JSON.parse(msg.json) : {};
    } catch {
      return { ok: false, error: new AppError('VALIDATION', 'De aanvraag is geen geldige JSON.').toApiError() };
    }
  }
  try {
    backend ??= openServerBackend(url, { poolSize });
    return await (await backend).dispatch(msg.method, input, msg.caller);
  } catch (e) {
    // The database could not be opened: tried again on the next call.
    backend = null;
    return { ok: false, error: (e instanceof AppError ? e : new AppError('INTERNAL', `Achtergrondproces: ${(e as Error).message}`)).toApiError() };
  }
}

async function close(): Promise<void> {
  while (running > 0) await new Promise((r) => setTimeout(r, 20));
  const b = await backend?.catch(() => null);
  await b?.close();
  process.exit(0);
}

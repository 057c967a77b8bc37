// Worker thread that writes documents (PDF, XLSX, CSV) one job at a time, so rendering a large report
// or list never holds up the thread that answers everyone else's requests: on the regional server a
// 500-client PDF takes about a second of processor time. Node only (worker_threads).
import { parentPort } from 'node:worker_threads';
import { type DocumentJob, type DocumentMessage, writeDocument } from './document-job';
import { lowerThisThreadPriority } from './thread-priority';

// Other people's requests first: this thread works in the background.
lowerThisThreadPriority();

/** A list export whose rows are still arriving, a slice at a time. */
let gathering: { id: number; job: Extract<DocumentJob, { kind: 'table-xlsx' }> } | null = null;

parentPort?.on('message', (msg: DocumentMessage) => {
  if ('job' in msg) {
    if (msg.more && msg.job.kind === 'table-xlsx') gathering = { id: msg.id, job: { ...msg.job, rows: [] } };
    else write(msg.id, msg.job);
    return;
  }
  if (!gathering || gathering.id !== msg.id) return;
  for (const row of msg.rows) gathering.job.rows.push(row);
  if (!msg.more) {
    const { id, job } = gathering;
    gathering = null;
    write(id, job);
  }
});

function write(id: number, job: DocumentJob): void {
  writeDocument(job).then(
    (bytes) => {
      // A copy of our own to hand over (a Buffer may be a view on a shared pool).
      const out = new Uint8Array(bytes.length);
      out.set(bytes);
      parentPort?.postMessage({ id, ok: true, bytes: out }, [out.buffer]);
    },
    (e: unknown) => parentPort?.postMessage({ id, ok: false, message: (e instanceof Error ? e.message : String(e)).slice(0, 500) }),
  );
}

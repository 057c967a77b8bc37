// Worker thread that writes documents (PDF, XLSX, CSV) one job at a time, so rendering a large report
// or list never holds up the thread that answers everyone else's requests: on the regional server a
// 500-client PDF takes about a second of processor time. Node only (worker_threads).
import { parentPort } from 'node:worker_threads';
import { type DocumentJob, writeDocument } from './document-job';
import { lowerThisThreadPriority } from './thread-priority';

// Other people's requests first: this thread works in the background.
lowerThisThreadPriority();

parentPort?.on('message', ({ id, job }: { id: number; job: DocumentJob }) => {
  writeDocument(job).then(
    (bytes) => {
      // A copy of our own to hand over (a Buffer may be a view on a shared pool).
      const out = new Uint8Array(bytes.length);
      out.set(bytes);
      parentPort?.postMessage({ id, ok: true, bytes: out }, [out.buffer]);
    },
    (e: unknown) => parentPort?.postMessage({ id, ok: false, message: (e instanceof Error ? e.message : String(e)).slice(0, 500) }),
  );
});

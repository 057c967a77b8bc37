// Worker thread that reads spreadsheet files (XLSX or CSV) into tables, one job at a time, so a
// crafted or huge file can at worst exhaust this worker's capped heap, never the host process.
// Node only (worker_threads).
import { parentPort } from 'node:worker_threads';
import { type TableLimits, TableFileError, readTable } from './table-read';

interface Job {
  id: number;
  fileName: string;
  bytes: Uint8Array;
  limits: TableLimits;
}

parentPort?.on('message', (job: Job) => {
  readTable(job.fileName, Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength), job.limits).then(
    (table) => parentPort?.postMessage({ id: job.id, ok: true, table }),
    (e: unknown) =>
      parentPort?.postMessage({
        id: job.id,
        ok: false,
        fileError: e instanceof TableFileError,
        message: (e instanceof Error ? e.message : String(e)).slice(0, 500),
      }),
  );
});

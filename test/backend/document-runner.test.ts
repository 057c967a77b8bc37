// Documents are written in a worker thread (workers/document-runner.ts), off the thread that answers
// requests: the same files as written in-process, a worker reused, no more writing at once than the
// cap, background priority, and a failure or a hang that ends as a clear error, never a stuck caller.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { threadNices } from '../fixtures/thread-nice';
import { renderReport } from '../../electron/backend/reports/render/render';
import { MAX_WRITING, documentWorkersStarted, writeDocumentInWorker } from '../../electron/backend/workers/document-runner';
import { SLICE } from '../../electron/backend/workers/slices';
import type { ReportDoc } from '../../shared/reports/report-doc';
import { mixedDoc, providerDoc } from './fixtures/report-docs';

/** The pages of a PDF (pdfkit writes one "/Type /Page" object per page). */
const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

/** Every sheet's values, row by row. */
async function sheets(xlsx: Buffer): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    out[ws.name] = rows;
  });
  return out;
}


describe('document worker', () => {
  it('writes the same report as in-process: CSV byte for byte, XLSX cell for cell, PDF page for page', async () => {
    const doc = providerDoc(500);
    const csv = await writeDocumentInWorker({ kind: 'report', doc, format: 'csv' });
    expect(csv.equals(await renderReport(doc, 'csv'))).toBe(true);
    const xlsx = await writeDocumentInWorker({ kind: 'report', doc: mixedDoc(), format: 'xlsx' });
    expect(await sheets(xlsx)).toEqual(await sheets(await renderReport(mixedDoc(), 'xlsx')));
    const pdf = await writeDocumentInWorker({ kind: 'report', doc, format: 'pdf' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages(pdf)).toBeGreaterThan(5);
    expect(pages(pdf)).toBe(pages(await renderReport(doc, 'pdf')));
  });

  it('writes a list export as XLSX with its notes sheet', async () => {
    const xlsx = await writeDocumentInWorker({
      kind: 'table-xlsx',
      sheetName: 'Kandidaten',
      headers: ['Code', 'Leeftijd'],
      rows: [
        [{ t: 'text', v: 'B-1' }, { t: 'int', v: 34 }],
        [{ t: 'text', v: 'B-2' }, null],
      ],
      notes: { title: 'Toelichting', headers: ['Let op'], rows: [['Twee kandidaten niet opgenomen.']] },
    });
    const s = await sheets(xlsx);
    expect(s.Kandidaten?.[0]).toEqual(['Code', 'Leeftijd']);
    expect(s.Kandidaten?.[1]).toEqual(['B-1', 34]);
    expect(s.Toelichting?.[1]).toEqual(['Twee kandidaten niet opgenomen.']);
  });

  it('a long list goes over in slices and arrives whole and in order', async () => {
    const n = 2 * SLICE + 7;
    const rows = Array.from({ length: n }, (_, i) => [{ t: 'text' as const, v: `B-${i}` }, { t: 'int' as const, v: i }]);
    const s = await sheets(await writeDocumentInWorker({ kind: 'table-xlsx', sheetName: 'Kandidaten', headers: ['Code', 'Nummer'], rows }));
    expect(s.Kandidaten).toHaveLength(n + 1);
    expect(s.Kandidaten?.slice(1)).toEqual(rows.map(([code, nr]) => [code!.v, nr!.v]));
  });

  it('keeps a worker for the next document, and never writes more than the cap at once', async () => {
    await writeDocumentInWorker({ kind: 'report', doc: mixedDoc(), format: 'csv' });
    const before = documentWorkersStarted();
    await writeDocumentInWorker({ kind: 'report', doc: mixedDoc(), format: 'csv' });
    expect(documentWorkersStarted()).toBe(before);
    // Eight at once: they wait their turn; each finished one hands its worker on.
    const many = await Promise.all(Array.from({ length: 8 }, () => writeDocumentInWorker({ kind: 'report', doc: providerDoc(60), format: 'pdf' })));
    expect(many.every((b) => b.subarray(0, 5).toString() === '%PDF-')).toBe(true);
    expect(documentWorkersStarted() - before).toBeLessThanOrEqual(MAX_WRITING - 1);
  });

  it.runIf(process.platform === 'linux')('writes at a lower priority than the threads that answer requests', async () => {
    const mine = threadNices()[0]!.nice;
    await writeDocumentInWorker({ kind: 'report', doc: mixedDoc(), format: 'csv' });
    // The worker waits for the next document: its thread is there, at nice 10 (or the process's own, if lower still).
    expect(threadNices().map((t) => t.nice)).toContain(Math.max(10, mine));
  });

  it('a document that cannot be written is a clear error, and the next one is written', async () => {
    const broken = { ...mixedDoc(), sections: null } as unknown as ReportDoc;
    await expect(writeDocumentInWorker({ kind: 'report', doc: broken, format: 'pdf' })).rejects.toThrow(/^Het document kon niet worden gemaakt: /);
    const ok = await writeDocumentInWorker({ kind: 'report', doc: mixedDoc(), format: 'pdf' });
    expect(ok.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('gives up a document that takes too long, ends its worker, and writes the next one', async () => {
    const started = documentWorkersStarted();
    await expect(writeDocumentInWorker({ kind: 'report', doc: providerDoc(3000), format: 'pdf' }, 20)).rejects.toThrow(/kon niet worden gemaakt: het duurde langer dan/);
    const ok = await writeDocumentInWorker({ kind: 'report', doc: mixedDoc(), format: 'csv' });
    expect(ok.length).toBeGreaterThan(0);
    // The hung worker was ended, not handed on: the next document needed a new one.
    expect(documentWorkersStarted()).toBeGreaterThan(started);
  });
});

// API handlers of the import feature: preview and commit of client/unit files, templates, and the
// list export in the same column layout (audited: every export is logged; a provider worker's export
// holds only their own clients whose consent covers their care provider). Node only.
import type { importMethods } from '../../../shared/api/import.contract';
import { AppError } from '../../../shared/api/result';
import type { Client } from '../../../shared/dataset/dataset.schema';
import { mayShareWith } from '../../../shared/domain/consent';
import { clientColumns } from '../../../shared/import/client-columns';
import { IMPORT_KIND_LABELS, type RefData } from '../../../shared/import/columns';
import type { HandlersFor } from '../api/dispatcher';
import {
  analyseFile,
  buildTable,
  exportFileName,
  exportRecords,
  loadRefData,
  problemPath,
  writeRecords,
} from '../import/register-import';
import { TableFileError } from '../import/table-io';
import { writeDocumentInWorker } from '../workers/document-runner';
import { mapInSlices } from '../workers/slices';
import { stampOf } from '../repos/versions.repo';
import { isoDay } from './region.service';

function decode(contentBase64: string, fileName: string): Buffer {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw new AppError('VALIDATION', `${fileName} is leeg.`, [{ path: fileName, message: 'het bestand is leeg' }]);
  return bytes;
}

/** Reads the file; an unreadable file is a VALIDATION error naming the file. */
async function analyse(...args: Parameters<typeof analyseFile>) {
  try {
    return await analyseFile(...args);
  } catch (e) {
    if (e instanceof TableFileError) throw new AppError('VALIDATION', e.message, [{ path: args[2], message: e.message }]);
    throw e;
  }
}

export const importHandlers: HandlersFor<typeof importMethods> = {
  'import.preview': async (ctx, input) => {
    const { preview } = await analyse(ctx.db, input.kind, input.fileName, decode(input.contentBase64, input.fileName), isoDay(ctx.now()));
    return preview;
  },

  'import.commit': async (ctx, input) => {
    // Checked again inside the transaction: the database may have changed since the preview.
    const analysis = await analyse(ctx.db, input.kind, input.fileName, decode(input.contentBase64, input.fileName), isoDay(ctx.now()));
    const { preview, toWrite } = analysis;
    const n = preview.problems.length;
    if (n > 0) {
      throw new AppError(
        'VALIDATION',
        `Import van ${input.fileName} afgekeurd (${n} ${n === 1 ? 'fout' : 'fouten'}); er is niets opgeslagen.`,
        preview.problems.map((p) => ({ path: problemPath(p), message: p.message })),
      );
    }
    await writeRecords(ctx.db, input.kind, analysis, stampOf(ctx));
    const { counts } = preview;
    await ctx.audit({
      action: 'import',
      entity: input.kind === 'clients' ? 'client' : 'unit',
      detail: {
        file: input.fileName,
        new: counts.new,
        changed: counts.changed,
        unchanged: counts.unchanged,
        ...(toWrite.length === 0 ? { note: 'niets gewijzigd' } : {}),
        ...(toWrite.length <= 50 ? { codes: toWrite.map((r) => r.id) } : {}),
      },
    });
    return { kind: input.kind, fileName: input.fileName, counts, written: toWrite.length };
  },

  'import.template': async (ctx, input) => {
    const today = isoDay(ctx.now());
    const ref = await loadRefData(ctx.db, today);
    const bytes = await buildTable(input.kind, input.format, [], ref, true);
    return { fileName: exportFileName(input.kind, input.format, today, true), contentBase64: bytes.toString('base64') };
  },

  'export.list': async (ctx, input) => {
    const today = isoDay(ctx.now());
    const ref = await loadRefData(ctx.db, today);
    let filters = input.filters ?? {};
    // A provider worker exports only their own care provider's clients, whatever the filter asks (the
    // dispatcher narrows it too; this holds when a host calls the handler some other way).
    const provider = ctx.user.role === 'provider' ? ctx.user.careProviderId : null;
    if (ctx.user.role === 'provider') {
      if (input.kind !== 'clients' || !provider) throw new AppError('FORBIDDEN', 'U kunt alleen de kandidatenlijst van uw eigen zorgaanbieder exporteren.');
      filters = { ...filters, careProviderIds: [provider] };
    }
    let records = await exportRecords(ctx.db, input.kind, filters, ref);
    // Consent: a provider worker gets a client's facts only while sharing them with this care provider
    // holds today (shared/domain/consent.ts); the others are left out, and the file says so.
    let withheld = 0;
    if (provider) {
      const kept = records.filter((r) => mayShareWith((r as Client).consents, 'care-provider', provider, today));
      withheld = records.length - kept.length;
      records = kept;
    }
    const note =
      withheld > 0
        ? `${withheld} ${withheld === 1 ? 'kandidaat staat' : 'kandidaten staan'} niet in dit bestand: voor ${withheld === 1 ? 'deze kandidaat' : 'hen'} geldt vandaag geen toestemming of grondslag om gegevens te delen met uw zorgaanbieder (${ref.careProviders.get(provider!) ?? provider}).`
        : null;
    const bytes =
      note && input.format === 'xlsx'
        ? await tableWithNote(records as Client[], ref, note)
        : await buildTable(input.kind, input.format, records, ref, false);
    // Privacy duty: every export is logged, with what and how much.
    await ctx.audit({
      action: 'export',
      entity: input.kind === 'clients' ? 'client' : 'unit',
      detail: { list: IMPORT_KIND_LABELS[input.kind], format: input.format, rows: records.length, filters, ...(withheld ? { withheldNoConsent: withheld } : {}) },
    });
    const fileName = exportFileName(input.kind, input.format, today);
    // CSV has no room for a note without breaking the import layout: the file name says it.
    return { fileName: withheld ? fileName.replace(/(\.[a-z]+)$/, `-${withheld}-zonder-toestemming$1`) : fileName, contentBase64: bytes.toString('base64') };
  },
};

/** The client list in the export layout with a second sheet 'Toelichting' that says what was left out. */
async function tableWithNote(records: Client[], ref: RefData, note: string): Promise<Buffer> {
  const columns = clientColumns(ref.readinessItems);
  return writeDocumentInWorker({
    kind: 'table-xlsx',
    sheetName: 'Kandidaten',
    headers: columns.map((c) => c.header),
    rows: await mapInSlices(records, (r) => columns.map((c) => c.write(r, ref))),
    notes: { title: 'Toelichting', headers: ['Let op'], rows: [[note]] },
  });
}

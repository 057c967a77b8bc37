// The client and unit import: reads a file, checks every row against the database (reference codes,
// duplicates, the current policy's readiness items), classifies it as new, changed, unchanged or
// error, warns about what is allowed but probably wrong (a complex in several neighbourhoods), and
// writes the new and changed rows. Also the export and the templates. Node only.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { ClientListInput, UnitListInput } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/result';
import type { ImportCounts, ImportKind, ImportPreview, ImportProblem } from '../../../shared/api/import.contract';
import { Client, Unit } from '../../../shared/dataset/dataset.schema';
import { complexSpreadMessage, complexesInSeveralNeighbourhoods, listNl } from '../../../shared/dataset/validate';
import { shorten } from '../../../shared/domain/primitives';
import { CellError, type OutCell, cellText } from '../../../shared/import/cells';
import { clientColumns, clientHeaderAliases, finishClient, newClientDraft } from '../../../shared/import/client-columns';
import { CODE_HEADER, type ColumnDef, IMPORT_KIND_LABELS, type RefData, matchHeaders, newRecordWithout } from '../../../shared/import/columns';
import { finishUnit, newUnitDraft, unitColumns } from '../../../shared/import/unit-columns';
import type { DB } from '../db/schema';
import { listClients, listUnits } from '../repos/lists.repo';
import { insertClient, readClients, rowToUnit, saveClient, saveUnit, unitToRow } from '../repos/region.repo';
import type { Stamp } from '../repos/versions.repo';
import { currentPolicy } from '../services/region.service';
import { readTableIsolated } from './read-table-isolated';
import { writeDocumentInWorker } from '../workers/document-runner';
import { mapInSlices } from '../workers/slices';
import { type Table, writeCsv } from './table-io';

export async function loadRefData(db: Kysely<DB>, today: string): Promise<RefData> {
  const [munis, nbhs, provs, corps, clients, policy] = await Promise.all([
    db.selectFrom('municipalities').select(['code', 'name']).execute(),
    db.selectFrom('neighbourhoods').select(['code', 'municipality_code']).execute(),
    db.selectFrom('care_providers').select(['id', 'name']).execute(),
    db.selectFrom('corporations').select(['id', 'name']).execute(),
    db.selectFrom('clients').select('id').execute(),
    currentPolicy(db, today),
  ]);
  return {
    today,
    municipalities: new Map(munis.map((m) => [m.code, m.name])),
    neighbourhoods: new Map(nbhs.map((n) => [n.code, n.municipality_code])),
    careProviders: new Map(provs.map((p) => [p.id, p.name])),
    corporations: new Map(corps.map((c) => [c.id, c.name])),
    clientIds: new Set(clients.map((c) => c.id)),
    readinessItems: policy?.settings.readinessItems ?? [],
  };
}

type Rec = Client | Unit;
interface KindSpec<T extends Rec> {
  columns(ref: RefData): ColumnDef<T>[];
  aliases(ref: RefData, cols: ColumnDef<T>[]): Map<string, ColumnDef<T>>;
  draft(id: string): T;
  finish(d: T, ref: RefData): [string, string][];
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } };
  readExisting(db: Kysely<DB>, ids: string[]): Promise<T[]>;
}

const CHUNK = 500;
async function inChunks<T>(ids: string[], read: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await read(ids.slice(i, i + CHUNK))));
  return out;
}

const clientSpec: KindSpec<Client> = {
  columns: (ref) => clientColumns(ref.readinessItems),
  aliases: (ref, cols) => clientHeaderAliases(ref.readinessItems, cols),
  draft: newClientDraft,
  finish: (d, ref) => finishClient(d, ref.today),
  schema: Client,
  readExisting: (db, ids) => inChunks(ids, (part) => readClients(db, part)),
};

const unitSpec: KindSpec<Unit> = {
  columns: () => unitColumns(),
  aliases: () => new Map(),
  draft: newUnitDraft,
  finish: (d, ref) => finishUnit(d, (code) => ref.neighbourhoods.get(code)),
  schema: Unit,
  readExisting: (db, ids) =>
    inChunks(ids, async (part) => (await db.selectFrom('units').selectAll().where('id', 'in', part).execute()).map(rowToUnit)),
};

export interface Analysis {
  preview: ImportPreview;
  /** The checked records to write (status new or changed). */
  toWrite: Rec[];
}

export const problemPath = (p: ImportProblem): string =>
  [p.row === null ? null : `rij ${p.row}${p.code ? ` (${p.code})` : ''}`, p.column === null ? null : `kolom ${p.column}`].filter(Boolean).join(', ') ||
  'bestand';

export async function analyseFile(db: Kysely<DB>, kind: ImportKind, fileName: string, bytes: Buffer, today: string): Promise<Analysis> {
  // In a worker with a memory cap: a crafted file must not take the host process down.
  const table = await readTableIsolated(fileName, bytes);
  const ref = await loadRefData(db, today);
  return kind === 'clients' ? analyse(db, clientSpec, kind, fileName, table, ref) : analyse(db, unitSpec, kind, fileName, table, ref);
}

async function analyse<T extends Rec>(
  db: Kysely<DB>,
  spec: KindSpec<T>,
  kind: ImportKind,
  fileName: string,
  table: Table,
  ref: RefData,
): Promise<Analysis> {
  const columns = spec.columns(ref);
  const match = matchHeaders(table.headers, columns, spec.aliases(ref, columns));
  const problems: ImportProblem[] = match.problems.map((p) => ({ row: 1, column: p.column, message: p.message }));
  const counts: ImportCounts = { new: 0, changed: 0, unchanged: 0, error: 0 };
  const empty = (): Analysis => ({ preview: { kind, fileName, rows: [], problems, warnings: [], counts }, toWrite: [] });
  if (problems.length) return empty();
  if (table.rows.length === 0) {
    problems.push({ row: null, column: null, message: `het bestand bevat geen ${IMPORT_KIND_LABELS[kind]} (alleen een kopregel)` });
    return empty();
  }

  const codeAt = match.byPosition.findIndex((c) => c?.header === CODE_HEADER);
  const codes = table.rows.map((r) => cellText(r.cells[codeAt] ?? null));
  const existing = new Map((await spec.readExisting(db, [...new Set(codes.filter((c) => c !== ''))])).map((r) => [r.id, r]));
  const fieldColumn = new Map<string, string>();
  for (const c of columns) for (const f of c.fields) fieldColumn.set(f, c.header);
  const firstRowOfCode = new Map<string, number>();
  const rows: ImportPreview['rows'] = [];
  const toWrite: Rec[] = [];
  /** Every row that reads as a record, whatever its status: what the register holds after the import. */
  const read: { row: number; rec: T }[] = [];

  table.rows.forEach((tr, idx) => {
    const before = problems.length;
    const add = (column: string | null, message: string) => problems.push({ row: tr.row, column, message });
    const code = codes[idx] ?? '';
    const old = code ? existing.get(code) : undefined;
    const draft: T = old ? structuredClone(old) : spec.draft(code);
    match.byPosition.forEach((col, i) => {
      const cell = tr.cells[i] ?? null;
      if (!col) {
        if (cell !== null && cellText(cell) !== '') add(`(kolom ${i + 1})`, `deze cel heeft geen kolomkop; waarde '${shorten(cellText(cell), 60)}' kan niet worden gelezen`);
        return;
      }
      if (typeof cell === 'string' && cell.startsWith('#FOUT')) {
        add(col.header, `de cel bevat een Excel-fout (${cell.slice(6) || 'onbekend'})`);
        return;
      }
      try {
        col.read(cell, draft, ref);
      } catch (e) {
        if (e instanceof CellError) add(col.header, e.message);
        else throw e;
      }
    });
    for (let i = match.byPosition.length; i < tr.cells.length; i++) {
      const cell = tr.cells[i] ?? null;
      if (cell !== null && cellText(cell) !== '') add(`(kolom ${i + 1})`, `deze cel heeft geen kolomkop; waarde '${shorten(cellText(cell), 60)}' kan niet worden gelezen`);
    }
    if (code !== '') {
      const first = firstRowOfCode.get(code);
      if (first !== undefined) add('Code', `code ${code} staat ook al in rij ${first}; elke code mag maar één keer voorkomen`);
      else firstRowOfCode.set(code, tr.row);
    }
    // A partial file (say Code and Huur) updates existing codes only: a new code needs every required column.
    if (!old && code !== '' && match.missingRequired.length > 0) {
      problems.push({ row: tr.row, column: null, code: shorten(code, 64), message: newRecordWithout(kind, match.missingRequired) });
    }
    let rec: T | null = null;
    if (problems.length === before) {
      for (const [column, message] of spec.finish(draft, ref)) add(column, message);
      const parsed = spec.schema.safeParse(draft);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const path = issue.path.map(String);
          let column: string | null = null;
          for (let n = path.length; n > 0 && column === null; n--) column = fieldColumn.get(path.slice(0, n).join('.')) ?? null;
          add(column, issue.message);
        }
      } else if (problems.length === before) {
        rec = parsed.data;
      }
    }
    if (rec) read.push({ row: tr.row, rec });
    if (!rec) {
      counts.error++;
      rows.push({ row: tr.row, code: code ? shorten(code, 64) : null, status: 'error', changedColumns: [] });
      return;
    }
    if (!old) {
      counts.new++;
      rows.push({ row: tr.row, code, status: 'new', changedColumns: [] });
      toWrite.push(rec);
      return;
    }
    if (JSON.stringify(rec) === JSON.stringify(old)) {
      counts.unchanged++;
      rows.push({ row: tr.row, code, status: 'unchanged', changedColumns: [] });
      return;
    }
    const changedColumns = columns
      .filter((c) => JSON.stringify(c.write(rec, ref)) !== JSON.stringify(c.write(old, ref)))
      .map((c) => c.header);
    counts.changed++;
    rows.push({ row: tr.row, code, status: 'changed', changedColumns });
    toWrite.push(rec);
  });
  const warnings = kind === 'units' ? await complexWarnings(db, read as { row: number; rec: Unit }[], new Set(codes), ref) : [];
  return { preview: { kind, fileName, rows, problems, warnings, counts }, toWrite };
}

/**
 * One complex (a corporation's building: corporation + complex text) in several neighbourhoods: a
 * warning on the file's first row of that complex, naming the corporation and the neighbourhoods by
 * name and every row, plus the stored units of that complex the file does not name (by code). Only
 * complexes the file touches are reported.
 */
async function complexWarnings(db: Kysely<DB>, read: { row: number; rec: Unit }[], fileCodes: Set<string>, ref: RefData): Promise<ImportProblem[]> {
  const texts = [...new Set(read.flatMap(({ rec }) => (rec.complex === null ? [] : [rec.complex])))];
  if (texts.length === 0) return [];
  const stored = await inChunks(texts, (part) =>
    db.selectFrom('units').select(['id', 'corporation_id', 'complex', 'neighbourhood_code']).where('complex', 'in', part).orderBy('id').execute(),
  );
  const members = [
    ...read.map(({ row, rec }) => ({ corporationId: rec.corporationId, complex: rec.complex, neighbourhoodCode: rec.neighbourhoodCode, row, code: null })),
    ...stored
      .filter((u) => !fileCodes.has(u.id))
      .map((u) => ({ corporationId: u.corporation_id, complex: u.complex, neighbourhoodCode: u.neighbourhood_code, row: null, code: u.id })),
  ];
  const spread = complexesInSeveralNeighbourhoods(members).filter((g) => g.byNeighbourhood.some((n) => n.members.some((m) => m.row !== null)));
  if (spread.length === 0) return [];
  const codes = [...new Set(spread.flatMap((g) => g.byNeighbourhood.flatMap((n) => (n.neighbourhoodCode === null ? [] : [n.neighbourhoodCode]))))];
  const names = new Map(
    (await inChunks(codes, (part) => db.selectFrom('neighbourhoods').select(['code', 'name', 'municipality_code']).where('code', 'in', part).execute())).map((n) => [
      n.code,
      { name: n.name, municipality: ref.municipalities.get(n.municipality_code) ?? n.municipality_code },
    ]),
  );
  return spread.map((g) => {
    const firstRow = Math.min(...g.byNeighbourhood.flatMap((n) => n.members.flatMap((m) => (m.row === null ? [] : [m.row]))));
    return {
      row: firstRow,
      column: 'Complex',
      code: null,
      message: complexSpreadMessage(
        { complex: g.complex, corporationName: ref.corporations.get(g.corporationId) ?? g.corporationId },
        g.byNeighbourhood.map((n) => {
          const rowsHere = n.members.flatMap((m) => (m.row === null ? [] : [m.row]));
          const storedHere = n.members.flatMap((m) => (m.code === null ? [] : [m.code]));
          const rowsPart = rowsHere.length ? `${rowsHere.length === 1 ? 'rij' : 'rijen'} ${listNl(rowsHere.map(String))}` : '';
          const storedPart = storedHere.length ? `${storedHere.length === 1 ? 'woning' : 'woningen'} ${listNl(storedHere)} (in het register)` : '';
          return {
            neighbourhood: n.neighbourhoodCode === null ? null : (names.get(n.neighbourhoodCode) ?? { name: n.neighbourhoodCode, municipality: '' }),
            // "rijen 2 en 3, en woning W-017 (in het register)": the comma keeps the two lists apart.
            where: [rowsPart, storedPart].filter(Boolean).join(rowsHere.length > 1 ? ', en ' : ' en '),
          };
        }),
      ),
    };
  });
}

/**
 * Writes checked records (call inside the mutation's transaction): new ones inserted, changed ones
 * replaced with their version raised (who and when in `stamp`), so a form opened before is refused.
 */
export async function writeRecords(db: Kysely<DB>, kind: ImportKind, analysis: Analysis, stamp: Stamp): Promise<void> {
  const created = new Set(analysis.preview.rows.filter((r) => r.status === 'new').map((r) => r.code));
  const fresh = analysis.toWrite.filter((r) => created.has(r.id));
  const changed = analysis.toWrite.filter((r) => !created.has(r.id));
  if (kind === 'clients') {
    // New codes are known not to exist: insert without the look-up saveClient does.
    for (const c of fresh) await insertClient(db, c as Client);
    for (const c of changed) await saveClient(db, c as Client, stamp);
    return;
  }
  const rows = fresh.map((u) => unitToRow(u as Unit));
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('units').values(rows.slice(i, i + 200)).execute();
  for (const u of changed) await saveUnit(db, u as Unit, stamp);
}

// ---------------------------------------------------------------- export and templates

const SHEET_NAMES: Record<ImportKind, string> = { clients: 'Kandidaten', units: 'Woningen' };

export function exportFileName(kind: ImportKind, format: 'xlsx' | 'csv', today: string, template = false): string {
  return `${template ? 'sjabloon-' : ''}${IMPORT_KIND_LABELS[kind]}${template ? '' : `-${today}`}.${format}`;
}

export async function buildTable(kind: ImportKind, format: 'xlsx' | 'csv', records: Rec[], ref: RefData, withNotes: boolean): Promise<Buffer> {
  const columns = (kind === 'clients' ? clientSpec.columns(ref) : unitSpec.columns(ref)) as ColumnDef<Rec>[];
  const headers = columns.map((c) => c.header);
  const rows: OutCell[][] = await mapInSlices(records, (r) => columns.map((c) => c.write(r, ref)));
  if (format === 'csv') return writeCsv(headers, rows);
  const notes = withNotes
    ? {
        title: 'Toelichting',
        headers: ['Kolom', 'Verplicht', 'Toegestane waarden en schrijfwijze', 'Voorbeeld'],
        rows: [
          ...columns.map((c) => [c.header, c.header === CODE_HEADER ? 'ja' : c.required ? 'ja, bij een nieuwe code' : 'nee', c.help, c.example]),
          [],
          ['Algemeen', '', GENERAL_NOTES, ''],
        ],
      }
    : undefined;
  // Off the request thread: 10,000 rows take exceljs a few seconds.
  return writeDocumentInWorker({ kind: 'table-xlsx', sheetName: SHEET_NAMES[kind], headers, rows, ...(notes ? { notes } : {}) });
}

const GENERAL_NOTES =
  'Eén rij per ' +
  'kandidaat of woning; rij 1 bevat de kolomkoppen (hoofdletters maken niet uit). Een bestaande code werkt de gegevens bij, ' +
  'een nieuwe code voegt toe. Alleen Code is altijd verplicht: een kolom die ontbreekt laat bij een bestaande code de ' +
  'huidige waarde staan (een bestand met alleen Code en Huur werkt alleen de huren bij); een nieuwe code heeft alle ' +
  'verplichte kolommen nodig. Een lege cel in een aanwezige kolom maakt de waarde leeg (of de genoemde standaard); in een ' +
  'verplichte kolom is een lege cel een fout. Lijsten scheidt u met een puntkomma (;). ' +
  'Bedragen met komma of punt (612,35). Datums als dd-mm-jjjj of jjjj-mm-dd. Toestemmingen, veto’s en eerdere ' +
  'weigeringen staan niet in dit bestand: die blijven bij bijwerken ongewijzigd. Bij een fout wordt niets opgeslagen.';

/** The list filters the export understands: the list methods' own (so the export matches the list), plus `status`. */
function listFilters<S extends z.ZodObject>(schema: S, filters: Record<string, unknown>): z.infer<S> {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    if (!['sortBy', 'sortDir', 'limit', 'offset'].includes(key) && filters[key] !== undefined) picked[key] = filters[key];
  }
  const status = filters.status;
  if (picked.statuses === undefined && status !== undefined && status !== '') picked.statuses = Array.isArray(status) ? status : [status];
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ path: ['filters', ...i.path.map(String)].join('.'), message: i.message }));
    throw new AppError('VALIDATION', `Ongeldig filter voor de export: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  }
  return parsed.data;
}

/** Every record of a kind the list shows with these filters, by code. */
export async function exportRecords(db: Kysely<DB>, kind: ImportKind, filters: Record<string, unknown>, ref: RefData): Promise<Rec[]> {
  const all = { limit: Number.MAX_SAFE_INTEGER, sortBy: 'id', sortDir: 'asc' } as const;
  if (kind === 'clients') {
    const input = listFilters(ClientListInput, filters);
    const { rows } = await listClients(db, { ...input, ...all }, ref.today, ref.readinessItems.map((r) => r.key));
    const byId = new Map((await clientSpec.readExisting(db, rows.map((r) => r.id))).map((c) => [c.id, c]));
    return rows.flatMap((r) => byId.get(r.id) ?? []);
  }
  const input = listFilters(UnitListInput, filters);
  const { rows } = await listUnits(db, { ...input, ...all });
  const byId = new Map((await unitSpec.readExisting(db, rows.map((r) => r.id))).map((u) => [u.id, u]));
  return rows.flatMap((r) => byId.get(r.id) ?? []);
}

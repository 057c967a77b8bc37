// The column layout shared by import, export and templates: what a column is, the reference data
// a row is checked against, and matching a file's headers to columns. Pure TypeScript.
import { type Cell, CellError, type OutCell, norm } from './cells';

export type ImportKind = 'clients' | 'units';
export const IMPORT_KIND_LABELS: Record<ImportKind, string> = { clients: 'kandidaten', units: 'woningen' };
/** One record of a kind, as in "nieuwe woning zonder 'Corporatie'". */
export const IMPORT_KIND_SINGULAR: Record<ImportKind, string> = { clients: 'kandidaat', units: 'woning' };
/** The column that identifies a record: the only one every file must have. */
export const CODE_HEADER = 'Code';

/** Reference data a row is checked against (read from the database before the rows). */
export interface RefData {
  /** YYYY-MM-DD: readiness confirmed by an import gets this date; birth dates must lie before it. */
  today: string;
  municipalities: Map<string, string>; // code -> name
  /** Neighbourhood code -> its municipality code. */
  neighbourhoods: Map<string, string>;
  careProviders: Map<string, string>; // id -> name
  corporations: Map<string, string>; // id -> name
  clientIds: Set<string>;
  readinessItems: { key: string; label: string }[];
}

export interface ColumnDef<T> {
  header: string;
  /**
   * A new code needs this column in the file; where the column is in the file, its cell must not be
   * empty (an existing code keeps its stored value when the column is left out).
   */
  required: boolean;
  /** Allowed values and cell syntax, for the template's "Toelichting" sheet and the docs. */
  help: string;
  example: string;
  /** Dotted field paths of the record this column fills (to put schema errors in the right column). */
  fields: string[];
  /** Reads the cell into the draft record; throws CellError with a reason. */
  read(cell: Cell, draft: T, ref: RefData): void;
  write(record: T, ref: RefData): OutCell;
}

export interface HeaderMatch<T> {
  /** Column per position in the file (null: the position has no usable header). */
  byPosition: (ColumnDef<T> | null)[];
  /** Required columns the file leaves out: a row with a new code cannot be made without them. */
  missingRequired: ColumnDef<T>[];
  problems: { column: string; message: string }[];
}

/**
 * Maps the file's header row to columns: unknown and doubled headers and a missing Code are problems.
 * Other required columns may be left out (a partial update); rows with new codes need them (missingRequired).
 */
export function matchHeaders<T>(headers: string[], columns: ColumnDef<T>[], aliases: Map<string, ColumnDef<T>> = new Map()): HeaderMatch<T> {
  const byKey = new Map<string, ColumnDef<T>>(aliases);
  for (const c of columns) byKey.set(norm(c.header), c);
  const problems: HeaderMatch<T>['problems'] = [];
  const seen = new Map<ColumnDef<T>, number>();
  const byPosition = headers.map((h, i) => {
    const label = h.trim();
    if (label === '') return null;
    const col = byKey.get(norm(label));
    if (!col) {
      problems.push({ column: label, message: `onbekende kolom '${label}'; gebruik de kolomkoppen uit het sjabloon` });
      return null;
    }
    const first = seen.get(col);
    if (first !== undefined) {
      problems.push({ column: label, message: `kolom '${col.header}' staat twee keer in de kopregel (kolom ${first + 1} en ${i + 1})` });
      return null;
    }
    seen.set(col, i);
    return col;
  });
  const missingRequired = columns.filter((c) => c.required && !seen.has(c));
  for (const c of missingRequired) {
    if (c.header === CODE_HEADER) problems.push({ column: c.header, message: `verplichte kolom '${c.header}' ontbreekt in de kopregel` });
  }
  return { byPosition, missingRequired: missingRequired.filter((c) => c.header !== CODE_HEADER), problems };
}

/** The problem of a row with a new code in a file without some required columns: "nieuwe woning zonder 'Corporatie' en 'Huur'". */
export function newRecordWithout(kind: ImportKind, missing: { header: string }[]): string {
  const names = missing.map((c) => `'${c.header}'`);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}` : (names[0] ?? '');
  return `nieuwe ${IMPORT_KIND_SINGULAR[kind]} zonder ${list}`;
}

/** Reads a required cell: empty is an error. */
export function required(cell: Cell): Cell {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) throw new CellError('is verplicht maar leeg');
  return cell;
}

/** Municipality code that exists in the region. */
export function checkMunicipality(code: string, ref: RefData): string {
  const c = code.trim().toUpperCase();
  if (!/^GM\d{4}$/.test(c)) throw new CellError(`'${code}' is geen CBS-gemeentecode (zoals GM0034)`);
  if (!ref.municipalities.has(c)) throw new CellError(`gemeentecode ${c} is onbekend in deze regio`);
  return c;
}

/** Neighbourhood code that exists, and (when given) lies in the municipality. */
export function checkNeighbourhood(code: string, ref: RefData, municipality?: string): string {
  const c = code.trim().toUpperCase();
  if (!/^BU\d{8}$/.test(c)) throw new CellError(`'${code}' is geen CBS-buurtcode (zoals BU00340101)`);
  const owner = ref.neighbourhoods.get(c);
  if (owner === undefined) throw new CellError(`buurtcode ${c} is onbekend in deze regio`);
  if (municipality !== undefined && owner !== municipality) {
    throw new CellError(`buurt ${c} ligt in ${owner}, niet in ${municipality}`);
  }
  return c;
}

/** An organisation by id or (case-insensitively) by its exact name. */
export function checkOrganisation(value: string, list: Map<string, string>, what: string): string {
  const v = value.trim();
  if (list.has(v)) return v;
  const byName = [...list].filter(([, name]) => norm(name) === norm(v));
  if (byName.length === 1 && byName[0]) return byName[0][0];
  throw new CellError(`'${v}' is geen bekende ${what} (gebruik de code, bijvoorbeeld ${[...list.keys()].slice(0, 2).join(' of ') || '—'})`);
}

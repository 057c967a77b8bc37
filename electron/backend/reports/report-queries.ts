// Query helpers of the care provider's and the corporation's report (reports.provider,
// reports.corporation): the period, the pairs of a round's latest proposal, consents and names of
// organisations, and the small pieces that turn definitions into ReportDoc sections. Node only.
import { jsonArrayItems, jsonItemText } from '../db/dialect';
import { type Kysely, sql } from 'kysely';
import { AppError } from '../../../shared/api/result';
import type { ConsentRecord } from '../../../shared/domain/consent';
import { ConsentParty, LegalBasis } from '../../../shared/domain/codes';
import type { Cell, FigureDef, ReportColumn, ReportFigure, ReportRow, ReportSection, RowCells } from '../../../shared/reports/report-doc';
import type { DB } from '../db/schema';
import { addMonths } from '../repos/rounds.repo';
import { isoDay } from '../services/region.service';
import type { ReportContext } from './report-context';

export interface Period {
  from: string;
  to: string;
}

/** Today in the report's clock ('yyyy-mm-dd'). */
export const todayOf = (ctx: ReportContext): string => isoDay(ctx.now());

/** The day after `day` ('yyyy-mm-dd'). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The period a report covers, both ends inclusive: as asked, or by default the last 12 months to
 * today. A period that ends before it starts is refused with a clear message.
 */
export function reportPeriod(ctx: ReportContext, from: string | undefined, to: string | undefined): Period {
  const end = to ?? todayOf(ctx);
  const start = from ?? nextDay(addMonths(end, -12));
  if (start > end) throw new AppError('VALIDATION', `Periode: de begindatum (${start}) ligt na de einddatum (${end}); kies een begin voor het einde.`);
  return { from: start, to: end };
}

/** The name of a care provider or corporation, or NOT_FOUND in Dutch. */
export async function organisationName(db: Kysely<DB>, table: 'care_providers' | 'corporations', id: string): Promise<string> {
  const row = await db.selectFrom(table).select('name').where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `${table === 'care_providers' ? 'Zorgaanbieder' : 'Corporatie'} ${id} bestaat niet.`);
  return row.name;
}

/** Who made the document, for its header: the person's display name ("Anna de Vries"), as every screen names them. */
export const generatedBy = (ctx: ReportContext): string => ctx.user.displayName.trim() || ctx.user.name;

/** A pair of a round's latest proposal version. */
export interface ProposalPair {
  roundId: number;
  clientId: string;
  unitId: string;
}

/**
 * The pairs of the latest proposal version of the rounds `roundFilter` selects (a SQL condition on
 * rounds `r`), read from the stored proposal in SQL (json_each, jsonb_array_elements: dialect.ts; no proposal is parsed in JS).
 */
export async function latestProposalPairs(
  db: Kysely<DB>,
  roundFilter: ReturnType<typeof sql<boolean>>,
  pairFilter: ReturnType<typeof sql<boolean>> = sql<boolean>`1 = 1`,
): Promise<ProposalPair[]> {
  const { rows } = await sql<{ round_id: number; client_id: string; unit_id: string }>`
    select p.round_id, p.client_id, p.unit_id from (
      select v.round_id, ${jsonItemText(db, 'm', 'clientId')} as client_id, ${jsonItemText(db, 'm', 'unitId')} as unit_id
      from rounds r
      join round_versions v on v.round_id = r.id
        and v.version = (select max(v2.version) from round_versions v2 where v2.round_id = r.id)
      cross join ${jsonArrayItems(db, sql`v.proposal_json`, 'matches', 'm')}
      where ${roundFilter}
    ) p
    where ${pairFilter}`.execute(db);
  return rows.map((r) => ({ roundId: r.round_id, clientId: r.client_id, unitId: r.unit_id }));
}

/** The consent records of the clients a subquery selects, per client, in their order. */
export async function consentsOf(db: Kysely<DB>, clientIds: readonly string[]): Promise<Map<string, ConsentRecord[]>> {
  const out = new Map<string, ConsentRecord[]>();
  if (!clientIds.length) return out;
  const rows = await db
    .selectFrom('client_consents')
    .select(['client_id', 'party', 'party_id', 'basis', 'given', 'date'])
    .where('client_id', 'in', [...new Set(clientIds)])
    .orderBy('client_id')
    .orderBy('seq')
    .execute();
  for (const r of rows) {
    const party = ConsentParty.safeParse(r.party);
    const basis = LegalBasis.safeParse(r.basis);
    if (!party.success || !basis.success) continue;
    const list = out.get(r.client_id) ?? [];
    list.push({ party: party.data, partyId: r.party_id, basis: basis.data, given: r.given === 1, date: r.date });
    out.set(r.client_id, list);
  }
  return out;
}

/** The median of numbers (the mean of the middle two for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * A figures section from the definitions and the values by key. With `prefixKeys` each figure's key
 * starts with the section's ("proposal.placed"), for papers with several sections of the same figures.
 */
export function figuresSection(
  section: { key: string; title: string; note?: string },
  defs: readonly FigureDef[],
  values: Record<string, Cell>,
  { prefixKeys = false }: { prefixKeys?: boolean } = {},
): ReportSection {
  const figures: ReportFigure[] = defs.map((d) => ({
    key: prefixKeys ? `${section.key}.${d.key}` : d.key,
    label: d.label,
    type: d.type,
    value: values[d.key] ?? null,
    ...(d.hint ? { hint: d.hint } : {}),
  }));
  return { kind: 'figures', key: section.key, title: section.title, ...(section.note ? { note: section.note } : {}), figures };
}

/** A table section from the definitions and typed rows; `note` replaces the definition's note. */
export function tableSection<C extends readonly ReportColumn[]>(
  section: { key: string; title: string; note?: string },
  columns: C,
  rows: { key: string; cells: RowCells<C> }[],
  note?: string,
): ReportSection {
  const text = note ?? section.note;
  return {
    kind: 'table',
    key: section.key,
    title: section.title,
    ...(text ? { note: text } : {}),
    columns: columns.map((c) => ({ ...c })),
    rows: rows.map((r): ReportRow => ({ key: r.key, cells: r.cells })),
  };
}

// monitor.rows: the rows behind one monitor figure — (section, row key, column key) with the same
// filters — as pseudonymous rows: client codes (or "— (verwijderd)"), dates, municipalities, never a
// name, note or area to avoid. The first 2,000 rows and the total. Node only (backend).
import { dbKind } from '../db/dialect';
import { type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { MonitorRows, MonitorRowsInput } from '../../../shared/api/reports.contract';
import { AppError } from '../../../shared/api/result';
import { DECLINE_REASON_LABELS } from '../../../shared/api/rounds.contract';
import { CLIENT_GROUPS, UNIT_KIND_LABELS } from '../../../shared/domain/codes';
import {
  DAYS_PER_MONTH,
  DECLINE_PARTIES,
  DECLINE_ROW_COLUMNS,
  FIELD_SECTIONS,
  type FieldSectionKey,
  MONITOR_ROWS_LIMIT,
  MONITOR_SECTION_KEYS,
  PLACEMENT_ROW_COLUMNS,
  PLACEMENT_ROW_EXTRAS,
  REMOVED_CLIENT,
  SUMMARY,
  TABLE_SECTIONS,
  WAITING_ROW_COLUMNS,
  monthLabel,
  quarterLabel,
} from '../../../shared/reports/definitions/monitor';
import type { Cell, ReportRow } from '../../../shared/reports/report-doc';
import { addMonths } from '../repos/rounds.repo';
import { currentPolicy, isoDay } from '../services/region.service';
import {
  type Cond,
  DECLINE_PARTY,
  DECLINE_REASON,
  fieldExpr,
  handoverDaysExpr,
  waitedDays,
  type MonitorScope,
  type Names,
  addDays,
  allOf,
  anyOf,
  between,
  declineConds,
  dueDate,
  dueWindow,
  eq,
  loadWindow,
  omklapWindow,
  placementConds,
  readNames,
  resolveScope,
  round1,
  waitingConds,
} from './monitor-queries';
import type { ReportContext } from './report-context';

type Input = z.infer<typeof MonitorRowsInput>;

/** What a placement cell selects: its conditions, the extra columns it shows, and the words for the title. */
interface PlacementCell {
  kind: 'placements';
  conds: Cond[];
  extra: 'handover' | 'sustained' | 'omklap' | null;
  /** The check month, for the sustained rows. */
  month?: number;
  labels: string[];
}
interface WaitingCell {
  kind: 'waiting';
  conds: Cond[];
  labels: string[];
}
interface DeclineCell {
  kind: 'declines';
  conds: Cond[];
  labels: string[];
}
type CellSpec = PlacementCell | WaitingCell | DeclineCell;

function unknownRow(sectionTitle: string, rowKey: string): AppError {
  return new AppError('VALIDATION', `Monitor: de rij '${rowKey}' bestaat niet in '${sectionTitle}'.`, [{ path: 'rowKey', message: 'onbekende rij' }]);
}

const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);
const monthEnd = (ym: string) => addDays(addMonths(`${ym}-01`, 1), -1);

/** The cell's conditions and labels, section by section, as the monitor report counts it. */
async function cellSpec(ctx: ReportContext, s: MonitorScope, names: Names, input: Input): Promise<CellSpec> {
  const { section } = input;
  const rowKey = input.rowKey;
  const columnKey = input.columnKey;
  const title = section === SUMMARY.key ? SUMMARY.title : (TABLE_SECTIONS.find((t) => t.key === section)?.title ?? section);
  const period = { from: s.from, to: s.to };
  const isMunicipality = (code: string | undefined): code is string => code !== undefined && names.municipalities.some((m) => m.code === code);
  const destColumn = (): { conds: Cond[]; labels: string[] } =>
    isMunicipality(columnKey) ? { conds: [eq('p.destination_municipality_code', columnKey)], labels: [names.municipality(columnKey)] } : { conds: [], labels: [] };
  const placements = (conds: Cond[], labels: string[], extra: PlacementCell['extra'] = null, month?: number): PlacementCell => ({
    kind: 'placements',
    conds,
    extra,
    labels: [title, ...labels],
    ...(month !== undefined ? { month } : {}),
  });
  const withReady = sql<SqlBool>`p.ready_date is not null`;

  switch (section) {
    case SUMMARY.key: {
      const key = rowKey ?? 'placed';
      if (key === 'placed') return placements(placementConds(s, period), [SUMMARY.figures.placed.label]);
      if (key === 'waiting') return { kind: 'waiting', conds: [], labels: [title, SUMMARY.figures.waiting.label] };
      if (key === 'declines') return { kind: 'declines', conds: [], labels: [title, SUMMARY.figures.declines.label] };
      if (key === 'handover-median' || key === 'handover-within') return placements([...placementConds(s, period), withReady], ['Plaatsingen met een woonrijpdatum'], 'handover');
      if (key === 'sustained-12') return sustainedCell(s, 12, 'checked', placements);
      throw unknownRow(title, key);
    }
    case 'outflow-month': {
      const conds = placementConds(s, period);
      const labels: string[] = [];
      if (rowKey !== undefined) {
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(rowKey)) throw unknownRow(title, rowKey);
        conds.push(between('p.date', max(s.from, `${rowKey}-01`), min(s.to, monthEnd(rowKey))));
        labels.push(monthLabel(rowKey));
      }
      const col = destColumn();
      return placements([...conds, ...col.conds], [...labels, ...col.labels]);
    }
    case 'outflow-quarter': {
      const conds = placementConds(s, period);
      const labels: string[] = [];
      if (rowKey !== undefined) {
        const m = /^(\d{4})-K([1-4])$/.exec(rowKey);
        if (!m) throw unknownRow(title, rowKey);
        const first = `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}`;
        conds.push(between('p.date', max(s.from, `${first}-01`), min(s.to, monthEnd(addMonths(`${first}-01`, 2).slice(0, 7)))));
        labels.push(quarterLabel(rowKey));
      }
      const col = destColumn();
      return placements([...conds, ...col.conds], [...labels, ...col.labels]);
    }
    case 'outflow-agreed': {
      if (rowKey === undefined) return placements(placementConds(s, period), []);
      if (!isMunicipality(rowKey)) throw unknownRow(title, rowKey);
      return placements([...placementConds(s, period), eq('p.destination_municipality_code', rowKey)], [names.municipality(rowKey)]);
    }
    case 'quota': {
      const firstYear = Number(s.from.slice(0, 4));
      const lastYear = Number(s.to.slice(0, 4));
      if (rowKey === undefined) {
        return placements([...placementConds(s, { from: `${firstYear}-01-01`, to: `${lastYear}-12-31` }), sql<SqlBool>`p.corporation_id is not null`], []);
      }
      const [corp, muni, year] = rowKey.split('|');
      if (!corp || !isMunicipality(muni) || !/^\d{4}$/.test(year ?? '')) throw unknownRow(title, rowKey);
      return placements(
        [...placementConds(s, { from: `${year}-01-01`, to: `${year}-12-31` }), eq('p.corporation_id', corp), eq('p.destination_municipality_code', muni)],
        [names.corporation(corp), names.municipality(muni), String(year)],
      );
    }
    case 'handover': {
      const conds = [...placementConds(s, period), withReady];
      if (rowKey === undefined || rowKey === 'total') return placements(conds, ['Alle plaatsingen'], 'handover');
      const [dim, value] = rowKey.split(':');
      if (dim === 'municipality' && isMunicipality(value)) return placements([...conds, eq('p.destination_municipality_code', value)], [names.municipality(value)], 'handover');
      if (dim === 'group' && (CLIENT_GROUPS as readonly string[]).includes(value ?? '')) return placements([...conds, eq('p.target_group', value!)], [names.group(value!)], 'handover');
      throw unknownRow(title, rowKey);
    }
    case 'waiting': {
      if (rowKey === undefined) return { kind: 'waiting', conds: [], labels: [title] };
      const [provider, group] = rowKey.split('|');
      if (!provider || !group) throw unknownRow(title, rowKey);
      return { kind: 'waiting', conds: [eq('c.care_provider_id', provider), eq('c.target_group', group)], labels: [title, names.provider(provider), names.group(group)] };
    }
    case 'declines': {
      if (rowKey === undefined) return { kind: 'declines', conds: [], labels: [title] };
      const [party, reason] = rowKey.split('|');
      const partyDef = DECLINE_PARTIES.find((p) => p.key === party);
      if (!partyDef || !reason || !(reason in DECLINE_REASON_LABELS)) throw unknownRow(title, rowKey);
      return {
        kind: 'declines',
        conds: [sql<SqlBool>`${DECLINE_PARTY} = ${party}`, sql<SqlBool>`${DECLINE_REASON} = ${reason}`],
        labels: [title, partyDef.label, DECLINE_REASON_LABELS[reason as keyof typeof DECLINE_REASON_LABELS]],
      };
    }
    case 'exchange': {
      const conds = placementConds(s, period, 'either');
      if (rowKey === undefined) return placements(conds, []);
      if (!isMunicipality(rowKey)) throw unknownRow(title, rowKey);
      const from = `uit ${names.municipality(rowKey)}`;
      if (columnKey === 'out') return placements([...conds, eq('p.origin_municipality_code', rowKey), sql<SqlBool>`p.destination_municipality_code <> ${rowKey}`], [from, 'naar andere gemeenten']);
      if (columnKey === 'in') return placements([...conds, eq('p.destination_municipality_code', rowKey), sql<SqlBool>`p.origin_municipality_code <> ${rowKey}`], [`naar ${names.municipality(rowKey)}`, 'uit andere gemeenten']);
      if (columnKey === 'balance') {
        return placements(
          [...conds, sql<SqlBool>`(p.origin_municipality_code = ${rowKey}) <> (p.destination_municipality_code = ${rowKey})`],
          [`${names.municipality(rowKey)}: in en uit`],
        );
      }
      const col = isMunicipality(columnKey) ? [eq('p.destination_municipality_code', columnKey)] : [];
      return placements([...conds, eq('p.origin_municipality_code', rowKey), ...col], [from, ...(isMunicipality(columnKey) ? [`naar ${names.municipality(columnKey)}`] : [])]);
    }
    case 'load': {
      const policy = await currentPolicy(ctx.db, s.today);
      const window = loadWindow(s, policy?.settings.caps.periodMonths ?? 3);
      const conds = placementConds(s, window);
      if (rowKey === undefined) return placements(conds, []);
      if (rowKey.startsWith('nbh:')) {
        const code = rowKey.slice(4);
        return placements([...conds, eq('p.neighbourhood_code', code)], [names.neighbourhood(code)]);
      }
      const m = /^complex:([^|]+)\|([^|]+)\|(.+)$/.exec(rowKey);
      if (!m) throw unknownRow(title, rowKey);
      const [, dest, nbh, complex] = m as unknown as [string, string, string, string];
      return placements(
        [...conds, eq('p.destination_municipality_code', dest), nbh === '-' ? sql<SqlBool>`p.neighbourhood_code is null` : eq('p.neighbourhood_code', nbh), eq('p.complex', complex)],
        [complex],
      );
    }
    case 'sustained': {
      const month = Number(rowKey ?? '12');
      if (![6, 12, 24].includes(month)) throw unknownRow(title, rowKey ?? '');
      return sustainedCell(s, month, columnKey, placements);
    }
    case 'omklap': {
      const w = omklapWindow(s);
      const conds = placementConds(s, null);
      let from = w.from;
      let to = w.to;
      const labels: string[] = [];
      if (rowKey !== undefined) {
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(rowKey)) throw unknownRow(title, rowKey);
        from = max(w.from, `${rowKey}-01`);
        to = min(w.to, monthEnd(rowKey));
        labels.push(monthLabel(rowKey));
      }
      if (columnKey === 'review') return placements([...conds, between('p.review_date', from, to)], [...labels, 'omklapdatum'], 'omklap');
      if (columnKey === 'transfer') return placements([...conds, between('p.lease_transfer_date', from, to)], [...labels, 'huurcontract op eigen naam'], 'omklap');
      return placements([...conds, anyOf([between('p.review_date', from, to), between('p.lease_transfer_date', from, to)])], labels, 'omklap');
    }
    default: {
      const field = FIELD_SECTIONS.find((f) => f.key === section);
      if (!field) {
        throw new AppError('VALIDATION', `Monitor: onderdeel '${section}' bestaat niet; kies uit ${MONITOR_SECTION_KEYS.join(', ')}.`, [{ path: 'section', message: 'onbekend onderdeel' }]);
      }
      const conds = placementConds(s, period);
      if (rowKey === undefined) return placements(conds, []);
      const category = (field.categories as readonly { key: string; label: string }[]).find((c) => c.key === rowKey);
      if (!category) throw unknownRow(title, rowKey);
      return placements([...conds, sql<SqlBool>`${fieldExpr(s, field.key as FieldSectionKey)} = ${rowKey}`], [category.label]);
    }
  }
}

function sustainedCell(s: MonitorScope, month: number, columnKey: string | undefined, make: (conds: Cond[], labels: string[], extra: PlacementCell['extra'], month?: number) => PlacementCell): PlacementCell {
  const w = dueWindow(s);
  const conds = [...placementConds(s, null), between(dueDate(s, month), w.from, w.to)];
  const label = `na ${month} maanden`;
  switch (columnKey) {
    case 'checked':
    case 'share':
      return make([...conds, sql<SqlBool>`k.placement_id is not null`], [label, 'gecontroleerd'], 'sustained', month);
    case 'housed':
      return make([...conds, sql<SqlBool>`k.still_housed = 1`], [label, 'nog gehuisvest'], 'sustained', month);
    case 'relapse':
      return make([...conds, sql<SqlBool>`k.relapse = 1`], [label, 'terugval'], 'sustained', month);
    default:
      return make(conds, [label, 'te controleren'], 'sustained', month);
  }
}

const yesNo = (v: number | null | undefined): Cell => (v === null || v === undefined ? null : v ? 'Ja' : 'Nee');
const kindLabel = (k: string | null | undefined): Cell => (k ? (UNIT_KIND_LABELS[k as keyof typeof UNIT_KIND_LABELS] ?? null) : null);
const months = (days: number | null | undefined): Cell => (days === null || days === undefined ? null : round1(Number(days) / DAYS_PER_MONTH));

async function placementRows(ctx: ReportContext, s: MonitorScope, names: Names, cell: PlacementCell): Promise<{ rows: ReportRow[]; total: number }> {
  const month = cell.month ?? 12;
  const base = () =>
    ctx.db
      .selectFrom('placements as p')
      .leftJoin('placement_checks as k', (j) => j.onRef('k.placement_id', '=', 'p.id').on('k.month', '=', month))
      .where(allOf(cell.conds));
  const [rows, count] = await Promise.all([
    base()
      .select([
        'p.id',
        'p.client_id',
        'p.date',
        'p.origin_municipality_code',
        'p.destination_municipality_code',
        'p.neighbourhood_code',
        'p.corporation_id',
        'p.target_group',
        'p.unit_kind',
        'p.ready_date',
        'p.move_in_date',
        'p.review_date',
        'p.lease_transfer_date',
        handoverDaysExpr(s).as('days'),
        dueDate(s, month).as('due'),
        'k.checked_at',
        'k.still_housed',
        'k.relapse',
      ])
      .orderBy('p.date')
      .orderBy('p.id')
      .limit(MONITOR_ROWS_LIMIT)
      .execute(),
    base().select(sql<number>`count(*)`.as('n')).executeTakeFirst(),
  ]);
  return {
    total: Number(count?.n ?? 0),
    rows: rows.map((r) => {
      const cells: Record<string, Cell> = {
        code: r.client_id ?? REMOVED_CLIENT,
        date: r.date,
        origin: names.municipality(r.origin_municipality_code),
        destination: names.municipality(r.destination_municipality_code),
        neighbourhood: r.neighbourhood_code ? names.neighbourhood(r.neighbourhood_code) : null,
        corporation: r.corporation_id ? names.corporation(r.corporation_id) : null,
        group: r.target_group ? names.group(r.target_group) : null,
        kind: kindLabel(r.unit_kind),
        ready: r.ready_date ?? null,
        moveIn: r.move_in_date ?? null,
      };
      if (cell.extra === 'handover') cells.months = months(r.days);
      if (cell.extra === 'sustained') Object.assign(cells, { due: r.due, checkedAt: r.checked_at ?? null, housed: yesNo(r.still_housed), relapse: yesNo(r.relapse) });
      if (cell.extra === 'omklap') Object.assign(cells, { review: r.review_date ?? null, transfer: r.lease_transfer_date ?? null });
      return { key: r.id, cells };
    }),
  };
}

async function waitingRows(ctx: ReportContext, s: MonitorScope, names: Names, cell: WaitingCell): Promise<{ rows: ReportRow[]; total: number }> {
  const policy = await currentPolicy(ctx.db, s.today);
  const items = policy?.settings.readinessItems.map((i) => i.key) ?? [];
  const where = allOf([...waitingConds(s, items), ...cell.conds]);
  const days = waitedDays(s);
  const [rows, count] = await Promise.all([
    ctx.db
      .selectFrom('clients as c')
      .select(['c.id', 'c.care_provider_id', 'c.target_group', 'c.origin_municipality_code', 'c.ready_date', days.as('days')])
      .where(where)
      .orderBy(sql`c.ready_date is null`)
      .orderBy('c.ready_date')
      .orderBy('c.id')
      .limit(MONITOR_ROWS_LIMIT)
      .execute(),
    ctx.db.selectFrom('clients as c').select(sql<number>`count(*)`.as('n')).where(where).executeTakeFirst(),
  ]);
  return {
    total: Number(count?.n ?? 0),
    rows: rows.map((r) => ({
      key: r.id,
      cells: {
        code: r.id,
        provider: names.provider(r.care_provider_id),
        group: names.group(r.target_group),
        origin: names.municipality(r.origin_municipality_code),
        ready: r.ready_date,
        months: months(r.days),
      },
    })),
  };
}

async function declineRows(ctx: ReportContext, s: MonitorScope, cell: DeclineCell): Promise<{ rows: ReportRow[]; total: number }> {
  const base = () =>
    ctx.db
      .selectFrom('round_decisions as d')
      .leftJoin('units as u', 'u.id', 'd.unit_id')
      .leftJoin('clients as c', 'c.id', 'd.client_id')
      .where(allOf([...declineConds(s), ...cell.conds]));
  const [rows, count] = await Promise.all([
    base()
      .select(['d.round_id', 'd.decided_at', 'd.client_id', 'd.unit_id', 'd.decided_by', DECLINE_PARTY.as('party'), DECLINE_REASON.as('reason')])
      .orderBy('d.decided_at')
      .orderBy('d.round_id')
      .orderBy('d.client_id')
      .limit(MONITOR_ROWS_LIMIT)
      .execute(),
    base().select(sql<number>`count(*)`.as('n')).executeTakeFirst(),
  ]);
  return {
    total: Number(count?.n ?? 0),
    rows: rows.map((r) => ({
      key: `${r.round_id}|${r.client_id}|${r.unit_id}`,
      cells: {
        round: r.round_id,
        date: isoDay(new Date(r.decided_at)),
        code: r.client_id,
        unit: r.unit_id,
        party: DECLINE_PARTIES.find((p) => p.key === r.party)?.label ?? null,
        reason: DECLINE_REASON_LABELS[r.reason as keyof typeof DECLINE_REASON_LABELS] ?? null,
        recordedBy: r.decided_by,
      },
    })),
  };
}

export async function monitorRows(ctx: ReportContext, input: Input): Promise<MonitorRows> {
  const s = resolveScope(input.filters, isoDay(ctx.now()), dbKind(ctx.db));
  const names = await readNames(ctx.db);
  const cell = await cellSpec(ctx, s, names, input);
  const title = cell.labels.length > 1 ? `${cell.labels[0]}: ${cell.labels.slice(1).join(', ')}` : cell.labels[0]!;
  if (cell.kind === 'waiting') return { title, columns: WAITING_ROW_COLUMNS, ...(await waitingRows(ctx, s, names, cell)) };
  if (cell.kind === 'declines') return { title, columns: DECLINE_ROW_COLUMNS, ...(await declineRows(ctx, s, cell)) };
  const extra = cell.extra ? PLACEMENT_ROW_EXTRAS[cell.extra]! : [];
  return { title, columns: [...PLACEMENT_ROW_COLUMNS, ...extra], ...(await placementRows(ctx, s, names, cell)) };
}

// The regional monitor (issue 11, item 4): one ReportDoc with the key figures and every section —
// outflow per month and quarter, against the agreements, quota realisation, woonrijp to key, the waiting
// list, declines, exchange, load, sustained housing, omklap dates and the seeds' monitor fields — built
// from grouped, indexed queries (monitor-queries.ts). The service applies the small-number rule. Node only.
import { dbKind } from '../db/dialect';
import type { z } from 'zod';
import type { MonitorReportInput } from '../../../shared/api/reports.contract';
import { AppError } from '../../../shared/api/result';
import { DECLINE_REASON_LABELS } from '../../../shared/api/rounds.contract';
import { CLIENT_GROUPS, CLIENT_GROUP_LABELS } from '../../../shared/domain/codes';
import {
  AGREED_SECTION,
  DAYS_PER_MONTH,
  DECLINE_PARTIES,
  DECLINES_SECTION,
  EXCHANGE_SECTION,
  FIELD_SECTIONS,
  HANDOVER_SECTION,
  LOAD_SECTION,
  MONITOR_PRIVACY,
  MONITOR_TITLE,
  MONTH_SECTION,
  type MonitorSectionDef,
  OMKLAP_SECTION,
  QUARTER_SECTION,
  QUOTA_SECTION,
  SUMMARY,
  SUSTAINED_SECTION,
  WAITING_SECTION,
  fieldSection,
  monthLabel,
  municipalityColumns,
  quarterKeyOf,
  quarterLabel,
} from '../../../shared/reports/definitions/monitor';
import { formatPeriod } from '../../../shared/reports/format-nl';
import type { Cell, ReportDoc, ReportFigure, ReportRow, ReportSection, TableSection } from '../../../shared/reports/report-doc';
import { readRegion } from '../repos/region.repo';
import { currentPolicy, isoDay } from '../services/region.service';
import {
  type MonitorScope,
  type Names,
  declineCounts,
  exchangeCounts,
  fieldCounts,
  handoverDays,
  loadCounts,
  loadWindow,
  monthsBetween,
  monthsPerYear,
  omklapCounts,
  omklapWindow,
  percent,
  placedByCorporationYear,
  placedByMonth,
  quantile,
  quotasOf,
  readNames,
  resolveScope,
  round1,
  sustainedCounts,
  waitingDays,
} from './monitor-queries';
import type { ReportContext } from './report-context';
import { generatedBy } from './report-queries';

export const SUSTAINED_MONTHS = [6, 12, 24] as const;

const months = (days: number | null) => (days === null ? null : round1(days / DAYS_PER_MONTH));

function table(def: MonitorSectionDef, rows: ReportRow[], extra: { columns?: TableSection['columns']; series?: string[]; note?: string } = {}): TableSection {
  return {
    kind: 'table',
    key: def.key,
    title: def.title,
    note: extra.note ?? def.note,
    columns: extra.columns ?? def.columns,
    rows,
    ...(def.chart ? { chart: { ...def.chart, series: extra.series ?? def.chart.series } } : {}),
    drill: true,
  };
}

const row = (key: string, cells: Record<string, Cell>): ReportRow => ({ key, cells });

/** Checks every code in the filters against the register, so a typo is named instead of giving empty figures. */
async function requireKnown(ctx: ReportContext, s: MonitorScope, names: Names): Promise<void> {
  const known = {
    municipality: new Set(names.municipalities.map((m) => m.code)),
    corporation: new Set((await ctx.db.selectFrom('corporations').select('id').execute()).map((r) => r.id)),
    provider: new Set((await ctx.db.selectFrom('care_providers').select('id').execute()).map((r) => r.id)),
  };
  const problems: { path: string; message: string }[] = [];
  const check = (list: string[], set: Set<string>, path: string, what: string) => {
    list.forEach((code, i) => {
      if (!set.has(code)) problems.push({ path: `filters.${path}[${i}]`, message: `${what} ${code} bestaat niet` });
    });
  };
  check(s.municipalityCodes, known.municipality, 'municipalityCodes', 'gemeente');
  check(s.corporationIds, known.corporation, 'corporationIds', 'corporatie');
  check(s.careProviderIds, known.provider, 'careProviderIds', 'zorgaanbieder');
  if (problems.length) throw new AppError('VALIDATION', `Monitor: onbekend filter — ${problems.map((p) => p.message).join('; ')}.`, problems);
}

/** The filters in words for the header. */
function filterWords(s: MonitorScope, names: Names): string[] {
  const out: string[] = [];
  const list = (label: string, xs: string[], name: (x: string) => string) => {
    if (xs.length) out.push(`${label}: ${xs.map(name).sort((a, b) => a.localeCompare(b, 'nl')).join(', ')}`);
  };
  list('Gemeente', s.municipalityCodes, names.municipality);
  list('Corporatie', s.corporationIds, names.corporation);
  list('Zorgaanbieder', s.careProviderIds, names.provider);
  list('Doelgroep', s.groups, names.group);
  return out;
}

export async function buildMonitorReport(ctx: ReportContext, input: z.infer<typeof MonitorReportInput>): Promise<ReportDoc> {
  const today = isoDay(ctx.now());
  const s = resolveScope(input.filters, today, dbKind(ctx.db));
  const names = await readNames(ctx.db);
  await requireKnown(ctx, s, names);
  const policy = await currentPolicy(ctx.db, today);
  const items = policy?.settings.readinessItems.map((i) => i.key) ?? [];
  const targetMonths = policy?.settings.reports.handoverTargetMonths ?? 3;
  const caps = policy?.settings.caps ?? { periodMonths: 3, perNeighbourhood: 0, perComplex: 0 };
  const region = await readRegion(ctx.db);
  const firstYear = Number(s.from.slice(0, 4));
  const lastYear = Number(s.to.slice(0, 4));
  const muniCols = s.municipalityCodes.length ? names.municipalities.filter((m) => s.municipalityCodes.includes(m.code)) : names.municipalities;
  const window = loadWindow(s, caps.periodMonths);

  const [byMonth, byCorpYear, quotas, handover, waiting, declines, exchange, load, omklap] = await Promise.all([
    placedByMonth(ctx.db, s),
    placedByCorporationYear(ctx.db, s, firstYear, lastYear),
    quotasOf(ctx.db, s, firstYear, lastYear),
    handoverDays(ctx.db, s),
    waitingDays(ctx.db, s, items),
    declineCounts(ctx.db, s),
    exchangeCounts(ctx.db, s),
    loadCounts(ctx.db, s, window),
    omklapCounts(ctx.db, s),
  ]);
  const sustained = await Promise.all(SUSTAINED_MONTHS.map((m) => sustainedCounts(ctx.db, s, m)));
  const fields = await Promise.all(FIELD_SECTIONS.map((f) => fieldCounts(ctx.db, s, f.key)));

  // Outflow per month and quarter: every month of the period, a column per municipality.
  const cellOf = new Map<string, number>();
  for (const r of byMonth) cellOf.set(`${r.ym}|${r.dest}`, (cellOf.get(`${r.ym}|${r.dest}`) ?? 0) + r.n);
  const periodMonths = monthsBetween(s.from, s.to);
  const flowRow = (key: string, label: string, yms: string[]) => {
    const cells: Record<string, Cell> = { label };
    let total = 0;
    for (const m of muniCols) {
      const v = yms.reduce((a, ym) => a + (cellOf.get(`${ym}|${m.code}`) ?? 0), 0);
      cells[m.code] = v;
      total += v;
    }
    cells.total = total;
    return row(key, cells);
  };
  const monthRows = periodMonths.map((ym) => flowRow(ym, monthLabel(ym), [ym]));
  const quarters = [...new Set(periodMonths.map(quarterKeyOf))];
  const quarterRows = quarters.map((q) => flowRow(q, quarterLabel(q), periodMonths.filter((ym) => quarterKeyOf(ym) === q)));
  const flowColumns = (def: MonitorSectionDef) => [def.columns[0]!, ...municipalityColumns(muniCols), ...def.columns.slice(1)];
  const series = muniCols.map((m) => m.code);
  const placedTotal = byMonth.reduce((a, r) => a + r.n, 0);

  // Against the agreements: quotas pro rata to the months of the period in each year.
  const share = monthsPerYear(s.from, s.to);
  const placedByMuni = new Map<string, number>();
  for (const r of byMonth) placedByMuni.set(r.dest, (placedByMuni.get(r.dest) ?? 0) + r.n);
  const agreedByMuni = new Map<string, number>();
  for (const q of quotas) agreedByMuni.set(q.dest, (agreedByMuni.get(q.dest) ?? 0) + (q.agreed * (share.get(q.year) ?? 0)) / 12);
  const agreedRows = muniCols.map((m) => {
    const placed = placedByMuni.get(m.code) ?? 0;
    const agreed = agreedByMuni.get(m.code) ?? 0;
    return row(m.code, { municipality: m.name, placed, agreed: round1(agreed), realisation: agreed > 0 ? round1((placed / agreed) * 100) : null });
  });

  // Quota realisation per corporation × municipality × year.
  const quotaKeys = new Map<string, { corp: string; dest: string; year: number; agreed: number | null; realised: number }>();
  for (const q of quotas) quotaKeys.set(`${q.corp}|${q.dest}|${q.year}`, { corp: q.corp, dest: q.dest, year: q.year, agreed: q.agreed, realised: 0 });
  for (const r of byCorpYear) {
    const key = `${r.corp}|${r.dest}|${r.year}`;
    const entry = quotaKeys.get(key) ?? { corp: r.corp, dest: r.dest, year: r.year, agreed: null, realised: 0 };
    entry.realised += r.n;
    quotaKeys.set(key, entry);
  }
  const quotaRows = [...quotaKeys.entries()]
    .map(([key, q]) => ({ key, q, corp: names.corporation(q.corp), muni: names.municipality(q.dest) }))
    .sort((a, b) => a.corp.localeCompare(b.corp, 'nl') || a.muni.localeCompare(b.muni, 'nl') || a.q.year - b.q.year)
    .map(({ key, q, corp, muni }) =>
      row(key, {
        corporation: corp,
        municipality: muni,
        year: q.year,
        agreed: q.agreed,
        realised: q.realised,
        remaining: q.agreed === null ? null : q.agreed - q.realised,
        realisation: q.agreed ? percent(q.realised, q.agreed) : null,
      }),
    );

  // Woonrijp to key: per home municipality, per group, and all.
  const targetDays = targetMonths * DAYS_PER_MONTH;
  const handoverRow = (key: string, dimension: string, label: string, days: number[]) =>
    row(key, {
      dimension,
      label,
      count: days.length,
      median: months(quantile(days, 0.5)),
      p25: months(quantile(days, 0.25)),
      p75: months(quantile(days, 0.75)),
      within: percent(days.filter((d) => d <= targetDays).length, days.length),
    });
  const allDays = handover.map((h) => h.days);
  const handoverRows = [
    ...muniCols.map((m) => handoverRow(`municipality:${m.code}`, 'Gemeente', m.name, handover.filter((h) => h.dest === m.code).map((h) => h.days))),
    ...CLIENT_GROUPS.filter((g) => !s.groups.length || s.groups.includes(g)).map((g) =>
      handoverRow(`group:${g}`, 'Doelgroep', CLIENT_GROUP_LABELS[g], handover.filter((h) => h.group === g).map((h) => h.days)),
    ),
    handoverRow('total', 'Totaal', 'Alle plaatsingen', allDays),
  ];

  // Waiting now, per provider × group (only combinations with someone waiting).
  const waitingGroups = new Map<string, { provider: string; group: string; days: number[]; count: number }>();
  for (const w of waiting) {
    const key = `${w.provider}|${w.group}`;
    const e = waitingGroups.get(key) ?? { provider: w.provider, group: w.group, days: [], count: 0 };
    e.count++;
    if (w.days !== null) e.days.push(w.days);
    waitingGroups.set(key, e);
  }
  const waitingRows = [...waitingGroups.entries()]
    .map(([key, e]) => ({ key, e, provider: names.provider(e.provider), group: names.group(e.group) }))
    .sort((a, b) => a.provider.localeCompare(b.provider, 'nl') || CLIENT_GROUPS.indexOf(a.e.group as never) - CLIENT_GROUPS.indexOf(b.e.group as never))
    .map(({ key, e, provider, group }) =>
      row(key, { provider, group, count: e.count, median: months(quantile(e.days, 0.5)), longest: months(e.days.length ? e.days[e.days.length - 1]! : null) }),
    );

  // Declines by party and reason: every combination the rule can give, zero included.
  const declineOf = new Map(declines.map((d) => [`${d.party}|${d.reason}`, d.n]));
  const declineRows = [
    row('client|client-refused', { party: DECLINE_PARTIES[0].label, reason: DECLINE_REASON_LABELS['client-refused'], count: declineOf.get('client|client-refused') ?? 0 }),
    ...(['rent-debt', 'landlord-statement', 'liveability', 'other'] as const).map((r) =>
      row(`corporation|${r}`, { party: DECLINE_PARTIES[1].label, reason: DECLINE_REASON_LABELS[r], count: declineOf.get(`corporation|${r}`) ?? 0 }),
    ),
  ];
  const declinesTotal = declines.reduce((a, d) => a + d.n, 0);

  // Exchange: origin × destination over every municipality of the region.
  const pair = new Map(exchange.map((e) => [`${e.origin}|${e.dest}`, e.n]));
  const exchangeRows = names.municipalities.map((o) => {
    const cells: Record<string, Cell> = { origin: o.name };
    let out = 0;
    let inn = 0;
    for (const d of names.municipalities) {
      const v = pair.get(`${o.code}|${d.code}`) ?? 0;
      cells[d.code] = v;
      if (d.code !== o.code) {
        out += v;
        inn += pair.get(`${d.code}|${o.code}`) ?? 0;
      }
    }
    Object.assign(cells, { out, in: inn, balance: inn - out });
    return row(o.code, cells);
  });

  // Load over the cap period: every neighbourhood, then the complexes with placements.
  const nbhById = new Map(names.neighbourhoods.map((nb) => [nb.code, nb]));
  const nbhRows = names.neighbourhoods
    .filter((nb) => !s.municipalityCodes.length || s.municipalityCodes.includes(nb.municipality_code))
    .map((nb) => ({ nb, muni: names.municipality(nb.municipality_code) }))
    .sort((a, b) => a.muni.localeCompare(b.muni, 'nl') || a.nb.name.localeCompare(b.nb.name, 'nl'))
    .map(({ nb, muni }) =>
      row(`nbh:${nb.code}`, {
        level: 'Buurt',
        municipality: muni,
        neighbourhood: nb.name,
        complex: null,
        count: load.byNeighbourhood.get(nb.code) ?? 0,
        cap: caps.perNeighbourhood,
        socialRent: nb.social_rent_share === null ? null : round1(nb.social_rent_share * 100),
        liveability: nb.liveability_class,
      }),
    );
  const complexRows = load.byComplex
    .map((c) => ({ c, muni: names.municipality(c.dest) }))
    .sort((a, b) => b.c.n - a.c.n || a.muni.localeCompare(b.muni, 'nl') || a.c.complex.localeCompare(b.c.complex, 'nl'))
    .map(({ c, muni }) => {
      const nb = c.nbh ? nbhById.get(c.nbh) : undefined;
      return row(`complex:${c.dest}|${c.nbh ?? '-'}|${c.complex}`, {
        level: 'Complex',
        municipality: muni,
        neighbourhood: nb?.name ?? null,
        complex: c.complex,
        count: c.n,
        cap: caps.perComplex,
        socialRent: nb?.social_rent_share == null ? null : round1(nb.social_rent_share * 100),
        liveability: nb?.liveability_class ?? null,
      });
    });

  // Sustained housing per check month.
  const sustainedRows = SUSTAINED_MONTHS.map((m, i) => {
    const c = sustained[i]!;
    return row(String(m), { label: `Na ${m} maanden`, due: c.due, checked: c.checked, housed: c.housed, share: percent(c.housed, c.checked), relapse: c.relapse });
  });

  // Omklap dates ahead: every month of the next 12 months.
  const ow = omklapWindow(s);
  const omklapRows = monthsBetween(ow.from, ow.to).map((ym) => {
    const review = omklap.review.get(ym) ?? 0;
    const transfer = omklap.transfer.get(ym) ?? 0;
    return row(ym, { label: monthLabel(ym), review, transfer, total: review + transfer });
  });

  // The seeds' monitor fields.
  const fieldSections = FIELD_SECTIONS.map((f, i) => {
    const counts = fields[i]!;
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    return table(
      fieldSection(f.key),
      f.categories.map((c) => {
        const v = counts.get(c.key) ?? 0;
        return row(c.key, { category: c.label, count: v, share: percent(v, total) });
      }),
    );
  });

  const handoverAll = handoverRows.at(-1)!.cells;
  const figure = (def: Omit<ReportFigure, 'value'>, value: Cell, basis?: Cell): ReportFigure => ({ ...def, value, ...(typeof basis === 'number' ? { basis } : {}) });
  const summary: ReportSection = {
    kind: 'figures',
    key: SUMMARY.key,
    title: SUMMARY.title,
    note: SUMMARY.note,
    figures: [
      figure(SUMMARY.figures.placed, placedTotal),
      figure(SUMMARY.figures.waiting, waiting.length),
      figure(SUMMARY.figures.handoverMedian, handoverAll.median ?? null, handoverAll.count),
      figure({ ...SUMMARY.figures.handoverWithin, label: `Sleutel binnen ${targetMonths} ${targetMonths === 1 ? 'maand' : 'maanden'}` }, handoverAll.within ?? null, handoverAll.count),
      figure(SUMMARY.figures.declines, declinesTotal),
      figure(SUMMARY.figures.sustained12, sustainedRows[1]!.cells.share ?? null, sustainedRows[1]!.cells.checked),
    ],
  };

  const loadNote = `${LOAD_SECTION.note} Capperiode: ${caps.periodMonths} ${caps.periodMonths === 1 ? 'maand' : 'maanden'}, ${formatPeriod(window)}.`;
  return {
    report: 'monitor',
    title: MONITOR_TITLE,
    subject: region ? region.name : 'Regio',
    period: { from: s.from, to: s.to },
    filters: filterWords(s, names),
    generatedAt: ctx.now().toISOString(),
    generatedBy: generatedBy(ctx),
    privacy: MONITOR_PRIVACY,
    smallNumbers: null,
    clients: 0,
    sections: [
      summary,
      table(MONTH_SECTION, monthRows, { columns: flowColumns(MONTH_SECTION), series }),
      table(QUARTER_SECTION, quarterRows, { columns: flowColumns(QUARTER_SECTION), series }),
      table(AGREED_SECTION, agreedRows),
      table(QUOTA_SECTION, quotaRows),
      table(HANDOVER_SECTION, handoverRows, { note: `${HANDOVER_SECTION.note} Norm uit het beleid: ${targetMonths} ${targetMonths === 1 ? 'maand' : 'maanden'}.` }),
      table(WAITING_SECTION, waitingRows),
      table(DECLINES_SECTION, declineRows),
      table(EXCHANGE_SECTION, exchangeRows, {
        columns: [EXCHANGE_SECTION.columns[0]!, ...municipalityColumns(names.municipalities), ...EXCHANGE_SECTION.columns.slice(1)],
        series: names.municipalities.map((m) => m.code),
      }),
      table(LOAD_SECTION, [...nbhRows, ...complexRows], { note: loadNote }),
      table(SUSTAINED_SECTION, sustainedRows),
      table(OMKLAP_SECTION, omklapRows),
      ...fieldSections,
    ],
  };
}

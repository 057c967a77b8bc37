// "The figures are right": the regional monitor over two years of real history (fixtures/history.ts),
// every cell of every section checked against a count made here independently — plain SQL reads of
// the tables and a hand count in JavaScript — unfiltered and with filters, plus the small-number rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/backend';
import { buildReport } from '../../electron/backend/services/reports.service';
import type { MonitorFilters } from '../../shared/api/reports.contract';
import type { Result } from '../../shared/api/result';
import type { SessionUser } from '../../shared/auth/roles';
import { chairUser } from '../../shared/auth/system-user';
import type { Cell, ReportDoc, ReportRow, TableSection } from '../../shared/reports/report-doc';
import { type HistoryFacts, historyBackend } from './fixtures/history';
import { row as sqlRow, rows as sqlRows, run as sqlRun } from '../pg/sql';
import { FIXED_NOW, call } from './helpers';
import { tableOf } from './report-doc-reading';

let b: Backend;
let facts: HistoryFacts;

beforeAll(async () => {
  ({ b, facts } = await historyBackend());
}, 240_000);
afterAll(async () => {
  await b?.close();
});

// ---------------------------------------------------------------------------------------------
// The independent count: raw rows read with plain statements, counted by hand.

const TODAY = FIXED_NOW.toISOString().slice(0, 10);
const MONTH_DAYS = 365.25 / 12;
const MONTHS_NL = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const GROUPS = ['BW', 'MO', 'VO', 'YOUTH', 'FORENSIC'];
const GROUP_NAMES: Record<string, string> = {
  BW: 'Beschermd wonen',
  MO: 'Maatschappelijke opvang',
  VO: 'Vrouwenopvang',
  YOUTH: 'Jongeren (18-23)',
  FORENSIC: 'Forensische nazorg',
};

interface P {
  id: string;
  client_id: string | null;
  date: string;
  origin_municipality_code: string;
  destination_municipality_code: string;
  neighbourhood_code: string | null;
  complex: string | null;
  corporation_id: string | null;
  move_in_date: string | null;
  review_date: string | null;
  lease_transfer_date: string | null;
  target_group: string | null;
  gender: string | null;
  age: number | null;
  adults: number | null;
  children: number | null;
  care_provider_id: string | null;
  support_intensity: string | null;
  funding_frame: string | null;
  ready_date: string | null;
  care_since: string | null;
}

/** Calendar arithmetic by hand (UTC dates): months added, the day clamped to the month's last. */
function plusMonths(d: string, months: number): string {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7)) - 1 + months;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  const dd = Math.min(Number(d.slice(8, 10)), last);
  return `${yy}-${String(mm + 1).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}
const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const daysFromTo = (a: string, b2: string) => (Date.parse(`${b2}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
const r1 = (x: number) => Math.round(x * 10) / 10;
const pct = (a: number, whole: number) => (whole === 0 ? null : r1((100 * a) / whole));
function pctile(values: number[], q: number): number | null {
  const v = [...values].sort((x, y) => x - y);
  if (!v.length) return null;
  const pos = q * (v.length - 1);
  const below = v[Math.floor(pos)]!;
  const above = v[Math.ceil(pos)]!;
  return below + (above - below) * (pos - Math.floor(pos));
}
const toMonths = (days: number | null) => (days === null ? null : r1(days / MONTH_DAYS));
const byName = (a: string, b2: string) => a.localeCompare(b2, 'nl');

interface Expected {
  figures: Record<string, Cell>;
  sections: Record<string, { key: string; cells: Record<string, Cell> }[]>;
}

/** The whole monitor as this test counts it, for one set of filters. */
async function countByHand(f: MonitorFilters): Promise<Expected> {
  const all = <T>(q: string) => sqlRows<T>(b, q);
  const placements = await all<P>('select * from placements');
  const checks = await all<{ placement_id: string; month: number; still_housed: number; relapse: number }>('select placement_id, month, still_housed, relapse from placement_checks');
  const decisions = await all<{ client_id: string; unit_id: string; decision: string; decline_reason: string | null; client_answer: string; decided_at: string }>(
    'select client_id, unit_id, decision, decline_reason, client_answer, decided_at from round_decisions',
  );
  const units = new Map((await all<{ id: string; municipality_code: string; corporation_id: string }>('select id, municipality_code, corporation_id from units')).map((u) => [u.id, u]));
  const clients = await all<{ id: string; status: string; origin_municipality_code: string; care_provider_id: string; target_group: string; ready_date: string | null }>(
    'select id, status, origin_municipality_code, care_provider_id, target_group, ready_date from clients',
  );
  const clientById = new Map(clients.map((c) => [c.id, c]));
  const readiness = await all<{ client_id: string; item: string; done: number }>('select client_id, item, done from client_readiness');
  const quotas = await all<{ corporation_id: string; municipality_code: string; year: number; agreed: number }>('select corporation_id, municipality_code, year, agreed from quotas');
  const munis = await all<{ code: string; name: string }>('select code, name from municipalities');
  const nbhs = await all<{ code: string; name: string; municipality_code: string; social_rent_share: number | null; liveability_class: number | null }>('select * from neighbourhoods');
  const corpName = new Map((await all<{ id: string; name: string }>('select id, name from corporations')).map((c) => [c.id, c.name]));
  const provName = new Map((await all<{ id: string; name: string }>('select id, name from care_providers')).map((c) => [c.id, c.name]));
  const policyRow = (await all<{ valid_from: string; settings_json: string }>('select valid_from, settings_json from policy_profiles'))
    .filter((p) => p.valid_from <= TODAY)
    .sort((x, y) => y.valid_from.localeCompare(x.valid_from))[0]!;
  const policy = JSON.parse(policyRow.settings_json) as {
    readinessItems: { key: string }[];
    caps: { periodMonths: number; perNeighbourhood: number; perComplex: number };
    reports?: { handoverTargetMonths: number };
  };
  const target = policy.reports?.handoverTargetMonths ?? 3;
  const muniName = new Map(munis.map((m) => [m.code, m.name]));
  const nbhByCode = new Map(nbhs.map((n) => [n.code, n]));

  const to = f.to ?? TODAY;
  const from = f.from ?? plusDays(plusMonths(to, -12), 1);
  const M = f.municipalityCodes ?? [];
  const C = f.corporationIds ?? [];
  const V = f.careProviderIds ?? [];
  const G = f.groups ?? [];
  const has = (list: readonly string[], v: string | null) => list.length === 0 || (v !== null && list.includes(v));
  const facts = (p: P) => has(C, p.corporation_id) && has(V, p.care_provider_id) && has(G, p.target_group);
  const placedFilter = (p: P) => facts(p) && has(M, p.destination_municipality_code);
  const inside = (d: string | null, a: string, z: string) => d !== null && d >= a && d <= z;
  const inPeriod = placements.filter((p) => inside(p.date, from, to) && placedFilter(p));
  const cols = munis.filter((m) => has(M, m.code)).sort((x, y) => byName(x.name, y.name));
  const allMunis = [...munis].sort((x, y) => byName(x.name, y.name));
  const sections: Expected['sections'] = {};

  // Month and quarter rows.
  const months: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = plusMonths(`${m}-01`, 1).slice(0, 7)) months.push(m);
  const flow = (key: string, label: string, ms: string[]) => {
    const cells: Record<string, Cell> = { label };
    for (const m of cols) cells[m.code] = inPeriod.filter((p) => ms.includes(p.date.slice(0, 7)) && p.destination_municipality_code === m.code).length;
    cells.total = inPeriod.filter((p) => ms.includes(p.date.slice(0, 7))).length;
    return { key, cells };
  };
  sections['outflow-month'] = months.map((m) => flow(m, `${MONTHS_NL[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`, [m]));
  const quarterOf = (m: string) => `${m.slice(0, 4)}-K${Math.ceil(Number(m.slice(5)) / 3)}`;
  const quarters = [...new Set(months.map(quarterOf))];
  sections['outflow-quarter'] = quarters.map((q) => flow(q, `${q.slice(5)} ${q.slice(0, 4)}`, months.filter((m) => quarterOf(m) === q)));

  // Against the agreements: the period's days counted per month, each month's days / days of that month added to its year.
  const daysIn = new Map<string, number>();
  for (let d = from; d <= to; d = plusDays(d, 1)) daysIn.set(d.slice(0, 7), (daysIn.get(d.slice(0, 7)) ?? 0) + 1);
  const monthShare = new Map<number, number>();
  for (const [ym, n] of daysIn) {
    const y = Number(ym.slice(0, 4));
    const dim = new Date(Date.UTC(y, Number(ym.slice(5, 7)), 0)).getUTCDate();
    monthShare.set(y, (monthShare.get(y) ?? 0) + n / dim);
  }
  sections['outflow-agreed'] = cols.map((m) => {
    const placed = inPeriod.filter((p) => p.destination_municipality_code === m.code).length;
    const agreed = quotas
      .filter((q) => q.municipality_code === m.code && has(C, q.corporation_id))
      .reduce((sum, q) => sum + (q.agreed * (monthShare.get(q.year) ?? 0)) / 12, 0);
    return { key: m.code, cells: { municipality: m.name, placed, agreed: r1(agreed), realisation: agreed > 0 ? r1((100 * placed) / agreed) : null } };
  });

  // Quota per corporation × municipality × whole year.
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push(y);
  const qkeys = new Set<string>();
  for (const q of quotas) if (years.includes(q.year) && has(M, q.municipality_code) && has(C, q.corporation_id)) qkeys.add(`${q.corporation_id}|${q.municipality_code}|${q.year}`);
  for (const p of placements) if (p.corporation_id && years.includes(Number(p.date.slice(0, 4))) && placedFilter(p)) qkeys.add(`${p.corporation_id}|${p.destination_municipality_code}|${p.date.slice(0, 4)}`);
  sections.quota = [...qkeys]
    .map((key) => {
      const [corp, muni, y] = key.split('|') as [string, string, string];
      const q = quotas.find((x) => x.corporation_id === corp && x.municipality_code === muni && x.year === Number(y));
      const realised = placements.filter((p) => p.corporation_id === corp && p.destination_municipality_code === muni && p.date.startsWith(`${y}-`) && placedFilter(p)).length;
      const agreed = q ? q.agreed : null;
      return {
        key,
        cells: {
          corporation: corpName.get(corp)!,
          municipality: muniName.get(muni)!,
          year: Number(y),
          agreed,
          realised,
          remaining: agreed === null ? null : agreed - realised,
          realisation: agreed ? r1((100 * realised) / agreed) : null,
        } as Record<string, Cell>,
      };
    })
    .sort((x, y) => byName(x.cells.corporation as string, y.cells.corporation as string) || byName(x.cells.municipality as string, y.cells.municipality as string) || (x.cells.year as number) - (y.cells.year as number));

  // Woonrijp to key.
  const handoverOf = (p: P) => Math.max(0, daysFromTo(p.ready_date!, p.move_in_date ?? p.date));
  const withReady = inPeriod.filter((p) => p.ready_date !== null);
  const hrow = (key: string, dimension: string, label: string, list: P[]) => {
    const days = list.map(handoverOf);
    return {
      key,
      cells: {
        dimension,
        label,
        count: days.length,
        median: toMonths(pctile(days, 0.5)),
        p25: toMonths(pctile(days, 0.25)),
        p75: toMonths(pctile(days, 0.75)),
        within: pct(days.filter((d) => d / MONTH_DAYS <= target).length, days.length),
      } as Record<string, Cell>,
    };
  };
  sections.handover = [
    ...cols.map((m) => hrow(`municipality:${m.code}`, 'Gemeente', m.name, withReady.filter((p) => p.destination_municipality_code === m.code))),
    ...GROUPS.filter((g) => has(G, g)).map((g) => hrow(`group:${g}`, 'Doelgroep', GROUP_NAMES[g]!, withReady.filter((p) => p.target_group === g))),
    hrow('total', 'Totaal', 'Alle plaatsingen', withReady),
  ];

  // Waiting now.
  const items = policy.readinessItems.map((i) => i.key);
  const ready = clients.filter(
    (c) =>
      c.status === 'active' &&
      items.every((it) => readiness.some((r) => r.client_id === c.id && r.item === it && r.done === 1)) &&
      has(M, c.origin_municipality_code) &&
      has(V, c.care_provider_id) &&
      has(G, c.target_group),
  );
  const wkeys = [...new Set(ready.map((c) => `${c.care_provider_id}|${c.target_group}`))];
  sections.waiting = wkeys
    .map((key) => {
      const [prov, grp] = key.split('|') as [string, string];
      const list = ready.filter((c) => c.care_provider_id === prov && c.target_group === grp);
      const days = list.filter((c) => c.ready_date).map((c) => Math.max(0, daysFromTo(c.ready_date!, TODAY)));
      return {
        key,
        cells: { provider: provName.get(prov)!, group: GROUP_NAMES[grp]!, count: list.length, median: toMonths(pctile(days, 0.5)), longest: days.length ? toMonths(Math.max(...days)) : null } as Record<string, Cell>,
      };
    })
    .sort((x, y) => byName(x.cells.provider as string, y.cells.provider as string) || GROUPS.indexOf(x.key.split('|')[1]!) - GROUPS.indexOf(y.key.split('|')[1]!));

  // Declines.
  const declines = decisions.filter((d) => {
    if (!(d.decision === 'declined' || d.client_answer === 'refused')) return false;
    if (!inside(d.decided_at.slice(0, 10), from, to)) return false;
    const u = units.get(d.unit_id);
    const c = clientById.get(d.client_id);
    return has(M, u?.municipality_code ?? null) && has(C, u?.corporation_id ?? null) && has(V, c?.care_provider_id ?? null) && has(G, c?.target_group ?? null);
  });
  const byClient = (d: (typeof declines)[number]) => d.decline_reason === 'client-refused' || (d.decision !== 'declined' && d.client_answer === 'refused');
  const reasonLabels: Record<string, string> = {
    'rent-debt': 'Corporatie weigert: huurschuld',
    'landlord-statement': 'Corporatie weigert: verhuurdersverklaring',
    liveability: 'Corporatie weigert: leefbaarheid',
    other: 'Overig',
  };
  sections.declines = [
    { key: 'client|client-refused', cells: { party: 'Kandidaat', reason: 'Cliënt weigert', count: declines.filter(byClient).length } },
    ...Object.entries(reasonLabels).map(([r, label]) => ({
      key: `corporation|${r}`,
      cells: { party: 'Corporatie', reason: label, count: declines.filter((d) => !byClient(d) && (d.decline_reason ?? 'other') === r).length } as Record<string, Cell>,
    })),
  ];

  // Exchange: the municipality filter keeps placements from or to it.
  const ex = placements.filter((p) => inside(p.date, from, to) && facts(p) && (M.length === 0 || M.includes(p.origin_municipality_code) || M.includes(p.destination_municipality_code)));
  sections.exchange = allMunis.map((o) => {
    const cells: Record<string, Cell> = { origin: o.name };
    for (const d of allMunis) cells[d.code] = ex.filter((p) => p.origin_municipality_code === o.code && p.destination_municipality_code === d.code).length;
    const out = ex.filter((p) => p.origin_municipality_code === o.code && p.destination_municipality_code !== o.code).length;
    const inn = ex.filter((p) => p.destination_municipality_code === o.code && p.origin_municipality_code !== o.code).length;
    Object.assign(cells, { out, in: inn, balance: inn - out });
    return { key: o.code, cells };
  });

  // Load over the cap period ending at `to` (start exclusive).
  const loadStart = plusMonths(to, -policy.caps.periodMonths);
  const loaded = placements.filter((p) => p.date > loadStart && p.date <= to && placedFilter(p));
  const nbhRows = nbhs
    .filter((n) => has(M, n.municipality_code))
    .sort((x, y) => byName(muniName.get(x.municipality_code)!, muniName.get(y.municipality_code)!) || byName(x.name, y.name))
    .map((n) => ({
      key: `nbh:${n.code}`,
      cells: {
        level: 'Buurt',
        municipality: muniName.get(n.municipality_code)!,
        neighbourhood: n.name,
        complex: null,
        count: loaded.filter((p) => p.neighbourhood_code === n.code).length,
        cap: policy.caps.perNeighbourhood,
        socialRent: n.social_rent_share === null ? null : r1(n.social_rent_share * 100),
        liveability: n.liveability_class,
      } as Record<string, Cell>,
    }));
  const complexes = new Map<string, P[]>();
  for (const p of loaded.filter((x) => x.complex !== null)) {
    const key = `complex:${p.destination_municipality_code}|${p.neighbourhood_code ?? '-'}|${p.complex}`;
    complexes.set(key, [...(complexes.get(key) ?? []), p]);
  }
  const complexRows = [...complexes.entries()]
    .map(([key, list]) => {
      const p = list[0]!;
      const n = p.neighbourhood_code ? nbhByCode.get(p.neighbourhood_code) : undefined;
      return {
        key,
        cells: {
          level: 'Complex',
          municipality: muniName.get(p.destination_municipality_code)!,
          neighbourhood: n?.name ?? null,
          complex: p.complex,
          count: list.length,
          cap: policy.caps.perComplex,
          socialRent: n?.social_rent_share == null ? null : r1(n.social_rent_share * 100),
          liveability: n?.liveability_class ?? null,
        } as Record<string, Cell>,
      };
    })
    .sort((x, y) => (y.cells.count as number) - (x.cells.count as number) || byName(x.cells.municipality as string, y.cells.municipality as string) || byName(x.cells.complex as string, y.cells.complex as string));
  sections.load = [...nbhRows, ...complexRows];

  // Sustained: checks due in the period, up to today.
  const dueTo = to < TODAY ? to : TODAY;
  sections.sustained = [6, 12, 24].map((month) => {
    const due = placements.filter((p) => placedFilter(p) && inside(plusMonths(p.move_in_date ?? p.date, month), from, dueTo));
    const done = due.map((p) => checks.find((k) => k.placement_id === p.id && k.month === month)).filter((k) => k !== undefined);
    const housed = done.filter((k) => k.still_housed === 1).length;
    return {
      key: String(month),
      cells: { label: `Na ${month} maanden`, due: due.length, checked: done.length, housed, share: pct(housed, done.length), relapse: done.filter((k) => k.relapse === 1).length } as Record<string, Cell>,
    };
  });

  // Omklap dates in the next 12 months.
  const until = plusDays(plusMonths(TODAY, 12), -1);
  const omklapMonths: string[] = [];
  for (let m = TODAY.slice(0, 7); m <= until.slice(0, 7); m = plusMonths(`${m}-01`, 1).slice(0, 7)) omklapMonths.push(m);
  const followed = placements.filter(placedFilter);
  sections.omklap = omklapMonths.map((m) => {
    const review = followed.filter((p) => inside(p.review_date, TODAY, until) && p.review_date!.startsWith(m)).length;
    const transfer = followed.filter((p) => inside(p.lease_transfer_date, TODAY, until) && p.lease_transfer_date!.startsWith(m)).length;
    return { key: m, cells: { label: `${MONTHS_NL[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`, review, transfer, total: review + transfer } };
  });

  // The seeds' monitor fields.
  const field = (key: string, cats: [string, string][], of: (p: P) => string) => {
    sections[key] = cats.map(([k, label]) => {
      const count = inPeriod.filter((p) => of(p) === k).length;
      return { key: k, cells: { category: label, count, share: pct(count, inPeriod.length) } };
    });
  };
  const oneOf = (v: string | null, keys: string[]) => (v !== null && keys.includes(v) ? v : 'unknown');
  field('gender', [['female', 'Vrouw'], ['male', 'Man'], ['other', 'Anders'], ['unknown', 'Onbekend']], (p) => oneOf(p.gender, ['female', 'male', 'other']));
  field(
    'age-band',
    [['lt18', 'Jonger dan 18'], ['18-22', '18-22 jaar'], ['23-26', '23-26 jaar'], ['27-34', '27-34 jaar'], ['35-49', '35-49 jaar'], ['50-64', '50-64 jaar'], ['65+', '65 jaar en ouder'], ['unknown', 'Onbekend']],
    (p) => {
      const a = p.age;
      if (a === null) return 'unknown';
      return a < 18 ? 'lt18' : a <= 22 ? '18-22' : a <= 26 ? '23-26' : a <= 34 ? '27-34' : a <= 49 ? '35-49' : a <= 64 ? '50-64' : '65+';
    },
  );
  field('household', [['single', 'Alleenstaand'], ['couple', 'Met partner'], ['single-parent', 'Eenoudergezin'], ['family', 'Gezin met kinderen'], ['unknown', 'Onbekend']], (p) =>
    p.adults === null || p.children === null ? 'unknown' : p.children === 0 ? (p.adults === 1 ? 'single' : 'couple') : p.adults === 1 ? 'single-parent' : 'family',
  );
  field('care-background', [...GROUPS.map((g) => [g, GROUP_NAMES[g]!] as [string, string]), ['unknown', 'Onbekend']], (p) => oneOf(p.target_group, GROUPS));
  field('care-intensity', [['light', 'Licht'], ['medium', 'Middel'], ['intensive', 'Intensief'], ['unknown', 'Onbekend']], (p) => oneOf(p.support_intensity, ['light', 'medium', 'intensive']));
  field(
    'trajectory',
    [['lt1', 'Korter dan 1 jaar'], ['1-2', '1 tot 2 jaar'], ['2-3', '2 tot 3 jaar'], ['3-5', '3 tot 5 jaar'], ['5+', '5 jaar of langer'], ['unknown', 'Onbekend']],
    (p) => {
      if (p.care_since === null || p.care_since > p.date) return 'unknown';
      const years = [1, 2, 3, 5].find((y) => p.date < plusMonths(p.care_since!, 12 * y));
      return years === undefined ? '5+' : { 1: 'lt1', 2: '1-2', 3: '2-3', 5: '3-5' }[years]!;
    },
  );
  field(
    'funding-frame',
    [['wmo', 'Wmo (beschermd wonen, opvang)'], ['wlz', 'Wet langdurige zorg'], ['zvw', 'Zorgverzekeringswet'], ['forensic', 'Forensische zorg'], ['youth', 'Jeugdwet'], ['unknown', 'Onbekend']],
    (p) => oneOf(p.funding_frame, ['wmo', 'wlz', 'zvw', 'forensic', 'youth']),
  );

  const total = sections.handover.at(-1)!.cells;
  return {
    figures: {
      placed: inPeriod.length,
      waiting: ready.length,
      'handover-median': total.median!,
      'handover-within': total.within!,
      declines: declines.length,
      'sustained-12': sections.sustained[1]!.cells.share!,
    },
    sections,
  };
}

// ---------------------------------------------------------------------------------------------


/** Every figure and every cell of every section, against the hand count. */
function expectMatches(doc: ReportDoc, expected: Expected): void {
  const summary = doc.sections.find((s) => s.key === 'summary');
  if (!summary || summary.kind !== 'figures') throw new Error('no summary');
  expect(Object.fromEntries(summary.figures.map((f) => [f.key, f.value]))).toEqual(expected.figures);
  const tables = doc.sections.filter((s): s is TableSection => s.kind === 'table');
  expect(tables.map((t) => t.key).sort()).toEqual(Object.keys(expected.sections).sort());
  for (const t of tables) {
    const got = t.rows.map((r: ReportRow) => ({ key: r.key, cells: r.cells }));
    expect(got, `section ${t.key}`).toEqual(expected.sections[t.key]);
    // Every cell has a column, every column a value in every row.
    for (const r of t.rows) expect(Object.keys(r.cells).sort(), `${t.key} ${r.key}`).toEqual(t.columns.map((c) => c.key).sort());
  }
}

const FILTERS: [string, MonitorFilters][] = [
  ['unfiltered (the last 12 months)', {}],
  ['the whole history, Almere and Lelystad, BW and MO', { from: '2025-01-01', to: '2026-11-27', municipalityCodes: ['GM0034', 'GM0995'], groups: ['BW', 'MO'] }],
  ['2025, one corporation', { from: '2025-01-01', to: '2025-12-31', corporationIds: ['corp-kustlicht'] }],
  ['one provider, April 2025 to June 2026', { from: '2025-04-01', to: '2026-06-30', careProviderIds: ['prov-windkering'] }],
  ['a period running into next year, two corporations, Dronten', { from: '2026-01-01', to: '2027-03-31', corporationIds: ['corp-kustlicht', 'corp-polderhuis'], municipalityCodes: ['GM0303'] }],
];

describe('the monitor counts right', () => {
  it('has history to count: placements over two years, an erased client still counted, declines of every party, checks, omklap dates', async () => {
    const one = async <T>(q: string) => (await sqlRow<T>(b, q))!;
    expect(facts.closedRounds.length).toBe(8);
    expect((await one<{ n: number }>("select count(*) n from placements where round_id is not null")).n).toBeGreaterThan(15);
    expect((await one<{ n: number }>("select count(*) n from placements where client_id is null and id like 'P-gewist-%'")).n).toBe(1);
    expect((await one<{ n: number }>(`select count(*) n from clients where id = '${facts.erasedClientId}'`)).n).toBe(0);
    expect((await one<{ n: number }>("select count(*) n from round_decisions where decision = 'declined'")).n).toBeGreaterThan(4);
    expect((await one<{ n: number }>("select count(*) n from round_decisions where decision <> 'declined' and client_answer = 'refused'")).n).toBeGreaterThan(2);
    expect((await one<{ n: number }>('select count(distinct month) n from placement_checks')).n).toBe(3);
    expect((await one<{ n: number }>(`select count(*) n from placements where review_date >= '${TODAY}'`)).n).toBeGreaterThan(0);
    expect((await one<{ y: number }>('select count(distinct substr(date, 1, 4)) y from placements')).y).toBeGreaterThanOrEqual(3);
  });

  for (const [name, filters] of FILTERS) {
    it(`every figure and cell: ${name}`, async () => {
      const doc = await call(b, 'monitor.report', { filters });
      const expected = await countByHand(filters);
      expectMatches(doc, expected);
      expect(doc.period).toEqual({ from: filters.from ?? '2025-11-28', to: filters.to ?? TODAY });
      expect(doc.report).toBe('monitor');
      expect(doc.clients).toBe(0);
    });
  }

  it('the erased client\'s placement still counts (outflow, exchange, fields)', async () => {
    const filters = { from: '2025-01-01', to: '2025-06-30' };
    const doc = await call(b, 'monitor.report', { filters });
    const erased = (await sqlRow<P>(b, "select * from placements where id like 'P-gewist-%'"))!;
    expect(erased.date >= filters.from && erased.date <= filters.to).toBe(true);
    expect(erased.target_group).not.toBeNull();
    const placed = doc.sections.find((s) => s.key === 'summary')!;
    const live = (await sqlRow<{ n: number }>(b, "select count(*) n from placements where date between '2025-01-01' and '2025-06-30' and client_id is not null"))!.n;
    expect(placed.kind === 'figures' && placed.figures.find((f) => f.key === 'placed')!.value).toBe(live + 1);
    expectMatches(doc, await countByHand(filters));
  });

  it('the filters are named in words in the header; a period the wrong way round or an unknown code is a clear Dutch error', async () => {
    const doc = await call(b, 'monitor.report', { filters: { municipalityCodes: ['GM0995', 'GM0034'], groups: ['VO'], careProviderIds: ['prov-windkering'], corporationIds: ['corp-kustlicht'] } });
    expect(doc.filters).toEqual(['Gemeente: Almere, Lelystad', 'Corporatie: Kustlicht Woondiensten', 'Zorgaanbieder: Stichting Windkering Opvang', 'Doelgroep: Vrouwenopvang']);
    const bad = await b.dispatch('monitor.report', { filters: { from: '2026-05-01', to: '2026-04-01' } }, { actor: 'tester', user: chairUser('tester') });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toBe('Monitor: de periode begint op 01-05-2026, na het einde op 01-04-2026; kies een begin vóór het einde.');
    const unknown = await b.dispatch('monitor.report', { filters: { municipalityCodes: ['GM9999'] } }, { actor: 'tester', user: chairUser('tester') });
    expect(!unknown.ok && unknown.error.message).toBe('Monitor: onbekend filter — gemeente GM9999 bestaat niet.');
  });

  it('labels are names, never codes: every text cell and column label', async () => {
    const doc = await call(b, 'monitor.report', { filters: { from: '2025-01-01', to: '2026-11-27' } });
    for (const s of doc.sections) {
      if (s.kind !== 'table') continue;
      for (const c of s.columns) expect(c.label, `${s.key}.${c.key}`).not.toMatch(/^(GM\d{4}|BU\d{8}|corp-|prov-)/);
      for (const r of s.rows) {
        for (const v of Object.values(r.cells)) if (typeof v === 'string') expect(v, `${s.key} ${r.key}`).not.toMatch(/^(GM\d{4}|BU\d{8}|corp-|prov-|K-\d)/);
      }
    }
  });
});

describe('an empty region gives empty sections, not a crash', () => {
  it('monitor on a database with the region but no history, and on a period without placements', async () => {
    const doc = await call(b, 'monitor.report', { filters: { from: '2010-01-01', to: '2010-03-31' } });
    expectMatches(doc, await countByHand({ from: '2010-01-01', to: '2010-03-31' }));
    const summary = doc.sections[0]!;
    expect(summary.kind === 'figures' && summary.figures.find((f) => f.key === 'placed')!.value).toBe(0);
    expect(summary.kind === 'figures' && summary.figures.find((f) => f.key === 'handover-median')!.value).toBeNull();
    const { memoryBackend } = await import('./helpers');
    const empty = await memoryBackend();
    try {
      const r = await empty.dispatch('monitor.report', { filters: {} }, { actor: 'tester', user: chairUser('tester') });
      expect(r.ok).toBe(true);
      const d = (r as Extract<Result<ReportDoc>, { ok: true }>).value;
      expect(tableOf(d, 'outflow-month').rows.every((row) => row.cells.total === 0)).toBe(true);
      expect(tableOf(d, 'quota').rows).toEqual([]);
      expect(tableOf(d, 'waiting').rows).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});

describe('the small-number rule', () => {
  const user = (role: SessionUser['role']): SessionUser => ({
    name: `test-${role}`,
    displayName: `Test ${role}`,
    role,
    careProviderId: role === 'provider' ? 'prov-windkering' : null,
    corporationId: role === 'liaison' ? 'corp-kustlicht' : null,
  });
  const asRole = async (role: SessionUser['role'], filters: MonitorFilters): Promise<ReportDoc> => {
    const u = user(role);
    const r = (await b.dispatch('monitor.report', { filters }, { actor: u.name, user: u })) as Result<ReportDoc>;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const filters: MonitorFilters = { from: '2025-01-01', to: '2026-11-27' };

  /** The hidden view of `exact` as the rule says: counts 1–4 null and listed, with the figures that rest on them; zero shown. */
  function expectHidden(exact: ReportDoc, hidden: ReportDoc, threshold: number): { small: number; zero: number; derived: number } {
    let small = 0;
    let zero = 0;
    let derived = 0;
    expect(hidden.smallNumbers).toEqual({ threshold, hidden: true });
    exact.sections.forEach((s, i) => {
      const h = hidden.sections[i]!;
      if (s.kind === 'figures' && h.kind === 'figures') {
        s.figures.forEach((f, j) => {
          const g = h.figures[j]!;
          const tiny = (v: unknown) => typeof v === 'number' && v > 0 && v < threshold;
          // A count below the threshold is hidden, and so is a median or share that rests on one.
          const isSmall = (f.type === 'count' && tiny(f.value)) || tiny(f.basis);
          expect(g.value, f.key).toBe(isSmall ? null : f.value);
          expect(g.hidden ?? false).toBe(isSmall);
          if (isSmall && f.type !== 'count' && f.value !== null) derived++;
          // The count a derived figure rests on never leaves in the document.
          expect(g.basis, f.key).toBeUndefined();
        });
        return;
      }
      if (s.kind !== 'table' || h.kind !== 'table') throw new Error('section kinds differ');
      s.rows.forEach((r, j) => {
        const hr = h.rows[j]!;
        expect(hr.key).toBe(r.key);
        const smallKeys = s.columns.filter((c) => c.type === 'count' && typeof r.cells[c.key] === 'number' && (r.cells[c.key] as number) > 0 && (r.cells[c.key] as number) < threshold).map((c) => c.key);
        for (const c of s.columns) {
          const v = r.cells[c.key];
          const bases = c.basis === undefined ? [] : typeof c.basis === 'string' ? [c.basis] : c.basis;
          const hide = smallKeys.includes(c.key) || bases.some((b) => smallKeys.includes(b));
          if (hide) {
            expect(hr.cells[c.key], `${s.key} ${r.key} ${c.key}`).toBeNull();
            expect(hr.hidden, `${s.key} ${r.key}`).toContain(c.key);
            if (smallKeys.includes(c.key)) small++;
            else if (v !== null) derived++;
          } else {
            expect(hr.cells[c.key], `${s.key} ${r.key} ${c.key}`).toEqual(v);
            if (c.type === 'count' && v === 0) zero++;
          }
        }
      });
    });
    return { small, zero, derived };
  }

  it('the chair sees exact numbers on screen, with the threshold named', async () => {
    const doc = await asRole('chair', filters);
    expect(doc.smallNumbers).toEqual({ threshold: 5, hidden: false });
    expectMatches(doc, await countByHand(filters));
    // There are small counts to hide (else the next tests prove nothing).
    const small = doc.sections.flatMap((s) => (s.kind === 'table' ? s.rows.flatMap((r) => s.columns.filter((c) => c.type === 'count').map((c) => r.cells[c.key])) : []));
    expect(small.some((v) => typeof v === 'number' && v > 0 && v < 5)).toBe(true);
  });

  for (const role of ['provider', 'readonly', 'liaison'] as const) {
    it(`${role}: counts below 5 hidden as null and listed, derived figures with them, zero shown`, async () => {
      const exact = await asRole('chair', filters);
      const hidden = await asRole(role, filters);
      const seen = expectHidden(exact, hidden, 5);
      expect(seen.small).toBeGreaterThan(10);
      expect(seen.zero).toBeGreaterThan(10);
      expect(seen.derived).toBeGreaterThan(3);
    });
  }

  it('a median or share in the key figures that rests on fewer than 5 placements is hidden with them', async () => {
    // Narrow enough that the key figures rest on a handful of placements with a key.
    const narrow: MonitorFilters = { from: '2026-01-01', to: '2026-11-27', groups: ['VO'] };
    const exact = await asRole('chair', narrow);
    const summary = exact.sections.find((s) => s.kind === 'figures')!;
    if (summary.kind !== 'figures') throw new Error('no key figures');
    const median = summary.figures.find((f) => f.key === 'handover-median')!;
    expect(median.basis).toBeGreaterThan(0);
    expect(median.basis).toBeLessThan(5);
    expect(median.value).not.toBeNull();
    const hidden = await asRole('provider', narrow);
    const seen = expectHidden(exact, hidden, 5);
    expect(seen.derived).toBeGreaterThan(0);
    const shown = hidden.sections.find((s) => s.kind === 'figures')!;
    if (shown.kind !== 'figures') throw new Error('no key figures');
    expect(shown.figures.find((f) => f.key === median.key)).toMatchObject({ value: null, hidden: true });
  });

  it('an export hides them for the chair too (the document that leaves the app)', async () => {
    const ctx = { db: b.database.db, now: () => FIXED_NOW, user: chairUser('tester') };
    const exact = await buildReport(ctx, { report: 'monitor', filters }, false);
    const leaving = await buildReport(ctx, { report: 'monitor', filters }, true);
    expect(exact.smallNumbers).toEqual({ threshold: 5, hidden: false });
    const seen = expectHidden(exact, leaving, 5);
    expect(seen.small).toBeGreaterThan(10);
  });

  it('the threshold follows the policy (here 3): a count of 3 or 4 is shown, 1 and 2 hidden', async () => {
    const row = (await sqlRow<{ id: string; settings_json: string }>(b, 'select id, settings_json from policy_profiles order by valid_from desc limit 1'))!;
    const settings = JSON.parse(row.settings_json) as { reports?: { smallNumbers: number; handoverTargetMonths: number } };
    try {
      await sqlRun(b, 'update policy_profiles set settings_json = ? where id = ?', JSON.stringify({ ...settings, reports: { smallNumbers: 3, handoverTargetMonths: 2 } }), row.id);
      const exact = await asRole('chair', filters);
      expect(exact.smallNumbers).toEqual({ threshold: 3, hidden: false });
      // The target moved to 2 months: the hand count follows the policy too.
      expectMatches(exact, await countByHand(filters));
      const hidden = await asRole('readonly', filters);
      expectHidden(exact, hidden, 3);
    } finally {
      await sqlRun(b, 'update policy_profiles set settings_json = ? where id = ?', row.settings_json, row.id);
    }
  });
});

// The meeting agenda of a round (report 'agenda'), from its latest proposal version: the round, the
// proposal against today's practice, the organisations at the table, every proposed pair with its short
// explanation, and every unplaced client with the reason. Pseudonymous throughout. Node only.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { RoundReportInput } from '../../../shared/api/reports.contract';
import { AppError } from '../../../shared/api/result';
import { UNIT_KIND_LABELS } from '../../../shared/domain/codes';
import { optimalityLabel } from '../../../shared/domain/round-words';
import { monthsBetween } from '../../../shared/engine/score';
import type { Figures, Match, Proposal, Unplaced } from '../../../shared/engine/round.schema';
import { RULES } from '../../../shared/engine/rules';
import {
  COMPARISON_FIGURES,
  DEVIATION_PHRASES,
  EXCHANGE_COLUMNS,
  PARTICIPANT_COLUMNS,
  PARTICIPANT_KINDS,
  PRIVACY,
  PROPOSAL_COLUMNS,
  ROUND_FIGURES,
  SAFETY_RULE_PHRASE,
  SECTIONS,
  TERM_PHRASES,
  TITLE,
  UNPLACED_COLUMNS,
  UNPLACED_REASONS,
} from '../../../shared/reports/definitions/agenda';
import { formatLongDate, formatPeriod, plural } from '../../../shared/reports/format-nl';
import type { Cell, ReportDoc, ReportSection, RowCells } from '../../../shared/reports/report-doc';
import type { DB } from '../db/schema';
import { readRoundRow, readUnitMembers, readVersion, type RoundRow, type StoredVersion } from '../repos/rounds.repo';
import type { ReportContext } from './report-context';
import { figuresSection, generatedBy, tableSection } from './report-queries';

/** The papers repeat figures per section (the proposal and today's practice): keys carry the section's. */
export const KEYED = { prefixKeys: true } as const;

type Input = z.infer<typeof RoundReportInput>;

// ---- Shared with the minutes (minutes.report.ts) ----

/** The round, or a clear NOT_FOUND. */
export async function requireRound(db: Kysely<DB>, roundId: number): Promise<RoundRow> {
  const round = await readRoundRow(db, roundId);
  if (!round) throw new AppError('NOT_FOUND', `Ronde ${roundId} bestaat niet.`);
  return round;
}

/** "Ronde 3 van 4 december 2026". */
export const roundSubject = (round: RoundRow): string => `Ronde ${round.id} van ${formatLongDate(round.date)}`;

/** "Planningsperiode: 1 december 2026 t/m 31 januari 2027". */
export const windowLine = (round: RoundRow): string => `Planningsperiode: ${formatPeriod({ from: round.window_from, to: round.window_to })}`;

/**
 * The facts of clients the papers show: household, care provider, ready date. Never a name, and not the
 * target group: the corporations at the table read these papers, and "Forensische nazorg" or
 * "Vrouwenopvang" beside a code says something about justice or violence (AVG special categories).
 */
export interface ClientFacts {
  household: string;
  careProviderId: string | null;
  careProvider: string | null;
  originMunicipalityCode: string | null;
  readyDate: string | null;
}

export async function readClientFacts(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, ClientFacts>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('clients as c')
    .leftJoin('care_providers as z', 'z.id', 'c.care_provider_id')
    .select(['c.id', 'c.adults', 'c.children_ages_json', 'c.care_provider_id', 'z.name as provider', 'c.origin_municipality_code', 'c.ready_date'])
    .where('c.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => {
      const children = (JSON.parse(r.children_ages_json) as unknown[]).length;
      return [
        r.id,
        {
          household: householdText(r.adults, children),
          careProviderId: r.care_provider_id,
          careProvider: r.provider ?? null,
          originMunicipalityCode: r.origin_municipality_code,
          readyDate: r.ready_date,
        },
      ];
    }),
  );
}

/** "1 volwassene", "2 volwassenen, 1 kind", "1 volwassene, 3 kinderen". */
export function householdText(adults: number, children: number): string {
  const a = plural(adults, 'volwassene', 'volwassenen');
  return children ? `${a}, ${plural(children, 'kind', 'kinderen')}` : a;
}

/**
 * Free text the chair or a corporation typed (reasons, conditions, notes) may name a client: every
 * name of a client the document shows is replaced by that client's code, whole words only.
 */
export async function nameScrubber(db: Kysely<DB>, clientIds: readonly string[]): Promise<(text: string) => string> {
  const ids = [...new Set(clientIds)];
  const rows = ids.length ? await db.selectFrom('clients').select(['id', 'name']).where('id', 'in', ids).execute() : [];
  const names = rows
    .filter((r): r is { id: string; name: string } => typeof r.name === 'string' && r.name.trim().length >= 2)
    .map((r) => ({ code: r.id, name: r.name.trim() }))
    // Longer names first, so "Dhr. H" goes before a shorter name inside it.
    .sort((a, b) => b.name.length - a.name.length);
  const patterns = names.map((n) => ({
    code: n.code,
    re: new RegExp(`(?<![\\p{L}\\p{N}])${n.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'giu'),
  }));
  return (text) => patterns.reduce((t, p) => t.replace(p.re, p.code), text);
}

/** Display names of the users who recorded something; a name not (or no longer) a user stays as is. */
export async function displayNames(db: Kysely<DB>, names: readonly (string | null)[]): Promise<(name: string | null) => string | null> {
  const wanted = [...new Set(names.filter((n): n is string => !!n))];
  const rows = wanted.length ? await db.selectFrom('users').select(['name', 'display_name']).where('name', 'in', wanted).execute() : [];
  const map = new Map(rows.map((r) => [r.name, r.display_name]));
  return (name) => (name === null ? null : (map.get(name) ?? name));
}

/** The latest proposal version of a round, or null before the first run. */
export async function latestVersion(db: Kysely<DB>, roundId: number): Promise<StoredVersion | null> {
  const last = await db
    .selectFrom('round_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('round_id', '=', roundId)
    .executeTakeFirst();
  return last?.v ? readVersion(db, roundId, Number(last.v)) : null;
}

// ---- The agenda ----

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** The short explanation of a pair: the chair's lock, the heaviest score terms, a deviation; one line. */
export function shortExplanation(match: Match, waitedMonths: number | null): string {
  const phrases: string[] = [];
  if (match.locked) phrases.push('vastgezet door de voorzitter');
  const headline = match.terms
    .filter((t) => t.points > 0 && t.code !== 'PLACEMENT')
    .sort((a, b) => b.points - a.points)
    .slice(0, 3);
  for (const t of headline) {
    if (t.code === 'WAITING') {
      if (waitedMonths !== null && waitedMonths > 0) phrases.push(`wacht al ${plural(waitedMonths, 'maand', 'maanden')}`);
      continue;
    }
    if (t.code === 'HOME') {
      phrases.push(match.deviation ? TERM_PHRASES.HOME_NETWORK! : TERM_PHRASES.HOME!);
      continue;
    }
    if (t.code === 'URGENCY') {
      phrases.push(t.detail === 'Crisis' ? 'crisissituatie' : TERM_PHRASES.URGENCY!);
      continue;
    }
    phrases.push(TERM_PHRASES[t.code] ?? t.label.toLowerCase());
  }
  // Placed outside the municipality of origin: why (the network is already said by its term).
  if (match.deviation && match.deviation.reason !== 'network') phrases.push(DEVIATION_PHRASES[match.deviation.reason] ?? DEVIATION_PHRASES.other!);
  if (!phrases.length) phrases.push('past binnen de regels; geen bijzondere voorkeur');
  return capitalise(phrases.join('; '));
}

/**
 * An unplaced client's reason in words: the engine's messages with Dutch decimals, corporations by
 * name, without example homes, and with a rule about areas to avoid said without saying it.
 */
export function unplacedDetail(u: Unplaced, corporationName: (id: string) => string, corporationIds: readonly string[]): string {
  const dutch = (text: string) =>
    corporationIds
      .reduce((t, id) => t.split(id).join(corporationName(id)), text)
      // The example home ("(bijv. W-12: ...)") closes the message; it could point at a place avoided.
      .replace(/\s*\(bijv\. .*\)$/, '')
      .replace(/(\d)\.(\d)/g, '$1,$2');
  const taken: string[] = [];
  const lines: string[] = [];
  for (const e of u.reasons) {
    // "W-010 (score 167.27) gaat naar K-0051; samen ..." and "W-033 (score 155.63) blijft vrij: ... (limits)".
    const outcompeted = e.code === 'OUTCOMPETED' ? /^(\S+) \(score [^)]*\) gaat naar (\S+);/.exec(e.message) : null;
    const limited = e.code === 'ROUND_LIMIT' ? /^(\S+) \(score [^)]*\) blijft vrij: [^(]*\((.*)\)$/.exec(e.message) : null;
    if (outcompeted) taken.push(`${outcompeted[1]} naar ${outcompeted[2]}`);
    else if (limited) lines.push(`${limited[1]} blijft vrij vanwege een grens van de ronde (${dutch(limited[2]!)})`);
    else if (e.code === 'SAFETY') lines.push(dutch(e.message.replace(RULES.SAFETY, SAFETY_RULE_PHRASE)));
    else if (e.code === 'NOT_ACTIVE') lines.push(RULES.NOT_ACTIVE);
    else lines.push(dutch(e.message));
  }
  if (taken.length) {
    lines.unshift(
      `${taken.length === 1 ? 'De best passende woning gaat' : 'De best passende woningen gaan'} naar een ander (${taken.join(', ')}); samen levert dat de hoogste totaalscore op`,
    );
  }
  const text = lines.join('; ');
  return text || 'Geen reden vastgelegd.';
}

function comparisonValues(f: Figures, p: Proposal, waits: Map<string, number>): Record<string, Cell> {
  return {
    placed: f.placed,
    homeOrNetwork: Math.round(f.homeOrNetworkShare * 1000) / 10,
    totalScore: p.totalScore,
    medianWait: median(p.matches.map((m) => waits.get(m.clientId)).filter((x): x is number => x !== undefined)),
  };
}

export async function buildAgenda(ctx: ReportContext, input: Input): Promise<ReportDoc> {
  const round = await requireRound(ctx.db, input.roundId);
  const latest = await latestVersion(ctx.db, round.id);
  if (!latest) {
    throw new AppError('NOT_FOUND', `Ronde ${round.id} heeft nog geen voorstel; de agenda volgt uit het laatste voorstel. Maak eerst een voorstel.`);
  }
  const { proposal, greedy, summary } = latest;
  const unitList = await readUnitMembers(ctx.db, round.id);
  const units = new Map(unitList.map((u) => [u.id, u]));
  const matchedUnitIds = proposal.matches.map((m) => m.unitId);
  const rooms = new Map(
    matchedUnitIds.length
      ? (await ctx.db.selectFrom('units').select(['id', 'rooms']).where('id', 'in', matchedUnitIds).execute()).map((r) => [r.id, r.rooms])
      : [],
  );
  const clientIds = [...proposal.matches.map((m) => m.clientId), ...proposal.unplaced.map((u) => u.clientId), ...greedy.matches.map((m) => m.clientId)];
  const clients = await readClientFacts(ctx.db, clientIds);
  const municipalities = new Map((await ctx.db.selectFrom('municipalities').select(['code', 'name']).execute()).map((m) => [m.code, m.name]));
  const corporations = new Map((await ctx.db.selectFrom('corporations').select(['id', 'name']).execute()).map((c) => [c.id, c.name]));
  const muniName = (code: string | null | undefined) => (code ? (municipalities.get(code) ?? code) : '');
  const corpName = (id: string) => corporations.get(id) ?? id;
  const scrub = await nameScrubber(ctx.db, clientIds);

  // Months since woonrijp on the proposal's reference date, per client (for the explanation and the median).
  const waits = new Map<string, number>();
  for (const [id, c] of clients) if (c.readyDate) waits.set(id, monthsBetween(c.readyDate, proposal.referenceDate));

  // The organisations at the table: the corporations whose homes, the providers whose clients, the municipalities concerned.
  type Org = { kind: keyof typeof PARTICIPANT_KINDS; name: string; proposals: number; unplaced: number | null };
  const orgs = new Map<string, Org>();
  const org = (kind: Org['kind'], id: string, name: string): Org => {
    const key = `${kind}|${id}`;
    let o = orgs.get(key);
    if (!o) orgs.set(key, (o = { kind, name, proposals: 0, unplaced: kind === 'corporation' ? null : 0 }));
    return o;
  };
  for (const m of proposal.matches) {
    const u = units.get(m.unitId);
    const c = clients.get(m.clientId);
    const touched = new Set<Org>();
    if (u) touched.add(org('corporation', u.corporationId, u.corporation || corpName(u.corporationId)));
    if (c?.careProviderId) touched.add(org('provider', c.careProviderId, c.careProvider ?? c.careProviderId));
    if (u?.municipalityCode) touched.add(org('municipality', u.municipalityCode, u.municipality || muniName(u.municipalityCode)));
    if (c?.originMunicipalityCode) touched.add(org('municipality', c.originMunicipalityCode, muniName(c.originMunicipalityCode)));
    for (const o of touched) o.proposals++;
  }
  for (const un of proposal.unplaced) {
    const c = clients.get(un.clientId);
    const touched = new Set<Org>();
    if (c?.careProviderId) touched.add(org('provider', c.careProviderId, c.careProvider ?? c.careProviderId));
    if (c?.originMunicipalityCode) touched.add(org('municipality', c.originMunicipalityCode, muniName(c.originMunicipalityCode)));
    for (const o of touched) o.unplaced = (o.unplaced ?? 0) + 1;
  }
  const kindOrder = Object.keys(PARTICIPANT_KINDS);
  const participantRows = [...orgs.values()]
    .sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || a.name.localeCompare(b.name, 'nl'))
    .map((o, i) => ({
      key: `${o.kind}-${i + 1}`,
      cells: { kind: PARTICIPANT_KINDS[o.kind], name: o.name, proposals: o.proposals, unplaced: o.unplaced } satisfies RowCells<typeof PARTICIPANT_COLUMNS>,
    }));

  const greedyExchange = new Map(greedy.figures.exchangeBalances.map((e) => [e.municipalityCode, e.after]));
  const exchangeRows = proposal.figures.exchangeBalances.map((e, i) => ({
    key: `gemeente-${i + 1}`,
    cells: {
      municipality: e.name || muniName(e.municipalityCode),
      before: e.before,
      proposal: e.after,
      practice: greedyExchange.get(e.municipalityCode) ?? e.before,
      band: e.band,
    } satisfies RowCells<typeof EXCHANGE_COLUMNS>,
  }));

  const proposalRows = proposal.matches.map((m) => {
    const u = units.get(m.unitId);
    const c = clients.get(m.clientId);
    return {
      key: `${m.clientId}|${m.unitId}`,
      cells: {
        client: m.clientId,
        household: c?.household ?? null,
        unit: m.unitId,
        municipality: u ? u.municipality || muniName(u.municipalityCode) : null,
        neighbourhood: u?.neighbourhood ?? null,
        kind: u ? UNIT_KIND_LABELS[u.kind] : null,
        rooms: rooms.get(m.unitId) ?? null,
        rent: u ? u.rent : null,
        corporation: u ? u.corporation || corpName(u.corporationId) : null,
        why: shortExplanation(m, waits.get(m.clientId) ?? null),
        score: m.score,
      } satisfies RowCells<typeof PROPOSAL_COLUMNS>,
    };
  });

  const corporationIds = [...corporations.keys()].sort((a, b) => b.length - a.length);
  const unplacedRows = proposal.unplaced.map((u) => ({
    key: u.clientId,
    cells: {
      client: u.clientId,
      reason: UNPLACED_REASONS[u.kind],
      detail: scrub(unplacedDetail(u, corpName, corporationIds)),
    } satisfies RowCells<typeof UNPLACED_COLUMNS>,
  }));

  const sections: ReportSection[] = [
    figuresSection(SECTIONS.round, ROUND_FIGURES, {
      date: round.date,
      window: formatPeriod({ from: round.window_from, to: round.window_to }),
      version: summary.version,
      // The round screen's words (shared/domain/round-words).
      optimality: optimalityLabel(proposal.optimality),
      candidates: proposal.figures.candidates,
      units: proposal.figures.unitsAvailable,
    }, KEYED),
    figuresSection(SECTIONS.proposal, COMPARISON_FIGURES, comparisonValues(proposal.figures, proposal, waits), KEYED),
    // The same figures again: their hints stand once, under the proposal's.
    figuresSection(
      SECTIONS.practice,
      COMPARISON_FIGURES.map(({ key, label, type }) => ({ key, label, type })),
      comparisonValues(greedy.figures, greedy, waits),
      KEYED,
    ),
    tableSection(SECTIONS.participants, PARTICIPANT_COLUMNS, participantRows),
    tableSection(SECTIONS.exchange, EXCHANGE_COLUMNS, exchangeRows),
    tableSection(SECTIONS.proposals, PROPOSAL_COLUMNS, proposalRows),
    tableSection(SECTIONS.unplaced, UNPLACED_COLUMNS, unplacedRows),
  ];
  const named = new Set([...proposal.matches.map((m) => m.clientId), ...proposal.unplaced.map((u) => u.clientId)]);
  return {
    report: 'agenda',
    title: TITLE,
    subject: roundSubject(round),
    period: null,
    filters: [
      windowLine(round),
      `Voorstel: versie ${summary.version} van ${formatLongDate(summary.createdAt)}`,
      `${plural(proposal.matches.length, 'voorstel', 'voorstellen')}, ${plural(proposal.unplaced.length, 'kandidaat', 'kandidaten')} niet geplaatst`,
    ],
    generatedAt: ctx.now().toISOString(),
    generatedBy: generatedBy(ctx),
    privacy: PRIVACY,
    smallNumbers: null,
    clients: named.size,
    sections,
  };
}

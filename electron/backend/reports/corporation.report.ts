// The corporation report (reports.corporation): for one corporation and a period, the proposals for
// its homes with exactly the housing facts the review file shares, the decisions and who recorded
// them, the placements in its homes and its quota use per municipality. A client whose consent does
// not cover this corporation is left out, as review.export does. Node only.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { CorporationReportInput } from '../../../shared/api/reports.contract';
import { DECLINE_REASONS, DECLINE_REASON_LABELS, DeclineReason } from '../../../shared/api/rounds.contract';
import {
  CONTRACT_FORM_LABELS,
  ContractForm,
  DEBT_STATUS_LABELS,
  DebtStatus,
  NEED_LABELS,
  Need,
  QUOTA_KIND_LABELS,
  QuotaKind,
  SUPPORT_INTENSITY_LABELS,
  SupportIntensity,
  UNIT_KIND_LABELS,
  UnitKind,
} from '../../../shared/domain/codes';
import { mayShareWith } from '../../../shared/domain/consent';
import {
  DECISION_COLUMNS,
  FIGURES,
  HOUSEHOLD_COLUMNS,
  NO_AGREEMENT,
  PLACEMENT_COLUMNS,
  PRIVACY,
  PROPOSAL_COLUMNS,
  QUOTA_COLUMNS,
  SECTIONS,
  YES_NO,
  declineFigureKey,
  declineFigureLabel,
  placementWithheldNote,
  subject,
  title,
  withheldNote,
} from '../../../shared/reports/definitions/corporation';
import { CLIENT_ANSWER_LABELS, DECISION_LABELS } from '../../../shared/reports/definitions/minutes';
import { calendarDay } from '../../../shared/reports/format-nl';
import type { Cell, ReportDoc, RowCells } from '../../../shared/reports/report-doc';
import { incomeBand } from '../../../shared/review/review-file';
import { toEuros } from '../repos/money';
import type { ReportContext } from './report-context';
import { consentsOf, figuresSection, generatedBy, latestProposalPairs, organisationName, reportPeriod, tableSection, todayOf } from './report-queries';

type Input = z.infer<typeof CorporationReportInput>;

const kindLabel = (k: string | null | undefined) => (k ? UNIT_KIND_LABELS[UnitKind.catch('regular').parse(k)] : null);
const decisionLabel = (d: string) => DECISION_LABELS[d as keyof typeof DECISION_LABELS] ?? d;
const answerLabel = (a: string) => CLIENT_ANSWER_LABELS[a as keyof typeof CLIENT_ANSWER_LABELS] ?? a;
const reasonLabel = (r: string | null) => (r ? DECLINE_REASON_LABELS[DeclineReason.catch('other').parse(r)] : null);
/** Labels of a JSON list of codes (unknown codes left out). */
function labels<T extends string>(json: string, schema: z.ZodType<T>, names: Record<T, string>): string | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const out = (Array.isArray(raw) ? raw : []).flatMap((v) => {
    const p = schema.safeParse(v);
    return p.success ? [names[p.data]] : [];
  });
  return out.length ? out.join(', ') : null;
}

export async function buildCorporationReport(ctx: ReportContext, input: Input): Promise<ReportDoc> {
  const { db } = ctx;
  const corporationId = input.corporationId;
  const corporationName = await organisationName(db, 'corporations', corporationId);
  const today = todayOf(ctx);
  const period = reportPeriod(ctx, input.from, input.to);
  const inPeriod = sql<boolean>`r.date >= ${period.from} and r.date <= ${period.to}`;

  // The proposals for its homes in the period's rounds: each latest proposal's pairs and every
  // decided pair (a declined pair of an earlier version is no longer in the latest one).
  const ownUnit = sql<boolean>`p.unit_id in (select id from units where corporation_id = ${corporationId})`;
  const [pairs, decisions] = await Promise.all([
    latestProposalPairs(db, inPeriod, ownUnit),
    db
      .selectFrom('round_decisions as d')
      .innerJoin('rounds as r', 'r.id', 'd.round_id')
      .innerJoin('units as u', 'u.id', 'd.unit_id')
      .leftJoin('users as w', 'w.name', 'd.decided_by')
      .select(['d.round_id', 'd.client_id', 'd.unit_id', 'd.decision', 'd.decline_reason', 'd.client_answer', 'd.decided_by', 'd.decided_at', 'd.on_behalf_of', 'w.display_name'])
      .where('u.corporation_id', '=', corporationId)
      .where('r.date', '>=', period.from)
      .where('r.date', '<=', period.to)
      .execute(),
  ]);
  const pairKey = (roundId: number, clientId: string, unitId: string) => `${roundId}|${clientId}|${unitId}`;
  const decisionOf = new Map(decisions.map((d) => [pairKey(d.round_id, d.client_id, d.unit_id), d]));
  const proposalMap = new Map<string, { roundId: number; clientId: string; unitId: string }>();
  for (const p of pairs) proposalMap.set(pairKey(p.roundId, p.clientId, p.unitId), p);
  for (const d of decisions) proposalMap.set(pairKey(d.round_id, d.client_id, d.unit_id), { roundId: d.round_id, clientId: d.client_id, unitId: d.unit_id });
  const all = [...proposalMap.entries()];

  // Sharing a client's facts with this corporation needs a basis that holds today (as the review file).
  const clientIds = [...new Set(all.map(([, p]) => p.clientId))];
  const placementsQuery = db
    .selectFrom('placements as p')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('municipalities as g', 'g.code', 'p.destination_municipality_code')
    .leftJoin('neighbourhoods as n', 'n.code', 'p.neighbourhood_code')
    .select(['p.id', 'p.date', 'p.round_id', 'p.unit_id', 'p.client_id', 'p.unit_kind', 'u.kind', 'g.name as municipality', 'n.name as neighbourhood'])
    .select(['p.move_in_date', 'p.contract_form', 'p.review_date', 'p.lease_transfer_date'])
    .where('p.corporation_id', '=', corporationId)
    .where('p.date', '>=', period.from)
    .where('p.date', '<=', period.to)
    .orderBy('p.date')
    .orderBy('p.id');
  const placements = await placementsQuery.execute();
  const consents = await consentsOf(db, [...clientIds, ...placements.flatMap((p) => (p.client_id ? [p.client_id] : []))]);
  const mayShare = (clientId: string) => mayShareWith(consents.get(clientId) ?? [], 'corporation', corporationId, today);
  const shown = all.filter(([, p]) => mayShare(p.clientId));
  const withheld = all.length - shown.length;

  // The facts of the homes and clients the shown proposals name: only what the review file holds.
  const unitIds = [...new Set(shown.map(([, p]) => p.unitId))];
  const shownClientIds = [...new Set(shown.map(([, p]) => p.clientId))];
  const roundIds = [...new Set(shown.map(([, p]) => p.roundId))];
  const [units, clients, rounds] = await Promise.all([
    unitIds.length
      ? db
          .selectFrom('units as u')
          .leftJoin('municipalities as g', 'g.code', 'u.municipality_code')
          .leftJoin('neighbourhoods as n', 'n.code', 'u.neighbourhood_code')
          .select(['u.id', 'u.address', 'u.municipality_code', 'g.name as municipality', 'u.neighbourhood_code', 'n.name as neighbourhood', 'u.kind', 'u.rooms', 'u.rent_cents', 'u.contract_forms_json'])
          .where('u.id', 'in', unitIds)
          .execute()
      : Promise.resolve([]),
    shownClientIds.length
      ? db
          .selectFrom('clients as c')
          .leftJoin('care_providers as z', 'z.id', 'c.support_provider_id')
          .select([
            'c.id',
            'c.adults',
            'c.children_ages_json',
            'c.income_monthly_cents',
            'c.budget_management',
            'c.debts',
            'c.support_provider_id',
            'z.name as support_provider',
            'c.support_intensity',
            'c.support_start',
            'c.support_months',
            'c.needs_json',
          ])
          .where('c.id', 'in', shownClientIds)
          .execute()
      : Promise.resolve([]),
    roundIds.length ? db.selectFrom('rounds').select(['id', 'date']).where('id', 'in', roundIds).execute() : Promise.resolve([]),
  ]);
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const clientOf = new Map(clients.map((c) => [c.id, c]));
  const roundDate = new Map(rounds.map((r) => [r.id, r.date]));
  shown.sort(
    ([, a], [, b]) =>
      (roundDate.get(a.roundId) ?? '').localeCompare(roundDate.get(b.roundId) ?? '') ||
      a.roundId - b.roundId ||
      a.unitId.localeCompare(b.unitId) ||
      a.clientId.localeCompare(b.clientId),
  );

  const proposalRows = shown.map(([key, p]) => {
    const u = unitOf.get(p.unitId);
    const cells: RowCells<typeof PROPOSAL_COLUMNS> = {
      round: p.roundId,
      roundDate: roundDate.get(p.roundId) ?? null,
      unit: p.unitId,
      address: u?.address ?? null,
      municipality: u ? (u.municipality ?? u.municipality_code) : null,
      neighbourhood: u?.neighbourhood_code ? (u.neighbourhood ?? u.neighbourhood_code) : null,
      kind: kindLabel(u?.kind),
      rooms: u?.rooms ?? null,
      rent: u ? toEuros(u.rent_cents) : null,
      contractForms: u ? labels(u.contract_forms_json, ContractForm, CONTRACT_FORM_LABELS) : null,
      code: p.clientId,
    };
    return { key, cells };
  });
  const householdRows = shown.map(([key, p]) => {
    const c = clientOf.get(p.clientId);
    const children = c ? ((JSON.parse(c.children_ages_json) as unknown[]) ?? []).length : null;
    const cells: RowCells<typeof HOUSEHOLD_COLUMNS> = {
      round: p.roundId,
      unit: p.unitId,
      code: p.clientId,
      adults: c?.adults ?? null,
      children,
      incomeBand: c ? incomeBand(toEuros(c.income_monthly_cents)) : null,
      budgetManagement: c ? (c.budget_management ? YES_NO.yes : YES_NO.no) : null,
      debts: c ? DEBT_STATUS_LABELS[DebtStatus.catch('open').parse(c.debts)] : null,
      supportProvider: c ? (c.support_provider ?? c.support_provider_id) : null,
      supportIntensity: c ? SUPPORT_INTENSITY_LABELS[SupportIntensity.catch('medium').parse(c.support_intensity)] : null,
      supportStart: c?.support_start ?? null,
      supportMonths: c?.support_months ?? null,
      needs: c ? labels(c.needs_json, Need, NEED_LABELS) : null,
    };
    return { key, cells };
  });
  const decisionRows = shown.flatMap(([key, p]) => {
    const d = decisionOf.get(key);
    if (!d) return [];
    const cells: RowCells<typeof DECISION_COLUMNS> = {
      round: p.roundId,
      unit: p.unitId,
      code: p.clientId,
      decision: decisionLabel(d.decision),
      reason: d.decision === 'declined' ? reasonLabel(d.decline_reason) : null,
      clientAnswer: answerLabel(d.client_answer),
      // The corporation's own contact person when known (a decisions file, or named by the chair); else the account that entered it.
      decidedBy: d.on_behalf_of ?? (d.display_name && d.display_name !== d.decided_by ? `${d.display_name} (${d.decided_by})` : d.decided_by),
      decidedAt: calendarDay(d.decided_at),
    };
    return [{ key, cells }];
  });

  // Placements in its homes in the period; the client's code only where their consent covers this corporation.
  let placementsWithoutCode = 0;
  const placementRows = placements.map((p) => {
    const code = p.client_id && mayShare(p.client_id) ? p.client_id : null;
    if (code === null) placementsWithoutCode++;
    const contract = p.contract_form ? ContractForm.safeParse(p.contract_form) : null;
    const cells: RowCells<typeof PLACEMENT_COLUMNS> = {
      date: p.date,
      round: p.round_id ?? null,
      unit: p.unit_id,
      municipality: p.municipality ?? null,
      neighbourhood: p.neighbourhood ?? null,
      kind: kindLabel(p.kind ?? p.unit_kind),
      code,
      moveIn: p.move_in_date ?? null,
      contractForm: contract?.success ? CONTRACT_FORM_LABELS[contract.data] : null,
      reviewDate: p.review_date ?? null,
      leaseTransfer: p.lease_transfer_date ?? null,
    };
    return { key: p.id, cells };
  });

  // Quota use: per municipality and year of the period, the agreement against the placements in its
  // homes there that calendar year (the whole year, also outside the period).
  const fromYear = Number(period.from.slice(0, 4));
  const toYear = Number(period.to.slice(0, 4));
  const [quotas, realisedRows] = await Promise.all([
    db
      .selectFrom('quotas as q')
      .leftJoin('municipalities as g', 'g.code', 'q.municipality_code')
      .select(['q.municipality_code', 'g.name as municipality', 'q.year', 'q.agreed', 'q.kind'])
      .where('q.corporation_id', '=', corporationId)
      .where('q.year', '>=', fromYear)
      .where('q.year', '<=', toYear)
      .execute(),
    db
      .selectFrom('placements as p')
      .leftJoin('municipalities as g', 'g.code', 'p.destination_municipality_code')
      .select(['p.destination_municipality_code as municipality_code', 'g.name as municipality'])
      .select(sql<number>`cast(substr(p.date, 1, 4) as integer)`.as('year'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('p.corporation_id', '=', corporationId)
      .where('p.date', '>=', `${fromYear}-01-01`)
      .where('p.date', '<=', `${toYear}-12-31`)
      .groupBy(['p.destination_municipality_code', 'g.name', sql`substr(p.date, 1, 4)`])
      .execute(),
  ]);
  type QuotaRow = { code: string; municipality: string; year: number; agreed: number | null; kind: string | null; realised: number };
  const quotaMap = new Map<string, QuotaRow>();
  for (const q of quotas) {
    quotaMap.set(`${q.municipality_code}|${q.year}`, {
      code: q.municipality_code,
      municipality: q.municipality ?? q.municipality_code,
      year: q.year,
      agreed: q.agreed,
      kind: q.kind,
      realised: 0,
    });
  }
  for (const r of realisedRows) {
    const key = `${r.municipality_code}|${r.year}`;
    const row = quotaMap.get(key) ?? { code: r.municipality_code, municipality: r.municipality ?? r.municipality_code, year: r.year, agreed: null, kind: null, realised: 0 };
    row.realised = Number(r.n);
    quotaMap.set(key, row);
  }
  const quotaList = [...quotaMap.entries()].sort(([, a], [, b]) => a.municipality.localeCompare(b.municipality, 'nl') || a.year - b.year);
  const quotaRows = quotaList.map(([key, q]) => {
    const cells: RowCells<typeof QUOTA_COLUMNS> = {
      municipality: q.municipality,
      year: q.year,
      kind: q.kind ? QUOTA_KIND_LABELS[QuotaKind.catch('target').parse(q.kind)] : NO_AGREEMENT,
      agreed: q.agreed,
      realised: q.realised,
      remaining: q.agreed === null ? null : q.agreed - q.realised,
      realisation: q.agreed ? Math.round((q.realised / q.agreed) * 1000) / 10 : null,
    };
    return { key, cells };
  });

  // The figures: counts of what the tables show.
  const decided = shown.map(([key]) => decisionOf.get(key)).filter((d) => d !== undefined);
  const withAgreement = quotaList.filter(([, q]) => q.agreed !== null).map(([, q]) => q);
  const values: Record<string, Cell> = {
    proposals: shown.length,
    accepted: decided.filter((d) => d.decision !== 'declined').length,
    declined: decided.filter((d) => d.decision === 'declined').length,
    pending: shown.length - decided.length,
    placed: placements.length,
    realised: withAgreement.reduce((n, q) => n + q.realised, 0),
    agreed: withAgreement.reduce((n, q) => n + (q.agreed ?? 0), 0),
  };
  const reasonFigures = DECLINE_REASONS.map((r) => ({ key: declineFigureKey(r), label: declineFigureLabel(DECLINE_REASON_LABELS[r]), type: 'count' as const }));
  for (const r of DECLINE_REASONS) {
    values[declineFigureKey(r)] = decided.filter((d) => d.decision === 'declined' && DeclineReason.catch('other').parse(d.decline_reason ?? 'other') === r).length;
  }
  const declinedAt = FIGURES.findIndex((f) => f.key === 'declined') + 1;
  const figureDefs = [...FIGURES.slice(0, declinedAt), ...reasonFigures, ...FIGURES.slice(declinedAt)];

  const named = new Set<string>([...shownClientIds, ...placementRows.flatMap((r) => (typeof r.cells.code === 'string' ? [r.cells.code] : []))]);
  const withNote = (base: string, extra: string | null) => (extra ? `${base} ${extra}` : base);
  return {
    report: 'corporation',
    title: title(),
    subject: subject(corporationName),
    period,
    filters: [],
    generatedAt: ctx.now().toISOString(),
    generatedBy: generatedBy(ctx),
    privacy: PRIVACY,
    smallNumbers: null,
    clients: named.size,
    sections: [
      figuresSection(SECTIONS.figures, figureDefs, values),
      tableSection(SECTIONS.proposals, PROPOSAL_COLUMNS, proposalRows, withNote(SECTIONS.proposals.note, withheld ? withheldNote(withheld) : null)),
      tableSection(SECTIONS.households, HOUSEHOLD_COLUMNS, householdRows),
      tableSection(SECTIONS.decisions, DECISION_COLUMNS, decisionRows),
      tableSection(
        SECTIONS.placements,
        PLACEMENT_COLUMNS,
        placementRows,
        withNote(SECTIONS.placements.note, placementsWithoutCode ? placementWithheldNote(placementsWithoutCode) : null),
      ),
      tableSection(SECTIONS.quota, QUOTA_COLUMNS, quotaRows),
    ],
  };
}

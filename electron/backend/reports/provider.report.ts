// The care provider's match report (reports.provider): that provider's clients only — status, waiting
// time and next step per client, the decisions on their proposals and their placements with follow-up —
// for a period or one round. Names only where the client's consent covers this provider. Node only.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { ProviderReportInput } from '../../../shared/api/reports.contract';
import { AppError } from '../../../shared/api/result';
import { DECLINE_REASON_LABELS, DeclineReason, type PlacementRow } from '../../../shared/api/rounds.contract';
import { CLIENT_GROUP_LABELS, ClientGroup, UNIT_KIND_LABELS, UnitKind } from '../../../shared/domain/codes';
import { mayShareWith } from '../../../shared/domain/consent';
import { turnedDownRemark } from '../../../shared/domain/offer-history';
import { monthsBetween } from '../../../shared/engine/score';
import { CLIENT_ANSWER_LABELS, DECISION_LABELS } from '../../../shared/reports/definitions/minutes';
import {
  CANDIDATE_COLUMNS,
  DECISION_COLUMNS,
  FIGURES,
  type FigureKey,
  PLACEMENT_COLUMNS,
  PRIVACY,
  REMOVED_CODE,
  SECTIONS,
  STATUS_WORDS,
  subject,
  title,
} from '../../../shared/reports/definitions/provider';
import { calendarDay, formatLongDate } from '../../../shared/reports/format-nl';
import type { Cell, ReportDoc, RowCells } from '../../../shared/reports/report-doc';
import { readTurnedDownOffers } from '../repos/offers.repo';
import { readPlacements, readRoundRow } from '../repos/rounds.repo';
import { currentPolicy } from '../services/region.service';
import { followupItems } from '../services/rounds.service';
import type { ReportContext } from './report-context';
import {
  type Period,
  consentsOf,
  figuresSection,
  generatedBy,
  latestProposalPairs,
  median,
  nextDay,
  organisationName,
  reportPeriod,
  tableSection,
  todayOf,
} from './report-queries';

type Input = z.infer<typeof ProviderReportInput>;

const groupLabel = (g: string) => CLIENT_GROUP_LABELS[ClientGroup.catch('BW').parse(g)];
const kindLabel = (k: string | null | undefined) => (k ? UNIT_KIND_LABELS[UnitKind.catch('regular').parse(k)] : null);
const decisionLabel = (d: string) => DECISION_LABELS[d as keyof typeof DECISION_LABELS] ?? d;
const answerLabel = (a: string) => CLIENT_ANSWER_LABELS[a as keyof typeof CLIENT_ANSWER_LABELS] ?? a;
const reasonLabel = (r: string | null) => (r ? DECLINE_REASON_LABELS[DeclineReason.catch('other').parse(r)] : null);
const dateOrUnknown = (what: string, d: string | null) => `${what} ${d ? formatLongDate(d) : 'nog niet bekend'}`;

/** A check of the follow-up in words: "Nog gehuisvest (4 juni 2027)", "Gepland 4 juni 2027", "Te laat (gepland …)". */
function checkText(p: PlacementRow, month: number, today: string): string | null {
  // Only placements the table follows up have checks (the rule of the follow-up to-do list).
  if (p.roundId === null && p.moveInDate === null) return null;
  const c = p.checks.find((x) => x.month === month);
  if (!c) return null;
  if (c.checkedAt) {
    return `${c.stillHoused ? 'Nog gehuisvest' : 'Niet meer gehuisvest'}${c.relapse ? ', terugval' : ''} (${formatLongDate(c.checkedAt)})`;
  }
  return c.dueDate < today ? `Te laat (gepland ${formatLongDate(c.dueDate)})` : `Gepland ${formatLongDate(c.dueDate)}`;
}

/** Whole months from woonrijp to today, or to the placement; none for an archived client. */
function waitMonthsOf(today: string) {
  return (ready: string | null, status: string, placedOn: string | null): number | null => {
    if (!ready || status === 'archived') return null;
    if (status === 'placed') return placedOn ? monthsBetween(ready, placedOn) : null;
    return monthsBetween(ready, today);
  };
}

/**
 * The day (in Dutch time) of a moment, memoised by its UTC hour: the offset is whole hours, so the hour
 * decides the day, and a long list of decisions formats each hour once.
 */
function dayOfMoment() {
  const days = new Map<string, string | null>();
  return (iso: string): string | null => {
    const hour = /^(\d{4}-\d{2}-\d{2}T\d{2}):\d{2}:\d{2}(\.\d+)?Z$/.exec(iso)?.[1];
    if (!hour) return calendarDay(iso);
    if (!days.has(hour)) days.set(hour, calendarDay(`${hour}:00:00.000Z`));
    return days.get(hour) ?? null;
  };
}

export async function buildProviderReport(ctx: ReportContext, input: Input): Promise<ReportDoc> {
  const { db } = ctx;
  const providerId = input.careProviderId;
  const providerName = await organisationName(db, 'care_providers', providerId);
  const today = todayOf(ctx);
  const round = input.roundId !== undefined ? await readRoundRow(db, input.roundId) : null;
  if (input.roundId !== undefined && !round) throw new AppError('NOT_FOUND', `Ronde ${input.roundId} bestaat niet.`);
  if (round && (input.from !== undefined || input.to !== undefined)) {
    throw new AppError('VALIDATION', 'Kies een ronde of een periode, niet allebei.');
  }
  const period: Period | null = round ? null : reportPeriod(ctx, input.from, input.to);

  // The provider's clients (the Kandidaten table): its register, or its clients in the round.
  const ownClients = db.selectFrom('clients').select('id').where('care_provider_id', '=', providerId);
  let candidatesQuery = db
    .selectFrom('clients as c')
    .select(['c.id', 'c.name', 'c.target_group', 'c.ready_date', 'c.status', 'c.housing_first'])
    .where('c.care_provider_id', '=', providerId);
  if (round) candidatesQuery = candidatesQuery.where('c.id', 'in', db.selectFrom('round_clients').select('client_id').where('round_id', '=', round.id));
  const candidates = await candidatesQuery.orderBy('c.id').execute();
  const candidateIds = candidates.map((c) => c.id);
  const candidateSet = new Set(candidateIds);

  const policy = await currentPolicy(db, today);
  const items = policy?.settings.readinessItems ?? [];
  const [consents, doneRows] = await Promise.all([
    consentsOf(db, candidateIds),
    items.length && candidateIds.length
      ? db
          .selectFrom('client_readiness')
          .select(['client_id', 'item'])
          .where('done', '=', 1)
          .where('item', 'in', items.map((i) => i.key))
          .where('client_id', 'in', ownClients)
          .execute()
      : Promise.resolve([]),
  ]);
  const done = new Map<string, Set<string>>();
  for (const r of doneRows) done.set(r.client_id, (done.get(r.client_id) ?? new Set()).add(r.item));
  const openItems = (id: string) => items.filter((i) => !done.get(id)?.has(i.key)).map((i) => i.label);

  // Placements of the provider: a client's by the client's provider today, an erased client's
  // (no client record) by the provider recorded with the placement.
  const ownPlacement = sql<boolean>`(p.client_id in (select id from clients where care_provider_id = ${providerId})
    or (p.client_id is null and p.care_provider_id = ${providerId}))`;
  const inScope = round ? sql<boolean>`p.round_id = ${round.id}` : sql<boolean>`p.date >= ${period!.from} and p.date <= ${period!.to}`;
  const placementFacts = await db
    .selectFrom('placements as p')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('clients as c', 'c.id', 'p.client_id')
    .select(['p.id', 'p.client_id', 'p.date', 'p.unit_kind', 'u.kind as current_kind', 'p.ready_date', 'c.ready_date as client_ready_date'])
    .select(sql<number>`case when ${inScope} then 1 else 0 end`.as('in_scope'))
    .where(ownPlacement)
    .where((eb) => eb.or([inScope, eb('p.client_id', 'in', ownClients)]))
    .orderBy('p.date')
    .orderBy('p.id')
    .execute();
  // Follow-up details (dates, checks) only of the placements shown: those in scope and each client's latest.
  const latestIdOf = new Map<string, string>();
  for (const f of placementFacts) if (f.client_id && candidateSet.has(f.client_id)) latestIdOf.set(f.client_id, f.id); // ordered by date: the last wins
  const detailIds = new Set([...placementFacts.filter((f) => f.in_scope === 1).map((f) => f.id), ...latestIdOf.values()]);
  const placementRows = new Map((await readPlacements(db, { ids: [...detailIds] })).map((p) => [p.id, p]));
  const factsOf = new Map(placementFacts.map((f) => [f.id, f]));
  /** The kind of the home: as it is now, or as recorded with the placement when the home is gone. */
  const placedKind = (id: string) => kindLabel(factsOf.get(id)?.current_kind ?? factsOf.get(id)?.unit_kind);
  const latestPlacementOf = new Map<string, PlacementRow>();
  for (const [clientId, id] of latestIdOf) {
    const row = placementRows.get(id);
    if (row) latestPlacementOf.set(clientId, row);
  }
  const followup = followupItems([...latestPlacementOf.values()], today);
  const nextOf = new Map<string, (typeof followup)[number]>();
  for (const item of followup) if (item.clientId && !nextOf.has(item.clientId)) nextOf.set(item.clientId, item);

  // Where each client stands in the rounds: decisions (latest round first), pairs of open rounds'
  // latest proposals, clients set aside in open rounds.
  const ownPair = sql<boolean>`p.client_id in (select id from clients where care_provider_id = ${providerId})`;
  const [decisionsOfClients, openPairs, openSetAside] = await Promise.all([
    candidateIds.length
      ? db
          .selectFrom('round_decisions as d')
          .innerJoin('rounds as r', 'r.id', 'd.round_id')
          .select(['d.round_id', 'd.client_id', 'd.decision', 'd.decline_reason', 'd.client_answer', 'r.date', 'r.status'])
          .where('d.client_id', 'in', ownClients)
          .orderBy('r.date', 'desc')
          .orderBy('r.id', 'desc')
          .orderBy('d.decided_at', 'desc')
          .execute()
      : Promise.resolve([]),
    latestProposalPairs(db, sql<boolean>`r.status != 'closed'`, ownPair),
    db
      .selectFrom('round_controls as k')
      .innerJoin('rounds as r', 'r.id', 'k.round_id')
      .select(['k.client_id', 'r.id as round_id'])
      .where('k.kind', '=', 'set-aside-client')
      .where('k.lifted_at', 'is', null)
      .where('r.status', '!=', 'closed')
      .where('k.client_id', 'in', ownClients)
      .execute(),
  ]);
  const roundDates = new Map<number, string>();
  const openRoundIds = new Set<number>();
  for (const d of decisionsOfClients) {
    roundDates.set(d.round_id, d.date);
    if (d.status !== 'closed') openRoundIds.add(d.round_id);
  }
  const missingDates = [...new Set(openPairs.map((p) => p.roundId))].filter((id) => !roundDates.has(id));
  if (missingDates.length) {
    for (const r of await db.selectFrom('rounds').select(['id', 'date']).where('id', 'in', missingDates).execute()) roundDates.set(r.id, r.date);
  }
  for (const p of openPairs) openRoundIds.add(p.roundId);
  const firstDecision = new Map<string, (typeof decisionsOfClients)[number]>();
  for (const d of decisionsOfClients) if (!firstDecision.has(d.client_id)) firstDecision.set(d.client_id, d);
  const openPairOf = new Map<string, number>();
  for (const p of openPairs.sort((a, b) => (roundDates.get(b.roundId) ?? '').localeCompare(roundDates.get(a.roundId) ?? '') || b.roundId - a.roundId)) {
    if (!openPairOf.has(p.clientId)) openPairOf.set(p.clientId, p.roundId);
  }
  const setAsideIn = new Map(openSetAside.map((k) => [k.client_id ?? '', k.round_id]));
  const turnedDownOf = await readTurnedDownOffers(db, candidateIds);

  type Stand = { status: string; nextStep: string | null; nextDate: string | null; waiting: boolean };
  const standOf = (c: (typeof candidates)[number], ready: boolean): Stand => {
    const none = { nextStep: null, nextDate: null, waiting: false };
    if (c.status === 'placed') {
      const p = latestPlacementOf.get(c.id);
      const next = nextOf.get(c.id);
      const status = p
        ? `${STATUS_WORDS.placed}: ${[p.destinationMunicipality || null, placedKind(p.id), dateOrUnknown('verhuisdatum', p.moveInDate), dateOrUnknown('start begeleiding', p.supportStart)].filter(Boolean).join(', ')}`
        : STATUS_WORDS.placed;
      return { ...none, status, nextStep: next ? `${next.label}${next.overdue ? ' (te laat)' : ''}` : null, nextDate: next?.date ?? null };
    }
    if (c.status === 'archived') return { ...none, status: STATUS_WORDS.archived };
    if (c.status === 'set-aside') return { ...none, status: STATUS_WORDS.setAside };
    const decision = firstDecision.get(c.id);
    const proposedIn = openPairOf.get(c.id);
    // An open round's decision on this client, or its proposal still without one.
    if (decision && openRoundIds.has(decision.round_id) && (proposedIn === undefined || proposedIn === decision.round_id)) {
      const reason = reasonLabel(decision.decline_reason);
      const status = `Ronde ${decision.round_id}: ${decisionLabel(decision.decision).toLowerCase()}${decision.decision === 'declined' && reason ? ` (${reason})` : ''}; antwoord cliënt: ${answerLabel(decision.client_answer).toLowerCase()}`;
      const roundDate = roundDates.get(decision.round_id) ?? null;
      if (decision.decision === 'declined') return { ...none, status };
      if (decision.client_answer === 'pending') return { ...none, status, nextStep: 'Antwoord van de cliënt', nextDate: roundDate };
      if (decision.client_answer === 'accepted') return { ...none, status, nextStep: `Plaatsing bij het sluiten van ronde ${decision.round_id}`, nextDate: roundDate };
      return { ...none, status };
    }
    if (proposedIn !== undefined) {
      return { ...none, status: `Voorgesteld in ronde ${proposedIn}`, nextStep: 'Besluit van de corporatie', nextDate: roundDates.get(proposedIn) ?? null };
    }
    const parkedIn = setAsideIn.get(c.id);
    if (parkedIn !== undefined) return { ...none, status: `${STATUS_WORDS.setAside} in ronde ${parkedIn}` };
    // The latest offer turned down, by the corporation or the client (the reading clients.get shows too).
    const turnedDown = turnedDownOf.get(c.id)?.[0];
    const earlier = turnedDown ? ` (${turnedDownRemark(turnedDown)})` : '';
    return ready ? { ...none, status: `${STATUS_WORDS.waiting}${earlier}`, waiting: true } : { ...none, status: `${STATUS_WORDS.notReady}${earlier}` };
  };

  const waitMonths = waitMonthsOf(today);
  let readyCount = 0;
  let waitingCount = 0;
  const candidateRows = candidates.map((c) => {
    const open = openItems(c.id);
    const active = c.status === 'active';
    // Housing First skips the readiness gate (as rounds.create does).
    const ready = active && (c.housing_first === 1 || open.length === 0);
    if (ready) readyCount++;
    const stand = standOf(c, ready);
    if (stand.waiting) waitingCount++;
    const placedOn = c.status === 'placed' ? (latestPlacementOf.get(c.id)?.date ?? null) : null;
    const cells: RowCells<typeof CANDIDATE_COLUMNS> = {
      code: c.id,
      name: mayShareWith(consents.get(c.id) ?? [], 'care-provider', providerId, today) ? (c.name ?? null) : null,
      group: groupLabel(c.target_group),
      readySince: c.ready_date,
      openItems:
        c.status === 'placed' || c.status === 'archived' ? null : c.housing_first === 1 ? 'Niet nodig (Housing First)' : open.length ? open.join('; ') : 'Geen',
      status: stand.status,
      waitMonths: waitMonths(c.ready_date, c.status, placedOn),
      nextStep: stand.nextStep,
      nextDate: stand.nextDate,
    };
    return { key: c.id, cells };
  });

  // Voorstellen en besluiten: every decision on this provider's clients recorded in the period (or the round).
  let decisionsQuery = db
    .selectFrom('round_decisions as d')
    .innerJoin('rounds as r', 'r.id', 'd.round_id')
    .leftJoin('units as u', 'u.id', 'd.unit_id')
    .leftJoin('municipalities as g', 'g.code', 'u.municipality_code')
    .select(['d.round_id', 'r.date as round_date', 'd.decided_at', 'd.client_id', 'd.unit_id', 'g.name as municipality', 'u.kind', 'd.decision', 'd.decline_reason', 'd.client_answer'])
    .where('d.client_id', 'in', ownClients);
  decisionsQuery = round
    ? decisionsQuery.where('d.round_id', '=', round.id)
    : decisionsQuery.where('d.decided_at', '>=', period!.from).where('d.decided_at', '<', nextDay(period!.to));
  const decisions = await decisionsQuery.orderBy('d.decided_at').orderBy('d.round_id').orderBy('d.client_id').execute();
  const dayOf = dayOfMoment();
  const decisionRows = decisions.map((d) => {
    const cells: RowCells<typeof DECISION_COLUMNS> = {
      round: d.round_id,
      roundDate: d.round_date,
      decidedAt: dayOf(d.decided_at),
      code: d.client_id,
      municipality: d.municipality ?? null,
      kind: kindLabel(d.kind),
      decision: decisionLabel(d.decision),
      reason: d.decision === 'declined' ? reasonLabel(d.decline_reason) : null,
      clientAnswer: answerLabel(d.client_answer),
    };
    return { key: `${d.round_id}|${d.client_id}|${d.unit_id}`, cells };
  });

  // Plaatsingen in the period (or made by the round), with the follow-up.
  const inScopePlacements = placementFacts.filter((f) => f.in_scope === 1);
  const placementTableRows = inScopePlacements.flatMap((f) => {
    const p = placementRows.get(f.id);
    if (!p) return [];
    const cells: RowCells<typeof PLACEMENT_COLUMNS> = {
      code: p.clientId ?? REMOVED_CODE,
      date: p.date,
      round: p.roundId,
      municipality: p.destinationMunicipality || null,
      kind: placedKind(f.id),
      moveIn: p.moveInDate,
      supportStart: p.supportStart,
      reviewDate: p.reviewDate,
      leaseTransfer: p.leaseTransferDate,
      check6: checkText(p, 6, today),
      check12: checkText(p, 12, today),
      check24: checkText(p, 24, today),
    };
    return [{ key: p.id, cells }];
  });

  // The figures.
  const proposedPairs = await latestProposalPairs(
    db,
    round ? sql<boolean>`r.id = ${round.id}` : sql<boolean>`r.date >= ${period!.from} and r.date <= ${period!.to}`,
    ownPair,
  );
  const decidedInRounds = round
    ? decisions.map((d) => d.client_id)
    : (
        await db
          .selectFrom('round_decisions as d')
          .innerJoin('rounds as r', 'r.id', 'd.round_id')
          .select('d.client_id')
          .distinct()
          .where('r.date', '>=', period!.from)
          .where('r.date', '<=', period!.to)
          .where('d.client_id', 'in', ownClients)
          .execute()
      ).map((d) => d.client_id);
  const proposed = new Set([...proposedPairs.map((p) => p.clientId), ...decidedInRounds]);
  const waits = inScopePlacements.flatMap((f) => {
    const ready = f.ready_date ?? f.client_ready_date;
    return ready ? [monthsBetween(ready, f.date)] : [];
  });
  const values: Record<FigureKey, Cell> = {
    inRegister: candidates.length,
    ready: readyCount,
    waiting: waitingCount,
    proposed: proposed.size,
    accepted: new Set(decisions.filter((d) => d.decision !== 'declined').map((d) => d.client_id)).size,
    declined: decisions.filter((d) => d.decision === 'declined').length,
    placed: inScopePlacements.length,
    medianWait: median(waits),
  };
  const inRound = (s: string) => (round ? s.replace('in de periode', 'in de ronde').replace('het register (of in de ronde)', 'de ronde') : s);
  const figureDefs = FIGURES.map((f) => ({ ...f, label: inRound(f.label), ...('hint' in f ? { hint: inRound(f.hint) } : {}) }));

  const named = new Set<string>([...candidateIds, ...decisions.map((d) => d.client_id), ...inScopePlacements.flatMap((p) => (p.client_id ? [p.client_id] : []))]);
  return {
    report: 'provider',
    title: title(),
    subject: subject(providerName),
    period,
    filters: round ? [`Ronde ${round.id} van ${formatLongDate(round.date)}`] : [],
    generatedAt: ctx.now().toISOString(),
    generatedBy: generatedBy(ctx),
    privacy: PRIVACY,
    smallNumbers: null,
    clients: named.size,
    sections: [
      figuresSection(SECTIONS.figures, figureDefs, values),
      tableSection(SECTIONS.candidates, CANDIDATE_COLUMNS, candidateRows),
      tableSection(SECTIONS.decisions, DECISION_COLUMNS, decisionRows),
      tableSection(SECTIONS.placements, PLACEMENT_COLUMNS, placementTableRows),
    ],
  };
}

// The minutes of a round (report 'minutes'): every decision with its reason and who recorded it, what
// was locked, forbidden or set aside and why, and the placements the close made with their follow-up
// dates. A round not yet closed gives a draft. Pseudonymous throughout. Node only.
import type { z } from 'zod';
import type { RoundReportInput } from '../../../shared/api/reports.contract';
import { DECLINE_REASON_LABELS } from '../../../shared/api/rounds.contract';
import { CONTRACT_FORM_LABELS, UNIT_KIND_LABELS } from '../../../shared/domain/codes';
import { formatMoment } from '../../../shared/domain/moments';
import {
  CLIENT_ANSWER_LABELS,
  CONTROL_COLUMNS,
  CONTROL_KIND_LABELS,
  DECISION_COLUMNS,
  DECISION_LABELS,
  DRAFT_LINE,
  DRAFT_TITLE,
  FOLLOW_UP_COLUMNS,
  FORBID_BY_DECLINE,
  MEMBER_COLUMNS,
  PLACEMENT_COLUMNS,
  PRIVACY,
  SECTIONS,
  SUMMARY_FIGURES,
  TITLE,
} from '../../../shared/reports/definitions/minutes';
import { formatLongDate, plural } from '../../../shared/reports/format-nl';
import type { ReportDoc, ReportSection, RowCells } from '../../../shared/reports/report-doc';
import { readClientMembers, readControls, readDecisions, readPlacements, readUnitMembers } from '../repos/rounds.repo';
import { KEYED, displayNames, latestVersion, nameScrubber, requireRound, roundSubject, windowLine } from './agenda.report';
import type { ReportContext } from './report-context';
import { figuresSection, generatedBy, tableSection } from './report-queries';

type Input = z.infer<typeof RoundReportInput>;

const moment = (iso: string | null): string | null => (iso ? formatMoment(iso) : null);

export async function buildMinutes(ctx: ReportContext, input: Input): Promise<ReportDoc> {
  const round = await requireRound(ctx.db, input.roundId);
  const closed = round.status === 'closed';
  const [decisions, controls, placements, clientMembers, unitMembers, latest] = await Promise.all([
    readDecisions(ctx.db, round.id),
    readControls(ctx.db, round.id),
    readPlacements(ctx.db, { roundId: round.id }),
    readClientMembers(ctx.db, round.id),
    readUnitMembers(ctx.db, round.id),
    latestVersion(ctx.db, round.id),
  ]);
  const units = new Map(unitMembers.map((u) => [u.id, u]));
  const corporations = new Map((await ctx.db.selectFrom('corporations').select(['id', 'name']).execute()).map((c) => [c.id, c.name]));
  const manualClients = clientMembers.filter((m) => m.manual);
  const manualUnits = unitMembers.filter((m) => m.manual);

  const named = new Set<string>([
    ...decisions.map((d) => d.clientId),
    ...controls.flatMap((c) => (c.clientId ? [c.clientId] : [])),
    ...placements.flatMap((p) => (p.clientId ? [p.clientId] : [])),
    ...manualClients.map((m) => m.id),
  ]);
  const scrub = await nameScrubber(ctx.db, [...named]);
  const free = (text: string | null): string | null => (text ? scrub(text) : null);
  const who = await displayNames(ctx.db, [
    ...decisions.map((d) => d.decidedBy),
    ...controls.flatMap((c) => [c.createdBy, c.liftedBy]),
    round.closed_by,
  ]);

  const decisionRows = decisions.map((d) => {
    const u = units.get(d.unitId);
    return {
      key: `${d.clientId}|${d.unitId}`,
      cells: {
        client: d.clientId,
        unit: d.unitId,
        municipality: u?.municipality || null,
        corporation: u ? u.corporation || (corporations.get(u.corporationId) ?? u.corporationId) : null,
        version: d.version,
        decision: DECISION_LABELS[d.decision],
        conditions: free(d.conditions),
        declineReason: d.declineReason ? DECLINE_REASON_LABELS[d.declineReason] : null,
        clientAnswer: CLIENT_ANSWER_LABELS[d.clientAnswer],
        note: free(d.note),
        // "Anna de Voorzitter namens J. de Vries": who entered it, for the corporation's contact person.
        by: d.onBehalfOf ? `${who(d.decidedBy)} namens ${d.onBehalfOf}` : who(d.decidedBy),
        at: moment(d.decidedAt),
      } satisfies RowCells<typeof DECISION_COLUMNS>,
    };
  });

  const controlRows = controls.map((c) => ({
    key: `control-${c.id}`,
    cells: {
      kind: c.kind === 'forbid' && c.source === 'decision' ? FORBID_BY_DECLINE : CONTROL_KIND_LABELS[c.kind],
      client: c.clientId,
      unit: c.unitId,
      reason: scrub(c.reason),
      by: who(c.createdBy),
      at: moment(c.createdAt),
      lifted: c.lifted ? [moment(c.liftedAt), who(c.liftedBy)].filter(Boolean).join(' door ') || 'Ja' : 'Nee',
      liftReason: free(c.liftReason),
    } satisfies RowCells<typeof CONTROL_COLUMNS>,
  }));

  const memberRows = [
    ...manualClients.map((m) => ({ what: 'Kandidaat', code: m.id, included: m.included, reason: m.reason })),
    ...manualUnits.map((m) => ({ what: 'Woning', code: m.id, included: m.included, reason: m.reason })),
  ].map((m) => ({
    key: `${m.what}|${m.code}`,
    cells: {
      what: m.what,
      code: m.code,
      change: m.included ? 'Toegevoegd' : 'Uit de ronde gehaald',
      reason: free(m.reason),
    } satisfies RowCells<typeof MEMBER_COLUMNS>,
  }));

  const placementRows = placements.map((p) => {
    const u = p.unitId ? units.get(p.unitId) : undefined;
    const corporation = p.corporationId ? (corporations.get(p.corporationId) ?? p.corporationId) : null;
    return {
      key: p.id,
      cells: {
        client: p.clientId,
        unit: p.unitId,
        municipality: p.destinationMunicipality || u?.municipality || null,
        kind: p.unitKind ? UNIT_KIND_LABELS[p.unitKind] : u ? UNIT_KIND_LABELS[u.kind] : null,
        corporation,
        date: p.date,
        contractForm: p.contractForm ? CONTRACT_FORM_LABELS[p.contractForm] : null,
      } satisfies RowCells<typeof PLACEMENT_COLUMNS>,
    };
  });
  const followUpRows = placements.map((p) => {
    const due = (month: number) => p.checks.find((c) => c.month === month)?.dueDate ?? null;
    return {
      key: p.id,
      cells: {
        client: p.clientId,
        unit: p.unitId,
        moveIn: p.moveInDate,
        supportStart: p.supportStart,
        review: p.reviewDate,
        leaseTransfer: p.leaseTransferDate,
        check6: due(6),
        check12: due(12),
        check24: due(24),
      } satisfies RowCells<typeof FOLLOW_UP_COLUMNS>,
    };
  });

  const count = (pred: (d: (typeof decisions)[number]) => boolean) => decisions.filter(pred).length;
  const closedBy = who(round.closed_by);
  const status = closed
    ? `Gesloten${round.closed_at ? ` op ${formatLongDate(round.closed_at)}` : ''}${closedBy ? ` door ${closedBy}` : ''}`
    : DRAFT_LINE;
  const sections: ReportSection[] = [
    figuresSection(SECTIONS.summary, SUMMARY_FIGURES, {
      date: round.date,
      status,
      version: latest?.summary.version ?? null,
      note: round.note.trim() ? scrub(round.note.trim().replace(/\s*\n\s*/g, ' — ')) : null,
      decisions: decisions.length,
      accepted: count((d) => d.decision === 'accepted'),
      acceptedConditions: count((d) => d.decision === 'accepted-conditions'),
      declined: count((d) => d.decision === 'declined'),
      clientRefused: count((d) => d.clientAnswer === 'refused'),
      clientPending: count((d) => d.clientAnswer === 'pending'),
      controls: controls.length,
      placements: placements.length,
    }, KEYED),
    tableSection(SECTIONS.decisions, DECISION_COLUMNS, decisionRows),
    tableSection(SECTIONS.controls, CONTROL_COLUMNS, controlRows),
    ...(memberRows.length ? [tableSection(SECTIONS.members, MEMBER_COLUMNS, memberRows)] : []),
    tableSection(SECTIONS.placements, PLACEMENT_COLUMNS, placementRows),
    tableSection(SECTIONS.followUp, FOLLOW_UP_COLUMNS, followUpRows),
  ];
  const filters = [windowLine(round)];
  if (!closed) filters.unshift(DRAFT_LINE);
  filters.push(
    `${plural(decisions.length, 'besluit', 'besluiten')}, ${plural(placements.length, 'plaatsing', 'plaatsingen')}${closed ? '' : ' (plaatsingen volgen bij het sluiten)'}`,
  );
  return {
    report: 'minutes',
    title: closed ? TITLE : DRAFT_TITLE,
    subject: roundSubject(round),
    period: null,
    filters,
    generatedAt: ctx.now().toISOString(),
    generatedBy: generatedBy(ctx),
    privacy: PRIVACY,
    smallNumbers: null,
    clients: named.size,
    sections,
  };
}

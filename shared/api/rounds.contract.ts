// API methods of the uitstroomtafel round: prepare (members), adjust (controls), propose (a job),
// compare, decide, close, and follow up the resulting placements. Merged into contract.ts. Pure TypeScript.
import { z } from 'zod';
import { ClientGroup, ContractForm, UnitKind } from '../domain/codes';
import { Id, IsoDate, Line, OUT_MAX, Text } from '../domain/primitives';
import { Figures, Optimality, Proposal, Reason, RoundControls, Strategy } from '../engine/round.schema';
import { PAIR_FATES } from '../domain/round-outcome';
import { PlanningValues, RoundPlanningChoice } from '../domain/round-planning';
import type { MethodSpec } from './method-spec';
import { ExpectedVersion, RecordVersion } from './record-version';

export const ROUND_STATUSES = ['preparing', 'proposed', 'closed'] as const;
export const RoundStatus = z.enum(ROUND_STATUSES);
export type RoundStatus = z.infer<typeof RoundStatus>;

export const RoundId = z.number().int().min(1);

/**
 * A round's preparation is held by one chair at a time (issue 15, the regional server): every preparing
 * write takes or renews it, another chair's is refused while it is live. It expires after this many
 * minutes without a preparing write by its holder; a chair can also take it over explicitly.
 */
export const ROUND_LOCK_MINUTES = 15;

/** Who prepares the round now (a live lock only; none, or an expired one, is null). */
export const RoundLock = z.object({
  /** The holder's login name. */
  holder: z.string().max(OUT_MAX),
  /** The holder's display name (the login name when the account is unknown here). */
  holderName: z.string().max(OUT_MAX),
  /** When the holder took it (ISO). */
  since: z.string().max(OUT_MAX),
  /** The holder's last preparing write (ISO). */
  activity: z.string().max(OUT_MAX),
  /** When it expires without further activity (ISO). */
  expiresAt: z.string().max(OUT_MAX),
  /** True when the caller holds it. */
  mine: z.boolean(),
});
export type RoundLock = z.infer<typeof RoundLock>;

export const RoundSummary = z.object({
  id: z.number().int(),
  date: z.string().max(OUT_MAX),
  windowFrom: z.string().max(OUT_MAX),
  windowTo: z.string().max(OUT_MAX),
  note: z.string().max(OUT_MAX),
  status: RoundStatus,
  createdAt: z.string().max(OUT_MAX),
  createdBy: z.string().max(OUT_MAX),
  closedAt: z.string().max(OUT_MAX).nullable(),
  closedBy: z.string().max(OUT_MAX).nullable(),
  counts: z.object({
    clientsIncluded: z.number().int(),
    clientsExcluded: z.number().int(),
    unitsIncluded: z.number().int(),
    unitsExcluded: z.number().int(),
    versions: z.number().int(),
    decisions: z.number().int(),
    /** Placements the round made when it closed (0 while it is open). */
    placements: z.number().int(),
  }),
  /** The latest proposal version (`proposed`: its pairs), null before the first run. */
  latest: z.object({ version: z.number().int(), totalScore: z.number(), proposed: z.number().int() }).nullable(),
  /** Who prepares the round now; null when nobody does (or their lock expired, or the round is closed). */
  lock: RoundLock.nullable(),
});
export type RoundSummary = z.infer<typeof RoundSummary>;

export const RoundCreateInput = z
  .object({ date: IsoDate, windowFrom: IsoDate, windowTo: IsoDate, note: Text(2000).optional() })
  .strict()
  .refine((v) => v.windowFrom <= v.windowTo, { path: ['windowTo'], message: 'het einde van de periode ligt voor het begin' });
export type RoundCreateInput = z.infer<typeof RoundCreateInput>;

export const RoundClientMember = z.object({
  id: z.string().max(OUT_MAX),
  name: z.string().max(OUT_MAX).nullable(),
  group: ClientGroup,
  originMunicipalityCode: z.string().max(OUT_MAX),
  originMunicipality: z.string().max(OUT_MAX),
  housingFirst: z.boolean(),
  included: z.boolean(),
  /** Why not included (open readiness items, or the chair's reason), or the chair's reason to add. */
  reason: z.string().max(OUT_MAX),
  /** Open readiness items (labels) when the round was prepared. */
  openItems: z.array(z.string().max(OUT_MAX)),
  /** The chair added or dropped this member by hand. */
  manual: z.boolean(),
});
export type RoundClientMember = z.infer<typeof RoundClientMember>;

export const RoundUnitMember = z.object({
  id: z.string().max(OUT_MAX),
  address: z.string().max(OUT_MAX).nullable(),
  corporationId: z.string().max(OUT_MAX),
  corporation: z.string().max(OUT_MAX),
  municipalityCode: z.string().max(OUT_MAX),
  municipality: z.string().max(OUT_MAX),
  neighbourhoodCode: z.string().max(OUT_MAX).nullable(),
  neighbourhood: z.string().max(OUT_MAX).nullable(),
  kind: UnitKind,
  /** Euros. */
  rent: z.number(),
  availableFrom: z.string().max(OUT_MAX),
  included: z.boolean(),
  reason: z.string().max(OUT_MAX),
  manual: z.boolean(),
});
export type RoundUnitMember = z.infer<typeof RoundUnitMember>;

export const CONTROL_KINDS = ['lock', 'forbid', 'set-aside-client', 'set-aside-unit'] as const;
export const ControlKind = z.enum(CONTROL_KINDS);
export type ControlKind = z.infer<typeof ControlKind>;

export const RoundControl = z.object({
  id: z.number().int(),
  kind: ControlKind,
  clientId: z.string().max(OUT_MAX).nullable(),
  unitId: z.string().max(OUT_MAX).nullable(),
  reason: z.string().max(OUT_MAX),
  /** chair: added by hand; decision: a declined pair of this round (forbidden until lifted). */
  source: z.enum(['chair', 'decision']),
  createdAt: z.string().max(OUT_MAX),
  createdBy: z.string().max(OUT_MAX),
  lifted: z.boolean(),
  liftedAt: z.string().max(OUT_MAX).nullable(),
  liftedBy: z.string().max(OUT_MAX).nullable(),
  liftReason: z.string().max(OUT_MAX).nullable(),
});
export type RoundControl = z.infer<typeof RoundControl>;

export const ProposalVersionSummary = z.object({
  version: z.number().int(),
  strategy: Strategy,
  createdAt: z.string().max(OUT_MAX),
  createdBy: z.string().max(OUT_MAX),
  policyId: z.string().max(OUT_MAX).nullable(),
  totalScore: z.number(),
  optimality: Optimality,
  figures: Figures,
  greedyTotalScore: z.number(),
  greedyFigures: Figures,
  /** The controls the run used (including forbids from declined pairs). */
  controls: RoundControls,
});
export type ProposalVersionSummary = z.infer<typeof ProposalVersionSummary>;

export const DECISIONS = ['accepted', 'accepted-conditions', 'declined'] as const;
export const DecisionKind = z.enum(DECISIONS);
export const DECLINE_REASONS = ['client-refused', 'rent-debt', 'landlord-statement', 'liveability', 'other'] as const;
export const DeclineReason = z.enum(DECLINE_REASONS);
export const DECLINE_REASON_LABELS: Record<z.infer<typeof DeclineReason>, string> = {
  'client-refused': 'Cliënt weigert',
  'rent-debt': 'Corporatie weigert: huurschuld',
  'landlord-statement': 'Corporatie weigert: verhuurdersverklaring',
  liveability: 'Corporatie weigert: leefbaarheid',
  other: 'Overig',
};
export const CLIENT_ANSWERS = ['pending', 'accepted', 'refused'] as const;
export const ClientAnswer = z.enum(CLIENT_ANSWERS);

export const RoundDecision = z.object({
  version: z.number().int(),
  clientId: z.string().max(OUT_MAX),
  unitId: z.string().max(OUT_MAX),
  decision: DecisionKind,
  conditions: z.string().max(OUT_MAX).nullable(),
  declineReason: DeclineReason.nullable(),
  note: z.string().max(OUT_MAX),
  clientAnswer: ClientAnswer,
  /** The account that recorded the decision (login name; `people` has its display name). */
  decidedBy: z.string().max(OUT_MAX),
  decidedAt: z.string().max(OUT_MAX),
  /**
   * The corporation's contact person on whose behalf it was recorded: the liaison's name from a
   * decisions file, or the name the chair typed; null when not recorded.
   */
  onBehalfOf: z.string().max(OUT_MAX).nullable(),
});
export type RoundDecision = z.infer<typeof RoundDecision>;

/** What closing does (or did) with one pair of the latest version; see shared/domain/round-outcome.ts. */
export const PairOutcome = z.object({
  clientId: z.string().max(OUT_MAX),
  unitId: z.string().max(OUT_MAX),
  fate: z.enum(PAIR_FATES),
  by: z.enum(['corporation', 'client']).nullable(),
  declineReason: z.string().max(OUT_MAX).nullable(),
});
export type PairOutcome = z.infer<typeof PairOutcome>;

/**
 * A home held for an occupant (an omklap tenant) that closing the round frees, because the round places
 * that occupant in another home: the occupant is cleared and the home stays available to others.
 */
export const OmklapRelease = z.object({
  unitId: z.string().max(OUT_MAX),
  kind: z.string().max(OUT_MAX),
  /** The occupant who moves out, and the home they move to. */
  clientId: z.string().max(OUT_MAX),
  toUnitId: z.string().max(OUT_MAX),
});
export type OmklapRelease = z.infer<typeof OmklapRelease>;

/** A home still held for an occupant who no longer needs it: placed (elsewhere) or archived. */
export const HeldHome = z.object({
  unitId: z.string().max(OUT_MAX),
  kind: z.string().max(OUT_MAX),
  clientId: z.string().max(OUT_MAX),
  clientStatus: z.string().max(OUT_MAX),
  /** The home of the occupant's latest placement, when they have one. */
  placedAt: z.string().max(OUT_MAX).nullable(),
});
export type HeldHome = z.infer<typeof HeldHome>;

/**
 * How the round plans for later rounds (issue 14 item 1): the chair's choice for this round (the
 * policy's setting unless the chair chose otherwise), who chose it and when, and the values the next
 * proposal uses beside the policy's.
 */
export const RoundPlanningState = z.object({
  choice: RoundPlanningChoice,
  /** When and by whom the choice was last saved; null while the round has always followed the policy. */
  setAt: z.string().max(OUT_MAX).nullable(),
  setBy: z.string().max(OUT_MAX).nullable(),
  /** The policy's planning setting on the round's date. */
  policy: PlanningValues,
  /** What the next proposal uses: the round's choice over the policy's. */
  effective: PlanningValues,
});
export type RoundPlanningState = z.infer<typeof RoundPlanningState>;

export const RoundDetail = RoundSummary.extend({
  clients: z.array(RoundClientMember),
  units: z.array(RoundUnitMember),
  /** Every control, lifted ones included (marked). */
  controls: z.array(RoundControl),
  versions: z.array(ProposalVersionSummary),
  /** The current decision per pair (a later one replaces an earlier; history in the audit log). */
  decisions: z.array(RoundDecision),
  /**
   * Every pair of the latest version and what closing does with it (an open round: what it would do;
   * a closed round: what it did). Empty before the first proposal.
   */
  outcome: z.array(PairOutcome),
  /** The omklap homes closing frees (an open round: would free, from the pairs placed; a closed round: freed). */
  releases: z.array(OmklapRelease),
  /** Homes of the region still held for an occupant who was placed or archived: the chair should free them. */
  heldHomes: z.array(HeldHome),
  /** How this round plans for later rounds: the policy's setting or the round's own. */
  planning: RoundPlanningState,
  /** Display names of the users this round names (decided, closed, created by), by login name. */
  people: z.record(z.string().max(OUT_MAX), z.string().max(OUT_MAX)),
});
export type RoundDetail = z.infer<typeof RoundDetail>;

export const SetMemberInput = z
  .object({ roundId: RoundId, kind: z.enum(['client', 'unit']), id: Id, included: z.boolean(), reason: Reason })
  .strict();

export const AddControlInput = z
  .object({
    roundId: RoundId,
    kind: ControlKind,
    clientId: Id.optional(),
    unitId: Id.optional(),
    reason: Reason,
  })
  .strict()
  .superRefine((v, ctx) => {
    const needsClient = v.kind !== 'set-aside-unit';
    const needsUnit = v.kind === 'lock' || v.kind === 'forbid' || v.kind === 'set-aside-unit';
    if (needsClient && !v.clientId) ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'kies een cliënt' });
    if (needsUnit && !v.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'kies een woning' });
  });

export const LiftControlInput = z.object({ roundId: RoundId, controlId: z.number().int().min(1), reason: Reason }).strict();

/** The chair's planning setting for this round: follow the policy, spend everything now, or its own hold. */
export const SetPlanningInput = z.object({ roundId: RoundId, planning: RoundPlanningChoice }).strict();

export const ProposeInput = z.object({ roundId: RoundId, jobId: z.string().min(1).max(100).optional() }).strict();
export const ProposalPair = z.object({ proposal: Proposal, greedy: Proposal });

export const Pair = z.object({ clientId: z.string().max(OUT_MAX), unitId: z.string().max(OUT_MAX) });
export const CompareOutput = z.object({
  a: z.object({ version: z.number().int(), totalScore: z.number(), figures: Figures }),
  b: z.object({ version: z.number().int(), totalScore: z.number(), figures: Figures }),
  onlyInA: z.array(Pair),
  onlyInB: z.array(Pair),
  /** Clients placed in both versions, at a different unit. */
  moved: z.array(z.object({ clientId: z.string().max(OUT_MAX), fromUnitId: z.string().max(OUT_MAX), toUnitId: z.string().max(OUT_MAX) })),
  unchanged: z.array(Pair),
});
export type CompareOutput = z.infer<typeof CompareOutput>;

export const DecideInput = z
  .object({
    roundId: RoundId,
    version: z.number().int().min(1),
    clientId: Id,
    unitId: Id,
    decision: DecisionKind,
    conditions: Text(2000).optional(),
    declineReason: DeclineReason.optional(),
    note: Text(2000).optional(),
    clientAnswer: ClientAnswer,
    /** The corporation's contact person the chair records it for (a decision heard by phone); blank: not recorded. */
    onBehalfOf: Line(200).optional(),
    /**
     * When the decision this one replaces was recorded (its decidedAt), null when the pair had none:
     * a decision recorded meanwhile by someone else is not silently overwritten (STALE).
     */
    seenDecidedAt: z.string().max(40).nullable(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === 'accepted-conditions' && !v.conditions?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['conditions'], message: 'vul de voorwaarden in' });
    }
    if (v.decision === 'declined' && !v.declineReason) {
      ctx.addIssue({ code: 'custom', path: ['declineReason'], message: 'kies een reden van afwijzing' });
    }
  });

export const CloseOutput = z.object({
  placements: z.array(z.object({ id: z.string().max(OUT_MAX), clientId: z.string().max(OUT_MAX), unitId: z.string().max(OUT_MAX) })),
  /** How many pairs were recorded as declined (back to the pool). */
  declined: z.number().int(),
  /** Accepted by the corporation but the client's answer is not 'accepted': no placement. */
  notPlaced: z.array(Pair),
  /** Every pair of the latest version and what closing did with it: nothing accepted is dropped unsaid. */
  outcome: z.array(PairOutcome),
  /** The omklap homes freed because their occupant was placed in another home. */
  released: z.array(OmklapRelease),
});

// ---- Follow-up (nazorg) ----

export const CHECK_MONTHS = [6, 12, 24] as const;
export const CheckMonth = z.union([z.literal(6), z.literal(12), z.literal(24)]);

export const PlacementCheck = z.object({
  month: CheckMonth,
  dueDate: z.string().max(OUT_MAX),
  checkedAt: z.string().max(OUT_MAX).nullable(),
  stillHoused: z.boolean().nullable(),
  relapse: z.boolean().nullable(),
  note: z.string().max(OUT_MAX),
});

export const PlacementRow = z.object({
  id: z.string().max(OUT_MAX),
  clientId: z.string().max(OUT_MAX).nullable(),
  clientName: z.string().max(OUT_MAX).nullable(),
  unitId: z.string().max(OUT_MAX).nullable(),
  address: z.string().max(OUT_MAX).nullable(),
  unitKind: UnitKind.nullable(),
  date: z.string().max(OUT_MAX),
  originMunicipalityCode: z.string().max(OUT_MAX),
  destinationMunicipalityCode: z.string().max(OUT_MAX),
  destinationMunicipality: z.string().max(OUT_MAX),
  neighbourhoodCode: z.string().max(OUT_MAX).nullable(),
  complex: z.string().max(OUT_MAX).nullable(),
  corporationId: z.string().max(OUT_MAX).nullable(),
  roundId: z.number().int().nullable(),
  moveInDate: z.string().max(OUT_MAX).nullable(),
  supportStart: z.string().max(OUT_MAX).nullable(),
  contractForm: ContractForm.nullable(),
  /** Omklap: the date the sublet is reviewed. */
  reviewDate: z.string().max(OUT_MAX).nullable(),
  /** Omklap / Housing First: the lease moves to the client's own name. */
  leaseTransferDate: z.string().max(OUT_MAX).nullable(),
  /** 6/12/24-month checks, due from the move-in date (or the placement date). */
  checks: z.array(PlacementCheck),
  /** Raised by every follow-up change (dates, checks); updates send it back as expectedVersion. */
  version: RecordVersion,
});
export type PlacementRow = z.infer<typeof PlacementRow>;

export const PlacementUpdateInput = z
  .object({
    id: Id,
    moveInDate: IsoDate.nullable().optional(),
    supportStart: IsoDate.nullable().optional(),
    contractForm: ContractForm.nullable().optional(),
    reviewDate: IsoDate.nullable().optional(),
    leaseTransferDate: IsoDate.nullable().optional(),
    ...ExpectedVersion,
  })
  .strict();

export const PlacementCheckInput = z
  .object({
    id: Id,
    month: CheckMonth,
    /** Default: today. */
    checkedAt: IsoDate.optional(),
    stillHoused: z.boolean(),
    relapse: z.boolean(),
    note: Text(2000).optional(),
    ...ExpectedVersion,
  })
  .strict();

export const TODO_KINDS = ['move-in', 'support-start', 'review', 'lease-transfer', 'check'] as const;
export const TodoItem = z.object({
  date: z.string().max(OUT_MAX),
  kind: z.enum(TODO_KINDS),
  /** For checks: 6, 12 or 24. */
  month: CheckMonth.nullable(),
  placementId: z.string().max(OUT_MAX),
  clientId: z.string().max(OUT_MAX).nullable(),
  clientName: z.string().max(OUT_MAX).nullable(),
  unitId: z.string().max(OUT_MAX).nullable(),
  address: z.string().max(OUT_MAX).nullable(),
  /** Dutch, e.g. 'Controle na 6 maanden', 'Verhuisdatum', 'Omklapdatum (evaluatie)'. */
  label: z.string().max(OUT_MAX),
  /** A check whose due date has passed without being recorded. */
  overdue: z.boolean(),
});
export type TodoItem = z.infer<typeof TodoItem>;

export const roundsMethods = {
  'rounds.list': { kind: 'query', input: z.object({}).strict(), output: z.array(RoundSummary) },
  /** Gathers members: every active client (included when ready or Housing First) and units available and free by windowTo. */
  'rounds.create': { kind: 'mutation', input: RoundCreateInput, output: z.object({ id: z.number().int() }) },
  'rounds.get': { kind: 'query', input: z.object({ id: RoundId }).strict(), output: RoundDetail },
  /** The chair adds or drops a client or unit (reason required). */
  'rounds.setMember': { kind: 'mutation', input: SetMemberInput, output: z.object({ ok: z.literal(true) }) },
  'rounds.addControl': { kind: 'mutation', input: AddControlInput, output: z.object({ id: z.number().int() }) },
  'rounds.liftControl': { kind: 'mutation', input: LiftControlInput, output: z.object({ ok: z.literal(true) }) },
  /** How this round plans for later rounds (policy, spend now, or its own hold); used from the next proposal on. */
  'rounds.setPlanning': { kind: 'mutation', input: SetPlanningInput, output: RoundPlanningState },
  /** Runs optimal and greedy on the round's members and active controls; stores a new version. Cancellable. */
  'rounds.propose': {
    kind: 'job',
    input: ProposeInput,
    output: z.object({ version: z.number().int(), proposal: Proposal, greedy: Proposal }),
  },
  'rounds.proposal': {
    kind: 'query',
    input: z.object({ roundId: RoundId, version: z.number().int().min(1) }).strict(),
    output: ProposalPair,
  },
  'rounds.compare': {
    kind: 'query',
    input: z.object({ roundId: RoundId, a: z.number().int().min(1), b: z.number().int().min(1) }).strict(),
    output: CompareOutput,
  },
  /** The corporation's decision and the client's answer on one pair of a version; replaces an earlier one. */
  'rounds.decide': { kind: 'mutation', input: DecideInput, output: RoundDecision },
  /** Only when every pair of the latest version has a decision; accepted pairs become placements. */
  'rounds.close': {
    kind: 'mutation',
    input: z.object({ roundId: RoundId, note: Text(2000).optional() }).strict(),
    output: CloseOutput,
  },
  /** The holder lets go of the round's preparation (another chair can then prepare it). */
  'rounds.release': { kind: 'mutation', input: z.object({ roundId: RoundId }).strict(), output: z.object({ ok: z.literal(true) }) },
  /**
   * A chair takes over the preparation from `holder` (the holder they saw: if someone else holds it by
   * now, STALE); audited, naming the previous holder. Also takes a lock that has expired or is free.
   */
  'rounds.takeOver': {
    kind: 'mutation',
    input: z.object({ roundId: RoundId, holder: z.string().min(1).max(100) }).strict(),
    output: RoundLock,
  },
  'placements.list': {
    kind: 'query',
    input: z.object({ roundId: RoundId.optional(), clientId: Id.optional(), unitId: Id.optional() }).strict(),
    output: z.array(PlacementRow),
  },
  'placements.update': { kind: 'mutation', input: PlacementUpdateInput, output: PlacementRow },
  'placements.check': { kind: 'mutation', input: PlacementCheckInput, output: PlacementRow },
  /** Upcoming follow-up dates (from today, until `until` when given) and checks due, sorted by date. */
  'followup.todo': {
    kind: 'query',
    input: z.object({ until: IsoDate.optional() }).strict(),
    output: z.array(TodoItem),
  },
} as const satisfies Record<string, MethodSpec>;

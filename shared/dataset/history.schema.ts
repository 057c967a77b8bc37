// Dataset format v2's `history` section: the rounds (members, controls, proposal versions, decisions,
// review files with their secrets and the decisions files read), placement follow-up and checks, the
// retention log, the monitor archive and the audit log verbatim with its hash chain. Pure TypeScript.
import { z } from 'zod';
import { RetentionAction, RetentionKind, RetentionRule } from '../api/privacy.contract';
import { ClientAnswer, ControlKind, DeclineReason, DecisionKind, RoundStatus } from '../api/rounds.contract';
import { ClientGroup, ClientStatus, ContractForm } from '../domain/codes';
import { Id, IsoDate, Line, MunicipalityCode, Text } from '../domain/primitives';
import { Proposal, RoundControls, Strategy } from '../engine/round.schema';
import { RoundPlanningChoice } from '../domain/round-planning';

/** Generous caps: history is the app's own record and must always travel; the caps only bound a file. */
const NOTE_MAX = 100_000;
const Note = Text(NOTE_MAX);
/** Who did something, as the records name them (a user name, `cli:…`, a liaison's name from a decisions file). */
const Actor = Line(500).min(1, 'mag niet leeg zijn');
/** A moment as the app writes it: an ISO 8601 timestamp (`2026-11-27T10:00:00.000Z`). */
export const Moment = z
  .string()
  .max(40, { message: 'is langer dan 40 tekens', abort: true })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, 'verwacht een tijdstip als 2026-11-27T10:00:00.000Z');
/** A sha256 value (hash, HMAC) or a 32-byte secret, as 64 lowercase hexadecimal characters. */
export const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'verwacht 64 hexadecimale tekens (0-9, a-f)');
const RecordId = z.number().int().min(1);

/**
 * A JSON value the app stored whole (a proposal, the controls it used), carried as it is (the export
 * gives back exactly what was stored) but checked against `schema`, so the app can read it again.
 */
function storedJson<T extends z.ZodType>(schema: T, what: string) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      const r = schema.safeParse(value);
      if (r.success) return;
      for (const i of r.error.issues.slice(0, 5)) ctx.addIssue({ code: 'custom', path: i.path, message: `${what}: ${i.message}` });
    })
    .meta({ description: what }) as unknown as z.ZodType<z.output<T>, z.input<T>>;
}

export const RoundClientMember = z.object({
  clientId: Id,
  included: z.boolean(),
  reason: Note,
  /** The readiness items still open when the round was prepared. */
  openItems: z.array(Note),
  /** Added or changed by the chair (with the reason), not by preparing. */
  manual: z.boolean(),
});

export const RoundUnitMember = z.object({
  unitId: Id,
  included: z.boolean(),
  reason: Note,
  manual: z.boolean(),
});

export const RoundControlRecord = z.object({
  id: RecordId,
  kind: ControlKind,
  clientId: Id.nullable(),
  unitId: Id.nullable(),
  reason: Note,
  /** `chair`: set by the chair; `decision`: a declined pair forbidden by the decision. */
  source: z.enum(['chair', 'decision']),
  createdAt: Moment,
  createdBy: Actor,
  liftedAt: Moment.nullable(),
  liftedBy: Actor.nullable(),
  liftReason: Note.nullable(),
});

export const ProposalVersionRecord = z.object({
  version: RecordId,
  strategy: Strategy,
  createdAt: Moment,
  createdBy: Actor,
  policyId: Id.nullable(),
  totalScore: z.number(),
  /** The full proposal of the strategy run (docs/proposal-format.md). */
  proposal: storedJson(Proposal, 'voorstel'),
  /** Today's practice (first come, first served) on the same round, beside it. */
  greedy: storedJson(Proposal, 'voorstel (huidige werkwijze)'),
  /** The chair's controls the run used. */
  controls: storedJson(RoundControls, 'aanpassingen'),
});

export const DecisionRecord = z.object({
  clientId: Id,
  unitId: Id,
  /** The proposal version the decision was taken on. */
  version: RecordId,
  decision: DecisionKind,
  conditions: Note.nullable(),
  declineReason: DeclineReason.nullable(),
  note: Note,
  clientAnswer: ClientAnswer,
  /** The account that recorded it. */
  decidedBy: Actor,
  decidedAt: Moment,
  /** The corporation's contact person it was recorded for (a decisions file's name); null when not recorded, absent in older files. */
  onBehalfOf: Actor.nullable().default(null),
});

/** A decisions file the chair read back (its round and corporation are its review file's). */
export const ReviewReadRecord = z.object({
  id: RecordId,
  /** The decisions file's HMAC: the same file read again is recognised by it. */
  mac: Hex64,
  decidedAt: Moment,
  decidedBy: Actor,
  fileName: Line(500),
  readAt: Moment,
  readBy: Actor,
});

/** A review file made for a corporation, with its secret: decisions files made from it verify after a move. */
export const ReviewFileRecord = z.object({
  signature: Hex64,
  proposalVersion: RecordId,
  corporationId: Id,
  /** The decisions file's HMAC key (32 random bytes): as secret as the database itself. */
  secret: Hex64,
  /** The pairs the file held, as `client|unit`. */
  pairs: z.array(z.string().max(200)),
  createdAt: Moment,
  createdBy: Actor,
  reads: z.array(ReviewReadRecord),
});

/** The chair's planning setting for a round (policy, spend now, or its own hold), who saved it and when. */
export const RoundPlanningRecord = z.object({
  choice: RoundPlanningChoice,
  setAt: Moment,
  setBy: Actor,
});

export const RoundRecord = z.object({
  id: RecordId,
  date: IsoDate,
  windowFrom: IsoDate,
  windowTo: IsoDate,
  note: Note,
  status: RoundStatus,
  createdAt: Moment,
  createdBy: Actor,
  closedAt: Moment.nullable(),
  closedBy: Actor.nullable(),
  /** How the round plans for later rounds, when the chair chose (absent: the policy's setting, and in older files). */
  planning: RoundPlanningRecord.optional(),
  clients: z.array(RoundClientMember),
  units: z.array(RoundUnitMember),
  controls: z.array(RoundControlRecord),
  versions: z.array(ProposalVersionRecord),
  decisions: z.array(DecisionRecord),
  reviewFiles: z.array(ReviewFileRecord),
});

export const PlacementCheckRecord = z.object({
  month: z.union([z.literal(6), z.literal(12), z.literal(24)]),
  dueDate: IsoDate,
  checkedAt: IsoDate,
  stillHoused: z.boolean(),
  relapse: z.boolean(),
  note: Note,
  checkedBy: Actor,
});

/** The follow-up of one placement of `placements[]`: the round that made it, its dates and checks. */
export const FollowUpRecord = z.object({
  placementId: Id,
  roundId: RecordId.nullable(),
  moveInDate: IsoDate.nullable(),
  supportStart: IsoDate.nullable(),
  contractForm: ContractForm.nullable(),
  reviewDate: IsoDate.nullable(),
  leaseTransferDate: IsoDate.nullable(),
  checks: z.array(PlacementCheckRecord),
});

/** What one retention run did under one rule: counts only, never which person. */
export const RetentionLogRecord = z.object({
  id: RecordId,
  at: Moment,
  by: Actor,
  kind: RetentionKind,
  action: RetentionAction,
  years: z.number().int().min(0).max(1000),
  cutoff: IsoDate,
  count: z.number().int().min(0),
});

/** Monitor counts of client records that were deleted (retention, erasure), so the figures survive. */
export const MonitorArchiveRecord = z.object({
  year: z.number().int().min(1900).max(2100),
  municipalityCode: MunicipalityCode,
  group: ClientGroup,
  status: ClientStatus,
  count: z.number().int().min(0),
});

/** One audit log entry exactly as stored, with its place in the hash chain. */
export const AuditRecord = z.object({
  id: RecordId,
  at: z.string().max(100),
  actor: z.string().max(1000),
  action: z.string().max(1000),
  entity: z.string().max(1000),
  entityId: z.string().max(1000).nullable(),
  /** JSON text, verbatim: the hash covers these exact characters. */
  detail: z.string().max(10_000_000),
  prevHash: Hex64,
  hash: Hex64,
});

export const AuditLog = z.object({
  /** The chain's head (last id and hash) the database kept; null for an empty log. */
  head: z.object({ id: RecordId, hash: Hex64 }).nullable(),
  entries: z.array(AuditRecord),
});

/** The region's retention rules (its own choice, docs/privacy.md) and what each run did. */
export const Retention = z.object({
  /** The rules saved under Instellingen; null: never saved, the defaults apply. */
  rules: z.array(RetentionRule).nullable(),
  log: z.array(RetentionLogRecord),
});

export const History = z.object({
  rounds: z.array(RoundRecord),
  followUp: z.array(FollowUpRecord),
  retention: Retention,
  monitorArchive: z.array(MonitorArchiveRecord),
  audit: AuditLog,
});

export type History = z.infer<typeof History>;
export type RoundRecord = z.infer<typeof RoundRecord>;
export type FollowUpRecord = z.infer<typeof FollowUpRecord>;
export type AuditRecord = z.infer<typeof AuditRecord>;

/** A history with nothing in it (a region without rounds or log). */
export const emptyHistory = (): History => ({
  rounds: [],
  followUp: [],
  retention: { rules: null, log: [] },
  monitorArchive: [],
  audit: { head: null, entries: [] },
});

// The liaison's review file and the decisions file that comes back: what a corporation may see of
// its proposals (no names, no diagnoses, no areas to avoid, no notes), and the canonical JSON both
// sides hash: the chair signs the review file, the review mode authenticates the decisions with an
// HMAC keyed by the review file's own secret. Pure TypeScript (hashing itself is done by each host:
// node:crypto in the backend, WebCrypto in the renderer).
import { z } from 'zod';
import { DecisionKind, DeclineReason } from '../api/rounds.contract';
import { Id, Line, Text } from '../domain/primitives';

export const REVIEW_FORMAT = 'uitstroomtafel-review' as const;
export const DECISIONS_FORMAT = 'uitstroomtafel-review-decisions' as const;

/** The review file's own extension (its content is JSON): the desktop app opens it in review mode. */
export const REVIEW_FILE_EXTENSION = 'beoordeling' as const;
/** A review file or decisions file is never larger than this (bytes). */
export const REVIEW_FILE_MAX = 5_000_000;

export const INCOME_BANDS = ['< € 1.000', '€ 1.000 – 1.500', '€ 1.500 – 2.000', '≥ € 2.000'] as const;

/** Net monthly income as a band: enough to judge affordability, no more. */
export function incomeBand(monthlyNet: number): string {
  if (monthlyNet < 1000) return INCOME_BANDS[0];
  if (monthlyNet < 1500) return INCOME_BANDS[1];
  if (monthlyNet < 2000) return INCOME_BANDS[2];
  return INCOME_BANDS[3];
}

// Both files come from outside (the review mode reads one, the chair the other): every text capped
// and free of control and bidi characters, like every text field.
const Stamp = z.string().max(40);

export const ReviewProposal = z.object({
  clientCode: Id,
  unitId: Id,
  address: Line(300).nullable(),
  municipality: Line(200),
  neighbourhood: Line(200).nullable(),
  kind: Line(100),
  rooms: z.number().int(),
  rent: z.number(),
  household: z.object({ adults: z.number().int(), children: z.number().int() }),
  incomeBand: Line(100),
  budgetManagement: z.boolean(),
  debts: Line(100),
  support: z.object({ provider: Line(200), intensity: Line(100), start: Stamp.nullable(), months: z.number().int().nullable() }),
  /** Housing-relevant needs (labels), never diagnoses. */
  needs: z.array(Line(200)),
  contractForms: z.array(Line(100)),
});
export type ReviewProposal = z.infer<typeof ReviewProposal>;

/** Version 2 added the per-file secret; version 1 files (no secret) are refused with this advice. */
export const REVIEW_VERSION = 2 as const;
export const OLD_VERSION_ADVICE = 'gemaakt met een oudere versie van het programma, zonder sleutel; vraag de voorzitter om een nieuw beoordelingsbestand';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'verwacht 64 hexadecimale tekens');

export const ReviewFile = z.object({
  format: z.literal(REVIEW_FORMAT),
  version: z.literal(REVIEW_VERSION),
  region: Line(200),
  roundId: z.number().int(),
  roundDate: Stamp,
  proposalVersion: z.number().int(),
  corporationId: Id,
  corporation: Line(200),
  createdAt: Stamp,
  proposals: z.array(ReviewProposal),
  /**
   * 32 random bytes (hex), made when the chair creates the file and kept with its record in the
   * chair's database: the key of the decisions file's HMAC. Only this file and that database know it.
   */
  secret: Hex64,
  /** HMAC-SHA256 (hex) by the chair's database over the canonical JSON of everything above. */
  signature: Hex64,
});
export type ReviewFile = z.infer<typeof ReviewFile>;

/**
 * The corporation's own reasons to decline: every reason but the client's refusal, which is the client's
 * answer (the chair records it in the round), never the corporation's decision.
 */
export const CorporationDeclineReason = DeclineReason.exclude(['client-refused'], {
  error: () =>
    'geen reden van de corporatie (een weigering door de cliënt is het antwoord van de cliënt, dat de voorzitter vastlegt); kies rent-debt, landlord-statement, liveability of other',
});
export const CORPORATION_DECLINE_REASONS = CorporationDeclineReason.options;
export type CorporationDeclineReason = z.infer<typeof CorporationDeclineReason>;

export const ReviewDecision = z
  .object({
    clientCode: Id,
    unitId: Id,
    decision: DecisionKind,
    conditions: Text(2000).optional(),
    declineReason: CorporationDeclineReason.optional(),
    note: Text(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'accepted-conditions' && !v.conditions?.trim()) ctx.addIssue({ code: 'custom', path: ['conditions'], message: 'vul de voorwaarden in' });
    if (v.decision === 'declined' && !v.declineReason) ctx.addIssue({ code: 'custom', path: ['declineReason'], message: 'kies een reden van afwijzing' });
  });
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const DecisionsFile = z.object({
  format: z.literal(DECISIONS_FORMAT),
  version: z.literal(REVIEW_VERSION),
  roundId: z.number().int(),
  proposalVersion: z.number().int(),
  corporationId: Id,
  /** The review file's signature: ties these decisions to exactly the proposals the chair sent. */
  reviewSignature: Hex64,
  decidedBy: Line(200).min(1, 'vul de naam van de contactpersoon in'),
  /** When the liaison saved the file: a file older than one already read is refused. */
  decidedAt: z.iso.datetime({ message: 'verwacht een tijdstip als 2026-11-30T10:00:00.000Z' }),
  /** At most one decision per pair (a file holding a pair twice is refused). */
  decisions: z.array(ReviewDecision).superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((d, i) => {
      const pair = `${d.clientCode}|${d.unitId}`;
      if (seen.has(pair)) ctx.addIssue({ code: 'custom', path: [i], message: `het besluit over ${d.clientCode}–${d.unitId} staat er twee keer in` });
      seen.add(pair);
    });
  }),
  /** HMAC-SHA256 (hex) keyed by the review file's secret over the canonical JSON of everything above. */
  mac: Hex64,
});
export type DecisionsFile = z.infer<typeof DecisionsFile>;

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The part of a file that its signature or HMAC covers: all but that field. */
export function withoutField<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _omitted, ...rest } = value;
  return rest;
}

/** The text a decisions file's HMAC is computed over (by both hosts): its canonical JSON without `mac`. */
export const decisionsMacText = (file: Omit<DecisionsFile, 'mac'> | DecisionsFile): string => canonicalJson({ ...file, mac: undefined });

/** A file in the review formats but of version 1 (before the per-file secret)? */
export function isOldVersion(raw: unknown): boolean {
  if (!raw || typeof raw !== 'object') return false;
  const r = raw as { format?: unknown; version?: unknown };
  return (r.format === REVIEW_FORMAT || r.format === DECISIONS_FORMAT) && r.version === 1;
}

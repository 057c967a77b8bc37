// The liaison's review file and the decisions file that comes back: what a corporation may see of
// its proposals (no names, no diagnoses, no areas to avoid, no notes), and the canonical JSON both
// sides hash so the chair can check a returned file is for the right round and corporation and
// untouched. Pure TypeScript (hashing itself is done by each host: node:crypto, WebCrypto).
import { z } from 'zod';
import { DecisionKind, DeclineReason } from '../api/rounds.contract';

export const REVIEW_FORMAT = 'uitstroomtafel-review' as const;
export const DECISIONS_FORMAT = 'uitstroomtafel-review-decisions' as const;

export const INCOME_BANDS = ['< € 1.000', '€ 1.000 – 1.500', '€ 1.500 – 2.000', '≥ € 2.000'] as const;

/** Net monthly income as a band: enough to judge affordability, no more. */
export function incomeBand(monthlyNet: number): string {
  if (monthlyNet < 1000) return INCOME_BANDS[0];
  if (monthlyNet < 1500) return INCOME_BANDS[1];
  if (monthlyNet < 2000) return INCOME_BANDS[2];
  return INCOME_BANDS[3];
}

export const ReviewProposal = z.object({
  clientCode: z.string(),
  unitId: z.string(),
  address: z.string().nullable(),
  municipality: z.string(),
  neighbourhood: z.string().nullable(),
  kind: z.string(),
  rooms: z.number().int(),
  rent: z.number(),
  household: z.object({ adults: z.number().int(), children: z.number().int() }),
  incomeBand: z.string(),
  budgetManagement: z.boolean(),
  debts: z.string(),
  support: z.object({ provider: z.string(), intensity: z.string(), start: z.string().nullable(), months: z.number().int().nullable() }),
  /** Housing-relevant needs (labels), never diagnoses. */
  needs: z.array(z.string()),
  contractForms: z.array(z.string()),
});
export type ReviewProposal = z.infer<typeof ReviewProposal>;

export const ReviewFile = z.object({
  format: z.literal(REVIEW_FORMAT),
  version: z.literal(1),
  region: z.string(),
  roundId: z.number().int(),
  roundDate: z.string(),
  proposalVersion: z.number().int(),
  corporationId: z.string(),
  corporation: z.string(),
  createdAt: z.string(),
  proposals: z.array(ReviewProposal),
  /** HMAC-SHA256 (hex) by the chair's database over the canonical JSON of everything above. */
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ReviewFile = z.infer<typeof ReviewFile>;

export const ReviewDecision = z
  .object({
    clientCode: z.string(),
    unitId: z.string(),
    decision: DecisionKind,
    conditions: z.string().max(2000).optional(),
    declineReason: DeclineReason.optional(),
    note: z.string().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'accepted-conditions' && !v.conditions?.trim()) ctx.addIssue({ code: 'custom', path: ['conditions'], message: 'vul de voorwaarden in' });
    if (v.decision === 'declined' && !v.declineReason) ctx.addIssue({ code: 'custom', path: ['declineReason'], message: 'kies een reden van afwijzing' });
  });
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const DecisionsFile = z.object({
  format: z.literal(DECISIONS_FORMAT),
  version: z.literal(1),
  roundId: z.number().int(),
  proposalVersion: z.number().int(),
  corporationId: z.string(),
  /** The review file's signature: ties these decisions to exactly the proposals the chair sent. */
  reviewSignature: z.string().regex(/^[0-9a-f]{64}$/),
  decidedBy: z.string().min(1, 'vul de naam van de contactpersoon in').max(200),
  decidedAt: z.string(),
  decisions: z.array(ReviewDecision),
  /** SHA-256 (hex) over the canonical JSON of everything above: any later edit shows. */
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
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

/** The part of a file that its signature or checksum covers: all but that field. */
export function withoutField<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _omitted, ...rest } = value;
  return rest;
}

// What a round's proposal takes (window, strategy, the chair's controls) and what it returns,
// as zod schemas: the CLI, the API and the docs share them. Pure TypeScript.
import { z } from 'zod';
import { Id, IsoDate, Text } from '../domain/primitives';

export const STRATEGIES = ['optimal', 'greedy'] as const;
export const Strategy = z.enum(STRATEGIES);
export type Strategy = z.infer<typeof Strategy>;

export const Reason = Text(2000).min(1, 'geef een reden');

export const RoundControls = z.object({
  /** Pairs the chair fixed: they are in the proposal whatever the score. */
  locks: z.array(z.object({ clientId: Id, unitId: Id, reason: Reason })),
  /** Pairs the chair ruled out. */
  forbids: z.array(z.object({ clientId: Id, unitId: Id, reason: Reason })),
  setAsideClients: z.array(z.object({ clientId: Id, reason: Reason })),
  setAsideUnits: z.array(z.object({ unitId: Id, reason: Reason })),
  /** Clients the chair added to the round by hand: they take part whatever their readiness. */
  addedClients: z.array(z.object({ clientId: Id, reason: Reason })).optional(),
});
export type RoundControls = z.infer<typeof RoundControls>;
export const emptyControls = (): RoundControls => ({ locks: [], forbids: [], setAsideClients: [], setAsideUnits: [], addedClients: [] });

export const ProposeOptions = z.object({
  strategy: Strategy,
  /** Units free by `to` are in the round. (Cap periods count back from `referenceDate`.) */
  window: z.object({ from: IsoDate, to: IsoDate }).refine((w) => w.from <= w.to, { message: 'from ligt na to' }),
  /** "Today" for waiting times and ages. */
  referenceDate: IsoDate,
  controls: RoundControls,
  /** The whole proposal (model, solve, explanations) aims to finish within this (ms); an answer cut short says it is unproven. */
  timeLimitMs: z.number().int().min(10).max(600_000),
});
export type ProposeOptions = z.infer<typeof ProposeOptions>;

export const Exclusion = z.object({ code: z.string(), message: z.string() });
export type Exclusion = z.infer<typeof Exclusion>;

export const ScoreTerm = z.object({
  code: z.string(),
  label: z.string(),
  points: z.number(),
  detail: z.string(),
});
export type ScoreTerm = z.infer<typeof ScoreTerm>;

export const Binding = z.object({
  code: z.string(),
  label: z.string(),
  used: z.number(),
  limit: z.number(),
  hard: z.boolean(),
});
export type Binding = z.infer<typeof Binding>;

export const Match = z.object({
  clientId: z.string(),
  unitId: z.string(),
  score: z.number(),
  terms: z.array(ScoreTerm),
  locked: z.boolean(),
  /** Placed outside the municipality of origin: why. */
  deviation: z.object({ reason: z.string(), label: z.string(), from: z.string(), to: z.string() }).nullable(),
  binding: z.array(Binding),
  /**
   * The client is the occupant (omklap tenant) of another home and this proposal moves them out: that
   * home comes free when the round is closed. Absent in proposals stored before this field existed.
   */
  movesOut: z.object({ unitId: z.string(), kind: z.string(), note: z.string() }).optional(),
  /** The chair added this client to the round by hand (whatever their readiness), with the reason. */
  addedByChair: z.object({ reason: z.string(), note: z.string() }).optional(),
  alternatives: z.object({
    forClient: z.array(
      z.object({ unitId: z.string(), score: z.number(), difference: z.number(), takenBy: z.string().nullable(), note: z.string() }),
    ),
    forUnit: z.array(
      z.object({ clientId: z.string(), score: z.number(), difference: z.number(), placedAt: z.string().nullable(), note: z.string() }),
    ),
  }),
});
export type Match = z.infer<typeof Match>;

export const Unplaced = z.object({
  clientId: z.string(),
  kind: z.enum(['not-candidate', 'set-aside', 'no-possible-unit', 'outcompeted']),
  reasons: z.array(Exclusion),
});
export type Unplaced = z.infer<typeof Unplaced>;

export const Figures = z.object({
  candidates: z.number().int(),
  unitsAvailable: z.number().int(),
  possiblePairs: z.number().int(),
  placed: z.number().int(),
  homeOrNetworkShare: z.number(),
  highestNeighbourhoodLoad: z
    .object({ neighbourhoodCode: z.string(), name: z.string(), placements: z.number().int(), limit: z.number().int(), share: z.number() })
    .nullable(),
  exchangeBalances: z.array(
    z.object({ municipalityCode: z.string(), name: z.string(), before: z.number().int(), after: z.number().int(), band: z.number().int() }),
  ),
  quotaUse: z.array(
    z.object({
      corporationId: z.string(),
      municipalityCode: z.string(),
      year: z.number().int(),
      agreed: z.number().int(),
      kind: z.string(),
      usedBefore: z.number().int(),
      proposed: z.number().int(),
    }),
  ),
  penalties: z.number(),
});
export type Figures = z.infer<typeof Figures>;

export const Optimality = z.object({
  /** proven: a dual bound equals the total; unproven: the best found, with the bound it may fall short of; heuristic: greedy. */
  status: z.enum(['proven', 'unproven', 'heuristic']),
  bound: z.number().nullable(),
  gap: z.number().nullable(),
  method: z.string(),
  note: z.string(),
});

export const Proposal = z.object({
  format: z.literal('uitstroomtafel-proposal'),
  version: z.literal(1),
  strategy: Strategy,
  policyId: z.string().nullable(),
  referenceDate: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  totalScore: z.number(),
  optimality: Optimality,
  matches: z.array(Match),
  unplaced: z.array(Unplaced),
  conflicts: z.array(Exclusion),
  figures: Figures,
});
export type Proposal = z.infer<typeof Proposal>;

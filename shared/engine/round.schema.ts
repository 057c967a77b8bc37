// What a round's proposal takes (window, strategy, the chair's controls) and what it returns,
// as zod schemas: the CLI, the API and the docs share them. Pure TypeScript.
import { z } from 'zod';
import { Id, IsoDate, Text } from '../domain/primitives';
import { PlanningValues, ROUND_PLANNING_MODES } from '../domain/round-planning';

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
  /** After the proposal, what it would take for each unplaced client and empty home, within this time (ms). */
  counterfactuals: z.object({ timeLimitMs: z.number().int().min(10).max(600_000) }).optional(),
  /**
   * Planning with the future in view for this round (plan.ts; `optimal` only): each field set here
   * replaces the policy's `planning` setting or the planning step's default. Absent: the policy decides.
   */
  planning: z
    .object({
      /** 0: spend capacity now (the round's own optimum); 1: count its full expected value in later rounds. */
      hold: z.number().min(0).max(1).optional(),
      /** Points a home left empty for a month costs. */
      emptyHomeMonthCost: z.number().min(0).max(10000).optional(),
      /** New ready clients and new homes a month; default estimated from the register's ready dates and free-from dates. */
      arrivalsPerMonth: z.object({ clients: z.number().min(0).max(10000), units: z.number().min(0).max(10000) }).optional(),
      /** Sampled futures (default 4), and the seed they are drawn from (the round's date is mixed in). */
      scenarios: z.number().int().min(1).max(50).optional(),
      seed: z.number().int().optional(),
      /**
       * The first day of the cap period the round is in: the rounds still to come in it are the ones
       * planned for (monthly, on the round's day). Default: periods of the policy's length in the
       * calendar, from 1 January (quarters for 3 months).
       */
      periodStart: IsoDate.optional(),
      /** Months ahead that are sampled, instead of the rounds still to come in the cap period. */
      horizonMonths: z.number().int().min(0).max(36).optional(),
    })
    .optional(),
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

/** What a one-step change to the round would do for an unplaced client (counterfactual.ts). */
export const CHANGE_CODES = ['AS_IS', 'NEIGHBOURHOOD', 'COMPLEX', 'SKAEVE', 'QUOTA', 'EXCHANGE_OUT', 'EXCHANGE_IN', 'FORBIDDEN', 'KIND_REFUSED', 'RENT'] as const;
export const ChangeCode = z.enum(CHANGE_CODES);
export type ChangeCode = z.infer<typeof ChangeCode>;

export const WhatIf = z.object({
  code: ChangeCode,
  /** The change in words ("Eén plaatsing meer in buurt Centrum"); for AS_IS, "Zonder wijziging". */
  change: z.string(),
  /** The home the client would get, and the clients of the proposal who would then not be placed. */
  unitId: z.string(),
  displaced: z.array(z.string()),
  /** The round's total after the change minus the proposal's total. */
  scoreChange: z.number(),
  /** witness: a placement that fits as shown; solve: the round re-solved with the change. */
  method: z.enum(['witness', 'solve']),
  /** False when the re-solve was cut short by the time limit (the answer is then the best found). */
  proven: z.boolean(),
  sentence: z.string(),
});
export type WhatIf = z.infer<typeof WhatIf>;

export const ClientCounterfactual = z.object({
  clientId: z.string(),
  /**
   * Placing the client as the round stands, when no change was found by the quick test: the best total
   * with the client placed and who gives way (a home that fits beside the proposal: no one). Null when
   * a change was found first, or no home is possible for them.
   */
  asIs: WhatIf.nullable(),
  /**
   * A single change that places the client without displacing anyone (AS_IS when none is needed): the
   * smallest under which a home fits beside the proposal, else the first in order of size that a re-solve
   * with everyone kept shows to work. Null when none was found.
   */
  change: WhatIf.nullable(),
  /** The changes examined; complete is false when the time limit or the re-solves per client (three) stopped the search. */
  examined: z.number().int(),
  complete: z.boolean(),
  sentence: z.string(),
});
export type ClientCounterfactual = z.infer<typeof ClientCounterfactual>;

export const EMPTY_HOME_REASONS = ['NO_CANDIDATE', 'NEIGHBOURHOOD', 'COMPLEX', 'SKAEVE', 'QUOTA', 'EXCHANGE_OUT', 'EXCHANGE_IN', 'SOFT_LIMIT', 'TAKEN', 'HELD'] as const;
export const EmptyHome = z.object({
  unitId: z.string(),
  reason: z.enum(EMPTY_HOME_REASONS),
  /** The rule or cap in words, e.g. the neighbourhood cap's label or the most frequent rule. */
  detail: z.string(),
  sentence: z.string(),
});
export type EmptyHome = z.infer<typeof EmptyHome>;

export const Counterfactuals = z.object({
  clients: z.array(ClientCounterfactual),
  emptyHomes: z.array(EmptyHome),
  /** Per reason, how many homes stay empty ("12 woningen blijven leeg door de buurtgrens"). */
  emptyByReason: z.array(z.object({ reason: z.enum(EMPTY_HOME_REASONS), count: z.number().int(), sentence: z.string() })),
  /** False when the time limit stopped the search before every client was examined in full. */
  complete: z.boolean(),
  ms: z.number(),
});
export type Counterfactuals = z.infer<typeof Counterfactuals>;

/** The kinds of round constraint (model.ts): neighbourhood, complex and Skaeve Huse caps, quotas, the exchange band. */
export const CONSTRAINT_KINDS = ['NEIGHBOURHOOD', 'COMPLEX', 'SKAEVE', 'QUOTA', 'EXCHANGE_OUT', 'EXCHANGE_IN'] as const;

/** Capacity the planned proposal keeps for later that the round's own optimum would use now. */
export const HeldCapacity = z.object({
  constraintCode: z.enum(CONSTRAINT_KINDS),
  key: z.string(),
  /** The constraint's label ("Buurt Centrum: max. 2 per 3 mnd"). */
  label: z.string(),
  /** Places (or exchange steps) the round's own optimum uses and this proposal does not. */
  places: z.number().int(),
  /** The expected value of one place in the later rounds (points), before `hold` scales it. */
  price: z.number(),
  /** "Buiten Centrum: 1 plek bewaard; verwacht betere match volgende ronde (…)". */
  sentence: z.string(),
});
export type HeldCapacity = z.infer<typeof HeldCapacity>;

/** What planning with the future in view did for this proposal (plan.ts). */
export const Planning = z.object({
  hold: z.number(),
  emptyHomeMonthCost: z.number(),
  horizonMonths: z.number().int(),
  /** Futures sampled and solved (fewer than asked when the time limit came first), and the seed used. */
  scenarios: z.number().int(),
  seed: z.number().int(),
  /** The arrival rates the futures were drawn with: given with the round, or estimated from the register. */
  arrivalsPerMonth: z.object({ clients: z.number(), units: z.number(), source: z.enum(['given', 'register']) }),
  /** The round's own optimum (no planning): its total (real scores) and placements. */
  plainTotal: z.number(),
  plainPlaced: z.number().int(),
  held: z.array(HeldCapacity),
  /** Whether the priced round was solved to proven optimality (its objective: score less the prices, plus the empty-home cost). */
  pricedProven: z.boolean(),
  sentence: z.string(),
  ms: z.number(),
});
export type Planning = z.infer<typeof Planning>;

/**
 * The planning setting a proposal made in the app was proposed with (rounds.propose; the engine does
 * not set it): the policy's, or the round's own — spend everything now, or a hold of its own — with the
 * values used and the policy's beside them. Absent in proposals from the command line and older ones.
 */
export const PlanningSetting = z.object({
  mode: z.enum(ROUND_PLANNING_MODES),
  hold: z.number(),
  emptyHomeMonthCost: z.number(),
  /** The policy's setting on the round's date. */
  policy: PlanningValues,
});
export type PlanningSetting = z.infer<typeof PlanningSetting>;

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
  /** What it would take: per unplaced client and per empty home (absent in proposals made without it). */
  counterfactuals: Counterfactuals.optional(),
  /** Planning with the future in view: what was held for later and why (absent when the round did not plan). */
  planning: Planning.optional(),
  /** The planning setting the app proposed with: the policy's or the round's own (absent outside the app and before). */
  planningSetting: PlanningSetting.optional(),
});
export type Proposal = z.infer<typeof Proposal>;

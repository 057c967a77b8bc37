// The region's policy profile: every weight, cap and limit the matching uses is configuration.
// Pure TypeScript. Defaults follow DOMAIN.md (2025 rent limits, Skaeve Huse clusters of 6).
import { z } from 'zod';
import { ClientGroup, UnitKind } from './codes';
import { Amount, Id, IsoDate, Line } from './primitives';

const Weight = z.number().min(-10000).max(10000);

/** A round constraint that is either hard or soft (violations cost `penalty` points each). */
export const ConstraintMode = z.object({
  hard: z.boolean(),
  penalty: z.number().nonnegative(),
});

export const ReadinessItemDef = z.object({
  key: Id,
  label: Line(200).min(1),
});

/**
 * The code of a new readiness condition, made from its Dutch label ('Schulden onder beheer' →
 * 'schulden-onder-beheer'), different from every code in `taken` (a suffix -2, -3, … when needed).
 * The chair never types a code: it only links clients' ticks to the condition, so it must not change.
 */
export function readinessKeyFor(label: string, taken: ReadonlySet<string>): string {
  const slug =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56)
      .replace(/-+$/, '') || 'voorwaarde';
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) if (!taken.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

export const PolicySettings = z.object({
  weights: z.object({
    /** Value of placing anyone at all: keeps the round placing as many clients as the rules allow. */
    placement: Weight,
    homeMunicipality: Weight,
    network: Weight,
    waitingPerMonth: Weight,
    waitingMaxMonths: z.number().int().min(0).max(240),
    urgencyHigh: Weight,
    urgencyCrisis: Weight,
    preferredMunicipality: Weight,
    preferredNeighbourhood: Weight,
    preferredKind: Weight,
    stayInPlace: Weight,
    neighbourhoodLoad: Weight,
  }),
  caps: z.object({
    periodMonths: z.number().int().min(1).max(36),
    perNeighbourhood: z.number().int().min(0),
    perNeighbourhoodMode: ConstraintMode,
    perComplex: z.number().int().min(0),
    perComplexMode: ConstraintMode,
  }),
  exchange: z.object({
    band: z.number().int().min(0),
    mode: ConstraintMode,
  }),
  quotaMode: ConstraintMode,
  skaeveHuse: z.object({ maxClusterSize: z.number().int().min(1), mode: ConstraintMode }),
  rentLimits: z.object({
    small: Amount, // 1-2 persons
    large: Amount, // 3+ persons
    under23: Amount,
  }),
  /** Which unit kinds each client group may be offered. */
  kindsByGroup: z.record(ClientGroup, z.array(UnitKind)),
  readinessItems: z.array(ReadinessItemDef),
  /**
   * Reports (issue 11): counts below `smallNumbers` are hidden ("< 5") in figures that leave the app;
   * `handoverTargetMonths` is the policy's target from woonrijp to key handover. Profiles saved before
   * these settings existed read the defaults.
   */
  reports: z
    .object({
      smallNumbers: z.number().int().min(1).max(100),
      handoverTargetMonths: z.number().int().min(1).max(60),
    })
    .default({ smallNumbers: 5, handoverTargetMonths: 3 }),
  /**
   * Planning with the future in view (issue 14, shared/engine/plan.ts): `hold` (0..1) is how far the
   * expected value of capacity in later rounds of the cap period counts against using it now (0: spend
   * it now, as without planning; 1: the full expected value); `emptyHomeMonthCost` is what a home left
   * empty for a month costs in points (rent loss for the corporation), so holding is never free.
   * Profiles saved before these settings existed read 0 and 0: no planning.
   */
  planning: z
    .object({
      hold: z.number().min(0).max(1),
      emptyHomeMonthCost: z.number().min(0).max(10000),
    })
    .default({ hold: 0, emptyHomeMonthCost: 0 }),
});
export type PolicySettings = z.infer<typeof PolicySettings>;

export const PolicyProfile = z.object({
  id: Id,
  name: Line(200).min(1),
  validFrom: IsoDate,
  settings: PolicySettings,
});
export type PolicyProfile = z.infer<typeof PolicyProfile>;

export const DEFAULT_READINESS_ITEMS: z.infer<typeof ReadinessItemDef>[] = [
  { key: 'support-plan', label: 'Perspectief-/ondersteuningsplan actueel' },
  { key: 'support-destination', label: 'Begeleiding geregeld in de gemeente van bestemming' },
  { key: 'income', label: 'Inkomen loopt door na de verhuizing' },
  { key: 'debts', label: 'Schulden onder beheer' },
  { key: 'day-activity', label: 'Dagbesteding of werk' },
  { key: 'home-seeker', label: 'Ingeschreven als woningzoekende' },
  { key: 'relapse-plan', label: 'Terugval-/crisisplan' },
  { key: 'corporation-conditions', label: 'Voorwaarden corporatie vervuld' },
];

export function defaultPolicySettings(): PolicySettings {
  const all = ['contingent', 'kanswoning', 'omklap', 'regular'] as const;
  return {
    weights: {
      placement: 100,
      homeMunicipality: 40,
      network: 30,
      waitingPerMonth: 2,
      waitingMaxMonths: 24,
      urgencyHigh: 15,
      urgencyCrisis: 30,
      preferredMunicipality: 10,
      preferredNeighbourhood: 8,
      preferredKind: 5,
      stayInPlace: 60,
      neighbourhoodLoad: 20,
    },
    caps: {
      periodMonths: 3,
      perNeighbourhood: 2,
      perNeighbourhoodMode: { hard: true, penalty: 0 },
      perComplex: 1,
      perComplexMode: { hard: true, penalty: 0 },
    },
    exchange: { band: 3, mode: { hard: false, penalty: 10 } },
    quotaMode: { hard: true, penalty: 0 },
    skaeveHuse: { maxClusterSize: 6, mode: { hard: true, penalty: 0 } },
    rentLimits: { small: 682.96, large: 731.93, under23: 477.2 },
    kindsByGroup: {
      BW: [...all, 'housing-first', 'skaeve-huse'],
      MO: [...all, 'housing-first', 'skaeve-huse', 'crisis'],
      VO: [...all, 'crisis'],
      YOUTH: [...all],
      FORENSIC: [...all, 'housing-first', 'skaeve-huse'],
    },
    readinessItems: DEFAULT_READINESS_ITEMS,
    reports: { smallNumbers: 5, handoverTargetMonths: 3 },
    planning: { hold: 0, emptyHomeMonthCost: 0 },
  };
}

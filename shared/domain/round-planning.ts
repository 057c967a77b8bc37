// The chair's planning setting for one round (issue 14 item 1: hold capacity for later or spend it
// now, per round): follow the policy, spend everything now, or a hold (and empty home-month cost) of
// the round's own. The schema the API checks, the values a proposal uses and the words the round page
// and the audit log show. Pure TypeScript.
import { z } from 'zod';
import { formatNumberShort } from '../reports/format-nl';

export const ROUND_PLANNING_MODES = ['policy', 'spend-now', 'custom'] as const;
export type RoundPlanningMode = (typeof ROUND_PLANNING_MODES)[number];

/** The Dutch names of the two settings, as the policy page and the round page label them. */
export const HOLD_LABEL = 'Bewaren voor later';
export const COST_LABEL = 'Kosten lege woning per maand';

const HOLD_MESSAGE = `'${HOLD_LABEL}' moet een getal van 0 tot en met 1 zijn`;
const COST_MESSAGE = `'${COST_LABEL}' moet een getal van 0 tot en met 10.000 (punten) zijn`;
export const PlanningHold = z.number({ error: HOLD_MESSAGE }).min(0, HOLD_MESSAGE).max(1, HOLD_MESSAGE);
export const PlanningCost = z.number({ error: COST_MESSAGE }).min(0, COST_MESSAGE).max(10_000, COST_MESSAGE);

/** A field that does not belong to the chosen mode is named, never its value. */
const noOtherFields = (mode: string) => (iss: z.core.$ZodRawIssue) =>
  iss.code === 'unrecognized_keys' ? `bij '${mode}' hoort geen veld ${(iss.keys as string[]).slice(0, 5).map((k) => `'${k.slice(0, 40)}'`).join(', ')}` : undefined;

/**
 * What the chair chose for this round. `policy`: the policy's planning setting (the default);
 * `spend-now`: hold 0 and empty home-month cost 0, the round's own optimum; `custom`: this hold, and
 * this empty home-month cost or (null or absent) the policy's.
 */
export const RoundPlanningChoice = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('policy') }, { error: noOtherFields('policy') }),
    z.strictObject({ mode: z.literal('spend-now') }, { error: noOtherFields('spend-now') }),
    z.strictObject(
      { mode: z.literal('custom'), hold: PlanningHold, emptyHomeMonthCost: PlanningCost.nullable().optional() },
      { error: noOtherFields('custom') },
    ),
  ],
  { error: "kies hoe deze ronde plant: 'policy' (het beleid volgen), 'spend-now' (alles nu inzetten) of 'custom' (eigen instelling)" },
);
export type RoundPlanningChoice = z.infer<typeof RoundPlanningChoice>;

/** The two planning settings as numbers. */
export const PlanningValues = z.object({ hold: z.number(), emptyHomeMonthCost: z.number() });
export type PlanningValues = z.infer<typeof PlanningValues>;

export const POLICY_CHOICE: RoundPlanningChoice = { mode: 'policy' };

/** The settings a proposal of the round uses: the round's choice over the policy's (as plan.ts merges them). */
export function effectivePlanning(choice: RoundPlanningChoice, policy: PlanningValues): PlanningValues {
  switch (choice.mode) {
    case 'policy':
      return { ...policy };
    case 'spend-now':
      return { hold: 0, emptyHomeMonthCost: 0 };
    case 'custom':
      return { hold: choice.hold, emptyHomeMonthCost: choice.emptyHomeMonthCost ?? policy.emptyHomeMonthCost };
  }
}

/** The fields of `ProposeOptions.planning` the round's choice sets (none when it follows the policy). */
export function planningOptionsOf(choice: RoundPlanningChoice): { hold?: number; emptyHomeMonthCost?: number } {
  switch (choice.mode) {
    case 'policy':
      return {};
    case 'spend-now':
      return { hold: 0, emptyHomeMonthCost: 0 };
    case 'custom':
      return choice.emptyHomeMonthCost === null || choice.emptyHomeMonthCost === undefined
        ? { hold: choice.hold }
        : { hold: choice.hold, emptyHomeMonthCost: choice.emptyHomeMonthCost };
  }
}

/** Whether settings plan at all (as plan.ts decides: hold or empty home-month cost above 0). */
export const plans = (v: PlanningValues): boolean => v.hold > 0 || v.emptyHomeMonthCost > 0;

/** "bewaren 0,5; lege woning 5 punten per maand", or "niets bewaren" for settings that do not plan. */
export function planningValuesText(v: PlanningValues): string {
  if (!plans(v)) return 'niets bewaren';
  return `bewaren ${formatNumberShort(v.hold, 2)}; lege woning ${formatNumberShort(v.emptyHomeMonthCost, 2)} punten per maand`;
}

/** The mode in words, for the round page's choice and the audit log. */
export const ROUND_PLANNING_MODE_LABELS: Record<RoundPlanningMode, string> = {
  policy: 'Het beleid volgen',
  'spend-now': 'Alles nu inzetten',
  custom: 'Eigen instelling voor deze ronde',
};

/**
 * Which setting a proposal used, in a sentence: "Instelling: het beleid (bewaren 1; …)" or "Instelling van
 * deze ronde: alles nu inzetten (het beleid: bewaren 1; …)".
 */
export function planningSettingSentence(s: { mode: RoundPlanningMode; hold: number; emptyHomeMonthCost: number; policy: PlanningValues }): string {
  if (s.mode === 'policy') return `Instelling: het beleid (${planningValuesText(s.policy)}).`;
  const own = s.mode === 'spend-now' ? 'alles nu inzetten' : planningValuesText(s);
  return `Instelling van deze ronde: ${own} (het beleid: ${planningValuesText(s.policy)}).`;
}

/**
 * A choice in words, with the values it comes to: "het beleid volgen (bewaren 1; …)", "alles nu inzetten",
 * "eigen instelling: bewaren 0,5; lege woning 5 punten per maand". Without the policy's values, the policy
 * is named but not spelled out.
 */
export function planningChoiceText(choice: RoundPlanningChoice, policy?: PlanningValues): string {
  switch (choice.mode) {
    case 'policy':
      return policy ? `het beleid volgen (${planningValuesText(policy)})` : 'het beleid volgen';
    case 'spend-now':
      return 'alles nu inzetten';
    case 'custom': {
      const cost = choice.emptyHomeMonthCost ?? policy?.emptyHomeMonthCost;
      return cost === undefined
        ? `eigen instelling: bewaren ${formatNumberShort(choice.hold, 2)}; lege woning als in het beleid`
        : `eigen instelling: ${planningValuesText({ hold: choice.hold, emptyHomeMonthCost: cost })}`;
    }
  }
}

// How the app names two things of a proposal, in one wording for the round screen and the meeting
// agenda: how sure the calculation is of its answer (optimality), and the comparison with how tables
// allocate homes today (the greedy strategy). Pure TypeScript.
import { formatPoints } from '../reports/format-nl';

/** The comparison with today's way of allocating: its name and its rule. */
export const PRACTICE = {
  title: 'De huidige praktijk',
  rule: 'Wie het langst wacht, kiest eerst: elke kandidaat krijgt op volgorde van wachttijd de best passende woning die nog vrij is.',
} as const;

/** How the proposal itself is made, said beside the practice's rule. */
export const PROPOSAL_RULE = 'Zoekt de verdeling met de hoogste totaalscore binnen alle regels en grenzen.';

export interface OptimalityLike {
  status: 'proven' | 'unproven' | 'heuristic';
  bound: number | null;
}

/** "Bewezen de beste verdeling", "Beste gevonden verdeling (bovengrens 3.469,1)", "Vuistregel (geen bewijs)". */
export function optimalityLabel(o: OptimalityLike): string {
  if (o.status === 'proven') return 'Bewezen de beste verdeling';
  if (o.status === 'unproven') return o.bound !== null ? `Beste gevonden verdeling (bovengrens ${formatPoints(o.bound)})` : 'Beste gevonden verdeling';
  return 'Vuistregel (geen bewijs)';
}

/** What "Bewezen de beste verdeling" means, for the chair (no solver terms). */
export const PROVEN_HELP = 'Bewezen de beste verdeling: geen andere verdeling haalt binnen dezelfde regels en grenzen een hogere totaalscore.';

// What closing a round does with each pair of its latest proposal: placed, back to the pool (declined by
// the corporation or refused by the client, and why), waiting for the client's answer (not placed), or
// still without a decision (closing is refused). One rule for the close itself, its preview and its record.

export const PAIR_FATES = ['placed', 'returned', 'waiting', 'undecided'] as const;
export type PairFate = (typeof PAIR_FATES)[number];

/** The parts of a recorded decision that decide a pair's fate. */
export interface FateDecision {
  clientId: string;
  unitId: string;
  decision: 'accepted' | 'accepted-conditions' | 'declined';
  declineReason: string | null;
  clientAnswer: 'pending' | 'accepted' | 'refused';
}

export interface PairOutcome {
  clientId: string;
  unitId: string;
  fate: PairFate;
  /** Who sent a returned pair back: the corporation (declined) or the client (refused); null otherwise. */
  by: 'corporation' | 'client' | null;
  /** The corporation's coded reason when it declined. */
  declineReason: string | null;
}

/** The decline reason that records the client's refusal rather than the corporation's. */
const CLIENT_REFUSED = 'client-refused';

export function pairOutcome(pair: { clientId: string; unitId: string }, d: FateDecision | undefined): PairOutcome {
  const base = { clientId: pair.clientId, unitId: pair.unitId };
  if (!d) return { ...base, fate: 'undecided', by: null, declineReason: null };
  if (d.decision === 'declined') {
    return { ...base, fate: 'returned', by: d.declineReason === CLIENT_REFUSED ? 'client' : 'corporation', declineReason: d.declineReason };
  }
  if (d.clientAnswer === 'refused') return { ...base, fate: 'returned', by: 'client', declineReason: null };
  if (d.clientAnswer === 'pending') return { ...base, fate: 'waiting', by: null, declineReason: null };
  return { ...base, fate: 'placed', by: null, declineReason: null };
}

/** Every pair of `matches` (the latest version) with its fate, from the decision recorded for that pair. */
export function roundOutcome(matches: readonly { clientId: string; unitId: string }[], decisions: readonly FateDecision[]): PairOutcome[] {
  const byPair = new Map(decisions.map((d) => [`${d.clientId}|${d.unitId}`, d]));
  return matches.map((m) => pairOutcome(m, byPair.get(`${m.clientId}|${m.unitId}`)));
}

/**
 * Why a round cannot be closed yet, as the chair reads it: "Nog niet af te sluiten: 3 voorstellen hebben
 * nog geen besluit". The server's refusal and the round screen say the same sentence.
 */
export function closeRefusal(undecided: number): string {
  return `Nog niet af te sluiten: ${undecided} ${undecided === 1 ? 'voorstel heeft' : 'voorstellen hebben'} nog geen besluit`;
}

// A client's turned-down offers: every pair of a round on which the corporation declined (with its coded
// reason) or the client refused, in a closed round or an open one (a decision recorded there stands until
// it is changed). One reading of the recorded decisions, shared by the client's page (clients.get) and the
// care provider's report ("eerder afgewezen"), built on the same rule as closing a round (pairOutcome).
// Pure TypeScript.
import { formatLongDate } from '../reports/format-nl';
import { type FateDecision, pairOutcome } from './round-outcome';

/** A decline reason as it reads inside a sentence ("afgewezen door de corporatie: huurschuld"). */
export const DECLINE_REASON_WORDS: Record<string, string> = {
  'rent-debt': 'huurschuld',
  'landlord-statement': 'verhuurdersverklaring',
  liveability: 'leefbaarheid',
  'client-refused': 'de cliënt weigert',
  other: 'andere reden',
};

/** One recorded decision with where and when it was made. */
export interface OfferDecision extends FateDecision {
  roundId: number;
  roundDate: string;
  roundClosed: boolean;
  /** When the decision was recorded (ISO moment). */
  decidedAt: string;
}

export interface TurnedDownOffer {
  roundId: number;
  roundDate: string;
  roundClosed: boolean;
  unitId: string;
  /** Who turned it down: the corporation (declined) or the client (refused, or declined as 'client-refused'). */
  by: 'corporation' | 'client';
  /** The corporation's coded reason; null for a client's refusal. */
  declineReason: string | null;
  /** When the decision was recorded (ISO moment). */
  decidedAt: string;
}

/** The offers among `decisions` that were turned down, latest first (round date, round, then decision time). */
export function turnedDownOffers(decisions: readonly OfferDecision[]): TurnedDownOffer[] {
  const out: TurnedDownOffer[] = [];
  for (const d of decisions) {
    const o = pairOutcome(d, d);
    if (o.fate !== 'returned' || o.by === null) continue;
    out.push({
      roundId: d.roundId,
      roundDate: d.roundDate,
      roundClosed: d.roundClosed,
      unitId: d.unitId,
      by: o.by,
      declineReason: o.by === 'corporation' ? o.declineReason : null,
      decidedAt: d.decidedAt,
    });
  }
  return out.sort((a, b) => b.roundDate.localeCompare(a.roundDate) || b.roundId - a.roundId || b.decidedAt.localeCompare(a.decidedAt));
}

const reasonWords = (r: string | null) => (r ? (DECLINE_REASON_WORDS[r] ?? DECLINE_REASON_WORDS.other!) : 'zonder reden');

/**
 * The offer in one sentence: "Afgewezen door de corporatie op 4 december 2026 (ronde 1): huurschuld",
 * "Geweigerd door de cliënt op 4 december 2026 (ronde 2, nog open)".
 */
export function turnedDownSentence(o: TurnedDownOffer): string {
  const round = `ronde ${o.roundId}${o.roundClosed ? '' : ', nog open'}`;
  const on = `op ${formatLongDate(o.decidedAt)} (${round})`;
  return o.by === 'client' ? `Geweigerd door de cliënt ${on}` : `Afgewezen door de corporatie ${on}: ${reasonWords(o.declineReason)}`;
}

/** The same offer as a remark in a status: "eerder afgewezen door de corporatie in ronde 1: huurschuld". */
export function turnedDownRemark(o: TurnedDownOffer): string {
  return o.by === 'client'
    ? `eerder geweigerd door de cliënt in ronde ${o.roundId}`
    : `eerder afgewezen door de corporatie in ronde ${o.roundId}: ${reasonWords(o.declineReason)}`;
}

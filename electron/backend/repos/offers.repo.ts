// Reads clients' turned-down offers from the recorded round decisions (closed and open rounds), read by
// the rule of shared/domain/offer-history.ts. Used by clients.get and the care provider's report. Node only.
import type { Kysely } from 'kysely';
import { type TurnedDownOffer, turnedDownOffers } from '../../../shared/domain/offer-history';
import type { DB } from '../db/schema';

const asDecision = (d: string): 'accepted' | 'accepted-conditions' | 'declined' =>
  d === 'declined' || d === 'accepted-conditions' ? d : 'accepted';
const asAnswer = (a: string): 'pending' | 'accepted' | 'refused' => (a === 'accepted' || a === 'refused' ? a : 'pending');

/** Per client: the offers turned down by the corporation or the client, latest first; clients without any are absent. */
export async function readTurnedDownOffers(db: Kysely<DB>, clientIds: readonly string[]): Promise<Map<string, TurnedDownOffer[]>> {
  const out = new Map<string, TurnedDownOffer[]>();
  if (clientIds.length === 0) return out;
  const rows = await db
    .selectFrom('round_decisions as d')
    .innerJoin('rounds as r', 'r.id', 'd.round_id')
    .select(['d.round_id', 'd.client_id', 'd.unit_id', 'd.decision', 'd.decline_reason', 'd.client_answer', 'd.decided_at', 'r.date', 'r.status'])
    .where('d.client_id', 'in', [...new Set(clientIds)])
    .where((eb) => eb.or([eb('d.decision', '=', 'declined'), eb('d.client_answer', '=', 'refused')]))
    .execute();
  const byClient = new Map<string, typeof rows>();
  for (const r of rows) byClient.set(r.client_id, [...(byClient.get(r.client_id) ?? []), r]);
  for (const [clientId, list] of byClient) {
    const offers = turnedDownOffers(
      list.map((r) => ({
        clientId: r.client_id,
        unitId: r.unit_id,
        decision: asDecision(r.decision),
        declineReason: r.decline_reason,
        clientAnswer: asAnswer(r.client_answer),
        roundId: r.round_id,
        roundDate: r.date,
        roundClosed: r.status === 'closed',
        decidedAt: r.decided_at,
      })),
    );
    if (offers.length) out.set(clientId, offers);
  }
  return out;
}

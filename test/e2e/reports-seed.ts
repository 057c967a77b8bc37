// History for the report screens' end-to-end tests, made through the running app's API as the chair:
// rounds on the demo region that are proposed, decided (a corporation's decline with a reason, a client's
// refusal, the rest accepted) and closed, so the reports and the monitor have placements and declines.
import { apiCall, type WebApp } from './browser';

interface Match {
  clientId: string;
  unitId: string;
}

export interface SeededRound {
  roundId: number;
  placed: Match[];
  declined: Match[];
  refused: Match[];
}

/** One whole round: create, propose, decide every pair, close. */
export async function seedRound(app: WebApp, date: string, windowTo = '2027-01-31'): Promise<SeededRound> {
  const { id: roundId } = await apiCall<{ id: number }>(app, 'rounds.create', { date, windowFrom: date, windowTo });
  const { version, proposal } = await apiCall<{ version: number; proposal: { matches: Match[] } }>(app, 'rounds.propose', { roundId });
  const seeded: SeededRound = { roundId, placed: [], declined: [], refused: [] };
  for (const [i, m] of proposal.matches.entries()) {
    const pair = { roundId, version, clientId: m.clientId, unitId: m.unitId, seenDecidedAt: null };
    if (i % 5 === 0) {
      await apiCall(app, 'rounds.decide', { ...pair, decision: 'declined', declineReason: 'rent-debt', clientAnswer: 'pending' });
      seeded.declined.push(m);
    } else if (i % 7 === 1) {
      await apiCall(app, 'rounds.decide', { ...pair, decision: 'accepted', clientAnswer: 'refused' });
      seeded.refused.push(m);
    } else {
      await apiCall(app, 'rounds.decide', { ...pair, decision: 'accepted', clientAnswer: 'accepted' });
      seeded.placed.push(m);
    }
  }
  await apiCall(app, 'rounds.close', { roundId });
  return seeded;
}

/** Two closed rounds this autumn (the demo region's date is 27 november 2026). */
export async function seedHistory(app: WebApp): Promise<SeededRound[]> {
  return [await seedRound(app, '2026-10-02'), await seedRound(app, '2026-11-27')];
}

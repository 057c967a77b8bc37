// Follow-up (nazorg) of placements: which placements are followed, and where each 6/12/24-month check
// stands (done, still to come, overdue). One rule for the backend's to-do list and the Nazorg screen.

/** The parts of a placement that decide whether it is followed. */
export interface FollowedFacts {
  roundId: number | null;
  moveInDate: string | null;
}

/**
 * Placements made by a round, or given a move-in date, are followed. Earlier placements read in as
 * history (for the monitor and the neighbourhood caps) are not, until someone gives a move-in date.
 */
export function isFollowed(p: FollowedFacts): boolean {
  return p.roundId !== null || p.moveInDate !== null;
}

export type CheckState = 'done' | 'due' | 'overdue';

/** A check recorded is done; otherwise overdue once its due date has passed (`today` as yyyy-mm-dd), else due. */
export function checkState(check: { dueDate: string; checkedAt: string | null }, today: string): CheckState {
  if (check.checkedAt !== null) return 'done';
  return check.dueDate < today ? 'overdue' : 'due';
}

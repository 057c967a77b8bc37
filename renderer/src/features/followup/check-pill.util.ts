// The words of a 6/12/24-month check on the Nazorg screen: done (and what was found), still to come
// (with its date) or overdue, in the pill's visible text and in its accessible name, so the state never
// rests on colour alone. Pure; runs in the renderer.
import type { PlacementRow } from '../../../../shared/api/rounds.contract';
import { type CheckState, checkState } from '../../../../shared/domain/followup';
import { formatDate } from '../../ui/format.util';

type Check = Pick<PlacementRow['checks'][number], 'month' | 'dueDate' | 'checkedAt' | 'stillHoused' | 'relapse'>;

export interface CheckPill {
  state: CheckState;
  /** Shown in the pill: '6 mnd: gedaan', '12 mnd: te laat', '24 mnd: gepland 27-11-2028'. */
  text: string;
  /** The pill's accessible name: starts with its visible text, then the whole story. */
  label: string;
  color: string;
}

export function checkPill(check: Check, today: string): CheckPill {
  const state = checkState(check, today);
  const head = `${check.month} mnd`;
  const what = `controle na ${check.month} maanden`;
  if (state === 'done') {
    const left = check.stillHoused === false;
    const text = left ? `${head}: gedaan, vertrokken` : `${head}: gedaan`;
    const found = [left ? 'woont niet meer in de woning' : 'woont nog in de woning', ...(check.relapse ? ['terugval'] : [])].join(', ');
    return { state, text, label: `${text} (${what} vastgelegd op ${formatDate(check.checkedAt)}: ${found})`, color: left ? 'orange' : 'green' };
  }
  if (state === 'overdue') {
    const text = `${head}: te laat`;
    return { state, text, label: `${text} (${what} was gepland op ${formatDate(check.dueDate)} en is nog niet vastgelegd)`, color: 'red' };
  }
  const text = `${head}: gepland ${formatDate(check.dueDate)}`;
  return { state, text, label: `${text} (${what}, nog niet vastgelegd)`, color: 'gray' };
}

// Nazorg: which placements are followed, and each check's state in words (not only by colour).
import { describe, expect, it } from 'vitest';
import { checkState, isFollowed } from '../../shared/domain/followup';
import { checkPill } from '../../renderer/src/features/followup/check-pill.util';

const open = { month: 6 as const, dueDate: '2027-05-27', checkedAt: null, stillHoused: null, relapse: null };

describe('follow-up', () => {
  it('follows placements from a round or with a move-in date, not history', () => {
    expect(isFollowed({ roundId: 1, moveInDate: null })).toBe(true);
    expect(isFollowed({ roundId: null, moveInDate: '2026-01-01' })).toBe(true);
    expect(isFollowed({ roundId: null, moveInDate: null })).toBe(false);
  });

  it('a check is due until its date, overdue after it, done once recorded', () => {
    expect(checkState(open, '2027-05-27')).toBe('due');
    expect(checkState(open, '2027-05-28')).toBe('overdue');
    expect(checkState({ ...open, checkedAt: '2027-06-01' }, '2027-06-02')).toBe('done');
  });

  it('says the state in the pill text and its accessible name', () => {
    const due = checkPill(open, '2026-12-05');
    expect(due.text).toBe('6 mnd: gepland 27-05-2027');
    expect(due.label).toBe('6 mnd: gepland 27-05-2027 (controle na 6 maanden, nog niet vastgelegd)');
    const late = checkPill(open, '2027-06-01');
    expect(late.text).toBe('6 mnd: te laat');
    expect(late.label).toContain('was gepland op 27-05-2027 en is nog niet vastgelegd');
    const done = checkPill({ ...open, checkedAt: '2027-05-30', stillHoused: true, relapse: false }, '2027-06-01');
    expect(done.text).toBe('6 mnd: gedaan');
    expect(done.label).toBe('6 mnd: gedaan (controle na 6 maanden vastgelegd op 30-05-2027: woont nog in de woning)');
    const left = checkPill({ ...open, checkedAt: '2027-05-30', stillHoused: false, relapse: true }, '2027-06-01');
    expect(left.text).toBe('6 mnd: gedaan, vertrokken');
    expect(left.label).toContain('woont niet meer in de woning, terugval');
    for (const p of [due, late, done, left]) expect(p.label.startsWith(p.text)).toBe(true);
  });
});

// The typed-date reading of the date field: Dutch day-first dates (and ISO) to 'yyyy-mm-dd', and a
// message that quotes the text for anything that is no date or does not exist.
import { describe, expect, it } from 'vitest';
import { dateTextProblem, isIsoDate, parseDateText } from '../../renderer/src/ui/date-text.util';

describe('parseDateText', () => {
  it('reads dd-mm-jjjj, d-m-jjjj, slashes, dots and jjjj-mm-dd', () => {
    expect(parseDateText('04-12-2026')).toEqual({ ok: true, iso: '2026-12-04' });
    expect(parseDateText(' 4-2-2026 ')).toEqual({ ok: true, iso: '2026-02-04' });
    expect(parseDateText('4/2/2026')).toEqual({ ok: true, iso: '2026-02-04' });
    expect(parseDateText('29.02.2028')).toEqual({ ok: true, iso: '2028-02-29' });
    expect(parseDateText('2026-12-04')).toEqual({ ok: true, iso: '2026-12-04' });
    expect(parseDateText('')).toEqual({ ok: true, iso: null });
  });

  it('names a date that does not exist, and text that is no date', () => {
    expect(parseDateText('31-02-2026')).toEqual({ ok: false, message: '31-02-2026 bestaat niet' });
    expect(parseDateText('29-02-2026')).toEqual({ ok: false, message: '29-02-2026 bestaat niet' });
    expect(parseDateText('abc')).toEqual({ ok: false, message: "'abc' is geen datum; schrijf dd-mm-jjjj" });
    expect(parseDateText('4-12-26')).toEqual({ ok: false, message: "'4-12-26' is geen datum; schrijf dd-mm-jjjj" });
    expect(parseDateText('01-01-1850')).toEqual({ ok: false, message: '01-01-1850 ligt niet tussen 1900 en 2100' });
  });
});

describe('dateTextProblem', () => {
  it('passes stored dates and empty values, and names typed text', () => {
    expect(dateTextProblem('2026-12-04')).toBeNull();
    expect(dateTextProblem('')).toBeNull();
    expect(dateTextProblem(null)).toBeNull();
    expect(dateTextProblem('2026-02-30')).toBe('2026-02-30 bestaat niet');
    expect(dateTextProblem('31-04-2026')).toBe('31-04-2026 bestaat niet');
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('04-12-2026')).toBe(false);
  });
});

// The round screens' numbers and words: scores with one decimal and the real minus sign, signed
// balances, the refusal to close, and the optimality wording shared with the meeting agenda.
import { describe, expect, it } from 'vitest';
import { closeRefusal } from '../../shared/domain/round-outcome';
import { PRACTICE, optimalityLabel } from '../../shared/domain/round-words';
import { MINUS_SIGN, formatPoints, formatSigned } from '../../shared/reports/format-nl';
import { SECTIONS } from '../../shared/reports/definitions/agenda';

describe('round numbers', () => {
  it('shows every score with one decimal and the real minus sign', () => {
    expect(formatPoints(187.5)).toBe('187,5');
    expect(formatPoints(167.27)).toBe('167,3');
    expect(formatPoints(115)).toBe('115,0');
    expect(formatPoints(3469.14)).toBe('3.469,1');
    expect(formatPoints(-7.5)).toBe(`${MINUS_SIGN}7,5`);
    expect(formatPoints(-7.5)).not.toContain('-');
  });

  it('signs changes and balances, zero without a sign', () => {
    expect(formatSigned(2)).toBe('+2');
    expect(formatSigned(-1)).toBe('−1');
    expect(formatSigned(0)).toBe('0');
    expect(formatSigned(0.1, 1)).toBe('+0,1');
    expect(formatSigned(-4.9, 1)).toBe('−4,9');
    expect(formatSigned(-22, 1)).toBe('−22,0');
    expect(formatSigned(-0.01, 1)).toBe('0,0');
  });
});

describe('round words', () => {
  it('says how many proposals still lack a decision, singular and plural', () => {
    expect(closeRefusal(1)).toBe('Nog niet af te sluiten: 1 voorstel heeft nog geen besluit');
    expect(closeRefusal(3)).toBe('Nog niet af te sluiten: 3 voorstellen hebben nog geen besluit');
  });

  it('names optimality and the comparison the same way on the round screen and in the agenda', () => {
    expect(optimalityLabel({ status: 'proven', bound: 100 })).toBe('Bewezen de beste verdeling');
    expect(optimalityLabel({ status: 'unproven', bound: 3469.14 })).toBe('Beste gevonden verdeling (bovengrens 3.469,1)');
    expect(optimalityLabel({ status: 'unproven', bound: null })).toBe('Beste gevonden verdeling');
    expect(optimalityLabel({ status: 'heuristic', bound: null })).toBe('Vuistregel (geen bewijs)');
    expect(SECTIONS.practice.title).toBe(PRACTICE.title);
    expect(SECTIONS.practice.note).toContain(PRACTICE.rule);
  });
});

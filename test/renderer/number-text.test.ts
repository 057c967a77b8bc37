// Typed amounts and whole numbers in the forms: read like the import reads a cell, with a message that
// quotes what was typed (never "verplicht" for text that is there).
import { describe, expect, it } from 'vitest';
import { amountText, parseAmountText, parseWholeText, wholeText } from '../../renderer/src/ui/number-text.util';

describe('parseAmountText', () => {
  it('reads Dutch and plain amounts, empty as null', () => {
    expect(parseAmountText('1180')).toEqual({ ok: true, value: 1180 });
    expect(parseAmountText('612,35')).toEqual({ ok: true, value: 612.35 });
    expect(parseAmountText('€ 1.250,50')).toEqual({ ok: true, value: 1250.5 });
    expect(parseAmountText('  ')).toEqual({ ok: true, value: null });
  });
  it('names text that is no amount, a negative amount and too many decimals', () => {
    expect(parseAmountText('abc')).toEqual({ ok: false, message: "'abc' is geen bedrag" });
    expect(parseAmountText('-20')).toEqual({ ok: false, message: "'-20': een bedrag mag niet negatief zijn" });
    expect(parseAmountText('12,345')).toEqual({ ok: false, message: "'12,345': een bedrag heeft hoogstens twee decimalen" });
  });
});

describe('parseWholeText', () => {
  it('reads whole numbers within the range and names the rest', () => {
    expect(parseWholeText('3', 1, 6)).toEqual({ ok: true, value: 3 });
    expect(parseWholeText('', 1, 6)).toEqual({ ok: true, value: null });
    expect(parseWholeText('twee', 1, 6)).toEqual({ ok: false, message: "'twee' is geen geheel getal" });
    expect(parseWholeText('2,5', 1, 6)).toEqual({ ok: false, message: "'2,5' is geen geheel getal" });
    expect(parseWholeText('9', 1, 6)).toEqual({ ok: false, message: "'9' ligt niet tussen 1 en 6" });
  });
});

describe('field texts', () => {
  it('shows stored numbers the Dutch way, without thousands separators', () => {
    expect(amountText(612.5)).toBe('612,5');
    expect(amountText(1180)).toBe('1180');
    expect(amountText(null)).toBe('');
    expect(wholeText(0)).toBe('0');
  });
});

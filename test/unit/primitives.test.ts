// The small schema building blocks: one clear message per bad value.
import { describe, expect, it } from 'vitest';
import { Amount, Id, IsoDate, MunicipalityCode } from '../../shared/domain/primitives';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe('primitives', () => {
  it('dates: wrong format and impossible day each get exactly their own message', () => {
    expect(messages(IsoDate.safeParse('1-12-2026'))).toEqual(['verwacht een datum als JJJJ-MM-DD']);
    expect(messages(IsoDate.safeParse('2025-02-30'))).toEqual(['deze datum bestaat niet']);
    expect(IsoDate.safeParse('2024-02-29').success).toBe(true);
    expect(messages(IsoDate.safeParse(''))).toEqual(['vul een datum in']);
  });
  it('amounts: negative and sub-cent values are refused, cents are kept', () => {
    expect(messages(Amount.safeParse(-0.01))).toEqual(['mag niet negatief zijn']);
    expect(messages(Amount.safeParse(1.234))).toEqual(['maximaal twee decimalen']);
    expect(Amount.parse(682.96)).toBe(682.96);
  });
  it('codes and ids', () => {
    expect(MunicipalityCode.safeParse('GM0034').success).toBe(true);
    expect(MunicipalityCode.safeParse('0034').success).toBe(false);
    expect(Id.safeParse('K-0001').success).toBe(true);
    expect(Id.safeParse('-x').success).toBe(false);
  });
});

// The small schema building blocks: one clear message per bad value; the text and date rules every way in shares.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { userNameProblem } from '../../shared/auth/roles';
import { clientRuleProblems } from '../../shared/dataset/validate';
import { Amount, Id, IsoDate, Line, MunicipalityCode, Text, addYears, codePointName, shorten } from '../../shared/domain/primitives';

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

describe('text fields: Line and Text', () => {
  it('refuse NUL, bidi overrides and other invisible controls, naming the character and its position', () => {
    expect(messages(Line().safeParse('Anna\u202Eexe.txt'))).toEqual(['bevat een niet-toegestaan teken (U+202E) op positie 5']);
    expect(messages(Line().safeParse('Ann\u0000a'))).toEqual(['bevat een niet-toegestaan teken (U+0000) op positie 4']);
    expect(messages(Text().safeParse('notitie\u0007'))).toEqual(['bevat een niet-toegestaan teken (U+0007) op positie 8']);
    for (const ch of ['\u007f', '\u0085', '\u061c', '\u200e', '\u200f', '\u202a', '\u202d', '\u2066', '\u2069', '\ufeff', '\u2028', '\u2029', '\u001b']) {
      expect(Line().safeParse(`a${ch}b`).success, `Line with ${codePointName(ch)}`).toBe(false);
      expect(Text().safeParse(`a${ch}b`).success, `Text with ${codePointName(ch)}`).toBe(false);
    }
    // Half a character (a lone surrogate) cannot be written to a UTF-8 file.
    expect(messages(Line().safeParse('ab\ud800'))).toEqual(['bevat een niet-toegestaan teken (U+D800) op positie 3']);
  });
  it('positions count characters, not UTF-16 units', () => {
    expect(messages(Line().safeParse('😀😀\u202E'))).toEqual(['bevat een niet-toegestaan teken (U+202E) op positie 3']);
  });
  it('multi-line Text allows TAB, LF and CR; a single Line does not', () => {
    expect(Text().safeParse('regel 1\r\nregel 2\tmet tab').success).toBe(true);
    expect(messages(Line().safeParse('Jan\nJansen'))).toEqual(['bevat een niet-toegestaan teken (U+000A) op positie 4']);
    expect(messages(Line().safeParse('Jan\tJansen'))).toEqual(['bevat een niet-toegestaan teken (U+0009) op positie 4']);
  });
  it('accepts accents, other scripts and emoji', () => {
    for (const s of ['Zoë van Dijk-Ağaoğlu', 'مروان', 'Łukasz Żółć', 'Ana 👋', '']) expect(Line().safeParse(s).success, s).toBe(true);
  });
  it('caps the length with one message and does not scan a huge value further', () => {
    expect(messages(Line(10).safeParse('x'.repeat(11)))).toEqual(['is langer dan 10 tekens']);
    expect(messages(Text(10).safeParse(`\u0000${'x'.repeat(50)}`))).toEqual(['is langer dan 10 tekens']);
    expect(Line(10).safeParse('x'.repeat(10)).success).toBe(true);
    expect(Line().min(1).nullable().safeParse(null).success).toBe(true);
  });
  it('ids are capped before anything else is checked', () => {
    expect(messages(Id.safeParse('x'.repeat(5_000_000)))).toEqual(['is langer dan 64 tekens']);
  });
  it('shorten quotes input safely: cut short, controls replaced', () => {
    expect(shorten('a\u202Eb', 10)).toBe('a?b');
    expect(shorten('x'.repeat(100), 5)).toBe('xxxxx…');
  });
  it('an unknown field is named, cut short, never whole', () => {
    const r = z.object({ a: z.number() }).strict().safeParse({ a: 1, ['k'.repeat(1000)]: 1 });
    const [message] = messages(r);
    expect(message?.length).toBeLessThan(80);
    expect(message).toMatch(/^onbekend veld: k+…$/);
  });
});

describe('dates are plausible on every way in', () => {
  it('refuses dates before 1900 and after 2100', () => {
    expect(messages(IsoDate.safeParse('2999-01-01'))).toEqual(['ligt niet tussen 1900 en 2100']);
    expect(messages(IsoDate.safeParse('1899-12-31'))).toEqual(['ligt niet tussen 1900 en 2100']);
    expect(IsoDate.safeParse('2100-12-31').success).toBe(true);
  });
  it('addYears keeps the day, and turns 29 February into 28 February when needed', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2026-11-27', -16)).toBe('2010-11-27');
  });
  it('client rules: birth date in the past and plausible, ready date not before birth nor far ahead', () => {
    const today = '2026-11-27';
    const rules = (birthDate: string, readyDate: string | null, kinds: string[] = [], refusedKinds: string[] = []) =>
      clientRuleProblems({ birthDate, readyDate, preferences: { kinds, refusedKinds } as never }, today).map((p) => `${p.field}: ${p.message}`);
    expect(rules('1990-05-14', '2026-08-01')).toEqual([]);
    expect(rules('2099-01-01', null)).toEqual(['birthDate: ligt in de toekomst']);
    expect(rules('2020-01-01', null)).toEqual(['birthDate: de kandidaat is dan jonger dan 16 jaar']);
    expect(rules('1900-01-01', null)).toEqual(['birthDate: ligt meer dan 120 jaar terug']);
    expect(rules('1990-05-14', '2099-01-01')).toEqual(['readyDate: ligt meer dan een jaar in de toekomst']);
    expect(rules('1990-05-14', '2027-11-27')).toEqual([]);
    expect(rules('1990-05-14', '1980-01-01')).toEqual(['readyDate: ligt vóór de geboortedatum']);
    expect(rules('1990-05-14', null, ['omklap'], ['omklap'])).toEqual(['preferences.refusedKinds: Omklapwoning staat ook bij de gewenste woningsoorten']);
  });
});

describe('a login name that is refused says what to change', () => {
  it('names the problem', () => {
    expect(userNameProblem('anna')).toBeNull();
    expect(userNameProblem(' anna.devries ')).toBeNull();
    expect(userNameProblem('')).toBe('vul een inlognaam in');
    expect(userNameProblem('Anna')).toBe('alleen kleine letters, bijvoorbeeld "anna"');
    expect(userNameProblem('anna de vries')).toBe('zonder spaties, bijvoorbeeld "anna.devries"');
    expect(userNameProblem('a')).toBe('minstens 2 tekens');
    expect(userNameProblem('a'.repeat(41))).toBe('hoogstens 40 tekens');
    expect(userNameProblem('.anna')).toBe('begin met een kleine letter of een cijfer');
    expect(userNameProblem('anna@corp')).toBe('alleen kleine letters, cijfers, punt, streepje of liggend streepje');
  });
});

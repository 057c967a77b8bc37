// Small zod building blocks shared by every schema: ids, CBS codes, calendar dates, amounts, and the
// two text primitives every free-text field uses (Line, Text). Pure TypeScript: runs anywhere.
import { z } from 'zod';

// Every message zod writes itself (wrong type, missing field, ...) in Dutch, like our own: users and
// the CLI see them. Set here because every schema imports this module.
z.config(z.locales.nl());
// zod names unknown keys in its message: keys are input, so name at most five, each cut short.
z.config({
  customError: (iss) =>
    iss.code === 'unrecognized_keys'
      ? `onbekend veld: ${iss.keys.slice(0, 5).map((k) => shorten(k, 40)).join(', ')}${iss.keys.length > 5 ? ` (en nog ${iss.keys.length - 5})` : ''}`
      : undefined,
});

/** A piece of input fit to quote in a message: at most `max` characters, control characters shown as '?'. */
export function shorten(s: string, max: number): string {
  const clean = Array.from(s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]|\p{Cs}/gu, '?'));
  return clean.length > max ? `${clean.slice(0, max).join('')}…` : clean.join('');
}

/** The calendar range every date must fall in: older or later dates are typing errors, not data. */
export const FIRST_DATE = '1900-01-01';
export const LAST_DATE = '2100-12-31';

/** A calendar date as YYYY-MM-DD that really exists (no 2025-02-30), between 1900 and 2100. */
export const IsoDate = z
  .string()
  .min(1, { message: 'vul een datum in', abort: true })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'verwacht een datum als JJJJ-MM-DD', abort: true })
  .refine((s) => isRealDate(s), { message: 'deze datum bestaat niet', abort: true })
  .refine((s) => s >= FIRST_DATE && s <= LAST_DATE, { message: 'ligt niet tussen 1900 en 2100' });

export function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** The same day `years` later (or earlier, negative); 29 February becomes 28 February when needed. */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const ny = y + years;
  const day = m === 2 && d === 29 && !isRealDate(`${ny}-02-29`) ? 28 : d;
  return `${String(ny).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** CBS municipality code, e.g. GM0034 (Almere). */
export const MunicipalityCode = z.string().regex(/^GM\d{4}$/, 'verwacht een CBS-gemeentecode als GM0034');
/** CBS neighbourhood (buurt) code, e.g. BU00340101. */
export const NeighbourhoodCode = z.string().regex(/^BU\d{8}$/, 'verwacht een CBS-buurtcode als BU00340101');

/** Stable identifier chosen by the region: letters, digits, dash, underscore, dot. */
export const Id = z
  .string()
  .max(64, { message: 'is langer dan 64 tekens', abort: true })
  .min(1, 'mag niet leeg zijn')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'alleen letters, cijfers, punt, streepje en liggend streepje');

/** Money in euros, two decimals at most, never negative. */
export const Amount = z
  .number()
  .nonnegative('mag niet negatief zijn')
  .refine((n) => Math.round(n * 100) === Number((n * 100).toFixed(6)), { message: 'maximaal twee decimalen' });

// ---------------------------------------------------------------------------------------------
// Text. Characters that are never allowed in any text field, because they are invisible and change
// how text around them is shown (in lists, PDFs, exports, terminals) or break files:
// - C0 control characters U+0000–U+001F (NUL, ESC, ...) and DEL U+007F; C1 controls U+0080–U+009F.
//   Only multi-line fields (Text) allow TAB, LF and CR; single-line fields (Line) refuse them too.
// - Bidirectional controls: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069 (the "RLO" trick
//   that shows 'exe.txt' for 'txt.exe').
// - U+FEFF (byte-order mark / zero-width no-break space) and U+2028/U+2029 (line and paragraph
//   separators: they break lines where no line break is visible, and break JavaScript and CSV readers).
// - Lone UTF-16 surrogates (half a character): they cannot be written to UTF-8 files.
// Everything else (accents, emoji, other scripts) is allowed.
const LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]|\p{Cs}/u;
const TEXT_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]|\p{Cs}/u;

/** U+202E style name of a character. */
export const codePointName = (ch: string): string => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The first character a text field may not hold, as a Dutch message with the character and its
 * position (1-based, counting characters), or null when the text is clean.
 */
export function forbiddenCharacter(s: string, multiLine: boolean): string | null {
  const re = multiLine ? TEXT_FORBIDDEN : LINE_FORBIDDEN;
  const m = re.exec(s);
  if (!m) return null;
  const position = Array.from(s.slice(0, m.index)).length + 1;
  return `bevat een niet-toegestaan teken (${codePointName(m[0])}) op positie ${position}`;
}

// One check object per kind, so tools can recognise a text field (the JSON Schema gets a pattern).
const lineCheck = z.superRefine((s: string, ctx) => {
  const problem = forbiddenCharacter(s, false);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const textCheck = z.superRefine((s: string, ctx) => {
  const problem = forbiddenCharacter(s, true);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const BIDI_ETC = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff\\u2028\\u2029';
/** The same rules as a JSON Schema pattern (ECMA-262), for resources/dataset.schema.json. */
export const LINE_PATTERN = `^[^\\u0000-\\u001f\\u007f-\\u009f${BIDI_ETC}]*$`;
export const TEXT_PATTERN = `^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f${BIDI_ETC}]*$`;

/** LINE_PATTERN or TEXT_PATTERN when the schema is a Line or Text field, else null. */
export function textFieldPattern(schema: z.core.$ZodType): string | null {
  const checks = (schema._zod.def as { checks?: unknown[] }).checks ?? [];
  if (checks.includes(lineCheck)) return LINE_PATTERN;
  if (checks.includes(textCheck)) return TEXT_PATTERN;
  return null;
}

function textField(max: number, multiLine: boolean) {
  return z
    .string()
    .max(max, { message: `is langer dan ${max} tekens`, abort: true })
    .check(multiLine ? textCheck : lineCheck);
}

/**
 * Caps for what the API answers (its output schemas): generous, since it is our own text, but never
 * unbounded. Input fields use Line/Text/Id with their own, tighter caps.
 */
export const OUT_MAX = 100_000;
/** A file in base64 in an answer (an export, a review PDF). */
export const OUT_FILE_MAX = 256 * 1024 * 1024;

/** A single-line text field (names, addresses, who confirmed): at most `max` characters, no control characters, no line breaks. */
export const Line = (max = 200) => textField(max, false);
/** A multi-line text field (notes, reasons, descriptions): at most `max` characters; TAB, LF and CR allowed, other control characters not. */
export const Text = (max = 2000) => textField(max, true);

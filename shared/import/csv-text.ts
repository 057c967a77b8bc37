// CSV formula injection (OWASP): a spreadsheet program runs a text cell that starts with = + - @ TAB
// or CR as a formula. Such a text gets one leading ' in a CSV export, and the CSV reader takes exactly
// that one off again. Pure TypeScript without dependencies (the import's reading worker loads it).

/** A text a spreadsheet would run, or one that already starts with quotes before such a character. */
const FORMULA_LEAD = /^'*[=+\-@\t\r]/;
const NEUTRALISED_LEAD = /^'+[=+\-@\t\r]/;

/** The text as a CSV export writes it: with one leading ' when a spreadsheet would run it. */
export const neutraliseCsvText = (s: string): string => (FORMULA_LEAD.test(s) ? `'${s}` : s);

/** The text as written before neutraliseCsvText: restoreCsvText(neutraliseCsvText(s)) === s for every s. */
export const restoreCsvText = (s: string): string => (NEUTRALISED_LEAD.test(s) ? s.slice(1) : s);

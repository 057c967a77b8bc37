// Typed numbers in forms, read as the import reads its cells (one rule): amounts '612,35', '€ 1.250,50'
// and whole numbers, with the import's message ("'abc' is geen bedrag"). Pure; runs in the renderer.
import { CellError, parseAmount, parseInteger } from '../../../shared/import/cells';
import { formatNumberShort } from '../../../shared/reports/format-nl';

export type NumberText = { ok: true; value: number | null } | { ok: false; message: string };

function read(text: string, parse: (s: string) => number): NumberText {
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: parse(text) };
  } catch (e) {
    if (e instanceof CellError) return { ok: false, message: e.message };
    throw e;
  }
}

/** '' → null; '1180', '612,35', '€ 1.250,50' → the amount; 'abc' → "'abc' is geen bedrag". */
export const parseAmountText = (text: string): NumberText => read(text, parseAmount);

/** '' → null; '3' → 3; 'abc' → "'abc' is geen geheel getal"; outside min..max named too. */
export const parseWholeText = (text: string, min: number, max: number): NumberText => read(text, (s) => parseInteger(s, min, max));

/** A stored amount as the field shows it: 1180 → "1180", 612.5 → "612,5"; null → ''. */
export const amountText = (n: number | null | undefined): string => (n === null || n === undefined ? '' : formatNumberShort(n, 2, false));

/** A stored whole number as the field shows it; null → ''. */
export const wholeText = (n: number | null | undefined): string => (n === null || n === undefined ? '' : String(n));

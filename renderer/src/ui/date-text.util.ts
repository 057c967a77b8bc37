// Typed dates in forms: 'dd-mm-jjjj' (also 'd-m-jjjj', '/' or '.' between, or 'jjjj-mm-dd') to
// 'yyyy-mm-dd', with a Dutch message that quotes what was typed. Pure; runs in the renderer.
import { FIRST_DATE, LAST_DATE, isRealDate } from '../../../shared/domain/primitives';

export type DateText = { ok: true; iso: string | null } | { ok: false; message: string };

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Today as 'yyyy-mm-dd' on this computer's calendar. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Whether a value is a stored date ('yyyy-mm-dd' that exists), not typed text. */
export function isIsoDate(value: string | null | undefined): value is string {
  return !!value && ISO.test(value) && isRealDate(value);
}

/** '' → null; '4-12-2026', '04-12-2026', '2026-12-04' → '2026-12-04'; anything else a Dutch message. */
export function parseDateText(text: string): DateText {
  const t = text.trim();
  if (t === '') return { ok: true, iso: null };
  const pad = (s: string) => s.padStart(2, '0');
  let iso: string | null = null;
  let m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m) iso = `${m[3]}-${pad(m[2] ?? '')}-${pad(m[1] ?? '')}`;
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) iso = `${m[1]}-${pad(m[2] ?? '')}-${pad(m[3] ?? '')}`;
  const shown = t.length > 30 ? `${t.slice(0, 30)}…` : t;
  if (!iso) return { ok: false, message: `'${shown}' is geen datum; schrijf dd-mm-jjjj` };
  if (!isRealDate(iso)) return { ok: false, message: `${shown} bestaat niet` };
  if (iso < FIRST_DATE || iso > LAST_DATE) return { ok: false, message: `${shown} ligt niet tussen 1900 en 2100` };
  return { ok: true, iso };
}

/** The messages for the date fields among `values` whose typed text is no date, by field. */
export function dateProblems(values: Record<string, string | null | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, value] of Object.entries(values)) {
    const problem = dateTextProblem(value);
    if (problem) out[field] = problem;
  }
  return out;
}

/** The message for a date field's value (a stored date, '' or typed text), or null when it is fine. */
export function dateTextProblem(value: string | null | undefined): string | null {
  if (!value || isIsoDate(value)) return null;
  const r = parseDateText(value);
  return r.ok ? null : r.message;
}

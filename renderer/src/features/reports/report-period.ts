// The period of a report screen: its default (the last 12 months up to today, as the backend takes it:
// after the same day a year ago, up to and including today) and the check of typed dates. Runs in the renderer.
import { IsoDate } from '../../../../shared/domain/primitives';

const pad = (n: number) => String(n).padStart(2, '0');

/** Today as yyyy-mm-dd on this computer's calendar. */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The last 12 months: from the day after the same day a year ago, to today. */
export function defaultPeriod(now = new Date()): { from: string; to: string } {
  const from = new Date(now.getFullYear() - 1, now.getMonth(), now.getDate() + 1);
  return { from: todayIso(from), to: todayIso(now) };
}

export interface PeriodCheck {
  /** The period to ask for, or null while a date is wrong. */
  period: { from: string; to: string } | null;
  fromError?: string;
  toError?: string;
}

/** Checks the two typed dates: real dates, and the end not before the start. */
export function checkPeriod(from: string, to: string): PeriodCheck {
  const f = IsoDate.safeParse(from);
  const t = IsoDate.safeParse(to);
  const fromError = f.success ? undefined : (f.error.issues[0]?.message ?? 'geen geldige datum');
  let toError = t.success ? undefined : (t.error.issues[0]?.message ?? 'geen geldige datum');
  if (!fromError && !toError && to < from) toError = 'het einde ligt voor het begin';
  if (fromError || toError) return { period: null, ...(fromError ? { fromError } : {}), ...(toError ? { toError } : {}) };
  return { period: { from, to } };
}

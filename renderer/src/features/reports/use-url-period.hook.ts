// The period of a report screen kept in the URL (?van=…&tot=…; absent: the last 12 months), checked, with
// the props for its PeriodInputs. Shared by the monitor, the provider and the corporation report. Runs in the renderer.
import { useMemo } from 'react';
import type { UrlFilters } from '../../ui/url-filters.hook';
import type { PeriodInputsProps } from './period-inputs.component';
import { checkPeriod, defaultPeriod } from './report-period';

export interface UrlPeriod {
  /** The last 12 months up to today: what the screen shows while the URL names no period. */
  fallback: { from: string; to: string };
  /** The period to ask for, or null while a typed date is wrong. */
  period: { from: string; to: string } | null;
  /** The values, handlers and messages for PeriodInputs (a date equal to the default leaves the URL). */
  inputs: Omit<PeriodInputsProps, 'size' | 'testId'>;
}

export function useUrlPeriod(url: UrlFilters): UrlPeriod {
  const fallback = useMemo(() => defaultPeriod(), []);
  const from = url.one('van') || fallback.from;
  const to = url.one('tot') || fallback.to;
  const checked = checkPeriod(from, to);
  return {
    fallback,
    period: checked.period,
    inputs: {
      from,
      to,
      onFrom: (v) => url.set('van', v === fallback.from ? null : v),
      onTo: (v) => url.set('tot', v === fallback.to ? null : v),
      fromError: checked.fromError,
      toError: checked.toError,
    },
  };
}

// The report screens' one call site for Dutch formatting of report cells (numbers 1.234 and 4,5, dates
// dd-mm-jjjj, "< 5" for hidden counts). A stand-in until shared/reports/format-nl.ts lands, then it
// re-exports that. Runs in the renderer.
import type { Cell, ColumnType } from '../../../../shared/reports/report-doc';

const whole = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** A cell as Dutch text for its column type; null is "—". */
export function formatCell(value: Cell, type: ColumnType): string {
  if (value === null) return '—';
  if (typeof value === 'string') {
    if (type === 'date') {
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
      return m ? `${m[3]}-${m[2]}-${m[1]}` : value;
    }
    return value;
  }
  switch (type) {
    case 'decimal':
      return oneDecimal.format(value);
    case 'percent':
      return `${oneDecimal.format(value)} %`;
    case 'money':
      return euro.format(value);
    case 'months':
      return `${oneDecimal.format(value)} mnd`;
    case 'days':
      return `${whole.format(value)} ${value === 1 ? 'dag' : 'dagen'}`;
    default:
      return whole.format(value);
  }
}

/** How a count hidden by the small-number rule reads: "< 5". */
export function hiddenLabel(threshold: number): string {
  return `< ${whole.format(threshold)}`;
}

/** "2026-12-04" → "4 december 2026"; anything else as is. */
export function formatLongDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? ''} ${m[1]}`;
}

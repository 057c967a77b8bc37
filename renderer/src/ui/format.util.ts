// Dutch formatting for dates, money and small phrases in the UI. Pure functions; runs in the renderer.
import { formatNumberShort, plural } from '../../../shared/reports/format-nl';

/** "2025-03-14" → "14-03-2025"; anything else is returned as is. Never goes through Date (no time zones). */
export function formatDate(iso: string | null | undefined, empty = '—'): string {
  if (!iso) return empty;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

/** 1234.5 → "€ 1.234,50". */
export function formatMoney(amount: number): string {
  return euro.format(amount);
}

/** 1234 → "1.234", 4.5 → "4,5" (at most two decimals): the documents' Dutch numbers. */
export function formatCount(n: number): string {
  return formatNumberShort(n, 2);
}

/** "1 kandidaat" / "60 kandidaten": the one plural helper, shared with the documents. */
export { plural };

/** 0 → "begane grond", -1 → "souterrain", 3 → "3e verdieping". */
export function formatFloor(floor: number): string {
  if (floor === 0) return 'begane grond';
  if (floor < 0) return 'souterrain';
  return `${floor}e verdieping`;
}

export function yesNo(value: boolean): string {
  return value ? 'ja' : 'nee';
}

/** ["a", "b", "c"] → "a, b en c". */
export function joinDutch(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1] ?? ''}`;
}

// Small zod building blocks shared by every schema: ids, CBS codes, calendar dates, amounts.
// Pure TypeScript: runs anywhere.
import { z } from 'zod';

// Every message zod writes itself (wrong type, missing field, ...) in Dutch, like our own: users and
// the CLI see them. Set here because every schema imports this module.
z.config(z.locales.nl());

/** A calendar date as YYYY-MM-DD that really exists (no 2025-02-30). */
export const IsoDate = z
  .string()
  .min(1, { message: 'vul een datum in', abort: true })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'verwacht een datum als JJJJ-MM-DD', abort: true })
  .refine((s) => isRealDate(s), { message: 'deze datum bestaat niet' });

export function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** CBS municipality code, e.g. GM0034 (Almere). */
export const MunicipalityCode = z.string().regex(/^GM\d{4}$/, 'verwacht een CBS-gemeentecode als GM0034');
/** CBS neighbourhood (buurt) code, e.g. BU00340101. */
export const NeighbourhoodCode = z.string().regex(/^BU\d{8}$/, 'verwacht een CBS-buurtcode als BU00340101');

/** Stable identifier chosen by the region: letters, digits, dash, underscore, dot. */
export const Id = z
  .string()
  .min(1, 'mag niet leeg zijn')
  .max(64, 'is langer dan 64 tekens')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'alleen letters, cijfers, punt, streepje en liggend streepje');

/** Money in euros, two decimals at most, never negative. */
export const Amount = z
  .number()
  .nonnegative('mag niet negatief zijn')
  .refine((n) => Math.round(n * 100) === Number((n * 100).toFixed(6)), { message: 'maximaal twee decimalen' });

export const Text = z.string().max(2000, 'is langer dan 2000 tekens');

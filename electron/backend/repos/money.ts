// Euros in the domain, cents in the database: integers keep sums exact. Node only.
export const toCents = (euros: number): number => Math.round(euros * 100);
export const toEuros = (cents: number): number => cents / 100;
export const toBool = (n: number): boolean => n !== 0;
export const toInt = (b: boolean): number => (b ? 1 : 0);

// The demo generator's seeded random numbers and calendar helpers. The generator itself (mulberry32, Rng)
// and the day arithmetic live in shared/domain/random.ts; this file keeps what only the demo needs.
import { addDays, type Rng } from '../../shared/domain/random';

export { addDays, daysBetween, mulberry32, Rng } from '../../shared/domain/random';
export { ageOn } from '../../shared/engine/rules';

/** A birth date that makes someone exactly `age` years old on `referenceDate`. */
export function birthDateForAge(rng: Rng, age: number, referenceDate: string): string {
  const [y, m, d] = referenceDate.split('-').map(Number) as [number, number, number];
  const latest = `${String(y - age).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  // Up to 363 days earlier keeps the age the same in leap and non-leap years alike.
  return addDays(latest, -rng.int(0, 363));
}

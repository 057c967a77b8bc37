// A chair identity for code that runs without a person at the keyboard: tests, benchmarks and host
// tasks (seeding the demo region right after setup). Never handed to a remote caller. Pure TypeScript.
import type { SessionUser } from './roles';

export function chairUser(name: string): SessionUser {
  return { name, displayName: name, role: 'chair', careProviderId: null, corporationId: null };
}

/** A dispatcher caller acting as a chair named `name`. */
export function asChair(name: string): { actor: string; user: SessionUser } {
  return { actor: name, user: chairUser(name) };
}

// Who uses the app: the four roles, their Dutch names, and the logged-in person as the backend and the
// renderer see them. Pure TypeScript.
import { z } from 'zod';
import { OUT_MAX } from '../domain/primitives';

export const ROLES = ['chair', 'provider', 'liaison', 'readonly'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  chair: 'Voorzitter',
  provider: 'Medewerker zorgaanbieder',
  liaison: 'Contactpersoon corporatie',
  readonly: 'Alleen lezen (monitor)',
};

/** The logged-in person. A provider worker is bound to one care provider, a liaison to one corporation. */
export const SessionUser = z.object({
  name: z.string().max(OUT_MAX),
  displayName: z.string().max(OUT_MAX),
  role: Role,
  careProviderId: z.string().max(OUT_MAX).nullable(),
  corporationId: z.string().max(OUT_MAX).nullable(),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** Login names: short, lower case, no spaces (they name the person in every record). */
export const USER_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;
export const USER_NAME_RULE = '2–40 tekens: kleine letters, cijfers, punt, streepje of liggend streepje';

/** What is wrong with a login name, in words that say how to fix it (null: it is fine). */
export function userNameProblem(text: string): string | null {
  const name = text.trim();
  if (USER_NAME_PATTERN.test(name)) return null;
  if (name === '') return 'vul een inlognaam in';
  if (/\s/.test(name)) return 'zonder spaties, bijvoorbeeld "anna.devries"';
  if (/[A-Z]/.test(name) && USER_NAME_PATTERN.test(name.toLowerCase())) return `alleen kleine letters, bijvoorbeeld "${name.toLowerCase()}"`;
  if (name.length < 2) return 'minstens 2 tekens';
  if (name.length > 40) return 'hoogstens 40 tekens';
  if (!/^[a-z0-9]/.test(name)) return 'begin met een kleine letter of een cijfer';
  return 'alleen kleine letters, cijfers, punt, streepje of liggend streepje';
}

/** A passphrase: at least 12 characters (a sentence is easier to remember than a password). */
export const PASSPHRASE_MIN = 12;
export const PASSPHRASE_MAX = 1024;
export const PASSPHRASE_RULE = `minstens ${PASSPHRASE_MIN} tekens (een zin onthoudt u makkelijker dan een wachtwoord)`;

// API methods of logging in and of managing users. The auth.* methods are answered by the host's gate
// (they open the encrypted database, so they run before any session exists); users.* and
// account.* by the dispatcher like every other method. Merged into contract.ts. Pure TypeScript.
import { z } from 'zod';
import { Id, Line, OUT_MAX } from '../domain/primitives';
import { PASSPHRASE_MAX, PASSPHRASE_MIN, PASSPHRASE_RULE, Role, SessionUser, USER_NAME_PATTERN, USER_NAME_RULE } from '../auth/roles';
import type { MethodSpec } from './method-spec';
import { ExpectedVersion, RecordVersion } from './record-version';

export const UserName = z.string().regex(USER_NAME_PATTERN, USER_NAME_RULE);
export const Passphrase = z
  .string()
  .min(PASSPHRASE_MIN, PASSPHRASE_RULE)
  .max(PASSPHRASE_MAX, `hoogstens ${PASSPHRASE_MAX} tekens`);
/** A passphrase given to log in: any length (a wrong one is simply wrong). */
const GivenPassphrase = z.string().min(1, 'vul uw wachtwoordzin in').max(PASSPHRASE_MAX);

/**
 * setup: no database yet, or an unencrypted one from an older version (the first user is made and the
 * file is encrypted); locked: encrypted database, nobody logged in since start; open: the database is
 * open (another person may be logged in elsewhere).
 */
export const AuthState = z.enum(['setup', 'convert', 'locked', 'open']);
export type AuthState = z.infer<typeof AuthState>;

export const AuthStatus = z.object({
  state: AuthState,
  /** The person logged in in this window/session, or null. */
  user: SessionUser.nullable(),
  /** Set when the state is 'convert': the existing unencrypted database that will be encrypted. */
  databasePath: z.string().max(OUT_MAX),
});
export type AuthStatus = z.infer<typeof AuthStatus>;

/** Fields of a user's binding, checked together: a provider worker needs a care provider, a liaison a corporation. */
const Binding = {
  role: Role,
  careProviderId: Id.nullable(),
  corporationId: Id.nullable(),
};
type BindingValue = { role: Role; careProviderId: string | null; corporationId: string | null };
function checkBinding(v: BindingValue, ctx: z.RefinementCtx): void {
  if (v.role === 'provider' && !v.careProviderId) ctx.addIssue({ code: 'custom', path: ['careProviderId'], message: 'kies de zorgaanbieder van deze medewerker' });
  if (v.role !== 'provider' && v.careProviderId) ctx.addIssue({ code: 'custom', path: ['careProviderId'], message: 'alleen een medewerker zorgaanbieder hoort bij een zorgaanbieder' });
  if (v.role === 'liaison' && !v.corporationId) ctx.addIssue({ code: 'custom', path: ['corporationId'], message: 'kies de corporatie van deze contactpersoon' });
  if (v.role !== 'liaison' && v.corporationId) ctx.addIssue({ code: 'custom', path: ['corporationId'], message: 'alleen een contactpersoon hoort bij een corporatie' });
}

export const UserRow = z.object({
  name: z.string().max(OUT_MAX),
  displayName: z.string().max(OUT_MAX),
  role: Role,
  careProviderId: z.string().max(OUT_MAX).nullable(),
  corporationId: z.string().max(OUT_MAX).nullable(),
  active: z.boolean(),
  /** Locked out after repeated failed logins, until this moment (ISO); null when not locked. */
  lockedUntil: z.string().max(OUT_MAX).nullable(),
  lastLoginAt: z.string().max(OUT_MAX).nullable(),
  version: RecordVersion,
});
export type UserRow = z.infer<typeof UserRow>;

export const UserCreateInput = z
  .object({ name: UserName, displayName: Line(200).min(1, 'vul een naam in'), ...Binding, passphrase: Passphrase })
  .strict()
  .superRefine(checkBinding);
export type UserCreateInput = z.infer<typeof UserCreateInput>;

export const UserUpdateInput = z
  .object({ name: UserName, displayName: Line(200).min(1, 'vul een naam in'), ...Binding, active: z.boolean(), ...ExpectedVersion })
  .strict()
  .superRefine(checkBinding);
export type UserUpdateInput = z.infer<typeof UserUpdateInput>;

export const authMethods = {
  /** Where the app stands (setup, convert, locked, open) and who is logged in here. Open to everyone. */
  'auth.status': { kind: 'query', input: z.object({}).strict(), output: AuthStatus },
  /** First start: makes the first user (a chair) and the encrypted database (or encrypts the existing one). */
  'auth.setup': {
    kind: 'mutation',
    input: z.object({ name: UserName, displayName: Line(200).min(1, 'vul uw naam in'), passphrase: Passphrase, demo: z.boolean().optional() }).strict(),
    output: AuthStatus,
  },
  /** Logs in (opening the database when it is still locked). Repeated failures lock the name out for a while. */
  'auth.login': { kind: 'mutation', input: z.object({ name: Line(100), passphrase: GivenPassphrase }).strict(), output: AuthStatus },
  'auth.logout': { kind: 'mutation', input: z.object({}).strict(), output: AuthStatus },
} as const satisfies Record<string, MethodSpec>;

export const userMethods = {
  'users.list': { kind: 'query', input: z.object({}).strict(), output: z.array(UserRow) },
  'users.create': { kind: 'mutation', input: UserCreateInput, output: UserRow },
  /** Changes name, role, binding or active; a user cannot take away their own chair role or deactivate themself. */
  'users.update': { kind: 'mutation', input: UserUpdateInput, output: UserRow },
  /** The chair sets a new passphrase for someone who lost theirs (and lifts a lockout). */
  'users.resetPassphrase': { kind: 'mutation', input: z.object({ name: UserName, passphrase: Passphrase }).strict(), output: UserRow },
  'users.unlock': { kind: 'mutation', input: z.object({ name: UserName }).strict(), output: UserRow },
  /** Anyone logged in: change their own passphrase (the old one is asked again). */
  'account.changePassphrase': {
    kind: 'mutation',
    input: z.object({ current: GivenPassphrase, next: Passphrase }).strict(),
    output: z.object({ ok: z.literal(true) }),
  },
} as const satisfies Record<string, MethodSpec>;

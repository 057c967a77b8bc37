// The regional server's passphrases: each user's argon2id hash in `user_credentials` (migration 0015),
// with the same lockout as the laptop's keyring (5 failures in a row lock the name for 15 minutes).
// Handlers reach it as ctx.keys (UserKeys), the server's gate for logins. Node only.
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { KeyLockState, UserKeys } from '../api/context';
import { LOCKOUT_MINUTES, MAX_FAILURES } from '../auth/keyring';
import type { DB } from '../db/schema';

/** OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane), as the keyring uses. */
const ARGON2 = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** A hash of nothing anyone knows: an unknown name costs the same time as a wrong passphrase. */
let dummyHash: Promise<string> | null = null;

export function credentialsOf(db: Kysely<DB>, now: () => Date): UserKeys {
  const read = (name: string) => db.selectFrom('user_credentials').selectAll().where('name', '=', name).executeTakeFirst();
  const stateOf = (row: { failures: number; locked_until: string | null } | undefined): KeyLockState => {
    if (!row) return { failures: 0, lockedUntil: null };
    if (row.locked_until === null) return { failures: row.failures, lockedUntil: null };
    if (Date.parse(row.locked_until) > now().getTime()) return { failures: row.failures, lockedUntil: row.locked_until };
    return { failures: 0, lockedUntil: null };
  };
  return {
    has: async (name) => (await read(name)) !== undefined,
    setPassphrase: async (name, passphrase) => {
      const hashed = await hash(passphrase, ARGON2);
      const at = now().toISOString();
      await db
        .insertInto('user_credentials')
        .values({ name, hash: hashed, failures: 0, locked_until: null, updated_at: at })
        .onConflict((oc) => oc.column('name').doUpdateSet({ hash: hashed, failures: 0, locked_until: null, updated_at: at }))
        .execute();
    },
    /** An unknown name takes as long as a wrong passphrase (no telling which names exist). */
    verify: async (name, passphrase) => {
      const stored = (await read(name))?.hash;
      if (stored === undefined) {
        dummyHash ??= hash('niemand kent deze wachtwoordzin', ARGON2);
        await verify(await dummyHash, passphrase).catch(() => false);
        return false;
      }
      return verify(stored, passphrase).catch(() => false);
    },
    remove: async (name) => {
      await db.deleteFrom('user_credentials').where('name', '=', name).execute();
    },
    lockState: async (name) => stateOf(await read(name)),
    recordFailure: async (name) => {
      const row = await read(name);
      if (!row) return { failures: 0, lockedUntil: null };
      const was = stateOf(row);
      const failures = was.failures + 1;
      const lockedUntil = was.lockedUntil ?? (failures >= MAX_FAILURES ? new Date(now().getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null);
      // Counted on the stored count (failures + 1), so two servers counting at once both count.
      await db
        .updateTable('user_credentials')
        .set((eb) => ({ failures: was.lockedUntil === null && row.locked_until !== null ? 1 : eb('failures', '+', 1), locked_until: lockedUntil }))
        .where('name', '=', name)
        .execute();
      return { failures, lockedUntil };
    },
    unlock: async (name) => {
      await db.updateTable('user_credentials').set({ failures: 0, locked_until: null }).where('name', '=', name).execute();
    },
  };
}

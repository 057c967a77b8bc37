// What every API handler receives: the database (inside the call's transaction for mutations),
// who is calling, and an audit function. Node only, no Electron.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../../../shared/auth/roles';
import type { DB } from '../db/schema';

export type HostKind = 'desktop' | 'browser' | 'cli' | 'test';

export interface AuditInput {
  /** e.g. 'create', 'update', 'delete', 'import', 'view', 'export'. */
  action: string;
  entity: string;
  entityId?: string | null;
  /** What changed, or what was viewed or exported; stored as JSON. */
  detail?: unknown;
}

export interface BackendEnv {
  host: HostKind;
  databasePath: string;
  appVersion: string;
  /** The clock; tests pin it. */
  now: () => Date;
}

export interface HandlerContext extends BackendEnv {
  db: Kysely<DB>;
  /** The logged-in person's user name: every record of who did what names it. */
  actor: string;
  /** The logged-in person and their role (already checked against the access matrix). */
  user: SessionUser;
  audit(entry: AuditInput): Promise<void>;
  /** Aborted when the caller cancels a job ('jobs.cancel'); never aborted for other calls. */
  signal: AbortSignal;
  /** Runs writes in one transaction (jobs); inside a mutation it simply runs in the mutation's. */
  transaction<T>(fn: (ctx: HandlerContext) => Promise<T>): Promise<T>;
}

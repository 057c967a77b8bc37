// What a report builder needs: the database, the clock and who asks (for the header and the role's
// view). A subset of the handler context, so the CLI and the benchmark can build reports too. Node only.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../../../shared/auth/roles';
import type { DB } from '../db/schema';

export interface ReportContext {
  db: Kysely<DB>;
  now: () => Date;
  user: SessionUser;
}

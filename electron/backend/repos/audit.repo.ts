// The audit log: every mutation writes what changed; views of sensitive data and exports are
// logged too (privacy duty). Node only.
import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../../shared/api/contract';
import type { AuditInput } from '../api/context';
import type { DB } from '../db/schema';

export async function insertAudit(db: Kysely<DB>, at: Date, actor: string, entry: AuditInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: at.toISOString(),
      actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}

export async function listAudit(db: Kysely<DB>, limit: number): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    detail: r.detail,
  }));
}

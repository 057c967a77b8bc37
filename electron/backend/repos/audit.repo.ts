// The audit log: every mutation writes what changed; views of sensitive data and exports are
// logged too (privacy duty). Entries form a hash chain, so one edited or deleted with file access
// is found by verifyAudit (on open, `audit.verify`, `cli audit verify`). Node only.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditCheck, AuditEntry } from '../../../shared/api/contract';
import type { AuditInput } from '../api/context';
import { serializeWriters } from '../db/dialect';
import type { DB } from '../db/schema';
import { formatMoment } from '../../../shared/domain/moments';

/** The previous hash of the first entry. */
const GENESIS = '0'.repeat(64);
/** Settings key of the chain's head: the last entry's id and hash, so a cut-off end is found too. */
const HEAD_KEY = 'audit.head';

interface ChainedFields {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: string;
}

/** sha256 over the previous hash and the entry's fields; the same as migration 0006 computes. */
export function chainHash(prev: string, r: ChainedFields): string {
  const fields = JSON.stringify([r.id, r.at, r.actor, r.action, r.entity, r.entity_id, r.detail]);
  return createHash('sha256').update(`${prev}\n${fields}`).digest('hex');
}

interface Head {
  id: number;
  hash: string;
}

async function readHead(db: Kysely<DB>): Promise<Head | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', HEAD_KEY).executeTakeFirst();
  if (!row) return null;
  try {
    const v = JSON.parse(row.value) as Partial<Head>;
    return typeof v.id === 'number' && typeof v.hash === 'string' ? { id: v.id, hash: v.hash } : null;
  } catch {
    return null;
  }
}

/**
 * Appends an entry to the chain. The previous hash is read inside the same write transaction (an
 * IMMEDIATE one, see db/immediate-dialect.ts), so two writers, even in two processes, never chain
 * to the same entry; called outside a transaction it opens one.
 */
export async function insertAudit(db: Kysely<DB>, at: Date, actor: string, entry: AuditInput): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => insertAudit(trx, at, actor, entry));
    return;
  }
  // On PostgreSQL two transactions would otherwise read the same head and fork the chain: the next
  // waits until this one has committed its entry (ids then follow the chain's order too).
  await serializeWriters(db, 'audit-chain');
  const prev = (await readHead(db))?.hash ?? GENESIS;
  const fields = {
    at: at.toISOString(),
    actor,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  };
  const { id } = await db
    .insertInto('audit_log')
    .values({ ...fields, prev_hash: prev, hash: '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const hash = chainHash(prev, { id, ...fields });
  await db.updateTable('audit_log').set({ hash }).where('id', '=', id).execute();
  const head = JSON.stringify({ id, hash } satisfies Head);
  await db
    .insertInto('settings')
    .values({ key: HEAD_KEY, value: head })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: head }))
    .execute();
}

/**
 * Walks the chain in id order and names the first entry that no longer holds: changed (its hash does
 * not match its fields, or the next entry recorded another hash for it), added outside the app
 * (after the head), or missing (a gap before an entry, or at the end against the head). Reads only;
 * streams, so a long log is not held in memory.
 */
export async function verifyAudit(db: Kysely<DB>): Promise<AuditCheck> {
  const head = await readHead(db);
  let prev: { id: number; at: string; hash: string; position: number } | null = null;
  let position = 0;
  let found: { position: number; id: number | null; at: string | null; what: string } | null = null;
  const rows = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'detail', 'prev_hash', 'hash'])
    .orderBy('id')
    .stream();
  for await (const r of rows) {
    position++;
    if (found) continue; // only counting the entries now
    const at = { position, id: r.id, at: r.at };
    if (chainHash(r.prev_hash, r) !== r.hash) {
      found = { ...at, what: CHANGED };
    } else if (r.prev_hash !== (prev?.hash ?? GENESIS)) {
      const firstMissing = (prev?.id ?? 0) + 1;
      if (r.id > firstMissing) found = { ...at, what: missing(firstMissing, r.id - 1, 'ervoor') };
      // The entry before still matches its own hash, but not the one this entry recorded for it:
      // it was rewritten, hash and all.
      else if (prev) found = { position: prev.position, id: prev.id, at: prev.at, what: CHANGED };
      else found = { ...at, what: 'de eerste regel hoort niet bij het begin van het logboek' };
    } else if (head && r.id > head.id) {
      found = { ...at, what: 'deze regel is buiten de app toegevoegd' };
    }
    prev = { id: r.id, at: r.at, hash: r.hash, position };
  }
  if (!found && head && head.id > (prev?.id ?? 0)) {
    found = { position: position + 1, id: null, at: null, what: missing((prev?.id ?? 0) + 1, head.id, 'aan het eind') };
  } else if (!found && prev && (!head || head.hash !== prev.hash)) {
    found = { position: prev.position, id: prev.id, at: prev.at, what: head ? CHANGED : 'het kenmerk van de laatste regel ontbreekt' };
  }
  if (!found) return { intact: true, entries: position, message: `Logboek intact: ${position} ${position === 1 ? 'regel' : 'regels'}` };
  const where = found.id === null ? '' : ` (id ${found.id}${found.at === null ? '' : `, ${formatMoment(found.at)}`})`;
  return {
    intact: false,
    entries: position,
    position: found.position,
    id: found.id,
    at: found.at,
    message: `Logboek gewijzigd vanaf regel ${found.position}${where}: ${found.what}.`,
  };
}

const CHANGED = 'deze regel is na het schrijven aangepast';

function missing(from: number, to: number, where: 'ervoor' | 'aan het eind'): string {
  const ids = from === to ? `(id ${from}) ontbreekt` : `(id ${from}–${to}) ontbreken`;
  if (where === 'ervoor') return `${from === to ? 'de regel' : 'de regels'} ervoor ${ids}`;
  return `${from === to ? 'de laatste regel' : 'de laatste regels'} ${ids}`;
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

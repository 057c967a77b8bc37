// The region's history for dataset format v2: read every round (members, controls, proposal versions,
// decisions, review files and reads), placement follow-up, retention and the audit log verbatim; and
// write them back into an emptied database (in the caller's transaction). Node only.
import { rowOrder, setIdCounter } from '../db/dialect';
import { type Insertable, type Kysely, sql } from 'kysely';
import { RetentionRule } from '../../../shared/api/privacy.contract';
import type { AuditRecord, FollowUpRecord, History, RoundRecord } from '../../../shared/dataset/history.schema';
import type { DB } from '../db/schema';
import { chainHash } from './audit.repo';
import { StoredRoundPlanning } from './rounds.repo';
import { toBool, toInt } from './money';

/** Settings keys that belong to the history: the audit chain's head and the region's retention rules. */
const AUDIT_HEAD_KEY = 'audit.head';
const RETENTION_KEY = 'privacy.retention';

/** History tables, children first (the order a delete respects the foreign keys in). */
const HISTORY_TABLES = [
  'review_reads',
  'review_files',
  'round_decisions',
  'round_versions',
  'round_controls',
  'round_units',
  'round_clients',
  'rounds',
  'placement_checks',
  'retention_log',
  'monitor_archive',
  'audit_log',
] as const;

/**
 * Every table of the database and whether a dataset carries it, decided one by one (a test fails when a
 * migration adds a table that is not listed here). Carried: the register (v1) and the history (v2).
 * Not carried: accounts (`users`: they belong to one installation), who prepares a round now
 * (`round_locks`: a lock belongs to the moment; a replace lets go of every one), the migration bookkeeping, SQLite's
 * counters (set from the ids written), and `settings` but for the region, the audit head and the
 * retention rules (the database and signing keys and the backup settings stay with the installation).
 */
export const DATASET_TABLES = {
  register: [
    'municipalities',
    'neighbourhoods',
    'corporations',
    'care_providers',
    'quotas',
    'policy_profiles',
    'units',
    'clients',
    'client_places',
    'client_readiness',
    'client_consents',
    'client_vetoes',
    'placements',
  ],
  history: [...HISTORY_TABLES],
  notCarried: ['users', 'user_credentials', 'sessions', 'login_failures', 'kysely_migration', 'kysely_migration_lock', 'sqlite_sequence', 'round_locks'],
  /** Carried in part: only these keys. */
  settings: ['region', AUDIT_HEAD_KEY, RETENTION_KEY],
} as const;

/** Tables with AUTOINCREMENT ids, and the id column: after a write their counters follow the ids written. */
const COUNTED_TABLES = ['rounds', 'round_controls', 'review_reads', 'retention_log', 'audit_log'] as const;

const CHUNK = 100;

async function insertMany<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- kysely's insert typing over a generic table
    await db.insertInto(table).values(rows.slice(i, i + CHUNK) as any).execute();
  }
}


function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Groups rows by a key, keeping their order. */
function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}

/**
 * The whole history, as dataset v2 carries it. Stored JSON (proposals, controls, open items, pairs)
 * comes back as the values that were stored; the audit log row by row with its hashes. Read it
 * inside one transaction so the parts belong together.
 */
export async function readHistory(db: Kysely<DB>): Promise<History> {
  const byRowid = rowOrder(db);
  const [rounds, members, unitMembers, controls, versions, decisions, reviewFiles, reads, placements, checks, retentionLog, archive, audit, settings] =
    await Promise.all([
      db.selectFrom('rounds').selectAll().orderBy('id').execute(),
      db.selectFrom('round_clients').selectAll().orderBy(byRowid).execute(),
      db.selectFrom('round_units').selectAll().orderBy(byRowid).execute(),
      db.selectFrom('round_controls').selectAll().orderBy('id').execute(),
      db.selectFrom('round_versions').selectAll().orderBy('round_id').orderBy('version').execute(),
      db.selectFrom('round_decisions').selectAll().orderBy(byRowid).execute(),
      db.selectFrom('review_files').selectAll().orderBy(byRowid).execute(),
      db.selectFrom('review_reads').selectAll().orderBy('id').execute(),
      db
        .selectFrom('placements')
        .select(['id', 'round_id', 'move_in_date', 'support_start', 'contract_form', 'review_date', 'lease_transfer_date'])
        .orderBy(byRowid)
        .execute(),
      db.selectFrom('placement_checks').selectAll().orderBy(byRowid).execute(),
      db.selectFrom('retention_log').selectAll().orderBy('id').execute(),
      db.selectFrom('monitor_archive').selectAll().orderBy(byRowid).execute(),
      db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
      db.selectFrom('settings').selectAll().where('key', 'in', [AUDIT_HEAD_KEY, RETENTION_KEY]).execute(),
    ]);
  const membersBy = groupBy(members, (r) => r.round_id);
  const unitsBy = groupBy(unitMembers, (r) => r.round_id);
  const controlsBy = groupBy(controls, (r) => r.round_id);
  const versionsBy = groupBy(versions, (r) => r.round_id);
  const decisionsBy = groupBy(decisions, (r) => r.round_id);
  const filesBy = groupBy(reviewFiles, (r) => r.round_id);
  const readsBy = groupBy(reads, (r) => r.review_signature);
  const checksBy = groupBy(checks, (r) => r.placement_id);

  const history: History['rounds'] = rounds.map(
    (r): RoundRecord => ({
      id: r.id,
      date: r.date,
      windowFrom: r.window_from,
      windowTo: r.window_to,
      note: r.note,
      status: r.status as RoundRecord['status'],
      createdAt: r.created_at,
      createdBy: r.created_by,
      closedAt: r.closed_at,
      closedBy: r.closed_by,
      // Only a round whose chair chose has it: exports of rounds that follow the policy stay as they were.
      ...(r.planning_json === null ? {} : { planning: StoredRoundPlanning.parse(JSON.parse(r.planning_json)) }),
      clients: (membersBy.get(r.id) ?? []).map((m) => ({
        clientId: m.client_id,
        included: toBool(m.included),
        reason: m.reason,
        openItems: JSON.parse(m.open_items_json) as string[],
        manual: toBool(m.manual),
      })),
      units: (unitsBy.get(r.id) ?? []).map((m) => ({ unitId: m.unit_id, included: toBool(m.included), reason: m.reason, manual: toBool(m.manual) })),
      controls: (controlsBy.get(r.id) ?? []).map((c) => ({
        id: c.id,
        kind: c.kind as RoundRecord['controls'][number]['kind'],
        clientId: c.client_id,
        unitId: c.unit_id,
        reason: c.reason,
        source: c.source as 'chair' | 'decision',
        createdAt: c.created_at,
        createdBy: c.created_by,
        liftedAt: c.lifted_at,
        liftedBy: c.lifted_by,
        liftReason: c.lift_reason,
      })),
      versions: (versionsBy.get(r.id) ?? []).map((v) => ({
        version: v.version,
        strategy: v.strategy as RoundRecord['versions'][number]['strategy'],
        createdAt: v.created_at,
        createdBy: v.created_by,
        policyId: v.policy_id,
        totalScore: v.total_score,
        proposal: JSON.parse(v.proposal_json),
        greedy: JSON.parse(v.greedy_json),
        controls: JSON.parse(v.controls_json),
      })),
      decisions: (decisionsBy.get(r.id) ?? []).map((x) => ({
        clientId: x.client_id,
        unitId: x.unit_id,
        version: x.version,
        decision: x.decision as RoundRecord['decisions'][number]['decision'],
        conditions: x.conditions,
        declineReason: x.decline_reason as RoundRecord['decisions'][number]['declineReason'],
        note: x.note,
        clientAnswer: x.client_answer as RoundRecord['decisions'][number]['clientAnswer'],
        decidedBy: x.decided_by,
        decidedAt: x.decided_at,
        onBehalfOf: x.on_behalf_of,
      })),
      reviewFiles: (filesBy.get(r.id) ?? []).map((f) => ({
        signature: f.signature,
        proposalVersion: f.proposal_version,
        corporationId: f.corporation_id,
        secret: f.secret,
        pairs: JSON.parse(f.pairs) as string[],
        createdAt: f.created_at,
        createdBy: f.created_by,
        reads: (readsBy.get(f.signature) ?? []).map((x) => {
          // The format nests a read under its review file and takes round and corporation from it;
          // the app only records a read for the file's own round and corporation.
          if (x.round_id !== f.round_id || x.corporation_id !== f.corporation_id) {
            throw new Error(`Inlezing ${x.id} hoort bij ronde ${x.round_id} en corporatie ${x.corporation_id}, niet bij die van haar beoordelingsbestand; de export is gestopt.`);
          }
          return { id: x.id, mac: x.mac, decidedAt: x.decided_at, decidedBy: x.decided_by, fileName: x.file_name, readAt: x.read_at, readBy: x.read_by };
        }),
      })),
    }),
  );

  const followUp: FollowUpRecord[] = placements
    .filter(
      (p) =>
        p.round_id != null ||
        p.move_in_date != null ||
        p.support_start != null ||
        p.contract_form != null ||
        p.review_date != null ||
        p.lease_transfer_date != null ||
        checksBy.has(p.id),
    )
    .map((p) => ({
      placementId: p.id,
      roundId: p.round_id ?? null,
      moveInDate: p.move_in_date ?? null,
      supportStart: p.support_start ?? null,
      contractForm: (p.contract_form ?? null) as FollowUpRecord['contractForm'],
      reviewDate: p.review_date ?? null,
      leaseTransferDate: p.lease_transfer_date ?? null,
      checks: (checksBy.get(p.id) ?? []).map((c) => ({
        month: c.month as 6 | 12 | 24,
        dueDate: c.due_date,
        checkedAt: c.checked_at,
        stillHoused: toBool(c.still_housed),
        relapse: toBool(c.relapse),
        note: c.note,
        checkedBy: c.checked_by,
      })),
    }));

  const setting = (key: string) => settings.find((s) => s.key === key)?.value;
  const headText = setting(AUDIT_HEAD_KEY);
  const head = headText === undefined ? null : (JSON.parse(headText) as { id: number; hash: string });
  const rulesText = setting(RETENTION_KEY);
  return {
    rounds: history,
    followUp,
    retention: {
      // Unreadable rules count as never saved (the defaults apply), as privacy.repo.ts reads them.
      rules: rulesText === undefined ? null : (RetentionRule.array().safeParse(safeJson(rulesText)).data ?? null),
      log: retentionLog.map((l) => ({
        id: l.id,
        at: l.at,
        by: l.by,
        kind: l.kind as History['retention']['log'][number]['kind'],
        action: l.action as History['retention']['log'][number]['action'],
        years: l.years,
        cutoff: l.cutoff,
        count: l.count,
      })),
    },
    monitorArchive: archive.map((a) => ({
      year: a.year,
      municipalityCode: a.municipality_code,
      group: a.target_group as History['monitorArchive'][number]['group'],
      status: a.status as History['monitorArchive'][number]['status'],
      count: a.count,
    })),
    audit: {
      head: head === null ? null : { id: head.id, hash: head.hash },
      entries: audit.map(
        (e): AuditRecord => ({
          id: e.id,
          at: e.at,
          actor: e.actor,
          action: e.action,
          entity: e.entity,
          entityId: e.entity_id,
          detail: e.detail,
          prevHash: e.prev_hash,
          hash: e.hash,
        }),
      ),
    },
  };
}

/** How many records of each kind a history holds (for the import's audit entry). */
export function historyTally(h: History): Record<string, number> {
  const rounds = h.rounds;
  const sum = (f: (r: RoundRecord) => number) => rounds.reduce((n, r) => n + f(r), 0);
  return {
    rounds: rounds.length,
    proposalVersions: sum((r) => r.versions.length),
    decisions: sum((r) => r.decisions.length),
    reviewFiles: sum((r) => r.reviewFiles.length),
    followUp: h.followUp.length,
    checks: h.followUp.reduce((n, f) => n + f.checks.length, 0),
    auditEntries: h.audit.entries.length,
  };
}

/**
 * The first audit entry whose hash does not match its fields (sha256, as audit.repo.ts computes it),
 * as a path and a Dutch message; null when every hash holds. The links between entries and the head
 * are checked with the document (shared/dataset/validate.ts).
 */
export function auditHashProblem(h: History): { path: string; message: string } | null {
  for (const [i, e] of h.audit.entries.entries()) {
    const fields = { id: e.id, at: e.at, actor: e.actor, action: e.action, entity: e.entity, entity_id: e.entityId, detail: e.detail };
    if (chainHash(e.prevHash, fields) !== e.hash) {
      return { path: `history.audit.entries[${i}] (${e.id}).hash`, message: 'klopt niet met de inhoud van de regel: de regel is na het schrijven gewijzigd' };
    }
  }
  return null;
}

/** What the database held before a full replace: its log's size and head (named in the import's own entry). */
export async function auditSummary(db: Kysely<DB>): Promise<{ entries: number; head: { id: number; hash: string } | null }> {
  const n = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const head = await db.selectFrom('settings').select('value').where('key', '=', AUDIT_HEAD_KEY).executeTakeFirst();
  return { entries: Number(n.n), head: head ? (JSON.parse(head.value) as { id: number; hash: string }) : null };
}

/**
 * Empties every history table, every placement, the audit log with its head and the retention rules
 * (a v2 import replaces them all). The register is cleared apart (region.repo.ts clearRegion).
 * Call inside a transaction.
 */
export async function clearHistory(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('round_locks').execute();
  for (const t of HISTORY_TABLES) await db.deleteFrom(t).execute();
  await db.deleteFrom('placements').execute();
  await db.deleteFrom('settings').where('key', 'in', [AUDIT_HEAD_KEY, RETENTION_KEY]).execute();
}

/**
 * Writes a checked history after its register (placements must be there: follow-up updates them).
 * Ids are written as they are (audit entries name rounds and controls by id), and each AUTOINCREMENT
 * counter is set to the highest id written, so the next entry follows the imported chain without a gap.
 */
export async function writeHistory(db: Kysely<DB>, h: History): Promise<void> {
  const rounds = h.rounds;
  await insertMany(
    db,
    'rounds',
    rounds.map((r) => ({
      id: r.id,
      date: r.date,
      window_from: r.windowFrom,
      window_to: r.windowTo,
      note: r.note,
      status: r.status,
      created_at: r.createdAt,
      created_by: r.createdBy,
      closed_at: r.closedAt,
      closed_by: r.closedBy,
      planning_json: r.planning ? JSON.stringify(r.planning) : null,
    })),
  );
  await insertMany(
    db,
    'round_clients',
    rounds.flatMap((r) =>
      r.clients.map((m) => ({
        round_id: r.id,
        client_id: m.clientId,
        included: toInt(m.included),
        reason: m.reason,
        open_items_json: JSON.stringify(m.openItems),
        manual: toInt(m.manual),
      })),
    ),
  );
  await insertMany(
    db,
    'round_units',
    rounds.flatMap((r) => r.units.map((m) => ({ round_id: r.id, unit_id: m.unitId, included: toInt(m.included), reason: m.reason, manual: toInt(m.manual) }))),
  );
  await insertMany(
    db,
    'round_controls',
    rounds
      .flatMap((r) =>
        r.controls.map((c) => ({
          id: c.id,
          round_id: r.id,
          kind: c.kind,
          client_id: c.clientId,
          unit_id: c.unitId,
          reason: c.reason,
          source: c.source,
          created_at: c.createdAt,
          created_by: c.createdBy,
          lifted_at: c.liftedAt,
          lifted_by: c.liftedBy,
          lift_reason: c.liftReason,
        })),
      )
      .sort((a, b) => a.id - b.id),
  );
  await insertMany(
    db,
    'round_versions',
    rounds.flatMap((r) =>
      r.versions.map((v) => ({
        round_id: r.id,
        version: v.version,
        strategy: v.strategy,
        created_at: v.createdAt,
        created_by: v.createdBy,
        policy_id: v.policyId,
        total_score: v.totalScore,
        proposal_json: JSON.stringify(v.proposal),
        greedy_json: JSON.stringify(v.greedy),
        controls_json: JSON.stringify(v.controls),
      })),
    ),
  );
  await insertMany(
    db,
    'round_decisions',
    rounds.flatMap((r) =>
      r.decisions.map((x) => ({
        round_id: r.id,
        client_id: x.clientId,
        unit_id: x.unitId,
        version: x.version,
        decision: x.decision,
        conditions: x.conditions,
        decline_reason: x.declineReason,
        note: x.note,
        client_answer: x.clientAnswer,
        decided_by: x.decidedBy,
        decided_at: x.decidedAt,
        on_behalf_of: x.onBehalfOf,
      })),
    ),
  );
  const files = rounds.flatMap((r) => r.reviewFiles.map((f) => ({ round: r.id, file: f })));
  await insertMany(
    db,
    'review_files',
    files.map(({ round, file: f }) => ({
      signature: f.signature,
      round_id: round,
      proposal_version: f.proposalVersion,
      corporation_id: f.corporationId,
      secret: f.secret,
      pairs: JSON.stringify(f.pairs),
      created_at: f.createdAt,
      created_by: f.createdBy,
    })),
  );
  await insertMany(
    db,
    'review_reads',
    files
      .flatMap(({ round, file: f }) =>
        f.reads.map((x) => ({
          id: x.id,
          round_id: round,
          corporation_id: f.corporationId,
          review_signature: f.signature,
          mac: x.mac,
          decided_at: x.decidedAt,
          decided_by: x.decidedBy,
          file_name: x.fileName,
          read_at: x.readAt,
          read_by: x.readBy,
        })),
      )
      .sort((a, b) => a.id - b.id),
  );

  for (const f of h.followUp) {
    await db
      .updateTable('placements')
      .set({
        round_id: f.roundId,
        move_in_date: f.moveInDate,
        support_start: f.supportStart,
        contract_form: f.contractForm,
        review_date: f.reviewDate,
        lease_transfer_date: f.leaseTransferDate,
      })
      .where('id', '=', f.placementId)
      .execute();
  }
  await insertMany(
    db,
    'placement_checks',
    h.followUp.flatMap((f) =>
      f.checks.map((c) => ({
        placement_id: f.placementId,
        month: c.month,
        due_date: c.dueDate,
        checked_at: c.checkedAt,
        still_housed: toInt(c.stillHoused),
        relapse: toInt(c.relapse),
        note: c.note,
        checked_by: c.checkedBy,
      })),
    ),
  );

  if (h.retention.rules !== null) {
    await db.insertInto('settings').values({ key: RETENTION_KEY, value: JSON.stringify(h.retention.rules) }).execute();
  }
  await insertMany(
    db,
    'retention_log',
    h.retention.log.map((l) => ({ id: l.id, at: l.at, by: l.by, kind: l.kind, action: l.action, years: l.years, cutoff: l.cutoff, count: l.count })),
  );
  await insertMany(
    db,
    'monitor_archive',
    h.monitorArchive.map((a) => ({ year: a.year, municipality_code: a.municipalityCode, target_group: a.group, status: a.status, count: a.count })),
  );

  await insertMany(
    db,
    'audit_log',
    h.audit.entries.map((e) => ({
      id: e.id,
      at: e.at,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      detail: e.detail,
      prev_hash: e.prevHash,
      hash: e.hash,
    })),
  );
  if (h.audit.head) {
    // The same text audit.repo.ts writes: {"id":…,"hash":"…"}.
    await db.insertInto('settings').values({ key: AUDIT_HEAD_KEY, value: JSON.stringify({ id: h.audit.head.id, hash: h.audit.head.hash }) }).execute();
  }

  for (const table of COUNTED_TABLES) {
    const { rows } = await sql<{ seq: number | null }>`select max(id) as seq from ${sql.table(table)}`.execute(db);
    const seq = Math.max(Number(rows[0]?.seq ?? 0), table === 'audit_log' ? (h.audit.head?.id ?? 0) : 0);
    await setIdCounter(db, table, seq);
  }
}

// The database side of retention and the client's rights: retention settings, which clients are due,
// pseudonymising (keep the record, drop what identifies), erasing from every table (audit log
// included, its chain sealed again; counts kept in monitor_archive) and text scrubbing. Node only.
import { atRowAddress, jsonText, rowAddress, secureDelete, tableNames, textColumns } from '../db/dialect';
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { AppError } from '../../../shared/api/result';
import { RETENTION_KINDS, RetentionRule } from '../../../shared/api/privacy.contract';
import type { DB } from '../db/schema';
import { chainHash, verifyAudit } from './audit.repo';
import { addMonths } from './rounds.repo';

// ---------------------------------------------------------------------------------------------
// Settings

export const RETENTION_SETTING_KEY = 'privacy.retention';

/** The default rules: the region's own choice, changed under Instellingen (see docs/privacy.md). */
export const DEFAULT_RETENTION: RetentionRule[] = [
  { kind: 'placed', years: 5, action: 'pseudonymise' },
  { kind: 'withdrawn', years: 2, action: 'delete' },
];

/** The rules in force: one per kind, in RETENTION_KINDS order; a kind never saved gets its default. */
export async function readRetentionRules(db: Kysely<DB>): Promise<RetentionRule[]> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', RETENTION_SETTING_KEY).executeTakeFirst();
  let saved: RetentionRule[] = [];
  if (row) {
    try {
      const parsed = RetentionRule.array().safeParse(JSON.parse(row.value));
      if (parsed.success) saved = parsed.data;
    } catch {
      // An unreadable setting falls back to the defaults (never to 'keep nothing').
    }
  }
  return RETENTION_KINDS.map((kind) => saved.find((r) => r.kind === kind) ?? DEFAULT_RETENTION.find((r) => r.kind === kind)!);
}

export async function writeRetentionRules(db: Kysely<DB>, rules: RetentionRule[]): Promise<void> {
  const value = JSON.stringify(rules);
  await db
    .insertInto('settings')
    .values({ key: RETENTION_SETTING_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Which clients a rule makes due

export interface DueClient {
  id: string;
  /** The day the retention period counts from (yyyy-mm-dd). */
  since: string;
}

const day = (s: string | null | undefined): string | null => (s ? s.slice(0, 10) : null);
const latest = (...days: (string | null | undefined)[]): string | null =>
  days.map(day).reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);

/** The cut-off: records whose period started on or before this day are due (today minus `years`). */
export const cutoffFor = (today: string, years: number): string => addMonths(today, -12 * years);

/**
 * The clients of one kind with the day their retention period starts:
 * - placed (status 'placed'): the last of their placements' dates, move-in dates and follow-up checks;
 * - withdrawn (status 'archived'): the day the record was archived (its audit entry), else its last change.
 * Without any of these, the last date in the record itself (ready date, support start, readiness
 * confirmations, consent dates). A record with no date at all is never due.
 */
export async function clientsOfKind(db: Kysely<DB>, kind: (typeof RETENTION_KINDS)[number]): Promise<DueClient[]> {
  const status = kind === 'placed' ? 'placed' : 'archived';
  const rows = await db.selectFrom('clients').select(['id', 'updated_at', 'ready_date', 'support_start']).where('status', '=', status).orderBy('id').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const placements = await db
    .selectFrom('placements as p')
    .leftJoin('placement_checks as k', 'k.placement_id', 'p.id')
    .select(['p.client_id', 'p.date', 'p.move_in_date', 'k.checked_at'])
    .where('p.client_id', 'in', ids)
    .execute();
  const archived =
    kind === 'withdrawn'
      ? await db
          .selectFrom('audit_log')
          .select(['entity_id', sql<string>`max(at)`.as('at')])
          .where('entity', '=', 'client')
          .where('action', '=', 'status')
          .where('entity_id', 'in', ids)
          .where(jsonText(db, 'detail', ['after', 'status']), '=', 'archived')
          .groupBy('entity_id')
          .execute()
      : [];
  const [readiness, consents] = await Promise.all([
    db.selectFrom('client_readiness').select(['client_id', sql<string>`max(confirmed_at)`.as('d')]).where('client_id', 'in', ids).groupBy('client_id').execute(),
    db.selectFrom('client_consents').select(['client_id', sql<string>`max(date)`.as('d')]).where('client_id', 'in', ids).groupBy('client_id').execute(),
  ]);
  const placedOn = new Map<string, string | null>();
  for (const p of placements) {
    if (p.client_id) placedOn.set(p.client_id, latest(placedOn.get(p.client_id), p.date, p.move_in_date, p.checked_at));
  }
  const archivedOn = new Map(archived.map((a) => [a.entity_id ?? '', day(a.at)]));
  const readinessOn = new Map(readiness.map((r) => [r.client_id, r.d]));
  const consentOn = new Map(consents.map((r) => [r.client_id, r.d]));
  const out: DueClient[] = [];
  for (const r of rows) {
    const own = kind === 'placed' ? (placedOn.get(r.id) ?? null) : (archivedOn.get(r.id) ?? null);
    const since = own ?? day(r.updated_at) ?? latest(r.ready_date, r.support_start, readinessOn.get(r.id), consentOn.get(r.id));
    if (since) out.push({ id: r.id, since });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scrubbing text: ids and names out of every string, objects about an erased client out of JSON

/** What erased or pseudonymised text is replaced by. */
export const ERASED = 'gewist';
/** What a removed free-text field of a pseudonymised record becomes. */
export const REMOVED = '(verwijderd)';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches any of the ids as a whole code (inside a longer code like P-R3-K-0001 too, never K-00012). */
function idPattern(ids: string[]): RegExp | null {
  if (ids.length === 0) return null;
  const alternatives = [...ids].sort((a, b) => b.length - a.length).map(escape).join('|');
  return new RegExp(`(?<![A-Za-z0-9])(?:${alternatives})(?![A-Za-z0-9_]|[.-][A-Za-z0-9])`, 'gi');
}

/** Matches any of the names as whole words (Sam never inside Samira), any case. */
function namePattern(names: string[]): RegExp | null {
  const list = [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 0))];
  if (list.length === 0) return null;
  const alternatives = list.sort((a, b) => b.length - a.length).map(escape).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'giu');
}

/** A code that can be recognised inside running text: it has a letter and at least three characters. */
export const isDistinctiveCode = (id: string): boolean => id.length >= 3 && /[A-Za-z]/.test(id);

/** Does a text name one of the clients (by code, or by name as a whole word)? */
export function mentions(ids: string[], names: string[]): (s: string) => boolean {
  const idRe = idPattern(ids.filter(isDistinctiveCode));
  const exact = new Set(ids.filter((id) => !isDistinctiveCode(id)));
  const nameRe = namePattern(names);
  return (s) => {
    if (exact.size && [...exact].some((id) => s.includes(JSON.stringify(id)) || s === id)) return true;
    if (idRe) {
      idRe.lastIndex = 0;
      if (idRe.test(s)) return true;
    }
    if (nameRe) {
      nameRe.lastIndex = 0;
      if (nameRe.test(s)) return true;
    }
    return false;
  };
}

/** Keys whose value names a client in the records and files the app writes. */
const CLIENT_KEYS = ['clientId', 'client_id', 'clientCode', 'occupantClientId', 'occupant_client_id'] as const;

export interface Scrubber {
  /** Replaces the ids and names in one string. */
  text(s: string): string;
  /** Is this object a record about one of the clients (names them by a client key, or is their record)? */
  isAbout(value: unknown): boolean;
  /** A JSON value with ids and names replaced; in 'erase' mode objects about the clients are dropped from lists. */
  json(value: unknown): unknown;
  /** A stored cell: JSON text is scrubbed structurally, other text as text. Returns the same string when nothing changed. */
  cell(s: string): string;
}

export function makeScrubber(ids: string[], names: string[], mode: 'erase' | 'pseudonymise', replacement = ERASED): Scrubber {
  const idSet = new Set(ids);
  // A code is replaced inside running text only when it cannot be an ordinary word or number (a letter
  // and at least three characters, like K-0001); a short or numeric code only where it is the whole value.
  const inText = ids.filter(isDistinctiveCode);
  const exact = new Set(ids.filter((id) => !isDistinctiveCode(id)));
  const idRe = mode === 'erase' ? idPattern(inText) : null;
  const nameRe = namePattern(names);
  const text = (s: string): string => {
    if (mode === 'erase' && exact.has(s)) return replacement;
    let out = s;
    if (idRe) out = out.replace(idRe, replacement);
    if (nameRe) out = out.replace(nameRe, replacement);
    return out;
  };
  const isAbout = (value: unknown): boolean => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
    const o = value as Record<string, unknown>;
    if (CLIENT_KEYS.some((k) => typeof o[k] === 'string' && idSet.has(o[k] as string))) return true;
    // A client record itself: its id, with fields only a client has.
    return typeof o.id === 'string' && idSet.has(o.id) && ('birthDate' in o || 'group' in o || 'careProviderId' in o || 'target_group' in o);
  };
  const json = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) {
      const kept = mode === 'erase' ? value.filter((v) => !isAbout(v)) : value;
      return kept.map((v) => (mode === 'pseudonymise' && isAbout(v) ? redactDeep(json(v)) : json(v)));
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, mode === 'pseudonymise' && isAbout(v) ? redactDeep(json(v)) : json(v)]));
    }
    return value;
  };
  const cell = (s: string): string => {
    const t = s.trimStart();
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        const before = JSON.parse(s) as unknown;
        const after = json(before);
        return JSON.stringify(after) === JSON.stringify(before) ? s : JSON.stringify(after);
      } catch {
        // Not JSON after all: scrubbed as text below.
      }
    }
    return text(s);
  };
  return { text, isAbout, json, cell };
}

/**
 * Free text and identifying details of a client, wherever they occur in a record about them (audit
 * details: the record before and after a change, a decision's note): replaced by '(verwijderd)';
 * a birth date keeps its year.
 */
const SENSITIVE_KEYS = new Set([
  'name',
  'clientName',
  'notes',
  'note',
  'networkPlaces',
  'avoidPlaces',
  'preferences',
  'preferences_json',
  'consents',
  'vetoes',
  'needs',
  'needs_json',
  'income',
  'rentLimit',
  'conditions',
  'reason',
  'liftReason',
  'lift_reason',
]);

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || v === REMOVED || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

export function redactDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => {
        if (SENSITIVE_KEYS.has(k)) return [k, isEmpty(v) ? v : REMOVED];
        if ((k === 'birthDate' || k === 'birth_date') && typeof v === 'string') return [k, v.slice(0, 4)];
        return [k, redactDeep(v)];
      }),
    );
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// The audit log: entries about the clients rewritten, then the chain sealed again

export interface AuditRewrite {
  /** Entries whose text changed. */
  changed: number;
  /** The first entry sealed again (null: nothing changed). */
  resealedFrom: number | null;
}

/**
 * Rewrites the audit entries about the clients and seals the hash chain again from the first changed
 * entry: every later entry's previous hash and hash are recomputed and the head moved. Refused when
 * the chain was already broken: sealing it again would hide that (a backup or an inquiry comes first).
 */
export async function rewriteAudit(
  db: Kysely<DB>,
  rewrite: (row: { id: number; entity: string; entity_id: string | null; detail: string }) => { entity_id: string | null; detail: string } | null,
): Promise<AuditRewrite> {
  const check = await verifyAudit(db);
  if (!check.intact) {
    throw new AppError(
      'CONFLICT',
      `${check.message} Het logboek is buiten de app gewijzigd; gegevens wissen zou dat verbergen. Zet eerst een back-up terug of laat dit uitzoeken. Er is niets gewijzigd.`,
    );
  }
  const BATCH = 1000;
  let lastId = 0;
  let changed = 0;
  let first: number | null = null;
  let prev: string | null = null;
  let lastHash: { id: number; hash: string } | null = null;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'detail', 'prev_hash', 'hash'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      lastId = r.id;
      const next = rewrite(r);
      const rowChanged = next !== null && (next.entity_id !== r.entity_id || next.detail !== r.detail);
      if (rowChanged) changed++;
      if (first === null && !rowChanged) {
        prev = r.hash;
        lastHash = { id: r.id, hash: r.hash };
        continue;
      }
      if (first === null) first = r.id;
      const fields = { id: r.id, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entity_id: rowChanged ? next!.entity_id : r.entity_id, detail: rowChanged ? next!.detail : r.detail };
      const prevHash = prev ?? '0'.repeat(64);
      const hash = chainHash(prevHash, fields);
      await db
        .updateTable('audit_log')
        .set({ entity_id: fields.entity_id, detail: fields.detail, prev_hash: prevHash, hash })
        .where('id', '=', r.id)
        .execute();
      prev = hash;
      lastHash = { id: r.id, hash };
    }
  }
  if (first !== null && lastHash) {
    const head = JSON.stringify(lastHash);
    await db
      .insertInto('settings')
      .values({ key: 'audit.head', value: head })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: head }))
      .execute();
  }
  return { changed, resealedFrom: first };
}

// ---------------------------------------------------------------------------------------------
// Scanning every table that may hold client text

/**
 * Tables that never hold text about a client: reference data, settings (but for the region's
 * description, scrubbed apart), accounts, the migrations' own records and this module's counts. Every other table's text columns are scrubbed on erasure
 * (the audit log by rewriteAudit). A new table is scanned unless it is named here.
 */
const NOT_ABOUT_CLIENTS = new Set([
  'settings',
  'municipalities',
  'neighbourhoods',
  'corporations',
  'care_providers',
  'quotas',
  'policy_profiles',
  'users',
  'user_credentials',
  'sessions',
  'login_failures',
  'retention_log',
  'monitor_archive',
  'audit_log',
  'kysely_migration',
  'kysely_migration_lock',
  'sqlite_sequence',
]);

/** Scrubs the text columns of every table that may hold client text; returns the number of rows changed. */
export async function scrubAllTables(db: Kysely<DB>, scrub: Scrubber): Promise<number> {
  let changed = 0;
  for (const table of await tableNames(db)) {
    if (NOT_ABOUT_CLIENTS.has(table)) continue;
    const texts = await textColumns(db, table);
    if (texts.length === 0) continue;
    const rows = await sql<Record<string, unknown>>`select ${rowAddress(db)} as __rowid, ${sql.join(texts.map((c) => sql.ref(c)))} from ${sql.table(table)}`.execute(db);
    for (const row of rows.rows) {
      const updates: [string, string][] = [];
      for (const column of texts) {
        const v = row[column];
        if (typeof v !== 'string') continue;
        const cleaned = scrub.cell(v);
        if (cleaned !== v) updates.push([column, cleaned]);
      }
      if (updates.length === 0) continue;
      const set = sql.join(updates.map(([c, v]) => sql`${sql.ref(c)} = ${v}`));
      await sql`update ${sql.table(table)} set ${set} where ${atRowAddress(db, row.__rowid)}`.execute(db);
      changed++;
    }
  }
  // Of the settings only the region's description is free text people write (the demo's names its cases).
  const region = await db.selectFrom('settings').select('value').where('key', '=', 'region').executeTakeFirst();
  if (region) {
    const cleaned = scrub.cell(region.value);
    if (cleaned !== region.value) {
      await db.updateTable('settings').set({ value: cleaned }).where('key', '=', 'region').execute();
      changed++;
    }
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------
// Monitor archive

/** The status a deleted record is counted under: placed and archived stay; anyone else left the register. */
const archivedStatus = (status: string) => (status === 'placed' ? 'placed' : 'archived');

async function archiveCounts(db: Kysely<DB>, ids: string[], year: number): Promise<void> {
  const rows = await db
    .selectFrom('clients')
    .select(['origin_municipality_code', 'target_group', 'status', sql<number>`count(*)`.as('n')])
    .where('id', 'in', ids)
    .groupBy(['origin_municipality_code', 'target_group', 'status'])
    .execute();
  for (const r of rows) {
    const status = archivedStatus(r.status);
    await db
      .insertInto('monitor_archive')
      .values({ year, municipality_code: r.origin_municipality_code, target_group: r.target_group, status, count: Number(r.n) })
      .onConflict((oc) => oc.columns(['year', 'municipality_code', 'target_group', 'status']).doUpdateSet({ count: sql`monitor_archive.count + ${Number(r.n)}` }))
      .execute();
  }
}

// ---------------------------------------------------------------------------------------------
// Erasure

/** What an erasure removed or changed, by kind of record (keys of ERASE_COUNT_LABELS). */
export type ErasureCounts = Record<string, number>;

/**
 * Erases clients from every table (call inside a transaction): their record and its child rows,
 * round membership, controls and decisions, their pairs in stored proposals and review files;
 * their placements stay as anonymous lettings (the quota, load and exchange figures need them)
 * without client, round link, follow-up dates or checks; their id and name are replaced by 'gewist'
 * in every text that remains (other records, the audit log, whose chain is sealed again). The
 * monitor's counts of them move to monitor_archive.
 */
export async function eraseClients(db: Kysely<DB>, ids: string[], year: number): Promise<ErasureCounts> {
  const counts: ErasureCounts = {};
  const add = (key: string, n: number | bigint | undefined) => {
    counts[key] = (counts[key] ?? 0) + Number(n ?? 0);
  };
  if (ids.length === 0) return counts;
  // Deleted data is overwritten in the file, not only unlinked (a connection setting; harmless afterwards).
  await secureDelete(db);
  const clients = await db.selectFrom('clients').select(['id', 'name']).where('id', 'in', ids).execute();
  const names = clients.map((c) => c.name ?? '').filter((n) => n.trim() !== '');
  const placements = await db.selectFrom('placements').select('id').where('client_id', 'in', ids).execute();
  const placementIds = placements.map((p) => p.id);
  const about = new Set([...ids, ...placementIds]);

  // The audit log first, while the placement ids still name them.
  const scrub = makeScrubber([...ids, ...placementIds], names, 'erase');
  const audit = await rewriteAudit(db, (r) => {
    if (r.entity_id !== null && about.has(r.entity_id)) {
      const detail = JSON.stringify({ [ERASED]: true });
      return { entity_id: ERASED, detail };
    }
    const entityId = r.entity_id === null ? null : scrub.text(r.entity_id);
    let detail = r.detail;
    try {
      const parsed = JSON.parse(r.detail) as unknown;
      const cleaned = scrub.isAbout(parsed) ? { [ERASED]: true } : scrub.json(parsed);
      if (JSON.stringify(cleaned) !== JSON.stringify(parsed)) detail = JSON.stringify(cleaned);
    } catch {
      detail = scrub.text(r.detail);
    }
    return { entity_id: entityId, detail };
  });
  add('auditEntries', audit.changed);

  await archiveCounts(db, ids, year);

  add('roundMembers', (await db.deleteFrom('round_clients').where('client_id', 'in', ids).executeTakeFirst()).numDeletedRows);
  add('controls', (await db.deleteFrom('round_controls').where('client_id', 'in', ids).executeTakeFirst()).numDeletedRows);
  add('decisions', (await db.deleteFrom('round_decisions').where('client_id', 'in', ids).executeTakeFirst()).numDeletedRows);

  // Stored proposals (both strategies and the controls used): their matches, alternatives, unplaced entries.
  const versions = await db.selectFrom('round_versions').select(['round_id', 'version', 'proposal_json', 'greedy_json', 'controls_json']).execute();
  for (const v of versions) {
    const set = { proposal_json: scrub.cell(v.proposal_json), greedy_json: scrub.cell(v.greedy_json), controls_json: scrub.cell(v.controls_json) };
    if (set.proposal_json === v.proposal_json && set.greedy_json === v.greedy_json && set.controls_json === v.controls_json) continue;
    await db.updateTable('round_versions').set(set).where('round_id', '=', v.round_id).where('version', '=', v.version).execute();
    add('proposalVersions', 1);
  }

  // Review files keep their secret and other pairs; a decisions file about an erased pair is refused later.
  const files = await db.selectFrom('review_files').select(['signature', 'pairs']).execute();
  for (const f of files) {
    const pairs = JSON.parse(f.pairs) as string[];
    const kept = pairs.filter((p) => !ids.includes(p.split('|')[0] ?? ''));
    if (kept.length === pairs.length) continue;
    await db.updateTable('review_files').set({ pairs: JSON.stringify(kept) }).where('signature', '=', f.signature).execute();
    add('reviewFiles', 1);
  }

  // Placements: an anonymous letting remains (date, home, municipalities, corporation); nothing about the person.
  if (placementIds.length) {
    add('placementChecks', (await db.deleteFrom('placement_checks').where('placement_id', 'in', placementIds).executeTakeFirst()).numDeletedRows);
    for (const id of placementIds) {
      await db
        .updateTable('placements')
        .set({
          id: `P-${ERASED}-${randomBytes(5).toString('hex')}`,
          client_id: null,
          round_id: null,
          move_in_date: null,
          support_start: null,
          contract_form: null,
          review_date: null,
          lease_transfer_date: null,
          updated_by: null,
          updated_at: null,
        })
        .where('id', '=', id)
        .execute();
    }
    add('placements', placementIds.length);
  }
  add('units', (await db.updateTable('units').set({ occupant_client_id: null }).where('occupant_client_id', 'in', ids).executeTakeFirst()).numUpdatedRows);

  for (const table of ['client_places', 'client_readiness', 'client_consents', 'client_vetoes'] as const) {
    add(table === 'client_places' ? 'places' : table === 'client_readiness' ? 'readiness' : table === 'client_consents' ? 'consents' : 'vetoes',
      (await db.deleteFrom(table).where('client_id', 'in', ids).executeTakeFirst()).numDeletedRows);
  }
  add('clients', (await db.deleteFrom('clients').where('id', 'in', ids).executeTakeFirst()).numDeletedRows);

  // Whatever text still names them (another client's note, a round's note, a file name).
  add('otherTexts', await scrubAllTables(db, scrub));
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Pseudonymising

/** Net income as the lower bound of its band (the review file's bands): enough for figures, no more. */
export function incomeBandFloorCents(cents: number): number {
  if (cents < 100_000) return 0;
  if (cents < 150_000) return 100_000;
  if (cents < 200_000) return 150_000;
  return 200_000;
}

/** Exclusion codes whose message carries free text people wrote (the chair's reason, a corporation's veto). */
const FREE_TEXT_CODES = new Set(['SET_ASIDE', 'VETO', 'FORBIDDEN']);

/** A stored proposal with the free text about these clients taken out (their unplaced reasons, lock conflicts naming them). */
function redactProposalText(text: string, ids: string[]): string {
  const idSet = new Set(ids);
  const named = mentions(ids, []);
  const p = JSON.parse(text) as {
    unplaced?: { clientId: string; reasons: { code: string; message: string }[] }[];
    conflicts?: { code: string; message: string }[];
  };
  const redact = (r: { code: string; message: string }) => (FREE_TEXT_CODES.has(r.code) && r.message !== REMOVED ? { ...r, message: REMOVED } : r);
  const out = {
    ...p,
    unplaced: p.unplaced?.map((u) => (idSet.has(u.clientId) ? { ...u, reasons: u.reasons.map(redact) } : u)),
    conflicts: p.conflicts?.map((c) => (named(c.message) && c.message !== REMOVED ? { ...c, message: REMOVED } : c)),
  };
  const after = JSON.stringify(out);
  return after === JSON.stringify(p) ? text : after;
}

/** The controls a version used, with the chair's reasons about these clients taken out. */
function redactControlsText(text: string, ids: string[]): string {
  const idSet = new Set(ids);
  const c = JSON.parse(text) as Record<string, { clientId?: string; reason?: string }[]>;
  const out = Object.fromEntries(
    Object.entries(c).map(([k, list]) => [k, Array.isArray(list) ? list.map((e) => (e.clientId && idSet.has(e.clientId) && e.reason && e.reason !== REMOVED ? { ...e, reason: REMOVED } : e)) : list]),
  );
  const after = JSON.stringify(out);
  return after === JSON.stringify(c) ? text : after;
}

const EMPTY_PREFERENCES = JSON.stringify({ municipalityCodes: [], neighbourhoodCodes: [], kinds: [], refusedKinds: [], note: '' });

/** The clients among `ids` whose record still holds something pseudonymising removes. */
export async function notYetPseudonymised(db: Kysely<DB>, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('clients')
    .select(['id', 'name', 'notes', 'birth_date', 'income_monthly_cents', 'rent_limit_cents', 'needs_json', 'preferences_json'])
    .where('id', 'in', ids)
    .execute();
  for (const r of rows) {
    if (
      r.name !== null ||
      r.notes !== '' ||
      !r.birth_date.endsWith('-07-01') ||
      r.income_monthly_cents !== incomeBandFloorCents(r.income_monthly_cents) ||
      r.rent_limit_cents !== null ||
      r.needs_json !== '[]' ||
      r.preferences_json !== EMPTY_PREFERENCES
    ) {
      out.add(r.id);
    }
  }
  const children = await Promise.all([
    db.selectFrom('client_places').select('client_id').where('client_id', 'in', ids).execute(),
    db.selectFrom('client_consents').select('client_id').where('client_id', 'in', ids).execute(),
    db.selectFrom('client_vetoes').select('client_id').where('client_id', 'in', ids).execute(),
    db.selectFrom('client_readiness').select('client_id').where('client_id', 'in', ids).where('confirmed_by', 'is not', null).execute(),
  ]);
  for (const list of children) for (const r of list) out.add(r.client_id);
  return out;
}

/**
 * Pseudonymises clients (call inside a transaction): the record stays for the figures (code, group,
 * gender, household, municipalities, provider, support, dates, status) but loses what identifies the
 * person or is free text: see docs/privacy.md for the list, column by column.
 */
export async function pseudonymiseClients(db: Kysely<DB>, ids: string[], stamp: { by: string; at: string }): Promise<number> {
  if (ids.length === 0) return 0;
  await secureDelete(db);
  const rows = await db.selectFrom('clients').select(['id', 'name', 'birth_date', 'income_monthly_cents']).where('id', 'in', ids).execute();
  const names = rows.map((r) => r.name ?? '').filter((n) => n.trim() !== '');
  for (const r of rows) {
    await db
      .updateTable('clients')
      .set({
        name: null,
        birth_date: `${r.birth_date.slice(0, 4)}-07-01`,
        income_monthly_cents: incomeBandFloorCents(r.income_monthly_cents),
        rent_limit_cents: null,
        needs_json: '[]',
        preferences_json: EMPTY_PREFERENCES,
        notes: '',
        version: sql<number>`version + 1`,
        updated_by: stamp.by,
        updated_at: stamp.at,
      })
      .where('id', '=', r.id)
      .execute();
  }
  await db.deleteFrom('client_places').where('client_id', 'in', ids).execute();
  await db.deleteFrom('client_consents').where('client_id', 'in', ids).execute();
  await db.deleteFrom('client_vetoes').where('client_id', 'in', ids).execute();
  await db.updateTable('client_readiness').set({ confirmed_by: null }).where('client_id', 'in', ids).execute();
  await db.updateTable('round_clients').set({ reason: '' }).where('client_id', 'in', ids).execute();
  await db.updateTable('round_controls').set({ reason: REMOVED }).where('client_id', 'in', ids).where('reason', '!=', '').execute();
  await db.updateTable('round_controls').set({ lift_reason: REMOVED }).where('client_id', 'in', ids).where('lift_reason', 'is not', null).execute();
  await db.updateTable('round_decisions').set({ note: '' }).where('client_id', 'in', ids).execute();
  await db.updateTable('round_decisions').set({ conditions: REMOVED }).where('client_id', 'in', ids).where('conditions', 'is not', null).execute();
  const placements = await db.selectFrom('placements').select('id').where('client_id', 'in', ids).execute();
  const placementIds = placements.map((p) => p.id);
  if (placementIds.length) await db.updateTable('placement_checks').set({ note: '' }).where('placement_id', 'in', placementIds).execute();
  // Stored proposals keep scores and codes; the free text about them goes (the chair's reasons, a veto's reason).
  const versions = await db.selectFrom('round_versions').select(['round_id', 'version', 'proposal_json', 'greedy_json', 'controls_json']).execute();
  for (const v of versions) {
    const set = { proposal_json: redactProposalText(v.proposal_json, ids), greedy_json: redactProposalText(v.greedy_json, ids), controls_json: redactControlsText(v.controls_json, ids) };
    if (set.proposal_json === v.proposal_json && set.greedy_json === v.greedy_json && set.controls_json === v.controls_json) continue;
    await db.updateTable('round_versions').set(set).where('round_id', '=', v.round_id).where('version', '=', v.version).execute();
  }

  // The audit log keeps what happened, not who: records about them lose the same fields.
  const about = new Set([...ids, ...placementIds]);
  const scrub = makeScrubber(ids, names, 'pseudonymise');
  await rewriteAudit(db, (r) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(r.detail);
    } catch {
      return { entity_id: r.entity_id, detail: scrub.text(r.detail) };
    }
    const whole = (r.entity_id !== null && about.has(r.entity_id)) || scrub.isAbout(parsed);
    const cleaned = whole ? redactDeep(scrub.json(parsed)) : scrub.json(parsed);
    return { entity_id: r.entity_id, detail: JSON.stringify(cleaned) === JSON.stringify(parsed) ? r.detail : JSON.stringify(cleaned) };
  });
  // Their name wherever else it was written (another record's note, a round's note): the name only,
  // stored proposals and other records keep their structure.
  if (names.length) await scrubAllTables(db, makeScrubber([], names, 'pseudonymise'));
  return rows.length;
}

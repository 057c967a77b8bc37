// The database's tables as kysely sees them. Money is stored in cents (integers), booleans as 0/1,
// lists and small nested records as JSON text validated by the shared zod schemas. Node only.
import type { ColumnType, Generated } from 'kysely';

/** A nullable column added later: optional on insert, so older writers need not name it. */
type Later<T> = ColumnType<T | null, T | null | undefined, T | null>;

/**
 * Record versions (0005): raised by every update, with who and when; optional on insert (default 1).
 * An update names the version it started from and is refused when the record has moved on.
 */
export interface Versioned {
  version: ColumnType<number, number | undefined, number>;
  updated_by: Later<string>;
  updated_at: Later<string>;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface MunicipalityTable extends Versioned {
  code: string;
  name: string;
  valid_from: string;
  valid_to: string | null;
}

export interface NeighbourhoodTable extends Versioned {
  code: string;
  name: string;
  municipality_code: string;
  district: string | null;
  social_rent_share: number | null;
  liveability_class: number | null;
}

export interface OrganisationTable extends Versioned {
  id: string;
  name: string;
}

export interface QuotaTable extends Versioned {
  corporation_id: string;
  municipality_code: string;
  year: number;
  agreed: number;
  kind: string;
}

export interface PolicyProfileTable extends Versioned {
  id: string;
  name: string;
  valid_from: string;
  settings_json: string;
}

export interface UnitTable extends Versioned {
  id: string;
  corporation_id: string;
  municipality_code: string;
  neighbourhood_code: string | null;
  complex: string | null;
  address: string | null;
  kind: string;
  rooms: number;
  floor: number;
  lift: number;
  rent_cents: number;
  available_from: string;
  allowed_groups_json: string;
  min_age: number | null;
  max_age: number | null;
  contract_forms_json: string;
  features_json: string;
  status: string;
  occupant_client_id: string | null;
  notes: string;
}

export interface ClientTable extends Versioned {
  id: string;
  name: string | null;
  target_group: string;
  gender: string;
  birth_date: string;
  care_provider_id: string;
  adults: number;
  children_ages_json: string;
  origin_municipality_code: string;
  current_municipality_code: string;
  income_source: string;
  income_monthly_cents: number;
  debts: string;
  budget_management: number;
  rent_limit_cents: number | null;
  needs_json: string;
  support_provider_id: string;
  support_intensity: string;
  support_start: string | null;
  support_months: number | null;
  ready_date: string | null;
  housing_first: number;
  urgency: string;
  preferences_json: string;
  status: string;
  refusals: number;
  notes: string;
  /** 0011: since when the client is in care or shelter (trajectory length), and the funding frame. */
  care_since?: Later<string>;
  funding_frame?: ColumnType<string, string | undefined, string>;
}

/** Network places and places to avoid: one row each, `seq` keeps the client's order. */
export interface ClientPlaceTable {
  client_id: string;
  kind: 'network' | 'avoid';
  seq: number;
  /** NetworkKind for network places, AvoidReason for places to avoid. */
  category: string;
  municipality_code: string;
  neighbourhood_code: string | null;
  note: string;
}

export interface ClientReadinessTable {
  client_id: string;
  item: string;
  seq: number;
  done: number;
  confirmed_by: string | null;
  confirmed_at: string | null;
}

export interface ClientConsentTable {
  client_id: string;
  seq: number;
  party: string;
  party_id: string | null;
  basis: string;
  given: number;
  date: string | null;
}

export interface ClientVetoTable {
  client_id: string;
  seq: number;
  corporation_id: string;
  reason: string;
}

export interface PlacementTable extends Versioned {
  id: string;
  client_id: string | null;
  unit_id: string | null;
  date: string;
  origin_municipality_code: string;
  destination_municipality_code: string;
  neighbourhood_code: string | null;
  complex: string | null;
  corporation_id: string | null;
  /** Follow-up (0003): the round that made the placement, and its dates and contract form. */
  round_id?: Later<number>;
  move_in_date?: Later<string>;
  support_start?: Later<string>;
  contract_form?: Later<string>;
  review_date?: Later<string>;
  lease_transfer_date?: Later<string>;
  /**
   * The monitor's facts about the placed client and home as they were when the placement was made
   * (0011), so the regional figures survive retention and erasure of the client record. Counts and
   * categories only: no name, no diagnosis, no address.
   */
  target_group?: Later<string>;
  gender?: Later<string>;
  /** Age in whole years on the placement date. */
  age?: Later<number>;
  adults?: Later<number>;
  children?: Later<number>;
  care_provider_id?: Later<string>;
  support_intensity?: Later<string>;
  funding_frame?: Later<string>;
  ready_date?: Later<string>;
  care_since?: Later<string>;
  unit_kind?: Later<string>;
}

export interface PlacementCheckTable {
  placement_id: string;
  month: number;
  due_date: string;
  checked_at: string;
  still_housed: number;
  relapse: number;
  note: string;
  checked_by: string;
}

export interface RoundTable {
  id: Generated<number>;
  date: string;
  window_from: string;
  window_to: string;
  note: string;
  status: string;
  created_at: string;
  created_by: string;
  closed_at: string | null;
  closed_by: string | null;
  /** JSON: the chair's planning setting for this round (StoredRoundPlanning); null: the policy's (0013). */
  planning_json: string | null;
}

/** Who prepares a round (0016): one row per round a chair holds; see repos/round-lock.repo.ts. */
export interface RoundLockTable {
  round_id: number;
  /** The holder's login name. */
  holder: string;
  /** ISO: when the holder took the lock. */
  since: string;
  /** ISO: the holder's last preparing write; the lock expires after a while without one. */
  activity: string;
}

export interface RoundClientTable {
  round_id: number;
  client_id: string;
  included: number;
  reason: string;
  open_items_json: string;
  manual: number;
}

export interface RoundUnitTable {
  round_id: number;
  unit_id: string;
  included: number;
  reason: string;
  manual: number;
}

export interface RoundControlTable {
  id: Generated<number>;
  round_id: number;
  kind: string;
  client_id: string | null;
  unit_id: string | null;
  reason: string;
  source: string;
  created_at: string;
  created_by: string;
  lifted_at: string | null;
  lifted_by: string | null;
  lift_reason: string | null;
}

export interface RoundVersionTable {
  round_id: number;
  version: number;
  strategy: string;
  created_at: string;
  created_by: string;
  policy_id: string | null;
  total_score: number;
  /** JSON: the full Proposal of the optimal strategy, of greedy, and the controls used. */
  proposal_json: string;
  greedy_json: string;
  controls_json: string;
}

export interface RoundDecisionTable {
  round_id: number;
  client_id: string;
  unit_id: string;
  version: number;
  decision: string;
  conditions: string | null;
  decline_reason: string | null;
  note: string;
  client_answer: string;
  /** The account that recorded the decision (the chair, also when a decisions file was read back). */
  decided_by: string;
  decided_at: string;
  /** The corporation's contact person who decided (0012): a decisions file's name, or typed by the chair; null when not recorded. */
  on_behalf_of: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  /** JSON: what changed (before/after, counts) or what was viewed/exported. */
  detail: string;
  /** The hash chain (0006): the previous entry's hash (64 zeros for the first) and this entry's. */
  prev_hash: string;
  hash: string;
}

/** A liaison review file this database made (0007): its secret verifies the decisions file's HMAC. */
export interface ReviewFileTable {
  /** The review file's signature (hex), also named by the decisions file. */
  signature: string;
  round_id: number;
  proposal_version: number;
  corporation_id: string;
  /** 32 random bytes (hex); only this database and the review file know it. */
  secret: string;
  /** JSON: the "client|unit" pairs the file held. */
  pairs: string;
  created_at: string;
  created_by: string;
}

/** A decisions file that was read and recorded (0007). */
export interface ReviewReadTable {
  id: Generated<number>;
  round_id: number;
  corporation_id: string;
  review_signature: string;
  /** The file's HMAC (hex): the same file read again is recognised by it. */
  mac: string;
  /** When the liaison saved the file (ISO timestamp, covered by the HMAC). */
  decided_at: string;
  decided_by: string;
  file_name: string;
  read_at: string;
  read_by: string;
}

/** Who may log in (0009): role and binding; the passphrase lives in the keyring file, not here. */
export interface UserTable extends Versioned {
  name: string;
  display_name: string;
  /** 'chair', 'provider', 'liaison' or 'readonly'. */
  role: string;
  care_provider_id: string | null;
  corporation_id: string | null;
  /** 0/1: an inactive user cannot log in (and has no key slot). */
  active: number;
  last_login_at: string | null;
  created_at: string;
}

/** The regional server's passphrase of a user (0015): an argon2id hash, and the lockout after failed logins. */
export interface UserCredentialTable {
  name: string;
  hash: string;
  failures: Generated<number>;
  locked_until: string | null;
  updated_at: string;
}

/** A login on the regional server (0015): hashes of the session id and its CSRF token, and when it ends. */
export interface SessionTable {
  id_hash: string;
  csrf_hash: string;
  user_name: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  address: string | null;
}

/** A failed login from an address (0017), for the server's per-address limit. */
export interface LoginFailureTable {
  address: string;
  at: string;
}

/** One retention run's action on one rule (0010): counts only, never which client. */
export interface RetentionLogTable {
  id: Generated<number>;
  at: string;
  by: string;
  /** The rule's kind of record: 'placed' or 'withdrawn'. */
  kind: string;
  /** 'pseudonymise' or 'delete'. */
  action: string;
  years: number;
  /** Records whose date lay on or before this day (yyyy-mm-dd) were due. */
  cutoff: string;
  count: number;
}

/** Monitor counts of deleted client records (0010), so the figures survive retention and erasure. */
export interface MonitorArchiveTable {
  /** The year the record was deleted. */
  year: number;
  /** The client's municipality of origin. */
  municipality_code: string;
  target_group: string;
  /** The status the record had (an active or set-aside client erased counts as archived). */
  status: string;
  count: number;
}

export interface DB {
  settings: SettingTable;
  municipalities: MunicipalityTable;
  neighbourhoods: NeighbourhoodTable;
  corporations: OrganisationTable;
  care_providers: OrganisationTable;
  quotas: QuotaTable;
  policy_profiles: PolicyProfileTable;
  units: UnitTable;
  clients: ClientTable;
  client_places: ClientPlaceTable;
  client_readiness: ClientReadinessTable;
  client_consents: ClientConsentTable;
  client_vetoes: ClientVetoTable;
  placements: PlacementTable;
  placement_checks: PlacementCheckTable;
  rounds: RoundTable;
  round_locks: RoundLockTable;
  round_clients: RoundClientTable;
  round_units: RoundUnitTable;
  round_controls: RoundControlTable;
  round_versions: RoundVersionTable;
  round_decisions: RoundDecisionTable;
  audit_log: AuditLogTable;
  review_files: ReviewFileTable;
  review_reads: ReviewReadTable;
  users: UserTable;
  user_credentials: UserCredentialTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  retention_log: RetentionLogTable;
  monitor_archive: MonitorArchiveTable;
}

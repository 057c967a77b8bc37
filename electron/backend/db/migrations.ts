// Schema migrations, listed in code (a folder scan breaks once the main process is bundled) and
// frozen in time: never edit a released migration, add a new one. Node only.
import { createHash } from 'node:crypto';
import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from './dialect';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations must not depend on today's types */
type AnyDb = Kysely<any>;

const m0001_initial: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('municipalities')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('valid_to', 'text')
      .execute();

    await db.schema
      .createTable('neighbourhoods')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
      .addColumn('district', 'text')
      .addColumn('social_rent_share', 'real')
      .addColumn('liveability_class', 'integer')
      .execute();

    for (const table of ['corporations', 'care_providers']) {
      await db.schema
        .createTable(table)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();
    }

    await db.schema
      .createTable('quotas')
      .addColumn('corporation_id', 'text', (c) => c.notNull().references('corporations.id'))
      .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('agreed', 'integer', (c) => c.notNull().check(sql`agreed >= 0`))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('quotas_pk', ['corporation_id', 'municipality_code', 'year'])
      .execute();

    await db.schema
      .createTable('policy_profiles')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('settings_json', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('clients')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text')
      .addColumn('target_group', 'text', (c) => c.notNull())
      .addColumn('gender', 'text', (c) => c.notNull())
      .addColumn('birth_date', 'text', (c) => c.notNull())
      .addColumn('care_provider_id', 'text', (c) => c.notNull().references('care_providers.id'))
      .addColumn('adults', 'integer', (c) => c.notNull())
      .addColumn('children_ages_json', 'text', (c) => c.notNull())
      .addColumn('origin_municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
      .addColumn('current_municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
      .addColumn('income_source', 'text', (c) => c.notNull())
      .addColumn('income_monthly_cents', 'integer', (c) => c.notNull().check(sql`income_monthly_cents >= 0`))
      .addColumn('debts', 'text', (c) => c.notNull())
      .addColumn('budget_management', 'integer', (c) => c.notNull())
      .addColumn('rent_limit_cents', 'integer', (c) => c.check(sql`rent_limit_cents >= 0`))
      .addColumn('needs_json', 'text', (c) => c.notNull())
      .addColumn('support_provider_id', 'text', (c) => c.notNull().references('care_providers.id'))
      .addColumn('support_intensity', 'text', (c) => c.notNull())
      .addColumn('support_start', 'text')
      .addColumn('support_months', 'integer')
      .addColumn('ready_date', 'text')
      .addColumn('housing_first', 'integer', (c) => c.notNull())
      .addColumn('urgency', 'text', (c) => c.notNull())
      .addColumn('preferences_json', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('refusals', 'integer', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('units')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('corporation_id', 'text', (c) => c.notNull().references('corporations.id'))
      .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
      .addColumn('neighbourhood_code', 'text', (c) => c.references('neighbourhoods.code'))
      .addColumn('complex', 'text')
      .addColumn('address', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('rooms', 'integer', (c) => c.notNull())
      .addColumn('floor', 'integer', (c) => c.notNull())
      .addColumn('lift', 'integer', (c) => c.notNull())
      .addColumn('rent_cents', 'integer', (c) => c.notNull().check(sql`rent_cents >= 0`))
      .addColumn('available_from', 'text', (c) => c.notNull())
      .addColumn('allowed_groups_json', 'text', (c) => c.notNull())
      .addColumn('min_age', 'integer')
      .addColumn('max_age', 'integer')
      .addColumn('contract_forms_json', 'text', (c) => c.notNull())
      .addColumn('features_json', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('occupant_client_id', 'text', (c) => c.references('clients.id'))
      .addColumn('notes', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('client_places')
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('network', 'avoid')`))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
      .addColumn('neighbourhood_code', 'text', (c) => c.references('neighbourhoods.code'))
      .addColumn('note', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('client_places_pk', ['client_id', 'kind', 'seq'])
      .execute();

    await db.schema
      .createTable('client_readiness')
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
      .addColumn('item', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('done', 'integer', (c) => c.notNull())
      .addColumn('confirmed_by', 'text')
      .addColumn('confirmed_at', 'text')
      .addPrimaryKeyConstraint('client_readiness_pk', ['client_id', 'item'])
      .execute();

    await db.schema
      .createTable('client_consents')
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('party_id', 'text')
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('given', 'integer', (c) => c.notNull())
      .addColumn('date', 'text')
      .addPrimaryKeyConstraint('client_consents_pk', ['client_id', 'seq'])
      .execute();

    await db.schema
      .createTable('client_vetoes')
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('corporation_id', 'text', (c) => c.notNull().references('corporations.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('client_vetoes_pk', ['client_id', 'seq'])
      .execute();

    await db.schema
      .createTable('placements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.references('clients.id'))
      .addColumn('unit_id', 'text', (c) => c.references('units.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('origin_municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
      .addColumn('destination_municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
      .addColumn('neighbourhood_code', 'text', (c) => c.references('neighbourhoods.code'))
      .addColumn('complex', 'text')
      .addColumn('corporation_id', 'text', (c) => c.references('corporations.id'))
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text')
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
  },
};

/** Indexes for the list filters and the ledgers (issue: lists stay fast at 10,000 rows). */
const m0002_indexes: Migration = {
  async up(db: AnyDb) {
    await db.schema.createIndex('clients_origin_idx').on('clients').column('origin_municipality_code').execute();
    await db.schema.createIndex('clients_provider_idx').on('clients').column('care_provider_id').execute();
    await db.schema.createIndex('clients_status_idx').on('clients').columns(['status', 'target_group']).execute();
    await db.schema.createIndex('units_municipality_idx').on('units').column('municipality_code').execute();
    await db.schema.createIndex('units_corporation_idx').on('units').column('corporation_id').execute();
    await db.schema.createIndex('units_status_idx').on('units').columns(['status', 'available_from']).execute();
    await db.schema.createIndex('placements_date_idx').on('placements').column('date').execute();
    await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_id']).execute();
  },
};

/** Rounds of the uitstroomtafel (members, controls, proposal versions, decisions) and placement follow-up. */
const m0003_rounds: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('rounds')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('window_from', 'text', (c) => c.notNull())
      .addColumn('window_to', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addColumn('closed_by', 'text')
      .execute();
    // Members and pairs name clients and units by id without a foreign key: a round is a record
    // that outlives a re-import of the region.
    await db.schema
      .createTable('round_clients')
      .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('included', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('open_items_json', 'text', (c) => c.notNull())
      .addColumn('manual', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('round_clients_pk', ['round_id', 'client_id'])
      .execute();
    await db.schema
      .createTable('round_units')
      .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('included', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('manual', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('round_units_pk', ['round_id', 'unit_id'])
      .execute();
    await db.schema
      .createTable('round_controls')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text')
      .addColumn('unit_id', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('lifted_at', 'text')
      .addColumn('lifted_by', 'text')
      .addColumn('lift_reason', 'text')
      .execute();
    await db.schema
      .createTable('round_versions')
      .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('strategy', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('policy_id', 'text')
      .addColumn('total_score', 'real', (c) => c.notNull())
      .addColumn('proposal_json', 'text', (c) => c.notNull())
      .addColumn('greedy_json', 'text', (c) => c.notNull())
      .addColumn('controls_json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('round_versions_pk', ['round_id', 'version'])
      .execute();
    await db.schema
      .createTable('round_decisions')
      .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('conditions', 'text')
      .addColumn('decline_reason', 'text')
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('client_answer', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('round_decisions_pk', ['round_id', 'client_id', 'unit_id'])
      .execute();
    for (const col of ['move_in_date', 'support_start', 'contract_form', 'review_date', 'lease_transfer_date']) {
      await db.schema.alterTable('placements').addColumn(col, 'text').execute();
    }
    await db.schema.alterTable('placements').addColumn('round_id', 'integer').execute();
    await db.schema
      .createTable('placement_checks')
      .addColumn('placement_id', 'text', (c) => c.notNull().references('placements.id').onDelete('cascade'))
      .addColumn('month', 'integer', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('checked_at', 'text', (c) => c.notNull())
      .addColumn('still_housed', 'integer', (c) => c.notNull())
      .addColumn('relapse', 'integer', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('checked_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('placement_checks_pk', ['placement_id', 'month'])
      .execute();
  },
};

/** 0004: the round tables that name a client or unit, with where they point, in Dutch for messages. */
const ROUND_REFERENCES = [
  { table: 'round_clients', column: 'client_id', parent: 'clients', what: 'kandidaat', where: 'de leden' },
  { table: 'round_units', column: 'unit_id', parent: 'units', what: 'woning', where: 'de leden' },
  { table: 'round_controls', column: 'client_id', parent: 'clients', what: 'kandidaat', where: 'de aanpassingen' },
  { table: 'round_controls', column: 'unit_id', parent: 'units', what: 'woning', where: 'de aanpassingen' },
  { table: 'round_decisions', column: 'client_id', parent: 'clients', what: 'kandidaat', where: 'de besluiten' },
  { table: 'round_decisions', column: 'unit_id', parent: 'units', what: 'woning', where: 'de besluiten' },
] as const;

/**
 * Foreign keys from the round tables to clients and units (issue 9, item 14): a re-import of the
 * region could leave rounds pointing at clients and homes that no longer exist. SQLite cannot add a
 * foreign key to a table, so each table is rebuilt (create new, copy, drop, rename).
 *
 * The keys are NO ACTION, not RESTRICT: a raw delete of a referenced client still fails at the end of
 * its statement, but the region replace (delete everything, write the new dataset) can defer the
 * check to its commit; RESTRICT fires at once, even when deferred.
 *
 * Runs with foreign_keys ON and usually inside the opener's transaction, where that pragma cannot be
 * switched off: safe here, because nothing points at the round tables (dropping them deletes no
 * parent rows) and orphans are looked for before the copy. A database that already has orphans is
 * refused, naming the rows, and left as it was (the savepoint also covers a host that migrates
 * outside a transaction).
 */
/** Indexes for the lookups the keys of 0004 add (a delete of a client or unit checks these tables). */
async function m0004Indexes(db: AnyDb): Promise<void> {
  await db.schema.createIndex('round_clients_client_idx').on('round_clients').column('client_id').execute();
  await db.schema.createIndex('round_units_unit_idx').on('round_units').column('unit_id').execute();
  await db.schema.createIndex('round_controls_round_idx').on('round_controls').column('round_id').execute();
  await db.schema.createIndex('round_decisions_client_idx').on('round_decisions').column('client_id').execute();
  await db.schema.createIndex('round_decisions_unit_idx').on('round_decisions').column('unit_id').execute();
}

const m0004_round_foreign_keys: Migration = {
  async up(db: AnyDb) {
    await sql`savepoint m0004_round_foreign_keys`.execute(db);
    try {
      const orphans: string[] = [];
      let total = 0;
      for (const r of ROUND_REFERENCES) {
        const { rows } = await sql<{ round_id: number; ref: string }>`
          select t.round_id, t.${sql.ref(r.column)} as ref from ${sql.table(r.table)} t
          where t.${sql.ref(r.column)} is not null
            and not exists (select 1 from ${sql.table(r.parent)} p where p.id = t.${sql.ref(r.column)})
          order by t.round_id, ref`.execute(db);
        total += rows.length;
        for (const o of rows) orphans.push(`ronde ${o.round_id}: ${r.what} ${o.ref} in ${r.where}`);
      }
      if (total > 0) {
        const shown = orphans.slice(0, 8).join('; ');
        throw new Error(
          `${total} ${total === 1 ? 'regel' : 'regels'} in ronden verwijzen naar kandidaten of woningen die niet meer bestaan ` +
            `(${shown}${total > 8 ? `; … en nog ${total - 8}` : ''}). Er is niets gewijzigd. ` +
            'Neem deze kandidaten en woningen weer op in de regio (met de vorige versie van de app: de dataset opnieuw importeren) ' +
            'en open de database daarna opnieuw.',
        );
      }

      if (isPostgres(db)) {
        // PostgreSQL adds a foreign key to a table as it stands (a server database starts from here).
        for (const r of ROUND_REFERENCES) {
          await sql`alter table ${sql.table(r.table)} add foreign key (${sql.ref(r.column)}) references ${sql.table(r.parent)} (id) deferrable initially immediate`.execute(db);
        }
        await m0004Indexes(db);
        await sql`release m0004_round_foreign_keys`.execute(db);
        return;
      }

      const rebuild = async (table: string, create: (name: string) => Promise<void>, columns: string[]) => {
        const seq = await sql<{ seq: number }>`select seq from sqlite_sequence where name = ${table}`.execute(db);
        await create(`${table}_new`);
        const cols = sql.join(columns.map((c) => sql.ref(c)));
        await sql`insert into ${sql.table(`${table}_new`)} (${cols}) select ${cols} from ${sql.table(table)}`.execute(db);
        await sql`drop table ${sql.table(table)}`.execute(db);
        await sql`alter table ${sql.table(`${table}_new`)} rename to ${sql.table(table)}`.execute(db);
        // An AUTOINCREMENT table keeps its counter: ids of removed rows are not handed out again.
        const old = seq.rows[0]?.seq;
        if (old !== undefined) await sql`update sqlite_sequence set seq = max(seq, ${old}) where name = ${table}`.execute(db);
      };

      await rebuild(
        'round_clients',
        (name) =>
          db.schema
            .createTable(name)
            .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
            .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
            .addColumn('included', 'integer', (c) => c.notNull())
            .addColumn('reason', 'text', (c) => c.notNull())
            .addColumn('open_items_json', 'text', (c) => c.notNull())
            .addColumn('manual', 'integer', (c) => c.notNull())
            .addPrimaryKeyConstraint('round_clients_pk', ['round_id', 'client_id'])
            .execute(),
        ['round_id', 'client_id', 'included', 'reason', 'open_items_json', 'manual'],
      );
      await rebuild(
        'round_units',
        (name) =>
          db.schema
            .createTable(name)
            .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
            .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
            .addColumn('included', 'integer', (c) => c.notNull())
            .addColumn('reason', 'text', (c) => c.notNull())
            .addColumn('manual', 'integer', (c) => c.notNull())
            .addPrimaryKeyConstraint('round_units_pk', ['round_id', 'unit_id'])
            .execute(),
        ['round_id', 'unit_id', 'included', 'reason', 'manual'],
      );
      await rebuild(
        'round_controls',
        (name) =>
          db.schema
            .createTable(name)
            .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
            .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
            .addColumn('kind', 'text', (c) => c.notNull())
            .addColumn('client_id', 'text', (c) => c.references('clients.id'))
            .addColumn('unit_id', 'text', (c) => c.references('units.id'))
            .addColumn('reason', 'text', (c) => c.notNull())
            .addColumn('source', 'text', (c) => c.notNull())
            .addColumn('created_at', 'text', (c) => c.notNull())
            .addColumn('created_by', 'text', (c) => c.notNull())
            .addColumn('lifted_at', 'text')
            .addColumn('lifted_by', 'text')
            .addColumn('lift_reason', 'text')
            .execute(),
        ['id', 'round_id', 'kind', 'client_id', 'unit_id', 'reason', 'source', 'created_at', 'created_by', 'lifted_at', 'lifted_by', 'lift_reason'],
      );
      await rebuild(
        'round_decisions',
        (name) =>
          db.schema
            .createTable(name)
            .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
            .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
            .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
            .addColumn('version', 'integer', (c) => c.notNull())
            .addColumn('decision', 'text', (c) => c.notNull())
            .addColumn('conditions', 'text')
            .addColumn('decline_reason', 'text')
            .addColumn('note', 'text', (c) => c.notNull())
            .addColumn('client_answer', 'text', (c) => c.notNull())
            .addColumn('decided_by', 'text', (c) => c.notNull())
            .addColumn('decided_at', 'text', (c) => c.notNull())
            .addPrimaryKeyConstraint('round_decisions_pk', ['round_id', 'client_id', 'unit_id'])
            .execute(),
        ['round_id', 'client_id', 'unit_id', 'version', 'decision', 'conditions', 'decline_reason', 'note', 'client_answer', 'decided_by', 'decided_at'],
      );
      await m0004Indexes(db);

      // The copy must have produced no violation (it cannot, after the check above: say so if it did).
      for (const table of ['round_clients', 'round_units', 'round_controls', 'round_decisions']) {
        const { rows } = await sql<{ table: string }>`select * from pragma_foreign_key_check(${table})`.execute(db);
        if (rows.length) throw new Error(`${table}: ${rows.length} verwijzingen naar ontbrekende regels na het overzetten.`);
      }
      await sql`release m0004_round_foreign_keys`.execute(db);
    } catch (e) {
      await sql`rollback to m0004_round_foreign_keys`.execute(db);
      await sql`release m0004_round_foreign_keys`.execute(db);
      throw e;
    }
  },
};

/**
 * Record versions (issue 9, lost update): every record a person edits carries a version that each
 * update raises, and who changed it last and when; an update that started from an older version is
 * refused. Existing rows start at version 1.
 */
const m0005_record_versions: Migration = {
  async up(db: AnyDb) {
    const tables = ['clients', 'units', 'placements', 'municipalities', 'neighbourhoods', 'corporations', 'care_providers', 'quotas', 'policy_profiles'];
    for (const table of tables) {
      await db.schema.alterTable(table).addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      await db.schema.alterTable(table).addColumn('updated_by', 'text').execute();
      await db.schema.alterTable(table).addColumn('updated_at', 'text').execute();
    }
  },
};

/**
 * The audit log as a hash chain (issue 9, item 11): each entry keeps the previous entry's hash and
 * its own, sha256 over that previous hash and the entry's fields, and the settings keep the head
 * (last id and hash), so an entry edited, deleted or cut off the end with file access is found.
 * Entries written before this migration are chained here, in id order. The hash is spelled out
 * here, frozen with the migration; audit.repo.ts computes the same.
 */
const m0006_audit_chain: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text', (c) => c.notNull().defaultTo('')).execute();
    await db.schema.alterTable('audit_log').addColumn('hash', 'text', (c) => c.notNull().defaultTo('')).execute();
    let prev = '0'.repeat(64);
    let lastId = 0;
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .select(['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'detail'])
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(1000)
        .execute();
      if (rows.length === 0) break;
      for (const r of rows) {
        const fields = JSON.stringify([r.id, r.at, r.actor, r.action, r.entity, r.entity_id, r.detail]);
        const hash = createHash('sha256').update(`${prev}\n${fields}`).digest('hex');
        await db.updateTable('audit_log').set({ prev_hash: prev, hash }).where('id', '=', r.id).execute();
        prev = hash;
        lastId = Number(r.id);
      }
    }
    if (lastId > 0) {
      await db.insertInto('settings').values({ key: 'audit.head', value: JSON.stringify({ id: lastId, hash: prev }) }).execute();
    }
  },
};

/**
 * 0007: the liaison review files this database made, each with its own secret (the key the review
 * mode uses for the decisions file's HMAC) and the pairs it held; and every decisions file read,
 * so an older one is refused and the same one read twice changes nothing (issue 9, item 4).
 */
const m0007_review_secrets: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('review_files')
      .addColumn('signature', 'text', (c) => c.primaryKey())
      .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
      .addColumn('proposal_version', 'integer', (c) => c.notNull())
      .addColumn('corporation_id', 'text', (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('pairs', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('review_files_round_idx').on('review_files').columns(['round_id', 'corporation_id']).execute();
    await db.schema
      .createTable('review_reads')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
      .addColumn('corporation_id', 'text', (c) => c.notNull())
      .addColumn('review_signature', 'text', (c) => c.notNull().references('review_files.signature').onDelete('cascade'))
      .addColumn('mac', 'text', (c) => c.notNull().unique())
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('read_at', 'text', (c) => c.notNull())
      .addColumn('read_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('review_reads_round_idx').on('review_reads').columns(['round_id', 'corporation_id', 'decided_at']).execute();
  },
};

/**
 * 0008: text stored by earlier versions may hold characters every text field now refuses (NUL,
 * direction overrides such as U+202E, ...): reading such a record would fail. They are taken out of
 * every stored text — plain columns and the strings inside JSON columns — except the audit log
 * (a record of what happened, hash-chained, never rewritten) and the review secrets. Frozen copy of
 * the rule of 2026-12 (TAB, LF and CR stay: notes may span lines). Rows without such characters are
 * left byte for byte as they were.
 */
const M0008_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]|\p{Cs}/gu;
const M0008_SKIP = new Set(['audit_log', 'review_files', 'review_reads', 'kysely_migration', 'kysely_migration_lock']);

function m0008Clean(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(M0008_FORBIDDEN, '');
  if (Array.isArray(value)) return value.map(m0008Clean);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, m0008Clean(v)]));
  return value;
}

function m0008CleanCell(text: string): string {
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      const cleaned = JSON.stringify(m0008Clean(JSON.parse(text)));
      return cleaned === JSON.stringify(JSON.parse(text)) ? text : cleaned;
    } catch {
      // Not JSON after all: cleaned as plain text below.
    }
  }
  return text.replace(M0008_FORBIDDEN, '');
}

const m0008_clean_text: Migration = {
  async up(db: AnyDb) {
    const pg = isPostgres(db);
    // PostgreSQL has no rowid: its row address (ctid) serves within this transaction.
    const tables = pg
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
    const rowid = pg ? sql`ctid` : sql`rowid`;
    let changed = 0;
    for (const { name: table } of tables.rows) {
      if (M0008_SKIP.has(table)) continue;
      const columns = pg
        ? await sql<{ name: string; type: string }>`select column_name as name, data_type as type from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(db)
        : await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${table})`.execute(db);
      const textColumns = columns.rows.filter((c) => /text|char|clob|^$/i.test(c.type)).map((c) => c.name);
      if (textColumns.length === 0) continue;
      const rows = await sql<Record<string, unknown>>`select ${rowid} as __rowid, * from ${sql.table(table)}`.execute(db);
      for (const row of rows.rows) {
        const updates: [string, string][] = [];
        for (const column of textColumns) {
          const v = row[column];
          if (typeof v !== 'string') continue;
          const cleaned = m0008CleanCell(v);
          if (cleaned !== v) updates.push([column, cleaned]);
        }
        if (updates.length === 0) continue;
        const set = sql.join(updates.map(([c, v]) => sql`${sql.ref(c)} = ${v}`));
        await (pg
          ? sql`update ${sql.table(table)} set ${set} where ctid = cast(${row.__rowid as string} as tid)`
          : sql`update ${sql.table(table)} set ${set} where rowid = ${row.__rowid as number}`
        ).execute(db);
        changed++;
      }
    }
    if (changed > 0) console.warn(`[database] migratie 0008: niet-toegestane tekens verwijderd uit ${changed} rij(en)`);
  },
};

/**
 * Users (0009, issue 10): who may log in, with their role and binding (a provider worker's care
 * provider, a liaison's corporation). No foreign keys to the organisations: a region replace must not
 * be blocked by a user; the binding is checked when a user is written. The passphrase is not here: it
 * unwraps the database key in the keyring file next to the database.
 */
const m0009_users: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('users')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('care_provider_id', 'text')
      .addColumn('corporation_id', 'text')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('last_login_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'text')
      .execute();
  },
};

/**
 * 0010: retention and the right to erasure (issue 10, item 6). `retention_log` records what each
 * retention run did — when, by whom, which rule, the action, its cut-off date and how many records —
 * never which person. `monitor_archive` keeps the monitor's counts of client records that were
 * deleted (retention or erasure): per year of removal × municipality of origin × target group ×
 * status the record had, so the regional figures survive the deletion.
 */
const m0010_privacy: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('retention_log')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('by', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('years', 'integer', (c) => c.notNull())
      .addColumn('cutoff', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull().check(sql`count >= 0`))
      .execute();
    await db.schema
      .createTable('monitor_archive')
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('municipality_code', 'text', (c) => c.notNull())
      .addColumn('target_group', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull().check(sql`count >= 0`))
      .addPrimaryKeyConstraint('monitor_archive_pk', ['year', 'municipality_code', 'target_group', 'status'])
      .execute();
  },
};

/**
 * 0011: reports (issue 11). Clients gain two monitor fields (seed 002:574-581): since when they are in
 * care (trajectory length) and the legal/funding frame they come from. Placements keep a snapshot of
 * the monitor's facts about the client and home as they were at placement — group, gender, age,
 * household, provider, support intensity, frame, woonrijp date, care since, kind of home — so the
 * regional figures survive retention and erasure of the client record; existing placements are filled
 * from the client and home records still there. Indexes serve the report queries by period.
 */
const m0011_reports: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('clients').addColumn('care_since', 'text').execute();
    await db.schema.alterTable('clients').addColumn('funding_frame', 'text', (c) => c.notNull().defaultTo('unknown')).execute();
    for (const [column, type] of [
      ['target_group', 'text'],
      ['gender', 'text'],
      ['age', 'integer'],
      ['adults', 'integer'],
      ['children', 'integer'],
      ['care_provider_id', 'text'],
      ['support_intensity', 'text'],
      ['funding_frame', 'text'],
      ['ready_date', 'text'],
      ['care_since', 'text'],
      ['unit_kind', 'text'],
    ] as const) {
      await db.schema.alterTable('placements').addColumn(column, type).execute();
    }
    // Age in whole years on the placement date, and the number of children, on either database.
    const pg = isPostgres(db);
    const age = pg
      ? sql`cast(substr(placements.date, 1, 4) as integer) - cast(substr(c.birth_date, 1, 4) as integer)
          - (case when substr(placements.date, 6, 5) < substr(c.birth_date, 6, 5) then 1 else 0 end)`
      : sql`cast(strftime('%Y', placements.date) as integer) - cast(strftime('%Y', c.birth_date) as integer)
          - (case when strftime('%m-%d', placements.date) < strftime('%m-%d', c.birth_date) then 1 else 0 end)`;
    const children = pg ? sql`json_array_length(cast(c.children_ages_json as json))` : sql`json_array_length(c.children_ages_json)`;
    await sql`
      update placements set
        target_group = c.target_group,
        gender = c.gender,
        age = ${age},
        adults = c.adults,
        children = ${children},
        care_provider_id = c.care_provider_id,
        support_intensity = c.support_intensity,
        funding_frame = c.funding_frame,
        ready_date = c.ready_date,
        care_since = c.care_since
      from clients c where c.id = placements.client_id`.execute(db);
    await sql`update placements set unit_kind = u.kind from units u where u.id = placements.unit_id`.execute(db);
    await db.schema.createIndex('placements_destination_date_idx').on('placements').columns(['destination_municipality_code', 'date']).execute();
    await db.schema.createIndex('placements_corporation_date_idx').on('placements').columns(['corporation_id', 'date']).execute();
    await db.schema.createIndex('placements_provider_date_idx').on('placements').columns(['care_provider_id', 'date']).execute();
    await db.schema.createIndex('placements_client_idx').on('placements').column('client_id').execute();
    await db.schema.createIndex('round_decisions_decided_idx').on('round_decisions').columns(['decided_at']).execute();
    await db.schema.createIndex('clients_ready_idx').on('clients').columns(['status', 'ready_date']).execute();
  },
};

/**
 * 0012: on whose behalf a decision was taken. `round_decisions.decided_by` is the account
 * that recorded it (the chair, also for a decisions file read back); `on_behalf_of` names the
 * corporation's contact person who decided: the liaison's name from a decisions file, or the name the
 * chair typed for a decision heard by phone. Existing decisions: null (not recorded).
 */
const m0012_decision_on_behalf_of: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('round_decisions').addColumn('on_behalf_of', 'text').execute();
  },
};

/**
 * 0013: the round's own planning setting (issue 14 item 1: hold capacity for later or spend it now,
 * per round). `rounds.planning_json` holds the chair's choice for this round — follow the policy,
 * spend everything now, or a hold (and empty home-month cost) of its own — with who set it and when.
 * Existing rounds: null, which follows the policy as before.
 */
const m0013_round_planning: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('rounds').addColumn('planning_json', 'text').execute();
  },
};

/**
 * 0014: the order rows were written in, on PostgreSQL (issue 15, the regional server). SQLite keeps it
 * in every row's rowid, and the register and history are read back in it (an export lists records as
 * they were imported); PostgreSQL has no such thing, so the tables read that way get a `row_order`
 * identity column there (`rowOrder` in dialect.ts). Nothing changes in a SQLite file.
 */
export const ROW_ORDER_TABLES = [
  'municipalities',
  'neighbourhoods',
  'corporations',
  'care_providers',
  'quotas',
  'policy_profiles',
  'clients',
  'units',
  'placements',
  'round_clients',
  'round_units',
  'round_decisions',
  'review_files',
  'placement_checks',
  'monitor_archive',
] as const;

const m0014_row_order: Migration = {
  async up(db: AnyDb) {
    if (!isPostgres(db)) return;
    for (const table of ROW_ORDER_TABLES) {
      await sql`alter table ${sql.table(table)} add column row_order bigint generated always as identity`.execute(db);
    }
  },
};

/**
 * 0015: the regional server's accounts and sessions (issue 15). On the laptop a passphrase is a key
 * slot in the keyring next to the encrypted file; the server's database (PostgreSQL) has no keyring,
 * so `user_credentials` keeps each user's argon2id hash and lockout there. `sessions` keeps the
 * server's logins — only hashes of the session id and of its CSRF token, never the tokens — so a
 * session outlives a restart and holds across server processes, and it expires (idle and absolute).
 * Both tables stay empty in a laptop's SQLite file.
 */
const m0015_server_sessions: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('user_credentials')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('csrf_hash', 'text', (c) => c.notNull())
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('address', 'text')
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_name').execute();
    await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute();
  },
};

/**
 * 0016: the round lock (issue 15, the regional server: a round is prepared by one chair at a time).
 * One row per round someone is preparing: who holds it, since when, and their last activity; a lock
 * with no activity for a while has expired (ROUND_LOCK_MINUTES in repos/round-lock.repo.ts). No row: nobody
 * prepares it. The row goes with its round. Not carried by a dataset (a lock belongs to the moment).
 */
const m0016_round_lock: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('round_locks')
      .addColumn('round_id', 'integer', (c) => c.primaryKey().references('rounds.id').onDelete('cascade'))
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('since', 'text', (c) => c.notNull())
      .addColumn('activity', 'text', (c) => c.notNull())
      .execute();
  },
};

/**
 * 0017: failed logins per address (issue 15, the regional server's login limit). Kept in the database,
 * not in one process's memory, so the limit holds across server processes on one database and through
 * a restart. Only the address and the moment: never the name typed (it may be a passphrase). Rows
 * older than the limit's window are cleared on the way. Stays empty in a laptop's SQLite file.
 */
const m0017_login_failures: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('login_failures')
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('login_failures_address').on('login_failures').columns(['address', 'at']).execute();
    await db.schema.createIndex('login_failures_at').on('login_failures').column('at').execute();
  },
};

/** Every migration in order; the schema version is the number applied. */
export const MIGRATIONS: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['0001_initial', m0001_initial],
  ['0002_indexes', m0002_indexes],
  ['0003_rounds', m0003_rounds],
  ['0004_round_foreign_keys', m0004_round_foreign_keys],
  ['0005_record_versions', m0005_record_versions],
  ['0006_audit_chain', m0006_audit_chain],
  ['0007_review_secrets', m0007_review_secrets],
  ['0008_clean_text', m0008_clean_text],
  ['0009_users', m0009_users],
  ['0010_privacy', m0010_privacy],
  ['0011_reports', m0011_reports],
  ['0012_decision_on_behalf_of', m0012_decision_on_behalf_of],
  ['0013_round_planning', m0013_round_planning],
  ['0014_row_order', m0014_row_order],
  ['0015_server_sessions', m0015_server_sessions],
  ['0016_round_lock', m0016_round_lock],
  ['0017_login_failures', m0017_login_failures],
];

export const SCHEMA_VERSION = MIGRATIONS.length;

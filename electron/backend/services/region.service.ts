// API handlers for the region as a whole and its registers: app info, reference data, the client
// and unit lists and details, dataset import/export (v2 with the whole history; v1 still read), the
// audit log. Node only.
import { deferForeignKeys } from '../db/dialect';
import { type Kysely, sql } from 'kysely';
import type { ImportSummary, MethodOutput, coreMethods } from '../../../shared/api/contract';
import { DeclineReason } from '../../../shared/api/rounds.contract';
import { UnitKind } from '../../../shared/domain/codes';
import { AppError } from '../../../shared/api/result';
import { type Dataset, DATASET_VERSION } from '../../../shared/dataset/dataset.schema';
import { checkDataset, formatProblems } from '../../../shared/dataset/validate';
import { type PolicyProfile, PolicySettings } from '../../../shared/domain/policy';
import { type HandlersFor, cancelJob } from '../api/dispatcher';
import { SCHEMA_VERSION } from '../db/migrations';
import type { DB } from '../db/schema';
import { listAudit, verifyAudit } from '../repos/audit.repo';
import { readTurnedDownOffers } from '../repos/offers.repo';
import { readPlacements } from '../repos/rounds.repo';
import { auditHashProblem, auditSummary, historyTally } from '../repos/history.repo';
import { type Stamp, type VersionedTable, bumpAll, maxVersions, stampOf } from '../repos/versions.repo';
import { ageOn, listClients, listUnits } from '../repos/lists.repo';
import {
  clearEverything,
  clearRegion,
  foreignKeyViolations,
  historyCounts,
  historyReferences,
  readClients,
  readDatasetWithHistory,
  readRegion,
  rowToMunicipality,
  rowToNeighbourhood,
  rowToUnit,
  writeEverything,
  writeRegion,
} from '../repos/region.repo';

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** The policy profile in force on `day`: the latest one that has started, else the first. */
export async function currentPolicy(db: Kysely<DB>, day: string): Promise<PolicyProfile | null> {
  const rows = await db.selectFrom('policy_profiles').selectAll().orderBy('valid_from', 'desc').orderBy('id').execute();
  const row = rows.find((r) => r.valid_from <= day) ?? rows[rows.length - 1];
  return row ? { id: row.id, name: row.name, validFrom: row.valid_from, settings: PolicySettings.parse(JSON.parse(row.settings_json)) } : null;
}

type ClientDetailOut = MethodOutput<'clients.get'>;

/** The client's turned-down offers (the shared reading of the decisions), with the home's kind and municipality. */
async function turnedDownOf(db: Kysely<DB>, clientId: string): Promise<ClientDetailOut['turnedDown']> {
  const offers = (await readTurnedDownOffers(db, [clientId])).get(clientId) ?? [];
  const unitIds = [...new Set(offers.map((o) => o.unitId))];
  const units = unitIds.length
    ? await db
        .selectFrom('units as u')
        .leftJoin('municipalities as g', 'g.code', 'u.municipality_code')
        .select(['u.id', 'u.kind', 'g.name as municipality'])
        .where('u.id', 'in', unitIds)
        .execute()
    : [];
  const unitOf = new Map(units.map((u) => [u.id, u]));
  return offers.map((o) => ({
    ...o,
    declineReason: o.declineReason === null ? null : DeclineReason.catch('other').parse(o.declineReason),
    unitKind: unitOf.has(o.unitId) ? UnitKind.catch('regular').parse(unitOf.get(o.unitId)!.kind) : null,
    municipality: unitOf.get(o.unitId)?.municipality ?? null,
  }));
}

/** Where and when the client was placed (the latest placement), with the home as it is now. */
async function latestPlacementOf(db: Kysely<DB>, clientId: string): Promise<ClientDetailOut['placement']> {
  const p = (await readPlacements(db, { clientId })).at(-1);
  if (!p) return null;
  const [neighbourhood, corporation] = await Promise.all([
    p.neighbourhoodCode ? db.selectFrom('neighbourhoods').select('name').where('code', '=', p.neighbourhoodCode).executeTakeFirst() : undefined,
    p.corporationId ? db.selectFrom('corporations').select('name').where('id', '=', p.corporationId).executeTakeFirst() : undefined,
  ]);
  return {
    id: p.id,
    date: p.date,
    roundId: p.roundId,
    unitId: p.unitId,
    address: p.address,
    unitKind: p.unitKind,
    neighbourhood: neighbourhood?.name ?? p.neighbourhoodCode,
    municipality: p.destinationMunicipality || p.destinationMunicipalityCode,
    corporation: corporation?.name ?? p.corporationId,
    moveInDate: p.moveInDate,
  };
}

/**
 * Why and since when the client has this status: the latest status change recorded in the audit log
 * (clients.setStatus writes the reason there), when it led to the status the client has now.
 */
async function statusChangeOf(db: Kysely<DB>, clientId: string, status: 'set-aside' | 'archived'): Promise<ClientDetailOut['statusChange']> {
  const row = await db
    .selectFrom('audit_log')
    .select(['at', 'detail'])
    .where('entity', '=', 'client')
    .where('entity_id', '=', clientId)
    .where('action', '=', 'status')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  let detail: { after?: { status?: unknown }; reason?: unknown };
  try {
    detail = JSON.parse(row.detail) as typeof detail;
  } catch {
    return null;
  }
  if (detail.after?.status !== status) return null;
  return { status, at: row.at, reason: typeof detail.reason === 'string' ? detail.reason : '' };
}

export function summarise(d: Dataset): ImportSummary {
  return {
    municipalities: d.municipalities.length,
    neighbourhoods: d.neighbourhoods.length,
    corporations: d.corporations.length,
    careProviders: d.careProviders.length,
    quotas: d.quotas.length,
    policies: d.policies.length,
    units: d.units.length,
    clients: d.clients.length,
    placements: d.placements.length,
  };
}

/**
 * Checks a dataset document (v1 or v2); on any problem nothing is written and every problem is listed.
 * `today`: what client dates are measured against. For v2 also every audit entry's hash (sha256, so
 * here in the backend rather than in the shared check).
 */
export function requireValidDataset(input: unknown, source?: string, today?: string): Dataset {
  let check = checkDataset(input, today);
  if (check.ok && check.dataset.history) {
    const problem = auditHashProblem(check.dataset.history);
    if (problem) check = { ok: false, problems: [problem] };
  }
  if (!check.ok) {
    const n = check.problems.length;
    throw new AppError(
      'VALIDATION',
      `Dataset ${source ? `${source} ` : ''}afgekeurd (${n} ${n === 1 ? 'probleem' : 'problemen'}); er is niets opgeslagen.\n${formatProblems(check.problems.slice(0, 20), source)}${n > 20 ? `\n… en nog ${n - 20}` : ''}`,
      check.problems,
    );
  }
  return check.dataset;
}

/** Every table whose rows carry a version; a whole-region import rewrites them all. */
const VERSIONED_TABLES = [
  'clients',
  'units',
  'placements',
  'municipalities',
  'neighbourhoods',
  'corporations',
  'care_providers',
  'quotas',
  'policy_profiles',
] as const satisfies readonly VersionedTable[];

/**
 * Replaces the region with a checked dataset. Call inside a transaction (the dispatcher does). Every
 * record written gets a version past any the database held before (who and when in `stamp`), so an
 * edit form opened before the import is refused instead of overwriting the imported data.
 */
export async function replaceRegion(db: Kysely<DB>, dataset: Dataset, stamp: Stamp, source?: string): Promise<ImportSummary> {
  const previous = await maxVersions(db, VERSIONED_TABLES);
  // Rounds and followed-up placements are kept (issue 9, item 14): refuse a dataset that drops what they name.
  await refuseLosingHistory(db, dataset, source);
  // Clients and units are deleted and written again: the keys from the kept history are checked at
  // the commit, not per statement (reset at the commit or rollback).
  await deferForeignKeys(db);
  await clearRegion(db);
  await writeRegion(db, dataset);
  await refuseOrphans(db, source);
  await bumpAll(db, VERSIONED_TABLES, previous, stamp);
  return summarise(dataset);
}

/**
 * Replaces everything with a checked v2 document: the register and the whole history (rounds,
 * follow-up, retention, the audit log verbatim with its head). Users and the installation's own
 * settings stay. Call inside a transaction; records get versions past any held before (see replaceRegion).
 */
export async function replaceEverything(db: Kysely<DB>, dataset: Dataset, stamp: Stamp, source?: string): Promise<ImportSummary> {
  const previous = await maxVersions(db, VERSIONED_TABLES);
  await deferForeignKeys(db);
  await clearEverything(db);
  await writeEverything(db, dataset);
  await refuseOrphans(db, source);
  await bumpAll(db, VERSIONED_TABLES, previous, stamp);
  return summarise(dataset);
}

const MAX_NAMED = 5;

/** "K-0012, K-0013 en nog 4": the first few codes of a list, never the whole list. */
function firstFew(ids: string[]): string {
  return `${ids.slice(0, MAX_NAMED).join(', ')}${ids.length > MAX_NAMED ? ` en nog ${ids.length - MAX_NAMED}` : ''}`;
}

/**
 * A replace keeps the history (rounds: members, aanpassingen, proposals, decisions; placements the
 * table followed up), so every client and unit that history names must be in the new dataset.
 * Otherwise: refused before anything is written, naming how many and which.
 */
async function refuseLosingHistory(db: Kysely<DB>, d: Dataset, source?: string): Promise<void> {
  const present = { client: new Set(d.clients.map((c) => c.id)), unit: new Set(d.units.map((u) => u.id)) };
  const renamed = new Set(d.placements.map((p) => p.id));
  const missing = { client: new Map<string, Set<string>>(), unit: new Map<string, Set<string>>() };
  for (const r of await historyReferences(db)) {
    // A kept placement the dataset names again takes the dataset's client and unit.
    if (r.placementId !== null && renamed.has(r.placementId)) continue;
    if (present[r.kind].has(r.id)) continue;
    const where = r.roundId !== null ? `ronde ${r.roundId}` : `plaatsing ${r.placementId ?? ''}`;
    const seen = missing[r.kind].get(r.id);
    if (seen) seen.add(where);
    else missing[r.kind].set(r.id, new Set([where]));
  }
  const clients = [...missing.client.keys()];
  const units = [...missing.unit.keys()];
  const total = clients.length + units.length;
  if (total === 0) return;
  const parts = [
    clients.length ? `${clients.length} ${clients.length === 1 ? 'kandidaat' : 'kandidaten'} (${firstFew(clients)})` : '',
    units.length ? `${units.length} ${units.length === 1 ? 'woning' : 'woningen'} (${firstFew(units)})` : '',
  ].filter(Boolean);
  const problems = [
    ...[...missing.client].map(([id, where]) => ({ path: `clients.${id}`, message: `kandidaat ${id} ontbreekt; komt voor in ${[...where].join(', ')}` })),
    ...[...missing.unit].map(([id, where]) => ({ path: `units.${id}`, message: `woning ${id} ontbreekt; komt voor in ${[...where].join(', ')}` })),
  ].slice(0, 50);
  throw new AppError(
    'CONFLICT',
    `Vervangen kan niet: ${parts.join(' en ')} ${total === 1 ? 'ontbreekt' : 'ontbreken'} in de nieuwe dataset${source ? ` ${source}` : ''} ` +
      'maar ' + (total === 1 ? 'komt' : 'komen') + ' voor in ronden of gevolgde plaatsingen. ' +
      "Neem ze op in de dataset, of archiveer ze daar (kandidaat: status 'archived', woning: status 'withdrawn'). Er is niets gewijzigd.",
    problems,
  );
}

const TABLE_NOUNS: Record<string, string> = {
  placements: 'plaatsing',
  placement_checks: 'controle van een plaatsing',
  round_clients: 'ronde (leden)',
  round_units: 'ronde (leden)',
  round_controls: 'ronde (aanpassingen)',
  round_decisions: 'ronde (besluiten)',
  clients: 'kandidaat',
  units: 'woning',
  municipalities: 'gemeente',
  neighbourhoods: 'buurt',
  corporations: 'corporatie',
  care_providers: 'zorgaanbieder',
};
const noun = (table: string): string => TABLE_NOUNS[table] ?? table;

/**
 * The last check before the commit: a kept placement may name a municipality, neighbourhood or
 * corporation the new dataset lacks. Said in Dutch here, instead of SQLite's bare constraint error.
 */
async function refuseOrphans(db: Kysely<DB>, source?: string): Promise<void> {
  const { total, rows } = await foreignKeyViolations(db, MAX_NAMED);
  if (total === 0) return;
  const named = rows.map((v) => `${noun(v.table)} verwijst naar ${noun(v.parent)} ${v.value} (${v.column})`).join('; ');
  throw new AppError(
    'CONFLICT',
    `Vervangen kan niet: de nieuwe dataset${source ? ` ${source}` : ''} mist ${total === 1 ? 'een regel' : `${total} regels`} waar de bewaarde geschiedenis naar verwijst: ` +
      `${named}${total > rows.length ? `; … en nog ${total - rows.length}` : ''}. Neem die gegevens op in de dataset. Er is niets gewijzigd.`,
  );
}

export const regionHandlers: HandlersFor<typeof coreMethods> = {
  'app.info': async (ctx) => {
    const count = async (t: 'clients' | 'units' | 'municipalities') =>
      Number((await ctx.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return {
      appVersion: ctx.appVersion,
      schemaVersion: SCHEMA_VERSION,
      host: ctx.host,
      databasePath: ctx.databasePath,
      region: await readRegion(ctx.db),
      counts: { clients: await count('clients'), units: await count('units'), municipalities: await count('municipalities') },
    };
  },

  'reference.get': async (ctx) => {
    const d = ctx.db;
    const [municipalities, neighbourhoods, corporations, careProviders, quotas] = await Promise.all([
      d.selectFrom('municipalities').selectAll().orderBy('name').execute(),
      d.selectFrom('neighbourhoods').selectAll().orderBy('municipality_code').orderBy('name').execute(),
      d.selectFrom('corporations').selectAll().orderBy('name').execute(),
      d.selectFrom('care_providers').selectAll().orderBy('name').execute(),
      d.selectFrom('quotas').selectAll().orderBy('year').orderBy('corporation_id').orderBy('municipality_code').execute(),
    ]);
    return {
      region: await readRegion(d),
      municipalities: municipalities.map(rowToMunicipality),
      neighbourhoods: neighbourhoods.map(rowToNeighbourhood),
      corporations,
      careProviders,
      quotas: quotas.map((q) => ({
        corporationId: q.corporation_id,
        municipalityCode: q.municipality_code,
        year: q.year,
        agreed: q.agreed,
        kind: q.kind as 'maximum' | 'target',
      })),
      policy: await currentPolicy(d, isoDay(ctx.now())),
    };
  },

  'clients.list': async (ctx, input) => {
    const today = isoDay(ctx.now());
    const policy = await currentPolicy(ctx.db, today);
    return listClients(ctx.db, input, today, policy?.settings.readinessItems.map((r) => r.key) ?? []);
  },

  'clients.get': async (ctx, { id }) => {
    const [client] = await readClients(ctx.db, [id]);
    if (!client) throw new AppError('NOT_FOUND', `Kandidaat ${id} bestaat niet.`);
    const today = isoDay(ctx.now());
    const policy = await currentPolicy(ctx.db, today);
    const provider = await ctx.db.selectFrom('care_providers').select('name').where('id', '=', client.careProviderId).executeTakeFirst();
    const byItem = new Map(client.readiness.map((r) => [r.item, r]));
    const items = policy?.settings.readinessItems ?? client.readiness.map((r) => ({ key: r.item, label: r.item }));
    const codes = new Set<string>([
      client.originMunicipalityCode,
      client.currentMunicipalityCode,
      ...client.networkPlaces.flatMap((p) => [p.municipalityCode, p.neighbourhoodCode ?? '']),
      ...client.avoidPlaces.flatMap((p) => [p.municipalityCode, p.neighbourhoodCode ?? '']),
      ...client.preferences.municipalityCodes,
      ...client.preferences.neighbourhoodCodes,
    ]);
    codes.delete('');
    const list = [...codes];
    const [munis, nbhs] = await Promise.all([
      list.length ? ctx.db.selectFrom('municipalities').select(['code', 'name']).where('code', 'in', list).execute() : [],
      list.length ? ctx.db.selectFrom('neighbourhoods').select(['code', 'name']).where('code', 'in', list).execute() : [],
    ]);
    const [turnedDown, placement, statusChange] = await Promise.all([
      turnedDownOf(ctx.db, id),
      latestPlacementOf(ctx.db, id),
      client.status === 'set-aside' || client.status === 'archived' ? statusChangeOf(ctx.db, id, client.status) : null,
    ]);
    // Viewing a client's record shows special-category data: log it (privacy duty).
    await ctx.audit({ action: 'view', entity: 'client', entityId: id });
    const { version } = await ctx.db.selectFrom('clients').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    return {
      client,
      version,
      age: ageOn(client.birthDate, today),
      careProvider: provider?.name ?? client.careProviderId,
      readiness: items.map((it) => {
        const r = byItem.get(it.key);
        return {
          item: it.key,
          label: it.label,
          done: r?.done ?? false,
          confirmedBy: r?.confirmedBy ?? null,
          confirmedAt: r?.confirmedAt ?? null,
        };
      }),
      placeNames: Object.fromEntries([...munis, ...nbhs].map((r) => [r.code, r.name])),
      turnedDown,
      placement,
      statusChange,
    };
  },

  'units.list': async (ctx, input) => listUnits(ctx.db, input),

  'units.get': async (ctx, { id }) => {
    const row = await ctx.db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `Woning ${id} bestaat niet.`);
    return { ...rowToUnit(row), version: row.version };
  },

  'dataset.export': async (ctx) => {
    // Format v2: the register and its whole history, read in one transaction.
    const dataset = await readDatasetWithHistory(ctx.db);
    if (!dataset) throw new AppError('NOT_FOUND', 'Deze database bevat nog geen regio; importeer eerst een dataset.');
    await ctx.audit({
      action: 'export',
      entity: 'region',
      detail: { version: dataset.version, ...summarise(dataset), ...(dataset.history ? { history: historyTally(dataset.history) } : {}) },
    });
    return dataset;
  },

  'dataset.import': async (ctx, input) => {
    const dataset = requireValidDataset(input.dataset, input.source, isoDay(ctx.now()));
    const previous = await readRegion(ctx.db);
    const base = { source: input.source ?? null, version: dataset.version, replaced: previous?.name ?? null, region: dataset.region.name };
    if (dataset.version === DATASET_VERSION && dataset.history) {
      // v2: everything is replaced, the audit log too; this entry chains after the imported head and
      // names the log it replaced (its size and head), so that log can still be matched to a backup.
      const replacedAudit = await auditSummary(ctx.db);
      const summary = await replaceEverything(ctx.db, dataset, stampOf(ctx), input.source);
      await ctx.audit({ action: 'import', entity: 'region', detail: { ...base, ...summary, history: historyTally(dataset.history), replacedAudit } });
      const chain = await verifyAudit(ctx.db);
      if (!chain.intact) throw new AppError('INTERNAL', `Het ingelezen logboek klopt niet: ${chain.message} Er is niets opgeslagen.`);
      return summary;
    }
    // v1: the register alone; the database's history stays.
    const summary = await replaceRegion(ctx.db, dataset, stampOf(ctx), input.source);
    await ctx.audit({ action: 'import', entity: 'region', detail: { ...base, ...summary, kept: await historyCounts(ctx.db) } });
    return summary;
  },

  'audit.list': async (ctx, input) => listAudit(ctx.db, input.limit ?? 50),
  'audit.verify': async (ctx) => verifyAudit(ctx.db),

  'jobs.cancel': async (_ctx, { jobId }) => ({ cancelled: cancelJob(jobId) }),
};

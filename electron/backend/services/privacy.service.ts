// Handlers of retention and the client's rights: the retention settings, a retention run (or a dry
// run that only shows), the right of access (everything held about one client as JSON and PDF) and
// the right to erasure. Every one audited; the audit never names an erased client. Node only.
import type { Kysely } from 'kysely';
import { type PrivacySettings, RETENTION_KINDS, RETENTION_KIND_LABELS, type RetentionOutcome, type RetentionRule, type privacyMethods } from '../../../shared/api/privacy.contract';
import { AppError } from '../../../shared/api/result';
import type { Client } from '../../../shared/dataset/dataset.schema';
import { CONSENT_PARTY_LABELS } from '../../../shared/domain/codes';
import { consentOverview, verdictText } from '../../../shared/domain/consent';
import type { HandlerContext } from '../api/context';
import type { HandlersFor } from '../api/dispatcher';
import type { DB } from '../db/schema';
import type { AccessDocument } from '../privacy/access-pdf';
import { writeDocumentInWorker } from '../workers/document-runner';
import {
  clientsOfKind,
  cutoffFor,
  eraseClients,
  makeScrubber,
  mentions,
  notYetPseudonymised,
  pseudonymiseClients,
  readRetentionRules,
  writeRetentionRules,
} from '../repos/privacy.repo';
import { readClients, readRegion } from '../repos/region.repo';
import { readPlacements, readVersions } from '../repos/rounds.repo';
import { currentPolicy, isoDay } from './region.service';

const ACCESS_FORMAT = 'uitstroomtafel-inzage';
const OTHER_CLIENT = '(andere kandidaat)';

/** Who a retention run names as the one who changed the records it pseudonymised. */
const RETENTION_ACTOR = 'bewaartermijn';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
/** yyyy-mm-dd as dd-mm-jjjj. */
const nlDay = (iso: string) => (/^\d{4}-\d{2}-\d{2}/.test(iso) ? `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}` : iso);

/** The rules to save: one per kind; a kind left out keeps its current rule. */
function mergeRules(current: RetentionRule[], input: RetentionRule[]): RetentionRule[] {
  const seen = new Set<string>();
  for (const r of input) {
    if (seen.has(r.kind)) {
      throw new AppError('VALIDATION', `Bewaartermijnen: de regel voor '${RETENTION_KIND_LABELS[r.kind]}' staat er twee keer in; geef per soort één regel.`, [
        { path: 'retention', message: 'per soort één regel' },
      ]);
    }
    seen.add(r.kind);
  }
  return RETENTION_KINDS.map((kind) => input.find((r) => r.kind === kind) ?? current.find((r) => r.kind === kind)!);
}

/** What the rules make due today: per rule the clients, pseudonymise only those not yet done. */
async function planRetention(db: Kysely<DB>, rules: RetentionRule[], today: string) {
  const plan: { rule: RetentionRule; cutoff: string; ids: string[] }[] = [];
  for (const rule of rules) {
    if (rule.action === 'keep') continue;
    const cutoff = cutoffFor(today, rule.years);
    let ids = (await clientsOfKind(db, rule.kind)).filter((c) => c.since <= cutoff).map((c) => c.id);
    if (rule.action === 'pseudonymise') {
      const open = await notYetPseudonymised(db, ids);
      ids = ids.filter((id) => open.has(id));
    }
    plan.push({ rule, cutoff, ids });
  }
  return plan;
}

/** Applies the retention rules today (or, with dryRun, only says what they would do). */
export async function runRetention(ctx: HandlerContext, dryRun: boolean): Promise<RetentionOutcome> {
  const today = isoDay(ctx.now());
  const rules = await readRetentionRules(ctx.db);
  const plan = await planRetention(ctx.db, rules, today);
  const pseudonymised = plan.filter((p) => p.rule.action === 'pseudonymise').flatMap((p) => p.ids);
  const deleted = plan.filter((p) => p.rule.action === 'delete').flatMap((p) => p.ids);
  if (!dryRun) {
    await pseudonymiseClients(ctx.db, pseudonymised, { by: RETENTION_ACTOR, at: ctx.now().toISOString() });
    await eraseClients(ctx.db, deleted, ctx.now().getUTCFullYear());
    for (const p of plan) {
      await ctx.db
        .insertInto('retention_log')
        .values({ at: ctx.now().toISOString(), by: ctx.actor, kind: p.rule.kind, action: p.rule.action, years: p.rule.years, cutoff: p.cutoff, count: p.ids.length })
        .execute();
    }
  }
  const rulesOut = plan.map((p) => ({ kind: p.rule.kind, action: p.rule.action, years: p.rule.years, cutoff: p.cutoff, count: p.ids.length }));
  // Counts only: the log keeps what the run did, never whom it concerned.
  await ctx.audit({ action: dryRun ? 'retention-dry-run' : 'retention', entity: 'client', detail: { rules: rulesOut, pseudonymised: pseudonymised.length, deleted: deleted.length } });
  const verb = (n: number) => (dryRun ? (n === 1 ? 'zou worden' : 'zouden worden') : n === 1 ? 'is' : 'zijn');
  const what =
    `${plural(pseudonymised.length, 'kandidaat', 'kandidaten')} ${verb(pseudonymised.length)} gepseudonimiseerd en ` +
    `${plural(deleted.length, 'kandidaat', 'kandidaten')} ${verb(deleted.length)} verwijderd`;
  const message = dryRun
    ? `Proef: ${what}. Er is niets gewijzigd.`
    : pseudonymised.length + deleted.length === 0
      ? 'Bewaartermijnen toegepast: er was niets te doen.'
      : `Bewaartermijnen toegepast: ${what}. De monitorcijfers blijven behouden.`;
  return { dryRun, rules: rulesOut, pseudonymised, deleted, message };
}

// ---------------------------------------------------------------------------------------------
// Right of access

/** Everything the database holds about one client, with nothing about any other client. */
async function collectAccess(ctx: HandlerContext, id: string): Promise<AccessDocument> {
  const db = ctx.db;
  const [client] = await readClients(db, [id]);
  if (!client) throw new AppError('NOT_FOUND', `Kandidaat ${id} bestaat niet.`);
  const today = isoDay(ctx.now());
  const [region, policy, municipalities, providers, corporations] = await Promise.all([
    readRegion(db),
    currentPolicy(db, today),
    db.selectFrom('municipalities').select(['code', 'name']).execute(),
    db.selectFrom('care_providers').select(['id', 'name']).execute(),
    db.selectFrom('corporations').select(['id', 'name']).execute(),
  ]);
  const corporationName = new Map(corporations.map((c) => [c.id, c.name]));
  const providerName = new Map(providers.map((p) => [p.id, p.name]));

  const placements = await readPlacements(db, { clientId: id });
  const placementIds = placements.map((p) => p.id);
  const homes = await db.selectFrom('units').select(['id', 'address', 'municipality_code', 'corporation_id', 'kind', 'status']).where('occupant_client_id', '=', id).execute();

  // Rounds: membership, controls, decisions, and every stored proposal that names them.
  const members = await db.selectFrom('round_clients').selectAll().where('client_id', '=', id).execute();
  const controls = await db.selectFrom('round_controls').selectAll().where('client_id', '=', id).orderBy('id').execute();
  const decisions = await db.selectFrom('round_decisions').selectAll().where('client_id', '=', id).execute();
  const roundRows = await db.selectFrom('rounds').selectAll().orderBy('id').execute();
  const rounds: AccessDocument['rounds'] = [];
  for (const r of roundRows) {
    const proposals: AccessDocument['rounds'][number]['proposals'] = [];
    for (const v of await readVersions(db, r.id)) {
      for (const p of [v.proposal, v.greedy]) {
        const match = p.matches.find((m) => m.clientId === id);
        const unplaced = p.unplaced.find((u) => u.clientId === id);
        const alternativeFor = p.matches.filter((m) => m.alternatives.forUnit.some((a) => a.clientId === id)).map((m) => m.unitId);
        if (!match && !unplaced && alternativeFor.length === 0) continue;
        proposals.push({
          version: v.summary.version,
          strategy: p.strategy,
          createdAt: v.summary.createdAt,
          createdBy: v.summary.createdBy,
          match: match
            ? {
                unitId: match.unitId,
                score: match.score,
                terms: match.terms,
                locked: match.locked,
                deviation: match.deviation,
                alternatives: match.alternatives.forClient,
              }
            : null,
          unplaced: unplaced ? { kind: unplaced.kind, reasons: unplaced.reasons } : null,
          alternativeForUnits: alternativeFor,
        });
      }
    }
    const member = members.find((m) => m.round_id === r.id);
    const own = {
      controls: controls.filter((c) => c.round_id === r.id),
      decisions: decisions.filter((d) => d.round_id === r.id),
    };
    if (!member && own.controls.length === 0 && own.decisions.length === 0 && proposals.length === 0) continue;
    rounds.push({
      roundId: r.id,
      date: r.date,
      status: r.status,
      member: member ? { included: member.included === 1, reason: member.reason, openItems: JSON.parse(member.open_items_json) as string[], manual: member.manual === 1 } : null,
      controls: own.controls.map((c) => ({
        kind: c.kind,
        unitId: c.unit_id,
        reason: c.reason,
        source: c.source,
        createdAt: c.created_at,
        createdBy: c.created_by,
        liftedAt: c.lifted_at,
        liftedBy: c.lifted_by,
        liftReason: c.lift_reason,
      })),
      proposals,
      decisions: own.decisions.map((d) => ({
        version: d.version,
        unitId: d.unit_id,
        decision: d.decision,
        conditions: d.conditions,
        declineReason: d.decline_reason,
        note: d.note,
        clientAnswer: d.client_answer,
        decidedBy: d.decided_by,
        decidedAt: d.decided_at,
        onBehalfOf: d.on_behalf_of,
      })),
    });
  }

  const files = await db.selectFrom('review_files').select(['round_id', 'proposal_version', 'corporation_id', 'pairs', 'created_at', 'created_by']).orderBy('created_at').execute();
  const reviewFiles = files
    .filter((f) => (JSON.parse(f.pairs) as string[]).some((p) => p.split('|')[0] === id))
    .map((f) => ({
      roundId: f.round_id,
      proposalVersion: f.proposal_version,
      corporationId: f.corporation_id,
      corporation: corporationName.get(f.corporation_id) ?? f.corporation_id,
      units: (JSON.parse(f.pairs) as string[]).filter((p) => p.split('|')[0] === id).map((p) => p.split('|')[1] ?? ''),
      createdAt: f.created_at,
      createdBy: f.created_by,
    }));

  // The audit entries about them: their record, their placements, or any entry that names them.
  const about = new Set([id, ...placementIds]);
  const likes = [id, ...placementIds, ...(client.name ? [client.name] : [])];
  const auditRows = await db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'detail'])
    .where((eb) => eb.or([eb('entity_id', 'in', [...about]), ...likes.map((l) => eb('detail', 'like', `%${l.replace(/[%_\\]/g, '\\$&')}%`))]))
    .orderBy('id')
    .execute();
  const named = mentions([id, ...placementIds], client.name ? [client.name] : []);
  const audit = auditRows
    .filter((r) => (r.entity_id !== null && about.has(r.entity_id)) || named(r.detail))
    .map((r) => {
      let detail: unknown = r.detail;
      try {
        detail = JSON.parse(r.detail);
      } catch {
        // Kept as the text it is.
      }
      return { id: r.id, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, detail };
    });

  const consentToday = consentOverview(client.consents, today).map((row) => ({
    party: row.party,
    partyId: row.partyId,
    partyName: row.partyId ? (corporationName.get(row.partyId) ?? providerName.get(row.partyId) ?? row.partyId) : `${CONSENT_PARTY_LABELS[row.party]} (alle)`,
    allowed: row.verdict.allowed,
    text: verdictText(row.verdict, nlDay),
  }));

  const doc: AccessDocument = {
    format: ACCESS_FORMAT,
    version: 1,
    clientId: id,
    region: region?.name ?? '',
    createdAt: ctx.now().toISOString(),
    createdBy: ctx.actor,
    explanation:
      'Alle gegevens die de uitstroomtafel in deze app over deze kandidaat bewaart (recht op inzage, AVG artikel 15): de inschrijving, ' +
      'toestemmingen, deelname aan rondes, voorstellen, besluiten, plaatsingen en nazorg, beoordelingsbestanden en de logboekregels over de kandidaat. ' +
      'Gegevens over andere kandidaten zijn weggelaten.',
    client,
    consentToday,
    homes: homes.map((h) => ({ unitId: h.id, address: h.address, municipalityCode: h.municipality_code, corporationId: h.corporation_id, kind: h.kind, status: h.status })),
    rounds,
    placements: placements.map(({ clientName: _n, ...p }) => p),
    reviewFiles,
    audit,
    names: {
      municipalities: Object.fromEntries(municipalities.map((m) => [m.code, m.name])),
      careProviders: Object.fromEntries(providers.map((p) => [p.id, p.name])),
      corporations: Object.fromEntries(corporations.map((c) => [c.id, c.name])),
      readinessItems: Object.fromEntries((policy?.settings.readinessItems ?? []).map((i) => [i.key, i.label])),
    },
  };
  return withoutOtherClients(db, doc, client);
}

/** Takes every other client out: entries about them dropped from lists, their codes and names replaced. */
async function withoutOtherClients(db: Kysely<DB>, doc: AccessDocument, client: Client): Promise<AccessDocument> {
  const others = await db.selectFrom('clients').select(['id', 'name']).where('id', '!=', client.id).execute();
  const ownName = client.name?.trim().toLowerCase() ?? null;
  const otherNames = others.map((o) => o.name ?? '').filter((n) => n.trim() !== '' && n.trim().toLowerCase() !== ownName);
  const scrub = makeScrubber(
    others.map((o) => o.id),
    otherNames,
    'erase',
    OTHER_CLIENT,
  );
  return scrub.json(doc) as AccessDocument;
}

// ---------------------------------------------------------------------------------------------

export const privacyHandlers: HandlersFor<typeof privacyMethods> = {
  'privacy.settings': async (ctx): Promise<PrivacySettings> => ({ retention: await readRetentionRules(ctx.db) }),

  'privacy.saveSettings': async (ctx, input) => {
    const before = await readRetentionRules(ctx.db);
    const after = mergeRules(before, input.retention);
    await writeRetentionRules(ctx.db, after);
    await ctx.audit({ action: 'update', entity: 'settings', entityId: 'privacy.retention', detail: { before, after } });
    return { retention: after };
  },

  'retention.run': async (ctx, { dryRun }) => runRetention(ctx, dryRun),

  'clients.accessExport': async (ctx, { id }) => {
    const doc = await collectAccess(ctx, id);
    const pdf = await writeDocumentInWorker({ kind: 'access-pdf', doc });
    const stamp = isoDay(ctx.now());
    // Exports of client data are logged (privacy duty): what and how much, not the content.
    await ctx.audit({
      action: 'export',
      entity: 'client',
      entityId: id,
      detail: {
        kind: 'inzage',
        rounds: doc.rounds.length,
        placements: doc.placements.length,
        reviewFiles: doc.reviewFiles.length,
        auditEntries: doc.audit.length,
      },
    });
    return {
      jsonFileName: `inzage-${id}-${stamp}.json`,
      jsonBase64: Buffer.from(`${JSON.stringify(doc, null, 2)}\n`, 'utf8').toString('base64'),
      pdfFileName: `inzage-${id}-${stamp}.pdf`,
      pdfBase64: pdf.toString('base64'),
    };
  },

  'clients.erase': async (ctx, { id, reason }) => {
    const row = await ctx.db.selectFrom('clients').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `Kandidaat ${id} bestaat niet (of is al gewist).`);
    // The reason may name them: their code and name are taken out of it too.
    const cleanReason = makeScrubber([id], row.name ? [row.name] : [], 'erase').text(reason.trim());
    const removed = await eraseClients(ctx.db, [id], ctx.now().getUTCFullYear());
    await ctx.audit({ action: 'erase', entity: 'client', entityId: null, detail: { reason: cleanReason, removed } });
    return { id, removed };
  },
};

// Handlers for the liaison review: build a corporation's review file (only what it may see) with a
// secret of its own, sign it with the database's key, keep its record, render a PDF; check a returned
// decisions file (its HMAC under that secret, newer than what was read, no pair twice) and record its
// decisions that are new or changed through the round's own decide handler. Node only.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { reviewMethods } from '../../../shared/api/review.contract';
import { AppError } from '../../../shared/api/result';
import { mayShareWith } from '../../../shared/domain/consent';
import { CONTRACT_FORM_LABELS, DEBT_STATUS_LABELS, NEED_LABELS, SUPPORT_INTENSITY_LABELS, UNIT_KIND_LABELS } from '../../../shared/domain/codes';
import {
  DecisionsFile,
  OLD_VERSION_ADVICE,
  REVIEW_FILE_EXTENSION,
  REVIEW_FORMAT,
  REVIEW_VERSION,
  type ReviewDecision,
  type ReviewFile,
  canonicalJson,
  decisionsMacText,
  incomeBand,
  isOldVersion,
} from '../../../shared/review/review-file';
import type { HandlerContext } from '../api/context';
import type { HandlersFor } from '../api/dispatcher';
import type { DB } from '../db/schema';
import { formatShortDate } from '../../../shared/reports/format-nl';
import { readDataset } from '../repos/region.repo';
import { slug } from '../reports/render/render';
import { writeDocumentInWorker } from '../workers/document-runner';
import { recordDecision, roundsHandlers } from './rounds.service';

const SECRET_KEY = 'review-secret';

/** The database's signing key, made once; it never leaves the chair's database. */
async function signingKey(db: Kysely<DB>): Promise<Buffer> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SECRET_KEY).executeTakeFirst();
  if (row) return Buffer.from(row.value, 'hex');
  const key = randomBytes(32);
  await db.insertInto('settings').values({ key: SECRET_KEY, value: key.toString('hex') }).execute();
  return key;
}

const sign = (key: Buffer, value: unknown) => createHmac('sha256', key).update(canonicalJson(value)).digest('hex');
const hmac = (keyHex: string, text: string) => createHmac('sha256', Buffer.from(keyHex, 'hex')).update(text).digest('hex');
const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
/** A file name as the messages show it: never more than 120 characters of what was sent. */
const shown = (name: string) => (name.length > 120 ? `${name.slice(0, 117)}...` : name);

/** Builds (and signs) the review file a corporation gets for a round version. */
export async function buildReviewFile(
  ctx: HandlerContext,
  roundId: number,
  version: number | undefined,
  corporationId: string,
): Promise<{ file: ReviewFile; withheld: string[] }> {
  const round = await roundsHandlers['rounds.get'](ctx, { id: roundId });
  const v = version ?? round.versions[round.versions.length - 1]?.version;
  if (v === undefined) throw new AppError('NOT_FOUND', `Ronde ${roundId} heeft nog geen voorstel.`);
  const { proposal } = await roundsHandlers['rounds.proposal'](ctx, { roundId, version: v });
  const dataset = await readDataset(ctx.db);
  if (!dataset) throw new AppError('NOT_FOUND', 'Deze database bevat nog geen regio.');
  const corporation = dataset.corporations.find((c) => c.id === corporationId);
  if (!corporation) throw new AppError('NOT_FOUND', `Corporatie ${corporationId} bestaat niet.`);
  const units = new Map(dataset.units.map((u) => [u.id, u]));
  const clients = new Map(dataset.clients.map((c) => [c.id, c]));
  const providers = new Map(dataset.careProviders.map((p) => [p.id, p.name]));
  const municipalities = new Map(dataset.municipalities.map((m) => [m.code, m.name]));
  const neighbourhoods = new Map(dataset.neighbourhoods.map((n) => [n.code, n.name]));
  // Sharing a client's facts with a corporation needs a basis that holds today for this corporation
  // (shared/domain/consent.ts: the latest record decides, a later withdrawal wins); without it the
  // proposal is left out and counted.
  const today = ctx.now().toISOString().slice(0, 10);
  const mayShare = (clientId: string) => mayShareWith(clients.get(clientId)?.consents ?? [], 'corporation', corporationId, today);
  const forCorporation = proposal.matches.filter((m) => units.get(m.unitId)?.corporationId === corporationId);
  const withheld = forCorporation.filter((m) => !mayShare(m.clientId)).map((m) => `${m.clientId}–${m.unitId}`);
  const proposals = forCorporation
    .filter((m) => mayShare(m.clientId))
    .map((m) => {
      const u = units.get(m.unitId)!;
      const c = clients.get(m.clientId);
      if (!c) throw new AppError('INTERNAL', `Kandidaat ${m.clientId} uit het voorstel bestaat niet meer.`);
      // Only what letting the home needs: never a name, birth date, diagnosis, area to avoid or note.
      return {
        clientCode: c.id,
        unitId: u.id,
        address: u.address,
        municipality: municipalities.get(u.municipalityCode) ?? u.municipalityCode,
        neighbourhood: u.neighbourhoodCode ? (neighbourhoods.get(u.neighbourhoodCode) ?? u.neighbourhoodCode) : null,
        kind: UNIT_KIND_LABELS[u.kind],
        rooms: u.rooms,
        rent: u.rent,
        household: { adults: c.household.adults, children: c.household.childrenAges.length },
        incomeBand: incomeBand(c.income.monthlyNet),
        budgetManagement: c.income.budgetManagement,
        debts: DEBT_STATUS_LABELS[c.income.debts],
        support: {
          provider: providers.get(c.support.providerId) ?? c.support.providerId,
          intensity: SUPPORT_INTENSITY_LABELS[c.support.intensity],
          start: c.support.start,
          months: c.support.months,
        },
        needs: c.needs.map((n) => NEED_LABELS[n]),
        contractForms: u.contractForms.map((f) => CONTRACT_FORM_LABELS[f]),
      };
    });
  const body = {
    format: REVIEW_FORMAT as typeof REVIEW_FORMAT,
    version: REVIEW_VERSION,
    region: dataset.region.name,
    roundId,
    roundDate: round.date,
    proposalVersion: v,
    corporationId,
    corporation: corporation.name,
    createdAt: ctx.now().toISOString(),
    proposals,
    // The decisions file's key: new for every file, kept with its record (review.export).
    secret: randomBytes(32).toString('hex'),
  };
  return { file: { ...body, signature: sign(await signingKey(ctx.db), body) }, withheld };
}

/** How a decision read from a decisions file starts its note: "Via besluitenbestand (30-11-2026)", then the liaison's note. */
const FROM_FILE = 'Via besluitenbestand';

/**
 * Whether the round already holds this decision as a decisions file recorded it: the same kind,
 * conditions, reason and liaison's note. (A decision the chair entered by hand is replaced by the
 * corporation's, so the record says where it came from.) The liaison's name is kept on its own
 * (`onBehalfOf`); decisions read before that (migration 0012) carry it in the note instead:
 * "Via besluitenbestand van J. de Vries (30-11-2026)", and are recognised too.
 */
function sameDecision(
  recorded: { decision: string; conditions: string | null; declineReason: string | null; note: string; onBehalfOf: string | null },
  d: ReviewDecision,
): boolean {
  const fromFile = recorded.note.startsWith(`${FROM_FILE} (`) ? recorded.onBehalfOf !== null : recorded.note.startsWith(`${FROM_FILE} van `);
  return (
    fromFile &&
    recorded.decision === d.decision &&
    (recorded.conditions ?? '') === (d.decision === 'accepted-conditions' ? (d.conditions ?? '').trim() : '') &&
    (recorded.declineReason ?? null) === (d.decision === 'declined' ? (d.declineReason ?? null) : null) &&
    (d.note ? recorded.note.endsWith(`): ${d.note}`) : recorded.note.endsWith(')'))
  );
}

// review.startFile is the gate's (before login), not the dispatcher's.
export const reviewHandlers: HandlersFor<Omit<typeof reviewMethods, 'review.startFile'>> = {
  'review.export': async (ctx, { roundId, version, corporationId }) => {
    const { file, withheld } = await buildReviewFile(ctx, roundId, version, corporationId);
    const pdf = await writeDocumentInWorker({ kind: 'review-pdf', file });
    // The file's record: its secret verifies the decisions that come back, its pairs are what may be decided.
    await ctx.db
      .insertInto('review_files')
      .values({
        signature: file.signature,
        round_id: roundId,
        proposal_version: file.proposalVersion,
        corporation_id: corporationId,
        secret: file.secret,
        pairs: JSON.stringify(file.proposals.map((p) => `${p.clientCode}|${p.unitId}`)),
        created_at: file.createdAt,
        created_by: ctx.actor,
      })
      .execute();
    // Exports of client data are logged (privacy duty); never the secret.
    await ctx.audit({
      action: 'export',
      entity: 'review',
      entityId: `${roundId}/${corporationId}`,
      detail: { version: file.proposalVersion, proposals: file.proposals.length, withheld, signature: file.signature },
    });
    // Named for the person who receives it: the corporation's name, not its code.
    const base = `beoordeling-ronde-${roundId}-v${file.proposalVersion}-${slug(file.corporation) || corporationId}`;
    return {
      // Its own extension, so the desktop app opens it in review mode (the content is JSON).
      fileName: `${base}.${REVIEW_FILE_EXTENSION}`,
      contentBase64: Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8').toString('base64'),
      pdfFileName: `${base}.pdf`,
      pdfBase64: pdf.toString('base64'),
      proposals: file.proposals.length,
      withheld,
    };
  },

  'review.importDecisions': async (ctx, { fileName, content }) => {
    const name = shown(fileName);
    const refuse = (why: string) => new AppError('VALIDATION', `${name}: ${why} Er is niets vastgelegd.`);
    let raw: unknown;
    try {
      raw = JSON.parse(content.replace(/^\uFEFF/, ''));
    } catch {
      throw refuse('dit is geen geldig besluitenbestand (geen JSON).');
    }
    if (isOldVersion(raw)) throw refuse(`dit besluitenbestand is ${OLD_VERSION_ADVICE}.`);
    const parsed = DecisionsFile.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw refuse(`dit is geen geldig besluitenbestand (${first ? `${first.path.join('.')}: ${first.message}` : 'onbekende vorm'}).`);
    }
    const file = parsed.data;
    // Made from a review file this database issued, for this round, version and corporation.
    const issued = await ctx.db.selectFrom('review_files').selectAll().where('signature', '=', file.reviewSignature).executeTakeFirst();
    if (!issued || issued.round_id !== file.roundId || issued.corporation_id !== file.corporationId || issued.proposal_version !== file.proposalVersion) {
      throw refuse(
        `het hoort niet bij een beoordelingsbestand dat in deze database voor ronde ${file.roundId} en corporatie ${shown(file.corporationId)} is gemaakt (verkeerde ronde, corporatie of versie, of een ander bestand).`,
      );
    }
    // Authentic: the HMAC under the review file's own secret, which only that file and this database hold.
    if (!sameHex(hmac(issued.secret, decisionsMacText(file)), file.mac)) {
      throw refuse('het bestand is na het opslaan gewijzigd of niet met het beoordelingsbestand gemaakt (de controlecode klopt niet).');
    }
    const allowed = new Set(JSON.parse(issued.pairs) as string[]);
    const unknown = file.decisions.filter((d) => !allowed.has(`${d.clientCode}|${d.unitId}`));
    if (unknown.length) {
      throw refuse(
        `besluiten over paren die niet aan deze corporatie zijn voorgelegd: ${unknown
          .slice(0, 10)
          .map((d) => `${shown(d.clientCode)}–${shown(d.unitId)}`)
          .join(', ')}${unknown.length > 10 ? ` en ${unknown.length - 10} meer` : ''}.`,
      );
    }
    // Newer than what was already read for this round and corporation (an older file would undo
    // decisions recorded since); the file read last, read again, changes nothing.
    const entityId = `${file.roundId}/${file.corporationId}`;
    const latest = await ctx.db
      .selectFrom('review_reads')
      .select(['mac', 'decided_at', 'decided_by', 'file_name'])
      .where('round_id', '=', file.roundId)
      .where('corporation_id', '=', file.corporationId)
      .orderBy('decided_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest && latest.mac === file.mac) {
      await ctx.audit({ action: 'import', entity: 'review-decisions', entityId, detail: { fileName: name, alreadyRead: true, mac: file.mac } });
      return { roundId: file.roundId, corporationId: file.corporationId, decidedBy: file.decidedBy, recorded: 0, unchanged: file.decisions.length, alreadyRead: true };
    }
    if (latest && Date.parse(latest.decided_at) >= Date.parse(file.decidedAt)) {
      const seen = await ctx.db.selectFrom('review_reads').select('id').where('mac', '=', file.mac).executeTakeFirst();
      throw refuse(
        `${seen ? 'dit besluitenbestand is al eerder ingelezen, en daarna een nieuwer' : `dit besluitenbestand (opgeslagen ${file.decidedAt}) is ouder dan het besluitenbestand dat al is ingelezen`} voor ronde ${file.roundId} en corporatie ${shown(file.corporationId)}: ${latest.file_name}, opgeslagen ${latest.decided_at} door ${latest.decided_by}. Zo zouden latere besluiten worden overschreven.`,
      );
    }
    // The client's answer is the chair's to record: a corporation's decision keeps it.
    const { decisions: earlier } = await roundsHandlers['rounds.get'](ctx, { id: file.roundId });
    const earlierOf = (c: string, u: string) => earlier.find((e) => e.clientId === c && e.unitId === u);
    // A decision already recorded as the file has it (say, from an earlier file with the same
    // decisions) is left alone and counted, so reading it again never claims to record anything.
    const fresh = file.decisions.filter((d) => {
      const before = earlierOf(d.clientCode, d.unitId);
      return !(before && before.version === file.proposalVersion && sameDecision(before, d));
    });
    for (const d of fresh) {
      const before = earlierOf(d.clientCode, d.unitId);
      await recordDecision(ctx, {
        roundId: file.roundId,
        version: file.proposalVersion,
        clientId: d.clientCode,
        unitId: d.unitId,
        decision: d.decision,
        ...(d.conditions ? { conditions: d.conditions } : {}),
        ...(d.declineReason ? { declineReason: d.declineReason } : {}),
        note: [`${FROM_FILE} (${formatShortDate(file.decidedAt)})`, d.note].filter(Boolean).join(': '),
        clientAnswer: before?.clientAnswer ?? 'pending',
        // Recorded by the chair (the account reading the file), on behalf of the liaison who saved it.
        onBehalfOf: file.decidedBy,
        // The decisions file is the corporation's word on its pairs: it replaces what the chair had,
        // inside this one transaction (its age is checked above).
        seenDecidedAt: before?.decidedAt ?? null,
      });
    }
    await ctx.db
      .insertInto('review_reads')
      .values({
        round_id: file.roundId,
        corporation_id: file.corporationId,
        review_signature: file.reviewSignature,
        mac: file.mac,
        decided_at: new Date(file.decidedAt).toISOString(),
        decided_by: file.decidedBy,
        file_name: name,
        read_at: ctx.now().toISOString(),
        read_by: ctx.actor,
      })
      .execute();
    await ctx.audit({
      action: 'import',
      entity: 'review-decisions',
      entityId,
      detail: { fileName: name, decidedBy: file.decidedBy, decidedAt: file.decidedAt, decisions: file.decisions.length, recorded: fresh.length, mac: file.mac },
    });
    return {
      roundId: file.roundId,
      corporationId: file.corporationId,
      decidedBy: file.decidedBy,
      recorded: fresh.length,
      unchanged: file.decisions.length - fresh.length,
      alreadyRead: false,
    };
  },
};

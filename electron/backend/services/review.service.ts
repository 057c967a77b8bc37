// Handlers for the liaison review: build a corporation's review file (only what it may see),
// sign it with the database's own key, render a PDF; check a returned decisions file and record
// its decisions through the round's own decide handler. Node only.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { reviewMethods } from '../../../shared/api/review.contract';
import { AppError } from '../../../shared/api/result';
import { mayShareWith } from '../../../shared/domain/consent';
import { CONTRACT_FORM_LABELS, DEBT_STATUS_LABELS, NEED_LABELS, SUPPORT_INTENSITY_LABELS, UNIT_KIND_LABELS } from '../../../shared/domain/codes';
import {
  DecisionsFile,
  REVIEW_FORMAT,
  type ReviewFile,
  canonicalJson,
  incomeBand,
  withoutField,
} from '../../../shared/review/review-file';
import type { HandlerContext } from '../api/context';
import type { HandlersFor } from '../api/dispatcher';
import type { DB } from '../db/schema';
import { readDataset } from '../repos/region.repo';
import { reviewPdf } from '../review/review-pdf';
import { roundsHandlers } from './rounds.service';

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
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

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
    version: 1 as const,
    region: dataset.region.name,
    roundId,
    roundDate: round.date,
    proposalVersion: v,
    corporationId,
    corporation: corporation.name,
    createdAt: ctx.now().toISOString(),
    proposals,
  };
  return { file: { ...body, signature: sign(await signingKey(ctx.db), body) }, withheld };
}

export const reviewHandlers: HandlersFor<typeof reviewMethods> = {
  'review.export': async (ctx, { roundId, version, corporationId }) => {
    const { file, withheld } = await buildReviewFile(ctx, roundId, version, corporationId);
    const pdf = await reviewPdf(file);
    // Exports of client data are logged (privacy duty).
    await ctx.audit({
      action: 'export',
      entity: 'review',
      entityId: `${roundId}/${corporationId}`,
      detail: { version: file.proposalVersion, proposals: file.proposals.length, withheld, signature: file.signature },
    });
    const base = `beoordeling-ronde-${roundId}-v${file.proposalVersion}-${corporationId}`;
    return {
      fileName: `${base}.json`,
      contentBase64: Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8').toString('base64'),
      pdfFileName: `${base}.pdf`,
      pdfBase64: pdf.toString('base64'),
      proposals: file.proposals.length,
      withheld,
    };
  },

  'review.importDecisions': async (ctx, { fileName, content }) => {
    const refuse = (why: string) => new AppError('VALIDATION', `${fileName}: ${why} Er is niets vastgelegd.`);
    let raw: unknown;
    try {
      raw = JSON.parse(content.replace(/^\uFEFF/, ''));
    } catch {
      throw refuse('dit is geen geldig besluitenbestand (geen JSON).');
    }
    const parsed = DecisionsFile.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw refuse(`dit is geen geldig besluitenbestand (${first ? `${first.path.join('.')}: ${first.message}` : 'onbekende vorm'}).`);
    }
    const file = parsed.data;
    // Untouched: the checksum over the content must match.
    if (!sameHex(sha256(canonicalJson(withoutField(file, 'checksum'))), file.checksum)) {
      throw refuse('het bestand is na het opslaan gewijzigd (controlegetal klopt niet).');
    }
    // For exactly the proposals this database sent to this corporation for this round version.
    const { file: review } = await buildReviewFile(ctx, file.roundId, file.proposalVersion, file.corporationId).catch((e: unknown) => {
      throw refuse(`hoort niet bij een ronde en corporatie in deze database (${(e as Error).message})`);
    });
    // Only this database can make a signature (its key never leaves it); the log says which ones it
    // issued for this round and corporation.
    if (!(await issuedSignatures(ctx, file.roundId, file.corporationId)).includes(file.reviewSignature)) {
      throw refuse(
        `het hoort niet bij een beoordelingsbestand dat voor ronde ${file.roundId} en corporatie ${file.corporationId} is gemaakt (verkeerde ronde, corporatie of gewijzigd voorstel).`,
      );
    }
    const allowed = new Set(review.proposals.map((p) => `${p.clientCode}|${p.unitId}`));
    const unknown = file.decisions.filter((d) => !allowed.has(`${d.clientCode}|${d.unitId}`));
    if (unknown.length) {
      throw refuse(`besluiten over paren die niet aan deze corporatie zijn voorgelegd: ${unknown.map((d) => `${d.clientCode}–${d.unitId}`).join(', ')}.`);
    }
    // The client's answer is the chair's to record: a corporation's decision keeps it.
    const { decisions: earlier } = await roundsHandlers['rounds.get'](ctx, { id: file.roundId });
    const answerOf = (c: string, u: string) => earlier.find((e) => e.clientId === c && e.unitId === u)?.clientAnswer ?? 'pending';
    for (const d of file.decisions) {
      await roundsHandlers['rounds.decide'](ctx, {
        roundId: file.roundId,
        version: file.proposalVersion,
        clientId: d.clientCode,
        unitId: d.unitId,
        decision: d.decision,
        ...(d.conditions ? { conditions: d.conditions } : {}),
        ...(d.declineReason ? { declineReason: d.declineReason } : {}),
        note: [`Via besluitenbestand van ${file.decidedBy} (${file.decidedAt.slice(0, 10)})`, d.note].filter(Boolean).join(': '),
        clientAnswer: answerOf(d.clientCode, d.unitId),
      });
    }
    await ctx.audit({
      action: 'import',
      entity: 'review-decisions',
      entityId: `${file.roundId}/${file.corporationId}`,
      detail: { fileName, decidedBy: file.decidedBy, decisions: file.decisions.length, checksum: file.checksum },
    });
    return { roundId: file.roundId, corporationId: file.corporationId, decidedBy: file.decidedBy, recorded: file.decisions.length };
  },
};

/** Signatures of the review files this database issued for a round and corporation (from the log). */
async function issuedSignatures(ctx: HandlerContext, roundId: number, corporationId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select('detail')
    .where('action', '=', 'export')
    .where('entity', '=', 'review')
    .where('entity_id', '=', `${roundId}/${corporationId}`)
    .execute();
  return rows.map((r) => (JSON.parse(r.detail) as { signature?: string }).signature ?? '').filter(Boolean);
}

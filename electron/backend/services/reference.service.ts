// API handlers of the reference feature: reference data and agreements (create, update, delete with
// reference checks, each audited with before/after) and policy versions (always a new version, never
// an edit). Node only.
import type { Kysely } from 'kysely';
import type { referenceMethods } from '../../../shared/api/reference.contract';
import { type ApiProblem, AppError } from '../../../shared/api/result';
import { QUOTA_KIND_LABELS } from '../../../shared/domain/codes';
import type { PolicyProfile } from '../../../shared/domain/policy';
import type { HandlerContext } from '../api/context';
import type { HandlersFor } from '../api/dispatcher';
import type { DB } from '../db/schema';
import * as repo from '../repos/reference.repo';
import { refuseUnchanged, stampOf, staleError, withoutVersion } from '../repos/versions.repo';
import { isoDay } from './region.service';
import { newestOpenRound, roundProposeInput } from './rounds.service';
import { readDataset } from '../repos/region.repo';
import { runPolicyWhatIfInWorker } from '../engine/propose-runner';

/** Per proposal in a policy what-if (twelve months and a round, under two policies). */
const WHAT_IF_LIMIT_MS = 10_000;

const ok = { ok: true as const };

function invalid(message: string, problems: ApiProblem[]): AppError {
  return new AppError('VALIDATION', `${message}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
}

/** "a", "a en b", "a, b en c". */
function joinNl(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} en ${items[items.length - 1] ?? ''}`;
}

function inUse(subject: string, refs: string[], advice: string): AppError {
  return new AppError('CONFLICT', `${subject} wordt gebruikt door ${joinNl(refs)}; verwijderen kan niet. ${advice}`);
}

const ORG = {
  corporations: { table: 'corporations', entity: 'corporation', noun: 'Corporatie', subject: 'Deze corporatie' },
  careProviders: { table: 'care_providers', entity: 'care-provider', noun: 'Zorgaanbieder', subject: 'Deze zorgaanbieder' },
} as const;

async function requireMunicipality(db: Kysely<DB>, code: string, path: string, context: string) {
  const m = await repo.getMunicipality(db, code);
  if (!m) throw invalid(context, [{ path, message: `gemeente ${code} bestaat niet; voeg haar eerst toe onder Gemeenten` }]);
  return m;
}

/** Flattens two settings objects and lists the leaves that differ, e.g. weights.homeMunicipality 40 → 45. */
export function settingsChanges(before: unknown, after: unknown): { path: string; before: unknown; after: unknown }[] {
  const flat = (v: unknown, prefix: string, out: Map<string, unknown>) => {
    if (v !== null && typeof v === 'object') {
      const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
      if (entries.length === 0) out.set(prefix, Array.isArray(v) ? [] : {});
      for (const [k, x] of entries) flat(x, prefix ? `${prefix}.${k}` : k, out);
    } else out.set(prefix, v);
    return out;
  };
  const a = flat(before, '', new Map());
  const b = flat(after, '', new Map());
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths
    .filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p)))
    .map((p) => ({ path: p, before: a.get(p) ?? null, after: b.get(p) ?? null }));
}

function orgHandlers<K extends keyof typeof ORG>(key: K) {
  const { table, entity, noun, subject } = ORG[key];
  return {
    list: async (db: Kysely<DB>) => repo.listOrganisations(db, table),
    save: async (ctx: HandlerContext, input: { mode: 'create' | 'update'; id: string; name: string; expectedVersion?: number | undefined }) => {
      const before = await repo.getOrganisation(ctx.db, table, input.id);
      if (input.mode === 'create' && before) {
        throw new AppError('CONFLICT', `${noun} ${input.id} bestaat al (${before.name}); kies een andere code.`, [
          { path: 'id', message: `bestaat al (${before.name})` },
        ]);
      }
      if (input.mode === 'update' && !before) throw new AppError('NOT_FOUND', `${noun} ${input.id} bestaat niet.`);
      const after = { id: input.id, name: input.name.trim() };
      const stamp = stampOf(ctx);
      if (input.mode === 'create') await repo.insertOrganisation(ctx.db, table, after, stamp);
      else {
        const expected = input.expectedVersion ?? 0;
        if (!(await repo.updateOrganisation(ctx.db, table, after, stamp, expected))) {
          await refuseUnchanged(ctx.db, subject, `${noun} ${input.id} bestaat niet.`, await repo.getOrganisation(ctx.db, table, input.id), expected);
        }
      }
      await ctx.audit({ action: input.mode, entity, entityId: input.id, detail: { before: before ? { id: before.id, name: before.name } : null, after } });
      const [row] = await repo.listOrganisations(ctx.db, table, input.id);
      if (!row) throw new AppError('INTERNAL', `${noun} ${input.id} is niet opgeslagen.`);
      return row;
    },
    remove: async (
      ctx: { db: Kysely<DB>; audit: (e: { action: string; entity: string; entityId: string; detail: unknown }) => Promise<void> },
      id: string,
    ) => {
      const before = await repo.getOrganisation(ctx.db, table, id);
      if (!before) throw new AppError('NOT_FOUND', `${noun} ${id} bestaat niet.`);
      const refs = await repo.organisationReferences(ctx.db, table, id);
      if (refs.length) throw inUse(`${noun} ${id} (${before.name})`, refs, 'Pas eerst die gegevens aan.');
      await ctx.db.deleteFrom(table).where('id', '=', id).execute();
      await ctx.audit({ action: 'delete', entity, entityId: id, detail: { before: withoutVersion(before), after: null } });
      return ok;
    },
  };
}

const corporations = orgHandlers('corporations');
const careProviders = orgHandlers('careProviders');

export const referenceHandlers: HandlersFor<typeof referenceMethods> = {
  // -------------------------------------------------------------------------------------------
  // Municipalities
  'municipalities.list': async (ctx) => repo.listMunicipalities(ctx.db, isoDay(ctx.now())),

  'municipalities.save': async (ctx, input) => {
    const before = await repo.getMunicipality(ctx.db, input.code);
    if (input.mode === 'create' && before) {
      throw new AppError('CONFLICT', `Gemeente ${input.code} bestaat al (${before.name}).`, [{ path: 'code', message: `bestaat al (${before.name})` }]);
    }
    if (input.mode === 'update' && !before) throw new AppError('NOT_FOUND', `Gemeente ${input.code} bestaat niet.`);
    const after = { code: input.code, name: input.name.trim(), validFrom: input.validFrom, validTo: input.validTo };
    const stamp = stampOf(ctx);
    if (input.mode === 'create') await repo.insertMunicipality(ctx.db, after, stamp);
    else {
      const expected = input.expectedVersion ?? 0;
      if (!(await repo.updateMunicipality(ctx.db, after, stamp, expected))) {
        await refuseUnchanged(ctx.db, 'Deze gemeente', `Gemeente ${input.code} bestaat niet.`, await repo.getMunicipality(ctx.db, input.code), expected);
      }
    }
    await ctx.audit({
      action: input.mode,
      entity: 'municipality',
      entityId: input.code,
      detail: { before: before ? { code: before.code, name: before.name, validFrom: before.valid_from, validTo: before.valid_to } : null, after },
    });
    const [row] = await repo.listMunicipalities(ctx.db, isoDay(ctx.now()), [input.code]);
    if (!row) throw new AppError('INTERNAL', `Gemeente ${input.code} is niet opgeslagen.`);
    return row;
  },

  'municipalities.delete': async (ctx, { code }) => {
    const before = await repo.getMunicipality(ctx.db, code);
    if (!before) throw new AppError('NOT_FOUND', `Gemeente ${code} bestaat niet.`);
    const refs = await repo.municipalityReferences(ctx.db, code);
    if (refs.length) {
      throw inUse(`Gemeente ${code} (${before.name})`, refs, 'Beëindig de gemeente met een einddatum (bijvoorbeeld bij een fusie).');
    }
    await ctx.db.deleteFrom('municipalities').where('code', '=', code).execute();
    await ctx.audit({ action: 'delete', entity: 'municipality', entityId: code, detail: { before: withoutVersion(before), after: null } });
    return ok;
  },

  // -------------------------------------------------------------------------------------------
  // Neighbourhoods
  'neighbourhoods.list': async (ctx) => repo.listNeighbourhoods(ctx.db, isoDay(ctx.now())),

  'neighbourhoods.save': async (ctx, input) => {
    await requireMunicipality(ctx.db, input.municipalityCode, 'municipalityCode', `Buurt ${input.code} niet opgeslagen`);
    const before = await repo.getNeighbourhood(ctx.db, input.code);
    if (input.mode === 'create' && before) {
      throw new AppError('CONFLICT', `Buurt ${input.code} bestaat al (${before.name}).`, [{ path: 'code', message: `bestaat al (${before.name})` }]);
    }
    if (input.mode === 'update' && !before) throw new AppError('NOT_FOUND', `Buurt ${input.code} bestaat niet.`);
    const after: repo.NeighbourhoodValues = {
      code: input.code,
      name: input.name.trim(),
      municipalityCode: input.municipalityCode,
      district: input.district?.trim() || null,
      socialRentShare: input.socialRentShare,
      liveabilityClass: input.liveabilityClass,
    };
    const stamp = stampOf(ctx);
    if (input.mode === 'create') await repo.insertNeighbourhood(ctx.db, after, stamp);
    else {
      const expected = input.expectedVersion ?? 0;
      if (!(await repo.updateNeighbourhood(ctx.db, after, stamp, expected))) {
        await refuseUnchanged(ctx.db, 'Deze buurt', `Buurt ${input.code} bestaat niet.`, await repo.getNeighbourhood(ctx.db, input.code), expected);
      }
    }
    await ctx.audit({ action: input.mode, entity: 'neighbourhood', entityId: input.code, detail: { before: before ? withoutVersion(before) : null, after } });
    const [row] = await repo.listNeighbourhoods(ctx.db, isoDay(ctx.now()), input.code);
    if (!row) throw new AppError('INTERNAL', `Buurt ${input.code} is niet opgeslagen.`);
    return row;
  },

  'neighbourhoods.delete': async (ctx, { code }) => {
    const before = await repo.getNeighbourhood(ctx.db, code);
    if (!before) throw new AppError('NOT_FOUND', `Buurt ${code} bestaat niet.`);
    const refs = await repo.neighbourhoodReferences(ctx.db, code);
    if (refs.length) throw inUse(`Buurt ${code} (${before.name})`, refs, 'Pas eerst die gegevens aan.');
    await ctx.db.deleteFrom('neighbourhoods').where('code', '=', code).execute();
    await ctx.audit({ action: 'delete', entity: 'neighbourhood', entityId: code, detail: { before: withoutVersion(before), after: null } });
    return ok;
  },

  // -------------------------------------------------------------------------------------------
  // Corporations and care providers
  'corporations.list': async (ctx) => corporations.list(ctx.db),
  'corporations.save': async (ctx, input) => corporations.save(ctx, input),
  'corporations.delete': async (ctx, { id }) => corporations.remove(ctx, id),
  'careProviders.list': async (ctx) => careProviders.list(ctx.db),
  'careProviders.save': async (ctx, input) => careProviders.save(ctx, input),
  'careProviders.delete': async (ctx, { id }) => careProviders.remove(ctx, id),

  // -------------------------------------------------------------------------------------------
  // Quotas
  'quotas.list': async (ctx, input) => repo.listQuotas(ctx.db, input.year !== undefined ? { year: input.year } : {}),

  'quotas.save': async (ctx, input) => {
    const key = { corporationId: input.corporationId, municipalityCode: input.municipalityCode, year: input.year };
    const label = `Afspraak ${input.corporationId} × ${input.municipalityCode} ${input.year}`;
    const problems: ApiProblem[] = [];
    if (!(await repo.getOrganisation(ctx.db, 'corporations', input.corporationId))) {
      problems.push({ path: 'corporationId', message: `corporatie ${input.corporationId} bestaat niet` });
    }
    const m = await repo.getMunicipality(ctx.db, input.municipalityCode);
    if (!m) problems.push({ path: 'municipalityCode', message: `gemeente ${input.municipalityCode} bestaat niet` });
    else if (m.valid_to !== null && m.valid_to < `${input.year}-01-01`) {
      problems.push({ path: 'municipalityCode', message: `gemeente ${m.name} is beëindigd op ${m.valid_to}, vóór ${input.year}` });
    } else if (m.valid_from > `${input.year}-12-31`) {
      problems.push({ path: 'municipalityCode', message: `gemeente ${m.name} bestaat pas vanaf ${m.valid_from}, na ${input.year}` });
    }
    if (problems.length) throw invalid(`${label} niet opgeslagen`, problems);
    const before = await repo.getQuota(ctx.db, key);
    if (input.mode === 'create' && before) {
      throw new AppError('CONFLICT', `${label} bestaat al (${before.agreed}, ${QUOTA_KIND_LABELS[before.kind as 'maximum' | 'target'] ?? before.kind}); wijzig die.`, [
        { path: 'year', message: 'voor deze corporatie, gemeente en dit jaar is al een afspraak' },
      ]);
    }
    if (input.mode === 'update' && !before) throw new AppError('NOT_FOUND', `${label} bestaat niet.`);
    const stamp = stampOf(ctx);
    if (input.mode === 'create') await repo.insertQuota(ctx.db, key, input.agreed, input.kind, stamp);
    else {
      const expected = input.expectedVersion ?? 0;
      if (!(await repo.updateQuota(ctx.db, key, input.agreed, input.kind, stamp, expected))) {
        await refuseUnchanged(ctx.db, 'Deze afspraak', `${label} bestaat niet.`, await repo.getQuota(ctx.db, key), expected);
      }
    }
    await ctx.audit({
      action: input.mode,
      entity: 'quota',
      entityId: `${input.corporationId}/${input.municipalityCode}/${input.year}`,
      detail: { before: before ? { agreed: before.agreed, kind: before.kind } : null, after: { agreed: input.agreed, kind: input.kind } },
    });
    const [row] = await repo.listQuotas(ctx.db, { key });
    if (!row) throw new AppError('INTERNAL', `${label} is niet opgeslagen.`);
    return row;
  },

  'quotas.delete': async (ctx, key) => {
    const before = await repo.getQuota(ctx.db, key);
    if (!before) throw new AppError('NOT_FOUND', `Afspraak ${key.corporationId} × ${key.municipalityCode} ${key.year} bestaat niet.`);
    await repo.deleteQuota(ctx.db, key);
    await ctx.audit({
      action: 'delete',
      entity: 'quota',
      entityId: `${key.corporationId}/${key.municipalityCode}/${key.year}`,
      detail: { before: { agreed: before.agreed, kind: before.kind }, after: null },
    });
    return ok;
  },

  // -------------------------------------------------------------------------------------------
  // Policy versions
  'policies.list': async (ctx) =>
    repo.withStatus(await repo.listPolicies(ctx.db), isoDay(ctx.now())).map(({ settings: _settings, ...row }) => row),

  'policies.get': async (ctx, { id }) => {
    const version = repo.withStatus(await repo.listPolicies(ctx.db), isoDay(ctx.now())).find((p) => p.id === id);
    if (!version) throw new AppError('NOT_FOUND', `Beleidsversie ${id} bestaat niet.`);
    return version;
  },

  'policies.whatIf': async (ctx, input) => {
    const dataset = await readDataset(ctx.db);
    if (!dataset) throw new AppError('NOT_FOUND', 'Er is nog geen regio ingelezen.');
    const today = isoDay(ctx.now());
    const inForce = repo.withStatus(await repo.listPolicies(ctx.db), today).find((p) => p.current);
    if (!inForce) throw new AppError('NOT_FOUND', 'Er is geen beleid van kracht om mee te vergelijken.');
    const roundId = await newestOpenRound(ctx.db);
    // Policies compared on the round: each with its own planning setting, not the round's own (rounds.setPlanning).
    const round = roundId === null ? null : await roundProposeInput(ctx.db, roundId, { ownPlanning: false });
    const result = await runPolicyWhatIfInWorker(
      {
        dataset,
        inForce: inForce.settings,
        draft: input.settings,
        endDate: today,
        months: 12,
        round: round ? { ...round.base, strategy: 'optimal' } : null,
        roundDataset: round?.dataset ?? null,
        timeLimitMs: WHAT_IF_LIMIT_MS,
      },
      ctx.signal,
    );
    if (ctx.signal.aborted) throw new AppError('CANCELLED', 'De proefberekening is gestopt.');
    await ctx.audit({
      action: 'what-if',
      entity: 'policy',
      entityId: inForce.id,
      detail: {
        startDate: result.startDate,
        months: result.months,
        roundId,
        changes: settingsChanges(inForce.settings, input.settings),
        inForcePlaced: result.inForce.replay.placed,
        draftPlaced: result.draft.replay.placed,
      },
    });
    return { ...result, roundId };
  },

  'policies.saveVersion': async (ctx, input) => {
    const today = isoDay(ctx.now());
    const all = await repo.listPolicies(ctx.db);
    // Saved by someone else since this form was loaded: refused, or this version would silently undo
    // theirs from its date on. The newest revision says who and when.
    const newest = repo.newestPolicy(all);
    if (newest && newest.version > input.expectedVersion) {
      throw await staleError(ctx.db, 'Het beleid', { version: newest.version, updated_by: newest.updatedBy, updated_at: newest.updatedAt }, input.expectedVersion);
    }
    // Same validFrom as an existing version: refused. Which one would be in force that day is otherwise
    // ambiguous, and an existing version may already be the record of a round; pick another date.
    const sameDay = all.find((p) => p.validFrom === input.validFrom);
    if (sameDay) {
      throw new AppError(
        'CONFLICT',
        `Er is al een beleidsversie die geldt vanaf ${input.validFrom} (${sameDay.name}); bestaande versies worden nooit gewijzigd. Kies een andere ingangsdatum.`,
        [{ path: 'validFrom', message: `al in gebruik door ${sameDay.name}` }],
      );
    }
    let base: PolicyProfile | undefined;
    if (input.basedOn !== undefined) {
      base = all.find((p) => p.id === input.basedOn);
      if (!base) throw invalid('Beleidsversie niet opgeslagen', [{ path: 'basedOn', message: `beleidsversie ${input.basedOn} bestaat niet` }]);
    } else {
      base = repo.withStatus(all, today).find((p) => p.current);
    }
    const ids = new Set(all.map((p) => p.id));
    let n = 1;
    while (ids.has(`beleid-${input.validFrom}-${n}`)) n++;
    const profile: PolicyProfile = { id: `beleid-${input.validFrom}-${n}`, name: input.name.trim(), validFrom: input.validFrom, settings: input.settings };
    const version = (newest?.version ?? 0) + 1;
    const stamp = stampOf(ctx);
    await repo.insertPolicy(ctx.db, profile, version, stamp);
    await ctx.audit({
      action: 'create',
      entity: 'policy',
      entityId: profile.id,
      detail: {
        name: profile.name,
        validFrom: profile.validFrom,
        basedOn: base?.id ?? null,
        changes: base ? settingsChanges(base.settings, profile.settings) : 'eerste versie',
      },
    });
    const saved = repo.withStatus([...all, { ...profile, version, updatedBy: stamp.by, updatedAt: stamp.at }], today).find((p) => p.id === profile.id);
    if (!saved) throw new AppError('INTERNAL', 'Beleidsversie is niet opgeslagen.');
    return saved;
  },
};

// API methods of the reference feature: municipalities, neighbourhoods, corporations, care providers,
// quotas (agreements) and versioned policy profiles; each with kind, input and output schema. Merged
// into the one contract in contract.ts. Pure TypeScript: inputs carry Dutch messages and field paths.
import { z } from 'zod';
import { QuotaKind } from '../domain/codes';
import { PolicySettings } from '../domain/policy';
import { Figures } from '../engine/round.schema';
import { Id, IsoDate, Line, MunicipalityCode, NeighbourhoodCode, OUT_MAX, shorten } from '../domain/primitives';
import type { MethodSpec } from './method-spec';
import { RecordVersion } from './record-version';

const nlLocale = z.locales.nl().localeError;

/** Dutch wording for the zod issues a form can produce; anything rarer falls back to zod's nl locale. */
export const dutchError: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'too_small':
      if (iss.origin === 'number') return `moet ${iss.inclusive === false ? 'groter dan' : 'minstens'} ${String(iss.minimum)} zijn`;
      if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? 'mag niet leeg zijn' : `moet minstens ${String(iss.minimum)} tekens hebben`;
      if (iss.origin === 'array') return `noem er minstens ${String(iss.minimum)}`;
      break;
    case 'too_big':
      if (iss.origin === 'number') return `mag hoogstens ${String(iss.maximum)} zijn`;
      if (iss.origin === 'string') return `is langer dan ${String(iss.maximum)} tekens`;
      break;
    case 'invalid_type':
      if (iss.expected === 'number') return 'moet een getal zijn';
      if (iss.expected === 'int') return 'moet een geheel getal zijn';
      if (iss.expected === 'string') return iss.input === undefined ? 'ontbreekt' : 'moet tekst zijn';
      if (iss.expected === 'boolean') return 'moet ja of nee zijn';
      if (iss.input === undefined) return 'ontbreekt';
      break;
    case 'invalid_value':
      // Never the value itself: it is input and may be anything (and any size).
      return `onbekende waarde; kies uit ${iss.values.map((v) => String(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `onbekend veld: ${iss.keys.slice(0, 5).map((k) => shorten(k, 40)).join(', ')}`;
    default:
      break;
  }
  return nlLocale(iss);
};

/**
 * Wraps a schema so the dispatcher reports its problems in Dutch, each at its own field path
 * (e.g. `settings.weights.homeMunicipality`). Typed as the schema's output on both sides.
 */
function dutch<S extends z.ZodType>(schema: S) {
  return z.custom<z.output<S>>(() => true).transform((value, ctx) => {
    const r = schema.safeParse(value, { error: dutchError });
    if (r.success) return r.data;
    for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.path] });
    return z.NEVER;
  });
}

const Name = Line(200).min(1, 'mag niet leeg zijn').refine((s) => s.trim().length > 0, 'mag niet leeg zijn');
/** create: the record must be new; update: it must exist (its key cannot change). */
export const SaveMode = z.enum(['create', 'update']);

/** On update: the version the edit started from; a record changed since is refused (STALE). */
const expectedVersion = RecordVersion.optional();
function versionOnUpdate(v: { mode: 'create' | 'update'; expectedVersion?: number | undefined }, ctx: z.RefinementCtx): void {
  if (v.mode === 'update' && v.expectedVersion === undefined) {
    ctx.addIssue({ code: 'custom', path: ['expectedVersion'], message: 'ontbreekt: bij wijzigen hoort de versie waarvan de wijziging uitgaat' });
  }
}

// ---------------------------------------------------------------------------------------------
// Municipalities

export const MunicipalityInput = z
  .object({
    mode: SaveMode,
    code: MunicipalityCode,
    name: Name,
    validFrom: IsoDate,
    validTo: IsoDate.nullable(),
    expectedVersion,
  })
  .strict()
  .superRefine(versionOnUpdate)
  .superRefine((m, ctx) => {
    if (m.validTo !== null && m.validTo < m.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: `einddatum ${m.validTo} ligt vóór de begindatum ${m.validFrom}` });
    }
  });

export const MunicipalityRow = z.object({
  code: z.string().max(OUT_MAX),
  name: z.string().max(OUT_MAX),
  validFrom: z.string().max(OUT_MAX),
  validTo: z.string().max(OUT_MAX).nullable(),
  /** Ended before today (e.g. merged). */
  ended: z.boolean(),
  version: RecordVersion,
  clients: z.number().int(),
  units: z.number().int(),
  neighbourhoods: z.number().int(),
});
export type MunicipalityRow = z.infer<typeof MunicipalityRow>;

// ---------------------------------------------------------------------------------------------
// Neighbourhoods

export const NeighbourhoodInput = z
  .object({
    mode: SaveMode,
    code: NeighbourhoodCode,
    name: Name,
    municipalityCode: MunicipalityCode,
    district: Line(200).nullable(),
    socialRentShare: z.number().min(0).max(1).nullable(),
    liveabilityClass: z.number().int().min(1).max(9).nullable(),
    expectedVersion,
  })
  .strict()
  .superRefine(versionOnUpdate)
  .superRefine((n, ctx) => {
    // A CBS buurtcode is BU + the 4 digits of its municipality + wijk (2) + buurt (2).
    if (n.code.slice(2, 6) !== n.municipalityCode.slice(2)) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: `buurtcode ${n.code} hoort niet bij gemeente ${n.municipalityCode} (verwacht BU${n.municipalityCode.slice(2)}…)` });
    }
  });

export const NeighbourhoodRow = z.object({
  code: z.string().max(OUT_MAX),
  name: z.string().max(OUT_MAX),
  municipalityCode: z.string().max(OUT_MAX),
  municipalityName: z.string().max(OUT_MAX),
  district: z.string().max(OUT_MAX).nullable(),
  socialRentShare: z.number().nullable(),
  liveabilityClass: z.number().int().nullable(),
  /** Placements in this neighbourhood dated in the 12 months up to today (computed). */
  placementsLast12Months: z.number().int(),
  units: z.number().int(),
  version: RecordVersion,
});
export type NeighbourhoodRow = z.infer<typeof NeighbourhoodRow>;

// ---------------------------------------------------------------------------------------------
// Corporations and care providers

export const OrganisationInput = z.object({ mode: SaveMode, id: Id, name: Name, expectedVersion }).strict().superRefine(versionOnUpdate);
export const OrganisationRow = z.object({
  id: z.string().max(OUT_MAX),
  name: z.string().max(OUT_MAX),
  /** Corporations: their homes; care providers: their clients. */
  count: z.number().int(),
  version: RecordVersion,
});
export type OrganisationRow = z.infer<typeof OrganisationRow>;

// ---------------------------------------------------------------------------------------------
// Quotas (afspraken)

const QuotaKey = {
  corporationId: Id,
  municipalityCode: MunicipalityCode,
  year: z.number().int().min(2000).max(2100),
};
export const QuotaInput = z
  .object({ mode: SaveMode, ...QuotaKey, agreed: z.number().int().min(0).max(100000), kind: QuotaKind, expectedVersion })
  .strict()
  .superRefine(versionOnUpdate);
export const QuotaRow = z.object({
  corporationId: z.string().max(OUT_MAX),
  corporationName: z.string().max(OUT_MAX),
  municipalityCode: z.string().max(OUT_MAX),
  municipalityName: z.string().max(OUT_MAX),
  year: z.number().int(),
  agreed: z.number().int(),
  kind: QuotaKind,
  /** Placements in that year with this corporation in this destination municipality (computed). */
  used: z.number().int(),
  remaining: z.number().int(),
  version: RecordVersion,
});
export type QuotaRow = z.infer<typeof QuotaRow>;

// ---------------------------------------------------------------------------------------------
// Policy versions

/** The policy settings with the checks the shared schema leaves to the settings screen. */
export const PolicySettingsInput = PolicySettings.superRefine((s, ctx) => {
  const seen = new Map<string, number>();
  s.readinessItems.forEach((item, i) => {
    const first = seen.get(item.key);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['readinessItems', i, 'key'], message: `sleutel '${item.key}' komt al voor bij voorwaarde ${first + 1}` });
    } else seen.set(item.key, i);
    if (item.label.trim() === '') ctx.addIssue({ code: 'custom', path: ['readinessItems', i, 'label'], message: 'mag niet leeg zijn' });
  });
});

export const PolicySaveInput = z
  .object({
    name: Name,
    validFrom: IsoDate,
    settings: PolicySettingsInput,
    /** The version this one was derived from; the audit entry records what changed against it. */
    basedOn: Id.optional(),
    /**
     * The newest policy revision the form saw (the highest `version` in policies.list): a version saved
     * by someone else since is not silently undone; the save is refused (STALE).
     */
    expectedVersion: RecordVersion,
  })
  .strict();

export const PolicyVersionRow = z.object({
  id: z.string().max(OUT_MAX),
  name: z.string().max(OUT_MAX),
  validFrom: z.string().max(OUT_MAX),
  /** The version in force today (latest validFrom on or before today). */
  current: z.boolean(),
  /** Not yet in force: validFrom after today. */
  future: z.boolean(),
  /** Revision number: versions are numbered in the order they were saved (never changed after). */
  version: RecordVersion,
});
export type PolicyVersionRow = z.infer<typeof PolicyVersionRow>;

export const PolicyVersion = PolicyVersionRow.extend({ settings: PolicySettings });
export type PolicyVersion = z.infer<typeof PolicyVersion>;

/** A draft policy tried before it is saved (policy-what-if.ts): the region's last twelve months and the current round. */
export const PolicyWhatIfInput = z.object({ settings: PolicySettingsInput, jobId: z.string().min(1).max(100).optional() }).strict();

const PolicyFigures = z.object({
  replay: z.object({
    placed: z.number().int(),
    homeOrNetworkShare: z.number().nullable(),
    waitMedianDays: z.number().nullable(),
    waitP90Days: z.number().nullable(),
    emptyHomeMonths: z.number().int(),
    stillWaiting: z.number().int(),
    totalScore: z.number(),
    exchangeBalances: z.array(z.object({ municipalityCode: z.string(), name: z.string(), start: z.number().int(), end: z.number().int() })),
    quotaUse: z.array(z.object({ corporationId: z.string(), corporationName: z.string(), municipalityCode: z.string(), municipalityName: z.string(), year: z.number().int(), placed: z.number().int(), agreed: z.number().int().nullable() })),
    placementsPerMonth: z.array(z.number().int()),
  }),
  /** The open round under this policy; `held`: what planning for later kept (empty without planning). */
  round: z.object({ placed: z.number().int(), candidates: z.number().int(), totalScore: z.number(), figures: Figures, status: z.string(), held: z.array(z.string()) }).nullable(),
});

export const PolicyWhatIfOutput = z.object({
  startDate: z.string(),
  endDate: z.string(),
  months: z.number().int(),
  clients: z.number().int(),
  units: z.number().int(),
  /** The round tried (the newest open one), or null when there is none. */
  roundId: z.number().int().nullable(),
  inForce: PolicyFigures,
  draft: PolicyFigures,
  ms: z.number(),
});
export type PolicyWhatIfOutput = z.infer<typeof PolicyWhatIfOutput>;

const Empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

export const referenceMethods = {
  'municipalities.list': { kind: 'query', input: Empty, output: z.array(MunicipalityRow) },
  'municipalities.save': { kind: 'mutation', input: dutch(MunicipalityInput), output: MunicipalityRow },
  /** Refused (CONFLICT) while anything refers to it: end it with a validTo instead. */
  'municipalities.delete': { kind: 'mutation', input: dutch(z.object({ code: MunicipalityCode }).strict()), output: ok },

  'neighbourhoods.list': { kind: 'query', input: Empty, output: z.array(NeighbourhoodRow) },
  'neighbourhoods.save': { kind: 'mutation', input: dutch(NeighbourhoodInput), output: NeighbourhoodRow },
  'neighbourhoods.delete': { kind: 'mutation', input: dutch(z.object({ code: NeighbourhoodCode }).strict()), output: ok },

  'corporations.list': { kind: 'query', input: Empty, output: z.array(OrganisationRow) },
  'corporations.save': { kind: 'mutation', input: dutch(OrganisationInput), output: OrganisationRow },
  'corporations.delete': { kind: 'mutation', input: dutch(z.object({ id: Id }).strict()), output: ok },

  'careProviders.list': { kind: 'query', input: Empty, output: z.array(OrganisationRow) },
  'careProviders.save': { kind: 'mutation', input: dutch(OrganisationInput), output: OrganisationRow },
  'careProviders.delete': { kind: 'mutation', input: dutch(z.object({ id: Id }).strict()), output: ok },

  'quotas.list': {
    kind: 'query',
    input: dutch(z.object({ year: z.number().int().min(2000).max(2100).optional() }).strict()),
    output: z.array(QuotaRow),
  },
  'quotas.save': { kind: 'mutation', input: dutch(QuotaInput), output: QuotaRow },
  'quotas.delete': { kind: 'mutation', input: dutch(z.object(QuotaKey).strict()), output: ok },

  /** Every version, newest validFrom first, marking the one in force today. */
  'policies.list': { kind: 'query', input: Empty, output: z.array(PolicyVersionRow) },
  'policies.get': { kind: 'query', input: dutch(z.object({ id: Id }).strict()), output: PolicyVersion },
  /**
   * Always creates a new version (id `beleid-<validFrom>-<n>`); existing versions are never changed,
   * they are the record of what past rounds used. A second version with the same validFrom is refused
   * (CONFLICT): which one is in force on that day would otherwise be ambiguous.
   */
  'policies.saveVersion': { kind: 'mutation', input: dutch(PolicySaveInput), output: PolicyVersion },
  /**
   * Tries a draft policy before it is saved: the region's own last twelve months replayed under the policy
   * in force and under the draft, and the newest open round proposed under both. Saves nothing.
   */
  'policies.whatIf': { kind: 'job', input: dutch(PolicyWhatIfInput), output: PolicyWhatIfOutput },
} as const satisfies Record<string, MethodSpec>;

// Dataset format v2: a whole region (reference data, agreements, policy, units, clients, placements)
// and, new in v2, its whole history (rounds, follow-up, audit log) as one JSON document. Version 1
// (the register only) is still read. Pure TypeScript. resources/dataset.schema.json is generated from these schemas.
import { z } from 'zod';
import {
  AvoidReason,
  ClientGroup,
  ClientStatus,
  ConsentParty,
  ContractForm,
  DebtStatus,
  FundingFrame,
  Gender,
  IncomeSource,
  LegalBasis,
  Need,
  NetworkKind,
  QuotaKind,
  SupportIntensity,
  UnitKind,
  UnitStatus,
  Urgency,
} from '../domain/codes';
import { consentConflicts } from '../domain/consent';
import { PolicyProfile } from '../domain/policy';
import { Amount, Id, IsoDate, Line, MunicipalityCode, NeighbourhoodCode, Text } from '../domain/primitives';
import { History } from './history.schema';

export const DATASET_FORMAT = 'uitstroomtafel-dataset';
/** The version export writes: the register plus its history. */
export const DATASET_VERSION = 2;
/** Version 1: the register only (reference data, policy, units, clients, placements); still read. */
export const REGISTER_VERSION = 1;

export const Region = z.object({
  name: Line(200).min(1),
  /** True for demo and test data: the UI marks such a region as fictional everywhere. */
  fictional: z.boolean(),
  description: Text(2000),
  /** The date the data describes ("today" for waiting times); YYYY-MM-DD. */
  referenceDate: IsoDate,
});

export const Municipality = z.object({
  code: MunicipalityCode,
  name: Line(200).min(1),
  validFrom: IsoDate,
  validTo: IsoDate.nullable(),
});

export const Neighbourhood = z.object({
  code: NeighbourhoodCode,
  name: Line(200).min(1),
  municipalityCode: MunicipalityCode,
  district: Line(200).nullable(),
  /** Share of social rent in the housing stock, 0..1. */
  socialRentShare: z.number().min(0).max(1).nullable(),
  /** Leefbaarometer class: 1 (very insufficient) .. 9 (excellent). */
  liveabilityClass: z.number().int().min(1).max(9).nullable(),
});

export const Organisation = z.object({
  id: Id,
  name: Line(200).min(1),
});

export const Quota = z.object({
  corporationId: Id,
  municipalityCode: MunicipalityCode,
  year: z.number().int().min(2000).max(2100),
  agreed: z.number().int().min(0),
  kind: QuotaKind,
});

export const Unit = z.object({
  id: Id,
  corporationId: Id,
  municipalityCode: MunicipalityCode,
  neighbourhoodCode: NeighbourhoodCode.nullable(),
  complex: Line(200).nullable(),
  address: Line(300).nullable(),
  kind: UnitKind,
  rooms: z.number().int().min(1).max(10),
  floor: z.number().int().min(-1).max(40),
  lift: z.boolean(),
  rent: Amount,
  availableFrom: IsoDate,
  allowedGroups: z.array(ClientGroup),
  minAge: z.number().int().min(16).max(120).nullable(),
  maxAge: z.number().int().min(16).max(120).nullable(),
  contractForms: z.array(ContractForm).min(1, 'noem minstens één contractvorm'),
  features: z.array(Need),
  status: UnitStatus,
  /** For omklap units: the client who already lives there (sublet via the provider). */
  occupantClientId: Id.nullable(),
  notes: Text(2000),
});

export const NetworkPlace = z.object({
  kind: NetworkKind,
  municipalityCode: MunicipalityCode,
  neighbourhoodCode: NeighbourhoodCode.nullable(),
  note: Text(2000),
});

export const AvoidPlace = z.object({
  reason: AvoidReason,
  municipalityCode: MunicipalityCode,
  /** Null: the whole municipality is to be avoided. */
  neighbourhoodCode: NeighbourhoodCode.nullable(),
  note: Text(2000),
});

export const ReadinessEntry = z.object({
  item: Id,
  done: z.boolean(),
  confirmedBy: Line(200).nullable(),
  confirmedAt: IsoDate.nullable(),
});

export const Consent = z.object({
  party: ConsentParty,
  /** The specific organisation, or null for every party of that kind. */
  partyId: Id.nullable(),
  basis: LegalBasis,
  given: z.boolean(),
  date: IsoDate.nullable(),
});

/** A client's consent records; two that contradict each other (one party, one date) are refused. */
export const Consents = z.array(Consent).superRefine((list, ctx) => {
  for (const c of consentConflicts(list)) ctx.addIssue({ code: 'custom', path: [c.index, 'date'], message: c.message });
});

export const Veto = z.object({
  corporationId: Id,
  reason: Text(2000).min(1),
});

export const Client = z.object({
  /** Pseudonymous code; the only identifier shown by default. */
  id: Id,
  /** A first name, only where consent allows (worked cases in the demo). */
  name: Line(200).nullable(),
  group: ClientGroup,
  gender: Gender,
  birthDate: IsoDate,
  careProviderId: Id,
  household: z.object({
    adults: z.number().int().min(1).max(6),
    childrenAges: z.array(z.number().int().min(0).max(26)),
  }),
  originMunicipalityCode: MunicipalityCode,
  currentMunicipalityCode: MunicipalityCode,
  networkPlaces: z.array(NetworkPlace),
  avoidPlaces: z.array(AvoidPlace),
  income: z.object({
    source: IncomeSource,
    monthlyNet: Amount,
    debts: DebtStatus,
    budgetManagement: z.boolean(),
  }),
  /** Highest rent the client can carry; null: the policy's passend-toewijzen limit applies. */
  rentLimit: Amount.nullable(),
  needs: z.array(Need),
  support: z.object({
    providerId: Id,
    intensity: SupportIntensity,
    start: IsoDate.nullable(),
    months: z.number().int().min(0).max(120).nullable(),
  }),
  /**
   * Since when the client is in care or shelter (BW, MO, VO, youth or forensic care): the trajectory
   * length of the monitor (seed 002:574-581). Null: not recorded; absent in older files.
   */
  careSince: IsoDate.nullable().default(null),
  /** The legal/funding frame the client comes from (a monitor field); 'unknown' until recorded and in older files. */
  fundingFrame: FundingFrame.default('unknown'),
  readiness: z.array(ReadinessEntry),
  readyDate: IsoDate.nullable(),
  housingFirst: z.boolean(),
  urgency: Urgency,
  preferences: z.object({
    municipalityCodes: z.array(MunicipalityCode),
    neighbourhoodCodes: z.array(NeighbourhoodCode),
    kinds: z.array(UnitKind),
    /** Unit kinds the client does not accept. */
    refusedKinds: z.array(UnitKind),
    note: Text(2000),
  }),
  consents: Consents,
  vetoes: z.array(Veto),
  status: ClientStatus,
  refusals: z.number().int().min(0),
  notes: Text(2000),
});

/**
 * A placement made earlier (for neighbourhood load, quota use and the exchange ledger), with the
 * monitor's facts about the client and home as they were on the placement date (migration 0011), so the
 * regional figures survive retention and erasure of the client record. The facts are optional: older
 * files and history from before the register have none (absent means unknown, as null does).
 */
export const Placement = z.object({
  id: Id,
  clientId: Id.nullable(),
  unitId: Id.nullable(),
  date: IsoDate,
  originMunicipalityCode: MunicipalityCode,
  destinationMunicipalityCode: MunicipalityCode,
  neighbourhoodCode: NeighbourhoodCode.nullable(),
  complex: Line(200).nullable(),
  corporationId: Id.nullable(),
  targetGroup: ClientGroup.nullable().optional(),
  gender: Gender.nullable().optional(),
  /** Age in whole years on the placement date. */
  age: z.number().int().min(0).max(130).nullable().optional(),
  adults: z.number().int().min(1).max(6).nullable().optional(),
  /** How many children moved in. */
  children: z.number().int().min(0).max(30).nullable().optional(),
  /** The client's care provider then; a fact, not checked against `careProviders`. */
  careProviderId: Id.nullable().optional(),
  supportIntensity: SupportIntensity.nullable().optional(),
  fundingFrame: FundingFrame.nullable().optional(),
  /** Woonrijp since (the start of the time to key handover). */
  readyDate: IsoDate.nullable().optional(),
  /** In care or shelter since (trajectory length). */
  careSince: IsoDate.nullable().optional(),
  unitKind: UnitKind.nullable().optional(),
});

/** The monitor facts a placement may carry (all optional), in schema order. */
export const PLACEMENT_SNAPSHOT_KEYS = [
  'targetGroup',
  'gender',
  'age',
  'adults',
  'children',
  'careProviderId',
  'supportIntensity',
  'fundingFrame',
  'readyDate',
  'careSince',
  'unitKind',
] as const satisfies readonly (keyof z.infer<typeof Placement>)[];

/**
 * A dataset document. Version 1 is the register alone; version 2 adds `history` (required there,
 * refused in version 1, so a v1 import never half-reads a history).
 */
export const Dataset = z
  .object({
    format: z.literal(DATASET_FORMAT),
    version: z.literal([REGISTER_VERSION, DATASET_VERSION], {
      error: `onbekende versie: verwacht ${DATASET_VERSION} (of ${REGISTER_VERSION}, alleen het register); een nieuwere versie van het programma maakte dit bestand misschien`,
    }),
    region: Region,
    municipalities: z.array(Municipality),
    neighbourhoods: z.array(Neighbourhood),
    corporations: z.array(Organisation),
    careProviders: z.array(Organisation),
    quotas: z.array(Quota),
    policies: z.array(PolicyProfile),
    units: z.array(Unit),
    clients: z.array(Client),
    placements: z.array(Placement),
    /** Version 2 only: rounds, follow-up, retention, monitor archive and the audit log. */
    history: History.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.version === DATASET_VERSION && d.history === undefined) {
      ctx.addIssue({ code: 'custom', path: ['history'], message: `ontbreekt; een dataset van versie ${DATASET_VERSION} heeft een history-deel` });
    }
    if (d.version === REGISTER_VERSION && d.history !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['history'], message: `hoort niet in een dataset van versie ${REGISTER_VERSION} (alleen het register); zet version op ${DATASET_VERSION}` });
    }
  });

export type Dataset = z.infer<typeof Dataset>;

/** The register part of a document as a version 1 document (no history): what v1 files hold. */
export function registerOf(d: Dataset): Dataset {
  const { history: _history, ...register } = d;
  return { ...register, version: REGISTER_VERSION };
}
export type Region = z.infer<typeof Region>;
export type Municipality = z.infer<typeof Municipality>;
export type Neighbourhood = z.infer<typeof Neighbourhood>;
export type Organisation = z.infer<typeof Organisation>;
export type Quota = z.infer<typeof Quota>;
export type Unit = z.infer<typeof Unit>;
export type Client = z.infer<typeof Client>;
export type Placement = z.infer<typeof Placement>;

// The API contract, declared once: every method's kind, input schema and output schema.
// The backend implements exactly these; IPC, HTTP and the renderer's client are typed from it.
// Pure TypeScript.
import { z } from 'zod';
import {
  ClientGroup,
  ClientStatus,
  Gender,
  UnitKind,
  UnitStatus,
  Urgency,
} from '../domain/codes';
import { PolicyProfile } from '../domain/policy';
import {
  Client,
  Dataset,
  Municipality,
  Neighbourhood,
  Organisation,
  Quota,
  Region,
  Unit,
} from '../dataset/dataset.schema';
import { Id, IsoDate, Line, OUT_MAX } from '../domain/primitives';

import type { MethodSpec } from './method-spec';
import { importMethods } from './import.contract';
import { referenceMethods } from './reference.contract';
import { RecordVersion } from './record-version';
import { VersionedUnit, registerMethods } from './register.contract';
import { reviewMethods } from './review.contract';
import { authMethods, userMethods } from './auth.contract';
import { backupMethods } from './backup.contract';
import { monitorMethods } from './monitor.contract';
import { privacyMethods } from './privacy.contract';
import { reportsMethods } from './reports.contract';
import { DeclineReason, roundsMethods } from './rounds.contract';

export type { MethodKind, MethodSpec } from './method-spec';

const Empty = z.object({}).strict();
const SortDir = z.enum(['asc', 'desc']);

const Paging = {
  search: Line(200).optional(),
  sortDir: SortDir.optional(),
  limit: z.number().int().min(1).max(10000).optional(),
  offset: z.number().int().min(0).optional(),
};

export const CLIENT_SORT_KEYS = ['id', 'group', 'age', 'origin', 'readyDate', 'urgency', 'status'] as const;
/** Readiness filter: ready = every readiness item of the current policy done. */
export const READINESS_FILTERS = ['ready', 'not-ready'] as const;
export const ClientListInput = z
  .object({
    ...Paging,
    sortBy: z.enum(CLIENT_SORT_KEYS).optional(),
    groups: z.array(ClientGroup).max(20).optional(),
    originMunicipalityCodes: z.array(z.string().max(20)).max(200).optional(),
    careProviderIds: z.array(z.string().max(64)).max(200).optional(),
    readiness: z.enum(READINESS_FILTERS).optional(),
    /** Default (absent or empty): every status except archived. */
    statuses: z.array(ClientStatus).max(10).optional(),
  })
  .strict();
export type ClientListInput = z.infer<typeof ClientListInput>;

export const ClientRow = z.object({
  id: z.string().max(OUT_MAX),
  name: z.string().max(OUT_MAX).nullable(),
  group: ClientGroup,
  gender: Gender,
  age: z.number().int(),
  householdSize: z.number().int(),
  originMunicipalityCode: z.string().max(OUT_MAX),
  originMunicipality: z.string().max(OUT_MAX),
  currentMunicipality: z.string().max(OUT_MAX),
  careProvider: z.string().max(OUT_MAX),
  readyDate: z.string().max(OUT_MAX).nullable(),
  readinessDone: z.number().int(),
  readinessTotal: z.number().int(),
  housingFirst: z.boolean(),
  urgency: Urgency,
  status: ClientStatus,
});
export type ClientRow = z.infer<typeof ClientRow>;

export const UNIT_SORT_KEYS = ['id', 'municipality', 'kind', 'rooms', 'rent', 'availableFrom', 'corporation', 'status'] as const;
export const UnitListInput = z
  .object({
    ...Paging,
    sortBy: z.enum(UNIT_SORT_KEYS).optional(),
    corporationIds: z.array(z.string().max(64)).max(200).optional(),
    municipalityCodes: z.array(z.string().max(20)).max(200).optional(),
    kinds: z.array(UnitKind).max(20).optional(),
    statuses: z.array(UnitStatus).max(10).optional(),
    /** Available in the planning window: status available and free on or before this day. */
    availableBy: IsoDate.optional(),
  })
  .strict();
export type UnitListInput = z.infer<typeof UnitListInput>;

export const UnitRow = z.object({
  id: z.string().max(OUT_MAX),
  address: z.string().max(OUT_MAX).nullable(),
  corporation: z.string().max(OUT_MAX),
  municipalityCode: z.string().max(OUT_MAX),
  municipality: z.string().max(OUT_MAX),
  neighbourhood: z.string().max(OUT_MAX).nullable(),
  complex: z.string().max(OUT_MAX).nullable(),
  kind: UnitKind,
  rooms: z.number().int(),
  floor: z.number().int(),
  lift: z.boolean(),
  rent: z.number(),
  availableFrom: z.string().max(OUT_MAX),
  status: UnitStatus,
});
export type UnitRow = z.infer<typeof UnitRow>;

export const ClientDetail = z.object({
  client: Client,
  /** The record's version: the edit form sends it back as expectedVersion. */
  version: RecordVersion,
  age: z.number().int(),
  careProvider: z.string().max(OUT_MAX),
  /** Readiness items of the current policy, with the client's state. */
  readiness: z.array(
    z.object({
      item: z.string().max(OUT_MAX),
      label: z.string().max(OUT_MAX),
      done: z.boolean(),
      confirmedBy: z.string().max(OUT_MAX).nullable(),
      confirmedAt: z.string().max(OUT_MAX).nullable(),
    }),
  ),
  /** Names for every municipality and neighbourhood code the client mentions. */
  placeNames: z.record(z.string().max(OUT_MAX), z.string().max(OUT_MAX)),
  /**
   * Offers turned down in rounds, closed and open, latest first: declined by the corporation (with its
   * reason) or refused by the client (shared/domain/offer-history.ts), with the home as it is now.
   */
  turnedDown: z.array(
    z.object({
      roundId: z.number().int(),
      roundDate: z.string().max(OUT_MAX),
      roundClosed: z.boolean(),
      unitId: z.string().max(OUT_MAX),
      by: z.enum(['corporation', 'client']),
      declineReason: DeclineReason.nullable(),
      decidedAt: z.string().max(OUT_MAX),
      unitKind: UnitKind.nullable(),
      /** The home's municipality (name); null when the home is no longer in the register. */
      municipality: z.string().max(OUT_MAX).nullable(),
    }),
  ),
  /** Where the client was placed (the latest placement); null when never placed. */
  placement: z
    .object({
      id: z.string().max(OUT_MAX),
      date: z.string().max(OUT_MAX),
      roundId: z.number().int().nullable(),
      /** Null for a placement in a home that is not in the register (history from before it). */
      unitId: z.string().max(OUT_MAX).nullable(),
      address: z.string().max(OUT_MAX).nullable(),
      unitKind: UnitKind.nullable(),
      neighbourhood: z.string().max(OUT_MAX).nullable(),
      municipality: z.string().max(OUT_MAX),
      corporation: z.string().max(OUT_MAX).nullable(),
      moveInDate: z.string().max(OUT_MAX).nullable(),
    })
    .nullable(),
  /**
   * Why and since when a set-aside or archived client has that status: the latest status change to it
   * in the audit log; null for other statuses, or when the status came in by an import (no entry).
   */
  statusChange: z
    .object({
      status: ClientStatus,
      /** When it was recorded (ISO moment). */
      at: z.string().max(OUT_MAX),
      reason: z.string().max(OUT_MAX),
    })
    .nullable(),
});
export type ClientDetail = z.infer<typeof ClientDetail>;

export const Reference = z.object({
  region: Region.nullable(),
  municipalities: z.array(Municipality),
  neighbourhoods: z.array(Neighbourhood),
  corporations: z.array(Organisation),
  careProviders: z.array(Organisation),
  quotas: z.array(Quota),
  policy: PolicyProfile.nullable(),
});
export type Reference = z.infer<typeof Reference>;

export const AppInfo = z.object({
  appVersion: z.string().max(OUT_MAX),
  schemaVersion: z.number().int(),
  host: z.enum(['desktop', 'browser', 'server', 'cli', 'test']),
  databasePath: z.string().max(OUT_MAX),
  region: Region.nullable(),
  counts: z.object({ clients: z.number().int(), units: z.number().int(), municipalities: z.number().int() }),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Where the app runs, in Dutch (Instellingen and the Logboek's logins). */
export const HOST_LABELS: Record<AppInfo['host'], string> = {
  desktop: 'Desktop-app',
  browser: 'Browser (lokale server)',
  server: 'Regionale server',
  cli: 'Opdrachtregel',
  test: 'Testomgeving',
};

export const ImportSummary = z.object({
  municipalities: z.number().int(),
  neighbourhoods: z.number().int(),
  corporations: z.number().int(),
  careProviders: z.number().int(),
  quotas: z.number().int(),
  policies: z.number().int(),
  units: z.number().int(),
  clients: z.number().int(),
  placements: z.number().int(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string().max(OUT_MAX),
  actor: z.string().max(OUT_MAX),
  action: z.string().max(OUT_MAX),
  entity: z.string().max(OUT_MAX),
  entityId: z.string().max(OUT_MAX).nullable(),
  detail: z.string().max(10_000_000),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The audit log's hash chain checked: intact, or the first row (1-based, in id order) that no longer holds. */
export const AuditCheck = z.object({
  intact: z.boolean(),
  entries: z.number().int(),
  position: z.number().int().optional(),
  /** The entry's id and time; null when the row is missing (cut off the end). */
  id: z.number().int().nullable().optional(),
  at: z.string().nullable().optional(),
  /** Dutch, for people: "Logboek intact: N regels" or "Logboek gewijzigd vanaf regel N (id …, dd-mm-jjjj uu:mm): …". */
  message: z.string(),
});
export type AuditCheck = z.infer<typeof AuditCheck>;

export const coreMethods = {
  'app.info': { kind: 'query', input: Empty, output: AppInfo },
  'reference.get': { kind: 'query', input: Empty, output: Reference },
  'clients.list': {
    kind: 'query',
    input: ClientListInput,
    output: z.object({ rows: z.array(ClientRow), total: z.number().int() }),
  },
  'clients.get': { kind: 'query', input: z.object({ id: Id }).strict(), output: ClientDetail },
  'units.list': {
    kind: 'query',
    input: UnitListInput,
    output: z.object({ rows: z.array(UnitRow), total: z.number().int() }),
  },
  'units.get': { kind: 'query', input: z.object({ id: Id }).strict(), output: VersionedUnit },
  'dataset.export': { kind: 'query', input: Empty, output: Dataset },
  /** Replaces the whole region with a dataset document (checked first; all or nothing). */
  'dataset.import': {
    kind: 'mutation',
    input: z.object({ dataset: z.unknown(), source: Line(500).optional() }).strict(),
    output: ImportSummary,
  },
  /** Stops a running job (a proposal being computed) by the id its caller gave it. */
  'jobs.cancel': {
    kind: 'query',
    input: z.object({ jobId: z.string().min(1).max(100) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  'audit.list': {
    kind: 'query',
    input: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.array(AuditEntry),
  },
  /** Checks the audit log's hash chain (also done on open): was any entry edited or deleted outside the app? */
  'audit.verify': { kind: 'query', input: Empty, output: AuditCheck },
} as const satisfies Record<string, MethodSpec>;

/** The whole contract: the core methods and each feature's. */
export const contract = {
  ...coreMethods,
  ...registerMethods,
  ...referenceMethods,
  ...importMethods,
  ...roundsMethods,
  ...reviewMethods,
  ...authMethods,
  ...userMethods,
  ...backupMethods,
  ...privacyMethods,
  ...monitorMethods,
  ...reportsMethods,
} as const satisfies Record<
  string,
  MethodSpec
>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

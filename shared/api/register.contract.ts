// API methods of the register feature: creating, correcting and changing the status of clients and
// units by hand, and confirming readiness items. Merged into the one contract in contract.ts.
// Pure TypeScript.
import { z } from 'zod';
import { Client, Unit } from '../dataset/dataset.schema';
import { UnitStatus } from '../domain/codes';
import { Id, Line, OUT_MAX, Text } from '../domain/primitives';
import type { MethodSpec } from './method-spec';
import { ExpectedVersion, RecordVersion } from './record-version';

const Saved = z.object({ id: z.string().max(OUT_MAX) });

/** Statuses a chair sets by hand; 'placed' comes from a decision of the table, not from this form. */
export const CLIENT_MANUAL_STATUSES = ['active', 'set-aside', 'archived'] as const;

export const ClientStatusInput = z
  .object({
    id: Id,
    status: z.enum(CLIENT_MANUAL_STATUSES, { message: 'kies actief, geparkeerd of gearchiveerd' }),
    reason: Text(2000),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.status !== 'active' && v.reason.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'geef een reden op (verplicht bij parkeren en archiveren)' });
    }
  });
export type ClientStatusInput = z.infer<typeof ClientStatusInput>;

export const ReadinessInput = z
  .object({
    id: Id,
    item: Id,
    done: z.boolean(),
    confirmedBy: Line(200),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.done && v.confirmedBy.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['confirmedBy'], message: 'vul in wie de voorwaarde bevestigt' });
    }
  });
export type ReadinessInput = z.infer<typeof ReadinessInput>;

export const UnitStatusInput = z
  .object({ id: Id, status: UnitStatus, reason: Text(2000) })
  .strict()
  .superRefine((v, ctx) => {
    if (v.status === 'withdrawn' && v.reason.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'geef een reden op (verplicht bij intrekken)' });
    }
  });
export type UnitStatusInput = z.infer<typeof UnitStatusInput>;

/** An edit of an existing client or unit: the whole record plus the version the edit started from. */
export const ClientUpdateInput = Client.safeExtend(ExpectedVersion);
export type ClientUpdateInput = z.infer<typeof ClientUpdateInput>;
export const UnitUpdateInput = Unit.safeExtend(ExpectedVersion);
export type UnitUpdateInput = z.infer<typeof UnitUpdateInput>;
/** A unit as `units.get` returns it: with its version, which the form sends back on update. */
export const VersionedUnit = Unit.safeExtend({ version: RecordVersion });
export type VersionedUnit = z.infer<typeof VersionedUnit>;

export const registerMethods = {
  /** A new client; every reference is checked against the database. Refuses an existing id. */
  'clients.create': { kind: 'mutation', input: Client, output: Saved },
  /** Replaces a client's record as a whole; refuses an unknown id, and (STALE) a record changed since expectedVersion. */
  'clients.update': { kind: 'mutation', input: ClientUpdateInput, output: Saved },
  /** Active, set aside or archived, with the reason in the audit log. */
  'clients.setStatus': { kind: 'mutation', input: ClientStatusInput, output: Saved },
  /** One readiness item done or open, with who confirmed it; the date is today. */
  'clients.confirmReadiness': { kind: 'mutation', input: ReadinessInput, output: Saved },
  'units.create': { kind: 'mutation', input: Unit, output: Saved },
  /** Refuses (STALE) a unit changed since expectedVersion. */
  'units.update': { kind: 'mutation', input: UnitUpdateInput, output: Saved },
  'units.setStatus': { kind: 'mutation', input: UnitStatusInput, output: Saved },
} as const satisfies Record<string, MethodSpec>;

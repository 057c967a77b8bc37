// Which reads of client data the dispatcher logs (privacy duty): one audit entry per API read of a
// list or a round's clients, with the filter it was asked for and how many clients it returned.
// Applied once in the dispatcher, so a handler calling another internally is not logged twice. Node only.
import type { z } from 'zod';
import type { Contract, MethodName } from '../../../shared/api/contract';
import type { AuditInput, HandlerContext } from './context';

type ReadRule<M extends MethodName> = (input: z.output<Contract[M]['input']>, output: z.output<Contract[M]['output']>) => AuditInput;

/** Distinct clients in a list of anything that names one. */
const clients = (...lists: { clientId: string | null }[][]): number => new Set(lists.flat().map((x) => x.clientId).filter((id) => id !== null)).size;

/**
 * Query methods that return client data and log themselves elsewhere are not here: clients.get
 * ('view' of one record), dataset.export, export.list and review.export ('export').
 */
const READ_RULES: { [M in MethodName]?: ReadRule<M> } = {
  'clients.list': (filter, out) => ({ action: 'list', entity: 'client', detail: { filter, count: out.rows.length, total: out.total } }),
  'rounds.get': (filter, out) => ({ action: 'view', entity: 'round', entityId: String(filter.id), detail: { filter, count: out.clients.length } }),
  'rounds.proposal': (filter, out) => ({
    action: 'view',
    entity: 'proposal',
    entityId: String(filter.roundId),
    detail: { filter, count: clients(out.proposal.matches, out.proposal.unplaced, out.greedy.matches, out.greedy.unplaced) },
  }),
  'rounds.compare': (filter, out) => ({
    action: 'view',
    entity: 'proposal-comparison',
    entityId: String(filter.roundId),
    detail: { filter, count: clients(out.onlyInA, out.onlyInB, out.moved, out.unchanged) },
  }),
  'placements.list': (filter, out) => ({ action: 'list', entity: 'placement', detail: { filter, count: out.length } }),
  'followup.todo': (filter, out) => ({ action: 'list', entity: 'followup', detail: { filter, count: out.length } }),
  // Reports that name clients (by pseudonymous code): one view entry with the parameters and how many.
  'reports.provider': (filter, out) => ({ action: 'view', entity: 'report', entityId: 'provider', detail: { filter, count: out.clients } }),
  'reports.corporation': (filter, out) => ({ action: 'view', entity: 'report', entityId: 'corporation', detail: { filter, count: out.clients } }),
  'reports.agenda': (filter, out) => ({ action: 'view', entity: 'report', entityId: 'agenda', detail: { filter, count: out.clients } }),
  'reports.minutes': (filter, out) => ({ action: 'view', entity: 'report', entityId: 'minutes', detail: { filter, count: out.clients } }),
  'monitor.rows': (filter, out) => ({ action: 'view', entity: 'monitor-rows', entityId: filter.section, detail: { filter, count: out.rows.length, total: out.total } }),
  // The log itself holds client records (before and after every change).
  'audit.list': (filter, out) => ({ action: 'list', entity: 'audit', detail: { filter, count: out.length } }),
};

/** Writes the read's audit entry when the method is one that returns client data. */
export async function auditRead(ctx: HandlerContext, method: MethodName, input: unknown, output: unknown): Promise<void> {
  const rule = READ_RULES[method] as ((input: unknown, output: unknown) => AuditInput) | undefined;
  if (rule) await ctx.audit(rule(input, output));
}

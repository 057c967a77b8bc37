// API handlers of the register feature: create and correct clients and units by hand, change their
// status with a reason, confirm readiness items. Every change is checked against the database first
// and audited with before/after. Node only.
import type { registerMethods } from '../../../shared/api/register.contract';
import { AppError, type ApiProblem } from '../../../shared/api/result';
import type { Client, Unit } from '../../../shared/dataset/dataset.schema';
import { clientRuleProblems } from '../../../shared/dataset/validate';
import { CLIENT_STATUS_LABELS, UNIT_STATUS_LABELS } from '../../../shared/domain/codes';
import type { HandlerContext } from '../api/context';
import type { HandlersFor } from '../api/dispatcher';
import { readClients, saveClient, saveUnit, updateClient, updateUnit } from '../repos/region.repo';
import { readVersionInfo, refuseUnchanged, stampOf } from '../repos/versions.repo';
import { checkClientReferences, checkUnitReferences, readUnit, updateClientStatus, updateUnitStatus } from '../repos/register.repo';
import { currentPolicy, isoDay } from './region.service';

/** Throws VALIDATION with every problem, so the form can show each at its field. */
function refuse(what: string, problems: ApiProblem[]): never {
  const n = problems.length;
  throw new AppError(
    'VALIDATION',
    `${what} niet opgeslagen (${n} ${n === 1 ? 'probleem' : 'problemen'}): ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    problems,
  );
}

/** Top-level fields whose value differs, with the old and new values: the audit's "what changed". */
export function changes<T extends object>(before: T, after: T): { fields: string[]; before: Partial<T>; after: Partial<T> } {
  const fields: string[] = [];
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      fields.push(key);
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { fields, before: b, after: a };
}

async function checkClient(ctx: HandlerContext, client: Client): Promise<void> {
  const today = isoDay(ctx.now());
  const policy = await currentPolicy(ctx.db, today);
  const problems = await checkClientReferences(ctx.db, client, policy ? policy.settings.readinessItems.map((r) => r.key) : null);
  // The same rules as the dataset and spreadsheet imports (dates against today, fields that must agree).
  problems.unshift(...clientRuleProblems(client, today).map((p) => ({ path: p.field, message: p.message })));
  if (problems.length) refuse(`Kandidaat ${client.id}`, problems);
}

async function checkUnit(ctx: HandlerContext, unit: Unit): Promise<void> {
  const problems = await checkUnitReferences(ctx.db, unit);
  if (problems.length) refuse(`Woning ${unit.id}`, problems);
}

async function clientOrFail(ctx: HandlerContext, id: string): Promise<Client> {
  const [client] = await readClients(ctx.db, [id]);
  if (!client) throw new AppError('NOT_FOUND', `Kandidaat ${id} bestaat niet.`);
  return client;
}

async function unitOrFail(ctx: HandlerContext, id: string): Promise<Unit> {
  const unit = await readUnit(ctx.db, id);
  if (!unit) throw new AppError('NOT_FOUND', `Woning ${id} bestaat niet.`);
  return unit;
}

export const registerHandlers: HandlersFor<typeof registerMethods> = {
  'clients.create': async (ctx, client) => {
    const [existing] = await readClients(ctx.db, [client.id]);
    if (existing) {
      throw new AppError('CONFLICT', `Kandidaat ${client.id} bestaat al; kies een andere code.`, [
        { path: 'id', message: `code '${client.id}' is al in gebruik` },
      ]);
    }
    await checkClient(ctx, client);
    await saveClient(ctx.db, client, stampOf(ctx));
    await ctx.audit({ action: 'create', entity: 'client', entityId: client.id, detail: { before: null, after: client } });
    return { id: client.id };
  },

  'clients.update': async (ctx, { expectedVersion, ...client }) => {
    const before = await clientOrFail(ctx, client.id);
    await checkClient(ctx, client);
    // Only over the version the form started from: a save from an older one would undo a change made since.
    if (!(await updateClient(ctx.db, client, stampOf(ctx), expectedVersion))) {
      await refuseUnchanged(ctx.db, 'Deze kandidaat', `Kandidaat ${client.id} bestaat niet.`, await readVersionInfo(ctx.db, 'clients', client.id), expectedVersion);
    }
    await ctx.audit({ action: 'update', entity: 'client', entityId: client.id, detail: changes(before, client) });
    return { id: client.id };
  },

  'clients.setStatus': async (ctx, { id, status, reason }) => {
    const before = await clientOrFail(ctx, id);
    if (before.status === 'placed' && status !== 'archived') {
      throw new AppError('CONFLICT', `Kandidaat ${id} is geplaatst; alleen archiveren kan nog.`, [
        { path: 'status', message: 'een geplaatste kandidaat kan alleen worden gearchiveerd' },
      ]);
    }
    await updateClientStatus(ctx.db, id, status, stampOf(ctx));
    await ctx.audit({
      action: 'status',
      entity: 'client',
      entityId: id,
      detail: {
        fields: ['status'],
        before: { status: before.status },
        after: { status },
        reason: reason.trim(),
        text: `${CLIENT_STATUS_LABELS[before.status]} → ${CLIENT_STATUS_LABELS[status]}`,
      },
    });
    return { id };
  },

  'clients.confirmReadiness': async (ctx, { id, item, done, confirmedBy }) => {
    const client = await clientOrFail(ctx, id);
    const today = isoDay(ctx.now());
    const policy = await currentPolicy(ctx.db, today);
    const known = policy?.settings.readinessItems.some((r) => r.key === item) ?? false;
    if (!known) {
      throw new AppError('VALIDATION', `Onbekende voorwaarde '${item}': die staat niet in het huidige beleid.`, [
        { path: 'item', message: `onbekende voorwaarde '${item}'` },
      ]);
    }
    const entry = done
      ? { item, done: true, confirmedBy: confirmedBy.trim(), confirmedAt: today }
      : { item, done: false, confirmedBy: null, confirmedAt: null };
    const previous = client.readiness.find((r) => r.item === item) ?? null;
    const readiness = previous ? client.readiness.map((r) => (r.item === item ? entry : r)) : [...client.readiness, entry];
    await saveClient(ctx.db, { ...client, readiness }, stampOf(ctx));
    await ctx.audit({
      action: 'readiness',
      entity: 'client',
      entityId: id,
      detail: { fields: ['readiness'], item, before: previous, after: entry },
    });
    return { id };
  },

  'units.create': async (ctx, unit) => {
    if (await readUnit(ctx.db, unit.id)) {
      throw new AppError('CONFLICT', `Woning ${unit.id} bestaat al; kies een andere code.`, [{ path: 'id', message: `code '${unit.id}' is al in gebruik` }]);
    }
    await checkUnit(ctx, unit);
    await saveUnit(ctx.db, unit, stampOf(ctx));
    await ctx.audit({ action: 'create', entity: 'unit', entityId: unit.id, detail: { before: null, after: unit } });
    return { id: unit.id };
  },

  'units.update': async (ctx, { expectedVersion, ...unit }) => {
    const before = await unitOrFail(ctx, unit.id);
    await checkUnit(ctx, unit);
    if (!(await updateUnit(ctx.db, unit, stampOf(ctx), expectedVersion))) {
      await refuseUnchanged(ctx.db, 'Deze woning', `Woning ${unit.id} bestaat niet.`, await readVersionInfo(ctx.db, 'units', unit.id), expectedVersion);
    }
    await ctx.audit({ action: 'update', entity: 'unit', entityId: unit.id, detail: changes(before, unit) });
    return { id: unit.id };
  },

  'units.setStatus': async (ctx, { id, status, reason }) => {
    const before = await unitOrFail(ctx, id);
    await updateUnitStatus(ctx.db, id, status, stampOf(ctx));
    await ctx.audit({
      action: 'status',
      entity: 'unit',
      entityId: id,
      detail: {
        fields: ['status'],
        before: { status: before.status },
        after: { status },
        reason: reason.trim(),
        text: `${UNIT_STATUS_LABELS[before.status]} → ${UNIT_STATUS_LABELS[status]}`,
      },
    });
    return { id };
  },
};

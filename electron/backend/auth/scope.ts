// What 'own' means in the access matrix, method by method: the input is narrowed or checked before
// the handler runs, the output filtered after. A provider worker works with their own care provider's
// clients; a liaison with their own corporation's review files. Node only.
import type { Kysely } from 'kysely';
import type { MethodName } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/result';
import type { SessionUser } from '../../../shared/auth/roles';
import type { DB } from '../db/schema';

export interface OwnScope {
  /** Returns the input to run with (narrowed), or throws FORBIDDEN. */
  input(db: Kysely<DB>, user: SessionUser, input: any): Promise<unknown>;
  /** Filters the handler's output for this user (default: unchanged). */
  output?(user: SessionUser, output: any): unknown;
}

export function forbidden(message: string): AppError {
  return new AppError('FORBIDDEN', message);
}

function providerOf(user: SessionUser): string {
  if (!user.careProviderId) throw forbidden('Uw account hoort bij geen zorgaanbieder; vraag de voorzitter dat in te stellen.');
  return user.careProviderId;
}

function corporationOf(user: SessionUser): string {
  if (!user.corporationId) throw forbidden('Uw account hoort bij geen corporatie; vraag de voorzitter dat in te stellen.');
  return user.corporationId;
}

/** A client id of another provider is answered like an unknown one: the worker learns nothing about it. */
async function requireOwnClient(db: Kysely<DB>, user: SessionUser, id: string): Promise<void> {
  const own = providerOf(user);
  const row = await db.selectFrom('clients').select('care_provider_id').where('id', '=', id).executeTakeFirst();
  if (row && row.care_provider_id !== own) {
    throw forbidden(`Kandidaat ${id} hoort niet bij uw zorgaanbieder.`);
  }
}

function requireOwnProviderField(user: SessionUser, careProviderId: unknown): void {
  if (careProviderId !== providerOf(user)) {
    throw forbidden('U kunt alleen kandidaten van uw eigen zorgaanbieder vastleggen.');
  }
}

const ownClientById: OwnScope = {
  async input(db, user, input: { id: string }) {
    await requireOwnClient(db, user, input.id);
    return input;
  },
};

export const OWN_SCOPES: Partial<Record<MethodName, OwnScope>> = {
  'clients.list': {
    async input(_db, user, input: Record<string, unknown>) {
      return { ...input, careProviderIds: [providerOf(user)] };
    },
  },
  'clients.get': ownClientById,
  'clients.setStatus': ownClientById,
  'clients.confirmReadiness': ownClientById,
  'clients.create': {
    async input(_db, user, input: { careProviderId: string }) {
      requireOwnProviderField(user, input.careProviderId);
      return input;
    },
  },
  'clients.update': {
    async input(db, user, input: { id: string; careProviderId: string }) {
      await requireOwnClient(db, user, input.id);
      requireOwnProviderField(user, input.careProviderId);
      return input;
    },
  },
  'export.list': {
    async input(_db, user, input: { kind: string; filters?: Record<string, unknown> }) {
      if (input.kind !== 'clients') throw forbidden('U kunt alleen de kandidatenlijst van uw zorgaanbieder exporteren.');
      return { ...input, filters: { ...(input.filters ?? {}), careProviderIds: [providerOf(user)] } };
    },
  },
  'review.export': {
    async input(_db, user, input: { corporationId: string }) {
      if (input.corporationId !== corporationOf(user)) throw forbidden('U kunt alleen het beoordelingsbestand van uw eigen corporatie openen.');
      return input;
    },
  },
  'review.importDecisions': {
    async input(_db, user, input: { content: string }) {
      let corporationId: unknown;
      try {
        corporationId = (JSON.parse(input.content) as { corporationId?: unknown }).corporationId;
      } catch {
        // Not JSON: the handler refuses it with its own clear message.
        return input;
      }
      if (corporationId !== corporationOf(user)) throw forbidden('U kunt alleen besluiten over woningen van uw eigen corporatie inlezen.');
      return input;
    },
  },
  'reports.provider': {
    async input(_db, user, input: { careProviderId: string }) {
      if (input.careProviderId !== providerOf(user)) throw forbidden('U kunt alleen de matchrapportage van uw eigen zorgaanbieder opvragen.');
      return input;
    },
  },
  'reports.corporation': {
    async input(_db, user, input: { corporationId: string }) {
      if (input.corporationId !== corporationOf(user)) throw forbidden('U kunt alleen de rapportage van uw eigen corporatie opvragen.');
      return input;
    },
  },
  'monitor.rows': {
    async input(_db, user, input: { filters: Record<string, unknown> }) {
      return { ...input, filters: { ...input.filters, careProviderIds: [providerOf(user)] } };
    },
  },
  'reports.export': {
    async input(_db, user, input: { request: { report: string; careProviderId?: string; corporationId?: string } }) {
      const { request } = input;
      if (request.report === 'monitor') return input;
      if (user.role === 'provider' && request.report === 'provider') {
        if (request.careProviderId !== providerOf(user)) throw forbidden('U kunt alleen de matchrapportage van uw eigen zorgaanbieder exporteren.');
        return input;
      }
      if (user.role === 'liaison' && request.report === 'corporation') {
        if (request.corporationId !== corporationOf(user)) throw forbidden('U kunt alleen de rapportage van uw eigen corporatie exporteren.');
        return input;
      }
      throw forbidden('Deze rapportage is er niet voor uw rol.');
    },
  },
};

/** Output fields only the chair sees, for methods every role may call. */
export function filterForRole(method: MethodName, user: SessionUser, output: unknown): unknown {
  if (user.role === 'chair') return output;
  if (method === 'app.info') return { ...(output as object), databasePath: '' };
  return output;
}

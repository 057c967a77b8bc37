// Test helpers: a real backend over an in-memory SQLite database — or, in the 'postgres' project, a
// new database on the run's real PostgreSQL cluster — and a call() that unwraps the envelope so tests
// read naturally. No mocks.
import { sql } from 'kysely';
import { asChair } from '../../shared/auth/system-user';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';
import { type Backend, createBackend } from '../../electron/backend/backend';
import type { Dataset } from '../../shared/dataset/dataset.schema';
import { newPostgresDatabase, onPostgres } from '../pg/database';

export const FIXED_NOW = new Date('2026-11-27T10:00:00Z');

/** `now`: the backend's clock (default FIXED_NOW, pinned). */
export async function memoryBackend(now: () => Date = () => FIXED_NOW): Promise<Backend> {
  const location = onPostgres() ? await newPostgresDatabase() : ':memory:';
  return createBackend(location, { host: 'test', now });
}

export async function call<M extends MethodName>(b: Backend, method: M, input: MethodInput<M>, actor = 'tester'): Promise<MethodOutput<M>> {
  const r = (await b.dispatch(method, input, asChair(actor))) as Result<MethodOutput<M>>;
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

export async function importDataset(b: Backend, dataset: Dataset): Promise<void> {
  await call(b, 'dataset.import', { dataset, source: 'test' });
}

export async function rowCount(b: Backend, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(b.database.db);
  return Number(rows[0]!.n);
}

/** A round on the imported dataset with one proposal run, and the corporation with the most proposals in it. */
export async function roundWithBusiestCorporation(b: Backend, dataset: Dataset): Promise<{ roundId: number; corporationId: string }> {
  const { id: roundId } = await call(b, 'rounds.create', { date: '2026-11-27', windowFrom: '2026-11-27', windowTo: '2027-01-31' });
  const { proposal } = await call(b, 'rounds.propose', { roundId });
  const counts = new Map<string, number>();
  for (const m of proposal.matches) {
    const corp = dataset.units.find((u) => u.id === m.unitId)!.corporationId;
    counts.set(corp, (counts.get(corp) ?? 0) + 1);
  }
  const corporationId = [...counts.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]![0];
  return { roundId, corporationId };
}

/** rounds.decide as a person does it: from the decision on that pair as it stands now (seenDecidedAt). */
export async function decide(
  b: Backend,
  input: Omit<MethodInput<'rounds.decide'>, 'seenDecidedAt'>,
  actor = 'tester',
): Promise<MethodOutput<'rounds.decide'>> {
  const { decisions } = await call(b, 'rounds.get', { id: input.roundId });
  const seenDecidedAt = decisions.find((d) => d.clientId === input.clientId && d.unitId === input.unitId)?.decidedAt ?? null;
  return call(b, 'rounds.decide', { ...input, seenDecidedAt } as MethodInput<'rounds.decide'>, actor);
}

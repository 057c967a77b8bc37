// Direct SQL for tests that look into the database behind the backend, on SQLite and PostgreSQL
// alike: the text with `?` placeholders (as better-sqlite3 takes them), run through kysely, so the
// same line works on both. Numbers come back as numbers on both (open-postgres.ts parses counts).
import { type RawBuilder, sql } from 'kysely';
import type { Backend } from '../../electron/backend/backend';
import { tableNames } from '../../electron/backend/db/dialect';
import { ROW_ORDER_TABLES } from '../../electron/backend/db/migrations';

/** `text` with each `?` bound to the next parameter. */
export function bound(text: string, params: readonly unknown[]): RawBuilder<unknown> {
  const parts = text.split('?');
  if (parts.length - 1 !== params.length) throw new Error(`${parts.length - 1} placeholders, ${params.length} parameters: ${text}`);
  return sql.join(
    parts.flatMap((p, i) => (i < params.length ? [sql.raw(p), sql.val(params[i])] : [sql.raw(p)])),
    sql``,
  );
}

/** Every row the query gives. */
export async function rows<T = Record<string, unknown>>(b: Backend, text: string, ...params: unknown[]): Promise<T[]> {
  const r = await bound(text, params).execute(b.database.db);
  return r.rows as T[];
}

/** The first row the query gives, or undefined. */
export async function row<T = Record<string, unknown>>(b: Backend, text: string, ...params: unknown[]): Promise<T | undefined> {
  return (await rows<T>(b, text, ...params))[0];
}

/** A statement that returns nothing of interest (update, insert, delete). */
export async function run(b: Backend, text: string, ...params: unknown[]): Promise<void> {
  await bound(text, params).execute(b.database.db);
}

/** True when the backend's database is PostgreSQL (the 'postgres' project). */
export const isPg = (b: Backend): boolean => b.database.kind === 'postgres';

/**
 * Makes every insert into `table` fail with `message` (a database constraint the app did not
 * foresee), until `allowInserts`: a SQLite trigger, or a PostgreSQL trigger function. With `when`
 * (a condition on `new.column`s, the same text on both), only the inserts it holds for.
 */
export async function refuseInserts(b: Backend, table: string, message: string, when?: string): Promise<void> {
  const name = `refuse_${table}`;
  if (isPg(b)) {
    await run(b, `create function ${name}() returns trigger language plpgsql as $$ begin raise exception '${message.replace(/'/g, "''")}'; end $$`);
    await run(b, `create trigger ${name} before insert on ${table} for each row ${when ? `when (${when}) ` : ''}execute function ${name}()`);
  } else {
    await run(b, `create trigger ${name} before insert on ${table} ${when ? `when ${when} ` : ''}begin select raise(abort, '${message.replace(/'/g, "''")}'); end`);
  }
}

export async function allowInserts(b: Backend, table: string): Promise<void> {
  const name = `refuse_${table}`;
  await run(b, isPg(b) ? `drop trigger ${name} on ${table}` : `drop trigger ${name}`);
  if (isPg(b)) await run(b, `drop function ${name}()`);
}

/**
 * The rows without PostgreSQL's `row_order` column (migration 0014: its stand-in for SQLite's rowid,
 * which `select *` does not show), so a `select *` compares the same on both databases.
 */
export function withoutRowOrder<T extends Record<string, unknown>>(found: T[]): Omit<T, 'row_order'>[] {
  return found.map(({ row_order: _, ...rest }) => rest);
}

/**
 * Every table of the database, by name: the schema's (tableNames), and on SQLite its own tables too
 * (sqlite_sequence, sqlite_stat1, …), which hold data as well. PostgreSQL keeps no such tables in the schema.
 */
export async function allTables(b: Backend): Promise<string[]> {
  const own = isPg(b) ? [] : (await rows<{ name: string }>(b, "select name from sqlite_master where type = 'table' and name like 'sqlite_%'")).map((t) => t.name);
  return [...(await tableNames(b.database.db)), ...own].sort();
}

/**
 * A table's rows (`select *`, with an optional `where …`), for comparing a table before and after:
 * on SQLite in rowid order, as written; on PostgreSQL in `row_order` (left out, as SQLite's rowid is)
 * where the table has it, and otherwise, with no order of writing kept, sorted by their content.
 */
export async function rowsAsWritten(b: Backend, table: string, where = ''): Promise<Record<string, unknown>[]> {
  if (!isPg(b)) return rows(b, `select * from "${table}" ${where} order by rowid`);
  if ((ROW_ORDER_TABLES as readonly string[]).includes(table)) return withoutRowOrder(await rows(b, `select * from "${table}" ${where} order by row_order`));
  return (await rows(b, `select * from "${table}" ${where}`))
    .map((r) => [JSON.stringify(r), r] as const)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([, r]) => r);
}

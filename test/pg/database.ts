// A new PostgreSQL database per test backend, copied from the migrated template (test/pg/global-setup.ts).
import pg from 'pg';
import { inject } from 'vitest';
import { TEMPLATE, withDatabase } from './global-setup';

let count = 0;

/** True in the 'postgres' project: the backend tests run on PostgreSQL instead of SQLite. */
export const onPostgres = (): boolean => process.env.UITSTROOMTAFEL_TEST_DB === 'postgres';

/** The address of a new, empty, migrated database. */
export function newPostgresDatabase(): Promise<string> {
  return createDatabase(TEMPLATE);
}

/** The address of a new database without any schema (a server before `init`). */
export function newBarePostgresDatabase(): Promise<string> {
  return createDatabase('template0');
}

async function createDatabase(template: string): Promise<string> {
  const url = inject('pgUrl');
  const name = `t_${process.pid}_${Date.now().toString(36)}_${++count}`;
  const admin = new pg.Client(url);
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  return withDatabase(url, name);
}

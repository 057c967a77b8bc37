// A new PostgreSQL database per test backend, copied from the migrated template (test/pg/global-setup.ts).
import pg from 'pg';
import { inject } from 'vitest';
import { TEMPLATE, withDatabase } from './global-setup';

let count = 0;

/** True in the 'postgres' project: the backend tests run on PostgreSQL instead of SQLite. */
export const onPostgres = (): boolean => process.env.UITSTROOMTAFEL_TEST_DB === 'postgres';

/** The address of a new, empty, migrated database. */
export async function newPostgresDatabase(): Promise<string> {
  return copyOf(TEMPLATE);
}

/**
 * A new database holding what the database at `from` (one of newPostgresDatabase's) holds, as a copy
 * of a SQLite file would: PostgreSQL copies it as a template, so nothing may be connected to it.
 */
export async function copyPostgresDatabase(from: string): Promise<string> {
  return copyOf(new URL(from).pathname.slice(1));
}

/** The address of a new database with nothing in it, not even the schema (migration tests). */
export async function emptyPostgresDatabase(): Promise<string> {
  return copyOf('template0');
}

async function copyOf(template: string): Promise<string> {
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

/**
 * Where a test's backend keeps its data: `sqlite` (a file, or ':memory:'), or in the 'postgres'
 * project a new database on the run's cluster. For tests that open their backend themselves.
 */
export async function orPostgres(sqlite: string): Promise<string> {
  return onPostgres() ? newPostgresDatabase() : sqlite;
}

// Vitest global setup of the 'postgres' project: one throwaway PostgreSQL cluster for the run (or
// UITSTROOMTAFEL_TEST_PG), with a template database migrated once; each test backend is a new
// database copied from it (test/pg/database.ts).
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openDatabase } from '../../electron/backend/db/open';
import { startCluster } from './cluster';

export const TEMPLATE = 'uitstroom_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const own = process.env.UITSTROOMTAFEL_TEST_PG;
  const cluster = own ? null : await startCluster();
  const url = own ?? cluster!.url;
  const admin = new pg.Client(url);
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE}`);
    await admin.query(`create database ${TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const template = await openDatabase(withDatabase(url, TEMPLATE));
  await template.close();
  project.provide('pgUrl', url);
  return () => cluster?.stop();
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

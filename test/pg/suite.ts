// The backend test files that also run on PostgreSQL (the 'postgres' project of vitest.config.mts):
// those whose backend is `memoryBackend()` (test/backend/helpers.ts) or opens on `orPostgres(…)`
// (test/pg/database.ts), which there is a new database on the run's PostgreSQL cluster, and whose own
// looks into the database go through test/pg/sql.ts. A few of them have a part that is SQLite's own
// (the CLI, which opens encrypted files; SQLite's migrations) and is skipped there (`onPostgres()`).
// Files about SQLite itself (the encrypted file, its keyring, the vault and the CLI on it, backups by
// VACUUM INTO and their schedule, two processes on one file) stay SQLite's, and so do the files with
// no database (the proposal worker, report rendering).
// UITSTROOMTAFEL_PG_SUITE=a.test.ts,b.test.ts runs other files (while porting them).
export const POSTGRES_FILES: readonly string[] = [
  'access-export',
  'access-matrix',
  'added-by-chair',
  'audit-chain',
  'audit-wording',
  'client-history',
  'client-monitor-fields',
  'crash-round-close',
  'csv-injection',
  'dataset-roundtrip',
  'demo-region',
  'dispatcher',
  'erasure',
  'export-consent',
  'import',
  'import-complex-warning',
  'import-partial',
  'input-validation',
  'list-audit',
  'lost-update',
  'migrations',
  'monitor',
  'monitor-rows',
  'omklap-release',
  'planning',
  'policy-what-if',
  'reference',
  'register',
  'replace-history',
  'report-corporation',
  'report-meeting',
  'report-provider',
  'retention',
  'review',
  'review-consent',
  'review-forgery',
  'round-lock',
  'round-planning',
  'rounds',
  'rounds-close',
];

export const POSTGRES_SUITE: readonly string[] = process.env.UITSTROOMTAFEL_PG_SUITE
  ? process.env.UITSTROOMTAFEL_PG_SUITE.split(',')
  : POSTGRES_FILES.map((f) => `test/backend/${f}.test.ts`);

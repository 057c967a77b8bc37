// The backend test files that also run on PostgreSQL (the 'postgres' project of vitest.config.mts):
// those whose backend is `memoryBackend()` (test/backend/helpers.ts), which there is a new database on
// the run's PostgreSQL cluster, and whose own looks into the database go through test/pg/sql.ts.
// Files still to port read the database with better-sqlite3 directly; files about SQLite itself (the
// encrypted file, its keyring, backups by VACUUM INTO, two processes on one file) stay SQLite's.
// UITSTROOMTAFEL_PG_SUITE=a.test.ts,b.test.ts runs other files (while porting them).
export const POSTGRES_FILES: readonly string[] = [
  'access-export',
  'added-by-chair',
  'audit-wording',
  'client-history',
  'client-monitor-fields',
  'csv-injection',
  'dataset-roundtrip',
  'dispatcher',
  'erasure',
  'export-consent',
  'import',
  'import-complex-warning',
  'import-partial',
  'input-validation',
  'list-audit',
  'lost-update',
  'monitor',
  'monitor-rows',
  'omklap-release',
  'planning',
  'policy-what-if',
  'reference',
  'register',
  'report-meeting',
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

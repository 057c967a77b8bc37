import { defineConfig } from 'vitest/config';
import { POSTGRES_SUITE } from './test/pg/suite';

export default defineConfig({
  test: {
    environment: 'node',
    reporters: ['default', './test/summary.reporter.ts'],
    // Generous: with four CI runs side by side on 2 cores, e2e steps took over 30 s (issue 12, robust tests).
    testTimeout: 120_000,
    // expect.poll waits up to 20 s (default 1 s): on a busy shared machine a screen can take longer to
    // answer; a poll still ends as soon as its condition holds.
    expect: { poll: { timeout: 20_000, interval: 100 } },
    hookTimeout: 120_000,
    // End-to-end tests start a server and a browser each; keep them from competing on 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      // Everything, on the embedded SQLite database (the default the app opens).
      // (test/server/ is the regional server's own: PostgreSQL only.)
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: ['test/server/**', '**/node_modules/**'] } },
      // The backend suite again on a real PostgreSQL (issue 15): a throwaway cluster for the run.
      {
        extends: true,
        test: {
          name: 'postgres',
          include: [...POSTGRES_SUITE, ...(process.env.UITSTROOMTAFEL_PG_SUITE ? [] : ['test/server/**/*.test.ts'])],
          globalSetup: ['test/pg/global-setup.ts'],
          env: { UITSTROOMTAFEL_TEST_DB: 'postgres' },
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', './test/summary.reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // End-to-end tests start a server and a browser each; keep them from competing on 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
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
  },
});

import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    // Most test files wait on a browser, a proxy or a server more than they compute: at least two at a time
    // (Vitest's default is one fewer than the cores, so one on a two-core machine) halves the run there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './tests/support/summaryReporter.ts'],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
    // Two forks even on two cores: a third of the time is spent importing tfjs per file,
    // which overlaps well with another file's tests.
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

/** Unit and integration tests; e2e specs belong to Playwright. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    // Integration tests each boot a real BEAM VM; two cores cannot run many at once.
    maxWorkers: 2,
    testTimeout: 60_000,
    // On CI, a real-VM test that fails once runs once more; `npm test` lists every test that
    // passed only on its retry, so an intermittent failure is reported, not hidden.
    retry: process.env['CI'] ? 1 : 0,
    hookTimeout: 120_000,
  },
});

import { defineConfig } from 'vitest/config';

// Two tiers (style.md): unit tests beside the code need nothing running; integration tests
// in test/ talk to real Redis and a real MongoDB-compatible server, which the global setup
// finds or starts once for the whole run.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

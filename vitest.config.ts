import { defineConfig } from 'vitest/config';

// Tests import workspace packages from source (the "@faultline/source" export condition),
// so `npm test` never depends on a stale build.
export default defineConfig({
  resolve: { conditions: ['@faultline/source'] },
  ssr: { resolve: { conditions: ['@faultline/source'] } },
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
          // The web UI's component tests need a DOM: they run in their own project below.
          exclude: ['packages/web/**', '**/node_modules/**'],
        },
      },
      'packages/web/vitest.config.ts',
    ],
  },
});

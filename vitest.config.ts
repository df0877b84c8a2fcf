import { defineConfig } from 'vitest/config';

// Tests import workspace packages from source (the "@faultline/source" export condition),
// so `npm test` never depends on a stale build.
export default defineConfig({
  resolve: { conditions: ['@faultline/source'] },
  ssr: { resolve: { conditions: ['@faultline/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});

import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Component tests run in happy-dom (jsdom 27+ needs Node 22); the root config lists this
// project, so `npm test` at the root runs them.
export default defineConfig({
  plugins: [react()],
  test: {
    name: 'web',
    environment: 'happy-dom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    setupFiles: ['./src/test-support/setup.ts'],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tools/**/*.test.ts'],
    environment: 'node',
    // Chinese is loaded on demand in the app; tests translate into it at once.
    setupFiles: ['src/i18n/vitest.setup.ts'],
    // The property suites run thousands of simulations; give them room on a 2-core machine.
    testTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';

// One vitest run covers every package's unit tests; browser e2e tests live in tests/e2e and run separately.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'db/src/**/*.test.ts', 'apps/server/src/**/*.test.ts', 'apps/web/src/**/*.test.ts', 'tests/*.test.ts', 'tests/fuzz/*.test.ts', 'tests/crash/*.test.ts', 'tests/load/*.test.ts', 'tests/fixtures/*.test.ts', 'tests/interop/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

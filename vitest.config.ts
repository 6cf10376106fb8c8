import { defineConfig } from 'vitest/config';

// One vitest run covers every package's unit tests; browser e2e tests live in tests/e2e and run separately.
// tests/run-all.ts runs it twice, on PGlite and on PostgreSQL; the second time (HOPSO_DATABASE_TESTS_ONLY=1)
// it leaves out the files that never open a database, whose results cannot differ between the engines.
const withoutDatabase = ['packages/*/src/**', 'apps/web/src/**', 'tests/fixtures/**', 'tests/report.test.ts', 'tests/e2e-engines.test.ts'];

export default defineConfig({
  test: {
    ...(process.env.HOPSO_DATABASE_TESTS_ONLY === '1' ? { exclude: ['**/node_modules/**', ...withoutDatabase] } : {}),
    include: ['packages/*/src/**/*.test.ts', 'db/src/**/*.test.ts', 'apps/server/src/**/*.test.ts', 'apps/web/src/**/*.test.ts', 'tests/*.test.ts', 'tests/fuzz/*.test.ts', 'tests/crash/*.test.ts', 'tests/multinode/*.test.ts', 'tests/load/*.test.ts', 'tests/fixtures/*.test.ts', 'tests/interop/*.test.ts', 'tests/ops/*.test.ts'],
    // Vitest's default is one worker fewer than the cores: on the 2-core CI machine that is one file at a time,
    // while most files wait on a database, a server process or a child tool. Two files at once use both cores.
    maxWorkers: 2,
    // Each worker keeps its modules from one file to the next: importing the server's module graph afresh took
    // 2–7 s per file, most of the suite's time (573 → 407 s on PGlite, 387 → 260 s on PostgreSQL). Files that change process.env or fake
    // timers put them back in afterAll/afterEach.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Rows written by a background worker can take seconds to appear on a loaded 2-core machine.
    expect: { poll: { timeout: 10_000 } },
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { leftToOtherPass } from './e2e/engines.ts';

// Browser end-to-end tests: each file starts its own server (tests/e2e/harness.ts) and drives Debian's
// chromium, so files run one at a time — two servers plus two browsers on a 2-core CI box would only
// make timings flaky. Run by tests/run-all.ts twice, side by side: server on PGlite and on PostgreSQL.
//
// Side by side (HOPSO_E2E_SPLIT=1), most files run in one of the two passes only: tests/e2e/engines.ts.
const engine = process.env.E2E_DATABASE_URL ? 'postgres' : 'pglite';
const otherPass = process.env.HOPSO_E2E_SPLIT === '1' ? leftToOtherPass(engine).map((f) => `tests/e2e/${f}`) : [];

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['tests/e2e/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...otherPass],
    globalSetup: ['tests/e2e/template.ts'],
    fileParallelism: false,
    // One process runs the files one after the other, keeping its modules (playwright-core, the fixtures)
    // instead of starting afresh for each file.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // A page's refresh after a change can take seconds on a loaded 2-core machine; vitest's 1 s default for
    // expect.poll made such waits fail where Playwright's own waits (30 s) pass.
    expect: { poll: { timeout: 15_000 } },
  },
});

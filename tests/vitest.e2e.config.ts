import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: each file starts its own server (tests/e2e/harness.ts) and drives Debian's
// chromium, so files run one at a time — two servers plus two browsers on a 2-core CI box would only
// make timings flaky. Run by tests/run-all.ts twice: server on PGlite, then on PostgreSQL.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // A page's refresh after a change can take seconds on a loaded 2-core machine; vitest's 1 s default for
    // expect.poll made such waits fail where Playwright's own waits (30 s) pass.
    expect: { poll: { timeout: 15_000 } },
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: each file starts its own server (tests/e2e/harness.ts) and drives Debian's
// chromium, so files run one at a time — two servers plus two browsers on a 2-core CI box would only
// make timings flaky. Run by tests/run-all.ts twice, side by side: server on PGlite and on PostgreSQL.
//
// Some files check only what the browser makes of the pages — axe-core tours of every screen, pdf.js
// rendering and touch gestures — and nothing in them depends on the database engine (their server paths run
// on both engines in the unit suite and in the other e2e files). With HOPSO_E2E_SPLIT=1 (tests/run-all.ts)
// each of them runs in one of the two passes only, shared out so the passes take about as long.
const browserOnly: Record<string, 'pglite' | 'postgres'> = {
  'tests/e2e/accessibility.test.ts': 'pglite',
  'tests/e2e/accessibility-more.test.ts': 'postgres',
  'tests/e2e/viewer.test.ts': 'postgres',
  'tests/e2e/viewer-touch.test.ts': 'postgres',
};
const engine = process.env.E2E_DATABASE_URL ? 'postgres' : 'pglite';
const otherPass = process.env.HOPSO_E2E_SPLIT === '1' ? Object.keys(browserOnly).filter((f) => browserOnly[f] !== engine) : [];

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['tests/e2e/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...otherPass],
    globalSetup: ['tests/e2e/template.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // A page's refresh after a change can take seconds on a loaded 2-core machine; vitest's 1 s default for
    // expect.poll made such waits fail where Playwright's own waits (30 s) pass.
    expect: { poll: { timeout: 15_000 } },
  },
});

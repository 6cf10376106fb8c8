// vitest globalSetup of the e2e suite: one server seeds the demo data once, and every test file's server
// starts from a copy of it (tests/e2e/harness.ts makeTemplate) instead of migrating and seeding again —
// about ten seconds per server on a loaded 2-core machine.
import { makeTemplate } from './harness.ts';

export default async function setup(): Promise<() => Promise<void>> {
  const started = performance.now();
  const { remove } = await makeTemplate();
  console.log(`e2e: seeded template ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return remove;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { resolutions, trustAnchors } from '@hopso/db/schema/index';
import { createTestApp, type TestApp } from '../testing.ts';
import { prepareDemoSigning } from './demo.ts';
import { sealSigner } from './seal.ts';

describe('demo signing set-up', () => {
  let t: TestApp;
  const dataDir = mkdtempSync(join(tmpdir(), 'hopso-demo-pki-'));
  beforeAll(async () => {
    t = await createTestApp({ env: { DATA_DIR: dataDir, DEMO_SEED: 'true' } });
    await prepareDemoSigning(t.deps, true);
  });
  afterAll(async () => { await t.close(); rmSync(dataDir, { recursive: true, force: true }); });

  it('writes the demo PKI once, trusts its root and intermediate, and opens the seal key', async () => {
    for (const name of ['root.pem', 'intermediate.pem', 'chutich.p12', 'seal.p12']) expect(statSync(join(dataDir, 'demo-pki', name)).size).toBeGreaterThan(100);
    const before = statSync(join(dataDir, 'demo-pki', 'chutich.p12')).mtimeMs;
    await prepareDemoSigning(t.deps, false);
    expect(statSync(join(dataDir, 'demo-pki', 'chutich.p12')).mtimeMs).toBe(before);
    const anchors = await t.db.select().from(trustAnchors);
    expect(anchors.map((a) => a.kind).sort()).toEqual(['intermediate', 'root']);
    const seal = await sealSigner(t.deps.config);
    expect((await seal.certificateChain()).length).toBe(3);
  });

  it('leaves a numbered resolution from an adopted poll of the past session, ready for the chair', async () => {
    const rows = await t.db.select().from(resolutions).where(eq(resolutions.status, 'ready'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code).toBe('1/NQ-HĐND');
    const chair = await t.login('chutich');
    const view = await (await t.request('GET', `/api/resolutions/${rows[0]!.id}`, { cookie: chair })).json();
    expect(view.resolution.canSign).toBe(true);
  });
});

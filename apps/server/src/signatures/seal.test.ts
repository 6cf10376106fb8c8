import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { councils, trustAnchors } from '@hopso/db/schema/index';
import { toPkcs12 } from '@hopso/signature/pki';
import { cscSigner, fakeCscService } from '@hopso/signature/remote-testing';
import { COUNCIL_NAME, testPki, type TestPki } from '@hopso/signature/testing';
import { loadConfig } from '../config.ts';
import { createTestApp } from '../testing.ts';
import { signedAndSealed } from '../resolutions/testing.ts';
import { prepareDemoSigning } from './demo.ts';
import { sealSigner } from './seal.ts';

describe('the seal signer factory', () => {
  let pki: TestPki;
  const dir = mkdtempSync(join(tmpdir(), 'hopso-seal-'));
  const p12 = join(dir, 'seal.p12');
  beforeAll(async () => {
    pki = await testPki();
    writeFileSync(p12, await toPkcs12(pki.seal.privateKey, [pki.seal.certificate, pki.intermediate.certificate], 'Dấu 2026'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = (env: Record<string, string>) => loadConfig({ DATA_DIR: dir, DEMO_SEED: 'false', ...env });

  it('defaults to the PKCS#12 file, and refuses to start with a kind it has no factory for', () => {
    expect(config({}).SEAL_SIGNER).toBe('pkcs12');
    expect(() => config({ SEAL_SIGNER: 'csc' })).toThrow(/SEAL_SIGNER/);
  });

  it('pkcs12: the configured file\'s key signs as the seal certificate', async () => {
    const signer = await sealSigner(config({ SEAL_P12_PATH: p12, SEAL_P12_PASSPHRASE: 'Dấu 2026' }));
    const chain = await signer.certificateChain();
    expect(Buffer.from(chain[0]!).equals(Buffer.from(pki.seal.certificate))).toBe(true);
    const data = new TextEncoder().encode('signed attributes');
    const signature = await signer.sign(data);
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', pki.seal.publicKey, signature as Uint8Array<ArrayBuffer>, data)).toBe(true);
  });

  it('pkcs12: a wrong passphrase, a missing file or no configuration is seal_unavailable', async () => {
    const envs: Record<string, string>[] = [{ SEAL_P12_PATH: p12, SEAL_P12_PASSPHRASE: 'sai' }, { SEAL_P12_PATH: join(dir, 'none.p12') }, {}];
    for (const env of envs) {
      await expect(sealSigner(config(env))).rejects.toMatchObject({ code: 'seal_unavailable' });
    }
  });
});

describe('a remote (CSC-style) signer for the chair, through the routes', () => {
  it('signs a resolution the server then verifies and seals', async () => {
    const pki = await testPki();
    const dataDir = mkdtempSync(join(tmpdir(), 'hopso-remote-'));
    const t = await createTestApp({ env: { DATA_DIR: dataDir, DEMO_SEED: 'true' } });
    try {
      await prepareDemoSigning(t.deps, false);
      const [council] = await t.db.select().from(councils);
      await t.db.insert(trustAnchors).values({ councilId: council!.id, kind: 'root', subject: 'Test Root', issuer: 'Test Root', fingerprint: 'remote-test-root', der: Buffer.from(pki.root.certificate).toString('base64') });
      const service = await fakeCscService(pki.intermediate, { commonName: 'Nguyễn Văn Thành', organisation: COUNCIL_NAME }, '246810');
      const { body } = await signedAndSealed(t, { signer: cscSigner(service, service.credentialID, '246810') });
      expect(body.report.ok).toBe(true);
      expect(body.resolution.status).toBe('sealed');
      expect(body.report.signatures.map((s: { signer: { commonName: string } }) => s.signer.commonName)).toEqual(['Nguyễn Văn Thành', 'HĐND xã Tân Phú']);
      // One authorisation and one signHash of one hash: the service never saw the document.
      expect(service.received.filter((r) => r.includes('"hashes"'))).toHaveLength(2);
    } finally {
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

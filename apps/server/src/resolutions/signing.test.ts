import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { verificationReportSchema } from '@hopso/shared/signature';
import { createCms } from '@hopso/signature/cms';
import { createIntermediateCa, createPersonCertificate, createRootCa, startTestTsa } from '@hopso/signature/pki';
import { and, eq } from 'drizzle-orm';
import { auditLog, trustAnchors } from '@hopso/db/schema/index';
import { cryptoKeySigner, type Signer } from '@hopso/signature/signer';
import type { TestApp } from '../testing.ts';
import { b64, closedPoll, demoSigningApp, signedAndSealed, type DemoSigning } from './testing.ts';

describe('signing a resolution: browser CMS, server verification, council seal', () => {
  let t: TestApp;
  let chair: string;
  let secretary: string;
  let chairSigner: Signer;
  let app: DemoSigning;
  beforeAll(async () => {
    app = await demoSigningApp('signing');
    ({ t, chair, secretary, chairSigner } = app);
  });
  afterAll(() => app.close());

  async function readyResolution(title?: string) {
    const { pollId, councilId } = await closedPoll(t, title ? { title } : {});
    const res = await t.request('POST', `/api/polls/${pollId}/resolution`, { cookie: secretary, body: {} });
    expect(res.status).toBe(201);
    return { id: (await res.json()).resolution.id as string, councilId };
  }
  async function start(id: string, signer: Signer, cookie = chair) {
    const res = await t.request('POST', `/api/resolutions/${id}/signing`, { cookie, body: { certificates: (await signer.certificateChain()).map(b64) } });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()).session as { sessionId: string; digest: string };
  }
  const complete = (sessionId: string, cms: Uint8Array, cookie = chair) => t.request('POST', `/api/signing-sessions/${sessionId}/cms`, { cookie, body: { cms: b64(cms) } });

  it('accepts the chair\'s signature, seals, keeps the file with its SHA-256 and indexes its text', async () => {
    const { id, councilId } = await readyResolution('Nghị quyết về kế hoạch đầu tư công có chữ ký');
    const session = await start(id, chairSigner);
    const res = await complete(session.sessionId, await createCms(chairSigner, Buffer.from(session.digest, 'base64')));
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await res.json();
    expect(body.sealError).toBeUndefined();
    expect(body.resolution.status).toBe('sealed');
    const report = verificationReportSchema.parse(body.report);
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => s.signer?.commonName)).toEqual(['Nguyễn Văn Thành', 'HĐND xã Tân Phú']);
    expect(report.signatures.at(-1)!.coversWholeDocument).toBe(true);
    // Signature and seal are audited in the transaction that records them.
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'resolution.sealed'), eq(auditLog.targetId, id)));
    expect(audit).toMatchObject({ councilId, details: { sealedSha256: body.resolution.sha256 } });

    const file = new Uint8Array(await (await t.request('GET', `/api/resolutions/${id}/file`, { cookie: chair })).arrayBuffer());
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(file).digest('hex')).toBe(body.resolution.sha256);
    // The public verify page reaches the same verdict on the downloaded file, without a session.
    const verified = await t.request('POST', '/api/verify', { headers: { 'content-type': 'application/pdf', origin: 'http://hopso.test' }, body: file });
    const publicReport = (await verified.json()).report;
    expect(publicReport.ok, JSON.stringify(publicReport)).toBe(true);
    // Full text: words of the draft's body (not in the title) find it.
    const found = await (await t.request('GET', `/api/councils/${councilId}/resolutions?q=ke%20hoach%20dau%20tu`, { cookie: chair })).json();
    expect(found.resolutions.map((r: { id: string }) => r.id)).toContain(id);
    // Signing again is refused; publishing makes the file public.
    expect((await t.request('POST', `/api/resolutions/${id}/signing`, { cookie: chair, body: { certificates: ['AAAA'] } })).status).toBe(409);
    expect((await t.request('POST', `/api/resolutions/${id}/publish`, { cookie: secretary })).status).toBe(200);
    expect((await t.request('GET', `/api/public/resolutions/${id}/file`)).status).toBe(200);
  });

  it('refuses a CMS over another document with the digest reason, and keeps the resolution ready', async () => {
    const { id } = await readyResolution();
    const session = await start(id, chairSigner);
    const res = await complete(session.sessionId, await createCms(chairSigner, new Uint8Array(32).fill(7)));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.code).toBe('signature_rejected');
    expect(body.fields.signature.map((m: { en: string }) => m.en).join(' ')).toMatch(/digest/i);
    const view = await (await t.request('GET', `/api/resolutions/${id}`, { cookie: chair })).json();
    expect(view.resolution.status).toBe('ready');
  });

  it('refuses a certificate outside the council\'s trust store as untrusted', async () => {
    const { id } = await readyResolution();
    const root = await createRootCa('Untrusted Root');
    const ca = await createIntermediateCa(root, 'Untrusted CA');
    const person = await createPersonCertificate(ca, { commonName: 'Nguyễn Văn Thành' });
    const stranger = cryptoKeySigner(person.privateKey, [person.certificate, ca.certificate, root.certificate]);
    const session = await start(id, stranger);
    const res = await complete(session.sessionId, await createCms(stranger, Buffer.from(session.digest, 'base64')));
    expect(res.status).toBe(422);
    expect((await res.json()).fields.signature.map((m: { en: string }) => m.en).join(' ')).toMatch(/trusted root/);
  });

  it('refuses garbage, another user\'s session and an expired session', async () => {
    const { id } = await readyResolution();
    const session = await start(id, chairSigner);
    const garbage = await complete(session.sessionId, new Uint8Array([1, 2, 3, 4]));
    expect(garbage.status).toBe(422);
    expect((await complete(session.sessionId, new Uint8Array(4), secretary)).status).toBe(404);
    // Expiry: a clock past the session's end.
    const realNow = t.deps.now;
    t.deps.now = () => new Date(Date.now() + 60 * 60_000);
    try {
      const res = await complete(session.sessionId, await createCms(chairSigner, Buffer.from(session.digest, 'base64')));
      expect(res.status).toBe(409);
      expect((await res.json()).code).toBe('signing_expired');
    } finally {
      t.deps.now = realNow;
    }
  });

  it('answers the public verify route with clear 4xx for bad input and a report for an unsigned PDF', async () => {
    const post = (body: Uint8Array | string, type = 'application/pdf') => t.request('POST', '/api/verify', { headers: { 'content-type': type, origin: 'http://hopso.test' }, body });
    expect((await post(new TextEncoder().encode('hello, not a pdf'))).status).toBe(400);
    expect((await post('{}', 'application/json')).status).toBe(415);
    const config = t.deps.config as { MAX_VERIFY_MB: number };
    const limit = config.MAX_VERIFY_MB;
    config.MAX_VERIFY_MB = 1;
    try {
      const tooLarge = await post(new Uint8Array(1024 * 1024 + 10).fill(0x25));
      expect(tooLarge.status).toBe(413);
      expect((await tooLarge.json()).code).toBe('payload_too_large');
    } finally {
      config.MAX_VERIFY_MB = limit;
    }
    const { draftPdf } = await import('./testing.ts');
    const unsigned = await (await post(await draftPdf())).json();
    expect(unsigned.report.ok).toBe(false);
    expect(unsigned.report.signatures).toEqual([]);
  });
});

describe('signing without a configured seal', () => {
  it('records nothing and keeps the resolution ready when the council seal cannot be applied', async () => {
    const { t, dataDir, chair, secretary, chairSigner: signer, close } = await demoSigningApp('noseal');
    try {
      t.deps.config.SEAL_P12_PATH = join(dataDir, 'missing.p12');
      const { pollId } = await closedPoll(t);
      const { resolution } = await (await t.request('POST', `/api/polls/${pollId}/resolution`, { cookie: secretary, body: {} })).json();
      const started = await t.request('POST', `/api/resolutions/${resolution.id}/signing`, { cookie: chair, body: { certificates: (await signer.certificateChain()).map(b64) } });
      const { session } = await started.json();
      const res = await t.request('POST', `/api/signing-sessions/${session.sessionId}/cms`, { cookie: chair, body: { cms: b64(await createCms(signer, Buffer.from(session.digest, 'base64'))) } });
      expect(res.status).toBe(503);
      expect((await res.json()).code).toBe('seal_unavailable');
      const view = await (await t.request('GET', `/api/resolutions/${resolution.id}`, { cookie: chair })).json();
      expect(view.resolution.status).toBe('ready');
    } finally {
      await close();
    }
  }, 120_000);
});

describe('signing with a timestamp authority (PAdES B-T)', () => {
  it('timestamps the chair\'s signature and the seal when TSA_URL is set', async () => {
    const tsaRoot = await createRootCa('Họp Số Test TSA Root');
    const tsa = await startTestTsa({ issuer: tsaRoot });
    const { t, close } = await demoSigningApp('tsa', { TSA_URL: tsa.url });
    try {
      // The TSA's root goes into the council's trust store like any other.
      const { councilId } = await closedPoll(t, { withDraft: false });
      await t.db.insert(trustAnchors).values({ councilId, kind: 'root', subject: 'TSA Root', issuer: 'TSA Root', fingerprint: 'tsa-root', der: b64(tsaRoot.certificate) });
      const { body } = await signedAndSealed(t);
      expect(body.report.ok).toBe(true);
      expect(body.report.signatures.map((s: { timestamp: unknown }) => s.timestamp !== null)).toEqual([true, true]);
      expect(tsa.issued()).toBe(2);
    } finally {
      await close();
      await tsa.close();
    }
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, committees, consultations } from '@hopso/db/schema/index';
import type { Consultation } from '@hopso/shared/consultation';
import { verificationReportSchema } from '@hopso/shared/signature';
import { createCms } from '@hopso/signature/cms';
import type { Signer } from '@hopso/signature/signer';
import type { TestApp } from '../testing.ts';
import { b64, demoSigningApp, sha256Hex, type DemoSigning } from '../resolutions/testing.ts';

/** The closed result sheet goes through the resolutions' browser signing flow: chair's CMS, trust store, council seal. */
describe('signing the result sheet of a consultation', () => {
  let app: DemoSigning;
  let t: TestApp;
  let chair: string;
  let secretary: string;
  let chairSigner: Signer;
  let councilId: string;

  beforeAll(async () => {
    app = await demoSigningApp('consultation-signing');
    ({ t, chair, secretary, chairSigner, councilId } = app);
  }, 120_000);
  afterAll(() => app.close());

  async function consultation(close: boolean): Promise<string> {
    const [committee] = await t.db.select().from(committees).where(and(eq(committees.councilId, councilId), eq(committees.name, 'Ban Pháp chế')));
    const created = await t.request('POST', `/api/councils/${councilId}/consultations`, { cookie: secretary, body: {
      title: 'Xin ý kiến về phương án sắp xếp thôn', baseKind: 'committee', baseBodyId: committee!.id, deadline: new Date(Date.now() + 86_400_000).toISOString(),
      questions: [{ kind: 'opinion', text: 'Đồng ý phương án?' }],
    } });
    const { id } = (await created.json()).consultation as Consultation;
    expect((await t.request('POST', `/api/consultations/${id}/send`, { cookie: secretary })).status).toBe(200);
    if (close) expect((await t.request('POST', `/api/consultations/${id}/close`, { cookie: secretary })).status).toBe(200);
    return id;
  }
  const start = (id: string, cookie = chair) => chairSigner.certificateChain().then((chain) => t.request('POST', `/api/consultations/${id}/signing`, { cookie, body: { certificates: chain.map(b64) } }));

  it('lets the chair sign the closed sheet once; the server verifies, seals, serves the sealed file and audits it', async () => {
    const id = await consultation(true);
    const before = (await (await t.request('GET', `/api/consultations/${id}`, { cookie: chair })).json()).consultation as Consultation;
    expect(before).toMatchObject({ status: 'closed', canSign: true, signed: false });
    const started = await start(id);
    expect(started.status, await started.clone().text()).toBe(201);
    const { session } = (await started.json()) as { session: { sessionId: string; digest: string } };
    const done = await t.request('POST', `/api/signing-sessions/${session.sessionId}/cms`, { cookie: chair, body: { cms: b64(await createCms(chairSigner, Buffer.from(session.digest, 'base64'))) } });
    const body = await done.json();
    expect(done.status, JSON.stringify(body)).toBe(200);
    expect(verificationReportSchema.parse(body.report).ok).toBe(true);
    expect(body.consultation).toMatchObject({ id, signed: true, canSign: false });

    const [row] = await t.db.select().from(consultations).where(eq(consultations.id, id));
    const file = new Uint8Array(await (await t.request('GET', `/api/consultations/${id}/result.pdf`, { cookie: secretary })).arrayBuffer());
    expect(sha256Hex(file)).toBe(row!.sealedSha256);
    // The sealed file begins with the frozen sheet, byte for byte.
    const frozen = await t.deps.blobs.read(row!.resultSha256!);
    expect(sha256Hex(file.subarray(0, frozen.byteLength))).toBe(row!.resultSha256);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'consultation.signed'), eq(auditLog.targetId, id)));
    expect(audit).toHaveLength(1);
    expect((await start(id)).status).toBe(409);
  });

  it('refuses to sign a sheet still open, and anyone but the chair', async () => {
    const open = await consultation(false);
    const res = await start(open);
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe('consultation_state');
    expect((await start(await consultation(true), secretary)).status).toBe(403);
  });
});

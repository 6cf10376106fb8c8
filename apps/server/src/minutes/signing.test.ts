import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { PDFDocument, PDFName, PDFArray, PDFDict, PDFNumber } from 'pdf-lib';
import { auditLog, invitations, meetings, users } from '@hopso/db/schema/index';
import type { MinutesView } from '@hopso/shared/record';
import { verificationReportSchema } from '@hopso/shared/signature';
import { createCms } from '@hopso/signature/cms';
import type { Signer } from '@hopso/signature/signer';
import type { TestApp } from '../testing.ts';
import { b64, demoSigningApp, sha256Hex, type DemoSigning } from '../resolutions/testing.ts';
import { verifyChain } from '../audit/verify.ts';

/** The final minutes go through the resolutions' browser signing flow: chair's CMS, trust store, council seal. */
describe('signing the final minutes', () => {
  let app: DemoSigning;
  let t: TestApp;
  let chair: string;
  let secretary: string;
  let chairSigner: Signer;
  let councilId: string;

  beforeAll(async () => {
    app = await demoSigningApp('minutes-signing');
    ({ t, chair, secretary, chairSigner, councilId } = app);
  }, 120_000);
  afterAll(() => app.close());

  /** A fresh held meeting of the demo council, its minutes finalised by the secretary unless `draft`. */
  async function meetingWithMinutes(options: { draft?: boolean; signerId?: string } = {}) {
    const [m] = await t.db.insert(meetings).values({ councilId, kind: 'thematic', title: 'Kỳ họp chuyên đề tháng 11', startsAt: new Date('2026-11-20T01:00:00Z'), place: 'Phòng họp UBND xã', status: 'closed' }).returning();
    const base = `/api/meetings/${m!.id}/minutes`;
    const put = await t.request('PUT', base, { cookie: secretary, body: { notes: { opening: 'Khai mạc phiên họp.' }, code: '11', ...(options.signerId ? { signerId: options.signerId } : {}) } });
    expect(put.status, await put.clone().text()).toBe(200);
    if (!options.draft) expect((await t.request('POST', `${base}/finalize`, { cookie: secretary, body: {} })).status).toBe(200);
    return { id: m!.id, base };
  }
  const start = (base: string, signer: Signer, cookie = chair) => signer.certificateChain().then((chain) => t.request('POST', `${base}/signing`, { cookie, body: { certificates: chain.map(b64) } }));
  const complete = (sessionId: string, cms: Uint8Array, cookie = chair) => t.request('POST', `/api/signing-sessions/${sessionId}/cms`, { cookie, body: { cms: b64(cms) } });
  const view = async (base: string, cookie = chair) => ((await (await t.request('GET', base, { cookie })).json()) as { minutes: MinutesView }).minutes;

  it('lets the chair sign the final minutes; the server verifies, seals, keeps the file and audits it', async () => {
    const { id, base } = await meetingWithMinutes();
    const before = await view(base);
    expect(before).toMatchObject({ status: 'final', canSign: true, signedAt: null });
    expect((await view(base, secretary)).canSign).toBe(false);

    const started = await start(base, chairSigner);
    expect(started.status, await started.clone().text()).toBe(201);
    const { session } = (await started.json()) as { session: { sessionId: string; digest: string } };
    const res = await complete(session.sessionId, await createCms(chairSigner, Buffer.from(session.digest, 'base64')));
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    const report = verificationReportSchema.parse(body.report);
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => s.signer?.commonName)).toEqual(['Nguyễn Văn Thành', 'HĐND xã Tân Phú']);
    const signed = body.minutes as MinutesView;
    expect(signed).toMatchObject({ status: 'signed', canSign: false, signerName: 'Nguyễn Văn Thành', finalSha256: before.finalSha256, signedSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // Readers now get the signed and sealed file; its first revision is the frozen final PDF, byte for byte.
    const file = new Uint8Array(await (await t.request('GET', `${base}/pdf`, { cookie: secretary })).arrayBuffer());
    expect(sha256Hex(file)).toBe(signed.signedSha256);
    const final = await t.deps.blobs.read(before.finalSha256!);
    expect(sha256Hex(file.subarray(0, final.byteLength))).toBe(before.finalSha256);
    const verified = await t.request('POST', '/api/verify', { headers: { 'content-type': 'application/pdf', origin: 'http://hopso.test' }, body: file });
    expect((await verified.json()).report.ok).toBe(true);

    // The chair's widget sits in the printed "CHỦ TỌA" block of the last page, not in the default corner.
    const doc = await PDFDocument.load(file, { updateMetadata: false });
    const last = doc.getPage(doc.getPageCount() - 1);
    const annots = last.node.lookup(PDFName.of('Annots'), PDFArray);
    const rects = annots.asArray().map((ref) => doc.context.lookup(ref, PDFDict).lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber()));
    expect(rects).toHaveLength(2);
    expect(rects[0]).toEqual(rects[1]);
    expect(rects[0]![0]).toBeLessThan(last.getWidth() / 2 + 40);

    // Audited in the signing transaction, with the hashes; the chain still verifies.
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'minutes.signed'), eq(auditLog.meetingId, id)));
    const [chairUser] = await t.db.select().from(users).where(eq(users.username, 'chutich'));
    expect(entry).toMatchObject({ actorId: chairUser!.id, councilId, details: { finalSha256: before.finalSha256, sealedSha256: signed.signedSha256 } });
    expect(await verifyChain(t.db)).toMatchObject({ ok: true });

    // The record ZIP holds both: the frozen text and the signed copy, each in the manifest.
    const files = unzipSync(new Uint8Array(await (await t.request('GET', `/api/meetings/${id}/exports/record.zip`, { cookie: secretary })).arrayBuffer()));
    expect(sha256Hex(files['bien-ban.pdf']!)).toBe(before.finalSha256);
    expect(sha256Hex(files['bien-ban-da-ky.pdf']!)).toBe(signed.signedSha256);
    expect(JSON.parse(strFromU8(files['manifest.json']!)).minutes).toEqual({ final: true, signed: true, sha256: before.finalSha256, signedSha256: signed.signedSha256 });

    // Once signed: no second signature.
    expect(await (await start(base, chairSigner)).json()).toMatchObject({ ok: false, code: 'minutes_state' });
  }, 120_000);

  it('refuses a draft, a caller who is not the signer, and a CMS over another digest (the minutes stay final)', async () => {
    const draft = await meetingWithMinutes({ draft: true });
    expect(await (await start(draft.base, chairSigner)).json()).toMatchObject({ ok: false, code: 'minutes_state' });
    const { base } = await meetingWithMinutes();
    const notSigner = await start(base, chairSigner, secretary);
    expect(notSigner.status).toBe(403);
    expect((await notSigner.json()).code).toBe('not_signer');
    expect((await t.request('POST', `${base}/signing`, { cookie: chair, body: { certificates: [] } })).status).toBe(400);
    const { session } = (await (await start(base, chairSigner)).json()) as { session: { sessionId: string } };
    const res = await complete(session.sessionId, await createCms(chairSigner, new Uint8Array(32).fill(7)));
    expect(res.status).toBe(422);
    expect((await res.json()).code).toBe('signature_rejected');
    expect((await view(base)).status).toBe('final');
  }, 120_000);

  it('lets the assigned signer sign instead of the chair; the signer must be a member of the council', async () => {
    const [vice] = await t.db.select().from(users).where(eq(users.username, 'phochutich'));
    const { id, base } = await meetingWithMinutes({ signerId: vice!.id });
    await t.db.insert(invitations).values({ meetingId: id, userId: vice!.id });
    expect((await start(base, chairSigner)).status).toBe(403);
    const viceCookie = await t.login('phochutich');
    expect((await view(base, viceCookie)).canSign).toBe(true);
    expect((await start(base, chairSigner, viceCookie)).status).toBe(201);
    const [stranger] = await t.db.insert(users).values({ username: `ngoai-${Date.now()}`, fullName: 'Người ngoài', passwordHash: 'x', calendarToken: `tok-${Date.now()}-minutes-signing` }).returning();
    const other = await meetingWithMinutes({ draft: true }).then(({ base: b }) => t.request('PUT', b, { cookie: secretary, body: { notes: {}, signerId: stranger!.id } }));
    expect(other.status).toBe(400);
  }, 120_000);
});

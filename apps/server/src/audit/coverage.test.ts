import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, gt } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { auditLog, committees, consultationQuestions, councils, meetings, users } from '@hopso/db/schema/index';
import { createIntermediateCa, createRootCa, toPem } from '@hopso/signature/pki';
import { defaultRuleSet } from '@hopso/shared/rules';
import { createTestApp, type TestApp } from '../testing.ts';
import { verifyChain } from './verify.ts';
import { onePixelPng } from '../resolutions/testing.ts';

type Entry = typeof auditLog.$inferSelect;

/**
 * Every state-changing HTTP action writes its audit entry, one area at a time: sign-out, council settings
 * and members, the trust store and signature images, meetings and their agenda, documents and openings of
 * internal ones, recordings, minutes, comments on drafts. (Sign-in, uploads: routes.test.ts; the live sitting and ballots:
 * live.test.ts; signatures: resolutions/signing.test.ts and minutes/signing.test.ts.)
 */
describe('audit coverage of HTTP actions', () => {
  let t: TestApp;
  let councilId: string;
  let meetingId: string;
  let admin: string;
  let secretary: string;
  let clerk: string;
  let delegate: string;
  let ids: Record<'admin' | 'secretary' | 'clerk' | 'delegate', string>;

  beforeAll(async () => {
    t = await createTestApp();
    councilId = (await t.db.select().from(councils))[0]!.id;
    meetingId = (await t.db.select().from(meetings).where(eq(meetings.kind, 'regular')))[0]!.id;
    [admin, secretary, clerk, delegate] = await Promise.all(['admin', 'thuky', 'chuyenvien', 'daibieu01'].map((u) => t.login(u))) as [string, string, string, string];
    const byName = async (u: string) => (await t.db.select().from(users).where(eq(users.username, u)))[0]!.id;
    ids = { admin: await byName('admin'), secretary: await byName('thuky'), clerk: await byName('chuyenvien'), delegate: await byName('daibieu01') };
  });
  afterAll(async () => { await t.close(); });

  /** Runs `act` and returns the entries it appended, after checking it answered with a 2xx. */
  async function appended(act: () => Response | Promise<Response>): Promise<Entry[]> {
    const [last] = await t.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(asc(auditLog.seq)).then((rows) => rows.slice(-1));
    const res = await act();
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return t.db.select().from(auditLog).where(gt(auditLog.seq, last?.seq ?? 0)).orderBy(asc(auditLog.seq));
  }
  const send = (method: string, path: string, cookie: string, body?: unknown) => () => t.request(method, path, { cookie, ...(body !== undefined ? { body } : {}) });
  const pdf = async () => { const d = await PDFDocument.create(); d.addPage(); return d.save(); };

  it('sign-out, here and everywhere', async () => {
    const cookie = await t.login('daibieu02');
    const [user] = await t.db.select().from(users).where(eq(users.username, 'daibieu02'));
    expect(await appended(send('POST', '/api/auth/logout', cookie))).toMatchObject([{ action: 'auth.logout', actorId: user!.id }]);
    expect(await appended(send('POST', '/api/auth/logout-all', await t.login('daibieu02')))).toMatchObject([{ action: 'auth.logout', actorId: user!.id, details: { everywhere: true } }]);
  });

  it('council settings, rules, terms, committees and member imports', async () => {
    expect(await appended(send('PATCH', `/api/councils/${councilId}`, secretary, { name: 'HĐND xã Tân Phú', locality: 'Xã Tân Phú' })))
      .toMatchObject([{ action: 'council.updated', actorId: ids.secretary, councilId, details: { name: 'HĐND xã Tân Phú' } }]);
    const rules = { ...defaultRuleSet, speakerSeconds: 240 };
    expect(await appended(send('PUT', `/api/councils/${councilId}/rules`, secretary, rules)))
      .toMatchObject([{ action: 'council.updated', councilId, details: { rules: { speakerSeconds: 240 } } }]);
    expect(await appended(send('POST', `/api/councils/${councilId}/terms`, admin, { name: 'Nhiệm kỳ 2031–2036', startsOn: '2031-03-15', endsOn: '2036-03-14' })))
      .toMatchObject([{ action: 'council.updated', actorId: ids.admin, details: { term: { name: 'Nhiệm kỳ 2031–2036' } } }]);
    expect(await appended(send('POST', `/api/councils/${councilId}/committees`, secretary, { name: 'Ban Dân tộc' })))
      .toMatchObject([{ action: 'committee.changed', details: { change: 'created', name: 'Ban Dân tộc' } }]);
    const imported = await appended(send('POST', `/api/councils/${councilId}/members/import`, secretary, { csv: 'name,email,phone,role,committee,group\nĐại biểu Kiểm Toán,,,delegate,,' }));
    expect(imported).toMatchObject([{ action: 'member.imported', details: { imported: 1, created: 1 } }]);
    // Counts only: the import's answer carries the initial password, the log never does.
    expect(Object.keys(imported[0]!.details).sort()).toEqual(['created', 'imported']);
  });

  it('the trust store and the images of the visible signature (their hash, not the image)', async () => {
    const root = await createRootCa('Coverage Root');
    const added = await appended(send('POST', `/api/councils/${councilId}/trust-anchors`, admin, { kind: 'root', data: toPem(root.certificate) }));
    expect(added).toMatchObject([{ action: 'trust.changed', actorId: ids.admin, councilId, targetType: 'trustAnchor', details: { change: 'added', kind: 'root', subject: expect.stringContaining('Coverage Root') } }]);
    const intermediate = await createIntermediateCa(root, 'Coverage CA');
    await appended(send('POST', `/api/councils/${councilId}/trust-anchors`, admin, { kind: 'intermediate', data: toPem(intermediate.certificate) }));
    expect(await appended(send('DELETE', `/api/trust-anchors/${added[0]!.targetId}`, admin)))
      .toMatchObject([{ action: 'trust.changed', targetId: added[0]!.targetId, details: { change: 'removed', kind: 'root', fingerprint: added[0]!.details.fingerprint } }]);
    const png = onePixelPng;
    const seal = await appended(send('PUT', `/api/councils/${councilId}/signature-images/seal`, secretary, { png }));
    expect(seal).toMatchObject([{ action: 'signatureImage.changed', councilId, targetType: 'seal', targetId: councilId, details: { kind: 'seal', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } }]);
    expect(JSON.stringify(seal)).not.toContain(png);
    expect(await appended(send('PUT', `/api/councils/${councilId}/signature-images/mine`, delegate, { png })))
      .toMatchObject([{ action: 'signatureImage.changed', actorId: ids.delegate, targetType: 'signature', targetId: ids.delegate }]);
  });

  it('meetings and their agenda', async () => {
    const created = await appended(send('POST', `/api/councils/${councilId}/meetings`, secretary, { title: 'Phiên họp kiểm tra nhật ký', kind: 'standing', startsAt: '2026-12-20T08:00:00+07:00', place: 'Phòng họp số 1' }));
    expect(created).toMatchObject([{ action: 'meeting.created', councilId, details: { title: 'Phiên họp kiểm tra nhật ký' } }]);
    const id = created[0]!.meetingId!;
    expect(await appended(send('PATCH', `/api/meetings/${id}`, secretary, { place: 'Hội trường' }))).toMatchObject([{ action: 'meeting.updated', meetingId: id, details: { place: 'Hội trường' } }]);
    const item = await appended(send('POST', `/api/meetings/${id}/agenda`, secretary, { title: 'Báo cáo tình hình' }));
    expect(item).toMatchObject([{ action: 'agenda.changed', meetingId: id, details: { change: 'added', title: 'Báo cáo tình hình' } }]);
    const itemId = item[0]!.targetId!;
    expect(await appended(send('PATCH', `/api/agenda-items/${itemId}`, secretary, { presenter: 'UBND xã' }))).toMatchObject([{ action: 'agenda.changed', details: { change: 'updated' } }]);
    expect(await appended(send('POST', `/api/agenda-items/${itemId}/move`, secretary, { parentId: null, position: 0 }))).toMatchObject([{ action: 'agenda.changed', details: { change: 'moved' } }]);
    expect(await appended(send('PUT', `/api/meetings/${id}/invitations`, secretary, { userIds: [ids.delegate] }))).toMatchObject([{ action: 'meeting.updated', details: { invitees: [ids.delegate] } }]);
    expect(await appended(send('POST', `/api/meetings/${id}/publish`, secretary))).toMatchObject([{ action: 'meeting.updated', details: { status: 'published' } }]);
    expect(await appended(send('DELETE', `/api/agenda-items/${itemId}`, secretary))).toMatchObject([{ action: 'agenda.changed', details: { change: 'deleted', title: 'Báo cáo tình hình' } }]);
  });

  it('documents: edits, deletion, and openings of internal documents (not of public ones)', async () => {
    const upload = async (confidentiality: string) => {
      const res = await t.upload(clerk, meetingId, await pdf(), { title: `Tài liệu ${confidentiality}`, confidentiality });
      expect(res.status).toBe(201);
      return ((await res.json()) as { document: { id: string } }).document.id;
    };
    const internal = await upload('internal');
    const open = await upload('public');
    expect(await appended(send('POST', `/api/documents/${internal}/views`, delegate, { page: 1 })))
      .toMatchObject([{ action: 'document.viewed', actorId: ids.delegate, meetingId, targetId: internal, details: { page: 1 } }]);
    // Page turns of the same opening are not new openings.
    expect(await appended(send('POST', `/api/documents/${internal}/views`, delegate, { page: 1 }))).toEqual([]);
    expect(await appended(send('GET', `/api/documents/${internal}/download`, delegate))).toMatchObject([{ action: 'document.viewed', details: { download: true } }]);
    expect(await appended(send('POST', `/api/documents/${open}/views`, delegate, { page: 1 }))).toEqual([]);
    expect(await appended(send('PATCH', `/api/documents/${open}`, clerk, { title: 'Tài liệu công khai (sửa)' }))).toMatchObject([{ action: 'document.updated', targetId: open }]);
    const version = await pdf();
    expect(await appended(() => t.request('POST', `/api/documents/${open}/versions`, { cookie: clerk, headers: { 'content-type': 'application/pdf', origin: 'http://hopso.test' }, body: version })))
      .toMatchObject([{ action: 'document.replaced', targetId: open }]);
    expect(await appended(send('DELETE', `/api/documents/${open}`, clerk))).toMatchObject([{ action: 'document.deleted', targetId: open }]);
  });

  it('recordings: added, corrected and removed', async () => {
    const added = await appended(send('POST', `/api/meetings/${meetingId}/recordings`, clerk, { title: 'Phiên sáng', url: 'https://video.tanphu.example.vn/sang.mp4' }));
    expect(added).toMatchObject([{ action: 'recording.changed', actorId: ids.clerk, councilId, meetingId, targetType: 'recording', details: { change: 'added', title: 'Phiên sáng' } }]);
    const id = added[0]!.targetId!;
    expect(await appended(send('PATCH', `/api/recordings/${id}`, clerk, { durationSeconds: 3600 }))).toMatchObject([{ action: 'recording.changed', targetId: id, details: { change: 'updated', durationSeconds: 3600 } }]);
    expect(await appended(send('DELETE', `/api/recordings/${id}`, secretary))).toMatchObject([{ action: 'recording.changed', actorId: ids.secretary, targetId: id, details: { change: 'deleted', title: 'Phiên sáng' } }]);
  });

  it('minutes: each saved draft (sections and lengths, not the text) and the finalisation', async () => {
    const [m] = await t.db.insert(meetings).values({ councilId, kind: 'standing', title: 'Phiên họp có biên bản', startsAt: new Date(), place: 'P' }).returning();
    const saved = await appended(send('PUT', `/api/meetings/${m!.id}/minutes`, secretary, { notes: { opening: 'Khai mạc lúc 8 giờ.' }, code: '09' }));
    expect(saved).toMatchObject([{ action: 'minutes.updated', actorId: ids.secretary, meetingId: m!.id, details: { sections: { opening: 19 }, code: '09' } }]);
    expect(JSON.stringify(saved)).not.toContain('Khai mạc');
    expect(await appended(send('POST', `/api/meetings/${m!.id}/minutes/finalize`, secretary, {}))).toMatchObject([{ action: 'minutes.finalized', details: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } }]);
    expect(await verifyChain(t.db)).toMatchObject({ ok: true });
  });

  it('comments on drafts: the period, each comment, change, withdrawal and answer, and the summary table', async () => {
    const res = await t.upload(clerk, meetingId, await pdf(), { title: 'Dự thảo có góp ý', confidentiality: 'internal' });
    const doc = ((await res.json()) as { document: { id: string } }).document.id;
    expect(await appended(send('PUT', `/api/documents/${doc}/comment-period`, secretary, { closesAt: new Date(Date.now() + 86_400_000).toISOString(), agencyName: 'UBND xã' })))
      .toMatchObject([{ action: 'comment.periodChanged', actorId: ids.secretary, councilId, meetingId, targetType: 'document', targetId: doc, details: { agencyName: 'UBND xã', opened: true } }]);
    const added = await appended(send('POST', `/api/documents/${doc}/comments`, delegate, { page: 1, section: 'Điều 1', text: 'Góp ý vào Điều 1' }));
    expect(added).toMatchObject([{ action: 'comment.added', actorId: ids.delegate, targetType: 'comment', details: { documentId: doc, version: 1, page: 1, section: 'Điều 1' } }]);
    const id = added[0]!.targetId!;
    expect(await appended(send('PATCH', `/api/draft-comments/${id}`, delegate, { text: 'Góp ý vào Điều 1 (sửa)' }))).toMatchObject([{ action: 'comment.updated', targetId: id, details: { changed: ['text'] } }]);
    const other = (await appended(send('POST', `/api/documents/${doc}/comments`, delegate, { page: 1, text: 'Sẽ rút' })))[0]!.targetId!;
    expect(await appended(send('DELETE', `/api/draft-comments/${other}`, delegate))).toMatchObject([{ action: 'comment.withdrawn', targetId: other }]);
    expect(await appended(send('PUT', `/api/draft-comments/${id}/answer`, secretary, { kind: 'accepted', text: 'Tiếp thu' }))).toMatchObject([{ action: 'comment.answered', actorId: ids.secretary, targetId: id, details: { kind: 'accepted' } }]);
    expect(await appended(send('POST', `/api/documents/${doc}/comment-summary`, clerk)))
      .toMatchObject([{ action: 'comment.summaryGenerated', actorId: ids.clerk, targetId: doc, details: { comments: 1, replaced: false, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } }]);
  });

  it('written consultations: created, edited, sent, answered (who, not what), closed', async () => {
    const [committee] = await t.db.select().from(committees).where(eq(committees.name, 'Ban Pháp chế'));
    const body = { title: 'Xin ý kiến có nhật ký', baseKind: 'committee', baseBodyId: committee!.id, deadline: new Date(Date.now() + 86_400_000).toISOString(), questions: [{ kind: 'opinion', text: 'Đồng ý?' }] };
    const created = await appended(send('POST', `/api/councils/${councilId}/consultations`, secretary, body));
    expect(created).toMatchObject([{ action: 'consultation.created', actorId: ids.secretary, councilId, targetType: 'consultation', details: { title: body.title, baseKind: 'committee', questions: 1 } }]);
    const id = created[0]!.targetId!;
    expect(await appended(send('PATCH', `/api/consultations/${id}`, secretary, { description: 'Thuyết minh' }))).toMatchObject([{ action: 'consultation.updated', targetId: id, details: { changed: ['description'] } }]);
    expect(await appended(send('POST', `/api/consultations/${id}/send`, secretary))).toMatchObject([{ action: 'consultation.sent', targetId: id, details: { recipients: 5 } }]);
    const [question] = await t.db.select().from(consultationQuestions).where(eq(consultationQuestions.consultationId, id));
    const answered = await appended(send('PUT', `/api/consultations/${id}/response`, delegate, { answers: [{ questionId: question!.id, choice: 'disagree' }] }));
    expect(answered).toMatchObject([{ action: 'consultation.answered', actorId: ids.delegate, targetId: id }]);
    expect(JSON.stringify(answered)).not.toContain('disagree');
    expect(await appended(send('POST', `/api/consultations/${id}/close`, secretary))).toMatchObject([{ action: 'consultation.closed', actorId: ids.secretary, targetId: id, details: { early: true } }]);
    expect(await verifyChain(t.db)).toMatchObject({ ok: true });
  });
});

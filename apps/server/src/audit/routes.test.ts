import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { auditLog, councils, meetings, users } from '@hopso/db/schema/index';
import type { AuditEntryView, AuditVerification } from '@hopso/shared/audit';
import { createTestApp, type TestApp } from '../testing.ts';

/** HTTP actions write their entries; the council's screen lists them and checks the chain. */
describe('audit over HTTP', () => {
  let t: TestApp;
  let councilId: string;
  let meetingId: string;
  let secretary: string;

  const list = async (query = '') => {
    const res = await t.request('GET', `/api/councils/${councilId}/audit${query}`, { cookie: secretary });
    expect(res.status).toBe(200);
    return ((await res.json()) as { entries: AuditEntryView[] }).entries;
  };

  beforeAll(async () => {
    t = await createTestApp();
    councilId = (await t.db.select().from(councils))[0]!.id;
    meetingId = (await t.db.select().from(meetings).where(eq(meetings.kind, 'regular')))[0]!.id;
    secretary = await t.login('thuky');
  });
  afterAll(async () => { await t.close(); });

  it('audits a sign-in and a failed sign-in without the password', async () => {
    await t.request('POST', '/api/auth/login', { body: { username: 'daibieu01', password: 'sai-mat-khau-123' } });
    const [thuky] = await t.db.select().from(users).where(eq(users.username, 'thuky'));
    const entries = await list('?action=auth.');
    expect(entries.find((e) => e.action === 'auth.login' && e.actorId === thuky!.id)).toMatchObject({ targetId: thuky!.id, actorName: thuky!.fullName });
    expect(entries.find((e) => e.action === 'auth.loginFailed')).toMatchObject({ details: { username: 'daibieu01', reason: 'password' } });
    expect(JSON.stringify(await t.db.select().from(auditLog))).not.toContain('sai-mat-khau-123');
  });

  it('audits a document upload with its actor, meeting and hash', async () => {
    const clerk = await t.login('chuyenvien');
    const doc = await PDFDocument.create();
    doc.addPage();
    const res = await t.upload(clerk, meetingId, await doc.save(), { title: 'Tờ trình ngân sách', confidentiality: 'internal' });
    expect(res.status).toBe(201);
    const { document } = (await res.json()) as { document: { id: string } };
    const [entry] = await list(`?action=document.uploaded&meetingId=${meetingId}`);
    expect(entry).toMatchObject({ targetId: document.id, meetingId, councilId, details: { title: 'Tờ trình ngân sách', confidentiality: 'internal', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(entry!.actorName).toBeTruthy();
  });

  it('filters by action and pages backwards by sequence', async () => {
    const all = await list();
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => b - a));
    const older = await list(`?before=${all[0]!.seq}&limit=1`);
    expect(older).toHaveLength(1);
    expect(older[0]!.seq).toBeLessThan(all[0]!.seq);
    expect((await t.request('GET', `/api/councils/${councilId}/audit?limit=0`, { cookie: secretary })).status).toBe(400);
  });

  it('checks the chain on request and points at the first broken entry', async () => {
    const verify = async () => ((await (await t.request('GET', `/api/councils/${councilId}/audit/verify`, { cookie: secretary })).json()) as { result: AuditVerification }).result;
    expect(await verify()).toMatchObject({ ok: true });
    const [victim] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'document.uploaded'));
    await t.db.update(auditLog).set({ details: { ...victim!.details, title: 'Đã sửa' } }).where(eq(auditLog.id, victim!.id));
    expect(await verify()).toMatchObject({ ok: false, seq: victim!.seq, id: victim!.id, reason: 'content_hash_mismatch' });
  });
});

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { councils, meetingEvents, meetings, members, users } from '@hopso/db/schema/index';
import type { MinutesView } from '@hopso/shared/record';
import { startLiveServer, type LiveServer } from '../live/testing.ts';
import { firstPagePng, httpAs, pdfText, runSession } from './testing.ts';

describe('minutes (biên bản) of a session run through the live commands', () => {
  let t: LiveServer;
  let session: Awaited<ReturnType<typeof runSession>>;
  let secretary: Awaited<ReturnType<typeof httpAs>>;
  let delegate: Awaited<ReturnType<typeof httpAs>>;
  const base = () => `/api/meetings/${t.meetingId}/minutes`;

  beforeAll(async () => {
    t = await startLiveServer();
    session = await runSession(t);
    secretary = await httpAs(t, 'thuky');
    delegate = await httpAs(t, 'daibieu05');
  }, 300_000);
  afterAll(async () => { await t?.close(); });

  it('prints the attendance numbers and every poll with its tally and result', async () => {
    const res = await secretary(`${base()}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    firstPagePng(bytes, 'minutes-draft-page1');
    const text = await pdfText(bytes);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('BIÊN BẢN');
    expect(text).toContain('DỰ THẢO');
    // 18 checked in, the chair marked present, one late: 20 of 25; one absent with a reason, four never checked in.
    expect(text).toContain('Có mặt: 20/25 đại biểu (80,00%), trong đó đến muộn: 1. Vắng mặt: 5 đại biểu.');
    expect(text).toContain('lý do: Đi công tác tại huyện');
    // Named motion: counts, shares, names per choice and the outcome.
    expect(text).toContain('Thông qua Nghị quyết dự toán ngân sách năm sau');
    expect(text).toMatch(/Tán thành: 15\/25 \(60,00%\): Bùi .*Nguyễn Văn An/);
    expect(text).toContain('Không tán thành: 2/25 (8,00%)');
    expect(text).toContain('Không biểu quyết: 1/25 (4,00%)');
    expect(text).toContain('Không tham gia biểu quyết: 7/25 (28,00%)');
    expect(text).toContain('Kết quả: Thông qua (cần ít nhất 13/25 đại biểu tán thành)');
    // Secret dismissal: counts only, not adopted (needs two thirds: 17).
    expect(text).toContain('Tán thành: 10/25 (40,00%).');
    expect(text).toContain('Không tán thành: 5/25 (20,00%).');
    expect(text).toContain('Kết quả: Không thông qua (cần ít nhất 17/25 đại biểu tán thành)');
    // Show of hands.
    expect(text).toContain('Tán thành: 19/25 (76,00%).');
    // Secret election.
    expect(text).toContain('Trần Văn Bình: 14/25 (56,00%)');
    expect(text).toContain('Lê Thị Cúc: 4/25 (16,00%)');
    expect(text).toContain('Kết quả: Trúng cử: Trần Văn Bình');
    // Floor and questioning, and the adopted motion among the adopted texts.
    expect(text).toContain('Phát biểu: ');
    expect(text).toContain('chất vấn Chủ tịch UBND xã: Tiến độ làm đường liên thôn số 3 thế nào?');
    expect(text).toContain('Trả lời trực tiếp tại kỳ họp: Hoàn thành trong quý I năm sau.');
    expect(text).toMatch(/V\. CÁC NGHỊ QUYẾT ĐÃ ĐƯỢC THÔNG QUA 1\. Thông qua Nghị quyết dự toán ngân sách năm sau \(15\/25/);
  });

  it('prints the council, place, chair, secretary and every agenda item with when it was live', async () => {
    const [meeting] = await t.db.select().from(meetings).where(eq(meetings.id, t.meetingId));
    const [council] = await t.db.select().from(councils).where(eq(councils.id, meeting!.councilId));
    const holder = async (role: 'chair' | 'secretary') => (await t.db.select({ name: users.fullName }).from(members)
      .innerJoin(users, eq(users.id, members.userId)).where(and(eq(members.councilId, council!.id), eq(members.role, role))))[0]!.name;
    // When the secretary set each item live, from the meeting's own event log (Vietnam time, as printed).
    const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const live = (await t.db.select().from(meetingEvents).where(and(eq(meetingEvents.meetingId, t.meetingId), eq(meetingEvents.type, 'agenda.live'))).orderBy(asc(meetingEvents.seq)))
      .map((e) => clock.format(e.at));
    expect(live).toHaveLength(3); // item 1, then item 4, then none

    const text = await pdfText(new Uint8Array(await (await secretary(`${base()}/pdf`)).arrayBuffer()));
    expect(text).toContain(`HỘI ĐỒNG NHÂN DÂN ${council!.locality.toLocaleUpperCase('vi-VN')}`);
    expect(text).toContain(`Địa điểm: ${meeting!.place}.`);
    expect(text).toContain(`Chủ tọa: ${await holder('chair')}. Thư ký: ${await holder('secretary')}.`);
    expect(text).toContain(`BIÊN BẢN ${meeting!.title}`);
    const [first, second, third, fourth, fifth] = session.items;
    expect(text).toContain(`1. ${first!.title} (từ ${live[0]} đến ${live[1]}; trình bày: ${first!.presenter})`);
    expect(text).toContain(`4. ${fourth!.title} (từ ${live[1]} đến ${live[2]}; trình bày: ${fourth!.presenter})`);
    for (const [n, item] of [[2, second], [3, third], [5, fifth]] as const) {
      expect(text).toContain(`${n}. ${item!.title} (không diễn ra; trình bày: ${item!.presenter})`);
    }
  });

  it('keeps the secretary’s narrative in the draft, hidden from delegates until final', async () => {
    const item = session.items[3]!.id;
    const put = await secretary(base(), { method: 'PUT', body: { notes: { opening: 'Chủ tọa tuyên bố lý do, giới thiệu đại biểu dự kỳ họp.', [`item:${item}`]: 'Đại biểu thảo luận sôi nổi, thống nhất cao với dự thảo.', closing: '' }, code: '07' } });
    expect(put.status).toBe(200);
    const view = (await put.json() as { minutes: MinutesView }).minutes;
    expect(view.notes).toEqual({ opening: 'Chủ tọa tuyên bố lý do, giới thiệu đại biểu dự kỳ họp.', [`item:${item}`]: 'Đại biểu thảo luận sôi nổi, thống nhất cao với dự thảo.' });
    expect(view.sections.map((s) => s.key)).toEqual(['opening', ...session.items.map((i) => `item:${i.id}`), 'free', 'closing']);
    const text = await pdfText(new Uint8Array(await (await secretary(`${base()}/pdf`)).arrayBuffer()));
    expect(text).toContain('Số: 07/BB-HĐND');
    expect(text).toContain('Đại biểu thảo luận sôi nổi, thống nhất cao với dự thảo.');
    // Delegates: no draft text, no draft PDF, no editing.
    expect(((await (await delegate(base())).json()) as { minutes: MinutesView }).minutes).toMatchObject({ status: 'draft', notes: {}, canManage: false });
    expect((await delegate(`${base()}/pdf`)).status).toBe(403);
    expect((await delegate(base(), { method: 'PUT', body: { notes: {} } })).status).toBe(403);
    expect((await secretary(base(), { method: 'PUT', body: { notes: { heading: 'x' } } })).status).toBe(400);
  });

  it('finalises once: the frozen PDF is stored with its SHA-256 and served to delegates; no more changes', async () => {
    const res = await secretary(`${base()}/finalize`, { method: 'POST', body: {} });
    expect(res.status).toBe(200);
    const view = (await res.json() as { minutes: MinutesView }).minutes;
    expect(view).toMatchObject({ status: 'final', finalSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const pdf = new Uint8Array(await (await delegate(`${base()}/pdf`)).arrayBuffer());
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(view.finalSha256);
    const text = await pdfText(pdf);
    expect(text).not.toContain('DỰ THẢO');
    expect(text).toContain('Chủ tọa tuyên bố lý do, giới thiệu đại biểu dự kỳ họp.');
    expect((await secretary(base(), { method: 'PUT', body: { notes: { opening: 'sửa' } } })).status).toBe(409);
    expect(await (await secretary(`${base()}/finalize`, { method: 'POST', body: {} })).json()).toMatchObject({ ok: false, code: 'minutes_final' });
    // The layout artifact, to look at by eye (pdftoppm from poppler-utils).
    expect(existsSync(firstPagePng(pdf, 'minutes-page1'))).toBe(true);
  });
});

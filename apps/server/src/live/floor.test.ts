import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agendaItems } from '@hopso/db/schema/index';
import type { MeetingEvent, QuestionView, SpeakerView } from '@hopso/shared/live';
import { delegate, startLiveServer, waitFor, type LiveServer } from './testing.ts';

describe('speakers and questioning', () => {
  let t: LiveServer;
  const events: MeetingEvent[] = [];

  beforeAll(async () => {
    t = await startLiveServer();
    const watcher = await t.client(delegate(20));
    watcher.on('meeting.event', (e) => events.push(e));
    await t.sync(watcher);
    const [item] = await t.db.select().from(agendaItems).where(eq(agendaItems.meetingId, t.meetingId));
    await (await t.client('thuky')).emitWithAck('agenda.setLive', { meetingId: t.meetingId, itemId: item!.id });
  }, 60_000);
  afterAll(async () => { await t.close(); });

  const speakersNow = async () => (await t.sync(await t.client('thuky'))).speakers;

  it('queues requests to speak on the live item with the council’s time limit, once per delegate', async () => {
    const a = await (await t.client(delegate(1))).emitWithAck('speaker.request', { meetingId: t.meetingId });
    const b = await (await t.client(delegate(2))).emitWithAck('speaker.request', { meetingId: t.meetingId });
    expect(a).toMatchObject({ ok: true, speaker: { status: 'waiting', position: 0, limitSeconds: 300, fullName: 'Nguyễn Văn An' } });
    expect(b).toMatchObject({ ok: true, speaker: { position: 1 } });
    expect((a as { speaker: SpeakerView }).speaker.agendaItemId).not.toBeNull();
    expect(await (await t.client(delegate(1))).emitWithAck('speaker.request', { meetingId: t.meetingId })).toMatchObject({ ok: false, code: 'conflict' });
    await waitFor(() => events.filter((e) => e.type === 'speaker').length >= 2);
  });

  it('lets the secretary reorder, give the floor and end it; the previous speaker is done when the next starts', async () => {
    const [first, second] = await speakersNow();
    expect(await (await t.client(delegate(1))).emitWithAck('speaker.start', { requestId: first!.id })).toMatchObject({ ok: false, code: 'forbidden' });
    const secretary = await t.client('thuky');
    expect(await secretary.emitWithAck('speaker.order', { meetingId: t.meetingId, order: [second!.id, first!.id] })).toEqual({ ok: true });
    expect((await speakersNow()).map((s) => s.id)).toEqual([second!.id, first!.id]);
    await secretary.emitWithAck('speaker.start', { requestId: second!.id });
    await secretary.emitWithAck('speaker.start', { requestId: first!.id });
    const list = await speakersNow();
    expect(list.find((s) => s.id === second!.id)).toMatchObject({ status: 'done', endedAt: expect.any(String) });
    expect(list.find((s) => s.id === first!.id)).toMatchObject({ status: 'speaking', startedAt: expect.any(String) });
    expect(await secretary.emitWithAck('speaker.stop', { requestId: first!.id })).toEqual({ ok: true });
    expect((await speakersNow()).find((s) => s.id === first!.id)!.status).toBe('done');
  });

  it('lets a delegate withdraw only their own waiting request', async () => {
    const mine = (await (await t.client(delegate(3))).emitWithAck('speaker.request', { meetingId: t.meetingId })) as { speaker: SpeakerView };
    expect(await (await t.client(delegate(4))).emitWithAck('speaker.withdraw', { requestId: mine.speaker.id })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await (await t.client(delegate(3))).emitWithAck('speaker.withdraw', { requestId: mine.speaker.id })).toEqual({ ok: true });
    expect((await speakersNow()).find((s) => s.id === mine.speaker.id)!.status).toBe('withdrawn');
  });

  it('takes questions from delegates to a named official, moderated, answered, followed up, or left for a written answer', async () => {
    const ask = async (n: number, content: string, parentId: string | null = null) =>
      ((await (await t.client(delegate(n))).emitWithAck('question.submit', { meetingId: t.meetingId, addressee: 'Chủ tịch UBND xã', content, parentId })) as { question: QuestionView }).question;
    const q1 = await ask(1, 'Tiến độ giải ngân vốn đầu tư công năm nay đạt bao nhiêu phần trăm?');
    const q2 = await ask(2, 'Vì sao giải ngân vốn đầu tư công chậm so với kế hoạch?');
    const q3 = await ask(3, 'Khi nào hoàn thành nâng cấp tuyến đường liên thôn số 3?');
    expect(q1).toMatchObject({ status: 'submitted', position: 0, askerName: 'Nguyễn Văn An' });
    expect(await (await t.client('thuky')).emitWithAck('question.submit', { meetingId: t.meetingId, addressee: 'UBND', content: 'Câu hỏi của thư ký' })).toMatchObject({ ok: false, code: 'not_eligible' });
    expect(await (await t.client(delegate(1))).emitWithAck('question.moderate', { questionId: q1.id, action: 'approve' })).toMatchObject({ ok: false, code: 'forbidden' });

    const secretary = await t.client('thuky');
    await secretary.emitWithAck('question.moderate', { questionId: q1.id, action: 'approve' });
    await secretary.emitWithAck('question.moderate', { questionId: q2.id, action: 'merge', mergeInto: q1.id });
    await secretary.emitWithAck('question.moderate', { questionId: q3.id, action: 'move', position: 0 });
    await secretary.emitWithAck('question.answer', { questionId: q1.id, answerText: 'Đạt 68%, dự kiến 95% vào cuối năm.', oral: true });
    const followUp = await ask(1, 'Đề nghị nêu rõ giải pháp để đạt 95%?', q1.id);
    await secretary.emitWithAck('question.defer', { questionId: q3.id });

    const list = (await t.sync(secretary)).questions;
    expect(list.map((q) => q.id)).toEqual([q3.id, q1.id, q2.id, followUp.id]);
    expect(list.find((q) => q.id === q1.id)).toMatchObject({ status: 'answered', answeredOrally: true, answerText: 'Đạt 68%, dự kiến 95% vào cuối năm.' });
    expect(list.find((q) => q.id === q2.id)).toMatchObject({ status: 'merged', mergedInto: q1.id });
    expect(list.find((q) => q.id === followUp.id)).toMatchObject({ parentId: q1.id, status: 'submitted' });
    const due = Date.parse(list.find((q) => q.id === q3.id)!.writtenAnswerDue!);
    expect(Math.round((due - Date.now()) / 86400_000)).toBe(15);
    expect(await secretary.emitWithAck('question.answer', { questionId: q2.id, answerText: 'x' })).toMatchObject({ ok: false, code: 'conflict' });
    await waitFor(() => events.some((e) => e.type === 'question' && JSON.stringify(e.payload).includes(followUp.id)));
  });

  it('times a question and its answer with the council’s limits, one at a time, recorded in the event log', async () => {
    const ask = async (n: number, content: string) =>
      ((await (await t.client(delegate(n))).emitWithAck('question.submit', { meetingId: t.meetingId, addressee: 'Trưởng Công an xã', content })) as { question: QuestionView }).question;
    const secretary = await t.client('thuky');
    const q1 = await ask(6, 'Tình hình an ninh trật tự tại chợ Tân Phú ra sao?');
    const q2 = await ask(7, 'Giải pháp xử lý xe quá tải trên đường liên xã?');
    // Only approved questions are timed; only those running the meeting may time them.
    expect(await secretary.emitWithAck('question.start', { questionId: q1.id, phase: 'question' })).toMatchObject({ ok: false, code: 'conflict' });
    for (const q of [q1, q2]) await secretary.emitWithAck('question.moderate', { questionId: q.id, action: 'approve' });
    expect(await (await t.client(delegate(6))).emitWithAck('question.start', { questionId: q1.id, phase: 'question' })).toMatchObject({ ok: false, code: 'forbidden' });

    const asked = await secretary.emitWithAck('question.start', { questionId: q1.id, phase: 'question' });
    expect(asked).toMatchObject({ ok: true, question: { questionStartedAt: expect.any(String), questionEndedAt: null, questionLimitSeconds: 60 } });
    expect(await secretary.emitWithAck('question.start', { questionId: q1.id, phase: 'question' })).toMatchObject({ ok: false, code: 'conflict' });
    // The answer ends the asking; its limit is the council's answerSeconds.
    expect(await secretary.emitWithAck('question.start', { questionId: q1.id, phase: 'answer' })).toMatchObject({ ok: true, question: { questionEndedAt: expect.any(String), answerStartedAt: expect.any(String), answerLimitSeconds: 180 } });
    // Starting another question ends the running answer: one question holds the floor.
    await secretary.emitWithAck('question.start', { questionId: q2.id, phase: 'question' });
    let list = (await t.sync(secretary)).questions;
    expect(list.find((q) => q.id === q1.id)).toMatchObject({ answerEndedAt: expect.any(String) });
    expect(await secretary.emitWithAck('question.stop', { questionId: q2.id })).toMatchObject({ ok: true, question: { questionEndedAt: expect.any(String) } });
    expect(await secretary.emitWithAck('question.stop', { questionId: q2.id })).toMatchObject({ ok: false, code: 'conflict' });
    // Recording the answer ends a running answer time.
    await secretary.emitWithAck('question.start', { questionId: q2.id, phase: 'answer' });
    await secretary.emitWithAck('question.answer', { questionId: q2.id, answerText: 'Đã lập chốt kiểm tra tải trọng.', oral: true });
    list = (await t.sync(secretary)).questions;
    const answered = list.find((q) => q.id === q2.id)!;
    expect(answered).toMatchObject({ status: 'answered', answerEndedAt: answered.answeredAt });
    expect(Date.parse(answered.questionStartedAt!)).toBeLessThanOrEqual(Date.parse(answered.questionEndedAt!));
    // For the minutes: the log holds each start and end.
    await waitFor(() => events.some((e) => e.type === 'question' && (e.payload.questions as QuestionView[]).some((q) => q.id === q2.id && q.answerEndedAt)));
    const logged = events.filter((e) => e.type === 'question').flatMap((e) => e.payload.questions as QuestionView[]).filter((q) => q.id === q1.id);
    expect(logged.some((q) => q.questionStartedAt && !q.questionEndedAt)).toBe(true);
    expect(logged.at(-1)).toMatchObject({ questionEndedAt: expect.any(String), answerEndedAt: expect.any(String) });
  });
});

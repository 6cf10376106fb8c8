import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, ne } from 'drizzle-orm';
import { agendaItems, ballots, meetings, polls, secretVoters } from '@hopso/db/schema/index';
import type { PollView, QuestionView, SpeakerView } from '@hopso/shared/live';
import { delegate, startLiveServer, type LiveServer } from './testing.ts';

/**
 * Bad input beyond malformed payloads (issue 5 "Bad input"): a ballot for another meeting's poll or from a
 * delegate marked absent, and commands from a stale client — a second console acting on a state that has
 * already moved on. Each gets a typed error and leaves no trace: no ballot, no event in the log.
 */
describe('ballots from outside and commands from stale clients', () => {
  let t: LiveServer;
  const seq = async () => (await t.db.select({ seq: meetings.eventSeq }).from(meetings).where(eq(meetings.id, t.meetingId)))[0]!.seq;

  beforeAll(async () => {
    t = await startLiveServer({ SOCKET_EVENTS_PER_SECOND: '1000' });
    await t.markPresent(18);
    const secretary = await t.client('thuky');
    await secretary.emitWithAck('attendance.mark', { meetingId: t.meetingId, userId: await t.userId(delegate(19)), status: 'absent', reason: 'Đi công tác' });
  }, 60_000);
  afterAll(async () => { await t.close(); });

  it('refuses a ballot for another meeting’s poll and one from a delegate marked absent', async () => {
    const [other] = await t.db.select().from(meetings).where(ne(meetings.id, t.meetingId));
    const [foreign] = await t.db.insert(polls).values({ meetingId: other!.id, title: 'Biểu quyết của kỳ họp khác', kind: 'motion', method: 'named', status: 'open', totalDelegates: 25 }).returning();
    const ack = await (await t.client(delegate(1))).emitWithAck('poll.cast', { pollId: foreign!.id, choice: 'yes' });
    expect(ack.ok).toBe(false);
    expect(['not_eligible', 'not_found']).toContain((ack as { code: string }).code);
    expect(await t.db.select().from(ballots).where(eq(ballots.pollId, foreign!.id))).toEqual([]);

    const secretary = await t.client('thuky');
    const poll = ((await secretary.emitWithAck('poll.create', { meetingId: t.meetingId, title: 'Bỏ phiếu kín khi có người vắng', method: 'secret' })) as { poll: PollView }).poll;
    await secretary.emitWithAck('poll.open', { pollId: poll.id });
    const before = await seq();
    expect(await (await t.client(delegate(19))).emitWithAck('poll.cast', { pollId: poll.id, choice: 'no' })).toMatchObject({ ok: false, code: 'not_eligible' });
    expect(await t.db.select().from(secretVoters).where(eq(secretVoters.pollId, poll.id))).toEqual([]);
    expect(await seq()).toBe(before);
    await secretary.emitWithAck('poll.cancel', { pollId: poll.id });
  });

  it('answers a stale console’s repeated commands with typed errors and changes nothing', async () => {
    const [a, b] = [await t.client('thuky'), await t.client('chutich')];
    const poll = ((await a.emitWithAck('poll.create', { meetingId: t.meetingId, title: 'Hai bàn điều khiển cùng mở' })) as { poll: PollView }).poll;
    expect(await a.emitWithAck('poll.open', { pollId: poll.id })).toMatchObject({ ok: true });
    let before = await seq();
    expect(await b.emitWithAck('poll.open', { pollId: poll.id })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await a.emitWithAck('poll.close', { pollId: poll.id })).toMatchObject({ ok: true });
    before = await seq();
    expect(await b.emitWithAck('poll.close', { pollId: poll.id })).toMatchObject({ ok: false, code: 'poll_not_open' });
    expect(await b.emitWithAck('poll.cancel', { pollId: poll.id })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await b.emitWithAck('poll.recordHands', { pollId: poll.id, yes: 1, no: 0, abstain: 0 })).toMatchObject({ ok: false, code: 'poll_not_open' });
    expect(await seq()).toBe(before);

    const [item] = await t.db.select().from(agendaItems).where(eq(agendaItems.meetingId, t.meetingId));
    await a.emitWithAck('agenda.setLive', { meetingId: t.meetingId, itemId: item!.id });
    const speaker = ((await (await t.client(delegate(2))).emitWithAck('speaker.request', { meetingId: t.meetingId })) as { speaker: SpeakerView }).speaker;
    await a.emitWithAck('speaker.start', { requestId: speaker.id });
    await a.emitWithAck('speaker.stop', { requestId: speaker.id });
    const question = ((await (await t.client(delegate(3))).emitWithAck('question.submit', { meetingId: t.meetingId, addressee: 'Chủ tịch UBND xã', content: 'Câu hỏi đã được trả lời rồi' })) as { question: QuestionView }).question;
    await a.emitWithAck('question.moderate', { questionId: question.id, action: 'approve' });
    await a.emitWithAck('question.answer', { questionId: question.id, answerText: 'Đã trả lời.' });
    before = await seq();
    expect(await b.emitWithAck('speaker.start', { requestId: speaker.id })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await b.emitWithAck('speaker.stop', { requestId: speaker.id })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await b.emitWithAck('question.moderate', { questionId: question.id, action: 'approve' })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await b.emitWithAck('question.start', { questionId: question.id, phase: 'answer' })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await b.emitWithAck('question.stop', { questionId: question.id })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await seq()).toBe(before);
    // A tablet resyncing from an old position gets the whole current state.
    expect(await (await t.client(delegate(4))).emitWithAck('meeting.sync', { meetingId: t.meetingId, lastSeq: 1 })).toMatchObject({ ok: true, snapshot: { seq: before } });
  });
});

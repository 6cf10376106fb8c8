import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { auditLog } from '@hopso/db/schema/index';
import type { PollView } from '@hopso/shared/live';
import { delegate, startLiveServer, type LiveServer } from '../live/testing.ts';
import { verifyChain } from './verify.ts';

/** Live changes and ballots reach the audit log; a secret ballot never links a voter to anything. */
describe('audit of a live sitting', () => {
  let t: LiveServer;
  const createPoll = async (method: 'named' | 'secret', title: string) => {
    const ack = await (await t.client('thuky')).emitWithAck('poll.create', { meetingId: t.meetingId, title, method });
    if (!ack.ok) throw new Error(ack.code);
    return (ack as { poll: PollView }).poll;
  };
  const entries = () => t.db.select().from(auditLog).orderBy(asc(auditLog.seq));

  beforeAll(async () => {
    t = await startLiveServer();
    await t.markPresent(16);
  }, 60_000);
  afterAll(async () => { await t.close(); });

  it('audits check-ins and a poll opening with the acting secretary', async () => {
    const poll = await createPoll('named', 'Thông qua chương trình');
    expect(await (await t.client('thuky')).emitWithAck('poll.open', { pollId: poll.id })).toMatchObject({ ok: true });
    const log = await entries();
    const secretary = await t.userId('thuky');
    expect(log.filter((e) => e.action === 'live.attendance')).toHaveLength(17);
    const opened = log.find((e) => e.action === 'live.poll.opened')!;
    expect(opened).toMatchObject({ actorId: secretary, meetingId: t.meetingId });
    expect(JSON.stringify(opened.details)).toContain(poll.id);
    // Named ballots: one entry per committed batch naming each voter and choice.
    for (const n of [1, 2, 3]) expect(await (await t.client(delegate(n))).emitWithAck('poll.cast', { pollId: poll.id, choice: n === 3 ? 'no' : 'yes' })).toMatchObject({ ok: true });
    const named = (await entries()).filter((e) => e.action === 'ballot.named' && e.targetId === poll.id);
    const ballots = named.flatMap((e) => (e.details.ballots as { userId: string; choice: string }[]));
    expect(ballots).toEqual(expect.arrayContaining([{ userId: await t.userId(delegate(3)), choice: 'no', selections: null, ratings: null }]));
    expect(ballots).toHaveLength(3);
    expect(named.every((e) => e.actorId === null)).toBe(true);
    await (await t.client('thuky')).emitWithAck('poll.close', { pollId: poll.id });
    const closed = (await entries()).find((e) => e.action === 'live.poll.closed' && JSON.stringify(e.details).includes(poll.id));
    expect(closed).toMatchObject({ actorId: secretary, meetingId: t.meetingId });
  });

  it('audits the floor and the questioning, each change with who made it', async () => {
    const secretary = await t.client('thuky');
    const from = (await entries()).at(-1)!.seq;
    const request = await (await t.client(delegate(4))).emitWithAck('speaker.request', { meetingId: t.meetingId });
    expect(request.ok).toBe(true);
    const requestId = (request as unknown as { speaker: { id: string } }).speaker.id;
    expect(await secretary.emitWithAck('speaker.start', { requestId })).toMatchObject({ ok: true });
    const asked = await (await t.client(delegate(5))).emitWithAck('question.submit', { meetingId: t.meetingId, addressee: 'Chủ tịch UBND xã', content: 'Khi nào sửa xong cầu Tân Phú?' });
    expect(asked.ok).toBe(true);
    const questionId = (asked as unknown as { question: { id: string } }).question.id;
    expect(await secretary.emitWithAck('question.moderate', { questionId, action: 'approve' })).toMatchObject({ ok: true });
    expect(await secretary.emitWithAck('question.answer', { questionId, answerText: 'Trong tháng 12.', oral: true })).toMatchObject({ ok: true });
    const log = (await entries()).filter((e) => e.seq > from);
    const [speakerId, askerId, secretaryId] = await Promise.all([t.userId(delegate(4)), t.userId(delegate(5)), t.userId('thuky')]);
    expect(log.filter((e) => e.action === 'live.speaker').map((e) => e.actorId)).toEqual([speakerId, secretaryId]);
    expect(log.filter((e) => e.action === 'live.question').map((e) => e.actorId)).toEqual([askerId, secretaryId, secretaryId]);
    expect(JSON.stringify(log.filter((e) => e.action === 'live.question').at(-1)!.details)).toContain('Trong tháng 12.');
  });

  it('records secret ballots as counts only: no entry from the opening on names a voter or carries a choice', async () => {
    const voters = Array.from({ length: 8 }, (_, i) => delegate(i + 1));
    // Signed in before the poll opens (a sign-in names its user, rightly: that is not a ballot).
    for (const u of voters) await t.client(u);
    const poll = await createPoll('secret', 'Bãi nhiệm (bỏ phiếu kín)');
    await (await t.client('thuky')).emitWithAck('poll.open', { pollId: poll.id });
    const from = (await entries()).at(-1)!.seq;
    // Cast together, so some share a batch and some may not: neither may leave a trace of who chose what.
    const acks = await Promise.all(voters.map(async (u, i) => (await t.client(u)).emitWithAck('poll.cast', { pollId: poll.id, choice: i < 5 ? 'yes' : 'abstain' })));
    expect(acks.every((a) => a.ok)).toBe(true);
    const during = (await entries()).filter((e) => e.seq > from);
    const secret = during.filter((e) => e.action === 'ballot.secret');
    expect(secret.reduce((n, e) => n + (e.details.count as number), 0)).toBe(8);
    const voterIds = await Promise.all(voters.map((u) => t.userId(u)));
    for (const e of during) {
      expect(e.actorId === null || !voterIds.includes(e.actorId)).toBe(true);
      for (const id of voterIds) expect(JSON.stringify(e)).not.toContain(id);
    }
    for (const e of secret) {
      expect(Object.keys(e.details).sort()).toEqual(['cast', 'count']);
      expect(JSON.stringify(e.details)).not.toMatch(/yes|no|abstain/);
    }
    await (await t.client('thuky')).emitWithAck('poll.close', { pollId: poll.id });
    expect(await verifyChain(t.db)).toMatchObject({ ok: true });
  });
});

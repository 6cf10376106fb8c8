import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ballots, councils } from '@hopso/db/schema/index';
import type { PollView } from '@hopso/shared/live';
import { delegate, startLiveServer, type LiveServer } from './testing.ts';

describe('voting methods and settings', () => {
  let t: LiveServer;
  const create = async (method: 'named' | 'secret' | 'hands', title: string, extra: { kind?: 'election' | 'confidencePoll' | 'confidenceVote'; options?: { label: string }[]; seats?: number } = {}) => {
    const secretary = await t.client('thuky');
    const created = (await secretary.emitWithAck('poll.create', { meetingId: t.meetingId, title, method, ...extra })) as { poll: PollView };
    expect(await secretary.emitWithAck('poll.open', { pollId: created.poll.id })).toMatchObject({ ok: true });
    return created.poll;
  };

  beforeAll(async () => {
    t = await startLiveServer();
    await t.markPresent(17);
  }, 60_000);
  afterAll(async () => { await t.close(); });

  it('records a show of hands entered by the secretary; tablets cannot cast on it', async () => {
    const poll = await create('hands', 'Biểu quyết giơ tay: thông qua biên bản');
    expect(await (await t.client(delegate(1))).emitWithAck('poll.cast', { pollId: poll.id, choice: 'yes' })).toMatchObject({ ok: false, code: 'conflict' });
    const secretary = await t.client('thuky');
    expect(await secretary.emitWithAck('poll.recordHands', { pollId: poll.id, yes: 20, no: 5, abstain: 1 })).toMatchObject({ ok: false, code: 'validation' });
    expect(await (await t.client(delegate(1))).emitWithAck('poll.recordHands', { pollId: poll.id, yes: 1, no: 0, abstain: 0 })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await secretary.emitWithAck('poll.recordHands', { pollId: poll.id, yes: 15, no: 2, abstain: 1 })).toMatchObject({ ok: true, poll: { cast: 18 } });
    const closed = (await secretary.emitWithAck('poll.close', { pollId: poll.id })) as { poll: PollView };
    expect(closed.poll.result).toMatchObject({ yes: { count: 15 }, no: { count: 2 }, abstain: { count: 1 }, notVoted: { count: 7 }, adopted: true });
  });

  it('refuses a changed named ballot by default', async () => {
    const poll = await create('named', 'Không cho đổi lựa chọn');
    const s = await t.client(delegate(2));
    expect(await s.emitWithAck('poll.cast', { pollId: poll.id, choice: 'no' })).toMatchObject({ ok: true });
    expect(await s.emitWithAck('poll.cast', { pollId: poll.id, choice: 'yes' })).toMatchObject({ ok: false, code: 'already_voted' });
    await (await t.client('thuky')).emitWithAck('poll.close', { pollId: poll.id });
  });

  it('lets a delegate change a named ballot until closing when the council allows it, counting the last choice once', async () => {
    const [council] = await t.db.select().from(councils);
    await t.db.update(councils).set({ rules: { allowBallotChange: true } }).where(eq(councils.id, council!.id));
    const poll = await create('named', 'Cho phép đổi lựa chọn');
    const s = await t.client(delegate(3));
    expect(await s.emitWithAck('poll.cast', { pollId: poll.id, choice: 'no' })).toMatchObject({ ok: true, cast: 1 });
    expect(await s.emitWithAck('poll.cast', { pollId: poll.id, choice: 'yes' })).toMatchObject({ ok: true, cast: 1 });
    expect(await t.db.select({ choice: ballots.choice }).from(ballots).where(eq(ballots.pollId, poll.id))).toEqual([{ choice: 'yes' }]);
    const closed = (await (await t.client('thuky')).emitWithAck('poll.close', { pollId: poll.id })) as { poll: PollView };
    expect(closed.poll.result).toMatchObject({ yes: { count: 1 }, no: { count: 0 } });
    expect(await s.emitWithAck('poll.cast', { pollId: poll.id, choice: 'no' })).toMatchObject({ ok: false, code: 'poll_not_open' });
    await t.db.update(councils).set({ rules: null }).where(eq(councils.id, council!.id));
  });

  it('applies the council rules of the moment to a poll already voted on (the batch keeps what it read of the poll)', async () => {
    const [council] = await t.db.select().from(councils);
    const poll = await create('named', 'Quy chế đổi trong lúc biểu quyết');
    const s = await t.client(delegate(4));
    expect(await s.emitWithAck('poll.cast', { pollId: poll.id, choice: 'no' })).toMatchObject({ ok: true, cast: 1 });
    await t.db.update(councils).set({ rules: { allowBallotChange: true } }).where(eq(councils.id, council!.id));
    expect(await s.emitWithAck('poll.cast', { pollId: poll.id, choice: 'abstain' })).toMatchObject({ ok: true, cast: 1 });
    await t.db.update(councils).set({ rules: null }).where(eq(councils.id, council!.id));
    expect(await s.emitWithAck('poll.cast', { pollId: poll.id, choice: 'yes' })).toMatchObject({ ok: false, code: 'already_voted' });
    expect(await t.db.select({ choice: ballots.choice }).from(ballots).where(eq(ballots.pollId, poll.id))).toEqual([{ choice: 'abstain' }]);
    await (await t.client('thuky')).emitWithAck('poll.close', { pollId: poll.id });
  });

  const voteAll = async (pollId: string, ballot: (i: number) => Record<string, unknown>, count = 18) => {
    const voters = ['chutich', ...Array.from({ length: count - 1 }, (_, i) => delegate(i + 1))];
    for (const [i, u] of voters.entries()) {
      const ack = await (await t.client(u)).emitWithAck('poll.cast', { pollId, ...ballot(i) } as never);
      expect(ack, u).toMatchObject({ ok: true });
    }
  };

  it('refuses elections and confidence polls that are not secret, or list no one', async () => {
    const secretary = await t.client('thuky');
    expect(await secretary.emitWithAck('poll.create', { meetingId: t.meetingId, title: 'Bầu công khai', kind: 'election', method: 'named', options: [{ label: 'A' }] })).toMatchObject({ ok: false, code: 'validation' });
    expect(await secretary.emitWithAck('poll.create', { meetingId: t.meetingId, title: 'Bầu không ai', kind: 'election', method: 'secret' })).toMatchObject({ ok: false, code: 'validation' });
  });

  it('elects by secret ballot the candidates with more than half of the total, within the seats', async () => {
    const poll = await create('secret', 'Bầu Phó Chủ tịch HĐND xã', { kind: 'election', options: [{ label: 'Trần Thị Minh Hoa' }, { label: 'Lê Văn Cường' }], seats: 1 });
    expect(poll.options.map((o) => o.id)).toEqual(['o1', 'o2']);
    const s = await t.client(delegate(1));
    expect(await s.emitWithAck('poll.cast', { pollId: poll.id, selections: ['o1', 'o2'] })).toMatchObject({ ok: false, code: 'validation' });
    expect(await s.emitWithAck('poll.cast', { pollId: poll.id, selections: ['o9'] })).toMatchObject({ ok: false, code: 'validation' });
    expect(await s.emitWithAck('poll.cast', { pollId: poll.id, choice: 'yes' })).toMatchObject({ ok: false, code: 'validation' });
    await voteAll(poll.id, (i) => ({ selections: i < 14 ? ['o1'] : i < 17 ? ['o2'] : [] }));
    const closed = (await (await t.client('thuky')).emitWithAck('poll.close', { pollId: poll.id })) as { poll: PollView };
    expect(closed.poll.election).toMatchObject({ total: 25, required: 13, candidates: [{ id: 'o1', votes: { count: 14 }, elected: true }, { id: 'o2', votes: { count: 3 }, elected: false }] });
    expect(closed.poll.cast).toBe(18);
  });

  it('rates each official in a confidence poll and flags low confidence by the rule set', async () => {
    const poll = await create('secret', 'Lấy phiếu tín nhiệm', { kind: 'confidencePoll', options: [{ label: 'Chủ tịch UBND xã' }, { label: 'Phó Chủ tịch UBND xã' }] });
    await voteAll(poll.id, (i) => ({ ratings: { o1: i < 10 ? 'high' : 'medium', o2: i < 14 ? 'low' : 'medium' } }));
    const closed = (await (await t.client('thuky')).emitWithAck('poll.close', { pollId: poll.id })) as { poll: PollView };
    const [first, second] = closed.poll.confidence!;
    expect(first).toMatchObject({ optionId: 'o1', result: { high: { count: 10 }, medium: { count: 8 }, low: { count: 0 }, mayResign: false } });
    expect(second).toMatchObject({ optionId: 'o2', result: { low: { count: 14 }, mayResign: true, mustHoldConfidenceVote: false } });
  });

  it('decides a confidence vote against more than half of the total', async () => {
    const poll = await create('secret', 'Bỏ phiếu tín nhiệm', { kind: 'confidenceVote' });
    expect(await (await t.client(delegate(1))).emitWithAck('poll.cast', { pollId: poll.id, choice: 'abstain' })).toMatchObject({ ok: false, code: 'validation' });
    await voteAll(poll.id, (i) => ({ choice: i < 13 ? 'no' : 'yes' }));
    const closed = (await (await t.client('thuky')).emitWithAck('poll.close', { pollId: poll.id })) as { poll: PollView };
    expect(closed.poll.confidenceVote).toMatchObject({ total: 25, noConfidence: { count: 13 }, confidence: { count: 5 }, lost: true });
    expect(closed.poll.result).toBeNull();
  });
});

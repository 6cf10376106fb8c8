import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ballots, councils } from '@hopso/db/schema/index';
import type { PollView } from '@hopso/shared/live';
import { delegate, startLiveServer, type LiveServer } from './testing.ts';

describe('voting methods and settings', () => {
  let t: LiveServer;
  const create = async (method: 'named' | 'secret' | 'hands', title: string) => {
    const secretary = await t.client('thuky');
    const created = (await secretary.emitWithAck('poll.create', { meetingId: t.meetingId, title, method })) as { poll: PollView };
    expect(await secretary.emitWithAck('poll.open', { pollId: created.poll.id })).toMatchObject({ ok: true });
    return created.poll;
  };

  beforeAll(async () => {
    t = await startLiveServer();
    const secretary = await t.client('thuky');
    for (const u of ['chutich', ...Array.from({ length: 17 }, (_, i) => delegate(i + 1))]) {
      expect(await secretary.emitWithAck('attendance.mark', { meetingId: t.meetingId, userId: await t.userId(u), status: 'present' })).toEqual({ ok: true });
    }
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
});

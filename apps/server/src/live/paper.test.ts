import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { meetingEvents, polls } from '@hopso/db/schema/index';
import type { PollView } from '@hopso/shared/live';
import { delegate, startLiveServer, type LiveServer } from './testing.ts';

/** Secret ballots on paper: the counting committee's record decides the poll (poll.recordPaper). */
describe('paper ballots counted by a counting committee', () => {
  let t: LiveServer;
  const committee = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'];
  const create = async (title: string, extra: Record<string, unknown> = {}) =>
    ((await (await t.client('thuky')).emitWithAck('poll.create', { meetingId: t.meetingId, title, method: 'secret', ...extra } as never)) as { poll: PollView }).poll;
  const record = async (pollId: string, body: Record<string, unknown>, by = 'thuky') =>
    (await t.client(by)).emitWithAck('poll.recordPaper', { pollId, committee, ...body } as never) as Promise<{ ok: boolean; code?: string; poll?: PollView; fields?: Record<string, { vi: string; en: string }[]> }>;

  beforeAll(async () => {
    t = await startLiveServer();
    await t.markPresent(19);
  }, 60_000);
  afterAll(async () => { await t.close(); });

  it('decides a dismissal from the record with the council’s rule (two thirds of the total) and stores it', async () => {
    const poll = await create('Bãi nhiệm đại biểu (phiếu giấy)', { kind: 'dismissal' });
    const ack = await record(poll.id, { issued: 20, returned: 20, valid: 19, invalid: 1, choices: { yes: 16, no: 2, abstain: 1 } });
    // 16 of 25 is short of two thirds (17): not adopted, though 16 of the 19 valid ballots said yes.
    expect(ack).toMatchObject({ ok: true, poll: { status: 'closed', totalDelegates: 25, cast: 20, result: { yes: { count: 16 }, notVoted: { count: 6 }, required: 17, adopted: false }, paper: { committee, issued: 20, invalid: 1 } } });
    const [row] = await t.db.select().from(polls).where(eq(polls.id, poll.id));
    expect(row).toMatchObject({ status: 'closed', paperRecord: { valid: 19 }, result: { adopted: false } });
    const events = await t.db.select().from(meetingEvents).where(eq(meetingEvents.meetingId, t.meetingId));
    expect(events.some((e) => e.type === 'poll.closed' && JSON.stringify(e.payload).includes('Trần Thị Bình'))).toBe(true);
    expect((await t.sync(await t.client(delegate(1)))).polls.find((p) => p.id === poll.id)!.paper).toMatchObject({ valid: 19 });
    expect(await record(poll.id, { issued: 20, returned: 20, valid: 20, invalid: 0, choices: { yes: 20, no: 0, abstain: 0 } })).toMatchObject({ ok: false, code: 'poll_not_open' });
  });

  it('elects from the record like an electronic election', async () => {
    const poll = await create('Bầu Phó Chủ tịch (phiếu giấy)', { kind: 'election', options: [{ label: 'Trần Thị Minh Hoa' }, { label: 'Lê Văn Cường' }] });
    const ack = await record(poll.id, { issued: 20, returned: 19, valid: 18, invalid: 1, votes: { o1: 13, o2: 5 } });
    expect(ack).toMatchObject({ ok: true, poll: { election: { total: 25, required: 13, candidates: [{ id: 'o1', elected: true }, { id: 'o2', elected: false }] } } });
  });

  it('refuses a record that does not add up, with the fields at fault, and changes nothing', async () => {
    const poll = await create('Bỏ phiếu tín nhiệm (phiếu giấy)', { kind: 'confidenceVote' });
    const tooMany = await record(poll.id, { issued: 21, returned: 21, valid: 21, invalid: 0, choices: { yes: 11, no: 10 } });
    expect(tooMany).toMatchObject({ ok: false, code: 'validation' });
    expect(tooMany.fields!.issued![0]!.vi).toBe('Số phiếu phát ra (21) nhiều hơn số đại biểu có mặt (20).');
    const unbalanced = await record(poll.id, { issued: 20, returned: 20, valid: 19, invalid: 0, choices: { yes: 10, no: 10 } });
    expect(Object.keys(unbalanced.fields!).sort()).toEqual(['choices', 'valid']);
    expect(await record(poll.id, { issued: 20, returned: 20, valid: 20, invalid: 0, votes: { o1: 3 } })).toMatchObject({ ok: false, code: 'validation', fields: { choices: expect.any(Array), votes: expect.any(Array) } });
    expect(await record(poll.id, { issued: 20, returned: 20, valid: 20, invalid: 0 , choices: { yes: 10, no: 10 } }, delegate(1))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await record(poll.id, { committee: [], issued: 20, returned: 20, valid: 20, invalid: 0 })).toMatchObject({ ok: false, code: 'validation', fields: { committee: expect.any(Array) } });
    const [row] = await t.db.select().from(polls).where(eq(polls.id, poll.id));
    expect(row).toMatchObject({ status: 'draft', paperRecord: null, result: null });
  });

  it('is only for secret polls, needs the quorum, and never mixes with electronic ballots', async () => {
    const secretary = await t.client('thuky');
    const named = ((await secretary.emitWithAck('poll.create', { meetingId: t.meetingId, title: 'Biểu quyết điện tử' })) as { poll: PollView }).poll;
    expect(await record(named.id, { issued: 20, returned: 20, valid: 20, invalid: 0, choices: { yes: 20, no: 0, abstain: 0 } })).toMatchObject({ ok: false, code: 'conflict' });
    // An open secret poll falls back to paper only while nobody has voted on a tablet.
    const open = await create('Bỏ phiếu kín điện tử rồi chuyển sang phiếu giấy');
    await secretary.emitWithAck('poll.open', { pollId: open.id });
    const fine = { issued: 20, returned: 20, valid: 20, invalid: 0, choices: { yes: 14, no: 6, abstain: 0 } };
    const other = await create('Một biểu quyết khác');
    expect(await record(other.id, fine)).toMatchObject({ ok: false, code: 'conflict' });
    expect(await (await t.client(delegate(2))).emitWithAck('poll.cast', { pollId: open.id, choice: 'yes' })).toMatchObject({ ok: true });
    expect(await record(open.id, fine)).toMatchObject({ ok: false, code: 'conflict' });
    await secretary.emitWithAck('poll.cancel', { pollId: open.id });
    // Below the quorum (17 of 25): 16 present.
    for (const n of [15, 16, 17, 18]) await secretary.emitWithAck('attendance.mark', { meetingId: t.meetingId, userId: await t.userId(delegate(n)), status: 'absent', reason: 'Ốm' });
    expect(await record(other.id, { ...fine, issued: 16, returned: 16, valid: 16, choices: { yes: 16, no: 0, abstain: 0 } })).toMatchObject({ ok: false, code: 'quorum_not_reached' });
  });
});

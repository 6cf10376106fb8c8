import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agendaItems, ballots, meetingEvents, secretCounts, secretVoters } from '@hopso/db/schema/index';
import type { MeetingEvent, PollProgress, PollView } from '@hopso/shared/live';
import { meetingRoom } from '@hopso/shared/realtime';
import { runRoom } from './socket.ts';
import { delegate, startLiveServer, waitFor, type LiveServer } from './testing.ts';

describe('live meeting over Socket.IO', () => {
  let t: LiveServer;
  let meetingId: string;
  const events: MeetingEvent[] = [];
  const progress: PollProgress[] = [];
  const client = (u: string) => t.client(u);
  const sync = (s: Awaited<ReturnType<LiveServer['client']>>) => t.sync(s);
  const userId = (u: string) => t.userId(u);
  const createPoll = async (method: 'named' | 'secret', title: string) => {
    const ack = await (await client('thuky')).emitWithAck('poll.create', { meetingId, title, method });
    if (!ack.ok) throw new Error(ack.code);
    return (ack as { poll: PollView }).poll;
  };

  beforeAll(async () => {
    t = await startLiveServer();
    meetingId = t.meetingId;
    const watcher = await client('daibieu23');
    watcher.on('meeting.event', (e) => events.push(e));
    watcher.on('poll.progress', (p) => progress.push(p));
    await sync(watcher);
  }, 60_000);
  afterAll(async () => { await t.close(); });

  it('starts with everyone invited, nobody checked in and no quorum', async () => {
    const snap = await sync(await client('thuky'));
    expect(snap.attendance.filter((a) => a.isDelegate)).toHaveLength(25);
    expect(snap.quorum).toEqual({ present: 0, total: 25, required: 17, reached: false });
    expect(snap.canRun).toBe(true);
    expect((await sync(await client(delegate(1)))).canRun).toBe(false);
  });

  it('refuses to open a poll without the quorum', async () => {
    const poll = await createPoll('named', 'Thông qua chương trình kỳ họp');
    const ack = await (await client('thuky')).emitWithAck('poll.open', { pollId: poll.id });
    expect(ack).toMatchObject({ ok: false, code: 'quorum_not_reached' });
    await (await client('thuky')).emitWithAck('poll.cancel', { pollId: poll.id });
  });

  it('reaches the quorum as delegates check in, with every change in the event log in order', async () => {
    const before = events.length;
    for (let n = 1; n <= 16; n++) expect(await (await client(delegate(n))).emitWithAck('attendance.checkIn', { meetingId })).toEqual({ ok: true });
    const mark = await (await client('thuky')).emitWithAck('attendance.mark', { meetingId, userId: (await userId('chutich')), status: 'present' });
    expect(mark).toEqual({ ok: true });
    await waitFor(() => events.length >= before + 17);
    const last = events.at(-1)!;
    expect(last.type).toBe('attendance');
    expect(last.payload.quorum).toEqual({ present: 17, total: 25, required: 17, reached: true });
    expect((await sync(await client(delegate(1)))).attendance.find((a) => a.fullName === 'Nguyễn Văn An')!.at).toEqual(expect.any(String));
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('lets only those running the meeting set the live item, and every tablet follows', async () => {
    const [item] = await t.db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId));
    expect(await (await client(delegate(1))).emitWithAck('agenda.setLive', { meetingId, itemId: item!.id })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await (await client('thuky')).emitWithAck('agenda.setLive', { meetingId, itemId: item!.id })).toEqual({ ok: true });
    await waitFor(() => events.some((e) => e.type === 'agenda.live' && e.payload.itemId === item!.id));
    const snap = await sync(await client(delegate(2)));
    expect(snap.liveItemId).toBe(item!.id);
    expect(Date.now() - Date.parse(snap.liveSince!)).toBeGreaterThanOrEqual(0);
  });

  it('records a delegate who checks in once the meeting is under way as late, and a second check-in changes nothing', async () => {
    const before = events.length;
    expect(await (await client(delegate(18))).emitWithAck('attendance.checkIn', { meetingId })).toEqual({ ok: true });
    expect(await (await client(delegate(1))).emitWithAck('attendance.checkIn', { meetingId })).toEqual({ ok: true });
    await waitFor(() => events.length >= before + 2);
    const snap = await sync(await client('thuky'));
    const byUser = new Map(snap.attendance.map((a) => [a.userId, a.status]));
    expect(byUser.get(await userId(delegate(18)))).toBe('late');
    expect(byUser.get(await userId(delegate(1)))).toBe('present');
    expect(events.slice(before).map((e) => e.payload.status)).toEqual(['late', 'present']);
  });

  it('postpones an item that is not live, and refuses to change the live one that way', async () => {
    const items = await t.db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId));
    const live = (await sync(await client('thuky'))).liveItemId!;
    const other = items.find((i) => i.id !== live)!;
    expect(await (await client('thuky')).emitWithAck('agenda.setStatus', { itemId: other.id, status: 'postponed' })).toEqual({ ok: true });
    expect((await t.db.select().from(agendaItems).where(eq(agendaItems.id, other.id)))[0]!.status).toBe('postponed');
    expect(await (await client('thuky')).emitWithAck('agenda.setStatus', { itemId: live, status: 'done' })).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('runs a named vote: durable ballots, one per delegate, result against the total', async () => {
    const poll = await createPoll('named', 'Thông qua Nghị quyết về dự toán ngân sách năm 2027');
    expect(await (await client(delegate(1))).emitWithAck('poll.open', { pollId: poll.id })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await (await client('chutich')).emitWithAck('poll.open', { pollId: poll.id })).toMatchObject({ ok: true });
    const console: PollProgress[] = [];
    (await client('thuky')).on('poll.progress', (p) => console.push(p));
    const choices = [...Array(14).fill('yes'), 'no', 'no', 'abstain'] as ('yes' | 'no' | 'abstain')[];
    const voters = ['chutich', ...Array.from({ length: 16 }, (_, i) => delegate(i + 1))];
    // Every voter's tablet follows the meeting and keeps the highest tally it heard.
    const heard = new Map<string, number>();
    for (const u of voters) {
      const s = await client(u);
      await sync(s);
      s.on('poll.progress', (p) => { if (p.pollId === poll.id) heard.set(u, Math.max(heard.get(u) ?? 0, p.cast)); });
    }
    const acks = await Promise.all(voters.map(async (u, i) => (await client(u)).emitWithAck('poll.cast', { pollId: poll.id, choice: choices[i]! })));
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(Math.max(...acks.map((a) => (a as { cast: number }).cast))).toBe(17);
    // Each tablet hears a tally that counts its own ballot, and the last tally sent is the final count.
    await waitFor(() => voters.every((u, i) => (heard.get(u) ?? 0) >= (acks[i] as { cast: number }).cast));
    await waitFor(() => voters.every((u) => heard.get(u) === 17));
    // Acknowledged means stored.
    expect(await t.db.select().from(ballots).where(eq(ballots.pollId, poll.id))).toHaveLength(17);
    expect(await (await client(delegate(1))).emitWithAck('poll.cast', { pollId: poll.id, choice: 'no' })).toMatchObject({ ok: false, code: 'already_voted' });
    expect(await (await client(delegate(20))).emitWithAck('poll.cast', { pollId: poll.id, choice: 'yes' })).toMatchObject({ ok: false, code: 'not_eligible' });
    expect(await (await client('thuky')).emitWithAck('poll.cast', { pollId: poll.id, choice: 'yes' })).toMatchObject({ ok: false, code: 'not_eligible' });
    await waitFor(() => progress.some((p) => p.pollId === poll.id && p.cast === 17));
    expect(progress.find((p) => p.pollId === poll.id)!.voted).toBeUndefined();
    // Those running the meeting also get who has voted, for named polls.
    await waitFor(() => console.some((p) => p.pollId === poll.id && p.voted?.length === 17));
    // A console opened mid-poll learns who has voted from the snapshot; a delegate's snapshot never says.
    expect((await sync(await client('thuky'))).votedByPoll[poll.id]).toHaveLength(17);
    expect((await sync(await client(delegate(1)))).votedByPoll).toEqual({});

    const closed = await (await client('chutich')).emitWithAck('poll.close', { pollId: poll.id });
    expect(closed.ok).toBe(true);
    const result = (closed as { poll: PollView }).poll.result!;
    expect(result).toMatchObject({ total: 25, required: 13, adopted: true, yes: { count: 14 }, no: { count: 2 }, abstain: { count: 1 }, notVoted: { count: 8 } });
    expect(await (await client(delegate(3))).emitWithAck('poll.cast', { pollId: poll.id, choice: 'yes' })).toMatchObject({ ok: false, code: 'poll_not_open' });
  });

  it('stores exactly one ballot from 200 concurrent duplicates of one delegate', async () => {
    const poll = await createPoll('named', 'Biểu quyết thử tải trùng lặp');
    await (await client('thuky')).emitWithAck('poll.open', { pollId: poll.id });
    // A delegate no later test uses: this burst empties their socket's rate-limit bucket.
    const s = await client(delegate(16));
    // The per-socket rate limit answers part of a burst this size; none of the answers may store twice.
    const acks = await Promise.all(Array.from({ length: 200 }, () => s.emitWithAck('poll.cast', { pollId: poll.id, choice: 'yes' })));
    expect(acks.filter((a) => a.ok)).toHaveLength(1);
    expect(acks.filter((a) => !a.ok).every((a) => !a.ok && ['already_voted', 'rate_limited'].includes(a.code))).toBe(true);
    expect(await t.db.select().from(ballots).where(eq(ballots.pollId, poll.id))).toHaveLength(1);
    await (await client('thuky')).emitWithAck('poll.close', { pollId: poll.id });
  });

  it('gives ballots cast while a batch commits the counts of the batches committed before theirs', async () => {
    const poll = await createPoll('named', 'Biểu quyết theo từng đợt');
    await (await client('thuky')).emitWithAck('poll.open', { pollId: poll.id });
    const voters = ['chutich', ...Array.from({ length: 15 }, (_, i) => delegate(i + 1))];
    const sockets = await Promise.all(voters.map(client));
    // One ballot every 3 ms: each arrives while the batch before it is on its way or committing.
    const acks = await Promise.all(sockets.map(async (s, i) => {
      await new Promise((r) => setTimeout(r, i * 3));
      return s.emitWithAck('poll.cast', { pollId: poll.id, choice: 'yes' });
    }));
    expect(acks.every((a) => a.ok)).toBe(true);
    const casts = acks.map((a) => (a as { cast: number }).cast);
    // A batch's count is every ballot of its batch and the batches committed before it, never fewer or more.
    for (const c of new Set(casts)) expect(casts.filter((x) => x <= c)).toHaveLength(c);
    expect(Math.max(...casts)).toBe(voters.length);
    await (await client('thuky')).emitWithAck('poll.close', { pollId: poll.id });
  });

  it('keeps a secret ballot unlinkable: voters and choices are stored apart, and nothing names a voter', async () => {
    const poll = await createPoll('secret', 'Bãi nhiệm đại biểu (bỏ phiếu kín)');
    await (await client('thuky')).emitWithAck('poll.open', { pollId: poll.id });
    const voters = Array.from({ length: 10 }, (_, i) => delegate(i + 1));
    for (const [i, u] of voters.entries()) {
      const ack = await (await client(u)).emitWithAck('poll.cast', { pollId: poll.id, choice: i < 7 ? 'yes' : 'no' });
      expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
    }
    expect(await (await client(delegate(1))).emitWithAck('poll.cast', { pollId: poll.id, choice: 'no' })).toMatchObject({ ok: false, code: 'already_voted' });
    const db = t.db;
    expect(await db.select().from(ballots).where(eq(ballots.pollId, poll.id))).toEqual([]);
    expect(await db.select().from(secretVoters).where(eq(secretVoters.pollId, poll.id))).toHaveLength(10);
    const counts = await db.select({ choice: secretCounts.choice, count: secretCounts.count }).from(secretCounts).where(eq(secretCounts.pollId, poll.id));
    expect(Object.fromEntries(counts.map((c) => [c.choice, c.count]))).toEqual({ yes: 7, no: 3 });
    const closed = await (await client('thuky')).emitWithAck('poll.close', { pollId: poll.id });
    expect((closed as { poll: PollView }).poll.result).toMatchObject({ yes: { count: 7 }, adopted: false });
    // From the poll's opening on, the event log and the broadcasts never carry a voter (earlier check-ins do, rightly).
    const voterIds = await Promise.all(voters.map(userId));
    const log = await db.select().from(meetingEvents).where(eq(meetingEvents.meetingId, meetingId));
    const opened = log.find((e) => e.type === 'poll.opened' && JSON.stringify(e.payload).includes(poll.id))!;
    expect(opened).toBeDefined();
    const logged = JSON.stringify(log.filter((e) => e.seq >= opened.seq)) + JSON.stringify(progress.filter((p) => p.pollId === poll.id));
    for (const id of voterIds) expect(logged).not.toContain(id);
    // The voter still learns on return that they voted, not what.
    const fresh = await sync(await client(delegate(1)));
    expect(fresh.myBallots).toContainEqual({ pollId: poll.id, choice: 'secret' });
  });

  it('gives a reconnecting tablet the full state with its own recorded choice', async () => {
    t.disconnect(delegate(4));
    const back = await sync(await client(delegate(4)));
    const named = back.polls.find((p) => p.title.startsWith('Thông qua Nghị quyết'))!;
    expect(back.myBallots).toContainEqual({ pollId: named.id, choice: 'yes' });
    expect(named).toMatchObject({ status: 'closed', cast: 17 });
    expect(back.seq).toBe(events.at(-1)!.seq);
  });

  it('takes a console that leaves the meeting out of both its rooms', async () => {
    const s = await client('chutich');
    await sync(s);
    const rooms = t.running.io.sockets.adapter.rooms;
    expect(rooms.get(runRoom(meetingId))?.has(s.id!)).toBe(true);
    expect(await s.emitWithAck('meeting.leave', { meetingId })).toEqual({ ok: true });
    expect(rooms.get(meetingRoom(meetingId))?.has(s.id!) ?? false).toBe(false);
    expect(rooms.get(runRoom(meetingId))?.has(s.id!) ?? false).toBe(false);
  });

  it('answers malformed payloads, unknown polls and floods with typed errors and stays up', async () => {
    const s = await client(delegate(6));
    expect(await s.emitWithAck('poll.cast', { pollId: 'nope', choice: 'yes' } as never)).toMatchObject({ ok: false, code: 'validation' });
    expect(await s.emitWithAck('poll.cast', { pollId: '00000000-0000-4000-8000-000000000000', choice: 'yes' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await s.emitWithAck('poll.cast', { pollId: '00000000-0000-4000-8000-000000000000', choice: 'maybe' } as never)).toMatchObject({ ok: false, code: 'validation' });
    expect(await s.emitWithAck('meeting.sync', { meetingId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, code: 'not_found' });
    const flood = await Promise.all(Array.from({ length: 100 }, () => s.emitWithAck('meeting.sync', { meetingId })));
    expect(flood.filter((a) => !a.ok && a.code === 'rate_limited').length).toBeGreaterThan(0);
    expect((await fetch(`${t.base}/api/health`)).status).toBe(200);
  });
});


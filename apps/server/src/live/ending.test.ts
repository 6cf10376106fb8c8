import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { agendaItems, auditLog, invitations, meetingEvents, meetings } from '@hopso/db/schema/index';
import type { MeetingEvent, PollView, SpeakerView } from '@hopso/shared/live';
import type { MeetingStatus } from '@hopso/shared/meeting';
import { verifyChain } from '../audit/verify.ts';
import { delegate, startLiveServer, waitFor, type LiveServer } from './testing.ts';

/** Ending a meeting (meeting.end): who may, when it is refused, and what one end changes for everyone. */
describe('ending a meeting', () => {
  let t: LiveServer;
  let meetingId: string;
  let itemId: string;
  const events: MeetingEvent[] = [];
  const secretary = () => t.client('thuky');
  const status = async (id = meetingId) => (await t.db.select().from(meetings).where(eq(meetings.id, id)))[0]!;

  /** Another meeting of the council with the regular session's invitees, in the given status. */
  async function meetingIn(s: MeetingStatus): Promise<string> {
    const [main] = await t.db.select().from(meetings).where(eq(meetings.id, meetingId));
    const [row] = await t.db.insert(meetings).values({ councilId: main!.councilId, kind: 'thematic', status: s, title: `Phiên họp ${s}`, startsAt: new Date(), place: 'Hội trường' }).returning();
    const invited = await t.db.select().from(invitations).where(eq(invitations.meetingId, meetingId));
    await t.db.insert(invitations).values(invited.map((i) => ({ meetingId: row!.id, userId: i.userId })));
    return row!.id;
  }

  beforeAll(async () => {
    t = await startLiveServer();
    meetingId = t.meetingId;
    await t.markPresent(16);
    const watcher = await t.client(delegate(20));
    watcher.on('meeting.event', (e) => events.push(e));
    await t.sync(watcher);
    itemId = (await t.db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position)))[0]!.id;
    expect(await (await secretary()).emitWithAck('agenda.setLive', { meetingId, itemId })).toEqual({ ok: true });
  }, 60_000);
  afterAll(async () => { await t.close(); });

  it('is refused to a delegate, and a malformed payload is a validation error', async () => {
    expect(await (await t.client(delegate(1))).emitWithAck('meeting.end', { meetingId })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await (await secretary()).emitWithAck('meeting.end', { meetingId: 'not-a-uuid' })).toMatchObject({ ok: false, code: 'validation' });
    expect((await status()).status).toBe('live');
  });

  it('is refused for a draft or a cancelled meeting', async () => {
    for (const s of ['draft', 'cancelled'] as const) {
      const id = await meetingIn(s);
      expect(await (await secretary()).emitWithAck('meeting.end', { meetingId: id })).toMatchObject({ ok: false, code: 'meeting_state', message: expect.stringContaining('bản nháp') });
      expect((await status(id)).status).toBe(s);
    }
  });

  it('is refused while a poll is open, and changes nothing', async () => {
    const s = await secretary();
    const created = (await s.emitWithAck('poll.create', { meetingId, title: 'Thông qua chương trình kỳ họp' })) as { poll: PollView };
    expect(await s.emitWithAck('poll.open', { pollId: created.poll.id })).toMatchObject({ ok: true });
    const before = await status();
    const ack = await s.emitWithAck('meeting.end', { meetingId });
    expect(ack).toMatchObject({ ok: false, code: 'poll_still_open', messageEn: expect.stringContaining('close or cancel it') });
    expect(await status()).toMatchObject({ status: 'live', liveItemId: itemId, eventSeq: before.eventSeq });
    expect(await s.emitWithAck('poll.close', { pollId: created.poll.id })).toMatchObject({ ok: true });
  });

  it('closes the meeting in one step: the live item done, the floor ended, one logged and audited event every tablet receives', async () => {
    const s = await secretary();
    const asked = (await (await t.client(delegate(2))).emitWithAck('speaker.request', { meetingId })) as { speaker: SpeakerView };
    expect(await s.emitWithAck('speaker.start', { requestId: asked.speaker.id })).toEqual({ ok: true });
    const seqBefore = (await status()).eventSeq;

    const ack = await s.emitWithAck('meeting.end', { meetingId });
    expect(ack).toMatchObject({ ok: true, endedAt: expect.any(String) });

    expect(await status()).toMatchObject({ status: 'closed', liveItemId: null, liveSince: null });
    const [item] = await t.db.select().from(agendaItems).where(eq(agendaItems.id, itemId));
    expect(item!.status).toBe('done');
    // The speaker's floor and the end, in that order, right after what was there.
    const logged = await t.db.select().from(meetingEvents).where(eq(meetingEvents.meetingId, meetingId)).orderBy(asc(meetingEvents.seq));
    const added = logged.filter((e) => e.seq > seqBefore);
    expect(added.map((e) => [e.seq, e.type])).toEqual([[seqBefore + 1, 'speaker'], [seqBefore + 2, 'meeting.ended']]);
    expect(added[1]!.payload).toMatchObject({ status: 'closed', finishedItemId: itemId, previousStatus: 'live', endedAt: (ack as { endedAt: string }).endedAt });
    expect((await status()).eventSeq).toBe(seqBefore + 2);

    const audit = (await t.db.select().from(auditLog).orderBy(asc(auditLog.seq))).filter((e) => e.action === 'live.meeting.ended');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: await t.userId('thuky'), meetingId, details: { seq: seqBefore + 2, status: 'closed', finishedItemId: itemId } });
    expect(await verifyChain(t.db)).toMatchObject({ ok: true });

    await waitFor(() => events.some((e) => e.type === 'meeting.ended'));
    expect(events.find((e) => e.type === 'meeting.ended')).toMatchObject({ meetingId, seq: seqBefore + 2 });
    const snap = await t.sync(await t.client(delegate(20)));
    expect(snap).toMatchObject({ status: 'closed', liveItemId: null, liveSince: null });
    expect(snap.speakers.find((x) => x.id === asked.speaker.id)).toMatchObject({ status: 'done', endedAt: expect.any(String) });
  });

  it('answers a second end with meeting_ended, and nothing goes live or opens afterwards', async () => {
    const s = await secretary();
    const seq = (await status()).eventSeq;
    expect(await s.emitWithAck('meeting.end', { meetingId })).toMatchObject({ ok: false, code: 'meeting_ended', message: 'Phiên họp đã kết thúc.' });
    expect(await s.emitWithAck('agenda.setLive', { meetingId, itemId })).toMatchObject({ ok: false, code: 'meeting_ended' });
    const draft = (await s.emitWithAck('poll.create', { meetingId, title: 'Biểu quyết sau khi kết thúc' })) as { poll: PollView };
    expect(await s.emitWithAck('poll.open', { pollId: draft.poll.id })).toMatchObject({ ok: false, code: 'meeting_ended' });
    expect(await status()).toMatchObject({ status: 'closed', liveItemId: null });
    // Only the draft's creation was logged since.
    expect((await status()).eventSeq).toBe(seq + 1);
    // The meeting can still be read: a tablet that reconnects learns that it ended.
    expect((await t.sync(await t.client(delegate(1)))).status).toBe('closed');
  });

  it('refuses check-ins, attendance marks, speaker requests and questions once the meeting has ended', async () => {
    const s = await secretary();
    const d = await t.client(delegate(3));
    const seq = (await status()).eventSeq;
    const refused = { ok: false, code: 'meeting_ended' };
    expect(await d.emitWithAck('attendance.checkIn', { meetingId })).toMatchObject(refused);
    expect(await s.emitWithAck('attendance.mark', { meetingId, userId: await t.userId(delegate(4)), status: 'absent', reason: 'Ốm' })).toMatchObject(refused);
    expect(await d.emitWithAck('speaker.request', { meetingId })).toMatchObject(refused);
    expect(await d.emitWithAck('question.submit', { meetingId, addressee: 'Giám đốc Sở Tài chính', content: 'Câu hỏi gửi sau khi kết thúc phiên họp' })).toMatchObject(refused);
    expect((await status()).eventSeq).toBe(seq);
  });

  it('ends a published meeting that never went live, and two ends at once close it once', async () => {
    const id = await meetingIn('published');
    const [s, chair] = [await secretary(), await t.client('chutich')];
    const both = () => Promise.all([s.emitWithAck('meeting.end', { meetingId: id }), chair.emitWithAck('meeting.end', { meetingId: id })]);
    let a, b;
    if (process.env.TEST_DATABASE_URL) {
      // PostgreSQL runs the two transactions side by side: hold the meeting row until both wait on it, so
      // both have started before either can read the status (PGlite has one connection: they take turns).
      let release!: () => void;
      let holding!: () => void;
      const held = new Promise<void>((r) => (holding = r));
      const holder = t.db.transaction(async (tx) => {
        await tx.select().from(meetings).where(eq(meetings.id, id)).for('update');
        holding();
        await new Promise<void>((r) => (release = r));
      });
      await held;
      const ends = both();
      const waiting = async () => Number((await t.db.execute(sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`) as unknown as { n: number }[])[0]?.n ?? 0);
      for (let n = await waiting(); n < 2; n = await waiting()) await new Promise((r) => setTimeout(r, 20));
      release();
      await holder;
      [a, b] = await ends;
    } else {
      [a, b] = await both();
    }
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((x) => !x.ok)).toMatchObject({ code: 'meeting_ended' });
    expect((await status(id)).status).toBe('closed');
    const logged = await t.db.select().from(meetingEvents).where(eq(meetingEvents.meetingId, id));
    expect(logged.map((e) => e.type)).toEqual(['meeting.ended']);
    expect(logged[0]!.payload).toMatchObject({ previousStatus: 'published', finishedItemId: null });
  });
});

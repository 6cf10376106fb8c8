import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { livePayloads, type PollView, type QuestionView, type SpeakerView } from '@hopso/shared/live';
import { agendaItems, councils, invitations, meetings, members, users } from '@hopso/db/schema/index';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../auth/password.ts';
import { delegate, startLiveServer, type Client, type LiveServer } from './testing.ts';

/**
 * The socket authorization matrix: every client → server event × every kind of caller, from one table.
 * "denied" means a typed refusal (forbidden, not_found, not_eligible); "allowed" means the event did its
 * work. Every event of shared/live.ts (plus join/leave) must have a row.
 */
const actors = ['admin', 'chair', 'secretary', 'clerk', 'delegate', 'guest', 'outsider'] as const;
type Actor = (typeof actors)[number];
const usernames: Record<Actor, string> = { admin: 'admin', chair: 'chutich', secretary: 'thuky', clerk: 'chuyenvien', delegate: delegate(1), guest: 'khachmoi', outsider: 'ngoaixa' };
const runners: Actor[] = ['admin', 'chair', 'secretary'];
const readers: Actor[] = ['admin', 'chair', 'secretary', 'clerk', 'delegate'];
const voters: Actor[] = ['chair', 'delegate'];

interface Row {
  event: string;
  allowed: readonly Actor[];
  /** Builds a valid payload for this caller (fresh resources where the event consumes them). */
  payload: (actor: Actor) => Promise<unknown>;
}

describe('socket event authorization matrix', () => {
  let t: LiveServer;
  let secretary: Client;
  let meetingId: string;
  let itemId: string;
  let spareItemId: string;

  const poll = async (method: 'named' | 'hands', open: boolean) => {
    const created = (await secretary.emitWithAck('poll.create', { meetingId, title: `Ma trận quyền ${Math.random()}`, method })) as { poll: PollView };
    if (open) await secretary.emitWithAck('poll.open', { pollId: created.poll.id });
    return created.poll.id;
  };
  const closeOpenPolls = async () => {
    for (const p of (await t.sync(secretary)).polls) if (p.status === 'open') await secretary.emitWithAck('poll.cancel', { pollId: p.id });
  };
  const speakerRequest = async (by: string) => ((await (await t.client(by)).emitWithAck('speaker.request', { meetingId })) as { speaker: SpeakerView }).speaker.id;
  const question = async () => ((await (await t.client(delegate(2))).emitWithAck('question.submit', { meetingId, addressee: 'Chủ tịch UBND xã', content: 'Câu hỏi cho ma trận quyền' })) as { question: QuestionView }).question.id;
  const approvedQuestion = async () => {
    const id = await question();
    await secretary.emitWithAck('question.moderate', { questionId: id, action: 'approve' });
    return id;
  };

  const rows: Row[] = [
    { event: 'meeting.join', allowed: readers, payload: async () => ({ meetingId }) },
    { event: 'meeting.leave', allowed: actors, payload: async () => ({ meetingId }) },
    { event: 'meeting.sync', allowed: readers, payload: async () => ({ meetingId }) },
    { event: 'attendance.checkIn', allowed: readers, payload: async () => ({ meetingId }) },
    { event: 'attendance.mark', allowed: runners, payload: async () => ({ meetingId, userId: await t.userId(delegate(1)), status: 'present' }) },
    { event: 'agenda.setLive', allowed: runners, payload: async () => ({ meetingId, itemId }) },
    { event: 'agenda.setStatus', allowed: runners, payload: async () => ({ itemId: spareItemId, status: 'postponed' }) },
    { event: 'poll.create', allowed: runners, payload: async () => ({ meetingId, title: 'Biểu quyết thử quyền' }) },
    { event: 'poll.open', allowed: runners, payload: async () => { await closeOpenPolls(); return { pollId: await poll('named', false) }; } },
    { event: 'poll.cast', allowed: voters, payload: async () => { await closeOpenPolls(); return { pollId: await poll('named', true), choice: 'yes' }; } },
    { event: 'poll.recordHands', allowed: runners, payload: async () => { await closeOpenPolls(); return { pollId: await poll('hands', true), yes: 1, no: 0, abstain: 0 }; } },
    { event: 'poll.recordPaper', allowed: runners, payload: async () => {
      await closeOpenPolls();
      const created = (await secretary.emitWithAck('poll.create', { meetingId, title: `Phiếu giấy ${Math.random()}`, method: 'secret' })) as { poll: PollView };
      return { pollId: created.poll.id, committee: ['Nguyễn Văn An'], issued: 18, returned: 18, valid: 18, invalid: 0, choices: { yes: 18, no: 0, abstain: 0 } };
    } },
    { event: 'poll.close', allowed: runners, payload: async () => { await closeOpenPolls(); return { pollId: await poll('named', true) }; } },
    { event: 'poll.cancel', allowed: runners, payload: async () => ({ pollId: await poll('named', false) }) },
    { event: 'speaker.request', allowed: readers, payload: async (a) => { await withdrawAll(a); return { meetingId }; } },
    { event: 'speaker.withdraw', allowed: readers, payload: async (a) => {
      // Members withdraw their own request; others try someone else's.
      const owner = readers.includes(a) ? usernames[a] : delegate(3);
      await withdrawAll('delegate', owner);
      return { requestId: await speakerRequest(owner) };
    } },
    { event: 'speaker.order', allowed: runners, payload: async () => ({ meetingId, order: [] }) },
    { event: 'speaker.start', allowed: runners, payload: async () => { await withdrawAll('delegate', delegate(4)); return { requestId: await speakerRequest(delegate(4)) }; } },
    { event: 'speaker.stop', allowed: runners, payload: async () => {
      await withdrawAll('delegate', delegate(5));
      const id = await speakerRequest(delegate(5));
      await secretary.emitWithAck('speaker.start', { requestId: id });
      return { requestId: id };
    } },
    { event: 'question.submit', allowed: voters, payload: async () => ({ meetingId, addressee: 'Trưởng Công an xã', content: 'Câu hỏi kiểm tra quyền gửi' }) },
    { event: 'question.moderate', allowed: runners, payload: async () => ({ questionId: await question(), action: 'approve' }) },
    { event: 'question.answer', allowed: runners, payload: async () => ({ questionId: await question(), answerText: 'Trả lời' }) },
    { event: 'question.defer', allowed: runners, payload: async () => ({ questionId: await question() }) },
    { event: 'question.start', allowed: runners, payload: async () => ({ questionId: await approvedQuestion(), phase: 'question' }) },
    { event: 'question.stop', allowed: runners, payload: async () => {
      const questionId = await approvedQuestion();
      await secretary.emitWithAck('question.start', { questionId, phase: 'answer' });
      return { questionId };
    } },
    // Ending closes the meeting for good: each caller gets a meeting of its own, live, with the same invitees.
    { event: 'meeting.end', allowed: runners, payload: async () => ({ meetingId: await liveMeeting() }) },
  ];

  /** A fresh live meeting of the council with the main meeting's invitees (for the events that end one). */
  async function liveMeeting() {
    const [main] = await t.db.select().from(meetings).where(eq(meetings.id, meetingId));
    const [row] = await t.db.insert(meetings).values({ councilId: main!.councilId, kind: 'regular', status: 'live', title: 'Phiên họp thử quyền kết thúc', startsAt: new Date(), place: 'Hội trường' }).returning();
    const invited = await t.db.select().from(invitations).where(eq(invitations.meetingId, meetingId));
    await t.db.insert(invitations).values(invited.map((i) => ({ meetingId: row!.id, userId: i.userId })));
    return row!.id;
  }

  /** Withdraws a user's waiting requests so they may ask again. */
  async function withdrawAll(actor: Actor, username = usernames[actor]) {
    if (!readers.includes(actor) && username === usernames[actor]) return;
    const id = await t.userId(username);
    for (const s of (await t.sync(secretary)).speakers) {
      if (s.userId !== id) continue;
      if (s.status === 'waiting') await (await t.client(username)).emitWithAck('speaker.withdraw', { requestId: s.id });
      if (s.status === 'speaking') await secretary.emitWithAck('speaker.stop', { requestId: s.id });
    }
  }

  beforeAll(async () => {
    // The matrix prepares state through one socket far faster than a person could: lift the rate limit.
    t = await startLiveServer({ SOCKET_EVENTS_PER_SECOND: '1000' });
    meetingId = t.meetingId;
    secretary = await t.client('thuky');
    [itemId, spareItemId] = (await t.db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId))).map((i) => i.id) as [string, string];
    await secretary.emitWithAck('agenda.setLive', { meetingId, itemId });
    const hash = await hashPassword('HopSo@2026');
    const [council] = await t.db.select().from(councils);
    const [guest, outsider] = await t.db.insert(users).values([
      { username: 'khachmoi', fullName: 'Khách mời', passwordHash: hash, calendarToken: 'socket-guest-token-0000000' },
      { username: 'ngoaixa', fullName: 'Người ngoài', passwordHash: hash, calendarToken: 'socket-outsider-token-0000' },
    ]).returning();
    const [other] = await t.db.insert(councils).values({ name: 'HĐND xã khác', level: 'commune', locality: 'Khác' }).returning();
    await t.db.insert(members).values([{ councilId: council!.id, userId: guest!.id, role: 'guest' }, { councilId: other!.id, userId: outsider!.id, role: 'delegate' }]);
    for (const u of ['chutich', ...Array.from({ length: 17 }, (_, i) => delegate(i + 1))]) {
      await secretary.emitWithAck('attendance.mark', { meetingId, userId: await t.userId(u), status: 'present' });
    }
  }, 60_000);
  afterAll(async () => { await t.close(); });

  it('has a row for every client event', () => {
    expect(rows.map((r) => r.event).sort()).toEqual(['meeting.join', 'meeting.leave', ...Object.keys(livePayloads)].sort());
  });

  it('has a row for every event a connected socket listens to, however the handler was registered', () => {
    // Socket.IO's own reserved names are not client events.
    const reserved = new Set(['error', 'disconnect', 'disconnecting']);
    const sockets = [...t.running.io.of('/').sockets.values()];
    expect(sockets.length).toBeGreaterThan(0);
    for (const socket of sockets) {
      const listened = socket.eventNames().map(String).filter((e) => !reserved.has(e));
      expect(listened.sort()).toEqual(rows.map((r) => r.event).sort());
    }
  });

  for (const row of rows) {
    for (const actor of actors) {
      const allowed = row.allowed.includes(actor);
      it(`${row.event} — ${actor} ${allowed ? 'allowed' : 'denied'}`, async () => {
        const payload = await row.payload(actor);
        const socket = await t.client(usernames[actor]);
        const ack = (await (socket as unknown as { emitWithAck(e: string, p: unknown): Promise<{ ok: boolean; code?: string }> }).emitWithAck(row.event, payload));
        if (allowed) expect(ack, `${row.event} as ${actor}: ${JSON.stringify(ack)}`).toMatchObject({ ok: true });
        else expect(['forbidden', 'not_found', 'not_eligible'], `${row.event} as ${actor}: ${JSON.stringify(ack)}`).toContain(ack.code);
      });
    }
  }
});

import { describe, expect, it } from 'vitest';
import type { AttendanceEntry, LiveSnapshot, MeetingEvent, PollView, QuestionView, SpeakerView } from '@hopso/shared/live';
import { applyProgress, fromSnapshot, hasEnded, latestResult, myChoice, openPoll, receiveEvent, recordMyBallot, upsertPoll } from './reducer.ts';

const meetingId = '00000000-0000-4000-8000-000000000001';
const other = '00000000-0000-4000-8000-000000000009';

const person = (userId: string, status: AttendanceEntry['status'] = null): AttendanceEntry => ({
  userId, fullName: `Đại biểu ${userId}`, role: 'delegate', isDelegate: true, status, reason: null, at: null,
});

// Elections and confidence polls add fields to PollView; a motion leaves them empty.
const poll = (id: string, over: Partial<PollView> = {}): PollView => ({
  id, title: `Biểu quyết ${id}`, kind: 'motion', method: 'named', status: 'draft', agendaItemId: null,
  totalDelegates: null, cast: 0, result: null, openedAt: null, closedAt: null,
  options: [], seats: null, election: null, confidence: null, confidenceVote: null, hands: null, paper: null, ...over,
}) as PollView;

function snapshot(over: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return {
    meetingId, seq: 10, status: 'live', liveItemId: null, liveSince: null,
    attendance: [person('u1'), person('u2'), person('u3')],
    quorum: { present: 0, total: 3, required: 2, reached: false },
    polls: [], myBallots: [], choiceLabels: { yes: 'Tán thành', no: 'Không tán thành', abstain: 'Không biểu quyết' },
    speakers: [], questions: [], limits: { speakerSeconds: 300, questionSeconds: 60, answerSeconds: 180 }, canRun: false, votedByPoll: {},
    ...over,
  };
}

const event = (seq: number, type: MeetingEvent['type'], payload: Record<string, unknown>, mid = meetingId): MeetingEvent => ({ meetingId: mid, seq, type, payload });
const checkIn = (seq: number, userId: string, present: number) =>
  event(seq, 'attendance', { userId, status: 'present', reason: null, quorum: { present, total: 3, required: 2, reached: present >= 2 } });

describe('receiveEvent', () => {
  it('applies the next event and advances seq', () => {
    const { state } = fromSnapshot(snapshot());
    const r = receiveEvent(state, event(11, 'agenda.live', { itemId: 'item-1', liveSince: '2026-12-20T01:00:00.000Z' }));
    expect(r.gap).toBe(false);
    expect(r.state.snapshot.seq).toBe(11);
    expect(r.state.snapshot.liveItemId).toBe('item-1');
    expect(r.state.snapshot.liveSince).toBe('2026-12-20T01:00:00.000Z');
  });

  it('ignores events already included in the snapshot and events of another meeting', () => {
    const { state } = fromSnapshot(snapshot());
    const old = receiveEvent(state, event(10, 'agenda.live', { itemId: 'stale', liveSince: null }));
    expect(old).toEqual({ state, gap: false });
    const foreign = receiveEvent(state, event(11, 'agenda.live', { itemId: 'x', liveSince: null }, other));
    expect(foreign.state.snapshot.liveItemId).toBeNull();
  });

  it('holds an event that arrives ahead of a missing one and reports the gap', () => {
    const { state } = fromSnapshot(snapshot());
    const r = receiveEvent(state, event(12, 'agenda.live', { itemId: 'item-2', liveSince: null }));
    expect(r.gap).toBe(true);
    expect(r.state.snapshot.seq).toBe(10);
    expect(r.state.snapshot.liveItemId).toBeNull();
    expect(r.state.pending.map((e) => e.seq)).toEqual([12]);
  });

  it('applies held events in seq order once the missing one arrives', () => {
    let { state } = fromSnapshot(snapshot());
    state = receiveEvent(state, event(13, 'agenda.live', { itemId: 'item-3', liveSince: null })).state;
    state = receiveEvent(state, event(12, 'agenda.live', { itemId: 'item-2', liveSince: null })).state;
    const r = receiveEvent(state, event(11, 'agenda.live', { itemId: 'item-1', liveSince: null }));
    expect(r.gap).toBe(false);
    expect(r.state.snapshot.seq).toBe(13);
    expect(r.state.snapshot.liveItemId).toBe('item-3');
    expect(r.state.pending).toEqual([]);
  });

  it('updates the attendance entry and takes the quorum the server computed', () => {
    let { state } = fromSnapshot(snapshot());
    state = receiveEvent(state, checkIn(11, 'u1', 1)).state;
    const r = receiveEvent(state, checkIn(12, 'u2', 2));
    expect(r.state.snapshot.attendance.map((a) => a.status)).toEqual(['present', 'present', null]);
    expect(r.state.snapshot.quorum).toEqual({ present: 2, total: 3, required: 2, reached: true });
    const absent = receiveEvent(r.state, event(13, 'attendance', { userId: 'u3', status: 'absent', reason: 'Đi công tác', quorum: r.state.snapshot.quorum }));
    expect(absent.state.snapshot.attendance[2]).toMatchObject({ status: 'absent', reason: 'Đi công tác' });
  });

  it('asks for a sync when attendance names someone the snapshot does not list', () => {
    const { state } = fromSnapshot(snapshot());
    const r = receiveEvent(state, checkIn(11, 'newcomer', 1));
    expect(r.gap).toBe(true);
    expect(r.state.snapshot.seq).toBe(10);
  });

  it('inserts a created poll and replaces it on open and close', () => {
    let { state } = fromSnapshot(snapshot({ polls: [poll('p0', { status: 'closed' })] }));
    state = receiveEvent(state, event(11, 'poll.created', { poll: poll('p1') })).state;
    expect(state.snapshot.polls.map((p) => [p.id, p.status])).toEqual([['p0', 'closed'], ['p1', 'draft']]);
    state = receiveEvent(state, event(12, 'poll.opened', { poll: poll('p1', { status: 'open', totalDelegates: 3 }) })).state;
    expect(openPoll(state.snapshot)?.id).toBe('p1');
    const result = { total: 3, yes: { count: 2, basisPoints: 6667 }, no: { count: 1, basisPoints: 3333 }, abstain: { count: 0, basisPoints: 0 }, notVoted: { count: 0, basisPoints: 0 }, required: 2, adopted: true };
    state = receiveEvent(state, event(13, 'poll.closed', { poll: poll('p1', { status: 'closed', cast: 3, result, closedAt: '2026-12-20T02:00:00.000Z' }) })).state;
    expect(state.snapshot.polls).toHaveLength(2);
    expect(openPoll(state.snapshot)).toBeNull();
    expect(latestResult(state.snapshot)?.result?.adopted).toBe(true);
  });

  it('applies events buffered during a sync that are newer than the snapshot', () => {
    const buffered = [event(9, 'agenda.live', { itemId: 'old', liveSince: null }), event(11, 'agenda.live', { itemId: 'new', liveSince: null })];
    const r = fromSnapshot(snapshot(), buffered);
    expect(r.gap).toBe(false);
    expect(r.state.snapshot.liveItemId).toBe('new');
    expect(r.state.snapshot.seq).toBe(11);
  });
});

describe('upsertPoll', () => {
  it('never lowers the count of an open poll below what progress already showed', () => {
    const polls = [poll('p1', { status: 'open', cast: 5 })];
    expect(upsertPoll(polls, poll('p1', { status: 'open', cast: 3 }))[0]!.cast).toBe(5);
    expect(upsertPoll(polls, poll('p1', { status: 'closed', cast: 4 }))[0]!.cast).toBe(4);
  });
});

describe('applyProgress', () => {
  const open = () => fromSnapshot(snapshot({ polls: [poll('p1', { status: 'open', totalDelegates: 3 })] })).state;

  it('raises the poll count and keeps the list of who voted', () => {
    let state = applyProgress(open(), { pollId: 'p1', cast: 2, totalDelegates: 3, voted: ['u1', 'u2'] });
    expect(state.snapshot.polls[0]!.cast).toBe(2);
    // The room's copy of the same progress carries no names: the console keeps them.
    state = applyProgress(state, { pollId: 'p1', cast: 2, totalDelegates: 3 });
    expect(state.progress.p1!.voted).toEqual(['u1', 'u2']);
  });

  it('ignores a late message with a lower count and unknown polls', () => {
    let state = applyProgress(open(), { pollId: 'p1', cast: 3, totalDelegates: 3 });
    state = applyProgress(state, { pollId: 'p1', cast: 1, totalDelegates: 3 });
    expect(state.snapshot.polls[0]!.cast).toBe(3);
    expect(applyProgress(state, { pollId: 'nope', cast: 1, totalDelegates: 3 })).toBe(state);
  });
});

describe('recordMyBallot', () => {
  it('shows the caller their own choice, or only that they voted in a secret poll', () => {
    let state = fromSnapshot(snapshot({ polls: [poll('p1', { status: 'open' }), poll('p2', { status: 'open', method: 'secret' })] })).state;
    state = recordMyBallot(state, 'p1', 'yes', 1);
    state = recordMyBallot(state, 'p2', 'secret', 4);
    expect(myChoice(state.snapshot, 'p1')).toBe('yes');
    expect(myChoice(state.snapshot, 'p2')).toBe('secret');
    expect(state.snapshot.polls.map((p) => p.cast)).toEqual([1, 4]);
  });
});

describe('latestResult', () => {
  it('hides a result closed before the current item went live', () => {
    const result = { total: 3, yes: { count: 1, basisPoints: 3333 }, no: { count: 0, basisPoints: 0 }, abstain: { count: 0, basisPoints: 0 }, notVoted: { count: 2, basisPoints: 6667 }, required: 2, adopted: false };
    const s = snapshot({ liveSince: '2026-12-20T03:00:00.000Z', polls: [poll('p1', { status: 'closed', result, closedAt: '2026-12-20T02:00:00.000Z' })] });
    expect(latestResult(s)).toBeNull();
    expect(latestResult({ ...s, liveSince: null })?.id).toBe('p1');
  });
});

const speaker = (id: string, over: Partial<SpeakerView> = {}): SpeakerView => ({
  id, agendaItemId: 'item-1', userId: 'u1', fullName: 'Đại biểu u1', status: 'waiting', position: 0, limitSeconds: 300,
  requestedAt: '2026-12-20T01:00:00.000Z', startedAt: null, endedAt: null, ...over,
});
const question = (id: string, over: Partial<QuestionView> = {}): QuestionView => ({
  id, askerId: 'u1', askerName: 'Đại biểu u1', addressee: 'Giám đốc Sở Tài chính', content: 'Vì sao giải ngân chậm?', parentId: null,
  status: 'submitted', mergedInto: null, position: 0, answerText: null, answeredOrally: false, answeredAt: null, writtenAnswerDue: null,
  submittedAt: '2026-12-20T01:00:00.000Z', questionStartedAt: null, questionEndedAt: null, questionLimitSeconds: null,
  answerStartedAt: null, answerEndedAt: null, answerLimitSeconds: null, ...over,
});

describe('floor and poll events', () => {
  it('upserts the changed requests to speak by id', () => {
    let { state } = fromSnapshot(snapshot({ speakers: [speaker('s1'), speaker('s2', { position: 1 })] }));
    state = receiveEvent(state, event(11, 'speaker', { speakers: [speaker('s1', { status: 'speaking', startedAt: '2026-12-20T01:01:00.000Z' }), speaker('s3', { position: 2 })] })).state;
    expect(state.snapshot.speakers.map((x) => [x.id, x.status])).toEqual([['s1', 'speaking'], ['s2', 'waiting'], ['s3', 'waiting']]);
    expect(state.snapshot.seq).toBe(11);
  });

  it('upserts the changed questions by id', () => {
    let { state } = fromSnapshot(snapshot({ questions: [question('q1'), question('q2', { position: 1 })] }));
    state = receiveEvent(state, event(11, 'question', { questions: [question('q2', { status: 'answered', answerText: 'Đã trả lời' }), question('q3', { parentId: 'q2', position: 2 })] })).state;
    expect(state.snapshot.questions.map((x) => [x.id, x.status])).toEqual([['q1', 'submitted'], ['q2', 'answered'], ['q3', 'submitted']]);
    expect(state.snapshot.questions[1]!.answerText).toBe('Đã trả lời');
  });

  it('replaces a poll on poll.updated; a corrected show of hands may lower its count', () => {
    let { state } = fromSnapshot(snapshot({ polls: [poll('p1', { status: 'open', method: 'hands', cast: 4 }), poll('p2', { status: 'open', cast: 4 })] }));
    state = receiveEvent(state, event(11, 'poll.updated', { poll: poll('p1', { status: 'open', method: 'hands', cast: 3, title: 'Sửa' }) })).state;
    state = receiveEvent(state, event(12, 'poll.updated', { poll: poll('p2', { status: 'open', cast: 3 }) })).state;
    expect(state.snapshot.polls.map((p) => [p.title, p.cast])).toEqual([['Sửa', 3], ['Biểu quyết p2', 4]]);
  });

  it('advances seq on agenda.status and leaves the live item alone (the agenda is re-read over HTTP)', () => {
    const { state } = fromSnapshot(snapshot({ liveItemId: 'item-1' }));
    const r = receiveEvent(state, event(11, 'agenda.status', { itemId: 'item-2', status: 'postponed' }));
    expect(r.gap).toBe(false);
    expect(r.state.snapshot.seq).toBe(11);
    expect(r.state.snapshot.liveItemId).toBe('item-1');
  });

  it('keeps liveSince from the snapshot and from agenda.live', () => {
    let { state } = fromSnapshot(snapshot({ liveItemId: 'item-1', liveSince: '2026-12-20T01:00:00.000Z' }));
    expect(state.snapshot.liveSince).toBe('2026-12-20T01:00:00.000Z');
    state = receiveEvent(state, event(11, 'agenda.live', { itemId: null, liveSince: null })).state;
    expect(state.snapshot.liveSince).toBeNull();
  });

  it('takes the check-in time from the attendance event, keeping the snapshot time when absent', () => {
    let { state } = fromSnapshot(snapshot({ attendance: [{ ...person('u1'), status: 'present', at: '2026-12-20T00:55:00.000Z' }, person('u2')] }));
    expect(state.snapshot.attendance[0]!.at).toBe('2026-12-20T00:55:00.000Z');
    state = receiveEvent(state, event(11, 'attendance', { userId: 'u2', status: 'late', reason: null, at: '2026-12-20T01:10:00.000Z', quorum: state.snapshot.quorum })).state;
    expect(state.snapshot.attendance[1]!.at).toBe('2026-12-20T01:10:00.000Z');
    state = receiveEvent(state, event(12, 'attendance', { userId: 'u1', status: 'present', reason: null, quorum: state.snapshot.quorum })).state;
    expect(state.snapshot.attendance[0]!.at).toBe('2026-12-20T00:55:00.000Z');
  });

  it('seeds the voted list of open named polls from votedByPoll, and a longer list seen since wins', () => {
    const s = snapshot({ polls: [poll('p1', { status: 'open', totalDelegates: 3, cast: 2 }), poll('p0', { status: 'closed' })], votedByPoll: { p1: ['u1', 'u2'], p0: ['u3'] } });
    const { state } = fromSnapshot(s);
    expect(state.progress.p1).toEqual({ pollId: 'p1', cast: 2, totalDelegates: 3, voted: ['u1', 'u2'] });
    expect(state.progress.p0).toBeUndefined();
    const resync = fromSnapshot(s, [], { p1: { pollId: 'p1', cast: 3, totalDelegates: 3, voted: ['u1', 'u2', 'u3'] } });
    expect(resync.state.progress.p1!.voted).toEqual(['u1', 'u2', 'u3']);
  });
});

describe('latestResult by kind', () => {
  it('shows a closed election, confidence poll or confidence vote, which have no motion result', () => {
    const election = { total: 25, required: 13, candidates: [{ id: 'o1', votes: { count: 14, basisPoints: 5600 }, elected: true }] };
    const s = snapshot({ polls: [poll('e1', { kind: 'election', method: 'secret', status: 'closed', election, closedAt: '2026-12-20T02:00:00.000Z' })] });
    expect(latestResult(s)?.id).toBe('e1');
    const vote = { total: 25, confidence: { count: 20, basisPoints: 8000 }, noConfidence: { count: 5, basisPoints: 2000 }, required: 13, lost: false };
    const later = snapshot({ polls: [...s.polls, poll('v1', { kind: 'confidenceVote', method: 'secret', status: 'closed', confidenceVote: vote, closedAt: '2026-12-20T03:00:00.000Z' })] });
    expect(latestResult(later)?.id).toBe('v1');
  });
});

describe('meeting.ended', () => {
  it('closes the meeting and clears the live item and its timer, keeping the results', () => {
    const closed = poll('p1', { status: 'closed', closedAt: '2026-12-20T02:00:00.000Z', result: { yes: 3, no: 0, abstain: 0, notVoted: 0, total: 3, adopted: true } as unknown as PollView['result'] });
    const { state } = fromSnapshot(snapshot({ liveItemId: 'item-1', liveSince: '2026-12-20T01:00:00.000Z', polls: [closed] }));
    expect(hasEnded(state.snapshot)).toBe(false);
    const r = receiveEvent(state, event(11, 'meeting.ended', { status: 'closed', endedAt: '2026-12-20T03:00:00.000Z', finishedItemId: 'item-1' }));
    expect(r.gap).toBe(false);
    expect(r.state.snapshot).toMatchObject({ seq: 11, status: 'closed', liveItemId: null, liveSince: null, polls: [closed] });
    expect(hasEnded(r.state.snapshot)).toBe(true);
  });

  it('waits for a missing event before ending, like any other', () => {
    const { state } = fromSnapshot(snapshot({ liveItemId: 'item-1' }));
    const r = receiveEvent(state, event(12, 'meeting.ended', { status: 'closed' }));
    expect(r.gap).toBe(true);
    expect(r.state.snapshot).toMatchObject({ status: 'live', liveItemId: 'item-1' });
  });
});

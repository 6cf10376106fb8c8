import { describe, expect, it } from 'vitest';
import type { LiveSnapshot, QuestionView, SpeakerView } from '@hopso/shared/live';
import { currentSpeaker, formatCountdown, movePosition, moved, myRequest, orderedQuestions, questionOnFloor, remainingMs, speakersOf } from './floor.ts';

const speaker = (id: string, over: Partial<SpeakerView> = {}): SpeakerView => ({
  id, agendaItemId: 'item-1', userId: `u-${id}`, fullName: `Đại biểu ${id}`, status: 'waiting', position: 0, limitSeconds: 300,
  requestedAt: '2026-12-20T01:00:00.000Z', startedAt: null, endedAt: null, ...over,
});
const question = (id: string, position: number, over: Partial<QuestionView> = {}): QuestionView => ({
  id, askerId: 'u1', askerName: 'Đại biểu 1', addressee: 'Giám đốc Sở Tài chính', content: 'Nội dung câu hỏi', parentId: null,
  status: 'submitted', mergedInto: null, position, answerText: null, answeredOrally: false, answeredAt: null, writtenAnswerDue: null,
  submittedAt: '2026-12-20T01:00:00.000Z', questionStartedAt: null, questionEndedAt: null, questionLimitSeconds: null,
  answerStartedAt: null, answerEndedAt: null, answerLimitSeconds: null, ...over,
});
const snap = (over: Partial<LiveSnapshot>) => ({ speakers: [], questions: [], ...over }) as LiveSnapshot;

describe('speakersOf', () => {
  it('lists the waiting queue by position, the current speaker and those done, for one item only', () => {
    const s = snap({ speakers: [
      speaker('c', { position: 2 }), speaker('a', { position: 5 }), speaker('b', { position: 1, status: 'speaking' }),
      speaker('d', { status: 'done', endedAt: '2026-12-20T01:05:00.000Z' }), speaker('e', { agendaItemId: 'item-2' }), speaker('f', { status: 'withdrawn' }),
    ] });
    const r = speakersOf(s, 'item-1');
    expect(r.waiting.map((x) => x.id)).toEqual(['c', 'a']);
    expect(r.speaking?.id).toBe('b');
    expect(r.done.map((x) => x.id)).toEqual(['d']);
    expect(currentSpeaker(s)?.id).toBe('b');
  });

  it("gives the caller their place in the queue, 0 while they speak, none once withdrawn", () => {
    const s = snap({ speakers: [speaker('a', { position: 1 }), speaker('b', { position: 2 }), speaker('w', { status: 'withdrawn' })] });
    expect(myRequest(s, 'u-b', 'item-1')?.place).toBe(2);
    expect(myRequest(s, 'u-w', 'item-1')).toBeNull();
    const speaking = snap({ speakers: [speaker('a', { status: 'speaking' })] });
    expect(myRequest(speaking, 'u-a', 'item-1')?.place).toBe(0);
  });
});

describe('moved', () => {
  it('swaps with the neighbour and leaves the ends alone', () => {
    expect(moved(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
  });
});

describe('countdown', () => {
  it('counts down from the start plus the limit and goes negative when over', () => {
    const s = { startedAt: '2026-12-20T01:00:00.000Z', limitSeconds: 300 };
    const start = Date.parse(s.startedAt);
    expect(remainingMs(s, start + 60_000)).toBe(240_000);
    expect(formatCountdown(remainingMs(s, start + 55_500))).toBe('4:05');
    expect(formatCountdown(remainingMs(s, start + 312_000))).toBe('−0:12');
    expect(remainingMs({ startedAt: null, limitSeconds: 60 }, start)).toBe(60_000);
  });
});

describe('questions', () => {
  it('orders by position and computes the move position the server expects', () => {
    const s = snap({ questions: [question('c', 2), question('a', 0), question('b', 1)] });
    const ordered = orderedQuestions(s);
    expect(ordered.map((q) => q.id)).toEqual(['a', 'b', 'c']);
    expect(movePosition(ordered, 'a', 1)).toBe(1);
    expect(movePosition(ordered, 'c', -1)).toBe(1);
    expect(movePosition(ordered, 'a', -1)).toBeNull();
  });
});

describe('questionOnFloor', () => {
  const t0 = '2026-12-20T02:00:00.000Z';
  const t1 = '2026-12-20T02:01:00.000Z';
  it('finds the question being asked, then its answer, with the limit of that part; none once stopped', () => {
    expect(questionOnFloor(snap({ questions: [question('a', 0, { status: 'approved' })] }))).toBeNull();
    const asking = questionOnFloor(snap({ questions: [question('a', 0), question('b', 1, { questionStartedAt: t0, questionLimitSeconds: 60 })] }));
    expect(asking).toMatchObject({ phase: 'question', startedAt: t0, limitSeconds: 60, question: { id: 'b' } });
    const answering = questionOnFloor(snap({ questions: [question('b', 1, { questionStartedAt: t0, questionEndedAt: t1, questionLimitSeconds: 60, answerStartedAt: t1, answerLimitSeconds: 180 })] }));
    expect(answering).toMatchObject({ phase: 'answer', startedAt: t1, limitSeconds: 180 });
    expect(remainingMs(answering!, Date.parse(t1) + 200_000)).toBe(-20_000);
    expect(questionOnFloor(snap({ questions: [question('b', 1, { questionStartedAt: t0, questionEndedAt: t1, answerStartedAt: t1, answerEndedAt: t1 })] }))).toBeNull();
  });
});

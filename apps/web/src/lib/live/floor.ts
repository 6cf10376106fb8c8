import type { LiveSnapshot, QuestionView, SpeakerView } from '@hopso/shared/live';

/**
 * The floor of a sitting — requests to speak (đăng ký phát biểu) and questions (chất vấn) — as the screens
 * list them. Pure functions over the snapshot, tested in floor.test.ts.
 */

const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position;

/** The requests of one agenda item: the waiting queue in order, whoever speaks, and those done (oldest first). */
export function speakersOf(s: LiveSnapshot, itemId: string | null) {
  const mine = s.speakers.filter((x) => x.agendaItemId === itemId);
  return {
    waiting: mine.filter((x) => x.status === 'waiting').sort(byPosition),
    speaking: mine.find((x) => x.status === 'speaking') ?? null,
    done: mine.filter((x) => x.status === 'done').sort((a, b) => (a.endedAt ?? '').localeCompare(b.endedAt ?? '')),
  };
}

/** Whoever has the floor now, on any item (starting a speaker ends the previous one, so there is one). */
export function currentSpeaker(s: LiveSnapshot): SpeakerView | null {
  return s.speakers.find((x) => x.status === 'speaking') ?? null;
}

/** The caller's own waiting or speaking request on the item, and their place in the queue (1 = next). */
export function myRequest(s: LiveSnapshot, userId: string, itemId: string | null): { request: SpeakerView; place: number } | null {
  const { waiting, speaking } = speakersOf(s, itemId);
  if (speaking?.userId === userId) return { request: speaking, place: 0 };
  const i = waiting.findIndex((x) => x.userId === userId);
  return i < 0 ? null : { request: waiting[i]!, place: i + 1 };
}

/** The ids of `list` with `id` moved one place up (-1) or down (+1); unchanged at either end. */
export function moved(ids: readonly string[], id: string, delta: -1 | 1): string[] {
  const out = [...ids];
  const i = out.indexOf(id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** Time left to a speaker (negative once over the limit), in milliseconds. */
export function remainingMs(speaker: Pick<SpeakerView, 'startedAt' | 'limitSeconds'>, now: number): number {
  if (!speaker.startedAt) return speaker.limitSeconds * 1000;
  return Date.parse(speaker.startedAt) + speaker.limitSeconds * 1000 - now;
}

/** A countdown as "4:05", and "−0:12" once over the limit (rounded up while counting down, like a clock). */
export function formatCountdown(ms: number): string {
  const over = ms < 0;
  const s = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return over ? `−${text}` : text;
}

/** The meeting's questions in the moderated order. */
export function orderedQuestions(s: LiveSnapshot): QuestionView[] {
  return [...s.questions].sort((a, b) => byPosition(a, b) || a.submittedAt.localeCompare(b.submittedAt));
}

/**
 * The `position` for `question.moderate` with action move: the server takes the question out of the full
 * ordered list and inserts it at that index, so moving past a neighbour means taking the neighbour's index.
 */
export function movePosition(ordered: readonly QuestionView[], id: string, delta: -1 | 1): number | null {
  const i = ordered.findIndex((q) => q.id === id);
  const j = i + delta;
  return i < 0 || j < 0 || j >= ordered.length ? null : j;
}

/** A question's running part — the delegate asking, or the official answering — with its countdown. */
export interface QuestionOnFloor {
  question: QuestionView;
  phase: 'question' | 'answer';
  startedAt: string;
  limitSeconds: number;
}

/** The part of a question being timed in `q`, if one is running. */
export function runningPart(q: QuestionView): QuestionOnFloor | null {
  if (q.answerStartedAt && !q.answerEndedAt) return { question: q, phase: 'answer', startedAt: q.answerStartedAt, limitSeconds: q.answerLimitSeconds ?? 0 };
  if (q.questionStartedAt && !q.questionEndedAt) return { question: q, phase: 'question', startedAt: q.questionStartedAt, limitSeconds: q.questionLimitSeconds ?? 0 };
  return null;
}

/** The question holding the floor now (starting one ends any other, so there is at most one). */
export function questionOnFloor(s: LiveSnapshot): QuestionOnFloor | null {
  for (const q of s.questions) {
    const part = runningPart(q);
    if (part) return part;
  }
  return null;
}

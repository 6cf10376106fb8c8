import type { RuleSet } from '@hopso/shared/rules';

/** A notice the scheduler owes a meeting's invitees at some instant. */
export type DueNotice = { kind: 'reminder'; minutes: number } | { kind: 'unreadDocuments'; minutes: number };

export interface ScheduleInput {
  startsAt: Date;
  /** When the invitations went out: a reminder whose time had already passed then is covered by them. */
  publishedAt: Date;
  status: 'draft' | 'published' | 'live' | 'closed' | 'cancelled';
}

/**
 * Which reminders are due at `now` for one meeting. A reminder of `m` minutes is due from `start − m` until
 * the start. When the scheduler was down across several reminder times only the nearest one is sent (a
 * "3 days before" arriving an hour before the start would mislead); the others are dropped for good,
 * because a nearer one is due from then on. The caller sends each under an idempotency key naming the
 * meeting, the start and the offset, so running this on every node and every tick never sends twice.
 */
export function dueNotices(meeting: ScheduleInput, rules: Pick<RuleSet, 'reminderMinutes' | 'unreadDocumentsMinutes'>, now: Date): DueNotice[] {
  if (meeting.status !== 'published') return [];
  const start = meeting.startsAt.getTime();
  const t = now.getTime();
  if (t >= start) return [];
  const pending = (minutes: number) => minutes > 0 && t >= start - minutes * 60_000 && meeting.publishedAt.getTime() < start - minutes * 60_000;
  const due: DueNotice[] = [];
  const reminders = [...new Set(rules.reminderMinutes)].filter(pending).sort((a, b) => a - b);
  if (reminders.length) due.push({ kind: 'reminder', minutes: reminders[0]! });
  if (pending(rules.unreadDocumentsMinutes)) due.push({ kind: 'unreadDocuments', minutes: rules.unreadDocumentsMinutes });
  return due;
}

/** How far ahead the scheduler looks for meetings: the longest reminder offset of any council. */
export function horizonMinutes(rules: Pick<RuleSet, 'reminderMinutes' | 'unreadDocumentsMinutes'>): number {
  return Math.max(0, rules.unreadDocumentsMinutes, ...rules.reminderMinutes);
}

/** Idempotency key of a notice: the start is in it, so a rescheduled meeting is reminded again for its new time. */
export function noticeKey(notice: DueNotice, meetingId: string, startsAt: Date): string {
  const name = notice.kind === 'reminder' ? 'reminder' : 'documents-unread';
  return `${name}:${notice.minutes}:${meetingId}:${startsAt.getTime()}`;
}

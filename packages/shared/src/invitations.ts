import { z } from 'zod';
import type { MeetingKind, MeetingStatus } from './meeting.ts';
import { quorum, type Quorum, type RuleSet } from './rules.ts';

/**
 * Invitations and RSVP (xác nhận tham dự, issue 10): an invitee answers that they attend, are absent (with a
 * reason) or send someone in their place where the council allows it. Routes in docs/api.md "Invitations".
 */

export const rsvpResponses = ['attend', 'absent', 'substitute'] as const;
export type RsvpResponse = (typeof rsvpResponses)[number];

const reason = z.string().trim().min(2).max(500);
/** An answer as the tablet's card and the public RSVP page send it. */
export const rsvpRequest = z.discriminatedUnion('response', [
  z.object({ response: z.literal('attend') }),
  z.object({ response: z.literal('absent'), reason }),
  z.object({ response: z.literal('substitute'), substituteName: z.string().trim().min(3).max(200), reason: reason.optional() }),
]);
export type RsvpRequest = z.infer<typeof rsvpRequest>;

export interface Rsvp {
  response: RsvpResponse;
  reason: string | null;
  substituteName: string | null;
  channel: 'tablet' | 'link';
  respondedAt: string;
}

/** Plenary sessions (kỳ họp): a delegate's mandate is personal, nobody may attend in their place. */
const sessionKinds: readonly MeetingKind[] = ['regular', 'thematic', 'extraordinary'];

/** Whether an invitee of a meeting of this kind may send someone in their place under the council's rule. */
export function substitutesAllowed(kind: MeetingKind, rule: RuleSet['substitutes']): boolean {
  return rule === 'always' || (rule === 'exceptSessions' && !sessionKinds.includes(kind));
}

/** The signed-in invitee's RSVP card on the meeting page (GET /api/meetings/:id/rsvp). */
export interface RsvpCard {
  ok: true;
  rsvp: Rsvp | null;
  substitutesAllowed: boolean;
  /** False once the meeting has ended or was cancelled: the answer is shown, no longer changed. */
  open: boolean;
}

/** What the public RSVP page (/rsvp/<token>, no sign-in) shows: the meeting, whose link it is, the answer. */
export interface PublicRsvp extends Omit<RsvpCard, 'open'> {
  open: true;
  inviteeName: string;
  meeting: { title: string; councilName: string; kind: MeetingKind; status: MeetingStatus; startsAt: string; endsAt: string | null; place: string; onlineUrl: string | null };
}

/** One invitee in the secretariat's RSVP list; `response` null: no answer yet. */
export interface RsvpEntry {
  userId: string;
  fullName: string;
  role: string;
  /** Chair and delegates: the ones the quorum counts. */
  isDelegate: boolean;
  response: RsvpResponse | null;
  reason: string | null;
  substituteName: string | null;
  respondedAt: string | null;
}

export interface RsvpSummary {
  attend: number;
  absent: number;
  substitute: number;
  noAnswer: number;
  /** Delegates who said they attend, against the meeting's delegates, under the council's quorum rule. */
  expected: Quorum;
  /** The same if every delegate who has not answered comes too: whether the quorum can still be reached. */
  possible: Quorum;
}

export interface RsvpListResponse {
  ok: true;
  entries: RsvpEntry[];
  summary: RsvpSummary;
}

/**
 * Counts the answers and the quorum expected before the session. Someone sent in a delegate's place does
 * not count: the quorum is of delegates (DESIGN.md), and a substitute never votes.
 */
export function rsvpSummary(entries: Pick<RsvpEntry, 'isDelegate' | 'response'>[], rules: Pick<RuleSet, 'quorum'>): RsvpSummary {
  const count = (r: RsvpResponse | null) => entries.filter((e) => e.response === r).length;
  const delegates = entries.filter((e) => e.isDelegate);
  const attending = delegates.filter((e) => e.response === 'attend').length;
  const unanswered = delegates.filter((e) => e.response === null).length;
  return {
    attend: count('attend'), absent: count('absent'), substitute: count('substitute'), noAnswer: count(null),
    expected: quorum(attending, delegates.length, rules),
    possible: quorum(attending + unanswered, delegates.length, rules),
  };
}

/**
 * What changed in a published meeting since the last change notice: the first old value and the newest
 * new one of each field (a burst of edits is one notice), titles of documents added or replaced, whether
 * the agenda changed.
 */
export const meetingChanges = z.object({
  startsAt: z.object({ from: z.string(), to: z.string() }).optional(),
  place: z.object({ from: z.string(), to: z.string() }).optional(),
  onlineUrl: z.object({ from: z.string().nullable(), to: z.string().nullable() }).optional(),
  documents: z.array(z.string()).optional(),
  agenda: z.boolean().optional(),
});
export type MeetingChanges = z.infer<typeof meetingChanges>;

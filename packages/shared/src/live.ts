import { z } from 'zod';
import { councilRoles } from './roles.ts';
import type { MeetingStatus } from './meeting.ts';
import { paperRecordSchema, type PaperRecord } from './paper.ts';
import type { SiteAttendance, SiteView } from './sites.ts';
import type { ConfidencePollResult, ConfidenceVoteResult, ElectionResult, MotionResult, Quorum } from './rules.ts';

export const attendanceStatuses = ['present', 'late', 'absent'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

/**
 * What a delegate's own check-in (tablet or QR code) records: late once the meeting is under way (it goes live
 * with its first agenda item), present before. A second check-in never changes an earlier one, so a tablet
 * checking in again after a reconnect does not turn "present" into "late"; a secretary's mark is changed only
 * by the secretary, except "absent", which the delegate's arrival ends.
 */
export function checkInStatus(meetingStatus: MeetingStatus, current: AttendanceStatus | null): 'present' | 'late' {
  if (current === 'present' || current === 'late') return current;
  return meetingStatus === 'live' ? 'late' : 'present';
}

export const motionChoices = ['yes', 'no', 'abstain'] as const;
/** Motion or draft resolution, dismissal (two thirds), election of officials, confidence poll, confidence vote. */
export const pollKinds = ['motion', 'dismissal', 'election', 'confidencePoll', 'confidenceVote'] as const;
/** Kinds the law requires to be decided by secret ballot. */
export const secretOnlyKinds = ['election', 'confidencePoll', 'confidenceVote'] as const;
export const confidenceLevels = ['high', 'medium', 'low'] as const;
/** Electronic named vote (default), secret ballot, or a show of hands recorded by the secretary. */
export const pollMethods = ['named', 'secret', 'hands'] as const;
export const pollStatuses = ['draft', 'open', 'closed', 'cancelled'] as const;
/** The two timed parts of a question at the sitting: asking it, then the official's answer. */
export const questionPhases = ['question', 'answer'] as const;
export type QuestionPhase = (typeof questionPhases)[number];

const meetingId = z.uuid();
const pollId = z.uuid();

/** Client → server payloads, one schema per event (the server validates every one). */
export const livePayloads = {
  'meeting.sync': z.object({ meetingId, lastSeq: z.number().int().min(0).optional() }),
  /** `siteId`: the remote site (điểm cầu) they check in at; absent or null is the main hall. */
  'attendance.checkIn': z.object({ meetingId, siteId: z.uuid().nullable().optional() }),
  'attendance.mark': z.object({ meetingId, userId: z.uuid(), status: z.enum(attendanceStatuses), reason: z.string().trim().max(500).optional(), siteId: z.uuid().nullable().optional() }),
  'agenda.setLive': z.object({ meetingId, itemId: z.uuid().nullable() }),
  'agenda.setStatus': z.object({ itemId: z.uuid(), status: z.enum(['pending', 'done', 'postponed']) }),
  'poll.create': z.object({
    meetingId,
    title: z.string().trim().min(3).max(500),
    kind: z.enum(pollKinds).default('motion'),
    method: z.enum(pollMethods).default('named'),
    agendaItemId: z.uuid().nullable().default(null),
    /** Candidates (election) or officials (confidence poll). */
    options: z.array(z.object({ label: z.string().trim().min(2).max(300) })).max(100).default([]),
    /** Seats to fill (election). */
    seats: z.number().int().min(1).max(100).default(1),
  }).refine((p) => !(secretOnlyKinds as readonly string[]).includes(p.kind) || p.method === 'secret', { path: ['method'], message: 'elections and confidence polls and votes are secret ballots' })
    .refine((p) => !['election', 'confidencePoll'].includes(p.kind) || p.options.length > 0, { path: ['options'], message: 'list the candidates or officials' }),
  'poll.open': z.object({ pollId }),
  /** `choice` for motions and confidence votes (yes = tín nhiệm); `selections` for elections; `ratings` for confidence polls. */
  'poll.cast': z.object({
    pollId,
    choice: z.enum(motionChoices).optional(),
    selections: z.array(z.string().max(40)).max(100).optional(),
    ratings: z.record(z.string().max(40), z.enum(confidenceLevels)).optional(),
  }),
  'poll.close': z.object({ pollId }),
  'poll.cancel': z.object({ pollId }),
  'poll.recordHands': z.object({ pollId, yes: z.number().int().min(0).max(10_000), no: z.number().int().min(0).max(10_000), abstain: z.number().int().min(0).max(10_000) }),
  /** A secret ballot held on paper: the counting committee's record (paper.ts); decides and closes the poll. */
  'poll.recordPaper': paperRecordSchema.extend({ pollId }),
  'speaker.request': z.object({ meetingId }),
  'speaker.withdraw': z.object({ requestId: z.uuid() }),
  'speaker.order': z.object({ meetingId, order: z.array(z.uuid()).max(500) }),
  'speaker.start': z.object({ requestId: z.uuid() }),
  'speaker.stop': z.object({ requestId: z.uuid() }),
  'question.submit': z.object({
    meetingId,
    addressee: z.string().trim().min(2).max(300),
    content: z.string().trim().min(5).max(5000),
    parentId: z.uuid().nullable().default(null),
  }),
  'question.moderate': z.object({
    questionId: z.uuid(),
    action: z.enum(['approve', 'reject', 'merge', 'move']),
    mergeInto: z.uuid().optional(),
    position: z.number().int().min(0).optional(),
  }),
  'question.answer': z.object({
    questionId: z.uuid(),
    answerText: z.string().trim().max(20_000).default(''),
    oral: z.boolean().default(true),
  }),
  'question.defer': z.object({ questionId: z.uuid() }),
  /** Starts the time of a question (the delegate asks) or of its answer (the official answers). */
  'question.start': z.object({ questionId: z.uuid(), phase: z.enum(questionPhases) }),
  /** Stops whichever of the two is running. */
  'question.stop': z.object({ questionId: z.uuid() }),
  /** Ends the meeting (Kết thúc phiên họp): closed for good, the live item finished. */
  'meeting.end': z.object({ meetingId }),
} as const;
export type LivePayload<E extends keyof typeof livePayloads> = z.input<(typeof livePayloads)[E]>;

export interface AttendanceEntry {
  userId: string;
  fullName: string;
  role: (typeof councilRoles)[number] | 'guest';
  /** Counts toward the quorum: a delegate (or the chair) of the council. */
  isDelegate: boolean;
  status: AttendanceStatus | null;
  reason: string | null;
  /** When they checked in or were marked (ISO 8601). */
  at: string | null;
  /** The remote site they attend at (sites.ts); null or absent is the main hall. */
  siteId?: string | null;
}

export interface PollView {
  id: string;
  title: string;
  kind: (typeof pollKinds)[number];
  method: (typeof pollMethods)[number];
  status: (typeof pollStatuses)[number];
  agendaItemId: string | null;
  totalDelegates: number | null;
  /** Ballots stored so far (for every poll); the choices only appear in `result` once closed. */
  cast: number;
  /** Motion, dismissal and confidence-vote polls: counts of the three choices against the total. */
  result: MotionResult | null;
  /** Candidates or officials, for elections and confidence polls. */
  options: { id: string; label: string }[];
  seats: number | null;
  /** Closed elections: votes per candidate and who is elected. */
  election: ElectionResult | null;
  /** Closed confidence polls: the three levels per official and the two flags. */
  confidence: { optionId: string; result: ConfidencePollResult }[] | null;
  /** Closed confidence votes: tín nhiệm (yes) and không tín nhiệm (no) against the total. */
  confidenceVote: ConfidenceVoteResult | null;
  /** Show of hands: the counts last recorded (seen by everyone in the hall), while open and after. */
  hands: { yes: number; no: number; abstain: number } | null;
  /** Secret ballot on paper: the counting committee's record (public once entered). */
  paper: PaperRecord | null;
  openedAt: string | null;
  closedAt: string | null;
}

export interface SpeakerView {
  id: string;
  agendaItemId: string | null;
  userId: string;
  fullName: string;
  status: 'waiting' | 'speaking' | 'done' | 'withdrawn';
  position: number;
  limitSeconds: number;
  requestedAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

export interface QuestionView {
  id: string;
  askerId: string;
  askerName: string;
  addressee: string;
  content: string;
  parentId: string | null;
  status: 'submitted' | 'approved' | 'merged' | 'answered' | 'rejected';
  mergedInto: string | null;
  position: number;
  answerText: string | null;
  answeredOrally: boolean;
  answeredAt: string | null;
  writtenAnswerDue: string | null;
  submittedAt: string;
  /** Timed at the sitting (rule set's questionSeconds / answerSeconds, fixed when each starts). */
  questionStartedAt: string | null;
  questionEndedAt: string | null;
  questionLimitSeconds: number | null;
  answerStartedAt: string | null;
  answerEndedAt: string | null;
  answerLimitSeconds: number | null;
}

/** Everything a tablet needs to show the live meeting, sent on join and after any reconnect. */
export interface LiveSnapshot {
  meetingId: string;
  seq: number;
  /** The meeting's status: `closed` once someone running it ended it (meeting.end). */
  status: MeetingStatus;
  liveItemId: string | null;
  /** When the live item went live (ISO 8601), for the item timer. */
  liveSince: string | null;
  attendance: AttendanceEntry[];
  quorum: Quorum;
  polls: PollView[];
  /** The caller's own ballots: the choice for named polls; for secret polls only that they voted. */
  myBallots: { pollId: string; choice: (typeof motionChoices)[number] | 'secret' }[];
  choiceLabels: { yes: string; no: string; abstain: string };
  /** Requests to speak, every agenda item, in order. */
  speakers: SpeakerView[];
  /** Questions of the meeting (chất vấn), in the moderated order. */
  questions: QuestionView[];
  /** Time limits from the council's rule set, in seconds. */
  limits: { speakerSeconds: number; questionSeconds: number; answerSeconds: number };
  /** Whether the caller may run the session (set the live item, mark attendance, open and close polls). */
  canRun: boolean;
  /** For those running the meeting only: who has voted in each open named poll (never for secret polls). */
  votedByPoll: Record<string, string[]>;
  /** Remote sites (điểm cầu) of the meeting, in order; empty when it is held in the main hall only. */
  sites?: SiteView[];
  /** Who is present where: the main hall first, then each site (the quorum counts them all together). */
  siteAttendance?: SiteAttendance[];
}

/** One entry of the meeting event log as broadcast to the room. */
export interface MeetingEvent {
  meetingId: string;
  seq: number;
  type: 'attendance' | 'agenda.live' | 'agenda.status' | 'poll.created' | 'poll.opened' | 'poll.updated' | 'poll.closed' | 'poll.cancelled' | 'speaker' | 'question' | 'meeting.ended' | 'sites';
  payload: Record<string, unknown>;
}

/** Live progress of an open poll, coalesced to at most one message per poll every 20 ms. */
export interface PollProgress {
  pollId: string;
  cast: number;
  totalDelegates: number;
  /** Named polls only: who has voted (never for secret polls). */
  voted?: string[];
}

import { z } from 'zod';

/**
 * The audit log (nhật ký kiểm tra): every state-changing action, hash-chained so that any change to the
 * trail afterwards is detectable (issue 7; docs/audit.md). Routes in docs/api.md "Audit log".
 */

/** Every action the audit log records. Live-meeting actions are the meeting event types prefixed `live.`. */
export const auditActions = [
  'auth.login', 'auth.loginFailed', 'auth.logout', 'auth.passwordChanged', 'auth.totpEnabled', 'auth.totpDisabled',
  'council.created', 'council.updated', 'member.imported', 'member.updated', 'committee.changed',
  'meeting.created', 'meeting.updated', 'meeting.deleted', 'agenda.changed',
  'document.uploaded', 'document.replaced', 'document.updated', 'document.deleted', 'document.viewed',
  'live.attendance', 'live.agenda.live', 'live.agenda.status', 'live.poll.created', 'live.poll.opened', 'live.poll.updated',
  'live.poll.closed', 'live.poll.cancelled', 'live.speaker', 'live.question',
  /** The meeting ended (meeting.end): closed, its live item done. */
  'live.meeting.ended',
  /** Remote sites (điểm cầu) of a meeting added, changed or removed; a print pack (with its internal documents) downloaded. */
  'live.sites', 'printPack.downloaded',
  /** Named polls: one entry per committed batch, naming each voter and choice (named votes are public). */
  'ballot.named',
  /** Secret polls: one entry per committed batch with the number of ballots only — no voter, no choice. */
  'ballot.secret',
  'resolution.created', 'resolution.signed', 'resolution.sealed', 'resolution.published',
  /** Supervision topics: the plan, delegation and findings changed, a schedule entry, document or recommendation (with its follow-up) changed. */
  'supervision.created', 'supervision.updated', 'supervision.deleted', 'supervision.published', 'supervision.schedule', 'supervision.document', 'supervision.recommendation',
  'minutes.updated', 'minutes.finalized', 'minutes.signed',
  /** Comments on drafts: a comment added, changed, withdrawn or answered, a period opened or changed, the summary table generated. */
  'comment.added', 'comment.updated', 'comment.withdrawn', 'comment.answered', 'comment.periodChanged', 'comment.summaryGenerated',
  /** A council's trust store: a certificate or CRL added or removed. */
  'trust.changed',
  /** A signer's handwritten-signature image or the council's seal image replaced (its SHA-256, not the image). */
  'signatureImage.changed',
  'recording.changed',
  /** Voter petitions (kiến nghị cử tri): intake on any channel, each step of the workflow, the council's settings and rules. */
  'petition.received', 'petition.classified', 'petition.assigned', 'petition.answered', 'petition.published', 'petition.closed',
  'petition.merged', 'petition.settingsChanged',
  /** Seating plan: a venue drawn or changed, a meeting's venue or seats changed; QR check-in: a guest pass issued, revoked or scanned. */
  'seating.venue', 'seating.assigned', 'checkin.guestPass', 'checkin.guest',
  /** An invitee's RSVP (xác nhận tham dự) given or changed, from the tablet or the personal link; a replayed same answer is not a change. */
  'rsvp.changed',
  /** Written consultations: prepared, sent, answered (who, not what), closed, the result sheet signed. */
  'consultation.created', 'consultation.updated', 'consultation.deleted', 'consultation.sent', 'consultation.answered', 'consultation.closed', 'consultation.signed',
  /** Notifications: a user's channels or language changed (whether an address is set, never the address); the secretariat retried a delivery. */
  'notification.settingsChanged', 'notification.retried',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** What a caller appends; the sequence, time and hashes are added by the log. */
export const auditEntryInput = z.object({
  action: z.enum(auditActions),
  actorId: z.uuid().nullable().optional(),
  councilId: z.uuid().nullable().optional(),
  meetingId: z.uuid().nullable().optional(),
  /** What the action was about ("document", "poll", "user"…) and its id. */
  targetType: z.string().max(40).nullable().optional(),
  targetId: z.string().max(100).nullable().optional(),
  /** Plain JSON facts; never passwords, TOTP secrets or tokens. */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntryInput = z.input<typeof auditEntryInput>;

export interface AuditEntryView {
  seq: number;
  at: string;
  action: AuditAction;
  actorId: string | null;
  actorName: string | null;
  councilId: string | null;
  meetingId: string | null;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** Filters of the audit list (query string). */
export const auditListQuery = z.object({
  action: z.string().max(60).optional(),
  actorId: z.uuid().optional(),
  meetingId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Entries with a sequence number below this (paging backwards from the newest). */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditListQuery = z.input<typeof auditListQuery>;

/** Why an entry breaks the chain. */
export const auditBreakReasons = ['content_hash_mismatch', 'previous_hash_mismatch', 'sequence_gap', 'head_mismatch'] as const;
export type AuditBreakReason = (typeof auditBreakReasons)[number];

/** The outcome of checking the whole chain: OK with its head, or the first broken entry. */
export type AuditVerification =
  | { ok: true; entries: number; headSeq: number; headHash: string }
  | { ok: false; entries: number; seq: number; id: number | null; reason: AuditBreakReason; expected: string; found: string };

/** The hash that precedes the first entry. */
export const auditGenesisHash = '0'.repeat(64);

import { z } from 'zod';
import { agendaItemSchema } from './agenda.ts';
import { bilingual } from './errors.ts';

/** Meeting kinds from the glossary: plenary sessions and the bodies' own meetings. */
export const meetingKinds = ['regular', 'thematic', 'extraordinary', 'standing', 'committee', 'group', 'voterContact'] as const;
export type MeetingKind = (typeof meetingKinds)[number];

/** draft: only the secretariat sees it; published: invitees see it; live / closed follow the session. */
export const meetingStatuses = ['draft', 'published', 'live', 'closed', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

const url = z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).optional().transform((v) => v || null);

const meetingFields = {
  title: z.string().trim().min(3).max(300),
  kind: z.enum(meetingKinds),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).nullable().optional().transform((v) => v ?? null),
  place: z.string().trim().min(2).max(300),
  onlineUrl: url,
  livestreamUrl: url,
  closedSitting: z.boolean(),
  committeeId: z.uuid().nullable().optional().transform((v) => v ?? null),
  delegateGroupId: z.uuid().nullable().optional().transform((v) => v ?? null),
};
const endsAfterStartError = { path: ['endsAt'], message: bilingual('Giờ kết thúc phải sau giờ bắt đầu', 'The end must be after the start') };
const endsAfterStart = (m: { startsAt?: string; endsAt?: string | null }) =>
  !m.startsAt || !m.endsAt || Date.parse(m.endsAt) > Date.parse(m.startsAt);

export const createMeetingRequest = z.object({
  ...meetingFields,
  closedSitting: z.boolean().default(false),
  /** Invite every delegate, chair and secretary of the council (the usual case for plenary sessions). */
  inviteAllMembers: z.boolean().default(true),
  /** A practice session (diễn tập), fixed at creation: its polls never count (shared/guidance.ts). */
  rehearsal: z.boolean().default(false),
}).refine(endsAfterStart, endsAfterStartError);
export type CreateMeetingRequest = z.input<typeof createMeetingRequest>;

/** Every field optional and no defaults: a field left out of an update keeps its stored value. */
export const updateMeetingRequest = z.object(meetingFields).partial()
  .refine(endsAfterStart, endsAfterStartError);
export type UpdateMeetingRequest = z.input<typeof updateMeetingRequest>;

export const meetingSummary = z.object({
  id: z.uuid(),
  councilId: z.uuid(),
  councilName: z.string(),
  title: z.string(),
  kind: z.enum(meetingKinds),
  status: z.enum(meetingStatuses),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  place: z.string(),
  onlineUrl: z.string().nullable(),
  livestreamUrl: z.string().nullable(),
  closedSitting: z.boolean(),
  committeeId: z.uuid().nullable(),
  delegateGroupId: z.uuid().nullable(),
  /** A practice session: every screen marks it, nothing of it counts (absent where no meeting row is read, e.g. the portal). */
  rehearsal: z.boolean().optional(),
  rehearsalOf: z.uuid().nullable().optional(),
});
export type MeetingSummary = z.infer<typeof meetingSummary>;

export const invitationRequest = z.object({ userIds: z.array(z.uuid()).max(2000) });
export type InvitationRequest = z.infer<typeof invitationRequest>;

export const invitee = z.object({ userId: z.uuid(), fullName: z.string(), role: z.string() });
export type Invitee = z.infer<typeof invitee>;

/** Whether a meeting is still ahead of `now` (it counts as upcoming until it ends, or for 12 h without an end). */
export function isUpcoming(m: Pick<MeetingSummary, 'startsAt' | 'endsAt'>, now: Date): boolean {
  const end = m.endsAt ? Date.parse(m.endsAt) : Date.parse(m.startsAt) + 12 * 3600_000;
  return end >= now.getTime();
}

/** A meeting as its page shows it: the summary, its agenda (flat; build the tree with buildAgendaTree). */
export const meetingDetail = meetingSummary.extend({
  agenda: z.array(agendaItemSchema),
  /** Whether the caller may edit the meeting, its agenda and its invitations. */
  canManage: z.boolean(),
});
export type MeetingDetail = z.infer<typeof meetingDetail>;

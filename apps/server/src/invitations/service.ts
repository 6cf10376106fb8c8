import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { agendaItems, invitations, meetingNotices, meetings, members, rsvps, rsvpTokens, users } from '@hopso/db/schema/index';
import { rsvpSummary, substitutesAllowed, type Rsvp, type RsvpEntry, type RsvpListResponse, type RsvpRequest } from '@hopso/shared/invitations';
import { meetingsToIcs } from '../calendar/ics.ts';
import { appendAudit } from '../audit/log.ts';
import { councilName, meetingView } from '../meetings/service.ts';
import type { MeetingRow } from '../meetings/access.ts';
import { rulesOf } from '../live/state.ts';
import { notify } from '../notifications/notify.ts';
import { invitationMessage } from './templates.ts';
import { isDelegateRole } from '@hopso/shared/roles';

/** A personal RSVP token: 32 random bytes for the link, only their SHA-256 kept. */
export function newRsvpToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRsvpToken(token) };
}
export const hashRsvpToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** When a meeting counts as ended for its RSVP links: its end, or 12 hours after a start without one (isUpcoming). */
export function meetingEnd(m: Pick<MeetingRow, 'startsAt' | 'endsAt'>): Date {
  return m.endsAt ?? new Date(m.startsAt.getTime() + 12 * 3600_000);
}

/** Whether answers may still be given or changed: the meeting is published or live and has not ended. */
export function rsvpOpen(m: Pick<MeetingRow, 'status' | 'startsAt' | 'endsAt'>, now: Date): boolean {
  return (m.status === 'published' || m.status === 'live') && now < meetingEnd(m);
}

/**
 * Sends the invitation to every invitee who has not had one, inside the caller's transaction (publishing,
 * or the invitation list changed after publishing): a personal RSVP token each, the message with its ICS
 * file, and the meeting's notice row (publish time). An invitee who already has a token was invited; the
 * notification's own (user, event, key) uniqueness makes a second call send nothing new either way.
 */
export async function sendInvitations(db: Db, meetingId: string, origin: string, now: Date): Promise<{ invited: number }> {
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting || meeting.status !== 'published') return { invited: 0 };
  await db.insert(meetingNotices).values({ meetingId, publishedAt: now }).onConflictDoNothing();
  const pending = await db.select({ userId: users.id, fullName: users.fullName }).from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .leftJoin(rsvpTokens, and(eq(rsvpTokens.meetingId, invitations.meetingId), eq(rsvpTokens.userId, invitations.userId)))
    .where(and(eq(invitations.meetingId, meetingId), isNull(rsvpTokens.tokenHash)));
  if (!pending.length) return { invited: 0 };
  const view = meetingView(meeting, await councilName(db, meeting.councilId));
  const agenda = await db.select({ id: agendaItems.id, parentId: agendaItems.parentId, position: agendaItems.position, title: agendaItems.title })
    .from(agendaItems).where(eq(agendaItems.meetingId, meetingId));
  const ics = meetingsToIcs([view], origin, view.councilName);
  const tokens = pending.map((p) => ({ ...p, ...newRsvpToken() }));
  await db.insert(rsvpTokens).values(tokens.map((t) => ({ meetingId, userId: t.userId, tokenHash: t.hash, createdAt: now })));
  await notify(db, {
    councilId: meeting.councilId, meetingId, event: 'meeting.invitation', key: `invitation:${meetingId}`,
    messages: tokens.map((t) => ({
      userId: t.userId, link: `/meetings/${meetingId}`,
      ...invitationMessage({ meeting: view, agenda, inviteeName: t.fullName, origin, rsvpToken: t.token }),
      attachments: [{ filename: 'giay-moi.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: ics }],
    })),
  });
  return { invited: tokens.length };
}

export interface TokenHolder {
  meeting: MeetingRow;
  userId: string;
  fullName: string;
}

/**
 * The invitee and meeting behind a personal link: `unknown` for a token never issued or of someone no longer
 * invited, `expired` once the meeting has ended or was cancelled.
 */
export async function findRsvpToken(db: Db, token: string, now: Date): Promise<TokenHolder | 'unknown' | 'expired'> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return 'unknown';
  const [row] = await db.select({ meeting: meetings, userId: rsvpTokens.userId, fullName: users.fullName }).from(rsvpTokens)
    .innerJoin(meetings, eq(meetings.id, rsvpTokens.meetingId))
    .innerJoin(users, eq(users.id, rsvpTokens.userId))
    .innerJoin(invitations, and(eq(invitations.meetingId, rsvpTokens.meetingId), eq(invitations.userId, rsvpTokens.userId)))
    .where(eq(rsvpTokens.tokenHash, hashRsvpToken(token)));
  if (!row) return 'unknown';
  if (!rsvpOpen(row.meeting, now)) return 'expired';
  return row;
}

const rsvpView = (r: typeof rsvps.$inferSelect): Rsvp => ({
  response: r.response, reason: r.reason, substituteName: r.substituteName, channel: r.channel, respondedAt: r.respondedAt.toISOString(),
});

export async function currentRsvp(db: Db, meetingId: string, userId: string): Promise<Rsvp | null> {
  const [row] = await db.select().from(rsvps).where(and(eq(rsvps.meetingId, meetingId), eq(rsvps.userId, userId)));
  return row ? rsvpView(row) : null;
}

/** Whether the council lets an invitee of this meeting send someone in their place. */
export async function meetingAllowsSubstitutes(db: Db, meeting: MeetingRow): Promise<boolean> {
  return substitutesAllowed(meeting.kind, (await rulesOf(db, meeting.councilId)).substitutes);
}

/**
 * Saves an invitee's answer (one row per invitee and meeting, so a replayed link or a double tap never
 * duplicates it) and audits it when it differs from the answer before. The caller checks the meeting is open
 * and, for a substitute, that the council allows one.
 */
export async function saveRsvp(db: Db, meeting: MeetingRow, userId: string, input: RsvpRequest, channel: Rsvp['channel'], now: Date): Promise<Rsvp> {
  return db.transaction(async (tx) => {
    const values = {
      response: input.response,
      reason: input.response === 'attend' ? null : input.reason ?? null,
      substituteName: input.response === 'substitute' ? input.substituteName : null,
    };
    const [before] = await tx.select().from(rsvps).where(and(eq(rsvps.meetingId, meeting.id), eq(rsvps.userId, userId))).for('update');
    if (before && before.response === values.response && before.reason === values.reason && before.substituteName === values.substituteName) return rsvpView(before);
    const [row] = await tx.insert(rsvps).values({ meetingId: meeting.id, userId, ...values, channel, respondedAt: now })
      .onConflictDoUpdate({ target: [rsvps.meetingId, rsvps.userId], set: { ...values, channel, respondedAt: now } }).returning();
    await appendAudit(tx, {
      action: 'rsvp.changed', actorId: userId, councilId: meeting.councilId, meetingId: meeting.id, targetType: 'user', targetId: userId,
      details: { ...values, channel, before: before ? before.response : null },
    });
    return rsvpView(row!);
  });
}

/** The secretariat's RSVP list: every invitee with their answer (delegates first, then by name) and the expected quorum. */
export async function rsvpList(db: Db, meeting: MeetingRow): Promise<RsvpListResponse> {
  const rows = await db.select({
    userId: users.id, fullName: users.fullName, role: members.role,
    response: rsvps.response, reason: rsvps.reason, substituteName: rsvps.substituteName, respondedAt: rsvps.respondedAt,
  }).from(invitations).innerJoin(users, eq(users.id, invitations.userId))
    .leftJoin(members, and(eq(members.userId, users.id), eq(members.councilId, meeting.councilId)))
    .leftJoin(rsvps, and(eq(rsvps.meetingId, invitations.meetingId), eq(rsvps.userId, invitations.userId)))
    .where(eq(invitations.meetingId, meeting.id)).orderBy(asc(users.fullName));
  const entries: RsvpEntry[] = rows.map((r) => ({
    userId: r.userId, fullName: r.fullName, role: r.role ?? 'guest', isDelegate: isDelegateRole(r.role),
    response: r.response, reason: r.reason, substituteName: r.substituteName, respondedAt: r.respondedAt?.toISOString() ?? null,
  })).sort((a, b) => Number(b.isDelegate) - Number(a.isDelegate));
  return { ok: true, entries, summary: rsvpSummary(entries, await rulesOf(db, meeting.councilId)) };
}

/** Invitees still to be told about a meeting: those invited who have not declined (absent or sent someone). */
export async function attendingInvitees(db: Db, meetingId: string): Promise<{ userId: string; role: string | null }[]> {
  const [meeting] = await db.select({ councilId: meetings.councilId }).from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) return [];
  const rows = await db.select({ userId: invitations.userId, role: members.role, response: rsvps.response }).from(invitations)
    .leftJoin(members, and(eq(members.userId, invitations.userId), eq(members.councilId, meeting.councilId)))
    .leftJoin(rsvps, and(eq(rsvps.meetingId, invitations.meetingId), eq(rsvps.userId, invitations.userId)))
    .where(eq(invitations.meetingId, meetingId));
  return rows.filter((r) => r.response !== 'absent' && r.response !== 'substitute').map(({ userId, role }) => ({ userId, role }));
}

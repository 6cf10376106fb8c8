import { and, asc, eq, inArray, ne, or } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { councils, invitations, meetings, members, users } from '@hopso/db/schema/index';
import type { Invitee, MeetingSummary } from '@hopso/shared/meeting';
import { isSecretariat } from '@hopso/shared/roles';
import type { z } from 'zod';
import type { createMeetingRequest, updateMeetingRequest } from '@hopso/shared/meeting';
import type { MeetingRow } from './access.ts';

export function meetingView(m: MeetingRow, councilName: string): MeetingSummary {
  return {
    id: m.id, councilId: m.councilId, councilName, title: m.title, kind: m.kind, status: m.status,
    startsAt: m.startsAt.toISOString(), endsAt: m.endsAt?.toISOString() ?? null, place: m.place,
    onlineUrl: m.onlineUrl, livestreamUrl: m.livestreamUrl, closedSitting: m.closedSitting,
    committeeId: m.committeeId, delegateGroupId: m.delegateGroupId, rehearsal: m.rehearsal, rehearsalOf: m.rehearsalOf,
  };
}

/**
 * Meetings a user may see, across councils or in one: all of a council's meetings where the user is in its
 * secretariat, otherwise the non-draft meetings the user is invited to.
 */
export async function listVisibleMeetings(db: Db, user: { id: string; isSystemAdmin: boolean }, councilId?: string): Promise<MeetingSummary[]> {
  const roles = await db.select({ councilId: members.councilId, role: members.role }).from(members).where(eq(members.userId, user.id));
  const secretariatOf = roles.filter((r) => isSecretariat(r.role)).map((r) => r.councilId);
  const invited = db.select({ id: invitations.meetingId }).from(invitations).where(eq(invitations.userId, user.id));
  const visible = user.isSystemAdmin
    ? undefined
    : or(
        secretariatOf.length ? inArray(meetings.councilId, secretariatOf) : undefined,
        and(inArray(meetings.id, invited), ne(meetings.status, 'draft')),
      );
  const rows = await db.select({ meeting: meetings, councilName: councils.name }).from(meetings)
    .innerJoin(councils, eq(councils.id, meetings.councilId))
    .where(and(visible, councilId ? eq(meetings.councilId, councilId) : undefined))
    .orderBy(asc(meetings.startsAt));
  return rows.map((r) => meetingView(r.meeting, r.councilName));
}

export async function councilName(db: Db, councilId: string): Promise<string> {
  const [row] = await db.select({ name: councils.name }).from(councils).where(eq(councils.id, councilId));
  return row?.name ?? '';
}

/** Members invited by default: everyone of the council except guests, who are invited one by one. */
const defaultInvitedRoles = ['admin', 'chair', 'secretary', 'clerk', 'delegate'] as const;

export async function createMeeting(db: Db, councilId: string, createdBy: string, input: z.output<typeof createMeetingRequest>): Promise<MeetingSummary> {
  const { inviteAllMembers, startsAt, endsAt, ...rest } = input;
  const meeting = await db.transaction(async (tx) => {
    const [row] = await tx.insert(meetings).values({ ...rest, councilId, createdBy, startsAt: new Date(startsAt), endsAt: endsAt ? new Date(endsAt) : null }).returning();
    if (inviteAllMembers) {
      const invitees = await tx.select({ userId: members.userId }).from(members)
        .where(and(eq(members.councilId, councilId), inArray(members.role, [...defaultInvitedRoles])));
      if (invitees.length) await tx.insert(invitations).values(invitees.map((i) => ({ meetingId: row!.id, userId: i.userId })));
    }
    return row!;
  });
  return meetingView(meeting, await councilName(db, councilId));
}

export async function updateMeeting(db: Db, meeting: MeetingRow, input: z.output<typeof updateMeetingRequest>, now: Date): Promise<MeetingSummary> {
  const { startsAt, endsAt, ...rest } = input;
  const [row] = await db.update(meetings).set({
    ...rest,
    ...(startsAt !== undefined ? { startsAt: new Date(startsAt) } : {}),
    ...(endsAt !== undefined ? { endsAt: endsAt ? new Date(endsAt) : null } : {}),
    updatedAt: now,
  }).where(eq(meetings.id, meeting.id)).returning();
  return meetingView(row!, await councilName(db, row!.councilId));
}

export async function setStatus(db: Db, meeting: MeetingRow, status: MeetingRow['status'], now: Date): Promise<MeetingSummary> {
  const [row] = await db.update(meetings).set({ status, updatedAt: now }).where(eq(meetings.id, meeting.id)).returning();
  return meetingView(row!, await councilName(db, row!.councilId));
}

export async function listInvitees(db: Db, meetingId: string, councilId: string): Promise<Invitee[]> {
  return db.select({ userId: users.id, fullName: users.fullName, role: members.role })
    .from(invitations).innerJoin(users, eq(users.id, invitations.userId))
    .leftJoin(members, and(eq(members.userId, users.id), eq(members.councilId, councilId)))
    .where(eq(invitations.meetingId, meetingId)).orderBy(asc(users.fullName))
    .then((rows) => rows.map((r) => ({ ...r, role: r.role ?? 'guest' })));
}

/** Replaces the invitation list; only members of the meeting's council can be invited. */
export async function setInvitees(db: Db, meeting: MeetingRow, userIds: string[]): Promise<{ unknown: string[] }> {
  const unique = [...new Set(userIds)];
  const valid = unique.length
    ? new Set((await db.select({ userId: members.userId }).from(members).where(and(eq(members.councilId, meeting.councilId), inArray(members.userId, unique)))).map((r) => r.userId))
    : new Set<string>();
  const unknown = unique.filter((id) => !valid.has(id));
  if (unknown.length) return { unknown };
  await db.transaction(async (tx) => {
    await tx.delete(invitations).where(eq(invitations.meetingId, meeting.id));
    if (unique.length) await tx.insert(invitations).values(unique.map((userId) => ({ meetingId: meeting.id, userId })));
  });
  return { unknown: [] };
}

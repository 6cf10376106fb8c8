import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { meetingSites, members, users } from '@hopso/db/schema/index';
import type { MeetingEvent } from '@hopso/shared/live';
import type { SiteView } from '@hopso/shared/sites';
import { AppError, fieldError } from '../http/errors.ts';
import type { MeetingRow } from '../meetings/access.ts';
import { appendEvent } from '../live/state.ts';

// Remote sites (điểm cầu) of a meeting: read by everyone who may see the meeting, changed by those who
// manage it. Every change is a `sites` event in the meeting's log (so tablets and projectors follow it and a
// resync carries it) and, through the log, an audit entry.

/** Council roles a site secretary may hold: the secretariat, or a delegate designated for the site. */
const secretaryRoles = ['admin', 'chair', 'secretary', 'clerk', 'delegate'] as const;

/** The meeting's sites in order, with their secretaries' names. */
export async function siteViews(db: Db, meetingId: string): Promise<SiteView[]> {
  return db.select({ id: meetingSites.id, name: meetingSites.name, secretaryId: meetingSites.secretaryId, secretaryName: users.fullName, position: meetingSites.position })
    .from(meetingSites).leftJoin(users, eq(users.id, meetingSites.secretaryId))
    .where(eq(meetingSites.meetingId, meetingId)).orderBy(asc(meetingSites.position), asc(meetingSites.name));
}

/** Refuses a site secretary who is not of the council's secretariat or one of its delegates (400 with the field). */
async function checkSecretary(db: Db, meeting: MeetingRow, secretaryId: string | null | undefined): Promise<void> {
  if (!secretaryId) return;
  const [row] = await db.select({ id: members.id }).from(members)
    .where(and(eq(members.councilId, meeting.councilId), eq(members.userId, secretaryId), inArray(members.role, [...secretaryRoles])));
  if (!row) {
    throw new AppError('validation', { fields: fieldError('secretaryId', 'Thư ký điểm cầu phải là cán bộ Văn phòng hoặc đại biểu của Hội đồng.', 'The site secretary must be on the council’s secretariat or one of its delegates.') });
  }
}

/** Names are unique per meeting (the constraint); say so on the field instead of a bare conflict. */
async function checkName(db: Db, meetingId: string, name: string | undefined, except: string | null): Promise<void> {
  if (name === undefined) return;
  const [row] = await db.select({ id: meetingSites.id }).from(meetingSites).where(and(eq(meetingSites.meetingId, meetingId), eq(meetingSites.name, name)));
  if (row && row.id !== except) throw new AppError('validation', { fields: fieldError('name', 'Cuộc họp đã có điểm cầu cùng tên.', 'The meeting already has a site of that name.') });
}

async function changed(tx: Db, meetingId: string, detail: Record<string, unknown>): Promise<MeetingEvent> {
  return appendEvent(tx, meetingId, 'sites', { ...detail, sites: await siteViews(tx, meetingId) });
}

export async function createSite(db: Db, meeting: MeetingRow, input: { name: string; secretaryId: string | null; position?: number | undefined }): Promise<{ site: SiteView; event: MeetingEvent }> {
  await checkSecretary(db, meeting, input.secretaryId);
  return db.transaction(async (tx) => {
    await checkName(tx, meeting.id, input.name, null);
    const position = input.position ?? (await siteViews(tx, meeting.id)).length;
    const [row] = await tx.insert(meetingSites).values({ meetingId: meeting.id, name: input.name, secretaryId: input.secretaryId, position }).returning();
    const event = await changed(tx, meeting.id, { created: row!.id });
    return { site: (event.payload.sites as SiteView[]).find((s) => s.id === row!.id)!, event };
  });
}

export async function updateSite(db: Db, meeting: MeetingRow, siteId: string, input: { name?: string | undefined; secretaryId?: string | null | undefined; position?: number | undefined }): Promise<{ site: SiteView; event: MeetingEvent }> {
  await checkSecretary(db, meeting, input.secretaryId);
  return db.transaction(async (tx) => {
    const [found] = await tx.select({ id: meetingSites.id }).from(meetingSites).where(and(eq(meetingSites.id, siteId), eq(meetingSites.meetingId, meeting.id)));
    if (!found) throw new AppError('not_found');
    await checkName(tx, meeting.id, input.name, siteId);
    const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length) await tx.update(meetingSites).set(set).where(eq(meetingSites.id, siteId));
    const event = await changed(tx, meeting.id, { updated: siteId, ...set });
    return { site: (event.payload.sites as SiteView[]).find((s) => s.id === siteId)!, event };
  });
}

/** Removes a site; those checked in there count in the main hall from then on (attendance.site_id set null). */
export async function deleteSite(db: Db, meeting: MeetingRow, siteId: string): Promise<{ event: MeetingEvent }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(meetingSites).where(and(eq(meetingSites.id, siteId), eq(meetingSites.meetingId, meeting.id))).returning({ id: meetingSites.id });
    if (!row) throw new AppError('not_found');
    return { event: await changed(tx, meeting.id, { deleted: siteId }) };
  });
}

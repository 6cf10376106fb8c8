import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { invitations, meetingSeating, members, seatAssignments, users, venues } from '@hopso/db/schema/index';
import { autoAssign, layoutErrors, seatsOf, type MeetingSeating, type Venue, type VenueLayout } from '@hopso/shared/seating';
import { isInvited, type MeetingRow } from '../meetings/access.ts';
import { AppError, fieldError } from '../http/errors.ts';

export type VenueRow = typeof venues.$inferSelect;

/** The API shape of a venue. */
export function venueView(v: VenueRow): Venue {
  return { id: v.id, councilId: v.councilId, name: v.name, layout: v.layout, seatCount: seatsOf(v.layout).length, updatedAt: v.updatedAt.toISOString() };
}

/** Refuses a layout the grid rules reject (400 with the fields at fault, under `layout.`). */
export function checkLayout(layout: VenueLayout): void {
  const errors = layoutErrors(layout);
  if (Object.keys(errors).length) {
    throw new AppError('validation', { fields: Object.fromEntries(Object.entries(errors).map(([k, v]) => [`layout.${k}`, v])) });
  }
}

/** Whether a database error is a unique violation, optionally of one named constraint (the driver may wrap it). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const x = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown; message?: unknown };
    if (x.code === '23505') return !constraint || [x.constraint_name, x.constraint].includes(constraint) || String(x.message).includes(constraint);
  }
  return false;
}

/** The venue a meeting is seated in, or null. */
export async function venueOfMeeting(db: Db, meetingId: string): Promise<VenueRow | null> {
  const [row] = await db.select({ venue: venues }).from(meetingSeating).innerJoin(venues, eq(venues.id, meetingSeating.venueId)).where(eq(meetingSeating.meetingId, meetingId));
  return row?.venue ?? null;
}

/** Every invitee of a meeting with their role in its council and seat, in the order of the council's members. */
export async function meetingSeatingView(db: Db, meeting: MeetingRow): Promise<MeetingSeating> {
  const venue = await venueOfMeeting(db, meeting.id);
  const rows = await db.select({ userId: invitations.userId, fullName: users.fullName, role: members.role, label: seatAssignments.label })
    .from(invitations).innerJoin(users, eq(users.id, invitations.userId))
    .leftJoin(members, and(eq(members.userId, invitations.userId), eq(members.councilId, meeting.councilId)))
    .leftJoin(seatAssignments, and(eq(seatAssignments.meetingId, invitations.meetingId), eq(seatAssignments.userId, invitations.userId)))
    .where(eq(invitations.meetingId, meeting.id)).orderBy(asc(users.fullName));
  const order: Record<string, number> = { chair: 0, delegate: 1, secretary: 2, clerk: 3, admin: 4, guest: 5 };
  const invitees = rows.map((r) => ({ userId: r.userId, fullName: r.fullName, role: r.role ?? 'guest', label: r.label }))
    .sort((a, b) => (order[a.role] ?? 9) - (order[b.role] ?? 9));
  return { venue: venue ? venueView(venue) : null, invitees };
}

/** The seat of one person in a meeting, or null. */
export async function seatOf(db: Db, meetingId: string, userId: string): Promise<string | null> {
  const [row] = await db.select({ label: seatAssignments.label }).from(seatAssignments).where(and(eq(seatAssignments.meetingId, meetingId), eq(seatAssignments.userId, userId)));
  return row?.label ?? null;
}

const seatTaken = () => new AppError('seat_taken', { fields: fieldError('label', 'Ghế này đã có người; chọn ghế khác.', 'Someone already has this seat; choose another.') });

/**
 * Gives an invitee a seat of the meeting's venue (or none, `label` null). A seat held by someone else is
 * refused by the unique constraint, so two secretaries assigning the same seat at once get one winner.
 */
export async function assignSeat(db: Db, meeting: MeetingRow, userId: string, label: string | null): Promise<void> {
  const venue = await venueOfMeeting(db, meeting.id);
  if (!venue) throw new AppError('validation', { fields: fieldError('venueId', 'Chọn hội trường cho cuộc họp trước khi xếp chỗ.', 'Choose the meeting\'s hall before assigning seats.') });
  if (!(await isInvited(db, meeting.id, userId))) throw new AppError('validation', { fields: fieldError('userId', 'Người này không có trong danh sách mời.', 'This person is not invited to the meeting.') });
  const normalized = label?.toUpperCase() ?? null;
  if (normalized && !seatsOf(venue.layout).some((s) => s.label === normalized)) {
    throw new AppError('validation', { fields: fieldError('label', `Hội trường không có ghế ${normalized}.`, `The hall has no seat ${normalized}.`) });
  }
  try {
    await db.transaction(async (tx) => {
      await tx.delete(seatAssignments).where(and(eq(seatAssignments.meetingId, meeting.id), eq(seatAssignments.userId, userId)));
      if (normalized) await tx.insert(seatAssignments).values({ meetingId: meeting.id, userId, label: normalized });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'seat_assignments_seat')) throw seatTaken();
    throw err;
  }
}

/** Seats every invitee without a seat in plan order (shared autoAssign); returns how many got one and who did not. */
export async function autoAssignSeats(db: Db, meeting: MeetingRow): Promise<{ assigned: number; unseated: string[] }> {
  const venue = await venueOfMeeting(db, meeting.id);
  if (!venue) throw new AppError('validation', { fields: fieldError('venueId', 'Chọn hội trường cho cuộc họp trước khi xếp chỗ.', 'Choose the meeting\'s hall before assigning seats.') });
  const view = await meetingSeatingView(db, meeting);
  const taken = view.invitees.filter((i) => i.label).map((i) => ({ userId: i.userId, label: i.label! }));
  const out = autoAssign(seatsOf(venue.layout), view.invitees.map((i) => ({ userId: i.userId, presiding: i.role === 'chair' })), taken);
  if (out.assigned.length) {
    try {
      await db.insert(seatAssignments).values(out.assigned.map((a) => ({ meetingId: meeting.id, ...a })));
    } catch (err) {
      // Someone assigned a seat by hand meanwhile: nothing of this run is kept; running it again fills the rest.
      if (isUniqueViolation(err)) throw seatTaken();
      throw err;
    }
  }
  return { assigned: out.assigned.length, unseated: out.unseated };
}

/** Sets (or clears) a meeting's venue; a different venue clears the seats, which belonged to the old grid. */
export async function setMeetingVenue(db: Db, meeting: MeetingRow, venueId: string | null): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(meetingSeating).where(eq(meetingSeating.meetingId, meeting.id));
    if ((current?.venueId ?? null) === venueId) return false;
    await tx.delete(seatAssignments).where(eq(seatAssignments.meetingId, meeting.id));
    await tx.delete(meetingSeating).where(eq(meetingSeating.meetingId, meeting.id));
    if (venueId) await tx.insert(meetingSeating).values({ meetingId: meeting.id, venueId });
    return true;
  });
}

/** Seats of meetings using a venue that a new layout would no longer have: such a change is refused. */
export async function seatsLostBy(db: Db, venueId: string, layout: VenueLayout): Promise<string[]> {
  const kept = new Set(seatsOf(layout).map((s) => s.label));
  const meetingIds = (await db.select({ id: meetingSeating.meetingId }).from(meetingSeating).where(eq(meetingSeating.venueId, venueId))).map((r) => r.id);
  if (!meetingIds.length) return [];
  const used = await db.select({ label: seatAssignments.label }).from(seatAssignments).where(inArray(seatAssignments.meetingId, meetingIds));
  return [...new Set(used.map((u) => u.label).filter((l) => !kept.has(l)))];
}

import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { attendance, checkinScans, guestPasses, invitations, meetings, users } from '@hopso/db/schema/index';
import { parseCheckinCode, vietnamClock, type CheckinResult, type GuestPass, type MyCheckin } from '@hopso/shared/checkin';
import type { MeetingEvent } from '@hopso/shared/live';
import { AppError, fieldError } from '../http/errors.ts';
import type { Deps } from '../http/context.ts';
import type { MeetingRow } from '../meetings/access.ts';
import { appendAudit } from '../audit/log.ts';
import { LiveError, setAttendance } from '../live/commands.ts';
import { checkinKey, codeExpiry, signCode, verifyCode } from './codes.ts';
import { seatOf } from './service.ts';

type CodeDeps = Pick<Deps, 'db' | 'config'>;

/** The personal code of an invitee for a meeting; the same code every time it is asked for. */
export async function attendeeCode(deps: CodeDeps, meeting: MeetingRow, userId: string): Promise<MyCheckin> {
  const expiresAt = codeExpiry(meeting, deps.config.CHECKIN_MARGIN_HOURS);
  const code = signCode(await checkinKey(deps), { kind: 'attendee', meetingId: meeting.id, subjectId: userId, expiresAt });
  return { code, seat: await seatOf(deps.db, meeting.id, userId), expiresAt: expiresAt.toISOString() };
}

/** A guest pass as the secretariat sees it, with its code. */
export async function guestPassView(deps: CodeDeps, meeting: MeetingRow, row: typeof guestPasses.$inferSelect): Promise<GuestPass> {
  const code = signCode(await checkinKey(deps), { kind: 'guest', meetingId: meeting.id, subjectId: row.id, expiresAt: codeExpiry(meeting, deps.config.CHECKIN_MARGIN_HOURS) });
  return { id: row.id, label: row.label, singleUse: row.singleUse, usedAt: row.usedAt?.toISOString() ?? null, uses: row.uses, code, createdAt: row.createdAt.toISOString() };
}

/** "Đã điểm danh lúc 08:05": the refusal of a code used before, with the time it was. */
const alreadyUsed = (at: Date, guest: boolean) => new AppError('checkin_used', {
  fields: fieldError('code', `${guest ? 'Mã khách mời dùng một lần đã được dùng' : 'Đã điểm danh'} lúc ${vietnamClock(at)}.`, `${guest ? 'This single-use guest code was used' : 'Already checked in'} at ${vietnamClock(at)}.`),
});

/**
 * A scan at the door or on the secretary's tablet. An attendee's code checks them in through the same
 * command as `attendance.mark` (live/commands.ts setAttendance), so the attendance and quorum events reach
 * every screen; a guest pass records the arrival. A code is good once: the check-in scan's key (or the
 * single-use pass's `usedAt`) decides a replay, on any node.
 */
export async function scanCode(deps: Deps, meeting: MeetingRow, scanned: string, scannerId: string): Promise<{ result: CheckinResult; events: MeetingEvent[] }> {
  const now = deps.now();
  const payload = verifyCode(await checkinKey(deps), scanned, { meetingId: meeting.id, now });
  const [fresh] = await deps.db.select({ status: meetings.status }).from(meetings).where(eq(meetings.id, meeting.id));
  if (fresh?.status === 'closed') throw new AppError('meeting_ended');
  if (fresh?.status === 'cancelled') throw new AppError('meeting_state');
  if (payload.kind === 'guest') return { result: await scanGuest(deps, meeting, payload.subjectId, now), events: [] };

  const userId = payload.subjectId;
  const [person] = await deps.db.select({ fullName: users.fullName }).from(users)
    .innerJoin(invitations, and(eq(invitations.userId, users.id), eq(invitations.meetingId, meeting.id))).where(eq(users.id, userId));
  if (!person) throw new AppError('not_eligible', { fields: fieldError('code', 'Người này không còn trong danh sách mời.', 'This person is no longer invited.') });
  const [marked] = await deps.db.select().from(attendance).where(and(eq(attendance.meetingId, meeting.id), eq(attendance.userId, userId)));
  if (marked && marked.status !== 'absent') throw alreadyUsed(marked.at, false);
  try {
    const checkedIn = await deps.db.transaction(async (tx) => {
      const [scan] = await tx.insert(checkinScans).values({ meetingId: meeting.id, userId, scannedAt: now, scannedBy: scannerId }).onConflictDoNothing().returning();
      if (!scan) {
        const [before] = await tx.select({ at: checkinScans.scannedAt }).from(checkinScans).where(and(eq(checkinScans.meetingId, meeting.id), eq(checkinScans.userId, userId)));
        throw alreadyUsed(before?.at ?? now, false);
      }
      return setAttendance(tx, meeting, userId, 'checkIn', null, scannerId, now);
    });
    // A check-in records present, or late once the meeting is under way (checkInStatus).
    const status = checkedIn.result.status === 'late' ? 'late' : 'present';
    return { result: { kind: 'attendee', fullName: person.fullName, status, seat: await seatOf(deps.db, meeting.id, userId), at: now.toISOString() }, events: checkedIn.events };
  } catch (err) {
    if (err instanceof LiveError) throw new AppError(err.code);
    throw err;
  }
}

async function scanGuest(deps: Deps, meeting: MeetingRow, passId: string, now: Date): Promise<CheckinResult> {
  return deps.db.transaction(async (tx) => {
    const [used] = await tx.update(guestPasses).set({ uses: sql`${guestPasses.uses} + 1`, usedAt: sql`coalesce(${guestPasses.usedAt}, ${now.toISOString()}::timestamptz)` })
      .where(and(eq(guestPasses.id, passId), eq(guestPasses.meetingId, meeting.id), isNull(guestPasses.revokedAt), or(eq(guestPasses.singleUse, false), isNull(guestPasses.usedAt))))
      .returning();
    if (!used) {
      const [pass] = await tx.select().from(guestPasses).where(and(eq(guestPasses.id, passId), eq(guestPasses.meetingId, meeting.id)));
      if (!pass || pass.revokedAt) throw new AppError('checkin_expired', { fields: fieldError('code', 'Mã khách mời đã bị thu hồi.', 'This guest code was revoked.') });
      throw alreadyUsed(pass.usedAt ?? now, true);
    }
    await appendAudit(tx, { action: 'checkin.guest', councilId: meeting.councilId, meetingId: meeting.id, targetType: 'guestPass', targetId: passId, details: { label: used.label, uses: used.uses, singleUse: used.singleUse } });
    return { kind: 'guest' as const, fullName: used.label, status: null, seat: null, at: now.toISOString() };
  });
}

/** The guest pass a public page was opened with, checked: signed by us, for its meeting, not expired or revoked. */
export async function guestPassOf(deps: CodeDeps & Pick<Deps, 'now'>, scanned: string): Promise<typeof guestPasses.$inferSelect> {
  const key = await checkinKey(deps);
  // The meeting is only known from the code: verifyCode checks its MAC before anything in it is believed.
  const parsed = parseCheckinCode(scanned);
  if (!parsed) throw new AppError('not_found');
  const payload = verifyCode(key, scanned, { meetingId: parsed.meetingId, now: deps.now(), kind: 'guest' });
  const [pass] = await deps.db.select().from(guestPasses).where(and(eq(guestPasses.id, payload.subjectId), eq(guestPasses.meetingId, payload.meetingId)));
  if (!pass || pass.revokedAt) throw new AppError('not_found');
  return pass;
}

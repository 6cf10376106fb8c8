import { Hono } from 'hono';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { guestPasses, meetingSeating, venues } from '@hopso/db/schema/index';
import { checkinRequest, guestPassRequest } from '@hopso/shared/checkin';
import { assignSeatRequest, meetingVenueRequest, venueRequest } from '@hopso/shared/seating';
import { can } from '@hopso/shared/roles';
import { AppError, fieldError } from '../http/errors.ts';
import { idParam, readJson, type AppContext, type AppEnv } from '../http/context.ts';
import { authorizeCouncil } from '../councils/access.ts';
import { loadMeeting } from '../meetings/access.ts';
import { appendAudit } from '../audit/log.ts';
import { assignSeat, autoAssignSeats, checkLayout, isUniqueViolation, meetingSeatingView, seatsLostBy, setMeetingVenue, venueView } from './service.ts';
import { attendeeCode, guestPassView, scanCode } from './checkin.ts';

// Seating plan and QR check-in (docs/api.md "Seating plan and QR check-in"). Venues are the secretariat's
// (meeting.manage to draw, meeting.readAll to list); a meeting's plan is read by whoever may read the meeting;
// scanning codes is for those who run the meeting (live.run), like attendance.mark.

const nameTaken = () => new AppError('conflict', { fields: fieldError('name', 'Đã có hội trường cùng tên.', 'A hall with this name already exists.') });

async function loadVenue(c: AppContext, need: 'meeting.manage' | 'meeting.readAll') {
  const id = idParam(c, 'venueId');
  const [venue] = await c.var.deps.db.select().from(venues).where(eq(venues.id, id));
  if (!venue) throw new AppError(c.get('user') ? 'not_found' : 'unauthenticated');
  const { user } = await authorizeCouncil(c, need, venue.councilId);
  return { venue, user };
}

/** Loads the meeting of `:meetingId` for those who run it (live.run), else 403 (404 when they cannot see it). */
async function loadForRunning(c: AppContext) {
  const loaded = await loadMeeting(c, idParam(c, 'meetingId'), 'read');
  if (!can('live.run', loaded.role, loaded.user.isSystemAdmin)) throw new AppError('forbidden');
  return loaded;
}

export const councilVenueRoutes = new Hono<AppEnv>()
  .get('/:councilId/venues', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'meeting.readAll', councilId);
    const rows = await c.var.deps.db.select().from(venues).where(eq(venues.councilId, councilId)).orderBy(asc(venues.name));
    return c.json({ ok: true as const, venues: rows.map(venueView) });
  })
  .post('/:councilId/venues', async (c) => {
    const councilId = idParam(c, 'councilId');
    await authorizeCouncil(c, 'meeting.manage', councilId);
    const input = await readJson(c, venueRequest);
    checkLayout(input.layout);
    const { db, now } = c.var.deps;
    try {
      const row = await db.transaction(async (tx) => {
        const [row] = await tx.insert(venues).values({ councilId, name: input.name, layout: input.layout, createdAt: now(), updatedAt: now() }).returning();
        await appendAudit(tx, { action: 'seating.venue', councilId, targetType: 'venue', targetId: row!.id, details: { created: input.name, rows: input.layout.rows, seatsPerRow: input.layout.seatsPerRow } });
        return row!;
      });
      return c.json({ ok: true as const, venue: venueView(row) }, 201);
    } catch (err) {
      if (isUniqueViolation(err, 'venues_council_name')) throw nameTaken();
      throw err;
    }
  });

export const venueRoutes = new Hono<AppEnv>()
  .get('/:venueId', async (c) => {
    const { venue } = await loadVenue(c, 'meeting.readAll');
    return c.json({ ok: true as const, venue: venueView(venue) });
  })
  .put('/:venueId', async (c) => {
    const { venue } = await loadVenue(c, 'meeting.manage');
    const input = await readJson(c, venueRequest);
    checkLayout(input.layout);
    const { db, now } = c.var.deps;
    const lost = await seatsLostBy(db, venue.id, input.layout);
    if (lost.length) throw new AppError('venue_in_use', { fields: fieldError('layout', `Các ghế đang được xếp cho cuộc họp sẽ mất: ${lost.slice(0, 10).join(', ')}.`, `Seats assigned in meetings would disappear: ${lost.slice(0, 10).join(', ')}.`) });
    try {
      const row = await db.transaction(async (tx) => {
        const [row] = await tx.update(venues).set({ name: input.name, layout: input.layout, updatedAt: now() }).where(eq(venues.id, venue.id)).returning();
        await appendAudit(tx, { action: 'seating.venue', councilId: venue.councilId, targetType: 'venue', targetId: venue.id, details: { updated: input.name, rows: input.layout.rows, seatsPerRow: input.layout.seatsPerRow } });
        return row!;
      });
      return c.json({ ok: true as const, venue: venueView(row) });
    } catch (err) {
      if (isUniqueViolation(err, 'venues_council_name')) throw nameTaken();
      throw err;
    }
  })
  .delete('/:venueId', async (c) => {
    const { venue } = await loadVenue(c, 'meeting.manage');
    const { db } = c.var.deps;
    const [used] = await db.select({ meetingId: meetingSeating.meetingId }).from(meetingSeating).where(eq(meetingSeating.venueId, venue.id)).limit(1);
    if (used) throw new AppError('venue_in_use');
    await db.transaction(async (tx) => {
      await tx.delete(venues).where(eq(venues.id, venue.id));
      await appendAudit(tx, { action: 'seating.venue', councilId: venue.councilId, targetType: 'venue', targetId: venue.id, details: { deleted: venue.name } });
    });
    return c.json({ ok: true as const });
  });

export const meetingSeatingRoutes = new Hono<AppEnv>()
  .get('/:meetingId/seating', async (c) => {
    const { meeting } = await loadMeeting(c, idParam(c, 'meetingId'), 'read');
    return c.json({ ok: true as const, seating: await meetingSeatingView(c.var.deps.db, meeting) });
  })
  .put('/:meetingId/seating/venue', async (c) => {
    const { meeting } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    const { venueId } = await readJson(c, meetingVenueRequest);
    const { db } = c.var.deps;
    if (venueId) {
      const [venue] = await db.select({ councilId: venues.councilId }).from(venues).where(eq(venues.id, venueId));
      if (venue?.councilId !== meeting.councilId) throw new AppError('validation', { fields: fieldError('venueId', 'Hội trường không thuộc Hội đồng này.', 'The hall does not belong to this council.') });
    }
    if (await setMeetingVenue(db, meeting, venueId)) {
      await appendAudit(db, { action: 'seating.assigned', councilId: meeting.councilId, meetingId: meeting.id, targetType: 'meeting', targetId: meeting.id, details: { venueId } });
      c.var.deps.notifyMeeting(meeting.id);
    }
    return c.json({ ok: true as const, seating: await meetingSeatingView(db, meeting) });
  })
  .put('/:meetingId/seating/seats', async (c) => {
    const { meeting } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    const { userId, label } = await readJson(c, assignSeatRequest);
    const { db } = c.var.deps;
    await assignSeat(db, meeting, userId, label || null);
    await appendAudit(db, { action: 'seating.assigned', councilId: meeting.councilId, meetingId: meeting.id, targetType: 'meeting', targetId: meeting.id, details: { userId, label: label || null } });
    c.var.deps.notifyMeeting(meeting.id);
    return c.json({ ok: true as const, seating: await meetingSeatingView(db, meeting) });
  })
  .post('/:meetingId/seating/auto', async (c) => {
    const { meeting } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    const { db } = c.var.deps;
    const out = await autoAssignSeats(db, meeting);
    await appendAudit(db, { action: 'seating.assigned', councilId: meeting.councilId, meetingId: meeting.id, targetType: 'meeting', targetId: meeting.id, details: { auto: out.assigned, unseated: out.unseated.length } });
    c.var.deps.notifyMeeting(meeting.id);
    return c.json({ ok: true as const, assigned: out.assigned, unseated: out.unseated, seating: await meetingSeatingView(db, meeting) });
  })
  .get('/:meetingId/checkin/me', async (c) => {
    const { meeting, user } = await loadMeeting(c, idParam(c, 'meetingId'), 'read');
    const view = await meetingSeatingView(c.var.deps.db, meeting);
    if (!view.invitees.some((i) => i.userId === user.id)) throw new AppError('not_eligible');
    return c.json({ ok: true as const, checkin: await attendeeCode(c.var.deps, meeting, user.id) });
  })
  .get('/:meetingId/checkin/codes', async (c) => {
    // For printing the invitations: every invitee's code beside their name and seat.
    const { meeting } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    const view = await meetingSeatingView(c.var.deps.db, meeting);
    const codes = await Promise.all(view.invitees.map(async (i) => ({ userId: i.userId, fullName: i.fullName, role: i.role, ...(await attendeeCode(c.var.deps, meeting, i.userId)) })));
    return c.json({ ok: true as const, codes });
  })
  .post('/:meetingId/checkin', async (c) => {
    const { meeting, user } = await loadForRunning(c);
    const { code } = await readJson(c, checkinRequest);
    try {
      const out = await scanCode(c.var.deps, meeting, code, user.id);
      // The attendance event reaches every screen of the meeting, as a socket command's does.
      c.var.deps.publishLive?.(out.events);
      c.var.log.info('checkin scanned', { meetingId: meeting.id, kind: out.result.kind, userId: user.id });
      return c.json({ ok: true as const, checkin: out.result });
    } catch (err) {
      // Refused scans are logged for operators (a forged code at the door is worth knowing), never audited as check-ins.
      if (err instanceof AppError) c.var.log.warn('checkin refused', { meetingId: meeting.id, code: err.code, userId: user.id });
      throw err;
    }
  })
  .get('/:meetingId/guest-passes', async (c) => {
    const { meeting } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    const rows = await c.var.deps.db.select().from(guestPasses).where(and(eq(guestPasses.meetingId, meeting.id), isNull(guestPasses.revokedAt))).orderBy(asc(guestPasses.createdAt));
    return c.json({ ok: true as const, passes: await Promise.all(rows.map((r) => guestPassView(c.var.deps, meeting, r))) });
  })
  .post('/:meetingId/guest-passes', async (c) => {
    const { meeting, user } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    const input = await readJson(c, guestPassRequest);
    const { db, now } = c.var.deps;
    const row = await db.transaction(async (tx) => {
      const [row] = await tx.insert(guestPasses).values({ meetingId: meeting.id, label: input.label, singleUse: input.singleUse, createdBy: user.id, createdAt: now() }).returning();
      await appendAudit(tx, { action: 'checkin.guestPass', councilId: meeting.councilId, meetingId: meeting.id, targetType: 'guestPass', targetId: row!.id, details: { issued: input.label, singleUse: input.singleUse } });
      return row!;
    });
    return c.json({ ok: true as const, pass: await guestPassView(c.var.deps, meeting, row) }, 201);
  });

export const guestPassRoutes = new Hono<AppEnv>()
  .delete('/:passId', async (c) => {
    const id = idParam(c, 'passId');
    const { db, now } = c.var.deps;
    const [pass] = await db.select().from(guestPasses).where(eq(guestPasses.id, id));
    if (!pass) throw new AppError(c.get('user') ? 'not_found' : 'unauthenticated');
    const { meeting } = await loadMeeting(c, pass.meetingId, 'manage');
    await db.transaction(async (tx) => {
      await tx.update(guestPasses).set({ revokedAt: now() }).where(eq(guestPasses.id, pass.id));
      await appendAudit(tx, { action: 'checkin.guestPass', councilId: meeting.councilId, meetingId: meeting.id, targetType: 'guestPass', targetId: pass.id, details: { revoked: pass.label } });
    });
    return c.json({ ok: true as const });
  });

import { and, eq } from 'drizzle-orm';
import { rsvpTokens, users } from '@hopso/db/schema/index';
import type { TestApp } from '../testing.ts';
import { newRsvpToken } from './service.ts';
import { actors, attendees, managers } from '../authz-actors.ts';

/** A personal RSVP link of the delegate daibieu01 for the meeting, for the authorization matrix. */
export async function rsvpAuthzFixtures(t: TestApp, meetingId: string): Promise<{ token: string }> {
  const [delegate] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, 'daibieu01'));
  const { token, hash } = newRsvpToken();
  await t.db.delete(rsvpTokens).where(and(eq(rsvpTokens.meetingId, meetingId), eq(rsvpTokens.userId, delegate!.id)));
  await t.db.insert(rsvpTokens).values({ meetingId, userId: delegate!.id, tokenHash: hash });
  return { token };
}

/** The invitation rows of the authorization matrix (authz.test.ts), one per registered route. */
export function rsvpAuthzRoutes(fx: () => { token: string }, meetingId: () => string) {
  return [
    { route: 'GET /api/meetings/:meetingId/rsvp', path: () => `/api/meetings/${meetingId()}/rsvp`, allowed: attendees },
    { route: 'PUT /api/meetings/:meetingId/rsvp', path: () => `/api/meetings/${meetingId()}/rsvp`, body: () => ({ response: 'attend' }), allowed: attendees },
    { route: 'GET /api/meetings/:meetingId/rsvps', path: () => `/api/meetings/${meetingId()}/rsvps`, allowed: managers },
    // The personal link needs no sign-in: the token is the secret (an unknown one is a 404: invitations.test.ts).
    { route: 'GET /api/public/rsvp/:token', path: () => `/api/public/rsvp/${fx().token}`, allowed: actors },
    { route: 'PUT /api/public/rsvp/:token', path: () => `/api/public/rsvp/${fx().token}`, body: () => ({ response: 'absent', reason: 'Đi công tác' }), allowed: actors },
  ];
}

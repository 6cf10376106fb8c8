import { eq } from 'drizzle-orm';
import { guestPasses, meetingSeating, meetings, users, venues } from '@hopso/db/schema/index';
import type { VenueLayout } from '@hopso/shared/seating';
import type { TestApp } from '../testing.ts';
import { guestPassView } from './checkin.ts';
import { actors, attendees, managers, secretariat, type Actor } from '../authz-actors.ts';

const runners: Actor[] = ['admin', 'chair', 'secretary'];

export const testLayout: VenueLayout = { rows: 4, seatsPerRow: 8, presidiumSeats: 3, blocks: [{ name: 'Khu A', fromSeat: 1, toSeat: 4 }], gaps: [] };

/**
 * The matrix's meeting seated in a venue, another venue to edit, a shared guest pass (scanning it always
 * succeeds, so every caller allowed to scan gets a 2xx) and fresh venues and passes for the rows that remove them.
 */
export async function seatingFixtures(t: TestApp, meetingId: string) {
  const [meeting] = await t.db.select().from(meetings).where(eq(meetings.id, meetingId));
  const venue = async (name: string) => (await t.db.insert(venues).values({ councilId: meeting!.councilId, name, layout: testLayout }).returning())[0]!.id;
  const seated = await venue('Hội trường kiểm tra quyền');
  await t.db.insert(meetingSeating).values({ meetingId, venueId: seated });
  const pass = async (label: string) => (await t.db.insert(guestPasses).values({ meetingId, label }).returning())[0]!;
  const shared = await guestPassView(t.deps, meeting!, await pass('Khách dự thính'));
  const [delegate] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, 'daibieu01'));
  return {
    delegateId: delegate!.id,
    seated, editable: await venue('Phòng họp kiểm tra quyền'), freshVenue: () => venue(`Phòng tạm ${Math.random()}`),
    passCode: shared.code, freshPass: async () => (await pass('Khách tạm')).id,
  };
}
export type SeatingFixtures = Awaited<ReturnType<typeof seatingFixtures>>;

/** The seating and QR check-in rows of the authorization matrix (authz.test.ts). */
export function seatingAuthzRoutes(fx: () => SeatingFixtures, ids: () => { council: string; meeting: string; publicDoc: string }) {
  const base = () => `/api/meetings/${ids().meeting}`;
  return [
    { route: 'GET /api/councils/:councilId/venues', path: () => `/api/councils/${ids().council}/venues`, allowed: secretariat },
    { route: 'POST /api/councils/:councilId/venues', path: () => `/api/councils/${ids().council}/venues`, body: () => ({ name: `Hội trường ${Math.random()}`, layout: testLayout }), allowed: managers },
    { route: 'GET /api/venues/:venueId', path: () => `/api/venues/${fx().editable}`, allowed: secretariat },
    { route: 'PUT /api/venues/:venueId', path: () => `/api/venues/${fx().editable}`, body: () => ({ name: 'Phòng họp kiểm tra quyền', layout: { ...testLayout, rows: 5 } }), allowed: managers },
    { route: 'DELETE /api/venues/:venueId', path: async () => `/api/venues/${await fx().freshVenue()}`, allowed: managers },
    { route: 'GET /api/meetings/:meetingId/seating', path: () => `${base()}/seating`, allowed: attendees },
    { route: 'PUT /api/meetings/:meetingId/seating/venue', path: () => `${base()}/seating/venue`, body: () => ({ venueId: fx().seated }), allowed: managers },
    { route: 'PUT /api/meetings/:meetingId/seating/seats', path: () => `${base()}/seating/seats`, body: () => ({ userId: fx().delegateId, label: 'A-1' }), allowed: managers },
    { route: 'POST /api/meetings/:meetingId/seating/auto', path: () => `${base()}/seating/auto`, allowed: managers },
    { route: 'GET /api/meetings/:meetingId/checkin/me', path: () => `${base()}/checkin/me`, allowed: attendees },
    { route: 'GET /api/meetings/:meetingId/checkin/codes', path: () => `${base()}/checkin/codes`, allowed: managers },
    { route: 'POST /api/meetings/:meetingId/checkin', path: () => `${base()}/checkin`, body: () => ({ code: fx().passCode }), allowed: runners },
    { route: 'GET /api/meetings/:meetingId/guest-passes', path: () => `${base()}/guest-passes`, allowed: managers },
    { route: 'POST /api/meetings/:meetingId/guest-passes', path: () => `${base()}/guest-passes`, body: () => ({ label: 'Khách kiểm tra quyền' }), allowed: managers },
    { route: 'DELETE /api/guest-passes/:passId', path: async () => `/api/guest-passes/${await fx().freshPass()}`, allowed: managers },
    // The guest QR is the credential: anyone holding it, signed in or not (seating.test.ts: public documents only).
    { route: 'GET /api/public/guest/:code', path: () => `/api/public/guest/${fx().passCode}`, allowed: actors },
    { route: 'GET /api/public/guest/:code/documents/:documentId/file', path: () => `/api/public/guest/${fx().passCode}/documents/${ids().publicDoc}/file`, allowed: actors },
  ];
}

import { eq } from 'drizzle-orm';
import { invitations, meetingSites, meetings } from '@hopso/db/schema/index';
import type { TestApp } from '../testing.ts';
import { attendees, managers } from '../authz-actors.ts';


/** A site of the matrix's meeting to edit, and fresh ones for the rows that remove what they act on. */
export async function siteFixtures(t: TestApp, meetingId: string, delegateId: string) {
  const site = async (name: string) => (await t.db.insert(meetingSites).values({ meetingId, name }).returning())[0]!.id;
  // Print packs are built for real: a small published meeting with one invitee keeps the ZIP row quick.
  const [main] = await t.db.select().from(meetings).where(eq(meetings.id, meetingId));
  const [small] = await t.db.insert(meetings).values({ councilId: main!.councilId, kind: 'standing', status: 'published', title: 'Phiên họp in tài liệu', startsAt: new Date(), place: 'Phòng họp' }).returning();
  await t.db.insert(invitations).values({ meetingId: small!.id, userId: delegateId });
  return { site: await site('Điểm cầu kiểm tra quyền'), freshSite: () => site(`Điểm cầu tạm ${Math.random()}`), packMeeting: small!.id };
}
export type SiteFixtures = Awaited<ReturnType<typeof siteFixtures>>;

/** The remote-site and print-pack rows of the authorization matrix (authz.test.ts). */
export function siteAuthzRoutes(fx: () => SiteFixtures, meetingId: () => string, delegateId: () => string) {
  const base = () => `/api/meetings/${meetingId()}`;
  return [
    { route: 'GET /api/meetings/:meetingId/sites', path: () => `${base()}/sites`, allowed: attendees },
    { route: 'POST /api/meetings/:meetingId/sites', path: () => `${base()}/sites`, body: () => ({ name: `Điểm cầu mới ${Math.random()}` }), allowed: managers },
    { route: 'PATCH /api/meetings/:meetingId/sites/:siteId', path: () => `${base()}/sites/${fx().site}`, body: () => ({ position: 3 }), allowed: managers },
    { route: 'DELETE /api/meetings/:meetingId/sites/:siteId', path: async () => `${base()}/sites/${await fx().freshSite()}`, allowed: managers },
    // The paper fallback print pack holds internal documents and named ballot forms: those who manage the meeting.
    { route: 'GET /api/meetings/:meetingId/print-pack/:userId', path: () => `/api/meetings/${fx().packMeeting}/print-pack/${delegateId()}`, allowed: managers },
    { route: 'GET /api/meetings/:meetingId/print-pack.zip', path: () => `/api/meetings/${fx().packMeeting}/print-pack.zip`, allowed: managers },
  ];
}

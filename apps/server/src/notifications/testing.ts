import { eq } from 'drizzle-orm';
import { deliveries, notifications, users } from '@hopso/db/schema/index';
import type { TestApp } from '../testing.ts';
import { idempotencyKeyOf } from './notify.ts';
import type { CouncilActor } from '../authz-actors.ts';

/**
 * Notification rows for the authorization matrix: one notification of the delegate (daibieu01) and, per
 * request, a fresh failed delivery for the secretariat's "retry now".
 */
export async function notificationFixtures(t: TestApp, councilId: string) {
  const [delegate] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, 'daibieu01'));
  const content = { subject: 'Thông báo thử', text: 'Nội dung', html: '<p>Nội dung</p>' };
  const notification = async (key: string) => (await t.db.insert(notifications).values({
    userId: delegate!.id, councilId, event: 'meeting.changed', key, content: { vi: content, en: content }, link: '/meetings',
  }).returning())[0]!.id;
  let n = 0;
  return {
    delegateNotification: await notification('authz'),
    freshFailedDelivery: async () => {
      const notificationId = await notification(`authz-failed-${++n}`);
      const [row] = await t.db.insert(deliveries).values({ notificationId, councilId, channel: 'email', status: 'failed', attempts: 6, lastError: 'SMTP 550: no such user', idempotencyKey: idempotencyKeyOf(notificationId, 'email') }).returning();
      return row!.id;
    },
  };
}
export type NotificationFixtures = Awaited<ReturnType<typeof notificationFixtures>>;

const signedIn: CouncilActor[] = ['admin', 'chair', 'secretary', 'clerk', 'delegate', 'guest', 'outsider'];
const queueKeepers: CouncilActor[] = ['admin', 'secretary', 'clerk'];

/** The notification rows of the authorization matrix (authz.test.ts), one per registered route. */
export function notificationAuthzRoutes(fx: () => NotificationFixtures, councilId: () => string) {
  const settings = { locale: 'vi', email: true, sms: false, zalo: false, emailAddress: 'kiemtra@tanphu.example.vn', phone: '0912345678', zaloUserId: null };
  return [
    { route: 'GET /api/notifications', path: () => '/api/notifications', allowed: signedIn },
    { route: 'GET /api/notifications/unread', path: () => '/api/notifications/unread', allowed: signedIn },
    { route: 'POST /api/notifications/read-all', path: () => '/api/notifications/read-all', allowed: signedIn },
    { route: 'GET /api/notifications/settings', path: () => '/api/notifications/settings', allowed: signedIn },
    { route: 'PUT /api/notifications/settings', path: () => '/api/notifications/settings', body: () => settings, allowed: signedIn },
    // Only the recipient: anyone else's notification is not found.
    { route: 'POST /api/notifications/:notificationId/read', path: () => `/api/notifications/${fx().delegateNotification}/read`, allowed: ['delegate'] as CouncilActor[] },
    { route: 'GET /api/councils/:councilId/deliveries', path: () => `/api/councils/${councilId()}/deliveries`, allowed: queueKeepers },
    { route: 'POST /api/councils/:councilId/deliveries/:deliveryId/retry', path: async () => `/api/councils/${councilId()}/deliveries/${await fx().freshFailedDelivery()}/retry`, allowed: queueKeepers },
  ];
}

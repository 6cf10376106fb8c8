import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { requestId } from 'hono/request-id';
import { HTTPException } from 'hono/http-exception';
import { authRoutes } from './auth/routes.ts';
import { findSessionUser, sessionCookie } from './auth/session.ts';
import { calendarRoutes } from './calendar/routes.ts';
import { councilRoutes } from './councils/routes.ts';
import { memberRoutes } from './members/routes.ts';
import { agendaItemRoutes, councilMeetingRoutes, meetingRoutes } from './meetings/routes.ts';
import { annotationRoutes, documentAnnotationRoutes } from './documents/annotations.ts';
import { documentRoutes, meetingDocumentRoutes } from './documents/routes.ts';
import { documentCommentRoutes, draftCommentRoutes } from './comments/routes.ts';
import { councilResolutionRoutes, pollResolutionRoutes, publicResolutionRoutes, resolutionRoutes, signingSessionRoutes } from './resolutions/routes.ts';
import { councilSignatureRoutes, trustAnchorRoutes } from './signatures/routes.ts';
import { verifyRoutes } from './signatures/verify.ts';
import { AppError, errorBody } from './http/errors.ts';
import { minutesRoutes } from './minutes/routes.ts';
import { exportRoutes } from './exports/routes.ts';
import { meetingRecordingRoutes, publicRecordingRoutes, recordingRoutes } from './recordings/routes.ts';
import { apiSecurityHeaders, csrfGuard } from './http/security.ts';
import { openDataRoutes } from './opendata/routes.ts';
import { portalRoutes } from './portal/routes.ts';
import { councilSupervisionRoutes, supervisionRoutes } from './supervision/routes.ts';
import { siteRoutes } from './sites/routes.ts';
import { printPackRoutes } from './printpack/routes.ts';
import { supervisionOpenDataRoutes } from './opendata/supervision.ts';
import { petitionOpenDataRoutes } from './petitions/opendata.ts';
import { kpiRoutes } from './kpi/routes.ts';
import type { AppEnv, Deps } from './http/context.ts';
import { withAuditActor } from './audit/log.ts';
import { councilAuditRoutes } from './audit/routes.ts';
import { councilPetitionRoutes, petitionRoutes } from './petitions/routes.ts';
import { isPetitionForm } from './petitions/portal.ts';
import { councilPetitionEmailRoutes, zaloWebhookRoutes } from './petitions/channels/routes.ts';
import { isPetitionEmailUpload } from './petitions/channels/paths.ts';
import { metricsRoutes } from './metrics/routes.ts';
import { councilDeliveryRoutes, notificationRoutes } from './notifications/routes.ts';
import { councilVenueRoutes, guestPassRoutes, meetingSeatingRoutes, venueRoutes } from './seating/routes.ts';
import { guestRoutes } from './seating/guest.ts';
import { consultationRoutes, councilConsultationRoutes } from './consultations/routes.ts';
import { meetingRsvpRoutes, publicRsvpRoutes } from './invitations/routes.ts';
import { guidanceRoutes, meetingRehearsalRoutes } from './guidance/routes.ts';

/** The path for the access log: calendar feed and personal RSVP URLs carry their secret token, which must not reach logs. */
export function loggablePath(path: string): string {
  if (path.startsWith('/api/public/rsvp/')) return '/api/public/rsvp/[token]';
  // A guest QR code in the path is the guest's credential.
  if (path.startsWith('/api/public/guest/')) return '/api/public/guest/[code]';
  return path.startsWith('/api/calendar/') ? '/api/calendar/[token]' : path;
}

/** Largest JSON body accepted by the API (a delegate CSV for a province council fits easily). */
export const maxJsonBytes = 4 * 1024 * 1024;

/** The Hono app for everything under /api, the public portal (/cong-khai) and /metrics; the HTTP server routes the rest to the web app. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use('*', requestId({ headerName: 'X-Request-Id', generator: () => crypto.randomUUID() }));
  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('deps', deps);
    c.set('log', deps.log.child({ requestId: c.var.requestId }));
    c.set('user', null);
    await next();
    const user = c.get('user');
    c.var.log.info('request', { method: c.req.method, path: loggablePath(new URL(c.req.url).pathname), status: c.res.status, ms: Math.round(performance.now() - started), ...(user ? { userId: user.id } : {}) });
  });
  app.use('*', apiSecurityHeaders);
  // PDF uploads stream to disk under their own (much larger) limit, the portal's petition form (with files) and a
  // clerk's .eml upload have their own too; everything else is small JSON.
  const jsonLimit = bodyLimit({ maxSize: maxJsonBytes, onError: () => { throw new AppError('payload_too_large'); } });
  app.use('*', (c, next) => ((c.req.header('content-type') ?? '').startsWith('application/pdf') || isPetitionForm(c.req.method, c.req.path) || isPetitionEmailUpload(c.req.method, c.req.path) ? next() : jsonLimit(c, next)));
  app.use('*', csrfGuard);
  app.use('*', async (c, next) => {
    const token = getCookie(c, sessionCookie);
    if (token) c.set('user', await findSessionUser(deps.db, token, deps.now()));
    // Audit entries appended while handling the request name the signed-in user unless told otherwise.
    await withAuditActor(c.get('user')?.id ?? null, next);
  });

  app.get('/api/health', (c) => c.json({ ok: true as const, db: deps.driver }));
  app.route('/api/auth', authRoutes);
  app.route('/api/councils', councilRoutes);
  app.route('/api/councils', memberRoutes);
  app.route('/api/councils', councilMeetingRoutes);
  app.route('/api/meetings', meetingRoutes);
  app.route('/api/agenda-items', agendaItemRoutes);
  app.route('/api/meetings', meetingDocumentRoutes);
  app.route('/api/documents', documentRoutes);
  app.route('/api/documents', documentAnnotationRoutes);
  app.route('/api/annotations', annotationRoutes);
  app.route('/api/documents', documentCommentRoutes);
  app.route('/api/draft-comments', draftCommentRoutes);
  app.route('/api/calendar', calendarRoutes);
  app.route('/api/meetings', minutesRoutes);
  app.route('/api/meetings', exportRoutes);
  app.route('/api/meetings', printPackRoutes);
  app.route('/api/meetings', meetingRecordingRoutes);
  app.route('/api/recordings', recordingRoutes);
  app.route('/api/public', publicRecordingRoutes);
  app.route('/api/polls', pollResolutionRoutes);
  app.route('/api/councils', councilResolutionRoutes);
  app.route('/api/meetings', siteRoutes);
  app.route('/api/resolutions', resolutionRoutes);
  app.route('/api/signing-sessions', signingSessionRoutes);
  app.route('/api/public', publicResolutionRoutes);
  app.route('/api/councils', councilSignatureRoutes);
  app.route('/api/trust-anchors', trustAnchorRoutes);
  app.route('/api/verify', verifyRoutes);
  app.route('/api/councils', councilAuditRoutes);
  app.route('/api/councils', councilPetitionRoutes);
  app.route('/api/petitions', petitionRoutes);
  app.route('/api/councils', councilPetitionEmailRoutes);
  app.route('/api/public', zaloWebhookRoutes);
  app.route('/api/public', openDataRoutes);
  app.route('/api/councils', councilSupervisionRoutes);
  app.route('/api/supervision', supervisionRoutes);
  app.route('/api/councils', kpiRoutes);
  app.route('/api/public', supervisionOpenDataRoutes);
  app.route('/api/public', petitionOpenDataRoutes);
  app.route('/api/meetings', meetingRsvpRoutes);
  app.route('/api/public', publicRsvpRoutes);
  app.route('/api/guidance', guidanceRoutes);
  app.route('/api/meetings', meetingRehearsalRoutes);
  app.route('/api/councils', councilConsultationRoutes);
  app.route('/api/consultations', consultationRoutes);
  app.route('/api/councils', councilVenueRoutes);
  app.route('/api/venues', venueRoutes);
  app.route('/api/meetings', meetingSeatingRoutes);
  app.route('/api/guest-passes', guestPassRoutes);
  app.route('/api/public', guestRoutes);
  app.route('/api/notifications', notificationRoutes);
  app.route('/api/councils', councilDeliveryRoutes);
  app.route('/cong-khai', portalRoutes);
  app.route('/metrics', metricsRoutes);

  app.notFound((c) => c.json(errorBody('not_found'), 404));
  app.onError((err, c) => {
    if (err instanceof AppError) {
      return c.json(errorBody(err.code, { ...(err.fields ? { fields: err.fields } : {}), ...(err.rows ? { rows: err.rows } : {}) }), err.status as 400);
    }
    if (err instanceof HTTPException && err.status < 500) return c.json(errorBody(err.status === 413 ? 'payload_too_large' : 'bad_request'), err.status);
    // Unexpected: log the detail for operators, tell the user only that it failed.
    (c.var.log ?? deps.log).error('unhandled error', { error: err instanceof Error ? err.stack : String(err) });
    return c.json(errorBody('internal'), 500);
  });
  return app;
}

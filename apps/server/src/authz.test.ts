import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agendaItems, annotations, councils, documents, invitations, meetings, members, recordings, users } from '@hopso/db/schema/index';
import { PDFDocument } from 'pdf-lib';
import { createTestApp, type TestApp } from './testing.ts';
import { hashPassword } from './auth/password.ts';
import { closedPoll, resolutionIn, signatureAuthzFixtures } from './resolutions/testing.ts';
import { finalizeMinutes } from './minutes/service.ts';
import { defaultRuleSet } from '@hopso/shared/rules';
import { supervisionAuthzRoutes, supervisionFixtures, type SupervisionFixtures } from './supervision/testing.ts';
import { petitionAuthzFixtures, petitionAuthzRoutes, type PetitionAuthzFixtures } from './petitions/testing.ts';
import { zaloTestEnv } from './petitions/channels/testing.ts';
import { consultationAuthzRoutes, consultationFixtures, type ConsultationFixtures } from './consultations/testing.ts';
import { rsvpAuthzFixtures, rsvpAuthzRoutes } from './invitations/testing.ts';
import { siteAuthzRoutes, siteFixtures, type SiteFixtures } from './sites/testing.ts';
import { commentAuthzRoutes, commentFixtures, type CommentFixtures } from './comments/testing.ts';
import { guidanceAuthzRoutes } from './guidance/testing.ts';
import { seatingAuthzRoutes, seatingFixtures, type SeatingFixtures } from './seating/testing.ts';
import { notificationAuthzRoutes, notificationFixtures, type NotificationFixtures } from './notifications/testing.ts';
import { actors, managers, secretariat, signedIn, type Actor } from './authz-actors.ts';

/**
 * The authorization matrix: every API route × every kind of caller, from one table. A route lists the
 * callers who may use it; every other caller must be refused (401 without a session, else 403 or 404; on
 * the public portal's routes 404 for everyone), and nothing may ever answer 5xx. `guest` is a guest of the
 * council not invited to the session, `invitedGuest` one who is.
 */
const councilReaders: Actor[] = ['admin', 'chair', 'secretary', 'clerk', 'delegate', 'guest', 'invitedGuest'];

interface Ids { council: string; meeting: string; draft: string; item: string; calendarToken: string; doc: string; publicDoc: string; secretDoc: string; draftPublicDoc: string; annotation: string; sig: Awaited<ReturnType<typeof signatureAuthzFixtures>>; sup: SupervisionFixtures; pet: PetitionAuthzFixtures; com: CommentFixtures }
interface Route {
  /** The route as Hono registers it, e.g. "GET /api/meetings/:meetingId". */
  route: string;
  path: (ids: Ids) => string | Promise<string>;
  body?: () => unknown;
  allowed: readonly Actor[];
  /** The route ends the session it is called with, so each call signs in anew. */
  ownSession?: boolean;
  /** The body is a PDF file rather than JSON. */
  pdf?: boolean;
  /** The body is neither JSON nor a PDF (an e-mail, a signed webhook event): sent as made, with its own headers. */
  raw?: () => { body: string; headers: Record<string, string> };
  /** A plain HTML form's route: success is a 303 to the next page. */
  redirects?: boolean;
  /** Needs no sign-in (the public portal): a refusal is a 404 for everyone, the anonymous included. */
  open?: boolean;
}

type Confidentiality = 'internal' | 'public' | 'secret';
const confidentialities = ['internal', 'public', 'secret'] as const;
const documentOf: Record<Confidentiality, (ids: Ids) => string> = { internal: (i) => i.doc, public: (i) => i.publicDoc, secret: (i) => i.secretDoc };

/**
 * One row per confidentiality for a route that acts on a document, named "<route> (<confidentiality>)":
 * `row` builds the request for a document of that confidentiality (the fixture's, unless it makes its own).
 */
function perConfidentiality(route: string, allowed: Record<Confidentiality, readonly Actor[]>, row: (c: Confidentiality) => Omit<Route, 'route' | 'allowed'>): Route[] {
  return confidentialities.map((c) => ({ route: `${route} (${c})`, allowed: allowed[c], ...row(c) }));
}

/**
 * Rows other modules contribute name the guest but not the invited guest: outside the meeting they are
 * invited to, an invited guest has exactly a guest's rights.
 */
function asGuestElsewhere(rows: Route[]): Route[] {
  return rows.map((r) => (r.allowed.includes('guest') ? { ...r, allowed: [...r.allowed, 'invitedGuest'] } : r));
}

let samplePdf: Uint8Array;
/** The fixture ids, for request bodies that carry one (bodies take no arguments). */
const idsRef = {} as Ids;
/** Written consultations' fixtures (kept apart from Ids, which other modules' rows share). */
const consultRef = {} as { fx: ConsultationFixtures };
/** Invitations' fixture: a personal RSVP link (kept apart from Ids, which other modules' rows share). */
const rsvpRef = {} as { token: string };
/** Remote sites' fixtures (kept apart from Ids, which other modules' rows share). */
const siteRef = {} as { sites: SiteFixtures; delegateId: string };
/** Seating and QR check-in fixtures (kept apart from Ids, which other modules' rows share). */
const seatingRef = {} as { fx: SeatingFixtures };
/** Notifications' fixtures (kept apart from Ids, which other modules' rows share). */
const notificationRef = {} as { fx: NotificationFixtures };

const meetingBody = { title: 'Họp kiểm tra quyền', kind: 'standing', startsAt: '2026-12-20T08:00:00+07:00', place: 'Phòng họp số 1' };
const csvBody = { csv: 'name,email,phone,role,committee,group\nĐại biểu Thử,,,delegate,,' };

function routes(t: () => TestApp): Route[] {
  /** Fresh resources per request, for routes that change or remove what they act on. */
  const freshDraft = async (ids: Ids) => {
    const [m] = await t().db.insert(meetings).values({ councilId: ids.council, kind: 'standing', title: 'Nháp', startsAt: new Date(), place: 'P' }).returning();
    return m!.id;
  };
  const freshItem = async (ids: Ids) => {
    const [i] = await t().db.insert(agendaItems).values({ meetingId: ids.meeting, title: 'Tạm', position: 99 }).returning();
    return i!.id;
  };
  const freshDocument = async (ids: Ids, confidentiality: Confidentiality) => {
    const [d] = await t().db.insert(documents).values({ meetingId: ids.meeting, title: 'Tạm', confidentiality }).returning();
    return d!.id;
  };
  const freshAnnotation = async (ids: Ids) => {
    const [owner] = await t().db.select().from(users).where(eq(users.username, 'daibieu01'));
    const [a] = await t().db.insert(annotations).values({ documentId: ids.doc, userId: owner!.id, page: 1, kind: 'note', rects: [], color: '#ffd54f', text: 'x' }).returning();
    return a!.id;
  };
  const freshRecording = async (ids: Ids) => {
    const [r] = await t().db.insert(recordings).values({ meetingId: ids.meeting, title: 'Tạm', url: 'https://video.example.vn/t.mp4' }).returning();
    return r!.id;
  };
  const finalMinutes = async (ids: Ids) => {
    const id = await freshDraft(ids);
    const [meeting] = await t().db.select().from(meetings).where(eq(meetings.id, id));
    const [secretary] = await t().db.select().from(users).where(eq(users.username, 'thuky'));
    await finalizeMinutes(t().deps, meeting!, secretary!.id, new Date());
    return id;
  };
  const meetingReaders: Actor[] = ['admin', 'chair', 'secretary', 'clerk', 'delegate'];
  const documentManagers: Actor[] = ['admin', 'secretary', 'clerk'];
  // Those who may read the session: its members (the seed invites them all) and the guest invited to it.
  const attendees: Actor[] = [...meetingReaders, 'invitedGuest'];
  // Public and internal documents: the session's members and invited guests (DESIGN.md); secret ones: nobody.
  const documentReaders = { internal: attendees, public: attendees, secret: [] };
  return [
    { route: 'GET /api/health', path: () => '/api/health', allowed: actors },
    // Prometheus only: a direct loopback connection or METRICS_TOKEN (metrics/routes.test.ts); the matrix calls from 10.0.0.1.
    { route: 'GET /metrics', path: () => '/metrics', allowed: [] },
    { route: 'POST /api/auth/login', path: () => '/api/auth/login', body: () => ({ username: 'daibieu20', password: 'HopSo@2026' }), allowed: actors, ownSession: true },
    { route: 'POST /api/auth/logout', path: () => '/api/auth/logout', allowed: actors, ownSession: true },
    { route: 'GET /api/auth/me', path: () => '/api/auth/me', allowed: signedIn },
    { route: 'GET /api/auth/calendar', path: () => '/api/auth/calendar', allowed: signedIn },
    { route: 'POST /api/auth/totp/setup', path: () => '/api/auth/totp/setup', allowed: ['admin', 'chair'] },
    // Denied callers fail before the code is checked; allowed ones reach the check and get totp_invalid (401).
    { route: 'POST /api/auth/totp/enable', path: () => '/api/auth/totp/enable', body: () => ({ secret: 'A'.repeat(32), code: '000000' }), allowed: [] },
    // The calendar feed has no cookie: its unguessable token is the credential, whoever presents it.
    { route: 'GET /api/calendar/:file', path: (i) => `/api/calendar/${i.calendarToken}.ics`, allowed: actors },
    { route: 'GET /api/councils', path: () => '/api/councils', allowed: signedIn },
    { route: 'POST /api/councils', path: () => '/api/councils', body: () => ({ name: 'HĐND xã Mới', level: 'commune', locality: 'Xã Mới' }), allowed: ['admin'] },
    { route: 'GET /api/councils/:councilId', path: (i) => `/api/councils/${i.council}`, allowed: councilReaders },
    { route: 'PATCH /api/councils/:councilId', path: (i) => `/api/councils/${i.council}`, body: () => ({ name: 'HĐND xã Tân Phú', locality: 'Xã Tân Phú' }), allowed: managers },
    { route: 'GET /api/councils/:councilId/rules', path: (i) => `/api/councils/${i.council}/rules`, allowed: councilReaders },
    { route: 'PUT /api/councils/:councilId/rules', path: (i) => `/api/councils/${i.council}/rules`, body: () => defaultRuleSet, allowed: managers },
    { route: 'POST /api/councils/:councilId/terms', path: (i) => `/api/councils/${i.council}/terms`, body: () => ({ name: 'Nhiệm kỳ thử', startsOn: '2031-03-15', endsOn: '2036-03-14' }), allowed: managers },
    { route: 'GET /api/councils/:councilId/members', path: (i) => `/api/councils/${i.council}/members`, allowed: ['admin', 'chair', 'secretary', 'clerk', 'delegate'] },
    { route: 'POST /api/councils/:councilId/members/import', path: (i) => `/api/councils/${i.council}/members/import`, body: () => csvBody, allowed: managers },
    { route: 'GET /api/councils/:councilId/committees', path: (i) => `/api/councils/${i.council}/committees`, allowed: councilReaders },
    { route: 'POST /api/councils/:councilId/committees', path: (i) => `/api/councils/${i.council}/committees`, body: () => ({ name: `Ban ${Math.random()}` }), allowed: managers },
    { route: 'GET /api/councils/:councilId/groups', path: (i) => `/api/councils/${i.council}/groups`, allowed: councilReaders },
    { route: 'POST /api/councils/:councilId/groups', path: (i) => `/api/councils/${i.council}/groups`, body: () => ({ name: `Tổ ${Math.random()}` }), allowed: managers },
    { route: 'GET /api/councils/:councilId/meetings', path: (i) => `/api/councils/${i.council}/meetings`, allowed: councilReaders },
    { route: 'POST /api/councils/:councilId/meetings', path: (i) => `/api/councils/${i.council}/meetings`, body: () => meetingBody, allowed: managers },
    { route: 'GET /api/meetings', path: () => '/api/meetings', allowed: signedIn },
    { route: 'GET /api/meetings/:meetingId', path: (i) => `/api/meetings/${i.meeting}`, allowed: attendees },
    { route: 'GET /api/meetings/:meetingId (draft)', path: (i) => `/api/meetings/${i.draft}`, allowed: secretariat },
    { route: 'PATCH /api/meetings/:meetingId', path: (i) => `/api/meetings/${i.meeting}`, body: () => ({ place: 'Hội trường lớn' }), allowed: managers },
    { route: 'POST /api/meetings/:meetingId/publish', path: async (i) => `/api/meetings/${await freshDraft(i)}/publish`, allowed: managers },
    { route: 'POST /api/meetings/:meetingId/agenda', path: (i) => `/api/meetings/${i.meeting}/agenda`, body: () => ({ title: 'Nội dung thêm' }), allowed: managers },
    { route: 'GET /api/meetings/:meetingId/invitations', path: (i) => `/api/meetings/${i.meeting}/invitations`, allowed: managers },
    { route: 'PUT /api/meetings/:meetingId/invitations', path: (i) => `/api/meetings/${i.draft}/invitations`, body: () => ({ userIds: [] }), allowed: managers },
    { route: 'PATCH /api/agenda-items/:itemId', path: (i) => `/api/agenda-items/${i.item}`, body: () => ({ presenter: 'UBND xã' }), allowed: managers },
    { route: 'POST /api/agenda-items/:itemId/move', path: (i) => `/api/agenda-items/${i.item}/move`, body: () => ({ parentId: null, position: 0 }), allowed: managers },
    { route: 'DELETE /api/agenda-items/:itemId', path: async (i) => `/api/agenda-items/${await freshItem(i)}`, allowed: managers },
    { route: 'GET /api/meetings/:meetingId/documents', path: (i) => `/api/meetings/${i.meeting}/documents`, allowed: attendees },
    { route: 'POST /api/meetings/:meetingId/documents', path: (i) => `/api/meetings/${i.meeting}/documents?title=Tai%20lieu`, pdf: true, allowed: documentManagers },
    { route: 'POST /api/meetings/:meetingId/documents/secret', path: (i) => `/api/meetings/${i.meeting}/documents/secret`, body: () => ({ title: 'Tài liệu mật' }), allowed: documentManagers },
    { route: 'GET /api/meetings/:meetingId/read-receipts', path: (i) => `/api/meetings/${i.meeting}/read-receipts`, allowed: documentManagers },
    // A secret document is registered without a file, so it has none to replace either.
    ...perConfidentiality('POST /api/documents/:documentId/versions', { internal: documentManagers, public: documentManagers, secret: [] },
      (c) => ({ path: (i) => `/api/documents/${documentOf[c](i)}/versions`, pdf: true })),
    ...perConfidentiality('PATCH /api/documents/:documentId', { internal: documentManagers, public: documentManagers, secret: documentManagers },
      (c) => ({ path: (i) => `/api/documents/${documentOf[c](i)}`, body: () => ({ title: 'Tài liệu đã sửa' }) })),
    ...perConfidentiality('DELETE /api/documents/:documentId', { internal: documentManagers, public: documentManagers, secret: documentManagers },
      (c) => ({ path: async (i) => `/api/documents/${await freshDocument(i, c)}` })),
    // Every route that serves a document's bytes, for each confidentiality.
    ...perConfidentiality('GET /api/documents/:documentId/file', documentReaders, (c) => ({ path: (i) => `/api/documents/${documentOf[c](i)}/file` })),
    ...perConfidentiality('GET /api/documents/:documentId/download', documentReaders, (c) => ({ path: (i) => `/api/documents/${documentOf[c](i)}/download` })),
    ...perConfidentiality('GET /api/public/documents/:documentId/file', { internal: [], public: actors, secret: [] },
      (c) => ({ path: (i) => `/api/public/documents/${documentOf[c](i)}/file`, open: true })),
    // A public document of a meeting not yet published: the secretariat reads it, the portal does not serve it.
    { route: 'GET /api/documents/:documentId/file (public, draft meeting)', path: (i) => `/api/documents/${i.draftPublicDoc}/file`, allowed: secretariat },
    { route: 'GET /api/public/documents/:documentId/file (public, draft meeting)', path: (i) => `/api/public/documents/${i.draftPublicDoc}/file`, allowed: [], open: true },
    { route: 'POST /api/documents/:documentId/views', path: (i) => `/api/documents/${i.doc}/views`, body: () => ({ page: 1 }), allowed: attendees },
    { route: 'POST /api/documents/:documentId/views (secret)', path: (i) => `/api/documents/${i.secretDoc}/views`, body: () => ({ page: 1 }), allowed: [] },
    { route: 'GET /api/documents/:documentId/views/me', path: (i) => `/api/documents/${i.doc}/views/me`, allowed: attendees },
    // A secret document's own last page and notes: no bytes, and always empty (recording either is refused above).
    { route: 'GET /api/documents/:documentId/views/me (secret)', path: (i) => `/api/documents/${i.secretDoc}/views/me`, allowed: attendees },
    { route: 'GET /api/documents/:documentId/annotations', path: (i) => `/api/documents/${i.doc}/annotations`, allowed: attendees },
    { route: 'POST /api/documents/:documentId/annotations', path: (i) => `/api/documents/${i.doc}/annotations`, body: () => ({ page: 1, kind: 'highlight', rects: [[1, 2, 3, 4]] }), allowed: attendees },
    { route: 'POST /api/documents/:documentId/annotations (secret)', path: (i) => `/api/documents/${i.secretDoc}/annotations`, body: () => ({ page: 1, kind: 'note' }), allowed: [] },
    { route: 'GET /api/documents/:documentId/annotations/export', path: (i) => `/api/documents/${i.doc}/annotations/export`, allowed: attendees },
    { route: 'GET /api/documents/:documentId/annotations (secret)', path: (i) => `/api/documents/${i.secretDoc}/annotations`, allowed: attendees },
    { route: 'GET /api/documents/:documentId/annotations/export (secret)', path: (i) => `/api/documents/${i.secretDoc}/annotations/export`, allowed: attendees },
    // Private notes: only their author, whatever the role.
    { route: 'PATCH /api/annotations/:annotationId', path: (i) => `/api/annotations/${i.annotation}`, body: () => ({ text: 'sửa' }), allowed: ['delegate'] },
    { route: 'DELETE /api/annotations/:annotationId', path: async (i) => `/api/annotations/${await freshAnnotation(i)}`, allowed: ['delegate'] },
    // Meeting record: minutes, exports, recordings (issue 7). Finalising freezes, so each call gets a fresh meeting.
    { route: 'GET /api/meetings/:meetingId/minutes', path: (i) => `/api/meetings/${i.meeting}/minutes`, allowed: attendees },
    { route: 'PUT /api/meetings/:meetingId/minutes', path: (i) => `/api/meetings/${i.meeting}/minutes`, body: () => ({ notes: { opening: 'Khai mạc.' } }), allowed: managers },
    { route: 'POST /api/meetings/:meetingId/minutes/finalize', path: async (i) => `/api/meetings/${await freshDraft(i)}/minutes/finalize`, body: () => ({}), allowed: managers },
    { route: 'GET /api/meetings/:meetingId/minutes/pdf', path: (i) => `/api/meetings/${i.meeting}/minutes/pdf`, allowed: secretariat },
    // Signing the final minutes: the chair only (no signer assigned), like a resolution.
    { route: 'POST /api/meetings/:meetingId/minutes/signing', path: async (i) => `/api/meetings/${await finalMinutes(i)}/minutes/signing`, body: () => ({ certificates: [idsRef.sig.certificate] }), allowed: ['chair'] },
    { route: 'GET /api/meetings/:meetingId/exports/:file', path: (i) => `/api/meetings/${i.meeting}/exports/attendance.xlsx`, allowed: secretariat },
    { route: 'GET /api/meetings/:meetingId/exports/record.zip', path: (i) => `/api/meetings/${i.meeting}/exports/record.zip`, allowed: secretariat },
    { route: 'GET /api/meetings/:meetingId/recordings', path: (i) => `/api/meetings/${i.meeting}/recordings`, allowed: attendees },
    { route: 'POST /api/meetings/:meetingId/recordings', path: (i) => `/api/meetings/${i.meeting}/recordings`, body: () => ({ title: 'Ghi hình', url: 'https://video.example.vn/a.mp4' }), allowed: documentManagers },
    { route: 'PATCH /api/recordings/:recordingId', path: async (i) => `/api/recordings/${await freshRecording(i)}`, body: () => ({ title: 'Ghi hình (sửa)' }), allowed: documentManagers },
    { route: 'DELETE /api/recordings/:recordingId', path: async (i) => `/api/recordings/${await freshRecording(i)}`, allowed: documentManagers },
    // The public portal: no sign-in, public sessions only.
    { route: 'GET /api/public/meetings/:meetingId/recordings', path: (i) => `/api/public/meetings/${i.meeting}/recordings`, allowed: actors },
    // Resolutions, signing and the trust store (resolutions/signing.test.ts and signatures/trust.test.ts test the behaviour).
    { route: 'POST /api/polls/:pollId/resolution', path: async () => `/api/polls/${(await closedPoll(t())).pollId}/resolution`, body: () => ({}), allowed: managers },
    { route: 'GET /api/councils/:councilId/resolutions', path: (i) => `/api/councils/${i.council}/resolutions?q=NQ`, allowed: meetingReaders },
    { route: 'GET /api/councils/:councilId/resolution-candidates', path: (i) => `/api/councils/${i.council}/resolution-candidates`, allowed: managers },
    { route: 'GET /api/resolutions/:resolutionId', path: (i) => `/api/resolutions/${i.sig.resolution}`, allowed: meetingReaders },
    { route: 'GET /api/resolutions/:resolutionId/file', path: (i) => `/api/resolutions/${i.sig.resolution}/file`, allowed: meetingReaders },
    // Only the chair (no signer assigned): not even a system administrator signs in someone's name.
    { route: 'POST /api/resolutions/:resolutionId/signing', path: (i) => `/api/resolutions/${i.sig.resolution}/signing`, body: () => ({ certificates: [idsRef.sig.certificate] }), allowed: ['chair'] },
    { route: 'POST /api/resolutions/:resolutionId/publish', path: async () => `/api/resolutions/${await resolutionIn(t(), 'sealed')}/publish`, allowed: managers },
    // A signing session belongs to the signer who started it (here the vice-chair, no actor): 404 for anyone else.
    { route: 'POST /api/signing-sessions/:sessionId/cms', path: (i) => `/api/signing-sessions/${i.sig.signingSession}/cms`, body: () => ({ cms: 'AAAA' }), allowed: [] },
    { route: 'GET /api/public/councils/:councilId/resolutions', path: (i) => `/api/public/councils/${i.council}/resolutions`, allowed: actors },
    { route: 'GET /api/public/resolutions/:resolutionId/file', path: (i) => `/api/public/resolutions/${i.sig.published}/file`, allowed: actors },
    { route: 'GET /api/councils/:councilId/trust-anchors', path: (i) => `/api/councils/${i.council}/trust-anchors`, allowed: ['admin'] },
    { route: 'POST /api/councils/:councilId/trust-anchors', path: (i) => `/api/councils/${i.council}/trust-anchors`, body: () => ({ kind: 'root', data: idsRef.sig.rootPem }), allowed: ['admin'] },
    { route: 'DELETE /api/trust-anchors/:anchorId', path: async (i) => `/api/trust-anchors/${await i.sig.freshAnchor()}`, allowed: ['admin'] },
    { route: 'GET /api/councils/:councilId/audit', path: (i) => `/api/councils/${i.council}/audit?limit=5`, allowed: ['admin', 'chair', 'secretary'] },
    { route: 'GET /api/councils/:councilId/audit/verify', path: (i) => `/api/councils/${i.council}/audit/verify`, allowed: ['admin', 'chair', 'secretary'] },
    { route: 'GET /api/councils/:councilId/signature-images', path: (i) => `/api/councils/${i.council}/signature-images`, allowed: meetingReaders },
    { route: 'PUT /api/councils/:councilId/signature-images/seal', path: (i) => `/api/councils/${i.council}/signature-images/seal`, body: () => ({ png: idsRef.sig.png }), allowed: managers },
    { route: 'PUT /api/councils/:councilId/signature-images/mine', path: (i) => `/api/councils/${i.council}/signature-images/mine`, body: () => ({ png: idsRef.sig.png }), allowed: meetingReaders },
    { route: 'POST /api/verify', path: () => '/api/verify', pdf: true, allowed: actors },
    // Open data and the public portal (issue 8): everyone, signed in or not; portal/portal.test.ts checks what they never show.
    { route: 'GET /api/public/openapi.json', path: () => '/api/public/openapi.json', allowed: actors },
    { route: 'GET /api/public/councils', path: () => '/api/public/councils', allowed: actors },
    { route: 'GET /api/public/councils.csv', path: () => '/api/public/councils.csv', allowed: actors },
    { route: 'GET /api/public/councils/:councilId/meetings', path: (i) => `/api/public/councils/${i.council}/meetings`, allowed: actors },
    { route: 'GET /api/public/councils/:councilId/meetings.csv', path: (i) => `/api/public/councils/${i.council}/meetings.csv`, allowed: actors },
    { route: 'GET /api/public/councils/:councilId/documents', path: (i) => `/api/public/councils/${i.council}/documents`, allowed: actors },
    { route: 'GET /api/public/councils/:councilId/documents.csv', path: (i) => `/api/public/councils/${i.council}/documents.csv`, allowed: actors },
    { route: 'GET /api/public/councils/:councilId/resolutions.csv', path: (i) => `/api/public/councils/${i.council}/resolutions.csv`, allowed: actors },
    { route: 'GET /api/public/meetings/:meetingId', path: (i) => `/api/public/meetings/${i.meeting}`, allowed: actors },
    { route: 'GET /api/public/resolutions/:resolutionId', path: (i) => `/api/public/resolutions/${i.sig.published}`, allowed: actors },
    { route: 'GET /cong-khai', path: () => '/cong-khai', allowed: actors },
    { route: 'GET /cong-khai/tai-nguyen/portal.css', path: () => '/cong-khai/tai-nguyen/portal.css', allowed: actors },
    { route: 'GET /cong-khai/:council', path: () => '/cong-khai/hdnd-xa-tan-phu', allowed: actors },
    { route: 'GET /cong-khai/:council/lich', path: () => '/cong-khai/hdnd-xa-tan-phu/lich', allowed: actors },
    { route: 'GET /cong-khai/:council/lich.ics', path: () => '/cong-khai/hdnd-xa-tan-phu/lich.ics', allowed: actors },
    { route: 'GET /cong-khai/:council/ky-hop/:meetingId', path: (i) => `/cong-khai/hdnd-xa-tan-phu/ky-hop/${i.meeting}`, allowed: actors },
    { route: 'GET /cong-khai/:council/nghi-quyet', path: () => '/cong-khai/hdnd-xa-tan-phu/nghi-quyet', allowed: actors },
    { route: 'GET /cong-khai/:council/nghi-quyet/:resolutionId', path: (i) => `/cong-khai/hdnd-xa-tan-phu/nghi-quyet/${i.sig.published}`, allowed: actors },
    { route: 'GET /cong-khai/:council/tim-kiem', path: () => '/cong-khai/hdnd-xa-tan-phu/tim-kiem?q=ngh', allowed: actors },
    { route: 'GET /cong-khai/:council/feed.xml', path: () => '/cong-khai/hdnd-xa-tan-phu/feed.xml', allowed: actors },
    // Supervision topics (issue 8): supervision.read, supervision.manage, and their published results for everyone.
    ...asGuestElsewhere(supervisionAuthzRoutes(() => idsRef.sup, () => idsRef.council)),
    // Voter petitions (issue 8): petition.read, petition.manage, petition.configure; the portal's side for everyone.
    ...asGuestElsewhere(petitionAuthzRoutes(() => idsRef.pet)),
    // Written consultations (issue 11): consultation.read/manage, answers by the members consulted only, the chair signs the result.
    ...asGuestElsewhere(consultationAuthzRoutes(() => consultRef.fx, () => idsRef.council, () => idsRef.doc, () => idsRef.sig.certificate)),
    // Remote sites (điểm cầu) and the paper fallback print pack (issue 11).
    ...siteAuthzRoutes(() => siteRef.sites, () => idsRef.meeting, () => siteRef.delegateId),
    // Comments on drafts (issue 11): delegates comment; the drafting agency (the invited guest here) and the secretariat answer.
    ...commentAuthzRoutes(() => idsRef.com),
    // The Resolution 57 KPI dashboard and its monthly export: the secretariat and the chair (kpi.read).
    { route: 'GET /api/councils/:councilId/kpi', path: (i) => `/api/councils/${i.council}/kpi?from=2026-01&to=2026-12`, allowed: secretariat },
    { route: 'GET /api/councils/:councilId/kpi/:file', path: (i) => `/api/councils/${i.council}/kpi/2026-05.xlsx`, allowed: secretariat },
    // Guidance (issue 10): the first-run tour of each signed-in user, rehearsals started by meeting.manage.
    ...guidanceAuthzRoutes(() => idsRef.meeting),
    // Invitations and RSVP (issue 10): each invitee's own answer, the list for meeting.manage, the personal link for anyone holding it.
    ...rsvpAuthzRoutes(() => rsvpRef, () => idsRef.meeting),
    // Seating plan and QR check-in (issue 11): venues and seats for meeting.manage, scanning for live.run, the guest QR for anyone holding it.
    ...seatingAuthzRoutes(() => seatingRef.fx, () => idsRef),
    // Notifications (issue 10): each user's own centre and channels; the council's delivery queue for notification.queue.
    ...asGuestElsewhere(notificationAuthzRoutes(() => notificationRef.fx, () => idsRef.council)),
    // Last: it ends every session of the caller, including the ones the rows above use.
    { route: 'POST /api/auth/logout-all', path: () => '/api/auth/logout-all', allowed: signedIn, ownSession: true },
  ];
}

const usernames: Record<Exclude<Actor, 'anonymous'>, string> = {
  admin: 'admin', chair: 'chutich', secretary: 'thuky', clerk: 'chuyenvien', delegate: 'daibieu01', guest: 'khachmoi', invitedGuest: 'khachmoi2', outsider: 'ngoaixa',
};

describe('authorization matrix', () => {
  let t: TestApp;
  const ids = idsRef;
  const cookies = new Map<Actor, string | null>();

  beforeAll(async () => {
    // With the Zalo OA configured, so its webhook is a route that answers (petitionAuthzRoutes signs its events).
    t = await createTestApp({ env: zaloTestEnv });
    const [council] = await t.db.select().from(councils);
    ids.council = council!.id;
    const [meeting] = await t.db.select().from(meetings).where(eq(meetings.kind, 'regular'));
    ids.meeting = meeting!.id;
    const [item] = await t.db.select().from(agendaItems).where(eq(agendaItems.meetingId, ids.meeting));
    ids.item = item!.id;
    const [draft] = await t.db.insert(meetings).values({ councilId: ids.council, kind: 'standing', title: 'Phiên họp nháp', startsAt: new Date(), place: 'P' }).returning();
    ids.draft = draft!.id;
    const [adminUser] = await t.db.select().from(users).where(eq(users.username, 'admin'));
    ids.calendarToken = adminUser!.calendarToken;
    // Two guests of this council, one of them invited to the session, and a delegate of another council.
    const hash = await hashPassword('HopSo@2026');
    const [guest, invitedGuest, outsider] = await t.db.insert(users).values([
      { username: 'khachmoi', fullName: 'Khách mời MTTQ', passwordHash: hash, calendarToken: 'guest-calendar-token-000000' },
      { username: 'khachmoi2', fullName: 'Khách mời UBND', passwordHash: hash, calendarToken: 'invited-guest-calendar-token' },
      { username: 'ngoaixa', fullName: 'Đại biểu xã khác', passwordHash: hash, calendarToken: 'outsider-calendar-token-000' },
    ]).returning();
    const [other] = await t.db.insert(councils).values({ name: 'HĐND xã Khác', level: 'commune', locality: 'Khác' }).returning();
    await t.db.insert(members).values([
      { councilId: ids.council, userId: guest!.id, role: 'guest' }, { councilId: ids.council, userId: invitedGuest!.id, role: 'guest' },
      { councilId: other!.id, userId: outsider!.id, role: 'delegate' },
    ]);
    await t.db.insert(invitations).values({ meetingId: ids.meeting, userId: invitedGuest!.id });
    samplePdf = await (async () => { const d = await PDFDocument.create(); d.addPage(); return d.save(); })();
    const clerkCookie = await t.login('chuyenvien');
    for (const [key, confidentiality] of [['doc', 'internal'], ['publicDoc', 'public']] as const) {
      ids[key] = (await (await t.upload(clerkCookie, ids.meeting, samplePdf, { confidentiality })).json()).document.id;
    }
    ids.draftPublicDoc = (await (await t.upload(clerkCookie, ids.draft, samplePdf, { confidentiality: 'public' })).json()).document.id;
    ids.secretDoc = (await (await t.request('POST', `/api/meetings/${ids.meeting}/documents/secret`, { cookie: clerkCookie, body: { title: 'Mật' } })).json()).document.id;
    const [delegateUser] = await t.db.select().from(users).where(eq(users.username, 'daibieu01'));
    ids.annotation = (await t.db.insert(annotations).values({ documentId: ids.doc, userId: delegateUser!.id, page: 1, kind: 'note', rects: [], color: '#ffd54f', text: 'riêng' }).returning())[0]!.id;
    ids.sig = await signatureAuthzFixtures(t, ids.council);
    ids.sup = await supervisionFixtures(t, ids.council);
    ids.pet = await petitionAuthzFixtures(t);
    consultRef.fx = await consultationFixtures(t, ids.council);
    rsvpRef.token = (await rsvpAuthzFixtures(t, ids.meeting)).token;
    siteRef.sites = await siteFixtures(t, ids.meeting, delegateUser!.id);
    siteRef.delegateId = delegateUser!.id;
    ids.com = await commentFixtures(t, ids.meeting, 'khachmoi2');
    seatingRef.fx = await seatingFixtures(t, ids.meeting);
    notificationRef.fx = await notificationFixtures(t, ids.council);
    cookies.set('anonymous', null);
    for (const [actor, username] of Object.entries(usernames)) cookies.set(actor as Actor, await t.login(username));
  });
  afterAll(async () => { await t.close(); });

  const table = routes(() => t);
  it('has an entry for every route the API registers, and no other', () => {
    const registered = new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    const covered = new Set(table.map((r) => r.route.replace(/ \(.*\)$/, '')));
    expect([...covered].sort()).toEqual([...registered].sort());
  });

  // A refused call changes nothing, so the refused callers of a row share one target: the fresh drafts,
  // sealed resolutions and exports a row makes for each allowed caller were most of this file's time.
  const refusedPaths = new Map<Route, Promise<string>>();
  const refusedPath = (route: Route) => {
    if (!refusedPaths.has(route)) refusedPaths.set(route, Promise.resolve(route.path(ids)));
    return refusedPaths.get(route)!;
  };

  for (const route of table) {
    for (const actor of actors) {
      const allowed = route.allowed.includes(actor);
      it(`${route.route} — ${actor} ${allowed ? 'allowed' : 'denied'}`, async () => {
        const path = allowed ? await route.path(ids) : await refusedPath(route);
        const cookie = route.ownSession && actor !== 'anonymous' ? await t.login(usernames[actor]) : cookies.get(actor)!;
        const res = route.pdf
          ? await t.request('POST', path, { cookie, headers: { 'content-type': 'application/pdf', origin: 'http://hopso.test' }, body: samplePdf })
          : route.raw
            ? await t.request(route.route.split(' ')[0]!, path, { cookie, ...route.raw() })
            : await t.request(route.route.split(' ')[0]!, path, { cookie, ...(route.body ? { body: route.body() } : {}) });
        if (allowed && route.redirects) {
          expect(res.status, `${route.route} as ${actor}: ${await res.clone().text()}`).toBe(303);
        } else if (allowed) {
          expect(res.status, `${route.route} as ${actor}: ${await res.clone().text()}`).toBeLessThan(300);
        } else {
          if (route.open) expect(res.status, `${route.route} as ${actor}`).toBe(404);
          else if (actor === 'anonymous') expect(res.status, `${route.route} as ${actor}`).toBe(401);
          else expect([401, 403, 404], `${route.route} as ${actor}: ${res.status}`).toContain(res.status);
          const body = await res.json();
          expect(body.ok).toBe(false);
          expect(body.message).toBeTruthy();
        }
      });
    }
  }
});

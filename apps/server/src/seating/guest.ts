import { Hono } from 'hono';
import { and, asc, eq } from 'drizzle-orm';
import { documents, meetings } from '@hopso/db/schema/index';
import type { GuestView } from '@hopso/shared/checkin';
import { AppError } from '../http/errors.ts';
import { idParam, type AppContext, type AppEnv } from '../http/context.ts';
import { sendPdf } from '../http/download.ts';
import { currentVersion } from '../documents/service.ts';
import { guestPassOf } from './checkin.ts';

// /api/public/guest/:code… — what a guest QR opens without an account: the meeting's `public` documents and
// nothing else (never internal or secret ones). The code is the credential: a forged, expired or revoked
// one, or one of a meeting not (or no longer) published, is a 404 like an unknown id.

const noStore = { 'Cache-Control': 'private, no-store' };

async function guestMeeting(c: AppContext) {
  const pass = await guestPassOf(c.var.deps, c.req.param('code') ?? '').catch((err: unknown) => {
    if (err instanceof AppError) throw new AppError('not_found');
    throw err;
  });
  const [meeting] = await c.var.deps.db.select().from(meetings).where(eq(meetings.id, pass.meetingId));
  if (!meeting || meeting.status === 'draft' || meeting.status === 'cancelled') throw new AppError('not_found');
  return { pass, meeting };
}

const publicOf = (meetingId: string) => and(eq(documents.meetingId, meetingId), eq(documents.confidentiality, 'public'));

export const guestRoutes = new Hono<AppEnv>()
  .get('/guest/:code', async (c) => {
    const { pass, meeting } = await guestMeeting(c);
    const { db } = c.var.deps;
    const rows = await db.select({ id: documents.id, title: documents.title }).from(documents).where(publicOf(meeting.id)).orderBy(asc(documents.createdAt));
    const docs = (await Promise.all(rows.map(async (d) => ({ ...d, version: await currentVersion(db, d.id) })))).filter((d) => d.version);
    const view: GuestView = {
      meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt.toISOString(), place: meeting.place },
      label: pass.label,
      documents: docs.map((d) => ({ id: d.id, title: d.title, pageCount: d.version!.pageCount })),
    };
    return c.json({ ok: true as const, guest: view }, 200, noStore);
  })
  .get('/guest/:code/documents/:documentId/file', async (c) => {
    const { meeting } = await guestMeeting(c);
    const id = idParam(c, 'documentId');
    const { db, blobs } = c.var.deps;
    const [doc] = await db.select({ id: documents.id }).from(documents).where(and(eq(documents.id, id), publicOf(meeting.id)));
    const version = doc ? await currentVersion(db, doc.id) : null;
    if (!version) throw new AppError('not_found');
    return sendPdf(c, await blobs.read(version.sha256), { name: version.filename, disposition: 'inline', etag: version.sha256, headers: noStore });
  });

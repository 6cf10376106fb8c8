import { and, eq } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { documentViews } from '@hopso/db/schema/index';
import { recordView } from '../documents/service.ts';
import { appendAudit } from './log.ts';

/** Half an hour away from a document makes the next view a new opening. */
const reopenAfterMs = 30 * 60_000;

/**
 * Records a view (read receipt) and, for internal documents, audits the opening in the same transaction:
 * the first view and any view after half an hour away, not every page turn the viewer reports.
 */
export async function recordViewAudited(db: Db, doc: { id: string; meetingId: string; confidentiality: string }, userId: string, page: number, version: number, now: Date): Promise<void> {
  if (doc.confidentiality === 'public') return recordView(db, doc.id, userId, page, version, now);
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ at: documentViews.lastOpenedAt }).from(documentViews)
      .where(and(eq(documentViews.documentId, doc.id), eq(documentViews.userId, userId))).for('update');
    await recordView(tx, doc.id, userId, page, version, now);
    if (!before || now.getTime() - before.at.getTime() > reopenAfterMs) {
      await appendAudit(tx, { action: 'document.viewed', actorId: userId, meetingId: doc.meetingId, targetType: 'document', targetId: doc.id, details: { version, page } });
    }
  });
}

import { eq } from 'drizzle-orm';
import { documents } from '@hopso/db/schema/index';
import { can } from '@hopso/shared/roles';
import { AppError } from '../http/errors.ts';
import type { AppContext } from '../http/context.ts';
import { loadMeeting } from '../meetings/access.ts';

export type DocumentRow = typeof documents.$inferSelect;

/** Loads a meeting the caller may read and checks they may manage its documents (403 otherwise). */
export async function manageMeetingDocuments(c: AppContext, meetingId: string) {
  const loaded = await loadMeeting(c, meetingId, 'read');
  if (!can('document.manage', loaded.role, loaded.user.isSystemAdmin)) throw new AppError('forbidden');
  return loaded;
}

/**
 * Loads a document through its meeting: whoever may read the meeting may see the document listed; `manage`
 * needs `document.manage`. An invisible meeting makes the document a 404 too.
 */
export async function loadDocument(c: AppContext, documentId: string, need: 'read' | 'manage') {
  const [doc] = await c.var.deps.db.select().from(documents).where(eq(documents.id, documentId));
  if (!doc) throw new AppError('not_found');
  const loaded = need === 'manage' ? await manageMeetingDocuments(c, doc.meetingId) : await loadMeeting(c, doc.meetingId, 'read');
  return { ...loaded, doc, canManageDocuments: can('document.manage', loaded.role, loaded.user.isSystemAdmin) };
}

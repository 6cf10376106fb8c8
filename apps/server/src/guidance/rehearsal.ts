import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { agendaItems, documents, documentVersions, invitations, meetings } from '@hopso/db/schema/index';
import { rehearsalTitle } from '@hopso/shared/guidance';
import type { MeetingRow } from '../meetings/access.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * A practice copy of a real meeting (diễn tập): its agenda tree, its invitees and its documents (their current
 * version, the same stored file), published so invitees find it on their tablets. Only the copy carries the
 * rehearsal flag, so nothing practised there can reach the real meeting's record.
 */
export async function copyForRehearsal(tx: Tx, source: MeetingRow, input: { createdBy: string; startsAt: Date; now: Date }): Promise<MeetingRow> {
  const [copy] = await tx.insert(meetings).values({
    councilId: source.councilId, kind: source.kind, status: 'published', title: rehearsalTitle(source.title),
    startsAt: input.startsAt, endsAt: null, place: source.place, closedSitting: source.closedSitting,
    committeeId: source.committeeId, delegateGroupId: source.delegateGroupId, createdBy: input.createdBy,
    createdAt: input.now, updatedAt: input.now, rehearsal: true, rehearsalOf: source.id,
  }).returning();

  // Parents before children: ordered by depth through repeated passes over the flat list.
  const items = await tx.select().from(agendaItems).where(eq(agendaItems.meetingId, source.id)).orderBy(asc(agendaItems.position));
  const ids = new Map<string, string>();
  let pending = items;
  while (pending.length) {
    const ready = pending.filter((i) => i.parentId === null || ids.has(i.parentId));
    if (!ready.length) break;
    const rows = await tx.insert(agendaItems).values(ready.map((i) => ({
      meetingId: copy!.id, parentId: i.parentId ? ids.get(i.parentId)! : null, position: i.position, title: i.title,
      description: i.description, presenter: i.presenter, durationMinutes: i.durationMinutes,
    }))).returning({ id: agendaItems.id });
    ready.forEach((i, n) => ids.set(i.id, rows[n]!.id));
    pending = pending.filter((i) => !ids.has(i.id));
  }

  const invitees = await tx.select({ userId: invitations.userId }).from(invitations).where(eq(invitations.meetingId, source.id));
  if (invitees.length) await tx.insert(invitations).values(invitees.map((i) => ({ meetingId: copy!.id, userId: i.userId })));

  const docs = await tx.select().from(documents).where(eq(documents.meetingId, source.id)).orderBy(asc(documents.createdAt));
  const versions = docs.length
    ? await tx.select().from(documentVersions).where(inArray(documentVersions.documentId, docs.map((d) => d.id))).orderBy(asc(documentVersions.version))
    : [];
  const current = new Map(versions.map((v) => [v.documentId, v]));
  for (const d of docs) {
    const [row] = await tx.insert(documents).values({
      meetingId: copy!.id, agendaItemId: d.agendaItemId ? ids.get(d.agendaItemId) ?? null : null, title: d.title,
      confidentiality: d.confidentiality, createdBy: input.createdBy, createdAt: input.now,
    }).returning({ id: documents.id });
    const v = current.get(d.id);
    if (v) await tx.insert(documentVersions).values({ documentId: row!.id, version: 1, sha256: v.sha256, filename: v.filename, uploadedBy: v.uploadedBy, uploadedAt: v.uploadedAt });
  }
  return copy!;
}

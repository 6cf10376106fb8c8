import { eq } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { agendaItems, councils, meetings, polls } from '@hopso/db/schema/index';
import { moreThanHalf, motionResult } from '@hopso/shared/rules';
import type { TestApp } from '../testing.ts';

/** A one-page draft resolution whose text the archive search can find. */
export async function draftPdf(text = 'Nghi quyet ve ke hoach dau tu cong trung han'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  doc.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 14, font });
  return doc.save();
}

/**
 * A closed poll on a fresh agenda item of the demo regular session, with a draft PDF uploaded to that item
 * by the clerk — what the live session leaves behind. `yes` of 25 decides adoption (13 adopts).
 */
export async function closedPoll(t: TestApp, options: { yes?: number; status?: 'closed' | 'open' | 'cancelled'; title?: string; withDraft?: boolean } = {}) {
  const [council] = await t.db.select().from(councils).where(eq(councils.name, 'HĐND xã Tân Phú'));
  const [meeting] = await t.db.select().from(meetings).where(eq(meetings.kind, 'regular'));
  const title = options.title ?? `Dự thảo nghị quyết ${crypto.randomUUID().slice(0, 8)}`;
  const [item] = await t.db.insert(agendaItems).values({ meetingId: meeting!.id, title, position: 50 }).returning();
  if (options.withDraft !== false) {
    const res = await t.upload(await t.login('chuyenvien'), meeting!.id, await draftPdf(), { title, agendaItemId: item!.id, confidentiality: 'public' });
    if (res.status !== 201) throw new Error(`draft upload failed: ${res.status}`);
  }
  const status = options.status ?? 'closed';
  const yes = options.yes ?? 20;
  const result = status === 'closed' ? motionResult({ yes, no: 25 - yes, abstain: 0 }, 25, moreThanHalf) : null;
  const [poll] = await t.db.insert(polls).values({
    meetingId: meeting!.id, agendaItemId: item!.id, title, kind: 'motion', method: 'named', status, totalDelegates: 25,
    openedAt: new Date(), closedAt: status === 'closed' ? new Date() : null, result: result as unknown as Record<string, unknown> | null,
  }).returning();
  return { councilId: council!.id, meetingId: meeting!.id, itemId: item!.id, pollId: poll!.id };
}

import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { councils, meetings, resolutions } from '@hopso/db/schema/index';
import { councilSlug } from '@hopso/shared/portal';
import type { TestApp } from '../testing.ts';
import { resolutionIn } from '../resolutions/testing.ts';

/**
 * What the portal tests need on the demo council: a public meeting with a public, an internal and a secret
 * document; a draft meeting and a closed sitting, each with a `public` document that must stay hidden; a
 * signed-and-published resolution, one published without signatures, and one sealed but not yet published.
 * Titles carry `word` so a search can be made to match every item, hidden ones included.
 */
export async function portalFixtures(t: TestApp, word = 'Tamgiac') {
  const [council] = await t.db.select().from(councils).where(eq(councils.name, 'HĐND xã Tân Phú'));
  const [meeting] = await t.db.select().from(meetings).where(eq(meetings.kind, 'regular'));
  const pdf = await (async () => { const d = await PDFDocument.create(); d.addPage(); return d.save(); })();
  const clerk = await t.login('chuyenvien');
  const upload = async (meetingId: string, title: string, confidentiality: 'public' | 'internal') => {
    const res = await t.upload(clerk, meetingId, pdf, { title, confidentiality });
    if (res.status !== 201) throw new Error(`upload ${title}: ${res.status} ${await res.text()}`);
    return (await res.json()).document.id as string;
  };
  const soon = new Date(Date.now() + 5 * 86400_000);
  const [draft] = await t.db.insert(meetings).values({ councilId: council!.id, kind: 'standing', status: 'draft', title: `Phiên nháp ${word}`, startsAt: soon, place: 'Phòng nháp' }).returning();
  const [closedSitting] = await t.db.insert(meetings).values({ councilId: council!.id, kind: 'regular', status: 'published', closedSitting: true, title: `Phiên họp kín ${word}`, startsAt: soon, place: 'Phòng kín' }).returning();
  const secretRes = await t.request('POST', `/api/meetings/${meeting!.id}/documents/secret`, { cookie: clerk, body: { title: `Tài liệu mật ${word}` } });
  const ids = {
    councilId: council!.id, slug: councilSlug(council!.name), meetingId: meeting!.id, draftId: draft!.id, closedSittingId: closedSitting!.id,
    publicDoc: await upload(meeting!.id, `Tờ trình công khai ${word}`, 'public'),
    internalDoc: await upload(meeting!.id, `Báo cáo nội bộ ${word}`, 'internal'),
    secretDoc: (await secretRes.json()).document.id as string,
    draftDoc: await upload(draft!.id, `Tài liệu phiên nháp ${word}`, 'public'),
    closedDoc: await upload(closedSitting!.id, `Tài liệu phiên kín ${word}`, 'public'),
    signed: await resolutionIn(t, 'published'),
    unsigned: await resolutionIn(t, 'published'),
    sealedOnly: await resolutionIn(t, 'sealed'),
    ready: await resolutionIn(t, 'ready'),
  };
  const titled = async (id: string, title: string, extra: Partial<typeof resolutions.$inferInsert> = {}) => {
    await t.db.update(resolutions).set({ title, ...extra }).where(eq(resolutions.id, id));
  };
  await titled(ids.signed, `Nghị quyết đã ký ${word}`, { signedAt: new Date(), signedSha256: 'a'.repeat(64), sealedSha256: 'b'.repeat(64) });
  await titled(ids.unsigned, `Nghị quyết chưa ký số ${word}`);
  await titled(ids.sealedOnly, `Nghị quyết chưa công bố ${word}`, { signedAt: new Date(), signedSha256: 'c'.repeat(64), sealedSha256: 'd'.repeat(64) });
  await titled(ids.ready, `Nghị quyết chờ ký ${word}`);
  return ids;
}
export type PortalFixtures = Awaited<ReturnType<typeof portalFixtures>>;

/** Titles that must never appear anywhere on the portal or in open data. */
export const hiddenTitles = (word: string) => [
  `Phiên nháp ${word}`, `Phiên họp kín ${word}`, `Báo cáo nội bộ ${word}`, `Tài liệu mật ${word}`, `Tài liệu phiên nháp ${word}`, `Tài liệu phiên kín ${word}`,
  `Nghị quyết chưa công bố ${word}`, `Nghị quyết chờ ký ${word}`,
];

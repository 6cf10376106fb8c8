import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agendaItems, councils, documents, documentVersions, meetings, recordings, resolutions } from '@hopso/db/schema/index';
import { councilSlug } from '@hopso/shared/portal';
import { createTestApp, type TestApp } from '../testing.ts';
import { portalFixtures, type PortalFixtures } from './testing.ts';

// Every text the portal renders from the database, filled with markup that would run or break out of an
// attribute if it were not escaped; the pages, the feed and the CSV must carry it inert.

const payload = (field: string) => `"><script>alert('${field}')</script><img src=x onerror=alert(1) '`;
let t: TestApp;
let f: PortalFixtures;
let slug: string;

beforeAll(async () => {
  t = await createTestApp();
  f = await portalFixtures(t);
  const name = `HĐND Thử ${payload('council')}`;
  await t.db.update(councils).set({ name, locality: payload('locality') }).where(eq(councils.id, f.councilId));
  slug = councilSlug(name);
  await t.db.update(meetings).set({ title: payload('meeting'), place: payload('place'), livestreamUrl: `javascript:alert('live')` }).where(eq(meetings.id, f.meetingId));
  await t.db.update(agendaItems).set({ title: payload('agenda') }).where(eq(agendaItems.meetingId, f.meetingId));
  await t.db.update(documents).set({ title: payload('document') }).where(eq(documents.id, f.publicDoc));
  await t.db.update(documentVersions).set({ filename: payload('filename') }).where(eq(documentVersions.documentId, f.publicDoc));
  await t.db.update(resolutions).set({ title: payload('resolution'), code: payload('code') }).where(eq(resolutions.id, f.signed));
  await t.db.insert(recordings).values({ meetingId: f.meetingId, title: payload('recording'), url: `javascript:alert('rec')`, position: 0 });
});
afterAll(async () => { await t.close(); });

const pages = () => [
  '/cong-khai', `/cong-khai/${slug}`, `/cong-khai/${slug}/lich`, `/cong-khai/${slug}/ky-hop/${f.meetingId}`, `/cong-khai/${slug}/nghi-quyet`,
  `/cong-khai/${slug}/nghi-quyet/${f.signed}`, `/cong-khai/${slug}/tim-kiem?q=${encodeURIComponent('<script>')}`,
  `/cong-khai/${slug}/tim-kiem?q=${encodeURIComponent(payload('query'))}`, `/cong-khai/${slug}/nghi-quyet?q=${encodeURIComponent(payload('q'))}`,
  `/cong-khai/${slug}/feed.xml`,
];

describe('portal output is inert', () => {
  it('no field becomes markup, on any page or the feed', async () => {
    for (const path of pages()) {
      const res = await t.request('GET', path);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expect(text, path).not.toMatch(/<script/i);
      expect(text, path).not.toMatch(/<img/i);
      expect(text, path).not.toMatch(/href="javascript:/i);
      // Our attributes are always double-quoted, so an injected one would stand outside any quotes.
      expect(text, path).not.toMatch(/<[a-z]+(?:\s+[\w-]+(?:="[^"]*")?)*\s+onerror\b/i);
    }
  });

  it('the escaped text is still shown to the reader', async () => {
    const text = await (await t.request('GET', `/cong-khai/${slug}/ky-hop/${f.meetingId}`)).text();
    for (const field of ['meeting', 'place', 'agenda', 'document', 'recording']) expect(text).toContain(`&lt;script&gt;alert(&#39;${field}&#39;)&lt;/script&gt;`);
    const resolution = await (await t.request('GET', `/cong-khai/${slug}/nghi-quyet/${f.signed}`)).text();
    for (const field of ['resolution', 'code', 'council']) expect(resolution).toContain(`alert(&#39;${field}&#39;)`);
  });

  it('the search query echoed into the form stays inside its attribute', async () => {
    const text = await (await t.request('GET', `/cong-khai/${slug}/tim-kiem?q=${encodeURIComponent(payload('query'))}`)).text();
    expect(text).toContain('value="&quot;&gt;&lt;script&gt;');
  });

  it('CSV cells cannot start a spreadsheet formula', async () => {
    await t.db.update(documents).set({ title: '=HYPERLINK("http://evil")' }).where(eq(documents.id, f.publicDoc));
    const csv = await (await t.request('GET', `/api/public/councils/${f.councilId}/documents.csv`)).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});

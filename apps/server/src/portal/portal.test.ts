import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';
import { hiddenTitles, portalFixtures, type PortalFixtures } from './testing.ts';

// The portal pages and the open data API: what they show, and that nothing unpublished ever appears.

const word = 'Tamgiac';
let t: TestApp;
let f: PortalFixtures;
beforeAll(async () => {
  t = await createTestApp();
  f = await portalFixtures(t, word);
});
afterAll(async () => { await t.close(); });

const get = async (path: string, cookie?: string) => {
  const res = await t.request('GET', path, cookie ? { cookie } : {});
  return { res, text: await res.text() };
};
const expectNothingHidden = (text: string) => {
  for (const title of hiddenTitles(word)) expect(text, title).not.toContain(title);
};

/** Every portal page and open data read, with the fixtures' ids. */
const everyPublicPath = () => [
  '/cong-khai', `/cong-khai/${f.slug}`, `/cong-khai/${f.slug}/lich`, `/cong-khai/${f.slug}/lich.ics`, `/cong-khai/${f.slug}/ky-hop/${f.meetingId}`,
  `/cong-khai/${f.slug}/nghi-quyet`, `/cong-khai/${f.slug}/nghi-quyet?q=${word}`, `/cong-khai/${f.slug}/tim-kiem?q=${word}`, `/cong-khai/${f.slug}/feed.xml`,
  `/api/public/councils/${f.councilId}/meetings`, `/api/public/councils/${f.councilId}/meetings.csv`, `/api/public/councils/${f.councilId}/documents`,
  `/api/public/councils/${f.councilId}/documents.csv`, `/api/public/councils/${f.councilId}/resolutions.csv`, `/api/public/meetings/${f.meetingId}`,
];

describe('portal pages', () => {
  it('home: councils, Vietnamese, strict CSP, no script', async () => {
    const { res, text } = await get('/cong-khai');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*style-src 'self'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/script-src/);
    expect(text).toContain('<html lang="vi">');
    expect(text).toContain(`href="/cong-khai/${f.slug}"`);
    expect(text).not.toMatch(/<script/i);
    expect(text).toMatch(/<main id="noi-dung"/);
  });

  it('serves its own stylesheet', async () => {
    const { res, text } = await get('/cong-khai/tai-nguyen/portal.css');
    expect(res.headers.get('content-type')).toMatch(/text\/css/);
    expect(text).toContain('.masthead');
    expect((await t.request('GET', '/cong-khai/tai-nguyen/portal.css', { headers: { 'if-none-match': res.headers.get('etag')! } })).status).toBe(304);
  });

  it('council page: upcoming public meeting and published resolutions only', async () => {
    const { res, text } = await get(`/cong-khai/${f.slug}`);
    expect(res.status).toBe(200);
    expect(text).toContain('Kỳ họp thường lệ cuối năm');
    expect(text).toContain(`Nghị quyết đã ký ${word}`);
    expect(text).toContain(`Nghị quyết chưa ký số ${word}`);
    expect(text).toContain(`/cong-khai/${f.slug}/feed.xml`);
    expectNothingHidden(text);
  });

  it('meeting page: the public document, never the internal or secret one', async () => {
    const { res, text } = await get(`/cong-khai/${f.slug}/ky-hop/${f.meetingId}`);
    expect(res.status).toBe(200);
    expect(text).toContain(`Tờ trình công khai ${word}`);
    expect(text).toContain(`/api/public/documents/${f.publicDoc}/file`);
    expect(text).toContain('Khai mạc kỳ họp');
    expectNothingHidden(text);
  });

  it('resolution page: number, SHA-256, download and the verified badge linking to /verify', async () => {
    const { res, text } = await get(`/cong-khai/${f.slug}/nghi-quyet/${f.signed}`);
    expect(res.status).toBe(200);
    expect(text).toContain('Chữ ký số đã xác thực');
    expect(text).toMatch(/<a class="badge" href="\/verify"/);
    expect(text).toContain('b'.repeat(64));
    expect(text).toContain(`/api/public/resolutions/${f.signed}/file`);
  });

  it('a published resolution without signatures gets no badge', async () => {
    const { text } = await get(`/cong-khai/${f.slug}/nghi-quyet/${f.unsigned}`);
    expect(text).toContain('Chưa có chữ ký số');
    expect(text).not.toContain('Chữ ký số đã xác thực');
  });

  it('search finds published items and nothing else', async () => {
    const { text } = await get(`/cong-khai/${f.slug}/tim-kiem?q=${word}`);
    expect(text).toContain(`Nghị quyết đã ký ${word}`);
    expect(text).toContain(`Tờ trình công khai ${word}`);
    expectNothingHidden(text);
    expect((await get(`/cong-khai/${f.slug}/tim-kiem?q=${'x'.repeat(500)}`)).res.status).toBe(200);
  });

  it('Atom feed and ICS calendar list published items only', async () => {
    const feed = await get(`/cong-khai/${f.slug}/feed.xml`);
    expect(feed.res.headers.get('content-type')).toMatch(/application\/atom\+xml/);
    expect(feed.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(feed.text).toContain(`Nghị quyết đã ký ${word}`);
    expectNothingHidden(feed.text);
    const ics = await get(`/cong-khai/${f.slug}/lich.ics`);
    expect(ics.res.headers.get('content-type')).toMatch(/text\/calendar/);
    expect(ics.text).toContain('BEGIN:VCALENDAR');
    expect(ics.text).toContain(`/cong-khai/${f.slug}/ky-hop/${f.meetingId}`);
    expect(ics.text).not.toContain(f.draftId);
    expect(ics.text).not.toContain(f.closedSittingId);
  });

  it('English by ?lang=en, remembered by a cookie', async () => {
    const { res, text } = await get(`/cong-khai/${f.slug}?lang=en`);
    expect(text).toContain('<html lang="en">');
    expect(text).toContain('Upcoming meetings');
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await get(`/cong-khai/${f.slug}/nghi-quyet`, cookie)).text).toContain('<html lang="en">');
  });
});

describe('nothing unpublished is visible', () => {
  it('no page or open data read mentions a hidden item, for anyone', async () => {
    const admin = await t.login('admin');
    for (const path of everyPublicPath()) {
      for (const cookie of [undefined, admin]) {
        const { res, text } = await get(path, cookie);
        expect(res.status, path).toBe(200);
        expectNothingHidden(text);
      }
    }
  });

  it.each([
    ['draft meeting', () => `/cong-khai/${f.slug}/ky-hop/${f.draftId}`],
    ['closed sitting', () => `/cong-khai/${f.slug}/ky-hop/${f.closedSittingId}`],
    ['sealed, unpublished resolution', () => `/cong-khai/${f.slug}/nghi-quyet/${f.sealedOnly}`],
    ['resolution waiting for signature', () => `/cong-khai/${f.slug}/nghi-quyet/${f.ready}`],
    ['meeting id that is not a uuid', () => `/cong-khai/${f.slug}/ky-hop/abc`],
    ['unknown council', () => '/cong-khai/hdnd-khong-co'],
    ['unknown page', () => `/cong-khai/${f.slug}/khong-co`],
  ])('%s is a 404 page', async (_, path) => {
    const { res, text } = await get(path());
    expect(res.status).toBe(404);
    expect(text).toContain('Không tìm thấy trang');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });

  it.each([
    ['draft meeting', () => `/api/public/meetings/${f.draftId}`],
    ['closed sitting', () => `/api/public/meetings/${f.closedSittingId}`],
    ['internal document', () => `/api/public/documents/${f.internalDoc}/file`],
    ['secret document', () => `/api/public/documents/${f.secretDoc}/file`],
    ['public document of a draft meeting', () => `/api/public/documents/${f.draftDoc}/file`],
    ['public document of a closed sitting', () => `/api/public/documents/${f.closedDoc}/file`],
    ['sealed, unpublished resolution', () => `/api/public/resolutions/${f.sealedOnly}`],
    ['resolution waiting for signature', () => `/api/public/resolutions/${f.ready}`],
  ])('open data: %s is 404', async (_, path) => {
    const res = await t.request('GET', path(), { cookie: await t.login('admin') });
    expect(res.status).toBe(404);
    expect((await res.json()).ok).toBe(false);
  });
});

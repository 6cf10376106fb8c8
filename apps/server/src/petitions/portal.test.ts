import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { petitionAttachments, petitions, petitionSettings } from '@hopso/db/schema/index';
import { defaultPetitionSettings } from '@hopso/shared/petitions';
import { createTestApp, type TestApp } from '../testing.ts';
import { intakeLimit } from './throttle.ts';
import { hiddenPetitionTexts, petitionFixtures, submitForm, type PetitionFixtures } from './testing.ts';

// The citizen's side of petitions on the portal: the form (no script, no captcha: honeypot and a limit per
// address), the lookup by tracking code, the answered petitions; and that nothing unpublished shows, for
// anyone, on any page or in open data. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.

const word = 'Luoitre';
let t: TestApp;
let f: PetitionFixtures;
beforeAll(async () => {
  t = await createTestApp();
  f = await petitionFixtures(t, word);
});
afterAll(async () => { await t.close(); });

const get = async (path: string, cookie?: string) => {
  const res = await t.request('GET', path, cookie ? { cookie } : {});
  return { res, text: await res.text() };
};
const base = () => `/cong-khai/${f.slug}/kien-nghi`;
const stored = async () => (await t.db.select({ n: count() }).from(petitions))[0]!.n;
const good = { locality: 'Ấp Tân Hòa', content: 'Đề nghị lắp đèn chiếu sáng đoạn đường trước trường tiểu học.' };
/** Each test that posts the form sends from its own address, so the limit per address is tested on its own. */
let address = 0;
const from = () => `10.1.0.${++address}`;
const submit = (fields: Record<string, string>, files: Parameters<typeof submitForm>[3] = [], lang?: 'en') => submitForm(t, f.slug, fields, files, lang, from());

describe('petition form', () => {
  it('is a plain form with labelled fields, a hidden honeypot, no script and a strict CSP', async () => {
    const { res, text } = await get(`${base()}/gui`);
    expect(res.status).toBe(200);
    expect(text).toContain('enctype="multipart/form-data"');
    for (const name of ['submitterName', 'submitterContact', 'locality', 'content', 'attachments']) expect(text).toContain(`<label for="${name}">`);
    expect(text).toMatch(/<div class="hp" aria-hidden="true">.*name="trang_web"[^>]*tabindex="-1"/s);
    expect(text).not.toMatch(/<script/i);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });

  it('receives a petition and sends the citizen to its tracking code', async () => {
    const res = await submit({ ...good, submitterName: 'Trần Văn Bình' }, [{ name: 'anh.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]) }]);
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    const code = new URL(location, 'http://x').searchParams.get('ma')!;
    expect(code).toMatch(/^KN-/);
    const [row] = await t.db.select().from(petitions).where(eq(petitions.code, code));
    expect(row).toMatchObject({ channel: 'web', status: 'received', locality: good.locality, submitterName: 'Trần Văn Bình' });
    expect(await t.db.select().from(petitionAttachments).where(eq(petitionAttachments.petitionId, row!.id))).toHaveLength(1);
    const { res: page, text } = await get(location);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    expect(text).toContain(code);
    expect(text).toContain('Đã tiếp nhận');
    // The lookup shows the status, not what was written or by whom: the code may be read over a shoulder.
    expect(text).not.toContain(good.content);
    expect(text).not.toContain('Trần Văn Bình');
  });

  it('shows the form again with what was typed and the reason, in Vietnamese or English, storing nothing', async () => {
    const before = await stored();
    const res = await submit({ locality: 'Ấp Tân Hòa', content: 'ngắn' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('value="Ấp Tân Hòa"');
    expect(text).toContain('>ngắn</textarea>');
    expect(text).toMatch(/class="field-error" id="content-error"/);
    expect(text).toContain('aria-invalid="true"');
    const english = await submit({ locality: '', content: good.content }, [], 'en');
    expect(english.status).toBe(400);
    expect(await english.text()).toContain('lang="en"');
    expect(await stored()).toBe(before);
  });

  it('refuses a file that is not a PDF or an image, whatever its name, and keeps nothing', async () => {
    const before = await stored();
    const res = await submit(good, [{ name: 'don.pdf', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0]) }]);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('role="alert"');
    expect(await stored()).toBe(before);
  });

  it('refuses a body over the form limit with 413 and the form', async () => {
    const res = await submit(good, [{ name: 'lon.pdf', bytes: new Uint8Array(24 * 1024 * 1024).fill(0x25) }]);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('<form');
  });

  it('answers a filled honeypot as if received, and keeps nothing', async () => {
    const before = await stored();
    const res = await submit({ ...good, trang_web: 'http://spam.example' });
    expect(res.status).toBe(303);
    expect(await stored()).toBe(before);
  });

  it(`takes ${intakeLimit.perSource} petitions from one address in ${intakeLimit.windowMinutes} minutes, then asks to wait`, async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < intakeLimit.perSource; i++) expect((await submitForm(t, f.slug, good, [], undefined, ip)).status).toBe(303);
    const before = await stored();
    const res = await submitForm(t, f.slug, good, [], undefined, ip);
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('role="alert"');
    expect(await stored()).toBe(before);
    expect((await submit(good)).status).toBe(303);
  });

  it('refuses a cross-site post', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(good)) form.append(k, v);
    const res = await t.request('POST', `${base()}/gui`, { body: form, headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(403);
  });

  it('says intake is closed when the council closed it', async () => {
    await t.db.insert(petitionSettings).values({ councilId: f.councilId, ...defaultPetitionSettings, intakeOpen: false }).onConflictDoUpdate({ target: petitionSettings.councilId, set: { intakeOpen: false } });
    try {
      expect(await (await get(`${base()}/gui`)).text).not.toContain('<form class="form"');
      const before = await stored();
      expect((await submit(good)).status).toBe(403);
      expect(await stored()).toBe(before);
    } finally {
      await t.db.update(petitionSettings).set({ intakeOpen: true }).where(eq(petitionSettings.councilId, f.councilId));
    }
  });
});

describe('lookup and answered petitions', () => {
  it('shows a published answer by code, with the voters who raised the same issue', async () => {
    const { text } = await get(`${base()}/tra-cuu?ma=${f.published.code.toLowerCase().replace(/-/g, ' ')}`);
    expect(text).toContain(f.published.code);
    expect(text).toContain(`Trả lời công khai ${word}.`);
    expect(text).toContain(`Tóm tắt công khai ${word}`);
    const { text: page } = await get(`${base()}/${f.published.id}`);
    expect(page).toMatch(/<dt>Số lượt cử tri kiến nghị<\/dt><dd>2<\/dd>/);
  });

  it('sends the holder of a merged petition\u2019s code to the answer it was merged into', async () => {
    const { text } = await get(`${base()}/tra-cuu?ma=${f.merged.code}`);
    expect(text).toContain(`Trả lời công khai ${word}.`);
    expect(text).not.toContain(`Đã gộp ${word}`);
  });

  it('tells an unknown code apart, and knows no code of another council', async () => {
    expect((await get(`${base()}/tra-cuu?ma=KN-00000-00000`)).text).toContain('role="alert"');
    expect((await get(`${base()}/tra-cuu?ma=${encodeURIComponent('<b>x</b>')}`)).text).not.toContain('<b>x</b>');
  });

  it('lists and finds published answers only, and no page or open data shows anything else, for anyone', async () => {
    const admin = await t.login('admin');
    const paths = [
      base(), `${base()}?q=${word}`, `/cong-khai/${f.slug}`, `${base()}/${f.published.id}`, `${base()}/tra-cuu?ma=${f.answered.code}`,
      `/cong-khai/${f.slug}/tim-kiem?q=${word}`, `/cong-khai/${f.slug}/feed.xml`,
      `/api/public/councils/${f.councilId}/petitions`, `/api/public/councils/${f.councilId}/petitions?q=${word}`, `/api/public/councils/${f.councilId}/petitions.csv`,
    ];
    for (const path of paths) {
      for (const cookie of [undefined, admin]) {
        const { res, text } = await get(path, cookie);
        expect(res.status, path).toBe(200);
        for (const hidden of hiddenPetitionTexts(word)) expect(text, `${path}: ${hidden}`).not.toContain(hidden);
      }
    }
    expect((await get(`${base()}?q=${word}`)).text).toContain(`Tóm tắt công khai ${word}`);
    expect((await get(`/cong-khai/${f.slug}/tim-kiem?q=${word}`)).text).toContain(`${base()}/${f.published.id}`);
    expect((await get(`/cong-khai/${f.slug}/feed.xml`)).text).toContain(`${base()}/${f.published.id}"/>`);
    const open = (await (await t.request('GET', `/api/public/councils/${f.councilId}/petitions`)).json()) as { petitions: { id: string }[] };
    expect(open.petitions.map((p) => p.id)).toContain(f.published.id);
  });

  it.each([
    ['received', () => f.received.id], ['assigned', () => f.assigned.id], ['answered, not published', () => f.answered.id],
    ['closed', () => f.closed.id], ['merged', () => f.merged.id], ['not a uuid', () => 'abc'],
  ])('a %s petition has no public page', async (_, id) => {
    const { res, text } = await get(`${base()}/${id()}`);
    expect(res.status).toBe(404);
    expect(text).toContain('Không tìm thấy trang');
  });
});

describe('what citizens and clerks typed stays inert', () => {
  const payload = (field: string) => `"><script>alert('${field}')</script><img src=x onerror=alert(1) '`;
  const expectInert = (text: string, where: string) => {
    expect(text, where).not.toMatch(/<script/i);
    expect(text, where).not.toMatch(/<img/i);
    // Our attributes are always double-quoted, so an injected one would stand outside any quotes.
    expect(text, where).not.toMatch(/<[a-z]+(?:\s+[\w-]+(?:="[^"]*")?)*\s+onerror\b/i);
  };

  it('on every petition page, the home section, open data and the form shown back', async () => {
    const { published } = await petitionFixtures(t, 'Doctinh');
    await t.db.update(petitions).set({ summary: payload('summary'), answer: payload('answer'), locality: payload('locality'), field: payload('field'), agency: payload('agency') })
      .where(eq(petitions.id, published.id));
    const paths = [base(), `${base()}?q=${encodeURIComponent(payload('q'))}`, `${base()}/${published.id}`, `${base()}/tra-cuu?ma=${published.code}`,
      `${base()}/tra-cuu?ma=${encodeURIComponent(payload('code'))}`, `/cong-khai/${f.slug}`];
    for (const path of paths) {
      const { res, text } = await get(path);
      expect(res.status, path).toBe(200);
      expectInert(text, path);
    }
    const detail = (await get(`${base()}/${published.id}`)).text;
    for (const field of ['summary', 'answer', 'locality', 'field', 'agency']) expect(detail).toContain(`alert(&#39;${field}&#39;)`);
    const shownBack = await submit({ submitterName: payload('name'), submitterContact: payload('contact'), locality: payload('place'), content: 'ngắn' });
    expect(shownBack.status).toBe(400);
    const form = await shownBack.text();
    expectInert(form, 'form shown back');
    expect(form).toContain('value="&quot;&gt;&lt;script&gt;');
  });

  it('CSV cells cannot start a spreadsheet formula', async () => {
    const { published } = await petitionFixtures(t, 'Congthuc');
    await t.db.update(petitions).set({ answer: '=HYPERLINK("http://evil")' }).where(eq(petitions.id, published.id));
    const csv = await (await t.request('GET', `/api/public/councils/${f.councilId}/petitions.csv`)).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { petitionAttachments, petitions } from '@hopso/db/schema/index';
import { createTestApp, type TestApp } from '../../testing.ts';
import { demoCouncil } from '../testing.ts';
import { parseEmail } from './email.ts';
import { splitLocality, unclassifiedLocality } from './locality.ts';
import { eml, samplePdf } from './testing.ts';

// The e-mail channel: RFC 822 parsing into a petition, and the clerk's .eml upload route. Runs on PGlite,
// and on PostgreSQL with TEST_DATABASE_URL.

const bytes = (s: string) => new TextEncoder().encode(s);
const now = new Date();
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('locality rule', () => {
  it.each([
    ['[Ấp Bình An] Đường xuống cấp', 'Ấp Bình An', 'Đường xuống cấp'],
    ['Re: TL: [Tổ dân phố 3] Đèn đường hỏng', 'Tổ dân phố 3', 'Đèn đường hỏng'],
    ['Đường xuống cấp [Ấp Bình An]', unclassifiedLocality, 'Đường xuống cấp [Ấp Bình An]'],
    ['[ ] Trống', unclassifiedLocality, '[ ] Trống'],
    ['', unclassifiedLocality, ''],
  ])('reads %j as locality %j', (subject, locality, rest) => {
    expect(splitLocality(subject)).toEqual({ locality, rest });
  });
});

describe('parseEmail', () => {
  it('takes the text part, the sender, the date, the Message-ID and the locality from the subject', async () => {
    const date = new Date(Date.now() - 2 * 86400_000);
    const { petition, skippedAttachments } = await parseEmail(bytes(eml({ date: date.toUTCString(), messageId: '<kn-1@example.vn>' })), now);
    expect(petition).toMatchObject({
      submitterName: 'Nguyễn Thị Lan', submitterContact: 'lan.nguyen@example.vn', locality: 'Ấp Bình An', externalRef: '<kn-1@example.vn>',
      content: 'Đường liên thôn xuống cấp\n\nĐường liên thôn qua ấp Bình An bị sạt lở sau mưa lũ, đề nghị sửa chữa sớm.',
    });
    expect(petition.receivedAt?.getTime()).toBe(Math.floor(date.getTime() / 1000) * 1000);
    expect(skippedAttachments).toEqual([]);
  });

  it('turns an HTML-only message into plain text, without markup, scripts or images', async () => {
    const html = '<html><head><style>p{color:red}</style></head><body><p>Đề nghị <b>sửa cầu</b> Kênh Tắt.</p><script>alert(1)</script><img src="http://x.example/logo.png"></body></html>';
    const { petition } = await parseEmail(bytes(eml({ subject: 'Cầu hỏng', html })), now);
    expect(petition.content).toBe('Cầu hỏng\n\nĐề nghị sửa cầu Kênh Tắt.');
    expect(petition.locality).toBe(unclassifiedLocality);
  });

  it.each([
    ['missing', null],
    ['unreadable', 'hôm qua'],
    ['in the future', new Date(Date.now() + 86400_000).toUTCString()],
    ['older than a council term', 'Mon, 1 Jan 2001 08:00:00 +0700'],
  ])('receives it now when the Date is %s', async (_, date) => {
    const { petition } = await parseEmail(bytes(eml({ date })), now);
    expect(petition.receivedAt).toBeUndefined();
  });

  it('keeps PDF/JPEG/PNG parts by content and lists the others as skipped', async () => {
    const { petition, skippedAttachments } = await parseEmail(bytes(eml({ attachments: [
      { filename: 'don.pdf', type: 'application/pdf', bytes: samplePdf },
      { filename: 'anh.png', type: 'image/png', bytes: png },
      { filename: 'bao-cao.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: 'PK\u0003\u0004 not a pdf' },
      { filename: 'gia.pdf', type: 'application/pdf', bytes: 'MZ this is an executable' },
    ] })), now);
    expect(petition.attachments?.map((a) => a.filename)).toEqual(['don.pdf', 'anh.png']);
    expect(skippedAttachments).toEqual([
      { filename: 'bao-cao.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: 14, reason: 'type' },
      { filename: 'gia.pdf', mimeType: 'application/pdf', bytes: 24, reason: 'type' },
    ]);
  });

  it('skips files beyond the count and size limits instead of refusing the message', async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x20);
    big.set(bytes('%PDF-'));
    const { petition, skippedAttachments } = await parseEmail(bytes(eml({ attachments: [
      ...['a', 'b', 'c', 'd'].map((n) => ({ filename: `${n}.pdf`, type: 'application/pdf', bytes: samplePdf })),
      { filename: 'lon.pdf', type: 'application/pdf', bytes: big },
    ] })), now);
    expect(petition.attachments?.map((a) => a.filename)).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);
    expect(skippedAttachments.map((s) => [s.filename, s.reason])).toEqual([['d.pdf', 'count'], ['lon.pdf', 'size']]);
  });

  it('names a message without Message-ID by the hash of its bytes', async () => {
    const raw = bytes(eml({ messageId: null }));
    const [a, b] = await Promise.all([parseEmail(raw, now), parseEmail(raw, now)]);
    expect(a.petition.externalRef).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b.petition.externalRef).toBe(a.petition.externalRef);
    expect((await parseEmail(bytes(eml({ messageId: null, text: 'Một kiến nghị khác hẳn về đèn đường.' })), now)).petition.externalRef).not.toBe(a.petition.externalRef);
  });

  it.each([
    ['random bytes', new Uint8Array([0, 1, 2, 3, 255, 254])],
    ['a JSON file', bytes('{"locality":"Ấp Bình An","content":"không phải thư"}')],
    ['a PDF', bytes(samplePdf)],
    ['a message with no From', bytes('Subject: hello\r\n\r\nNội dung không có người gửi.\r\n')],
  ])('refuses %s as email_invalid', async (_, raw) => {
    await expect(parseEmail(raw, now)).rejects.toMatchObject({ code: 'email_invalid' });
  });
});

describe('POST /api/councils/:councilId/petitions/email', () => {
  let t: TestApp;
  let councilId: string;
  let clerk: string;
  const rfc822 = { 'content-type': 'message/rfc822' };
  beforeAll(async () => {
    t = await createTestApp({ env: { PETITION_EMAIL_MAX_MB: '1' } });
    ({ councilId } = await demoCouncil(t));
    clerk = await t.login('chuyenvien');
  });
  afterAll(async () => { await t.close(); });

  const upload = (body: string | Uint8Array, cookie: string | null = clerk, headers: Record<string, string> = rfc822) =>
    t.request('POST', `/api/councils/${councilId}/petitions/email`, { cookie, body, headers });
  const count = async () => (await t.db.select({ id: petitions.id }).from(petitions)).length;

  it('stores the message as an e-mail petition with its attachments, once however often it is uploaded', async () => {
    const message = eml({ messageId: '<upload-1@example.vn>', attachments: [
      { filename: 'don.pdf', type: 'application/pdf', bytes: samplePdf },
      { filename: 'ghi-chu.txt', type: 'text/plain', bytes: 'ghi chú' },
    ] });
    const res = await upload(message);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, petition: { repeated: false }, skippedAttachments: [{ filename: 'ghi-chu.txt', reason: 'type' }] });
    const [row] = await t.db.select().from(petitions).where(eq(petitions.id, body.petition.id));
    expect(row).toMatchObject({ channel: 'email', code: body.petition.code, externalRef: '<upload-1@example.vn>', locality: 'Ấp Bình An', submitterContact: 'lan.nguyen@example.vn', status: 'received' });
    const files = await t.db.select().from(petitionAttachments).where(eq(petitionAttachments.petitionId, row!.id));
    expect(files.map((f) => [f.filename, f.mime])).toEqual([['don.pdf', 'application/pdf']]);

    const before = await count();
    const again = await upload(message);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ ok: true, petition: { id: row!.id, code: row!.code, repeated: true } });
    expect(await count()).toBe(before);
    expect(await t.db.select().from(petitions).where(and(eq(petitions.channel, 'email'), eq(petitions.externalRef, '<upload-1@example.vn>')))).toHaveLength(1);
  });

  it.each([
    ['an empty body', '', rfc822, 400, 'email_invalid'],
    ['a malformed message', 'không phải là thư\r\n\r\nchỉ là chữ', rfc822, 400, 'email_invalid'],
    ['a message whose text is too short', eml({ subject: 'Hi', text: 'ok' }), rfc822, 400, 'validation'],
    ['a message over PETITION_EMAIL_MAX_MB', eml({ text: `Kiến nghị dài. ${'x'.repeat(1024 * 1024 + 10)}` }), rfc822, 413, 'payload_too_large'],
    ['a JSON body', JSON.stringify({ content: 'thư' }), { 'content-type': 'application/json' }, 415, 'unsupported_media_type'],
    ['a form body', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
    ['a plain-text body', eml(), { 'content-type': 'text/plain' }, 415, 'unsupported_media_type'],
  ])('answers %s with a clear 4xx and stores nothing', async (_, body, headers, status, code) => {
    const before = await count();
    const res = await upload(body, clerk, headers);
    expect(res.status).toBe(status);
    const json = await res.json();
    expect(json).toMatchObject({ ok: false, code });
    expect(json.message).toBeTruthy();
    expect(json.messageEn).toBeTruthy();
    expect(await count()).toBe(before);
  });

  it('refuses a cross-site upload and callers without petition.manage', async () => {
    const before = await count();
    const crossSite = await upload(eml(), clerk, { ...rfc822, origin: 'http://evil.example' });
    expect([crossSite.status, (await crossSite.json()).code]).toEqual([403, 'csrf']);
    expect((await upload(eml(), null)).status).toBe(401);
    const delegate = await t.login('daibieu01');
    expect((await upload(eml(), delegate)).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('accepts message/rfc822 on this route only', async () => {
    const res = await t.request('POST', `/api/councils/${councilId}/petitions`, { cookie: clerk, body: eml(), headers: rfc822 });
    expect([res.status, (await res.json()).code]).toEqual([415, 'unsupported_media_type']);
  });
});

describe('the same message delivered twice at once', () => {
  it('stores it once and answers both deliveries with the same petition', async () => {
    const t = await createTestApp();
    try {
      const { councilId } = await demoCouncil(t);
      const { mailIntake } = await import('./mail.ts');
      const deliver = mailIntake(t.deps, councilId);
      const raw = bytes(eml({ messageId: '<race@example.vn>' }));
      const [a, b] = await Promise.all([deliver(raw), deliver(raw)]);
      expect(a.petition.id).toBe(b.petition.id);
      expect([a.petition.repeated, b.petition.repeated].sort()).toEqual([false, true]);
      expect(await t.db.select().from(petitions).where(eq(petitions.externalRef, '<race@example.vn>'))).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});

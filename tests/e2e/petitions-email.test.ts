// Voters' e-mails as petitions: the clerk saves messages from the council's mailbox as .eml files and imports
// them on the petitions screen (portrait and landscape tablet). Each file is sent in turn and shows its own
// result: a tracking code linking to the new petition, "already received" for the same message again, the
// attachment the server left out and why, or the server's error for a file that is no e-mail. The petition is
// then in the list on the e-mail channel with the locality from the subject. A delegate gets no picker.
// The messages carry this run's token (Message-ID, subject, text), since PostgreSQL runs share a database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Petition } from '@hopso/shared/petitions';
import { makePdf } from '../fixtures/pdf.ts';
import { DEMO, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Server } from './harness.ts';
import { apiAs } from './sitting.ts';

const b64 = (data: string | Uint8Array) => Buffer.from(data).toString('base64').replace(/.{76}/g, '$&\r\n');
/** A header value as mail clients write non-ASCII text (RFC 2047 encoded-word). */
const word = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`);

interface Mail {
  messageId: string;
  subject: string;
  body: { type: 'text/plain' | 'text/html'; content: string };
  attachments?: { filename: string; type: string; bytes: Uint8Array }[];
}

/** An RFC 822 message as a mail client saves it: UTF-8 headers, base64 parts, CRLF line ends. */
function rfc822(m: Mail): Buffer {
  const head = [
    `From: ${word('Lê Văn Tâm')} <tam.le@example.vn>`,
    'To: kiennghi@tanphu.example.vn',
    `Subject: ${word(m.subject)}`,
    `Date: ${new Date(Date.now() - 2 * 3600_000).toUTCString()}`,
    `Message-ID: ${m.messageId}`,
    'MIME-Version: 1.0',
  ];
  const text = [`Content-Type: ${m.body.type}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', b64(m.body.content)];
  if (!m.attachments?.length) return Buffer.from([...head, ...text, ''].join('\r\n'));
  const boundary = `=_hopso_${m.messageId.replace(/\W/g, '')}`;
  const parts = [
    [`--${boundary}`, ...text],
    ...m.attachments.map((a) => [
      `--${boundary}`, `Content-Type: ${a.type}; name="${a.filename}"`, `Content-Disposition: attachment; filename="${a.filename}"`,
      'Content-Transfer-Encoding: base64', '', b64(a.bytes),
    ]),
  ];
  return Buffer.from([...head, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', ...parts.flat(), `--${boundary}--`, ''].join('\r\n'));
}

describe('petitions from e-mail files', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'petitions-email' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('imports several .eml files one by one, each with its code, repeat, skipped file or error', async () => {
    const token = `EM${Date.now().toString(36).toUpperCase()}`;
    const clerkApi = await apiAs(server, DEMO.clerk);
    const { councils } = await (await clerkApi('/api/councils')).json() as { councils: { id: string; name: string }[] };
    const councilId = councils.find((c) => c.name === 'HĐND xã Tân Phú')!.id;

    const pdf = await makePdf({ pages: 1, title: 'Anh duong ngap', textPerPage: () => ['Duong lien ap ngap nuoc'] });
    const road = rfc822({
      messageId: `<${token.toLowerCase()}-duong@example.vn>`,
      subject: `[Ấp Bình An] Đường liên ấp ngập nước (${token})`,
      body: { type: 'text/plain', content: `Đoạn đường liên ấp qua Ấp Bình An ngập sâu mỗi khi triều cường, đề nghị nâng cấp nền đường (${token}).` },
      attachments: [{ filename: 'hien-truong.pdf', type: 'application/pdf', bytes: pdf }],
    });
    const bridge = rfc822({
      messageId: `<${token.toLowerCase()}-cau@example.vn>`,
      subject: `Cầu Kênh Tắt xuống cấp (${token})`,
      body: { type: 'text/html', content: `<html><body><p>Đề nghị <b>sửa chữa cầu</b> Kênh Tắt, lan can đã gãy nhiều đoạn (${token}).</p></body></html>` },
      attachments: [{ filename: 'cai-dat.exe', type: 'application/octet-stream', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0]) }],
    });
    const files = [
      { name: 'kien-nghi-duong.eml', mimeType: 'message/rfc822', buffer: road },
      { name: 'kien-nghi-cau.eml', mimeType: 'message/rfc822', buffer: bridge },
      { name: 'kien-nghi-duong-ban-sao.eml', mimeType: 'message/rfc822', buffer: road },
      { name: 'khong-phai-thu.eml', mimeType: 'message/rfc822', buffer: Buffer.from(`Đây không phải là một thư điện tử (${token}).\n`) },
    ];

    // Portrait tablet (768×1024): from the list, the import link next to the voter-contact one.
    const page = await newTabletPage(browser, server.url);
    await page.setViewportSize({ width: 768, height: 1024 });
    const g = await guard(page);
    await login(page, DEMO.clerk);
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await page.goto(`/councils/${councilId}/petitions`);
    await page.getByRole('link', { name: 'Nhập từ tiếp xúc cử tri' }).waitFor();
    await screenshot(page, 'petitions-email-00-list-links-portrait');
    await page.getByRole('link', { name: 'Nhập thư điện tử' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhập thư điện tử' }).waitFor();
    await page.getByText('Chưa chọn tệp nào.').waitFor();
    await screenshot(page, 'petitions-email-01-empty-portrait');

    await page.getByLabel('Chọn tệp .eml').setInputFiles(files);
    const list = page.getByRole('list', { name: 'Các tệp đã chọn' });
    const item = (name: string) => list.getByRole('listitem').filter({ hasText: name });
    expect(await list.getByRole('listitem').filter({ hasText: 'Chờ gửi' }).count()).toBe(4);
    await page.getByRole('button', { name: 'Tiếp nhận 4 thư' }).click();
    await page.getByText('Đã tiếp nhận 2 thư mới; 1 thư đã có trước đó; 1 tệp lỗi.').waitFor();
    await screenshot(page, 'petitions-email-02-results-portrait');

    const codeOf = async (name: string) => (await item(name).getByRole('link', { name: /^KN-/ }).textContent())!.trim();
    const roadCode = await codeOf('kien-nghi-duong.eml');
    const bridgeCode = await codeOf('kien-nghi-cau.eml');
    expect(roadCode).toMatch(/^KN-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(bridgeCode).toMatch(/^KN-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(bridgeCode).not.toBe(roadCode);
    expect(await item('kien-nghi-duong.eml').textContent()).toContain('Đã tiếp nhận, mã theo dõi');
    // The same message again: the petition it made before, nothing new.
    const again = item('kien-nghi-duong-ban-sao.eml');
    expect(await again.textContent()).toContain('Thư này đã tiếp nhận trước đó');
    expect(await codeOf('kien-nghi-duong-ban-sao.eml')).toBe(roadCode);
    // The .exe is left out and named with its reason; the PDF was kept, so nothing is listed for the road.
    const skipped = item('kien-nghi-cau.eml').getByText('Tệp đính kèm không được lưu (1):');
    await skipped.waitFor();
    expect(await item('kien-nghi-cau.eml').getByRole('listitem').filter({ hasText: 'cai-dat.exe' }).textContent()).toMatch(/cai-dat\.exe · 12 B — không phải PDF, JPEG hoặc PNG/);
    expect(await item('kien-nghi-duong.eml').getByText('Tệp đính kèm không được lưu', { exact: false }).count()).toBe(0);
    // No e-mail at all: the server's own message; the file may be removed, sending it again would not help.
    const bad = item('khong-phai-thu.eml');
    await bad.getByRole('alert').filter({ hasText: 'Tệp không phải là thư điện tử hợp lệ (RFC 822, cần có người gửi).' }).waitFor();
    await bad.getByRole('button', { name: 'Bỏ tệp khong-phai-thu.eml' }).waitFor();
    expect(await bad.getByRole('button', { name: 'Thử lại' }).count()).toBe(0);

    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'petitions-email-03-results-landscape');

    // The new petition's page from its code.
    await item('kien-nghi-duong.eml').getByRole('link', { name: roadCode }).click();
    await page.getByRole('heading', { level: 1, name: roadCode }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain(`Đường liên ấp ngập nước (${token})`);
    await page.getByRole('link', { name: /hien-truong\.pdf/ }).waitFor();

    // In the list on the e-mail channel, with the locality of the subject's tag (and none for the other).
    await page.goto(`/councils/${councilId}/petitions?channel=email&q=${token}`);
    await page.getByText('2 kiến nghị', { exact: true }).waitFor();
    const row = page.getByTestId('petition-list').getByRole('listitem').filter({ has: page.getByRole('link', { name: roadCode }) });
    expect(await row.textContent()).toContain('Thư điện tử');
    expect(await row.textContent()).toContain('Ấp Bình An');
    await screenshot(page, 'petitions-email-04-list');

    const found = await (await clerkApi(`/api/councils/${councilId}/petitions?q=${token}`)).json() as { petitions: Petition[] };
    const byCode = new Map(found.petitions.map((p) => [p.code, p]));
    expect(found.petitions).toHaveLength(2);
    expect(byCode.get(roadCode)).toMatchObject({ channel: 'email', locality: 'Ấp Bình An', submitterName: 'Lê Văn Tâm', submitterContact: 'tam.le@example.vn' });
    expect(byCode.get(roadCode)!.attachments.map((a) => a.filename)).toEqual(['hien-truong.pdf']);
    expect(byCode.get(bridgeCode)).toMatchObject({ channel: 'email', locality: 'Chưa xác định', attachments: [] });
    expect(byCode.get(bridgeCode)!.content).not.toContain('<b>');
    g.assertClean();
  }, 120_000);

  it('shows a delegate no picker on the import address', async () => {
    const page = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const g = await guard(page);
    await login(page, DEMO.delegate(1));
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    const { councils } = await (await page.request.get('/api/councils')).json() as { councils: { id: string; name: string }[] };
    const councilId = councils.find((c) => c.name === 'HĐND xã Tân Phú')!.id;
    await page.goto(`/councils/${councilId}/petitions/email`);
    await page.getByRole('alert').filter({ hasText: 'Chỉ chuyên viên, thư ký và quản trị được nhập thư điện tử của cử tri.' }).waitFor();
    expect(await page.getByLabel('Chọn tệp .eml').count()).toBe(0);
    // The server refuses the upload itself, whatever the page shows.
    const res = await page.request.post(`/api/councils/${councilId}/petitions/email`, { headers: { 'content-type': 'message/rfc822', origin: server.url }, data: Buffer.from('From: a@b.vn\r\n\r\nx') });
    expect(res.status()).toBe(403);
    expect((await res.json() as { code: string }).code).toBe('forbidden');
    g.assertClean();
  }, 60_000);
});

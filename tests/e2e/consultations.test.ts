// Written consultations (issue 11): the secretary drafts a consultation of Ban Pháp chế in the browser and
// sends it; one member answers on the tablet, another over the API with an other opinion; the scheduler
// reminds the three who did not answer (a reminder in their notification centre, "Đã nhắc" on the progress
// list); the secretary closes it early and the overdue list names them; the result PDF (pdftotext) lists
// every answer and every non-answer. The title carries a run id, since PostgreSQL runs share one database.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consultation, ConsultationSummary } from '@hopso/shared/consultation';
import type { MeetingSummary } from '@hopso/shared/meeting';
import { DEMO, guard, launchBrowser, login, newTabletPage, screenshot, startServer, type Browser, type Server } from './harness.ts';
import { apiAs } from './sitting.ts';

/** A datetime-local value in Vietnam time, `hours` from now. */
const vietnamLocal = (hours: number) => new Date(Date.now() + hours * 3600_000 + 7 * 3600_000).toISOString().slice(0, 16);

describe('written consultations', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ name: 'consultations' }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is sent, answered by two members, reminds the others and lists everyone on the result sheet', async () => {
    const title = `Xin ý kiến về phương án sắp xếp thôn ${Date.now().toString(36)}`;
    const secretary = await apiAs(server, DEMO.secretary);
    const { meetings } = await (await secretary('/api/meetings')).json() as { meetings: MeetingSummary[] };
    const councilId = meetings[0]!.councilId;
    const { members } = await (await secretary(`/api/councils/${councilId}/members`)).json() as { members: { fullName: string; username?: string }[] };
    expect(members.length).toBeGreaterThan(5);

    // The secretary drafts and sends it in the browser.
    const page = await newTabletPage(browser, server.url, { orientation: 'landscape' });
    const g = await guard(page);
    await login(page, DEMO.secretary);
    await page.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await page.goto(`/councils/${councilId}`);
    await page.getByRole('link', { name: 'Xin ý kiến', exact: true }).click();
    await page.getByRole('heading', { name: 'Soạn phiếu xin ý kiến' }).waitFor();
    await page.getByLabel('Nội dung xin ý kiến').fill(title);
    await page.getByLabel('Thành phần được xin ý kiến').selectOption({ label: 'Một Ban của HĐND' });
    await page.getByLabel('Ban / Tổ').selectOption({ label: 'Ban Pháp chế' });
    await page.getByLabel('Hạn trả lời').fill(vietnamLocal(20));
    await page.getByLabel('Tiêu chí thông qua (theo Quy chế)').selectOption('adoption');
    await page.getByLabel('Câu 1').fill('Đồng ý phương án sáp nhập thôn Đông và thôn Tây?');
    await page.getByRole('button', { name: 'Tạo bản nháp' }).click();
    await page.getByTestId('consultation-status').filter({ hasText: 'Bản nháp' }).waitFor();
    await page.getByRole('button', { name: 'Gửi xin ý kiến' }).click();
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByTestId('consultation-status').filter({ hasText: 'Đang lấy ý kiến' }).waitFor();
    const id = page.url().split('/').pop()!;
    const read = async () => ((await (await secretary(`/api/consultations/${id}`)).json()) as { consultation: Consultation }).consultation;
    const consultation = await read();
    expect(consultation).toMatchObject({ status: 'sent', recipients: 5, title });

    // daibieu01 answers on the tablet from their own page.
    const tablet = await newTabletPage(browser, server.url);
    const gt = await guard(tablet);
    await login(tablet, DEMO.delegate(1));
    await tablet.getByRole('heading', { name: 'Cuộc họp của tôi' }).waitFor();
    await tablet.getByRole('link', { name: 'Phiếu xin ý kiến' }).first().click();
    await tablet.getByTestId('my-consultation').filter({ hasText: title }).getByRole('link', { name: title }).click();
    await tablet.getByRole('radio', { name: 'Đồng ý', exact: true }).check();
    await tablet.getByRole('button', { name: 'Gửi phiếu trả lời' }).click();
    await tablet.getByTestId('answer-saved').waitFor();
    await screenshot(tablet, 'consultation-answer');

    // daibieu02 answers over the API with another opinion; daibieu06 is not in Ban Pháp chế and is refused.
    const second = await apiAs(server, DEMO.delegate(2));
    const answer = { answers: [{ questionId: consultation.questions[0]!.id, choice: 'other', opinion: 'Cần lấy ý kiến cử tri hai thôn trước' }] };
    expect((await second(`/api/consultations/${id}/response`, { method: 'PUT', body: answer })).status).toBe(200);
    const outsider = await apiAs(server, DEMO.delegate(6));
    const refused = await outsider(`/api/consultations/${id}/response`, { method: 'PUT', body: answer });
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe('not_consulted');

    // The scheduler (every 30 s) reminds the three who have not answered, inside the 24 h before the deadline.
    type Row = { fullName: string; answeredAt: string | null; reminded: boolean };
    const progress = async () => ((await (await secretary(`/api/consultations/${id}/progress`)).json()) as { members: Row[] }).members;
    await expect.poll(async () => (await progress()).filter((m) => m.reminded).length, { timeout: 75_000, interval: 1_000 }).toBe(3);
    const rows = await progress();
    expect(rows.filter((m) => m.answeredAt).every((m) => !m.reminded)).toBe(true);
    const third = await apiAs(server, DEMO.delegate(3));
    const inbox = await (await third('/api/notifications')).json() as { notifications: { event: string; link: string | null }[] };
    expect(inbox.notifications.filter((n) => n.event === 'consultation.reminder' && n.link === `/consultations/${id}`)).toHaveLength(1);

    // The secretary sees them reminded, closes early and gets the overdue list.
    await page.reload();
    await expect.poll(() => page.getByTestId('progress-row').filter({ hasText: 'Đã nhắc' }).count()).toBe(3);
    await page.getByRole('button', { name: 'Kết thúc lấy ý kiến' }).click();
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByTestId('consultation-status').filter({ hasText: 'Đã kết thúc' }).waitFor();
    const missing = rows.filter((m) => !m.answeredAt).map((m) => m.fullName);
    const answered = rows.filter((m) => m.answeredAt).map((m) => m.fullName);
    expect(missing).toHaveLength(3);
    const overdue = await page.getByTestId('overdue-list').textContent();
    for (const name of missing) expect(overdue).toContain(name);
    await screenshot(page, 'consultation-result');

    // The result sheet lists every answer and every non-answer.
    const pdf = await secretary(`/api/consultations/${id}/result.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const file = join(tmpdir(), `consultation-${id}.pdf`);
    writeFileSync(file, new Uint8Array(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('BẢNG TỔNG HỢP KẾT QUẢ LẤY Ý KIẾN');
    for (const name of [...answered, ...missing]) expect(text).toContain(name);
    expect(text).toContain('Cần lấy ý kiến cử tri hai thôn trước');
    expect(text).toMatch(/Đồng ý: 1\/5/);
    expect(text).toMatch(/Chưa trả lời: 3\/5/);
    const notAnsweredPart = text.slice(text.indexOf('III. CHƯA TRẢ LỜI'));
    for (const name of missing) expect(notAnsweredPart).toContain(name);
    for (const name of answered) expect(notAnsweredPart).not.toContain(name);

    const list = await (await secretary(`/api/councils/${councilId}/consultations`)).json() as { consultations: ConsultationSummary[] };
    expect(list.consultations.find((c) => c.id === id)).toMatchObject({ status: 'closed', answered: 2, recipients: 5 });
    g.assertClean();
    gt.assertClean();
  }, 180_000);
});

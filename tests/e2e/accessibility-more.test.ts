// Accessibility tour, continued (issue 11's screens): the notification centre and the council's delivery
// queue, written consultations (the member's answer page and the secretariat's draft, progress and result),
// halls and the seating plan with its print sheet, the QR check-in door, the RSVP link, the guest page, the
// handbook, the comments panel beside a draft and the remote sites on the console and the site's projector.
// Each is checked with axe-core (tests/e2e/a11y.ts) as delivered and with large text and high contrast on.
// The data is made here over the API, on this file's own freshly seeded database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationList } from '@hopso/shared/notifications';
import { makePdf } from '../fixtures/pdf.ts';
import { checkA11y, modes, pageIn, tour, writeA11ySummary } from './a11y.ts';
import { DEMO, freePort, guard, launchBrowser, login, startServer, type Browser, type Page, type Server } from './harness.ts';
import { apiAs, signIn } from './sitting.ts';

/** Answers the JSON of a call that must succeed with `status`. */
async function ok<T>(res: Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  expect(r.status, `${r.url}: ${await r.clone().text()}`).toBe(status);
  return (await r.json()) as T;
}

const userId = async (server: Server, username: string) => (await ok<{ user: { id: string } }>((await apiAs(server, username))('/api/auth/me'))).user.id;

describe('accessibility of the screens added since the first tour', () => {
  let server: Server;
  let browser: Browser;
  let councilId = '';
  let meetingId = '';
  let siteId = '';
  let draftId = '';
  let sentId = '';
  let closedId = '';
  let documentId = '';
  let rsvpPath = '';
  let guestCode = '';

  beforeAll(async () => {
    // E-mail (every member's default channel) to a port nobody listens on, one attempt each: the council's
    // queue fills with failed deliveries and their errors.
    const smtp = `smtp://127.0.0.1:${await freePort()}`;
    [server, browser] = await Promise.all([
      startServer({ name: 'a11y-more', timeoutMs: 180_000, env: { NOTIFY_SMTP_URL: smtp, NOTIFY_MAIL_FROM: 'HĐND xã Tân Phú <hopso@tanphu.example.vn>', NOTIFY_MAX_ATTEMPTS: '1', NOTIFY_POLL_MS: '300' } }),
      launchBrowser(),
    ]);
    const secretary = await apiAs(server, DEMO.secretary);
    councilId = (await ok<{ councils: { id: string }[] }>(secretary('/api/councils'))).councils[0]!.id;

    // A published meeting with everyone invited, a hall, every invitee seated, a remote site and a guest.
    const startsAt = new Date(Date.now() + 2 * 24 * 3600_000).toISOString();
    meetingId = (await ok<{ meeting: { id: string } }>(secretary(`/api/councils/${councilId}/meetings`, {
      method: 'POST', body: { title: 'Kỳ họp chuyên đề kiểm tra khả năng tiếp cận', kind: 'thematic', startsAt, place: 'Hội trường UBND xã', closedSitting: false, inviteAllMembers: true },
    }), 201)).meeting.id;
    await ok(secretary(`/api/meetings/${meetingId}/agenda`, { method: 'POST', body: { title: 'Khai mạc kỳ họp', parentId: null } }), 201);
    await ok(secretary(`/api/meetings/${meetingId}/publish`, { method: 'POST', body: {} }));
    const layout = { rows: 4, seatsPerRow: 8, presidiumSeats: 3, blocks: [{ name: 'Khu trái', fromSeat: 1, toSeat: 3 }], gaps: ['A-4'] };
    const venue = (await ok<{ venue: { id: string } }>(secretary(`/api/councils/${councilId}/venues`, { method: 'POST', body: { name: 'Hội trường UBND xã', layout } }), 201)).venue;
    await ok(secretary(`/api/meetings/${meetingId}/seating/venue`, { method: 'PUT', body: { venueId: venue.id } }));
    await ok(secretary(`/api/meetings/${meetingId}/seating/auto`, { method: 'POST' }));
    siteId = (await ok<{ site: { id: string } }>(secretary(`/api/meetings/${meetingId}/sites`, {
      method: 'POST', body: { name: 'Điểm cầu thôn Đông', secretaryId: await userId(server, DEMO.delegate(20)) },
    }), 201)).site.id;
    guestCode = (await ok<{ pass: { code: string } }>(secretary(`/api/meetings/${meetingId}/guest-passes`, { method: 'POST', body: { label: 'Đại diện UBMTTQ xã', singleUse: false } }), 201)).pass.code;

    // A public document for the guest, and a draft open for comments, answered for UBND by the clerk.
    const clerk = await apiAs(server, DEMO.clerk);
    const pdf = await makePdf({ pages: 2, title: 'Dự thảo', textPerPage: (n) => [`Trang ${n}`] });
    const upload = (title: string, confidentiality: string) => clerk(`/api/meetings/${meetingId}/documents?${new URLSearchParams({ title, confidentiality })}`, {
      method: 'POST', body: pdf, type: 'application/pdf',
    });
    await ok(upload('Chương trình kỳ họp', 'public'), 201);
    documentId = (await ok<{ document: { id: string } }>(upload('Dự thảo Nghị quyết về đầu tư công', 'internal'), 201)).document.id;
    await ok(secretary(`/api/documents/${documentId}/comment-period`, {
      method: 'PUT', body: { closesAt: new Date(Date.now() + 24 * 3600_000).toISOString(), agencyName: 'UBND xã Tân Phú', agentUserIds: [await userId(server, DEMO.clerk)] },
    }));
    const delegate1 = await apiAs(server, DEMO.delegate(1));
    await ok(delegate1(`/api/documents/${documentId}/comments`, { method: 'POST', body: { page: 1, section: 'Điều 2', quote: 'Trang 1', text: 'Đề nghị làm rõ nguồn vốn.' } }), 201);

    // Consultations of all delegates: one still a draft, one sent and answered by delegate 2, one closed with its result.
    const consultation = (title: string) => ({
      title, description: 'Đề nghị đại biểu cho ý kiến trước ngày họp.', baseKind: 'allDelegates', deadline: new Date(Date.now() + 3 * 24 * 3600_000).toISOString(), thresholdRule: 'adoption',
      questions: [{ kind: 'opinion', text: 'Đồng ý phương án sáp nhập thôn?' }, { kind: 'choice', text: 'Chọn địa điểm trụ sở', options: ['Thôn Đông', 'Thôn Tây'] }],
    });
    const create = (title: string) => ok<{ consultation: { id: string } }>(secretary(`/api/councils/${councilId}/consultations`, { method: 'POST', body: consultation(title) }), 201);
    draftId = (await create('Xin ý kiến về kế hoạch giám sát (nháp)')).consultation.id;
    const delegate2 = await apiAs(server, DEMO.delegate(2));
    const sentAndAnswered = async (title: string) => {
      const id = (await create(title)).consultation.id;
      const [q1, q2] = (await ok<{ consultation: { questions: { id: string }[] } }>(secretary(`/api/consultations/${id}/send`, { method: 'POST' }))).consultation.questions;
      await ok(delegate2(`/api/consultations/${id}/response`, { method: 'PUT', body: { answers: [{ questionId: q1!.id, choice: 'agree' }, { questionId: q2!.id, option: 0 }] } }));
      return id;
    };
    sentId = await sentAndAnswered('Xin ý kiến về phương án sắp xếp thôn');
    closedId = await sentAndAnswered('Xin ý kiến về tên đường mới');
    await ok(secretary(`/api/consultations/${closedId}/close`, { method: 'POST' }));

    // Delegate 3's personal RSVP link, from the invitation in their notification centre.
    const { notifications } = await ok<NotificationList>((await apiAs(server, DEMO.delegate(3)))('/api/notifications?limit=100'));
    const invitation = notifications.find((n) => n.event === 'meeting.invitation' && n.meetingId === meetingId)!;
    rsvpPath = new URL(/https?:\/\/\S+\/rsvp\/[A-Za-z0-9_-]+/.exec(invitation.vi.text)![0]).pathname;
  }, 300_000);
  afterAll(async () => {
    writeA11ySummary('a11y-summary-more.json');
    await browser?.close();
    await server?.stop();
  });

  /** The comments panel opened beside the draft, with its list shown. */
  const commentsOpen = async (page: Page) => {
    await page.locator('[data-page="1"] canvas').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Góp ý', exact: true }).click();
    await page.getByText('Đề nghị làm rõ nguồn vốn.').waitFor();
  };

  for (const mode of modes) {
    it(`signed out: the RSVP link and the guest page (${mode})`, async () => {
      const page = await pageIn(browser, server, mode, 'portrait');
      const g = await guard(page);
      await tour(page, mode, [
        ['rsvp', rsvpPath, (p) => p.getByRole('button', { name: 'Gửi xác nhận' }).waitFor()],
        ['rsvp-absent', rsvpPath, async (p) => {
          await p.getByLabel('Vắng mặt (có lý do)').check();
          await p.getByLabel('Lý do vắng mặt').waitFor();
        }],
        ['rsvp-unknown', '/rsvp/khong-phai-duong-dan-that'],
        ['guest', `/khach/${guestCode}`, (p) => p.getByText('Kính chào Đại diện UBMTTQ xã').waitFor()],
        ['guest-invalid', `/khach/${guestCode.slice(0, -4)}AAAA`, (p) => p.getByRole('alert').waitFor()],
      ]);
      g.assertClean();
      await page.context().close();
    }, 300_000);

    it(`a delegate: notifications, consultations, the handbook, the invited meeting and the comments on a draft (${mode})`, async () => {
      const page = await pageIn(browser, server, mode, 'portrait');
      const g = await guard(page);
      await signIn(page, DEMO.delegate(1));
      await tour(page, mode, [
        ['notifications', '/notifications', (p) => p.getByTestId('notification-item').first().waitFor()],
        ['consultations-mine', '/consultations', (p) => p.getByTestId('my-consultation').first().waitFor()],
        ['consultation-answer', `/consultations/${sentId}`, async (p) => {
          // "Ý kiến khác" makes the opinion field required: the form as the member fills it in.
          await p.getByRole('radio', { name: 'Ý kiến khác' }).check();
          await p.getByRole('button', { name: 'Gửi phiếu trả lời' }).waitFor();
        }],
        ['consultation-closed', `/consultations/${closedId}`, (p) => p.getByText('Đã kết thúc', { exact: true }).waitFor()],
        ['help', '/help', (p) => p.waitForURL('**/help/delegate')],
        ['help-chair', '/help/chair'],
        ['meeting-invited', `/meetings/${meetingId}`, (p) => p.getByTestId('rsvp-card').waitFor()],
        ['live-seat', `/meetings/${meetingId}/live`, (p) => p.getByTestId('my-seat').waitFor()],
      ]);
      await page.goto(`/meetings/${meetingId}/documents/${documentId}`);
      await commentsOpen(page);
      await checkA11y(page, `comments-delegate-${mode}`);
      g.assertClean();
      await page.context().close();
    }, 300_000);

    it(`the secretariat: delivery queue, consultations, halls, seating, check-in, sites and the agency's comments (${mode})`, async () => {
      const page = await pageIn(browser, server, mode);
      const g = await guard(page);
      await signIn(page, DEMO.secretary);
      await tour(page, mode, [
        ['notification-queue', `/councils/${councilId}/notifications`, async (p) => {
          await p.getByRole('combobox', { name: 'Trạng thái' }).selectOption({ index: 0 });
          await p.getByTestId('delivery-row').first().waitFor({ timeout: 30_000 });
        }],
        ['consultations', `/councils/${councilId}/consultations`],
        ['consultation-draft', `/councils/${councilId}/consultations/${draftId}`, (p) => p.getByRole('button', { name: 'Gửi xin ý kiến' }).waitFor()],
        ['consultation-progress', `/councils/${councilId}/consultations/${sentId}`, (p) => p.getByTestId('consultation-status').waitFor()],
        ['consultation-result', `/councils/${councilId}/consultations/${closedId}`, (p) => p.getByRole('heading', { name: 'Kết quả lấy ý kiến' }).waitFor()],
        ['venues', `/councils/${councilId}/venues`, (p) => p.getByText('Hội trường UBND xã').first().waitFor()],
        ['venue-new', `/councils/${councilId}/venues`, (p) => p.getByRole('button', { name: 'Vẽ hội trường mới' }).click()],
        ['venue-edit', `/councils/${councilId}/venues`, async (p) => {
          await p.getByRole('button', { name: 'Sửa', exact: true }).click();
          await p.getByRole('button', { name: 'Lưu sơ đồ' }).waitFor();
        }],
        ['seating', `/meetings/${meetingId}/seating`, (p) => p.locator('[data-seat="CT-1"]').waitFor()],
        ['seating-print', `/meetings/${meetingId}/seating/print`, (p) => p.locator('.sheet img').first().waitFor()],
        ['checkin', `/meetings/${meetingId}/checkin`, async (p) => {
          await p.getByLabel('Nhập mã (máy quét cầm tay hoặc gõ tay)').fill('HS1.khong-phai-ma-that.AAAA');
          await p.getByRole('button', { name: 'Điểm danh', exact: true }).click();
          await p.getByTestId('scan-log').locator('[data-ok="false"]').first().waitFor();
        }],
        ['meeting-rsvp', `/meetings/${meetingId}`, (p) => p.getByTestId('rsvp-row').first().waitFor()],
      ]);
      await page.goto(`/meetings/${meetingId}/console`);
      await page.getByText('Điểm cầu thôn Đông').first().waitFor();
      await checkA11y(page, `console-sites-${mode}`);
      await page.goto(`/projector/${meetingId}?site=${siteId}`);
      await page.getByText(/^Có mặt: \d+\/\d+ đại biểu$/).waitFor();
      await checkA11y(page, `projector-site-${mode}`);
      g.assertClean();
      await page.context().close();
    }, 300_000);

    it(`the drafting agency answers comments beside the draft (${mode})`, async () => {
      const page = await pageIn(browser, server, mode);
      await login(page, DEMO.clerk);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`/meetings/${meetingId}/documents/${documentId}`);
      await commentsOpen(page);
      await checkA11y(page, `comments-agency-${mode}`);
      await page.getByRole('button', { name: 'Trả lời', exact: true }).first().click();
      await page.getByLabel('Nội dung tiếp thu, giải trình').waitFor();
      await checkA11y(page, `comments-answer-${mode}`);
      await page.context().close();
    }, 120_000);
  }
});

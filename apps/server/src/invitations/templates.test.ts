import { describe, expect, it } from 'vitest';
import { changeMessage, invitationMessage, leadTime, meetingWhen, reminderMessage, unreadDocumentsMessage, type NoticeMeeting } from './templates.ts';

// 07:30 on Monday 7 December 2026 in Vietnam is 00:30 UTC; the test runs in whatever zone the machine has
// (vitest does not pin TZ), and the server's zone must never show through.
const meeting: NoticeMeeting = {
  id: '6f1c1f3e-0000-4000-8000-000000000001', title: 'Kỳ họp thứ 12 <HĐND> khóa XIII', kind: 'regular',
  startsAt: '2026-12-07T00:30:00.000Z', endsAt: '2026-12-07T04:00:00.000Z', place: 'Hội trường UBND xã', onlineUrl: 'https://hop.tanphu.gov.vn/k12', councilName: 'HĐND xã Tân Phú',
};
const agenda = [
  { id: 'a', parentId: null, position: 1, title: 'Báo cáo kinh tế – xã hội' },
  { id: 'b', parentId: null, position: 0, title: 'Khai mạc' },
  { id: 'c', parentId: 'a', position: 0, title: 'Thảo luận tổ' },
];
const origin = 'https://hopso.tanphu.gov.vn';

describe('invitation templates', () => {
  it.each([
    ['Asia/Ho_Chi_Minh'], ['UTC'], ['America/Los_Angeles'],
  ])('shows a 07:30 local start as 07:30 whatever the server zone (%s)', (zone) => {
    const before = process.env.TZ;
    process.env.TZ = zone;
    try {
      expect(meetingWhen(meeting, 'vi')).toBe('07:30, Thứ Hai, 07/12/2026 – 11:00 (giờ Việt Nam)');
      expect(meetingWhen(meeting, 'en')).toBe('07:30, Monday, 07/12/2026 – 11:00 (Vietnam time)');
    } finally {
      process.env.TZ = before;
    }
  });

  it('gives the end its date when the meeting runs past midnight, Vietnam time', () => {
    expect(meetingWhen({ startsAt: '2026-12-07T14:00:00Z', endsAt: '2026-12-07T18:00:00Z' }, 'vi')).toBe('21:00, Thứ Hai, 07/12/2026 – 01:00, Thứ Ba, 08/12/2026 (giờ Việt Nam)');
    expect(meetingWhen({ startsAt: '2026-12-07T14:00:00Z', endsAt: null }, 'en')).toBe('21:00, Monday, 07/12/2026 (Vietnam time)');
  });

  it('says time, place, online link, the numbered agenda, documents and the personal RSVP link in both languages', () => {
    const { vi, en } = invitationMessage({ meeting, agenda, inviteeName: 'Nguyễn Văn An', origin, rsvpToken: 'tok123' });
    expect(vi.subject).toBe('Giấy mời: Kỳ họp thứ 12 <HĐND> khóa XIII');
    expect(vi.text).toContain('Kính gửi Nguyễn Văn An,');
    expect(vi.text).toContain('HĐND xã Tân Phú trân trọng kính mời dự kỳ họp thường lệ');
    expect(vi.text).toContain('Thời gian: 07:30, Thứ Hai, 07/12/2026 – 11:00 (giờ Việt Nam)');
    expect(vi.text).toContain('Địa điểm: Hội trường UBND xã');
    expect(vi.text).toContain('Họp trực tuyến: https://hop.tanphu.gov.vn/k12');
    expect(vi.text).toMatch(/1\. Khai mạc\n\s+2\. Báo cáo kinh tế – xã hội\n\s+2\.1\. Thảo luận tổ/);
    expect(vi.text).toContain(`Tài liệu: ${origin}/meetings/${meeting.id}`);
    expect(vi.text).toContain(`Xác nhận tham dự: ${origin}/rsvp/tok123`);
    expect(en.subject).toBe('Invitation: Kỳ họp thứ 12 <HĐND> khóa XIII');
    expect(en.text).toContain('Time: 07:30, Monday, 07/12/2026 – 11:00 (Vietnam time)');
    expect(en.text).toContain(`Reply: ${origin}/rsvp/tok123`);
    expect(en.html).toContain(`<a href="${origin}/rsvp/tok123">`);
  });

  it('escapes the meeting’s own text in the HTML', () => {
    const { vi } = invitationMessage({ meeting, agenda: [], inviteeName: '<script>x</script>', origin, rsvpToken: 't' });
    expect(vi.html).not.toContain('<script>');
    expect(vi.html).toContain('&#60;HĐND&#62;');
    expect(vi.text).not.toContain('Chương trình');
  });

  it('leaves out the online line of a meeting held only in the hall', () => {
    const { vi } = invitationMessage({ meeting: { ...meeting, onlineUrl: null }, agenda, inviteeName: 'A', origin, rsvpToken: 't' });
    expect(vi.text).not.toContain('Họp trực tuyến');
  });

  it('says what changed: the new time with the old one, the place, documents and agenda', () => {
    const moved = { ...meeting, startsAt: '2026-12-08T01:00:00.000Z', endsAt: null, place: 'Phòng họp số 2' };
    const { vi, en } = changeMessage(moved, {
      startsAt: { from: meeting.startsAt, to: moved.startsAt }, place: { from: meeting.place, to: moved.place },
      documents: ['Dự thảo nghị quyết ngân sách'], agenda: true,
    }, origin);
    expect(vi.subject).toBe(`Thay đổi: ${meeting.title}`);
    expect(vi.text).toContain('Thời gian: 08:00, Thứ Ba, 08/12/2026 (giờ Việt Nam) (trước đây: 07:30, Thứ Hai, 07/12/2026)');
    expect(vi.text).toContain('Địa điểm: Phòng họp số 2 (trước đây: Hội trường UBND xã)');
    expect(vi.text).toContain('Tài liệu mới hoặc được thay thế');
    expect(vi.text).toContain('Dự thảo nghị quyết ngân sách');
    expect(vi.text).toContain('Chương trình họp đã được điều chỉnh');
    expect(en.text).toContain('Place: Phòng họp số 2 (was: Hội trường UBND xã)');
    expect(en.text).toContain('The agenda has changed');
  });

  it('repeats the unchanged facts but not what a change line already says', () => {
    const { vi } = changeMessage(meeting, { agenda: true }, origin);
    expect(vi.text).toContain('Thời gian: 07:30, Thứ Hai, 07/12/2026 – 11:00');
    expect(vi.text).not.toContain('Tài liệu mới');
    expect(vi.text.match(/Địa điểm:/g)).toHaveLength(1);
  });

  it.each([[4320, '3 ngày', '3 days'], [60, '1 giờ', '1 hour'], [90, '90 phút', '90 minutes'], [1440, '1 ngày', '1 day'], [120, '2 giờ', '2 hours']])(
    'reads %i minutes ahead as "%s" / "%s"', (minutes, vi, en) => {
      expect(leadTime(minutes, 'vi')).toBe(vi);
      expect(leadTime(minutes, 'en')).toBe(en);
    },
  );

  it('reminds with the time left, and names the documents not yet opened', () => {
    expect(reminderMessage(meeting, 60, origin).vi.text).toContain('Cuộc họp sẽ bắt đầu sau 1 giờ.');
    expect(reminderMessage(meeting, 4320, origin).en.subject).toBe(`Reminder: ${meeting.title} (3 days)`);
    const unread = unreadDocumentsMessage(meeting, ['Báo cáo A', 'Tờ trình B'], origin);
    expect(unread.vi.text).toMatch(/chưa mở các tài liệu sau[^\n]*\n\s+Báo cáo A\n\s+Tờ trình B/);
    expect(unread.en.html).toContain('<li>Tờ trình B</li>');
  });
});

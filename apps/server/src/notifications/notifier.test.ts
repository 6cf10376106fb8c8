import { describe, expect, it } from 'vitest';
import { maskPhone, scrubError, shortText, type OutgoingDelivery } from './notifier.ts';
import { renderEmail } from './email.ts';

// What a provider's error may keep once stored and shown, and what SMS, Zalo and e-mail texts look like.

describe('scrubError', () => {
  it.each([
    ['550 5.1.1 <nguyen.van.a@tanphu.gov.vn>: mailbox unavailable', '550 5.1.1 <n…@tanphu.gov.vn>: mailbox unavailable'],
    ['HTTP 400: invalid number 0912 345 678', 'HTTP 400: invalid number …678'],
    ['HTTP 401: bad token=abc.def-123 for +84912345678', 'HTTP 401: bad token=… for …678'],
    ['Bearer sk_live_9f8e7d rejected', 'Bearer … rejected'],
    ['multi\nline\r\nanswer', 'multi line answer'],
  ])('%j → %j', (raw, shown) => {
    expect(scrubError(raw)).toBe(shown);
  });
  it('keeps at most 300 characters', () => {
    expect(scrubError('x'.repeat(1000))).toHaveLength(300);
  });
  it('masks a phone number for the log', () => {
    expect(maskPhone('0912 345 678')).toBe('…678');
  });
});

const delivery = (over: Partial<OutgoingDelivery> = {}): OutgoingDelivery => ({
  id: 'd', channel: 'sms', idempotencyKey: 'k', attempt: 1, locale: 'vi', event: 'meeting.reminder', councilName: 'HĐND xã <Tân Phú>',
  recipient: { name: 'A', email: 'a@b.vn', phone: '0912345678', zaloUserId: null },
  message: { subject: 'Nhắc họp', text: 'Kỳ họp bắt đầu lúc 8:00.', html: '<p>Kỳ họp bắt đầu lúc <b>8:00</b>.</p>' },
  link: 'https://hopso.test/meetings/1', attachments: [], ...over,
});

describe('message texts', () => {
  it('puts the subject first and keeps the link whole when the SMS is cut', () => {
    expect(shortText(delivery(), 320)).toBe('Nhắc họp\nKỳ họp bắt đầu lúc 8:00.\nhttps://hopso.test/meetings/1');
    const cut = shortText(delivery({ message: { subject: 'S', text: 'y'.repeat(400), html: '' } }), 160);
    expect(cut).toHaveLength(160);
    expect(cut.endsWith('…\nhttps://hopso.test/meetings/1')).toBe(true);
  });
  it('wraps the e-mail in the layout of the recipient’s language, escaping the council name', () => {
    const vi = renderEmail(delivery());
    expect(vi.text).toBe('Kỳ họp bắt đầu lúc 8:00.\n\nMở trong Họp Số: https://hopso.test/meetings/1\n\n--\n\nBạn nhận thư này vì là thành viên của HĐND xã <Tân Phú> trên Họp Số.\n\nĐổi kênh nhận thông báo trong mục Tài khoản của Họp Số.');
    expect(vi.html).toContain('<p>Kỳ họp bắt đầu lúc <b>8:00</b>.</p>');
    expect(vi.html).toContain('HĐND xã &#60;Tân Phú&#62;');
    expect(vi.html).toContain('lang="vi"');
    const en = renderEmail(delivery({ locale: 'en', link: null }));
    expect(en.text).not.toContain('Open in Họp Số');
    expect(en.text).toContain('You receive this e-mail as a member of');
  });
});

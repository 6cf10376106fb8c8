import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError } from '../api.ts';
import { canRetry, emlItems, importEmails, importSummary, skippedLine } from './email-import.ts';
import type { EmailReceipt } from '@hopso/shared/petitions';
import { petitionEndpoints } from './endpoints.ts';

const file = (name: string, text = 'From: a@b.vn\r\n\r\nx') => new File([text], name);
const receipt = (code: string, repeated = false): EmailReceipt => ({ ok: true, petition: { id: `id-${code}`, code, repeated }, skippedAttachments: [] });
const invalid = new ApiError(400, { ok: false, code: 'email_invalid', message: 'Tệp không phải là thư điện tử hợp lệ.', messageEn: 'Not an e-mail.' });

afterEach(() => vi.unstubAllGlobals());

describe('importEmails', () => {
  it('sends the files one at a time, in order, and keeps each outcome: new, repeated, refused', async () => {
    const items = emlItems([file('a.eml'), file('b.eml'), file('a-again.eml')]);
    let inFlight = 0;
    const sent: string[] = [];
    const answers: Record<string, () => EmailReceipt> = {
      'a.eml': () => receipt('KN-AAAAA-AAAAA'),
      'b.eml': () => { throw invalid; },
      'a-again.eml': () => receipt('KN-AAAAA-AAAAA', true),
    };
    await importEmails(items, async (f) => {
      inFlight++;
      expect(inFlight).toBe(1);
      sent.push(f.name);
      await Promise.resolve();
      inFlight--;
      return answers[f.name]!();
    });
    expect(sent).toEqual(['a.eml', 'b.eml', 'a-again.eml']);
    expect(items.map((i) => i.status)).toEqual(['received', 'failed', 'repeated']);
    expect(items[0]!.receipt?.petition.code).toBe('KN-AAAAA-AAAAA');
    expect(items[1]!.error).toBe(invalid);
    expect(items[1]!.receipt).toBeNull();
    expect(importSummary(items)).toEqual({ received: 1, repeated: 1, failed: 1, waiting: 0 });
  });

  it('leaves finished files alone when the clerk adds more and sends again', async () => {
    const [first] = emlItems([file('a.eml')]);
    await importEmails([first!], async () => receipt('KN-11111-11111'));
    const items = [first!, ...emlItems([file('b.eml')])];
    const send = vi.fn(async () => receipt('KN-22222-22222'));
    await importEmails(items, send);
    expect(send).toHaveBeenCalledTimes(1);
    expect(items.map((i) => i.receipt?.petition.code)).toEqual(['KN-11111-11111', 'KN-22222-22222']);
  });

  it('counts files not yet sent as waiting', () => {
    expect(importSummary(emlItems([file('a.eml'), file('b.eml')]))).toEqual({ received: 0, repeated: 0, failed: 0, waiting: 2 });
  });
});

describe('canRetry', () => {
  it('offers to send again after a lost connection or a server failure, not after a refusal of the file', () => {
    expect(canRetry(new NetworkError(new Error('offline')))).toBe(true);
    expect(canRetry(new ApiError(500, { ok: false, code: 'internal', message: 'Lỗi hệ thống.', messageEn: 'Server error.' }))).toBe(true);
    expect(canRetry(invalid)).toBe(false);
    expect(canRetry(new ApiError(413, { ok: false, code: 'payload_too_large', message: 'Quá lớn.', messageEn: 'Too large.' }))).toBe(false);
  });
});

describe('petitionEndpoints.email', () => {
  it('posts the file unchanged as message/rfc822 and answers the receipt', async () => {
    const body = { ...receipt('KN-33333-33333'), skippedAttachments: [{ filename: 'x.exe', mimeType: 'application/octet-stream', bytes: 12, reason: 'type' }] };
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify(body), { status: 201 }));
    vi.stubGlobal('fetch', fetchMock);
    const eml = file('thu.eml', 'From: lan@example.vn\r\nSubject: [Ấp Bình An] Đèn\r\n\r\nNội dung');
    await expect(petitionEndpoints.email('c/1', eml)).resolves.toEqual(body);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/councils/c%2F1/petitions/email');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect((init?.headers as Record<string, string>)['content-type']).toBe('message/rfc822');
    expect(init?.body).toBe(eml);
  });

  it("turns the server's refusal into an ApiError with its code and message", async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(invalid.body), { status: 400 }));
    const err = await petitionEndpoints.email('c1', file('hong.eml')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('email_invalid');
    expect((err as ApiError).body.message).toBe('Tệp không phải là thư điện tử hợp lệ.');
  });
});

describe('skippedLine', () => {
  it('names the file, its size and why it was left out, with the limits in the reader language', () => {
    expect(skippedLine({ filename: 'setup.exe', mimeType: 'application/x-msdownload', bytes: 2048, reason: 'type' }, 'vi')).toEqual({
      name: 'setup.exe', size: '2 KB', reasonKey: 'petitions.email.reason.type', values: { max: '5 MB', count: 3, type: 'application/x-msdownload' },
    });
    const big = skippedLine({ filename: 'anh.jpg', mimeType: 'image/jpeg', bytes: 6.5 * 1024 * 1024, reason: 'size' }, 'vi');
    expect(big.size).toBe('6,5 MB');
    expect(skippedLine({ filename: 'anh.jpg', mimeType: 'image/jpeg', bytes: 6.5 * 1024 * 1024, reason: 'size' }, 'en').size).toBe('6.5 MB');
  });

  it('has no name for a part sent without a file name', () => {
    expect(skippedLine({ filename: '  ', mimeType: '', bytes: 10, reason: 'count' }, 'en')).toMatchObject({ name: null, reasonKey: 'petitions.email.reason.count', values: { type: '?' } });
  });
});

import { describe, expect, it } from 'vitest';
import { formatBytes, looksLikePdf, readShare, titleFromFilename } from './format.ts';

describe('titleFromFilename', () => {
  it.each([
    ['Bao_cao_KTXH_2026.pdf', 'Bao cao KTXH 2026'],
    ['Dự toán ngân sách.PDF', 'Dự toán ngân sách'],
    ['Tờ trình – số 12.pdf', 'Tờ trình – số 12'],
    ['  nhiều   khoảng  trắng .pdf', 'nhiều khoảng trắng'],
    ['no-extension', 'no-extension'],
    ['a.pdf', 'a.pdf'],
  ])('%s → %s', (name, title) => {
    expect(titleFromFilename(name)).toBe(title);
  });

  it('turns decomposed (macOS) Vietnamese into composed letters', () => {
    const nfd = 'Báo cáo.pdf'.normalize('NFD');
    expect(titleFromFilename(nfd)).toBe('Báo cáo'.normalize('NFC'));
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B', '0 B'],
    [512, '512 B', '512 B'],
    [1536, '1,5 KB', '1.5 KB'],
    [1_258_291, '1,2 MB', '1.2 MB'],
    [60_000_000, '57,2 MB', '57.2 MB'],
    [150 * 1024 * 1024, '150 MB', '150 MB'],
    [3 * 1024 ** 3, '3 GB', '3 GB'],
  ])('%d bytes → vi "%s", en "%s"', (bytes, vi, en) => {
    expect(formatBytes(bytes, 'vi')).toBe(vi);
    expect(formatBytes(bytes, 'en')).toBe(en);
  });
});

describe('looksLikePdf', () => {
  it('accepts the PDF type or a .pdf name, whatever the case', () => {
    expect(looksLikePdf({ name: 'x.PDF', type: '' })).toBe(true);
    expect(looksLikePdf({ name: 'x', type: 'application/pdf' })).toBe(true);
    expect(looksLikePdf({ name: 'x.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })).toBe(false);
  });
});

describe('readShare', () => {
  it.each([
    [12, 25, 48],
    [0, 25, 0],
    [25, 25, 100],
    [1, 3, 33],
    [2, 3, 67],
    [0, 0, 0],
  ])('%d of %d delegates → %d %%', (opened, invited, percent) => {
    expect(readShare({ delegatesOpened: opened, delegatesInvited: invited })).toEqual({ opened, invited, percent });
  });
});

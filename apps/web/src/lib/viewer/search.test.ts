import { describe, expect, it } from 'vitest';
import { findMatches, foldQuery, foldText, joinItems, matchToItems } from './search.ts';

describe('document search', () => {
  it('ignores case and Vietnamese diacritics, đ included', () => {
    const text = 'Báo cáo Dự toán NGÂN SÁCH địa phương';
    const [m] = findMatches(text, foldQuery('ngan sach'));
    expect(text.slice(m!.start, m!.end)).toBe('NGÂN SÁCH');
    expect(findMatches(text, foldQuery('dia phuong'))).toHaveLength(1);
  });

  it('treats line ends and runs of spaces as one space', () => {
    const page = joinItems([{ str: 'ngan', hasEOL: true }, { str: 'sach  page 3' }]);
    expect(findMatches(page.text, foldQuery('ngan sach page'))).toEqual([{ start: 0, end: 15 }]);
  });

  it('finds every occurrence without overlaps', () => {
    expect(findMatches('aaaa', foldQuery('aa'))).toEqual([{ start: 0, end: 2 }, { start: 2, end: 4 }]);
    expect(findMatches('anything', foldQuery('   '))).toEqual([]);
  });

  it('keeps offsets of the original text when a character is decomposed', () => {
    const text = 'Nghi quyet: Nghị quyết'.normalize('NFD'); // combining marks as separate characters
    const { folded } = foldText(text);
    expect(folded).toBe('nghi quyet: nghi quyet');
    const ms = findMatches(text, foldQuery('nghị quyết'));
    expect(ms).toHaveLength(2);
    expect(text.slice(ms[1]!.start, ms[1]!.end).normalize('NFC')).toBe('Nghị quyết');
  });

  it('maps a match that spans text runs to the part of each run', () => {
    const page = joinItems([{ str: 'HOPSO-' }, { str: 'PAGE-12', hasEOL: true }, { str: 'next' }]);
    const [m] = findMatches(page.text, foldQuery('so-page'));
    expect(matchToItems(m!, page)).toEqual([{ item: 0, from: 3, to: 6 }, { item: 1, from: 0, to: 4 }]);
  });
});

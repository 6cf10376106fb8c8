import { describe, expect, it } from 'vitest';
import { addCommentRequest, commentPlace, commentsOpen, groupComments } from './comments.ts';

const c = (id: string, version: number, page: number, section: string | null, createdAt = `2026-05-01T00:00:0${id.length}Z`) => ({ id, version, page, section, createdAt });

describe('groupComments', () => {
  it.each([
    ['one group per page', [c('a', 1, 2, null), c('b', 1, 1, null)], [['1/1/-', ['b']], ['1/2/-', ['a']]]],
    ['the same section is one group whatever its case or spaces', [c('a', 2, 3, 'Điều 3'), c('bb', 2, 3, ' điều 3 ')], [['2/3/Điều 3', ['a', 'bb']]]],
    ['sections in the draft order, none first', [c('a', 1, 1, 'Điều 10'), c('b', 1, 1, 'Điều 2'), c('c', 1, 1, null)], [['1/1/-', ['c']], ['1/1/Điều 2', ['b']], ['1/1/Điều 10', ['a']]]],
    ['the current version before a replaced one', [c('a', 1, 1, null), c('b', 2, 5, null)], [['2/5/-', ['b']], ['1/1/-', ['a']]]],
    ['nothing to group', [], []],
  ] as const)('%s', (_, list, expected) => {
    const groups = groupComments([...list]);
    expect(groups.map((g) => [`${g.version}/${g.page}/${g.section ?? '-'}`, g.comments.map((x) => x.id)])).toEqual(expected);
  });

  it('orders the comments of a group oldest first', () => {
    const groups = groupComments([c('late', 1, 1, null, '2026-05-02T00:00:00Z'), c('early', 1, 1, null, '2026-05-01T00:00:00Z')]);
    expect(groups[0]!.comments.map((x) => x.id)).toEqual(['early', 'late']);
  });
});

describe('commentPlace', () => {
  it.each([
    [{ version: 2, page: 2, section: null }, 2, 'vi', 'Trang 2'],
    [{ version: 2, page: 2, section: 'Điều 3' }, 2, 'vi', 'Trang 2, Điều 3'],
    [{ version: 1, page: 4, section: 'khoản 1' }, 2, 'vi', 'Trang 4, khoản 1 (phiên bản 1)'],
    [{ version: 1, page: 4, section: null }, 3, 'en', 'Page 4 (version 1)'],
  ] as const)('%o of current %i (%s) → %s', (comment, current, lang, expected) => {
    expect(commentPlace(comment, current, lang)).toBe(expected);
  });
});

describe('commentsOpen', () => {
  const now = new Date('2026-05-10T03:00:00Z');
  it.each([
    [null, false],
    [{ closesAt: '2026-05-10T10:00:00+07:00' }, false],
    [{ closesAt: '2026-05-10T10:00:01+07:00' }, true],
    [{ closesAt: new Date('2026-05-09T00:00:00Z') }, false],
  ] as const)('period %o → %s', (settings, expected) => expect(commentsOpen(settings, now)).toBe(expected));
});

describe('addCommentRequest', () => {
  it('needs a text and takes no anchor by default', () => {
    expect(addCommentRequest.parse({ page: 2, text: ' Đề nghị sửa ' })).toStrictEqual({ page: 2, text: 'Đề nghị sửa', quote: null, section: null });
    expect(addCommentRequest.safeParse({ page: 2, text: '  ' }).success).toBe(false);
    expect(addCommentRequest.safeParse({ page: 0, text: 'x' }).success).toBe(false);
  });
});

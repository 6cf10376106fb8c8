import { describe, expect, it } from 'vitest';
import { allowedActions, petitionStatuses } from '@hopso/shared/petitions';
import { ApiError } from '../api.ts';
import { bulkItems, dayMonthYear, emptyRow, fieldMessage, filterFromSearch, filterSearch, firstAction, listQueryString, noFilter, pageCount, parseKeywords, toListQuery, withoutShownFields } from './format.ts';

const validation = new ApiError(400, {
  ok: false, code: 'validation', message: 'Một số trường chưa hợp lệ.', messageEn: 'Some fields are not valid.',
  fields: { 'items.1.content': [{ vi: 'Quá ngắn', en: 'Too short' }], deadline: [{ vi: 'Sai ngày', en: 'Bad date' }] },
});

describe('list queries', () => {
  it('sends only the filters that are set, overdue as a flag', () => {
    expect(listQueryString(toListQuery(noFilter()))).toBe('?limit=20&offset=0');
    expect(listQueryString(toListQuery({ ...noFilter(), status: 'assigned', q: '  đường ', overdue: true }, 40))).toBe('?status=assigned&q=%C4%91%C6%B0%E1%BB%9Dng&overdue=true&limit=20&offset=40');
  });

  it('keeps the filter in the page address and reads it back, ignoring what is not a status or channel', () => {
    const f = { ...noFilter(), channel: 'meeting' as const, locality: 'Ấp Bình An', overdue: true };
    const search = filterSearch(f, 20);
    expect(search).not.toContain('limit');
    expect(filterFromSearch(new URLSearchParams(search))).toEqual({ filter: f, offset: 20 });
    expect(filterFromSearch(new URLSearchParams('status=bogus&channel=fax&offset=-3'))).toEqual({ filter: noFilter(), offset: 0 });
    expect(filterSearch(noFilter(), 0)).toBe('');
  });

  it('counts pages, one at least', () => {
    expect([pageCount(0, 20), pageCount(20, 20), pageCount(21, 20)]).toEqual([1, 1, 2]);
  });
});

describe('dates', () => {
  it('writes calendar dates and instants day first in Vietnam time', () => {
    expect(dayMonthYear('2026-05-31')).toBe('31/05/2026');
    expect(dayMonthYear('2026-05-31T18:30:00.000Z')).toBe('01/06/2026');
    expect(dayMonthYear(null)).toBe('—');
  });
});

describe('server field errors', () => {
  it('finds the message of one path in the UI language', () => {
    expect(fieldMessage(validation, 'items.1.content', 'vi')).toBe('Quá ngắn');
    expect(fieldMessage(validation, 'deadline', 'en')).toBe('Bad date');
    expect(fieldMessage(validation, 'items.0.content', 'vi')).toBeNull();
    expect(fieldMessage(new Error('x'), 'deadline', 'vi')).toBeNull();
  });

  it('drops the fields shown beside inputs from the summary, keeping the rest', () => {
    const rest = withoutShownFields(validation, (p) => p.startsWith('items.')) as ApiError;
    expect(Object.keys(rest.fields ?? {})).toEqual(['deadline']);
    expect((withoutShownFields(validation, () => true) as ApiError).fields).toBeUndefined();
    expect(rest.message).toBe(validation.message);
  });
});

describe('voter-contact rows', () => {
  it('leaves blank rows out and maps each sent item back to its form row', () => {
    const rows = [emptyRow(), { ...emptyRow(), locality: 'Ấp 1', content: 'Sửa đường liên ấp' }, emptyRow(), { ...emptyRow(), content: 'Thiếu địa bàn', submitterName: 'Lê Văn A' }];
    const { items, rowOf } = bulkItems(rows);
    expect(rowOf).toEqual([1, 3]);
    expect(items[0]).toEqual({ locality: 'Ấp 1', content: 'Sửa đường liên ấp', submitterName: null, submitterContact: null });
    expect(items[1]!.submitterName).toBe('Lê Văn A');
  });
});

describe('keywords', () => {
  it('splits on commas, semicolons and lines, dropping blanks and repeats', () => {
    expect(parseKeywords('đường, cầu;\n Đường ,, điện')).toEqual(['đường', 'cầu', 'điện']);
    expect(parseKeywords(' , ')).toEqual([]);
  });
});

describe('the first form on a petition', () => {
  it('is the next workflow step when allowed, else the first allowed action, else none', () => {
    expect(firstAction('received', allowedActions('received'))).toBe('classify');
    expect(firstAction('classified', allowedActions('classified'))).toBe('assign');
    expect(firstAction('assigned', allowedActions('assigned'))).toBe('answer');
    expect(firstAction('answered', allowedActions('answered'))).toBe('publish');
    expect(firstAction('answered', [])).toBeNull();
    for (const s of petitionStatuses) if (!allowedActions(s).length) expect(firstAction(s, allowedActions(s))).toBeNull();
  });
});

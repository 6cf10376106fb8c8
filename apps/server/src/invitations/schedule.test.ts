import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from '@hopso/shared/rules';
import { dueNotices, horizonMinutes, noticeKey, type ScheduleInput } from './schedule.ts';
import { mergeChanges } from './changes.ts';

const start = new Date('2026-12-10T01:00:00Z'); // 08:00 Vietnam time
const at = (hoursBefore: number) => new Date(start.getTime() - hoursBefore * 3600_000);
const meeting = (over: Partial<ScheduleInput> = {}): ScheduleInput => ({ startsAt: start, publishedAt: at(24 * 10), status: 'published', ...over });
const rules = { reminderMinutes: defaultRuleSet.reminderMinutes, unreadDocumentsMinutes: defaultRuleSet.unreadDocumentsMinutes };

describe('which reminders are due', () => {
  it.each<[string, ScheduleInput, number, string[]]>([
    ['nothing a week ahead', meeting(), 24 * 7, []],
    ['nothing just before the 3-day mark', meeting(), 72.01, []],
    ['the 3-day reminder at the mark', meeting(), 72, ['reminder:4320']],
    ['the 3-day reminder still, two days ahead', meeting(), 48, ['reminder:4320']],
    ['the 3-day reminder and the unread documents one a day ahead', meeting(), 24, ['reminder:4320', 'unreadDocuments:1440']],
    ['only the 1-hour reminder (and the unread one) in the last hour', meeting(), 0.5, ['reminder:60', 'unreadDocuments:1440']],
    ['nothing once the meeting started', meeting(), 0, []],
    ['nothing for a draft', meeting({ status: 'draft' }), 24, []],
    ['nothing for a cancelled meeting', meeting({ status: 'cancelled' }), 24, []],
    ['nothing for a live one', meeting({ status: 'live' }), 0.5, []],
    ['not the 3-day reminder of a meeting published two days ahead: the invitation covers it', meeting({ publishedAt: at(48) }), 30, []],
    ['the unread documents one of a meeting published two days ahead', meeting({ publishedAt: at(48) }), 12, ['unreadDocuments:1440']],
    ['the 1-hour one of a meeting published the day before', meeting({ publishedAt: at(20) }), 0.75, ['reminder:60']],
  ])('%s', (_name, input, hoursBefore, expected) => {
    expect(dueNotices(input, rules, at(hoursBefore)).map((n) => `${n.kind}:${n.minutes}`)).toEqual(expected);
  });

  it('follows the council’s offsets, with the unread documents reminder turned off by 0', () => {
    const custom = { reminderMinutes: [120, 7 * 1440, 120], unreadDocumentsMinutes: 0 };
    expect(dueNotices(meeting({ publishedAt: at(24 * 30) }), custom, at(24 * 6)).map((n) => n.minutes)).toEqual([7 * 1440]);
    expect(dueNotices(meeting({ publishedAt: at(24 * 30) }), custom, at(1.5))).toEqual([{ kind: 'reminder', minutes: 120 }]);
    expect(dueNotices(meeting(), { reminderMinutes: [], unreadDocumentsMinutes: 0 }, at(0.5))).toEqual([]);
  });

  it('looks ahead as far as the longest offset', () => {
    expect(horizonMinutes(rules)).toBe(4320);
    expect(horizonMinutes({ reminderMinutes: [], unreadDocumentsMinutes: 0 })).toBe(0);
  });

  it('keys a reminder by offset, meeting and start, so a moved meeting is reminded again', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    expect(noticeKey({ kind: 'reminder', minutes: 60 }, id, start)).toBe(`reminder:60:${id}:${start.getTime()}`);
    expect(noticeKey({ kind: 'reminder', minutes: 60 }, id, at(-24))).not.toBe(noticeKey({ kind: 'reminder', minutes: 60 }, id, start));
    expect(noticeKey({ kind: 'unreadDocuments', minutes: 1440 }, id, start)).toMatch(/^documents-unread:1440:/);
  });
});

describe('coalescing a burst of edits', () => {
  it('keeps the first old value and the newest new one, and drops a field changed back', () => {
    const first = mergeChanges({}, { place: { from: 'A', to: 'B' }, documents: ['X'] });
    const second = mergeChanges(first, { place: { from: 'B', to: 'C' }, documents: ['Y', 'X'], agenda: true });
    expect(second).toEqual({ place: { from: 'A', to: 'C' }, documents: ['X', 'Y'], agenda: true });
    expect(mergeChanges(second, { place: { from: 'C', to: 'A' } })).toEqual({ documents: ['X', 'Y'], agenda: true });
  });

  it('keeps an online link that was none before', () => {
    const merged = mergeChanges(mergeChanges({}, { onlineUrl: { from: null, to: 'https://a' } }), { onlineUrl: { from: 'https://a', to: 'https://b' } });
    expect(merged).toEqual({ onlineUrl: { from: null, to: 'https://b' } });
  });
});

import { describe, expect, it } from 'vitest';
import { createTopicRequest, followUpCounts, followUpStatus, publishBlockers, updateTopicRequest, vietnamToday } from './supervision.ts';

describe('followUpStatus', () => {
  it.each([
    ['pending', null, '2026-05-10', 'pending'],
    ['pending', '2026-05-10', '2026-05-10', 'pending'],
    ['pending', '2026-05-09', '2026-05-10', 'overdue'],
    ['inProgress', '2026-06-01', '2026-05-10', 'inProgress'],
    ['inProgress', '2026-04-30', '2026-05-10', 'overdue'],
    ['done', '2026-01-01', '2026-05-10', 'done'],
    ['done', null, '2026-05-10', 'done'],
  ] as const)('%s due %s on %s → %s', (status, dueOn, today, expected) => {
    expect(followUpStatus({ status, dueOn }, today)).toBe(expected);
  });

  it('counts each follow-up status once', () => {
    const list = [
      { status: 'pending', dueOn: null }, { status: 'pending', dueOn: '2026-01-01' }, { status: 'inProgress', dueOn: null }, { status: 'done', dueOn: '2026-01-01' },
    ] as const;
    expect(followUpCounts([...list], '2026-02-01')).toEqual({ pending: 1, inProgress: 1, done: 1, overdue: 1 });
  });
});

describe('vietnamToday', () => {
  it.each([
    ['2026-05-31T16:59:59Z', '2026-05-31'],
    ['2026-05-31T17:00:00Z', '2026-06-01'],
  ])('%s → %s', (at, expected) => expect(vietnamToday(new Date(at))).toBe(expected));
});

describe('publishBlockers', () => {
  it.each([
    [{ status: 'done', findings: 'Kết quả', publishedAt: null }, []],
    [{ status: 'ongoing', findings: 'Kết quả', publishedAt: null }, ['not_done']],
    [{ status: 'done', findings: '  ', publishedAt: null }, ['no_findings']],
    [{ status: 'done', findings: 'x', publishedAt: '2026-01-01T00:00:00Z' }, ['already_published']],
  ] as const)('%j → %j', (topic, expected) => expect(publishBlockers(topic)).toEqual(expected));
});

describe('plan requests', () => {
  const member = (n: number, role: 'head' | 'deputy' | 'member') => ({ memberId: `00000000-0000-4000-8000-00000000000${n}`, role });
  it('accepts a plan with a delegation and one head', () => {
    const parsed = createTopicRequest.parse({ title: 'Giám sát công tác giải phóng mặt bằng', periodFrom: '2026-05-01', periodTo: '2026-06-30', members: [member(1, 'head'), member(2, 'member')] });
    expect(parsed.scope).toBe('');
    expect(parsed.members).toHaveLength(2);
  });
  it.each([
    ['a period that ends before it starts', { periodFrom: '2026-07-01', periodTo: '2026-06-30' }, 'periodTo'],
    ['two heads', { members: [member(1, 'head'), member(2, 'head')] }, 'members'],
    ['a delegate twice', { members: [member(1, 'head'), member(1, 'member')] }, 'members'],
    ['a short title', { title: 'GS' }, 'title'],
  ])('refuses %s', (_name, change, field) => {
    const result = createTopicRequest.safeParse({ title: 'Giám sát công tác giải phóng mặt bằng', periodFrom: '2026-05-01', periodTo: '2026-06-30', ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0])).toContain(field);
  });
  it('checks the period on an update only when both ends are given', () => {
    expect(updateTopicRequest.safeParse({ periodTo: '2020-01-01' }).success).toBe(true);
    expect(updateTopicRequest.safeParse({ periodFrom: '2026-02-01', periodTo: '2026-01-01' }).success).toBe(false);
  });
});

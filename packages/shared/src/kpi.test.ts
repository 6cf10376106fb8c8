import { describe, expect, it } from 'vitest';
import { answeredOnTime, deliveredOnTime, doneYearToDate, isPaperless, kpiMonth, kpiQuery, kpiReportRows, kpiTotal, monthBounds, monthOf, monthsBetween, percent, type KpiCounts } from './kpi.ts';

const counts = (over: Partial<KpiCounts> = {}): KpiCounts => ({
  month: '2026-05', meetingsHeld: 0, meetingsPaperless: 0, resolutionsAdopted: 0, resolutionsSigned: 0, sessionDocuments: 0, documentsOnTime: 0,
  petitionsReceived: 0, petitionsAnswered: 0, petitionsAnsweredOnTime: 0, supervisionDone: 0, ...over,
});

describe('percent', () => {
  it.each([
    [0, 0, null], [0, 3, 0], [2, 3, 66.7], [1, 3, 33.3], [3, 3, 100], [1, 8, 12.5], [9, 10, 90],
  ] as const)('%i of %i → %s', (part, whole, expected) => expect(percent(part, whole)).toBe(expected));
});

describe('months in Vietnam time', () => {
  it.each([
    ['2026-05', '2026-04-30T17:00:00.000Z', '2026-05-31T17:00:00.000Z'],
    ['2026-12', '2026-11-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z'],
    ['2026-01', '2025-12-31T17:00:00.000Z', '2026-01-31T17:00:00.000Z'],
  ])('%s starts %s and ends %s', (m, start, end) => {
    const b = monthBounds(m);
    expect([b.start.toISOString(), b.end.toISOString()]).toEqual([start, end]);
  });
  it.each([
    [new Date('2026-05-31T16:59:59Z'), '2026-05'],
    [new Date('2026-05-31T17:00:00Z'), '2026-06'],
    ['2026-05-31', '2026-05'],
    ['2026-12-31T23:00:00+07:00', '2026-12'],
  ])('%s is in %s', (at, expected) => expect(monthOf(at)).toBe(expected));
  it('lists the months of a range across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
    expect(monthsBetween('2026-04', '2026-03')).toEqual([]);
  });
  it('refuses a bad month, a reversed range and more than two years', () => {
    expect(kpiQuery.safeParse({ from: '2026-1', to: '2026-02' }).success).toBe(false);
    expect(kpiQuery.safeParse({ from: '2026-13', to: '2026-12' }).success).toBe(false);
    expect(kpiQuery.safeParse({ from: '2026-05', to: '2026-04' }).success).toBe(false);
    expect(kpiQuery.safeParse({ from: '2024-01', to: '2026-01' }).success).toBe(false);
    expect(kpiQuery.safeParse({ from: '2024-02', to: '2026-01' }).success).toBe(true);
  });
});

describe('what counts', () => {
  it.each([
    [{ paperPolls: 0, paperOnlyDocuments: 0 }, true], [{ paperPolls: 1, paperOnlyDocuments: 0 }, false], [{ paperPolls: 0, paperOnlyDocuments: 2 }, false],
  ])('paperless %j → %s', (m, expected) => expect(isPaperless(m)).toBe(expected));
  it.each([
    [{ hasPdf: true, late: false }, true], [{ hasPdf: true, late: true }, false], [{ hasPdf: false, late: false }, false],
  ])('delivered %j → %s', (d, expected) => expect(deliveredOnTime(d)).toBe(expected));
  it.each([
    [{ answeredOn: '2026-05-10', deadline: '2026-05-10' }, true], [{ answeredOn: '2026-05-11', deadline: '2026-05-10' }, false],
    [{ answeredOn: null, deadline: '2026-05-10' }, false], [{ answeredOn: '2026-05-11', deadline: null }, true],
  ])('answered %j → %s', (p, expected) => expect(answeredOnTime(p)).toBe(expected));
});

describe('kpiMonth and kpiTotal', () => {
  it('computes the shares, null where nothing happened', () => {
    expect(kpiMonth(counts({ meetingsHeld: 4, meetingsPaperless: 3, resolutionsAdopted: 2, resolutionsSigned: 1 }))).toMatchObject({ paperlessPct: 75, signedPct: 50, onTimePct: null, petitionsOnTimePct: null });
  });
  it('totals the counts and takes shares of the sums, not the average of the shares', () => {
    const total = kpiTotal([counts({ meetingsHeld: 1, meetingsPaperless: 1 }), counts({ month: '2026-06', meetingsHeld: 3, meetingsPaperless: 0, supervisionDone: 1 })], 'Tổng');
    expect(total).toMatchObject({ month: 'Tổng', meetingsHeld: 4, meetingsPaperless: 1, paperlessPct: 25, supervisionDone: 1, petitionsReceived: 0 });
  });
  it('totals the petitions answered on time over the answered ones', () => {
    const total = kpiTotal([counts({ petitionsReceived: 2, petitionsAnswered: 2, petitionsAnsweredOnTime: 1 }), counts()], 'T');
    expect(total).toMatchObject({ petitionsReceived: 2, petitionsAnswered: 2, petitionsAnsweredOnTime: 1, petitionsOnTimePct: 50 });
  });
  it('counts topics done in the year up to the month', () => {
    const done = ['2025-12-20', '2026-02-01', '2026-05-31', '2026-06-01'];
    expect([doneYearToDate(done, '2026-01'), doneYearToDate(done, '2026-05'), doneYearToDate(done, '2026-12'), doneYearToDate(done, '2025-12')]).toEqual([0, 2, 3, 1]);
  });
  it('writes the report rows in Vietnamese with the counts behind each share', () => {
    const rows = kpiReportRows(kpiMonth(counts({ meetingsHeld: 3, meetingsPaperless: 2, supervisionDone: 1 })), 2);
    expect(rows[0]!.slice(2, 5)).toEqual(['66,7%', 2, 3]);
    expect(rows[1]![2]).toBe('Không phát sinh');
    expect(rows[4]!.slice(2, 5)).toEqual([0, 0, 0]);
    expect(rows[5]!.slice(2)).toEqual([1, '', '', 'Lũy kế từ đầu năm: 2']);
  });
});

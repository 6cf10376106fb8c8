import { describe, expect, it } from 'vitest';
import { autoAssign, layoutErrors, parseSeatLabel, seatLabel, seatState, seatsOf, type VenueLayout } from './seating.ts';

const hall = (over: Partial<VenueLayout> = {}): VenueLayout => ({ rows: 2, seatsPerRow: 4, presidiumSeats: 2, blocks: [], gaps: [], ...over });

describe('seat labels', () => {
  it.each([
    [1, 12, 'A-12'], [3, 1, 'C-1'], [0, 2, 'CT-2'], [26, 60, 'Z-60'],
  ])('row %i seat %i is %s and reads back', (row, n, label) => {
    expect(seatLabel(row, n)).toBe(label);
    expect(parseSeatLabel(label)).toEqual({ row, number: n });
  });
  it.each(['A12', 'A-0', 'AA-1', '1-1', 'A-123', '', 'CT-'])('%j is not a label', (s) => {
    expect(parseSeatLabel(s)).toBeNull();
  });
});

describe('layoutErrors', () => {
  it.each<[string, Partial<VenueLayout>, string[]]>([
    ['a plain grid', {}, []],
    ['two blocks side by side', { blocks: [{ name: 'Khu A', fromSeat: 1, toSeat: 2 }, { name: 'Khu B', fromSeat: 3, toSeat: 4 }] }, []],
    ['overlapping blocks', { blocks: [{ name: 'Khu A', fromSeat: 1, toSeat: 3 }, { name: 'Khu B', fromSeat: 3, toSeat: 4 }] }, ['blocks.1.fromSeat']],
    ['a block past the row', { blocks: [{ name: 'Khu A', fromSeat: 1, toSeat: 5 }] }, ['blocks.0.toSeat']],
    ['a reversed block', { blocks: [{ name: 'Khu A', fromSeat: 3, toSeat: 2 }] }, ['blocks.0.toSeat']],
    ['the same block name twice', { blocks: [{ name: 'Khu A', fromSeat: 1, toSeat: 1 }, { name: 'khu a', fromSeat: 2, toSeat: 2 }] }, ['blocks.1.name']],
    ['a gap outside the grid', { gaps: ['C-1'] }, ['gaps.0']],
    ['a gap beyond the presidium', { gaps: ['CT-3'] }, ['gaps.0']],
    ['a gap listed twice', { gaps: ['A-1', 'A-1'] }, ['gaps.1']],
    ['no seat left', { rows: 1, seatsPerRow: 1, presidiumSeats: 0, gaps: ['A-1'] }, ['gaps']],
  ])('%s', (_, over, fields) => {
    const errors = layoutErrors(hall(over));
    expect(Object.keys(errors).sort()).toEqual(fields.sort());
    for (const list of Object.values(errors)) for (const m of list) expect(m.vi && m.en).toBeTruthy();
  });
});

describe('seatsOf', () => {
  it('lists the presidium first, then rows front to back, leaving gaps out and naming blocks', () => {
    const seats = seatsOf(hall({ gaps: ['A-2', 'CT-1'], blocks: [{ name: 'Trái', fromSeat: 1, toSeat: 2 }] }));
    expect(seats.map((s) => s.label)).toEqual(['CT-2', 'A-1', 'A-3', 'A-4', 'B-1', 'B-2', 'B-3', 'B-4']);
    expect(seats.find((s) => s.label === 'B-2')?.block).toBe('Trái');
    expect(seats.find((s) => s.label === 'B-3')?.block).toBeNull();
    expect(seats[0]?.presidium).toBe(true);
  });
});

describe('autoAssign', () => {
  const seats = seatsOf(hall({ rows: 1, seatsPerRow: 2, presidiumSeats: 1 }));
  it.each<[string, { userId: string; presiding: boolean }[], { userId: string; label: string }[], string[], string[]]>([
    ['delegates fill the hall in order', [{ userId: 'a', presiding: false }, { userId: 'b', presiding: false }], [], ['a:A-1', 'b:A-2'], []],
    ['the chair takes the presidium', [{ userId: 'd', presiding: false }, { userId: 'c', presiding: true }], [], ['d:A-1', 'c:CT-1'], []],
    ['a second chair sits in the hall when the presidium is full', [{ userId: 'c', presiding: true }, { userId: 'c2', presiding: true }], [], ['c:CT-1', 'c2:A-1'], []],
    ['taken seats and seated people are skipped', [{ userId: 'a', presiding: false }, { userId: 'b', presiding: false }], [{ userId: 'a', label: 'A-2' }], ['b:A-1'], []],
    ['who is left when the hall is full is unseated', [{ userId: 'a', presiding: false }, { userId: 'b', presiding: false }, { userId: 'x', presiding: false }], [], ['a:A-1', 'b:A-2'], ['x']],
  ])('%s', (_, invitees, taken, assigned, unseated) => {
    const out = autoAssign(seats, invitees, taken);
    expect(out.assigned.map((a) => `${a.userId}:${a.label}`)).toEqual(assigned);
    expect(out.unseated).toEqual(unseated);
  });
});

describe('seatState', () => {
  const list = new Map([['p', 'present'], ['l', 'late'], ['x', 'absent']] as const);
  it.each([[null, 'empty'], ['p', 'present'], ['l', 'late'], ['x', 'absent'], ['n', 'unknown']] as const)('occupant %s → %s', (who, state) => {
    expect(seatState(who, list)).toBe(state);
  });
});

import { describe, expect, it } from 'vitest';
import type { MeetingSeating } from '@hopso/shared/seating';
import { planRows, shortName, stateCounts } from './plan.ts';
import vi from './vi.json';
import en from './en.json';

const seating: MeetingSeating = {
  venue: null,
  invitees: [
    { userId: 'a', fullName: 'Nguyễn Văn An', role: 'delegate', label: 'A-1' },
    { userId: 'b', fullName: 'Trần Thị Bình', role: 'delegate', label: 'A-3' },
    { userId: 'c', fullName: 'Lê Chủ Tọa', role: 'chair', label: 'CT-1' },
    { userId: 'd', fullName: 'Không Ghế', role: 'delegate', label: null },
  ],
};
const layout = { rows: 1, seatsPerRow: 3, presidiumSeats: 1, blocks: [{ name: 'Trái', fromSeat: 1, toSeat: 1 }], gaps: ['A-2'] };

describe('planRows', () => {
  it('draws the presidium then the rows, with occupants, gaps, blocks and attendance states', () => {
    const rows = planRows(layout, seating, new Map([['a', 'present'], ['c', 'late']] as const));
    expect(rows.map((r) => r.cells.map((c) => `${c.label}:${c.gap ? 'gap' : c.state}`))).toEqual([['CT-1:late'], ['A-1:present', 'A-2:gap', 'A-3:unknown']]);
    expect(rows[1]!.cells[0]!.block).toBe('Trái');
    expect(stateCounts(rows)).toEqual({ present: 1, late: 1, absent: 0, unknown: 1, empty: 0 });
  });
  it('says unknown for everyone seated when no attendance is given', () => {
    expect(planRows(layout, seating).flatMap((r) => r.cells).filter((c) => c.occupant).every((c) => c.state === 'unknown')).toBe(true);
  });
});

describe('shortName', () => {
  it.each([['Nguyễn Văn An', 'An'], ['  Lan ', 'Lan']])('%s → %s', (full, short) => expect(shortName(full)).toBe(short));
});

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
describe('the seating catalogues', () => {
  it('have the same keys, no empty strings and the same placeholders in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, value] of Object.entries(vi)) {
      expect(value.trim(), key).not.toBe('');
      expect(placeholders((en as Record<string, string>)[key]!), key).toEqual(placeholders(value));
    }
  });
});

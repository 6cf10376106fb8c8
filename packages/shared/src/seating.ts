import { z } from 'zod';
import { bilingual, type FieldErrors } from './errors.ts';

// Seating plan (sơ đồ chỗ ngồi): a venue (hội trường) belongs to a council and is drawn once as a grid — rows
// A, B, C… of numbered seats, named blocks (khu) over ranges of seat numbers, a presidium row (hàng Đoàn
// Chủ tịch) in front — and each meeting gives its invitees seats in it. Routes: docs/api.md "Seating plan".

/** Most rows a hall may have: rows are lettered A–Z. */
export const maxRows = 26;
/** Most seats in one row. */
export const maxSeatsPerRow = 60;
/** Most seats in the presidium row. */
export const maxPresidiumSeats = 20;
/** Prefix of presidium seat labels: "CT-1" (Chủ tọa). */
export const presidiumPrefix = 'CT';

export const seatBlock = z.object({
  name: z.string().trim().min(1).max(40),
  fromSeat: z.number().int().min(1).max(maxSeatsPerRow),
  toSeat: z.number().int().min(1).max(maxSeatsPerRow),
});
export type SeatBlock = z.infer<typeof seatBlock>;

export const venueLayout = z.object({
  rows: z.number().int().min(1).max(maxRows),
  seatsPerRow: z.number().int().min(1).max(maxSeatsPerRow),
  presidiumSeats: z.number().int().min(0).max(maxPresidiumSeats),
  blocks: z.array(seatBlock).max(10),
  /** Places of the grid with no seat (aisles, pillars), by label. */
  gaps: z.array(z.string().max(8)).max(maxRows * maxSeatsPerRow),
});
export type VenueLayout = z.infer<typeof venueLayout>;

export const venueRequest = z.object({
  name: z.string().trim().min(1, bilingual('Nhập tên hội trường.', 'Enter the hall name.')).max(120),
  layout: venueLayout,
});
export type VenueRequest = z.infer<typeof venueRequest>;

export const venue = z.object({ id: z.uuid(), councilId: z.uuid(), name: z.string(), layout: venueLayout, seatCount: z.number().int(), updatedAt: z.string() });
export type Venue = z.infer<typeof venue>;

/** One seat of a venue: its label ("A-12", "CT-1"), grid place and block. */
export interface Seat {
  label: string;
  /** 0 for the presidium row, 1… for the hall rows from the front. */
  row: number;
  number: number;
  block: string | null;
  presidium: boolean;
}

/** The letter of hall row `row` (1 → "A"). */
export function rowLetter(row: number): string {
  return String.fromCharCode(64 + row);
}

/** The label of a seat: "A-12" for row A seat 12, "CT-3" for the third presidium seat. */
export function seatLabel(row: number, number: number): string {
  return `${row === 0 ? presidiumPrefix : rowLetter(row)}-${number}`;
}

/** Reads a seat label back into its row (0 = presidium) and number; null when it is not a label. */
export function parseSeatLabel(label: string): { row: number; number: number } | null {
  const m = /^(CT|[A-Z])-([1-9][0-9]?)$/.exec(label.trim().toUpperCase());
  if (!m) return null;
  return { row: m[1] === presidiumPrefix ? 0 : m[1]!.charCodeAt(0) - 64, number: Number(m[2]) };
}

/**
 * Why a layout cannot be saved, per field, in both languages (empty when it is fine): blocks inside the row
 * and not overlapping, names unique, gaps naming real places of the grid. The zod schema checks the ranges.
 */
export function layoutErrors(layout: VenueLayout): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, vi: string, en: string) => (errors[field] ??= []).push({ vi, en });
  const names = new Set<string>();
  layout.blocks.forEach((b, i) => {
    if (b.fromSeat > b.toSeat) add(`blocks.${i}.toSeat`, 'Ghế cuối của khu phải sau ghế đầu.', 'The last seat of a block must come after its first.');
    if (b.toSeat > layout.seatsPerRow) add(`blocks.${i}.toSeat`, `Mỗi hàng chỉ có ${layout.seatsPerRow} ghế.`, `A row has only ${layout.seatsPerRow} seats.`);
    const key = b.name.trim().toLocaleLowerCase('vi');
    if (names.has(key)) add(`blocks.${i}.name`, 'Tên khu bị trùng.', 'Two blocks have the same name.');
    names.add(key);
    layout.blocks.slice(0, i).forEach((o) => {
      if (b.fromSeat <= o.toSeat && o.fromSeat <= b.toSeat) add(`blocks.${i}.fromSeat`, `Khu "${b.name}" chồng lên khu "${o.name}".`, `Block "${b.name}" overlaps block "${o.name}".`);
    });
  });
  const gaps = new Set<string>();
  layout.gaps.forEach((g, i) => {
    const p = parseSeatLabel(g);
    const inside = p && (p.row === 0 ? p.number <= layout.presidiumSeats : p.row <= layout.rows && p.number <= layout.seatsPerRow);
    if (!inside) add(`gaps.${i}`, `"${g}" không phải vị trí trong sơ đồ.`, `"${g}" is not a place in the grid.`);
    if (gaps.has(g)) add(`gaps.${i}`, `"${g}" bị lặp.`, `"${g}" is listed twice.`);
    gaps.add(g);
  });
  if (seatsOf(layout).length === 0) add('gaps', 'Sơ đồ phải có ít nhất một ghế.', 'The plan needs at least one seat.');
  return errors;
}

/** Every seat of a layout, presidium first, then row by row from the front, left to right; gaps left out. */
export function seatsOf(layout: VenueLayout): Seat[] {
  const gaps = new Set(layout.gaps);
  const seats: Seat[] = [];
  for (let n = 1; n <= layout.presidiumSeats; n++) {
    const label = seatLabel(0, n);
    if (!gaps.has(label)) seats.push({ label, row: 0, number: n, block: null, presidium: true });
  }
  for (let row = 1; row <= layout.rows; row++) {
    for (let n = 1; n <= layout.seatsPerRow; n++) {
      const label = seatLabel(row, n);
      if (gaps.has(label)) continue;
      seats.push({ label, row, number: n, block: layout.blocks.find((b) => n >= b.fromSeat && n <= b.toSeat)?.name ?? null, presidium: false });
    }
  }
  return seats;
}

/**
 * Auto-assignment (xếp chỗ tự động): each invitee without a seat gets the next free seat in plan order
 * (presidium first for those who preside, the hall from the front for everyone else), in the order given.
 * Returns the new assignments only; invitees left over when the hall is full are in `unseated`.
 */
export function autoAssign(
  seats: Seat[], invitees: { userId: string; presiding: boolean }[], taken: { userId: string; label: string }[],
): { assigned: { userId: string; label: string }[]; unseated: string[] } {
  const used = new Set(taken.map((t) => t.label));
  const seated = new Set(taken.map((t) => t.userId));
  const free = (presidium: boolean) => seats.filter((s) => s.presidium === presidium && !used.has(s.label));
  const queues = { true: free(true), false: free(false) };
  const assigned: { userId: string; label: string }[] = [];
  const unseated: string[] = [];
  for (const person of invitees) {
    if (seated.has(person.userId)) continue;
    // Someone presiding sits in the hall when the presidium row is full, never the other way round.
    const seat = (person.presiding ? queues.true.shift() : undefined) ?? queues.false.shift();
    if (!seat) { unseated.push(person.userId); continue; }
    assigned.push({ userId: person.userId, label: seat.label });
    seated.add(person.userId);
  }
  return { assigned, unseated };
}

export const seatAssignment = z.object({ userId: z.uuid(), label: z.string().max(8) });
export type SeatAssignment = z.infer<typeof seatAssignment>;

export const meetingVenueRequest = z.object({ venueId: z.uuid().nullable() });
export const assignSeatRequest = z.object({ userId: z.uuid(), label: z.string().trim().max(8).nullable() });
export type AssignSeatRequest = z.infer<typeof assignSeatRequest>;

/** A meeting's plan: the venue (if any), every invitee and the seat each holds. */
export interface MeetingSeating {
  venue: Venue | null;
  invitees: { userId: string; fullName: string; role: string; label: string | null }[];
}

/** How a seat looks on the attendance plan; shapes and words as well as colours tell them apart. */
export type SeatState = 'present' | 'late' | 'absent' | 'unknown' | 'empty';

/** The attendance state of a seat from who sits there and the attendance list. */
export function seatState(occupant: string | null, attendance: Map<string, 'present' | 'late' | 'absent'>): SeatState {
  if (!occupant) return 'empty';
  return attendance.get(occupant) ?? 'unknown';
}

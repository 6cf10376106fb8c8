import { seatLabel, seatState, type MeetingSeating, type SeatState, type VenueLayout } from '@hopso/shared/seating';

/** The mark drawn on a seat beside its colour, so the plan reads without colour too (WCAG 1.4.1). */
export const seatMarks: Record<SeatState, string> = { present: '✓', late: '◷', absent: '✕', unknown: '?', empty: '' };

export interface PlanCell {
  label: string;
  /** No seat here: an aisle or a pillar. */
  gap: boolean;
  block: string | null;
  occupant: { userId: string; fullName: string } | null;
  state: SeatState;
}

/** The plan as rows of cells (presidium first), for drawing with no inline style: one flex row per hall row. */
export function planRows(layout: VenueLayout, seating: MeetingSeating, attendance?: Map<string, 'present' | 'late' | 'absent'>): { row: number; cells: PlanCell[] }[] {
  const gaps = new Set(layout.gaps);
  const byLabel = new Map(seating.invitees.filter((i) => i.label).map((i) => [i.label!, i]));
  const states = attendance ?? new Map();
  const cell = (row: number, n: number): PlanCell => {
    const label = seatLabel(row, n);
    const who = byLabel.get(label);
    const occupant = who ? { userId: who.userId, fullName: who.fullName } : null;
    return {
      label, gap: gaps.has(label), occupant, state: seatState(occupant?.userId ?? null, states),
      block: row === 0 ? null : layout.blocks.find((b) => n >= b.fromSeat && n <= b.toSeat)?.name ?? null,
    };
  };
  const rows: { row: number; cells: PlanCell[] }[] = [];
  if (layout.presidiumSeats > 0) rows.push({ row: 0, cells: Array.from({ length: layout.presidiumSeats }, (_, i) => cell(0, i + 1)) });
  for (let r = 1; r <= layout.rows; r++) rows.push({ row: r, cells: Array.from({ length: layout.seatsPerRow }, (_, i) => cell(r, i + 1)) });
  return rows;
}

/** A short name for a small seat: the given name (the last word of a Vietnamese name). */
export function shortName(fullName: string): string {
  return fullName.trim().split(/\s+/).at(-1) ?? fullName;
}

/** How many seats are in each state, for the legend. */
export function stateCounts(rows: { cells: PlanCell[] }[]): Record<SeatState, number> {
  const counts: Record<SeatState, number> = { present: 0, late: 0, absent: 0, unknown: 0, empty: 0 };
  for (const r of rows) for (const c of r.cells) if (!c.gap) counts[c.state]++;
  return counts;
}

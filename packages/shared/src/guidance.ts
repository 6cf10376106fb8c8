import { z } from 'zod';

// Guidance for first-time users: the tablet's first-run tour (shown once per user, remembered on the server)
// and rehearsal sessions (diễn tập), where the secretariat runs a practice sitting whose polls never count.

/** The tour's steps in the order a sitting runs; each names the `data-tour` anchor of its control on the tablet. */
export const tourSteps = ['checkIn', 'documents', 'speak', 'question', 'vote', 'sign'] as const;
export type TourStep = (typeof tourSteps)[number];

/** GET/PUT/DELETE /api/guidance/tour: whether the signed-in user has finished (or skipped) the tour. */
export const tourState = z.object({ seenAt: z.string().nullable() });
export type TourState = z.infer<typeof tourState>;

/** The tour is shown on its own only to someone who never finished or skipped it. */
export function shouldShowTour(state: TourState | null): boolean {
  return state !== null && state.seenAt === null;
}

/** The step after `index` (null past the last), so Next on the last step finishes the tour. */
export function nextTourIndex(index: number): number | null {
  return index + 1 < tourSteps.length ? index + 1 : null;
}

/** The step before `index`, staying on the first. */
export function previousTourIndex(index: number): number {
  return Math.max(0, index - 1);
}

/** POST /api/meetings/:meetingId/rehearsal: when the practice sitting takes place (default: now). */
export const startRehearsalRequest = z.object({
  startsAt: z.iso.datetime({ offset: true }).optional(),
});
export type StartRehearsalRequest = z.input<typeof startRehearsalRequest>;

/** The marker every screen shows on a rehearsal and its polls, in both languages at once. */
export const rehearsalMarker = 'DIỄN TẬP / REHEARSAL';

/** The title of a practice copy: the real title behind the marker, so nobody mistakes one for the other. */
export function rehearsalTitle(title: string): string {
  return `[DIỄN TẬP] ${title}`.slice(0, 300);
}

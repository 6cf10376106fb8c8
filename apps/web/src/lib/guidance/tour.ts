import { nextTourIndex, previousTourIndex, tourSteps, type TourStep } from '@hopso/shared/guidance';

/**
 * Each step of the tablet's first-run tour: its text (guidance.tour.<step>.*) and the catalogue labels the
 * text quotes, filled in at render so the tour always names the buttons exactly as the screen shows them.
 */
export const tourLabels: Record<TourStep, Record<string, string>> = {
  checkIn: { checkIn: 'live.checkIn.button' },
  documents: {},
  speak: { request: 'live.speakers.request', youSpeak: 'live.speakers.youSpeak' },
  question: { send: 'live.questions.send' },
  vote: { confirm: 'live.ballot.confirm', change: 'live.ballot.change' },
  sign: { resolutions: 'nav.resolutions', sign: 'sign.submit' },
};

/** Where a tour is: closed, or open on a step. `auto` tells a first run (remembered when it ends) from a replay. */
export type TourView = { open: false } | { open: true; index: number; step: TourStep; auto: boolean };

export type TourAction = { type: 'start'; auto: boolean } | { type: 'next' } | { type: 'back' } | { type: 'close' };

/** What follows an action: the new view, and whether the server should now remember the tour as seen. */
export interface TourTransition {
  view: TourView;
  markSeen: boolean;
}

const at = (index: number, auto: boolean): TourView => ({ open: true, index, step: tourSteps[index]!, auto });

/**
 * The tour as a pure state machine, so its rules are tested without a browser: Next past the last step,
 * Skip and Escape (both `close`) end it, and ending a tour — finished or skipped — marks it seen.
 */
export function tourTransition(view: TourView, action: TourAction): TourTransition {
  if (action.type === 'start') return { view: at(0, action.auto), markSeen: false };
  if (!view.open) return { view, markSeen: false };
  if (action.type === 'back') return { view: at(previousTourIndex(view.index), view.auto), markSeen: false };
  if (action.type === 'next') {
    const next = nextTourIndex(view.index);
    return next === null ? { view: { open: false }, markSeen: true } : { view: at(next, view.auto), markSeen: false };
  }
  return { view: { open: false }, markSeen: true };
}

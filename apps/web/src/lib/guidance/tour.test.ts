import { describe, expect, it } from 'vitest';
import { shouldShowTour, tourSteps } from '@hopso/shared/guidance';
import vi from '../i18n/vi.json';
import en from '../i18n/en.json';
import guidanceVi from './vi.json';
import guidanceEn from './en.json';
import { tourLabels, tourTransition, type TourView } from './tour.ts';

const closed: TourView = { open: false };
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the tour state', () => {
  it('is offered only to someone who has not finished or skipped it', () => {
    expect(shouldShowTour({ seenAt: null })).toBe(true);
    expect(shouldShowTour({ seenAt: '2026-12-06T10:00:00.000Z' })).toBe(false);
    expect(shouldShowTour(null)).toBe(false);
  });

  it('walks every step with Next, and finishing marks it seen', () => {
    let t = tourTransition(closed, { type: 'start', auto: true });
    const visited: string[] = [];
    while (t.view.open) {
      visited.push(t.view.step);
      expect(t.markSeen).toBe(false);
      t = tourTransition(t.view, { type: 'next' });
    }
    expect(visited).toEqual([...tourSteps]);
    expect(t).toEqual({ view: { open: false }, markSeen: true });
  });

  it('goes back one step, but not before the first', () => {
    const first = tourTransition(closed, { type: 'start', auto: false }).view;
    expect(tourTransition(first, { type: 'back' }).view).toEqual(first);
    const second = tourTransition(first, { type: 'next' }).view;
    expect(tourTransition(second, { type: 'back' })).toEqual({ view: first, markSeen: false });
  });

  it('closes on Skip or Escape from any step and remembers it as seen', () => {
    const third = tourTransition(tourTransition(tourTransition(closed, { type: 'start', auto: true }).view, { type: 'next' }).view, { type: 'next' }).view;
    expect(third).toMatchObject({ open: true, index: 2 });
    expect(tourTransition(third, { type: 'close' })).toEqual({ view: { open: false }, markSeen: true });
  });

  it('ignores Next, Back and close while closed, and restarts from the first step', () => {
    for (const type of ['next', 'back', 'close'] as const) expect(tourTransition(closed, { type })).toEqual({ view: closed, markSeen: false });
    const later = { open: true, index: 4, step: tourSteps[4], auto: true } as const;
    expect(tourTransition(later, { type: 'start', auto: false }).view).toEqual({ open: true, index: 0, step: tourSteps[0], auto: false });
  });
});

describe('the tour texts', () => {
  it('exist for every step in both languages, quoting catalogue labels through matching placeholders', () => {
    const catalogue = { vi: { ...vi, ...guidanceVi } as Record<string, string>, en: { ...en, ...guidanceEn } as Record<string, string> };
    for (const step of tourSteps) {
      for (const lang of ['vi', 'en'] as const) {
        const body = catalogue[lang][`guidance.tour.${step}.body`];
        expect(catalogue[lang][`guidance.tour.${step}.title`], `${lang} ${step}`).toBeTruthy();
        expect(placeholders(body ?? ''), `${lang} ${step}`).toEqual(Object.keys(tourLabels[step]).sort());
        for (const key of Object.values(tourLabels[step])) expect(catalogue[lang], key).toHaveProperty([key]);
      }
    }
  });

  it('have the same keys and placeholders in both catalogues', () => {
    expect(Object.keys(guidanceEn).sort()).toEqual(Object.keys(guidanceVi).sort());
    for (const [key, value] of Object.entries(guidanceVi)) expect(placeholders((guidanceEn as Record<string, string>)[key]!), key).toEqual(placeholders(value));
  });
});

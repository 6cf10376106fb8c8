import { describe, expect, it } from 'vitest';
import { cssUnits, fitWidthScale, maxScale, minScale, percentOf, pinchScale, stepScale } from './zoom.ts';

describe('zoom', () => {
  it('fits an A4 page to a portrait tablet column', () => {
    expect(fitWidthScale(788, 595.28)).toBeCloseTo(1.3237, 3);
    expect(fitWidthScale(0, 595.28)).toBe(cssUnits);
  });

  it('steps up and down from fit width to the neighbouring steps', () => {
    const fit = fitWidthScale(788, 595.28); // 99 %
    expect(percentOf(stepScale(fit, 1))).toBe(100);
    expect(percentOf(stepScale(fit, -1))).toBe(90);
    expect(percentOf(stepScale(cssUnits, 1))).toBe(110);
  });

  it('never leaves the allowed range, by steps or by pinching', () => {
    expect(stepScale(maxScale, 1)).toBe(maxScale);
    expect(stepScale(minScale, -1)).toBe(minScale);
    expect(pinchScale(1, 100, 250)).toBe(2.5);
    expect(pinchScale(1, 100, 10_000)).toBe(maxScale);
    expect(pinchScale(1, 100, 1)).toBe(minScale);
    expect(pinchScale(1.5, 0, 100)).toBe(1.5);
  });
});

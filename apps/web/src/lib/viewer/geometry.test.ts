import { describe, expect, it } from 'vitest';
import { applyTransform, clientRectToPdf, invertTransform, mergeLineBoxes, pdfRectToBox, type Matrix } from './geometry.ts';

// What pdf.js gives for an A4 page (595.28 × 841.89 pt) at scale 1.5, no rotation: y flips, origin at the top.
const a4 = (scale: number): Matrix => [scale, 0, 0, -scale, 0, 841.89 * scale];
// The same page rotated 90°: x' = scale·y, y' = scale·x.
const rotated = (scale: number): Matrix => [0, scale, scale, 0, 0, 0];

describe('viewport geometry', () => {
  it('inverts a transform so a point goes there and back', () => {
    const m = a4(1.5);
    const [x, y] = applyTransform(m, 100, 700);
    const [bx, by] = applyTransform(invertTransform(m), x, y);
    expect(bx).toBeCloseTo(100);
    expect(by).toBeCloseTo(700);
  });

  it('turns a client rect into a PDF rect with the origin at the bottom-left', () => {
    // The page element sits at (40, 120) on screen; the word is 30 CSS px from its top at scale 2.
    const rect = clientRectToPdf({ left: 40 + 112, top: 120 + 30, width: 200, height: 24 }, { left: 40, top: 120 }, a4(2));
    expect(rect).toEqual([56, 841.89 - 27, 156, 841.89 - 15]);
  });

  it('draws a stored rect back at another zoom on the same words', () => {
    const stored = clientRectToPdf({ left: 152, top: 150, width: 200, height: 24 }, { left: 40, top: 120 }, a4(2));
    expect(pdfRectToBox(stored, a4(1))).toEqual({ left: 56, top: expect.closeTo(15, 5), width: 100, height: expect.closeTo(12, 5) });
    const back = pdfRectToBox(stored, a4(2));
    expect(back.left).toBeCloseTo(112);
    expect(back.top).toBeCloseTo(30);
    expect(back.width).toBeCloseTo(200);
    expect(back.height).toBeCloseTo(24);
  });

  it('handles rotated pages', () => {
    const rect = clientRectToPdf({ left: 10, top: 20, width: 30, height: 40 }, { left: 0, top: 0 }, rotated(1));
    expect(rect).toEqual([20, 10, 60, 40]);
    expect(pdfRectToBox(rect, rotated(1))).toEqual({ left: 10, top: 20, width: 30, height: 40 });
  });
});

describe('mergeLineBoxes', () => {
  it('merges the runs of one line into one box and keeps separate lines apart', () => {
    const boxes = [
      { left: 10, top: 100, width: 50, height: 12 },
      { left: 61, top: 100.5, width: 40, height: 12 },
      { left: 10, top: 118, width: 80, height: 12 },
    ];
    expect(mergeLineBoxes(boxes)).toEqual([
      { left: 10, top: 100, width: 91, height: 12.5 },
      { left: 10, top: 118, width: 80, height: 12 },
    ]);
  });

  it('drops empty slivers and keeps distant runs on one line apart', () => {
    const boxes = [
      { left: 10, top: 100, width: 0, height: 12 },
      { left: 10, top: 100, width: 20, height: 12 },
      { left: 300, top: 100, width: 20, height: 12 },
    ];
    expect(mergeLineBoxes(boxes)).toHaveLength(2);
  });
});

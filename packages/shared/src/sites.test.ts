import { describe, expect, it } from 'vitest';
import { mayMarkAt, siteBreakdown } from './sites.ts';

const sites = [{ id: 's1', secretaryId: 'u-sec1' }, { id: 's2', secretaryId: 'u-sec2' }];

describe('siteBreakdown', () => {
  it('counts those present or late at each site, the main hall first, delegates apart', () => {
    const list = [
      { isDelegate: true, status: 'present', siteId: null },
      { isDelegate: true, status: 'late', siteId: 's1' },
      { isDelegate: false, status: 'present', siteId: 's1' },
      { isDelegate: true, status: 'absent', siteId: 's2' },
      { isDelegate: true, status: null, siteId: null },
      { isDelegate: true, status: 'present', siteId: 's2' },
    ];
    expect(siteBreakdown(list, sites)).toEqual([
      { siteId: null, delegatesPresent: 1, present: 1 },
      { siteId: 's1', delegatesPresent: 1, present: 2 },
      { siteId: 's2', delegatesPresent: 1, present: 1 },
    ]);
  });

  it('counts a check-in at a site no longer listed in the main hall', () => {
    expect(siteBreakdown([{ isDelegate: true, status: 'present', siteId: 'gone' }], sites)[0]).toEqual({ siteId: null, delegatesPresent: 1, present: 1 });
  });
});

describe('mayMarkAt', () => {
  it.each([
    ['a runner, the main hall', null, { id: 'u-run', canRun: true }, true],
    ['a runner, a site', 's2', { id: 'u-run', canRun: true }, true],
    ['a runner, an unknown site', 'zz', { id: 'u-run', canRun: true }, false],
    ['a site secretary, their site', 's1', { id: 'u-sec1', canRun: false }, true],
    ['a site secretary, another site', 's2', { id: 'u-sec1', canRun: false }, false],
    ['a site secretary, the main hall', null, { id: 'u-sec1', canRun: false }, false],
    ['a delegate', 's1', { id: 'u-del', canRun: false }, false],
  ] as const)('%s', (_name, siteId, user, expected) => {
    expect(mayMarkAt(siteId, user, sites)).toBe(expected);
  });
});

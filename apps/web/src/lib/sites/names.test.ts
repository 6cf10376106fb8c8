import { describe, expect, it } from 'vitest';
import { siteName, sitesRunBy } from './names.ts';

const sites = [
  { id: 's1', name: 'Điểm cầu Đông', secretaryId: 'u1', secretaryName: 'A', position: 0 },
  { id: 's2', name: 'Điểm cầu Tây', secretaryId: 'u2', secretaryName: 'B', position: 1 },
];

describe('site names', () => {
  it('names a site, and the main hall as null', () => {
    expect(siteName(sites, 's2')).toBe('Điểm cầu Tây');
    expect(siteName(sites, null)).toBeNull();
    expect(siteName(sites, 'gone')).toBeNull();
  });
  it('finds the sites a user is the secretary of', () => {
    expect(sitesRunBy(sites, 'u1').map((s) => s.id)).toEqual(['s1']);
    expect(sitesRunBy(sites, 'u3')).toEqual([]);
    expect(sitesRunBy(undefined, 'u1')).toEqual([]);
  });
});

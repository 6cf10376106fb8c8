import { describe, expect, it } from 'vitest';
import type { SessionUser } from '@hopso/shared/auth';
import { groupSecret, mayUseTotp } from './totp.ts';

const user = (over: Partial<SessionUser> = {}): SessionUser => ({
  id: '00000000-0000-4000-8000-000000000001',
  username: 'u',
  fullName: 'U',
  isSystemAdmin: false,
  totpEnabled: false,
  memberships: [],
  ...over,
});
const membership = (role: SessionUser['memberships'][number]['role']) => ({
  councilId: '00000000-0000-4000-8000-000000000002', councilName: 'HĐND xã Tân Phú', role,
});

describe('mayUseTotp', () => {
  it('offers two-step sign-in to system admins', () => {
    expect(mayUseTotp(user({ isSystemAdmin: true }))).toBe(true);
  });

  it('offers it to council admins and chairs in any council', () => {
    expect(mayUseTotp(user({ memberships: [membership('delegate'), membership('chair')] }))).toBe(true);
    expect(mayUseTotp(user({ memberships: [membership('admin')] }))).toBe(true);
  });

  it('hides it from secretaries, delegates and signed-out visitors, whom the server refuses', () => {
    expect(mayUseTotp(user({ memberships: [membership('secretary'), membership('delegate')] }))).toBe(false);
    expect(mayUseTotp(null)).toBe(false);
  });
});

describe('groupSecret', () => {
  it('splits a base32 secret into groups of four, the last one shorter', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPAB')).toBe('JBSW Y3DP EHPK 3PXP AB');
  });

  it('ignores spaces already in the secret', () => {
    expect(groupSecret('JBSW Y3DP')).toBe('JBSW Y3DP');
    expect(groupSecret('')).toBe('');
  });
});

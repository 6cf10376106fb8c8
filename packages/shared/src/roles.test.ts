import { describe, expect, it } from 'vitest';
import { can, councilRoles, isDelegateRole, isSecretariat, permissions } from './roles.ts';

describe('can', () => {
  it.each([
    ['member.import', 'secretary', true],
    ['member.import', 'admin', true],
    ['member.import', 'chair', false],
    ['member.import', 'delegate', false],
    ['meeting.manage', 'clerk', false],
    ['meeting.readAll', 'clerk', true],
    ['member.read', 'guest', false],
    ['council.read', 'guest', true],
    ['council.create', 'admin', false],
  ] as const)('%s by %s → %s', (action, role, expected) => expect(can(action, role)).toBe(expected));

  it('denies everything to someone with no role in the council', () => {
    for (const action of Object.keys(permissions)) expect(can(action as keyof typeof permissions, null)).toBe(false);
  });

  it('allows everything to a system administrator, including creating councils', () => {
    for (const action of Object.keys(permissions)) expect(can(action as keyof typeof permissions, null, true)).toBe(true);
  });

  it('names only known roles in the permission table', () => {
    for (const roles of Object.values(permissions)) for (const r of roles) expect(councilRoles).toContain(r);
  });

  it('counts chair, secretary, clerk and admin as the secretariat, not delegates or guests', () => {
    expect(councilRoles.filter((r) => isSecretariat(r))).toEqual(['admin', 'chair', 'secretary', 'clerk']);
  });
});

describe('isDelegateRole', () => {
  it('counts the chair and delegates as delegates, not the secretariat, guests or non-members', () => {
    expect(councilRoles.filter((r) => isDelegateRole(r))).toEqual(['chair', 'delegate']);
    expect(isDelegateRole(null)).toBe(false);
    expect(isDelegateRole(undefined)).toBe(false);
  });
});

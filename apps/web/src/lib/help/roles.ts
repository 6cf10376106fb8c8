import type { SessionUser } from '@hopso/shared/auth';

/** The roles with a handbook page (DESIGN.md "Who uses it"; the public reads the portal, which needs none). */
export const handbookRoles = ['delegate', 'chair', 'secretary', 'clerk', 'guest', 'admin'] as const;
export type HandbookRole = (typeof handbookRoles)[number];

/** Most responsibility first: a chair who is also a delegate opens on the chair's page. */
const precedence: HandbookRole[] = ['admin', 'chair', 'secretary', 'clerk', 'delegate', 'guest'];

/** The handbook page the help button opens for this user: their weightiest council role, the delegate's page by default. */
export function handbookRoleOf(user: Pick<SessionUser, 'isSystemAdmin' | 'memberships'> | null): HandbookRole {
  if (!user) return 'delegate';
  if (user.isSystemAdmin) return 'admin';
  const roles = new Set(user.memberships.map((m) => m.role));
  return precedence.find((r) => roles.has(r)) ?? 'delegate';
}

/** Whether a URL segment names a handbook page. */
export function isHandbookRole(value: string): value is HandbookRole {
  return (handbookRoles as readonly string[]).includes(value);
}

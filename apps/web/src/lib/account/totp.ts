import type { SessionUser } from '@hopso/shared/auth';

/**
 * Whether the account page offers two-step sign-in: the server allows it to system admins and to council
 * admins and chairs (those who can change what others see) and answers 403 to everyone else.
 */
export function mayUseTotp(user: SessionUser | null): boolean {
  if (!user) return false;
  return user.isSystemAdmin || user.memberships.some((m) => m.role === 'admin' || m.role === 'chair');
}

/** "JBSW Y3DP EHPK 3PXP": a base32 secret in groups of four, easier to type into an authenticator by hand. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

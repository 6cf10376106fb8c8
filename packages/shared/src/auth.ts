import { z } from 'zod';
import { councilRoles } from './roles.ts';

export const usernameSchema = z.string().trim().toLowerCase().min(2).max(64).regex(/^[a-z0-9._@-]+$/);

export const loginRequest = z.object({
  username: usernameSchema,
  password: z.string().min(1).max(256),
  totp: z.string().regex(/^\d{6}$/).optional(),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export const locales = ['vi', 'en'] as const;
export type Locale = (typeof locales)[number];

export const membershipSchema = z.object({
  councilId: z.uuid(),
  councilName: z.string(),
  role: z.enum(councilRoles),
});
export type Membership = z.infer<typeof membershipSchema>;

export const sessionUser = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  isSystemAdmin: z.boolean(),
  totpEnabled: z.boolean(),
  memberships: z.array(membershipSchema),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const totpEnableRequest = z.object({ secret: z.string().min(16).max(64), code: z.string().regex(/^\d{6}$/) });
export type TotpEnableRequest = z.infer<typeof totpEnableRequest>;

export const totpSetupResponse = z.object({ secret: z.string(), uri: z.string() });
export type TotpSetupResponse = z.infer<typeof totpSetupResponse>;

/** Minimum password length; councils hand out initial passwords, so length beats composition rules. */
export const minPasswordLength = 10;

import { z } from 'zod';
import { bilingual } from './errors.ts';
import { councilRoles } from './roles.ts';

/** Roles a CSV import may assign; `admin` is granted by hand, never by a file. */
export const importableRoles = ['chair', 'secretary', 'clerk', 'delegate', 'guest'] as const;

const optionalText = (max: number) =>
  z.string().trim().max(max).transform((v) => (v === '' ? null : v)).nullable().optional()
    .transform((v) => v ?? null);

const invalidPhone = bilingual('Số điện thoại gồm 10 chữ số bắt đầu bằng 0, hoặc +84 và 9 chữ số', 'Phone must be 10 digits starting with 0, or +84 and 9 digits');
const invalidEmail = bilingual('E-mail không hợp lệ', 'Invalid e-mail address');

/** Vietnamese phone numbers: 10 digits starting with 0, or +84 followed by 9 digits. */
export const phoneSchema = z.string().trim().transform((v) => v.replace(/[\s.-]/g, ''))
  .pipe(z.string().regex(/^(0\d{9}|\+84\d{9})$/, invalidPhone));

/**
 * One row of the delegate CSV (name, email, phone, role, committee, group). Committee may list several
 * committees separated by ";". The username defaults to the e-mail's local part when not given.
 */
export const memberImportRow = z.object({
  name: z.string().trim().min(2, bilingual('Cần nhập họ và tên', 'Name is required')).max(200),
  email: z.union([z.literal(''), z.email(invalidEmail)], invalidEmail).optional().transform((v) => (v ? v.toLowerCase() : null)),
  phone: z.union([z.literal(''), phoneSchema], invalidPhone).optional().transform((v) => (v ? v : null)),
  role: z.string().trim().toLowerCase().pipe(z.enum(importableRoles, bilingual('Vai trò phải là chair, secretary, clerk, delegate hoặc guest', 'Role must be chair, secretary, clerk, delegate or guest'))),
  committee: optionalText(400),
  group: optionalText(200),
  title: optionalText(200),
});
export type MemberImportRow = z.output<typeof memberImportRow>;

/** The columns a delegate CSV must have, in any order (header names are matched case-insensitively). */
export const memberImportColumns = ['name', 'email', 'phone', 'role', 'committee', 'group'] as const;

export const memberImportRequest = z.object({ csv: z.string().min(1).max(2_000_000) });
export type MemberImportRequest = z.infer<typeof memberImportRequest>;

export const memberImportResponse = z.object({
  ok: z.literal(true),
  imported: z.number().int(),
  /** Initial passwords for newly created accounts, shown once to the secretary to hand out. */
  credentials: z.array(z.object({ name: z.string(), username: z.string(), password: z.string() })),
});
export type MemberImportResponse = z.infer<typeof memberImportResponse>;

export const memberSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  fullName: z.string(),
  username: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.enum(councilRoles),
  title: z.string().nullable(),
  committees: z.array(z.string()),
  group: z.string().nullable(),
});
export type Member = z.infer<typeof memberSchema>;

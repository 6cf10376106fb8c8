import { z } from 'zod';
import { bilingual } from './errors.ts';

export const councilLevels = ['commune', 'ward', 'province'] as const;
export type CouncilLevel = (typeof councilLevels)[number];

const name = z.string().trim().min(2).max(200);
const isoDate = z.iso.date();

export const createCouncilRequest = z.object({
  name,
  level: z.enum(councilLevels),
  locality: z.string().trim().min(2).max(200),
});
export type CreateCouncilRequest = z.infer<typeof createCouncilRequest>;

export const createTermRequest = z
  .object({ name, startsOn: isoDate, endsOn: isoDate })
  .refine((t) => t.endsOn > t.startsOn, { path: ['endsOn'], message: bilingual('Ngày kết thúc phải sau ngày bắt đầu', 'The end date must be after the start date') });
export type CreateTermRequest = z.infer<typeof createTermRequest>;

export const termSchema = z.object({ id: z.uuid(), name: z.string(), startsOn: isoDate, endsOn: isoDate });
export type Term = z.infer<typeof termSchema>;

export const councilSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  level: z.enum(councilLevels),
  locality: z.string(),
  terms: z.array(termSchema),
});
export type Council = z.infer<typeof councilSchema>;

/** A committee (Ban) or a delegate group (Tổ đại biểu): both are named member bases of a council. */
export const createBodyRequest = z.object({ name });
export type CreateBodyRequest = z.infer<typeof createBodyRequest>;

export const bodySchema = z.object({ id: z.uuid(), name: z.string(), memberCount: z.number().int() });
export type Body = z.infer<typeof bodySchema>;

import { z } from 'zod';
import { bilingual } from './errors.ts';
import { ruleSetSchema, type RuleSet } from './rules.ts';

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

/** Renaming a council or correcting its locality (the level is fixed when the council is created). */
export const updateCouncilRequest = createCouncilRequest.pick({ name: true, locality: true });
export type UpdateCouncilRequest = z.infer<typeof updateCouncilRequest>;

/** The rule set's shares of the delegates, in the order the settings screen shows them. */
export const thresholdKeys = ['quorum', 'adoption', 'election', 'dismissal', 'noConfidence', 'lowConfidenceMustVote', 'lowConfidenceMayResign', 'delegateRequest'] as const satisfies readonly (keyof RuleSet)[];

/**
 * A council's whole rule set as the secretariat saves it: every rule of shared/rules.ts, and every share of the
 * delegates between none and all of them (0/3 would always be met, 4/3 never).
 */
export const updateRulesRequest = ruleSetSchema.superRefine((rules, ctx) => {
  for (const key of thresholdKeys) {
    if (rules[key].num < 1 || rules[key].num > rules[key].den) {
      ctx.addIssue({ code: 'custom', path: [key, 'num'], message: bilingual('Tỉ lệ phải lớn hơn 0 và không quá toàn bộ (tử số từ 1 đến mẫu số)', 'The share must be above none and at most all (numerator from 1 to the denominator)') });
    }
  }
});
export type UpdateRulesRequest = z.infer<typeof updateRulesRequest>;

/** The rule set every member may read (quorum, thresholds, time limits) and whether the caller may edit it. */
export const councilRulesResponse = z.object({ ok: z.literal(true), rules: ruleSetSchema, editable: z.boolean() });
export type CouncilRulesResponse = z.infer<typeof councilRulesResponse>;

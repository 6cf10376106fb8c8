import { z } from 'zod';
import { bilingual } from './errors.ts';

// Supervision topics (giám sát chuyên đề, DESIGN.md glossary `supervision`): the Standing Committee plans a
// topic, a delegation of delegates works through a schedule, issues a report with findings and
// recommendations, and follows each recommendation up until the agency has acted on it. Routes: docs/api.md
// "Supervision"; the published results are on the portal and in the open data.

/** planned (kế hoạch) → ongoing (đang giám sát) → done (đã có báo cáo kết quả). */
export const supervisionStatuses = ['planned', 'ongoing', 'done'] as const;
export type SupervisionStatus = (typeof supervisionStatuses)[number];

/** The place of a delegate in the delegation: trưởng đoàn, phó trưởng đoàn, thành viên. */
export const delegationRoles = ['head', 'deputy', 'member'] as const;
export type DelegationRole = (typeof delegationRoles)[number];

export const supervisionDocumentKinds = ['plan', 'report', 'conclusion', 'other'] as const;
export type SupervisionDocumentKind = (typeof supervisionDocumentKinds)[number];

/** What is recorded about a recommendation's follow-up. */
export const recommendationStatuses = ['pending', 'inProgress', 'done'] as const;
export type RecommendationStatus = (typeof recommendationStatuses)[number];

/** What the follow-up shows: the recorded status, or `overdue` when not done and past its due date. */
export const followUpStatuses = ['pending', 'inProgress', 'done', 'overdue'] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];

/** Today's date in Vietnam ("2026-05-31"), the calendar the due dates are written in. */
export function vietnamToday(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The follow-up status of a recommendation on `today` (a Vietnam date): a recommendation not done whose due
 * date has passed is overdue; on its due date it is still in time.
 */
export function followUpStatus(r: { status: RecommendationStatus; dueOn: string | null }, today: string): FollowUpStatus {
  if (r.status === 'done') return 'done';
  return r.dueOn !== null && r.dueOn < today ? 'overdue' : r.status;
}

/** How many recommendations are in each follow-up status. */
export function followUpCounts(list: { status: RecommendationStatus; dueOn: string | null }[], today: string): Record<FollowUpStatus, number> {
  const counts: Record<FollowUpStatus, number> = { pending: 0, inProgress: 0, done: 0, overdue: 0 };
  for (const r of list) counts[followUpStatus(r, today)] += 1;
  return counts;
}

/** Why a topic cannot be published yet (empty when it can): its report must be issued, with findings. */
export function publishBlockers(t: { status: SupervisionStatus; findings: string; publishedAt: string | null }): ('not_done' | 'no_findings' | 'already_published')[] {
  const out: ('not_done' | 'no_findings' | 'already_published')[] = [];
  if (t.publishedAt !== null) out.push('already_published');
  if (t.status !== 'done') out.push('not_done');
  if (t.findings.trim() === '') out.push('no_findings');
  return out;
}

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);

export const delegationEntry = z.object({ memberId: z.uuid(), role: z.enum(delegationRoles) });

/** The delegation: distinct delegates, at most one head. */
const delegation = z.array(delegationEntry).max(50)
  .refine((list) => new Set(list.map((m) => m.memberId)).size === list.length, bilingual('Một đại biểu được chọn hai lần.', 'A delegate is listed twice.'))
  .refine((list) => list.filter((m) => m.role === 'head').length <= 1, bilingual('Đoàn giám sát chỉ có một trưởng đoàn.', 'The delegation has one head only.'));

const periodOk = (p: { periodFrom?: string | undefined; periodTo?: string | undefined }) => !p.periodFrom || !p.periodTo || p.periodFrom <= p.periodTo;
const periodMessage = { message: bilingual('Ngày kết thúc phải sau ngày bắt đầu.', 'The end date must be after the start date.'), path: ['periodTo'] };

/** POST /api/councils/:councilId/supervision: the plan. */
export const createTopicRequest = z.object({
  title: text(300).min(5, bilingual('Tên chuyên đề quá ngắn.', 'The topic is too short.')),
  scope: text(5000).default(''),
  periodFrom: isoDate,
  periodTo: isoDate,
  members: delegation.default([]),
}).refine(periodOk, periodMessage);
export type CreateTopicRequest = z.input<typeof createTopicRequest>;

/** PATCH /api/supervision/:topicId: any part of the plan, the status, the findings; `members` replaces the delegation. */
export const updateTopicRequest = z.object({
  title: text(300).min(5, bilingual('Tên chuyên đề quá ngắn.', 'The topic is too short.')),
  scope: text(5000),
  periodFrom: isoDate,
  periodTo: isoDate,
  status: z.enum(supervisionStatuses),
  findings: text(50_000),
  /** The date the report was issued; defaults to today when the status becomes done. */
  doneOn: isoDate.nullable(),
  members: delegation,
}).partial().refine(periodOk, periodMessage);
export type UpdateTopicRequest = z.input<typeof updateTopicRequest>;

/** POST /api/supervision/:topicId/schedule */
export const scheduleEntryRequest = z.object({
  startsAt: z.iso.datetime({ offset: true }),
  place: text(300).min(2),
  subject: text(300).min(2),
  activity: text(2000).default(''),
});
export type ScheduleEntryRequest = z.input<typeof scheduleEntryRequest>;

/** POST /api/supervision/:topicId/documents?title=…&kind=…&public=… with the PDF as the body. */
export const supervisionUploadQuery = z.object({
  title: text(300).min(2),
  kind: z.enum(supervisionDocumentKinds).default('other'),
  public: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  filename: z.string().max(200).optional(),
});
export type SupervisionUploadQuery = z.input<typeof supervisionUploadQuery>;

/** PATCH /api/supervision/:topicId/documents/:documentId: rename, reclassify, make public or internal. */
export const updateSupervisionDocumentRequest = z.object({
  title: text(300).min(2),
  kind: z.enum(supervisionDocumentKinds),
  public: z.boolean(),
}).partial();
export type UpdateSupervisionDocumentRequest = z.input<typeof updateSupervisionDocumentRequest>;

/** POST /api/supervision/:topicId/recommendations */
export const recommendationRequest = z.object({
  content: text(5000).min(5, bilingual('Nội dung kiến nghị quá ngắn.', 'The recommendation is too short.')),
  addressee: text(300).min(2),
  dueOn: isoDate.nullable().default(null),
});
export type RecommendationRequest = z.input<typeof recommendationRequest>;

/** PATCH /api/supervision/:topicId/recommendations/:recommendationId: the text, or its follow-up. */
export const updateRecommendationRequest = z.object({
  content: text(5000).min(5, bilingual('Nội dung kiến nghị quá ngắn.', 'The recommendation is too short.')),
  addressee: text(300).min(2),
  dueOn: isoDate.nullable(),
  status: z.enum(recommendationStatuses),
  progress: text(20_000),
  /** When the agency finished; defaults to today when the status becomes done. */
  doneOn: isoDate.nullable(),
}).partial();
export type UpdateRecommendationRequest = z.input<typeof updateRecommendationRequest>;

/** GET /api/councils/:councilId/supervision/follow-up?status=… */
export const followUpQuery = z.object({ status: z.enum(followUpStatuses).optional() });

export interface DelegationMember { memberId: string; userId: string; fullName: string; title: string | null; role: DelegationRole }
export interface ScheduleEntry { id: string; startsAt: string; place: string; subject: string; activity: string }
export interface SupervisionDocument { id: string; title: string; kind: SupervisionDocumentKind; public: boolean; filename: string; sha256: string; bytes: number; pageCount: number; uploadedAt: string }
export interface Recommendation {
  id: string; topicId: string; position: number; content: string; addressee: string; dueOn: string | null;
  status: RecommendationStatus; progress: string; doneOn: string | null; followUp: FollowUpStatus; updatedAt: string;
}

/** A topic in the council's list. */
export interface SupervisionTopicSummary {
  id: string; councilId: string; title: string; periodFrom: string; periodTo: string; status: SupervisionStatus;
  doneOn: string | null; publishedAt: string | null; headName: string | null; followUp: Record<FollowUpStatus, number>;
}

/** A topic with everything the secretariat edits. */
export interface SupervisionTopic extends SupervisionTopicSummary {
  scope: string; findings: string; members: DelegationMember[]; schedule: ScheduleEntry[]; documents: SupervisionDocument[];
  recommendations: Recommendation[]; publishBlockers: ReturnType<typeof publishBlockers>;
}

/** A recommendation in the council-wide follow-up list, with its topic. */
export interface FollowUpItem extends Recommendation { topicTitle: string }

// Published results, as the portal and the open data show them (schemas: the OpenAPI components).

export const publicSupervisionDocument = z.object({
  id: z.uuid(), title: z.string(), kind: z.enum(supervisionDocumentKinds), filename: z.string(), sha256: z.string(),
  bytes: z.number().int(), pageCount: z.number().int(), fileUrl: z.string(),
}).meta({ id: 'PublicSupervisionDocument' });

export const publicRecommendation = z.object({
  id: z.uuid(), content: z.string(), addressee: z.string(), dueOn: z.iso.date().nullable(),
  followUp: z.enum(followUpStatuses), progress: z.string(), doneOn: z.iso.date().nullable(),
}).meta({ id: 'PublicRecommendation' });

/** A published supervision topic: the plan, delegation (names only), findings, recommendations and their follow-up. */
export const publicSupervisionTopic = z.object({
  id: z.uuid(),
  councilId: z.uuid(),
  title: z.string(),
  scope: z.string(),
  periodFrom: z.iso.date(),
  periodTo: z.iso.date(),
  doneOn: z.iso.date().nullable(),
  publishedAt: z.iso.datetime(),
  findings: z.string(),
  delegation: z.array(z.object({ fullName: z.string(), role: z.enum(delegationRoles) })),
  recommendations: z.array(publicRecommendation),
  documents: z.array(publicSupervisionDocument),
}).meta({ id: 'PublicSupervisionTopic' });
export type PublicSupervisionTopic = z.infer<typeof publicSupervisionTopic>;

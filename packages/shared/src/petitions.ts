import { z } from 'zod';
import { bilingual } from './errors.ts';

/**
 * Voter petitions (kiến nghị cử tri, issue 8 item 2): received from the portal form, e-mail, Zalo or a
 * voter-contact meeting, classified, assigned to an agency with a deadline, answered and published.
 * Text matching (classification suggestions, near-duplicates) is in petition-match.ts.
 */

/** Where a petition came in; every channel goes through the one intake (server petitions/intake.ts). */
export const petitionChannels = ['web', 'email', 'zalo', 'meeting'] as const;
export type PetitionChannel = (typeof petitionChannels)[number];

/** received → classified → assigned → answered → published, or closed / merged into another petition. */
export const petitionStatuses = ['received', 'classified', 'assigned', 'answered', 'published', 'closed', 'merged'] as const;
export type PetitionStatus = (typeof petitionStatuses)[number];

/** What the secretariat does to a petition (POST /api/petitions/:id/actions). */
export const petitionActions = ['classify', 'assign', 'answer', 'publish', 'close', 'merge'] as const;
export type PetitionAction = (typeof petitionActions)[number];

/**
 * The state machine as data: for each status, the actions allowed and the status each leads to.
 * Reclassifying keeps the status it is done in; an answered petition may be sent back to an agency.
 */
const flow: Record<PetitionStatus, Partial<Record<PetitionAction, PetitionStatus>>> = {
  received: { classify: 'classified', close: 'closed', merge: 'merged' },
  classified: { classify: 'classified', assign: 'assigned', close: 'closed', merge: 'merged' },
  assigned: { classify: 'assigned', assign: 'assigned', answer: 'answered', close: 'closed', merge: 'merged' },
  answered: { classify: 'answered', assign: 'assigned', answer: 'answered', publish: 'published', close: 'closed' },
  published: {},
  closed: {},
  merged: {},
};

/** The status after `action`, or null when the action is not allowed in `status`. */
export function transition(status: PetitionStatus, action: PetitionAction): PetitionStatus | null {
  return flow[status][action] ?? null;
}

/** The actions allowed in a status, in workflow order (the web shows these buttons). */
export function allowedActions(status: PetitionStatus): PetitionAction[] {
  return petitionActions.filter((a) => flow[status][a] !== undefined);
}

/** Whether a petition may absorb others: a merge target must still be a petition of its own. */
export function canMergeInto(status: PetitionStatus): boolean {
  return status !== 'merged' && status !== 'closed';
}

/** Whether the petition still waits for an agency's answer (counts towards "overdue"). */
export function awaitsAnswer(status: PetitionStatus): boolean {
  return status === 'received' || status === 'classified' || status === 'assigned';
}

/** Overdue: assigned with a deadline (a Vietnam calendar date) before `today`. */
export function isOverdue(p: { status: PetitionStatus; deadline: string | null }, today: string): boolean {
  return p.status === 'assigned' && p.deadline !== null && p.deadline < today;
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The calendar date in Vietnam (UTC+7) of an instant. */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

// Tracking codes: "KN-" and 10 characters of Crockford base32 (about 50 random bits), grouped 5+5 for reading
// over the phone. Without I, L, O, U; what a citizen types is read generously (o→0, i/l→1, any case, spaces).
const codeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A tracking code from 10 random values 0–31 (the server passes crypto randomness). */
export function formatTrackingCode(values: ArrayLike<number>): string {
  const chars = Array.from({ length: 10 }, (_, i) => codeAlphabet[(values[i] ?? 0) & 31]).join('');
  return `KN-${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** A code as typed by a citizen, in canonical form, or null when it cannot be one. */
export function normalizeTrackingCode(typed: string): string | null {
  let s = typed.toUpperCase().replace(/[\s\-_.]/g, '');
  if (s.startsWith('KN')) s = s.slice(2);
  s = s.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{10}$/.test(s)) return null;
  return `KN-${s.slice(0, 5)}-${s.slice(5)}`;
}

// ---- Input schemas -------------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().max(max, bilingual(`Tối đa ${max} ký tự`, `At most ${max} characters`));
/** Blank text means "not given". */
const optionalText = (max: number) => text(max).nullish().transform((v) => (v ? v : null));
const isoDate = z.iso.date(bilingual('Ngày không hợp lệ (năm-tháng-ngày)', 'Invalid date (year-month-day)'));

export const petitionLimits = { name: 120, contact: 200, locality: 200, content: 5000, field: 100, agency: 200, answer: 20_000 } as const;
/** Files a citizen may attach: the types are recognised from the bytes, never from the name or the browser's claim. */
export const petitionAttachmentLimits = { count: 3, bytes: 5 * 1024 * 1024, types: ['application/pdf', 'image/jpeg', 'image/png'] } as const;

const contentSchema = text(petitionLimits.content).min(10, bilingual('Nội dung kiến nghị cần ít nhất 10 ký tự', 'The petition needs at least 10 characters'));
const localitySchema = text(petitionLimits.locality).min(1, bilingual('Cần cho biết thôn, ấp, tổ dân phố hoặc địa bàn', 'Say which village, hamlet or neighbourhood'));

/** What any channel hands to the intake: who (optional unless the council requires it), where, what. */
export const petitionInput = z.object({
  submitterName: optionalText(petitionLimits.name),
  submitterContact: optionalText(petitionLimits.contact),
  locality: localitySchema,
  content: contentSchema,
  /** A field the submitter or the clerk already knows; classification may change it. */
  field: optionalText(petitionLimits.field),
});
export type PetitionInput = z.input<typeof petitionInput>;
export type PetitionFields = z.output<typeof petitionInput>;

/** The council's intake settings. */
export const petitionSettingsSchema = z.object({
  requireName: z.boolean(),
  requireContact: z.boolean(),
  /** Default days an agency has to answer; the deadline proposed on assignment. */
  answerDays: z.number().int().min(1).max(365),
  /** Whether the portal form accepts petitions (off: the page says how else to send them). */
  intakeOpen: z.boolean(),
});
export type PetitionSettings = z.infer<typeof petitionSettingsSchema>;
export const defaultPetitionSettings: PetitionSettings = { requireName: false, requireContact: false, answerDays: 30, intakeOpen: true };

/** Fields the council requires that the input leaves empty, with the message to show. */
export function missingRequired(input: PetitionFields, settings: PetitionSettings): Record<string, { vi: string; en: string }> {
  const out: Record<string, { vi: string; en: string }> = {};
  if (settings.requireName && !input.submitterName) out.submitterName = { vi: 'Cần nhập họ và tên', en: 'Your name is required' };
  if (settings.requireContact && !input.submitterContact) out.submitterContact = { vi: 'Cần nhập số điện thoại, e-mail hoặc địa chỉ liên hệ', en: 'A phone number, e-mail or address is required' };
  return out;
}

/** A classification keyword rule: any of `keywords` in a petition suggests `value` for the `kind`. */
export const petitionRuleKinds = ['field', 'agency', 'locality'] as const;
export type PetitionRuleKind = (typeof petitionRuleKinds)[number];
export const petitionRuleSchema = z.object({
  kind: z.enum(petitionRuleKinds),
  value: text(200).min(1, bilingual('Cần nhập giá trị gợi ý', 'The suggested value is required')),
  keywords: z.array(text(100).min(2, bilingual('Từ khóa cần ít nhất 2 ký tự', 'A keyword needs at least 2 characters'))).min(1, bilingual('Cần ít nhất một từ khóa', 'At least one keyword')).max(50),
});
export type PetitionRule = z.infer<typeof petitionRuleSchema>;

/** GET/PUT /api/councils/:id/petition-settings: the settings and the whole rule list. */
export const petitionConfigSchema = z.object({ settings: petitionSettingsSchema, rules: z.array(petitionRuleSchema).max(500) });
export type PetitionConfig = z.infer<typeof petitionConfigSchema>;

/** An attachment of an e-mail that was not kept as a file of its petition, and why (not PDF/JPEG/PNG, too big, one too many). */
export interface SkippedAttachment { filename: string; mimeType: string; bytes: number; reason: 'type' | 'size' | 'count' }

/** POST /api/councils/:id/petitions/email: the petition the message made (or had made: `repeated`) and the files left out. */
export interface EmailReceipt {
  ok: true;
  petition: { id: string; code: string; repeated: boolean };
  skippedAttachments: SkippedAttachment[];
}

/** POST /api/councils/:id/petitions: petitions written down at a voter-contact meeting, entered as one list. */
export const bulkPetitionRequest = z.object({
  meetingId: z.uuid().nullish().transform((v) => v ?? null),
  /** The day of the meeting; defaults to today. */
  receivedOn: isoDate.nullish().transform((v) => v ?? null),
  items: z.array(petitionInput).min(1, bilingual('Danh sách trống', 'The list is empty')).max(500),
});
export type BulkPetitionRequest = z.input<typeof bulkPetitionRequest>;

const classifyAction = z.object({
  action: z.literal('classify'),
  field: text(petitionLimits.field).min(1, bilingual('Cần chọn lĩnh vực', 'Choose a field')),
  locality: localitySchema,
  agency: optionalText(petitionLimits.agency),
});
const assignAction = z.object({
  action: z.literal('assign'),
  agency: text(petitionLimits.agency).min(1, bilingual('Cần nhập cơ quan trả lời', 'Name the answering agency')),
  deadline: isoDate,
});
const answerAction = z.object({ action: z.literal('answer'), answer: text(petitionLimits.answer).min(1, bilingual('Cần nhập nội dung trả lời', 'The answer is empty')) });
/** `summary`: the text shown to the public instead of the petition as written (names, phone numbers removed). */
const publishAction = z.object({ action: z.literal('publish'), summary: optionalText(petitionLimits.content) });
const closeAction = z.object({ action: z.literal('close'), reason: text(500).min(1, bilingual('Cần ghi lý do', 'Give a reason')) });
const mergeAction = z.object({ action: z.literal('merge'), into: z.uuid() });

export const petitionActionRequest = z.discriminatedUnion('action', [classifyAction, assignAction, answerAction, publishAction, closeAction, mergeAction]);
export type PetitionActionRequest = z.input<typeof petitionActionRequest>;

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** Filters of the secretariat's list. */
export const petitionListQuery = z.object({
  status: z.enum(petitionStatuses).optional(),
  channel: z.enum(petitionChannels).optional(),
  field: z.string().trim().max(petitionLimits.field).optional(),
  locality: z.string().trim().max(petitionLimits.locality).optional(),
  agency: z.string().trim().max(petitionLimits.agency).optional(),
  q: z.string().trim().max(200).optional(),
  overdue: flag.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type PetitionListQuery = z.input<typeof petitionListQuery>;

// ---- Views ---------------------------------------------------------------------------------------------

export interface PetitionAttachment { id: string; filename: string; mime: string; bytes: number }

/** A petition as the secretariat sees it. */
export interface Petition {
  id: string;
  councilId: string;
  code: string;
  channel: PetitionChannel;
  status: PetitionStatus;
  submitterName: string | null;
  submitterContact: string | null;
  locality: string;
  content: string;
  field: string | null;
  agency: string | null;
  deadline: string | null;
  answer: string | null;
  summary: string | null;
  closedReason: string | null;
  mergedInto: { id: string; code: string } | null;
  /** Petitions merged into this one (voters raising the same issue). */
  mergedCount: number;
  meetingId: string | null;
  receivedAt: string;
  answeredAt: string | null;
  publishedAt: string | null;
  overdue: boolean;
  attachments: PetitionAttachment[];
}

/** A published petition and its answer: what the portal and open data show (never who sent it). */
export const publicPetition = z.object({
  id: z.uuid(),
  councilId: z.uuid(),
  channel: z.enum(petitionChannels),
  locality: z.string(),
  field: z.string().nullable(),
  agency: z.string().nullable(),
  content: z.string().meta({ description: 'The petition as published (the secretariat may summarise it)' }),
  answer: z.string(),
  /** How many voters raised it: this petition and those merged into it. */
  voters: z.number().int().min(1),
  receivedAt: z.iso.datetime(),
  answeredAt: z.iso.datetime().nullable(),
  publishedAt: z.iso.datetime(),
}).meta({ id: 'PublicPetition' });
export type PublicPetition = z.infer<typeof publicPetition>;

/** What a citizen sees for a tracking code: the state, and the answer only once published. */
export interface PetitionLookup {
  code: string;
  status: PetitionStatus;
  receivedAt: string;
  /** The published petition and answer: this one, or the one it was merged into, once published. */
  published: PublicPetition | null;
}

export interface PetitionCount { key: string; total: number; answered: number; onTime: number; overdue: number }

/** GET /api/councils/:id/petitions/stats */
export interface PetitionStats {
  total: number;
  byStatus: Record<PetitionStatus, number>;
  byChannel: Record<PetitionChannel, number>;
  byField: PetitionCount[];
  byLocality: PetitionCount[];
  byAgency: PetitionCount[];
  overdue: number;
  answeredOnTime: number;
  answeredLate: number;
}

/** A group of open petitions that look like the same issue (merge suggestion). */
export interface DuplicateGroup { score: number; petitions: Pick<Petition, 'id' | 'code' | 'status' | 'locality' | 'content' | 'receivedAt'>[] }

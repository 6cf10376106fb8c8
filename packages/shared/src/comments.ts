import { z } from 'zod';
import { bilingual } from './errors.ts';
import type { MeetingDocument } from './document.ts';

// Comments on drafts (góp ý dự thảo): before a session, delegates comment on a draft document, pinned to its
// version, a page and optionally a quote or a section; the drafting agency (cơ quan soạn thảo) answers each
// one — accepted (tiếp thu) or explained (giải trình) — and the summary table (bảng tổng hợp tiếp thu, giải
// trình) goes to the session as a meeting document. Unlike annotations these are shared, never private.
// Routes: docs/api.md "Comments on drafts".

/** How the drafting agency answers a comment: tiếp thu (taken into the draft) or giải trình (explained why not). */
export const answerKinds = ['accepted', 'explained'] as const;
export type AnswerKind = (typeof answerKinds)[number];

const text = (max: number) => z.string().trim().max(max);

/**
 * The secretariat opens a document for comments: until when, which agency drafted it, and who answers for that
 * agency (users of the council invited to the meeting, e.g. a UBND guest account or a clerk).
 */
export const commentSettingsRequest = z.object({
  closesAt: z.iso.datetime({ offset: true }),
  agencyName: text(200).min(1, bilingual('Nhập tên cơ quan soạn thảo', 'Enter the drafting agency')),
  agentUserIds: z.array(z.uuid()).max(20).default([]),
});
export type CommentSettingsRequest = z.input<typeof commentSettingsRequest>;

const anchor = {
  /** The text the delegate selected, as a quote. */
  quote: text(1000).nullable().default(null),
  /** The section or paragraph it is about, as written in the draft ("Điều 3", "khoản 2"). */
  section: text(100).nullable().default(null),
};

/** A new comment: always on the document's current version. */
export const addCommentRequest = z.object({
  /** The version the delegate is reading; a replaced one is refused (comment_outdated). Omitted: the current one. */
  version: z.number().int().min(1).optional(),
  page: z.number().int().min(1).max(100_000),
  ...anchor,
  text: text(5000).min(1, bilingual('Nhập nội dung góp ý', 'Enter the comment')),
});
export type AddCommentRequest = z.input<typeof addCommentRequest>;

export const updateCommentRequest = z.object({
  page: z.number().int().min(1).max(100_000).optional(),
  quote: anchor.quote.unwrap().optional(),
  section: anchor.section.unwrap().optional(),
  text: text(5000).min(1, bilingual('Nhập nội dung góp ý', 'Enter the comment')).optional(),
});
export type UpdateCommentRequest = z.input<typeof updateCommentRequest>;

export const answerCommentRequest = z.object({
  kind: z.enum(answerKinds),
  text: text(5000).min(1, bilingual('Nhập nội dung tiếp thu hoặc giải trình', 'Enter the answer')),
});
export type AnswerCommentRequest = z.input<typeof answerCommentRequest>;

export interface CommentAnswer {
  kind: AnswerKind;
  text: string;
  answeredBy: string | null;
  answeredAt: string;
}

export interface DraftComment {
  id: string;
  documentId: string;
  /** The document version it was written on; older than the current one means the draft was replaced since. */
  version: number;
  page: number;
  quote: string | null;
  section: string | null;
  text: string;
  authorName: string;
  mine: boolean;
  createdAt: string;
  updatedAt: string;
  answer: CommentAnswer | null;
}

export interface CommentSettings {
  closesAt: string;
  agencyName: string;
  agents: { userId: string; fullName: string }[];
  /** The meeting document holding the generated summary table, once made. */
  summaryDocumentId: string | null;
}

/** What the caller may do on this document's comments. */
export interface CommentRights {
  /** A delegate (or the chair) of the council with the period open: may add comments. */
  comment: boolean;
  /** The drafting agency's representatives and the secretariat: see all comments, answer, make the table. */
  answer: boolean;
  /** The secretariat: open the period, set its deadline and the agency. */
  manage: boolean;
}

export interface CommentsView {
  ok: true;
  settings: CommentSettings | null;
  /** The current version's number (0 when the document has no file). */
  currentVersion: number;
  open: boolean;
  rights: CommentRights;
  comments: DraftComment[];
}

export interface CommentSummaryResponse {
  ok: true;
  document: MeetingDocument;
}

/** Whether comments may still be added, changed or withdrawn at `now`: a period is set and has not closed. */
export function commentsOpen(settings: { closesAt: string | Date } | null, now: Date): boolean {
  return settings !== null && now.getTime() < new Date(settings.closesAt).getTime();
}

export interface CommentGroup<T> {
  version: number;
  page: number;
  section: string | null;
  comments: T[];
}

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/**
 * Groups comments as the drafting agency works through them and as the summary table lists them: the newest
 * version first (comments on a replaced version after), then by page, then by section in the draft's own
 * order ("Điều 2" before "Điều 10"; none first), each group's comments oldest first.
 */
export function groupComments<T extends { version: number; page: number; section: string | null; createdAt: string }>(list: T[]): CommentGroup<T>[] {
  const keyOf = (c: T) => `${c.version}\u0000${c.page}\u0000${(c.section ?? '').trim().toLocaleLowerCase('vi')}`;
  const groups = new Map<string, CommentGroup<T>>();
  for (const c of list) {
    const key = keyOf(c);
    const group = groups.get(key) ?? { version: c.version, page: c.page, section: c.section?.trim() || null, comments: [] };
    group.comments.push(c);
    groups.set(key, group);
  }
  const out = [...groups.values()].sort((a, b) => b.version - a.version || a.page - b.page
    || (a.section === null ? (b.section === null ? 0 : -1) : b.section === null ? 1 : collator.compare(a.section, b.section)));
  for (const g of out) g.comments.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return out;
}

/** Where a comment is, in the words of the summary table: "Trang 2, Điều 3 (phiên bản 1)"; the version only when it is not the current one. */
export function commentPlace(c: { version: number; page: number; section: string | null }, currentVersion: number, lang: 'vi' | 'en' = 'vi'): string {
  const words = lang === 'vi' ? { page: 'Trang', version: 'phiên bản' } : { page: 'Page', version: 'version' };
  const base = `${words.page} ${c.page}${c.section ? `, ${c.section}` : ''}`;
  return c.version === currentVersion ? base : `${base} (${words.version} ${c.version})`;
}

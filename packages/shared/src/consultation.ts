import { z } from 'zod';
import { bilingual } from './errors.ts';
import { meets, required, type RuleSet, type Threshold } from './rules.ts';
import { isDelegateRole } from './roles.ts';

// Written consultations (phiếu xin ý kiến): between sessions the Standing Committee or the secretariat asks a
// member base in writing, with documents and questions, until a deadline; the result sheet counts the answers
// against the base's total (non-answers are not in favour) and is signed like the minutes. Routes: docs/api.md
// "Consultations".

/** draft (soạn) → sent (đã gửi, members answer) → closed (at the deadline or early). */
export const consultationStatuses = ['draft', 'sent', 'closed'] as const;
export type ConsultationStatus = (typeof consultationStatuses)[number];

/** Who is consulted. `committee` and `group` name the body. */
export const consultationBaseKinds = ['standingCommittee', 'committee', 'group', 'allDelegates'] as const;
export type ConsultationBaseKind = (typeof consultationBaseKinds)[number];

export const questionKinds = ['opinion', 'choice'] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** The three answers to an `opinion` question: đồng ý / không đồng ý / ý kiến khác (with its text). */
export const opinionChoices = ['agree', 'disagree', 'other'] as const;
export type OpinionChoice = (typeof opinionChoices)[number];

/** The rule-set thresholds a consultation may apply (keys of RuleSet). */
export const consultationThresholdRules = ['adoption', 'election', 'dismissal', 'delegateRequest'] as const;
export type ConsultationThresholdRule = (typeof consultationThresholdRules)[number];

/**
 * Whether a member belongs to the Standing Committee (Thường trực HĐND): the chair and vice-chairs
 * (Chủ tịch, Phó Chủ tịch HĐND) and members whose title names it (Ủy viên Thường trực), as the council
 * records them on the member list — there is no separate body for it.
 */
export function isStandingCommitteeMember(m: { role: string; title: string | null }): boolean {
  if (m.role === 'chair') return true;
  if (!isDelegateRole(m.role)) return false;
  const title = (m.title ?? '').toLocaleLowerCase('vi-VN');
  return /^(phó )?chủ tịch hđnd/.test(title) || title.includes('thường trực');
}

const text = (max: number) => z.string().trim().max(max);

export const questionInput = z.object({
  kind: z.enum(questionKinds),
  text: text(2000).min(1, bilingual('Nhập nội dung câu hỏi.', 'Enter the question.')),
  options: z.array(text(300).min(1)).max(20).default([]),
}).refine((q) => q.kind === 'opinion' || q.options.length >= 2, { path: ['options'], message: bilingual('Câu hỏi lựa chọn cần ít nhất hai phương án.', 'A choice question needs at least two options.') });
export type QuestionInput = z.input<typeof questionInput>;

// No defaults here: a PATCH must leave out what it does not change (the create request adds them).
const consultationFields = {
  title: text(300).min(1, bilingual('Nhập tiêu đề.', 'Enter a title.')),
  description: text(10_000),
  baseKind: z.enum(consultationBaseKinds),
  baseBodyId: z.uuid().nullable(),
  deadline: z.iso.datetime({ offset: true }),
  thresholdRule: z.enum(consultationThresholdRules).nullable(),
  reminderHours: z.number().int().min(1).max(24 * 14).nullable(),
  questions: z.array(questionInput).min(1, bilingual('Cần ít nhất một câu hỏi.', 'At least one question is needed.')).max(50),
};
const baseNamesBody = (v: { baseKind?: ConsultationBaseKind; baseBodyId?: string | null }) =>
  v.baseKind === undefined || (v.baseKind === 'committee' || v.baseKind === 'group') === (v.baseBodyId != null);
const baseIssue = { path: ['baseBodyId'], message: bilingual('Chọn Ban hoặc Tổ đại biểu (chỉ khi xin ý kiến một Ban hoặc Tổ).', 'Choose the committee or group (only when consulting one).') };

/** POST /api/councils/:councilId/consultations — a draft. */
export const createConsultationRequest = z.object({
  ...consultationFields,
  description: consultationFields.description.default(''),
  baseBodyId: consultationFields.baseBodyId.default(null),
  thresholdRule: consultationFields.thresholdRule.default(null),
  reminderHours: consultationFields.reminderHours.default(24),
}).refine(baseNamesBody, baseIssue);
export type CreateConsultationRequest = z.input<typeof createConsultationRequest>;

/** PATCH /api/consultations/:id — a draft only; `questions` replaces them all. */
export const updateConsultationRequest = z.object(consultationFields).partial().refine(baseNamesBody, baseIssue);
export type UpdateConsultationRequest = z.input<typeof updateConsultationRequest>;

/** POST /api/consultations/:id/documents/attach — a council (meeting) document, copied by its current version. */
export const attachDocumentRequest = z.object({ documentId: z.uuid() });

/** ?title= of a PDF uploaded to a consultation. */
export const consultationUploadQuery = z.object({ title: text(300).min(1, bilingual('Nhập tên tài liệu.', 'Enter the document title.')) });

export const answerInput = z.object({
  questionId: z.uuid(),
  choice: z.enum(opinionChoices).optional(),
  option: z.number().int().min(0).optional(),
  opinion: text(4000).optional(),
});
export type AnswerInput = z.infer<typeof answerInput>;

/** PUT /api/consultations/:id/response — the member's whole answer set (replaces the previous one). */
export const responseRequest = z.object({ answers: z.array(answerInput).max(50) });
export type ResponseRequest = z.input<typeof responseRequest>;

export interface ConsultationQuestion { id: string; position: number; kind: QuestionKind; text: string; options: string[] }
export type StoredAnswer = { choice?: OpinionChoice; option?: number; opinion?: string };
export type AnswerSet = Record<string, StoredAnswer>;

export type AnswerProblem = { questionId: string; problem: 'missing' | 'unknownQuestion' | 'badChoice' | 'badOption' | 'opinionRequired' };

/**
 * What is wrong with an answer set against the questions: every question answered once, an opinion question
 * with agree/disagree/other (other needs its text), a choice question with one of its options.
 */
export function answerProblems(questions: ConsultationQuestion[], answers: AnswerInput[]): AnswerProblem[] {
  const out: AnswerProblem[] = [];
  const byId = new Map(answers.map((a) => [a.questionId, a]));
  for (const a of answers) if (!questions.some((q) => q.id === a.questionId)) out.push({ questionId: a.questionId, problem: 'unknownQuestion' });
  for (const q of questions) {
    const a = byId.get(q.id);
    if (!a) out.push({ questionId: q.id, problem: 'missing' });
    else if (q.kind === 'opinion' && !a.choice) out.push({ questionId: q.id, problem: 'badChoice' });
    else if (q.kind === 'opinion' && a.choice === 'other' && !a.opinion?.trim()) out.push({ questionId: q.id, problem: 'opinionRequired' });
    else if (q.kind === 'choice' && (a.option === undefined || a.option >= q.options.length)) out.push({ questionId: q.id, problem: 'badOption' });
  }
  return out;
}

/** The answer set as stored: only what each question's kind uses, opinions trimmed. */
export function toAnswerSet(questions: ConsultationQuestion[], answers: AnswerInput[]): AnswerSet {
  const out: AnswerSet = {};
  for (const q of questions) {
    const a = answers.find((x) => x.questionId === q.id);
    if (!a) continue;
    const opinion = a.opinion?.trim() || undefined;
    out[q.id] = q.kind === 'opinion' ? { choice: a.choice!, ...(opinion ? { opinion } : {}) } : { option: a.option!, ...(opinion ? { opinion } : {}) };
  }
  return out;
}

/** Whether answers are still taken: sent and before the deadline (the deadline instant itself is too late). */
export function acceptsAnswers(c: { status: ConsultationStatus; deadline: string }, now: Date): boolean {
  return c.status === 'sent' && now.getTime() < Date.parse(c.deadline);
}

export interface Count { count: number; basisPoints: number }
const count = (n: number, total: number): Count => ({ count: n, basisPoints: total > 0 ? Math.round((n * 10_000) / total) : 0 });

export interface Opinion { memberId: string; text: string }
export interface QuestionTally {
  questionId: string;
  kind: QuestionKind;
  text: string;
  /** opinion: agree, disagree, other; choice: one per option, in order. */
  counts: { key: string; label: string; share: Count }[];
  notAnswered: Count;
  /** Opinions verbatim: "other" answers and any comment given. */
  opinions: Opinion[];
  /** With a threshold: the count needed and whether it was met (agree, or the option(s) reaching it). */
  outcome: { required: number; met: boolean; winners: number[] } | null;
}
export interface ConsultationTally { total: number; answered: number; notAnswered: string[]; questions: QuestionTally[] }

export const opinionLabels: Record<OpinionChoice, { vi: string; en: string }> = {
  agree: { vi: 'Đồng ý', en: 'Agree' }, disagree: { vi: 'Không đồng ý', en: 'Disagree' }, other: { vi: 'Ý kiến khác', en: 'Other opinion' },
};

/**
 * The result sheet's counts: for each question the answers against the total of the member base, those
 * who did not answer, the opinions verbatim and — with a threshold — whether "agree" (or an option) met it.
 * Counting against the total makes a non-answer count as not in favour, as in a poll.
 */
export function tallyConsultation(
  questions: ConsultationQuestion[], recipients: string[], responses: { memberId: string; answers: AnswerSet }[], threshold: Threshold | null,
): ConsultationTally {
  const base = new Set(recipients);
  const valid = responses.filter((r) => base.has(r.memberId));
  const total = base.size;
  const answeredIds = new Set(valid.map((r) => r.memberId));
  const tallies = [...questions].sort((a, b) => a.position - b.position).map((q): QuestionTally => {
    const given = valid.map((r) => ({ memberId: r.memberId, a: r.answers[q.id] })).filter((x) => x.a !== undefined);
    const keys = q.kind === 'opinion'
      ? opinionChoices.map((k) => ({ key: k, label: opinionLabels[k].vi, n: given.filter((x) => x.a!.choice === k).length }))
      : q.options.map((label, i) => ({ key: String(i), label, n: given.filter((x) => x.a!.option === i).length }));
    const counted = keys.reduce((s, k) => s + k.n, 0);
    const winners = threshold ? keys.map((k, i) => (q.kind === 'choice' || k.key === 'agree') && meets(k.n, total, threshold) && total > 0 ? i : -1).filter((i) => i >= 0) : [];
    return {
      questionId: q.id, kind: q.kind, text: q.text,
      counts: keys.map((k) => ({ key: k.key, label: k.label, share: count(k.n, total) })),
      notAnswered: count(total - counted, total),
      opinions: given.filter((x) => x.a!.opinion).map((x) => ({ memberId: x.memberId, text: x.a!.opinion! })),
      outcome: threshold ? { required: required(total, threshold), met: winners.length > 0, winners } : null,
    };
  });
  return { total, answered: answeredIds.size, notAnswered: recipients.filter((m) => !answeredIds.has(m)), questions: tallies };
}

/** The threshold a consultation applies, from the council's rule set, or none. */
export function consultationThreshold(rule: ConsultationThresholdRule | null, rules: RuleSet): Threshold | null {
  return rule ? rules[rule] : null;
}

export interface ConsultationDocument { id: string; title: string; filename: string; sha256: string; sourceDocumentId: string | null }
export interface ConsultationSummary {
  id: string; councilId: string; title: string; status: ConsultationStatus; baseKind: ConsultationBaseKind; baseBodyId: string | null;
  deadline: string; sentAt: string | null; closedAt: string | null; recipients: number; answered: number; signed: boolean;
}
export interface Consultation extends ConsultationSummary {
  description: string; thresholdRule: ConsultationThresholdRule | null; reminderHours: number | null;
  questions: ConsultationQuestion[]; documents: ConsultationDocument[];
  /** The caller's own answer set when they are in the base (null: not answered yet; undefined: not in the base). */
  myResponse?: { answers: AnswerSet; updatedAt: string } | null;
  canManage: boolean; canSign: boolean; acceptsAnswers: boolean;
}
export interface ConsultationProgressRow { memberId: string; fullName: string; title: string | null; answeredAt: string | null; reminded: boolean }

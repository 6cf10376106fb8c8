import { z } from 'zod';

/**
 * HĐND decision rules as data (DESIGN.md "HĐND rules"): each council adopts its own working rules from the
 * model rules, so every threshold lives in a per-council rule set with the legal defaults, and all
 * arithmetic is on integers ("more than half of 25" is 13, "at least two thirds of 25" is 17).
 */

/** A share of the total number of delegates: `num/den`, either "more than" (strict) or "at least". */
export const thresholdSchema = z.object({
  num: z.number().int().min(0),
  den: z.number().int().min(1),
  strict: z.boolean(),
});
export type Threshold = z.infer<typeof thresholdSchema>;

/** More than half (quá nửa). */
export const moreThanHalf: Threshold = { num: 1, den: 2, strict: true };
/** At least two thirds (ít nhất hai phần ba). */
export const atLeastTwoThirds: Threshold = { num: 2, den: 3, strict: false };
/** More than two thirds (quá hai phần ba). */
export const moreThanTwoThirds: Threshold = { num: 2, den: 3, strict: true };
/** At least one third (ít nhất một phần ba). */
export const atLeastOneThird: Threshold = { num: 1, den: 3, strict: false };

/** Whether `count` out of `total` meets the threshold, in exact integer arithmetic. */
export function meets(count: number, total: number, t: Threshold): boolean {
  return t.strict ? count * t.den > total * t.num : count * t.den >= total * t.num;
}

/** The smallest count out of `total` that meets the threshold (e.g. 13 of 25 for more than half). */
export function required(total: number, t: Threshold): number {
  const exact = total * t.num;
  const base = Math.floor(exact / t.den);
  if (t.strict) return base + 1;
  return exact % t.den === 0 ? base : base + 1;
}

export const choiceLabelsSchema = z.object({ yes: z.string().min(1), no: z.string().min(1), abstain: z.string().min(1) });
export type ChoiceLabels = z.infer<typeof choiceLabelsSchema>;

/** A council's rule set; defaults follow the Law on Local Government and the model working rules. */
export const ruleSetSchema = z.object({
  /** Delegates who must take part for the session to proceed and for a poll to open. */
  quorum: thresholdSchema,
  /** Resolutions, motions, decisions. */
  adoption: thresholdSchema,
  /** Elections of officials (bầu chức danh). */
  election: thresholdSchema,
  /** Dismissal of a delegate (bãi nhiệm). */
  dismissal: thresholdSchema,
  /** Confidence vote lost (bỏ phiếu tín nhiệm: không tín nhiệm). */
  noConfidence: thresholdSchema,
  /** Confidence poll: "tín nhiệm thấp" share that forces a confidence vote. */
  lowConfidenceMustVote: thresholdSchema,
  /** Confidence poll: "tín nhiệm thấp" share after which the official may resign. */
  lowConfidenceMayResign: thresholdSchema,
  /** Delegates needed to request an extraordinary session or a confidence vote. */
  delegateRequest: thresholdSchema,
  /** Labels of the three choices on a motion, as the council prints them. */
  choiceLabels: choiceLabelsSchema,
  /** Whether a delegate may change a named electronic ballot until the poll closes. */
  allowBallotChange: z.boolean(),
  /** Whether the summary table of comments on a draft names each delegate, or says only "Đại biểu". */
  commentSummaryNames: z.boolean().default(true),
  /** Days before a regular session by which documents must reach delegates. */
  sendAheadDays: z.number().int().min(0).max(60),
  /** Speaking time per speaker on an agenda item, in seconds. */
  speakerSeconds: z.number().int().min(30).max(3600),
  /** Time limits in questioning (chất vấn): per question and per answer, in seconds. */
  questionSeconds: z.number().int().min(15).max(1800),
  answerSeconds: z.number().int().min(15).max(3600),
  /** Days an official has to answer in writing a question left unanswered at the sitting. */
  writtenAnswerDays: z.number().int().min(1).max(90),
  /**
   * Reminders before a meeting starts, in minutes (default 3 days and 1 hour); defaults keep a rule set
   * stored before reminders existed valid. Invitations: docs/api.md "Invitations".
   */
  reminderMinutes: z.array(z.number().int().min(5).max(60 * 24 * 30)).max(5).default([3 * 24 * 60, 60]),
  /** Minutes before the start when invitees who have not opened the documents are reminded; 0 turns it off. */
  unreadDocumentsMinutes: z.number().int().min(0).max(60 * 24 * 30).default(24 * 60),
  /**
   * Whether an invitee may send someone in their place: never, for every meeting except plenary sessions
   * (a delegate's mandate is personal, a session cannot be attended by proxy), or always.
   */
  substitutes: z.enum(['never', 'exceptSessions', 'always']).default('exceptSessions'),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;

export const defaultRuleSet: RuleSet = {
  quorum: atLeastTwoThirds,
  adoption: moreThanHalf,
  election: moreThanHalf,
  dismissal: atLeastTwoThirds,
  noConfidence: moreThanHalf,
  lowConfidenceMustVote: moreThanTwoThirds,
  lowConfidenceMayResign: moreThanHalf,
  delegateRequest: atLeastOneThird,
  choiceLabels: { yes: 'Tán thành', no: 'Không tán thành', abstain: 'Không biểu quyết' },
  allowBallotChange: false,
  commentSummaryNames: true,
  sendAheadDays: 7,
  speakerSeconds: 300,
  questionSeconds: 60,
  answerSeconds: 180,
  writtenAnswerDays: 15,
  reminderMinutes: [3 * 24 * 60, 60],
  unreadDocumentsMinutes: 24 * 60,
  substitutes: 'exceptSessions',
};

export interface Quorum {
  present: number;
  total: number;
  required: number;
  reached: boolean;
}

/** Live quorum: delegates present against the council's total number of delegates. */
export function quorum(present: number, total: number, rules: Pick<RuleSet, 'quorum'> = defaultRuleSet): Quorum {
  return { present, total, required: required(total, rules.quorum), reached: total > 0 && meets(present, total, rules.quorum) };
}

/** A count with its share of the total, in hundredths of a percent (integer), for display as "52,00%". */
export interface Share {
  count: number;
  basisPoints: number;
}
const share = (count: number, total: number): Share => ({ count, basisPoints: total > 0 ? Math.round((count * 10_000) / total) : 0 });

export type MotionChoice = 'yes' | 'no' | 'abstain';

export interface MotionResult {
  total: number;
  yes: Share;
  no: Share;
  abstain: Share;
  /** Delegates who did not vote; they count as not in favour. */
  notVoted: Share;
  required: number;
  adopted: boolean;
}

/**
 * The result of a motion or draft resolution: adopted when the "yes" count meets the threshold of the
 * total number of delegates — not of those present, not of votes cast.
 */
export function motionResult(counts: Record<MotionChoice, number>, total: number, threshold: Threshold): MotionResult {
  const cast = counts.yes + counts.no + counts.abstain;
  return {
    total,
    yes: share(counts.yes, total), no: share(counts.no, total), abstain: share(counts.abstain, total),
    notVoted: share(Math.max(0, total - cast), total),
    required: required(total, threshold),
    adopted: total > 0 && meets(counts.yes, total, threshold),
  };
}

export interface ElectionResult {
  total: number;
  required: number;
  candidates: { id: string; votes: Share; elected: boolean }[];
}

/**
 * An election: a candidate is elected with votes meeting the threshold of the total; with fewer seats than
 * qualifying candidates, the most voted win and a tie for the last seat elects nobody to it (a new round).
 */
export function electionResult(votes: Record<string, number>, total: number, threshold: Threshold, seats: number): ElectionResult {
  const qualifying = Object.entries(votes).filter(([, n]) => total > 0 && meets(n, total, threshold)).sort((a, b) => b[1] - a[1]);
  const elected = new Set<string>();
  for (let i = 0; i < qualifying.length && elected.size < seats; i++) {
    const [id, n] = qualifying[i]!;
    const tiedBeyondSeats = qualifying.filter(([, m]) => m === n).length > seats - elected.size;
    if (tiedBeyondSeats) break;
    elected.add(id);
  }
  return {
    total, required: required(total, threshold),
    candidates: Object.entries(votes).map(([id, n]) => ({ id, votes: share(n, total), elected: elected.has(id) })),
  };
}

export type ConfidenceLevel = 'high' | 'medium' | 'low';

export interface ConfidencePollResult {
  total: number;
  high: Share;
  medium: Share;
  low: Share;
  /** "Tín nhiệm thấp" by more than two thirds (default): the council must hold a confidence vote. */
  mustHoldConfidenceVote: boolean;
  /** "Tín nhiệm thấp" by more than half (default): the official may resign; twice in a row → confidence vote. */
  mayResign: boolean;
}

/** A confidence poll (lấy phiếu tín nhiệm) for one official: three levels, two flags from the rule set. */
export function confidencePollResult(counts: Record<ConfidenceLevel, number>, total: number, rules: Pick<RuleSet, 'lowConfidenceMustVote' | 'lowConfidenceMayResign'> = defaultRuleSet): ConfidencePollResult {
  return {
    total, high: share(counts.high, total), medium: share(counts.medium, total), low: share(counts.low, total),
    mustHoldConfidenceVote: total > 0 && meets(counts.low, total, rules.lowConfidenceMustVote),
    mayResign: total > 0 && meets(counts.low, total, rules.lowConfidenceMayResign),
  };
}

export interface ConfidenceVoteResult {
  total: number;
  confidence: Share;
  noConfidence: Share;
  required: number;
  lost: boolean;
}

/** A confidence vote (bỏ phiếu tín nhiệm): lost when "không tín nhiệm" meets the threshold of the total. */
export function confidenceVoteResult(counts: { confidence: number; noConfidence: number }, total: number, threshold: Threshold = defaultRuleSet.noConfidence): ConfidenceVoteResult {
  return {
    total, confidence: share(counts.confidence, total), noConfidence: share(counts.noConfidence, total),
    required: required(total, threshold), lost: total > 0 && meets(counts.noConfidence, total, threshold),
  };
}

/** Formats a share as Vietnamese shows percentages: "52,00%" (or "52.00%" in English). */
export function formatShare(s: Share, locale: 'vi' | 'en'): string {
  const text = (s.basisPoints / 100).toFixed(2);
  return `${locale === 'vi' ? text.replace('.', ',') : text}%`;
}

import { z } from 'zod';
import type { FieldErrors } from './errors.ts';

/**
 * A secret ballot held on paper (DESIGN.md "Methods": the paper fallback) is counted by a counting committee
 * (Ban kiểm phiếu), whose record (biên bản kiểm phiếu) gives the ballots issued, returned, valid and invalid
 * and the count per choice. The secretary enters that record; these pure functions check that it adds up
 * (the same checks on the console before sending and on the server) and turn it into the counts the rule
 * functions of rules.ts take, so a paper ballot is decided exactly like an electronic one.
 */

const count = z.number().int().min(0).max(10_000);

export const paperRecordSchema = z.object({
  /** Members of the counting committee, as the council elected them. */
  committee: z.array(z.string().trim().min(2).max(200)).min(1).max(15),
  /** Ballots handed out (phát ra), returned (thu vào), valid (hợp lệ), invalid (không hợp lệ). */
  issued: count.min(1),
  returned: count,
  valid: count,
  invalid: count,
  /** Motions, dismissals and confidence votes (yes = tín nhiệm, no = không tín nhiệm; no abstain there). */
  choices: z.object({ yes: count, no: count, abstain: count.default(0) }).optional(),
  /** Elections: votes per candidate (option id). */
  votes: z.record(z.string().max(40), count).optional(),
  /** Confidence polls: the three levels per official (option id). */
  ratings: z.record(z.string().max(40), z.object({ high: count, medium: count, low: count })).optional(),
});
export type PaperRecord = z.infer<typeof paperRecordSchema>;

export interface PaperPoll {
  kind: 'motion' | 'dismissal' | 'election' | 'confidencePoll' | 'confidenceVote';
  options: { id: string; label: string }[];
  seats: number | null;
}

/** Which part of the record a kind of poll uses. */
export function paperShape(kind: PaperPoll['kind']): 'choices' | 'votes' | 'ratings' {
  return kind === 'election' ? 'votes' : kind === 'confidencePoll' ? 'ratings' : 'choices';
}

/**
 * Everything that does not add up in a record, per field, in both languages: more ballots issued than
 * delegates present, more returned than issued, valid + invalid ≠ returned, choices that do not add up to
 * the valid ballots, a candidate or official with more votes than valid ballots, unknown or missing ones.
 */
export function paperRecordErrors(r: PaperRecord, poll: PaperPoll, presentDelegates: number): FieldErrors {
  const out: FieldErrors = {};
  const err = (field: string, vi: string, en: string) => (out[field] ??= []).push({ vi, en });
  if (r.issued > presentDelegates) err('issued', `Số phiếu phát ra (${r.issued}) nhiều hơn số đại biểu có mặt (${presentDelegates}).`, `Ballots issued (${r.issued}) exceed the delegates present (${presentDelegates}).`);
  if (r.returned > r.issued) err('returned', `Số phiếu thu vào (${r.returned}) nhiều hơn số phiếu phát ra (${r.issued}).`, `Ballots returned (${r.returned}) exceed the ballots issued (${r.issued}).`);
  if (r.valid + r.invalid !== r.returned) err('valid', `Phiếu hợp lệ (${r.valid}) và không hợp lệ (${r.invalid}) phải cộng lại bằng số phiếu thu vào (${r.returned}).`, `Valid (${r.valid}) and invalid (${r.invalid}) ballots must add up to the ballots returned (${r.returned}).`);

  const shape = paperShape(poll.kind);
  for (const other of ['choices', 'votes', 'ratings'] as const) {
    if (other !== shape && r[other] !== undefined) err(other, 'Phần này không dùng cho loại biểu quyết này.', 'This part does not apply to this kind of poll.');
  }
  if (r[shape] === undefined) {
    err(shape, 'Nhập số phiếu theo biên bản kiểm phiếu.', 'Enter the counts from the counting record.');
    return out;
  }
  if (shape === 'choices') {
    const c = r.choices!;
    if (poll.kind === 'confidenceVote' && c.abstain > 0) err('choices.abstain', 'Bỏ phiếu tín nhiệm chỉ có hai lựa chọn: tín nhiệm, không tín nhiệm.', 'A confidence vote has only two choices: confidence, no confidence.');
    const sum = c.yes + c.no + c.abstain;
    if (sum !== r.valid) err('choices', `Số phiếu theo từng lựa chọn (${sum}) phải cộng lại bằng số phiếu hợp lệ (${r.valid}).`, `The counts per choice (${sum}) must add up to the valid ballots (${r.valid}).`);
    return out;
  }
  const ids = new Set(poll.options.map((o) => o.id));
  const given = Object.keys(r[shape]!);
  const unknown = given.filter((id) => !ids.has(id));
  if (unknown.length) err(shape, `Không có trong danh sách: ${unknown.join(', ')}.`, `Not on the list: ${unknown.join(', ')}.`);
  const missing = poll.options.filter((o) => !given.includes(o.id));
  if (missing.length) err(shape, `Thiếu số phiếu của: ${missing.map((o) => o.label).join(', ')}.`, `Counts missing for: ${missing.map((o) => o.label).join(', ')}.`);
  if (shape === 'votes') {
    for (const o of poll.options) {
      const n = r.votes![o.id] ?? 0;
      if (n > r.valid) err(`votes.${o.id}`, `${o.label}: số phiếu bầu (${n}) nhiều hơn số phiếu hợp lệ (${r.valid}).`, `${o.label}: votes (${n}) exceed the valid ballots (${r.valid}).`);
    }
    const sum = Object.values(r.votes!).reduce((a, b) => a + b, 0);
    const most = r.valid * (poll.seats ?? 1);
    if (sum > most) err('votes', `Tổng số phiếu bầu (${sum}) nhiều hơn số phiếu hợp lệ nhân số người được bầu (${most}).`, `Total votes (${sum}) exceed the valid ballots times the seats (${most}).`);
  } else {
    for (const o of poll.options) {
      const c = r.ratings![o.id];
      const sum = c ? c.high + c.medium + c.low : 0;
      if (sum > r.valid) err(`ratings.${o.id}`, `${o.label}: tổng ba mức (${sum}) nhiều hơn số phiếu hợp lệ (${r.valid}).`, `${o.label}: the three levels (${sum}) exceed the valid ballots (${r.valid}).`);
    }
  }
  return out;
}

/**
 * The record as the counts the rule functions take: choice counts for motions and confidence votes;
 * per option `{ vote }` (election) or `{ high, medium, low }` (confidence poll), as the secret counters are.
 */
export function paperCounts(r: PaperRecord): { choices: { yes: number; no: number; abstain: number }; options: Map<string, Record<string, number>> } {
  const options = new Map<string, Record<string, number>>();
  for (const [id, n] of Object.entries(r.votes ?? {})) options.set(id, { vote: n });
  for (const [id, c] of Object.entries(r.ratings ?? {})) options.set(id, { ...c });
  return { choices: { yes: 0, no: 0, abstain: 0, ...r.choices }, options };
}

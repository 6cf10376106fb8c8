import { describe, expect, it } from 'vitest';
import {
  acceptsAnswers, answerProblems, createConsultationRequest, isStandingCommitteeMember, tallyConsultation, toAnswerSet, updateConsultationRequest,
  type AnswerSet, type ConsultationQuestion,
} from './consultation.ts';
import { atLeastTwoThirds, moreThanHalf } from './rules.ts';

const opinion: ConsultationQuestion = { id: 'q1', position: 0, kind: 'opinion', text: 'Đồng ý chủ trương?', options: [] };
const choice: ConsultationQuestion = { id: 'q2', position: 1, kind: 'choice', text: 'Chọn phương án', options: ['Phương án A', 'Phương án B'] };
const ids = (n: number) => Array.from({ length: n }, (_, i) => `m${i + 1}`);
/** `agree` members agree, the next `disagree` disagree, the rest of `answered` give another opinion. */
function responses(agree: number, disagree: number, other: number): { memberId: string; answers: AnswerSet }[] {
  return ids(agree + disagree + other).map((memberId, i) => ({
    memberId,
    answers: { q1: i < agree ? { choice: 'agree' } : i < agree + disagree ? { choice: 'disagree' } : { choice: 'other', opinion: `Ý kiến ${memberId}` } },
  }));
}

describe('tallyConsultation: counts against the total of the member base', () => {
  it.each([
    // total, agree, disagree, other, threshold, met, required
    [25, 13, 0, 0, moreThanHalf, true, 13],
    [25, 12, 5, 5, moreThanHalf, false, 13],
    [30, 16, 0, 0, moreThanHalf, true, 16],
    [30, 15, 15, 0, moreThanHalf, false, 16],
    [25, 17, 0, 0, atLeastTwoThirds, true, 17],
    [25, 16, 9, 0, atLeastTwoThirds, false, 17],
    [30, 20, 0, 0, atLeastTwoThirds, true, 20],
    [30, 19, 1, 0, atLeastTwoThirds, false, 20],
  ] as const)('total %i, %i agree / %i disagree / %i other → met %s', (total, agree, disagree, other, threshold, met, req) => {
    const t = tallyConsultation([opinion], ids(total), responses(agree, disagree, other), threshold);
    const q = t.questions[0]!;
    expect(q.counts.map((c) => c.share.count)).toEqual([agree, disagree, other]);
    expect(q.notAnswered.count).toBe(total - agree - disagree - other);
    expect(q.outcome).toEqual({ required: req, met, winners: met ? [0] : [] });
  });

  it('counts a non-answer as not in favour: 13 of 25 agreeing is enough only with 25 in the base, not with 26', () => {
    expect(tallyConsultation([opinion], ids(25), responses(13, 0, 0), moreThanHalf).questions[0]!.outcome!.met).toBe(true);
    expect(tallyConsultation([opinion], ids(26), responses(13, 0, 0), moreThanHalf).questions[0]!.outcome!.met).toBe(false);
  });

  it('lists who has not answered and keeps the opinions verbatim', () => {
    const t = tallyConsultation([opinion], ids(5), responses(1, 1, 2), null);
    expect(t.answered).toBe(4);
    expect(t.notAnswered).toEqual(['m5']);
    expect(t.questions[0]!.opinions).toEqual([{ memberId: 'm3', text: 'Ý kiến m3' }, { memberId: 'm4', text: 'Ý kiến m4' }]);
    expect(t.questions[0]!.outcome).toBeNull();
  });

  it('ignores answers of people outside the base', () => {
    const t = tallyConsultation([opinion], ['m1', 'm2'], [...responses(2, 0, 0), { memberId: 'x', answers: { q1: { choice: 'agree' } } }], moreThanHalf);
    expect(t.questions[0]!.counts[0]!.share.count).toBe(2);
    expect(t.total).toBe(2);
  });

  it('counts a choice question per option and names each option meeting the threshold', () => {
    const rs = ids(5).map((memberId, i) => ({ memberId, answers: { q2: { option: i < 3 ? 1 : 0 } } as AnswerSet }));
    const q = tallyConsultation([opinion, choice], ids(5), rs, moreThanHalf).questions[1]!;
    expect(q.counts.map((c) => [c.label, c.share.count])).toEqual([['Phương án A', 2], ['Phương án B', 3]]);
    expect(q.outcome).toEqual({ required: 3, met: true, winners: [1] });
    expect(q.counts[1]!.share.basisPoints).toBe(6000);
  });

  it('gives an empty base no outcome met', () => {
    expect(tallyConsultation([opinion], [], [], moreThanHalf).questions[0]!.outcome!.met).toBe(false);
  });
});

describe('answer sets', () => {
  it.each([
    [[{ questionId: 'q1', choice: 'agree' }, { questionId: 'q2', option: 1 }], []],
    [[{ questionId: 'q2', option: 1 }], [{ questionId: 'q1', problem: 'missing' }]],
    [[{ questionId: 'q1', choice: 'other' }, { questionId: 'q2', option: 0 }], [{ questionId: 'q1', problem: 'opinionRequired' }]],
    [[{ questionId: 'q1', choice: 'other', opinion: '  ' }, { questionId: 'q2', option: 0 }], [{ questionId: 'q1', problem: 'opinionRequired' }]],
    [[{ questionId: 'q1' }, { questionId: 'q2', option: 2 }], [{ questionId: 'q1', problem: 'badChoice' }, { questionId: 'q2', problem: 'badOption' }]],
    [[{ questionId: 'q1', choice: 'agree' }, { questionId: 'q2', option: 0 }, { questionId: 'q9', choice: 'agree' }], [{ questionId: 'q9', problem: 'unknownQuestion' }]],
  ] as const)('%j → %j', (answers, problems) => {
    expect(answerProblems([opinion, choice], answers as never)).toEqual(problems);
  });

  it('stores only what each kind uses, opinions trimmed', () => {
    expect(toAnswerSet([opinion, choice], [{ questionId: 'q1', choice: 'other', option: 3, opinion: ' Cần làm rõ ' }, { questionId: 'q2', option: 1, opinion: '' }]))
      .toEqual({ q1: { choice: 'other', opinion: 'Cần làm rõ' }, q2: { option: 1 } });
  });

  it('takes answers while sent and before the deadline only', () => {
    const deadline = '2026-06-01T10:00:00.000Z';
    expect(acceptsAnswers({ status: 'sent', deadline }, new Date('2026-06-01T09:59:59.999Z'))).toBe(true);
    expect(acceptsAnswers({ status: 'sent', deadline }, new Date(deadline))).toBe(false);
    expect(acceptsAnswers({ status: 'draft', deadline }, new Date('2026-05-01T00:00:00Z'))).toBe(false);
    expect(acceptsAnswers({ status: 'closed', deadline }, new Date('2026-05-01T00:00:00Z'))).toBe(false);
  });
});

describe('the member base', () => {
  it.each([
    [{ role: 'chair', title: 'Chủ tịch HĐND xã' }, true],
    [{ role: 'delegate', title: 'Phó Chủ tịch HĐND xã' }, true],
    [{ role: 'delegate', title: 'Ủy viên Thường trực HĐND tỉnh' }, true],
    [{ role: 'delegate', title: 'Đại biểu HĐND xã' }, false],
    [{ role: 'secretary', title: 'Phó Chủ tịch HĐND xã' }, false],
    [{ role: 'delegate', title: null }, false],
  ])('%j in the Standing Committee: %s', (m, expected) => {
    expect(isStandingCommitteeMember(m)).toBe(expected);
  });

  it('needs a body exactly for a committee or group base', () => {
    const base = { title: 'X', deadline: '2026-06-01T10:00:00+07:00', questions: [{ kind: 'opinion', text: 'Q' }] } as const;
    expect(createConsultationRequest.safeParse({ ...base, baseKind: 'committee' }).success).toBe(false);
    expect(createConsultationRequest.safeParse({ ...base, baseKind: 'committee', baseBodyId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }).success).toBe(true);
    expect(createConsultationRequest.safeParse({ ...base, baseKind: 'allDelegates', baseBodyId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }).success).toBe(false);
    expect(createConsultationRequest.safeParse({ ...base, baseKind: 'allDelegates', questions: [{ kind: 'choice', text: 'Q', options: ['A'] }] }).success).toBe(false);
  });
});

describe('the update request', () => {
  it('leaves out what it does not change (no defaults filled in)', () => {
    expect(updateConsultationRequest.parse({ description: 'Mới' })).toEqual({ description: 'Mới' });
  });
});

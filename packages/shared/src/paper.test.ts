import { describe, expect, it } from 'vitest';
import { paperCounts, paperRecordErrors, paperRecordSchema, type PaperPoll, type PaperRecord } from './paper.ts';
import { defaultRuleSet, electionResult, motionResult } from './rules.ts';

const motion: PaperPoll = { kind: 'motion', options: [], seats: null };
const election: PaperPoll = { kind: 'election', options: [{ id: 'o1', label: 'Trần Thị Hoa' }, { id: 'o2', label: 'Lê Văn Cường' }], seats: 1 };
const confidencePoll: PaperPoll = { kind: 'confidencePoll', options: [{ id: 'o1', label: 'Chủ tịch UBND' }], seats: null };
const base = { committee: ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'], issued: 20, returned: 20, valid: 19, invalid: 1 };
const record = (extra: Partial<PaperRecord>): PaperRecord => paperRecordSchema.parse({ ...base, ...extra });
const fields = (r: PaperRecord, poll: PaperPoll, present = 20) => Object.keys(paperRecordErrors(r, poll, present)).sort();

describe('a counting committee’s record (biên bản kiểm phiếu)', () => {
  it('accepts a record that adds up', () => {
    expect(paperRecordErrors(record({ choices: { yes: 15, no: 3, abstain: 1 } }), motion, 20)).toEqual({});
    expect(paperRecordErrors(record({ votes: { o1: 14, o2: 5 } }), election, 20)).toEqual({});
    expect(paperRecordErrors(record({ ratings: { o1: { high: 10, medium: 5, low: 4 } } }), confidencePoll, 20)).toEqual({});
  });

  it.each([
    ['more ballots issued than delegates present', { ...base, issued: 21, returned: 20 }, 20, ['issued']],
    ['more returned than issued', { ...base, issued: 18, returned: 20 }, 20, ['returned']],
    ['valid + invalid ≠ returned', { ...base, valid: 18, choices: { yes: 15, no: 3, abstain: 0 } }, 20, ['valid']],
    ['choices not adding up to the valid ballots', { ...base, choices: { yes: 15, no: 3, abstain: 0 } }, 20, ['choices']],
  ])('refuses %s', (_name, input, present, expected) => {
    const r = record({ choices: { yes: 15, no: 3, abstain: 1 }, ...input });
    expect(fields(r, motion, present)).toEqual(expected);
  });

  it('names the delegates present and the counts in both languages', () => {
    const errors = paperRecordErrors(record({ issued: 26, returned: 20, choices: { yes: 15, no: 3, abstain: 1 } }), motion, 25);
    expect(errors.issued).toEqual([{ vi: 'Số phiếu phát ra (26) nhiều hơn số đại biểu có mặt (25).', en: 'Ballots issued (26) exceed the delegates present (25).' }]);
  });

  it('refuses the wrong part for the kind, a missing part, and abstentions in a confidence vote', () => {
    expect(fields(record({ votes: { o1: 3 } }), motion)).toEqual(['choices', 'votes']);
    expect(fields(record({ choices: { yes: 10, no: 8, abstain: 1 } }), { ...motion, kind: 'confidenceVote' })).toEqual(['choices.abstain']);
  });

  it('refuses a candidate with more votes than valid ballots, too many votes for the seats, unknown or missing candidates', () => {
    expect(fields(record({ votes: { o1: 20, o2: 0 } }), { ...election, seats: 2 })).toEqual(['votes.o1']);
    expect(fields(record({ votes: { o1: 10, o2: 10 } }), election)).toEqual(['votes']);
    expect(fields(record({ votes: { o1: 10, o2: 10 } }), { ...election, seats: 2 })).toEqual([]);
    expect(paperRecordErrors(record({ votes: { o1: 10, o9: 1 } }), election, 20).votes!.map((m) => m.en)).toEqual(['Not on the list: o9.', 'Counts missing for: Lê Văn Cường.']);
    expect(fields(record({ ratings: { o1: { high: 10, medium: 5, low: 5 } } }), confidencePoll)).toEqual(['ratings.o1']);
  });

  it('needs a committee and at least one ballot issued', () => {
    expect(paperRecordSchema.safeParse({ ...base, committee: [] }).success).toBe(false);
    expect(paperRecordSchema.safeParse({ ...base, issued: 0, returned: 0, valid: 0, invalid: 0 }).success).toBe(false);
  });

  it('gives the rule functions the same counts as electronic ballots', () => {
    const c = paperCounts(record({ choices: { yes: 13, no: 5, abstain: 1 } }));
    // 13 of 25 is more than half of the total: adopted, whatever the turnout.
    expect(motionResult(c.choices, 25, defaultRuleSet.adoption)).toMatchObject({ adopted: true, notVoted: { count: 6 } });
    const e = paperCounts(record({ votes: { o1: 12, o2: 7 } }));
    expect(electionResult({ o1: e.options.get('o1')!.vote!, o2: e.options.get('o2')!.vote! }, 25, defaultRuleSet.election, 1).candidates[0]).toMatchObject({ id: 'o1', elected: false });
  });
});

import { describe, expect, it } from 'vitest';
import { questionInput } from '@hopso/shared/consultation';
import { toEdited, toQuestionInputs } from './questions.ts';

describe('the draft editor questions', () => {
  it('send a choice question’s options one per line, blank lines and spaces dropped, and none for an opinion question', () => {
    const inputs = toQuestionInputs([
      { kind: 'choice', text: 'Chọn tuyến', options: ' Tuyến A \n\nTuyến B\n' },
      { kind: 'opinion', text: 'Đồng ý?', options: 'left over from a choice' },
    ]);
    expect(inputs).toEqual([{ kind: 'choice', text: 'Chọn tuyến', options: ['Tuyến A', 'Tuyến B'] }, { kind: 'opinion', text: 'Đồng ý?', options: [] }]);
    for (const q of inputs) expect(questionInput.safeParse(q).success).toBe(true);
  });

  it('read stored questions back into the editor unchanged', () => {
    const stored = [{ id: 'q', position: 0, kind: 'choice' as const, text: 'Chọn', options: ['A', 'B'] }];
    expect(toQuestionInputs(toEdited(stored))).toEqual([{ kind: 'choice', text: 'Chọn', options: ['A', 'B'] }]);
  });
});

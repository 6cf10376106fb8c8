import type { ConsultationQuestion, QuestionInput, QuestionKind } from '@hopso/shared/consultation';

/** A question as the draft editor holds it: options as typed, one per line. */
export interface EditedQuestion { kind: QuestionKind; text: string; options: string }

/** The editor's questions as the request sends them: options one per line, blank lines dropped. */
export function toQuestionInputs(list: EditedQuestion[]): QuestionInput[] {
  return list.map((q) => ({ kind: q.kind, text: q.text, options: q.kind === 'choice' ? q.options.split('\n').map((o) => o.trim()).filter(Boolean) : [] }));
}

/** A stored consultation's questions in the editor's shape. */
export function toEdited(list: ConsultationQuestion[]): EditedQuestion[] {
  return list.map((q) => ({ kind: q.kind, text: q.text, options: q.options.join('\n') }));
}

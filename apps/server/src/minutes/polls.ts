import type { ChoiceLabels, Share } from '@hopso/shared/rules';
import type { MinutesPoll } from './data.ts';

/** One line of a poll's tally: a choice, candidate or official level, its count against the total, and for named polls who chose it. */
export interface TallyLine {
  label: string;
  share: Share;
  names: string[] | null;
}

const confidenceLevels = { high: 'Tín nhiệm cao', medium: 'Tín nhiệm', low: 'Tín nhiệm thấp' } as const;

/**
 * The tally of a closed poll in the order the minutes read it, for every kind: the three choices and those
 * who did not vote (motions, dismissals), candidates (elections), three levels per official (confidence
 * polls), tín nhiệm / không tín nhiệm (confidence votes). Names appear only for named polls.
 */
export function pollTally(poll: MinutesPoll, labels: ChoiceLabels): TallyLine[] {
  const optionLabel = (id: string) => poll.options.find((o) => o.id === id)?.label ?? id;
  if (poll.result) {
    const r = poll.result;
    return [
      { label: labels.yes, share: r.yes, names: poll.names?.yes ?? null },
      { label: labels.no, share: r.no, names: poll.names?.no ?? null },
      { label: labels.abstain, share: r.abstain, names: poll.names?.abstain ?? null },
      { label: 'Không tham gia biểu quyết', share: r.notVoted, names: null },
    ];
  }
  if (poll.election) return poll.election.candidates.map((c) => ({ label: optionLabel(c.id), share: c.votes, names: null }));
  if (poll.confidence) {
    return poll.confidence.flatMap((o) => (['high', 'medium', 'low'] as const).map((level) => ({
      label: `${optionLabel(o.optionId)} – ${confidenceLevels[level]}`, share: o.result[level], names: null,
    })));
  }
  if (poll.confidenceVote) {
    return [
      { label: 'Tín nhiệm', share: poll.confidenceVote.confidence, names: null },
      { label: 'Không tín nhiệm', share: poll.confidenceVote.noConfidence, names: null },
    ];
  }
  return [];
}

/** The poll's outcome in one sentence, as the chair announces it. */
export function pollOutcome(poll: MinutesPoll): string {
  const optionLabel = (id: string) => poll.options.find((o) => o.id === id)?.label ?? id;
  if (poll.result) {
    return `${poll.result.adopted ? 'Thông qua' : 'Không thông qua'} (cần ít nhất ${poll.result.required}/${poll.result.total} đại biểu tán thành)`;
  }
  if (poll.election) {
    const elected = poll.election.candidates.filter((c) => c.elected).map((c) => optionLabel(c.id));
    return elected.length ? `Trúng cử: ${elected.join(', ')}` : 'Không có người trúng cử';
  }
  if (poll.confidence) {
    const must = poll.confidence.filter((o) => o.result.mustHoldConfidenceVote).map((o) => optionLabel(o.optionId));
    const may = poll.confidence.filter((o) => o.result.mayResign && !o.result.mustHoldConfidenceVote).map((o) => optionLabel(o.optionId));
    const parts = [
      ...(must.length ? [`Phải bỏ phiếu tín nhiệm: ${must.join(', ')}`] : []),
      ...(may.length ? [`Có thể xin từ chức: ${may.join(', ')}`] : []),
    ];
    return parts.length ? parts.join('; ') : 'Không có người có trên một nửa tổng số đại biểu đánh giá tín nhiệm thấp';
  }
  if (poll.confidenceVote) return poll.confidenceVote.lost ? 'Không được tín nhiệm' : 'Được tín nhiệm';
  return '';
}

import { describe, expect, it } from 'vitest';
import type { LiveSnapshot, PollView } from '@hopso/shared/live';
import { liveAnnouncements } from './announce.ts';

const meetingId = '00000000-0000-4000-8000-000000000001';
const titles: Record<string, string> = { 'item-1': 'Báo cáo kinh tế – xã hội', 'item-2': 'Dự toán ngân sách' };
const titleOf = (id: string) => titles[id] ?? null;

const poll = (id: string, status: PollView['status']): PollView => ({
  id, title: `Biểu quyết ${id}`, kind: 'motion', method: 'named', status, agendaItemId: null,
  totalDelegates: null, cast: 0, result: null, openedAt: null, closedAt: null,
  options: [], seats: null, election: null, confidence: null, confidenceVote: null, hands: null, paper: null,
}) as PollView;

function snapshot(over: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return {
    meetingId, seq: 10, status: 'live', liveItemId: null, liveSince: null, attendance: [],
    quorum: { present: 1, total: 3, required: 2, reached: false },
    polls: [], myBallots: [], choiceLabels: { yes: 'Tán thành', no: 'Không tán thành', abstain: 'Không biểu quyết' },
    speakers: [], questions: [], limits: { speakerSeconds: 300, questionSeconds: 60, answerSeconds: 180 }, canRun: false, votedByPoll: {},
    ...over,
  };
}

describe('liveAnnouncements', () => {
  it('says nothing on the first snapshot or when nothing that matters changed', () => {
    expect(liveAnnouncements(null, snapshot({ liveItemId: 'item-1' }), titleOf)).toEqual([]);
    expect(liveAnnouncements(snapshot(), snapshot({ seq: 11, quorum: { present: 1, total: 3, required: 2, reached: false } }), titleOf)).toEqual([]);
  });

  it('announces the new live item by its title, and when none is live any more', () => {
    expect(liveAnnouncements(snapshot({ liveItemId: 'item-1' }), snapshot({ liveItemId: 'item-2' }), titleOf))
      .toEqual([{ key: 'a11y.live.item', values: { title: 'Dự toán ngân sách' } }]);
    expect(liveAnnouncements(snapshot({ liveItemId: 'item-1' }), snapshot(), titleOf)).toEqual([{ key: 'a11y.live.itemCleared' }]);
  });

  it('announces a poll once, when it opens', () => {
    const opened = liveAnnouncements(snapshot({ polls: [poll('p1', 'draft')] }), snapshot({ polls: [poll('p1', 'open')] }), titleOf);
    expect(opened).toEqual([{ key: 'a11y.live.pollOpened', values: { title: 'Biểu quyết p1' } }]);
    expect(liveAnnouncements(snapshot({ polls: [poll('p1', 'open')] }), snapshot({ seq: 12, polls: [poll('p1', 'open')] }), titleOf)).toEqual([]);
  });

  it("announces the caller's ballot once it is recorded", () => {
    const before = snapshot({ polls: [poll('p1', 'open')] });
    const after = snapshot({ polls: [poll('p1', 'open')], myBallots: [{ pollId: 'p1', choice: 'secret' }] });
    expect(liveAnnouncements(before, after, titleOf)).toEqual([{ key: 'a11y.live.ballotRecorded', values: { title: 'Biểu quyết p1' } }]);
    expect(liveAnnouncements(after, after, titleOf)).toEqual([]);
  });

  it('announces the quorum when it is reached, not while it stays reached', () => {
    const reached = snapshot({ quorum: { present: 2, total: 3, required: 2, reached: true } });
    expect(liveAnnouncements(snapshot(), reached, titleOf)).toEqual([{ key: 'a11y.live.quorumReached', values: { present: 2, total: 3 } }]);
    expect(liveAnnouncements(reached, snapshot({ quorum: { present: 3, total: 3, required: 2, reached: true } }), titleOf)).toEqual([]);
  });

  it('says only that the meeting ended when it ends (its item is cleared at the same time)', () => {
    expect(liveAnnouncements(snapshot({ liveItemId: 'item-1' }), snapshot({ status: 'closed' }), titleOf)).toEqual([{ key: 'a11y.live.ended' }]);
  });
});

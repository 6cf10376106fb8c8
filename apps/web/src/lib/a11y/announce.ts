// What a screen reader should hear when the live sitting changes under a delegate who cannot see the screen
// change: the snapshot before and after are compared, so announcements follow the state whatever event (or
// resync after a reconnection) brought it. Each announcement is an i18n key of lib/a11y/{vi,en}.json.
import type { LiveSnapshot } from '@hopso/shared/live';

export interface Announcement {
  key: string;
  values?: Record<string, string | number>;
}

/**
 * The changes worth announcing from `prev` to `next`: the live item, a poll opened, the caller's ballot
 * recorded, the quorum reached, the meeting ended. Nothing on the first snapshot: the page itself is read then.
 */
export function liveAnnouncements(prev: LiveSnapshot | null, next: LiveSnapshot, titleOf: (itemId: string) => string | null): Announcement[] {
  if (!prev || prev.meetingId !== next.meetingId) return [];
  const out: Announcement[] = [];
  if (next.status === 'closed' && prev.status !== 'closed') return [{ key: 'a11y.live.ended' }];
  if (next.liveItemId !== prev.liveItemId) {
    const title = next.liveItemId ? titleOf(next.liveItemId) : null;
    if (next.liveItemId && title) out.push({ key: 'a11y.live.item', values: { title } });
    else if (!next.liveItemId) out.push({ key: 'a11y.live.itemCleared' });
  }
  const wasOpen = new Set(prev.polls.filter((p) => p.status === 'open').map((p) => p.id));
  for (const p of next.polls) if (p.status === 'open' && !wasOpen.has(p.id)) out.push({ key: 'a11y.live.pollOpened', values: { title: p.title } });
  const hadBallot = new Set(prev.myBallots.map((b) => b.pollId));
  for (const b of next.myBallots) {
    if (hadBallot.has(b.pollId)) continue;
    const title = next.polls.find((p) => p.id === b.pollId)?.title ?? '';
    out.push({ key: 'a11y.live.ballotRecorded', values: { title } });
  }
  if (next.quorum.reached && !prev.quorum.reached) out.push({ key: 'a11y.live.quorumReached', values: { present: next.quorum.present, total: next.quorum.total } });
  return out;
}

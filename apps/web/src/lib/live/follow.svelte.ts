import type { MeetingDetail } from '@hopso/shared/meeting';
import { endpoints } from '#lib/endpoints.ts';
import { Remote } from '#lib/ui/remote.svelte.ts';
import { LiveMeeting } from './live.svelte.ts';

/**
 * What every live page (tablet, console, projector) starts with: the meeting's live state over Socket.IO
 * and its details over HTTP, read again whenever the live state says something changed (agenda,
 * documents, a reconnection). `also` are further loads to refresh at the same moments. Call during
 * component initialisation (it sets up effects).
 */
export function followLiveMeeting(id: () => string, also: Remote<unknown>[] = []) {
  const live = $derived(new LiveMeeting(id()));
  $effect(() => live.start());
  const meeting = new Remote<MeetingDetail>(async () => (await endpoints.meeting(id())).meeting);
  $effect(() => {
    void live.changes;
    void meeting.load();
    for (const remote of also) void remote.load();
  });
  return {
    get live() {
      return live;
    },
    meeting,
  };
}

import { describe, expect, it, vi } from 'vitest';
import type { Ack } from '@hopso/shared/realtime';
import { followMeeting, type RealtimeSocket } from './socket.ts';

type Handler = (...args: never[]) => void;

/** Just enough of a Socket.IO client socket: handlers per event, emitted messages, a scripted join answer. */
function fakeSocket(joinAnswer: Ack = { ok: true }) {
  const handlers = new Map<string, Set<Handler>>();
  const sent: { event: string; payload: unknown }[] = [];
  const fake = {
    connected: false,
    on(event: string, fn: Handler) {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(fn);
    },
    off(event: string, fn: Handler) {
      handlers.get(event)?.delete(fn);
    },
    emit(event: string, payload: unknown, ack: (a: Ack) => void) {
      sent.push({ event, payload });
      ack(event === 'meeting.join' ? joinAnswer : { ok: true });
    },
    fire(event: string, ...args: unknown[]) {
      for (const fn of handlers.get(event) ?? []) (fn as (...a: unknown[]) => void)(...args);
    },
    connect() {
      fake.connected = true;
      fake.fire('connect');
    },
  };
  return { fake, socket: fake as unknown as RealtimeSocket, sent, handlers };
}

const meetingId = '00000000-0000-4000-8000-000000000001';

describe('followMeeting', () => {
  it('joins the room once connected and reloads on changes to this meeting only', () => {
    const { fake, socket, sent } = fakeSocket();
    const onChanged = vi.fn();
    followMeeting(socket, meetingId, onChanged);
    expect(sent).toEqual([]);
    fake.connect();
    expect(sent).toEqual([{ event: 'meeting.join', payload: { meetingId } }]);
    expect(onChanged).not.toHaveBeenCalled();
    fake.fire('meeting.changed', { meetingId: '00000000-0000-4000-8000-000000000009' });
    expect(onChanged).not.toHaveBeenCalled();
    fake.fire('meeting.changed', { meetingId });
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('joins again after a reconnection and reloads, since changes made meanwhile were not pushed', () => {
    const { fake, socket, sent } = fakeSocket();
    const onChanged = vi.fn();
    fake.connected = true;
    followMeeting(socket, meetingId, onChanged);
    fake.connected = false;
    fake.connect();
    expect(sent.filter((s) => s.event === 'meeting.join')).toHaveLength(2);
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('stays quiet when the server refuses the room', () => {
    const { fake, socket } = fakeSocket({ ok: false, code: 'not_found', message: 'Không tìm thấy', messageEn: 'Not found' });
    const onChanged = vi.fn();
    followMeeting(socket, meetingId, onChanged);
    fake.connect();
    fake.connected = false;
    fake.connect();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('leaves the room and drops its handlers when stopped', () => {
    const { fake, socket, sent, handlers } = fakeSocket();
    const onChanged = vi.fn();
    const stop = followMeeting(socket, meetingId, onChanged);
    fake.connect();
    stop();
    expect(sent.at(-1)).toEqual({ event: 'meeting.leave', payload: { meetingId } });
    expect(handlers.get('connect')?.size).toBe(0);
    fake.fire('meeting.changed', { meetingId });
    expect(onChanged).not.toHaveBeenCalled();
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { Ack } from '@hopso/shared/realtime';
import { enterMeetingRoom, followMeeting, holdRealtime, type RealtimeSocket } from './socket.ts';

const opened = vi.hoisted(() => [] as { disconnect: ReturnType<typeof vi.fn> }[]);
vi.mock('socket.io-client', () => ({
  io: () => {
    const socket = { disconnect: vi.fn(), on: vi.fn() };
    opened.push(socket);
    return socket;
  },
}));

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

describe('holdRealtime', () => {
  it('gives every feature the one connection and closes it when the last lets go', () => {
    opened.length = 0;
    const bell = holdRealtime();
    const live = holdRealtime();
    expect(opened).toHaveLength(1);
    expect(live.socket).toBe(bell.socket);
    live.release();
    live.release(); // a second release of the same hold changes nothing
    expect(opened[0]!.disconnect).not.toHaveBeenCalled();
    bell.release();
    expect(opened[0]!.disconnect).toHaveBeenCalledTimes(1);
    const next = holdRealtime();
    expect(opened).toHaveLength(2);
    expect(next.socket).not.toBe(bell.socket);
    next.release();
  });
});

describe('enterMeetingRoom', () => {
  it('leaves the room only when the last feature in it stops', () => {
    const { fake, socket, sent } = fakeSocket();
    fake.connect();
    const page = followMeeting(socket, meetingId, () => {});
    const live = enterMeetingRoom(socket, meetingId);
    page();
    expect(sent.filter((s) => s.event === 'meeting.leave')).toEqual([]);
    live();
    live();
    expect(sent.filter((s) => s.event === 'meeting.leave')).toEqual([{ event: 'meeting.leave', payload: { meetingId } }]);
  });

  it('counts each meeting and each connection apart', () => {
    const a = fakeSocket();
    const b = fakeSocket();
    a.fake.connect();
    b.fake.connect();
    const other = '00000000-0000-4000-8000-000000000002';
    const stayA = enterMeetingRoom(a.socket, meetingId);
    enterMeetingRoom(a.socket, other)();
    enterMeetingRoom(b.socket, meetingId)();
    expect(a.sent).toEqual([{ event: 'meeting.leave', payload: { meetingId: other } }]);
    expect(b.sent).toEqual([{ event: 'meeting.leave', payload: { meetingId } }]);
    stayA();
  });
});

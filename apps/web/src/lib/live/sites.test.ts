import { describe, expect, it } from 'vitest';
import type { AttendanceEntry, LiveSnapshot, MeetingEvent } from '@hopso/shared/live';
import { fromSnapshot, receiveEvent } from './reducer.ts';

const meetingId = '00000000-0000-4000-8000-000000000001';
const person = (userId: string, siteId: string | null = null): AttendanceEntry => ({
  userId, fullName: `Đại biểu ${userId}`, role: 'delegate', isDelegate: true, status: null, reason: null, at: null, siteId,
});
const sites = [{ id: 's1', name: 'Điểm cầu Đông', secretaryId: null, secretaryName: null, position: 0 }];
const snapshot: LiveSnapshot = {
  meetingId, seq: 1, status: 'live', liveItemId: null, liveSince: null, attendance: [person('u1'), person('u2'), person('u3')],
  quorum: { present: 0, total: 3, required: 2, reached: false }, polls: [], myBallots: [],
  choiceLabels: { yes: 'Tán thành', no: 'Không tán thành', abstain: 'Không biểu quyết' }, speakers: [], questions: [],
  limits: { speakerSeconds: 300, questionSeconds: 60, answerSeconds: 180 }, canRun: false, votedByPoll: {}, sites, siteAttendance: [],
};
const event = (seq: number, type: MeetingEvent['type'], payload: Record<string, unknown>): MeetingEvent => ({ meetingId, seq, type, payload });

describe('remote sites in the live state', () => {
  it('places a check-in at its site and keeps the per-site breakdown', () => {
    let { state } = fromSnapshot(snapshot);
    state = receiveEvent(state, event(2, 'attendance', { userId: 'u1', status: 'present', reason: null, siteId: 's1', quorum: { present: 1, total: 3, required: 2, reached: false } })).state;
    state = receiveEvent(state, event(3, 'attendance', { userId: 'u2', status: 'present', reason: null, siteId: null, quorum: { present: 2, total: 3, required: 2, reached: true } })).state;
    expect(state.snapshot.attendance[0]).toMatchObject({ status: 'present', siteId: 's1' });
    expect(state.snapshot.quorum.reached).toBe(true);
    expect(state.snapshot.siteAttendance).toEqual([{ siteId: null, delegatesPresent: 1, present: 1 }, { siteId: 's1', delegatesPresent: 1, present: 1 }]);
  });

  it('follows the sites event: a removed site’s delegates are counted in the main hall', () => {
    let { state } = fromSnapshot({ ...snapshot, attendance: [{ ...person('u1', 's1'), status: 'present' }, person('u2')] });
    state = receiveEvent(state, event(2, 'sites', { deleted: 's1', sites: [] })).state;
    expect(state.snapshot.sites).toEqual([]);
    expect(state.snapshot.attendance[0]!.siteId).toBeNull();
    expect(state.snapshot.siteAttendance).toEqual([{ siteId: null, delegatesPresent: 1, present: 1 }]);
  });
});

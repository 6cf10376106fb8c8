import { describe, expect, it } from 'vitest';
import type { MeetingSummary } from '@hopso/shared/meeting';
import { isoToVietnamLocal, meetingChanges, meetingFormValues } from './form.ts';

const meeting: MeetingSummary = {
  id: '00000000-0000-4000-8000-000000000001',
  councilId: '00000000-0000-4000-8000-000000000002',
  councilName: 'HĐND xã Tân Phú',
  title: 'Kỳ họp thường lệ cuối năm',
  kind: 'regular',
  status: 'published',
  startsAt: '2026-12-07T01:00:00.000Z',
  endsAt: null,
  place: 'Hội trường UBND xã',
  onlineUrl: null,
  livestreamUrl: 'https://tanphu.example.vn/truc-tiep',
  closedSitting: false,
  committeeId: null,
  delegateGroupId: null,
};

describe('isoToVietnamLocal', () => {
  it('shows an instant as Vietnam wall-clock time for a datetime-local input', () => {
    expect(isoToVietnamLocal('2026-12-07T01:00:00.000Z')).toBe('2026-12-07T08:00');
    expect(isoToVietnamLocal('2026-12-31T20:30:00+00:00')).toBe('2027-01-01T03:30');
  });
});

describe('meetingChanges', () => {
  it('sends nothing when the form still holds the stored meeting', () => {
    expect(meetingChanges(meeting, meetingFormValues(meeting))).toEqual({});
  });

  it('sends only the fields the user changed, trimmed', () => {
    const v = { ...meetingFormValues(meeting), place: '  Phòng họp số 2 ', closedSitting: true };
    expect(meetingChanges(meeting, v)).toEqual({ place: 'Phòng họp số 2', closedSitting: true });
  });

  it('sends times with the +07:00 offset, and a cleared end or link as empty', () => {
    const withEnd = { ...meeting, endsAt: '2026-12-07T09:00:00.000Z' };
    const v = { ...meetingFormValues(withEnd), startsAt: '2026-12-07T07:30', endsAt: '', livestreamUrl: '' };
    expect(meetingChanges(withEnd, v)).toEqual({ startsAt: '2026-12-07T07:30:00+07:00', endsAt: null, livestreamUrl: '' });
  });

  it('moves a meeting to a committee and back', () => {
    const committeeId = '00000000-0000-4000-8000-000000000003';
    const v = { ...meetingFormValues(meeting), kind: 'committee' as const, bodyId: committeeId };
    expect(meetingChanges(meeting, v)).toEqual({ kind: 'committee', committeeId });
    const inCommittee = { ...meeting, kind: 'committee' as const, committeeId };
    expect(meetingFormValues(inCommittee).bodyId).toBe(committeeId);
    expect(meetingChanges(inCommittee, { ...meetingFormValues(inCommittee), kind: 'regular' })).toEqual({ kind: 'regular', committeeId: null });
  });
});

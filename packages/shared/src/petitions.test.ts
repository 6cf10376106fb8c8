import { describe, expect, it } from 'vitest';
import {
  addDays, allowedActions, bulkPetitionRequest, canMergeInto, formatTrackingCode, isOverdue, missingRequired, normalizeTrackingCode,
  petitionActionRequest, petitionInput, petitionStatuses, transition, vietnamDate, type PetitionAction, type PetitionStatus,
} from './petitions.ts';

describe('petition workflow', () => {
  it.each<[PetitionStatus, PetitionAction, PetitionStatus | null]>([
    ['received', 'classify', 'classified'],
    ['received', 'assign', null],
    ['received', 'answer', null],
    ['received', 'merge', 'merged'],
    ['received', 'close', 'closed'],
    ['classified', 'classify', 'classified'],
    ['classified', 'assign', 'assigned'],
    ['classified', 'publish', null],
    ['assigned', 'classify', 'assigned'],
    ['assigned', 'assign', 'assigned'],
    ['assigned', 'answer', 'answered'],
    ['assigned', 'publish', null],
    ['answered', 'publish', 'published'],
    ['answered', 'assign', 'assigned'],
    ['answered', 'merge', null],
    ['published', 'answer', null],
    ['published', 'close', null],
    ['closed', 'classify', null],
    ['merged', 'classify', null],
    ['merged', 'merge', null],
  ])('%s + %s → %s', (from, action, to) => {
    expect(transition(from, action)).toBe(to);
  });

  it('lists exactly the actions transition() allows, for every status', () => {
    for (const status of petitionStatuses) {
      for (const action of allowedActions(status)) expect(transition(status, action)).not.toBeNull();
    }
    expect(allowedActions('published')).toEqual([]);
    expect(allowedActions('received')).toEqual(['classify', 'close', 'merge']);
  });

  it.each<[PetitionStatus, boolean]>([['received', true], ['answered', true], ['published', true], ['merged', false], ['closed', false]])('may merge into a %s petition: %s', (status, ok) => {
    expect(canMergeInto(status)).toBe(ok);
  });

  it.each<[PetitionStatus, string | null, string, boolean]>([
    ['assigned', '2026-05-01', '2026-05-02', true],
    ['assigned', '2026-05-01', '2026-05-01', false],
    ['assigned', null, '2030-01-01', false],
    ['answered', '2026-05-01', '2026-06-01', false],
    ['classified', '2026-05-01', '2026-06-01', false],
  ])('%s, deadline %s, today %s → overdue %s', (status, deadline, today, overdue) => {
    expect(isOverdue({ status, deadline }, today)).toBe(overdue);
  });

  it.each([['2026-01-31', 30, '2026-03-02'], ['2028-02-28', 1, '2028-02-29'], ['2026-12-31', 1, '2027-01-01']])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date as string, days as number)).toBe(expected);
  });

  it('takes the calendar date in Vietnam, not UTC', () => {
    expect(vietnamDate(new Date('2026-05-01T17:30:00Z'))).toBe('2026-05-02');
    expect(vietnamDate(new Date('2026-05-01T16:59:00Z'))).toBe('2026-05-01');
  });
});

describe('tracking codes', () => {
  it('formats ten base-32 characters in two groups', () => {
    expect(formatTrackingCode([0, 1, 2, 3, 4, 27, 28, 29, 30, 31])).toBe('KN-01234-VWXYZ');
  });

  it.each([
    ['KN-01234-VWXYZ', 'KN-01234-VWXYZ'],
    ['kn 01234 vwxyz', 'KN-01234-VWXYZ'],
    ['O1234VWXYZ', 'KN-01234-VWXYZ'],
    ['kn-il234-vwxyz', 'KN-11234-VWXYZ'],
    ['KN-01234-VWXY', null],
    ['KN-01234-VWXYU', null],
    ['<script>', null],
    ['', null],
  ])('%j → %j', (typed, expected) => {
    expect(normalizeTrackingCode(typed)).toBe(expected);
  });
});

describe('petition input', () => {
  it('trims, turns blanks into null and keeps the rest', () => {
    expect(petitionInput.parse({ submitterName: '  ', locality: ' Ấp 3 ', content: ' Đường ấp 3 bị ngập khi mưa lớn. ' })).toEqual({
      submitterName: null, submitterContact: null, locality: 'Ấp 3', content: 'Đường ấp 3 bị ngập khi mưa lớn.', field: null,
    });
  });

  it.each([
    [{ locality: 'Ấp 1', content: 'ngắn' }, 'content'],
    [{ locality: '', content: 'Nội dung đủ dài để nhận.' }, 'locality'],
    [{ locality: 'Ấp 1', content: 'x'.repeat(5001) }, 'content'],
    [{ locality: 'Ấp 1', content: 'Nội dung đủ dài để nhận.', submitterName: 'x'.repeat(121) }, 'submitterName'],
  ])('rejects %j at %s', (input, field) => {
    const result = petitionInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual([field]);
  });

  it.each([
    [{ requireName: false, requireContact: false }, {}, []],
    [{ requireName: true, requireContact: false }, {}, ['submitterName']],
    [{ requireName: true, requireContact: true }, { submitterName: 'Lan' }, ['submitterContact']],
    [{ requireName: true, requireContact: true }, { submitterName: 'Lan', submitterContact: '0912345678' }, []],
  ])('settings %j with %j miss %j', (flags, who, missing) => {
    const input = petitionInput.parse({ ...who, locality: 'Ấp 2', content: 'Nội dung đủ dài để nhận.' });
    expect(Object.keys(missingRequired(input, { ...flags, answerDays: 30, intakeOpen: true }))).toEqual(missing);
  });

  it('bulk entry needs at least one item and at most 500', () => {
    expect(bulkPetitionRequest.safeParse({ items: [] }).success).toBe(false);
    const item = { locality: 'Ấp 1', content: 'Nội dung đủ dài để nhận.' };
    expect(bulkPetitionRequest.parse({ items: [item] })).toMatchObject({ meetingId: null, receivedOn: null });
    expect(bulkPetitionRequest.safeParse({ items: Array(501).fill(item) }).success).toBe(false);
  });

  it('actions are a discriminated union checked per action', () => {
    expect(petitionActionRequest.safeParse({ action: 'assign', agency: 'UBND xã', deadline: '2026-06-30' }).success).toBe(true);
    expect(petitionActionRequest.safeParse({ action: 'assign', agency: 'UBND xã', deadline: '30/06/2026' }).success).toBe(false);
    expect(petitionActionRequest.safeParse({ action: 'merge', into: 'x' }).success).toBe(false);
    expect(petitionActionRequest.safeParse({ action: 'delete' }).success).toBe(false);
    expect(petitionActionRequest.parse({ action: 'publish' })).toEqual({ action: 'publish', summary: null });
  });
});

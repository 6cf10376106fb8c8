import type { MeetingKind, MeetingSummary, UpdateMeetingRequest } from '@hopso/shared/meeting';
import { vietnamDateParts, vietnamLocalToIso } from '@hopso/shared/time';

/** What the meeting form holds: strings as the inputs give them, times as Vietnam wall-clock "YYYY-MM-DDTHH:mm". */
export interface MeetingFormValues {
  title: string;
  kind: MeetingKind;
  startsAt: string;
  endsAt: string;
  place: string;
  onlineUrl: string;
  livestreamUrl: string;
  closedSitting: boolean;
  /** The committee (kind `committee`) or delegate group (kind `group`) the meeting belongs to; '' for none. */
  bodyId: string;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The inverse of vietnamLocalToIso: an instant as the value of a `datetime-local` input in Vietnam time,
 * whatever the tablet's own time zone is.
 */
export function isoToVietnamLocal(iso: string): string {
  const p = vietnamDateParts(iso);
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** An empty form for a new meeting. */
export function emptyMeetingForm(): MeetingFormValues {
  return { title: '', kind: 'regular', startsAt: '', endsAt: '', place: '', onlineUrl: '', livestreamUrl: '', closedSitting: false, bodyId: '' };
}

/** The form filled with a meeting's stored details, for editing them. */
export function meetingFormValues(m: MeetingSummary): MeetingFormValues {
  return {
    title: m.title,
    kind: m.kind,
    startsAt: isoToVietnamLocal(m.startsAt),
    endsAt: m.endsAt ? isoToVietnamLocal(m.endsAt) : '',
    place: m.place,
    onlineUrl: m.onlineUrl ?? '',
    livestreamUrl: m.livestreamUrl ?? '',
    closedSitting: m.closedSitting,
    bodyId: (m.kind === 'committee' ? m.committeeId : m.kind === 'group' ? m.delegateGroupId : null) ?? '',
  };
}

/** The meeting fields of a form as the API takes them (trimmed, times with +07:00, the body in its own field). */
export function meetingFields(v: MeetingFormValues) {
  return {
    title: v.title.trim(),
    kind: v.kind,
    startsAt: vietnamLocalToIso(v.startsAt),
    endsAt: v.endsAt ? vietnamLocalToIso(v.endsAt) : null,
    place: v.place.trim(),
    onlineUrl: v.onlineUrl.trim(),
    livestreamUrl: v.livestreamUrl.trim(),
    closedSitting: v.closedSitting,
    committeeId: v.kind === 'committee' && v.bodyId ? v.bodyId : null,
    delegateGroupId: v.kind === 'group' && v.bodyId ? v.bodyId : null,
  } satisfies UpdateMeetingRequest;
}

const sameInstant = (a: string | null, b: string | null) => (a === null || b === null ? a === b : Date.parse(a) === Date.parse(b));

/**
 * Only what the user changed, for PATCH /api/meetings/:id: an untouched field is left out, so an edit never
 * overwrites a change someone else saved meanwhile. Empty links compare equal to stored nulls.
 */
export function meetingChanges(before: MeetingSummary, v: MeetingFormValues): UpdateMeetingRequest {
  const after = meetingFields(v);
  const changes: UpdateMeetingRequest = {};
  if (after.title !== before.title) changes.title = after.title;
  if (after.kind !== before.kind) changes.kind = after.kind;
  if (!sameInstant(after.startsAt, before.startsAt)) changes.startsAt = after.startsAt;
  if (!sameInstant(after.endsAt, before.endsAt)) changes.endsAt = after.endsAt;
  if (after.place !== before.place) changes.place = after.place;
  if (after.onlineUrl !== (before.onlineUrl ?? '')) changes.onlineUrl = after.onlineUrl;
  if (after.livestreamUrl !== (before.livestreamUrl ?? '')) changes.livestreamUrl = after.livestreamUrl;
  if (after.closedSitting !== before.closedSitting) changes.closedSitting = after.closedSitting;
  if (after.committeeId !== before.committeeId) changes.committeeId = after.committeeId;
  if (after.delegateGroupId !== before.delegateGroupId) changes.delegateGroupId = after.delegateGroupId;
  return changes;
}

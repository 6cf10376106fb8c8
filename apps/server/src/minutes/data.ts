import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { ballots, councils, members, minutes, polls, resolutions, users } from '@hopso/db/schema/index';
import type { AttendanceEntry, PollView, QuestionView, SpeakerView } from '@hopso/shared/live';
import type { ChoiceLabels, Quorum } from '@hopso/shared/rules';
import type { MinutesStatus } from '@hopso/shared/record';
import type { MeetingRow } from '../meetings/access.ts';
import { attendanceList, pollViews, quorumOf, rulesOf } from '../live/state.ts';
import { questionViews } from '../live/questions.ts';
import { speakerViews } from '../live/speakers.ts';
import { meetingLog, timedAgenda, type TimedItem } from './agenda.ts';

export type Choice = 'yes' | 'no' | 'abstain';

/** A closed poll with, for named polls only, who chose what (secret and hands polls carry counts only). */
export type MinutesPoll = PollView & { names: Record<Choice, string[]> | null };

/** Everything the minutes, the exports and the record ZIP are made from: one read of the meeting's state. */
export interface MeetingRecord {
  council: { name: string; level: string; locality: string };
  meeting: MeetingRow;
  /** When the session actually ran: first and last event of the log, else the planned times. */
  startedAt: Date;
  endedAt: Date | null;
  chairs: string[];
  secretaries: string[];
  attendance: AttendanceEntry[];
  quorum: Quorum;
  items: TimedItem[];
  speakers: SpeakerView[];
  questions: QuestionView[];
  polls: MinutesPoll[];
  resolutions: { code: string; title: string; adoptedOn: string; pollId: string }[];
  choiceLabels: ChoiceLabels;
  notes: Record<string, string>;
  code: string | null;
  status: MinutesStatus;
}

/** Named ballots of the given polls: poll → choice → names (in name order). */
async function namedChoices(db: Db, pollIds: string[]): Promise<Map<string, Record<Choice, string[]>>> {
  const out = new Map<string, Record<Choice, string[]>>();
  for (const id of pollIds) out.set(id, { yes: [], no: [], abstain: [] });
  if (!pollIds.length) return out;
  const rows = await db.select({ pollId: ballots.pollId, choice: ballots.choice, name: users.fullName }).from(ballots)
    .innerJoin(users, eq(users.id, ballots.userId)).where(inArray(ballots.pollId, pollIds)).orderBy(asc(users.fullName));
  for (const r of rows) out.get(r.pollId)![r.choice].push(r.name);
  return out;
}

/** Reads a meeting's whole record from the database and its event log (nothing from live memory). */
export async function loadMeetingRecord(db: Db, meeting: MeetingRow): Promise<MeetingRecord> {
  const [council] = await db.select().from(councils).where(eq(councils.id, meeting.councilId));
  const events = await meetingLog(db, meeting.id);
  const items = await timedAgenda(db, meeting.id, events);
  const roleNames = async (role: 'chair' | 'secretary') => (await db.select({ name: users.fullName }).from(members)
    .innerJoin(users, eq(users.id, members.userId)).where(and(eq(members.councilId, meeting.councilId), eq(members.role, role))).orderBy(asc(users.fullName))).map((r) => r.name);
  const rules = await rulesOf(db, meeting.councilId);
  const attendance = await attendanceList(db, meeting);
  // A rehearsal's practice polls never count, so nothing built from this record (minutes, exports) shows them.
  const pollRows = meeting.rehearsal ? [] : await db.select().from(polls).where(and(eq(polls.meetingId, meeting.id), eq(polls.status, 'closed'))).orderBy(asc(polls.closedAt));
  const views = await pollViews(db, pollRows);
  const names = await namedChoices(db, pollRows.filter((p) => p.method === 'named').map((p) => p.id));
  const resolutionRows = await db.select({ code: resolutions.code, title: resolutions.title, adoptedOn: resolutions.adoptedOn, pollId: resolutions.pollId })
    .from(resolutions).where(eq(resolutions.meetingId, meeting.id)).orderBy(asc(resolutions.number));
  const [draft] = await db.select().from(minutes).where(eq(minutes.meetingId, meeting.id));
  return {
    council: { name: council!.name, level: council!.level, locality: council!.locality },
    meeting,
    startedAt: events[0]?.at ?? meeting.startsAt,
    endedAt: meeting.status === 'closed' ? (events.at(-1)?.at ?? meeting.endsAt) : null,
    chairs: await roleNames('chair'),
    secretaries: await roleNames('secretary'),
    attendance, quorum: quorumOf(attendance, rules),
    items,
    speakers: (await speakerViews(db, meeting.id)).filter((s) => s.startedAt),
    questions: (await questionViews(db, meeting.id)).filter((q) => q.status !== 'rejected' && q.status !== 'submitted'),
    polls: views.map((v) => ({ ...v, names: names.get(v.id) ?? null })),
    resolutions: resolutionRows,
    choiceLabels: rules.choiceLabels,
    notes: draft?.notes ?? {},
    code: draft?.code ?? null,
    status: draft?.status ?? 'draft',
  };
}

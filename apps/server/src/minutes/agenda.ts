import { asc, eq } from 'drizzle-orm';
import type { Db } from '@hopso/db/client';
import { meetingEvents } from '@hopso/db/schema/index';
import { buildAgendaTree, type AgendaNode } from '@hopso/shared/agenda';
import { listAgenda } from '../meetings/agenda.ts';
import { itemTimes, type ItemTime } from './times.ts';

/** One agenda item as the record tells it: numbered as printed, with when it was live. */
export interface TimedItem extends ItemTime {
  id: string;
  number: string;
  depth: number;
  title: string;
  presenter: string | null;
  status: AgendaNode['status'];
}

function flatten(nodes: AgendaNode[], depth = 0): (AgendaNode & { depth: number })[] {
  return nodes.flatMap((n) => [{ ...n, depth }, ...flatten(n.children, depth + 1)]);
}

/** The meeting's event log in order (the record's only source of what happened when). */
export function meetingLog(db: Db, meetingId: string) {
  return db.select({ seq: meetingEvents.seq, type: meetingEvents.type, payload: meetingEvents.payload, at: meetingEvents.at }).from(meetingEvents)
    .where(eq(meetingEvents.meetingId, meetingId)).orderBy(asc(meetingEvents.seq));
}

/** Agenda items in printed order with their live times derived from the event log (minutes and recordings). */
export async function timedAgenda(db: Db, meetingId: string, log?: Awaited<ReturnType<typeof meetingLog>>): Promise<TimedItem[]> {
  const times = itemTimes(log ?? await meetingLog(db, meetingId));
  return flatten(buildAgendaTree(await listAgenda(db, meetingId))).map((n) => ({
    id: n.id, number: n.number, depth: n.depth, title: n.title, presenter: n.presenter, status: n.status,
    ...(times.get(n.id) ?? { liveAt: null, endAt: null }),
  }));
}

import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import type { Db } from '@hopso/db/client';
import { councils, documents, invitations, members, polls, users } from '@hopso/db/schema/index';
import { buildAgendaTree, type AgendaNode } from '@hopso/shared/agenda';
import { formatMeetingTime } from '@hopso/shared/time';
import type { Deps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import type { MeetingRow } from '../meetings/access.ts';
import { listAgenda } from '../meetings/agenda.ts';
import { currentVersion } from '../documents/service.ts';
import { watermarkPage } from '../documents/watermark.ts';
import { rulesOf } from '../live/state.ts';
import { PdfWriter } from '../minutes/writer.ts';
import { drawBallotForm } from './ballots.ts';
import { isDelegateRole } from '@hopso/shared/roles';

// The paper fallback (phương án dự phòng bằng giấy): one PDF per delegate with a cover naming them, the
// agenda, every document of the meeting that is not secret — internal ones marked with their name as a
// download is — and a ballot form for each poll. Built for one delegate at a time, one document at a time,
// so the "all delegates" ZIP holds a single pack and a single source document in memory at once.

export interface PackPerson { id: string; fullName: string; isDelegate: boolean }

/** Invitees of the meeting a pack can be made for; delegates (who get ballot forms) first, then by name. */
export async function packPeople(db: Db, meeting: MeetingRow, only?: string): Promise<PackPerson[]> {
  const rows = await db.select({ id: users.id, fullName: users.fullName, role: members.role }).from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .leftJoin(members, and(eq(members.userId, invitations.userId), eq(members.councilId, meeting.councilId)))
    .where(and(eq(invitations.meetingId, meeting.id), ...(only ? [eq(invitations.userId, only)] : [])))
    .orderBy(asc(users.fullName));
  return rows.map((r) => ({ id: r.id, fullName: r.fullName, isDelegate: isDelegateRole(r.role) }))
    .sort((a, b) => Number(b.isDelegate) - Number(a.isDelegate));
}

/** The person a single pack is for: someone invited to the meeting, else 404. */
export async function packPerson(db: Db, meeting: MeetingRow, userId: string): Promise<PackPerson> {
  const [person] = await packPeople(db, meeting, userId);
  if (!person) throw new AppError('not_found');
  return person;
}

function agendaLines(nodes: AgendaNode[], depth = 0): { text: string; depth: number }[] {
  return nodes.flatMap((n) => [{ text: `${n.number}. ${n.title}${n.presenter ? ` — ${n.presenter}` : ''}`, depth }, ...agendaLines(n.children, depth + 1)]);
}

/** Builds one delegate's print pack. */
export async function buildPrintPack(deps: Deps, meeting: MeetingRow, person: PackPerson): Promise<Uint8Array> {
  const { db } = deps;
  const [council] = await db.select({ name: councils.name }).from(councils).where(eq(councils.id, meeting.councilId));
  const docs = await db.select().from(documents).where(and(eq(documents.meetingId, meeting.id), ne(documents.confidentiality, 'secret'))).orderBy(asc(documents.createdAt));
  const pollRows = person.isDelegate
    ? await db.select().from(polls).where(and(eq(polls.meetingId, meeting.id), inArray(polls.method, ['named', 'secret']), ne(polls.status, 'cancelled'))).orderBy(asc(polls.openedAt), asc(polls.title))
    : [];
  const rules = await rulesOf(db, meeting.councilId);
  const w = await PdfWriter.create(`${meeting.title} — ${person.fullName}`);
  const when = formatMeetingTime(meeting.startsAt.toISOString(), 'vi');

  // Cover.
  w.gap(60);
  w.text((council?.name ?? '').toUpperCase(), { style: 'bold', size: 14, align: 'center', after: 30 });
  w.text('BỘ TÀI LIỆU GIẤY DỰ PHÒNG', { style: 'bold', size: 18, align: 'center', after: 6 });
  w.text('Paper fallback pack', { style: 'italic', size: 12, align: 'center', after: 30 });
  w.text(meeting.title, { style: 'bold', size: 16, align: 'center', after: 8 });
  w.text(`${when} — ${meeting.place}`, { size: 13, align: 'center', after: 60 });
  w.text('Bản của đại biểu', { size: 13, align: 'center', after: 4 });
  w.text(person.fullName, { style: 'bold', size: 22, align: 'center', after: 40 });
  w.text(`Gồm: chương trình; ${docs.length} tài liệu; ${pollRows.length} phiếu biểu quyết.`, { size: 12, align: 'center' });

  // Agenda, then the list of what follows.
  w.newPage();
  w.text('CHƯƠNG TRÌNH', { style: 'bold', size: 15, align: 'center', after: 14 });
  const agenda = agendaLines(buildAgendaTree(await listAgenda(db, meeting.id)));
  if (!agenda.length) w.text('(Chưa có nội dung)', { style: 'italic' });
  for (const line of agenda) w.text(line.text, { x: line.depth * 18, size: 13, after: 4 });
  w.gap(14);
  w.text('TÀI LIỆU', { style: 'bold', size: 15, align: 'center', after: 10 });
  docs.forEach((d, i) => w.text(`${i + 1}. ${d.title}${d.confidentiality === 'internal' ? ' (nội bộ)' : ''}`, { size: 13, after: 4 }));
  if (!docs.length) w.text('(Không có tài liệu)', { style: 'italic' });

  // Documents: a title page each, then its pages; internal ones marked with the delegate's name.
  const mark = [`${person.fullName} — Tài liệu nội bộ / Internal`, formatMeetingTime(deps.now().toISOString(), 'vi')];
  for (const [i, d] of docs.entries()) {
    const version = await currentVersion(db, d.id);
    if (!version) continue;
    w.newPage();
    w.gap(200);
    w.text(`Tài liệu ${i + 1}`, { size: 13, align: 'center', after: 6 });
    w.text(d.title, { style: 'bold', size: 16, align: 'center' });
    const source = await PDFDocument.load(await deps.blobs.read(version.sha256), { updateMetadata: false, ignoreEncryption: true });
    const pages = await w.doc.copyPages(source, source.getPageIndices());
    for (const page of pages) {
      w.doc.addPage(page);
      if (d.confidentiality === 'internal') watermarkPage(page, w.fonts.regular, mark);
    }
  }

  for (const poll of pollRows) await drawBallotForm(w, poll, person, rules.choiceLabels);
  return w.save();
}

import { buildAgendaTree, type AgendaItem, type AgendaNode } from '@hopso/shared/agenda';
import type { MeetingChanges } from '@hopso/shared/invitations';
import type { MeetingKind, MeetingSummary } from '@hopso/shared/meeting';
import { formatMeetingTime, vietnamDateParts } from '@hopso/shared/time';
import { escapeHtml } from '../notifications/html.ts';

/**
 * The invitation notices (giấy mời, thông báo thay đổi, nhắc lịch) as pure functions: Vietnamese and English,
 * plain text and HTML, every time in Vietnam's time zone whatever the server's zone is. The same shape as the
 * notification system's MessageContent (notifications/notify.ts).
 */
export interface Content { subject: string; text: string; html: string }
export interface Bilingual { vi: Content; en: Content }
type Lang = 'vi' | 'en';

export type NoticeMeeting = Pick<MeetingSummary, 'id' | 'title' | 'kind' | 'startsAt' | 'endsAt' | 'place' | 'onlineUrl' | 'councilName'>;

const kindLabels: Record<MeetingKind, Record<Lang, string>> = {
  regular: { vi: 'kỳ họp thường lệ', en: 'regular session' },
  thematic: { vi: 'kỳ họp chuyên đề', en: 'thematic session' },
  extraordinary: { vi: 'kỳ họp bất thường', en: 'extraordinary session' },
  standing: { vi: 'phiên họp Thường trực HĐND', en: 'Standing Committee meeting' },
  committee: { vi: 'cuộc họp Ban', en: 'committee meeting' },
  group: { vi: 'cuộc họp Tổ đại biểu', en: 'delegate group meeting' },
  voterContact: { vi: 'buổi tiếp xúc cử tri', en: 'voter contact meeting' },
};

const words = {
  vi: {
    dear: 'Kính gửi', time: 'Thời gian', place: 'Địa điểm', online: 'Họp trực tuyến', agenda: 'Chương trình', documents: 'Tài liệu',
    rsvp: 'Xác nhận tham dự', meetingPage: 'Trang cuộc họp', vnTime: 'giờ Việt Nam', calendar: 'Tệp lịch (.ics) đính kèm.',
    invite: (council: string, kind: string, title: string) => `${council} trân trọng kính mời dự ${kind}: ${title}.`,
    rsvpAsk: 'Xin vui lòng xác nhận tham dự, báo vắng (kèm lý do) hoặc cử người dự thay (nếu được phép) qua đường dẫn riêng dưới đây.',
    changed: 'Thông tin cuộc họp đã thay đổi', from: 'trước đây', none: '(không có)',
    docsChanged: 'Tài liệu mới hoặc được thay thế', agendaChanged: 'Chương trình họp đã được điều chỉnh; xem chương trình mới trên trang cuộc họp.',
    remind: (left: string) => `Cuộc họp sẽ bắt đầu sau ${left}.`, unread: 'Đồng chí chưa mở các tài liệu sau của cuộc họp',
    subject: { invitation: 'Giấy mời', changed: 'Thay đổi', reminder: 'Nhắc lịch họp', unread: 'Nhắc đọc tài liệu' },
    units: { day: 'ngày', hour: 'giờ', minute: 'phút' },
  },
  en: {
    dear: 'Dear', time: 'Time', place: 'Place', online: 'Online', agenda: 'Agenda', documents: 'Documents',
    rsvp: 'Reply', meetingPage: 'Meeting page', vnTime: 'Vietnam time', calendar: 'Calendar file (.ics) attached.',
    invite: (council: string, kind: string, title: string) => `${council} invites you to the ${kind}: ${title}.`,
    rsvpAsk: 'Please say whether you attend, are absent (with the reason) or send someone in your place (where allowed) with your personal link below.',
    changed: 'The meeting has changed', from: 'was', none: '(none)',
    docsChanged: 'Documents added or replaced', agendaChanged: 'The agenda has changed; see the new agenda on the meeting page.',
    remind: (left: string) => `The meeting starts in ${left}.`, unread: 'You have not yet opened these documents of the meeting',
    subject: { invitation: 'Invitation', changed: 'Changed', reminder: 'Reminder', unread: 'Documents to read' },
    units: { day: 'day', hour: 'hour', minute: 'minute' },
  },
} as const;

/** "07:30, thứ Hai, 07/12/2026 – 11:00" (the end's date too when it falls on another day), Vietnam time. */
export function meetingWhen(m: Pick<NoticeMeeting, 'startsAt' | 'endsAt'>, lang: Lang): string {
  const start = formatMeetingTime(m.startsAt, lang);
  if (!m.endsAt) return `${start} (${words[lang].vnTime})`;
  const s = vietnamDateParts(m.startsAt);
  const e = vietnamDateParts(m.endsAt);
  const sameDay = s.year === e.year && s.month === e.month && s.day === e.day;
  const end = sameDay ? `${String(e.hour).padStart(2, '0')}:${String(e.minute).padStart(2, '0')}` : formatMeetingTime(m.endsAt, lang);
  return `${start} – ${end} (${words[lang].vnTime})`;
}

/** 4320 → "3 ngày" / "3 days", 60 → "1 giờ" / "1 hour", 90 → "90 phút" / "90 minutes". */
export function leadTime(minutes: number, lang: Lang): string {
  const [n, unit] = minutes % 1440 === 0 ? [minutes / 1440, 'day' as const] : minutes % 60 === 0 ? [minutes / 60, 'hour' as const] : [minutes, 'minute' as const];
  const word = words[lang].units[unit];
  return `${n} ${lang === 'en' && n !== 1 ? `${word}s` : word}`;
}

type Line = { label: string; value: string; href?: boolean } | { paragraph: string } | { list: string[] };

/** One message in both forms from the same lines, so the text and the HTML never say different things. */
function render(subject: string, lines: Line[]): Content {
  const text = lines.map((l) => ('paragraph' in l ? l.paragraph : 'list' in l ? l.list.map((x) => `  ${x}`).join('\n') : `${l.label}: ${l.value}`)).join('\n');
  const body = lines.map((l) => {
    if ('paragraph' in l) return `<p>${escapeHtml(l.paragraph)}</p>`;
    if ('list' in l) return `<ul>${l.list.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`;
    const value = l.href ? `<a href="${escapeHtml(l.value)}">${escapeHtml(l.value)}</a>` : escapeHtml(l.value);
    return `<p><strong>${escapeHtml(l.label)}:</strong> ${value}</p>`;
  }).join('\n');
  return { subject, text: `${text}\n`, html: `<!doctype html><html><body>\n${body}\n</body></html>\n` };
}

function agendaLines(nodes: AgendaNode[]): string[] {
  return nodes.flatMap((n) => [`${n.number}. ${n.title}`, ...agendaLines(n.children).map((x) => `  ${x}`)]);
}

function facts(m: NoticeMeeting, lang: Lang): Line[] {
  const w = words[lang];
  return [
    { label: w.time, value: meetingWhen(m, lang) },
    { label: w.place, value: m.place },
    ...(m.onlineUrl ? [{ label: w.online, value: m.onlineUrl, href: true }] : []),
  ];
}

function both(make: (lang: Lang) => Content): Bilingual {
  return { vi: make('vi'), en: make('en') };
}

export interface InvitationInput {
  meeting: NoticeMeeting;
  agenda: Pick<AgendaItem, 'id' | 'parentId' | 'position' | 'title'>[];
  inviteeName: string;
  origin: string;
  /** The invitee's personal RSVP token (only its hash is stored). */
  rsvpToken: string;
}

/** The invitation (giấy mời) sent when a meeting is published. */
export function invitationMessage(input: InvitationInput): Bilingual {
  const { meeting: m, origin } = input;
  const tree = buildAgendaTree(input.agenda.map((i) => ({ description: null, presenter: null, durationMinutes: null, status: 'pending' as const, meetingId: m.id, ...i })));
  return both((lang) => {
    const w = words[lang];
    return render(`${w.subject.invitation}: ${m.title}`, [
      { paragraph: `${w.dear} ${input.inviteeName},` },
      { paragraph: w.invite(m.councilName, kindLabels[m.kind][lang], m.title) },
      ...facts(m, lang),
      ...(tree.length ? [{ label: w.agenda, value: '' }, { list: agendaLines(tree) }] : []),
      { label: w.documents, value: `${origin}/meetings/${m.id}`, href: true },
      { paragraph: w.rsvpAsk },
      { label: w.rsvp, value: `${origin}/rsvp/${input.rsvpToken}`, href: true },
      { paragraph: w.calendar },
    ]);
  });
}

/** The change notice: what changed since the last notice, then the meeting as it now stands. */
export function changeMessage(m: NoticeMeeting, changes: MeetingChanges, origin: string): Bilingual {
  return both((lang) => {
    const w = words[lang];
    const lines: Line[] = [{ paragraph: `${w.changed}: ${m.title}` }];
    if (changes.startsAt) lines.push({ label: w.time, value: `${meetingWhen(m, lang)} (${w.from}: ${formatMeetingTime(changes.startsAt.from, lang)})` });
    if (changes.place) lines.push({ label: w.place, value: `${changes.place.to} (${w.from}: ${changes.place.from})` });
    if (changes.onlineUrl) lines.push({ label: w.online, value: `${changes.onlineUrl.to ?? w.none} (${w.from}: ${changes.onlineUrl.from ?? w.none})` });
    if (changes.documents?.length) lines.push({ label: w.docsChanged, value: '' }, { list: changes.documents });
    if (changes.agenda) lines.push({ paragraph: w.agendaChanged });
    lines.push(...facts(m, lang).filter((l) => !('label' in l) || (l.label === w.time ? !changes.startsAt : l.label === w.place ? !changes.place : !changes.onlineUrl)));
    lines.push({ label: w.meetingPage, value: `${origin}/meetings/${m.id}`, href: true });
    return render(`${w.subject.changed}: ${m.title}`, lines);
  });
}

/** A reminder `minutes` before the start. */
export function reminderMessage(m: NoticeMeeting, minutes: number, origin: string): Bilingual {
  return both((lang) => {
    const w = words[lang];
    return render(`${w.subject.reminder}: ${m.title} (${leadTime(minutes, lang)})`, [
      { paragraph: w.remind(leadTime(minutes, lang)) }, { paragraph: m.title }, ...facts(m, lang),
      { label: w.meetingPage, value: `${origin}/meetings/${m.id}`, href: true },
    ]);
  });
}

/** The "documents not yet opened" reminder, naming the documents the invitee has not opened. */
export function unreadDocumentsMessage(m: NoticeMeeting, titles: string[], origin: string): Bilingual {
  return both((lang) => {
    const w = words[lang];
    return render(`${w.subject.unread}: ${m.title}`, [
      { paragraph: `${w.unread}:` }, { list: titles }, ...facts(m, lang),
      { label: w.documents, value: `${origin}/meetings/${m.id}`, href: true },
    ]);
  });
}

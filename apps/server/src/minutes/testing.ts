import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PollView } from '@hopso/shared/live';
import type { AgendaItem } from '@hopso/shared/agenda';
import { delegate, type LiveServer } from '../live/testing.ts';

/** Signs in over HTTP and returns a fetch bound to that session (same-origin JSON, or a PDF body, as the web app sends). */
export async function httpAs(t: LiveServer, username: string) {
  const res = await fetch(`${t.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: t.base }, body: JSON.stringify({ username, password: 'HopSo@2026' }) });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return (path: string, init: { method?: string; body?: unknown } = {}) => {
    const pdf = init.body instanceof Uint8Array;
    return fetch(`${t.base}${path}`, {
      method: init.method ?? 'GET',
      headers: { cookie, origin: t.base, ...(init.body !== undefined ? { 'content-type': pdf ? 'application/pdf' : 'application/json' } : {}) },
      ...(init.body !== undefined ? { body: pdf ? new Blob([init.body as Uint8Array<ArrayBuffer>]) : JSON.stringify(init.body) } : {}),
    });
  };
}

/** The text of a PDF as pdf.js extracts it, whitespace collapsed (lines and justified words joined by one space). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false });
  const doc = await task.promise;
  const parts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) if ('str' in item) parts.push(item.str);
  }
  await task.destroy();
  return parts.join(' ').replace(/\s+/g, ' ');
}

/**
 * Renders the first page to test-results/artifacts/<name>.png (beside the PDF) with poppler's pdftoppm, so
 * the layout can be checked by eye; CI keeps test-results/ (docs/record.md).
 */
export function firstPagePng(bytes: Uint8Array, name: string): string {
  const dir = resolve(import.meta.dirname, '../../../../test-results/artifacts');
  mkdirSync(dir, { recursive: true });
  const pdfPath = join(dir, `${name}.pdf`);
  writeFileSync(pdfPath, bytes);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfPath, join(dir, name)]);
  return join(dir, `${name}.png`);
}

/**
 * Runs the demo regular session through the real live commands: attendance (20 of 25 present, one late,
 * one absent with a reason), two items live, a speaker, an answered question, a named motion (15/2/1),
 * a secret motion (10/5/0), a show of hands (19/0/1) and a secret election. Returns what the record must show.
 */
export async function runSession(t: LiveServer) {
  const { meetingId } = t;
  const secretary = await t.client('thuky');
  const ok = async <T>(p: Promise<T>): Promise<T> => {
    const ack = await p as { ok: boolean; code?: string };
    if (!ack.ok) throw new Error(`live command refused: ${ack.code}`);
    return ack as T;
  };
  const poll = async (input: Record<string, unknown>) => (await ok(secretary.emitWithAck('poll.create', { meetingId, ...input } as never)) as unknown as { poll: PollView }).poll;
  for (let n = 1; n <= 18; n++) await ok((await t.client(delegate(n))).emitWithAck('attendance.checkIn', { meetingId }));
  await ok(secretary.emitWithAck('attendance.mark', { meetingId, userId: await t.userId('chutich'), status: 'present' }));
  await ok(secretary.emitWithAck('attendance.mark', { meetingId, userId: await t.userId(delegate(19)), status: 'late' }));
  await ok(secretary.emitWithAck('attendance.mark', { meetingId, userId: await t.userId(delegate(20)), status: 'absent', reason: 'Đi công tác tại huyện' }));

  const details = await (await httpAs(t, 'thuky'))(`/api/meetings/${meetingId}`).then((r) => r.json()) as { meeting: { agenda: AgendaItem[] } };
  const items = details.meeting.agenda;
  await ok(secretary.emitWithAck('agenda.setLive', { meetingId, itemId: items[0]!.id }));
  const speaker = (await ok((await t.client(delegate(2))).emitWithAck('speaker.request', { meetingId })) as unknown as { speaker: { id: string } }).speaker;
  await ok(secretary.emitWithAck('speaker.start', { requestId: speaker.id }));
  await ok(secretary.emitWithAck('speaker.stop', { requestId: speaker.id }));
  const question = (await ok((await t.client(delegate(3))).emitWithAck('question.submit', { meetingId, addressee: 'Chủ tịch UBND xã', content: 'Tiến độ làm đường liên thôn số 3 thế nào?' })) as unknown as { question: { id: string } }).question;
  await ok(secretary.emitWithAck('question.moderate', { questionId: question.id, action: 'approve' }));
  await ok(secretary.emitWithAck('question.answer', { questionId: question.id, answerText: 'Hoàn thành trong quý I năm sau.', oral: true }));
  await ok(secretary.emitWithAck('agenda.setLive', { meetingId, itemId: items[3]!.id }));

  const cast = async (pollId: string, from: number, to: number, ballot: Record<string, unknown>) => {
    for (let n = from; n <= to; n++) await ok((await t.client(delegate(n))).emitWithAck('poll.cast', { pollId, ...ballot } as never));
  };
  const named = await poll({ title: 'Thông qua Nghị quyết dự toán ngân sách năm sau', method: 'named', agendaItemId: items[3]!.id });
  await ok(secretary.emitWithAck('poll.open', { pollId: named.id }));
  await cast(named.id, 1, 15, { choice: 'yes' });
  await cast(named.id, 16, 17, { choice: 'no' });
  await cast(named.id, 18, 18, { choice: 'abstain' });
  await ok(secretary.emitWithAck('poll.close', { pollId: named.id }));

  const secret = await poll({ title: 'Bãi nhiệm đại biểu theo đề nghị của cử tri', kind: 'dismissal', method: 'secret' });
  await ok(secretary.emitWithAck('poll.open', { pollId: secret.id }));
  await cast(secret.id, 1, 10, { choice: 'yes' });
  await cast(secret.id, 11, 15, { choice: 'no' });
  await ok(secretary.emitWithAck('poll.close', { pollId: secret.id }));

  const hands = await poll({ title: 'Thông qua chương trình kỳ họp', method: 'hands' });
  await ok(secretary.emitWithAck('poll.open', { pollId: hands.id }));
  await ok(secretary.emitWithAck('poll.recordHands', { pollId: hands.id, yes: 19, no: 0, abstain: 1 }));
  await ok(secretary.emitWithAck('poll.close', { pollId: hands.id }));

  const election = await poll({ title: 'Bầu Phó Chủ tịch HĐND xã', kind: 'election', method: 'secret', options: [{ label: 'Trần Văn Bình' }, { label: 'Lê Thị Cúc' }], seats: 1 });
  await ok(secretary.emitWithAck('poll.open', { pollId: election.id }));
  await cast(election.id, 1, 14, { selections: ['o1'] });
  await cast(election.id, 15, 18, { selections: ['o2'] });
  await ok(secretary.emitWithAck('poll.close', { pollId: election.id }));
  await ok(secretary.emitWithAck('agenda.setLive', { meetingId, itemId: null }));

  return { items, polls: { named, secret, hands, election }, yesVoter: await t.userId(delegate(1)) };
}

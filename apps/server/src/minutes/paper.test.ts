import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollView } from '@hopso/shared/live';
import { startLiveServer, type LiveServer } from '../live/testing.ts';
import { httpAs, pdfText } from './testing.ts';

/** A poll decided on paper says so in the record: the minutes and the results export mark it "phiếu giấy". */
describe('paper-decided polls in the record', () => {
  let t: LiveServer;
  const committee = ['Nguyễn Văn An', 'Trần Thị Bình'];

  beforeAll(async () => {
    t = await startLiveServer();
    await t.markPresent(19);
    const secretary = await t.client('thuky');
    const paper = ((await secretary.emitWithAck('poll.create', { meetingId: t.meetingId, title: 'Miễn nhiệm Trưởng ban (phiếu giấy)', method: 'secret' })) as { poll: PollView }).poll;
    const ack = await secretary.emitWithAck('poll.recordPaper', { pollId: paper.id, committee, issued: 20, returned: 20, valid: 19, invalid: 1, choices: { yes: 15, no: 3, abstain: 1 } });
    expect(ack.ok).toBe(true);
    const electronic = ((await secretary.emitWithAck('poll.create', { meetingId: t.meetingId, title: 'Thông qua chương trình kỳ họp', method: 'secret' })) as { poll: PollView }).poll;
    await secretary.emitWithAck('poll.open', { pollId: electronic.id });
    await (await t.client('chutich')).emitWithAck('poll.cast', { pollId: electronic.id, choice: 'yes' });
    await secretary.emitWithAck('poll.close', { pollId: electronic.id });
  }, 120_000);
  afterAll(async () => { await t.close(); });

  it('marks the paper ballot and its counting record in the minutes, and not the electronic secret ballot', async () => {
    const secretary = await httpAs(t, 'thuky');
    const text = await pdfText(new Uint8Array(await (await secretary(`/api/meetings/${t.meetingId}/minutes/pdf`)).arrayBuffer()));
    const paper = text.slice(text.indexOf('Miễn nhiệm Trưởng ban (phiếu giấy)'));
    expect(paper).toMatch(/^Miễn nhiệm Trưởng ban \(phiếu giấy\) Hình thức: bỏ phiếu kín bằng phiếu giấy/);
    expect(paper).toContain('Biên bản kiểm phiếu: phiếu phát ra 20, thu vào 20, hợp lệ 19, không hợp lệ 1; Ban kiểm phiếu: Nguyễn Văn An, Trần Thị Bình.');
    const electronic = text.slice(text.indexOf('Thông qua chương trình kỳ họp'));
    expect(electronic).toMatch(/^Thông qua chương trình kỳ họp Hình thức: bỏ phiếu kín;/);
  });
});

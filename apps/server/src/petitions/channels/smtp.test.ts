import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { petitions } from '@hopso/db/schema/index';
import { createTestApp, type TestApp } from '../../testing.ts';
import { startMailSources } from './connectors.ts';
import type { MailSource } from './mail.ts';
import { smtpMailSource } from './smtp.ts';
import { eml, sendSmtp } from './testing.ts';

// The inbound SMTP connector, started as server.ts starts it (from the configuration) on 127.0.0.1 and a
// free port, fed by a minimal SMTP client. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.

let t: TestApp;
let sources: MailSource[];
let port: number;
const count = async () => (await t.db.select({ id: petitions.id }).from(petitions)).length;
/** The server's answer to the message itself: the reply after DATA's 354. */
const finalReply = (replies: string[]) => { const final = replies.filter((r) => /^\d{3} /.test(r)); return final[final.findIndex((r) => r.startsWith('354 ')) + 1] ?? ''; };

beforeAll(async () => {
  t = await createTestApp({ env: { PETITION_SMTP_PORT: '0', PETITION_SMTP_HOST: '127.0.0.1', PETITION_SMTP_COUNCIL: 'hdnd-xa-tan-phu', PETITION_EMAIL_MAX_MB: '1' } });
  sources = await startMailSources(t.deps);
  port = (sources[0] as ReturnType<typeof smtpMailSource>).address().port;
});
afterAll(async () => {
  await Promise.all(sources.map((s) => s.stop()));
  await t.close();
});

describe('inbound SMTP connector', () => {
  it('starts only when PETITION_SMTP_PORT is configured', async () => {
    expect(sources.map((s) => s.kind)).toEqual(['smtp']);
    const plain = await createTestApp({ seed: false });
    try {
      expect(await startMailSources(plain.deps)).toEqual([]);
    } finally {
      await plain.close();
    }
  });

  it('refuses to start for a council that does not exist', async () => {
    const deps = { ...t.deps, config: { ...t.deps.config, PETITION_SMTP_COUNCIL: 'hdnd-xa-khong-co' } };
    await expect(startMailSources(deps)).rejects.toThrow(/PETITION_SMTP_COUNCIL/);
  });

  it('stores a delivered message as an e-mail petition once, even when it is delivered twice', async () => {
    const message = eml({ messageId: '<smtp-1@example.vn>', subject: '[Ấp Phú Hòa] Nước sinh hoạt', text: 'Ấp Phú Hòa thiếu nước sạch sinh hoạt vào mùa khô, đề nghị lắp đường ống.\r\n.dòng bắt đầu bằng dấu chấm' });
    const first = await sendSmtp(port, message);
    expect(finalReply(first)).toMatch(/^250 .*Petition received as KN-/);
    const before = await count();
    const second = await sendSmtp(port, message);
    expect(finalReply(second)).toMatch(/^250 /);
    expect(await count()).toBe(before);
    const rows = await t.db.select().from(petitions).where(eq(petitions.externalRef, '<smtp-1@example.vn>'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'email', locality: 'Ấp Phú Hòa', submitterContact: 'lan.nguyen@example.vn' });
    expect(rows[0]!.content).toContain('\n.dòng bắt đầu bằng dấu chấm');
    expect(finalReply(first)).toContain(rows[0]!.code);
  });

  it('refuses a message over the size limit with an SMTP 552 and stores nothing', async () => {
    const before = await count();
    const replies = await sendSmtp(port, eml({ text: `Kiến nghị rất dài. ${'x'.repeat(1024 * 1024 + 100)}` }));
    expect(replies.some((r) => /^552 /.test(r))).toBe(true);
    expect(await count()).toBe(before);
  });

  it('refuses a malformed message with an SMTP 550 naming the problem, and stores nothing', async () => {
    const before = await count();
    const replies = await sendSmtp(port, 'Subject: no sender\r\n\r\nNội dung không có người gửi.\r\n');
    expect(finalReply(replies)).toMatch(/^550 .*email_invalid/);
    const short = await sendSmtp(port, eml({ subject: 'ok', text: 'ok' }));
    expect(finalReply(short)).toMatch(/^550 .*validation/);
    expect(await count()).toBe(before);
  });

  it('stops listening when stopped', async () => {
    const source = smtpMailSource({ host: '127.0.0.1', port: 0, maxBytes: 1024, log: t.deps.log });
    await source.start(async () => { throw new Error('not called'); });
    const { port: own } = source.address();
    await source.stop();
    await expect(sendSmtp(own, eml())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

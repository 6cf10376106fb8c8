import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { petitions } from '@hopso/db/schema/index';
import { throwawayDatabase } from '@hopso/db/testing';
import { loadConfig } from '../../config.ts';
import { startServer } from '../../server.ts';
import type { smtpMailSource } from './smtp.ts';
import { eml, sendSmtp } from './testing.ts';

// The SMTP connector in the server's lifecycle: started by startServer when configured, stopped by stop().

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('server lifecycle', () => {
  it('starts the SMTP connector with the server when configured and stops it on shutdown', async () => {
    const target = await throwawayDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'hopso-smtp-'));
    dirs.push(dataDir);
    const running = await startServer(loadConfig({
      PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, WEB_BUILD_DIR: '/nonexistent', LOG_LEVEL: 'silent',
      PETITION_SMTP_PORT: '0', PETITION_SMTP_COUNCIL: 'hdnd-xa-tan-phu', ...(target.url ? { DATABASE_URL: target.url } : {}),
    }));
    try {
      expect(running.mailSources.map((s) => s.kind)).toEqual(['smtp']);
      const { port } = (running.mailSources[0] as ReturnType<typeof smtpMailSource>).address();
      const replies = await sendSmtp(port, eml({ messageId: '<lifecycle@example.vn>' }));
      expect(replies.some((r) => /^250 .*Petition received as KN-/.test(r))).toBe(true);
      const rows = await running.database.db.select().from(petitions).where(eq(petitions.externalRef, '<lifecycle@example.vn>'));
      expect(rows.map((r) => r.channel)).toEqual(['email']);
      await running.stop();
      await expect(sendSmtp(port, eml())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await running.stop();
      await target.drop();
    }
  });

  it('does not start when the configured council does not exist', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hopso-smtp-'));
    dirs.push(dataDir);
    const target = await throwawayDatabase();
    try {
      await expect(startServer(loadConfig({
        PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, WEB_BUILD_DIR: '/nonexistent', LOG_LEVEL: 'silent', DEMO_SEED: 'false',
        PETITION_SMTP_PORT: '0', PETITION_SMTP_COUNCIL: 'hdnd-khong-co', ...(target.url ? { DATABASE_URL: target.url } : {}),
      }))).rejects.toThrow(/PETITION_SMTP_COUNCIL/);
    } finally {
      await target.drop();
    }
  });
});

describe('configuration', () => {
  it.each([
    [{ PETITION_SMTP_PORT: '2525' }, /PETITION_SMTP_COUNCIL/],
    [{ ZALO_APP_ID: '1', ZALO_OA_SECRET: 's' }, /ZALO_OA_SECRET.*together/],
    [{ PETITION_SMTP_PORT: 'abc', PETITION_SMTP_COUNCIL: 'x' }, /PETITION_SMTP_PORT/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

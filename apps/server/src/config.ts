import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** All interfaces by default: tablets reach the server over the hall's LAN. */
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Seed the demo commune council when the database is empty. */
  DEMO_SEED: flag.default(true),
  /** Largest PDF accepted for upload, in MB. */
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(4096).default(200),
  /** Where document files live (content-addressed); defaults to DATA_DIR/blobs. */
  BLOB_DIR: z.string().optional(),
  /** Events one socket may send per second on average (bursts up to twice that); beyond it: rate_limited. */
  SOCKET_EVENTS_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(20),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /** Behind a reverse proxy: take the client address and scheme from X-Forwarded-* headers. */
  TRUST_PROXY: flag.default(false),
  /** What holds the council seal key (see signatures/seal.ts): `pkcs12` (SEAL_P12_PATH); a CSC or token adapter adds its name. */
  SEAL_SIGNER: z.enum(['pkcs12']).default('pkcs12'),
  /** The council seal (organisation signature) key: a PKCS#12 file; the demo uses DATA_DIR/demo-pki/seal.p12. */
  SEAL_P12_PATH: z.string().optional(),
  SEAL_P12_PASSPHRASE: z.string().default(''),
  /** RFC 3161 timestamp authority for PAdES B-T; without it signatures are B-B (time from the signer's claim). */
  TSA_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** How long a PDF prepared for signing waits for the signer's CMS. */
  SIGNING_SESSION_MINUTES: z.coerce.number().int().min(1).max(120).default(15),
  /** Largest PDF the public verify page accepts, in MB. */
  MAX_VERIFY_MB: z.coerce.number().int().min(1).max(1024).default(50),
  /** Inbound SMTP for voter petitions (kiến nghị cử tri by e-mail): off unless a port is set. */
  PETITION_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** The interface it listens on; defaults to HOST. */
  PETITION_SMTP_HOST: z.string().min(1).optional(),
  /** The council (id or portal slug) whose petitions arrive there; required with PETITION_SMTP_PORT. */
  PETITION_SMTP_COUNCIL: z.string().min(1).optional(),
  /** Largest e-mail accepted (SMTP and .eml upload), in MB. */
  PETITION_EMAIL_MAX_MB: z.coerce.number().int().min(1).max(100).default(25),
  /** The Zalo Official Account webhook: the app id, the OA secret key and the council (id or slug); off unless all three are set. */
  ZALO_APP_ID: z.string().min(1).optional(),
  ZALO_OA_SECRET: z.string().min(1).optional(),
  ZALO_COUNCIL: z.string().min(1).optional(),
  /** How old a Zalo event may be (by its signed timestamp) before it counts as a replay. */
  ZALO_MAX_AGE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  /** Outgoing notification e-mail (SMTP, nodemailer): smtp://user:password@host:587 or smtps://…:465; off unless set. */
  NOTIFY_SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The sender of notification e-mail, e.g. "HĐND xã Tân Phú <hopso@tanphu.gov.vn>"; required with NOTIFY_SMTP_URL. */
  NOTIFY_MAIL_FROM: z.string().min(3).optional(),
  /** SMS gateway: POST {to, text} as JSON with the token as a Bearer credential; off unless both are set. */
  NOTIFY_SMS_URL: z.url({ protocol: /^https?$/ }).optional(),
  NOTIFY_SMS_TOKEN: z.string().min(1).optional(),
  /** Zalo Official Account message API (https://openapi.zalo.me/v3.0/oa/message/cs) and the OA access token; off unless both are set. */
  NOTIFY_ZALO_URL: z.url({ protocol: /^https?$/ }).optional(),
  NOTIFY_ZALO_TOKEN: z.string().min(1).optional(),
  /** Attempts per delivery before it is marked failed; the wait doubles from NOTIFY_RETRY_SECONDS between them. */
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  NOTIFY_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** How often the delivery worker looks for due deliveries and new in-app notifications, in milliseconds. */
  NOTIFY_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /**
   * Bearer token for GET /metrics (Prometheus): when set, required from every address; unset, only direct
   * loopback connections may read the metrics (never through a proxy: a forwarded request is refused).
   */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** HMAC key of QR check-in codes (at least 32 characters); unset, one is made on first start and kept in the database. */
  CHECKIN_SECRET: z.string().min(32).optional(),
  /** How long after a meeting's end its QR codes keep working, in hours. */
  CHECKIN_MARGIN_HOURS: z.coerce.number().int().min(0).max(168).default(12),
  /** The address people open the app at, for links in invitations and reminders (https://hopso.example.gov.vn); defaults to the request's origin, or http://localhost:PORT for the scheduler. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  WEB_BUILD_DIR: z.string().default(fileURLToPath(new URL('../../web/build', import.meta.url))),
}).superRefine((c, ctx) => {
  if (c.PETITION_SMTP_PORT !== undefined && !c.PETITION_SMTP_COUNCIL) ctx.addIssue({ code: 'custom', path: ['PETITION_SMTP_COUNCIL'], message: 'required when PETITION_SMTP_PORT is set' });
  const zalo = [c.ZALO_APP_ID, c.ZALO_OA_SECRET, c.ZALO_COUNCIL].filter((v) => v !== undefined).length;
  if (zalo > 0 && zalo < 3) ctx.addIssue({ code: 'custom', path: ['ZALO_OA_SECRET'], message: 'set ZALO_APP_ID, ZALO_OA_SECRET and ZALO_COUNCIL together' });
  if (c.NOTIFY_SMTP_URL && !c.NOTIFY_MAIL_FROM) ctx.addIssue({ code: 'custom', path: ['NOTIFY_MAIL_FROM'], message: 'required when NOTIFY_SMTP_URL is set' });
});

export type Config = z.infer<typeof configSchema>;

/** Reads the configuration from the environment once, failing fast with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

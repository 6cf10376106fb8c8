import type { Config } from '../config.ts';
import { emailNotifier } from './email.ts';
import { smsNotifier, zaloNotifier } from './http-channels.ts';
import type { Notifier } from './notifier.ts';

/** The notifiers the configuration turns on: a channel without its provider settings is off for everyone. */
export function createNotifiers(config: Config, fetcher: typeof fetch = fetch): Notifier[] {
  const notifiers: Notifier[] = [];
  if (config.NOTIFY_SMTP_URL && config.NOTIFY_MAIL_FROM) notifiers.push(emailNotifier({ url: config.NOTIFY_SMTP_URL, from: config.NOTIFY_MAIL_FROM }));
  if (config.NOTIFY_SMS_URL && config.NOTIFY_SMS_TOKEN) notifiers.push(smsNotifier({ url: config.NOTIFY_SMS_URL, token: config.NOTIFY_SMS_TOKEN, fetch: fetcher }));
  if (config.NOTIFY_ZALO_URL && config.NOTIFY_ZALO_TOKEN) notifiers.push(zaloNotifier({ url: config.NOTIFY_ZALO_URL, token: config.NOTIFY_ZALO_TOKEN, fetch: fetcher }));
  return notifiers;
}

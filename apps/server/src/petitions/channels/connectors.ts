import type { Deps } from '../../http/context.ts';
import { configuredCouncil } from './council.ts';
import { mailIntake, type MailSource } from './mail.ts';
import { smtpMailSource } from './smtp.ts';

/**
 * Starts the long-running mail sources the configuration asks for (today the inbound SMTP connector, when
 * PETITION_SMTP_PORT is set) and returns them for server.ts to stop on shutdown. A council that does not
 * exist is a configuration error: the server refuses to start rather than drop petitions.
 */
export async function startMailSources(deps: Deps): Promise<MailSource[]> {
  const { config, log } = deps;
  if (config.PETITION_SMTP_PORT === undefined || !config.PETITION_SMTP_COUNCIL) return [];
  const councilId = await configuredCouncil(deps.db, config.PETITION_SMTP_COUNCIL);
  if (!councilId) throw new Error(`PETITION_SMTP_COUNCIL: no council "${config.PETITION_SMTP_COUNCIL}" (give its id or portal slug)`);
  const smtp = smtpMailSource({ host: config.PETITION_SMTP_HOST ?? config.HOST, port: config.PETITION_SMTP_PORT, maxBytes: config.PETITION_EMAIL_MAX_MB * 1024 * 1024, log });
  await smtp.start(mailIntake(deps, councilId));
  return [smtp];
}

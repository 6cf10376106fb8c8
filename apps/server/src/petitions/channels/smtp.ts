import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { AppError } from '../../http/errors.ts';
import type { Logger } from '../../log.ts';
import type { DeliverMail, MailSource } from './mail.ts';

// Inbound SMTP for one council's petition address: the council's mail server (or a voter's client on the
// LAN) relays to it. No AUTH and no STARTTLS — it sits on the hall's LAN or behind the council's mail
// gateway, which does TLS and spam filtering — so it takes any recipient and hands each message to the intake.

export interface SmtpOptions { host: string; port: number; maxBytes: number; log: Logger }

/** A reply to the client: 5xx refuses for good (a bad message), 4xx asks it to try again later. */
function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

async function readAll(stream: SMTPServerDataStream, maxBytes: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let length = 0;
  // Past the limit the rest is read and dropped (the client must finish DATA before it can read our 552).
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length <= maxBytes) chunks.push(chunk);
  }
  return stream.sizeExceeded || length > maxBytes ? null : new Uint8Array(Buffer.concat(chunks));
}

/** The inbound SMTP connector as a MailSource; `port` 0 picks a free port (tests), read back from `address()`. */
export function smtpMailSource(options: SmtpOptions): MailSource & { address(): AddressInfo } {
  const { log, maxBytes } = options;
  let server: SMTPServer | null = null;
  return {
    kind: 'smtp',
    address() {
      const address = server?.server.address();
      if (!address || typeof address === 'string') throw new Error('SMTP source is not listening');
      return address;
    },
    async start(deliver: DeliverMail) {
      server = new SMTPServer({
        name: 'hopso', banner: 'Hop So petitions', size: maxBytes, authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'],
        logger: false, closeTimeout: 3000, maxClients: 50,
        onData(stream, _session, callback) {
          readAll(stream, maxBytes).then(async (raw) => {
            if (!raw) return callback(smtpError(552, `Message exceeds the limit of ${maxBytes} bytes (thu qua lon)`));
            try {
              const { petition, skippedAttachments } = await deliver(raw);
              log.info('petition e-mail received', { code: petition.code, repeated: petition.repeated, skippedAttachments: skippedAttachments.length });
              callback(null, `Petition received as ${petition.code}`);
            } catch (err) {
              if (err instanceof AppError && err.status < 500) {
                log.warn('petition e-mail refused', { code: err.code });
                // SMTP replies are ASCII: the code and the English message; the clerk's UI has the Vietnamese.
                return callback(smtpError(550, `${err.code}: ${err.message}`));
              }
              log.error('petition e-mail failed', { error: err instanceof Error ? err.message : String(err) });
              callback(smtpError(451, 'Temporary failure, try again later'));
            }
          }, (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
        },
      });
      server.on('error', (err) => log.error('petition SMTP error', { error: err.message }));
      await new Promise<void>((resolve, reject) => {
        server!.server.once('error', reject);
        server!.listen(options.port, options.host, () => {
          server!.server.off('error', reject);
          resolve();
        });
      });
      log.info('petition SMTP listening', { host: options.host, port: this.address().port });
    },
    async stop() {
      const closing = server;
      server = null;
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
}

import { receivePetition, type IntakeDeps, type Received } from '../intake.ts';
import type { SkippedAttachment } from '@hopso/shared/petitions';
import { parseEmail } from './email.ts';

// E-mail reaches the intake from several sources — a clerk's .eml upload, the inbound SMTP connector, an IMAP
// mailbox poller if a council ever needs one — and all of them implement MailSource and hand each raw
// message to the same DeliverMail, so parsing, idempotency and the checks are one code path.

/** What happened to one message: its petition (repeated when it had been received before) and the files left out. */
export interface MailReceipt { petition: Received; skippedAttachments: SkippedAttachment[] }

/** Receives one raw RFC 822 message for the council the source serves. Throws AppError for a bad message. */
export type DeliverMail = (raw: Uint8Array) => Promise<MailReceipt>;

/** A source of e-mails: started with the function that receives each message, stopped on shutdown. */
export interface MailSource {
  readonly kind: 'upload' | 'smtp' | 'imap';
  /** Begins handing messages to `deliver`; resolves once the source is ready. */
  start(deliver: DeliverMail): Promise<void>;
  /** Stops taking messages; resolves when none is being delivered any more. */
  stop(): Promise<void>;
}

/** The e-mail intake of one council: parse, then the one receivePetition on channel `email`. */
export function mailIntake(deps: IntakeDeps, councilId: string): DeliverMail {
  return async (raw) => {
    const { petition, skippedAttachments } = await parseEmail(raw, deps.now());
    return { petition: await receivePetition(deps, councilId, petition, 'email'), skippedAttachments };
  };
}

/**
 * The clerk's upload as a MailSource: the messages of one request, delivered in order when started.
 * Its receipts are what the route answers.
 */
export function emlUpload(messages: readonly Uint8Array[]): MailSource & { receipts: MailReceipt[] } {
  const receipts: MailReceipt[] = [];
  return {
    kind: 'upload',
    receipts,
    async start(deliver) {
      for (const raw of messages) receipts.push(await deliver(raw));
    },
    async stop() {},
  };
}

import { createHash } from 'node:crypto';
import PostalMime, { type Attachment, type Email } from 'postal-mime';
import { convert } from 'html-to-text';
import { petitionAttachmentLimits, type SkippedAttachment } from '@hopso/shared/petitions';
import { AppError } from '../../http/errors.ts';
import { sniffType, type IncomingFile } from '../attachments.ts';
import type { IncomingPetition } from '../intake.ts';
import { splitLocality } from './locality.ts';

// An RFC 822 message (an uploaded .eml file, or what the SMTP connector received) as a petition: the text
// part (or the HTML part converted to plain text — raw HTML is never stored), the sender, the date, the
// Message-ID for idempotency, and the PDF/JPEG/PNG parts. Whatever else it carried is listed as skipped.

/** An attachment of the message that is not kept with the petition, and why (shown to the clerk). */
export interface ParsedEmail { petition: IncomingPetition; skippedAttachments: SkippedAttachment[] }

/** A date older than a council term (5 years) or in the future is a wrong clock, not when it was received. */
const termMs = 5 * 366 * 86400_000;
const skewMs = 3600_000;

function receivedAt(email: Email, now: Date): Date | undefined {
  const at = email.date ? new Date(email.date) : null;
  if (!at || Number.isNaN(at.getTime())) return undefined;
  const age = now.getTime() - at.getTime();
  return age > -skewMs && age < termMs ? at : undefined;
}

/** The body as plain text: the text part, else the HTML converted (images dropped, links kept as text). */
function bodyText(email: Email): string {
  const text = email.text?.trim() ? email.text : email.html ? convert(email.html, { wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }] }) : '';
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

const bytesOf = (a: Attachment) => (typeof a.content === 'string' ? new TextEncoder().encode(a.content) : new Uint8Array(a.content));

/** The parts kept as attachments (type by content, within the size and count limits) and the others. */
function splitAttachments(parts: readonly Attachment[]) {
  const kept: IncomingFile[] = [];
  const skipped: SkippedAttachment[] = [];
  for (const part of parts) {
    const bytes = bytesOf(part);
    const filename = part.filename ?? '';
    const skip = (reason: SkippedAttachment['reason']) => skipped.push({ filename, mimeType: part.mimeType, bytes: bytes.length, reason });
    if (bytes.length === 0) continue;
    if (!sniffType(bytes)) skip('type');
    else if (bytes.length > petitionAttachmentLimits.bytes) skip('size');
    // An e-mail cannot be sent back to fix, so extra files are skipped (and reported) rather than refusing it all.
    else if (kept.length >= petitionAttachmentLimits.count) skip('count');
    else kept.push({ filename, bytes });
  }
  return { kept, skipped };
}

/**
 * Parses one message. Refused (email_invalid) when it is not a message at all: no From address — RFC 5322
 * requires one, and a JSON file, a PDF or random bytes never has one. A message without a Message-ID is
 * known by the SHA-256 of its bytes, so delivering the same file twice still stores it once.
 */
export async function parseEmail(raw: Uint8Array, now: Date): Promise<ParsedEmail> {
  let email: Email;
  try {
    email = await PostalMime.parse(raw);
  } catch {
    throw new AppError('email_invalid');
  }
  const from = email.from?.address ? email.from : email.sender?.address ? email.sender : null;
  if (!from?.address) throw new AppError('email_invalid');
  const { locality, rest: subject } = splitLocality(email.subject ?? '');
  const body = bodyText(email);
  const { kept, skipped } = splitAttachments(email.attachments);
  const messageId = email.messageId?.trim();
  return {
    petition: {
      submitterName: from.name?.trim() || null,
      submitterContact: from.address,
      locality,
      // The subject is the voter's own summary: it heads the content unless the body already starts with it.
      content: subject && !body.startsWith(subject) ? `${subject}\n\n${body}`.trim() : body,
      receivedAt: receivedAt(email, now),
      externalRef: messageId || `sha256:${createHash('sha256').update(raw).digest('hex')}`,
      attachments: kept,
    },
    skippedAttachments: skipped,
  };
}

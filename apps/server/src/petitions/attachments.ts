import { petitionAttachmentLimits } from '@hopso/shared/petitions';
import { AppError } from '../http/errors.ts';
import { keepBytes } from '../documents/keep.ts';
import type { BlobStore } from '../documents/storage.ts';

/** A file as a channel received it: the portal form, an e-mail part, a Zalo media download. */
export interface IncomingFile { filename: string; bytes: Uint8Array }
/** A file checked and kept in the blob store, ready for its petition_attachments row. */
export interface KeptFile { sha256: string; filename: string; mime: string; bytes: number }

const signatures: [string, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

/** The type of a file from its first bytes, or null when it is none we accept. */
export function sniffType(bytes: Uint8Array): string | null {
  return signatures.find(([, magic]) => magic.every((b, i) => bytes[i] === b))?.[0] ?? null;
}

/** A name safe to show and to send back in Content-Disposition: no folders, no control characters. */
export function cleanFilename(name: string, mime: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return base || `tep-dinh-kem.${mime === 'application/pdf' ? 'pdf' : mime === 'image/png' ? 'png' : 'jpg'}`;
}

/**
 * Checks every file (count, size, type by content) before any is kept, so a bad one rejects the petition
 * without leaving files behind; then keeps them in the content-addressed store. Empty parts (a form sent
 * with no file chosen) are not files.
 */
export async function keepAttachments(store: BlobStore, files: readonly IncomingFile[]): Promise<KeptFile[]> {
  const real = files.filter((f) => f.bytes.length > 0);
  if (real.length > petitionAttachmentLimits.count) throw new AppError('attachment_invalid');
  const checked = real.map((f) => {
    const mime = sniffType(f.bytes);
    if (!mime || f.bytes.length > petitionAttachmentLimits.bytes) throw new AppError('attachment_invalid');
    return { file: f, mime };
  });
  const kept: KeptFile[] = [];
  for (const { file, mime } of checked) {
    kept.push({ sha256: await keepBytes(store, file.bytes), filename: cleanFilename(file.filename, mime), mime, bytes: file.bytes.length });
  }
  return kept;
}

import type { AppContext } from './context.ts';

/** A Vietnamese name as an ASCII file name: "Nghị quyết 12/NQ-HĐND" → "Nghi-quyet-12-NQ-HDND". */
export function asciiFileName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D')).replace(/[^\w.-]+/g, '-');
}

/** A Content-Disposition with an ASCII-safe name and the UTF-8 name as well (RFC 6266). */
export function attachment(filename: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  return `${disposition}; filename="${asciiFileName(filename)}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Sends a whole PDF as a download (or inline); `etag` is its SHA-256 when the bytes are a stored blob. */
export function sendPdf(c: AppContext, bytes: Uint8Array, file: { name: string; disposition?: 'attachment' | 'inline'; etag?: string; headers?: Record<string, string> }) {
  return c.body(new Uint8Array(bytes), 200, {
    'Content-Type': 'application/pdf', 'Content-Length': String(bytes.length), ...(file.etag ? { ETag: `"${file.etag}"` } : {}), ...file.headers,
    'Content-Disposition': attachment(file.name, file.disposition),
  });
}

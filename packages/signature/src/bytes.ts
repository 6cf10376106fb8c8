// Small byte helpers shared by the browser and Node modules (no node: imports).

export function concatBytes(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

export async function sha256(...parts: Uint8Array[]): Promise<Uint8Array<ArrayBuffer>> {
  const data = parts.length === 1 ? parts[0]! : concatBytes(parts);
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) { HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i; HEX_VALUE['0123456789ABCDEF'.charCodeAt(i)] = i; }

/** Hex digits to bytes (an odd final digit counts as followed by 0, as PDF says); non-hex digits count as 0. */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array((hex.length + 1) >> 1);
  for (let i = 0; i < out.length; i++) {
    const hi = HEX_VALUE[hex.charCodeAt(2 * i)] ?? -1;
    const lo = 2 * i + 1 < hex.length ? HEX_VALUE[hex.charCodeAt(2 * i + 1)] ?? -1 : 0;
    out[i] = (Math.max(hi, 0) << 4) | Math.max(lo, 0);
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** An ArrayBuffer holding exactly these bytes (asn1js and pkijs want ArrayBuffers, not views). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export const latin1 = new TextDecoder('latin1');
export const ascii = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

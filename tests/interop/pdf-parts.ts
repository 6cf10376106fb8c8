// For the openssl cross-check: each signature's CMS (from the /Contents gap) and the exact bytes its
// ByteRange covers, read straight from the file text as an external tool would, not through our verifier.
import { trimDer } from '@hopso/signature/verify-structure';

export interface SignedPart { cms: Uint8Array; content: Uint8Array }

export function signedParts(pdf: Uint8Array): SignedPart[] {
  const text = new TextDecoder('latin1').decode(pdf);
  return [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((m) => {
    const [a, b, c, d] = m.slice(1, 5).map(Number) as [number, number, number, number];
    const hex = text.slice(b + 1, c - 1);
    const contents = Uint8Array.from(hex.match(/../g)!.map((h) => Number.parseInt(h, 16)));
    const content = new Uint8Array(b - a + d);
    content.set(pdf.subarray(a, a + b));
    content.set(pdf.subarray(c, c + d), b);
    const cms = trimDer(contents);
    if (!cms) throw new Error('the /Contents gap holds no DER object');
    return { cms, content };
  });
}

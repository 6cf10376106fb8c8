// Reading trust anchors and CRLs for the CLI: every .pem/.crt/.cer/.der/.crl file of a directory, PEM (one or
// more blocks) or DER, sorted into certificates and CRLs by what they parse as.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseCertificate, parseCrl } from '@hopso/signature/certificate';

export interface TrustMaterial { anchors: Uint8Array[]; crls: Uint8Array[] }

const EXTENSIONS = /\.(pem|crt|cer|der|crl)$/i;

function derBlocks(bytes: Uint8Array): Uint8Array[] {
  const text = new TextDecoder('latin1').decode(bytes);
  if (!text.includes('-----BEGIN')) return [bytes];
  return [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)].map((m) => new Uint8Array(Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64')));
}

function kindOf(der: Uint8Array): 'certificate' | 'crl' | null {
  try { parseCertificate(der); return 'certificate'; } catch { /* not a certificate */ }
  try { parseCrl(der); return 'crl'; } catch { /* not a CRL either */ }
  return null;
}

/** Throws with the file name when a file in `dir` is neither a certificate nor a CRL. */
export function readTrustDir(dir: string): TrustMaterial {
  const material: TrustMaterial = { anchors: [], crls: [] };
  if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
  for (const name of readdirSync(dir).filter((n) => EXTENSIONS.test(n)).sort()) {
    for (const der of derBlocks(new Uint8Array(readFileSync(join(dir, name))))) {
      const kind = kindOf(der);
      if (!kind) throw new Error(`${join(dir, name)} holds something that is neither a certificate nor a CRL`);
      (kind === 'certificate' ? material.anchors : material.crls).push(der);
    }
  }
  return material;
}

export function readCrlFile(path: string): Uint8Array[] {
  return derBlocks(new Uint8Array(readFileSync(path)));
}

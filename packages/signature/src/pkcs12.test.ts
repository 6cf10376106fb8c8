import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { equalBytes } from './bytes.ts';
import { SignatureError } from './errors.ts';
import { openPkcs12 } from './pkcs12.ts';
import { chairP12, P12_PASSPHRASE, testPki } from './testing.ts';

const code = async (p: Promise<unknown>): Promise<string> => p.then(() => 'none', (e: unknown) => (e instanceof SignatureError ? e.code : `other: ${String(e)}`));

describe('openPkcs12', () => {
  it('returns the chain signer first, with the exact certificate bytes of the file', async () => {
    const pki = await testPki();
    const chain = await (await openPkcs12(await chairP12(pki), P12_PASSPHRASE)).certificateChain();
    expect(chain).toHaveLength(3);
    expect(equalBytes(chain[0]!, pki.chair.certificate)).toBe(true);
    expect(equalBytes(chain[1]!, pki.intermediate.certificate)).toBe(true);
    expect(equalBytes(chain[2]!, pki.root.certificate)).toBe(true);
  });

  it('keeps the private key in WebCrypto as non-extractable', async () => {
    const pki = await testPki();
    let captured: CryptoKey | undefined;
    const original = globalThis.crypto.subtle.sign.bind(globalThis.crypto.subtle);
    const subtle = globalThis.crypto.subtle as { sign: typeof original };
    subtle.sign = (async (algorithm: AlgorithmIdentifier, key: CryptoKey, data: BufferSource) => { captured = key; return original(algorithm, key, data); }) as typeof original;
    try {
      const signer = await openPkcs12(await chairP12(pki), P12_PASSPHRASE);
      const signature = await signer.sign(new Uint8Array([1, 2, 3]));
      expect(signature.length).toBe(256);
    } finally {
      subtle.sign = original;
    }
    expect(captured?.extractable).toBe(false);
    expect(captured?.usages).toEqual(['sign']);
    await expect(globalThis.crypto.subtle.exportKey('pkcs8', captured!)).rejects.toThrow();
  });

  it('says wrong_passphrase for a wrong passphrase', async () => {
    const pki = await testPki();
    expect(await code(openPkcs12(await chairP12(pki), 'sai mật khẩu'))).toBe('wrong_passphrase');
  });

  it('says bad_file for something that is not PKCS#12', async () => {
    expect(await code(openPkcs12(new TextEncoder().encode('%PDF-1.7 not a key file'), 'x'))).toBe('bad_file');
  });

  it('says no_key for a file holding only certificates', async () => {
    const pki = await testPki();
    const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.binary.raw.encode(pki.chair.certificate)));
    const der = forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(null, [cert], 'pw', { algorithm: '3des' })).getBytes();
    expect(await code(openPkcs12(Uint8Array.from(forge.util.binary.raw.decode(der)), 'pw'))).toBe('no_key');
  });
});

// Opens a PKCS#12 (.p12/.pfx) file with node-forge — in the browser, so the key never leaves the device — and
// moves the private key into WebCrypto as a NON-extractable key: after this, no script can read it back out.
import forge from 'node-forge';
import { SignatureError } from './errors.ts';
import { cryptoKeySigner, type Signer } from './signer.ts';

const binary = (bytes: Uint8Array): string => forge.util.binary.raw.encode(bytes);
const fromBinary = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(forge.util.binary.raw.decode(s));

/**
 * forge rebuilds a certificate's DER from its fields (certificateToAsn1), which can change the bytes (e.g.
 * algorithm parameters) and so break its signature, and keeps no original bytes. While forge reads or writes
 * a PKCS#12 file we therefore note the ASN.1 each certificate was parsed from and hand that back on writing.
 */
const originalAsn1 = new WeakMap<forge.pki.Certificate, forge.asn1.Asn1>();

export function withOriginalCertificates<T>(run: () => T): T {
  const { certificateFromAsn1, certificateToAsn1 } = forge.pki;
  forge.pki.certificateFromAsn1 = (obj, computeHash) => {
    const cert = certificateFromAsn1(obj, computeHash);
    originalAsn1.set(cert, obj);
    return cert;
  };
  forge.pki.certificateToAsn1 = (cert) => originalAsn1.get(cert) ?? certificateToAsn1(cert);
  try {
    return run();
  } finally {
    Object.assign(forge.pki, { certificateFromAsn1, certificateToAsn1 });
  }
}

const certDer = (cert: forge.pki.Certificate): Uint8Array<ArrayBuffer> =>
  fromBinary(forge.asn1.toDer(withOriginalCertificates(() => forge.pki.certificateToAsn1(cert))).getBytes());

function parse(p12: Uint8Array, passphrase: string): forge.pkcs12.Pkcs12Pfx {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(binary(p12));
  } catch (cause) {
    throw new SignatureError('bad_file', 'not a PKCS#12 file', { cause });
  }
  try {
    return withOriginalCertificates(() => forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase));
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    // forge checks the MAC first; a file without a MAC fails later while decrypting with the wrong key.
    if (/MAC could not be verified|Invalid password|decrypt/i.test(message)) throw new SignatureError('wrong_passphrase', 'wrong passphrase for this PKCS#12 file', { cause });
    throw new SignatureError('bad_file', `unreadable PKCS#12 file: ${message}`, { cause });
  }
}

function bagsOf(pfx: forge.pkcs12.Pkcs12Pfx, type: string): forge.pkcs12.Bag[] {
  return pfx.getBags({ bagType: type })[type] ?? [];
}

/** Signer certificate first, then each issuer found in the file, following issuer → subject. */
function orderChain(leaf: forge.pki.Certificate, others: forge.pki.Certificate[]): forge.pki.Certificate[] {
  const chain = [leaf];
  const pool = others.filter((c) => c !== leaf);
  for (;;) {
    const last = chain[chain.length - 1]!;
    if (last.issuer.hash === last.subject.hash) break; // self-signed root: end of the chain
    const next = pool.findIndex((c) => c.subject.hash === last.issuer.hash);
    if (next < 0) break;
    chain.push(...pool.splice(next, 1));
  }
  return chain;
}

/**
 * Unlocks `p12` with `passphrase` and returns a Signer whose key is a non-extractable WebCrypto RSA key.
 * Throws SignatureError: 'wrong_passphrase', 'bad_file', 'no_key' (no key, or no certificate matching it),
 * 'unsupported_key' (not RSA: forge reads RSA keys only).
 */
export async function openPkcs12(p12: Uint8Array, passphrase: string): Promise<Signer> {
  const pfx = parse(p12, passphrase);
  const keyBags = [...bagsOf(pfx, forge.pki.oids.pkcs8ShroudedKeyBag!), ...bagsOf(pfx, forge.pki.oids.keyBag!)];
  if (keyBags.length === 0) throw new SignatureError('no_key', 'the PKCS#12 file holds no private key');
  const key = keyBags[0]!.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new SignatureError('unsupported_key', 'only RSA keys are supported in PKCS#12 files');
  const certs = bagsOf(pfx, forge.pki.oids.certBag!).map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c);
  const leaf = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n && pub.n.equals(key.n) && pub.e.equals(key.e);
  });
  if (!leaf) throw new SignatureError('no_key', 'the PKCS#12 file has no certificate for its private key');
  const chain = orderChain(leaf, certs).map(certDer);

  const pkcs8 = fromBinary(forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))).getBytes());
  let cryptoKey: CryptoKey;
  try {
    cryptoKey = await globalThis.crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  } catch (cause) {
    throw new SignatureError('unsupported_key', 'the private key could not be imported into WebCrypto', { cause });
  } finally {
    pkcs8.fill(0); // the only plain copy we made; forge's own objects go out of scope with this call
  }
  return cryptoKeySigner(cryptoKey, chain);
}

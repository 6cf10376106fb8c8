// The signing seam: whatever holds the private key (a PKCS#12 file unlocked in the browser, a USB token bridge,
// a Cloud Signature Consortium remote-signing service, the server's seal key or an HSM) is a Signer. The CMS
// code only ever asks it for its certificates and for one signature over the DER of the signed attributes.

export interface Signer {
  /** DER certificates: the signer's first, then intermediates (the root may be left out). */
  certificateChain(): Promise<Uint8Array[]>;
  /**
   * The raw signature with SHA-256 over `data` (the DER of the CMS signed attributes): PKCS#1 v1.5 bytes for
   * RSA; for ECDSA either WebCrypto's r‖s or a DER ECDSA-Sig-Value (createCms accepts both).
   */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/**
 * A Signer over a WebCrypto private key (non-extractable is fine) and its chain. Used by openPkcs12 and by the
 * server for the council seal; a CSC or token adapter implements Signer directly instead.
 */
export function cryptoKeySigner(key: CryptoKey, chain: Uint8Array[]): Signer {
  const algorithm = key.algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: key.algorithm.name };
  return {
    certificateChain: async () => chain.map((c) => c.slice()),
    sign: async (data) => new Uint8Array(await globalThis.crypto.subtle.sign(algorithm, key, data as Uint8Array<ArrayBuffer>)),
  };
}

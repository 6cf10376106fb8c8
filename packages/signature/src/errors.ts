// Typed errors of the signature library, so the web UI and the routes can map a failure to a bilingual message
// without parsing English error text.

export type SignatureErrorCode =
  /** The PKCS#12 MAC does not verify: almost always a mistyped passphrase. */
  | 'wrong_passphrase'
  /** The PKCS#12 file holds no private key (or no certificate for it). */
  | 'no_key'
  /** The key is not RSA (forge opens RSA keys only) or the certificate's algorithm is not supported. */
  | 'unsupported_key'
  /** Not a PKCS#12 file, or a damaged one. */
  | 'bad_file'
  /** The PDF cannot be prepared (encrypted, unreadable, page out of range…). */
  | 'bad_pdf'
  /** The CMS does not fit the placeholder reserved by preparePdf. */
  | 'placeholder_too_small'
  /** The timestamp authority did not answer with a granted, matching token. */
  | 'timestamp_failed';

export class SignatureError extends Error {
  readonly code: SignatureErrorCode;
  constructor(code: SignatureErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SignatureError';
    this.code = code;
  }
}

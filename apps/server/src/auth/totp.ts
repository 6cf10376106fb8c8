import { randomBytes } from 'node:crypto';
import { createTOTPKeyURI, verifyTOTPWithGracePeriod } from '@oslojs/otp';
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from '@oslojs/encoding';

/** A new random TOTP secret (160 bits, RFC 4226's recommendation) as base32 for manual entry. */
export function newTotpSecret(): string {
  return encodeBase32NoPadding(randomBytes(20));
}

/** The otpauth:// URI authenticator apps scan as a QR code. */
export function totpUri(secret: string, accountName: string): string {
  return createTOTPKeyURI('Họp Số', accountName, decodeBase32IgnorePadding(secret), 30, 6);
}

/** Checks a 6-digit code, tolerating one 30-second step of clock drift between phone and server. */
export function verifyTotp(secret: string, code: string): boolean {
  try {
    return verifyTOTPWithGracePeriod(decodeBase32IgnorePadding(secret), 30, 6, code, 30);
  } catch {
    return false;
  }
}

import type { Locale } from '@hopso/shared/auth';
import { ApiError, NetworkError } from './api.ts';

/** What the UI says for any thrown value: the server's own message in the current language when it has one. */
export function errorText(err: unknown, locale: Locale, t: (key: string) => string): string {
  if (err instanceof ApiError) return locale === 'en' ? err.body.messageEn : err.body.message;
  if (err instanceof NetworkError) return t('error.network');
  return t('error.unexpected');
}

/** Field errors flattened for display: "endsAt: endsAt must be after startsAt". */
export function fieldErrorLines(err: unknown): string[] {
  if (!(err instanceof ApiError) || !err.fields) return [];
  return Object.entries(err.fields).flatMap(([field, messages]) => messages.map((m) => `${field}: ${m}`));
}

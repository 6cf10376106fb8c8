import type { Locale } from '@hopso/shared/auth';
import { ApiError, NetworkError } from './api.ts';

/** What the UI says for any thrown value: the server's own message in the current language when it has one. */
export function errorText(err: unknown, locale: Locale, t: (key: string) => string): string {
  if (err instanceof ApiError) return locale === 'en' ? err.body.messageEn : err.body.message;
  if (err instanceof NetworkError) return t('error.network');
  return t('error.unexpected');
}

/** Fields the forms send, with a translated label under `field.<name>` in the message catalogues. */
export const labelledFields = new Set([
  'title', 'kind', 'startsAt', 'endsAt', 'place', 'onlineUrl', 'livestreamUrl', 'closedSitting', 'committeeId',
  'delegateGroupId', 'name', 'startsOn', 'endsOn', 'level', 'locality', 'presenter', 'durationMinutes',
  'description', 'username', 'password', 'totp', 'code', 'csv', 'userIds', 'signature', 'draftDocumentId', 'data', 'png',
]);

/**
 * Field errors flattened for display in the UI language: "Thời gian kết thúc: Giờ kết thúc phải sau giờ bắt đầu".
 */
export function fieldErrorLines(err: unknown, locale: Locale, t: (key: string) => string = (k) => k.slice('field.'.length)): string[] {
  if (!(err instanceof ApiError) || !err.fields) return [];
  return Object.entries(err.fields).flatMap(([path, messages]) => {
    const name = path.split('.').at(-1) ?? path;
    const label = labelledFields.has(name) ? t(`field.${name}`) : path;
    return messages.map((m) => `${label}: ${m[locale]}`);
  });
}

import { permanent, retryable, shortText, type Notifier, type OutgoingDelivery, type SendResult } from './notifier.ts';

// SMS and Zalo Official Account adapters over HTTP. Every request carries the delivery's idempotency key in
// an Idempotency-Key header: a provider that saw the request but whose answer was lost drops the resend.

const timeoutMs = 15_000;

/** Posts JSON and sorts the outcome: 2xx ok, 408/429/5xx and network failures retryable, other 4xx permanent. */
async function post(url: string, headers: Record<string, string>, body: unknown, fetcher: typeof fetch): Promise<{ result: SendResult; json: unknown }> {
  let res: Response;
  try {
    res = await fetcher(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { result: retryable(`network: ${cause}`), json: null };
  }
  const text = await res.text().catch(() => '');
  let json: unknown = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* a plain-text answer is kept as the error */ }
  if (res.ok) return { result: { ok: true }, json };
  const error = `HTTP ${res.status}: ${text.slice(0, 200)}`;
  return { result: res.status === 408 || res.status === 429 || res.status >= 500 ? retryable(error) : permanent(error), json };
}

/**
 * An SMS gateway: POST {to, text, reference} with the token as a Bearer credential. Vietnamese gateways
 * (brandname SMS) differ in their own APIs; a small relay in front of one speaks this.
 */
export function smsNotifier(options: { url: string; token: string; fetch?: typeof fetch }): Notifier {
  return {
    channel: 'sms',
    async send(delivery: OutgoingDelivery) {
      const to = delivery.recipient.phone;
      if (!to) return permanent('no phone number');
      const { result } = await post(options.url, { authorization: `Bearer ${options.token}`, 'idempotency-key': delivery.idempotencyKey },
        { to, text: shortText(delivery, 320), reference: delivery.idempotencyKey }, options.fetch ?? fetch);
      return result;
    },
  };
}

/**
 * Zalo OA customer-service message (openapi.zalo.me/v3.0/oa/message/cs): the OA access token in the
 * access_token header, the user's id in the OA. Zalo answers 200 with `error` ≠ 0 when it refuses (a user
 * who does not follow the OA, an expired token): permanent, except its rate limit, worth a retry.
 */
export function zaloNotifier(options: { url: string; token: string; fetch?: typeof fetch }): Notifier {
  return {
    channel: 'zalo',
    async send(delivery: OutgoingDelivery) {
      const userId = delivery.recipient.zaloUserId;
      if (!userId) return permanent('no Zalo user id');
      const { result, json } = await post(options.url, { access_token: options.token, 'idempotency-key': delivery.idempotencyKey },
        { recipient: { user_id: userId }, message: { text: shortText(delivery, 2000) } }, options.fetch ?? fetch);
      if (!result.ok) return result;
      const answer = (json ?? {}) as { error?: number; message?: string };
      if (typeof answer.error === 'number' && answer.error !== 0) {
        const error = `Zalo error ${answer.error}: ${answer.message ?? ''}`;
        return answer.error === -32 ? retryable(error) : permanent(error);
      }
      return { ok: true };
    },
  };
}

/**
 * One Standard Webhooks delivery: `webhook-id` (stable across retries), `webhook-timestamp`
 * and `webhook-signature` (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`) signed with the
 * endpoint's `whsec_…` secret by the `standardwebhooks` library. Any 2xx within 10 s is success.
 */
import { Webhook } from "standardwebhooks";

export const WEBHOOK_TIMEOUT_MS = 10_000;

export type WebhookResult = { ok: boolean; statusCode: number | null; error: string | null };

export async function postWebhook({
  url,
  secret,
  id,
  body,
  now,
}: {
  url: string;
  secret: string;
  id: string;
  body: string;
  now: number;
}): Promise<WebhookResult> {
  const timestamp = new Date(now);
  const signature = new Webhook(secret).sign(id, timestamp, body);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(now / 1000)),
        "webhook-signature": signature,
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true, statusCode: res.status, error: null };
    return { ok: false, statusCode: res.status, error: `HTTP ${res.status}` };
  } catch (e) {
    const err = e as Error;
    return { ok: false, statusCode: null, error: err.name === "TimeoutError" ? "no response within 10 seconds" : err.message };
  }
}

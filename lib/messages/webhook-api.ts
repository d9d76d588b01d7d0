/** The JSON shapes of `/api/v1/webhooks` (API.md "Events out"). */
import { AppError } from "@/lib/errors";
import { isoInZone } from "@/lib/shop/time";
import type { DeliveryView, WebhookEndpointView } from "./webhooks";

export function webhookEndpointJson(e: WebhookEndpointView, timeZone: string) {
  return { id: e.id, url: e.url, events: e.events, active: e.active, created_at: isoInZone(e.createdAt, timeZone) };
}

export function deliveryJson(d: DeliveryView, timeZone: string) {
  return {
    message_id: d.messageId,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    last_status_code: d.lastStatusCode,
    next_attempt_at: d.nextAttemptAt == null ? null : isoInZone(d.nextAttemptAt, timeZone),
  };
}

export function parseEndpointId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("not_found", { message: "webhook_not_found" });
  return id;
}

/**
 * The outbox: the one way anything leaves Dangol. Callers write here inside the transaction
 * of the change that causes it; the delivery worker sends later, so nothing is sent for a
 * change that rolled back and nothing is lost when the process dies.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { preparedQuery } from "@/db/prepared";
import { outbox, shopSettings, webhookEndpoints, type NewOutboxItem } from "@/db/schema";
import { DEFAULT_TIMEZONE, isoInZone } from "@/lib/shop/time";
import { CONSENT_EXPIRED_NOTE, marketingDecision } from "./advertising";

export type MessageTemplate =
  | "order_received"
  | "order_changed"
  | "order_cancelled"
  | "order_ready"
  | "reminder"
  | "not_collected"
  | "inquiry_answered"
  | "consultation_link"
  | "review_request"
  | "restock_available"
  | "coupon_issued"
  | "birthday_coupon"
  | "phone_code";

export type MessagePurpose = "transactional" | "marketing";

export type EnqueueMessageInput = {
  tx: DbOrTx;
  now: number;
  /** The customer record (for consent and push subscriptions) and/or a normalised phone. */
  to: { customerId?: number | null; phone?: string | null };
  template: MessageTemplate;
  /** Values the template's text uses (`code`, `url`, `rackSlot`, `product`, …): never more personal data than the link. */
  params: Record<string, string | number>;
  purpose: MessagePurpose;
  locale?: "ko" | "en";
  dedupeKey?: string;
};

/**
 * Queue one message to a customer. Returns the outbox id, or null when nothing is queued
 * (no channel for this customer, a duplicate `dedupeKey`, or — for `marketing` — no valid consent).
 * Marketing follows the advertising rules (advertising.ts): without consent nothing is
 * queued; with consent older than two years a cancelled row flags it for re-confirmation;
 * at night without night consent it waits until 08:00.
 */
export function enqueueMessage(input: EnqueueMessageInput): number | null {
  const row = messageRow(input);
  if (!row) return null;
  const inserted = input.tx.insert(outbox).values(row).onConflictDoNothing().returning({ id: outbox.id }).get();
  return row.status === "cancelled" ? null : (inserted?.id ?? null);
}

/** The outbox row for a message after the advertising rules, or null when nothing may be queued. */
export function messageRow(input: EnqueueMessageInput): NewOutboxItem | null {
  const { tx, now, to, template, params, purpose, locale = "ko", dedupeKey } = input;
  if (!to.customerId && !to.phone) return null;
  let nextAttemptAt = now;
  let flagged: string | null = null;
  if (purpose === "marketing") {
    const decision = marketingDecision({ db: tx, customerId: to.customerId, now, timeZone: shopTimeZone(tx) });
    if (decision.action === "refuse") return null;
    if (decision.action === "hold") nextAttemptAt = decision.until;
    if (decision.action === "flag") flagged = CONSENT_EXPIRED_NOTE;
  }
  return {
    kind: "message",
    topic: template,
    purpose,
    customerId: to.customerId ?? null,
    phone: to.phone ?? null,
    payload: params,
    locale,
    nextAttemptAt,
    dedupeKey: dedupeKey ?? null,
    createdAt: now,
    ...(flagged ? { status: "cancelled" as const, lastError: flagged } : {}),
  };
}

export function shopTimeZone(db: DbOrTx): string {
  return db.select({ timezone: shopSettings.timezone }).from(shopSettings).get()?.timezone ?? DEFAULT_TIMEZONE;
}

export const WEBHOOK_EVENTS = [
  "order.placed",
  "order.changed",
  "order.ready",
  "order.arrived",
  "order.picked_up",
  "order.cancelled",
  "order.no_show",
  "sale.recorded",
  "inquiry.created",
  "customer.deleted",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * Queue one webhook event for every active endpoint that subscribed to it, in the caller's
 * transaction. The row's id is the delivery's `webhook-id`; the body is fixed now, so a retry
 * or a replay sends exactly the same bytes' content. Returns the outbox ids.
 */
export function enqueueEvent(input: { tx: DbOrTx; now: number; type: WebhookEvent; data: Record<string, unknown> }): number[] {
  const rows = eventRows(input);
  if (!rows.length) return [];
  return input.tx
    .insert(outbox)
    .values(rows)
    .returning({ id: outbox.id })
    .all()
    .map((r) => r.id);
}

/** One outbox row per active endpoint subscribed to the event (the shop's zone read in the same query). */
export function eventRows({
  tx,
  now,
  type,
  data,
}: {
  tx: DbOrTx;
  now: number;
  type: WebhookEvent;
  data: Record<string, unknown>;
}): NewOutboxItem[] {
  const endpoints = preparedQuery(tx, "webhook-endpoints.live", (q) =>
    q
      .select({ id: webhookEndpoints.id, events: webhookEndpoints.events, timezone: shopSettings.timezone })
      .from(webhookEndpoints)
      .leftJoin(shopSettings, eq(shopSettings.id, 1))
      .where(and(isNull(webhookEndpoints.deletedAt), eq(webhookEndpoints.active, true)))
      .prepare(),
  )
    .all()
    .filter((e) => e.events.includes("*") || e.events.includes(type));
  if (!endpoints.length) return [];
  const payload = { type, timestamp: isoInZone(now, endpoints[0].timezone ?? DEFAULT_TIMEZONE), data };
  return endpoints.map((e) => ({
    kind: "webhook" as const,
    topic: type,
    webhookEndpointId: e.id,
    payload,
    nextAttemptAt: now,
    createdAt: now,
  }));
}

/** Drop an endpoint's waiting deliveries (it was deleted); the log says why. */
export function cancelQueuedForEndpoint({ tx, endpointId, note }: { tx: DbOrTx; endpointId: number; note: string }): void {
  tx.update(outbox)
    .set({ status: "cancelled", lastError: note })
    .where(and(eq(outbox.webhookEndpointId, endpointId), inArray(outbox.status, ["queued", "sending"])))
    .run();
}

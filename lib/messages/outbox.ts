/**
 * The outbox: the one way anything leaves Dangol. Callers write here inside the transaction
 * of the change that causes it; the delivery worker sends later, so nothing is sent for a
 * change that rolled back and nothing is lost when the process dies.
 */
import type { DbOrTx } from "@/db/client";
import { outbox } from "@/db/schema";

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
 */
export function enqueueMessage(input: EnqueueMessageInput): number | null {
  const { tx, now, to, template, params, purpose, locale = "ko", dedupeKey } = input;
  if (!to.customerId && !to.phone) return null;
  const row = tx
    .insert(outbox)
    .values({
      kind: "message",
      topic: template,
      purpose,
      customerId: to.customerId ?? null,
      phone: to.phone ?? null,
      payload: params,
      locale,
      nextAttemptAt: now,
      dedupeKey: dedupeKey ?? null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: outbox.id })
    .get();
  return row?.id ?? null;
}

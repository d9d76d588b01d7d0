/**
 * The owner's webhook endpoints (API.md "Events out"): add with an event picker, the
 * `whsec_…` secret shown once, rotate, delete (waiting deliveries are dropped and the log
 * says so), the delivery log and replay. Settings page and API call these same functions.
 */
import crypto from "node:crypto";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { outbox, webhookEndpoints } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { cancelQueuedForEndpoint, WEBHOOK_EVENTS } from "./outbox";
import { deliveryId } from "./worker";

export const webhookInput = z.object({
  url: z
    .string()
    .trim()
    .max(500, "webhook_url_too_long")
    .refine((u) => {
      try {
        return ["http:", "https:"].includes(new URL(u).protocol);
      } catch {
        return false;
      }
    }, "webhook_url_scheme"),
  events: z
    .array(z.enum([...WEBHOOK_EVENTS, "*"] as [string, ...string[]]), { message: "webhook_events_choose" })
    .min(1, "webhook_events_min"),
});
export type WebhookInput = z.infer<typeof webhookInput>;

export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(24).toString("base64")}`;
}

export function createWebhookEndpoint({ db, input, now = Date.now() }: { db: DbOrTx; input: WebhookInput; now?: number }) {
  const events = input.events.includes("*") ? ["*"] : [...new Set(input.events)];
  const row = db.insert(webhookEndpoints).values({ url: input.url, events, secret: newWebhookSecret(), createdAt: now }).returning().get();
  return { id: row.id, url: row.url, events: row.events, secret: row.secret };
}

export type WebhookEndpointView = { id: number; url: string; events: string[]; active: boolean; createdAt: number };

export function listWebhookEndpoints({ db }: { db: DbOrTx }): WebhookEndpointView[] {
  return db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      events: webhookEndpoints.events,
      active: webhookEndpoints.active,
      createdAt: webhookEndpoints.createdAt,
    })
    .from(webhookEndpoints)
    .where(isNull(webhookEndpoints.deletedAt))
    .orderBy(webhookEndpoints.id)
    .all();
}

function liveEndpoint(db: DbOrTx, id: number) {
  const row = db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), isNull(webhookEndpoints.deletedAt)))
    .get();
  if (!row) throw new AppError("not_found", { message: "webhook_not_found" });
  return row;
}

export function deleteWebhookEndpoint({ db, id, now = Date.now() }: { db: Db; id: number; now?: number }): void {
  db.transaction(
    (tx) => {
      liveEndpoint(tx, id);
      tx.update(webhookEndpoints).set({ active: false, deletedAt: now }).where(eq(webhookEndpoints.id, id)).run();
      cancelQueuedForEndpoint({ tx, endpointId: id, note: "엔드포인트를 삭제해서 보내지 않았어요." }); // hangul-ok: stored outbox note (message log)
    },
    { behavior: "immediate" },
  );
}

/** A new secret, effective for the next delivery; returned once. */
export function rotateWebhookSecret({ db, id }: { db: DbOrTx; id: number }): string {
  liveEndpoint(db, id);
  const secret = newWebhookSecret();
  db.update(webhookEndpoints).set({ secret }).where(eq(webhookEndpoints.id, id)).run();
  return secret;
}

export type DeliveryView = {
  id: number;
  messageId: string;
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: number | null;
  createdAt: number;
};

export function listDeliveries({ db, endpointId, limit = 100 }: { db: DbOrTx; endpointId: number; limit?: number }): DeliveryView[] {
  const endpoint = db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId)).get();
  if (!endpoint) throw new AppError("not_found", { message: "webhook_not_found" });
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.kind, "webhook"), eq(outbox.webhookEndpointId, endpointId)))
    .orderBy(desc(outbox.id))
    .limit(limit)
    .all()
    .map((r) => ({
      id: r.id,
      messageId: deliveryId(r),
      event: r.topic,
      status: r.status,
      attempts: r.attempts,
      lastStatusCode: r.lastStatusCode,
      lastError: r.lastError,
      nextAttemptAt: r.status === "queued" || r.status === "sending" ? r.nextAttemptAt : null,
      createdAt: r.createdAt,
    }));
}

/**
 * Send an item again with the same id (receivers de-duplicate on it): a failed message or
 * any finished webhook delivery (replay). Refused while it is still waiting or being sent.
 */
export function requeueOutboxItem({ db, id, now = Date.now() }: { db: DbOrTx; id: number; now?: number }): void {
  const row = db
    .select({ id: outbox.id, kind: outbox.kind, status: outbox.status, endpointId: outbox.webhookEndpointId })
    .from(outbox)
    .where(eq(outbox.id, id))
    .get();
  if (!row) throw new AppError("not_found", { message: "message_not_found" });
  const allowed = row.kind === "webhook" ? ["failed", "delivered", "cancelled"] : ["failed"];
  if (!allowed.includes(row.status)) throw new AppError("conflict", { message: "resend_failed_only" });
  if (row.kind === "webhook") liveEndpoint(db, row.endpointId ?? 0);
  db.update(outbox)
    .set({ status: "queued", attempts: 0, nextAttemptAt: now, lastError: null })
    .where(and(eq(outbox.id, id), inArray(outbox.status, allowed as ("failed" | "delivered" | "cancelled")[])))
    .run();
}

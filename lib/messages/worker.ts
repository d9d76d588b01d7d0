/**
 * The delivery worker: claims due outbox rows atomically (`queued` → `sending` with a lease,
 * so a process that dies mid-send leaves rows another run picks up once the lease ends),
 * sends each through its adapter, and records the outcome — delivered/sent, or queued again
 * with backoff, or `failed` with the last error once the retries are spent. At least once:
 * a row's id is the delivery id receivers de-duplicate on.
 */
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { preparedQuery } from "@/db/prepared";
import { customers, outbox, pushSubscriptions, webhookEndpoints, type OutboxItem } from "@/db/schema";
import { publicOrigin } from "@/lib/config/public-url";
import { getShopSettings } from "@/lib/shop/settings";
import { frameAdvertisement, marketingDecision, NO_CONSENT_NOTE, CONSENT_EXPIRED_NOTE, optOutUrl } from "./advertising";
import { sendPush } from "./adapters/push";
import { sendSolapi, solapiConfig } from "./adapters/solapi";
import { postWebhook } from "./adapters/webhook";
import { maxAttempts, retryDelay } from "./backoff";
import type { MessageTemplate } from "./outbox";
import { catalogue, fill, templateText } from "./texts";

/** How long a claimed row belongs to the run that claimed it before another may retry it. */
export const LEASE_MS = 60_000;

/** Claim up to `limit` due rows in one statement, so two workers never take the same row. */
export function claimDue({ db, now, limit }: { db: Db; now: number; limit: number }): OutboxItem[] {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(inArray(outbox.status, ["queued", "sending"]), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit);
  return db
    .update(outbox)
    .set({ status: "sending", attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: now + LEASE_MS })
    .where(inArray(outbox.id, due))
    .returning()
    .all();
}

type Outcome =
  | { kind: "done"; status: "sent" | "delivered"; channel: string; statusCode?: number | null; body?: string | null }
  | { kind: "retry"; error: string; statusCode?: number | null; channel?: string | null; body?: string | null }
  | { kind: "hold"; until: number }
  | { kind: "cancel"; reason: string };

/** The stable id a receiver sees: `webhook-id` for webhooks, the message id otherwise. */
export function deliveryId(item: Pick<OutboxItem, "id">): string {
  return `msg_${item.id}`;
}

export function renderMessage({ db, item, shop }: { db: Db; item: OutboxItem; shop: { name: string; contact: string } }): string {
  const template = item.topic as MessageTemplate;
  const locale = item.locale;
  const params: Record<string, string | number> = { ...(item.payload as Record<string, string | number>), shop: shop.name };
  const when = catalogue(locale).when as Record<string, string>;
  if (typeof params.when === "string" && params.when in when) params.when = when[params.when];
  const text = fill(templateText({ db, template, locale }), params);
  if (item.purpose !== "marketing" || !item.customerId) return text;
  // The frame's first line already names the shop.
  const unprefixed = text.startsWith(`[${shop.name}] `) ? text.slice(shop.name.length + 3) : text;
  return frameAdvertisement({
    text: unprefixed,
    shopName: shop.name,
    shopContact: shop.contact,
    optOutLink: optOutUrl(item.customerId),
    locale,
  });
}

/** Templates that go to the phone only (a code must reach the number being confirmed). */
const PHONE_ONLY: readonly string[] = ["phone_code"];

async function deliverMessage(db: Db, item: OutboxItem, now: number): Promise<Outcome> {
  const settings = getShopSettings({ db });
  if (item.customerId) {
    const customer = preparedQuery(db, "customers.deleted-at", (q) =>
      q
        .select({ deletedAt: customers.deletedAt })
        .from(customers)
        .where(eq(customers.id, sql.placeholder("id")))
        .prepare(),
    ).get({ id: item.customerId });
    if (!customer || customer.deletedAt) return { kind: "cancel", reason: "고객 정보가 삭제되어 보내지 않았어요." }; // hangul-ok: stored outbox note (message log)
  }
  if (item.purpose === "marketing") {
    // Checked again at sending: consent may have been withdrawn, and a retry may fall at night.
    const decision = marketingDecision({ db, customerId: item.customerId, now, timeZone: settings.timezone });
    if (decision.action === "refuse") return { kind: "cancel", reason: NO_CONSENT_NOTE };
    if (decision.action === "flag") return { kind: "cancel", reason: CONSENT_EXPIRED_NOTE };
    if (decision.action === "hold") return { kind: "hold", until: decision.until };
  }
  const contact = settings.phone || settings.address || publicOrigin();
  const body = renderMessage({ db, item, shop: { name: settings.name, contact } });
  const url = String((item.payload as Record<string, unknown>).url ?? publicOrigin());

  if (item.customerId && !PHONE_ONLY.includes(item.topic)) {
    const subscriptions = preparedQuery(db, "push-subscriptions.of-customer", (q) =>
      q
        .select()
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.customerId, sql.placeholder("id")))
        .prepare(),
    ).all({ id: item.customerId });
    let delivered = 0;
    let lastError = "";
    for (const sub of subscriptions) {
      const result = await sendPush(sub, { title: settings.name, body, url });
      if (result.ok) delivered++;
      else {
        lastError = result.error;
        if (result.gone) db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, sub.id)).run();
      }
    }
    if (delivered) return { kind: "done", status: "sent", channel: "push", body };
    if (subscriptions.length && !item.phone) return { kind: "retry", error: lastError, channel: "push", body };
  }

  const solapi = solapiConfig();
  if (solapi && item.phone) {
    const result = await sendSolapi(solapi, { to: item.phone, text: body, template: item.topic, marketing: item.purpose === "marketing" });
    if (result.ok) return { kind: "done", status: "sent", channel: result.channel, statusCode: result.statusCode, body };
    return { kind: "retry", error: result.error, statusCode: result.statusCode, channel: "solapi", body };
  }

  // Embedded default: the admin message log (this row's body) and the server log.
  console.log(
    `[message ${deliveryId(item)}] ${item.topic} → ${item.phone ? `***${item.phone.slice(-4)}` : `customer ${item.customerId}`}: ${body}`,
  );
  return { kind: "done", status: "delivered", channel: "embedded", body };
}

async function deliverWebhook(db: Db, item: OutboxItem): Promise<Outcome> {
  const endpoint = item.webhookEndpointId
    ? db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, item.webhookEndpointId)).get()
    : undefined;
  if (!endpoint || endpoint.deletedAt || !endpoint.active) return { kind: "cancel", reason: "엔드포인트가 삭제되어 보내지 않았어요." }; // hangul-ok: stored outbox note (message log)
  // Signed with the wall clock: receivers reject a webhook-timestamp far from their own time.
  const result = await postWebhook({
    url: endpoint.url,
    secret: endpoint.secret,
    id: deliveryId(item),
    body: JSON.stringify(item.payload),
    now: Date.now(),
  });
  if (result.ok) return { kind: "done", status: "delivered", channel: "webhook", statusCode: result.statusCode };
  return { kind: "retry", error: result.error ?? "failed", statusCode: result.statusCode, channel: "webhook" };
}

function record(db: Db, item: OutboxItem, outcome: Outcome, now: number): OutboxItem["status"] {
  const mine = and(eq(outbox.id, item.id), eq(outbox.status, "sending"));
  switch (outcome.kind) {
    case "done":
      db.update(outbox)
        .set({
          status: outcome.status,
          channel: outcome.channel,
          sentAt: now,
          lastError: null,
          lastStatusCode: outcome.statusCode ?? null,
          body: outcome.body ?? null,
        })
        .where(mine)
        .run();
      return outcome.status;
    case "hold":
      // Not a try: the advertising rules moved it, nothing was sent.
      db.update(outbox)
        .set({ status: "queued", nextAttemptAt: outcome.until, attempts: sql`${outbox.attempts} - 1` })
        .where(mine)
        .run();
      return "queued";
    case "cancel":
      db.update(outbox).set({ status: "cancelled", lastError: outcome.reason }).where(mine).run();
      return "cancelled";
    case "retry": {
      const spent = item.attempts >= maxAttempts(item.kind);
      db.update(outbox)
        .set({
          status: spent ? "failed" : "queued",
          nextAttemptAt: spent ? now : now + retryDelay(item.attempts),
          lastError: outcome.error,
          lastStatusCode: outcome.statusCode ?? null,
          channel: outcome.channel ?? null,
          body: outcome.body ?? null,
        })
        .where(mine)
        .run();
      return spent ? "failed" : "queued";
    }
  }
}

export async function deliverOne(db: Db, item: OutboxItem, now: () => number = Date.now): Promise<OutboxItem["status"]> {
  let outcome: Outcome;
  try {
    outcome = item.kind === "webhook" ? await deliverWebhook(db, item) : await deliverMessage(db, item, now());
  } catch (e) {
    outcome = { kind: "retry", error: (e as Error).message || "error" };
  }
  return record(db, item, outcome, now());
}

export type DeliveryRun = { claimed: number; delivered: number; retrying: number; failed: number; other: number };

/**
 * Send everything due now, in batches, `concurrency` at a time, until nothing due is left
 * (or `maxBatches` ran). Returns what happened.
 */
export async function deliverDue({
  db,
  now = Date.now,
  batchSize = 100,
  concurrency = 16,
  maxBatches = Infinity,
}: {
  db: Db;
  now?: () => number;
  batchSize?: number;
  concurrency?: number;
  maxBatches?: number;
}): Promise<DeliveryRun> {
  const run: DeliveryRun = { claimed: 0, delivered: 0, retrying: 0, failed: 0, other: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const items = claimDue({ db, now: now(), limit: batchSize });
    if (!items.length) break;
    run.claimed += items.length;
    let next = 0;
    const lane = async () => {
      while (next < items.length) {
        const status = await deliverOne(db, items[next++], now);
        if (status === "sent" || status === "delivered") run.delivered++;
        else if (status === "queued") run.retrying++;
        else if (status === "failed") run.failed++;
        else run.other++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
    if (items.length < batchSize) break;
  }
  return run;
}

/**
 * "입고 알림" — restock alerts. A customer whose phone is confirmed waits for a sold-out
 * product (or one not on a date's list). When stock becomes orderable for an open date — the
 * owner saves a plan, a cancellation frees loaves, an ordering window opens, a hold runs out —
 * the waiters are told in the order they subscribed, up to the quantity there is, with a link
 * that opens that date with the product in the cart; each subscription then ends.
 *
 * Messages are queued in the transaction of the change that made the stock available, so a
 * rolled-back plan tells nobody. An ordering window opening is no write: `sweepRestock` runs
 * lazily when the storefront or the plan page is read, and is idempotent.
 *
 * A waiter already told about a date and product stays counted against what is left there
 * (so the next change does not tell a second person about the same loaf) until they order it
 * or their hold runs out. With the shop's hold setting, each one told has one loaf held for
 * `restockHoldMinutes` (lib/inventory/availability.ts counts it as taken).
 */
import { and, asc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { z } from "zod";
import { customers, products, restockSubscriptions, shopSettings } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { stockForDate } from "@/lib/inventory/availability";
import { enqueueMessage } from "@/lib/messages/outbox";
import { dateState, upcomingPickupDates } from "@/lib/pickup/schedule";
import { loadSchedule } from "@/lib/shop/settings";
import { formatCartParam } from "@/lib/storefront/cart-param";
import { currentConsentText, recordConsent } from "@/lib/customers/consent";
import { findCustomerByPhone, upsertCustomer } from "@/lib/customers/customers";

export type Waiter = { id: number; customerId: number; createdAt: number };

/** Who is told when `available` loaves come back: the earliest subscribers first (ties by id). */
export function waitersToNotify<W extends Waiter>(waiters: readonly W[], available: number): W[] {
  if (available <= 0) return [];
  return [...waiters].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id).slice(0, available);
}

/** The storefront link that opens `date` with one `productId` in the cart. */
export function restockLink({ date, productId }: { date: string; productId: number }): string {
  return `/?date=${date}&cart=${formatCartParam([{ productId, quantity: 1 }])}`;
}

/**
 * Subscribe the customer of a confirmed phone to a product. Creates the customer record when
 * the phone has none (with the privacy consent the form asked for). Subscribing twice keeps
 * the first place in line.
 */
export function subscribeRestock({
  db,
  phone,
  productId,
  privacyConsent,
  now = Date.now(),
}: {
  db: Db;
  /** Confirmed (read from a phone session), normalised. */
  phone: string;
  productId: number;
  privacyConsent: boolean;
  now?: number;
}): { subscriptionId: number; created: boolean } {
  return db.transaction(
    (tx) => {
      const product = tx.select({ id: products.id, active: products.active }).from(products).where(eq(products.id, productId)).get();
      if (!product || !product.active) throw new AppError("not_found", { message: "product_not_found" });
      let customer = findCustomerByPhone({ db: tx, phone });
      if (!customer) {
        if (!privacyConsent)
          throw new AppError("validation", { message: "privacy_consent_required", fields: { privacy: "privacy_consent_required" } });
        customer = upsertCustomer({ db: tx, phone, at: now });
        recordConsent({ db: tx, customerId: customer.id, kind: "privacy", granted: true, source: "restock", at: now });
      }
      const existing = tx
        .select({ id: restockSubscriptions.id })
        .from(restockSubscriptions)
        .where(
          and(
            eq(restockSubscriptions.customerId, customer.id),
            eq(restockSubscriptions.productId, productId),
            eq(restockSubscriptions.status, "waiting"),
          ),
        )
        .get();
      if (existing) return { subscriptionId: existing.id, created: false };
      const row = tx
        .insert(restockSubscriptions)
        .values({ customerId: customer.id, productId, createdAt: now })
        .returning({ id: restockSubscriptions.id })
        .get();
      return { subscriptionId: row.id, created: true };
    },
    { behavior: "immediate" },
  );
}

/** Product ids the customer of a confirmed phone is waiting for. */
export function waitingProductIds({ db, phone }: { db: DbOrTx; phone: string }): number[] {
  const customer = findCustomerByPhone({ db, phone });
  if (!customer) return [];
  return db
    .select({ productId: restockSubscriptions.productId })
    .from(restockSubscriptions)
    .where(and(eq(restockSubscriptions.customerId, customer.id), eq(restockSubscriptions.status, "waiting")))
    .all()
    .map((r) => r.productId);
}

/**
 * Tell waiters about stock on `date` (every waited-for product, or only `productIds`), inside
 * the caller's transaction. Does nothing unless the date is open for ordering. Returns how
 * many were told.
 */
export function notifyRestock({ tx, now, date, productIds }: { tx: DbOrTx; now: number; date: string; productIds?: number[] }): number {
  const waiting = tx
    .select({
      id: restockSubscriptions.id,
      customerId: restockSubscriptions.customerId,
      productId: restockSubscriptions.productId,
      createdAt: restockSubscriptions.createdAt,
    })
    .from(restockSubscriptions)
    .where(
      and(
        eq(restockSubscriptions.status, "waiting"),
        productIds ? inArray(restockSubscriptions.productId, productIds.length ? productIds : [-1]) : undefined,
      ),
    )
    .orderBy(asc(restockSubscriptions.createdAt), asc(restockSubscriptions.id))
    .all();
  if (waiting.length === 0) return 0;

  const { settings, slots, closedDates } = loadSchedule({ db: tx });
  if (dateState(date, now, settings, slots, closedDates) !== "open") return 0;

  const byProduct = new Map<number, Waiter[]>();
  for (const w of waiting) byProduct.set(w.productId, [...(byProduct.get(w.productId) ?? []), w]);
  const ids = [...byProduct.keys()];
  const stock = stockForDate({ db: tx, date, productIds: ids, now });
  const catalogue = new Map(
    tx
      .select({ id: products.id, name: products.name, active: products.active })
      .from(products)
      .where(inArray(products.id, ids))
      .all()
      .map((p) => [p.id, p]),
  );
  // Told without a hold and not yet ordered: their loaf is spoken for as far as telling goes.
  const told = new Map(
    tx
      .select({ productId: restockSubscriptions.productId, n: sql<number>`count(*)` })
      .from(restockSubscriptions)
      .where(
        and(
          eq(restockSubscriptions.status, "notified"),
          eq(restockSubscriptions.notifiedDate, date),
          isNull(restockSubscriptions.holdUntil),
          inArray(restockSubscriptions.productId, ids),
        ),
      )
      .groupBy(restockSubscriptions.productId)
      .all()
      .map((r) => [r.productId, Number(r.n)]),
  );
  const holdMs = Math.max(0, settings.restockHoldMinutes) * 60_000;

  let notified = 0;
  for (const [productId, waiters] of byProduct) {
    const product = catalogue.get(productId);
    const line = stock.get(productId);
    if (!product?.active || !line || line.planned <= 0) continue;
    const free = line.available - (told.get(productId) ?? 0);
    for (const w of waitersToNotify(waiters, free)) {
      const customer = tx
        .select({ phone: customers.phone, deletedAt: customers.deletedAt })
        .from(customers)
        .where(eq(customers.id, w.customerId))
        .get();
      tx.update(restockSubscriptions)
        .set({ status: "notified", notifiedAt: now, notifiedDate: date, holdUntil: holdMs > 0 ? now + holdMs : null })
        .where(eq(restockSubscriptions.id, w.id))
        .run();
      if (!customer || customer.deletedAt) continue;
      enqueueMessage({
        tx,
        now,
        to: { customerId: w.customerId, phone: customer.phone },
        template: "restock_available",
        params: { product: product.name, date, url: restockLink({ date, productId }) },
        purpose: "transactional",
        dedupeKey: `restock:${w.id}`,
      });
      notified++;
    }
  }
  return notified;
}

/**
 * Tell waiters about every date open for ordering now: what a plan saved for a later date, a
 * window that just opened, or a hold that ran out left for them. One IMMEDIATE transaction;
 * nothing at all when nobody waits.
 */
export function sweepRestock({ db, now = Date.now() }: { db: Db; now?: number }): number {
  const anyone = db
    .select({ id: restockSubscriptions.id })
    .from(restockSubscriptions)
    .where(eq(restockSubscriptions.status, "waiting"))
    .limit(1)
    .get();
  if (!anyone) return 0;
  return db.transaction(
    (tx) => {
      const { settings, slots, closedDates } = loadSchedule({ db: tx });
      let notified = 0;
      for (const d of upcomingPickupDates(now, settings, slots, closedDates))
        if (d.state === "open") notified += notifyRestock({ tx, now, date: d.date });
      return notified;
    },
    { behavior: "immediate" },
  );
}

/**
 * A waiter who was told orders the product for that date: the notice is settled (their order
 * now counts as reserved), and any loaf held for them is released to the order.
 */
export function settleRestockNotices({
  tx,
  customerId,
  date,
  productIds,
  now,
}: {
  tx: DbOrTx;
  customerId: number;
  date: string;
  productIds: number[];
  now: number;
}): void {
  if (productIds.length === 0) return;
  tx.update(restockSubscriptions)
    .set({ holdUntil: now })
    .where(
      and(
        eq(restockSubscriptions.customerId, customerId),
        eq(restockSubscriptions.status, "notified"),
        eq(restockSubscriptions.notifiedDate, date),
        inArray(restockSubscriptions.productId, productIds),
        or(isNull(restockSubscriptions.holdUntil), gt(restockSubscriptions.holdUntil, now)),
      ),
    )
    .run();
}

export const MAX_HOLD_MINUTES = 24 * 60;

/** The owner's hold setting: minutes a returned loaf is kept for each waiter told (0 = off). */
export const restockHoldInput = z.object({
  minutes: z.coerce
    .number({ error: "restock_hold_number" })
    .int("restock_hold_integer")
    .min(0, "restock_hold_min")
    .max(MAX_HOLD_MINUTES, "restock_hold_max"),
});

export function setRestockHold({ db, minutes, now = Date.now() }: { db: DbOrTx; minutes: number; now?: number }): void {
  const v = parseOrThrow(restockHoldInput, { minutes });
  db.update(shopSettings).set({ restockHoldMinutes: v.minutes, updatedAt: now }).where(eq(shopSettings.id, 1)).run();
}

export type WaitingDemand = { count: number; value: number };

/** "대기 12명 · 약 66,000원" per product: waiters × today's price. */
export function waitingDemand({ db }: { db: DbOrTx }): Map<number, WaitingDemand> {
  const rows = db
    .select({ productId: restockSubscriptions.productId, n: sql<number>`count(*)`, price: products.price })
    .from(restockSubscriptions)
    .innerJoin(products, eq(products.id, restockSubscriptions.productId))
    .where(eq(restockSubscriptions.status, "waiting"))
    .groupBy(restockSubscriptions.productId)
    .all();
  return new Map(rows.map((r) => [r.productId, { count: Number(r.n), value: Number(r.n) * r.price }]));
}

/** What the storefront needs to offer "입고 알림 받기" to whoever is looking (a confirmed phone or nobody). */
export function restockViewer({ db, phone }: { db: DbOrTx; phone: string | null }): {
  confirmed: boolean;
  knownCustomer: boolean;
  waiting: number[];
  privacyText: string;
} {
  const customer = phone ? findCustomerByPhone({ db, phone }) : undefined;
  return {
    confirmed: !!phone,
    knownCustomer: !!customer && !customer.deletedAt,
    waiting: phone ? waitingProductIds({ db, phone }) : [],
    privacyText: currentConsentText({ db, kind: "privacy" }).body,
  };
}

import { eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { preparedQuery } from "@/db/prepared";
import { orders, type ChosenOption, type Order, type OrderChannel } from "@/db/schema";
import { recordConsent } from "@/lib/customers/consent";
import { findCustomerByPhone, findOrCreateCustomer } from "@/lib/customers/customers";
import { applyCoupon, couponLines, recordCouponUse } from "@/lib/coupons/apply";
import { AppError, errorText } from "@/lib/errors";
import { DEFAULT_LOCALE } from "@/i18n/messages";
import { stockForDate } from "@/lib/inventory/availability";
import { meetsNotice, minNoticeOf, noticeParams } from "@/lib/products/min-notice";
import { settleRestockNotices } from "@/lib/restock/alerts";
import { recordOrderSuggestionsWithOrder } from "@/lib/suggestions/suggestions";
import { dateState, slotCutoffAt, slotLabel, slotsForDate, type SlotRule } from "@/lib/pickup/schedule";
import { listProductsWithOptions, type ProductWithOptions } from "@/lib/products/catalogue";
import { priceWithOptions } from "@/lib/products/pricing";
import { loadScheduleForDate } from "@/lib/shop/settings";
import { recordOrderEvent, runOrderCommand } from "./command";
import { generatePickupCode } from "./pickup-code";
import { writeOrderRecord } from "./order-record";
import { slotBookedCount, slotBookings } from "@/lib/pickup/slot-bookings";
import { requestHash } from "@/lib/request-hash";
import { prepaymentTerms } from "@/lib/payments/placement";
import type { OrderInput } from "./input";

// Re-exported for callers not yet updated: each lives in its own module now.
export { generatePickupCode, requestHash, slotBookings };

/**
 * Whose rules a pickup date and slot are checked by: a customer (storefront, their own order
 * page) must be inside the ordering window and before the slot's cut-off; staff taking or
 * changing an order by phone may book after the cut-off, but never on a closed day.
 */
export type BookingRules = "customer" | "staff";

/** The schedule checks shared by placing and changing an order: the date is open and the slot exists (and, for customers, is before its cut-off). */
export function resolvePickupSlot({
  tx,
  date,
  slot: label,
  rules,
  now,
}: {
  tx: DbOrTx;
  date: string;
  slot: string;
  rules: BookingRules;
  now: number;
}) {
  const { settings, slots, closedDates } = loadScheduleForDate({ db: tx, date });
  const state = dateState(date, now, settings, slots, closedDates);
  if (state === "closed_day" || state === "no_slots") throw new AppError("closed_day", { fields: { pickup_date: "no_pickup_that_day" } });
  if (rules === "customer") {
    if (state === "not_open_yet") throw new AppError("not_open_yet", { fields: { pickup_date: "not_open_yet" } });
    if (state === "cutoff_passed") throw new AppError("cutoff_passed", { fields: { pickup_date: "cutoff_passed" } });
  }
  const slot = slotsForDate(date, slots).find((s) => slotLabel(s) === label);
  if (!slot) throw new AppError("validation", { message: "slot_unknown", fields: { slot: "pickup_slot_choose_again" } });
  if (rules === "customer" && now >= slotCutoffAt(date, slot, settings)) {
    throw new AppError("cutoff_passed", { message: "slot_cutoff_passed", fields: { slot: "slot_cutoff_passed_field" } });
  }
  return { settings, slot };
}

/** The slot's capacity, counting every live order but `exceptOrderId`. */
export function assertSlotHasRoom({
  tx,
  date,
  slot,
  exceptOrderId,
  now,
}: {
  tx: DbOrTx;
  date: string;
  slot: SlotRule;
  exceptOrderId?: number;
  now?: number;
}): void {
  const booked = slotBookedCount({ db: tx, pickupDate: date, slotStart: slot.startTime, exceptOrderId, now });
  if (booked >= slot.capacity) throw new AppError("slot_full", { fields: { slot: "slot_full_field" } });
}

export type PricedLine = { product: ProductWithOptions; quantity: number; unitPrice: number; options: ChosenOption[]; lineTotal: number };

/** Price every line on the server from the catalogue, with the per-product and per-order limits. */
export function priceOrderLines({
  tx,
  items,
  maxItemsPerOrder,
}: {
  tx: DbOrTx;
  items: OrderInput["items"];
  maxItemsPerOrder: number;
}): PricedLine[] {
  const productIds = [...new Set(items.map((i) => i.product_id))];
  const catalogue = new Map(listProductsWithOptions({ db: tx, ids: productIds }).map((p) => [p.id, p]));
  const wanted = new Map<number, number>();
  const lines = items.map((item, index) => {
    const product = catalogue.get(item.product_id);
    const field = `items.${index}`;
    if (!product || !product.active) {
      throw new AppError("validation", { message: "product_not_sold", fields: { [`${field}.product_id`]: "product_not_sold_field" } });
    }
    const { unitPrice, options } = priceWithOptions(product, item.options, `${field}.options`);
    wanted.set(product.id, (wanted.get(product.id) ?? 0) + item.quantity);
    return { product, quantity: item.quantity, unitPrice, options, lineTotal: unitPrice * item.quantity };
  });
  for (const [productId, quantity] of wanted) {
    const product = catalogue.get(productId)!;
    if (quantity > product.maxPerOrder) {
      throw new AppError("validation", {
        message: "product_max_per_order",
        params: { product: product.name, max: product.maxPerOrder },
        fields: { items: "product_max_per_order" },
      });
    }
  }
  const totalUnits = [...wanted.values()].reduce((a, b) => a + b, 0);
  if (totalUnits > maxItemsPerOrder) {
    throw new AppError("validation", {
      message: "order_units_max",
      params: { max: maxItemsPerOrder },
      fields: { items: "quantity_too_many" },
    });
  }
  return lines;
}

/**
 * Each product is offered on `date` and enough is left for the lines, not counting what
 * `exceptOrderId` (an order being changed) holds itself.
 */
export function assertInStock({
  tx,
  date,
  lines,
  exceptOrderId,
  now,
}: {
  tx: DbOrTx;
  date: string;
  lines: readonly { product: { id: number; name: string }; quantity: number }[];
  exceptOrderId?: number;
  now?: number;
}): void {
  const names = new Map(lines.map((l) => [l.product.id, l.product.name]));
  const wanted = new Map<number, number>();
  for (const l of lines) wanted.set(l.product.id, (wanted.get(l.product.id) ?? 0) + l.quantity);
  const stock = stockForDate({ db: tx, date, productIds: [...wanted.keys()], exceptOrderId, now });
  lines.forEach((l, index) => {
    if ((stock.get(l.product.id)?.planned ?? 0) <= 0) {
      throw new AppError("not_offered", {
        message: "product_not_offered",
        params: { product: l.product.name },
        fields: { [`items.${index}.product_id`]: "not_offered" },
      });
    }
  });
  const short = [...wanted]
    .map(([productId, requested]) => ({ productId, requested, available: stock.get(productId)?.available ?? 0 }))
    .filter((s) => s.requested > s.available);
  if (short.length) {
    const list = short.map((s) => `${names.get(s.productId)}(${s.available})`).join(", ");
    throw new AppError("sold_out", {
      message: "sold_out_items",
      params: { items: list },
      details: {
        items: short.map((s) => ({
          product_id: s.productId,
          name: names.get(s.productId),
          requested: s.requested,
          available: s.available,
        })),
      },
    });
  }
}

/** Products that need more notice than the shop's own cut-off ("하루 전 20:00까지"): storefront orders only. */
export function assertNoticeMet({
  lines,
  date,
  slot,
  timezone,
  now,
}: {
  lines: readonly PricedLine[];
  date: string;
  slot: SlotRule;
  timezone: string;
  now: number;
}): void {
  lines.forEach((l, index) => {
    const notice = minNoticeOf(l.product);
    if (meetsNotice(notice, date, slot.startTime, timezone, now)) return;
    const ruleParams = noticeParams(notice!);
    // The API's `rule` detail reads in Korean, like the shop's own wording of it.
    const rule = errorText(DEFAULT_LOCALE, "product_notice_rule", ruleParams);
    throw new AppError("notice_too_short", {
      message: "product_notice_too_short",
      params: { product: l.product.name, ...ruleParams },
      fields: { [`items.${index}.product_id`]: "product_notice_field" },
      details: { product_id: l.product.id, rule },
    });
  });
}

export type PlaceOrderResult = { order: Order; created: boolean };

/**
 * Place a pickup pre-order: check the schedule, the slot's capacity, each product's
 * options and available quantity, record the customer and their consent, and write the
 * order — all in one synchronous IMMEDIATE transaction, so concurrent customers can never
 * oversell a product or overfill a slot. A repeated idempotency key with the same input
 * returns the first order; with another input it is refused.
 */
export function placeOrder({
  db,
  input,
  channel,
  now = Date.now(),
  idempotencyKey,
  actorUserId,
  consentSource = channel === "web" ? "storefront" : "phone",
  locale = "ko",
  prepaymentOffered,
}: {
  db: Db;
  input: OrderInput;
  channel: OrderChannel;
  now?: number;
  idempotencyKey?: string | null;
  actorUserId?: number | null;
  consentSource?: string;
  /** The language of the page it was placed on: the customer's messages use it. */
  locale?: "ko" | "en";
  /** Whether online prepayment is offered (default: the payment provider is configured). */
  prepaymentOffered?: boolean;
}): PlaceOrderResult {
  const hash = idempotencyKey ? requestHash({ channel, input }) : null;
  return runOrderCommand({ db, now }, (cmd): PlaceOrderResult => {
    const { tx } = cmd;
    if (idempotencyKey) {
      const existing = preparedQuery(tx, "orders.by-idempotency-key", (q) =>
        q
          .select()
          .from(orders)
          .where(eq(orders.idempotencyKey, sql.placeholder("key")))
          .prepare(),
      ).get({ key: idempotencyKey });
      if (existing) {
        if (existing.requestHash !== hash) throw new AppError("idempotency_conflict");
        return { order: existing, created: false };
      }
    }

    const { settings, slot } = resolvePickupSlot({
      tx,
      date: input.pickup_date,
      slot: input.slot,
      rules: channel === "web" ? "customer" : "staff",
      now,
    });
    const date = input.pickup_date;
    assertSlotHasRoom({ tx, date, slot, now });
    const lines = priceOrderLines({ tx, items: input.items, maxItemsPerOrder: settings.maxItemsPerOrder });
    if (channel === "web") assertNoticeMet({ lines, date, slot, timezone: settings.timezone, now });
    // A restock waiter ordering what they were told about uses the loaf held for them.
    const known = findCustomerByPhone({ db: tx, phone: input.customer.phone });
    if (known) settleRestockNotices({ tx, customerId: known.id, date, productIds: [...new Set(lines.map((l) => l.product.id))], now });
    assertInStock({ tx, date, lines, now });

    const { customer, created } = findOrCreateCustomer({ db: tx, phone: input.customer.phone, name: input.customer.name, at: now });
    recordConsent({ db: tx, customerId: customer.id, kind: "privacy", granted: true, source: consentSource, at: now });
    // A typed phone number is a claim: the order's marketing box decides for a customer this
    // order creates, or when staff take the order in person; it never changes an existing
    // customer's decision from the public storefront (they decide on their private page).
    if (created || actorUserId) {
      recordConsent({
        db: tx,
        customerId: customer.id,
        kind: "marketing",
        granted: input.consent.marketing,
        source: consentSource,
        at: now,
      });
    }

    const subtotal = lines.reduce((sum, l) => sum + l.lineTotal, 0);
    const coupon = input.coupon_code
      ? applyCoupon({
          tx,
          code: input.coupon_code,
          customerId: customer.id,
          lines: couponLines(lines),
          at: now,
          timezone: settings.timezone,
        })
      : null;
    const discount = coupon?.discount ?? 0;
    const prepay = prepaymentTerms({ settings, lines, channel, chosen: input.payment, offered: prepaymentOffered, now });
    const order = writeOrderRecord(tx, {
      order: {
        channel,
        status: prepay ? "awaiting_payment" : "placed",
        ...prepay,
        customerId: customer.id,
        customerName: input.customer.name,
        pickupDate: date,
        slotStart: slot.startTime,
        slotEnd: slot.endTime,
        subtotal,
        discount,
        total: subtotal - discount,
        note: input.note,
        idempotencyKey: idempotencyKey || null,
        requestHash: hash,
        placedAt: now,
        createdByUserId: actorUserId ?? null,
        locale,
      },
      lines: lines.map((l) => ({
        productId: l.product.id,
        productName: l.product.name,
        unitPrice: l.unitPrice,
        quantity: l.quantity,
        options: l.options,
      })),
    });
    if (coupon) recordCouponUse({ tx, applied: coupon, customerId: customer.id, orderId: order.id, now });
    recordOrderEvent(cmd, {
      kind: "status_change",
      before: null,
      after: order,
      actor: actorUserId ? { type: "user", userId: actorUserId } : { type: "customer" },
    });
    // What its page suggests for the next order, recorded with it.
    recordOrderSuggestionsWithOrder({ tx, now, orderId: order.id });
    return { order, created: true };
  });
}

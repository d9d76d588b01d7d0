/**
 * The demo shop's prepaid orders: a few storefront orders paid online in advance over the last
 * weeks and picked up, one that was a no-show and got the refundable part of its prepayment
 * back, and prepaid orders for today and tomorrow — so the close-out's prepaid/at-pickup split
 * and refunds and the dashboard's no-show split by payment have something to show.
 *
 * Written through the live paths at past times (`placeOrder` with prepayment, `recordPayment`,
 * `changeOrderStatus`, `recordRefund`), with the provider's answers made up locally (no
 * network). Runs inside `seedDemo`'s transaction; the shop offers prepayment as an option and
 * keeps half of a no-show's prepayment.
 */
import { and, asc, eq, isNotNull, notInArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, productOptionGroups, products, stockCounts, type Order } from "@/db/schema";
import { stockForDate } from "@/lib/inventory/availability";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { changeOrderStatus } from "@/lib/orders/status";
import { parseOrThrow } from "@/lib/errors";
import type { TossPayment } from "@/lib/payments/adapters/toss";
import { recordPayment, recordRefund } from "@/lib/prepayment/prepay";
import { savePaymentSettings } from "@/lib/payments/settings";
import { isClosedDate, slotsForDate } from "@/lib/pickup/schedule";
import { loadSchedule } from "@/lib/shop/settings";
import { addDays, localDate, zonedTime } from "@/lib/shop/time";

const MINUTE = 60_000;

/** Days from today of the prepaid orders, and what became of them. */
const PLAN: { offset: number; outcome: "picked_up" | "no_show" | "open" }[] = [
  { offset: -26, outcome: "picked_up" },
  { offset: -19, outcome: "picked_up" },
  { offset: -12, outcome: "picked_up" },
  { offset: -8, outcome: "no_show" },
  { offset: -5, outcome: "picked_up" },
  { offset: -2, outcome: "picked_up" },
  { offset: 0, outcome: "picked_up" },
  { offset: 1, outcome: "open" },
];

/** What the provider answers for a payment, made up for the demo (`cancels`: refunds so far). */
function demoPayment(order: Order, at: number, cancels: TossPayment["cancels"] = null): TossPayment {
  const refunded = (cancels ?? []).reduce((s, c) => s + c.cancelAmount, 0);
  return {
    paymentKey: `demo_pay_${order.id}`,
    orderId: order.paymentOrderId!,
    status: refunded > 0 ? "PARTIAL_CANCELED" : "DONE",
    method: "카드", // hangul-ok: the provider's own method name
    totalAmount: order.total,
    balanceAmount: order.total - refunded,
    approvedAt: new Date(at).toISOString(),
    cancels,
  };
}

/** Returns how many prepaid orders it placed. */
export function seedDemoPrepaid({ db, now, ownerId }: { db: Db; now: number; ownerId: number | null }): number {
  const { settings, slots, closedDates } = loadSchedule({ db });
  savePaymentSettings({
    db,
    now,
    input: { paymentPolicy: "optional", paymentHoldMinutes: settings.paymentHoldMinutes, keep: "share", keepPercent: 50 },
  });
  const tz = settings.timezone;
  const today = localDate(now, tz);
  const staff = ownerId ? ({ type: "user", userId: ownerId } as const) : ({ type: "system" } as const);
  // Products a customer can order without choosing an option.
  const withChoice = db
    .select({ id: productOptionGroups.productId })
    .from(productOptionGroups)
    .where(eq(productOptionGroups.required, true))
    .all()
    .map((r) => r.id);
  const simple = db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.active, true), notInArray(products.id, withChoice)))
    .orderBy(asc(products.sortOrder), asc(products.id))
    .all()
    .map((p) => p.id);
  // Regulars other than the ones the coupon demo gives codes to.
  const buyers = db
    .select({ name: customers.name, phone: customers.phone })
    .from(customers)
    .where(isNotNull(customers.phone))
    .orderBy(asc(customers.id))
    .limit(PLAN.length)
    .offset(20)
    .all();

  /** The first open day at or before `offset` (up to a week back; never before today for a later order) with a slot and two of a product nobody counted yet. */
  const findDay = (offset: number) => {
    for (let back = 0; back < 7 && (offset <= 0 || offset - back > 0); back++) {
      const date = addDays(today, offset - back);
      const slot = slotsForDate(date, slots)[0];
      if (!slot || isClosedDate(date, settings, closedDates)) continue;
      const counted = new Set(
        db
          .select({ id: stockCounts.productId })
          .from(stockCounts)
          .where(eq(stockCounts.date, date))
          .all()
          .map((r) => r.id),
      );
      const stock = stockForDate({ db, date, productIds: simple });
      const product = simple.find((id) => (stock.get(id)?.available ?? 0) >= 2 && !counted.has(id));
      if (product) return { date, slot, product, offset: offset - back };
    }
    return null;
  };

  let placedCount = 0;
  PLAN.forEach(({ offset: wanted, outcome }, i) => {
    const buyer = buyers[i];
    const day = buyer ? findDay(wanted) : null;
    if (!buyer || !day) return;
    const { date, slot, product, offset } = day;
    const placedAt = offset > 0 ? now - 30 * MINUTE : zonedTime(addDays(date, -1), "12:00", tz);
    const input = parseOrThrow(orderInput, {
      pickup_date: date,
      slot: `${slot.startTime}-${slot.endTime}`,
      customer: { name: buyer.name ?? "", phone: buyer.phone },
      consent: { privacy: true },
      items: [{ product_id: product, quantity: 2 }],
      payment: "prepay",
    });
    const placed = placeOrder({ db, channel: "web", now: placedAt, input, prepaymentOffered: true }).order;
    placedCount++;
    const paidAt = placedAt + 2 * MINUTE;
    recordPayment({ db, now: paidAt, orderId: placed.id, payment: demoPayment(placed, paidAt) });
    const slotStart = zonedTime(date, slot.startTime, tz);
    const slotEnd = zonedTime(date, slot.endTime, tz);
    if (outcome === "picked_up" && slotStart + 10 * MINUTE < now) {
      changeOrderStatus({ db, orderId: placed.id, to: "picked_up", actor: staff, now: slotStart + 10 * MINUTE });
    } else if (outcome === "no_show" && slotEnd + 40 * MINUTE < now) {
      const gone = changeOrderStatus({ db, orderId: placed.id, to: "no_show", actor: staff, now: slotEnd + 30 * MINUTE });
      const refundAt = slotEnd + 40 * MINUTE;
      const cancels = [
        {
          cancelAmount: gone.refundOwed,
          cancelReason: "No-show: refundable part of the prepayment",
          canceledAt: new Date(refundAt).toISOString(),
        },
      ];
      recordRefund({ db, now: refundAt, orderId: placed.id, payment: demoPayment(gone, paidAt, cancels) });
    }
  });
  return placedCount;
}

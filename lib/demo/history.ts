/**
 * Thirteen weeks of purchases and the next seven days: daily plans, web and phone pre-orders
 * through every status with their order events, counter sales (some anonymous), customers
 * with consent records and the points they earned. No product is reserved or sold past its
 * plan and no slot is booked past its capacity.
 */
import { newReceiptToken } from "@/lib/receipts/receipts";
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import {
  customers,
  dailyPlans,
  orders,
  PAYMENT_METHODS,
  storeSaleItems,
  storeSales,
  users,
  type Customer,
  type OrderChannel,
  type OrderStatus,
} from "@/db/schema";
import { recordConsent } from "@/lib/customers/consent";
import { newToken } from "@/lib/customers/customers";
import { writeOrderRecord } from "@/lib/orders/order-record";
import { cutoffAt, isClosedDate, opensAt, slotCutoffAt, slotsForDate, type SlotRule } from "@/lib/pickup/schedule";
import { awardPurchasePoints } from "@/lib/points/policy";
import type { ProductWithOptions } from "@/lib/products/catalogue";
import { priceWithOptions } from "@/lib/products/pricing";
import { loadSchedule } from "@/lib/shop/settings";
import { addDays, localDate, weekdayOf, zonedTime } from "@/lib/shop/time";
import { chooseOptions, defaultOptions, seedCatalogue } from "./catalogue";
import { FUTURE_DAYS, HISTORY_DAYS, MINUTE, prng, SEED, type Rng } from "./common";
import { counterOnly, customerPool, pickRegular, webOnly } from "./people";
import { refreshPurchaseSequence } from "@/lib/purchases/sequence";

type Line = { product: ProductWithOptions; quantity: number; options: number[] };
type Step = { to: OrderStatus; at: number; actor: "user" | "customer" | "system"; note?: string };
type OrderPlan = {
  kind: "order";
  at: number;
  date: string;
  slot: SlotRule;
  channel: OrderChannel;
  customer: number;
  lines: Line[];
  steps: Step[];
  onRack: boolean;
  cancelReason: string | null;
};
type SalePlan = { kind: "sale"; at: number; date: string; customer: number | null; lines: Line[] };

export function seedHistory(tx: Tx, now: number): { products: number; orders: number } {
  const { settings, slots, closedDates } = loadSchedule({ db: tx });
  const owner = tx.select({ id: users.id }).from(users).where(eq(users.role, "owner")).orderBy(users.id).limit(1).get();
  const rng = prng(SEED);
  const tz = settings.timezone;
  const today = localDate(now, tz);

  const { catalogue, seedOf, popularity } = seedCatalogue(tx, now);

  const pool = customerPool(rng);
  const plans: (OrderPlan | SalePlan)[] = [];

  for (let offset = -HISTORY_DAYS; offset <= FUTURE_DAYS; offset++) {
    const date = addDays(today, offset);
    if (isClosedDate(date, settings, closedDates)) continue;
    const planned = new Map<number, number>();
    for (const product of catalogue) {
      const [min, max] = seedOf.get(product.id)!.made;
      planned.set(product.id, rng.int(min, max));
    }
    tx.insert(dailyPlans)
      .values(
        [...planned].map(([productId, qty]) => ({ date, productId, planned: qty, updatedAt: zonedTime(addDays(date, -2), "17:00", tz) })),
      )
      .run();

    const taken = new Map<number, number>(); // reserved by live pre-orders + sold at the counter
    const left = (productId: number) => planned.get(productId)! - (taken.get(productId) ?? 0);
    const take = (lines: Line[]) => lines.forEach((l) => taken.set(l.product.id, (taken.get(l.product.id) ?? 0) + l.quantity));
    const chooseLines = (count: number, maxEach: number, withOptions: boolean): Line[] => {
      const lines: Line[] = [];
      for (let i = 0; i < count; i++) {
        const product = rng.pick(popularity);
        if (lines.some((l) => l.product.id === product.id)) continue;
        const quantity = Math.min(rng.int(1, maxEach), product.maxPerOrder, left(product.id));
        if (quantity <= 0) continue;
        lines.push({ product, quantity, options: withOptions ? chooseOptions(rng, product) : defaultOptions(product) });
      }
      return lines;
    };

    // Pre-orders: placed between the date's opening and its cut-off, never after `now`.
    const daySlots = slotsForDate(date, slots);
    const orderOpens = opensAt(date, settings);
    const orderCloses = Math.min(Math.max(cutoffAt(date, settings, slots), orderOpens + 30 * MINUTE), now);
    const booked = new Map<string, number>();
    if (daySlots.length && orderOpens < now) {
      const weekend = [0, 6].includes(weekdayOf(date));
      const wanted = offset > 0 ? rng.int(2, 5) : rng.int(weekend ? 8 : 4, weekend ? 13 : 9);
      for (let n = 0; n < wanted; n++) {
        const open = daySlots.filter((s) => (booked.get(s.startTime) ?? 0) < s.capacity);
        if (!open.length) break;
        const slot = rng.pick(open);
        const channel: OrderChannel = rng.chance(0.8) ? "web" : "phone";
        const placedAt =
          channel === "web"
            ? orderOpens + Math.floor(rng.next() * Math.max(1, Math.min(orderCloses, slotCutoffAt(date, slot, settings)) - orderOpens))
            : Math.min(now - MINUTE, zonedTime(addDays(date, -1), "10:00", tz) + rng.int(0, 9 * 60) * MINUTE);
        if (placedAt >= now) continue;
        const lines = chooseLines(rng.int(1, 3), 3, true);
        if (!lines.length) continue;
        const order = orderStory({ rng, date, slot, placedAt, channel, now, tz, cutoff: slotCutoffAt(date, slot, settings) });
        if (order.steps.at(-1)?.to !== "cancelled") {
          take(lines);
          booked.set(slot.startTime, (booked.get(slot.startTime) ?? 0) + 1);
        }
        let customer = pickRegular(rng, pool.length);
        if (counterOnly(customer) || (channel === "phone" && webOnly(customer))) customer = (customer + 1) % pool.length;
        plans.push({ kind: "order", date, slot, channel, customer, lines, ...order, at: placedAt });
      }
    }

    // Counter sales through the day, up to what the plan leaves; a few customers give their number for points.
    if (offset <= 0) {
      const sales = rng.int(14, 26);
      for (let n = 0; n < sales; n++) {
        const at = zonedTime(date, "08:30", tz) + rng.int(0, 11 * 60) * MINUTE + rng.int(0, 59) * 1000;
        if (at >= now) continue;
        const lines = chooseLines(rng.int(1, 3), 3, false);
        if (!lines.length) continue;
        take(lines);
        const customer = rng.chance(0.45) ? null : pickRegular(rng, pool.length);
        plans.push({ kind: "sale", at, date, customer: customer === null || webOnly(customer) ? null : customer, lines });
      }
    }
  }

  // Write in time order, so each customer is created (with their consent) at their first purchase.
  plans.sort((a, b) => a.at - b.at);
  const created = new Map<number, Customer>();
  const customerFor = (index: number, at: number, source: string): Customer => {
    let customer = created.get(index);
    if (!customer) {
      const person = pool[index];
      customer = tx
        .insert(customers)
        .values({ phone: person.phone, name: person.name, token: newToken(), createdAt: at })
        .returning()
        .get();
      recordConsent({ db: tx, customerId: customer.id, kind: "privacy", granted: true, source, at });
      recordConsent({ db: tx, customerId: customer.id, kind: "marketing", granted: person.marketing, source, at });
      created.set(index, customer);
    }
    return customer;
  };

  // Bags on the rack today get labels (A1, A2, …) in the order staff put them there.
  const rackLabels = [...settings.rackRows].flatMap((row) => Array.from({ length: settings.rackColumns }, (_, i) => `${row}${i + 1}`));
  let orderCount = 0;
  let orderNo = 0;
  for (const plan of plans) {
    const priced = plan.lines.map((l) => ({ ...l, ...priceWithOptions(l.product, l.options) }));
    const total = priced.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
    if (plan.kind === "sale") {
      const customer = plan.customer === null ? null : customerFor(plan.customer, plan.at, "counter");
      const sale = tx
        .insert(storeSales)
        .values({
          occurredAt: plan.at,
          saleDate: plan.date,
          customerId: customer?.id ?? null,
          total,
          source: "counter",
          receiptToken: newReceiptToken(),
          createdByUserId: owner?.id ?? null,
          createdAt: plan.at,
        })
        .returning({ id: storeSales.id })
        .get();
      tx.insert(storeSaleItems)
        .values(
          priced.map((l) => ({
            saleId: sale.id,
            productId: l.product.id,
            productName: l.product.name,
            unitPrice: l.unitPrice,
            quantity: l.quantity,
          })),
        )
        .run();
      const points = awardPurchasePoints({
        db: tx,
        customerId: customer?.id ?? null,
        sourceType: "sale",
        sourceId: sale.id,
        total,
        now: plan.at,
      });
      if (points) tx.update(storeSales).set({ pointsEarned: points }).where(eq(storeSales.id, sale.id)).run();
      continue;
    }

    const customer = customerFor(plan.customer, plan.at, plan.channel === "web" ? "storefront" : "phone");
    const final = plan.steps.at(-1) ?? { to: "placed" as OrderStatus, at: plan.at };
    const stamp = (to: OrderStatus) => plan.steps.find((s) => s.to === to)?.at ?? null;
    const placedBy = plan.channel === "phone" ? "user" : "customer";
    const steps: Step[] = [{ to: "placed", at: plan.at, actor: placedBy }, ...plan.steps];
    const order = writeOrderRecord(tx, {
      deferSequence: true,
      order: {
        channel: plan.channel,
        status: final.to,
        customerId: customer.id,
        customerName: customer.name,
        pickupDate: plan.date,
        slotStart: plan.slot.startTime,
        slotEnd: plan.slot.endTime,
        paymentStatus: final.to === "picked_up" ? "paid" : "unpaid",
        // Mostly card, some cash and transfer, as at a bakery counter (deterministic by order).
        paymentMethod: final.to === "picked_up" ? PAYMENT_METHODS[[0, 0, 0, 1, 2][orderNo++ % 5]] : null,
        subtotal: total,
        total,
        note: plan.channel === "phone" && plan.lines.length > 1 ? "전화 주문" : "",
        rackSlot: plan.onRack ? (rackLabels.shift() ?? null) : null,
        placedAt: plan.at,
        readyAt: stamp("ready"),
        arrivedAt: stamp("arrived"),
        pickedUpAt: stamp("picked_up"),
        noShowAt: stamp("no_show"),
        cancelledAt: stamp("cancelled"),
        cancelReason: plan.cancelReason,
        createdByUserId: plan.channel === "phone" ? (owner?.id ?? null) : null,
      },
      lines: priced.map((l) => ({
        productId: l.product.id,
        productName: l.product.name,
        unitPrice: l.unitPrice,
        quantity: l.quantity,
        options: l.options,
      })),
      history: steps.map((e) => {
        const actorType = e.actor === "user" && !owner ? "system" : e.actor;
        return { to: e.to, at: e.at, actorType, actorUserId: actorType === "user" ? owner!.id : null, note: e.note ?? null };
      }),
    });
    if (final.to === "picked_up") {
      const points = awardPurchasePoints({
        db: tx,
        customerId: customer.id,
        sourceType: "order",
        sourceId: order.id,
        total,
        now: final.at,
      });
      if (points) tx.update(orders).set({ pointsEarned: points }).where(eq(orders.id, order.id)).run();
    }
    orderCount++;
  }

  // Every purchase above is written; the customers' purchase sequences once, in this transaction.
  refreshPurchaseSequence(tx, {
    customerIds: tx.all<{ id: number }>(sql`SELECT id FROM customers`).map((c) => c.id),
    allDays: true,
  });
  return { products: catalogue.length, orders: orderCount };
}

/**
 * What happened to one pre-order, as status steps after `placed`, none later than `now`:
 * most are picked up (usually after the customer taps "I'm here", a minute or two before
 * the hand-over), some are cancelled before the cut-off, a few are never collected.
 */
function orderStory({
  rng,
  date,
  slot,
  placedAt,
  channel,
  now,
  tz,
  cutoff,
}: {
  rng: Rng;
  date: string;
  slot: SlotRule;
  placedAt: number;
  channel: OrderChannel;
  now: number;
  tz: string;
  cutoff: number;
}): { steps: Step[]; onRack: boolean; cancelReason: string | null } {
  const start = zonedTime(date, slot.startTime, tz);
  const end = zonedTime(date, slot.endTime, tz);
  const roll = rng.next();
  const cancelBy = Math.min(cutoff, now);
  if (roll < 0.09 && cancelBy > placedAt + MINUTE) {
    const at = placedAt + Math.floor(rng.next() * (cancelBy - placedAt));
    const byPhone = channel === "phone" || rng.chance(0.3);
    const reason = byPhone ? rng.pick(["고객 요청 (전화)", "일정 변경", "중복 주문"]) : null;
    return {
      steps: [{ to: "cancelled", at, actor: byPhone ? "user" : "customer", note: reason ?? undefined }],
      onRack: false,
      cancelReason: reason,
    };
  }
  const readyAt = start - rng.int(15, 45) * MINUTE;
  if (readyAt >= now) return { steps: [], onRack: false, cancelReason: null };
  const ready: Step = { to: "ready", at: readyAt, actor: "user" };
  if (end > now) {
    // Today's slot in progress: on the rack, maybe already arrived.
    if (start < now && rng.chance(0.4)) {
      return {
        steps: [ready, { to: "arrived", at: start + Math.floor(rng.next() * (now - start)), actor: "customer" }],
        onRack: true,
        cancelReason: null,
      };
    }
    return { steps: [ready], onRack: true, cancelReason: null };
  }
  if (roll > 0.93) {
    const closing = Math.max(end, zonedTime(date, "20:00", tz));
    return {
      steps: [ready, { to: "no_show", at: Math.min(closing, now - MINUTE), actor: "system", note: "영업 종료까지 찾아가지 않음" }],
      onRack: false,
      cancelReason: null,
    };
  }
  const window = end - start;
  if (rng.chance(0.85)) {
    const arrivedAt = start + Math.floor(rng.next() * window * 0.9);
    const pickedUpAt = arrivedAt + rng.int(50, 150) * 1000;
    return {
      steps: [
        ready,
        { to: "arrived", at: arrivedAt, actor: "customer" },
        { to: "picked_up", at: Math.min(pickedUpAt, now - 1000), actor: "user" },
      ],
      onRack: false,
      cancelReason: null,
    };
  }
  return {
    steps: [ready, { to: "picked_up", at: start + Math.floor(rng.next() * window), actor: "user" }],
    onRack: false,
    cancelReason: null,
  };
}

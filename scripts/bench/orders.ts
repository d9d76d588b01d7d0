/**
 * The order side shared by the storefront and drop benches: one open date with exactly
 * `units` of one product left, a storefront order request for customer i, and the counts the
 * no-oversell check reads afterwards.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dailyPlans, orderItems, orders, pickupSlots } from "@/db/schema";
import { stockForDate } from "@/lib/inventory/availability";
import { dateState, slotCutoffAt, slotLabel, slotsForDate, type SlotRule } from "@/lib/pickup/schedule";
import { listProductsWithOptions } from "@/lib/products/catalogue";
import { loadSchedule } from "@/lib/shop/settings";
import { addDays, localDate, weekdayOf } from "@/lib/shop/time";

export type OrderRun = {
  date: string;
  /** The date's slots still before their cut-off. */
  openSlots: SlotRule[];
  productId: number;
  /** Orders on the date before the run. */
  ordersBefore: number;
};

/**
 * Pick an open date (the first, or with `latest` the last within the order window) and a
 * product without required options; plan exactly `units` more of it than are reserved or sold,
 * and give every slot of that weekday `slotCapacity`, so stock, not slots, runs out.
 */
export function prepareOrderRun({
  db,
  now,
  latest = false,
  units,
  slotCapacity,
}: {
  db: Db;
  now: number;
  latest?: boolean;
  units: number;
  slotCapacity: number;
}): OrderRun {
  const { settings, slots, closedDates } = loadSchedule({ db });
  const today = localDate(now, settings.timezone);
  const offsets = Array.from({ length: settings.daysAhead }, (_, i) => i + 1);
  if (latest) offsets.reverse();
  const date = offsets
    .map((offset) => addDays(today, offset))
    .find((candidate) => dateState(candidate, now, settings, slots, closedDates) === "open");
  if (!date) throw new Error("주문을 받는 날짜가 없어요 (bench 준비에서 주문 열기를 확인하세요).");
  const openSlots = slotsForDate(date, slots).filter((s) => now < slotCutoffAt(date, s, settings));
  const product = listProductsWithOptions({ db, activeOnly: true }).find((p) => p.optionGroups.every((g) => !g.required));
  if (!product) throw new Error("옵션이 필요 없는 상품이 없어요.");

  const before = stockForDate({ db, date, productIds: [product.id] }).get(product.id)!;
  const planned = before.reserved + before.sold + units;
  db.insert(dailyPlans)
    .values({ date, productId: product.id, planned })
    .onConflictDoUpdate({ target: [dailyPlans.date, dailyPlans.productId], set: { planned } })
    .run();
  db.update(pickupSlots)
    .set({ capacity: slotCapacity })
    .where(eq(pickupSlots.weekday, weekdayOf(date)))
    .run();
  return { date, openSlots, productId: product.id, ordersBefore: ordersOnDate({ db, date }) };
}

/** Customer i's order of one unit, idempotency key `<keyPrefix>-i`, slots taken in turn. */
export function placeOrder({
  baseUrl,
  run,
  index,
  keyPrefix,
  customerName,
  phonePrefix,
  headers = {},
}: {
  baseUrl: string;
  run: OrderRun;
  index: number;
  keyPrefix: string;
  /** e.g. "벤치 손님": the customer is "<customerName> <index>". */
  customerName: string;
  /** Four digits, e.g. "0109": the phone is those and the index in seven digits. */
  phonePrefix: string;
  headers?: Record<string, string>;
}): Promise<Response> {
  return fetch(`${baseUrl}/api/v1/storefront/orders`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json", "idempotency-key": `${keyPrefix}-${index}` },
    body: JSON.stringify({
      pickup_date: run.date,
      slot: slotLabel(run.openSlots[index % run.openSlots.length]),
      customer: { name: `${customerName} ${index}`, phone: `${phonePrefix}${String(index).padStart(7, "0")}` },
      consent: { privacy: true, marketing: false },
      items: [{ product_id: run.productId, quantity: 1 }],
    }),
  });
}

export function ordersOnDate({ db, date }: { db: Db; date: string }): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(orders)
    .where(eq(orders.pickupDate, date))
    .get()!.n;
}

/** The run's orders of the product that stand (not cancelled), by their idempotency keys. */
export function runOrders({ db, run, keyPrefix }: { db: Db; run: OrderRun; keyPrefix: string }): number {
  return db
    .select({ n: sql<number>`count(distinct ${orders.id})` })
    .from(orders)
    .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
    .where(
      and(
        eq(orders.pickupDate, run.date),
        eq(orderItems.productId, run.productId),
        ne(orders.status, "cancelled"),
        sql`${orders.idempotencyKey} like ${`${keyPrefix}-%`}`,
      ),
    )
    .get()!.n;
}

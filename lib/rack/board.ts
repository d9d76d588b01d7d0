/**
 * What the rack board shows: a day's pre-orders as cards. A card carries only what staff
 * need at the rack — the customer's name and the last four digits of their phone, never the
 * full number.
 */
import { and, asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { customers, orderItems, orders, tiers } from "@/db/schema";
import { phoneLast4 } from "@/lib/customers/phone";
import { getShopSettings } from "@/lib/shop/settings";
import { localDate } from "@/lib/shop/time";
import { rackSlotLabels } from "./slots";
import { optionLabel, type RackBoard, type RackCard, type RackCardItem } from "./card-rules";

export { isLongWait, LONG_WAIT_MS, matchesFind, optionLabel, type RackBoard, type RackCard, type RackCardItem } from "./card-rules";

/** Cards for one date (cancelled orders, expired holds and orders still awaiting prepayment left out), or just the given order ids. */
const OFF_RACK = ["cancelled", "expired", "awaiting_payment"] as const;

export function listRackCards({ db, date, orderIds }: { db: DbOrTx; date?: string; orderIds?: number[] }): RackCard[] {
  const where = and(
    date ? eq(orders.pickupDate, date) : undefined,
    orderIds ? inArray(orders.id, orderIds.length ? orderIds : [-1]) : undefined,
    orderIds ? undefined : notInArray(orders.status, [...OFF_RACK]),
  );
  const rows = db
    .select({
      id: orders.id,
      code: orders.code,
      pickupDate: orders.pickupDate,
      status: orders.status,
      channel: orders.channel,
      customerName: customers.name,
      phone: customers.phone,
      tierName: tiers.name,
      slotStart: orders.slotStart,
      slotEnd: orders.slotEnd,
      rackSlot: orders.rackSlot,
      paymentStatus: orders.paymentStatus,
      paymentMethod: orders.paymentMethod,
      total: orders.total,
      refunded: orders.refundedAmount,
      discount: orders.discount,
      note: orders.note,
      placedAt: orders.placedAt,
      readyAt: orders.readyAt,
      arrivedAt: orders.arrivedAt,
      pickedUpAt: orders.pickedUpAt,
      noShowAt: orders.noShowAt,
    })
    .from(orders)
    .leftJoin(customers, eq(customers.id, orders.customerId))
    .leftJoin(tiers, eq(tiers.id, customers.tierId))
    .where(where)
    .orderBy(asc(orders.slotStart), asc(orders.placedAt), asc(orders.id))
    .all();
  if (rows.length === 0) return [];
  const items = db
    .select({ orderId: orderItems.orderId, name: orderItems.productName, quantity: orderItems.quantity, options: orderItems.options })
    .from(orderItems)
    .where(
      inArray(
        orderItems.orderId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(orderItems.id))
    .all();
  const itemsByOrder = new Map<number, RackCardItem[]>();
  for (const item of items) {
    const list = itemsByOrder.get(item.orderId) ?? [];
    list.push({ name: item.name, quantity: item.quantity, options: (item.options ?? []).map(optionLabel) });
    itemsByOrder.set(item.orderId, list);
  }
  return rows.map(({ phone, paymentStatus, customerName, ...r }) => ({
    ...r,
    customerName: customerName ?? "",
    phoneLast4: phoneLast4(phone),
    paid: paymentStatus === "paid",
    items: itemsByOrder.get(r.id) ?? [],
  }));
}

export function getRackCard({ db, orderId }: { db: DbOrTx; orderId: number }): RackCard | undefined {
  return listRackCards({ db, orderIds: [orderId] })[0];
}

/** The board for a date (default: the shop's today). */
export function loadRackBoard({ db, date, now = Date.now() }: { db: DbOrTx; date?: string; now?: number }): RackBoard {
  const settings = getShopSettings({ db });
  const day = date ?? localDate(now, settings.timezone);
  const refundedCancelled = Number(
    db
      .select({ n: sql<number>`coalesce(sum(${orders.refundedAmount}), 0)` })
      .from(orders)
      .where(and(eq(orders.pickupDate, day), inArray(orders.status, ["cancelled", "expired"])))
      .get()?.n ?? 0,
  );
  return {
    date: day,
    rackSlots: rackSlotLabels(settings),
    cards: listRackCards({ db, date: day }),
    serverNow: now,
    timezone: settings.timezone,
    refundedCancelled,
  };
}

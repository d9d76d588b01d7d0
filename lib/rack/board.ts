/**
 * What the rack board shows: a day's pre-orders as cards. A card carries only what staff
 * need at the rack — the customer's name and the last four digits of their phone, never the
 * full number.
 */
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { customers, orderItems, orders, type ChosenOption, type OrderStatus, type PaymentMethod } from "@/db/schema";
import { phoneLast4 } from "@/lib/customers/phone";
import { getShopSettings } from "@/lib/shop/settings";
import { localDate } from "@/lib/shop/time";
import { rackSlotLabels } from "./slots";

export type RackCardItem = { name: string; quantity: number; options: string[] };

export type RackCard = {
  id: number;
  code: string;
  pickupDate: string;
  status: OrderStatus;
  channel: "web" | "phone";
  customerName: string;
  phoneLast4: string;
  slotStart: string;
  slotEnd: string;
  rackSlot: string | null;
  paid: boolean;
  /** How it was paid, once paid at the counter. */
  paymentMethod: PaymentMethod | null;
  total: number;
  note: string;
  items: RackCardItem[];
  placedAt: number;
  readyAt: number | null;
  arrivedAt: number | null;
  pickedUpAt: number | null;
  noShowAt: number | null;
};

export type RackBoard = {
  date: string;
  rackSlots: string[];
  cards: RackCard[];
  /** Server time the snapshot was read, so tablets with a wrong clock still time waits right. */
  serverNow: number;
  /** The shop's zone, to tell which slots have ended on the tablet's clock. */
  timezone: string;
};


/** Waits longer than this after a customer arrives stand out on the board (docs/PRODUCT.md: "pickup under 2 minutes"). */
export const LONG_WAIT_MS = 2 * 60_000;

export function isLongWait(card: Pick<RackCard, "status" | "arrivedAt">, now: number): boolean {
  return card.status === "arrived" && card.arrivedAt !== null && now - card.arrivedAt > LONG_WAIT_MS;
}

export function optionLabel(option: ChosenOption): string {
  return option.group === option.choice ? option.choice : `${option.group}: ${option.choice}`;
}

/** Cards for one date (cancelled orders left out), or just the given order ids. */
export function listRackCards({ db, date, orderIds }: { db: DbOrTx; date?: string; orderIds?: number[] }): RackCard[] {
  const where = and(
    date ? eq(orders.pickupDate, date) : undefined,
    orderIds ? inArray(orders.id, orderIds.length ? orderIds : [-1]) : undefined,
    orderIds ? undefined : ne(orders.status, "cancelled"),
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
      slotStart: orders.slotStart,
      slotEnd: orders.slotEnd,
      rackSlot: orders.rackSlot,
      paymentStatus: orders.paymentStatus,
      paymentMethod: orders.paymentMethod,
      total: orders.total,
      note: orders.note,
      placedAt: orders.placedAt,
      readyAt: orders.readyAt,
      arrivedAt: orders.arrivedAt,
      pickedUpAt: orders.pickedUpAt,
      noShowAt: orders.noShowAt,
    })
    .from(orders)
    .leftJoin(customers, eq(customers.id, orders.customerId))
    .where(where)
    .orderBy(asc(orders.slotStart), asc(orders.placedAt), asc(orders.id))
    .all();
  if (rows.length === 0) return [];
  const items = db
    .select({ orderId: orderItems.orderId, name: orderItems.productName, quantity: orderItems.quantity, options: orderItems.options })
    .from(orderItems)
    .where(inArray(orderItems.orderId, rows.map((r) => r.id)))
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
  return { date: day, rackSlots: rackSlotLabels(settings), cards: listRackCards({ db, date: day }), serverNow: now, timezone: settings.timezone };
}

/**
 * The board's find box: a pickup code (case-insensitive, any part), the last four phone digits
 * as typed from the first one, or the name. Pure, so the tablet filters as staff type.
 */
export function matchesFind(card: Pick<RackCard, "code" | "phoneLast4" | "customerName">, query: string): boolean {
  const q = query.trim().toUpperCase().replace(/\s+/g, "");
  if (!q) return true;
  if (card.code.toUpperCase().includes(q)) return true;
  if (/^\d{1,4}$/.test(q) && card.phoneLast4.startsWith(q)) return true;
  return card.customerName.replace(/\s+/g, "").toUpperCase().includes(q);
}

/**
 * Orders as the owner and staff see them on the admin pages: a day's list with totals,
 * one order with its items, customer and timeline, and the counter-side changes
 * (cancel with a reason, paid/unpaid). Status changes go through the one state machine.
 */
import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import {
  customers,
  orderEvents,
  orderItems,
  orders,
  users,
  ORDER_CHANNELS,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  type Order,
  type OrderChannel,
  type OrderStatus,
  type PaymentMethod,
} from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { formatPhone, phoneLast4 } from "@/lib/customers/phone";
import { isClosedDate, slotLabel, slotsForDate, dateState, type DateState } from "@/lib/pickup/schedule";
import { loadSchedule } from "@/lib/shop/settings";
import { addDays, isDateString, localDate } from "@/lib/shop/time";
import { slotBookings } from "@/lib/pickup/slot-bookings";
import { recordOrderEvent, runOrderCommand, type Actor, type OrderCommand } from "./command";
import { changeOrderStatus, getOrderForUpdate } from "./status";

export const orderFilters = z.object({
  date: z.string().refine(isDateString).optional().catch(undefined),
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
  channel: z.enum(ORDER_CHANNELS).optional().catch(undefined),
  view: z.enum(["day", "upcoming"]).optional().catch(undefined),
});

export type OrderListRow = {
  id: number;
  code: string;
  channel: OrderChannel;
  status: OrderStatus;
  paymentStatus: "unpaid" | "paid";
  paymentMethod: PaymentMethod | null;
  slotStart: string;
  slotEnd: string;
  total: number;
  placedAt: number;
  customerName: string | null;
  phoneLast4: string;
  itemSummary: string;
};

/** `paidByMethod`: the paid total per method; `unknown` holds orders paid before methods were recorded. */
export type OrderTotals = {
  count: number;
  live: number;
  revenue: number;
  paid: number;
  paidByMethod: Record<PaymentMethod | "unknown", number>;
  byStatus: Record<OrderStatus, number>;
};

/**
 * The orders for a pickup date, by slot then time placed, with totals over the filtered
 * rows. Revenue counts every order that was not cancelled.
 */
export function listOrdersForDate({
  db,
  date,
  status,
  channel,
}: {
  db: DbOrTx;
  date: string;
  status?: OrderStatus;
  channel?: OrderChannel;
}): { rows: OrderListRow[]; totals: OrderTotals } {
  const base = db
    .select({
      id: orders.id,
      code: orders.code,
      channel: orders.channel,
      status: orders.status,
      paymentStatus: orders.paymentStatus,
      paymentMethod: orders.paymentMethod,
      slotStart: orders.slotStart,
      slotEnd: orders.slotEnd,
      total: orders.total,
      placedAt: orders.placedAt,
      customerName: customers.name,
      phone: customers.phone,
    })
    .from(orders)
    .leftJoin(customers, eq(customers.id, orders.customerId))
    .where(
      and(eq(orders.pickupDate, date), status ? eq(orders.status, status) : undefined, channel ? eq(orders.channel, channel) : undefined),
    )
    .orderBy(asc(orders.slotStart), asc(orders.placedAt))
    .all();
  const items = base.length
    ? db
        .select({ orderId: orderItems.orderId, name: orderItems.productName, quantity: orderItems.quantity })
        .from(orderItems)
        .where(
          inArray(
            orderItems.orderId,
            base.map((o) => o.id),
          ),
        )
        .orderBy(asc(orderItems.id))
        .all()
    : [];
  const summary = new Map<number, string[]>();
  for (const i of items) summary.set(i.orderId, [...(summary.get(i.orderId) ?? []), `${i.name} ×${i.quantity}`]);

  const byStatus = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
  let revenue = 0;
  let paid = 0;
  const paidByMethod = Object.fromEntries([...PAYMENT_METHODS, "unknown"].map((m) => [m, 0])) as OrderTotals["paidByMethod"];
  for (const o of base) {
    byStatus[o.status]++;
    if (countsAsBooked(o.status)) {
      revenue += o.total;
      if (o.paymentStatus === "paid") {
        paid += o.total;
        paidByMethod[o.paymentMethod ?? "unknown"] += o.total;
      }
    }
  }
  const rows = base.map(({ phone, ...o }) => ({ ...o, phoneLast4: phoneLast4(phone), itemSummary: (summary.get(o.id) ?? []).join(", ") }));
  return {
    rows,
    totals: {
      count: base.length,
      live: base.length - byStatus.cancelled - byStatus.expired - byStatus.awaiting_payment,
      revenue,
      paid,
      paidByMethod,
      byStatus,
    },
  };
}

/** Booked for the day's totals: not cancelled, not an expired hold, not still awaiting its prepayment. */
const countsAsBooked = (status: OrderStatus) => status !== "cancelled" && status !== "expired" && status !== "awaiting_payment";

export type UpcomingDay = { date: string; live: number; revenue: number; byStatus: Record<OrderStatus, number>; closed: boolean };

/**
 * The coming pickup days at a glance: for each date from `from` on, how many orders are
 * booked (cancelled ones apart), by status, and their value. Days the shop is closed are
 * marked, so an empty day reads as "closed" rather than "nobody ordered".
 */
export function upcomingOrderDays({ db, from, days = 14 }: { db: DbOrTx; from: string; days?: number }): UpcomingDay[] {
  const to = addDays(from, days - 1);
  const counts = db
    .select({
      date: orders.pickupDate,
      status: orders.status,
      n: sql<number>`count(*)`,
      total: sql<number>`coalesce(sum(${orders.total}), 0)`,
    })
    .from(orders)
    .where(and(gte(orders.pickupDate, from), lte(orders.pickupDate, to)))
    .groupBy(orders.pickupDate, orders.status)
    .all();
  const { settings, slots, closedDates } = loadSchedule({ db });
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(from, i);
    const byStatus = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
    let revenue = 0;
    for (const c of counts.filter((r) => r.date === date)) {
      byStatus[c.status] = Number(c.n);
      if (countsAsBooked(c.status)) revenue += Number(c.total);
    }
    const live = ORDER_STATUSES.reduce((sum, s) => (countsAsBooked(s) ? sum + byStatus[s] : sum), 0);
    return { date, live, revenue, byStatus, closed: isClosedDate(date, settings, closedDates) || slotsForDate(date, slots).length === 0 };
  });
}

/** One order for the admin detail page; owner and staff may see the customer's phone here. */
export function getOrderDetail({ db, id }: { db: DbOrTx; id: number }) {
  const order = db
    .select({
      id: orders.id,
      code: orders.code,
      channel: orders.channel,
      status: orders.status,
      paymentStatus: orders.paymentStatus,
      paymentMethod: orders.paymentMethod,
      pickupDate: orders.pickupDate,
      slotStart: orders.slotStart,
      slotEnd: orders.slotEnd,
      subtotal: orders.subtotal,
      discount: orders.discount,
      total: orders.total,
      note: orders.note,
      rackSlot: orders.rackSlot,
      placedAt: orders.placedAt,
      cancelReason: orders.cancelReason,
      customerId: orders.customerId,
      createdByUserId: orders.createdByUserId,
      prepaidAmount: orders.prepaidAmount,
      refundedAmount: orders.refundedAmount,
      refundOwed: orders.refundOwed,
    })
    .from(orders)
    .where(eq(orders.id, id))
    .get();
  if (!order) throw new AppError("not_found", { message: "order_not_found" });
  const customer = order.customerId
    ? db.select({ name: customers.name, phone: customers.phone }).from(customers).where(eq(customers.id, order.customerId)).get()
    : undefined;
  const items = db
    .select({
      id: orderItems.id,
      productName: orderItems.productName,
      unitPrice: orderItems.unitPrice,
      quantity: orderItems.quantity,
      options: orderItems.options,
      lineTotal: orderItems.lineTotal,
    })
    .from(orderItems)
    .where(eq(orderItems.orderId, id))
    .orderBy(asc(orderItems.id))
    .all();
  const events = db
    .select({
      id: orderEvents.id,
      kind: orderEvents.kind,
      fromStatus: orderEvents.fromStatus,
      toStatus: orderEvents.toStatus,
      amount: orderEvents.amount,
      providerMethod: orderEvents.providerMethod,
      rackSlot: orderEvents.rackSlot,
      fromRackSlot: orderEvents.fromRackSlot,
      paymentStatus: orderEvents.paymentStatus,
      paymentMethod: orderEvents.paymentMethod,
      actorType: orderEvents.actorType,
      actorName: users.name,
      note: orderEvents.note,
      at: orderEvents.at,
    })
    .from(orderEvents)
    .leftJoin(users, eq(users.id, orderEvents.actorUserId))
    .where(eq(orderEvents.orderId, id))
    .orderBy(desc(orderEvents.at), desc(orderEvents.id))
    .all();
  return {
    order,
    customer: customer ? { name: customer.name, phone: customer.phone ? formatPhone(customer.phone) : null } : null,
    items,
    events,
  };
}

export const cancelReasonInput = z.string().trim().min(1, "cancel_reason_required").max(200, "cancel_reason_too_long");

/** Cancel on the customer's behalf; stock and slot are released because cancelled orders hold neither. */
export function cancelOrderByStaff({
  db,
  orderId,
  reason,
  userId,
  now = Date.now(),
}: {
  db: Db;
  orderId: number;
  reason: string;
  userId: number;
  now?: number;
}) {
  const { reason: text } = parseOrThrow(z.object({ reason: cancelReasonInput }), { reason });
  return changeOrderStatus({
    db,
    orderId,
    to: "cancelled",
    actor: { type: "user", userId },
    now,
    note: text,
    extra: { cancelReason: text },
  });
}

// The stored note of a payment event (the typed `payment_method` column is what code reads).
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = { card: "카드", cash: "현금", transfer: "계좌이체", online: "선결제" }; // hangul-ok: stored event note

/**
 * Paid/unpaid inside an order command: a `payment` order event with the method, so open
 * boards show it at once. Setting the same status (and method) again changes nothing.
 */
export function applyPayment(
  cmd: OrderCommand,
  {
    order,
    paymentStatus,
    paymentMethod = null,
    actor,
  }: { order: Order; paymentStatus: "paid" | "unpaid"; paymentMethod?: PaymentMethod | null; actor: Actor },
): Order {
  const method = paymentStatus === "paid" ? paymentMethod : null;
  // Online payment is recorded only from the provider (lib/prepayment/prepay.ts); a prepaid order stays paid (refunds undo it).
  if (method === "online" || (order.prepaidAmount > 0 && paymentStatus === "unpaid"))
    throw new AppError("invalid_transition", { message: "payment_online_only" });
  if (order.paymentStatus === paymentStatus && (paymentStatus === "unpaid" || !method || order.paymentMethod === method)) return order;
  const updated = cmd.tx.update(orders).set({ paymentStatus, paymentMethod: method }).where(eq(orders.id, order.id)).returning().get();
  recordOrderEvent(cmd, { kind: "payment", before: order, after: updated, actor, note: method ? PAYMENT_METHOD_LABELS[method] : null });
  return updated;
}

/** Paid/unpaid at the counter (with how it was paid) in its own order command. */
export function setPaymentStatus({
  db,
  orderId,
  paymentStatus,
  paymentMethod,
  actor,
  now = Date.now(),
}: {
  db: Db;
  orderId: number;
  paymentStatus: "paid" | "unpaid";
  paymentMethod?: PaymentMethod | null;
  actor: Actor;
  now?: number;
}): Order {
  return runOrderCommand({ db, now }, (cmd) =>
    applyPayment(cmd, { order: getOrderForUpdate({ db: cmd.tx, orderId }), paymentStatus, paymentMethod, actor }),
  );
}

export type PhoneOrderDate = { date: string; state: DateState; slots: { label: string; remaining: number }[] };

/**
 * Dates staff can book a phone order for: today through the listing horizon, every day the
 * shop is open — also after the storefront cut-off (placeOrder allows that for phone orders).
 */
export function phoneOrderDates({ db, now = Date.now() }: { db: DbOrTx; now?: number }): PhoneOrderDate[] {
  const { settings, slots, closedDates } = loadSchedule({ db });
  const today = localDate(now, settings.timezone);
  const out: PhoneOrderDate[] = [];
  for (let i = 0; i <= settings.daysAhead; i++) {
    const date = addDays(today, i);
    if (isClosedDate(date, settings, closedDates)) continue;
    const daySlots = slotsForDate(date, slots);
    if (!daySlots.length) continue;
    const booked = slotBookings({ db, pickupDate: date });
    out.push({
      date,
      state: dateState(date, now, settings, slots, closedDates),
      slots: daySlots.map((s) => ({ label: slotLabel(s), remaining: Math.max(0, s.capacity - (booked.get(s.startTime) ?? 0)) })),
    });
  }
  return out;
}

/**
 * The order state machine. Every change goes through `changeOrderStatus`, which checks the
 * move against `TRANSITIONS`, stamps the status time, writes an order event (who, when) and
 * notifies live screens — the storefront, the rack, the admin pages and the API alike.
 */
import { and, desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { orderEvents, orders, pointsLedger, type Order, type OrderStatus } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { publishOrderChange } from "@/lib/events/order-events";
import { awardPurchasePoints } from "@/lib/points/policy";

export const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  placed: ["ready", "arrived", "picked_up", "no_show", "cancelled"],
  ready: ["arrived", "picked_up", "no_show", "cancelled"],
  arrived: ["picked_up", "no_show", "cancelled"],
  picked_up: [],
  no_show: [],
  cancelled: [],
};

export const FINAL_STATUSES: readonly OrderStatus[] = ["picked_up", "no_show", "cancelled"];

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export type Actor = { type: "user"; userId: number } | { type: "customer" } | { type: "api" } | { type: "system" };

const STAMP: Partial<Record<OrderStatus, keyof Order>> = {
  ready: "readyAt",
  arrived: "arrivedAt",
  picked_up: "pickedUpAt",
  no_show: "noShowAt",
  cancelled: "cancelledAt",
};

export function getOrderForUpdate({ db, orderId }: { db: DbOrTx; orderId: number }): Order {
  const order = db.select().from(orders).where(eq(orders.id, orderId)).get();
  if (!order) throw new AppError("not_found", { message: "order_not_found" });
  return order;
}

/**
 * Move one order to `to` inside an existing transaction. Leaving the rack (picked up,
 * no-show, cancelled) frees its rack slot; `extra` lets callers set fields in the same write.
 */
export function transitionInTx({
  tx,
  order,
  to,
  actor,
  now,
  note,
  extra = {},
}: {
  tx: DbOrTx;
  order: Order;
  to: OrderStatus;
  actor: Actor;
  now: number;
  note?: string | null;
  extra?: Partial<Order>;
}): Order {
  if (!canTransition(order.status, to)) {
    throw new AppError("invalid_transition", { message: "status_change_not_allowed", params: { from: order.status, to } });
  }
  const stamp = STAMP[to];
  const changes: Partial<Order> = { status: to, ...extra };
  if (stamp) (changes as Record<string, unknown>)[stamp] = now;
  if (to === "picked_up" || to === "no_show" || to === "cancelled") changes.rackSlot = null;
  // A pre-order becomes a purchase when it is picked up: it earns points then, by the one policy.
  if (to === "picked_up") {
    changes.pointsEarned = awardPurchasePoints({ db: tx, customerId: order.customerId, sourceType: "order", sourceId: order.id, total: order.total, now });
  }
  const updated = tx.update(orders).set(changes).where(eq(orders.id, order.id)).returning().get();
  tx.insert(orderEvents)
    .values({
      orderId: order.id,
      fromStatus: order.status,
      toStatus: to,
      actorType: actor.type,
      actorUserId: actor.type === "user" ? actor.userId : null,
      note: note ?? null,
      at: now,
    })
    .run();
  return updated;
}

/** Change an order's status in its own transaction and notify live screens. */
export function changeOrderStatus({
  db,
  orderId,
  to,
  actor,
  now = Date.now(),
  note,
  extra,
}: {
  db: Db;
  orderId: number;
  to: OrderStatus;
  actor: Actor;
  now?: number;
  note?: string | null;
  extra?: Partial<Order>;
}): Order {
  const updated = db.transaction(
    (tx) => transitionInTx({ tx, order: getOrderForUpdate({ db: tx, orderId }), to, actor, now, note, extra }),
    { behavior: "immediate" },
  );
  publishOrderChange({ orderId: updated.id, pickupDate: updated.pickupDate, status: updated.status, at: now });
  return updated;
}

/** How long after a status change its author may take it back (the rack's "되돌리기"). */
export const UNDO_WINDOW_MS = 15_000;

/**
 * Take back the last status change of an order, inside the caller's transaction. Only the
 * user who made it, only within `windowMs`, and only while the order is still in the status
 * that change produced — so an undo can never overwrite a later change by someone else.
 * The reversal is itself an order event (note "되돌리기"), the undone status's time stamp is
 * cleared, and points earned by an undone hand-over are taken back (the earn-once index
 * would otherwise block the credit when the order is handed over again).
 * Returns the order and the event that was undone; rack slot restoring is the caller's.
 */
export function undoLastChangeInTx({
  tx,
  order,
  actor,
  now,
  windowMs = UNDO_WINDOW_MS,
}: {
  tx: DbOrTx;
  order: Order;
  actor: { type: "user"; userId: number };
  now: number;
  windowMs?: number;
}): { order: Order; undone: typeof orderEvents.$inferSelect } {
  const last = tx.select().from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(desc(orderEvents.id)).limit(1).get();
  const nothing = new AppError("invalid_transition", { message: "undo_nothing" });
  if (!last || !last.fromStatus || last.toStatus !== order.status || last.note === UNDO_NOTE) throw nothing;
  if (last.actorType !== "user" || last.actorUserId !== actor.userId) throw new AppError("forbidden", { message: "undo_not_yours" });
  if (now - last.at > windowMs) throw new AppError("invalid_transition", { message: "undo_too_late" });
  const changes: Partial<Order> = { status: last.fromStatus as OrderStatus };
  const stamp = STAMP[order.status];
  if (stamp) (changes as Record<string, unknown>)[stamp] = null;
  if (order.status === "ready") changes.rackSlot = null;
  if (order.status === "picked_up") {
    tx.delete(pointsLedger)
      .where(and(eq(pointsLedger.sourceType, "order"), eq(pointsLedger.sourceId, order.id), eq(pointsLedger.reason, "earn")))
      .run();
    changes.pointsEarned = 0;
  }
  const updated = tx.update(orders).set(changes).where(eq(orders.id, order.id)).returning().get();
  tx.insert(orderEvents)
    .values({ orderId: order.id, fromStatus: order.status, toStatus: updated.status, actorType: "user", actorUserId: actor.userId, note: UNDO_NOTE, at: now })
    .run();
  return { order: updated, undone: last };
}

export const UNDO_NOTE = "되돌리기"; // hangul-ok: stored event note (typed events replace it)

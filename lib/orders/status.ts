/**
 * The order state machine. Every status change runs inside the one order command
 * (`runOrderCommand`, lib/orders/command.ts) through `applyStatusChange`, which checks the
 * move against `TRANSITIONS`, stamps the status time and writes the order event (who, when);
 * the command notifies live screens after commit — storefront, rack, admin and API alike.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { orderEvents, orders, purchaseReturns, type Order, type OrderEvent, type OrderStatus } from "@/db/schema";
import { releaseCouponUse, restoreCouponUse } from "@/lib/coupons/apply";
import { AppError } from "@/lib/errors";
import { awardPurchasePoints, reversePurchasePoints } from "@/lib/points/policy";
import { recordOrderEvent, runOrderCommand, type Actor, type OrderCommand } from "./command";
import { canTransition } from "./transitions";
import { statusStamp } from "@/lib/order-status-sets";
import { notifyRestock } from "@/lib/restock/alerts";
import { refundOwedOnLeaving } from "@/lib/payments/refunds";

export type { Actor } from "./command";

export { TRANSITIONS, canTransition } from "./transitions";

export function getOrderForUpdate({ db, orderId }: { db: DbOrTx; orderId: number }): Order {
  const order = db.select().from(orders).where(eq(orders.id, orderId)).get();
  if (!order) throw new AppError("not_found", { message: "order_not_found" });
  return order;
}

/**
 * Move one order to `to` inside an order command. Leaving the rack (picked up, no-show,
 * cancelled) frees its rack slot; `extra` lets callers set fields in the same write.
 */
export function applyStatusChange(
  cmd: OrderCommand,
  { order, to, actor, note, extra = {} }: { order: Order; to: OrderStatus; actor: Actor; note?: string | null; extra?: Partial<Order> },
): Order {
  if (!canTransition(order.status, to)) {
    throw new AppError("invalid_transition", { message: "status_change_not_allowed", params: { from: order.status, to } });
  }
  const { tx, now } = cmd;
  const stamp = statusStamp(to);
  const changes: Partial<Order> = { status: to, ...extra };
  if (stamp) (changes as Record<string, unknown>)[stamp] = now;
  if (to === "picked_up" || to === "no_show" || to === "cancelled") changes.rackSlot = null;
  // A prepaid order let go owes back all or part of its prepayment (sent after commit).
  const owed = refundOwedOnLeaving({ tx, order, to, now });
  if (owed !== null) changes.refundOwed = owed;
  // A pre-order becomes a purchase when it is picked up: it earns points then, by the one policy.
  if (to === "picked_up") {
    changes.pointsEarned = awardPurchasePoints({
      db: tx,
      customerId: order.customerId,
      sourceType: "order",
      sourceId: order.id,
      total: order.total,
      now,
    });
  }
  const updated = tx.update(orders).set(changes).where(eq(orders.id, order.id)).returning().get();
  recordOrderEvent(cmd, { kind: "status_change", before: order, after: updated, actor, note });
  // Loaves a cancellation frees go to whoever waits for them (in this same transaction).
  if (to === "cancelled") notifyRestock({ tx, now, date: order.pickupDate });
  if (to === "cancelled") releaseCouponUse({ tx, orderId: order.id, now });
  return updated;
}

/** Change an order's status in its own order command (transaction, event, live screens). */
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
  return runOrderCommand({ db, now }, (cmd) =>
    applyStatusChange(cmd, { order: getOrderForUpdate({ db: cmd.tx, orderId }), to, actor, note, extra }),
  );
}

/** How long after a status change its author may take it back (the rack's "되돌리기"). */
export const UNDO_WINDOW_MS = 15_000;

/**
 * Take back the last status change of an order, inside an order command. Only the user who
 * made it, only within `windowMs`, and only while the order is still in the status that
 * change produced — so an undo can never overwrite a later change by someone else. The
 * reversal is appended as an `undo` event naming the event it takes back; the undone
 * status's time stamp is cleared; points earned by an undone hand-over are reversed by a
 * ledger entry (the next hand-over earns them again). A bag the undone change took off the
 * rack goes back to that slot when `rackSlotFree(slot)` says nobody has taken it since. A
 * hand-over with a return recorded against it is not undone (`undo_after_return`).
 * Returns the order and the event that was undone.
 */
export function applyUndo(
  cmd: OrderCommand,
  {
    order,
    actor,
    windowMs = UNDO_WINDOW_MS,
    rackSlotFree,
  }: { order: Order; actor: { type: "user"; userId: number }; windowMs?: number; rackSlotFree?: (slot: string) => boolean },
): { order: Order; undone: OrderEvent } {
  const { tx, now } = cmd;
  const last = tx
    .select()
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, order.id), inArray(orderEvents.kind, ["status_change", "undo"])))
    .orderBy(desc(orderEvents.id))
    .limit(1)
    .get();
  const nothing = new AppError("invalid_transition", { message: "undo_nothing" });
  if (!last || last.kind === "undo" || !last.fromStatus || last.toStatus !== order.status) throw nothing;
  if (last.actorType !== "user" || last.actorUserId !== actor.userId) throw new AppError("forbidden", { message: "undo_not_yours" });
  if (now - last.at > windowMs) throw new AppError("invalid_transition", { message: "undo_too_late" });
  // Once part of a hand-over has come back as a return, the hand-over surely happened: undoing it
  // would leave a return on an order nobody picked up and take back points the return already
  // took back. The return is the record; the undo is refused.
  if (
    order.status === "picked_up" &&
    tx.select({ id: purchaseReturns.id }).from(purchaseReturns).where(eq(purchaseReturns.orderId, order.id)).limit(1).get()
  ) {
    throw new AppError("invalid_transition", { message: "undo_after_return" });
  }
  const back = last.fromStatus as OrderStatus;
  const changes: Partial<Order> = { status: back };
  const stamp = statusStamp(order.status);
  if (stamp) (changes as Record<string, unknown>)[stamp] = null;
  if (order.status === "ready") changes.rackSlot = null;
  // An undone no-show or cancel owes nothing more (refunds wait out the undo window).
  if (order.refundOwed > order.refundedAmount) changes.refundOwed = order.refundedAmount;
  const slotLeft = last.fromRackSlot;
  if ((back === "ready" || back === "arrived") && slotLeft && !order.rackSlot && rackSlotFree?.(slotLeft)) changes.rackSlot = slotLeft;
  if (order.status === "picked_up") {
    reversePurchasePoints({ db: tx, sourceType: "order", sourceId: order.id, userId: actor.userId, now });
    changes.pointsEarned = 0;
  }
  if (order.status === "cancelled") restoreCouponUse({ tx, orderId: order.id });
  const updated = tx.update(orders).set(changes).where(eq(orders.id, order.id)).returning().get();
  recordOrderEvent(cmd, { kind: "undo", before: order, after: updated, actor, reversesEventId: last.id });
  return { order: updated, undone: last };
}

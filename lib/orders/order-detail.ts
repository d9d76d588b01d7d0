import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orderEvents, orderItems, type Order, type OrderItem, type OrderStatus } from "@/db/schema";

export type OrderDetail = {
  order: Order;
  items: OrderItem[];
  /** The status changes that stand, oldest first: a change staff took back is left out with its undo. */
  timeline: { status: OrderStatus; at: number }[];
  customerName: string | null;
};

/**
 * One order with its lines and status history, for the customer's own view (order page,
 * `GET /api/v1/storefront/orders/{token}`). Of the customer only the name typed on the order:
 * the link may be forwarded to whoever picks the bag up.
 */
export function getOrderDetail({ db, order }: { db: DbOrTx; order: Order }): OrderDetail {
  const items = db.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.id)).all();
  const events = db
    .select({
      id: orderEvents.id,
      kind: orderEvents.kind,
      toStatus: orderEvents.toStatus,
      reversesEventId: orderEvents.reversesEventId,
      at: orderEvents.at,
    })
    .from(orderEvents)
    .where(eq(orderEvents.orderId, order.id))
    // Insertion order is history order; `at` may tie within one millisecond.
    .orderBy(asc(orderEvents.id))
    .all();
  const undone = new Set(events.filter((e) => e.kind === "undo").map((e) => e.reversesEventId));
  const timeline = events
    .filter((e) => e.kind === "status_change" && !undone.has(e.id))
    .map((e) => ({ status: e.toStatus as OrderStatus, at: e.at }));
  // The name typed on this order, never the stored customer's: whoever typed the phone
  // number may not be its owner.
  return { order, items, timeline, customerName: order.customerName };
}

/**
 * The one writer of an order row with its lines and its status history: placement, the CSV
 * import and the demo shop all go through it. The caller decides the status and its
 * timestamps; the token and the pickup code are made here. A live placement records its
 * event through `recordOrderEvent` (it queues the customer's messages) and passes no history;
 * past orders (import, demo) pass the steps they went through, written as they are.
 */
import type { DbOrTx } from "@/db/client";
import { insertReturning, insertRows } from "@/db/prepared";
import { orderEvents, orderItems, orders, type ChosenOption, type NewOrder, type Order, type OrderStatus } from "@/db/schema";
import { newToken } from "@/lib/customers/customers";
import { refreshOutcomeDays } from "@/lib/purchases/outcomes";
import { refreshPurchaseSequence } from "@/lib/purchases/sequence";
import { generatePickupCode } from "./pickup-code";

export type OrderLineRecord = { productId: number; productName: string; unitPrice: number; quantity: number; options?: ChosenOption[] };

/** One status the order reached, from the first (`placed`, or the imported status) on. */
export type OrderHistoryStep = {
  to: OrderStatus;
  at: number;
  actorType: "user" | "customer" | "system";
  actorUserId?: number | null;
  note?: string | null;
};

export function writeOrderRecord(
  tx: DbOrTx,
  {
    order,
    lines,
    history = [],
    deferSequence = false,
  }: {
    order: Omit<NewOrder, "token" | "code">;
    lines: readonly OrderLineRecord[];
    history?: readonly OrderHistoryStep[];
    /** The caller refreshes the purchase sequence itself later in the same transaction (a batch: the demo history). */
    deferSequence?: boolean;
  },
): Order {
  const row = insertReturning(tx, "orders.insert", orders, {
    token: newToken(),
    code: generatePickupCode({ db: tx, pickupDate: order.pickupDate }),
    ...order,
  });
  insertRows(
    tx,
    "order-items.insert",
    orderItems,
    lines.map((l) => ({
      orderId: row.id,
      productId: l.productId,
      productName: l.productName,
      unitPrice: l.unitPrice,
      quantity: l.quantity,
      options: l.options,
      lineTotal: l.unitPrice * l.quantity,
    })),
  );
  if (history.length) {
    tx.insert(orderEvents)
      .values(
        history.map((e, i) => ({
          orderId: row.id,
          fromStatus: i === 0 ? null : history[i - 1].to,
          toStatus: e.to,
          actorType: e.actorType,
          actorUserId: e.actorUserId ?? null,
          note: e.note ?? null,
          at: e.at,
        })),
      )
      .run();
  }
  // An order written as already picked up (import, demo history) is a purchase from the start;
  // any other new order is in no customer's purchase sequence yet.
  if (!deferSequence && row.status === "picked_up") refreshPurchaseSequence(tx, { orderIds: [row.id] });
  // An order written with a final status (import, demo history) counts in its date's outcomes.
  refreshOutcomeDays(tx, null, row);
  return row;
}

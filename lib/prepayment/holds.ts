/**
 * Holds of orders awaiting prepayment. An order placed for prepayment is `awaiting_payment`
 * with `hold_until`: until then it counts against stock and its slot like any live order
 * (see lib/order-holds.ts). Once that time passes it stops counting in every read, and the sweeper
 * (`expireHolds`, run by the server's worker and by `npm run cli -- payments-sweep`) moves it
 * to `expired` through the order command, as an order event by the system.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders, type Order } from "@/db/schema";
import { runOrderCommand } from "@/lib/orders/command";
import { applyStatusChange } from "@/lib/orders/status";
import { endedHolds } from "@/lib/order-holds";

/** Move every ended hold (or only `orderId`'s) to `expired`. Returns the orders expired. */
export function expireHolds({ db, now = Date.now(), orderId }: { db: Db; now?: number; orderId?: number }): Order[] {
  // A read first: most sweeps find nothing and need no write lock.
  if (
    !db
      .select({ id: orders.id })
      .from(orders)
      .where(and(endedHolds(now), orderId ? eq(orders.id, orderId) : undefined))
      .limit(1)
      .get()
  )
    return [];
  return runOrderCommand({ db, now }, (cmd) => {
    const ended = cmd.tx
      .select()
      .from(orders)
      .where(and(endedHolds(now), orderId ? eq(orders.id, orderId) : undefined))
      .all();
    return ended.map((order) => applyStatusChange(cmd, { order, to: "expired", actor: { type: "system" } }));
  });
}

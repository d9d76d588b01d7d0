/**
 * Pre-order outcomes per pickup date (table `preorder_outcome_days`): how many pre-orders of the
 * date have a final status, picked up, no-show, prepaid and prepaid no-show — what the outcome
 * rates, the no-show split by payment and the weekly outcome chart sum (lib/metrics/metrics.ts
 * `outcomeDays`).
 *
 * It is derived data. An order's status, prepayment and pickup date change only through
 * `recordOrderEvent` (lib/orders/command.ts, given the row before and after) or are written with
 * the row by the order record writer (import, demo); both call `refreshOutcomeDays` in their
 * transaction, which moves the order's count from its date and kind before to those after.
 * `rebuildOutcomeDays` (part of `rebuild-metrics`) recomputes every date from the orders.
 */
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { Order } from "@/db/schema";

const FINAL = new Set(["picked_up", "no_show", "cancelled"]);

type OutcomeKey = Pick<Order, "pickupDate" | "status" | "prepaidAmount">;

/** What an order adds to its date's counts: nothing unless its status is final. */
const counted = (o: OutcomeKey | null | undefined): string | null =>
  o && FINAL.has(o.status) ? `${o.pickupDate}|${o.status}|${o.prepaidAmount > 0}` : null;

/**
 * Move an order's count from what it was (`before`: the row before the change, read in this
 * transaction; null for a new order) to what it is: one upsert per side, so the cost does not
 * grow with the orders of the date. A date left with no final order loses its row, as a rebuild
 * would have none.
 */
export function refreshOutcomeDays(tx: DbOrTx, before: OutcomeKey | null, after: OutcomeKey): void {
  const was = counted(before);
  const is = counted(after);
  if (was === is) return;
  if (was) add(tx, before!, -1);
  if (is) add(tx, after, 1);
}

function add(tx: DbOrTx, o: OutcomeKey, sign: 1 | -1): void {
  const pu = o.status === "picked_up" ? sign : 0;
  const ns = o.status === "no_show" ? sign : 0;
  const pn = o.prepaidAmount > 0 ? sign : 0;
  const pns = o.prepaidAmount > 0 ? ns : 0;
  tx.run(sql`INSERT INTO preorder_outcome_days (pickup_date, final, picked_up, no_show, prepaid, prepaid_no_show)
             VALUES (${o.pickupDate}, ${sign}, ${pu}, ${ns}, ${pn}, ${pns})
             ON CONFLICT (pickup_date) DO UPDATE SET final = final + excluded.final, picked_up = picked_up + excluded.picked_up,
               no_show = no_show + excluded.no_show, prepaid = prepaid + excluded.prepaid, prepaid_no_show = prepaid_no_show + excluded.prepaid_no_show`);
  if (sign < 0) tx.run(sql`DELETE FROM preorder_outcome_days WHERE pickup_date = ${o.pickupDate} AND final = 0`);
}

/** Recompute every date's counts from the orders (inside the caller's transaction). */
export function rebuildOutcomeDays(tx: DbOrTx): void {
  tx.run(sql`DELETE FROM preorder_outcome_days`);
  tx.run(sql`
    INSERT INTO preorder_outcome_days (pickup_date, final, picked_up, no_show, prepaid, prepaid_no_show)
    SELECT pickup_date, count(*), sum(status = 'picked_up'), sum(status = 'no_show'), sum(prepaid_amount > 0), sum(prepaid_amount > 0 AND status = 'no_show')
      FROM orders WHERE status IN ('picked_up', 'no_show', 'cancelled') GROUP BY pickup_date`);
}

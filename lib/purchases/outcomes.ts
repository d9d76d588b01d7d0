/**
 * Pre-order outcomes per pickup date (table `preorder_outcome_days`): how many pre-orders of the
 * date have a final status, picked up, no-show, prepaid and prepaid no-show — what the outcome
 * rates, the no-show split by payment and the weekly outcome chart sum (lib/metrics/metrics.ts
 * `outcomeDays`).
 *
 * It is derived data. An order's status, prepayment and pickup date change only through
 * `recordOrderEvent` (lib/orders/command.ts, given the row before and after) or are written with
 * the row by the order record writer (import, demo); both call `refreshOutcomeDays` in their
 * transaction, which recomputes the dates whose counts can have changed from the orders'
 * (pickup_date, status, prepaid_amount) index — a read of that date's final orders.
 * `rebuildOutcomeDays` (part of `rebuild-metrics`) recomputes every date.
 */
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { Order } from "@/db/schema";

const FINAL = new Set(["picked_up", "no_show", "cancelled"]);

type OutcomeKey = Pick<Order, "pickupDate" | "status" | "prepaidAmount">;

/** What an order adds to its date's counts: nothing unless its status is final. */
const counted = (o: OutcomeKey | null | undefined): string | null =>
  o && FINAL.has(o.status) ? `${o.pickupDate}|${o.status}|${o.prepaidAmount > 0}` : null;

/** The INSERT … SELECT of the outcome counts of the dates `which` selects (an SQL condition on `pickup_date`). */
const insertSql = (which: SQL) => sql`
  INSERT INTO preorder_outcome_days (pickup_date, final, picked_up, no_show, prepaid, prepaid_no_show)
  SELECT pickup_date, count(*), sum(status = 'picked_up'), sum(status = 'no_show'), sum(prepaid_amount > 0), sum(prepaid_amount > 0 AND status = 'no_show')
    FROM orders WHERE status IN ('picked_up', 'no_show', 'cancelled') AND pickup_date ${which} GROUP BY pickup_date`;

/**
 * Recompute the counts of the dates an order change touched (`before`: the row before, null for
 * a new order). Nothing to do when neither row counts or both count the same way.
 */
export function refreshOutcomeDays(tx: DbOrTx, before: OutcomeKey | null, after: OutcomeKey): void {
  const was = counted(before);
  const is = counted(after);
  if (was === is) return;
  const dates = new Set<string>();
  if (was) dates.add(before!.pickupDate);
  if (is) dates.add(after.pickupDate);
  for (const date of dates) {
    tx.run(sql`DELETE FROM preorder_outcome_days WHERE pickup_date = ${date}`);
    tx.run(insertSql(sql`= ${date}`));
  }
}

/** Recompute every date's counts (inside the caller's transaction). */
export function rebuildOutcomeDays(tx: DbOrTx): void {
  tx.run(sql`DELETE FROM preorder_outcome_days`);
  tx.run(insertSql(sql`IS NOT NULL`));
}

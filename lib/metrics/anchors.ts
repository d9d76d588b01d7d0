/**
 * The anchored metrics' one pass over the purchase sequence (lib/purchases/sequence.ts): revisit,
 * channel switch and clv_180 all count the same anchors.
 */
import type { Db } from "@/db/client";
import type { MetricRange } from "./range";
import { baseParams, one } from "./sql";

/**
 * The anchors of a range in the purchase sequence (lib/purchases/sequence.ts): for each identified
 * customer with a purchase in range, the row standing for their first purchase day in range.
 */
export const sequenceAnchors = `FROM customer_purchases
  WHERE first_of_day = 1 AND day >= @fd AND day <= @td AND (prev_day IS NULL OR prev_day < @fd)`;

/**
 * What the anchored metrics count, in one pass of the purchase sequence's day index: for each
 * anchor (a customer's first purchase day in range) whether it is observable and followed within
 * 30/60 days (revisit) or within 60 days through another channel (channel switch); and for the
 * anchors that are the customer's first purchase ever, their 180-day value (clv_180).
 */
export type AnchorSums = Record<
  "anchors" | "e30" | "r30" | "e60" | "r60" | "switched" | "new_customers" | "clv_n" | "clv_total",
  number | null
>;
export function anchorSums({ db, range }: { db: Db; range: MetricRange }): AnchorSums {
  return one<AnchorSums>(
    db,
    `SELECT count(*) AS anchors,
            sum(day + 30 < @tday) AS e30, sum(day + 30 < @tday AND next_day - day <= 30) AS r30,
            sum(day + 60 < @tday) AS e60, sum(day + 60 < @tday AND next_day - day <= 60) AS r60,
            sum(day + 60 < @tday AND next_other_day - day <= 60) AS switched,
            sum(prev_day IS NULL) AS new_customers, sum(prev_day IS NULL AND day + 180 < @tday) AS clv_n,
            sum(CASE WHEN prev_day IS NULL AND day + 180 < @tday THEN value_180 END) AS clv_total ${sequenceAnchors}`,
    baseParams(range),
  );
}

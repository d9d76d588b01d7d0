/**
 * The anchored metrics' one pass over the purchase sequence (lib/purchases/sequence.ts): revisit,
 * channel switch and clv_180 all count the same anchors.
 */
import type { Db } from "@/db/client";
import type { MetricRange } from "./range";
import { baseParams, one } from "./sql";

/**
 * What the anchored metrics count, in one pass of the purchase sequence's day index: for each
 * anchor (a customer's first purchase day in range) whether it is observable and followed within
 * 30/60 days (revisit) or within 60 days through another channel (channel switch); and for the
 * anchors that are the customer's first purchase ever, their 180-day value (clv_180); and how
 * many anchors' customers bought through one channel only in range (no other channel that day,
 * none later up to `to`), and those customers' revenue in range (one seek each on the customer
 * index, from the anchor day to `to`: all their purchases in range).
 */
export type AnchorSums = Record<
  "anchors" | "e30" | "r30" | "e60" | "r60" | "switched" | "new_customers" | "clv_n" | "clv_total" | "single" | "single_revenue",
  number | null
>;
export function anchorSums({ db, range }: { db: Db; range: MetricRange }): AnchorSums {
  // The anchors are the range's customer-days whose previous purchase day is before the range:
  // one seek per day of the range on the (day, prev_day) index reads only them, and a second
  // per day the customers' first days ever (prev_day null).
  const anchor = (prev: string) =>
    `SELECT day, prev_day, next_day, next_other_day, value_180, day_mixed, customer_id FROM range_days
       CROSS JOIN customer_purchases INDEXED BY customer_purchases_days ON first_of_day = 1 AND day = range_days.d AND ${prev}`;
  return one<AnchorSums>(
    db,
    `WITH RECURSIVE range_days(d) AS (SELECT @fd UNION ALL SELECT d + 1 FROM range_days WHERE d < @td),
          a AS (${anchor("prev_day < @fd")} UNION ALL ${anchor("prev_day IS NULL")})
     SELECT count(*) AS anchors,
            sum(day + 30 < @tday) AS e30, sum(day + 30 < @tday AND next_day - day <= 30) AS r30,
            sum(day + 60 < @tday) AS e60, sum(day + 60 < @tday AND next_day - day <= 60) AS r60,
            sum(day + 60 < @tday AND next_other_day - day <= 60) AS switched,
            sum(prev_day IS NULL) AS new_customers, sum(prev_day IS NULL AND day + 180 < @tday) AS clv_n,
            sum(CASE WHEN prev_day IS NULL AND day + 180 < @tday THEN value_180 END) AS clv_total,
            sum(NOT day_mixed AND (next_other_day IS NULL OR next_other_day > @td)) AS single,
            sum(CASE WHEN NOT day_mixed AND (next_other_day IS NULL OR next_other_day > @td) THEN
                  (SELECT sum(s.total) FROM customer_purchases s INDEXED BY customer_purchases_customer
                    WHERE s.customer_id = a.customer_id AND s.day >= a.day AND s.day <= @td) END) AS single_revenue FROM a`,
    baseParams(range),
  );
}

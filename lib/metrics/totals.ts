/**
 * Purchase counts, totals and refunds of a range by channel — what `revenue`,
 * `average_order_value` and `return_rate` are made of — from the per-day sums (one row per day
 * and channel) plus the range's returns, read from the returns side (there are few).
 */
import type { Db } from "@/db/client";
import type { Channel } from "./metrics";
import type { MetricRange } from "./range";
import { baseParams, one, all } from "./sql";

export type ChannelTotals = { count: number; total: number; refunded: number; returned: number };
export type PurchaseTotals = Record<Channel, ChannelTotals>;

/** The range's purchase counts and totals by channel from the per-day sums (table `purchase_days`, lib/purchases/sequence.ts). */
const daySumsSql = `SELECT sum(CASE WHEN channel = 'web' THEN purchases END) AS web_n, sum(CASE WHEN channel = 'web' THEN total END) AS web_t,
         sum(CASE WHEN channel = 'phone' THEN purchases END) AS phone_n, sum(CASE WHEN channel = 'phone' THEN total END) AS phone_t,
         sum(CASE WHEN channel = 'store' THEN purchases END) AS store_n, sum(CASE WHEN channel = 'store' THEN total END) AS store_t
    FROM purchase_days WHERE day >= @fd AND day <= @td`;

/** The same from the orders and sales themselves: the reference the per-day sums are checked against. */
const scanSumsSql = `SELECT * FROM
   (SELECT sum(channel = 'web') AS web_n, sum(CASE WHEN channel = 'web' THEN total END) AS web_t,
           sum(channel = 'phone') AS phone_n, sum(CASE WHEN channel = 'phone' THEN total END) AS phone_t
      FROM orders WHERE picked_up_at >= @s AND picked_up_at < @e AND status = 'picked_up'),
   (SELECT count(*) AS store_n, sum(total) AS store_t FROM store_sales WHERE occurred_at >= @s AND occurred_at < @e)`;

export function purchaseTotals({ db, range, scan = false }: { db: Db; range: MetricRange; scan?: boolean }): PurchaseTotals {
  const p = baseParams(range);
  const o = one<Record<string, number | null>>(db, scan ? scanSumsSql : daySumsSql, p);
  // CROSS JOIN keeps the returns as the outer loop (each one seeks its purchase), never the range's purchases.
  const returns = all<{ ch: Channel; refunded: number | null; returned: number }>(
    db,
    `SELECT o.channel AS ch, sum(r.refund) AS refunded, count(DISTINCT r.order_id) AS returned
       FROM purchase_returns r CROSS JOIN orders o ON o.id = r.order_id
      WHERE o.picked_up_at >= @s AND o.picked_up_at < @e AND o.status = 'picked_up' GROUP BY o.channel
     UNION ALL
     SELECT 'store', sum(r.refund), count(DISTINCT r.sale_id)
       FROM purchase_returns r CROSS JOIN store_sales x ON x.id = r.sale_id WHERE x.occurred_at >= @s AND x.occurred_at < @e`,
    p,
  );
  const make = (count: number | null, total: number | null): ChannelTotals => ({
    count: Number(count ?? 0),
    total: Number(total ?? 0),
    refunded: 0,
    returned: 0,
  });
  const out: PurchaseTotals = { web: make(o.web_n, o.web_t), phone: make(o.phone_n, o.phone_t), store: make(o.store_n, o.store_t) };
  for (const r of returns) {
    out[r.ch].refunded += Number(r.refunded ?? 0);
    out[r.ch].returned += r.returned;
  }
  return out;
}

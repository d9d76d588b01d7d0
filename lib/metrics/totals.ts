/**
 * Purchase counts, totals and refunds of a range by channel — what `revenue`,
 * `average_order_value` and `return_rate` are made of — in one pass over each purchase table's
 * covering index (conditional sums, no grouping of the rows) plus the range's returns, read
 * from the returns side (there are few).
 */
import type { Db } from "@/db/client";
import type { Channel } from "./metrics";
import type { MetricRange } from "./range";
import { baseParams, one, all } from "./sql";

export type ChannelTotals = { count: number; total: number; refunded: number; returned: number };
export type PurchaseTotals = Record<Channel, ChannelTotals>;

export function purchaseTotals({ db, range }: { db: Db; range: MetricRange }): PurchaseTotals {
  const p = baseParams(range);
  const o = one<Record<string, number | null>>(
    db,
    `SELECT sum(channel = 'web') AS web_n, sum(CASE WHEN channel = 'web' THEN total END) AS web_t,
            sum(channel = 'phone') AS phone_n, sum(CASE WHEN channel = 'phone' THEN total END) AS phone_t
       FROM orders WHERE picked_up_at >= @s AND picked_up_at < @e AND status = 'picked_up'`,
    p,
  );
  const x = one<{ n: number; t: number | null }>(
    db,
    `SELECT count(*) AS n, sum(total) AS t FROM store_sales WHERE occurred_at >= @s AND occurred_at < @e`,
    p,
  );
  const returns = all<{ ch: Channel; refunded: number | null; returned: number }>(
    db,
    `SELECT o.channel AS ch, sum(r.refund) AS refunded, count(DISTINCT r.order_id) AS returned
       FROM purchase_returns r JOIN orders o ON o.id = r.order_id
      WHERE o.picked_up_at >= @s AND o.picked_up_at < @e AND o.status = 'picked_up' GROUP BY o.channel
     UNION ALL
     SELECT 'store', sum(r.refund), count(DISTINCT r.sale_id)
       FROM purchase_returns r JOIN store_sales x ON x.id = r.sale_id WHERE x.occurred_at >= @s AND x.occurred_at < @e`,
    p,
  );
  const make = (count: number | null, total: number | null): ChannelTotals => ({
    count: Number(count ?? 0),
    total: Number(total ?? 0),
    refunded: 0,
    returned: 0,
  });
  const out: PurchaseTotals = { web: make(o.web_n, o.web_t), phone: make(o.phone_n, o.phone_t), store: make(x.n, x.t) };
  for (const r of returns) {
    out[r.ch].refunded += Number(r.refunded ?? 0);
    out[r.ch].returned += r.returned;
  }
  return out;
}

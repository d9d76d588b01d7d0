/** The rows behind the loyalty tiles (lib/metrics/loyalty.ts), for the dashboard's drill-down. */
import type { Db } from "@/db/client";
import { drilldownQuery, type DrilldownRow } from "./drilldown-rows";
import { currentRate, ratedPurchasesSql } from "./loyalty";
import type { MetricRange } from "./range";
import { int, localDay, purchasesSql } from "./sql";
import type { LOYALTY_TILE_KEYS } from "./loyalty-tiles";

const who = (alias: string) =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE coalesce(${alias}.name, '') || ' · ' || coalesce(substr(${alias}.phone, -4), '') END`;
const refundOf = (kind: string, id: string) =>
  `CASE ${kind} WHEN 'order' THEN (SELECT sum(refund) FROM purchase_returns WHERE order_id = ${id}) ELSE (SELECT sum(refund) FROM purchase_returns WHERE sale_id = ${id}) END`;

export function loyaltyDrilldown({
  db,
  range,
  metric,
  limit,
}: {
  db: Db;
  range: MetricRange;
  metric: (typeof LOYALTY_TILE_KEYS)[number];
  limit: number;
}): DrilldownRow[] {
  const q = drilldownQuery({ db, range, limit });
  switch (metric) {
    case "clv_180":
      // Each new customer of the range: first date, value over 180 days net of refunds (null flag: too recent).
      return q(
        `WITH inr AS (SELECT c, min(at) AS first_at FROM (${purchasesSql({ identifiedOnly: true })}) GROUP BY c),
              a AS (SELECT c, first_at, ${localDay("first_at")} AS d, ((first_at + ${int("@off")}) / 86400000 + 181) * 86400000 - ${int("@off")} AS until FROM inr b
                     WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = b.c AND o.status = 'picked_up' AND o.picked_up_at < @s)
                       AND NOT EXISTS (SELECT 1 FROM store_sales x WHERE x.customer_id = b.c AND x.occurred_at < @s))
         SELECT 'customer' AS kind, a.c AS id, ${who("cu")} AS customer, a.d AS date,
                coalesce((SELECT sum(o.total - coalesce((SELECT sum(r.refund) FROM purchase_returns r WHERE r.order_id = o.id), 0)) FROM orders o
                           WHERE o.customer_id = a.c AND o.status = 'picked_up' AND o.picked_up_at >= a.first_at AND o.picked_up_at < a.until), 0)
              + coalesce((SELECT sum(x.total - coalesce((SELECT sum(r.refund) FROM purchase_returns r WHERE r.sale_id = x.id), 0)) FROM store_sales x
                           WHERE x.customer_id = a.c AND x.occurred_at >= a.first_at AND x.occurred_at < a.until), 0) AS amount,
                CASE WHEN julianday(a.d) + 180 < julianday(@today) THEN 1 END AS flag
           FROM a LEFT JOIN customers cu ON cu.id = a.c ORDER BY flag IS NULL, amount DESC LIMIT @limit`,
      );
    case "return_rate":
      return q(
        `WITH p AS (SELECT 'order' AS kind, id, customer_id AS c, picked_up_at AS at, channel AS ch, total FROM orders
                     WHERE picked_up_at >= @s AND picked_up_at < @e AND status = 'picked_up'
                    UNION ALL SELECT 'sale', id, customer_id, occurred_at, 'store', total FROM store_sales WHERE occurred_at >= @s AND occurred_at < @e)
         SELECT p.kind, p.id, ${who("cu")} AS customer, p.at, p.ch AS channel, p.total AS amount, ${refundOf("p.kind", "p.id")} AS measure,
                ${refundOf("p.kind", "p.id")} IS NOT NULL AS flag
           FROM p LEFT JOIN customers cu ON cu.id = p.c ORDER BY flag DESC, p.at DESC LIMIT @limit`,
      );
    case "store_identification_rate":
      return q(
        `SELECT 'sale' AS kind, x.id, ${who("cu")} AS customer, x.occurred_at AS at, 'store' AS channel, x.total AS amount,
                CASE WHEN x.customer_id IS NULL THEN NULL WHEN x.claimed_at IS NULL THEN 'counter' WHEN x.claim_confirmed THEN 'claimed' ELSE 'claim_unconfirmed' END AS status,
                x.customer_id IS NOT NULL AS flag
           FROM store_sales x LEFT JOIN customers cu ON cu.id = x.customer_id
          WHERE x.occurred_at >= @s AND x.occurred_at < @e ORDER BY flag, x.occurred_at DESC LIMIT @limit`,
      );
    case "points_rate_history":
      // One row per rate applied to the range's identified purchases: first – last date used, how many purchases (measure); ✓ = the base rate now.
      return q(
        `SELECT 'rate' AS kind, rate AS id, ${localDay("min(at)")} || ' – ' || ${localDay("max(at)")} AS customer, count(*) AS measure, rate = @rate AS flag
           FROM (${ratedPurchasesSql}) GROUP BY rate ORDER BY min(at) LIMIT @limit`,
        { rate: currentRate(db) },
      );
  }
}

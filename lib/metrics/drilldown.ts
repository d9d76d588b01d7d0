/**
 * The orders, sales and customers behind a metric, for the dashboard's drill-down. Same
 * filters as the metric (see metrics.ts); at most `limit` rows, the ones worth a look first.
 * Customer phones are never listed — only the last four digits.
 */
import type { Db } from "@/db/client";
import { getShopSettings } from "@/lib/shop/settings";
import type { MetricRange } from "./range";
import { drilldownQuery, type DrilldownRow } from "./drilldown-rows";
import { int, localDay, purchasesSql } from "./sql";
import { policyPointsSql, ratedPurchasesSql } from "./loyalty";
import { loyaltyDrilldown } from "./loyalty-drilldown";
import { leadTimeMs, TARGETS } from "./metrics";
import { TILE_KEYS } from "./tiles";
import { loyaltySalesDrilldown } from "./loyalty-sales";

/** The north star and every supporting tile can be opened to the rows behind it. */
export const DRILLDOWN_KEYS = ["revisit_rate_30", "revisit_rate_60", ...TILE_KEYS] as const;
export type DrilldownKey = (typeof DRILLDOWN_KEYS)[number];

export type { DrilldownRow };

const who = (alias: string) =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE coalesce(${alias}.name, '') || ' · ' || coalesce(substr(${alias}.phone, -4), '') END`;

export function drilldown({
  db,
  range,
  metric,
  limit = 200,
}: {
  db: Db;
  range: MetricRange;
  metric: DrilldownKey;
  limit?: number;
}): DrilldownRow[] {
  const q = drilldownQuery({ db, range, limit });
  switch (metric) {
    case "revisit_rate_30":
    case "revisit_rate_60": {
      const n = metric === "revisit_rate_30" ? 30 : 60;
      // Each anchored customer: the anchor date, days to the next purchase date, revisited or not (null: too recent).
      return q(
        `WITH p AS (${purchasesSql({ identifiedOnly: true, to: "@fe" })}),
              days AS (SELECT DISTINCT c, ${localDay("at")} AS d FROM p),
              seq AS (SELECT c, d, lead(d) OVER (PARTITION BY c ORDER BY d) AS nd, row_number() OVER (PARTITION BY c ORDER BY d) AS rn FROM days)
         SELECT 'customer' AS kind, s.c AS id, ${who("cu")} AS customer, s.d AS date,
                CAST(julianday(s.nd) - julianday(s.d) AS INTEGER) AS measure,
                CASE WHEN julianday(s.d) + ${n} < julianday(@today) THEN coalesce(julianday(s.nd) - julianday(s.d) <= ${n}, 0) END AS flag
           FROM seq s LEFT JOIN customers cu ON cu.id = s.c WHERE s.rn = 1 AND s.d <= @to ORDER BY flag IS NULL, flag, s.d LIMIT @limit`,
      );
    }
    case "pickup_lead_time":
      return q(
        `SELECT 'order' AS kind, o.id, ${who("cu")} AS customer, o.pickup_date AS date, o.picked_up_at AS at, o.channel, o.status, o.total AS amount,
                ${leadTimeMs("o")} / 1000.0 AS measure, ${leadTimeMs("o")} <= @lim AS flag
           FROM orders o LEFT JOIN customers cu ON cu.id = o.customer_id
          WHERE o.picked_up_at >= @s AND o.picked_up_at < @e AND o.status = 'picked_up'
          ORDER BY o.arrived_at IS NULL, measure DESC LIMIT @limit`,
        { lim: TARGETS.pickup_lead_time_s * 1000 },
      );
    case "preorder_conversion":
    case "no_show_rate":
      return q(
        `SELECT 'order' AS kind, o.id, ${who("cu")} AS customer, o.pickup_date AS date, coalesce(o.no_show_at, o.cancelled_at, o.picked_up_at) AS at,
                o.channel, o.status, o.total AS amount, o.status = 'picked_up' AS flag
           FROM orders o LEFT JOIN customers cu ON cu.id = o.customer_id
          WHERE o.pickup_date >= @from AND o.pickup_date <= @to AND o.status IN ('no_show', 'cancelled', 'picked_up')
          ORDER BY o.status = 'picked_up', o.status = 'cancelled', o.pickup_date LIMIT @limit`,
      );
    case "stock_accuracy":
      return q(
        `SELECT 'stock_count' AS kind, s.id, pr.name AS customer, s.date, s.counted_at AS at, s.counted - s.system_available AS measure,
                s.counted = s.system_available AS flag, s.counted AS amount
           FROM stock_counts s JOIN products pr ON pr.id = s.product_id
          WHERE s.counted_at >= @s AND s.counted_at < @e
         UNION ALL
         -- Counter-sale lines sold beyond the system's stock: the measure is the excess, never accurate.
         SELECT 'sale' AS kind, x.id, i.product_name AS customer, ${localDay("x.occurred_at")} AS date, x.occurred_at AS at, i.excess AS measure,
                0 AS flag, i.quantity AS amount
           FROM store_sale_items i JOIN store_sales x ON x.id = i.sale_id
          WHERE x.occurred_at >= @s AND x.occurred_at < @e AND i.excess > 0
         UNION ALL
         -- Goods handed over in an exchange beyond the system's stock: the same.
         SELECT 'exchange' AS kind, r.id, g.product_name AS customer, g.date, r.occurred_at AS at, g.excess AS measure,
                0 AS flag, g.quantity AS amount
           FROM purchase_exchange_items g JOIN purchase_returns r ON r.id = g.return_id
          WHERE r.occurred_at >= @s AND r.occurred_at < @e AND g.excess > 0
         ORDER BY flag, at DESC LIMIT @limit`,
      );
    case "points_consistency": {
      const rate = getShopSettings({ db }).pointsRateBp;
      return q(
        `SELECT kind, x.id, ${who("cu")} AS customer, ${localDay("at")} AS date, at, ch AS channel, total AS amount, pts AS measure,
                pts = ${policyPointsSql("x.rate")} AS flag
           FROM (${ratedPurchasesSql}) x
           LEFT JOIN customers cu ON cu.id = x.c ORDER BY flag, at LIMIT @limit`,
        { rate },
      );
    }
    case "cs_response_time":
      return q(
        `SELECT 'inquiry' AS kind, i.id, ${who("cu")} AS customer, i.created_at AS at, (i.first_reply_at - i.created_at) / 60000.0 AS measure,
                i.first_reply_at IS NOT NULL AND i.first_reply_at - i.created_at <= @lim AS flag
           FROM inquiries i LEFT JOIN customers cu ON cu.id = i.customer_id
          WHERE i.created_at >= @s AND i.created_at < @e ORDER BY i.first_reply_at IS NOT NULL, measure DESC LIMIT @limit`,
        { lim: TARGETS.cs_response_time_min * 60_000 },
      );
    case "consult_to_visit":
      return q(
        `SELECT 'consultation' AS kind, s.id, ${who("cu")} AS customer, ${localDay("s.submitted_at")} AS date, s.submitted_at AS at,
                CASE WHEN julianday(${localDay("s.submitted_at")}) + 30 < julianday(@today) THEN
                  EXISTS (SELECT 1 FROM visits v WHERE v.customer_id = s.customer_id AND v.visited_at >= s.submitted_at
                            AND v.visited_at < ((s.submitted_at + ${int("@off")}) / 86400000 + 31) * 86400000 - ${int("@off")}) END AS flag
           FROM consultation_submissions s LEFT JOIN customers cu ON cu.id = s.customer_id
          WHERE s.submitted_at >= @s AND s.submitted_at < @e ORDER BY flag IS NULL, flag, s.submitted_at LIMIT @limit`,
      );
    case "repurchase_cycle":
    case "omni_customer_share":
    case "channel_synergy":
      // Customers who bought in range: their channels, revenue and purchase days.
      return q(
        `WITH p AS (${purchasesSql({ identifiedOnly: true })})
         SELECT 'customer' AS kind, p.c AS id, ${who("cu")} AS customer, group_concat(DISTINCT p.ch) AS channel, sum(p.total) AS amount,
                count(DISTINCT ${localDay("p.at")}) AS measure, count(DISTINCT p.ch) >= 2 AS flag
           FROM p LEFT JOIN customers cu ON cu.id = p.c GROUP BY p.c ORDER BY amount DESC LIMIT @limit`,
      );
    case "clv_180":
    case "return_rate":
    case "store_identification_rate":
    case "points_rate_history":
      return loyaltyDrilldown({ db, range, metric, limit });
    case "average_order_value":
    case "channel_switch_rate":
    case "coupon_redemption":
      return loyaltySalesDrilldown({ db, range, metric, limit });
    case "revenue":
      return q(
        `SELECT CASE ch WHEN 'store' THEN 'sale' ELSE 'order' END AS kind, 0 AS id, NULL AS customer, ${localDay("at")} AS date, ch AS channel,
                sum(total) AS amount, count(*) AS measure
           FROM (${purchasesSql({ identifiedOnly: false })}) GROUP BY date, ch ORDER BY date DESC, ch LIMIT @limit`,
      );
  }
}

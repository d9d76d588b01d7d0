/**
 * Loyalty-loop metrics of docs/METRICS.md on sales and coupons: `average_order_value`,
 * `channel_switch_rate`, `coupon_redemption`. Choices the definitions leave open (also on the
 * dashboard's "어떻게 계산하나요?"):
 *
 * - Average order value: purchase totals as paid (after any coupon discount), identified or
 *   not; rounded to the won. Each channel reports its own average and count.
 * - Channel switch: the anchor is the customer's first purchase in range (the earliest, when
 *   one day has several); a switch is a purchase on a strictly later local date, at most 60
 *   days after the anchor date, through another channel than the anchor's — even after `to`.
 *   Anchors are observable once anchor date + 60 is before today.
 * - Coupon redemption: issued codes whose validity started (`valid_from`) in range; used when
 *   a live (not released by a cancellation) use belongs to a purchase — a picked-up order or
 *   a counter sale. A code on an order not collected yet counts once it is picked up.
 */
import type { Db } from "@/db/client";
import { anchorSums, type AnchorSums } from "./anchors";
import { CHANNELS, type Channel, type RateMetric } from "./metrics";
import type { MetricRange, MetricArgs } from "./range";
import { purchaseTotals, type PurchaseTotals } from "./totals";
import { baseParams, int, localDay, one, purchasesSql, ratio } from "./sql";
import { drilldownQuery, type DrilldownRow } from "./drilldown-rows";

export const SWITCH_WINDOW_DAYS = 60;

export type AverageOrderValue = {
  value: number | null;
  total: number;
  count: number;
  by_channel: Record<Channel, { value: number | null; total: number; count: number }>;
};

export function averageOrderValue({
  db,
  range,
  totals = purchaseTotals({ db, range }),
}: MetricArgs<{
  totals?: PurchaseTotals;
}>): AverageOrderValue {
  const avg = (total: number, count: number) => (count > 0 ? Math.round(total / count) : null);
  const by_channel = Object.fromEntries(
    CHANNELS.map((c) => [c, { value: avg(totals[c].total, totals[c].count), total: totals[c].total, count: totals[c].count }]),
  ) as AverageOrderValue["by_channel"];
  const total = CHANNELS.reduce((s, c) => s + by_channel[c].total, 0);
  const count = CHANNELS.reduce((s, c) => s + by_channel[c].count, 0);
  return { value: avg(total, count), total, count, by_channel };
}

export type ChannelSwitchMetric = RateMetric & { anchors: number; too_recent: number; window_days: number };

/** Each identified customer's anchor (first purchase in range) with the days to their first later-date purchase through another channel. */
const anchorsSql = `
  WITH inr AS (SELECT c, at, ch, row_number() OVER (PARTITION BY c ORDER BY at) AS rn FROM (${purchasesSql({ identifiedOnly: true })})),
       a AS (SELECT c, at, ch, ${localDay("at")} AS d FROM inr WHERE rn = 1),
       later AS (SELECT a.c, a.d, a.ch, a.at,
                   (SELECT min(x) FROM (
                      SELECT min(o.picked_up_at) AS x FROM orders o
                       WHERE o.customer_id = a.c AND o.status = 'picked_up' AND o.channel != a.ch
                         AND o.picked_up_at >= ((a.at + ${int("@off")}) / 86400000 + 1) * 86400000 - ${int("@off")}
                      UNION ALL
                      SELECT min(s.occurred_at) FROM store_sales s
                       WHERE s.customer_id = a.c AND a.ch != 'store'
                         AND s.occurred_at >= ((a.at + ${int("@off")}) / 86400000 + 1) * 86400000 - ${int("@off")})) AS next_at
                  FROM a),
       judged AS (SELECT c, d, ch, at,
                         CAST(julianday(${localDay("next_at")}) - julianday(d) AS INTEGER) AS days,
                         julianday(d) + ${SWITCH_WINDOW_DAYS} < julianday(@today) AS elig FROM later)`;

/** Each anchor with the first later day through another channel, from the purchase sequence (lib/purchases/sequence.ts). */
export function channelSwitchRate({
  db,
  range,
  sums = anchorSums({ db, range }),
}: MetricArgs<{
  sums?: AnchorSums;
}>): ChannelSwitchMetric {
  // anchorSums counts switches within SWITCH_WINDOW_DAYS (60), whose eligible anchors are e60.
  return switchFrom({ n: Number(sums.anchors ?? 0), elig: sums.e60, switched: sums.switched });
}

/** The same from the orders and sales themselves (the reference the sequence is checked against). */
export function channelSwitchRateScan({ db, range }: { db: Db; range: MetricRange }): ChannelSwitchMetric {
  return switchFrom(
    one<{ n: number; elig: number | null; switched: number | null }>(
      db,
      `${anchorsSql} SELECT count(*) AS n, sum(elig) AS elig, sum(elig AND days <= ${SWITCH_WINDOW_DAYS}) AS switched FROM judged`,
      baseParams(range),
    ),
  );
}

function switchFrom(row: { n: number; elig: number | null; switched: number | null }): ChannelSwitchMetric {
  const elig = Number(row.elig ?? 0);
  const switched = Number(row.switched ?? 0);
  return {
    value: ratio(switched, elig),
    numerator: switched,
    denominator: elig,
    anchors: row.n,
    too_recent: row.n - elig,
    window_days: SWITCH_WINDOW_DAYS,
  };
}

export type CouponRedemptionMetric = RateMetric & { issued: number; used: number };

const usedByPurchase = `EXISTS (SELECT 1 FROM coupon_redemptions r LEFT JOIN orders o ON o.id = r.order_id
                                 WHERE r.coupon_code_id = k.id AND r.released_at IS NULL AND (r.sale_id IS NOT NULL OR o.status = 'picked_up'))`;

export function couponRedemption({ db, range }: { db: Db; range: MetricRange }): CouponRedemptionMetric {
  const row = one<{ issued: number; used: number | null }>(
    db,
    `SELECT count(*) AS issued, sum(${usedByPurchase}) AS used FROM coupon_codes k WHERE k.valid_from >= @from AND k.valid_from <= @to`,
    baseParams(range),
  );
  const used = Number(row.used ?? 0);
  return { value: ratio(used, row.issued), numerator: used, denominator: row.issued, issued: row.issued, used };
}

export const LOYALTY_SALES_KEYS = ["average_order_value", "channel_switch_rate", "coupon_redemption"] as const;
export type LoyaltySalesKey = (typeof LOYALTY_SALES_KEYS)[number];

export function loyaltySalesMetrics({
  db,
  range,
  scan = false,
  totals,
  sums,
}: MetricArgs<{
  scan?: boolean;
  totals?: PurchaseTotals;
  /** `anchorSums` of the range, when already read. */
  sums?: AnchorSums;
}>) {
  return {
    average_order_value: averageOrderValue({ db, range, totals }),
    channel_switch_rate: scan ? channelSwitchRateScan({ db, range }) : channelSwitchRate({ db, range, sums }),
    coupon_redemption: couponRedemption({ db, range }),
  };
}

const who = (alias: string) =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE coalesce(${alias}.name, '') || ' · ' || coalesce(substr(${alias}.phone, -4), '') END`;

/** The rows behind each of these metrics, for the dashboard's drill-down (at most `limit`). */
export function loyaltySalesDrilldown({
  db,
  range,
  metric,
  limit,
}: {
  db: Db;
  range: MetricRange;
  metric: LoyaltySalesKey;
  limit: number;
}): Omit<DrilldownRow, never>[] {
  const q = drilldownQuery({ db, range, limit });
  switch (metric) {
    case "average_order_value":
      // Each purchase in range, largest first.
      return q(
        `SELECT kind, x.id, ${who("cu")} AS customer, ${localDay("at")} AS date, at, ch AS channel, total AS amount, discount AS measure
           FROM (SELECT 'order' AS kind, id, customer_id, picked_up_at AS at, channel AS ch, total, discount FROM orders
                  WHERE picked_up_at >= @s AND picked_up_at < @e AND status = 'picked_up'
                 UNION ALL SELECT 'sale', id, customer_id, occurred_at, 'store', total, discount FROM store_sales
                  WHERE occurred_at >= @s AND occurred_at < @e) x
           LEFT JOIN customers cu ON cu.id = x.customer_id ORDER BY amount DESC, at LIMIT @limit`,
      );
    case "channel_switch_rate":
      // Each anchor: its date and channel, days to the first other-channel purchase, switched or not (null: too recent).
      return q(
        `${anchorsSql}
         SELECT 'customer' AS kind, j.c AS id, ${who("cu")} AS customer, j.d AS date, j.at, j.ch AS channel, j.days AS measure,
                CASE WHEN j.elig THEN coalesce(j.days <= ${SWITCH_WINDOW_DAYS}, 0) END AS flag
           FROM judged j LEFT JOIN customers cu ON cu.id = j.c ORDER BY flag IS NULL, flag, j.d LIMIT @limit`,
      );
    case "coupon_redemption":
      // Each code issued with validity from a date in range: used by a purchase or not, and the won it took off.
      return q(
        `SELECT 'customer' AS kind, k.customer_id AS id, ${who("cu")} AS customer, k.valid_from AS date, k.issued_at AS at,
                (SELECT sum(r.discount) FROM coupon_redemptions r WHERE r.coupon_code_id = k.id AND r.released_at IS NULL) AS amount,
                ${usedByPurchase} AS flag
           FROM coupon_codes k LEFT JOIN customers cu ON cu.id = k.customer_id
          WHERE k.valid_from >= @from AND k.valid_from <= @to ORDER BY flag, k.valid_from LIMIT @limit`,
      );
  }
}

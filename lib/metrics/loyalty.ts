/**
 * Loyalty-loop metrics of docs/METRICS.md: `clv_180`, `return_rate`,
 * `store_identification_rate` and the points rate history — plus the stored-rate policy that
 * `points_consistency` uses. Choices the definitions leave open (also on the dashboard):
 *
 * - clv_180: "first purchase ever" counts claimed receipts at their sale time. Observable:
 *   first date + 180 is before today. The window is the first date through first date + 180
 *   (local dates, inclusive); refunds of those purchases are subtracted whenever recorded.
 *   The mean is rounded to whole won.
 * - return_rate: a purchase with a return of any kind (an exchange too, even with no refund)
 *   counts as returned. `refunded` is the refunds of the range's purchases; `refunded_share`
 *   is that ÷ the range's gross revenue.
 * - store_identification_rate: a store sale is identified when it is linked to a customer
 *   now (at the counter or by a receipt claim, whenever it happened); `claimed` says how many
 *   came through the receipt QR.
 * - points rate history: every rate applied to the range's identified purchases (the rate
 *   stored on each purchase's credit; the base rate now for a purchase without one, as
 *   `points_consistency` reads it), with the dates it was first and last used; the tile's
 *   value is the shop's base rate now, its counts the purchases at another rate ÷ all.
 */
import type { Db } from "@/db/client";
import { getShopSettings } from "@/lib/shop/settings";
import type { MetricRange, MetricArgs } from "./range";
import { purchaseTotals, type PurchaseTotals } from "./totals";
import { anchorSums, type AnchorSums } from "./anchors";
import { all, baseParams, int, localDay, one, purchasesSql, ratio } from "./sql";

export const LOYALTY_TARGETS = { store_identification_rate: 0.6 } as const;

/** The rate a purchase's latest credit was computed with; `@rate` (the shop's rate now) when it has none. */
export const earnRateSql = (sourceType: "order" | "sale", idCol: string) =>
  `coalesce((SELECT l.rate_bp FROM points_ledger l WHERE l.reason = 'earn' AND l.source_type = '${sourceType}' AND l.source_id = ${idCol} ORDER BY l.earn_round DESC LIMIT 1), @rate)`;

/** Points the policy gives `total` at rate expression `rate` (as lib/points/policy.ts pointsForPurchase). */
export const policyPointsSql = (rate: string, total = "total") =>
  `CASE WHEN ${total} <= 0 OR ${rate} <= 0 THEN 0 ELSE (${total} * CAST(${rate} AS INTEGER)) / 10000 END`;

/** Identified purchases in range with the rate their credit used: kind, id, c, at, ch, total, pts, rate. */
export const ratedPurchasesSql = `
  SELECT 'order' AS kind, o.id, o.customer_id AS c, o.picked_up_at AS at, o.channel AS ch, o.total, o.points_earned AS pts, ${earnRateSql("order", "o.id")} AS rate
    FROM orders o WHERE o.picked_up_at >= @s AND o.picked_up_at < @e AND o.status = 'picked_up' AND o.customer_id IS NOT NULL
  UNION ALL
  SELECT 'sale', x.id, x.customer_id, x.occurred_at, 'store', x.total, x.points_earned, ${earnRateSql("sale", "x.id")}
    FROM store_sales x WHERE x.occurred_at >= @s AND x.occurred_at < @e AND x.customer_id IS NOT NULL`;

export function currentRate(db: Db): number {
  return getShopSettings({ db }).pointsRateBp;
}

/** Start of the local day N days after an epoch-ms column's local day. */
const dayStartAfter = (col: string, days: number) => `((${col} + ${int("@off")}) / 86400000 + ${days}) * 86400000 - ${int("@off")}`;

export type ClvMetric = { value: number | null; customers: number; too_recent: number; new_customers: number };

/** New customers (first purchase ever in range) and their 180-day value, from the purchase sequence (lib/purchases/sequence.ts). */
export function clv180({ db, range, sums = anchorSums({ db, range }) }: { db: Db; range: MetricRange; sums?: AnchorSums }): ClvMetric {
  return clvFrom({ anchors: Number(sums.new_customers ?? 0), n: sums.clv_n, total: sums.clv_total });
}

/** The same from the orders, sales and returns themselves (the reference the sequence is checked against). */
export function clv180Scan({ db, range }: { db: Db; range: MetricRange }): ClvMetric {
  const row = one<{ anchors: number; n: number; total: number | null }>(
    db,
    `WITH inr AS (SELECT c, min(at) AS first_at FROM (${purchasesSql({ identifiedOnly: true })}) GROUP BY c),
          a AS (SELECT c, first_at, ${localDay("first_at")} AS d FROM inr b
                 WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = b.c AND o.status = 'picked_up' AND o.picked_up_at < @s)
                   AND NOT EXISTS (SELECT 1 FROM store_sales x WHERE x.customer_id = b.c AND x.occurred_at < @s)),
          e AS (SELECT c, first_at, ${dayStartAfter("first_at", 181)} AS until FROM a WHERE julianday(d) + 180 < julianday(@today)),
          v AS (SELECT e.c,
                  coalesce((SELECT sum(o.total - coalesce((SELECT sum(r.refund) FROM purchase_returns r WHERE r.order_id = o.id), 0)) FROM orders o
                             WHERE o.customer_id = e.c AND o.status = 'picked_up' AND o.picked_up_at >= e.first_at AND o.picked_up_at < e.until), 0)
                + coalesce((SELECT sum(x.total - coalesce((SELECT sum(r.refund) FROM purchase_returns r WHERE r.sale_id = x.id), 0)) FROM store_sales x
                             WHERE x.customer_id = e.c AND x.occurred_at >= e.first_at AND x.occurred_at < e.until), 0) AS value FROM e)
     SELECT (SELECT count(*) FROM a) AS anchors, count(*) AS n, sum(value) AS total FROM v`,
    baseParams(range),
  );
  return clvFrom(row);
}

function clvFrom(row: { anchors: number; n: number | null; total: number | null }): ClvMetric {
  const n = Number(row.n ?? 0);
  return {
    value: n > 0 ? Math.round(Number(row.total ?? 0) / n) : null,
    customers: n,
    too_recent: Number(row.anchors) - n,
    new_customers: Number(row.anchors),
  };
}

export type ReturnRateMetric = {
  value: number | null;
  numerator: number;
  denominator: number;
  refunded: number;
  revenue: number;
  refunded_share: number | null;
};

/** Purchases in range with a return (whenever recorded), and their refunds beside the range's revenue. */
export function returnRate({
  db,
  range,
  totals = purchaseTotals({ db, range }),
}: MetricArgs<{
  totals?: PurchaseTotals;
}>): ReturnRateMetric {
  const sum = (k: keyof PurchaseTotals["web"]) => totals.web[k] + totals.phone[k] + totals.store[k];
  const n = sum("count");
  const refunded = sum("refunded");
  const revenue = sum("total");
  return {
    value: ratio(sum("returned"), n),
    numerator: sum("returned"),
    denominator: n,
    refunded,
    revenue,
    refunded_share: ratio(refunded, revenue),
  };
}

export type IdentificationMetric = {
  value: number | null;
  numerator: number;
  denominator: number;
  claimed: number;
  target: number;
  met: boolean | null;
};

/** Store sales in range linked to a customer, from the per-day sums (`purchase_days`); `scan`: from the sales themselves. */
export function storeIdentificationRate({ db, range, scan = false }: { db: Db; range: MetricRange; scan?: boolean }): IdentificationMetric {
  const row = one<{ n: number | null; linked: number | null; claimed: number | null }>(
    db,
    scan
      ? `SELECT count(*) AS n, sum(customer_id IS NOT NULL) AS linked, sum(claimed_at IS NOT NULL AND customer_id IS NOT NULL) AS claimed
           FROM store_sales WHERE occurred_at >= @s AND occurred_at < @e`
      : `SELECT sum(purchases) AS n, sum(identified) AS linked, sum(claimed) AS claimed
           FROM purchase_days WHERE channel = 'store' AND day >= @fd AND day <= @td`,
    baseParams(range),
  );
  const n = Number(row.n ?? 0);
  const linked = Number(row.linked ?? 0);
  const v = ratio(linked, n);
  const target = LOYALTY_TARGETS.store_identification_rate;
  return {
    value: v,
    numerator: linked,
    denominator: n,
    claimed: Number(row.claimed ?? 0),
    target,
    met: v === null ? null : v >= target,
  };
}

export type RateHistoryMetric = {
  /** The shop's base rate now, as a fraction (100 bp = 0.01). */
  value: number;
  base_rate_bp: number;
  /** Identified purchases in range earned at another rate than the base rate now (a tier's, or an old base rate), of all. */
  numerator: number;
  denominator: number;
  rates: { rate_bp: number; first_date: string; last_date: string; purchases: number; points: number }[];
};

/** The range's identified purchases by the rate applied (as `points_consistency` reads it): when first and last used, how many, points, and how many got the policy's points. */
export type RateGroup = { rate_bp: number; first_date: string; last_date: string; purchases: number; points: number; ok: number };

/** One pass over the range's purchases (the sequence's points index; `scan`: the orders and sales) grouped by applied rate; `rateBp` stands in for a purchase without a credit. */
export function rateGroups({
  db,
  range,
  scan = false,
  rateBp,
}: {
  db: Db;
  range: MetricRange;
  scan?: boolean;
  rateBp: number;
}): RateGroup[] {
  if (scan) {
    return all<RateGroup>(
      db,
      `SELECT rate AS rate_bp, ${localDay("min(at)")} AS first_date, ${localDay("max(at)")} AS last_date, count(*) AS purchases, sum(pts) AS points,
              sum(pts = ${policyPointsSql("rate")}) AS ok
         FROM (${ratedPurchasesSql}) GROUP BY rate ORDER BY min(at)`,
      { ...baseParams(range), rate: rateBp },
    );
  }
  return sequencePass({ db, range, rateBp }).rates;
}

/**
 * The identified purchases of a range by applied rate (`rateGroups`) and their revenue, from the
 * per-day counts by rate, total and points (`purchase_rate_days`, lib/purchases/rollups.ts): a
 * few rows per day. The policy check is made per group (a purchase without a credit is judged by
 * `rateBp`); each group's first and last instant is one seek of the sequence's (rate, day, at)
 * index on its first and last day.
 */
export type SequencePass = { rates: RateGroup[]; revenue: number };
export function sequencePass({ db, range, rateBp }: { db: Db; range: MetricRange; rateBp: number }): SequencePass {
  const rows = all<{ rate_bp: number; purchases: number; points: number; ok: number; d0: number; d1: number; rev: number }>(
    db,
    `SELECT rate_bp, sum(purchases) AS purchases, sum(points * purchases) AS points,
            sum(CASE WHEN points = ${policyPointsSql("CASE WHEN rate_bp < 0 THEN @rate ELSE rate_bp END")} THEN purchases ELSE 0 END) AS ok,
            min(day) AS d0, max(day) AS d1, sum(total * purchases) AS rev
       FROM purchase_rate_days WHERE day >= @fd AND day <= @td GROUP BY rate_bp`,
    { ...baseParams(range), rate: rateBp },
  );
  const edge = db.$client.prepare(
    `SELECT min(at) AS a0, (SELECT max(at) FROM customer_purchases WHERE rate_bp IS @r AND day = @d1) AS a1
       FROM customer_purchases WHERE rate_bp IS @r AND day = @d0`,
  );
  const groups = new Map<number, { rate_bp: number; purchases: number; points: number; ok: number; a0: number; a1: number }>();
  let revenue = 0;
  for (const { rev, d0, d1, ...r } of rows) {
    revenue += rev;
    const { a0, a1 } = edge.get({ r: r.rate_bp < 0 ? null : r.rate_bp, d0, d1 }) as { a0: number; a1: number };
    // The purchases without a credit join the group of the rate they are judged by.
    const rate = r.rate_bp < 0 ? rateBp : r.rate_bp;
    const g = groups.get(rate);
    if (!g) groups.set(rate, { ...r, rate_bp: rate, a0, a1 });
    else {
      g.purchases += r.purchases;
      g.points += r.points;
      g.ok += r.ok;
      g.a0 = Math.min(g.a0, a0);
      g.a1 = Math.max(g.a1, a1);
    }
  }
  // As localDay() in SQL: the shop-local date of an instant.
  const date = (at: number) => new Date(at + range.offsetMs).toISOString().slice(0, 10);
  const rates = [...groups.values()]
    .sort((a, b) => a.a0 - b.a0)
    .map(({ a0, a1, ...g }) => ({ ...g, first_date: date(a0), last_date: date(a1) }));
  return { rates, revenue };
}

/** The rates applied to the range's identified purchases (as `points_consistency` reads them), with when each was used. */
export function pointsRateHistory({
  db,
  range,
  scan = false,
  rates: groups,
}: MetricArgs<{
  scan?: boolean;
  /** `rateGroups` at the shop's rate now, when already read. */
  rates?: readonly RateGroup[];
}>): RateHistoryMetric {
  const base = currentRate(db);
  const rates = (groups ?? rateGroups({ db, range, scan, rateBp: base })).map(({ ok: _ok, ...r }) => r);
  const denominator = rates.reduce((s, r) => s + r.purchases, 0);
  const numerator = rates.filter((r) => r.rate_bp !== base).reduce((s, r) => s + r.purchases, 0);
  return { value: base / 10_000, base_rate_bp: base, numerator, denominator, rates };
}

/** The loyalty metrics as `GET /api/v1/metrics` keys. */
export function loyaltyMetrics({
  db,
  range,
  scan = false,
  totals,
  sums,
  rates,
}: MetricArgs<{
  scan?: boolean;
  totals?: PurchaseTotals;
  /** `anchorSums` of the range, when already read. */
  sums?: AnchorSums;
  /** `rateGroups` of the range at the shop's rate now, when already read. */
  rates?: readonly RateGroup[];
}>) {
  return {
    clv_180: scan ? clv180Scan({ db, range }) : clv180({ db, range, sums }),
    return_rate: returnRate({ db, range, totals }),
    store_identification_rate: storeIdentificationRate({ db, range, scan }),
    points_rate_history: pointsRateHistory({ db, range, scan, rates }),
  };
}

/**
 * Tomorrow's plan suggestion (생산 계획 제안): per product, from the same weekday of the
 * last `weeks` weeks.
 *
 * - Demand of a day = pre-ordered (orders for that pickup date, not cancelled) + sold at the
 *   counter that day + handed over in exchanges that day (they left the shelf like a sale).
 *   Days with no plan and no demand (closed, not made) are left out.
 * - Sold out early: the day had a plan, demand reached it, and the unit that reached it was
 *   taken before `earlyBefore` (default 11:00) shop-local on that day. The moment is found by
 *   adding up pre-order quantities at their `placed_at`, counter sales and exchanges at their
 *   `occurred_at` in time order (a pre-order placed the evening before counts then). Demand that day was cut
 *   off, so the real demand was higher than what we saw.
 * - Suggested = ceil(average demand × (1 + 10 % per early sell-out day)), e.g. 18 with two
 *   early sell-outs → ceil(18 × 1.2) = 22.
 */
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dailyPlans, orderItems, orders, products, purchaseExchangeItems, storeSaleItems, storeSales } from "@/db/schema";
import { addDays, DEFAULT_TIMEZONE, zonedTime } from "@/lib/shop/time";
import { findShopSettings } from "@/lib/shop/settings";

export type DayHistory = { date: string; planned: number; demand: number; soldOutAt: number | null; soldOutEarly: boolean };
/** Why the quantity, worded at display (`metrics.suggestion.reason`): "지난 3주 평균 18개, 2주 연속 11시 전 품절 → 22개". */
export type SuggestionReason = {
  weeks: number;
  average: number;
  early: number;
  streak: number;
  streakRun: boolean;
  hour: number;
  quantity: number;
};
export type PlanSuggestion = {
  productId: number;
  productName: string;
  quantity: number;
  average: number;
  earlySellOuts: number;
  reason: SuggestionReason;
  history: DayHistory[];
};

export const RAISE_PER_EARLY_SELLOUT = 0.1;

/** Orders that never took stock for good: cancelled, an expired hold, a hold still unpaid. */
const NOT_TAKEN = ["cancelled", "expired", "awaiting_payment"] as const;

function sumByProduct(rows: { productId: number; qty: number | null }[]): Map<number, number> {
  return new Map(rows.map((r) => [r.productId, Number(r.qty ?? 0)]));
}

function dayTotals(db: Db, date: string) {
  const planned = new Map(
    db
      .select({ productId: dailyPlans.productId, qty: dailyPlans.planned })
      .from(dailyPlans)
      .where(eq(dailyPlans.date, date))
      .all()
      .map((r) => [r.productId, r.qty]),
  );
  const reserved = sumByProduct(
    db
      .select({ productId: orderItems.productId, qty: sql<number>`sum(${orderItems.quantity})` })
      .from(orderItems)
      .innerJoin(orders, eq(orders.id, orderItems.orderId))
      .where(and(eq(orders.pickupDate, date), notInArray(orders.status, [...NOT_TAKEN])))
      .groupBy(orderItems.productId)
      .all(),
  );
  const sold = sumByProduct(
    db
      .select({ productId: storeSaleItems.productId, qty: sql<number>`sum(${storeSaleItems.quantity})` })
      .from(storeSaleItems)
      .innerJoin(storeSales, eq(storeSales.id, storeSaleItems.saleId))
      .where(eq(storeSales.saleDate, date))
      .groupBy(storeSaleItems.productId)
      .all(),
  );
  const given = sumByProduct(
    db
      .select({ productId: purchaseExchangeItems.productId, qty: sql<number>`sum(${purchaseExchangeItems.quantity})` })
      .from(purchaseExchangeItems)
      .where(eq(purchaseExchangeItems.date, date))
      .groupBy(purchaseExchangeItems.productId)
      .all(),
  );
  return { planned, reserved, sold, given };
}

/** The instant the `planned`-th unit of a product was taken on `date`, or null if never. */
function soldOutAt(db: Db, date: string, productId: number, planned: number): number | null {
  const events = db.$client
    .prepare(
      `SELECT o.placed_at AS at, i.quantity AS qty FROM order_items i JOIN orders o ON o.id = i.order_id
        WHERE o.pickup_date = ? AND o.status NOT IN ('cancelled', 'expired', 'awaiting_payment') AND i.product_id = ?
       UNION ALL
       SELECT s.occurred_at, i.quantity FROM store_sale_items i JOIN store_sales s ON s.id = i.sale_id
        WHERE s.sale_date = ? AND i.product_id = ?
       UNION ALL
       SELECT r.occurred_at, x.quantity FROM purchase_exchange_items x JOIN purchase_returns r ON r.id = x.return_id
        WHERE x.date = ? AND x.product_id = ?
       ORDER BY at`,
    )
    .all(date, productId, date, productId, date, productId) as { at: number; qty: number }[];
  let total = 0;
  for (const e of events) {
    total += e.qty;
    if (total >= planned) return e.at;
  }
  return null;
}

export function suggestPlan({
  db,
  date,
  weeks = 3,
  earlyBefore = "11:00",
  productIds,
}: {
  db: Db;
  date: string;
  weeks?: number;
  earlyBefore?: string;
  productIds?: number[];
}): PlanSuggestion[] {
  const timeZone = findShopSettings({ db })?.timezone ?? DEFAULT_TIMEZONE;
  const dates = Array.from({ length: weeks }, (_, i) => addDays(date, -7 * (i + 1))); // most recent first
  const perDate = dates.map((d) => ({ date: d, ...dayTotals(db, d) }));
  const ids = new Set<number>();
  for (const d of perDate) for (const m of [d.planned, d.reserved, d.sold, d.given]) for (const id of m.keys()) ids.add(id);
  const wanted = productIds ? [...ids].filter((id) => productIds.includes(id)) : [...ids];
  if (!wanted.length) return [];
  const names = new Map(
    db
      .select({ id: products.id, name: products.name })
      .from(products)
      .where(inArray(products.id, wanted))
      .all()
      .map((p) => [p.id, p.name]),
  );
  const hour = Number(earlyBefore.split(":")[0]);

  const out: PlanSuggestion[] = [];
  for (const productId of wanted) {
    const history: DayHistory[] = [];
    for (const d of perDate) {
      const planned = d.planned.get(productId) ?? 0;
      const demand = (d.reserved.get(productId) ?? 0) + (d.sold.get(productId) ?? 0) + (d.given.get(productId) ?? 0);
      if (planned === 0 && demand === 0) continue;
      const at = planned > 0 && demand >= planned ? soldOutAt(db, d.date, productId, planned) : null;
      history.push({
        date: d.date,
        planned,
        demand,
        soldOutAt: at,
        soldOutEarly: at !== null && at < zonedTime(d.date, earlyBefore, timeZone),
      });
    }
    if (!history.length) continue;
    const average = history.reduce((s, h) => s + h.demand, 0) / history.length;
    const early = history.filter((h) => h.soldOutEarly).length;
    const quantity = Math.ceil(average * (1 + RAISE_PER_EARLY_SELLOUT * early) - 1e-9);
    let streak = 0;
    while (streak < history.length && history[streak].soldOutEarly) streak++;
    const reason = {
      weeks: history.length,
      average: Math.round(average * 10) / 10,
      early,
      streak,
      streakRun: streak >= 2 && streak === early,
      hour,
      quantity,
    };
    out.push({ productId, productName: names.get(productId) ?? "", quantity, average, earlySellOuts: early, reason, history });
  }
  return out.sort((a, b) => a.productName.localeCompare(b.productName, "ko"));
}

/**
 * 가용수량 (available quantity) for a pickup date:
 *   available = planned + excess − reserved by pre-orders − sold at the counter that day − held.
 * Goods handed over in an exchange (lib/returns) count as sold at the counter that day.
 * A pre-order holds its stock from the moment it is placed until it is cancelled; a
 * no-show keeps holding it (the bag sat on the rack all day). An order awaiting prepayment
 * holds it only until its hold ends (lib/order-holds.ts). A counter sale always stands
 * (the goods were in the customer's hand): what it sold beyond what was left is its
 * `excess`, a stock discrepancy — the shelf held that many more than the plan said — so it
 * never drives the count below zero nor takes from pre-orders already taken. A restock-alert
 * hold (lib/restock/alerts.ts) keeps one loaf for a waiter until its time passes: an expired
 * hold simply stops counting, nothing has to free it. Never below zero on screen.
 */
import { and, eq, gt, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sqliteOf } from "@/db/prepared";
import { dailyPlans, orderItems, orders, purchaseExchangeItems, restockSubscriptions, storeSaleItems, storeSales } from "@/db/schema";
import { bookedAt, bookedSql } from "@/lib/order-holds";

export type StockLine = {
  productId: number;
  planned: number;
  reserved: number;
  sold: number;
  excess: number;
  held: number;
  available: number;
};

export function availableQuantity(line: { planned: number; reserved: number; sold: number; excess?: number; held?: number }): number {
  return Math.max(0, line.planned + (line.excess ?? 0) - line.reserved - line.sold - (line.held ?? 0));
}

/**
 * Planned, reserved, sold, excess, held and available per product for one date (only products
 * given, or all planned); `exceptOrderId` leaves out what that order reserves (an order being changed).
 */
export function stockForDate({
  db,
  date,
  productIds,
  exceptOrderId,
  now = Date.now(),
}: {
  db: DbOrTx;
  date: string;
  productIds?: number[];
  exceptOrderId?: number;
  now?: number;
}): Map<number, StockLine> {
  if (productIds) return stockOfProducts({ db, date, productIds, exceptOrderId, now });
  const planned = db
    .select({ productId: dailyPlans.productId, qty: dailyPlans.planned })
    .from(dailyPlans)
    .where(eq(dailyPlans.date, date))
    .all();
  const reserved = db
    .select({ productId: orderItems.productId, qty: sql<number>`sum(${orderItems.quantity})` })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(eq(orders.pickupDate, date), bookedAt(now), exceptOrderId ? ne(orders.id, exceptOrderId) : undefined))
    .groupBy(orderItems.productId)
    .all();
  const sold = db
    .select({
      productId: storeSaleItems.productId,
      qty: sql<number>`sum(${storeSaleItems.quantity})`,
      excess: sql<number>`sum(${storeSaleItems.excess})`,
    })
    .from(storeSaleItems)
    .innerJoin(storeSales, eq(storeSales.id, storeSaleItems.saleId))
    .where(eq(storeSales.saleDate, date))
    .groupBy(storeSaleItems.productId)
    .all();
  const given = db
    .select({
      productId: purchaseExchangeItems.productId,
      qty: sql<number>`sum(${purchaseExchangeItems.quantity})`,
      excess: sql<number>`sum(${purchaseExchangeItems.excess})`,
    })
    .from(purchaseExchangeItems)
    .where(eq(purchaseExchangeItems.date, date))
    .groupBy(purchaseExchangeItems.productId)
    .all();
  const held = db
    .select({ productId: restockSubscriptions.productId, qty: sql<number>`count(*)` })
    .from(restockSubscriptions)
    .where(and(eq(restockSubscriptions.notifiedDate, date), gt(restockSubscriptions.holdUntil, now)))
    .groupBy(restockSubscriptions.productId)
    .all();

  const lines = new Map<number, StockLine>();
  const line = (productId: number) => {
    let l = lines.get(productId);
    if (!l) {
      l = { productId, planned: 0, reserved: 0, sold: 0, excess: 0, held: 0, available: 0 };
      lines.set(productId, l);
    }
    return l;
  };
  for (const r of planned) line(r.productId).planned = r.qty;
  for (const r of reserved) line(r.productId).reserved = Number(r.qty);
  for (const r of [...sold, ...given]) {
    line(r.productId).sold += Number(r.qty);
    line(r.productId).excess += Number(r.excess);
  }
  for (const r of held) line(r.productId).held = Number(r.qty);
  for (const l of lines.values()) l.available = availableQuantity(l);
  return lines;
}

/**
 * The same five figures for the given products in one statement, compiled once whatever the
 * number of products: what placing an order, a sale and the storefront ask every time. Orders
 * and sales are found by their date (the date's few rows), never by product (a product's
 * whole history): the unary `+` keeps SQLite off the product indexes.
 */
const STOCK_OF_PRODUCTS = `
  WITH wanted(id) AS (SELECT value FROM json_each(@ids)),
  reserved AS MATERIALIZED (
    SELECT i.product_id AS id, sum(i.quantity) AS qty FROM orders o JOIN order_items i ON i.order_id = o.id
     WHERE o.pickup_date = @date AND o.id != @except AND ${bookedSql("o", "@now")} AND +i.product_id IN wanted
     GROUP BY i.product_id),
  sold AS MATERIALIZED (
    SELECT id, sum(qty) AS qty, sum(excess) AS excess FROM (
      SELECT si.product_id AS id, si.quantity AS qty, si.excess AS excess FROM store_sales s JOIN store_sale_items si ON si.sale_id = s.id
       WHERE s.sale_date = @date AND +si.product_id IN wanted
      UNION ALL
      SELECT g.product_id, g.quantity, g.excess FROM purchase_exchange_items g WHERE g.date = @date AND g.product_id IN wanted)
     GROUP BY id)
  SELECT w.id AS productId,
         coalesce((SELECT d.planned FROM daily_plans d WHERE d.date = @date AND d.product_id = w.id), 0) AS planned,
         coalesce((SELECT r.qty FROM reserved r WHERE r.id = w.id), 0) AS reserved,
         coalesce((SELECT s.qty FROM sold s WHERE s.id = w.id), 0) AS sold,
         coalesce((SELECT s.excess FROM sold s WHERE s.id = w.id), 0) AS excess,
         (SELECT count(*) FROM restock_subscriptions h
           WHERE h.notified_date = @date AND h.product_id = w.id AND h.hold_until > @now) AS held
    FROM wanted w`;

function stockOfProducts({
  db,
  date,
  productIds,
  exceptOrderId,
  now,
}: {
  db: DbOrTx;
  date: string;
  productIds: number[];
  exceptOrderId?: number;
  now: number;
}): Map<number, StockLine> {
  const rows = sqliteOf(db)
    .prepare(STOCK_OF_PRODUCTS)
    .all({ date, now, except: exceptOrderId || 0, ids: JSON.stringify(productIds) }) as Omit<StockLine, "available">[];
  const lines = new Map<number, StockLine>();
  for (const r of rows) lines.set(r.productId, { ...r, available: availableQuantity(r) });
  return lines;
}

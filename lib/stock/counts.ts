/**
 * Physical stock counts (재고 실사). Recording a count snapshots the system's available
 * quantity for that stock day (`stockForDate`) in the same IMMEDIATE transaction, so the
 * comparison behind stock accuracy is with what the app believed at that very moment.
 */
import { and, desc, eq, gt, gte, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { products, purchaseExchangeItems, purchaseReturns, stockCounts, storeSaleItems, storeSales, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { stockForDate } from "@/lib/inventory/availability";
import { isDateString } from "@/lib/shop/time";

export function recordStockCount({
  db,
  productId,
  date,
  counted,
  userId,
  now = Date.now(),
}: {
  db: Db;
  productId: number;
  date: string;
  counted: number;
  userId: number | null;
  now?: number;
}) {
  if (!isDateString(date)) throw new AppError("validation", { message: "date_check", fields: { date: "date_check" } });
  if (!Number.isInteger(counted) || counted < 0 || counted > 100_000) {
    throw new AppError("validation", { message: "count_whole_number", fields: { counted: "count_whole_number" } });
  }
  return db.transaction(
    (tx) => {
      const product = tx.select({ id: products.id }).from(products).where(eq(products.id, productId)).get();
      if (!product) throw new AppError("not_found", { message: "product_not_found", fields: { productId: "product_choose" } });
      const systemAvailable = stockForDate({ db: tx, date, productIds: [productId] }).get(productId)?.available ?? 0;
      return tx.insert(stockCounts).values({ productId, date, counted, systemAvailable, countedAt: now, userId }).returning().get();
    },
    { behavior: "immediate" },
  );
}

export type StockCountRow = {
  id: number;
  productId: number;
  productName: string;
  date: string;
  counted: number;
  systemAvailable: number;
  countedAt: number;
  userName: string | null;
};

/** Counts recorded between two instants, newest first. */
export function listStockCounts({
  db,
  fromMs,
  toMs,
  limit = 200,
}: {
  db: Db;
  fromMs?: number;
  toMs?: number;
  limit?: number;
}): StockCountRow[] {
  return db
    .select({
      id: stockCounts.id,
      productId: stockCounts.productId,
      productName: products.name,
      date: stockCounts.date,
      counted: stockCounts.counted,
      systemAvailable: stockCounts.systemAvailable,
      countedAt: stockCounts.countedAt,
      userName: users.name,
    })
    .from(stockCounts)
    .innerJoin(products, eq(products.id, stockCounts.productId))
    .leftJoin(users, eq(users.id, stockCounts.userId))
    .where(
      and(
        fromMs !== undefined ? gte(stockCounts.countedAt, fromMs) : undefined,
        toMs !== undefined ? lte(stockCounts.countedAt, toMs) : undefined,
      ),
    )
    .orderBy(desc(stockCounts.countedAt), desc(stockCounts.id))
    .limit(limit)
    .all();
}

/** Products a count can be recorded for (active ones, in menu order). */
export function listCountableProducts({ db }: { db: Db }): { id: number; name: string }[] {
  return db
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(eq(products.active, true))
    .orderBy(products.sortOrder, products.name)
    .all();
}

export type StockDiscrepancyRow = {
  /** `sale-<id>` or `exchange-<return id>`. */
  ref: string;
  productName: string;
  date: string;
  quantity: number;
  excess: number;
  occurredAt: number;
  source: "counter" | "api" | "import" | "staff";
};

/**
 * Counter sales, and goods handed over in an exchange, that took beyond what the day's plan had
 * left (재고 차이), newest first: the shelf held more than the plan said. The stock count
 * snapshots and the stock-accuracy metric take them into account (lib/inventory/availability.ts,
 * lib/metrics/metrics.ts).
 */
export function listStockDiscrepancies({ db, limit = 100 }: { db: Db; limit?: number }): StockDiscrepancyRow[] {
  const sales = db
    .select({
      id: storeSales.id,
      productName: storeSaleItems.productName,
      date: storeSales.saleDate,
      quantity: storeSaleItems.quantity,
      excess: storeSaleItems.excess,
      occurredAt: storeSales.occurredAt,
      source: storeSales.source,
    })
    .from(storeSaleItems)
    .innerJoin(storeSales, eq(storeSales.id, storeSaleItems.saleId))
    .where(gt(storeSaleItems.excess, 0))
    .orderBy(desc(storeSales.occurredAt), desc(storeSaleItems.id))
    .limit(limit)
    .all()
    .map(({ id, ...r }) => ({ ref: `sale-${id}`, ...r }));
  const exchanges = db
    .select({
      id: purchaseReturns.id,
      productName: purchaseExchangeItems.productName,
      date: purchaseExchangeItems.date,
      quantity: purchaseExchangeItems.quantity,
      excess: purchaseExchangeItems.excess,
      occurredAt: purchaseReturns.occurredAt,
      source: purchaseReturns.source,
    })
    .from(purchaseExchangeItems)
    .innerJoin(purchaseReturns, eq(purchaseReturns.id, purchaseExchangeItems.returnId))
    .where(gt(purchaseExchangeItems.excess, 0))
    .orderBy(desc(purchaseReturns.occurredAt), desc(purchaseExchangeItems.id))
    .limit(limit)
    .all()
    .map(({ id, ...r }) => ({ ref: `exchange-${id}`, ...r }));
  return [...sales, ...exchanges].sort((a, b) => b.occurredAt - a.occurredAt).slice(0, limit);
}

/**
 * A 1–5 rating and a comment for a picked-up order (asked on the order page) or for a counter
 * sale claimed from its receipt (asked on `/r/<token>`): one per purchase.
 */
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { customers, orders, reviews, saleReviews, storeSales, type Review, type SaleReview } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { findOrderByToken } from "@/lib/orders/customer-actions";
import { findSaleByReceiptToken } from "@/lib/receipts/receipts";
import { numeric } from "@/lib/validation/numbers";
import { textField } from "@/lib/validation/text";

export const reviewInput = z.object({
  rating: numeric(z.number({ error: "rating_choose" }).int("rating_choose").min(1, "rating_choose").max(5, "rating_max")),
  comment: textField({ kind: "review", max: 1000 }).optional().default(""),
});

export function reviewForOrder({ db, orderId }: { db: DbOrTx; orderId: number }): Review | undefined {
  return db.select().from(reviews).where(eq(reviews.orderId, orderId)).get();
}

export function submitReview({
  db,
  orderToken,
  input,
  now = Date.now(),
}: {
  db: Db;
  orderToken: string;
  input: unknown;
  now?: number;
}): Review {
  const input_ = parseOrThrow(reviewInput, input);
  return db.transaction(
    (tx) => {
      const order = findOrderByToken({ db: tx, token: orderToken });
      if (!order) throw new AppError("not_found", { message: "order_not_found" });
      if (order.status !== "picked_up") throw new AppError("invalid_transition", { message: "review_after_pickup" });
      if (reviewForOrder({ db: tx, orderId: order.id })) throw new AppError("conflict", { message: "review_exists" });
      return tx
        .insert(reviews)
        .values({ orderId: order.id, rating: input_.rating, comment: input_.comment, createdAt: now })
        .returning()
        .get();
    },
    { behavior: "immediate" },
  );
}

export function reviewForSale({ db, saleId }: { db: DbOrTx; saleId: number }): SaleReview | undefined {
  return db.select().from(saleReviews).where(eq(saleReviews.saleId, saleId)).get();
}

/** The review of a counter sale, from its receipt page: only once the receipt is claimed. */
export function submitSaleReview({
  db,
  receiptToken,
  input,
  now = Date.now(),
}: {
  db: Db;
  receiptToken: string;
  input: unknown;
  now?: number;
}): SaleReview {
  const input_ = parseOrThrow(reviewInput, input);
  return db.transaction(
    (tx) => {
      const sale = findSaleByReceiptToken({ db: tx, token: receiptToken });
      if (!sale) throw new AppError("not_found", { message: "receipt_not_found" });
      if (sale.customerId === null) throw new AppError("invalid_transition", { message: "review_after_claim" });
      if (reviewForSale({ db: tx, saleId: sale.id })) throw new AppError("conflict", { message: "review_exists" });
      return tx
        .insert(saleReviews)
        .values({ saleId: sale.id, rating: input_.rating, comment: input_.comment, createdAt: now })
        .returning()
        .get();
    },
    { behavior: "immediate" },
  );
}

/** A review of an order, or of a counter sale (`saleId` set, `orderId` and `orderCode` null, `pickupDate` the sale's date). */
export type ReviewView = Omit<Review, "orderId"> & {
  orderId: number | null;
  saleId: number | null;
  orderCode: string | null;
  pickupDate: string;
  customerId: number | null;
  customerName: string | null;
};

export function listReviews({ db, customerId, limit = 200 }: { db: DbOrTx; customerId?: number; limit?: number }): ReviewView[] {
  const ofSales: ReviewView[] = db
    .select({
      id: saleReviews.id,
      saleId: saleReviews.saleId,
      rating: saleReviews.rating,
      comment: saleReviews.comment,
      createdAt: saleReviews.createdAt,
      pickupDate: storeSales.saleDate,
      customerId: storeSales.customerId,
      customerName: customers.name,
    })
    .from(saleReviews)
    .innerJoin(storeSales, eq(storeSales.id, saleReviews.saleId))
    .leftJoin(customers, eq(customers.id, storeSales.customerId))
    .where(customerId ? eq(storeSales.customerId, customerId) : undefined)
    .orderBy(desc(saleReviews.createdAt), desc(saleReviews.id))
    .limit(limit)
    .all()
    .map((r) => ({ ...r, orderId: null, orderCode: null }));
  const ofOrders: ReviewView[] = db
    .select({
      id: reviews.id,
      orderId: reviews.orderId,
      rating: reviews.rating,
      comment: reviews.comment,
      createdAt: reviews.createdAt,
      orderCode: orders.code,
      pickupDate: orders.pickupDate,
      customerId: orders.customerId,
      customerName: customers.name,
    })
    .from(reviews)
    .innerJoin(orders, eq(orders.id, reviews.orderId))
    .leftJoin(customers, eq(customers.id, orders.customerId))
    .where(customerId ? eq(orders.customerId, customerId) : undefined)
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(limit)
    .all()
    .map((r) => ({ ...r, saleId: null }));
  return [...ofOrders, ...ofSales].sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
}

export function reviewSummary(list: { rating: number }[]): { count: number; average: number | null } {
  if (list.length === 0) return { count: 0, average: null };
  return { count: list.length, average: Math.round((list.reduce((s, r) => s + r.rating, 0) / list.length) * 10) / 10 };
}

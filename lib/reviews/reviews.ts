/** A 1–5 rating and a comment for a picked-up order: one per order, asked on the order page. */
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { customers, orders, reviews, type Review } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { findOrderByToken } from "@/lib/orders/customer-actions";
import { numeric } from "@/lib/validation/numbers";
import { textField } from "@/lib/validation/text";

export const reviewInput = z.object({
  rating: numeric(z.number({ error: "rating_choose" }).int("rating_choose").min(1, "rating_choose").max(5, "rating_max")),
  comment: textField({ kind: "review", max: 1000 }).optional().default(""),
});

export function reviewForOrder({ db, orderId }: { db: DbOrTx; orderId: number }): Review | undefined {
  return db.select().from(reviews).where(eq(reviews.orderId, orderId)).get();
}

export function submitReview({ db, orderToken, input, now = Date.now() }: { db: Db; orderToken: string; input: unknown; now?: number }): Review {
  const input_ = parseOrThrow(reviewInput, input);
  return db.transaction(
    (tx) => {
      const order = findOrderByToken({ db: tx, token: orderToken });
      if (!order) throw new AppError("not_found", { message: "order_not_found" });
      if (order.status !== "picked_up") throw new AppError("invalid_transition", { message: "review_after_pickup" });
      if (reviewForOrder({ db: tx, orderId: order.id })) throw new AppError("conflict", { message: "review_exists" });
      return tx.insert(reviews).values({ orderId: order.id, rating: input_.rating, comment: input_.comment, createdAt: now }).returning().get();
    },
    { behavior: "immediate" },
  );
}

export type ReviewView = Review & { orderCode: string; pickupDate: string; customerId: number | null; customerName: string | null };

export function listReviews({ db, customerId, limit = 200 }: { db: DbOrTx; customerId?: number; limit?: number }): ReviewView[] {
  return db
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
    .all();
}

export function reviewSummary(list: { rating: number }[]): { count: number; average: number | null } {
  if (list.length === 0) return { count: 0, average: null };
  return { count: list.length, average: Math.round((list.reduce((s, r) => s + r.rating, 0) / list.length) * 10) / 10 };
}

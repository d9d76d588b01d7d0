/**
 * Per-visit notes and the recommendation list staff save on a customer's card. The
 * recommendations become a storefront cart link: `/?cart=<productId>x<qty>,…`.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { customers, products, recommendations, visits, type Visit } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { numeric } from "@/lib/validation/numbers";

export const visitInput = z.object({
  done: z.string().trim().max(500, "field_too_long").optional().default(""),
  productsUsed: z.string().trim().max(500, "field_too_long").optional().default(""),
  notes: z.string().trim().max(2000, "field_too_long").optional().default(""),
  advice: z.string().trim().max(1000, "field_too_long").optional().default(""),
  shared: z.boolean().optional().default(false),
  recommendations: z
    .array(
      z.object({
        productId: numeric(z.number().int().positive()),
        quantity: numeric(z.number().int("quantity_integer").min(1, "quantity_min").max(99, "quantity_max")),
        note: z.string().trim().max(200).optional().default(""),
      }),
    )
    .max(20, "recommendations_max")
    .optional()
    .default([]),
});
export type VisitInput = z.input<typeof visitInput>;

function liveCustomer(db: DbOrTx, customerId: number) {
  const c = db.select({ id: customers.id, deletedAt: customers.deletedAt }).from(customers).where(eq(customers.id, customerId)).get();
  if (!c || c.deletedAt) throw new AppError("not_found", { message: "customer_not_found" });
}

/** Record a visit with its notes and recommended products, in one transaction. */
export function addVisit({
  db,
  customerId,
  userId,
  input,
  now = Date.now(),
}: {
  db: Db;
  customerId: number;
  userId: number;
  input: unknown;
  now?: number;
}): Visit {
  const data = parseOrThrow(visitInput, input);
  if (!data.done && !data.productsUsed && !data.notes && !data.advice && data.recommendations.length === 0) {
    throw new AppError("validation", { message: "visit_empty", fields: { done: "visit_empty_field" } });
  }
  return db.transaction(
    (tx) => {
      liveCustomer(tx, customerId);
      const ids = data.recommendations.map((r) => r.productId);
      if (ids.length) {
        const found = tx
          .select({ id: products.id })
          .from(products)
          .where(and(inArray(products.id, ids), eq(products.active, true)))
          .all();
        if (found.length !== new Set(ids).size)
          throw new AppError("validation", {
            message: "recommendation_not_sold",
            fields: { recommendations: "recommendation_not_sold_field" },
          });
      }
      const visit = tx
        .insert(visits)
        .values({
          customerId,
          visitedAt: now,
          done: data.done,
          productsUsed: data.productsUsed,
          notes: data.notes,
          advice: data.advice,
          shared: data.shared,
          userId,
        })
        .returning()
        .get();
      for (const r of data.recommendations) {
        tx.insert(recommendations)
          .values({ customerId, visitId: visit.id, productId: r.productId, quantity: r.quantity, note: r.note, createdAt: now })
          .run();
      }
      return visit;
    },
    { behavior: "immediate" },
  );
}

export function listVisits({ db, customerId, sharedOnly = false }: { db: DbOrTx; customerId: number; sharedOnly?: boolean }): Visit[] {
  return db
    .select()
    .from(visits)
    .where(sharedOnly ? and(eq(visits.customerId, customerId), eq(visits.shared, true)) : eq(visits.customerId, customerId))
    .orderBy(desc(visits.visitedAt), desc(visits.id))
    .all();
}

export type RecommendationView = {
  id: number;
  visitId: number | null;
  productId: number;
  productName: string;
  price: number;
  active: boolean;
  quantity: number;
  note: string;
  createdAt: number;
};

export function listRecommendations({ db, customerId }: { db: DbOrTx; customerId: number }): RecommendationView[] {
  return db
    .select({
      id: recommendations.id,
      visitId: recommendations.visitId,
      productId: recommendations.productId,
      productName: products.name,
      price: products.price,
      active: products.active,
      quantity: recommendations.quantity,
      note: recommendations.note,
      createdAt: recommendations.createdAt,
    })
    .from(recommendations)
    .innerJoin(products, eq(products.id, recommendations.productId))
    .where(eq(recommendations.customerId, customerId))
    .orderBy(desc(recommendations.createdAt), desc(recommendations.id))
    .all();
}

/**
 * The latest recommendation list (the newest visit's, or the newest loose ones) as a cart
 * parameter `12x2,7x1`; inactive products are left out. Empty string when nothing to order.
 */
export function recommendationCart(recs: RecommendationView[]): string {
  if (recs.length === 0) return "";
  const newestVisit = recs[0].visitId;
  const list = recs.filter((r) => r.visitId === newestVisit && r.active);
  const qty = new Map<number, number>();
  for (const r of list) qty.set(r.productId, (qty.get(r.productId) ?? 0) + r.quantity);
  return [...qty].map(([id, q]) => `${id}x${q}`).join(",");
}

export function cartHref(cart: string): string {
  return `/?cart=${cart}`;
}

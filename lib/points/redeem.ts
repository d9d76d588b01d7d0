/**
 * Spending points at the counter. The balance is read and the debit written in one
 * IMMEDIATE transaction, so two tills can never spend the same points twice.
 */
import { desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { customers, pointsLedger, type PointsEntry } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { pointsBalance } from "./policy";

export const MAX_REDEEM = 10_000_000;

export function redeemPoints({
  db,
  customerId,
  points,
  userId,
  requestKey,
  now = Date.now(),
}: {
  db: Db;
  customerId: number;
  points: number;
  userId: number | null;
  /** One per form render: the same key again returns the first redemption instead of spending twice. */
  requestKey?: string | null;
  now?: number;
}): { balance: number; entry: PointsEntry } {
  if (!Number.isInteger(points) || points <= 0 || points > MAX_REDEEM) {
    throw new AppError("validation", { message: "points_whole_number", fields: { points: "points_whole_number_field" } });
  }
  return db.transaction(
    (tx) => {
      if (requestKey) {
        const earlier = tx.select().from(pointsLedger).where(eq(pointsLedger.requestKey, requestKey)).get();
        if (earlier) {
          if (earlier.customerId !== customerId || earlier.delta !== -points) throw new AppError("idempotency_conflict");
          return { balance: pointsBalance({ db: tx, customerId }), entry: earlier };
        }
      }
      const c = tx.select({ id: customers.id, deletedAt: customers.deletedAt }).from(customers).where(eq(customers.id, customerId)).get();
      if (!c || c.deletedAt) throw new AppError("not_found", { message: "customer_not_found" });
      const balance = pointsBalance({ db: tx, customerId });
      if (points > balance) {
        throw new AppError("insufficient_points", {
          message: "points_over_balance",
          params: { balance },
          fields: { points: "points_over_balance_field" },
          details: { balance },
        });
      }
      const entry = tx
        .insert(pointsLedger)
        .values({
          customerId,
          delta: -points,
          reason: "redeem",
          sourceType: "manual",
          requestKey: requestKey ?? null,
          createdByUserId: userId,
          createdAt: now,
        })
        .returning()
        .get();
      return { balance: balance - points, entry };
    },
    { behavior: "immediate" },
  );
}

export function listPointsLedger({ db, customerId, limit = 100 }: { db: DbOrTx; customerId: number; limit?: number }): PointsEntry[] {
  return db
    .select()
    .from(pointsLedger)
    .where(eq(pointsLedger.customerId, customerId))
    .orderBy(desc(pointsLedger.createdAt), desc(pointsLedger.id))
    .limit(limit)
    .all();
}

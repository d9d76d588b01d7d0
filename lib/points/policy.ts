/**
 * One points policy for every channel: a purchase earns `pointsRateBp` basis points of its
 * total (100 bp = 1 %), rounded down, credited when the purchase completes — a pre-order
 * when it is picked up, a counter or API sale when it is recorded.
 */
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { pointsLedger, shopSettings } from "@/db/schema";

export function pointsForPurchase(total: number, rateBp: number): number {
  if (total <= 0 || rateBp <= 0) return 0;
  return Math.floor((total * rateBp) / 10_000);
}

/** Credit a completed purchase once (a unique index makes a second credit impossible). Returns the points. */
export function awardPurchasePoints({
  db,
  customerId,
  sourceType,
  sourceId,
  total,
  now,
}: {
  db: DbOrTx;
  customerId: number | null;
  sourceType: "order" | "sale";
  sourceId: number;
  total: number;
  now: number;
}): number {
  if (!customerId) return 0;
  const rate = db.select({ rate: shopSettings.pointsRateBp }).from(shopSettings).where(eq(shopSettings.id, 1)).get()?.rate ?? 0;
  const points = pointsForPurchase(total, rate);
  if (points > 0) {
    db.insert(pointsLedger).values({ customerId, delta: points, reason: "earn", sourceType, sourceId, createdAt: now }).onConflictDoNothing().run();
  }
  return points;
}

export function pointsBalance({ db, customerId }: { db: DbOrTx; customerId: number }): number {
  const row = db.select({ sum: sql<number>`coalesce(sum(${pointsLedger.delta}), 0)` }).from(pointsLedger).where(eq(pointsLedger.customerId, customerId)).get();
  return Number(row?.sum ?? 0);
}

/**
 * One points policy for every channel: a purchase earns the customer's tier rate (else the
 * shop's `pointsRateBp`) in basis points of its total (100 bp = 1 %), rounded down, credited when the purchase completes — a pre-order
 * when it is picked up, a counter or API sale when it is recorded.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { pointsLedger } from "@/db/schema";
import { pointsRateFor, recomputeTier } from "@/lib/loyalty/tiers";

export function pointsForPurchase(total: number, rateBp: number): number {
  if (total <= 0 || rateBp <= 0) return 0;
  return Math.floor((total * rateBp) / 10_000);
}

/**
 * Credit a completed purchase once (a unique index makes a second credit impossible). A
 * purchase whose credit was reversed (an undone hand-over) is credited again in the next
 * round. Returns the points.
 */
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
  // The tier held when the purchase is made sets its rate; the purchase then counts toward the next tier.
  const rate = pointsRateFor({ db, customerId });
  const points = pointsForPurchase(total, rate);
  if (points > 0) {
    const earnRound = reversedCredits({ db, sourceType, sourceId }).length;
    db.insert(pointsLedger)
      .values({ customerId, delta: points, reason: "earn", sourceType, sourceId, earnRound, rateBp: rate, createdAt: now })
      .onConflictDoNothing()
      .run();
  }
  recomputeTier({ db, customerId, now, pending: { sourceType, sourceId, total } });
  return points;
}

function purchaseEntries({
  db,
  sourceType,
  sourceId,
  reason,
}: {
  db: DbOrTx;
  sourceType: "order" | "sale";
  sourceId: number;
  reason: "earn" | "reverse";
}) {
  return db
    .select()
    .from(pointsLedger)
    .where(and(eq(pointsLedger.sourceType, sourceType), eq(pointsLedger.sourceId, sourceId), eq(pointsLedger.reason, reason)))
    .orderBy(asc(pointsLedger.id))
    .all();
}

function reversedCredits({ db, sourceType, sourceId }: { db: DbOrTx; sourceType: "order" | "sale"; sourceId: number }) {
  return purchaseEntries({ db, sourceType, sourceId, reason: "reverse" });
}

/**
 * Take back a purchase's standing credit (an undone hand-over) by appending a `reverse`
 * entry of the opposite amount; the ledger is never edited. Returns the points taken back.
 */
export function reversePurchasePoints({
  db,
  sourceType,
  sourceId,
  userId,
  now,
}: {
  db: DbOrTx;
  sourceType: "order" | "sale";
  sourceId: number;
  userId?: number | null;
  now: number;
}): number {
  const reversed = new Set(reversedCredits({ db, sourceType, sourceId }).map((r) => r.reversesId));
  const standing = purchaseEntries({ db, sourceType, sourceId, reason: "earn" }).filter((e) => !reversed.has(e.id));
  for (const earn of standing) {
    db.insert(pointsLedger)
      .values({
        customerId: earn.customerId,
        delta: -earn.delta,
        reason: "reverse",
        sourceType,
        sourceId,
        reversesId: earn.id,
        createdByUserId: userId ?? null,
        createdAt: now,
      })
      .run();
  }
  return standing.reduce((sum, e) => sum + e.delta, 0);
}

export function pointsBalance({ db, customerId }: { db: DbOrTx; customerId: number }): number {
  const row = db
    .select({ sum: sql<number>`coalesce(sum(${pointsLedger.delta}), 0)` })
    .from(pointsLedger)
    .where(eq(pointsLedger.customerId, customerId))
    .get();
  return Number(row?.sum ?? 0);
}

/**
 * Loyalty tiers (등급). An owner defines tiers by rolling spend across every channel: a tier
 * is reached by spending at least `thresholdWon` over the last `windowDays` days (refunds of
 * those purchases subtracted). A customer holds the highest tier they reach (by threshold);
 * the tier sets the points rate of their purchases.
 *
 * When it is recomputed: on every purchase, in that purchase's transaction (the purchase
 * counts), and nightly for everyone (`npm run cli -- recompute-tiers`, the worker), so a
 * tier falls when old purchases leave the window. The nightly pass also issues the tiers'
 * birthday coupons (./birthday.ts).
 *
 * Which rate a purchase earns at: the tier the customer held when the purchase was made
 * (before it is recomputed with that purchase). The purchase that lifts a customer into a
 * tier earns at the old rate; the next one at the new. The rate used is stored on the ledger
 * entry (`rate_bp`), so `points_consistency` judges every purchase by its own policy.
 */
import { asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { coupons, customers, shopSettings, tiers, type Tier } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { getShopSettings } from "@/lib/shop/settings";
import { localDate } from "@/lib/shop/time";
import { issueBirthdayCoupons } from "./birthday";
import { basisPoints, numeric, ratePercent } from "@/lib/validation/numbers";
import type { TellCode } from "@/lib/coupons/admin";

const DAY_MS = 86_400_000;

export const tierInput = z.object({
  name: z.string({ error: "tier_name_required" }).trim().min(1, "tier_name_required").max(40, "tier_name_too_long"),
  window_days: numeric(
    z.number({ error: "tier_window_days" }).int("tier_window_days").min(1, "tier_window_days").max(730, "tier_window_days"),
  ),
  threshold_won: numeric(
    z.number({ error: "tier_threshold" }).int("tier_threshold").min(0, "tier_threshold").max(1_000_000_000, "tier_threshold"),
  ),
  /** Percent of the total, e.g. 2 or 2.5 (as the shop's own rate); stored as basis points. */
  points_rate_percent: ratePercent(50),
  /** An `issued` coupon the daily pass gives holders on their birthday (lib/loyalty/birthday.ts); empty: none. */
  birthday_coupon_id: z.preprocess(
    (v) => (v === "" ? null : v),
    numeric(z.number({ error: "number_required" }).int("number_integer").positive("number_min").nullable().optional()),
  ),
});
export type TierInput = z.input<typeof tierInput>;

export function listTiers({ db }: { db: DbOrTx }): Tier[] {
  return db.select().from(tiers).orderBy(asc(tiers.thresholdWon), asc(tiers.id)).all();
}

/** A birthday coupon must be an `issued` coupon (one code per customer). */
function assertBirthdayCoupon(tx: DbOrTx, couponId: number | null | undefined): void {
  if (couponId == null) return;
  const coupon = tx.select({ codeMode: coupons.codeMode }).from(coupons).where(eq(coupons.id, couponId)).get();
  if (coupon?.codeMode !== "issued")
    throw new AppError("validation", {
      message: "tier_birthday_coupon_issued",
      fields: { birthday_coupon_id: "tier_birthday_coupon_issued" },
    });
}

function tierValues(input: z.output<typeof tierInput>) {
  return {
    name: input.name,
    windowDays: input.window_days,
    thresholdWon: input.threshold_won,
    pointsRateBp: basisPoints(input.points_rate_percent),
    birthdayCouponId: input.birthday_coupon_id ?? null,
  };
}

/** Create a tier, then recompute every customer's tier (one transaction). */
export function createTier({ db, input, now = Date.now() }: { db: Db; input: unknown; now?: number }): Tier {
  const parsed = parseOrThrow(tierInput, input);
  return db.transaction(
    (tx) => {
      assertBirthdayCoupon(tx, parsed.birthday_coupon_id);
      const tier = tx
        .insert(tiers)
        .values({ ...tierValues(parsed), createdAt: now })
        .returning()
        .get();
      recomputeAllTiers({ db: tx, now });
      return tier;
    },
    { behavior: "immediate" },
  );
}

export function updateTier({ db, id, input, now = Date.now() }: { db: Db; id: number; input: unknown; now?: number }): Tier {
  const parsed = parseOrThrow(tierInput, input);
  return db.transaction(
    (tx) => {
      assertBirthdayCoupon(tx, parsed.birthday_coupon_id);
      const tier = tx.update(tiers).set(tierValues(parsed)).where(eq(tiers.id, id)).returning().get();
      if (!tier) throw new AppError("not_found", { message: "tier_not_found" });
      recomputeAllTiers({ db: tx, now });
      return tier;
    },
    { behavior: "immediate" },
  );
}

/** Remove a tier: its holders lose it, then everyone is recomputed. Earlier ledger entries keep their rate. */
export function deleteTier({ db, id, now = Date.now() }: { db: Db; id: number; now?: number }): void {
  db.transaction(
    (tx) => {
      tx.update(customers).set({ tierId: null }).where(eq(customers.tierId, id)).run();
      const gone = tx.delete(tiers).where(eq(tiers.id, id)).run();
      if (gone.changes === 0) throw new AppError("not_found", { message: "tier_not_found" });
      recomputeAllTiers({ db: tx, now });
    },
    { behavior: "immediate" },
  );
}

/**
 * What a customer spent from `since` (epoch ms) on: picked-up orders and counter sales, minus
 * refunds of those purchases. `pending` is a purchase being completed in the current
 * transaction that is not yet written as one (an order at its hand-over).
 */
export function spendSince({
  db,
  customerId,
  since,
  pending,
}: {
  db: DbOrTx;
  customerId: number;
  since: number;
  pending?: { sourceType: "order" | "sale"; sourceId: number; total: number };
}): number {
  const pt = pending?.sourceType ?? "";
  const pid = pending?.sourceId ?? -1;
  const row = db.get<{ spent: number }>(sql`
    WITH p AS (
      SELECT 'order' AS t, id, total FROM orders WHERE customer_id = ${customerId} AND status = 'picked_up' AND picked_up_at >= ${since}
      UNION ALL SELECT 'sale', id, total FROM store_sales WHERE customer_id = ${customerId} AND occurred_at >= ${since})
    SELECT coalesce((SELECT sum(total) FROM p WHERE NOT (t = ${pt} AND id = ${pid})), 0)
         - coalesce((SELECT sum(r.refund) FROM purchase_returns r JOIN p ON (p.t = 'order' AND r.order_id = p.id) OR (p.t = 'sale' AND r.sale_id = p.id)), 0) AS spent`);
  return Number(row.spent) + (pending?.total ?? 0);
}

/** The highest tier (by threshold) whose rolling spend the customer reaches at `now`; null: none. */
export function tierFor({
  db,
  customerId,
  now,
  list = listTiers({ db }),
  pending,
}: {
  db: DbOrTx;
  customerId: number;
  now: number;
  list?: Tier[];
  pending?: Parameters<typeof spendSince>[0]["pending"];
}): Tier | null {
  let reached: Tier | null = null;
  for (const tier of list) {
    if (spendSince({ db, customerId, since: now - tier.windowDays * DAY_MS, pending }) >= tier.thresholdWon) reached = tier;
  }
  return reached;
}

/** Recompute and store one customer's tier (call inside the purchase's transaction). */
export function recomputeTier({
  db,
  customerId,
  now,
  pending,
}: {
  db: DbOrTx;
  customerId: number;
  now: number;
  pending?: Parameters<typeof spendSince>[0]["pending"];
}): Tier | null {
  const tier = tierFor({ db, customerId, now, pending });
  db.update(customers)
    .set({ tierId: tier?.id ?? null })
    .where(eq(customers.id, customerId))
    .run();
  return tier;
}

/** Recompute every customer's tier (nightly, and when tiers change). Returns how many changed. */
export function recomputeAllTiers({ db, now }: { db: DbOrTx; now: number }): { customers: number; changed: number } {
  const list = listTiers({ db });
  const rows = db.select({ id: customers.id, tierId: customers.tierId }).from(customers).where(isNull(customers.deletedAt)).all();
  let changed = 0;
  for (const c of rows) {
    const tier = list.length ? tierFor({ db, customerId: c.id, now, list }) : null;
    if ((tier?.id ?? null) !== c.tierId) {
      db.update(customers)
        .set({ tierId: tier?.id ?? null })
        .where(eq(customers.id, c.id))
        .run();
      changed++;
    }
  }
  return { customers: rows.length, changed };
}

/**
 * The nightly run: every tier recomputed in one transaction, then today's birthday coupons
 * issued (lib/loyalty/birthday.ts); `tell` queues each one's message (the server and the CLI
 * pass `tellCouponCode("birthday_coupon")`).
 */
export function runNightlyTierRecompute({ db, now = Date.now(), tell }: { db: Db; now?: number; tell?: TellCode }): {
  customers: number;
  changed: number;
  birthdayCoupons: number;
} {
  const result = db.transaction((tx) => recomputeAllTiers({ db: tx, now }), { behavior: "immediate" });
  return { ...result, birthdayCoupons: issueBirthdayCoupons({ db, now, tell }).length };
}

/** The points rate for a customer's purchase now: their tier's, else the shop's. */
export function pointsRateFor({ db, customerId }: { db: DbOrTx; customerId: number }): number {
  const row = db
    .select({ shopRate: shopSettings.pointsRateBp, tierRate: tiers.pointsRateBp })
    .from(shopSettings)
    .leftJoin(customers, eq(customers.id, customerId))
    .leftJoin(tiers, eq(tiers.id, customers.tierId))
    .where(eq(shopSettings.id, 1))
    .get();
  return row?.tierRate ?? row?.shopRate ?? 0;
}

export type TierStatus = {
  tier: Pick<Tier, "id" | "name" | "pointsRateBp"> | null;
  /** The next tier up and what is left to spend within its window to reach it. */
  next: { name: string; pointsRateBp: number; remainingWon: number; windowDays: number } | null;
};

/** A customer's tier and what is left to the next one, for `/me`, the card and the rack. */
export function tierStatus({ db, customerId, now = Date.now() }: { db: DbOrTx; customerId: number; now?: number }): TierStatus {
  const list = listTiers({ db });
  const current = db.select({ tierId: customers.tierId }).from(customers).where(eq(customers.id, customerId)).get()?.tierId ?? null;
  const tier = list.find((t) => t.id === current) ?? null;
  const above = list.filter((t) =>
    tier ? t.thresholdWon > tier.thresholdWon || (t.thresholdWon === tier.thresholdWon && t.id > tier.id) : true,
  );
  const nextTier = above[0] ?? null;
  const next = nextTier
    ? {
        name: nextTier.name,
        pointsRateBp: nextTier.pointsRateBp,
        windowDays: nextTier.windowDays,
        remainingWon: Math.max(0, nextTier.thresholdWon - spendSince({ db, customerId, since: now - nextTier.windowDays * DAY_MS })),
      }
    : null;
  return { tier: tier && { id: tier.id, name: tier.name, pointsRateBp: tier.pointsRateBp }, next };
}

/** Tier names of many customers at once (the rack board). */
export function tierNamesFor({ db, customerIds }: { db: DbOrTx; customerIds: number[] }): Map<number, string> {
  if (!customerIds.length) return new Map();
  const rows = db
    .select({ id: customers.id, name: tiers.name })
    .from(customers)
    .innerJoin(tiers, eq(tiers.id, customers.tierId))
    .where(isNotNull(customers.tierId))
    .all();
  const wanted = new Set(customerIds);
  return new Map(rows.filter((r) => wanted.has(r.id)).map((r) => [r.id, r.name]));
}

const nightly = globalThis as unknown as { dangolTierDay?: string };

/**
 * The nightly recompute from the delivery worker's tick: once per shop-local day (the first
 * tick of a new day, and once after start-up), so tiers fall when purchases leave the window.
 */
export function recomputeTiersOncePerDay({ db, now = Date.now(), tell }: { db: Db; now?: number; tell?: TellCode }): boolean {
  const day = localDate(now, getShopSettings({ db }).timezone);
  if (nightly.dangolTierDay === day) return false;
  nightly.dangolTierDay = day;
  runNightlyTierRecompute({ db, now, tell });
  return true;
}

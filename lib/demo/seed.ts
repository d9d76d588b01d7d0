/**
 * A demo bakery: products with options, plans for the past thirteen weeks (enough for a 60-day revisit rate to be judged) and the next seven
 * days, and the history a real shop would have — web and phone pre-orders through every
 * status with their order events, counter sales (some anonymous), customers with consent
 * records and the points they earned — and what goes on around the purchases (reviews,
 * questions and replies, closing stock counts, consultation forms and the visits after
 * them, last week's note), so every dashboard number has something to show.
 *
 * Written through the schema directly, but by the same rules as the live paths: prices
 * come from the catalogue (`priceWithOptions`), points from `awardPurchasePoints`, pickup
 * codes from `generatePickupCode`, no product is ever reserved or sold past its plan and
 * no slot is booked past its capacity. The records around the purchases go through their
 * own lib functions (`submitReview`, `createInquiry`, `recordStockCount`, …) with past
 * times. A seeded PRNG makes every count and total reproducible for the same `now` (tokens
 * stay cryptographically random: they are keys).
 *
 * Where each part lives: `catalogue.ts` (products and options), `people.ts` (the customer
 * pool), `history.ts` (plans, pre-orders with their events, counter sales, points),
 * `activity.ts` (closing stock counts, last week's note, and the steps below), `reviews.ts`,
 * `inquiries.ts` (questions and replies), `consultations.ts` (forms and visits); `common.ts`
 * holds the PRNG, the time span and the activity context.
 */
import { eq, gt, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { orders, outbox, products, storeSales, users } from "@/db/schema";
import { seedConsultationTemplates } from "@/lib/consultations/demo-templates";
import { ensureConsentTexts } from "@/lib/customers/consent";
import { AppError } from "@/lib/errors";
import { applyOpenNowRules } from "@/lib/pickup/first-run";
import { seedActivity } from "./activity";
import { DAY, HISTORY_DAYS } from "./common";
import { seedHistory } from "./history";
import { seedDemoCoupons } from "./seed-coupons";
import { seedDemoPrepaid } from "./seed-prepaid";

export function seedDemo({ db, now = Date.now() }: { db: Db; now?: number }): { products: number; orders: number } {
  // One transaction for everything: the lib functions called with `db` below open their own
  // transactions, which better-sqlite3 turns into savepoints inside this one — so a failure
  // anywhere leaves the shop as empty as it was.
  return db.transaction(
    (tx) => {
      const before =
        tx
          .select({ max: sql<number | null>`max(${outbox.id})` })
          .from(outbox)
          .get()?.max ?? 0;
      const result = seedInTx(tx, now);
      // Ready-made consultation forms, set up when the shop's history starts.
      seedConsultationTemplates({ db, now: now - HISTORY_DAYS * DAY });
      seedActivity({ db, now });
      const ownerId = tx.select({ id: users.id }).from(users).where(eq(users.role, "owner")).get()?.id ?? null;
      seedDemoCoupons({ db, now, ownerId });
      result.orders += seedDemoPrepaid({ db, now, ownerId });
      // Made-up history tells nobody anything: drop the messages and events it queued.
      tx.delete(outbox).where(gt(outbox.id, before)).run();
      return result;
    },
    { behavior: "immediate" },
  );
}

/** The demo needs an empty shop, its consent texts and an ordering window open now; then the catalogue and the history. */
function seedInTx(tx: Tx, now: number): { products: number; orders: number } {
  const existing = tx.get<{ products: number; orders: number }>(
    sql`select (select count(*) from ${products}) as products, (select count(*) from ${orders}) + (select count(*) from ${storeSales}) as orders`,
  );
  if (existing.products > 0 || existing.orders > 0) {
    throw new AppError("conflict", { message: "demo_needs_empty_shop" });
  }
  ensureConsentTexts({ db: tx });
  // The demo must take orders at whatever hour and weekday it is opened: the same window
  // as the owner's "open ordering now" (closed weekdays kept).
  applyOpenNowRules({ db: tx, now });
  return seedHistory(tx, now);
}

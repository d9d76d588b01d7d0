/**
 * The first steps after setup: what a new shop still lacks before a customer can order, and
 * the one action that opens ordering now (the demo data uses the same rules, so the demo is
 * orderable at whatever hour and weekday it is opened).
 */
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { dailyPlans, products, shopSettings, type ShopSettings } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { dateState, nextPickupDay } from "./schedule";
import { loadSchedule } from "@/lib/shop/settings";
import { addDays, localDate } from "@/lib/shop/time";

/**
 * Ordering opens a week ahead at midnight and each pickup slot closes two hours before it
 * starts: whatever the hour, the next open day with a slot can be ordered for. Closed
 * weekdays stay as the owner set them.
 */
export const OPEN_NOW_RULES = {
  opensDaysBefore: 7,
  opensTime: "00:00",
  cutoffMode: "hours_before_slot",
  cutoffHoursBefore: 2,
} as const satisfies Partial<ShopSettings>;

/** The first date (from today, within the listed days) whose ordering is open at `now`. */
export function firstOpenDate({ db, now = Date.now() }: { db: DbOrTx; now?: number }): string | null {
  const { settings, slots, closedDates } = loadSchedule({ db });
  const today = localDate(now, settings.timezone);
  for (let i = 0; i <= settings.daysAhead; i++) {
    const date = addDays(today, i);
    if (dateState(date, now, settings, slots, closedDates) === "open") return date;
  }
  return null;
}

/** Write OPEN_NOW_RULES (listing at least the week they open), without checking the result. */
export function applyOpenNowRules({ db, now = Date.now() }: { db: DbOrTx; now?: number }): void {
  const current = db.select({ daysAhead: shopSettings.daysAhead }).from(shopSettings).where(eq(shopSettings.id, 1)).get();
  if (!current) throw new AppError("not_found", { message: "shop_not_set_up" });
  db.update(shopSettings)
    .set({ ...OPEN_NOW_RULES, daysAhead: Math.max(current.daysAhead, OPEN_NOW_RULES.opensDaysBefore), updatedAt: now })
    .where(eq(shopSettings.id, 1))
    .run();
}

/** Set the ordering window so the storefront takes orders now; refused when the shop has no pickup slot to open. */
export function openOrderingNow({ db, now = Date.now() }: { db: Db; now?: number }): { date: string } {
  return db.transaction(
    (tx) => {
      applyOpenNowRules({ db: tx, now });
      const date = firstOpenDate({ db: tx, now });
      if (!date) throw new AppError("validation", { message: "no_open_pickup_slots" });
      return { date };
    },
    { behavior: "immediate" },
  );
}

export type ChecklistStep = "details" | "products" | "plan" | "window" | "share";
export type Checklist = {
  steps: { step: ChecklistStep; done: boolean }[];
  /** The date the plan step looks at: tomorrow, or the next day after it the shop is open. */
  planDate: string;
  /** The first date customers can order for now, if any. */
  openDate: string | null;
  complete: boolean;
};

/** What a new shop still lacks: details, a product, a plan, an open ordering window. Sharing the link is always offered. */
export function setupChecklist({ db, now = Date.now() }: { db: DbOrTx; now?: number }): Checklist {
  const { settings, slots, closedDates } = loadSchedule({ db });
  const planDate = nextPickupDay(addDays(localDate(now, settings.timezone), 1), settings, slots, closedDates);
  const count = (q: { n: number } | undefined) => Number(q?.n ?? 0);
  const activeProducts = count(
    db
      .select({ n: sql<number>`count(*)` })
      .from(products)
      .where(eq(products.active, true))
      .get(),
  );
  const planned = count(
    db
      .select({ n: sql<number>`count(*)` })
      .from(dailyPlans)
      .innerJoin(products, eq(products.id, dailyPlans.productId))
      .where(and(eq(dailyPlans.date, planDate), gt(dailyPlans.planned, 0), eq(products.active, true)))
      .get(),
  );
  const openDate = firstOpenDate({ db, now });
  const steps = [
    { step: "details" as const, done: !!settings.phone && !!settings.address },
    { step: "products" as const, done: activeProducts > 0 },
    { step: "plan" as const, done: planned > 0 },
    { step: "window" as const, done: openDate !== null },
    { step: "share" as const, done: false },
  ];
  return { steps, planDate, openDate, complete: steps.every((s) => s.step === "share" || s.done) };
}

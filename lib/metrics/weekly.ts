/**
 * The weekly 15-minute review (이번 주 15분 점검): last week (Monday–Sunday, shop-local)
 * against the week before, the pre-orders that waited over 2 minutes, the no-shows, the
 * lowest reviews, and the owner's one action for this week — saved in `weekly_notes` under
 * this week's Monday and shown at the top of next week's review.
 */
import { and, asc, eq, gte, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, orders, reviews, weeklyNotes } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { addDays, weekdayOf } from "@/lib/shop/time";
import { computeMetricsForRange, resolveRange } from "./index";
import { TARGETS } from "./metrics";
import { all, baseParams } from "./sql";

/** Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

export function weeklyReview({ db, today, now, timeZone }: { db: Db; today: string; now: number; timeZone: string }) {
  const thisWeek = mondayOf(today);
  const lastWeek = addDays(thisWeek, -7);
  const range = resolveRange({ from: lastWeek, to: addDays(lastWeek, 6), now, timeZone });
  const before = resolveRange({ from: addDays(lastWeek, -7), to: addDays(lastWeek, -1), now, timeZone });
  const p = baseParams(range);
  const slowOrders = all<{ id: number; code: string; pickup_date: string; wait_s: number; customer: string | null }>(
    db,
    `SELECT o.id, o.code, o.pickup_date, (o.picked_up_at - o.arrived_at) / 1000.0 AS wait_s,
            CASE WHEN c.id IS NULL THEN NULL ELSE coalesce(c.name, '') || ' · ' || coalesce(substr(c.phone, -4), '') END AS customer
       FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
      WHERE o.picked_up_at >= @s AND o.picked_up_at < @e AND o.status = 'picked_up' AND o.picked_up_at - o.arrived_at > @lim
      ORDER BY wait_s DESC LIMIT 50`,
    { ...p, lim: TARGETS.pickup_lead_time_s * 1000 },
  );
  const noShows = db
    .select({
      id: orders.id,
      code: orders.code,
      pickupDate: orders.pickupDate,
      slotStart: orders.slotStart,
      total: orders.total,
      name: customers.name,
    })
    .from(orders)
    .leftJoin(customers, eq(customers.id, orders.customerId))
    .where(and(eq(orders.status, "no_show"), gte(orders.pickupDate, range.from), lt(orders.pickupDate, addDays(range.to, 1))))
    .orderBy(asc(orders.pickupDate))
    .limit(50)
    .all();
  const lowReviews = db
    .select({ id: reviews.id, orderId: reviews.orderId, rating: reviews.rating, comment: reviews.comment, createdAt: reviews.createdAt })
    .from(reviews)
    .where(and(gte(reviews.createdAt, range.startMs), lt(reviews.createdAt, range.endMs)))
    .orderBy(asc(reviews.rating), asc(reviews.createdAt))
    .limit(5)
    .all();
  return {
    thisWeek,
    lastWeek,
    current: computeMetricsForRange({ db, range }),
    previous: computeMetricsForRange({ db, range: before }),
    slowOrders,
    noShows,
    lowReviews,
    /** Last week's note: the action the owner chose a week ago. */
    lastWeeksNote: db.select().from(weeklyNotes).where(eq(weeklyNotes.weekStart, lastWeek)).get() ?? null,
    thisWeeksNote: db.select().from(weeklyNotes).where(eq(weeklyNotes.weekStart, thisWeek)).get() ?? null,
  };
}

export function saveWeeklyNote({ db, weekStart, body, now = Date.now() }: { db: Db; weekStart: string; body: string; now?: number }) {
  if (weekdayOf(weekStart) !== 1) throw new AppError("validation", { message: "week_start_monday" });
  const text = body.trim();
  if (text.length > 2000) throw new AppError("validation", { message: "weekly_note_too_long", fields: { body: "weekly_note_too_long" } });
  return db
    .insert(weeklyNotes)
    .values({ weekStart, body: text, updatedAt: now })
    .onConflictDoUpdate({ target: weeklyNotes.weekStart, set: { body: text, updatedAt: now } })
    .returning()
    .get();
}

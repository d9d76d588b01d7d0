/**
 * What else a living shop has, so every dashboard number has something to show: reviews of
 * picked-up orders, customer questions with the staff's replies, closing stock counts,
 * consultation forms followed (or not) by visits, and last week's note. Written through the
 * same lib functions as the live paths, each at its own moment in the past. Staff-side
 * records (replies, visits) need a user, so a shop without an owner gets only the customer side.
 */
import { and, eq, gte, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, dailyPlans, users } from "@/db/schema";
import { stockForDate } from "@/lib/inventory/availability";
import { mondayOf, saveWeeklyNote } from "@/lib/metrics/weekly";
import { slotsForDate } from "@/lib/pickup/schedule";
import { getShopSettings, loadSchedule } from "@/lib/shop/settings";
import { addDays, localDate, zonedTime } from "@/lib/shop/time";
import { recordStockCount } from "@/lib/stock/counts";
import { HISTORY_DAYS, MINUTE, prng, SEED, type ActivityContext } from "./common";
import { seedConsultations } from "./consultations";
import { seedInquiries } from "./inquiries";
import { seedReviews } from "./reviews";

export function seedActivity({ db, now }: { db: Db; now: number }): void {
  const rng = prng(SEED ^ 0x0ac7_1717);
  const tz = getShopSettings({ db }).timezone;
  const today = localDate(now, tz);
  const owner = db.select({ id: users.id }).from(users).where(eq(users.role, "owner")).orderBy(users.id).limit(1).get();
  const at = (date: string, minuteOfDay: number) =>
    zonedTime(date, `${String(Math.floor(minuteOfDay / 60)).padStart(2, "0")}:${String(minuteOfDay % 60).padStart(2, "0")}`, tz);
  const people = db
    .select({ id: customers.id, token: customers.token, createdAt: customers.createdAt })
    .from(customers)
    .orderBy(customers.id)
    .all();
  /** Someone who was already a customer at `when` (people only write to a shop they know). */
  const customerBefore = (when: number) => {
    const known = people.filter((c) => c.createdAt <= when);
    return known.length ? rng.pick(known) : null;
  };

  const ctx: ActivityContext = { db, rng, now, today, tz, at, customerBefore, userId: owner?.id ?? null };
  seedStockCounts(ctx);
  seedReviews(ctx);
  seedInquiries(ctx);
  seedConsultations(ctx);

  const lastWeek = addDays(mondayOf(today), -7);
  saveWeeklyNote({
    db,
    weekStart: lastWeek,
    body: "노쇼가 조금 늘었어요. 이번 주에는 픽업 전날 저녁에 예약 목록을 한 번 더 확인하고, 2분 넘게 기다린 주문은 이유를 적어 두기.",
    now: Math.min(now - MINUTE, at(lastWeek, 9 * 60 + 40)),
  });
}

/**
 * A closing count (마감 실사) on some past days, for some products: counted after the last
 * sale, when the system's available quantity is final for that day. Mostly right; now and
 * then a bag or a loaf is off by one or two.
 */
function seedStockCounts({ db, rng, today, tz, userId }: ActivityContext): void {
  const { slots } = loadSchedule({ db });
  const dates = db
    .selectDistinct({ date: dailyPlans.date })
    .from(dailyPlans)
    .where(and(gte(dailyPlans.date, addDays(today, -HISTORY_DAYS)), lt(dailyPlans.date, today)))
    .orderBy(dailyPlans.date)
    .all()
    .map((d) => d.date);
  for (const date of dates) {
    if (!rng.chance(0.3)) continue;
    const lastSlotEnd = Math.max(0, ...slotsForDate(date, slots).map((s) => zonedTime(date, s.endTime, tz)));
    const countedAt = Math.max(zonedTime(date, "21:00", tz), lastSlotEnd + 30 * MINUTE) + rng.int(0, 20) * MINUTE;
    const stock = stockForDate({ db, date });
    for (const line of stock.values()) {
      if (!rng.chance(0.5)) continue;
      const off = rng.chance(0.05) ? rng.pick([-2, -1, 1, 2]) : 0;
      const counted = line.available + off < 0 ? line.available - off : line.available + off;
      recordStockCount({ db, productId: line.productId, date, counted, userId, now: countedAt });
    }
  }
}

import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { preparedQuery } from "@/db/prepared";
import { closedDates, pickupSlots, shopSettings, users, type ShopSettings } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { SlotRule } from "@/lib/pickup/schedule";
import { weekdayOf } from "@/lib/shop/time";

/** The shop's settings row; throws `not_found` before first-run setup. */
export function getShopSettings({ db }: { db: DbOrTx }): ShopSettings {
  const row = findShopSettings({ db });
  if (!row) throw new AppError("not_found", { message: "shop_not_set_up" });
  return row;
}

export function findShopSettings({ db }: { db: DbOrTx }): ShopSettings | undefined {
  return preparedQuery(db, "shop.settings", (q) => q.select().from(shopSettings).where(eq(shopSettings.id, 1)).prepare()).get();
}

/** True once the first-run page has created the shop and its owner. */
export function isSetUp({ db }: { db: DbOrTx }): boolean {
  return !!db.select({ id: users.id }).from(users).where(eq(users.role, "owner")).limit(1).get();
}

export function listSlotRules({ db }: { db: DbOrTx }): SlotRule[] {
  return preparedQuery(db, "shop.slots", (q) => q.select().from(pickupSlots).prepare()).all();
}

export function listClosedDates({ db }: { db: DbOrTx }): Set<string> {
  return new Set(
    preparedQuery(db, "shop.closed-dates", (q) => q.select({ date: closedDates.date }).from(closedDates).prepare())
      .all()
      .map((r) => r.date),
  );
}

/** Settings, slots and closed dates together: everything the schedule rules need. */
export function loadSchedule({ db }: { db: DbOrTx }) {
  return { settings: getShopSettings({ db }), slots: listSlotRules({ db }), closedDates: listClosedDates({ db }) };
}

/**
 * `loadSchedule` as far as one date is concerned: the slot rules of its weekday only and, of
 * the closed dates, only whether it is one. What lib/pickup/schedule.ts says about that date
 * (dateState, slotsForDate, cutoffAt) reads the same from either; placing an order asks this
 * every time, without mapping the whole week's rules.
 */
export function loadScheduleForDate({ db, date }: { db: DbOrTx; date: string }) {
  const slots = preparedQuery(db, "shop.slots-of-weekday", (q) =>
    q
      .select()
      .from(pickupSlots)
      .where(eq(pickupSlots.weekday, sql.placeholder("weekday")))
      .prepare(),
  ).all({ weekday: weekdayOf(date) });
  const closed = preparedQuery(db, "shop.closed-date", (q) =>
    q
      .select({ date: closedDates.date })
      .from(closedDates)
      .where(eq(closedDates.date, sql.placeholder("date")))
      .prepare(),
  ).get({ date });
  return { settings: getShopSettings({ db }), slots, closedDates: new Set(closed ? [closed.date] : []) };
}

import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { closedDates, pickupSlots, shopSettings } from "@/db/schema";
import { cutoffAt, dateState, slotsForDate } from "@/lib/pickup/schedule";
import { addDays, localDate, weekdayOf } from "@/lib/shop/time";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";
import { loadSchedule, loadScheduleForDate } from "./settings";

describe("loadScheduleForDate", () => {
  it("says of each date what the whole schedule says: its state, its slots and its cut-off", () => {
    const db = freshDb();
    shopWithProducts(db);
    const today = localDate(Date.now());
    const dates = Array.from({ length: 16 }, (_, i) => addDays(today, i));
    // A closed date, a closed weekday, a weekday without active slots and a slot switched off.
    db.insert(closedDates).values({ date: dates[3], reason: "holiday" }).run();
    db.update(shopSettings)
      .set({ closedWeekdays: [weekdayOf(dates[5])] })
      .run();
    db.update(pickupSlots)
      .set({ active: false })
      .where(eq(pickupSlots.weekday, weekdayOf(dates[6])))
      .run();
    db.update(pickupSlots)
      .set({ active: false })
      .where(and(eq(pickupSlots.weekday, weekdayOf(dates[2])), eq(pickupSlots.startTime, "10:00")))
      .run();

    const whole = loadSchedule({ db });
    const states = new Set<string>();
    for (const now of [Date.now(), Date.now() + 3 * 86_400_000]) {
      for (const date of dates) {
        const one = loadScheduleForDate({ db, date });
        expect(one.settings).toEqual(whole.settings);
        const state = dateState(date, now, one.settings, one.slots, one.closedDates);
        expect(state).toBe(dateState(date, now, whole.settings, whole.slots, whole.closedDates));
        expect(slotsForDate(date, one.slots)).toEqual(slotsForDate(date, whole.slots));
        expect(cutoffAt(date, one.settings, one.slots)).toBe(cutoffAt(date, whole.settings, whole.slots));
        states.add(state);
      }
    }
    // The dates above reach every branch that reads the slots or the closed dates.
    expect([...states].sort()).toEqual(["closed_day", "cutoff_passed", "no_slots", "not_open_yet", "open"]);
    expect(loadScheduleForDate({ db, date: dates[3] }).closedDates).toEqual(new Set([dates[3]]));
    expect(loadScheduleForDate({ db, date: dates[4] }).slots.every((s) => s.weekday === weekdayOf(dates[4]))).toBe(true);
  });
});

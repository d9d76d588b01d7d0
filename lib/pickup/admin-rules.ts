/**
 * The owner's changes to pickup: the rules (when ordering opens and closes), weekly pickup
 * slots and closed dates. Reading them lives in ./schedule.ts; this file validates and writes.
 */
import { and, asc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { closedDates, orders, pickupSlots, shopSettings, type ShopSettings } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { wholeNumber } from "@/lib/validation/numbers";
import { isDateString, isTimeString, localDate, minutesOf, weekdayOf } from "@/lib/shop/time";
import { numeric } from "@/lib/validation/numbers";
import { OPEN_STATUSES } from "@/lib/order-status-sets";

const time = (message = "time_format") => z.string().trim().refine(isTimeString, message);

// ---------------------------------------------------------------- pickup rules

export const pickupRulesInput = z
  .object({
    opensDaysBefore: wholeNumber(0, 30),
    opensTime: time(),
    cutoffMode: z.enum(["day_before", "hours_before_slot"], { error: "cutoff_mode_choose" }),
    cutoffDaysBefore: wholeNumber(0, 30),
    cutoffTime: time(),
    cutoffHoursBefore: wholeNumber(0, 72),
    daysAhead: wholeNumber(1, 30),
    maxItemsPerOrder: wholeNumber(1, 999),
    /** "도착했어요" opens this many minutes before the slot; left as it is when not sent. */
    checkInOpensMinutes: wholeNumber(0, 180).optional(),
    closedWeekdays: z
      .array(numeric(z.number().int().min(0).max(6)))
      .max(7)
      .optional()
      .default([])
      .transform((days) => [...new Set(days)].sort()),
  })
  .superRefine((v, ctx) => {
    // In day_before mode both moments are fixed offsets from the pickup date: compare them.
    if (v.cutoffMode === "day_before") {
      const opens = -v.opensDaysBefore * 1440 + minutesOf(v.opensTime);
      const closes = -v.cutoffDaysBefore * 1440 + minutesOf(v.cutoffTime);
      if (closes <= opens) ctx.addIssue({ code: "custom", path: ["cutoffTime"], message: "cutoff_after_open" });
    }
    if (v.closedWeekdays.length === 7) ctx.addIssue({ code: "custom", path: ["closedWeekdays"], message: "not_all_days_closed" });
  });
export type PickupRulesInput = z.input<typeof pickupRulesInput>;

export function updatePickupRules({ db, input, now = Date.now() }: { db: DbOrTx; input: unknown; now?: number }): ShopSettings {
  const v = parseOrThrow(pickupRulesInput, input);
  const row = db
    .update(shopSettings)
    .set({ ...v, updatedAt: now })
    .where(eq(shopSettings.id, 1))
    .returning()
    .get();
  if (!row) throw new AppError("not_found", { message: "shop_not_set_up" });
  return row;
}

// ---------------------------------------------------------------- slots

export const slotInput = z
  .object({
    weekday: wholeNumber(0, 6),
    startTime: time("start_time_format"),
    endTime: time("end_time_format"),
    capacity: wholeNumber(1, 500),
  })
  .refine((s) => minutesOf(s.endTime) > minutesOf(s.startTime), { path: ["endTime"], message: "end_after_start" });

export function listSlotsForAdmin({ db }: { db: DbOrTx }) {
  return db.select().from(pickupSlots).orderBy(asc(pickupSlots.weekday), asc(pickupSlots.startTime)).all();
}

function checkNoOverlap(tx: DbOrTx, slot: { weekday: number; startTime: string; endTime: string }, exceptId?: number): void {
  const same = tx
    .select()
    .from(pickupSlots)
    .where(and(eq(pickupSlots.weekday, slot.weekday), exceptId ? ne(pickupSlots.id, exceptId) : undefined))
    .all();
  const clash = same.find((s) => minutesOf(s.startTime) < minutesOf(slot.endTime) && minutesOf(slot.startTime) < minutesOf(s.endTime));
  if (clash) {
    throw new AppError("validation", {
      message: "slot_overlaps",
      params: { start: clash.startTime, end: clash.endTime },
      fields: { startTime: "slot_overlaps_field" },
    });
  }
}

/** Upcoming live orders booked into a weekly slot (matched by weekday and start time). */
export function upcomingBookingsForSlot({
  db,
  slot,
  now = Date.now(),
  timeZone,
}: {
  db: DbOrTx;
  slot: { weekday: number; startTime: string };
  now?: number;
  timeZone?: string;
}): number {
  const today = localDate(now, timeZone);
  const rows = db
    .select({ date: orders.pickupDate, count: sql<number>`count(*)` })
    .from(orders)
    .where(and(gte(orders.pickupDate, today), eq(orders.slotStart, slot.startTime), inArray(orders.status, [...OPEN_STATUSES])))
    .groupBy(orders.pickupDate)
    .all();
  return rows.filter((r) => weekdayOf(r.date) === slot.weekday).reduce((sum, r) => sum + Number(r.count), 0);
}

export function addSlot({ db, input }: { db: Db; input: unknown }) {
  const v = parseOrThrow(slotInput, input);
  return db.transaction(
    (tx) => {
      checkNoOverlap(tx, v);
      return tx
        .insert(pickupSlots)
        .values({ ...v, active: true })
        .returning()
        .get();
    },
    { behavior: "immediate" },
  );
}

/**
 * Change a slot. Its times may not move while upcoming orders are booked into it (they
 * would point at a window that no longer exists); its capacity and active flag may.
 */
export function updateSlot({ db, id, input, now = Date.now() }: { db: Db; id: number; input: unknown; now?: number }) {
  const v = parseOrThrow(slotInput.and(z.object({ active: z.boolean() })), input);
  return db.transaction(
    (tx) => {
      const current = tx.select().from(pickupSlots).where(eq(pickupSlots.id, id)).get();
      if (!current) throw new AppError("not_found", { message: "slot_not_found" });
      const moved = current.weekday !== v.weekday || current.startTime !== v.startTime || current.endTime !== v.endTime;
      if (moved) {
        const booked = upcomingBookingsForSlot({ db: tx, slot: current, now, timeZone: tzOf(tx) });
        if (booked > 0) throw new AppError("conflict", { message: "slot_has_orders_change", params: { count: booked } });
        checkNoOverlap(tx, v, id);
      }
      return tx.update(pickupSlots).set(v).where(eq(pickupSlots.id, id)).returning().get();
    },
    { behavior: "immediate" },
  );
}

/** Remove a slot that no upcoming order uses; otherwise the owner deactivates it instead. */
export function removeSlot({ db, id, now = Date.now() }: { db: Db; id: number; now?: number }): void {
  db.transaction(
    (tx) => {
      const current = tx.select().from(pickupSlots).where(eq(pickupSlots.id, id)).get();
      if (!current) throw new AppError("not_found", { message: "slot_not_found" });
      const booked = upcomingBookingsForSlot({ db: tx, slot: current, now, timeZone: tzOf(tx) });
      if (booked > 0) throw new AppError("conflict", { message: "slot_has_orders_remove", params: { count: booked } });
      tx.delete(pickupSlots).where(eq(pickupSlots.id, id)).run();
    },
    { behavior: "immediate" },
  );
}

function tzOf(db: DbOrTx): string | undefined {
  return db.select({ tz: shopSettings.timezone }).from(shopSettings).where(eq(shopSettings.id, 1)).get()?.tz;
}

// ---------------------------------------------------------------- closed dates

export const closedDateInput = z.object({
  date: z.string().trim().refine(isDateString, "date_choose"),
  reason: z.string().trim().max(100, "reason_too_long").optional().default(""),
});

export function listClosedDatesForAdmin({ db, now = Date.now(), timeZone }: { db: DbOrTx; now?: number; timeZone?: string }) {
  return db
    .select()
    .from(closedDates)
    .where(gte(closedDates.date, localDate(now, timeZone)))
    .orderBy(asc(closedDates.date))
    .all();
}

/** Close a date; refused while live orders are booked for it (cancel or move them first). */
export function addClosedDate({ db, input, now = Date.now() }: { db: Db; input: unknown; now?: number }) {
  const v = parseOrThrow(closedDateInput, input);
  return db.transaction(
    (tx) => {
      if (v.date < localDate(now, tzOf(tx)))
        throw new AppError("validation", { message: "closed_date_past", fields: { date: "date_today_or_later" } });
      const live = tx
        .select({ count: sql<number>`count(*)` })
        .from(orders)
        .where(and(eq(orders.pickupDate, v.date), inArray(orders.status, [...OPEN_STATUSES])))
        .get();
      const count = Number(live?.count ?? 0);
      if (count > 0)
        throw new AppError("conflict", { message: "closed_date_has_orders", params: { count }, fields: { date: "date_has_orders" } });
      return tx
        .insert(closedDates)
        .values({ date: v.date, reason: v.reason || null })
        .onConflictDoUpdate({ target: closedDates.date, set: { reason: v.reason || null } })
        .returning()
        .get();
    },
    { behavior: "immediate" },
  );
}

export function removeClosedDate({ db, date }: { db: DbOrTx; date: string }): void {
  const row = db.delete(closedDates).where(eq(closedDates.date, date)).returning({ date: closedDates.date }).get();
  if (!row) throw new AppError("not_found", { message: "closed_date_not_found" });
}

/**
 * The owner's changes to the shop: details, pickup rules (when ordering opens and closes),
 * weekly pickup slots and closed dates. Reading the rules lives in lib/pickup/schedule.ts;
 * this file only validates and writes them.
 */
import { and, asc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { closedDates, orders, pickupSlots, shopSettings, type ShopSettings } from "@/db/schema";
import { AppError, fieldErrorsFromZod } from "@/lib/errors";
import { normalizePhone, formatPhone } from "@/lib/customers/phone";
import { cutoffAt, nextPickupDay, opensAt, slotCutoffAt, slotsForDate, type SlotRule } from "@/lib/pickup/schedule";
import { addDays, isDateString, isTimeString, localDate, minutesOf, weekdayOf } from "./time";
import { withParticle } from "@/lib/korean-particle";
import { numeric } from "@/lib/validation/numbers";

export { ruleExample, type RuleExample } from "@/lib/pickup/rule-example";

const time = (message = "시간을 HH:MM으로 적어 주세요. 예: 18:00") => z.string().trim().refine(isTimeString, message);
const int = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${withParticle(label, "을/를")} 숫자로 적어 주세요.` })
    .int(`${withParticle(label, "은/는")} 정수로 적어 주세요.`)
    .min(min, `${withParticle(label, "은/는")} ${min} 이상이어야 해요.`)
    .max(max, `${withParticle(label, "은/는")} ${max} 이하로 적어 주세요.`);

function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrorsFromZod(parsed.error.issues);
    throw new AppError("validation", Object.values(fields)[0], { fields });
  }
  return parsed.data;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- shop details

export const shopDetailsInput = z.object({
  name: z.string().trim().min(1, "가게 이름을 적어 주세요.").max(60, "가게 이름은 60자까지예요.").refine((s) => !/[<>]/.test(s), "< > 기호는 쓸 수 없어요."),
  phone: z
    .string()
    .trim()
    .max(40)
    .optional()
    .default("")
    .refine((s) => s === "" || normalizePhone(s) !== null, "전화번호를 확인해 주세요. 예: 02-123-4567"),
  address: z.string().trim().max(200, "주소는 200자까지예요.").optional().default(""),
  // A textarea posts its line breaks as CRLF; keep plain newlines.
  openingHours: z
    .string()
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(300, "영업시간은 300자까지예요."))
    .optional()
    .default(""),
  timezone: z.string().trim().refine(isTimeZone, "시간대를 목록에서 골라 주세요."),
  /** Percent of the total, e.g. 1 or 1.5; stored as basis points. */
  pointsRatePercent: z.coerce
    .number({ error: "적립률을 숫자로 적어 주세요." })
    .min(0, "적립률은 0% 이상이어야 해요.")
    .max(50, "적립률은 50% 이하로 적어 주세요.")
    .refine((n) => Number.isInteger(Math.round(n * 100 * 1e6) / 1e6), "적립률은 소수 둘째 자리까지 적을 수 있어요."),
  rackRows: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine((s) => /^[A-Z]{1,26}$/.test(s), "랙 줄은 A~Z 영문자로 적어 주세요. 예: ABC")
    .refine((s) => new Set(s).size === s.length, "랙 줄 글자가 겹쳐요."),
  rackColumns: int("랙 칸 수", 1, 50),
});
export type ShopDetailsInput = z.input<typeof shopDetailsInput>;

export function updateShopDetails({ db, input, now = Date.now() }: { db: DbOrTx; input: unknown; now?: number }): ShopSettings {
  const v = validate(shopDetailsInput, input);
  const phone = v.phone ? formatPhone(normalizePhone(v.phone)!) : null;
  const row = db
    .update(shopSettings)
    .set({
      name: v.name,
      phone,
      address: v.address || null,
      openingHours: v.openingHours || null,
      timezone: v.timezone,
      pointsRateBp: Math.round(v.pointsRatePercent * 100),
      rackRows: v.rackRows,
      rackColumns: v.rackColumns,
      updatedAt: now,
    })
    .where(eq(shopSettings.id, 1))
    .returning()
    .get();
  if (!row) throw new AppError("not_found", "가게가 아직 만들어지지 않았어요.");
  return row;
}

// ---------------------------------------------------------------- pickup rules

export const pickupRulesInput = z
  .object({
    opensDaysBefore: int("주문 시작 일수", 0, 30),
    opensTime: time(),
    cutoffMode: z.enum(["day_before", "hours_before_slot"], { error: "마감 방식을 골라 주세요." }),
    cutoffDaysBefore: int("마감 일수", 0, 30),
    cutoffTime: time(),
    cutoffHoursBefore: int("마감 시간", 0, 72),
    daysAhead: int("미리 보여 줄 날 수", 1, 30),
    maxItemsPerOrder: int("한 주문 최대 개수", 1, 999),
    /** "도착했어요" opens this many minutes before the slot; left as it is when not sent. */
    checkInOpensMinutes: int("도착 알림을 여는 시간", 0, 180).optional(),
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
      if (closes <= opens) ctx.addIssue({ code: "custom", path: ["cutoffTime"], message: "마감은 주문 시작보다 뒤여야 해요." });
    }
    if (v.closedWeekdays.length === 7) ctx.addIssue({ code: "custom", path: ["closedWeekdays"], message: "모든 요일을 쉬는 날로 정할 수는 없어요." });
  });
export type PickupRulesInput = z.input<typeof pickupRulesInput>;

export function updatePickupRules({ db, input, now = Date.now() }: { db: DbOrTx; input: unknown; now?: number }): ShopSettings {
  const v = validate(pickupRulesInput, input);
  const row = db.update(shopSettings).set({ ...v, updatedAt: now }).where(eq(shopSettings.id, 1)).returning().get();
  if (!row) throw new AppError("not_found", "가게가 아직 만들어지지 않았어요.");
  return row;
}

// ---------------------------------------------------------------- slots

export const slotInput = z
  .object({
    weekday: int("요일", 0, 6),
    startTime: time("시작 시간을 HH:MM으로 적어 주세요."),
    endTime: time("끝 시간을 HH:MM으로 적어 주세요."),
    capacity: int("받을 주문 수", 1, 500),
  })
  .refine((s) => minutesOf(s.endTime) > minutesOf(s.startTime), { path: ["endTime"], message: "끝 시간은 시작 시간보다 뒤여야 해요." });

export function listSlotsForAdmin({ db }: { db: DbOrTx }) {
  return db.select().from(pickupSlots).orderBy(asc(pickupSlots.weekday), asc(pickupSlots.startTime)).all();
}

function checkNoOverlap(tx: DbOrTx, slot: { weekday: number; startTime: string; endTime: string }, exceptId?: number): void {
  const same = tx.select().from(pickupSlots).where(and(eq(pickupSlots.weekday, slot.weekday), exceptId ? ne(pickupSlots.id, exceptId) : undefined)).all();
  const clash = same.find((s) => minutesOf(s.startTime) < minutesOf(slot.endTime) && minutesOf(slot.startTime) < minutesOf(s.endTime));
  if (clash) {
    throw new AppError("validation", `같은 요일의 ${clash.startTime}-${clash.endTime} 시간과 겹쳐요.`, { fields: { startTime: "다른 픽업 시간과 겹쳐요." } });
  }
}

/** Upcoming live orders booked into a weekly slot (matched by weekday and start time). */
export function upcomingBookingsForSlot({ db, slot, now = Date.now(), timeZone }: { db: DbOrTx; slot: { weekday: number; startTime: string }; now?: number; timeZone?: string }): number {
  const today = localDate(now, timeZone);
  const rows = db
    .select({ date: orders.pickupDate, count: sql<number>`count(*)` })
    .from(orders)
    .where(and(gte(orders.pickupDate, today), eq(orders.slotStart, slot.startTime), inArray(orders.status, ["placed", "ready", "arrived"])))
    .groupBy(orders.pickupDate)
    .all();
  return rows.filter((r) => weekdayOf(r.date) === slot.weekday).reduce((sum, r) => sum + Number(r.count), 0);
}

export function addSlot({ db, input }: { db: Db; input: unknown }) {
  const v = validate(slotInput, input);
  return db.transaction(
    (tx) => {
      checkNoOverlap(tx, v);
      return tx.insert(pickupSlots).values({ ...v, active: true }).returning().get();
    },
    { behavior: "immediate" },
  );
}

/**
 * Change a slot. Its times may not move while upcoming orders are booked into it (they
 * would point at a window that no longer exists); its capacity and active flag may.
 */
export function updateSlot({ db, id, input, now = Date.now() }: { db: Db; id: number; input: unknown; now?: number }) {
  const v = validate(slotInput.and(z.object({ active: z.boolean() })), input);
  return db.transaction(
    (tx) => {
      const current = tx.select().from(pickupSlots).where(eq(pickupSlots.id, id)).get();
      if (!current) throw new AppError("not_found", "픽업 시간을 찾을 수 없어요.");
      const moved = current.weekday !== v.weekday || current.startTime !== v.startTime || current.endTime !== v.endTime;
      if (moved) {
        const booked = upcomingBookingsForSlot({ db: tx, slot: current, now, timeZone: tzOf(tx) });
        if (booked > 0) throw new AppError("conflict", `이 시간에 예약된 주문이 ${booked}건 있어 시간을 바꿀 수 없어요. 대신 '사용' 체크를 끄고 새 시간을 추가해 주세요.`);
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
      if (!current) throw new AppError("not_found", "픽업 시간을 찾을 수 없어요.");
      const booked = upcomingBookingsForSlot({ db: tx, slot: current, now, timeZone: tzOf(tx) });
      if (booked > 0) throw new AppError("conflict", `이 시간에 예약된 주문이 ${booked}건 있어 지울 수 없어요. 대신 '사용' 체크를 꺼 주세요.`);
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
  date: z.string().trim().refine(isDateString, "날짜를 골라 주세요."),
  reason: z.string().trim().max(100, "사유는 100자까지예요.").optional().default(""),
});

export function listClosedDatesForAdmin({ db, now = Date.now(), timeZone }: { db: DbOrTx; now?: number; timeZone?: string }) {
  return db.select().from(closedDates).where(gte(closedDates.date, localDate(now, timeZone))).orderBy(asc(closedDates.date)).all();
}

/** Close a date; refused while live orders are booked for it (cancel or move them first). */
export function addClosedDate({ db, input, now = Date.now() }: { db: Db; input: unknown; now?: number }) {
  const v = validate(closedDateInput, input);
  return db.transaction(
    (tx) => {
      if (v.date < localDate(now, tzOf(tx))) throw new AppError("validation", "지난 날짜는 쉬는 날로 정할 수 없어요.", { fields: { date: "오늘 이후 날짜를 골라 주세요." } });
      const live = tx
        .select({ count: sql<number>`count(*)` })
        .from(orders)
        .where(and(eq(orders.pickupDate, v.date), inArray(orders.status, ["placed", "ready", "arrived"])))
        .get();
      const count = Number(live?.count ?? 0);
      if (count > 0) throw new AppError("conflict", `그날 픽업 주문이 ${count}건 있어요. 먼저 주문을 정리한 뒤 쉬는 날로 정해 주세요.`, { fields: { date: "주문이 있는 날이에요." } });
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
  if (!row) throw new AppError("not_found", "쉬는 날을 찾을 수 없어요.");
}

/**
 * Birthdays and the tier's birthday coupon (생일 쿠폰). A customer may give a birthday —
 * month and day only, `MM-DD`, no year — on `/me`, or staff set it on the customer card.
 * The daily tier pass (`runNightlyTierRecompute`: the delivery worker once a shop-local day,
 * `recompute-tiers`) then issues each tier's birthday coupon (an `issued` coupon) to the
 * holders whose birthday is today in the shop's zone, through `issueCouponToCustomer` (with
 * the caller's `tell`, which queues the 생일 쿠폰 message in the same transaction): at most
 * once per customer per year (`birthday_coupon_grants` has a unique key on customer and year,
 * so running the pass again gives nothing twice). A 29 February birthday is celebrated on
 * 28 February in other years. A paused or ended coupon gives nothing (and nothing is marked,
 * so it is given the same day if the owner resumes it and the pass runs again).
 */
import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { birthdayCouponGrants, coupons, customers, tiers, type CouponCode } from "@/db/schema";
import { issueCouponToCustomer, type TellCode } from "@/lib/coupons/admin";
import { AppError, parseOrThrow } from "@/lib/errors";
import { getShopSettings } from "@/lib/shop/settings";
import { localDate } from "@/lib/shop/time";

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `MM-DD` from what a person types: `3-14`, `03/14`, `3.14`, `0314`; null when it is no day of the year. */
export function normalizeBirthday(text: string): string | null {
  const m = /^(\d{1,2})\s*[-/.\s]\s*(\d{1,2})\.?$/.exec(text.trim()) ?? /^(\d{2})(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return null;
  return `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The birthday field of every form and API: `MM-DD` (or what `normalizeBirthday` reads); empty clears it. */
export const birthdayInput = z.object({
  birthday: z.preprocess(
    (v) =>
      v === undefined || v === null || (typeof v === "string" && v.trim() === "")
        ? null
        : typeof v === "string"
          ? (normalizeBirthday(v) ?? v)
          : v,
    z
      .string({ error: "birthday_format" })
      .refine((v) => normalizeBirthday(v) === v, "birthday_format")
      .nullable(),
  ),
});

/** Set (or clear) a customer's birthday; a deleted customer has none. */
export function setBirthday({ db, customerId, input }: { db: Db; customerId: number; input: unknown }): string | null {
  const { birthday } = parseOrThrow(birthdayInput, input);
  const row = db
    .update(customers)
    .set({ birthday })
    .where(and(eq(customers.id, customerId), isNull(customers.deletedAt)))
    .returning({ id: customers.id })
    .get();
  if (!row) throw new AppError("not_found", { message: "customer_not_found" });
  return birthday;
}

/** Month and day of a stored `MM-DD`, for display ("3월 14일"). */
export function birthdayParts(birthday: string): { month: number; day: number } {
  return { month: Number(birthday.slice(0, 2)), day: Number(birthday.slice(3, 5)) };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The birthdays (`MM-DD`) celebrated on a shop-local date: 29 February on the 28th in other years. */
export function birthdaysOn(date: string): string[] {
  const md = date.slice(5);
  return md === "02-28" && !isLeapYear(Number(date.slice(0, 4))) ? ["02-28", "02-29"] : [md];
}

/**
 * Issue today's birthday coupons (see the module comment). Each customer in their own
 * IMMEDIATE transaction: the year's grant is looked for, the code issued and the grant
 * written together. Returns the codes issued now.
 */
export function issueBirthdayCoupons({ db, now = Date.now(), tell }: { db: Db; now?: number; tell?: TellCode }): CouponCode[] {
  const today = localDate(now, getShopSettings({ db }).timezone);
  const year = Number(today.slice(0, 4));
  const due = db
    .select({ customerId: customers.id, couponId: tiers.birthdayCouponId })
    .from(customers)
    .innerJoin(tiers, eq(tiers.id, customers.tierId))
    .where(and(isNull(customers.deletedAt), isNotNull(tiers.birthdayCouponId), inArray(customers.birthday, birthdaysOn(today))))
    .all();
  const issued: CouponCode[] = [];
  for (const { customerId, couponId } of due) {
    const code = db.transaction(
      (tx) => {
        const given = tx
          .select({ id: birthdayCouponGrants.id })
          .from(birthdayCouponGrants)
          .where(and(eq(birthdayCouponGrants.customerId, customerId), eq(birthdayCouponGrants.year, year)))
          .get();
        if (given) return null;
        const coupon = tx.select().from(coupons).where(eq(coupons.id, couponId!)).get();
        if (!coupon || coupon.codeMode !== "issued" || coupon.pausedAt !== null || (coupon.endsOn !== null && coupon.endsOn < today))
          return null;
        // Opened with `db`, the issue runs as a savepoint inside this transaction.
        const code = issueCouponToCustomer({ db, now, tell }, coupon.id, customerId);
        tx.insert(birthdayCouponGrants).values({ customerId, year, couponCodeId: code.id, grantedAt: now }).run();
        return code;
      },
      { behavior: "immediate" },
    );
    if (code) issued.push(code);
  }
  return issued;
}

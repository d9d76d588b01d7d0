/**
 * Which orders hold stock and a slot place, as SQL: every live order, and an order awaiting
 * prepayment only until its `hold_until` (lib/prepayment/holds.ts). Every count of reserved
 * stock and slot bookings uses this one condition, so an ended hold stops counting in every
 * read at once, before any sweeper runs, and is never counted twice.
 */
import { and, eq, gt, lte, ne, notInArray, or, type SQL } from "drizzle-orm";
import { orders } from "@/db/schema";

/** Orders that hold stock and a slot place at `now` (the SQL twin of `holdsPlace` in lib/payments/rules.ts). */
export function bookedAt(now: number): SQL {
  return and(notInArray(orders.status, ["cancelled", "expired"]), or(ne(orders.status, "awaiting_payment"), gt(orders.holdUntil, now)))!;
}

/** The same condition over an `orders` alias, for hand-written SQL (`nowParam` is the caller's bound parameter). */
export function bookedSql(alias: string, nowParam: string): string {
  return `${alias}.status NOT IN ('cancelled', 'expired') AND (${alias}.status != 'awaiting_payment' OR ${alias}.hold_until > ${nowParam})`;
}

/** Orders awaiting payment whose hold has ended at `now`. */
export function endedHolds(now: number): SQL {
  return and(eq(orders.status, "awaiting_payment"), lte(orders.holdUntil, now))!;
}

/**
 * A product's minimum notice ("하루 전 20:00까지 주문", "픽업 24시간 전까지 주문"): the cake
 * that must be baked to order cannot be ordered for the same afternoon even when the shop
 * takes same-day orders. Pure: the order transaction, the storefront and the form share it.
 */
import { addDays, isTimeString, zonedTime } from "@/lib/shop/time";

export type MinNotice = { kind: "hours"; hours: number } | { kind: "day_before"; time: string };

export const MAX_NOTICE_HOURS = 24 * 14;

/** The product's rule from its two columns; null when it has none. */
export function minNoticeOf(product: { minNoticeHours: number | null; minNoticeDayBeforeTime: string | null }): MinNotice | null {
  if (product.minNoticeHours !== null && product.minNoticeHours > 0) return { kind: "hours", hours: product.minNoticeHours };
  if (product.minNoticeDayBeforeTime !== null && isTimeString(product.minNoticeDayBeforeTime))
    return { kind: "day_before", time: product.minNoticeDayBeforeTime };
  return null;
}

/** The last instant this product can be ordered for a pickup at `date` `slotStart` (shop-local). */
export function noticeDeadline(notice: MinNotice, date: string, slotStart: string, timeZone: string): number {
  if (notice.kind === "hours") return zonedTime(date, slotStart, timeZone) - notice.hours * 3_600_000;
  return zonedTime(addDays(date, -1), notice.time, timeZone);
}

/** True when an order placed at `now` gives the product enough notice for that slot. */
export function meetsNotice(notice: MinNotice | null, date: string, slotStart: string, timeZone: string, now: number): boolean {
  return !notice || now < noticeDeadline(notice, date, slotStart, timeZone);
}

/** The rule as message params (`product_notice_rule` and the notice errors in errors.json). */
export function noticeParams(notice: MinNotice): { kind: MinNotice["kind"]; hours: number; time: string } {
  return { kind: notice.kind, hours: notice.kind === "hours" ? notice.hours : 0, time: notice.kind === "day_before" ? notice.time : "" };
}

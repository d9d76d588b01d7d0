/**
 * The one way a coupon is used: `applyCoupon` checks the code against the basket inside the
 * order's or sale's own IMMEDIATE transaction, and `recordCouponUse` writes the use in that
 * same transaction — so concurrent placements can never take more uses than the limit. The
 * storefront, phone orders, the counter and both APIs reach it through `placeOrder` and
 * `recordStoreSale`. A cancelled order gives its use back (`releaseCouponUse`).
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { couponCodes, couponRedemptions, coupons, type Coupon } from "@/db/schema";
import { AppError, type ErrorParams, type MessageKey } from "@/lib/errors";
import { localDate } from "@/lib/shop/time";
import { basketDiscount, dateRefusal, normalizeCouponCode, type CouponLine } from "./rules";

export type AppliedCoupon = { coupon: Coupon; couponCodeId: number | null; code: string; discount: number };

function refuse(reason: MessageKey, params?: ErrorParams): never {
  throw new AppError("coupon_invalid", { message: reason, params, fields: { coupon_code: reason } });
}

function liveUses({ tx, couponId, customerId }: { tx: DbOrTx; couponId: number; customerId?: number }): number {
  const row = tx
    .select({ n: sql<number>`count(*)` })
    .from(couponRedemptions)
    .where(
      and(
        eq(couponRedemptions.couponId, couponId),
        isNull(couponRedemptions.releasedAt),
        customerId === undefined ? undefined : eq(couponRedemptions.customerId, customerId),
      ),
    )
    .get();
  return Number(row?.n ?? 0);
}

/**
 * Check `code` for this basket and customer on the shop-local date of `at`, and work out the
 * discount. Throws `coupon_invalid` with the reason (unknown, paused, not started, expired,
 * someone else's code, already used, limit reached, minimum not met, not for these products).
 * Call it inside the transaction that then calls `recordCouponUse`.
 */
export function applyCoupon({
  tx,
  code: typed,
  customerId,
  lines,
  at,
  timezone,
}: {
  tx: DbOrTx;
  code: string;
  customerId: number | null;
  lines: readonly CouponLine[];
  at: number;
  timezone: string;
}): AppliedCoupon {
  const code = normalizeCouponCode(typed);
  if (!code) refuse("coupon_unknown");
  let coupon = tx.select().from(coupons).where(eq(coupons.code, code)).get();
  let couponCodeId: number | null = null;
  const date = localDate(at, timezone);
  if (!coupon) {
    const issued = tx.select().from(couponCodes).where(eq(couponCodes.code, code)).get();
    if (!issued) refuse("coupon_unknown");
    if (customerId === null) refuse("coupon_needs_customer");
    if (issued.customerId !== customerId) refuse("coupon_not_yours");
    coupon = tx.select().from(coupons).where(eq(coupons.id, issued.couponId)).get()!;
    couponCodeId = issued.id;
    if (date < issued.validFrom) refuse("coupon_not_started", { date: issued.validFrom });
    const used = tx
      .select({ id: couponRedemptions.id })
      .from(couponRedemptions)
      .where(and(eq(couponRedemptions.couponCodeId, issued.id), isNull(couponRedemptions.releasedAt)))
      .get();
    if (used) refuse("coupon_already_used");
  }
  const dateReason = dateRefusal(coupon, date);
  if (dateReason) refuse(dateReason, { date: dateReason === "coupon_expired" ? (coupon.endsOn ?? "") : coupon.startsOn });
  if (coupon.totalLimit !== null && liveUses({ tx, couponId: coupon.id }) >= coupon.totalLimit) refuse("coupon_limit_reached");
  if (coupon.perCustomerLimit !== null) {
    if (customerId === null) refuse("coupon_needs_customer");
    if (liveUses({ tx, couponId: coupon.id, customerId }) >= coupon.perCustomerLimit)
      refuse("coupon_customer_limit", { limit: coupon.perCustomerLimit });
  }
  const outcome = basketDiscount(coupon, lines);
  if (!outcome.ok) refuse(outcome.reason, { minSpend: coupon.minSpend, eligible: outcome.eligible });
  return { coupon, couponCodeId, code, discount: outcome.discount };
}

/** Write the use of an applied coupon by an order or a sale (same transaction as `applyCoupon`). */
export function recordCouponUse({
  tx,
  applied,
  customerId,
  orderId = null,
  saleId = null,
  now,
}: {
  tx: DbOrTx;
  applied: AppliedCoupon;
  customerId: number | null;
  orderId?: number | null;
  saleId?: number | null;
  now: number;
}): void {
  tx.insert(couponRedemptions)
    .values({
      couponId: applied.coupon.id,
      couponCodeId: applied.couponCodeId,
      code: applied.code,
      customerId,
      orderId,
      saleId,
      discount: applied.discount,
      redeemedAt: now,
    })
    .run();
}

/** A cancelled order gives its coupon use back (the row stays, marked released). */
export function releaseCouponUse({ tx, orderId, now }: { tx: DbOrTx; orderId: number; now: number }): void {
  tx.update(couponRedemptions)
    .set({ releasedAt: now })
    .where(and(eq(couponRedemptions.orderId, orderId), isNull(couponRedemptions.releasedAt)))
    .run();
}

/** An undone cancellation takes the order's last released use back. */
export function restoreCouponUse({ tx, orderId }: { tx: DbOrTx; orderId: number }): void {
  const last = tx.select().from(couponRedemptions).where(eq(couponRedemptions.orderId, orderId)).orderBy(desc(couponRedemptions.id)).get();
  if (last?.releasedAt) tx.update(couponRedemptions).set({ releasedAt: null }).where(eq(couponRedemptions.id, last.id)).run();
}

/**
 * An order whose items change keeps its coupon (its use is already held, so dates and limits
 * are not asked again) but the discount follows the new basket; a basket the coupon no longer
 * fits is refused with the coupon's reason. Returns the new discount (0 without a coupon).
 */
export function repriceOrderCoupon({ tx, orderId, lines }: { tx: DbOrTx; orderId: number; lines: readonly CouponLine[] }): number {
  const use = tx
    .select({ id: couponRedemptions.id, couponId: couponRedemptions.couponId })
    .from(couponRedemptions)
    .where(and(eq(couponRedemptions.orderId, orderId), isNull(couponRedemptions.releasedAt)))
    .get();
  if (!use) return 0;
  const coupon = tx.select().from(coupons).where(eq(coupons.id, use.couponId)).get()!;
  const outcome = basketDiscount(coupon, lines);
  if (!outcome.ok) refuse(outcome.reason, { minSpend: coupon.minSpend, eligible: outcome.eligible });
  tx.update(couponRedemptions).set({ discount: outcome.discount }).where(eq(couponRedemptions.id, use.id)).run();
  return outcome.discount;
}

/** The live coupon use of an order or a sale, for the order page, receipt, label and close-out. */
export function couponUseOf({
  db,
  orderId,
  saleId,
}: {
  db: DbOrTx;
  orderId?: number;
  saleId?: number;
}): { code: string; name: string; discount: number } | null {
  const row = db
    .select({ code: couponRedemptions.code, name: coupons.name, discount: couponRedemptions.discount })
    .from(couponRedemptions)
    .innerJoin(coupons, eq(coupons.id, couponRedemptions.couponId))
    .where(
      and(
        orderId !== undefined ? eq(couponRedemptions.orderId, orderId) : eq(couponRedemptions.saleId, saleId ?? -1),
        isNull(couponRedemptions.releasedAt),
      ),
    )
    .get();
  return row ?? null;
}

/** Lines of priced products as the coupon rules read them. */
export function couponLines(lines: readonly { product: { id: number; category: string }; lineTotal: number }[]): CouponLine[] {
  return lines.map((l) => ({ productId: l.product.id, category: l.product.category, lineTotal: l.lineTotal }));
}

/**
 * Telling a customer the coupon code just given to them: the tier's birthday coupon (생일 쿠폰)
 * or a code the owner issued by phone on the coupon page. Queued in the transaction that
 * issued the code (passed to `issueCouponToCustomer` as its `tell`). A benefit is advertising
 * (광고성 정보), so it follows the marketing rules: only with consent, held at night without
 * night consent. Their page (`/me/<token>`) lists the code either way.
 */
import { eq } from "drizzle-orm";
import { couponCodes, coupons, customers } from "@/db/schema";
import type { TellCode } from "@/lib/coupons/admin";
import { publicUrl } from "@/lib/config/public-url";
import { enqueueMessage } from "./outbox";

export function tellCouponCode(template: "coupon_issued" | "birthday_coupon"): TellCode {
  return (tx, code, now) => {
    const to = tx
      .select({ name: coupons.name, phone: customers.phone, token: customers.token })
      .from(couponCodes)
      .innerJoin(coupons, eq(coupons.id, couponCodes.couponId))
      .innerJoin(customers, eq(customers.id, couponCodes.customerId))
      .where(eq(couponCodes.id, code.id))
      .get();
    if (!to) return;
    enqueueMessage({
      tx,
      now,
      to: { customerId: code.customerId, phone: to.phone },
      template,
      params: { coupon: to.name, code: code.code, url: publicUrl(`/me/${to.token}`) },
      purpose: "marketing",
      dedupeKey: `coupon:${code.id}`,
    });
  };
}

/**
 * The demo shop's coupons: a shared welcome code and a thank-you coupon issued to regulars
 * over the last weeks, some of them used at the counter — so the coupon page, the orders and
 * the `coupon_redemption` metric have something to show. Runs inside `seedDemo`'s transaction.
 */
import { asc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, products, stockCounts } from "@/db/schema";
import { createCoupon, issueCouponToCustomer } from "@/lib/coupons/admin";
import { stockForDate } from "@/lib/inventory/availability";
import { recordStoreSale } from "@/lib/sales/record-sale";
import { getShopSettings } from "@/lib/shop/settings";
import { addDays, isoInZone, localDate } from "@/lib/shop/time";

const DAY = 86_400_000;

export function seedDemoCoupons({ db, now, ownerId }: { db: Db; now: number; ownerId: number | null }): void {
  const tz = getShopSettings({ db }).timezone;
  const today = localDate(now, tz);
  createCoupon({
    db,
    userId: ownerId,
    now: now - 40 * DAY,
    input: {
      name: "첫 주문 1,000원 할인",
      kind: "fixed",
      amount: 1000,
      min_spend: 8000,
      starts_on: addDays(today, -40),
      ends_on: addDays(today, 30),
      code_mode: "shared",
      code: "WELCOME1000",
    },
  });
  const thanks = createCoupon({
    db,
    userId: ownerId,
    now: now - 60 * DAY,
    input: {
      name: "단골 감사 10%",
      kind: "percent",
      amount: 10,
      starts_on: addDays(today, -60),
      ends_on: addDays(today, 60),
      per_customer_limit: 1,
      code_mode: "issued",
    },
  });
  const regulars = db
    .select({ id: customers.id, phone: customers.phone })
    .from(customers)
    .where(isNotNull(customers.phone))
    .orderBy(asc(customers.id))
    .limit(12)
    .all();
  const active = db
    .select({ id: products.id })
    .from(products)
    .where(eq(products.active, true))
    .orderBy(asc(products.sortOrder), asc(products.id))
    .all()
    .map((p) => p.id);
  /** A product with two left that day and no closing count to contradict: the demo never sells past its plan. */
  const productFor = (date: string) => {
    const stock = stockForDate({ db, date, productIds: active });
    const counted = new Set(
      db
        .select({ id: stockCounts.productId })
        .from(stockCounts)
        .where(eq(stockCounts.date, date))
        .all()
        .map((r) => r.id),
    );
    return active.find((id) => (stock.get(id)?.available ?? 0) >= 2 && !counted.has(id));
  };
  regulars.forEach((c, i) => {
    // One code every four days, going back seven weeks; two of every three come back with it.
    const issuedAt = now - (50 - i * 4) * DAY;
    const code = issueCouponToCustomer({ db, now: issuedAt }, thanks.id, c.id);
    if (i % 3 === 2) return;
    const usedAt = Math.min(now - DAY, issuedAt + (2 + (i % 5)) * DAY);
    const product = productFor(localDate(usedAt, tz));
    if (!product) return;
    recordStoreSale({
      db,
      source: "counter",
      actorUserId: ownerId,
      now: usedAt,
      input: {
        external_id: `demo-coupon-${i}`,
        occurred_at: isoInZone(usedAt, tz),
        customer_phone: c.phone!,
        items: [{ product_id: product, quantity: 2 }],
        coupon_code: code.code,
      },
    });
  });
}

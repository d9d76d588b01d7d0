/**
 * Coupons through every channel against a real database: the same basket with the same coupon
 * gets the same price and points on the storefront, a phone order, the counter and both APIs;
 * refusals write nothing; a cancelled order gives its use back; the last use of a limited
 * coupon, raced by separate processes, is taken exactly `limit` times.
 */
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { couponRedemptions, orders, pointsLedger, products, storeSales, users } from "@/db/schema";
import { POST as ordersPOST } from "@/app/api/v1/storefront/orders/route";
import { POST as salesPOST } from "@/app/api/v1/sales/route";
import { createApiKey } from "@/lib/auth/api-keys";
import { createCoupon, issueCouponToCustomer, setCouponPaused } from "@/lib/coupons/admin";
import { couponUseOf } from "@/lib/coupons/apply";
import { findCustomerByPhone } from "@/lib/customers/customers";
import { errorSentence, isAppError } from "@/lib/errors";
import { cancelOrderByStaff } from "@/lib/orders/admin";
import { exportOrdersCsv } from "@/lib/export/export-orders";
import { parseCsv } from "@/lib/import/csv";
import { importOrdersCsv } from "@/lib/import/import-orders";
import { editOrderByStaff } from "@/lib/orders/edit-order";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { changeOrderStatus } from "@/lib/orders/status";
import { loadReceiptBySaleId } from "@/lib/receipts/receipts";
import { recordStoreSale, saleInput } from "@/lib/sales/record-sale";
import { addDays, localDate } from "@/lib/shop/time";
import { call } from "@/tests/helpers/api";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { startRaceWorker } from "@/tests/helpers/race";
import type { RaceResult } from "@/tests/helpers/race-worker";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
let ownerId: number;
let key: string;
const today = localDate(Date.now());
const tomorrow = addDays(today, 1);

beforeEach(() => {
  process.env.RATE_LIMIT_ORDERS_PER_MINUTE = "0";
  db = freshDb();
  shop = shopWithProducts(db);
  db.update(products).set({ category: "식빵" }).where(eq(products.id, shop.bread.id)).run();
  for (const date of [today, tomorrow]) {
    plan(db, date, shop.bread.id, 200);
    plan(db, date, shop.bagel.id, 200);
  }
  ownerId = db.select({ id: users.id }).from(users).get()!.id;
  key = createApiKey({ db, name: "pos", scope: "staff" }).key;
});

/** 15 % off bread-category lines of at least 6,000원. */
function breadCoupon(extra: Record<string, unknown> = {}) {
  return createCoupon({
    db,
    userId: ownerId,
    input: {
      name: "식빵 15%",
      kind: "percent",
      amount: 15,
      min_spend: 6000,
      categories: ["식빵"],
      starts_on: today,
      code_mode: "shared",
      code: "BREAD15",
      ...extra,
    },
  });
}

const orderBody = (phone: string, coupon: string | null = "bread15") => ({
  pickup_date: tomorrow,
  slot: "10:00-11:00",
  customer: { name: "김단골", phone },
  consent: { privacy: true },
  items: [
    { product_id: shop.bread.id, quantity: 2, options: [shop.options.whole.id] },
    { product_id: shop.bagel.id, quantity: 1 },
  ],
  coupon_code: coupon,
});
const saleBody = (phone: string, externalId: string) => ({
  external_id: externalId,
  customer_phone: phone,
  items: [
    { product_id: shop.bread.id, quantity: 2 },
    { product_id: shop.bagel.id, quantity: 1 },
  ],
  coupon_code: "BREAD15",
});

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return `${e.code} ${e.key} ${errorSentence(e, "ko")}`;
    throw e;
  }
  throw new Error("not refused");
}

describe("one basket, one coupon, every channel", () => {
  it("prices 13,500원 − 1,500원 = 12,000원 and earns 120 points everywhere", async () => {
    breadCoupon();
    // 2 × 5,000 bread (eligible 10,000 → 15 % = 1,500) + 3,500 bagel (not eligible).
    const web = placeOrder({ db, channel: "web", input: orderInput.parse(orderBody("010-1111-0001")) }).order;
    const phone = placeOrder({ db, channel: "phone", actorUserId: ownerId, input: orderInput.parse(orderBody("010-1111-0002")) }).order;
    const api = await call(ordersPOST, { method: "POST", path: "/api/v1/storefront/orders", body: orderBody("010-1111-0003") });
    expect(api.status).toBe(201);
    expect(api.body.order).toMatchObject({ discount: 1500, total: 12000 });
    const counter = recordStoreSale({
      db,
      source: "counter",
      actorUserId: ownerId,
      input: saleInput.parse(saleBody("010-1111-0004", "c-1")),
    });
    const pos = await call(salesPOST, {
      method: "POST",
      path: "/api/v1/sales",
      body: saleBody("010-1111-0005", "pos-1"),
      headers: { authorization: `Bearer ${key}` },
    });
    expect(pos.status).toBe(201);
    expect(pos.body.sale).toMatchObject({ discount: 1500, total: 12000, points_earned: 120 });

    for (const o of [web, phone, db.select().from(orders).where(eq(orders.id, api.body.order.id)).get()!]) {
      expect(o).toMatchObject({ subtotal: 13500, discount: 1500, total: 12000 });
      const picked = changeOrderStatus({ db, orderId: o.id, to: "picked_up", actor: { type: "user", userId: ownerId } });
      expect(picked.pointsEarned).toBe(120);
      expect(couponUseOf({ db, orderId: o.id })).toEqual({ code: "BREAD15", name: "식빵 15%", discount: 1500 });
    }
    expect(counter.sale).toMatchObject({ total: 12000, discount: 1500, pointsEarned: 120 });
    // The receipt shows the discount beside the total (its page reads this view).
    expect(loadReceiptBySaleId({ db, saleId: counter.sale.id })!.sale).toMatchObject({ total: 12000, discount: 1500 });
    expect(pos.body.receipt_url).toMatch(/\/r\/[0-9a-f]+$/);
    const earned = db
      .select({ delta: pointsLedger.delta })
      .from(pointsLedger)
      .all()
      .map((r) => r.delta);
    expect(earned).toEqual([120, 120, 120, 120, 120]);
    expect(db.select().from(couponRedemptions).all()).toHaveLength(5);
  });

  it("refuses with a clear sentence and writes nothing", async () => {
    const coupon = breadCoupon({ total_limit: 1 });
    const ordersBefore = db.select().from(orders).all().length;
    expect(refusal(() => placeOrder({ db, channel: "web", input: orderInput.parse(orderBody("010-2222-0001", "NOPE")) }))).toContain(
      "없는 쿠폰 코드예요",
    );
    const small = { ...orderBody("010-2222-0002"), items: [{ product_id: shop.bread.id, quantity: 1, options: [shop.options.whole.id] }] };
    expect(refusal(() => placeOrder({ db, channel: "web", input: orderInput.parse(small) }))).toContain(
      "6,000원 이상 담아야 쓸 수 있어요. 지금 5,000원이에요",
    );
    const bagelsOnly = { ...orderBody("010-2222-0003"), items: [{ product_id: shop.bagel.id, quantity: 3 }] };
    expect(refusal(() => placeOrder({ db, channel: "web", input: orderInput.parse(bagelsOnly) }))).toContain("쓸 수 없는 쿠폰이에요");
    setCouponPaused({ db, couponId: coupon.id, paused: true });
    expect(refusal(() => placeOrder({ db, channel: "web", input: orderInput.parse(orderBody("010-2222-0004")) }))).toContain(
      "쉬고 있는 쿠폰",
    );
    setCouponPaused({ db, couponId: coupon.id, paused: false });
    placeOrder({ db, channel: "web", input: orderInput.parse(orderBody("010-2222-0005")) });
    expect(refusal(() => placeOrder({ db, channel: "web", input: orderInput.parse(orderBody("010-2222-0006")) }))).toContain(
      "모두 사용되었어요",
    );
    expect(db.select().from(orders).all().length).toBe(ordersBefore + 1);
    expect(findCustomerByPhone({ db, phone: "010-2222-0006" })).toBeUndefined();

    const api = await call(ordersPOST, { method: "POST", path: "/api/v1/storefront/orders", body: orderBody("010-2222-0007") });
    expect(api.status).toBe(422);
    expect(api.body.error).toMatchObject({
      code: "coupon_invalid",
      message: "준비한 쿠폰이 모두 사용되었어요.",
      fields: { coupon_code: "준비한 쿠폰이 모두 사용되었어요." },
    });
    const pos = await call(salesPOST, {
      method: "POST",
      path: "/api/v1/sales",
      body: saleBody("010-2222-0008", "pos-x"),
      headers: { authorization: `Bearer ${key}` },
    });
    expect(pos.status).toBe(422);
    expect(db.select().from(storeSales).all()).toHaveLength(0);
  });

  it("refuses an expired coupon and one that has not started", () => {
    createCoupon({
      db,
      userId: ownerId,
      input: {
        name: "지난 쿠폰",
        kind: "fixed",
        amount: 1000,
        starts_on: addDays(today, -10),
        ends_on: addDays(today, -1),
        code_mode: "shared",
        code: "OLD1000",
      },
    });
    createCoupon({
      db,
      userId: ownerId,
      input: { name: "다음 쿠폰", kind: "fixed", amount: 1000, starts_on: addDays(today, 2), code_mode: "shared", code: "NEXT1000" },
    });
    expect(refusal(() => placeOrder({ db, channel: "web", input: orderInput.parse(orderBody("010-3333-0001", "old1000")) }))).toContain(
      `기간이 지난 쿠폰이에요. ${addDays(today, -1)}까지`,
    );
    expect(refusal(() => placeOrder({ db, channel: "web", input: orderInput.parse(orderBody("010-3333-0001", "next-1000")) }))).toContain(
      `${addDays(today, 2)}부터`,
    );
  });

  it("gives the use back when the order is cancelled, and follows an edited basket", () => {
    breadCoupon({ total_limit: 1, per_customer_limit: 1 });
    const first = placeOrder({ db, channel: "web", input: orderInput.parse(orderBody("010-4444-0001")) }).order;
    // Three breads now: 15 % of 15,000 = 2,250.
    const edited = editOrderByStaff({
      db,
      orderId: first.id,
      actor: { type: "user", userId: ownerId },
      input: { items: [{ product_id: shop.bread.id, quantity: 3, options: [shop.options.whole.id] }] },
    });
    expect(edited).toMatchObject({ subtotal: 15000, discount: 2250, total: 12750 });
    expect(refusal(() => placeOrder({ db, channel: "web", input: orderInput.parse(orderBody("010-4444-0002")) }))).toContain(
      "모두 사용되었어요",
    );
    cancelOrderByStaff({ db, orderId: first.id, reason: "손님 요청", userId: ownerId });
    expect(db.select().from(couponRedemptions).where(isNull(couponRedemptions.releasedAt)).all()).toHaveLength(0);
    const second = placeOrder({ db, channel: "web", input: orderInput.parse(orderBody("010-4444-0002")) }).order;
    expect(second.discount).toBe(1500);
    expect(couponUseOf({ db, orderId: first.id })).toBeNull();
  });

  it("issues a customer their own code: usable once, by them only", () => {
    const coupon = createCoupon({
      db,
      userId: ownerId,
      input: { name: "생일 축하", kind: "fixed", amount: 3000, starts_on: today, code_mode: "issued" },
    });
    placeOrder({ db, channel: "web", input: orderInput.parse(orderBody("010-5555-0001", null)) });
    const mine = findCustomerByPhone({ db, phone: "010-5555-0001" })!;
    const issued = issueCouponToCustomer({ db }, coupon.id, mine.id);
    expect(issued.code).toMatch(/^[A-Z0-9]{8}$/);
    expect(refusal(() => placeOrder({ db, channel: "web", input: orderInput.parse(orderBody("010-5555-0002", issued.code)) }))).toContain(
      "다른 분께 드린 코드",
    );
    const used = placeOrder({ db, channel: "web", input: orderInput.parse(orderBody("010-5555-0001", issued.code.toLowerCase())) }).order;
    expect(used).toMatchObject({ discount: 3000, total: 10500 });
    expect(refusal(() => placeOrder({ db, channel: "web", input: orderInput.parse(orderBody("010-5555-0001", issued.code)) }))).toContain(
      "이미 사용한 쿠폰",
    );
    expect(
      refusal(() =>
        recordStoreSale({
          db,
          source: "counter",
          input: saleInput.parse({ ...saleBody("", "c-9"), customer_phone: undefined, coupon_code: issued.code }),
        }),
      ),
    ).toContain("전화번호를 넣어야");
  });
});

describe("export and import", () => {
  it("carry the discount: the CSV reads back to the identical CSV", async () => {
    breadCoupon();
    const placed = placeOrder({ db, channel: "web", input: orderInput.parse(orderBody("010-7777-0001")) }).order;
    changeOrderStatus({ db, orderId: placed.id, to: "picked_up", actor: { type: "user", userId: ownerId } });
    recordStoreSale({ db, source: "counter", input: saleInput.parse(saleBody("010-7777-0002", "c-7")) });
    const first = exportOrdersCsv({ db });
    const rows = parseCsv(first);
    const column = rows[0].fields.indexOf("discount");
    expect(column).toBe(rows[0].fields.length - 1);
    expect(rows.slice(1).map((r) => [r.fields[9], r.fields[column]])).toEqual([
      ["12000", "1500"],
      ["12000", "1500"],
    ]);

    const copy = freshDb();
    shopWithProducts(copy);
    const report = await importOrdersCsv({ db: copy, csv: first });
    expect(report.errors).toBe(0);
    expect(exportOrdersCsv({ db: copy })).toBe(first);
    expect(copy.select({ subtotal: orders.subtotal, discount: orders.discount, total: orders.total }).from(orders).get()).toEqual({
      subtotal: 13500,
      discount: 1500,
      total: 12000,
    });
    expect(copy.select({ discount: storeSales.discount, total: storeSales.total }).from(storeSales).get()).toEqual({
      discount: 1500,
      total: 12000,
    });
  });
});

describe("the last uses of a limited coupon, raced", () => {
  const children: ChildProcessWithoutNullStreams[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill();
  });

  it("60 customers at once for 7 uses: exactly 7 orders carry it, the rest are refused cleanly", async () => {
    const LIMIT = 7;
    breadCoupon({ total_limit: LIMIT });
    const body = (n: number) => ({
      ...orderBody(`010-6${String(n).padStart(3, "0")}-0000`),
      slot: ["09:00-10:00", "10:00-11:00", "11:00-12:00"][n % 3],
    });
    const workers = await Promise.all(
      [0, 1, 2].map((w) => startRaceWorker({ via: "route", bodies: Array.from({ length: 15 }, (_, i) => body(w * 15 + i)) }, children)),
    );
    for (const w of workers) w.go();
    const local = Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        call(ordersPOST, { method: "POST", path: "/api/v1/storefront/orders", body: body(45 + i) }).then((r): RaceResult => ({
          status: r.status,
          code: r.body.error?.code ?? null,
        })),
      ),
    );
    const results = [...(await Promise.all(workers.map((w) => w.done))).flat(), ...(await local)];
    expect(results).toHaveLength(60);
    expect(results.filter((r) => r.status === 201)).toHaveLength(LIMIT);
    for (const r of results.filter((r) => r.status !== 201)) expect(r).toEqual({ status: 422, code: "coupon_invalid" });
    const uses = db
      .select({ n: sql<number>`count(*)` })
      .from(couponRedemptions)
      .where(isNull(couponRedemptions.releasedAt))
      .get()!.n;
    expect(uses).toBe(LIMIT);
    expect(
      db
        .select()
        .from(orders)
        .where(and(eq(orders.discount, 1500)))
        .all(),
    ).toHaveLength(LIMIT);
    expect(db.select().from(orders).all()).toHaveLength(LIMIT);
  }, 120_000);
});

import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders, pickupSlots, products } from "@/db/schema";
import { placeOrder } from "@/lib/orders/place-order";
import { orderInput } from "@/lib/orders/input";
import { createProduct, updateProduct } from "@/lib/products/admin";
import { addDays, localDate, zonedTime } from "@/lib/shop/time";
import { storefrontMenu } from "@/lib/storefront/menu";
import { call } from "@/tests/helpers/api";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { POST as ordersPOST } from "@/app/api/v1/storefront/orders/route";
import { GET as productsGET } from "@/app/api/v1/products/route";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
let cakeId: number;
const today = localDate(Date.now());
const tomorrow = addDays(today, 1);

beforeAll(() => {
  process.env.RATE_LIMIT_ORDERS_PER_MINUTE = "0";
});

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  db.delete(pickupSlots).run();
  db.insert(pickupSlots)
    .values(
      Array.from({ length: 7 }, (_, weekday) => [
        { weekday, startTime: "10:00", endTime: "11:00", capacity: 5 },
        { weekday, startTime: "15:00", endTime: "16:00", capacity: 5 },
      ]).flat(),
    )
    .run();
  cakeId = createProduct({
    db,
    input: { name: "딸기 케이크", price: 32000, maxPerOrder: 2, minNotice: "day_before", minNoticeTime: "20:00" },
  }).id;
  plan(db, tomorrow, cakeId, 3);
  plan(db, tomorrow, shop.bagel.id, 5);
});

const input = (slot: string, productId = cakeId) =>
  orderInput.parse({
    pickup_date: tomorrow,
    slot,
    customer: { name: "김단골", phone: "010-1234-5678" },
    consent: { privacy: true },
    items: [{ product_id: productId, quantity: 1 }],
  });

describe("a product's minimum notice", () => {
  it("is saved from the product form and can be cleared", () => {
    expect(db.select().from(products).where(eq(products.id, cakeId)).get()).toMatchObject({
      minNoticeHours: null,
      minNoticeDayBeforeTime: "20:00",
    });
    updateProduct({
      db,
      id: cakeId,
      input: { name: "딸기 케이크", price: 32000, maxPerOrder: 2, minNotice: "hours", minNoticeHours: "24" },
    });
    expect(db.select().from(products).where(eq(products.id, cakeId)).get()).toMatchObject({
      minNoticeHours: 24,
      minNoticeDayBeforeTime: null,
    });
    updateProduct({ db, id: cakeId, input: { name: "딸기 케이크", price: 32000, maxPerOrder: 2, minNotice: "none" } });
    expect(db.select().from(products).where(eq(products.id, cakeId)).get()).toMatchObject({
      minNoticeHours: null,
      minNoticeDayBeforeTime: null,
    });
  });

  it("refuses a bad rule with a Korean message on its field", () => {
    expect(() =>
      updateProduct({
        db,
        id: cakeId,
        input: { name: "딸기 케이크", price: 32000, maxPerOrder: 2, minNotice: "day_before", minNoticeTime: "8pm" },
      }),
    ).toThrow(expect.objectContaining({ message: "마감 시각을 20:00처럼 적어 주세요." }));
  });

  it("refuses a web order after the day-before deadline, in the order transaction, writing nothing", () => {
    const late = zonedTime(today, "20:00");
    expect(() => placeOrder({ db, channel: "web", input: input("15:00-16:00"), now: late })).toThrow(
      expect.objectContaining({
        code: "notice_too_short",
        message: "딸기 케이크는 하루 전 20:00까지 주문할 수 있어요. 다른 날짜나 시간을 골라 주세요.",
      }),
    );
    expect(db.select().from(orders).all()).toHaveLength(0);
    // Other products keep the shop's own cut-off.
    expect(placeOrder({ db, channel: "web", input: input("15:00-16:00", shop.bagel.id), now: late }).created).toBe(true);
    // Before the deadline the cake is fine.
    expect(placeOrder({ db, channel: "web", input: input("15:00-16:00"), now: late - 60_000 }).created).toBe(true);
  });

  it("in hours mode closes each slot on its own, and the menu lists only the slots still possible", () => {
    db.update(products).set({ minNoticeHours: 20, minNoticeDayBeforeTime: null }).where(eq(products.id, cakeId)).run();
    const now = zonedTime(today, "16:00"); // 18 h before 10:00, 23 h before 15:00
    expect(() => placeOrder({ db, channel: "web", input: input("10:00-11:00"), now })).toThrow(
      expect.objectContaining({ code: "notice_too_short" }),
    );
    expect(placeOrder({ db, channel: "web", input: input("15:00-16:00"), now }).created).toBe(true);
    const cake = storefrontMenu({ db, date: tomorrow, now }).products.find((p) => p.id === cakeId)!;
    expect(cake.minNotice).toEqual({ kind: "hours", hours: 20 });
    expect(cake.noticeSlots).toEqual(["15:00-16:00"]);
  });

  it("the API answers 422 notice_too_short with the rule, and lists the rule with the product", async () => {
    db.update(products)
      .set({ minNoticeHours: 24 * 3, minNoticeDayBeforeTime: null })
      .where(eq(products.id, cakeId))
      .run();
    const res = await call(ordersPOST, {
      method: "POST",
      path: "/api/v1/storefront/orders",
      body: {
        pickup_date: tomorrow,
        slot: "15:00-16:00",
        customer: { name: "김단골", phone: "010-1234-5678" },
        consent: { privacy: true },
        items: [{ product_id: cakeId, quantity: 1 }],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("notice_too_short");
    expect(res.body.error.message).toContain("픽업 72시간 전까지 주문할 수 있어요");
    expect(res.body.error.fields).toEqual({ "items.0.product_id": "픽업 72시간 전까지 주문할 수 있어요." });
    expect(db.select().from(orders).all()).toHaveLength(0);
    const listed = await call(productsGET, { path: `/api/v1/products?date=${tomorrow}` });
    expect(listed.body.find((p: { id: number }) => p.id === cakeId).min_notice).toEqual({ kind: "hours", hours: 72 });
  });

  it("staff taking a phone order may still book it (they know what the kitchen can do)", () => {
    expect(placeOrder({ db, channel: "phone", input: input("10:00-11:00"), now: zonedTime(tomorrow, "08:00") }).created).toBe(true);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { customers, orderItems, orders } from "@/db/schema";
import type { Db } from "@/db/client";
import { stockForDate } from "@/lib/inventory/availability";
import { addDays, localDate } from "@/lib/shop/time";
import { placeOrder } from "./place-order";
import { orderInput } from "./input";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const tomorrow = addDays(localDate(Date.now()), 1);

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  plan(db, tomorrow, shop.bread.id, 5);
});

const input = (quantity: number, extra: object = {}) =>
  orderInput.parse({
    pickup_date: tomorrow,
    slot: "10:00-11:00",
    customer: { name: "김단골", phone: "+82 10 1234 5678" },
    consent: { privacy: true },
    items: [{ product_id: shop.bread.id, quantity, options: [shop.options.sliced.id] }],
    ...extra,
  });

describe("placeOrder", () => {
  it("prices on the server with options and reserves stock", () => {
    const { order } = placeOrder({ db, input: input(2), channel: "web" });
    expect(order.total).toBe(2 * 5500);
    expect(order.code).toMatch(/^[A-Z]\d{3}$/);
    const items = db.select().from(orderItems).where(eq(orderItems.orderId, order.id)).all();
    expect(items[0].options).toEqual([{ group: "슬라이스", choice: "슬라이스", priceDelta: 500 }]);
    expect(stockForDate({ db, date: tomorrow }).get(shop.bread.id)?.available).toBe(3);
    expect(db.select().from(customers).get()?.phone).toBe("01012345678");
  });

  it("refuses more than is available and writes nothing", () => {
    expect(() => placeOrder({ db, input: input(6), channel: "web" })).toThrowError(/모자라요/);
    expect(db.select().from(orders).all()).toHaveLength(0);
    expect(db.select().from(customers).all()).toHaveLength(0);
  });

  it("returns the first order for a repeated idempotency key", () => {
    const first = placeOrder({ db, input: input(1), channel: "web", idempotencyKey: "k1" });
    const again = placeOrder({ db, input: input(1), channel: "web", idempotencyKey: "k1" });
    expect(again.created).toBe(false);
    expect(again.order.id).toBe(first.order.id);
    expect(() => placeOrder({ db, input: input(2), channel: "web", idempotencyKey: "k1" })).toThrowError(/다른 내용/);
    expect(db.select().from(orders).all()).toHaveLength(1);
  });
});

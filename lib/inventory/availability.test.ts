import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders, storeSaleItems, storeSales } from "@/db/schema";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { changeOrderStatus } from "@/lib/orders/status";
import { addDays, localDate } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { availableQuantity, stockForDate } from "./availability";

describe("availableQuantity", () => {
  it("is planned − reserved − sold", () => {
    expect(availableQuantity({ planned: 20, reserved: 7, sold: 3 })).toBe(10);
  });

  it("never shows below zero, even when the owner cuts the plan under what is booked", () => {
    expect(availableQuantity({ planned: 5, reserved: 7, sold: 0 })).toBe(0);
  });
});

describe("stockForDate", () => {
  let db: Db;
  let shop: ReturnType<typeof shopWithProducts>;
  const tomorrow = addDays(localDate(Date.now()), 1);
  const order = (quantity: number, phone: string, date = tomorrow) =>
    placeOrder({
      db,
      channel: "web",
      input: orderInput.parse({
        pickup_date: date,
        slot: "10:00-11:00",
        customer: { name: "손님", phone },
        consent: { privacy: true },
        items: [{ product_id: shop.bagel.id, quantity }],
      }),
    }).order;

  beforeEach(() => {
    db = freshDb();
    shop = shopWithProducts(db);
    plan(db, tomorrow, shop.bagel.id, 10);
  });

  it("counts live pre-orders as reserved and releases cancelled ones", () => {
    order(3, "010-0000-0001");
    const second = order(2, "010-0000-0002");
    expect(stockForDate({ db, date: tomorrow }).get(shop.bagel.id)).toEqual({
      productId: shop.bagel.id,
      planned: 10,
      reserved: 5,
      sold: 0,
      excess: 0,
      held: 0,
      available: 5,
    });

    changeOrderStatus({ db, orderId: second.id, to: "cancelled", actor: { type: "system" } });
    expect(stockForDate({ db, date: tomorrow }).get(shop.bagel.id)).toMatchObject({ reserved: 3, available: 7 });
  });

  it("keeps a no-show's stock held and a picked-up order's stock taken", () => {
    const a = order(1, "010-0000-0001");
    const b = order(4, "010-0000-0002");
    changeOrderStatus({ db, orderId: a.id, to: "no_show", actor: { type: "system" } });
    changeOrderStatus({ db, orderId: b.id, to: "picked_up", actor: { type: "system" } });
    expect(stockForDate({ db, date: tomorrow }).get(shop.bagel.id)).toMatchObject({ reserved: 5, available: 5 });
  });

  it("subtracts counter sales on that day only", () => {
    const sale = db
      .insert(storeSales)
      .values({ occurredAt: Date.now(), saleDate: tomorrow, total: 7000, source: "counter" })
      .returning()
      .get();
    db.insert(storeSaleItems)
      .values({ saleId: sale.id, productId: shop.bagel.id, productName: "플레인 베이글", unitPrice: 3500, quantity: 2 })
      .run();
    const other = db
      .insert(storeSales)
      .values({ occurredAt: Date.now(), saleDate: addDays(tomorrow, 1), total: 3500, source: "counter" })
      .returning()
      .get();
    db.insert(storeSaleItems)
      .values({ saleId: other.id, productId: shop.bagel.id, productName: "플레인 베이글", unitPrice: 3500, quantity: 1 })
      .run();
    order(1, "010-0000-0001");
    expect(stockForDate({ db, date: tomorrow }).get(shop.bagel.id)).toMatchObject({ planned: 10, reserved: 1, sold: 2, available: 7 });
  });

  it("keeps dates apart and reports unplanned products as zero when asked for them", () => {
    order(2, "010-0000-0001");
    const dayAfter = addDays(tomorrow, 1);
    const stock = stockForDate({ db, date: dayAfter, productIds: [shop.bagel.id, shop.bread.id] });
    expect(stock.get(shop.bagel.id)).toMatchObject({ planned: 0, reserved: 0, available: 0 });
    expect(stock.get(shop.bread.id)).toMatchObject({ planned: 0, available: 0 });
    expect(db.select().from(orders).where(eq(orders.pickupDate, tomorrow)).all()).toHaveLength(1);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { translateError, type AppError } from "@/lib/errors";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dailyPlans } from "@/db/schema";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { placeOrder } from "@/lib/orders/place-order";
import { orderInput } from "@/lib/orders/input";
import { addDays, localDate } from "@/lib/shop/time";
import { copyPlan, planCellKey, planGrid, savePlan } from "./plan";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const today = localDate(Date.now());
const tomorrow = addDays(today, 1);
const later = addDays(today, 2);

const planned = (date: string, productId: number) =>
  db
    .select()
    .from(dailyPlans)
    .where(and(eq(dailyPlans.date, date), eq(dailyPlans.productId, productId)))
    .get()?.planned ?? 0;

function order(quantity: number, date = tomorrow) {
  return placeOrder({
    db,
    channel: "web",
    input: orderInput.parse({
      pickup_date: date,
      slot: "10:00-11:00",
      customer: { name: "김단골", phone: "010-1234-5678" },
      consent: { privacy: true },
      items: [{ product_id: shop.bread.id, quantity, options: [shop.options.whole.id] }],
    }),
  });
}

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
});

describe("savePlan", () => {
  it("writes the grid and shows reserved and available per cell", () => {
    savePlan({
      db,
      entries: [
        { date: tomorrow, productId: shop.bread.id, planned: 10 },
        { date: tomorrow, productId: shop.bagel.id, planned: 4 },
      ],
    });
    order(3);
    const grid = planGrid({ db, from: today });
    expect(grid.dates).toHaveLength(7);
    expect(grid.dates[0]).toBe(today);
    expect(grid.cells[tomorrow][shop.bread.id]).toMatchObject({ planned: 10, reserved: 3, available: 7 });
    expect(grid.cells[tomorrow][shop.bagel.id]).toMatchObject({ planned: 4, reserved: 0, available: 4 });
    expect(grid.cells[today][shop.bread.id]).toMatchObject({ planned: 0, available: 0 });
  });

  it("refuses to plan below what is already reserved and writes nothing", () => {
    plan(db, tomorrow, shop.bread.id, 10);
    order(6);
    expect(() =>
      savePlan({
        db,
        entries: [
          { date: tomorrow, productId: shop.bagel.id, planned: 8 },
          { date: tomorrow, productId: shop.bread.id, planned: 5 },
        ],
      }),
    ).toThrowError(/이미 예약된 수량보다 적게/);
    try {
      savePlan({ db, entries: [{ date: tomorrow, productId: shop.bread.id, planned: 5 }] });
    } catch (e) {
      expect(translateError(e as AppError, "ko").fields?.[planCellKey(tomorrow, shop.bread.id)]).toContain("6개");
    }
    expect(planned(tomorrow, shop.bread.id)).toBe(10);
    expect(planned(tomorrow, shop.bagel.id)).toBe(0); // all or nothing
    // Exactly the reserved amount is fine: the day is then sold out.
    savePlan({ db, entries: [{ date: tomorrow, productId: shop.bread.id, planned: 6 }] });
    expect(planned(tomorrow, shop.bread.id)).toBe(6);
  });

  it("refuses negative, fractional and past-date quantities", () => {
    expect(() => savePlan({ db, entries: [{ date: tomorrow, productId: shop.bread.id, planned: -1 }] })).toThrowError(/0 이상의 정수/);
    expect(() => savePlan({ db, entries: [{ date: tomorrow, productId: shop.bread.id, planned: 1.5 }] })).toThrowError(/0 이상의 정수/);
    expect(() => savePlan({ db, entries: [{ date: addDays(today, -1), productId: shop.bread.id, planned: 3 }] })).toThrowError(/지난 날짜/);
    expect(() => savePlan({ db, entries: [{ date: tomorrow, productId: 9999, planned: 3 }] })).toThrowError(/없는 상품/);
    expect(db.select().from(dailyPlans).all()).toHaveLength(0);
  });

  it("0 removes the product from that day", () => {
    plan(db, tomorrow, shop.bread.id, 5);
    savePlan({ db, entries: [{ date: tomorrow, productId: shop.bread.id, planned: 0 }] });
    expect(db.select().from(dailyPlans).all()).toHaveLength(0);
  });
});

describe("copyPlan", () => {
  it("makes the target day a copy of the source day", () => {
    plan(db, tomorrow, shop.bread.id, 12);
    plan(db, later, shop.bagel.id, 7); // not on the source day: goes to 0
    const { copied } = copyPlan({ db, from: tomorrow, to: later });
    expect(copied).toBe(1);
    expect(planned(later, shop.bread.id)).toBe(12);
    expect(planned(later, shop.bagel.id)).toBe(0);
    expect(planned(tomorrow, shop.bread.id)).toBe(12);
  });

  it("refuses a copy that would drop a product below its reservations", () => {
    plan(db, tomorrow, shop.bread.id, 2);
    plan(db, later, shop.bread.id, 10);
    order(5, later);
    expect(() => copyPlan({ db, from: tomorrow, to: later })).toThrowError(/이미 예약된 수량보다 적게/);
    expect(planned(later, shop.bread.id)).toBe(10);
  });

  it("refuses copying a day onto itself", () => {
    expect(() => copyPlan({ db, from: tomorrow, to: tomorrow })).toThrowError(/같아요/);
  });
});

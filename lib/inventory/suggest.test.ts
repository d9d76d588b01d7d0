import { expect, it } from "vitest";
import { orderItems, purchaseExchangeItems, purchaseReturns, storeSaleItems } from "@/db/schema";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { at, order, sale } from "@/tests/helpers/metrics-fixtures";
import { suggestPlan } from "./suggest";

it("averages the same weekday's demand and raises it for early sell-outs, with the reason", () => {
  const db = freshDb();
  const { bread, bagel } = shopWithProducts(db);
  const preorder = (date: string, productId: number, quantity: number, placedAt: number) => {
    const id = order(db, { pickupDate: date, placedAt });
    db.insert(orderItems).values({ orderId: id, productId, productName: "x", unitPrice: 0, quantity, lineTotal: 0 }).run();
  };
  const counter = (date: string, time: string, productId: number, quantity: number) => {
    const id = sale(db, { occurredAt: at(date, time) });
    db.insert(storeSaleItems).values({ saleId: id, productId, productName: "x", unitPrice: 0, quantity }).run();
  };
  // Target Tuesday 2026-03-24; history Tuesdays 03-17, 03-10, 03-03.
  // Bread: 03-17 plan 18, 10 pre-ordered the evening before + 8 sold at 10:30 → sold out 10:30 (early), demand 18.
  plan(db, "2026-03-17", bread.id, 18);
  preorder("2026-03-17", bread.id, 10, at("2026-03-16", "19:00"));
  counter("2026-03-17", "10:30", bread.id, 8);
  // 03-10 plan 16: 6 pre-ordered + 10 at 09:50 → sold out 09:50 (early), demand 16.
  plan(db, "2026-03-10", bread.id, 16);
  preorder("2026-03-10", bread.id, 6, at("2026-03-09", "20:00"));
  counter("2026-03-10", "09:50", bread.id, 10);
  // 03-03 plan 25: 20 sold by 14:00 → not sold out, demand 20.
  plan(db, "2026-03-03", bread.id, 25);
  counter("2026-03-03", "14:00", bread.id, 20);
  // Average (18 + 16 + 20) / 3 = 18; two consecutive early sell-outs → ceil(18 × 1.2) = ceil(21.6) = 22.
  // Bagel: only 03-17, plan 10, 10 sold at 15:00 → sold out but not early → avg 10 → 10.
  plan(db, "2026-03-17", bagel.id, 10);
  counter("2026-03-17", "15:00", bagel.id, 10);

  const s = suggestPlan({ db, date: "2026-03-24" });
  const breadS = s.find((x) => x.productId === bread.id)!;
  expect(breadS).toMatchObject({
    quantity: 22,
    average: 18,
    earlySellOuts: 2,
    reason: { weeks: 3, average: 18, early: 2, streak: 2, streakRun: true, hour: 11, quantity: 22 },
  });
  expect(s.find((x) => x.productId === bagel.id)).toMatchObject({
    quantity: 10,
    earlySellOuts: 0,
    reason: { weeks: 1, average: 10, early: 0, quantity: 10 },
  });
  expect(suggestPlan({ db, date: "2026-03-25" })).toEqual([]);
});

it("counts goods handed over in an exchange as that day's demand, at the exchange's moment", () => {
  const db = freshDb();
  const { bread, bagel } = shopWithProducts(db);
  // Tuesday 2026-03-17: plan 10 bagels, 8 sold at 09:00, then an exchange at 10:00 hands over 2
  // more (for a returned loaf) → the plan's 10th bagel left at 10:00, before 11:00.
  plan(db, "2026-03-17", bagel.id, 10);
  const saleId = sale(db, { occurredAt: at("2026-03-17", "09:00") });
  db.insert(storeSaleItems).values({ saleId, productId: bagel.id, productName: "x", unitPrice: 0, quantity: 8 }).run();
  db.insert(storeSaleItems).values({ saleId, productId: bread.id, productName: "x", unitPrice: 0, quantity: 1 }).run();
  const returnId = db
    .insert(purchaseReturns)
    .values({ saleId, kind: "exchange", refund: 0, method: "exchange", source: "staff", occurredAt: at("2026-03-17", "10:00") })
    .returning()
    .get().id;
  db.insert(purchaseExchangeItems).values({ returnId, productId: bagel.id, productName: "x", quantity: 2, date: "2026-03-17" }).run();

  const bagelS = suggestPlan({ db, date: "2026-03-24" }).find((x) => x.productId === bagel.id)!;
  expect(bagelS.history).toEqual([
    { date: "2026-03-17", planned: 10, demand: 10, soldOutAt: at("2026-03-17", "10:00"), soldOutEarly: true },
  ]);
  expect(bagelS.quantity).toBe(11); // ceil(10 × 1.1)
});

import { expect, it } from "vitest";
import { orderItems, orders, stockCounts } from "@/db/schema";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { at, order } from "@/tests/helpers/metrics-fixtures";
import { listStockCounts, recordStockCount } from "./counts";

it("snapshots the system's available quantity at the moment of the count", () => {
  const db = freshDb();
  const { bread } = shopWithProducts(db);
  plan(db, "2026-02-10", bread.id, 10);
  const id = order(db, { pickupDate: "2026-02-10" });
  db.insert(orderItems)
    .values({ orderId: id, productId: bread.id, productName: "우유식빵", unitPrice: 5000, quantity: 3, lineTotal: 15000 })
    .run();
  // 10 planned − 3 reserved = 7 available; staff count 6.
  const row = recordStockCount({ db, productId: bread.id, date: "2026-02-10", counted: 6, userId: null, now: at("2026-02-10", "15:00") });
  expect(row).toMatchObject({ counted: 6, systemAvailable: 7 });
  // Later changes do not rewrite the snapshot.
  db.update(orders).set({ status: "cancelled" }).run();
  expect(db.select().from(stockCounts).all()[0].systemAvailable).toBe(7);
  expect(listStockCounts({ db })[0]).toMatchObject({ productName: "우유식빵", counted: 6, systemAvailable: 7 });
  expect(() => recordStockCount({ db, productId: bread.id, date: "2026-02-10", counted: -1, userId: null })).toThrow(/0 이상/);
  expect(db.select().from(stockCounts).all()).toHaveLength(1);
});

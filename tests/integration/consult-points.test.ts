/**
 * One points policy whatever the channel: the same purchase earns the same points whether
 * it is a web or phone pre-order picked up (changeOrderStatus) or a counter/API sale
 * (lib/sales recordStoreSale). Redemption checks the balance in a transaction.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pointsLedger, shopSettings } from "@/db/schema";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { changeOrderStatus } from "@/lib/orders/status";
import { pointsBalance } from "@/lib/points/policy";
import { redeemPoints } from "@/lib/points/redeem";
import { loadCustomerCard } from "@/lib/customer-record/card";
import { findCustomerByPhone } from "@/lib/customers/customers";
import { recordStoreSale, saleInput } from "@/lib/sales/record-sale";
import { addDays, localDate } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const today = localDate(Date.now());
const tomorrow = addDays(today, 1);

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  db.update(shopSettings).set({ pointsRateBp: 150 }).run(); // 1.5 % so rounding matters
  plan(db, today, shop.bagel.id, 100);
  plan(db, tomorrow, shop.bagel.id, 100);
});

function pickedUpOrder(phone: string, channel: "web" | "phone", quantity: number) {
  const input = orderInput.parse({
    pickup_date: tomorrow,
    slot: "10:00-11:00",
    customer: { name: "손님", phone },
    consent: { privacy: true },
    items: [{ product_id: shop.bagel.id, quantity }],
  });
  const { order } = placeOrder({ db, input, channel });
  return changeOrderStatus({ db, orderId: order.id, to: "picked_up", actor: { type: "system" } });
}

describe("points across channels", () => {
  it("gives identical points for identical purchases: web order, phone order, counter sale, API sale", () => {
    const web = pickedUpOrder("010-1000-0001", "web", 3);
    const phone = pickedUpOrder("010-1000-0002", "phone", 3);
    const counter = recordStoreSale({
      db,
      input: saleInput.parse({ customer_phone: "010-1000-0003", items: [{ product_id: shop.bagel.id, quantity: 3 }] }),
      source: "counter",
    });
    const api = recordStoreSale({
      db,
      input: saleInput.parse({
        customer_phone: "010-1000-0004",
        external_id: "pos-1",
        items: [{ product_id: shop.bagel.id, quantity: 3 }],
      }),
      source: "api",
    });

    // 3 × 3,500 = 10,500 원 × 1.5 % = 157.5 → 157
    expect([web.total, phone.total, counter.sale.total, api.sale.total]).toEqual([10_500, 10_500, 10_500, 10_500]);
    expect([web.pointsEarned, phone.pointsEarned, counter.sale.pointsEarned, api.sale.pointsEarned]).toEqual([157, 157, 157, 157]);
    const balances = ["010-1000-0001", "010-1000-0002", "010-1000-0003", "010-1000-0004"].map((p) =>
      pointsBalance({ db, customerId: findCustomerByPhone({ db, phone: p })!.id }),
    );
    expect(balances).toEqual([157, 157, 157, 157]);
    const ledger = db.select().from(pointsLedger).all();
    expect(ledger.map((e) => [e.sourceType, e.delta])).toEqual([
      ["order", 157],
      ["order", 157],
      ["sale", 157],
      ["sale", 157],
    ]);

    // One customer buying through every channel sees all of it on one card.
    const sale2 = recordStoreSale({
      db,
      input: saleInput.parse({ customer_phone: "01010000001", items: [{ product_id: shop.bagel.id, quantity: 3 }] }),
      source: "counter",
    });
    expect(sale2.sale.pointsEarned).toBe(157);
    const card = loadCustomerCard({ db, customerId: web.customerId! });
    expect(card.points.balance).toBe(314);
    expect(card.purchases.map((p) => p.channel).sort()).toEqual(["store", "web"]);
    expect(card.totals).toMatchObject({ purchases: 2, spent: 21_000 });
  });

  it("redeems within the balance in a transaction, and refuses more than the balance", () => {
    const sale = recordStoreSale({
      db,
      input: saleInput.parse({ customer_phone: "010-2000-0001", items: [{ product_id: shop.bagel.id, quantity: 20 }] }),
      source: "counter",
    });
    const customerId = sale.sale.customerId!;
    expect(pointsBalance({ db, customerId })).toBe(1050); // 70,000 × 1.5 %
    expect(redeemPoints({ db, customerId, points: 1000, userId: null }).balance).toBe(50);
    expect(() => redeemPoints({ db, customerId, points: 51, userId: null })).toThrow(
      expect.objectContaining({ code: "insufficient_points" }),
    );
    expect(() => redeemPoints({ db, customerId, points: 0, userId: null })).toThrow(expect.objectContaining({ code: "validation" }));
    expect(pointsBalance({ db, customerId })).toBe(50);
    expect(
      db
        .select()
        .from(pointsLedger)
        .where(eq(pointsLedger.reason, "redeem"))
        .all()
        .map((e) => e.delta),
    ).toEqual([-1000]);
  });
});

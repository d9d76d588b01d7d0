/**
 * The owner's customer list: each row's "최근" date is that customer's own latest purchase.
 */
import { beforeEach, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { searchCustomers } from "@/lib/customer-record/card";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { addDays, localDate } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const now = Date.now();
const tomorrow = addDays(localDate(now), 1);

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  plan(db, tomorrow, shop.bagel.id, 50);
});

function order(name: string, phone: string, at: number) {
  return placeOrder({
    db,
    channel: "web",
    now: at,
    input: orderInput.parse({
      pickup_date: tomorrow,
      slot: "10:00-11:00",
      customer: { name, phone },
      consent: { privacy: true },
      items: [{ product_id: shop.bagel.id, quantity: 1 }],
    }),
  }).order;
}

it("shows each customer's own latest purchase, not one shared date", () => {
  const hourAgo = now - 3_600_000;
  const twoHoursAgo = now - 7_200_000;
  order("김하나", "010-1111-2222", twoHoursAgo);
  order("이두리", "010-3333-4444", hourAgo);
  order("김하나", "010-1111-2222", now - 10 * 60_000);

  const rows = searchCustomers({ db, q: "" });
  const byName = Object.fromEntries(rows.map((r) => [r.name, r.lastPurchaseAt]));
  expect(byName).toEqual({ 김하나: now - 10 * 60_000, 이두리: hourAgo });
});

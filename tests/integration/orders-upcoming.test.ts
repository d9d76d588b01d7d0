/**
 * The owner's "upcoming" orders view: counts per pickup day across dates, closed days marked.
 */
import { expect, it } from "vitest";
import { shopSettings } from "@/db/schema";
import { upcomingOrderDays } from "@/lib/orders/admin";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { changeOrderStatus } from "@/lib/orders/status";
import { addDays, localDate, weekdayOf } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";

it("counts each day's live orders and value, and marks closed days", () => {
  const db = freshDb();
  const shop = shopWithProducts(db);
  const today = localDate(Date.now());
  const [d1, d2, d3] = [1, 2, 3].map((n) => addDays(today, n));
  db.update(shopSettings)
    .set({ closedWeekdays: [weekdayOf(d3)] })
    .run();
  for (const d of [d1, d2]) plan(db, d, shop.bagel.id, 50);
  const order = (date: string, phone: string, quantity: number) =>
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
  order(d1, "010-1111-0001", 1);
  order(d1, "010-1111-0002", 2);
  const cancelled = order(d1, "010-1111-0003", 1);
  changeOrderStatus({ db, orderId: cancelled.id, to: "cancelled", actor: { type: "system" } });
  order(d2, "010-1111-0004", 4);

  const days = upcomingOrderDays({ db, from: today, days: 5 });
  expect(days.map((d) => d.date)).toEqual([today, d1, d2, d3, addDays(today, 4)]);
  expect(days.map((d) => d.live)).toEqual([0, 2, 1, 0, 0]);
  expect(days[1]).toMatchObject({ revenue: 3 * 3500, closed: false });
  expect(days[1].byStatus).toMatchObject({ placed: 2, cancelled: 1 });
  expect(days[2].revenue).toBe(4 * 3500);
  expect(days[3].closed).toBe(true);
});

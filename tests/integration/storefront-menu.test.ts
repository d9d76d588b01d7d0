import { beforeEach, describe, expect, it } from "vitest";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { pickupSlots, shopSettings } from "@/db/schema";
import type { Db } from "@/db/client";
import { placeOrder } from "@/lib/orders/place-order";
import { orderInput } from "@/lib/orders/input";
import { addDays, localDate } from "@/lib/shop/time";
import { storefrontMenu } from "@/lib/storefront/menu";
import { customerOrderView } from "@/lib/storefront/order-view";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const tomorrow = addDays(localDate(Date.now()), 1);

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  db.delete(pickupSlots).run();
  db.insert(pickupSlots)
    .values(Array.from({ length: 7 }, (_, weekday) => ({ weekday, startTime: "10:00", endTime: "11:00", capacity: 5 })))
    .run();
  plan(db, tomorrow, shop.bread.id, 3);
  plan(db, tomorrow, shop.bagel.id, 0);
});

describe("storefrontMenu", () => {
  it("offers only planned products with what is left", () => {
    const menu = storefrontMenu({ db, date: tomorrow });
    expect(menu.selected?.date).toBe(tomorrow);
    expect(menu.products.map((p) => [p.name, p.available])).toEqual([["우유식빵", 3]]);
    // Nothing internal reaches the browser.
    expect(Object.keys(menu.products[0])).not.toContain("planned");
  });

  it("prefills the cart from ?cart=, clamped to what is left, with required options chosen", () => {
    const menu = storefrontMenu({ db, date: tomorrow, cart: `${shop.bread.id}x9,${shop.bagel.id}x1,9999x1` });
    expect(menu.initialCart).toEqual([{ productId: shop.bread.id, quantity: 3, optionIds: [shop.options.whole.id] }]);
  });

  it("says a date past its cut-off is closed and when ordering opens next", () => {
    db.update(shopSettings)
      .set({ cutoffMode: "day_before", cutoffDaysBefore: 1, cutoffTime: "00:00", opensDaysBefore: 2, opensTime: "23:59" })
      .run();
    const now = Date.now();
    const today = localDate(now);
    const menu = storefrontMenu({ db, date: today, now });
    expect(menu.selected).toBeNull();
    expect(menu.requested).toEqual({ date: today, state: "cutoff_passed" });
    expect(menu.next?.date).toBe(addDays(today, 2));
  });
});

describe("customerOrderView", () => {
  it("shows one order by its token and nothing for an unknown one", () => {
    const { order } = placeOrder({
      db,
      channel: "web",
      input: orderInput.parse({
        pickup_date: tomorrow,
        slot: "10:00-11:00",
        customer: { name: "김단골", phone: "010-1234-5678" },
        consent: { privacy: true },
        items: [{ product_id: shop.bread.id, quantity: 2, options: [shop.options.sliced.id] }],
      }),
    });
    const view = customerOrderView({ db, token: order.token })!;
    expect(view.total).toBe(11_000);
    expect(view.items[0].options).toEqual([{ group: "슬라이스", choice: "슬라이스", priceDelta: 500 }]);
    expect(view.timeline.map((e) => e.status)).toEqual(["placed"]);
    expect(view.canCancel).toBe(true);
    expect(view.canCheckIn).toBe(false);
    expect(JSON.stringify(view)).not.toContain("01012345678");
    expect(customerOrderView({ db, token: "x".repeat(24) })).toBeNull();
  });
});

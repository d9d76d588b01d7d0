/**
 * A new shop can take orders: the checklist says what is missing, "open ordering now" opens
 * the storefront whatever the hour, and the seeded demo is orderable whenever it is opened.
 */
import { describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed-demo";
import { products, shopSettings } from "@/db/schema";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { firstOpenDate, openOrderingNow, setupChecklist } from "@/lib/pickup/first-run";
import { createShop } from "@/lib/setup/create-shop";
import { zonedTime } from "@/lib/shop/time";
import { storefrontMenu } from "@/lib/storefront/menu";
import { freshDb, plan } from "@/tests/helpers/db";

const newShop = () => {
  const db = freshDb();
  createShop({ db, input: { shopName: "새 빵집", email: "owner@example.com", password: "correct-horse-9" } });
  return db;
};

// 2026-11-21 is a Saturday; the default shop closes on Mondays.
const SATURDAY_LATE = zonedTime("2026-11-21", "23:50");
// Seeding takes seconds: a few moments that each used to find the demo shut.
const MOMENTS = {
  "Sunday 23:30, before a closed Monday": zonedTime("2026-11-22", "23:30"),
  "Monday 03:10": zonedTime("2026-11-23", "03:10"),
  "Wednesday 14:00": zonedTime("2026-11-25", "14:00"),
};

describe("the seeded demo", () => {
  for (const [label, now] of Object.entries(MOMENTS)) {
    it(`takes an order when opened ${label}`, () => {
      const db = newShop();
      seedDemo({ db, now });
      const menu = storefrontMenu({ db, now });
      expect(menu.selected?.open).toBe(true);
      const slot = menu.selected!.slots.find((s) => s.open)!;
      expect(slot).toBeDefined();
      const product = menu.products.find((p) => p.available > 0 && p.optionGroups.every((g) => !g.required))!;
      expect(product).toBeDefined();
      const { order } = placeOrder({
        db,
        channel: "web",
        now,
        input: orderInput.parse({
          pickup_date: menu.selected!.date,
          slot: slot.slot,
          customer: { name: "데모 손님", phone: "010-5555-0101" },
          consent: { privacy: true },
          items: [{ product_id: product.id, quantity: 1 }],
        }),
      });
      expect(order.status).toBe("placed");
    });
  }
});

describe("first run", () => {
  it("lists what is missing, and 'open ordering now' opens the storefront late at night", () => {
    const db = newShop();
    const now = SATURDAY_LATE;
    const before = setupChecklist({ db, now });
    expect(before.steps.filter((s) => s.done)).toEqual([]);
    expect(before.complete).toBe(false);
    // The default window (the day before, 18:00–21:00) is shut at 23:50.
    expect(firstOpenDate({ db, now })).toBeNull();

    db.update(shopSettings).set({ phone: "02-123-4567", address: "서울시 마포구 빵길 1" }).run();
    const bread = db.insert(products).values({ name: "우유식빵", price: 5000 }).returning().get();
    plan(db, before.planDate, bread.id, 10);
    expect(openOrderingNow({ db, now })).toEqual({ date: "2026-11-22" });

    const after = setupChecklist({ db, now });
    expect(after.steps.filter((s) => !s.done).map((s) => s.step)).toEqual(["share"]);
    expect(after.complete).toBe(true);
    const menu = storefrontMenu({ db, now });
    expect(menu.selected).toMatchObject({ date: "2026-11-22", open: true });
    expect(menu.products.map((p) => p.name)).toEqual(["우유식빵"]);
    // Closed weekdays are the owner's: Monday stays closed.
    expect(menu.dates.map((d) => d.date)).not.toContain("2026-11-23");
  });

  it("refuses to open ordering when no pickup slot exists", () => {
    const db = newShop();
    db.$client.prepare("update pickup_slots set active = 0").run();
    expect(() => openOrderingNow({ db, now: SATURDAY_LATE })).toThrow("열려 있는 픽업 시간이 없어서");
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders, pickupSlots } from "@/db/schema";
import { listPickupDates } from "@/lib/storefront/listing";
import { addDays, localDate, weekdayOf } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { orderInput } from "./input";
import { placeOrder } from "./place-order";
import { changeOrderStatus } from "./status";

describe("slot capacity", () => {
  let db: Db;
  let shop: ReturnType<typeof shopWithProducts>;
  const tomorrow = addDays(localDate(Date.now()), 1);
  const order = (n: number, slot = "10:00-11:00") =>
    placeOrder({
      db,
      channel: "web",
      input: orderInput.parse({
        pickup_date: tomorrow,
        slot,
        customer: { name: `손님${n}`, phone: `010-0000-${String(n).padStart(4, "0")}` },
        consent: { privacy: true },
        items: [{ product_id: shop.bagel.id, quantity: 1 }],
      }),
    }).order;
  const listedSlot = (label: string) =>
    listPickupDates({ db })
      .find((d) => d.date === tomorrow)!
      .slots.find((s) => s.slot === label)!;

  beforeEach(() => {
    db = freshDb();
    shop = shopWithProducts(db);
    plan(db, tomorrow, shop.bagel.id, 50);
    db.update(pickupSlots)
      .set({ capacity: 2 })
      .where(and(eq(pickupSlots.weekday, weekdayOf(tomorrow)), eq(pickupSlots.startTime, "10:00")))
      .run();
  });

  it("takes orders up to the slot's capacity, then refuses with slot_full and writes nothing", () => {
    order(1);
    order(2);
    expect(listedSlot("10:00-11:00")).toMatchObject({ capacity: 2, remaining: 0, open: false });
    expect(() => order(3)).toThrowError(expect.objectContaining({ code: "slot_full" }));
    expect(db.select().from(orders).all()).toHaveLength(2);
    // Another slot on the same day is unaffected.
    expect(order(3, "11:00-12:00").slotStart).toBe("11:00");
  });

  it("gives the place back when an order in the slot is cancelled", () => {
    const first = order(1);
    order(2);
    changeOrderStatus({ db, orderId: first.id, to: "cancelled", actor: { type: "customer" } });
    expect(listedSlot("10:00-11:00")).toMatchObject({ remaining: 1, open: true });
    expect(order(3).slotStart).toBe("10:00");
  });

  it("refuses a slot the day does not have", () => {
    expect(() => order(1, "10:30-11:30")).toThrowError(
      expect.objectContaining({ code: "validation", fields: { slot: { code: "pickup_slot_choose_again" } } }),
    );
  });
});

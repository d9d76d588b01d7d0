/** The rack's close-out: today's uncollected orders become no-shows; a future day is refused. */
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders } from "@/db/schema";
import { placeOrder } from "@/lib/orders/place-order";
import { closeOutDay } from "@/lib/rack/moves";
import { addDays, localDate } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";

let db: Db;
let bagelId: number;
let today: string;
let tomorrow: string;
const actor = { type: "user" as const, userId: 1 };

function order(date: string, phone: string) {
  return placeOrder({
    db,
    channel: "phone",
    input: {
      pickup_date: date,
      slot: "18:00-19:00",
      customer: { name: "김단골", phone },
      consent: { privacy: true, marketing: false },
      items: [{ product_id: bagelId, quantity: 1, options: [] }],
      note: "",
    },
  }).order;
}

beforeEach(() => {
  db = freshDb();
  bagelId = shopWithProducts(db).bagel.id;
  today = localDate(Date.now());
  tomorrow = addDays(today, 1);
  plan(db, today, bagelId, 10);
  plan(db, tomorrow, bagelId, 10);
});

describe("closeOutDay", () => {
  it("marks today's uncollected orders as no-shows", () => {
    const o = order(today, "010-1111-2222");
    expect(closeOutDay({ db, date: today, actor }).map((c) => c.id)).toEqual([o.id]);
    expect(db.select().from(orders).where(eq(orders.id, o.id)).get()!.status).toBe("no_show");
  });

  it("refuses a future date and leaves its orders as they were", () => {
    const o = order(tomorrow, "010-3333-4444");
    expect(() => closeOutDay({ db, date: tomorrow, actor })).toThrow(/당일이나 지난 날짜/);
    expect(db.select().from(orders).where(eq(orders.id, o.id)).get()!.status).toBe("placed");
  });
});

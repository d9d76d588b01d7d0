import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { customers, outbox, restockSubscriptions, shopSettings } from "@/db/schema";
import { stockForDate } from "@/lib/inventory/availability";
import { savePlan } from "@/lib/inventory/plan";
import { cancelByCustomer } from "@/lib/orders/customer-actions";
import { placeOrder } from "@/lib/orders/place-order";
import { subscribeRestock, sweepRestock, waitingDemand } from "@/lib/restock/alerts";
import { addDays, localDate } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const T0 = Date.now();
const tomorrow = addDays(localDate(T0), 1);

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
});

const phoneOf = (i: number) => `0104000${String(i).padStart(4, "0")}`;

/** Waiters 1…n for the bagel, one second apart (subscription order = i). */
function subscribe(n: number, productId = shop.bagel.id) {
  for (let i = 1; i <= n; i++) subscribeRestock({ db, phone: phoneOf(i), productId, privacyConsent: true, now: T0 + i * 1000 });
}

function restockMessages() {
  return db
    .select({ phone: outbox.phone, payload: outbox.payload, purpose: outbox.purpose })
    .from(outbox)
    .where(eq(outbox.topic, "restock_available"))
    .orderBy(outbox.id)
    .all();
}

function order(phone: string, quantity = 1, now = T0 + 60_000) {
  return placeOrder({
    db,
    channel: "web",
    now,
    input: {
      pickup_date: tomorrow,
      slot: "10:00-11:00",
      customer: { name: "손님", phone },
      consent: { privacy: true, marketing: false },
      note: "",
      items: [{ product_id: shop.bagel.id, quantity, options: [] }],
    },
  }).order;
}

describe("restock alerts", () => {
  it("the owner raising the plan tells the earliest waiters, one message each with the link, up to the quantity", () => {
    subscribe(5);
    savePlan({ db, entries: [{ date: tomorrow, productId: shop.bagel.id, planned: 3 }], now: T0 + 10_000 });
    const sent = restockMessages();
    expect(sent.map((m) => m.phone)).toEqual([phoneOf(1), phoneOf(2), phoneOf(3)]);
    expect(sent[0]).toMatchObject({
      purpose: "transactional",
      payload: { product: "플레인 베이글", date: tomorrow, url: `/?date=${tomorrow}&cart=${shop.bagel.id}x1` },
    });
    const statuses = db
      .select({ status: restockSubscriptions.status })
      .from(restockSubscriptions)
      .orderBy(restockSubscriptions.createdAt)
      .all();
    expect(statuses.map((s) => s.status)).toEqual(["notified", "notified", "notified", "waiting", "waiting"]);

    // Saving the same plan again tells nobody new: the three loaves are spoken for.
    savePlan({ db, entries: [{ date: tomorrow, productId: shop.bagel.id, planned: 3 }], now: T0 + 11_000 });
    expect(sweepRestock({ db, now: T0 + 12_000 })).toBe(0);
    expect(restockMessages()).toHaveLength(3);

    // Two more loaves: the next two in line.
    savePlan({ db, entries: [{ date: tomorrow, productId: shop.bagel.id, planned: 5 }], now: T0 + 13_000 });
    expect(restockMessages().map((m) => m.phone)).toEqual([1, 2, 3, 4, 5].map(phoneOf));
    expect(waitingDemand({ db }).get(shop.bagel.id)).toBeUndefined();
  });

  it("a cancellation that frees a loaf tells the first waiter in the same transaction", () => {
    plan(db, tomorrow, shop.bagel.id, 2);
    const a = order("01050000001", 2);
    subscribe(2);
    expect(sweepRestock({ db, now: T0 + 70_000 })).toBe(0);
    cancelByCustomer({ db, token: a.token, now: T0 + 80_000 });
    expect(restockMessages().map((m) => m.phone)).toEqual([phoneOf(1), phoneOf(2)]);
  });

  it("a plan for a date not yet open tells nobody until its ordering window opens", () => {
    db.update(shopSettings).set({ opensDaysBefore: 1, opensTime: "00:00" }).run();
    const later = addDays(localDate(T0), 3);
    subscribe(1);
    savePlan({ db, entries: [{ date: later, productId: shop.bagel.id, planned: 4 }], now: T0 });
    expect(restockMessages()).toHaveLength(0);
    // Two days on, `later` is open: the first read of the storefront sweeps.
    expect(sweepRestock({ db, now: T0 + 2 * 86_400_000 })).toBe(1);
    expect(restockMessages()[0].payload).toMatchObject({ date: later });
  });

  it("a refused plan (below what is reserved) tells nobody", () => {
    plan(db, tomorrow, shop.bagel.id, 2);
    order("01050000001", 2);
    subscribe(1);
    expect(() => savePlan({ db, entries: [{ date: tomorrow, productId: shop.bagel.id, planned: 1 }], now: T0 + 70_000 })).toThrow();
    expect(restockMessages()).toHaveLength(0);
  });

  it("with the hold setting, the loaf is kept for the one told until the hold runs out, then goes to the next", () => {
    db.update(shopSettings).set({ restockHoldMinutes: 10 }).run();
    subscribe(2);
    const told = T0 + 10_000;
    savePlan({ db, entries: [{ date: tomorrow, productId: shop.bagel.id, planned: 1 }], now: told });
    expect(restockMessages().map((m) => m.phone)).toEqual([phoneOf(1)]);
    expect(stockForDate({ db, date: tomorrow, productIds: [shop.bagel.id], now: told + 60_000 }).get(shop.bagel.id)).toMatchObject({
      held: 1,
      available: 0,
    });

    // Somebody else cannot take the held loaf.
    expect(() => order("01050000009", 1, told + 60_000)).toThrow(/모자라요/);

    // The hold runs out unused: the loaf is free again and the next waiter is told (and held for).
    const after = told + 10 * 60_000;
    expect(stockForDate({ db, date: tomorrow, productIds: [shop.bagel.id], now: after }).get(shop.bagel.id)).toMatchObject({
      held: 0,
      available: 1,
    });
    expect(sweepRestock({ db, now: after })).toBe(1);
    expect(restockMessages().map((m) => m.phone)).toEqual([phoneOf(1), phoneOf(2)]);
    expect(() => order("01050000009", 1, after + 1000)).toThrow(/모자라요/);

    // The one it is held for orders it.
    const placed = order(phoneOf(2), 1, after + 2000);
    expect(placed.status).toBe("placed");
    expect(stockForDate({ db, date: tomorrow, productIds: [shop.bagel.id], now: after + 3000 }).get(shop.bagel.id)).toMatchObject({
      reserved: 1,
      held: 0,
      available: 0,
    });
  });

  it("without holds, the one told who orders the loaf leaves nothing for a second notice", () => {
    subscribe(2);
    savePlan({ db, entries: [{ date: tomorrow, productId: shop.bagel.id, planned: 1 }], now: T0 + 10_000 });
    order(phoneOf(1), 1, T0 + 20_000);
    expect(sweepRestock({ db, now: T0 + 30_000 })).toBe(0);
    expect(restockMessages()).toHaveLength(1);
  });

  it("counts who waits and what they represent for the plan page; one wait per customer and product", () => {
    subscribe(3);
    subscribeRestock({ db, phone: phoneOf(1), productId: shop.bagel.id, privacyConsent: true, now: T0 + 99_000 });
    subscribe(1, shop.bread.id);
    const demand = waitingDemand({ db });
    expect(demand.get(shop.bagel.id)).toEqual({ count: 3, value: 3 * 3500 });
    expect(demand.get(shop.bread.id)).toEqual({ count: 1, value: 5000 });
  });

  it("subscribing a new phone needs the privacy consent and creates the customer with it", () => {
    expect(() => subscribeRestock({ db, phone: "01060000001", productId: shop.bagel.id, privacyConsent: false, now: T0 })).toThrow(/동의/);
    expect(db.select().from(customers).where(eq(customers.phone, "01060000001")).get()).toBeUndefined();
    subscribeRestock({ db, phone: "01060000001", productId: shop.bagel.id, privacyConsent: true, now: T0 });
    const c = db.select().from(customers).where(eq(customers.phone, "01060000001")).get()!;
    expect(
      db
        .select()
        .from(restockSubscriptions)
        .where(and(eq(restockSubscriptions.customerId, c.id), eq(restockSubscriptions.status, "waiting")))
        .all(),
    ).toHaveLength(1);
  });
});

/**
 * Complementary suggestions against a real database: rules from co-purchases across channels,
 * recorded when an order is placed (never on a page render), shown on the order page, switched
 * off by the owner, and take-up measured within 30 days.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderEvents, orderItems, orders, products, suggestionShows, users } from "@/db/schema";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { changeOrderStatus } from "@/lib/orders/status";
import { recordStoreSale, saleInput } from "@/lib/sales/record-sale";
import { addDays, localDate } from "@/lib/shop/time";
import { customerOrderView } from "@/lib/storefront/order-view";
import {
  listSuggestionPairs,
  recordSuggestionShows,
  setSuggestionPair,
  suggestForCustomer,
  suggestionTakeUp,
} from "@/lib/suggestions/suggestions";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";

const DAY = 86_400_000;
let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
let jam: { id: number };
let ownerId: number;
const today = localDate(Date.now());
const tomorrow = addDays(today, 1);

const sale = (phone: string | undefined, ids: number[], n: string) =>
  recordStoreSale({
    db,
    source: "counter",
    input: saleInput.parse({ external_id: n, customer_phone: phone, items: ids.map((product_id) => ({ product_id, quantity: 1 })) }),
  });
const order = (phone: string, ids: number[]) =>
  placeOrder({
    db,
    channel: "web",
    input: orderInput.parse({
      pickup_date: tomorrow,
      slot: "10:00-11:00",
      customer: { name: "손님", phone },
      consent: { privacy: true },
      items: ids.map((product_id) => ({ product_id, quantity: 1, options: product_id === shop.bread.id ? [shop.options.whole.id] : [] })),
    }),
  }).order;

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  jam = db.insert(products).values({ name: "딸기잼", price: 6000, maxPerOrder: 10 }).returning().get();
  ownerId = db.select({ id: users.id }).from(users).get()!.id;
  for (const date of [today, tomorrow]) for (const id of [shop.bread.id, shop.bagel.id, jam.id]) plan(db, date, id, 100);
});

/** Bread and jam together for three units across channels; bagel alone. */
function history() {
  sale("010-1000-0001", [shop.bread.id, jam.id], "s1");
  sale(undefined, [shop.bread.id, jam.id], "s2");
  // Bread by web order, jam at the counter later: the same customer within 30 days.
  const o = order("010-1000-0003", [shop.bread.id]);
  changeOrderStatus({ db, orderId: o.id, to: "picked_up", actor: { type: "user", userId: ownerId } });
  sale("010-1000-0003", [jam.id], "s3");
  sale("010-1000-0004", [shop.bagel.id], "s4");
}

describe("suggestions", () => {
  it("are recorded when an order is placed and shown on its page, without writing on render", () => {
    history();
    const next = order("010-2000-0001", [shop.bread.id]);
    const shows = db.select().from(suggestionShows).where(eq(suggestionShows.orderId, next.id)).all();
    expect(shows.map((s) => [s.surface, s.productId, s.forProductId])).toEqual([["order_page", jam.id, shop.bread.id]]);
    const before = db.select().from(suggestionShows).all().length;
    const view = customerOrderView({ db, token: next.token })!;
    customerOrderView({ db, token: next.token });
    expect(view.suggestions).toEqual([{ productId: jam.id, name: "딸기잼", forName: "우유식빵" }]);
    expect(db.select().from(suggestionShows).all()).toHaveLength(before);
  });

  it("are recorded in the order's own transaction, and a failure there leaves the order placed and whole", () => {
    history();
    // Any failure while recording (here: the table refuses every row) rolls back the suggestions alone.
    db.run(sql`CREATE TEMP TRIGGER refuse_shows BEFORE INSERT ON suggestion_shows BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const errors: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    let next: ReturnType<typeof order>;
    try {
      next = order("010-2000-0001", [shop.bread.id]);
    } finally {
      console.error = consoleError;
    }
    expect(errors).toHaveLength(1);
    expect(db.select().from(orders).where(eq(orders.id, next.id)).get()).toMatchObject({ status: "placed", customerName: "손님" });
    expect(db.select().from(orderItems).where(eq(orderItems.orderId, next.id)).all()).toHaveLength(1);
    expect(db.select().from(orderEvents).where(eq(orderEvents.orderId, next.id)).all()).toHaveLength(1);
    expect(db.select().from(suggestionShows).where(eq(suggestionShows.orderId, next.id)).all()).toEqual([]);
    // Without the failure the next order records its suggestion as usual.
    db.run(sql`DROP TRIGGER refuse_shows`);
    const after = order("010-2000-0002", [shop.bread.id]);
    expect(db.select().from(suggestionShows).where(eq(suggestionShows.orderId, after.id)).all()).toHaveLength(1);
  });

  it("need three units: two customers buying together make no rule", () => {
    sale("010-1000-0001", [shop.bread.id, jam.id], "s1");
    sale("010-1000-0002", [shop.bread.id, jam.id], "s2");
    const placed = order("010-2000-0001", [shop.bread.id]);
    expect(customerOrderView({ db, token: placed.token })!.suggestions).toEqual([]);
    expect(listSuggestionPairs({ db, now: Date.now() })).toEqual([]);
  });

  it("follow a pick-up at once: the third unit bought together makes the rule for the next order", () => {
    sale("010-1000-0001", [shop.bread.id, jam.id], "s1");
    sale("010-1000-0002", [shop.bread.id, jam.id], "s2");
    expect(customerOrderView({ db, token: order("010-2000-0001", [shop.bread.id]).token })!.suggestions).toEqual([]);
    // The rules computed for that order are kept; a pick-up within the look-back window must renew them.
    const third = order("010-1000-0003", [shop.bread.id, jam.id]);
    changeOrderStatus({ db, orderId: third.id, to: "picked_up", actor: { type: "user", userId: ownerId } });
    const next = order("010-2000-0002", [shop.bread.id]);
    expect(customerOrderView({ db, token: next.token })!.suggestions).toEqual([{ productId: jam.id, name: "딸기잼", forName: "우유식빵" }]);
  });

  it("stop for a pair the owner switched off", () => {
    history();
    const placed = order("010-2000-0001", [shop.bread.id]);
    setSuggestionPair({ db, a: jam.id, b: shop.bread.id, off: true, userId: ownerId, now: Date.now() });
    expect(customerOrderView({ db, token: placed.token })!.suggestions).toEqual([]);
    expect(listSuggestionPairs({ db, now: Date.now() })).toEqual([
      expect.objectContaining({ a: shop.bread.id, b: jam.id, support: 3, off: true }),
    ]);
    const later = order("010-2000-0002", [shop.bread.id]);
    expect(db.select().from(suggestionShows).where(eq(suggestionShows.orderId, later.id)).all()).toHaveLength(0);
    setSuggestionPair({ db, a: jam.id, b: shop.bread.id, off: false, userId: ownerId, now: Date.now() });
    expect(customerOrderView({ db, token: placed.token })!.suggestions).toHaveLength(1);
  });

  it("measure take-up: an order with the product within 30 days, counted once judged", () => {
    history();
    const first = order("010-2000-0001", [shop.bread.id]); // shown jam → taken below
    order("010-2000-0002", [shop.bread.id]); // shown jam, never taken
    const customerOf = (id: number) => db.select({ c: orders.customerId }).from(orders).where(eq(orders.id, id)).get()!.c!;
    order("010-2000-0001", [jam.id]); // takes the first show; itself shown bread (jam → bread), never taken
    // Counter: shown jam with a sale that holds it → taken at once.
    const counter = sale("010-2000-0009", [shop.bread.id, jam.id], "s9");
    recordSuggestionShows({
      db,
      now: counter.sale.createdAt,
      surface: "counter",
      customerId: counter.sale.customerId,
      saleId: counter.sale.id,
      shown: [{ productId: jam.id, forProductId: shop.bread.id }],
    });
    // Customer card: shown a bagel, not bought.
    recordSuggestionShows({
      db,
      now: Date.now(),
      surface: "customer_card",
      customerId: customerOf(first.id),
      userId: ownerId,
      shown: [{ productId: shop.bagel.id }],
    });

    const soon = suggestionTakeUp({ db, now: Date.now() + DAY });
    // Taken ones count at once; the three untaken are too recent.
    expect(soon).toMatchObject({ eligible: 2, taken: 2, value: 1, too_recent: 3 });
    const later = suggestionTakeUp({ db, now: Date.now() + 31 * DAY });
    expect(later).toMatchObject({ eligible: 5, taken: 2, value: 0.4, too_recent: 0 });
    expect(later.by_surface).toEqual({
      order_page: { eligible: 3, taken: 1, value: 1 / 3 },
      customer_card: { eligible: 1, taken: 0, value: 0 },
      counter: { eligible: 1, taken: 1, value: 1 },
    });
  });

  it("on the customer card come from what they bought in the last 30 days", () => {
    history();
    const customerId = order("010-3000-0001", [shop.bread.id]).customerId!;
    expect(suggestForCustomer({ db, now: Date.now(), customerId }).map((s) => s.name)).toEqual(["딸기잼"]);
  });
});

/**
 * The shop day's order rules (issue 11): payment taken at hand-over, check-in window, no-show
 * only after the slot, and changing an order (customer before cut-off, staff before hand-over),
 * through the lib entry points and the API route handlers, against a real database.
 */
import { asc, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { orderEvents, orderItems, orders, pickupSlots } from "@/db/schema";
import { createApiKey } from "@/lib/auth/api-keys";
import { onOrderChange, type OrderChange } from "@/lib/events/order-events";
import { stockForDate } from "@/lib/inventory/availability";
import { listOrdersForDate } from "@/lib/orders/admin";
import { checkIn } from "@/lib/orders/customer-actions";
import { editOrderByStaff } from "@/lib/orders/edit-order";
import { placeOrder } from "@/lib/orders/place-order";
import { markReady, moveOrder } from "@/lib/rack/moves";
import { addDays, localDate, zonedTime } from "@/lib/shop/time";
import { call } from "@/tests/helpers/api";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { PATCH as customerPATCH } from "@/app/api/v1/storefront/orders/[token]/route";
import { PATCH as staffPATCH } from "@/app/api/v1/orders/[id]/route";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const staff = { type: "user" as const, userId: 1 };
const DAY = "2030-03-12";
const at = (time: string, date = DAY) => zonedTime(date, time, "Asia/Seoul");

beforeAll(() => {
  process.env.RATE_LIMIT_ORDERS_PER_MINUTE = "0";
});

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  db.delete(pickupSlots).run();
  db.insert(pickupSlots)
    .values(
      Array.from({ length: 7 }, (_, weekday) => [
        { weekday, startTime: "10:00", endTime: "11:00", capacity: 2 },
        { weekday, startTime: "14:00", endTime: "15:00", capacity: 2 },
      ]).flat(),
    )
    .run();
  for (const d of [DAY, addDays(DAY, 1)]) {
    plan(db, d, shop.bagel.id, 5);
    plan(db, d, shop.bread.id, 5);
  }
});

function place({ slot = "14:00-15:00", quantity = 2, phone = "010-1234-5678", date = DAY, now = at("09:00", addDays(DAY, -1)) } = {}) {
  return placeOrder({
    db,
    channel: "web",
    now,
    input: {
      pickup_date: date,
      slot,
      customer: { name: "김단골", phone },
      consent: { privacy: true, marketing: false },
      items: [{ product_id: shop.bagel.id, quantity, options: [] }],
      note: "",
    },
  }).order;
}
const row = (id: number) => db.select().from(orders).where(eq(orders.id, id)).get()!;
const events = (id: number) => db.select().from(orderEvents).where(eq(orderEvents.orderId, id)).orderBy(asc(orderEvents.id)).all();

describe("hand-over records payment", () => {
  it("asks for the method on an unpaid order, records a payment event, and the day's paid total and per-method tally add up", () => {
    const a = place();
    const b = place({ phone: "010-2222-3333" });
    markReady({ db, orderId: a.id, actor: staff, now: at("14:00") });
    expect(() => moveOrder({ db, orderId: a.id, to: "picked_up", actor: staff, now: at("14:01") })).toThrow(
      expect.objectContaining({ code: "payment_method_required" }),
    );
    expect(row(a.id)).toMatchObject({ status: "ready", paymentStatus: "unpaid" });

    moveOrder({ db, orderId: a.id, to: "picked_up", actor: staff, paymentMethod: "card", now: at("14:02") });
    moveOrder({ db, orderId: b.id, to: "picked_up", actor: staff, paymentMethod: "cash", now: at("14:03") });
    expect(row(a.id)).toMatchObject({ status: "picked_up", paymentStatus: "paid", paymentMethod: "card" });
    expect(events(a.id).slice(-2)).toMatchObject([
      { kind: "payment", paymentStatus: "paid", paymentMethod: "card", toStatus: "ready" },
      { kind: "status_change", toStatus: "picked_up" },
    ]);
    const { totals } = listOrdersForDate({ db, date: DAY });
    expect(totals).toMatchObject({ paid: 14_000, paidByMethod: { card: 7_000, cash: 7_000, transfer: 0, unknown: 0 } });
  });

  it("hands a paid order over in one move, with no second payment", () => {
    const a = place();
    moveOrder({ db, orderId: a.id, to: "picked_up", actor: staff, paymentMethod: "transfer", now: at("14:00") });
    const c = place({ phone: "010-4444-5555" });
    db.update(orders).set({ paymentStatus: "paid", paymentMethod: "card" }).where(eq(orders.id, c.id)).run();
    moveOrder({ db, orderId: c.id, to: "picked_up", actor: staff, now: at("14:05") });
    expect(events(c.id).map((e) => e.kind)).toEqual(["status_change", "status_change"]);
  });
});

describe("check-in window", () => {
  it("opens 15 minutes before the slot by default and says when", () => {
    const a = place();
    expect(() => checkIn({ db, token: a.token, now: at("10:53") })).toThrow(
      expect.objectContaining({ code: "check_in_not_open", message: expect.stringContaining("13:45") }),
    );
    expect(row(a.id)).toMatchObject({ status: "placed", arrivedAt: null });
    expect(checkIn({ db, token: a.token, now: at("13:45") })).toMatchObject({ status: "arrived", arrivedAt: at("13:45") });
  });
});

describe("no-show", () => {
  it("is refused before the slot has ended unless staff confirm it is early", () => {
    const a = place();
    expect(() => moveOrder({ db, orderId: a.id, to: "no_show", actor: staff, now: at("10:00") })).toThrow(
      expect.objectContaining({ code: "no_show_too_early" }),
    );
    expect(row(a.id).status).toBe("placed");
    const b = place({ phone: "010-2222-3333" });
    expect(moveOrder({ db, orderId: a.id, to: "no_show", actor: staff, now: at("15:00") }).status).toBe("no_show");
    expect(moveOrder({ db, orderId: b.id, to: "no_show", actor: staff, early: true, now: at("10:00") }).status).toBe("no_show");
  });

  it("is refused on a collected order", () => {
    const a = place();
    moveOrder({ db, orderId: a.id, to: "picked_up", actor: staff, paymentMethod: "cash", now: at("14:10") });
    expect(() => moveOrder({ db, orderId: a.id, to: "no_show", actor: staff, now: at("16:00") })).toThrow(
      expect.objectContaining({ code: "invalid_transition" }),
    );
  });
});

describe("changing an order", () => {
  const patchCustomer = (token: string, body: unknown) =>
    call(customerPATCH, { method: "PATCH", path: `/api/v1/storefront/orders/${token}`, body, params: { token } });

  it("PATCH by the customer moves the slot and changes quantities in one go: price recomputed, event written, live screens told", async () => {
    const tomorrow = addDays(localDate(Date.now()), 1);
    plan(db, tomorrow, shop.bagel.id, 5);
    plan(db, tomorrow, shop.bread.id, 5);
    const a = place({ date: tomorrow, now: Date.now() });
    const heard: OrderChange[] = [];
    const stop = onOrderChange((c) => heard.push(c));
    const res = await patchCustomer(a.token, {
      slot: "14:00-15:00",
      items: [
        { product_id: shop.bagel.id, quantity: 3 },
        { product_id: shop.bread.id, quantity: 1, options: [shop.options.sliced.id] },
      ],
    });
    stop();
    expect(res.status).toBe(200);
    expect(res.body.order).toMatchObject({
      slot: "14:00-15:00",
      subtotal: 3 * 3500 + 5500,
      total: 16_000,
      items: [
        { name: "플레인 베이글", quantity: 3 },
        { name: "우유식빵", quantity: 1, unit_price: 5500 },
      ],
    });
    expect(events(a.id).at(-1)).toMatchObject({
      kind: "edit",
      actorType: "customer",
      note: expect.stringContaining("합계 7,000원 → 16,000원"),
    });
    expect(heard).toEqual([expect.objectContaining({ orderId: a.id, kind: "edit" })]);
    expect(stockForDate({ db, date: tomorrow, productIds: [shop.bagel.id] }).get(shop.bagel.id)!.reserved).toBe(3);
  });

  it("refuses more than is left (409 sold_out), a full slot (409 slot_full) and after the cut-off (422), changing nothing", async () => {
    const tomorrow = addDays(localDate(Date.now()), 1);
    plan(db, tomorrow, shop.bagel.id, 5);
    const a = place({ date: tomorrow, now: Date.now(), slot: "10:00-11:00" });
    place({ date: tomorrow, now: Date.now(), phone: "010-2222-3333" });
    place({ date: tomorrow, now: Date.now(), phone: "010-3333-4444", quantity: 1 });
    // 5 planned, 2 + 2 + 1 taken; this order's own 2 do not count against it: 2 more is too many.
    const short = await patchCustomer(a.token, { items: [{ product_id: shop.bagel.id, quantity: 3 }] });
    expect(short.status).toBe(409);
    expect(short.body.error).toMatchObject({ code: "sold_out" });
    const full = await patchCustomer(a.token, { slot: "14:00-15:00" });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe("slot_full");
    db.update(orders)
      .set({ pickupDate: addDays(localDate(Date.now()), -1) })
      .where(eq(orders.id, a.id))
      .run();
    const late = await patchCustomer(a.token, { slot: "10:00-11:00" });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe("cutoff_passed");
    expect(row(a.id)).toMatchObject({ slotStart: "10:00", total: 7000 });
    expect(events(a.id).map((e) => e.kind)).toEqual(["status_change"]);
    expect(db.select().from(orderItems).where(eq(orderItems.orderId, a.id)).all()).toMatchObject([{ quantity: 2 }]);
  });

  it("staff change a ready order after the cut-off until it is handed over; PATCH /api/v1/orders/{id} with a key", async () => {
    const a = place();
    markReady({ db, orderId: a.id, actor: staff, now: at("13:00") });
    const changed = editOrderByStaff({
      db,
      orderId: a.id,
      input: { items: [{ product_id: shop.bagel.id, quantity: 1, options: [] }] },
      actor: staff,
      now: at("14:10"),
    });
    expect(changed).toMatchObject({ status: "ready", total: 3500 });
    const key = createApiKey({ db, name: "pos", scope: "staff" }).key;
    const res = await call(staffPATCH, {
      method: "PATCH",
      path: `/api/v1/orders/${a.id}`,
      body: { slot: "10:00-11:00" },
      headers: { authorization: `Bearer ${key}` },
      params: { id: String(a.id) },
    });
    expect(res.status).toBe(200);
    expect(res.body.order).toMatchObject({ id: a.id, slot: "10:00-11:00", total: 3500 });
    moveOrder({ db, orderId: a.id, to: "picked_up", actor: staff, paymentMethod: "card", now: at("14:20") });
    expect(() => editOrderByStaff({ db, orderId: a.id, input: { slot: "14:00-15:00" }, actor: staff, now: at("14:30") })).toThrow(
      expect.objectContaining({ code: "invalid_transition" }),
    );
    const noKey = await call(staffPATCH, {
      method: "PATCH",
      path: `/api/v1/orders/${a.id}`,
      body: { slot: "10:00-11:00" },
      params: { id: String(a.id) },
    });
    expect(noKey.status).toBe(401);
  });
});

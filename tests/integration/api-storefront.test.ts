import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  closedDates,
  consents,
  customers,
  orderItems,
  orders,
  pickupSlots,
  products as productsTable,
  shopSettings,
  users,
} from "@/db/schema";
import { cancelByCustomer } from "@/lib/orders/customer-actions";
import { runOrderCommand } from "@/lib/orders/command";
import { applyUndo, changeOrderStatus } from "@/lib/orders/status";
import { addDays, localDate, weekdayOf } from "@/lib/shop/time";
import { call, ORIGIN, orderRowCounts } from "@/tests/helpers/api";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { GET as healthGET } from "@/app/api/v1/health/route";
import { GET as pickupDatesGET } from "@/app/api/v1/pickup-dates/route";
import { GET as productsGET } from "@/app/api/v1/products/route";
import { POST as ordersPOST } from "@/app/api/v1/storefront/orders/route";
import { GET as orderGET } from "@/app/api/v1/storefront/orders/[token]/route";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const today = localDate(Date.now());
const tomorrow = addDays(today, 1);
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/;

beforeAll(() => {
  process.env.RATE_LIMIT_ORDERS_PER_MINUTE = "0";
});

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  plan(db, tomorrow, shop.bread.id, 10);
  plan(db, tomorrow, shop.bagel.id, 4);
});

const orderBody = (extra: Record<string, unknown> = {}) => ({
  pickup_date: tomorrow,
  slot: "10:00-11:00",
  customer: { name: "김단골", phone: "010-1234-5678" },
  consent: { privacy: true, marketing: true },
  items: [
    { product_id: shop.bread.id, quantity: 2, options: [shop.options.sliced.id] },
    { product_id: shop.bagel.id, quantity: 1 },
  ],
  note: "문 앞에서 전화 주세요",
  ...extra,
});
const postOrder = (body: unknown, headers: Record<string, string> = {}) =>
  call(ordersPOST, { method: "POST", path: "/api/v1/storefront/orders", body, headers });
const getOrder = (token: string) => call(orderGET, { path: `/api/v1/storefront/orders/${token}`, params: { token } });
const products = (date: string) => call(productsGET, { path: `/api/v1/products?date=${date}` });
const pickupDates = () => call(pickupDatesGET, { path: "/api/v1/pickup-dates" });

describe("before the shop is set up", () => {
  it("answers 404 with the error shape, not a 500", async () => {
    freshDb();
    const { status, body } = await pickupDates();
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_found");
    expect((await postOrder({ ...orderBody() })).status).toBe(404);
  });
});

describe("GET /api/v1/health", () => {
  it("answers once the database does", async () => {
    expect(await call(healthGET, { path: "/api/v1/health" })).toMatchObject({ status: 200, body: { ok: true } });
  });
});

describe("GET /api/v1/pickup-dates", () => {
  it("lists dates with opening, cut-off and each slot's remaining capacity", async () => {
    const { status, body, headers } = await pickupDates();
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/json; charset=utf-8");
    const day = body.find((d: { date: string }) => d.date === tomorrow);
    expect(day).toMatchObject({ date: tomorrow, open: true, state: "open" });
    expect(day.opens_at).toMatch(ISO_WITH_OFFSET);
    expect(day.cutoff_at).toMatch(ISO_WITH_OFFSET);
    // hours_before_slot with 0 hours: the day closes when its last slot (18:00-19:00) starts.
    expect(day.cutoff_at).toBe(`${tomorrow}T18:00:00+09:00`);
    expect(day.slots[0]).toEqual({ slot: "09:00-10:00", start: "09:00", end: "10:00", capacity: 10, remaining: 10, open: true });
    expect(day.slots).toHaveLength(8);
  });

  it("leaves out closed dates and closed weekdays", async () => {
    db.insert(closedDates).values({ date: tomorrow, reason: "휴가" }).run();
    db.update(shopSettings)
      .set({ closedWeekdays: [weekdayOf(addDays(today, 2))] })
      .run();
    const dates = (await pickupDates()).body.map((d: { date: string }) => d.date);
    expect(dates).not.toContain(tomorrow);
    expect(dates).not.toContain(addDays(today, 2));
    expect(dates).toContain(addDays(today, 3));
  });

  it("shows dates that open later as not open, with when they open", async () => {
    db.update(shopSettings).set({ opensDaysBefore: 1, opensTime: "00:00" }).run();
    const later = (await pickupDates()).body.find((d: { date: string }) => d.date === addDays(today, 3));
    expect(later).toMatchObject({ open: false, state: "not_open_yet", opens_at: `${addDays(today, 2)}T00:00:00+09:00` });
  });
});

describe("GET /api/v1/products", () => {
  it("lists active products with options and the day's stock", async () => {
    const { status, body } = await products(tomorrow);
    expect(status).toBe(200);
    expect(body).toEqual([
      {
        id: shop.bread.id,
        name: "우유식빵",
        description: "",
        category: "",
        price: 5000,
        max_per_order: 50,
        min_notice: null,
        photo: null,
        options: [
          {
            id: shop.options.group.id,
            name: "슬라이스",
            required: true,
            choices: [
              { id: shop.options.whole.id, name: "통으로", price_delta: 0 },
              { id: shop.options.sliced.id, name: "슬라이스", price_delta: 500 },
            ],
          },
        ],
        planned: 10,
        reserved: 0,
        sold: 0,
        available: 10,
      },
      expect.objectContaining({ id: shop.bagel.id, options: [], planned: 4, available: 4 }),
    ]);
  });

  it("leaves out inactive products", async () => {
    db.update(productsTable).set({ active: false }).where(eq(productsTable.id, shop.bagel.id)).run();
    expect((await products(tomorrow)).body.map((p: { id: number }) => p.id)).toEqual([shop.bread.id]);
  });

  it.each([
    ["missing", ""],
    ["not a date", "?date=tomorrow"],
    ["impossible", "?date=2026-02-30"],
    ["another format", "?date=20260301"],
  ])("refuses a %s date with 400 naming the field", async (_, query) => {
    const { status, body } = await call(productsGET, { path: `/api/v1/products${query}` });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "validation", fields: { date: expect.any(String) } });
  });
});

describe("POST /api/v1/storefront/orders", () => {
  it("places an order priced on the server and answers 201 with its link", async () => {
    const { status, body, headers } = await postOrder({ ...orderBody(), total: 1 });
    expect(status).toBe(201);
    const order = db.select().from(orders).get()!;
    expect(body).toEqual({
      order: {
        id: order.id,
        token: order.token,
        code: order.code,
        status: "placed",
        discount: 0,
        total: 2 * 5500 + 3500,
        pickup_date: tomorrow,
        slot: "10:00-11:00",
        url: `${ORIGIN}/o/${order.token}`,
      },
    });
    expect(headers.get("location")).toBe(body.order.url);
    expect(order).toMatchObject({ channel: "web", total: 14500, note: "문 앞에서 전화 주세요", slotStart: "10:00", slotEnd: "11:00" });
    expect(db.select().from(customers).get()).toMatchObject({ phone: "01012345678", name: "김단골" });
    expect(
      db
        .select()
        .from(consents)
        .all()
        .map((c) => c.granted),
    ).toEqual([true, true]);
    expect((await products(tomorrow)).body.map((p: { available: number }) => p.available)).toEqual([8, 3]);
  });

  it("accepts a JSON content type with a charset", async () => {
    expect((await postOrder(orderBody(), { "content-type": "application/json; charset=utf-8" })).status).toBe(201);
  });

  it("refuses an order for a product no longer sold, writing nothing", async () => {
    db.update(productsTable).set({ active: false }).where(eq(productsTable.id, shop.bagel.id)).run();
    const { status, body } = await postOrder(orderBody());
    expect(status).toBe(400);
    expect(body.error.fields).toHaveProperty("items.1.product_id");
    expect(orderRowCounts(db)).toMatchObject({ orders: 0, customers: 0, consents: 0 });
  });

  it("words errors in Korean by default and in English with Accept-Language: en, fields included, same shape", async () => {
    db.update(productsTable).set({ active: false }).where(eq(productsTable.id, shop.bagel.id)).run();
    const bad = orderBody({ customer: { name: "김단골", phone: "12" } });
    const ko = await postOrder(bad);
    expect(ko.status).toBe(400);
    expect(ko.body).toEqual({
      error: {
        code: "validation",
        message: "입력한 내용을 다시 확인해 주세요.",
        fields: { "customer.phone": "휴대전화 번호를 확인해 주세요. 예: 010-1234-5678" },
      },
    });
    const en = await postOrder(bad, { "accept-language": "en-US,en;q=0.9,ko;q=0.8" });
    expect(en.status).toBe(400);
    expect(en.body).toEqual({
      error: {
        code: "validation",
        message: "Please check what you entered.",
        fields: { "customer.phone": "Check the mobile number, e.g. 010-1234-5678." },
      },
    });
    // A rule in lib/ (not the schema) says no: the same, with its own sentence.
    const notSold = await postOrder(orderBody(), { "accept-language": "en" });
    expect(notSold.body).toEqual({
      error: {
        code: "validation",
        message: "A product that is not for sale is included.",
        fields: { "items.1.product_id": "This product is not for sale." },
      },
    });
    expect((await postOrder(orderBody(), { "accept-language": "ko-KR, en;q=0.5" })).body.error.message).toBe(
      "판매하지 않는 상품이 들어 있어요.",
    );
    expect((await postOrder(orderBody(), { "accept-language": "fr" })).body.error.fields).toEqual({
      "items.1.product_id": "판매하지 않는 상품이에요.",
    });
  });

  it("returns the first order for the same Idempotency-Key five times", async () => {
    const headers = { "Idempotency-Key": "retry-7f3c9a" };
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await postOrder(orderBody(), headers));
    expect(answers.map((a) => a.status)).toEqual([201, 200, 200, 200, 200]);
    expect(answers[0].headers.get("idempotent-replayed")).toBeNull();
    expect(answers.slice(1).every((a) => a.headers.get("idempotent-replayed") === "true")).toBe(true);
    expect(new Set(answers.map((a) => a.body.order.token)).size).toBe(1);
    expect(orderRowCounts(db)).toMatchObject({ orders: 1, customers: 1, consents: 2, orderItems: 2, orderEvents: 1 });
    expect((await products(tomorrow)).body[0].reserved).toBe(2);
  });

  it("returns the first order for the same key even when sent at once", async () => {
    const headers = { "Idempotency-Key": "parallel-key-1" };
    const answers = await Promise.all(Array.from({ length: 5 }, () => postOrder(orderBody(), headers)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(db.select().from(orders).all()).toHaveLength(1);
  });

  it("refuses the same key with another body (409) and writes nothing more", async () => {
    const headers = { "Idempotency-Key": "retry-7f3c9a" };
    expect((await postOrder(orderBody(), headers)).status).toBe(201);
    const before = orderRowCounts(db);
    const { status, body } = await postOrder(orderBody({ slot: "11:00-12:00" }), headers);
    expect(status).toBe(409);
    expect(body.error.code).toBe("idempotency_conflict");
    expect(orderRowCounts(db)).toEqual(before);
  });

  it("answers 409 sold_out naming each short item and what is left", async () => {
    const { status, body } = await postOrder(
      orderBody({
        items: [
          { product_id: shop.bread.id, quantity: 11, options: [shop.options.whole.id] },
          { product_id: shop.bagel.id, quantity: 5 },
        ],
      }),
    );
    expect(status).toBe(409);
    expect(body.error).toMatchObject({
      code: "sold_out",
      items: [
        { product_id: shop.bread.id, name: "우유식빵", requested: 11, available: 10 },
        { product_id: shop.bagel.id, name: "플레인 베이글", requested: 5, available: 4 },
      ],
    });
    expect(body.error.message).toContain("우유식빵");
    expect(orderRowCounts(db).orders).toBe(0);
  });

  it("counts the same product on two lines together against what is left", async () => {
    const { status, body } = await postOrder(
      orderBody({
        items: [
          { product_id: shop.bagel.id, quantity: 3 },
          { product_id: shop.bagel.id, quantity: 2 },
        ],
      }),
    );
    expect(status).toBe(409);
    expect(body.error.items).toEqual([{ product_id: shop.bagel.id, name: "플레인 베이글", requested: 5, available: 4 }]);
  });

  it("answers 409 slot_full when the slot has no room", async () => {
    db.update(pickupSlots)
      .set({ capacity: 1 })
      .where(and(eq(pickupSlots.weekday, weekdayOf(tomorrow)), eq(pickupSlots.startTime, "10:00")))
      .run();
    expect((await postOrder(orderBody())).status).toBe(201);
    const { status, body } = await postOrder(orderBody({ customer: { name: "이웃", phone: "010-9999-0000" } }));
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: "slot_full", fields: { slot: expect.any(String) } });
  });

  it("answers 422 for a closed day, a date not open yet and a passed cut-off", async () => {
    db.insert(closedDates).values({ date: tomorrow }).run();
    expect((await postOrder(orderBody())).body.error.code).toBe("closed_day");

    db.update(shopSettings).set({ opensDaysBefore: 1, opensTime: "00:00" }).run();
    const far = addDays(today, 5);
    plan(db, far, shop.bread.id, 5);
    const notYet = await postOrder(orderBody({ pickup_date: far }));
    expect(notYet).toMatchObject({ status: 422, body: { error: { code: "not_open_yet", fields: { pickup_date: expect.any(String) } } } });

    const yesterday = addDays(today, -1);
    plan(db, yesterday, shop.bread.id, 5);
    const past = await postOrder(orderBody({ pickup_date: yesterday }));
    expect(past).toMatchObject({ status: 422, body: { error: { code: "cutoff_passed" } } });

    expect(orderRowCounts(db).orders).toBe(0);
  });

  it("answers 422 not_offered for a product not planned that day", async () => {
    const { status, body } = await postOrder(orderBody({ pickup_date: addDays(today, 2) }));
    expect(status).toBe(422);
    expect(body.error.code).toBe("not_offered");
  });
});

describe("GET /api/v1/storefront/orders/{token}", () => {
  it("shows the order's status, lines, totals, slot and timeline, and of the customer only the name", async () => {
    const placed = (await postOrder(orderBody())).body.order;
    const order = db.select().from(orders).get()!;
    changeOrderStatus({ db, orderId: order.id, to: "ready", actor: { type: "system" }, extra: { rackSlot: "A3" } });

    const { status, body } = await getOrder(placed.token);
    expect(status).toBe(200);
    expect(body.order).toMatchObject({
      code: placed.code,
      status: "ready",
      customer: { name: "김단골" },
      pickup_date: tomorrow,
      slot: "10:00-11:00",
      rack_slot: "A3",
      payment_status: "unpaid",
      subtotal: 14500,
      total: 14500,
      cancellable_until: null,
      items: [
        {
          product_id: shop.bread.id,
          name: "우유식빵",
          quantity: 2,
          unit_price: 5500,
          options: [{ group: "슬라이스", choice: "슬라이스", price_delta: 500 }],
          line_total: 11000,
        },
        { product_id: shop.bagel.id, name: "플레인 베이글", quantity: 1, unit_price: 3500, options: [], line_total: 3500 },
      ],
    });
    expect(body.order.timeline.map((e: { status: string }) => e.status)).toEqual(["placed", "ready"]);
    expect(body.order.timeline[0].at).toMatch(ISO_WITH_OFFSET);
    const text = JSON.stringify(body);
    expect(text).not.toContain("01012345678");
    expect(text).not.toContain("1234-5678");
    expect(text).not.toContain("phone");
    expect(text).not.toContain(placed.token);
    expect(text).not.toContain("문 앞에서");
  });

  it("leaves a status change staff took back out of the timeline", async () => {
    const placed = (await postOrder(orderBody())).body.order;
    const order = db.select().from(orders).get()!;
    const owner = db.select().from(users).get()!;
    changeOrderStatus({ db, orderId: order.id, to: "ready", actor: { type: "user", userId: owner.id } });
    runOrderCommand({ db }, (cmd) => applyUndo(cmd, { order: db.select().from(orders).get()!, actor: { type: "user", userId: owner.id } }));
    const { body } = await getOrder(placed.token);
    expect(body.order.status).toBe("placed");
    expect(body.order.timeline.map((e: { status: string }) => e.status)).toEqual(["placed"]);
  });

  it("says until when a placed order may be cancelled", async () => {
    const placed = (await postOrder(orderBody())).body.order;
    expect((await getOrder(placed.token)).body.order.cancellable_until).toBe(`${tomorrow}T10:00:00+09:00`);
  });

  it.each([
    ["an unknown token", "x".repeat(24)],
    ["a short token", "abc"],
    ["a huge token", "y".repeat(5000)],
  ])("answers 404 for %s", async (_, token) => {
    const { status, body } = await getOrder(token);
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_found");
  });
});

describe("cancelling", () => {
  it("releases stock and slot, as GET products and pickup-dates show, and the timeline records it", async () => {
    db.update(pickupSlots)
      .set({ capacity: 1 })
      .where(and(eq(pickupSlots.weekday, weekdayOf(tomorrow)), eq(pickupSlots.startTime, "10:00")))
      .run();
    const placed = (await postOrder(orderBody())).body.order;
    const slotOf = async () =>
      (await pickupDates()).body
        .find((d: { date: string }) => d.date === tomorrow)
        .slots.find((s: { slot: string }) => s.slot === "10:00-11:00");
    expect(await slotOf()).toMatchObject({ remaining: 0, open: false });
    expect((await products(tomorrow)).body.map((p: { reserved: number; available: number }) => [p.reserved, p.available])).toEqual([
      [2, 8],
      [1, 3],
    ]);

    cancelByCustomer({ db, token: placed.token });

    expect(await slotOf()).toMatchObject({ remaining: 1, open: true });
    expect((await products(tomorrow)).body.map((p: { reserved: number; available: number }) => [p.reserved, p.available])).toEqual([
      [0, 10],
      [0, 4],
    ]);
    const { body } = await getOrder(placed.token);
    expect(body.order.status).toBe("cancelled");
    expect(body.order.timeline.map((e: { status: string }) => e.status)).toEqual(["placed", "cancelled"]);
    // The freed place can be taken again.
    expect((await postOrder(orderBody({ customer: { name: "이웃", phone: "010-9999-0000" } }))).status).toBe(201);
    expect(db.select().from(orderItems).all()).toHaveLength(4);
  });
});

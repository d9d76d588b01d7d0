import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { outbox, shopSettings } from "@/db/schema";
import { GET as listDeliveries } from "@/app/api/v1/webhooks/[id]/deliveries/route";
import { DELETE } from "@/app/api/v1/webhooks/[id]/route";
import { GET, POST } from "@/app/api/v1/webhooks/route";
import { createApiKey } from "@/lib/auth/api-keys";
import { enqueueEvent } from "@/lib/messages/outbox";
import { enqueueScheduledMessages } from "@/lib/messages/scheduler";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { changeOrderStatus } from "@/lib/orders/status";
import { addDays, localDate, zonedTime } from "@/lib/shop/time";
import { call } from "@/tests/helpers/api";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";

let db: Db;
let owner: Record<string, string>;
let staff: Record<string, string>;
let shop: ReturnType<typeof shopWithProducts>;

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  owner = { authorization: `Bearer ${createApiKey({ db, name: "owner", scope: "owner" }).key}` };
  staff = { authorization: `Bearer ${createApiKey({ db, name: "pos", scope: "staff" }).key}` };
});

describe("/api/v1/webhooks", () => {
  it("adds an endpoint with a secret shown once, lists it without the secret, and deletes it", async () => {
    const created = await call(POST, {
      method: "POST",
      path: "/api/v1/webhooks",
      headers: owner,
      body: { url: "https://pos.example/hook", events: ["order.ready", "order.placed"] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      url: "https://pos.example/hook",
      events: ["order.ready", "order.placed"],
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/=]{32}$/),
    });
    const listed = await call(GET, { path: "/api/v1/webhooks", headers: owner });
    expect(listed.body).toEqual([
      {
        id: created.body.id,
        url: "https://pos.example/hook",
        events: ["order.ready", "order.placed"],
        active: true,
        created_at: expect.stringMatching(/\+09:00$/),
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain("whsec_");

    // Only subscribed events are queued for it.
    const now = Date.now();
    db.transaction((tx) => {
      enqueueEvent({ tx, now, type: "order.ready", data: { id: 1 } });
      enqueueEvent({ tx, now, type: "sale.recorded", data: { id: 2 } });
    });
    const deliveries = await call(listDeliveries, {
      path: `/api/v1/webhooks/${created.body.id}/deliveries`,
      headers: owner,
      params: { id: String(created.body.id) },
    });
    expect(deliveries.body).toEqual([
      {
        message_id: expect.stringMatching(/^msg_\d+$/),
        event: "order.ready",
        status: "queued",
        attempts: 0,
        last_status_code: null,
        next_attempt_at: expect.any(String),
      },
    ]);

    const deleted = await call(DELETE, {
      method: "DELETE",
      path: `/api/v1/webhooks/${created.body.id}`,
      headers: owner,
      params: { id: String(created.body.id) },
    });
    expect(deleted.status).toBe(200);
    expect((await call(GET, { path: "/api/v1/webhooks", headers: owner })).body).toEqual([]);
    const [row] = db.select().from(outbox).all();
    expect(row).toMatchObject({ status: "cancelled", lastError: expect.stringContaining("삭제") });
    expect(
      (
        await call(DELETE, {
          method: "DELETE",
          path: `/api/v1/webhooks/${created.body.id}`,
          headers: owner,
          params: { id: String(created.body.id) },
        })
      ).status,
    ).toBe(404);
  });

  it("refuses bad input, a staff key and no key — and writes nothing", async () => {
    const bad = await call(POST, {
      method: "POST",
      path: "/api/v1/webhooks",
      headers: owner,
      body: { url: "ftp://x", events: ["order.exploded"] },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["events.0", "url"]);
    expect(
      (await call(POST, { method: "POST", path: "/api/v1/webhooks", headers: staff, body: { url: "https://a.example", events: ["*"] } }))
        .status,
    ).toBe(403);
    expect((await call(GET, { path: "/api/v1/webhooks" })).status).toBe(401);
    expect((await call(GET, { path: "/api/v1/webhooks", headers: owner })).body).toEqual([]);
  });
});

describe("scheduled messages", () => {
  const place = (date: string, slot: string, placedAt: number) =>
    placeOrder({
      db,
      channel: "phone",
      now: placedAt,
      input: orderInput.parse({
        pickup_date: date,
        slot,
        customer: { name: "김단골", phone: "01012345678" },
        consent: { privacy: true },
        items: [{ product_id: shop.bread.id, quantity: 1, options: [shop.options.whole.id] }],
      }),
    }).order;
  const topics = () =>
    db
      .select({ topic: outbox.topic, payload: outbox.payload })
      .from(outbox)
      .all()
      .filter((r) => r.topic !== "order_received");

  it("reminds the evening before and an hour before (owner's choice), once each", () => {
    db.update(shopSettings).set({ reminderTiming: "both" }).run();
    const date = addDays(localDate(Date.now()), 3);
    plan(db, date, shop.bread.id, 5);
    const o = place(date, "10:00-11:00", zonedTime(addDays(date, -2), "12:00"));
    enqueueScheduledMessages({ db, now: zonedTime(addDays(date, -1), "17:59") });
    expect(topics()).toEqual([]);
    enqueueScheduledMessages({ db, now: zonedTime(addDays(date, -1), "18:00") });
    enqueueScheduledMessages({ db, now: zonedTime(addDays(date, -1), "18:01") });
    expect(topics()).toEqual([{ topic: "reminder", payload: expect.objectContaining({ when: "evening_before", code: o.code }) }]);
    enqueueScheduledMessages({ db, now: zonedTime(date, "09:00") });
    expect(topics().map((t) => (t.payload as { when: string }).when)).toEqual(["evening_before", "hour_before"]);
  });

  it("says 'not collected' when the slot ended with the bag waiting, and asks for a review the day after pickup", () => {
    const date = addDays(localDate(Date.now()), 3);
    plan(db, date, shop.bread.id, 5);
    db.update(shopSettings).set({ reminderTiming: "off" }).run();
    const waiting = place(date, "10:00-11:00", zonedTime(addDays(date, -2), "12:00"));
    const collected = place(date, "10:00-11:00", zonedTime(addDays(date, -2), "12:00"));
    changeOrderStatus({ db, orderId: collected.id, to: "picked_up", actor: { type: "system" }, now: zonedTime(date, "10:30") });
    enqueueScheduledMessages({ db, now: zonedTime(date, "10:59") });
    expect(topics()).toEqual([]);
    enqueueScheduledMessages({ db, now: zonedTime(date, "11:00") });
    expect(topics()).toEqual([{ topic: "not_collected", payload: expect.objectContaining({ code: waiting.code }) }]);
    enqueueScheduledMessages({ db, now: zonedTime(addDays(date, 1), "09:59") });
    enqueueScheduledMessages({ db, now: zonedTime(addDays(date, 1), "10:00") });
    enqueueScheduledMessages({ db, now: zonedTime(addDays(date, 1), "10:05") });
    expect(topics().map((t) => t.topic)).toEqual(["not_collected", "review_request"]);
    expect(topics()[1].payload).toMatchObject({ code: collected.code });
  });
});

/**
 * The outbox end to end against local receivers: webhooks verified with the official
 * Standard Webhooks verifier, a push service that decrypts, a SOLAPI fake that checks the
 * signature — and the durability promises: a change that rolls back sends nothing, a killed
 * worker loses nothing, a receiver that is down gets everything once it is back.
 */
import { spawn } from "node:child_process";
import { tsFileArgs } from "../helpers/node";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, outbox, pushSubscriptions } from "@/db/schema";
import { deleteCustomer } from "@/lib/customer-record/privacy";
import { maxAttempts } from "@/lib/messages/backoff";
import { enqueueEvent } from "@/lib/messages/outbox";
import { subscribeOrderPush } from "@/lib/messages/push-subscriptions";
import { createWebhookEndpoint, requeueOutboxItem, rotateWebhookSecret } from "@/lib/messages/webhooks";
import { deliverDue, LEASE_MS } from "@/lib/messages/worker";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { runOrderCommand } from "@/lib/orders/command";
import { applyUndo, changeOrderStatus, getOrderForUpdate } from "@/lib/orders/status";
import { addDays, localDate } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { startFakeSolapi, startPushReceiver, startWebhookReceiver } from "@/tests/helpers/receivers";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const tomorrow = addDays(localDate(Date.now()), 1);
const closers: (() => Promise<void>)[] = [];

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  plan(db, tomorrow, shop.bread.id, 5);
  for (const k of ["SOLAPI_API_KEY", "SOLAPI_API_SECRET", "SOLAPI_SENDER", "SOLAPI_PF_ID", "SOLAPI_KAKAO_TEMPLATES", "SOLAPI_API_BASE"])
    delete process.env[k];
});
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const order = (quantity = 1, phone = "010-1234-5678") =>
  placeOrder({
    db,
    channel: "web",
    input: orderInput.parse({
      pickup_date: tomorrow,
      slot: "10:00-11:00",
      customer: { name: "김단골", phone },
      consent: { privacy: true },
      items: [{ product_id: shop.bread.id, quantity, options: [shop.options.whole.id] }],
    }),
  }).order;

const rows = () => db.select().from(outbox).orderBy(outbox.id).all();

async function receiver(options: Parameters<typeof startWebhookReceiver>[0] = {}) {
  let secret = "";
  const r = await startWebhookReceiver({ ...options, secret: () => secret });
  closers.push(r.close);
  const endpoint = createWebhookEndpoint({ db, input: { url: `${r.url}/hook`, events: ["*"] } });
  secret = endpoint.secret;
  return { ...r, endpoint, setSecret: (s: string) => (secret = s) };
}

describe("written in the change's transaction", () => {
  it("an order refused as sold out leaves nothing in the outbox", async () => {
    await receiver();
    expect(() => order(6)).toThrowError(/모자라요/);
    expect(rows()).toHaveLength(0);
  });

  it("a placed order queues the customer's message and the order.placed event", async () => {
    await receiver();
    const placed = order(1);
    const queued = rows();
    expect(queued.map((r) => [r.kind, r.topic, r.status])).toEqual([
      ["webhook", "order.placed", "queued"],
      ["message", "order_received", "queued"],
    ]);
    expect(queued[1]).toMatchObject({ customerId: placed.customerId, phone: "01012345678", purpose: "transactional" });
  });
});

describe("webhooks", () => {
  it("delivers order events signed by the Standard Webhooks spec, with no full phone or token", async () => {
    const r = await receiver();
    const placed = order(1);
    changeOrderStatus({ db, orderId: placed.id, to: "ready", actor: { type: "system" }, extra: { rackSlot: "B3" } });
    const run = await deliverDue({ db });
    expect(run.failed).toBe(0);
    expect(r.rejected).toEqual([]);
    expect(r.received.map((e) => e.type)).toEqual(["order.placed", "order.ready"]);
    const ready = r.received[1];
    expect(ready.data).toEqual({
      id: placed.id,
      code: placed.code,
      status: "ready",
      channel: "web",
      pickup_date: tomorrow,
      slot: "10:00-11:00",
      rack_slot: "B3",
      total: placed.total,
      phone_last4: "5678",
    });
    expect(JSON.stringify(r.received)).not.toContain("01012345678");
    expect(JSON.stringify(r.received)).not.toContain(placed.token);
    expect(
      rows()
        .filter((x) => x.kind === "webhook")
        .every((x) => x.status === "delivered"),
    ).toBe(true);
  });

  it("an undone hand-over tells the shop's systems order.changed with the restored status, and messages no one", async () => {
    const r = await receiver();
    const placed = order(1);
    const t = Date.now();
    changeOrderStatus({ db, orderId: placed.id, to: "picked_up", actor: { type: "user", userId: 1 }, now: t });
    runOrderCommand({ db, now: t + 1000 }, (cmd) =>
      applyUndo(cmd, { order: getOrderForUpdate({ db: cmd.tx, orderId: placed.id }), actor: { type: "user", userId: 1 } }),
    );
    expect(rows().map((x) => [x.kind, x.topic])).toEqual([
      ["webhook", "order.placed"],
      ["message", "order_received"],
      ["webhook", "order.picked_up"],
      ["webhook", "order.changed"],
    ]);
    await deliverDue({ db, now: () => t + 2000 });
    expect(r.received.map((e) => [e.type, (e.data as { status: string }).status])).toEqual([
      ["order.placed", "placed"],
      ["order.picked_up", "picked_up"],
      ["order.changed", "placed"],
    ]);
  });

  it("a receiver that is down gets retries (the first within 30 s) and everything once it is back", async () => {
    const r = await receiver();
    r.state.down = true;
    const now = Date.now();
    db.transaction((tx) => {
      for (let i = 0; i < 3; i++) enqueueEvent({ tx, now, type: "sale.recorded", data: { id: i } });
    });
    await deliverDue({ db, now: () => now });
    for (const row of rows()) {
      expect(row).toMatchObject({ status: "queued", attempts: 1, lastStatusCode: 503 });
      expect(row.nextAttemptAt - now).toBeGreaterThan(0);
      expect(row.nextAttemptAt - now).toBeLessThanOrEqual(30_000);
    }
    await deliverDue({ db, now: () => now + 30_000 }); // still down: second try, longer wait
    expect(rows().every((x) => x.attempts === 2 && x.nextAttemptAt > now + 30_000 + 20_000)).toBe(true);
    r.state.down = false;
    await deliverDue({ db, now: () => now + 10 * 60_000 });
    expect(rows().every((x) => x.status === "delivered")).toBe(true);
    expect([...r.uniqueIds()]).toHaveLength(3);
  });

  it("gives up as failed with the last error once the retries are spent, and the owner can retry it", async () => {
    const r = await receiver();
    r.state.down = true;
    const now = Date.now();
    const [id] = db.transaction((tx) => enqueueEvent({ tx, now, type: "order.placed", data: { id: 1 } }));
    db.update(outbox)
      .set({ attempts: maxAttempts("webhook") - 1 })
      .where(eq(outbox.id, id))
      .run();
    await deliverDue({ db, now: () => now });
    expect(rows()[0]).toMatchObject({ status: "failed", lastError: "HTTP 503" });
    r.state.down = false;
    requeueOutboxItem({ db, id, now });
    await deliverDue({ db, now: () => now });
    expect(rows()[0].status).toBe("delivered");
    expect(r.received.map((e) => e.id)).toEqual([`msg_${id}`]);
  });

  it("a rotated secret signs the next delivery; the old one no longer verifies", async () => {
    const r = await receiver();
    const secret = rotateWebhookSecret({ db, id: r.endpoint.id });
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(r.endpoint.secret);
    db.transaction((tx) => enqueueEvent({ tx, now: Date.now(), type: "order.placed", data: { id: 1 } }));
    await deliverDue({ db });
    expect(r.rejected).toHaveLength(1); // the receiver still holds the old secret
    r.setSecret(secret);
    await deliverDue({ db, now: () => Date.now() + 60_000 });
    expect(r.received).toHaveLength(1);
  });

  it("a worker killed with 500 queued loses nothing: after restart every event arrives, de-duplicated by id", async () => {
    const dbPath = process.env.DATABASE_PATH!;
    let child: ReturnType<typeof spawn> | undefined = undefined;
    let killedAt = 0;
    const r = await receiver({
      delayMs: 5,
      onRequest: (count) => {
        if (count === 100 && child) {
          child.kill("SIGKILL");
          killedAt = count;
        }
      },
    });
    const now = Date.now();
    db.transaction((tx) => {
      for (let i = 0; i < 500; i++) enqueueEvent({ tx, now, type: "sale.recorded", data: { id: i } });
    });
    child = spawn(process.execPath, tsFileArgs(path.join(process.cwd(), "scripts/cli.ts"), "deliver"), {
      env: { ...process.env, DATABASE_PATH: dbPath },
      stdio: "ignore",
    });
    const exit = await new Promise<NodeJS.Signals | null>((resolve) => child!.on("exit", (_code, signal) => resolve(signal)));
    expect(exit).toBe("SIGKILL");
    expect(killedAt).toBe(100);
    const before = rows();
    expect(before.filter((x) => x.status === "delivered").length).toBeLessThan(500);
    expect(before.some((x) => x.status === "sending" || x.status === "queued")).toBe(true);

    // The restarted worker takes over the claimed rows once their lease ends.
    await deliverDue({ db, now: () => Date.now() + LEASE_MS + 1 });
    expect(rows().every((x) => x.status === "delivered")).toBe(true);
    const ids = r.uniqueIds();
    expect(ids.size).toBe(500);
    expect(ids).toEqual(new Set(before.map((x) => `msg_${x.id}`)));
    expect(r.rejected).toEqual([]);
  }, 60_000);
});

describe("messages", () => {
  it("embedded default: the ready message with the rack slot lands in the message log", async () => {
    const placed = order(1);
    changeOrderStatus({ db, orderId: placed.id, to: "ready", actor: { type: "system" }, extra: { rackSlot: "C7" } });
    await deliverDue({ db });
    const [received, ready] = rows();
    expect(received).toMatchObject({ status: "delivered", channel: "embedded" });
    expect(received.body).toContain(placed.code);
    expect(received.body).toContain(`/o/${placed.token}`);
    expect(ready).toMatchObject({ topic: "order_ready", status: "delivered", channel: "embedded" });
    expect(ready.body).toBe(
      `[테스트 빵집] 주문 ${placed.code} 준비 완료! 픽업 선반 C7 칸에 있어요. 주문 보기: http://localhost:3000/o/${placed.token}`,
    );
  });

  it("English when the order was placed on the English page", async () => {
    const placed = placeOrder({
      db,
      channel: "web",
      locale: "en",
      input: orderInput.parse({
        pickup_date: tomorrow,
        slot: "10:00-11:00",
        customer: { name: "Kim", phone: "01099998888" },
        consent: { privacy: true },
        items: [{ product_id: shop.bread.id, quantity: 1, options: [shop.options.whole.id] }],
      }),
    }).order;
    await deliverDue({ db });
    expect(rows()[0].body).toBe(
      `[테스트 빵집] Order received. Code ${placed.code}, pickup ${tomorrow} 10:00-11:00. View: http://localhost:3000/o/${placed.token}`,
    );
  });

  it("Web Push: the push service decrypts the ready message with the rack slot", async () => {
    const push = await startPushReceiver();
    closers.push(push.close);
    const placed = order(1);
    subscribeOrderPush({ db, token: placed.token, subscription: push.subscribe() });
    await deliverDue({ db });
    changeOrderStatus({ db, orderId: placed.id, to: "ready", actor: { type: "system" }, extra: { rackSlot: "A2" } });
    await deliverDue({ db });
    expect(push.received).toHaveLength(2);
    expect(push.received[1]).toEqual({
      title: "테스트 빵집",
      body: expect.stringContaining("픽업 선반 A2 칸"),
      url: `http://localhost:3000/o/${placed.token}`,
    });
    expect(rows().map((r) => r.channel)).toEqual(["push", "push"]);
  });

  it("a push subscription the browser dropped (410) is removed and the message falls back to the phone", async () => {
    const push = await startPushReceiver();
    closers.push(push.close);
    const placed = order(1);
    subscribeOrderPush({ db, token: placed.token, subscription: { endpoint: `${push.url}/push/unknown`, keys: push.subscribe().keys } });
    await deliverDue({ db });
    expect(db.select().from(pushSubscriptions).all()).toHaveLength(0);
    expect(rows()[0]).toMatchObject({ status: "delivered", channel: "embedded" });
  });

  it("SOLAPI: 알림톡 with SMS fallback, signed like the provider expects; retried when it fails", async () => {
    const solapi = await startFakeSolapi({ apiKey: "NCSTESTKEY", apiSecret: "test-secret" });
    closers.push(solapi.close);
    Object.assign(process.env, {
      SOLAPI_API_KEY: "NCSTESTKEY",
      SOLAPI_API_SECRET: "test-secret",
      SOLAPI_SENDER: "02-123-4567",
      SOLAPI_PF_ID: "KA01PF1",
      SOLAPI_KAKAO_TEMPLATES: JSON.stringify({ order_ready: "KA01TPREADY" }),
      SOLAPI_API_BASE: solapi.url,
    });
    const placed = order(1);
    solapi.state.failNext = 1;
    const now = Date.now();
    await deliverDue({ db, now: () => now });
    expect(rows()[0]).toMatchObject({ status: "queued", attempts: 1, lastStatusCode: 500 });
    await deliverDue({ db, now: () => now + 30_000 });
    changeOrderStatus({ db, orderId: placed.id, to: "ready", actor: { type: "system" }, extra: { rackSlot: "B1" } });
    await deliverDue({ db, now: () => now + 30_000 });
    expect(solapi.received).toHaveLength(2);
    // No 알림톡 template registered for order_received: an SMS/LMS.
    expect(solapi.received[0]).toEqual({ to: "01012345678", from: "021234567", text: expect.stringContaining(placed.code) });
    expect(solapi.received[1]).toEqual({
      to: "01012345678",
      from: "021234567",
      text: expect.stringContaining("B1"),
      type: "ATA",
      kakaoOptions: { pfId: "KA01PF1", templateId: "KA01TPREADY", disableSms: false },
    });
    expect(rows().map((r) => [r.status, r.channel])).toEqual([
      ["sent", "solapi_sms"],
      ["sent", "solapi_ata"],
    ]);
  });

  it("a wrong SOLAPI secret is refused by the provider and never counts as sent", async () => {
    const solapi = await startFakeSolapi({ apiKey: "NCSTESTKEY", apiSecret: "right" });
    closers.push(solapi.close);
    Object.assign(process.env, {
      SOLAPI_API_KEY: "NCSTESTKEY",
      SOLAPI_API_SECRET: "wrong",
      SOLAPI_SENDER: "0212345678",
      SOLAPI_API_BASE: solapi.url,
    });
    order(1);
    await deliverDue({ db });
    expect(rows()[0]).toMatchObject({ status: "queued", lastStatusCode: 401 });
    expect(solapi.received).toHaveLength(0);
  });
});

describe("customer deletion", () => {
  it("scrubs the customer's messages and push subscriptions; customer.deleted carries only the id", async () => {
    const r = await receiver();
    const placed = order(1);
    subscribeOrderPush({
      db,
      token: placed.token,
      subscription: { endpoint: "https://push.example/abc", keys: { p256dh: "BPd", auth: "x" } },
    });
    const customer = db.select().from(customers).where(eq(customers.id, placed.customerId!)).get()!;
    deleteCustomer({ db, token: customer.token });
    const messages = rows().filter((x) => x.kind === "message");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ status: "cancelled", phone: null, payload: {}, body: null });
    expect(db.select().from(pushSubscriptions).all()).toHaveLength(0);
    await deliverDue({ db });
    const deleted = r.received.find((e) => e.type === "customer.deleted")!;
    expect(deleted.data).toEqual({ customer_id: customer.id });
  });
});

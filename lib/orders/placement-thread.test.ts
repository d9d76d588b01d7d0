/**
 * The placement thread as the production server runs it: a worker thread with its own
 * connection (loaded here through tsx), answering this thread's requests.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, orders } from "@/db/schema";
import { onOrderChange, type OrderChange } from "@/lib/events/order-events";
import { AppError, isAppError } from "@/lib/errors";
import { stockForDate } from "@/lib/inventory/availability";
import { addDays, localDate } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { tsWorker } from "@/scripts/node/ts-worker";
import { orderInput } from "./input";
import { openWriteGate } from "@/db/write-gate";
import { placeOrderOffThread, sendToThread, startPlacementThread, stopPlacementThread } from "./placement-thread";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
let thread: ReturnType<typeof startPlacementThread>;
const tomorrow = addDays(localDate(Date.now()), 1);

const input = (quantity: number, n = 1) =>
  orderInput.parse({
    pickup_date: tomorrow,
    slot: "10:00-11:00",
    customer: { name: `손님${n}`, phone: `010-5${String(n).padStart(3, "0")}-0000` },
    consent: { privacy: true },
    items: [{ product_id: shop.bagel.id, quantity }],
  });

const place = (quantity: number, n = 1, idempotencyKey?: string) =>
  sendToThread(thread, { input: input(quantity, n), channel: "web", idempotencyKey });

beforeAll(() => {
  thread = startPlacementThread({ spawn: tsWorker });
});
afterAll(() => stopPlacementThread());

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  plan(db, tomorrow, shop.bagel.id, 5);
});

describe("the placement thread", () => {
  it("writes the order with its own connection and publishes the change here, after the commit", async () => {
    const heard: OrderChange[] = [];
    const committed: boolean[] = [];
    const off = onOrderChange((c) => {
      heard.push(c);
      committed.push(db.select().from(orders).where(eq(orders.id, c.orderId)).get() !== undefined);
    });
    try {
      const { order, created } = await place(2);
      expect(created).toBe(true);
      expect(order.total).toBe(2 * 3500);
      expect(db.select().from(orders).where(eq(orders.id, order.id)).get()?.code).toBe(order.code);
      expect(stockForDate({ db, date: tomorrow }).get(shop.bagel.id)?.available).toBe(3);
      expect(heard).toEqual([
        expect.objectContaining({ orderId: order.id, pickupDate: tomorrow, status: "placed", kind: "status_change" }),
      ]);
      expect(committed).toEqual([true]);
    } finally {
      off();
    }
  });

  it("throws a refusal here as the same AppError, and writes nothing", async () => {
    const refused = await place(6).catch((e: unknown) => e);
    expect(isAppError(refused)).toBe(true);
    const e = refused as AppError;
    expect(e.code).toBe("sold_out");
    expect(e.status).toBe(409);
    expect(e.message).toMatch(/모자라요/);
    expect(e.details?.items).toEqual([{ product_id: shop.bagel.id, name: "플레인 베이글", requested: 6, available: 5 }]);
    expect(db.select().from(orders).all()).toHaveLength(0);
    expect(db.select().from(customers).all()).toHaveLength(0);
  });

  it("keeps field errors, the message's params and its sentence", async () => {
    const unknown = (await sendToThread(thread, {
      input: orderInput.parse({ ...input(1), items: [{ product_id: 9999, quantity: 1 }] }),
      channel: "web",
    }).catch((x: unknown) => x)) as AppError;
    expect(unknown.code).toBe("validation");
    expect(unknown.fields).toEqual({ "items.0.product_id": { code: "product_not_sold_field" } });
    const tooMany = (await place(51).catch((x: unknown) => x)) as AppError;
    expect(tooMany).toMatchObject({ code: "validation", key: "product_max_per_order", params: { product: "플레인 베이글", max: 50 } });
    expect(tooMany.message).toContain("50");
  });

  it("waits while this thread announces a write, then places the order", async () => {
    const gate = new Int32Array(openWriteGate());
    Atomics.add(gate, 0, 1);
    let placed: ReturnType<typeof place>;
    try {
      placed = place(1, 500);
      // Well inside the thread's one-second limit on waiting.
      await new Promise((r) => setTimeout(r, 150));
      expect(db.select().from(orders).all()).toHaveLength(0);
    } finally {
      Atomics.sub(gate, 0, 1);
      Atomics.notify(gate, 0);
    }
    expect((await placed).created).toBe(true);
  });

  it("reads and validates a request body there, refusing a bad one as the API does", async () => {
    const notJson = (await sendToThread(thread, { json: "{not json", channel: "web" }).catch((x: unknown) => x)) as AppError;
    expect(notJson).toMatchObject({ code: "bad_request", key: "body_not_json" });
    const body = { ...input(1), customer: { name: "", phone: "12" } };
    const invalid = (await sendToThread(thread, { json: JSON.stringify(body), channel: "web" }).catch((x: unknown) => x)) as AppError;
    expect(invalid.code).toBe("validation");
    expect(Object.keys(invalid.fields ?? {}).sort()).toEqual(["customer.name", "customer.phone"]);
    const { order } = await sendToThread(thread, { json: JSON.stringify(input(2)), channel: "web" });
    expect(order.total).toBe(2 * 3500);
    expect(db.select().from(orders).all()).toHaveLength(1);
  });

  it("answers a repeated idempotency key with the first order", async () => {
    const first = await place(1, 1, "thread-k1");
    const again = await place(1, 1, "thread-k1");
    expect(again).toMatchObject({ created: false, order: { id: first.order.id } });
    expect(db.select().from(orders).all()).toHaveLength(1);
  });

  it("sells each loaf once when this thread's connection races it", async () => {
    // Ten through the thread, ten on this thread's own connection, interleaved.
    const viaThread = Array.from({ length: 10 }, (_, i) =>
      place(1, 100 + i).then(
        () => "sold",
        (e: AppError) => e.code,
      ),
    );
    const { placeOrder } = await import("./place-order");
    const here = Array.from(
      { length: 10 },
      (_, i) =>
        new Promise<string>((resolve) =>
          setImmediate(() => {
            try {
              placeOrder({ db, input: input(1, 200 + i), channel: "web" });
              resolve("sold");
            } catch (e) {
              resolve((e as AppError).code);
            }
          }),
        ),
    );
    const results = await Promise.all([...viaThread, ...here]);
    expect(results.filter((r) => r === "sold")).toHaveLength(5);
    expect(results.filter((r) => r !== "sold").every((r) => r === "sold_out")).toBe(true);
    expect(stockForDate({ db, date: tomorrow }).get(shop.bagel.id)).toMatchObject({ reserved: 5, available: 0 });
  });

  it("refuses what a dying thread had not answered, with the internal error", async () => {
    // A write announced here keeps the thread waiting (up to a second) until it is stopped.
    // (Not the write lock itself: a thread stopped inside SQLite's busy wait takes the process down.)
    const gate = new Int32Array(openWriteGate());
    Atomics.add(gate, 0, 1);
    try {
      const pending = place(1, 300);
      await new Promise((r) => setTimeout(r, 100));
      await thread.worker.terminate();
      const e = (await pending.catch((x: unknown) => x)) as AppError;
      expect(e.code).toBe("internal");
    } finally {
      Atomics.sub(gate, 0, 1);
    }
    expect(db.select().from(orders).all()).toHaveLength(0);
    // A new thread takes orders again.
    thread = startPlacementThread({ spawn: tsWorker });
    expect((await place(1, 301)).created).toBe(true);
  });

  it("places orders here when the thread cannot start, the ones sent before it failed too", async () => {
    await stopPlacementThread();
    const env = { runtime: process.env.NEXT_RUNTIME, nodeEnv: process.env.NODE_ENV };
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    // As on the production server, where the thread's bundled entry would load; here its
    // TypeScript entry cannot load without a loader, so the thread fails before it starts.
    process.env.NEXT_RUNTIME = "nodejs";
    (process.env as Record<string, string>).NODE_ENV = "production";
    try {
      const [first, second] = await Promise.all([
        placeOrderOffThread({ input: input(1, 400), channel: "web" }),
        placeOrderOffThread({ input: input(9, 401), channel: "web" }).catch((e: unknown) => e),
      ]);
      expect(first.created).toBe(true);
      expect((second as AppError).code).toBe("sold_out");
      const third = await placeOrderOffThread({ input: input(1, 402), channel: "web" });
      expect(
        db
          .select()
          .from(orders)
          .all()
          .map((o) => o.id),
      ).toEqual([first.order.id, third.order.id]);
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^order placement thread: /));
    } finally {
      for (const [name, value] of [
        ["NEXT_RUNTIME", env.runtime],
        ["NODE_ENV", env.nodeEnv],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else (process.env as Record<string, string>)[name] = value;
      }
      logged.mockRestore();
      await stopPlacementThread();
    }
  });
});

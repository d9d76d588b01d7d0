/**
 * What the outbox costs and how fast it empties.
 *
 * 1. Order placement (`placeOrder`, in this process, on its own throwaway database) with the
 *    outbox on — each order queues its customer message and `order.placed` for two webhook
 *    endpoints in the order's transaction — against the same placement with the outbox off,
 *    in alternating rounds of the same run; the ratio must stay ≥ 0.9.
 * 2. 1,000 queued webhook events delivered by the worker to a local receiver that verifies
 *    every signature with the official `standardwebhooks` verifier: events per second.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { count, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { openDatabase, type Db } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { dailyPlans, outbox, pickupSlots, products, shopSettings } from "@/db/schema";
import { enqueueEvent } from "@/lib/messages/outbox";
import { orderOutbox } from "@/lib/messages/order-messages";
import { createWebhookEndpoint, deleteWebhookEndpoint } from "@/lib/messages/webhooks";
import { deliverDue } from "@/lib/messages/worker";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { createShop } from "@/lib/setup/create-shop";
import { addDays, localDate } from "@/lib/shop/time";
import { round } from "./load";
import type { BenchModule, BenchRow } from "./types";

const ROUNDS = 6;
const ORDERS_PER_ROUND = Number(process.env.BENCH_OUTBOX_ORDERS) > 0 ? Number(process.env.BENCH_OUTBOX_ORDERS) : 300;
const EVENTS = 1000;

function scratchDb(): Db {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dangol-bench-outbox-")), "outbox.db");
  const db = openDatabase(file);
  runMigrations(db);
  createShop({ db, input: { shopName: "벤치 빵집", email: "outbox@dangol.local", password: "bench-password-1" } });
  db.update(shopSettings)
    .set({ opensDaysBefore: 60, cutoffMode: "hours_before_slot", cutoffHoursBefore: 0, closedWeekdays: [], maxItemsPerOrder: 30 })
    .run();
  db.update(pickupSlots).set({ capacity: 1_000_000 }).run();
  return db;
}

async function startReceiver(secret: () => string) {
  const ids = new Set<string>();
  let rejected = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        new Webhook(secret()).verify(Buffer.concat(chunks).toString("utf8"), {
          "webhook-id": String(req.headers["webhook-id"]),
          "webhook-timestamp": String(req.headers["webhook-timestamp"]),
          "webhook-signature": String(req.headers["webhook-signature"]),
        });
        ids.add(String(req.headers["webhook-id"]));
        res.writeHead(204).end();
      } catch {
        rejected++;
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    ids,
    rejected: () => rejected,
    close: () => new Promise((r) => server.close(r)),
  };
}

const outboxBench: BenchModule = async () => {
  const db = scratchDb();
  // Each round orders for its own pickup date: availability and slot counts read the date's
  // orders, so one date filling up would slow later rounds whatever their arm.
  const today = localDate(Date.now());
  const dates = Array.from({ length: 2 * ROUNDS + 2 }, (_, i) => addDays(today, i + 1));
  const product = db.insert(products).values({ name: "벤치 식빵", price: 4000, maxPerOrder: 10 }).returning().get();
  db.insert(dailyPlans)
    .values(dates.map((date) => ({ date, productId: product.id, planned: 10_000_000 })))
    .run();
  let secret = "";
  const receiver = await startReceiver(() => secret);
  const endpoints: number[] = [];
  for (let i = 0; i < 2; i++) {
    const created = createWebhookEndpoint({ db, input: { url: receiver.url, events: ["*"] } });
    endpoints.push(created.id);
    secret = created.secret;
  }

  let phone = 0;
  let round_ = 0;
  const placeRound = () => {
    const date = dates[round_++];
    const started = process.hrtime.bigint();
    for (let i = 0; i < ORDERS_PER_ROUND; i++) {
      phone++;
      placeOrder({
        db,
        channel: "web",
        input: orderInput.parse({
          pickup_date: date,
          slot: "10:00-11:00",
          customer: { name: "벤치", phone: `010${String(10_000_000 + phone).slice(-8)}` },
          consent: { privacy: true },
          items: [{ product_id: product.id, quantity: 1 }],
        }),
      });
    }
    return ORDERS_PER_ROUND / (Number(process.hrtime.bigint() - started) / 1e9);
  };

  // Warm up both arms, then alternate so drift in the machine's speed hits both alike.
  orderOutbox.enabled = false;
  placeRound();
  orderOutbox.enabled = true;
  placeRound();
  const on: number[] = [];
  const off: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    orderOutbox.enabled = r % 2 === 0 ? false : true;
    (orderOutbox.enabled ? on : off).push(placeRound());
    orderOutbox.enabled = !orderOutbox.enabled;
    (orderOutbox.enabled ? on : off).push(placeRound());
  }
  orderOutbox.enabled = true;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const rowsPerOrder = db.select({ n: count() }).from(outbox).get()!.n / (ORDERS_PER_ROUND * (ROUNDS + 1));

  // ---- delivery of 1,000 queued events
  db.delete(outbox).run();
  const now = Date.now();
  // One endpoint for the delivery figure: 1,000 events are 1,000 deliveries.
  deleteWebhookEndpoint({ db, id: endpoints[0] });
  db.transaction((tx) => {
    for (let i = 0; i < EVENTS; i++)
      enqueueEvent({ tx, now, type: "sale.recorded", data: { id: i, external_id: `bench-${i}`, total: 4000, items: [] } });
  });
  const perEvent = db.select({ n: count() }).from(outbox).get()!.n / EVENTS;
  const started = process.hrtime.bigint();
  const run = await deliverDue({ db });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const delivered = db.select({ n: count() }).from(outbox).where(eq(outbox.status, "delivered")).get()!.n;
  await receiver.close();
  db.$client.close();

  return [
    {
      name: "placeOrder with the outbox",
      metric: "orders/s",
      value: round(mean(on)),
      baseline: { name: "placeOrder, outbox off", value: round(mean(off)) },
      ratio: round(mean(on) / mean(off), 3),
      note: `${ROUNDS} alternating rounds of ${ORDERS_PER_ROUND} orders per arm; ${round(rowsPerOrder, 2)} outbox rows per order (1 message + order.placed to 2 endpoints); need ≥ 0.9`,
    },
    {
      name: `deliver ${round(EVENTS * perEvent, 0)} queued webhook events`,
      metric: "events/s",
      value: round(delivered / seconds),
      note: `${delivered} delivered in ${round(seconds, 2)} s to a local receiver verifying each signature (standardwebhooks); ${receiver.ids.size} distinct webhook-ids, ${receiver.rejected()} rejected, ${run.failed} failed`,
    },
  ] satisfies BenchRow[];
};

export default outboxBench;

/**
 * A write on the server's main thread while the order placement thread takes a burst of orders
 * (lib/orders/placement-thread.ts, db/write-gate.ts). In-process: the thread is started from
 * its TypeScript entry; 50 orders are kept in flight while this thread writes every 20 ms (one
 * statement, as when a message is marked sent). Three arms in the same run:
 * - idle: the same writes with no orders (the baseline);
 * - burst, gate off: this thread's writes not announced, as before the write gate;
 * - burst: announced, as the server runs.
 * Prints each arm's write latency (p50/p95/max) and the event loop's delay (p99/max), with the
 * burst arms' p95 as a multiple of the idle one.
 *
 * `npx tsx --import ./scripts/node/server-only.mjs scripts/bench/write-contention.ts`
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";

const ORDERS = Number(process.env.BENCH_CONTENTION_ORDERS) || 600;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dangol-contention-"));
process.env.DATABASE_PATH = path.join(dir, "bench.db");
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
// The thread is the only thing running: keep the process alive while it works.
const keepAlive = setInterval(() => {}, 1000);

const { getDb } = await import("@/db/client");
const { runMigrations } = await import("@/db/migrate");
const { shopSettings } = await import("@/db/schema");
const { seedDemo } = await import("@/db/seed-demo");
const { createShop } = await import("@/lib/setup/create-shop");
const { orderInput } = await import("@/lib/orders/input");
const { sendToThread, startPlacementThread, stopPlacementThread } = await import("@/lib/orders/placement-thread");
const { slotLabel } = await import("@/lib/pickup/schedule");
const { prepareOrderRun } = await import("./orders");
const { tsWorker } = await import("../node/ts-worker");

const db = getDb();
runMigrations(db);
createShop({ db, input: { shopName: "단골 베이커리 (벤치)", email: "bench@dangol.local", password: "bench-password-1" } });
seedDemo({ db });
db.update(shopSettings).set({ opensDaysBefore: 14, cutoffMode: "hours_before_slot", cutoffHoursBefore: 0, closedWeekdays: [] }).run();
const thread = startPlacementThread({ spawn: tsWorker });
const run = prepareOrderRun({ db, now: Date.now(), units: 3 * ORDERS + 10, slotCapacity: 1_000_000 });
const input = (i: number) =>
  orderInput.parse({
    pickup_date: run.date,
    slot: slotLabel(run.openSlots[i % run.openSlots.length]),
    customer: { name: `벤치 손님 ${i}`, phone: `0108${String(i).padStart(7, "0")}` },
    consent: { privacy: true },
    items: [{ product_id: run.productId, quantity: 1 }],
  });
// Loaded and warm before the first arm.
for (let i = 0; i < 50; i++) await sendToThread(thread, { input: input(900_000 + i), channel: "web" });

const GATE = Symbol.for("dangol.write-gate");
const gate = (globalThis as { [GATE]?: Int32Array })[GATE];
const write = db.$client.prepare("UPDATE shop_settings SET timezone = timezone");

type Arm = { name: string; orders: number; announced: boolean };
let next = 0;
async function measure({ name, orders, announced }: Arm) {
  const g = globalThis as { [GATE]?: Int32Array };
  if (announced) g[GATE] = gate;
  else delete g[GATE];
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const writes: number[] = [];
  let done = orders === 0;
  const writer = (async () => {
    const until = Date.now() + 3000;
    while (!done || (orders === 0 && Date.now() < until)) {
      await new Promise((r) => setTimeout(r, 20));
      const t = performance.now();
      write.run();
      writes.push(performance.now() - t);
      if (orders === 0 && Date.now() >= until) break;
    }
  })();
  delay.enable();
  const t0 = performance.now();
  let sent = 0;
  const lane = async () => {
    while (sent < orders) {
      sent++;
      await sendToThread(thread, { input: input(next++), channel: "web" });
    }
  };
  await Promise.all(Array.from({ length: orders ? 50 : 0 }, lane));
  const seconds = (performance.now() - t0) / 1000;
  done = true;
  await writer;
  delay.disable();
  g[GATE] = gate;
  writes.sort((a, b) => a - b);
  const at = (q: number) => writes[Math.min(writes.length - 1, Math.floor(q * writes.length))];
  return {
    name,
    writes: writes.length,
    p50: at(0.5),
    p95: at(0.95),
    max: writes.at(-1)!,
    loopP99: delay.percentile(99) / 1e6,
    loopMax: delay.max / 1e6,
    ordersPerSecond: orders / seconds,
  };
}

const idle = await measure({ name: "idle (no orders)", orders: 0, announced: true });
const rows = [
  idle,
  await measure({ name: "burst, gate off", orders: ORDERS, announced: false }),
  await measure({ name: "burst, gate on", orders: ORDERS, announced: true }),
];
const ms = (v: number) => v.toFixed(1).padStart(7);
console.log(`\n${"arm".padEnd(18)} writes  p50 ms  p95 ms  max ms  loop p99  loop max  orders/s  p95 ÷ idle`);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(18)} ${String(r.writes).padStart(6)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.max)} ${ms(r.loopP99)}   ${ms(r.loopMax)}   ${r.ordersPerSecond ? r.ordersPerSecond.toFixed(0).padStart(7) : "      -"}  ×${(r.p95 / idle.p95).toFixed(1)}`,
  );
}
await stopPlacementThread();
clearInterval(keepAlive);

/**
 * Storefront throughput and the no-oversell invariant under load.
 *
 * 1. `GET /` (the storefront page, server-rendered from the database) at concurrency 20,
 *    against `GET /api/v1/health` of the same server in the same run as the baseline —
 *    measured before and after the page, averaged, so a machine that slows down mid-run
 *    does not flatter either side.
 * 2. `POST /api/v1/storefront/orders` at concurrency 50: more attempts than there are units
 *    of one product on one date, then the database is checked — orders ≤ planned,
 *    available ≥ 0, no slot over capacity. Its baseline is health at the same concurrency,
 *    measured right before and right after (averaged, as for the page): at c=50 every request
 *    waits behind 49 others, whatever it does, and a machine whose load changes during the run
 *    moves both sides alike.
 */
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { products } from "@/db/schema";
import { stockForDate } from "@/lib/inventory/availability";
import { slotBookings } from "@/lib/orders/place-order";
import { slotLabel, slotsForDate } from "@/lib/pickup/schedule";
import { loadSchedule } from "@/lib/shop/settings";
import { assertLoopback, round, runLoad, type LoadResult } from "./load";
import { ordersOnDate, placeOrder, prepareOrderRun, runOrders } from "./orders";
import type { BenchModule, BenchRow } from "./types";

const PAGE_CONCURRENCY = 20;
const ORDER_CONCURRENCY = 50;
const UNITS = 100;
const ATTEMPTS = 300;
const SLOT_CAPACITY = 20;
const seconds = Number(process.env.BENCH_SECONDS) > 0 ? Number(process.env.BENCH_SECONDS) : 8;

function statusNote(r: LoadResult): string {
  return Object.entries(r.statuses)
    .map(([status, n]) => `${status === "0" ? "network error" : status}: ${n}`)
    .join(", ");
}

function pageRows(
  name: string,
  page: LoadResult,
  base: { name: string; perSecond: number; p50: number; p95: number },
  note: string,
): BenchRow[] {
  return [
    {
      name,
      metric: "requests/s",
      value: round(page.perSecond),
      baseline: { name: base.name, value: round(base.perSecond) },
      ratio: round(page.perSecond / base.perSecond, 3),
      note,
    },
    {
      name,
      metric: "p50 ms",
      value: round(page.p50),
      baseline: { name: base.name, value: round(base.p50) },
      ratio: round(page.p50 / base.p50, 2),
    },
    {
      name,
      metric: "p95 ms",
      value: round(page.p95),
      baseline: { name: base.name, value: round(base.p95) },
      ratio: round(page.p95 / base.p95, 2),
    },
  ];
}

const storefront: BenchModule = async ({ baseUrl, dbPath }) => {
  assertLoopback(baseUrl);
  const get = (path: string) => () => fetch(baseUrl + path, { headers: { "accept-language": "ko" } });
  const durationMs = seconds * 1000;

  // Warm up both routes (first render compiles caches, opens the connection).
  await runLoad({ concurrency: 4, count: 40, send: get("/") });
  await runLoad({ concurrency: 4, count: 40, send: get("/api/v1/health") });

  const healthBefore = await runLoad({ concurrency: PAGE_CONCURRENCY, durationMs, send: get("/api/v1/health") });
  const page = await runLoad({ concurrency: PAGE_CONCURRENCY, durationMs, send: get("/") });
  const healthAfter = await runLoad({ concurrency: PAGE_CONCURRENCY, durationMs, send: get("/api/v1/health") });
  const health = {
    name: "GET /api/v1/health",
    perSecond: (healthBefore.perSecond + healthAfter.perSecond) / 2,
    p50: (healthBefore.p50 + healthAfter.p50) / 2,
    p95: (healthBefore.p95 + healthAfter.p95) / 2,
  };
  const rows: BenchRow[] = [
    {
      name: health.name,
      metric: "requests/s",
      value: round(health.perSecond),
      note: `c=${PAGE_CONCURRENCY}, ${seconds}s before and after the page: ${round(healthBefore.perSecond)} / ${round(healthAfter.perSecond)} req/s`,
    },
    { name: health.name, metric: "p50 ms", value: round(health.p50) },
    { name: health.name, metric: "p95 ms", value: round(health.p95) },
    ...pageRows(
      `GET / (storefront, c=${PAGE_CONCURRENCY})`,
      page,
      health,
      `${page.requests} requests in ${round(page.seconds)}s — ${statusNote(page)}`,
    ),
  ];

  // ---- order placement on one product with a known plan
  const db = openDatabase(dbPath);
  try {
    const now = Date.now();
    // Exactly UNITS left of the product on the first open date, roomier slots so stock, not
    // slots, is what runs out.
    const run = prepareOrderRun({ db, now, units: UNITS, slotCapacity: SLOT_CAPACITY });
    const { date, productId, ordersBefore } = run;

    const healthBeforeOrders = await runLoad({ concurrency: ORDER_CONCURRENCY, count: ATTEMPTS * 2, send: get("/api/v1/health") });
    const runId = Date.now().toString(36);
    const placed = await runLoad({
      concurrency: ORDER_CONCURRENCY,
      count: ATTEMPTS,
      send: (i) => placeOrder({ baseUrl, run, index: i, keyPrefix: `bench-${runId}`, customerName: "벤치 손님", phonePrefix: "0109" }),
    });
    const healthAfterOrders = await runLoad({ concurrency: ORDER_CONCURRENCY, count: ATTEMPTS * 2, send: get("/api/v1/health") });
    const orderBase = {
      name: `GET /api/v1/health (c=${ORDER_CONCURRENCY})`,
      perSecond: (healthBeforeOrders.perSecond + healthAfterOrders.perSecond) / 2,
      p50: (healthBeforeOrders.p50 + healthAfterOrders.p50) / 2,
      p95: (healthBeforeOrders.p95 + healthAfterOrders.p95) / 2,
    };

    const after = stockForDate({ db, date, productIds: [productId] }).get(productId)!;
    const rawAvailable = after.planned - after.reserved - after.sold;
    const bookings = slotBookings({ db, pickupDate: date });
    const overfull = slotsForDate(date, loadSchedule({ db }).slots).filter((s) => (bookings.get(s.startTime) ?? 0) > s.capacity);
    const ordersAfter = ordersOnDate({ db, date });
    const benchOrders = runOrders({ db, run, keyPrefix: `bench-${runId}` });
    const created = placed.statuses[201] ?? 0;
    const holds =
      after.reserved + after.sold <= after.planned &&
      rawAvailable >= 0 &&
      overfull.length === 0 &&
      created === benchOrders &&
      ordersAfter - ordersBefore === created;
    const productName = db.select({ name: products.name }).from(products).where(eq(products.id, productId)).get()!.name;

    rows.push(
      {
        name: `POST /api/v1/storefront/orders (c=${ORDER_CONCURRENCY})`,
        metric: "requests/s",
        value: round(placed.perSecond),
        baseline: { name: orderBase.name, value: round(orderBase.perSecond) },
        ratio: round(placed.perSecond / orderBase.perSecond, 3),
        note:
          `${ATTEMPTS} attempts for ${UNITS} × ${productName} on ${date}: ${statusNote(placed)}; ` +
          `health ${ATTEMPTS * 2} requests before and after: ${round(healthBeforeOrders.perSecond)} / ${round(healthAfterOrders.perSecond)} req/s`,
      },
      {
        name: `POST /api/v1/storefront/orders (c=${ORDER_CONCURRENCY})`,
        metric: "p50 ms",
        value: round(placed.p50),
        baseline: { name: orderBase.name, value: round(orderBase.p50) },
        ratio: round(placed.p50 / orderBase.p50, 2),
      },
      {
        name: `POST /api/v1/storefront/orders (c=${ORDER_CONCURRENCY})`,
        metric: "p95 ms",
        value: round(placed.p95),
        baseline: { name: orderBase.name, value: round(orderBase.p95) },
        ratio: round(placed.p95 / orderBase.p95, 2),
      },
      {
        name: "no-oversell invariant",
        metric: "holds (1 = yes)",
        value: holds ? 1 : 0,
        note:
          `planned ${after.planned}, reserved ${after.reserved}, sold ${after.sold}, available ${rawAvailable}; ` +
          `201 responses ${created} = new orders ${benchOrders}; slots over capacity: ${overfull.length ? overfull.map((s) => slotLabel(s)).join(", ") : "none"} ` +
          `(max ${Math.max(0, ...bookings.values())}/${SLOT_CAPACITY})`,
      },
    );
  } finally {
    db.$client.close();
  }
  return rows;
};

export default storefront;

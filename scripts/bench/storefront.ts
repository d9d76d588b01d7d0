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
 *    measured right before: at c=50 every request waits behind 49 others, whatever it does.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { dailyPlans, orderItems, orders, pickupSlots, products } from "@/db/schema";
import { stockForDate } from "@/lib/inventory/availability";
import { slotBookings } from "@/lib/orders/place-order";
import { dateState, slotCutoffAt, slotLabel, slotsForDate } from "@/lib/pickup/schedule";
import { listProductsWithOptions } from "@/lib/products/catalogue";
import { loadSchedule } from "@/lib/shop/settings";
import { addDays, localDate, weekdayOf } from "@/lib/shop/time";
import { assertLoopback, round, runLoad, type LoadResult } from "./load";
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
    const { settings, slots, closedDates } = loadSchedule({ db });
    const today = localDate(now, settings.timezone);
    let date: string | undefined;
    for (let offset = 1; offset <= settings.daysAhead && !date; offset++) {
      const candidate = addDays(today, offset);
      if (dateState(candidate, now, settings, slots, closedDates) === "open") date = candidate;
    }
    if (!date) throw new Error("주문을 받는 날짜가 없어요 (bench 준비에서 주문 열기를 확인하세요).");
    const openSlots = slotsForDate(date, slots).filter((s) => now < slotCutoffAt(date, s, settings));
    const product = listProductsWithOptions({ db, activeOnly: true }).find((p) => p.optionGroups.every((g) => !g.required));
    if (!product) throw new Error("옵션이 필요 없는 상품이 없어요.");

    // Exactly UNITS left of the product, roomier slots so stock, not slots, is what runs out.
    const before = stockForDate({ db, date, productIds: [product.id] }).get(product.id)!;
    const planned = before.reserved + before.sold + UNITS;
    db.insert(dailyPlans)
      .values({ date, productId: product.id, planned })
      .onConflictDoUpdate({ target: [dailyPlans.date, dailyPlans.productId], set: { planned } })
      .run();
    db.update(pickupSlots)
      .set({ capacity: SLOT_CAPACITY })
      .where(eq(pickupSlots.weekday, weekdayOf(date)))
      .run();
    const ordersBefore = db
      .select({ n: sql<number>`count(*)` })
      .from(orders)
      .where(eq(orders.pickupDate, date))
      .get()!.n;

    const healthAtOrders = await runLoad({ concurrency: ORDER_CONCURRENCY, count: ATTEMPTS * 4, send: get("/api/v1/health") });
    const orderBase = { name: `GET /api/v1/health (c=${ORDER_CONCURRENCY})`, ...healthAtOrders };
    const runId = Date.now().toString(36);
    const placed = await runLoad({
      concurrency: ORDER_CONCURRENCY,
      count: ATTEMPTS,
      send: (i) =>
        fetch(`${baseUrl}/api/v1/storefront/orders`, {
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": `bench-${runId}-${i}` },
          body: JSON.stringify({
            pickup_date: date,
            slot: slotLabel(openSlots[i % openSlots.length]),
            customer: { name: `벤치 손님 ${i}`, phone: `0109${String(i).padStart(7, "0")}` },
            consent: { privacy: true, marketing: false },
            items: [{ product_id: product.id, quantity: 1 }],
          }),
        }),
    });

    const after = stockForDate({ db, date, productIds: [product.id] }).get(product.id)!;
    const rawAvailable = after.planned - after.reserved - after.sold;
    const bookings = slotBookings({ db, pickupDate: date });
    const overfull = slotsForDate(date, loadSchedule({ db }).slots).filter((s) => (bookings.get(s.startTime) ?? 0) > s.capacity);
    const ordersAfter = db
      .select({ n: sql<number>`count(*)` })
      .from(orders)
      .where(eq(orders.pickupDate, date))
      .get()!.n;
    const benchOrders = db
      .select({ n: sql<number>`count(distinct ${orders.id})` })
      .from(orders)
      .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
      .where(
        and(
          eq(orders.pickupDate, date),
          eq(orderItems.productId, product.id),
          ne(orders.status, "cancelled"),
          sql`${orders.idempotencyKey} like ${`bench-${runId}-%`}`,
        ),
      )
      .get()!.n;
    const created = placed.statuses[201] ?? 0;
    const holds =
      after.reserved + after.sold <= after.planned &&
      rawAvailable >= 0 &&
      overfull.length === 0 &&
      created === benchOrders &&
      ordersAfter - ordersBefore === created;
    const productName = db.select({ name: products.name }).from(products).where(eq(products.id, product.id)).get()!.name;

    rows.push(
      {
        name: `POST /api/v1/storefront/orders (c=${ORDER_CONCURRENCY})`,
        metric: "requests/s",
        value: round(placed.perSecond),
        baseline: { name: orderBase.name, value: round(orderBase.perSecond) },
        ratio: round(placed.perSecond / orderBase.perSecond, 3),
        note: `${ATTEMPTS} attempts for ${UNITS} × ${productName} on ${date}: ${statusNote(placed)}`,
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

/**
 * The drop: the evening the list opens. 500 customers open the storefront within a few
 * seconds (open loop: each arrives at a random moment of the arrival window, whatever the
 * server's speed) and 300 of them, right after their page, order one of the last 150 loaves.
 *
 * Reports page p50/p95, order p50/p95, the count of 5xx and network errors (must be 0), the
 * oversell (must be 0: 201s = new orders ≤ 150, available ≥ 0) and the time from the last
 * loaf's 201 until a fresh `GET /?date=…` shows the product "품절". The baseline is
 * `GET /api/v1/health` of the same server at concurrency 20, measured just before.
 */
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { products } from "@/db/schema";
import { stockForDate } from "@/lib/inventory/availability";
import { assertLoopback, percentile, round, runLoad } from "./load";
import { ordersOnDate, placeOrder, prepareOrderRun, runOrders } from "./orders";
import type { BenchModule, BenchRow } from "./types";

const CUSTOMERS = Number(process.env.BENCH_DROP_CUSTOMERS) || 500;
const BUYERS = Math.min(CUSTOMERS, Number(process.env.BENCH_DROP_BUYERS) || 300);
const LOAVES = Number(process.env.BENCH_DROP_LOAVES) || 150;
const ARRIVAL_MS = Number(process.env.BENCH_DROP_ARRIVAL_MS) || 3000;
const SOLD_OUT_TIMEOUT_MS = 10_000;

type Timed = { ms: number; status: number; end: number };

async function timed(send: () => Promise<Response>, check?: (body: string) => void): Promise<Timed> {
  const t0 = performance.now();
  let status = 0;
  try {
    const res = await send();
    const body = await res.text();
    status = res.status;
    check?.(body);
  } catch {
    status = 0;
  }
  const end = performance.now();
  return { ms: end - t0, status, end };
}

function stats(xs: Timed[]) {
  const sorted = xs.map((x) => x.ms).sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

const drop: BenchModule = async ({ baseUrl, dbPath }) => {
  assertLoopback(baseUrl);
  const headers = { "accept-language": "ko" };
  const db = openDatabase(dbPath);
  try {
    const now = Date.now();
    // Exactly LOAVES left on the latest open date (the storefront module works on the first);
    // slots roomy enough that the loaves, not the slots, run out.
    const run = prepareOrderRun({ db, now, latest: true, units: LOAVES, slotCapacity: BUYERS });
    const { date, productId, ordersBefore } = run;
    const productName = db.select({ name: products.name }).from(products).where(eq(products.id, productId)).get()!.name;
    const pagePath = `/?date=${date}`;
    const soldOutMark = `aria-label="${productName} 품절"`;

    // Baseline: health at c=20, just before the drop (the plan write above also wrote no cache).
    await runLoad({ concurrency: 4, count: 20, send: () => fetch(`${baseUrl}/api/v1/health`) });
    const health = await runLoad({ concurrency: 20, durationMs: 4000, send: () => fetch(`${baseUrl}/api/v1/health`) });

    const runId = Date.now().toString(36);
    const pages: Timed[] = [];
    const placed: Timed[] = [];
    let lastLoafAt = 0;
    let shownBeforeOrder = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CUSTOMERS }, async (_, i) => {
        await new Promise((r) => setTimeout(r, Math.random() * ARRIVAL_MS));
        const page = await timed(
          () => fetch(baseUrl + pagePath, { headers }),
          (body) => {
            if (body.includes(productName)) shownBeforeOrder++;
          },
        );
        pages.push(page);
        if (i >= BUYERS) return;
        const order = await timed(() =>
          placeOrder({ baseUrl, run, index: i, keyPrefix: `drop-${runId}`, customerName: "드롭 손님", phonePrefix: "0108", headers }),
        );
        placed.push(order);
        if (order.status === 201) lastLoafAt = Math.max(lastLoafAt, order.end);
      }),
    );
    const dropSeconds = (performance.now() - started) / 1000;

    // How long after the last loaf the storefront says "품절" (fresh requests, 50 ms apart).
    let soldOutShownAfter = -1;
    const created = placed.filter((p) => p.status === 201).length;
    if (created > 0) {
      const pollEnd = performance.now() + SOLD_OUT_TIMEOUT_MS;
      while (performance.now() < pollEnd) {
        const body = await fetch(baseUrl + pagePath, { headers }).then((r) => r.text());
        if (body.includes(soldOutMark)) {
          soldOutShownAfter = Math.max(0, performance.now() - lastLoafAt);
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    const after = stockForDate({ db, date, productIds: [productId] }).get(productId)!;
    const rawAvailable = after.planned - after.reserved - after.sold;
    const ordersAfter = ordersOnDate({ db, date });
    const dropOrders = runOrders({ db, run, keyPrefix: `drop-${runId}` });
    const oversell = Math.max(0, dropOrders - LOAVES, -rawAvailable, created - dropOrders, ordersAfter - ordersBefore - created);
    const all = [...pages, ...placed];
    const errors = all.filter((x) => x.status >= 500 || x.status === 0).length;
    const statusCount = (xs: Timed[]) =>
      Object.entries(xs.reduce<Record<number, number>>((m, x) => ({ ...m, [x.status]: (m[x.status] ?? 0) + 1 }), {}))
        .map(([s, n]) => `${s === "0" ? "network error" : s}: ${n}`)
        .join(", ");
    const page = stats(pages);
    const order = stats(placed);
    const base = { name: "GET /api/v1/health (c=20)", p50: health.p50, p95: health.p95 };
    const vs = (value: number, b: number) => ({
      value: round(value),
      baseline: { name: base.name, value: round(b) },
      ratio: round(value / b, 2),
    });

    const rows: BenchRow[] = [
      {
        name: "drop: GET / (storefront)",
        metric: "p50 ms",
        ...vs(page.p50, base.p50),
        note: `${CUSTOMERS} customers within ${ARRIVAL_MS / 1000}s, drop over in ${round(dropSeconds)}s — ${statusCount(pages)}; ${shownBeforeOrder} pages listed ${productName}`,
      },
      { name: "drop: GET / (storefront)", metric: "p95 ms", ...vs(page.p95, base.p95) },
      {
        name: "drop: POST /api/v1/storefront/orders",
        metric: "p50 ms",
        ...vs(order.p50, base.p50),
        note: `${BUYERS} buyers for the last ${LOAVES} × ${productName} on ${date} — ${statusCount(placed)}`,
      },
      { name: "drop: POST /api/v1/storefront/orders", metric: "p95 ms", ...vs(order.p95, base.p95) },
      { name: "drop: 5xx and network errors (must be 0)", metric: "count", value: errors },
      {
        name: "drop: oversell (must be 0)",
        metric: "loaves",
        value: oversell,
        note: `planned ${after.planned}, reserved ${after.reserved}, sold ${after.sold}, available ${rawAvailable}; 201 responses ${created} = new orders ${dropOrders}`,
      },
      {
        name: "drop: 품절 shown after the last loaf",
        metric: "ms",
        value: round(soldOutShownAfter),
        note: soldOutShownAfter < 0 ? `not shown within ${SOLD_OUT_TIMEOUT_MS / 1000}s` : "fresh GET until the product card says 품절",
      },
    ];
    if (errors > 0) throw new Error(`drop: ${errors} 5xx/network errors — ${rows.map((r) => `${r.name} ${r.value}`).join("; ")}`);
    if (oversell > 0) throw new Error(`drop: oversold ${oversell} — ${rows[5].note}`);
    if (soldOutShownAfter < 0 && created >= LOAVES)
      throw new Error(`drop: 품절 not shown within ${SOLD_OUT_TIMEOUT_MS / 1000}s of the last loaf`);
    return rows;
  } finally {
    db.$client.close();
  }
};

export default drop;

/**
 * Metrics at scale: a shop with 1,000,000 purchases-or-attempts over two years — 700,000
 * pre-orders and 300,000 counter sales — and 100,000 customers, generated in its own temp
 * database with INSERT … SELECT over recursive CTEs (one transaction). Times computeMetrics
 * for a one-year range against the floor of one plain full scan of the orders table
 * (`SELECT count(*), sum(total) FROM orders`) in the same run; the ratio is the figure.
 * The rows are written by plain INSERTs, so the customer purchase sequence the metrics read is
 * then rebuilt (`rebuild-metrics`, timed). The result must deep-equal the same metrics computed
 * from the orders and sales themselves (`scan: true`, timed once) — the bench fails otherwise.
 * The dashboard's own data work (`dashboardData`: this range, the one before, four charts) is
 * timed too.
 *
 * Run alone: `npx tsx scripts/bench/metrics-scale.ts` (ctx is not needed: the data is its own).
 * `BENCH_METRICS_CACHE=1` keeps the generated rows (and the instant they were generated for) in the
 * temp folder, keyed by the sizes, and starts later runs from a copy of them (the migrations
 * since are applied to the copy; the rebuild is timed every run).
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchModule, BenchRow } from "./types";

const ORDERS = Number(process.env.BENCH_METRICS_ORDERS) || 700_000;
const SALES = Number(process.env.BENCH_METRICS_SALES) || 300_000;
const CUSTOMERS = 100_000;
const DAY = 86_400_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function time<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const r = fn();
  return [performance.now() - t0, r];
}

/** The shop, its customers, orders and counter sales, by INSERT … SELECT over recursive CTEs in one transaction. */
function generate(c: import("better-sqlite3").Database, start: number, now: number): void {
  c.transaction(() => {
    c.prepare(`INSERT INTO shop_settings (id, name) VALUES (1, '벤치 빵집')`).run();
    c.prepare(
      `INSERT INTO customers (phone, name, token, created_at)
       WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${CUSTOMERS})
       SELECT '010' || printf('%08d', n), '고객' || n, 'tok' || n, @start FROM seq`,
    ).run({ start });
    // MATERIALIZED keeps each row's random draws fixed across the columns that use them.
    c.prepare(
      `INSERT INTO orders (token, code, channel, status, customer_id, pickup_date, slot_start, slot_end, subtotal, total,
                           points_earned, placed_at, arrived_at, picked_up_at, no_show_at, cancelled_at)
       WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${ORDERS}),
       base AS MATERIALIZED (
         SELECT n, @start + abs(random()) % (@span) AS t, abs(random()) % 100 AS r, 1 + abs(random()) % ${CUSTOMERS} AS cu,
                1000 + (abs(random()) % 40) * 500 AS total, abs(random()) % 300000 AS wait FROM seq)
       SELECT 'o' || n, 'C' || n, CASE WHEN n % 3 = 0 THEN 'phone' ELSE 'web' END,
              CASE WHEN r < 85 THEN 'picked_up' WHEN r < 90 THEN 'no_show' WHEN r < 97 THEN 'cancelled' ELSE 'placed' END,
              cu, date((t + 32400000) / 1000, 'unixepoch'), '10:00', '11:00', total, total,
              CASE WHEN r < 85 THEN CASE WHEN r = 0 THEN 1 ELSE total / 100 END ELSE 0 END,
              t - 86400000,
              CASE WHEN r < 80 THEN t - wait END, CASE WHEN r < 85 THEN t END,
              CASE WHEN r >= 85 AND r < 90 THEN t END, CASE WHEN r >= 90 AND r < 97 THEN t END
         FROM base`,
    ).run({ start, span: now - start });
    c.prepare(
      `INSERT INTO store_sales (occurred_at, sale_date, customer_id, total, points_earned, source, created_at)
       WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${SALES}),
       base AS MATERIALIZED (
         SELECT @start + abs(random()) % (@span) AS t, abs(random()) % 100 AS r, 1 + abs(random()) % ${CUSTOMERS} AS cu,
                1000 + (abs(random()) % 20) * 500 AS total FROM seq)
       SELECT t, date((t + 32400000) / 1000, 'unixepoch'), CASE WHEN r < 60 THEN cu END, total,
              CASE WHEN r < 60 THEN total / 100 ELSE 0 END, 'counter', t FROM base`,
    ).run({ start, span: now - start });
  })();
}

const metricsScale: BenchModule = async () => {
  const { openDatabase } = await import("@/db/client");
  const { runMigrations } = await import("@/db/migrate");
  const { computeMetrics, resolveRange } = await import("@/lib/metrics");
  const { dashboardData } = await import("@/lib/metrics/dashboard");
  const { rebuildPurchaseSequence } = await import("@/lib/purchases/sequence");
  const { addDays, localDate } = await import("@/lib/shop/time");

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dangol-metrics-bench-"));
  const file = path.join(dir, "metrics.db");
  const cache = process.env.BENCH_METRICS_CACHE ? path.join(os.tmpdir(), `dangol-metrics-bench-cache-${ORDERS}-${SALES}.db`) : null;
  const cached = cache && fs.existsSync(cache) && fs.existsSync(`${cache}.json`);
  if (cached) fs.copyFileSync(cache, file);
  const db = openDatabase(file);
  try {
    runMigrations(db);
    const now: number = cached ? JSON.parse(fs.readFileSync(`${cache}.json`, "utf8")).now : Date.now();
    const start = now - 730 * DAY;
    const c = db.$client;
    const [genMs] = time(() => (cached ? undefined : generate(c, start, now)));
    if (cache && !cached) {
      c.pragma("wal_checkpoint(TRUNCATE)");
      fs.copyFileSync(file, cache);
      fs.writeFileSync(`${cache}.json`, JSON.stringify({ now }));
    }

    const [rebuildMs, rebuilt] = time(() => rebuildPurchaseSequence({ db }));
    c.pragma("wal_checkpoint(TRUNCATE)");
    c.exec("ANALYZE");

    const today = localDate(now);
    const from = addDays(today, -364);
    const floorRuns: number[] = [];
    const metricRuns: number[] = [];
    let sample: ReturnType<typeof computeMetrics> | null = null;
    for (let i = 0; i < 3; i++) {
      floorRuns.push(time(() => c.prepare("SELECT count(*), sum(total) FROM orders").get())[0]);
      const [ms, m] = time(() => computeMetrics({ db, from, to: today, now }));
      metricRuns.push(ms);
      sample = m;
    }
    const floor = median(floorRuns);
    const metrics = median(metricRuns);
    const [scanMs, scanned] = time(() => computeMetrics({ db, from, to: today, now, scan: true }));
    const comparable = (m: ReturnType<typeof computeMetrics> | null) => ({ ...m, generated_at: null });
    assert.deepEqual(comparable(sample), comparable(scanned), "computeMetrics from the purchase sequence differs from the scan");
    const range = resolveRange({ from, to: today, now, timeZone: "Asia/Seoul" });
    const dashboardRuns: number[] = [];
    for (let i = 0; i < 3; i++) dashboardRuns.push(time(() => dashboardData({ db, range }))[0]);
    const dashboard = median(dashboardRuns);
    const baseline = { name: "SELECT count(*), sum(total) FROM orders (full scan)", value: Math.round(floor * 10) / 10 };
    const rows: BenchRow[] = [
      {
        name: "metrics-scale: computeMetrics, 1-year range",
        metric: "median ms (3 runs)",
        value: Math.round(metrics),
        baseline,
        ratio: Math.round((metrics / floor) * 10) / 10,
        note: `${ORDERS.toLocaleString()} orders + ${SALES.toLocaleString()} sales, ${CUSTOMERS.toLocaleString()} customers; ${cached ? "generated earlier (cached)" : `generated in ${(genMs / 1000).toFixed(1)} s`}; revisit_30 = ${sample?.revisit_rate_30.numerator}/${sample?.revisit_rate_30.denominator}; equal to the scan computation`,
      },
      {
        name: "metrics-scale: the same metrics from orders and sales (scan)",
        metric: "ms (1 run)",
        value: Math.round(scanMs),
        baseline,
        ratio: Math.round((scanMs / floor) * 10) / 10,
        note: "the reference the fast path is asserted equal to",
      },
      {
        name: "metrics-scale: dashboard data (dashboardData), 1-year range",
        metric: "median ms (3 runs)",
        value: Math.round(dashboard),
        baseline,
        ratio: Math.round((dashboard / floor) * 10) / 10,
        note: "this range and the one before, revisit trend, lead times, outcomes, revenue",
      },
      {
        name: "metrics-scale: rebuild-metrics (purchase sequence)",
        metric: "ms (1 run)",
        value: Math.round(rebuildMs),
        baseline,
        ratio: Math.round((rebuildMs / floor) * 10) / 10,
        note: `${rebuilt.rows.toLocaleString()} identified purchases`,
      },
    ];
    return rows;
  } finally {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

export default metricsScale;

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const rows = await metricsScale({ baseUrl: "", dbPath: "", apiKey: "" });
  console.table(rows.map((r) => ({ name: r.name, value: r.value, baseline: r.baseline?.value, ratio: r.ratio, note: r.note })));
}

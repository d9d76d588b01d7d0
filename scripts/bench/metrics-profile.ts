/**
 * Per-pass profile of `computeMetrics` and `dashboardData` on the metrics-scale bench's database
 * (`BENCH_METRICS_CACHE=1` must have kept it). The copy is migrated, rebuilt once and kept at
 * `METRICS_PROFILE_DB` (default: the temp folder); `METRICS_PROFILE_REBUILD=1` rebuilds it again.
 * Prints the median of 3 per pass, in ms and as a multiple of the full scan of orders, and the median cost of
 * one purchase write's refresh of the derived data (in a rolled-back transaction).
 *
 * `npx tsx --import ./scripts/node/server-only.mjs scripts/bench/metrics-profile.ts`
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ORDERS = Number(process.env.BENCH_METRICS_ORDERS) || 700_000;
const SALES = Number(process.env.BENCH_METRICS_SALES) || 300_000;
const cache = path.join(os.tmpdir(), `dangol-metrics-bench-cache-${ORDERS}-${SALES}.db`);
const file = process.env.METRICS_PROFILE_DB ?? path.join(os.tmpdir(), `dangol-metrics-profile-${ORDERS}-${SALES}.db`);

const { openDatabase } = await import("@/db/client");
const { runMigrations } = await import("@/db/migrate");
const { rebuildPurchaseSequence } = await import("@/lib/purchases/sequence");
const { resolveRange, computeMetricsForRange } = await import("@/lib/metrics");
const { dashboardData } = await import("@/lib/metrics/dashboard");
const m = await import("@/lib/metrics/metrics");
const { anchorSums } = await import("@/lib/metrics/anchors");
const { sequencePass, currentRate } = await import("@/lib/metrics/loyalty");
const { purchaseTotals } = await import("@/lib/metrics/totals");
const { couponRedemption } = await import("@/lib/metrics/loyalty-sales");
const { storeIdentificationRate } = await import("@/lib/metrics/loyalty");
const { previousRange } = await import("@/lib/metrics/range");
const { addDays, localDate } = await import("@/lib/shop/time");

const fresh = !fs.existsSync(file);
if (fresh) fs.copyFileSync(cache, file);
const db = openDatabase(file);
runMigrations(db);
const c = db.$client;
if (fresh || process.env.METRICS_PROFILE_REBUILD) {
  const t0 = performance.now();
  rebuildPurchaseSequence({ db });
  console.log(`rebuild ${Math.round(performance.now() - t0)} ms`);
  c.pragma("wal_checkpoint(TRUNCATE)");
  c.exec("ANALYZE");
}
const now: number = JSON.parse(fs.readFileSync(`${cache}.json`, "utf8")).now;
const today = localDate(now);
const range = resolveRange({ from: addDays(today, -364), to: today, now, timeZone: "Asia/Seoul" });
const prev = previousRange(range);

function med(fn: () => unknown): number {
  const xs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  return xs.sort((a, b) => a - b)[1];
}
const floor = med(() => c.prepare("SELECT count(*), sum(total) FROM orders").get());
const lead = m.leadTimes(db, range);
const rows: [string, number][] = [
  ["scan floor", floor],
  ["computeMetricsForRange", med(() => computeMetricsForRange({ db, range }))],
  ["  anchorSums", med(() => anchorSums({ db, range }))],
  ["  sequencePass", med(() => sequencePass({ db, range, rateBp: currentRate(db) }))],
  ["  leadTimes (read)", med(() => m.leadTimes(db, range))],
  ["  pickupLeadTime (stats)", med(() => m.pickupLeadTime({ db, range, lead }))],
  ["  outcomeDays", med(() => m.outcomeDays({ db, range }))],
  ["  purchaseTotals", med(() => purchaseTotals({ db, range }))],
  ["  repurchaseCycle", med(() => m.repurchaseCycle({ db, range }))],
  ["  stockAccuracy", med(() => m.stockAccuracy({ db, range }))],
  ["  csResponseTime", med(() => m.csResponseTime({ db, range }))],
  ["  consultToVisit", med(() => m.consultToVisit({ db, range }))],
  ["  couponRedemption", med(() => couponRedemption({ db, range }))],
  ["  storeIdentificationRate", med(() => storeIdentificationRate({ db, range }))],
  ["dashboardData", med(() => dashboardData({ db, range }))],
  ["  previous computeMetricsForRange", med(() => computeMetricsForRange({ db, range: prev }))],
  ["  revisitTrend", med(() => m.revisitTrend({ db, range }))],
  ["  leadTimeDistribution", med(() => m.leadTimeDistribution({ db, range, lead }))],
  ["  revenueTrend", med(() => m.revenueTrend({ db, range }))],
];
// The cost a purchase write pays for the derived data: refreshing one purchase (a counter sale of an identified
// customer, a picked-up order) inside a transaction that is then rolled back, 200 of each.
const { refreshPurchaseSequence } = await import("@/lib/purchases/sequence");
const writeCost = (kind: "saleIds" | "orderIds", ids: number[]) => {
  const xs: number[] = [];
  for (const id of ids) {
    c.exec("BEGIN IMMEDIATE");
    const t0 = performance.now();
    refreshPurchaseSequence(db, { [kind]: [id] });
    xs.push(performance.now() - t0);
    c.exec("ROLLBACK");
  }
  return xs.sort((a, b) => a - b)[xs.length >> 1];
};
const pick = (q: string) => c.prepare(q).pluck().all() as number[];
rows.push([
  "per write: refresh one identified sale",
  writeCost("saleIds", pick("SELECT id FROM store_sales WHERE customer_id IS NOT NULL AND id % 997 = 0 LIMIT 200")),
]);
rows.push([
  "per write: refresh one picked-up order",
  writeCost("orderIds", pick("SELECT id FROM orders WHERE status = 'picked_up' AND id % 997 = 0 LIMIT 200")),
]);
console.table(rows.map(([name, ms]) => ({ name, ms: Math.round(ms * 10) / 10, x_scan: Math.round((ms / floor) * 100) / 100 })));
c.close();

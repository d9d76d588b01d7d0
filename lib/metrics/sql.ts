/**
 * Shared SQL pieces for the metrics. Every query is bounded by an indexed time or date column
 * (orders.picked_up_at, orders.pickup_date, store_sales.occurred_at, …) and aggregates in
 * SQLite; only counts and a few order statistics come back to JS.
 */
import type { Db } from "@/db/client";
import { MAX_FOLLOW_UP_DAYS, startOfDate, type MetricRange } from "./range";
import { addDays } from "@/lib/shop/time";

export type Params = Record<string, string | number | null>;

/** Purchases (picked-up pre-orders + counter sales) with time in [@s, @e): c, at, total, pts, ch. */
export function purchasesSql({
  identifiedOnly,
  from = "@s",
  to = "@e",
}: {
  identifiedOnly: boolean;
  from?: string | null;
  to?: string;
}): string {
  const who = identifiedOnly ? "AND customer_id IS NOT NULL" : "";
  const lower = (col: string) => (from ? `${col} >= ${from} AND` : "");
  return `SELECT customer_id AS c, picked_up_at AS at, total, points_earned AS pts, channel AS ch
            FROM orders WHERE ${lower("picked_up_at")} picked_up_at < ${to} AND status = 'picked_up' ${who}
          UNION ALL
          SELECT customer_id, occurred_at, total, points_earned, 'store'
            FROM store_sales WHERE ${lower("occurred_at")} occurred_at < ${to} ${who}`;
}

/** A shop-local date as a day number (days since 1970-01-01), as `customer_purchases.day` counts. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * The common named parameters: @s/@e instants, @from/@to/@today dates, @off the zone offset,
 * @fe the follow-up end, and @fd/@td/@tday the from, to and today dates as day numbers.
 */
export function baseParams(range: MetricRange): Params {
  return {
    s: range.startMs,
    e: range.endMs,
    fe: startOfDate(range, addDays(range.to, MAX_FOLLOW_UP_DAYS + 1)),
    from: range.from,
    to: range.to,
    today: range.today,
    off: range.offsetMs,
    fd: dayNumber(range.from),
    td: dayNumber(range.to),
    tday: dayNumber(range.today),
  };
}

/** Local date of an epoch-ms expression, with @off the zone offset. */
export const localDay = (col: string) => `date((${col} + @off) / 1000, 'unixepoch')`;

/** better-sqlite3 binds JS numbers as REAL; integer arithmetic on a parameter needs this cast. */
export const int = (param: string) => `CAST(${param} AS INTEGER)`;

export function all<T>(db: Db, sqlText: string, params: Params): T[] {
  return db.$client.prepare(sqlText).all(params) as T[];
}
export function one<T>(db: Db, sqlText: string, params: Params): T {
  return db.$client.prepare(sqlText).get(params) as T;
}

export type OrderStats = { count: number; median: number | null; p90: number | null };

/**
 * Median (mean of the two middle values for an even count) and nearest-rank p90 (the
 * ceil(0.9·n)-th smallest value) of a one-column query `valuesSql` whose column is `v`.
 * Ranks are picked in SQL, so only up to three rows come back.
 */
export function orderStats(db: Db, valuesSql: string, params: Params): OrderStats {
  const rows = all<{ v: number; rn: number; n: number }>(
    db,
    `WITH vals AS (${valuesSql}),
          ranked AS (SELECT v, row_number() OVER (ORDER BY v) AS rn, count(*) OVER () AS n FROM vals)
     SELECT v, rn, n FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2, (9 * n + 9) / 10)`,
    params,
  );
  if (!rows.length) return { count: 0, median: null, p90: null };
  const n = rows[0].n;
  const at = (rank: number) => rows.find((r) => r.rn === rank)!.v;
  const median = (at(Math.floor((n + 1) / 2)) + at(Math.floor((n + 2) / 2))) / 2;
  return { count: n, median, p90: at(Math.floor((9 * n + 9) / 10)) };
}

/** The same statistics as `orderStats` from a histogram: each value `v` with its count `n` (in any order). */
export function histogramStats(histogram: { v: number; n: number }[]): OrderStats {
  const rows = [...histogram].sort((a, b) => a.v - b.v);
  const count = rows.reduce((s, r) => s + r.n, 0);
  if (!count) return { count: 0, median: null, p90: null };
  // The value at 1-based rank k.
  const at = (k: number) => {
    let seen = 0;
    for (const r of rows) {
      seen += r.n;
      if (seen >= k) return r.v;
    }
    return rows[rows.length - 1].v;
  };
  const median = (at(Math.floor((count + 1) / 2)) + at(Math.floor((count + 2) / 2))) / 2;
  return { count, median, p90: at(Math.floor((9 * count + 9) / 10)) };
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

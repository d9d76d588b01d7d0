/**
 * Rollups of the purchase sequence and the lead times (lib/purchases/sequence.ts), each a GROUP BY
 * of those tables kept as counts, so a range's metrics read a few rows per day instead of every
 * purchase:
 *
 * - `purchase_rate_days`: identified purchases per day, applied rate (−1: no credit), total and
 *   points (points consistency, the points rate history, the identified revenue);
 * - `revisit_week_days`: per day, the customers' first purchase days of their week and how many
 *   were followed within 30 / 60 days (the weekly revisit trend);
 * - `repurchase_gap_days`: per day and gap, the customers' days with an earlier purchase day
 *   (the repurchase cycle);
 * - `pickup_lead_days`: lead times per day and 10-second bucket (the lead-time metric and chart).
 *
 * They move by a difference: a refresh reads what the rows it replaces contributed, and what the
 * new rows contribute, and writes only the groups whose counts changed (usually one or two) —
 * so a write costs what it did plus a few upserts. `rebuildRollups` (part of `rebuild-metrics`)
 * recomputes them from the sequence and the lead times; the migration that added them ran the
 * same statements (db/migrations/custom/metrics-rollups.sql).
 */
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/** Width of a lead-time bucket in ms: every chart bound and the target (lib/metrics/metrics.ts) is a multiple of it. */
export const LEAD_BUCKET_MS = 10_000;

/** The bucket of a lead time in ms (SQL): −1 for none, else ⌈lead / 10 s⌉. */
const leadBucket = (col: string) => `coalesce((${col} + ${LEAD_BUCKET_MS - 1}) / ${LEAD_BUCKET_MS}, -1)`;

/** A week starts on the Monday on or before the day (day 0, 1970-01-01, was a Thursday). */
const WEEK_ANCHOR = `first_of_day = 1 AND (prev_day IS NULL OR prev_day < day - (day + 3) % 7)`;

/** Recompute every rollup from the sequence and the lead times (inside the caller's transaction). */
export function rebuildRollups(tx: DbOrTx): void {
  for (const statement of ROLLUP_REBUILD) tx.run(sql.raw(statement));
}

/** The statements of `rebuildRollups`, in order. */
export const ROLLUP_REBUILD = [
  `DELETE FROM purchase_rate_days`,
  `INSERT INTO purchase_rate_days (day, rate_bp, total, points, purchases)
   SELECT day, coalesce(rate_bp, -1), total, points, count(*) FROM customer_purchases GROUP BY day, coalesce(rate_bp, -1), total, points`,
  `DELETE FROM revisit_week_days`,
  `INSERT INTO revisit_week_days (day, anchors, within_30, within_60)
   SELECT day, count(*), coalesce(sum(next_day - day <= 30), 0), coalesce(sum(next_day - day <= 60), 0)
     FROM customer_purchases WHERE ${WEEK_ANCHOR} GROUP BY day`,
  `DELETE FROM repurchase_gap_days`,
  `INSERT INTO repurchase_gap_days (day, gap, customers)
   SELECT day, day - prev_day, count(*) FROM customer_purchases WHERE first_of_day = 1 AND prev_day IS NOT NULL GROUP BY day, day - prev_day`,
  `DELETE FROM pickup_lead_days`,
  `INSERT INTO pickup_lead_days (day, bucket, orders)
   SELECT day, ${leadBucket("lead_ms")}, count(*) FROM pickup_lead_times GROUP BY day, ${leadBucket("lead_ms")}`,
];

/** What one customer's sequence rows contribute to the rollups, by group key. */
export type CustomerShare = { rates: Map<string, number>; weeks: Map<number, [number, number, number]>; gaps: Map<string, number> };

export function customerShare(tx: DbOrTx, customerId: number): CustomerShare {
  const rates = new Map<string, number>();
  for (const r of tx.all<{ day: number; r: number; total: number; points: number; n: number }>(
    sql`SELECT day, coalesce(rate_bp, -1) AS r, total, points, count(*) AS n FROM customer_purchases
         WHERE customer_id = ${customerId} GROUP BY day, r, total, points`,
  ))
    rates.set(`${r.day}|${r.r}|${r.total}|${r.points}`, r.n);
  const weeks = new Map<number, [number, number, number]>();
  const gaps = new Map<string, number>();
  for (const r of tx.all<{ day: number; prev_day: number | null; next_day: number | null }>(
    sql`SELECT day, prev_day, next_day FROM customer_purchases WHERE customer_id = ${customerId} AND first_of_day = 1`,
  )) {
    if (r.prev_day === null || r.prev_day < r.day - ((r.day + 3) % 7)) {
      const gap = r.next_day === null ? Infinity : r.next_day - r.day;
      weeks.set(r.day, [1, gap <= 30 ? 1 : 0, gap <= 60 ? 1 : 0]);
    }
    if (r.prev_day !== null) gaps.set(`${r.day}|${r.day - r.prev_day}`, 1);
  }
  return { rates, weeks, gaps };
}

/** Write the difference between what a customer's rows contributed before and after a refresh. */
export function applyCustomerShare(tx: DbOrTx, before: CustomerShare, after: CustomerShare): void {
  moveCounts(tx, "purchase_rate_days", ["day", "rate_bp", "total", "points"], "purchases", before.rates, after.rates);
  const days = new Set([...before.weeks.keys(), ...after.weeks.keys()]);
  for (const day of days) {
    const [a0, b0, c0] = before.weeks.get(day) ?? [0, 0, 0];
    const [a1, b1, c1] = after.weeks.get(day) ?? [0, 0, 0];
    if (a0 === a1 && b0 === b1 && c0 === c1) continue;
    tx.run(
      sql`INSERT INTO revisit_week_days (day, anchors, within_30, within_60) VALUES (${day}, ${a1 - a0}, ${b1 - b0}, ${c1 - c0})
          ON CONFLICT (day) DO UPDATE SET anchors = anchors + excluded.anchors, within_30 = within_30 + excluded.within_30,
            within_60 = within_60 + excluded.within_60`,
    );
    if (a1 < a0) tx.run(sql`DELETE FROM revisit_week_days WHERE day = ${day} AND anchors = 0`);
  }
  moveCounts(tx, "repurchase_gap_days", ["day", "gap"], "customers", before.gaps, after.gaps);
}

/** The lead-time buckets of these orders' kept lead times, by `day|bucket`. */
export function leadShare(tx: DbOrTx, orderIds: SQL): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of tx.all<{ day: number; b: number; n: number }>(
    sql.join([
      sql.raw(`SELECT day, ${leadBucket("lead_ms")} AS b, count(*) AS n FROM pickup_lead_times WHERE order_id IN (`),
      orderIds,
      sql.raw(`) GROUP BY day, b`),
    ]),
  ))
    out.set(`${r.day}|${r.b}`, r.n);
  return out;
}

export function applyLeadShare(tx: DbOrTx, before: Map<string, number>, after: Map<string, number>): void {
  moveCounts(tx, "pickup_lead_days", ["day", "bucket"], "orders", before, after);
}

/**
 * Move `count` of each group of `table` whose count changed (a group's key: its `keys` values
 * joined by "|"). A group that fell to zero loses its row, as a rebuild would have none.
 * `table`, `keys` and `count` are this module's own names, never input.
 */
function moveCounts(
  tx: DbOrTx,
  table: string,
  keys: readonly string[],
  count: string,
  before: Map<string, number>,
  after: Map<string, number>,
): void {
  for (const [key, delta] of differences(before, after)) {
    const values = key.split("|").map(Number);
    tx.run(
      sql.join([
        sql.raw(`INSERT INTO ${table} (${[...keys, count].join(", ")}) VALUES (`),
        sql.join(
          [...values, delta].map((v) => sql`${v}`),
          sql.raw(", "),
        ),
        sql.raw(`) ON CONFLICT (${keys.join(", ")}) DO UPDATE SET ${count} = ${count} + excluded.${count}`),
      ]),
    );
    if (delta < 0) {
      const where = sql.join(
        keys.map((k, i) => sql`${sql.raw(k)} = ${values[i]}`),
        sql.raw(" AND "),
      );
      tx.run(sql.join([sql.raw(`DELETE FROM ${table} WHERE `), where, sql.raw(` AND ${count} = 0`)]));
    }
  }
}

function* differences(before: Map<string, number>, after: Map<string, number>): Generator<[string, number]> {
  for (const [key, n] of after) if (n !== (before.get(key) ?? 0)) yield [key, n - (before.get(key) ?? 0)];
  for (const [key, n] of before) if (!after.has(key)) yield [key, -n];
}

/**
 * The customer purchase sequence (table `customer_purchases`): every identified purchase — a
 * picked-up pre-order on the shop-local day of `picked_up_at`, a counter sale linked to a
 * customer (at the counter or by a receipt claim) on the day of `occurred_at`, with its total,
 * points and the rate of its latest points credit — with the customer's purchase day before
 * and after it, the next later and the latest earlier day through another channel, whether the
 * customer bought through two channels that day, and, on the customer's first purchase ever,
 * what they bought from that day through day + 180 less refunds. The per-customer metrics read it by range of day (lib/metrics/metrics.ts,
 * loyalty.ts, loyalty-sales.ts).
 *
 * It is derived data. Every write that makes, changes or undoes a purchase, credits its points,
 * moves it to another customer or records a return calls `refreshPurchaseSequence` in its own transaction with what
 * it touched; the rows of each customer involved are recomputed from the orders, sales and
 * returns themselves (a few index seeks), so the sequence never depends on how the change was
 * made; the rollups of lib/purchases/rollups.ts move by the difference of each refreshed customer's
 * rows. `rebuildPurchaseSequence` (CLI `rebuild-metrics`) recomputes everything — after rows
 * were written by hand, or after the shop's time zone changed.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { findShopSettings } from "@/lib/shop/settings";
import { rebuildOutcomeDays } from "./outcomes";
import { applyCustomerShare, applyLeadShare, customerShare, leadShare, rebuildRollups } from "./rollups";
import { DEFAULT_TIMEZONE, localDate, zonedTime } from "@/lib/shop/time";

export const DAY_MS = 86_400_000;
/** Larger than any day number: "no such day" inside min(). */
const NO_DAY = 1_000_000_000;

/** The shop zone's UTC offset in ms (local wall clock = UTC + offset), as the metric ranges use it. */
export function shopOffsetMs(db: DbOrTx, at = Date.now()): number {
  const timeZone = findShopSettings({ db })?.timezone ?? DEFAULT_TIMEZONE;
  const date = localDate(at, timeZone);
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d) - zonedTime(date, "00:00", timeZone);
}

/**
 * The INSERT … SELECT of the sequence rows of the customers `who` selects (an SQL condition on
 * `customer_id`, e.g. sql`= ${12}` or `IS NOT NULL`), with the customer as a bound parameter so
 * one compiled statement serves every customer. The day is `(at + offset) / 86400000`.
 */
function insertSql(who: SQL, offsetMs: number): SQL {
  const [head, middle, tail] = insertText(offsetMs).split(WHO);
  return sql.join([sql.raw(head), who, sql.raw(middle), who, sql.raw(tail)]);
}

const WHO = "/*who*/";

function insertText(offsetMs: number): string {
  const off = Math.trunc(offsetMs);
  const day = (col: string) => `((${col} + ${off}) / ${DAY_MS})`;
  const creditRate = (type: string, id: string) =>
    `(SELECT l.rate_bp FROM points_ledger l WHERE l.reason = 'earn' AND l.source_type = '${type}' AND l.source_id = ${id} ORDER BY l.earn_round DESC LIMIT 1)`;
  const nextVia = (ch: string) => `min(CASE WHEN ch = '${ch}' THEN day END) OVER later`;
  const prevVia = (ch: string) => `max(CASE WHEN ch = '${ch}' THEN day END) OVER earlier`;
  const otherThan = (ch: string, col: string) => `coalesce(CASE WHEN ch != '${ch}' THEN ${col} END, ${NO_DAY})`;
  const otherBefore = (ch: string, col: string) => `coalesce(CASE WHEN ch != '${ch}' THEN ${col} END, -1)`;
  return `
    INSERT INTO customer_purchases (customer_id, order_id, sale_id, channel, at, day, total, points, rate_bp, first_of_day, prev_day, next_day, next_other_day, prev_other_day, day_mixed, value_180)
    WITH p AS (
      SELECT o.customer_id AS c, o.id AS order_id, NULL AS sale_id, o.channel AS ch, o.picked_up_at AS at, ${day("o.picked_up_at")} AS day,
             o.total, o.points_earned AS pts, ${creditRate("order", "o.id")} AS rate_bp, o.total - coalesce((SELECT sum(r.refund) FROM purchase_returns r WHERE r.order_id = o.id), 0) AS net
        FROM orders o WHERE o.status = 'picked_up' AND o.picked_up_at IS NOT NULL AND o.customer_id ${WHO}
      UNION ALL
      SELECT x.customer_id, NULL, x.id, 'store', x.occurred_at, ${day("x.occurred_at")},
             x.total, x.points_earned, ${creditRate("sale", "x.id")}, x.total - coalesce((SELECT sum(r.refund) FROM purchase_returns r WHERE r.sale_id = x.id), 0)
        FROM store_sales x WHERE x.customer_id ${WHO}),
    w AS (
      SELECT *,
             row_number() OVER (PARTITION BY c, day ORDER BY at, order_id IS NULL, coalesce(order_id, sale_id)) AS rn,
             min(day) OVER (PARTITION BY c) AS first_day,
             max(day) OVER earlier AS prev_day,
             min(day) OVER later AS next_day,
             ${nextVia("web")} AS nw, ${nextVia("phone")} AS np, ${nextVia("store")} AS ns,
             ${prevVia("web")} AS pw, ${prevVia("phone")} AS pp, ${prevVia("store")} AS ps,
             min(ch) OVER (PARTITION BY c, day) != max(ch) OVER (PARTITION BY c, day) AS mixed,
             sum(net) OVER (PARTITION BY c ORDER BY day RANGE BETWEEN CURRENT ROW AND 180 FOLLOWING) AS v180
        FROM p
      WINDOW later AS (PARTITION BY c ORDER BY day RANGE BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING),
             earlier AS (PARTITION BY c ORDER BY day RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))
    SELECT c, order_id, sale_id, ch, at, day, total, pts, rate_bp, rn = 1, prev_day, next_day,
           nullif(min(${otherThan("web", "nw")}, ${otherThan("phone", "np")}, ${otherThan("store", "ns")}), ${NO_DAY}),
           nullif(max(${otherBefore("web", "pw")}, ${otherBefore("phone", "pp")}, ${otherBefore("store", "ps")}), -1), mixed,
           CASE WHEN rn = 1 AND day = first_day THEN v180 END
      FROM w`;
}

/**
 * The INSERT … SELECT of the per-day sums (table `purchase_days`) of the days `which` selects (an
 * SQL condition on the day expression, e.g. `IN (…)` or `IS NOT NULL`), read from the purchase
 * indexes of orders and counter sales.
 */
function daysInsertText(offsetMs: number, which: string): string {
  const off = Math.trunc(offsetMs);
  const day = (col: string) => `((${col} + ${off}) / ${DAY_MS})`;
  return `
    INSERT INTO purchase_days (day, channel, purchases, total, identified, claimed)
    SELECT ${day("picked_up_at")} AS d, channel, count(*), sum(total), count(customer_id), 0
      FROM orders WHERE status = 'picked_up' AND picked_up_at IS NOT NULL AND ${day("picked_up_at")} ${which} GROUP BY d, channel
    UNION ALL
    SELECT ${day("occurred_at")} AS d, 'store', count(*), sum(total), count(customer_id), count(claimed_at IS NOT NULL AND customer_id IS NOT NULL OR NULL)
      FROM store_sales WHERE ${day("occurred_at")} ${which} GROUP BY d`;
}

/**
 * Arrival → hand-over in ms, counted from the slot start for a customer who came early (a bag
 * nobody expected yet is not a wait), and never below zero. `o` is the orders row alias, `off` the zone offset (SQL).
 */
export const leadTimeMs = (o = "orders", off = "CAST(@off AS INTEGER)") =>
  `max(0, ${o}.picked_up_at - max(${o}.arrived_at, unixepoch(${o}.pickup_date || ' ' || ${o}.slot_start) * 1000 - ${off}))`;

/** The INSERT … SELECT of the lead times of the picked-up orders `which` selects (an SQL condition on `id`). */
function leadsInsertText(offsetMs: number, which: string): string {
  const off = Math.trunc(offsetMs);
  return `
    INSERT INTO pickup_lead_times (order_id, day, lead_ms)
    SELECT id, ((picked_up_at + ${off}) / ${DAY_MS}), CASE WHEN arrived_at IS NOT NULL THEN ${leadTimeMs("orders", String(off))} END
      FROM orders WHERE status = 'picked_up' AND picked_up_at IS NOT NULL AND id ${which}`;
}

/**
 * Recompute the per-day sums of these days: one range read per day of each purchase table's
 * covering index (the planner, left alone, takes the narrower orders_picked_up_at index and then
 * reads every order row of the day).
 */
function refreshPurchaseDays(tx: DbOrTx, days: Iterable<number>, offsetMs: number): void {
  const off = Math.trunc(offsetMs);
  for (const d of days) {
    const start = d * DAY_MS - off;
    tx.run(sql`DELETE FROM purchase_days WHERE day = ${d}`);
    tx.run(sql`
      INSERT INTO purchase_days (day, channel, purchases, total, identified, claimed)
      SELECT ${d}, channel, count(*), sum(total), count(customer_id), 0
        FROM orders INDEXED BY orders_purchases WHERE picked_up_at >= ${start} AND picked_up_at < ${start + DAY_MS} AND status = 'picked_up' GROUP BY channel
      UNION ALL
      SELECT ${d}, 'store', count(*), sum(total), count(customer_id), count(claimed_at IS NOT NULL AND customer_id IS NOT NULL OR NULL)
        FROM store_sales WHERE occurred_at >= ${start} AND occurred_at < ${start + DAY_MS} HAVING count(*) > 0`);
  }
}

/** What a write touched: orders and sales (as they are now and as the sequence holds them), and customers. */
export type PurchaseRefs = {
  orderIds?: readonly number[];
  saleIds?: readonly number[];
  /** Customers whose purchases changed otherwise (e.g. a sale's customer before a claim moved it). */
  customerIds?: readonly (number | null | undefined)[];
  /** Purchase times before this write (e.g. a hand-over being undone), whose days' sums are recomputed too. */
  formerAt?: readonly (number | null | undefined)[];
  /** Purchases were written in bulk (demo history): recompute every day's sums. */
  allDays?: boolean;
};

/**
 * Recompute the sequence rows of every customer the given orders and sales belong to, now or
 * before this write, and of `customerIds`. Runs inside the caller's transaction.
 */
export function refreshPurchaseSequence(tx: DbOrTx, refs: PurchaseRefs): void {
  const customers = new Set<number>();
  for (const c of refs.customerIds ?? []) if (c != null) customers.add(c);
  // Bound parameters, not literal ids: the same few statements serve every write (db/statement-cache.ts).
  const ids = (xs: readonly number[] | undefined) =>
    xs?.length
      ? sql.join(
          xs.map((x) => sql`${Math.trunc(x)}`),
          sql`, `,
        )
      : null;
  const orderIds = ids(refs.orderIds);
  const saleIds = ids(refs.saleIds);
  // Each purchase's customer and time, now and as the sequence holds it: whose sequence and which days change.
  const times: number[] = [];
  for (const at of refs.formerAt ?? []) if (at != null) times.push(at);
  const collect = (query: SQL) => {
    for (const r of tx.all<{ c: number | null; at: number | null }>(query)) {
      if (r.c != null) customers.add(r.c);
      if (r.at != null) times.push(r.at);
    }
  };
  if (orderIds) {
    collect(sql`SELECT customer_id AS c, picked_up_at AS at FROM orders WHERE id IN (${orderIds}) AND status = 'picked_up'`);
    collect(sql`SELECT customer_id AS c, at FROM customer_purchases WHERE order_id IN (${orderIds})`);
  }
  if (saleIds) {
    collect(sql`SELECT customer_id AS c, occurred_at AS at FROM store_sales WHERE id IN (${saleIds})`);
    collect(sql`SELECT customer_id AS c, at FROM customer_purchases WHERE sale_id IN (${saleIds})`);
  }
  if (!customers.size && !times.length && !refs.allDays) return;
  const offset = shopOffsetMs(tx);
  if (refs.allDays) {
    tx.run(sql`DELETE FROM purchase_days`);
    tx.run(sql.raw(daysInsertText(offset, "IS NOT NULL")));
    tx.run(sql`DELETE FROM pickup_lead_times`);
    tx.run(sql.raw(leadsInsertText(offset, "IS NOT NULL")));
  } else {
    refreshPurchaseDays(tx, new Set(times.map((at) => Math.floor((at + offset) / DAY_MS))), offset);
    if (orderIds && times.length) {
      const before = leadShare(tx, orderIds);
      tx.run(sql`DELETE FROM pickup_lead_times WHERE order_id IN (${orderIds})`);
      tx.run(sql.join([sql.raw(leadsInsertText(offset, "IN (")), orderIds, sql.raw(")")]));
      applyLeadShare(tx, before, leadShare(tx, orderIds));
    }
  }
  for (const c of customers) {
    // The rollups move by what this customer's rows contributed before and after (lib/purchases/rollups.ts).
    const before = refs.allDays ? null : customerShare(tx, c);
    tx.run(sql`DELETE FROM customer_purchases WHERE customer_id = ${c}`);
    tx.run(insertSql(sql`= ${Math.trunc(c)}`, offset));
    if (before) applyCustomerShare(tx, before, customerShare(tx, c));
  }
  if (refs.allDays) rebuildRollups(tx);
}

/**
 * Recompute the whole sequence, the per-day sums, the lead times, the pre-order outcome
 * counts (lib/purchases/outcomes.ts) and the rollups (lib/purchases/rollups.ts) from the orders,
 * sales and returns, in one IMMEDIATE transaction. Returns the rows written.
 */
export function rebuildPurchaseSequence({ db }: { db: Db }): { rows: number; days: number } {
  const c = db.$client;
  const offset = shopOffsetMs(db);
  return c
    .transaction(() => {
      c.prepare("DELETE FROM customer_purchases").run();
      const rows = c.prepare(insertText(offset).replaceAll(WHO, "IS NOT NULL")).run().changes;
      c.prepare("DELETE FROM purchase_days").run();
      const days = c.prepare(daysInsertText(offset, "IS NOT NULL")).run().changes;
      c.prepare("DELETE FROM pickup_lead_times").run();
      c.prepare(leadsInsertText(offset, "IS NOT NULL")).run();
      rebuildOutcomeDays(db);
      rebuildRollups(db);
      return { rows, days };
    })
    .immediate();
}

/**
 * The north-star and supporting metrics of docs/METRICS.md, one function each, over a shop-local
 * date range. Choices the definitions leave open (each also explained on the dashboard):
 *
 * - Observable for N days: an event on local date D counts once D + N is before today, i.e.
 *   its whole follow-up window (through D + N) has ended. Later ones are `too_recent`.
 * - Revisit: the anchor is the customer's first purchase date in range; the revisit is the
 *   next purchase on a strictly later local date, by any channel, within N days — even if
 *   it falls after `to`.
 * - Consult → visit: a recorded visit for that customer at or after the submission and on a
 *   local date at most 30 days after the submission's date.
 * - Points consistency applies to each purchase the rate stored on its credit (the tier's or the
 *   shop's rate when it was earned); a purchase without a credit is judged by the shop's rate now.
 * - Anonymous counter sales (no customer) count only in revenue.
 */
import type { Db } from "@/db/client";
import { getShopSettings } from "@/lib/shop/settings";
import { rateGroups, sequencePass, type RateGroup, type SequencePass } from "./loyalty";
import { anchorSums, type AnchorSums } from "./anchors";
import { leadTimeMs } from "@/lib/purchases/sequence";
import { LEAD_BUCKET_MS } from "@/lib/purchases/rollups";
import { purchaseTotals, type PurchaseTotals } from "./totals";
import type { MetricRange, MetricArgs } from "./range";
import { all, baseParams, dayNumber, histogramStats, int, localDay, one, orderStats, purchasesSql, ratio, type OrderStats } from "./sql";

export const TARGETS = {
  pickup_lead_time_s: 120,
  preorder_conversion: 0.95,
  no_show_rate: 0.03,
  stock_accuracy: 0.97,
  points_consistency: 0.99,
  cs_response_time_min: 60,
  consult_to_visit: 0.8,
  channel_synergy: 1,
} as const;

type Met = boolean | null;
const atLeast = (v: number | null, t: number): Met => (v === null ? null : v >= t);
const atMost = (v: number | null, t: number): Met => (v === null ? null : v <= t);

export type RateMetric = { value: number | null; numerator: number; denominator: number; target?: number; met?: Met };

// ---------------------------------------------------------------- north star

/** Start of the local day N days after an epoch-ms column's local day, in SQL. */
const dayStartAfter = (col: string, days: number) => `((${col} + ${int("@off")}) / 86400000 + ${days}) * 86400000 - ${int("@off")}`;

export type RevisitMetric = RateMetric & { window_days: number; anchors: number; too_recent: number };

const identifiedDays = `
  p AS (${purchasesSql({ identifiedOnly: true, to: "@fe" })}),
  days AS (SELECT DISTINCT c, ${localDay("at")} AS d FROM p)`;

/**
 * Omni revisit rate for N = 30 and 60 days: each anchor (the customer's first purchase day in
 * range) with its next purchase day, read from the purchase sequence in one pass of an index.
 */
export function revisitRates({ db, range, sums = anchorSums({ db, range }) }: { db: Db; range: MetricRange; sums?: AnchorSums }): {
  30: RevisitMetric;
  60: RevisitMetric;
} {
  return revisitFrom(sums);
}

/**
 * The same from the orders and sales themselves: the reference the sequence is checked against
 * (tests, `metrics-scale` bench). Anchors come from one pass over the range (a covering index);
 * each anchor's next purchase on a later date is one index seek per channel table on
 * (customer, time).
 */
export function revisitRatesScan({ db, range }: { db: Db; range: MetricRange }): { 30: RevisitMetric; 60: RevisitMetric } {
  const row = one<Record<string, number | null>>(
    db,
    `WITH anchors AS (SELECT c, min(at) AS first_at FROM (${purchasesSql({ identifiedOnly: true })}) GROUP BY c),
          a AS (SELECT c, ${localDay("first_at")} AS d, ${dayStartAfter("first_at", 1)} AS later FROM anchors),
          n AS (SELECT d, min(coalesce((SELECT min(o.picked_up_at) FROM orders o
                                          WHERE o.customer_id = a.c AND o.status = 'picked_up' AND o.picked_up_at >= a.later), 9e15),
                              coalesce((SELECT min(x.occurred_at) FROM store_sales x
                                          WHERE x.customer_id = a.c AND x.occurred_at >= a.later), 9e15)) AS next_at FROM a),
          seq AS (SELECT d, CASE WHEN next_at < 9e15 THEN ${localDay("next_at")} END AS nd FROM n)
     SELECT count(*) AS anchors,
            sum(julianday(d) + 30 < julianday(@today)) AS e30,
            sum(julianday(d) + 30 < julianday(@today) AND julianday(nd) - julianday(d) <= 30) AS r30,
            sum(julianday(d) + 60 < julianday(@today)) AS e60,
            sum(julianday(d) + 60 < julianday(@today) AND julianday(nd) - julianday(d) <= 60) AS r60
       FROM seq`,
    baseParams(range),
  );
  return revisitFrom(row);
}

function revisitFrom(row: Record<string, number | null>): { 30: RevisitMetric; 60: RevisitMetric } {
  const make = (n: 30 | 60): RevisitMetric => {
    const anchors = Number(row.anchors ?? 0);
    const eligible = Number(row[`e${n}`] ?? 0);
    const revisited = Number(row[`r${n}`] ?? 0);
    return {
      value: ratio(revisited, eligible),
      numerator: revisited,
      denominator: eligible,
      window_days: n,
      anchors,
      too_recent: anchors - eligible,
    };
  };
  return { 30: make(30), 60: make(60) };
}

export type RevisitWeek = {
  week: string;
  anchors: number;
  e30: number;
  r30: number;
  e60: number;
  r60: number;
  rate30: number | null;
  rate60: number | null;
};

/**
 * Weekly trend of the north star: for each Monday-started week of the range (the first and
 * last may be partial), the anchor is each customer's first purchase in that week.
 */
export function revisitTrend({ db, range }: { db: Db; range: MetricRange }): RevisitWeek[] {
  // The week anchors counted per day (`revisit_week_days`, lib/purchases/rollups.ts), folded into weeks here.
  // A range that starts after a Monday cuts its first week: there the anchor is the customer's first
  // day from `from` on, read from the sequence itself (at most six days).
  const fd = dayNumber(range.from);
  const monday = fd + ((7 - ((fd + 3) % 7)) % 7);
  const rows = all<{ day: number; anchors: number; e30: number; r30: number; e60: number; r60: number }>(
    db,
    `WITH w AS (
       SELECT day, count(*) AS anchors, coalesce(sum(next_day - day <= 30), 0) AS within_30, coalesce(sum(next_day - day <= 60), 0) AS within_60
         FROM customer_purchases WHERE first_of_day = 1 AND day >= @fd AND day < @mon AND day <= @td AND (prev_day IS NULL OR prev_day < @fd)
        GROUP BY day
       UNION ALL
       SELECT day, anchors, within_30, within_60 FROM revisit_week_days WHERE day >= @mon AND day <= @td)
     SELECT day, anchors,
            CASE WHEN day + 30 < @tday THEN anchors ELSE 0 END AS e30, CASE WHEN day + 30 < @tday THEN within_30 ELSE 0 END AS r30,
            CASE WHEN day + 60 < @tday THEN anchors ELSE 0 END AS e60, CASE WHEN day + 60 < @tday THEN within_60 ELSE 0 END AS r60
       FROM w ORDER BY day`,
    { ...baseParams(range), mon: monday },
  );
  const weeks = new Map<string, Omit<RevisitWeek, "rate30" | "rate60">>();
  for (const r of rows) {
    const week = weekOf(r.day);
    const w = weeks.get(week) ?? { week, anchors: 0, e30: 0, r30: 0, e60: 0, r60: 0 };
    w.anchors += r.anchors;
    w.e30 += r.e30;
    w.r30 += Number(r.r30 ?? 0);
    w.e60 += r.e60;
    w.r60 += Number(r.r60 ?? 0);
    weeks.set(week, w);
  }
  return [...weeks.values()].map((r) => ({ ...r, rate30: ratio(r.r30, r.e30), rate60: ratio(r.r60, r.e60) }));
}

/** The Monday on or before a day number (day 0, 1970-01-01, was a Thursday), as YYYY-MM-DD. */
export function weekOf(day: number): string {
  return new Date((day - ((day + 3) % 7)) * 86_400_000).toISOString().slice(0, 10);
}

/** The same from the orders and sales themselves (the reference for tests). */
export function revisitTrendScan({ db, range }: { db: Db; range: MetricRange }): RevisitWeek[] {
  const rows = all<Omit<RevisitWeek, "rate30" | "rate60">>(
    db,
    `WITH ${identifiedDays},
          seq AS (SELECT c, d, lead(d) OVER (PARTITION BY c ORDER BY d) AS nd, date(d, '-6 days', 'weekday 1') AS wk FROM days),
          anch AS (SELECT wk, d, nd, row_number() OVER (PARTITION BY c, wk ORDER BY d) AS rn FROM seq)
     SELECT wk AS week, count(*) AS anchors,
            coalesce(sum(julianday(d) + 30 < julianday(@today)), 0) AS e30,
            coalesce(sum(julianday(d) + 30 < julianday(@today) AND julianday(nd) - julianday(d) <= 30), 0) AS r30,
            coalesce(sum(julianday(d) + 60 < julianday(@today)), 0) AS e60,
            coalesce(sum(julianday(d) + 60 < julianday(@today) AND julianday(nd) - julianday(d) <= 60), 0) AS r60
       FROM anch WHERE rn = 1 AND d >= @from AND d <= @to GROUP BY wk ORDER BY wk`,
    baseParams(range),
  );
  return rows.map((r) => ({ ...r, rate30: ratio(r.r30, r.e30), rate60: ratio(r.r60, r.e60) }));
}

// ---------------------------------------------------------------- the loop

export type LeadTimeMetric = {
  value: number | null;
  median_s: number | null;
  p90_s: number | null;
  within_target: number | null;
  within_target_count: number;
  count: number;
  missing_arrival: number;
  target: number;
  met: Met;
};

export { leadTimeMs } from "@/lib/purchases/sequence";

/**
 * The lead times of the pre-orders picked up in range, as counts per 10-second bucket (bucket b:
 * more than (b − 1) × 10 s up to b × 10 s) and how many picked up with no arrival, with the values
 * of any one bucket on demand — from the kept per-day bucket counts (`pickup_lead_days`) and one
 * seek per day of the lead times' (day, lead) index for a bucket's values (`scan`: worked out from
 * the orders themselves). Counts, target share and chart come from the buckets; the median and p90
 * read only the buckets they fall in.
 */
export type LeadTimes = { counts: Map<number, number>; missing: number; valuesIn: (bucket: number) => number[] };
export function leadTimes(db: Db, range: MetricRange, scan = false): LeadTimes {
  if (scan) {
    const all = db.$client
      .prepare(
        `SELECT CASE WHEN arrived_at IS NOT NULL THEN ${leadTimeMs()} END FROM orders
          WHERE picked_up_at >= @s AND picked_up_at < @e AND status = 'picked_up'`,
      )
      .pluck()
      .all(baseParams(range)) as (number | null)[];
    const values = all.filter((v): v is number => v !== null);
    return leadTimesOf(values, all.length - values.length);
  }
  const counts = new Map<number, number>();
  let missing = 0;
  for (const r of all<{ bucket: number; n: number }>(
    db,
    `SELECT bucket, sum(orders) AS n FROM pickup_lead_days WHERE day >= @fd AND day <= @td GROUP BY bucket`,
    baseParams(range),
  )) {
    if (r.bucket < 0) missing += r.n;
    else counts.set(r.bucket, r.n);
  }
  const valuesIn = (b: number) =>
    db.$client
      .prepare(
        `WITH RECURSIVE range_days(d) AS (SELECT @fd UNION ALL SELECT d + 1 FROM range_days WHERE d < @td)
         SELECT lead_ms FROM range_days CROSS JOIN pickup_lead_times INDEXED BY pickup_lead_times_day
             ON day = range_days.d AND lead_ms > @lo AND lead_ms <= @hi`,
      )
      .pluck()
      .all({ ...baseParams(range), lo: b === 0 ? -1 : (b - 1) * LEAD_BUCKET_MS, hi: b * LEAD_BUCKET_MS }) as number[];
  return { counts, missing, valuesIn };
}

/** The bucket of a lead time in ms, as `pickup_lead_days` counts it. */
const leadBucket = (ms: number) => Math.ceil(ms / LEAD_BUCKET_MS);

/** `LeadTimes` of lead times in ms held in memory (the scan), and how many picked up with no arrival. */
export function leadTimesOf(values: readonly number[], missing: number): LeadTimes {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(leadBucket(v), (counts.get(leadBucket(v)) ?? 0) + 1);
  return { counts, missing, valuesIn: (b) => values.filter((v) => leadBucket(v) === b) };
}

/** Count, median (mean of the two middle values for an even count) and nearest-rank p90 of the lead times, as `orderStats`. */
function leadStats(lead: LeadTimes): OrderStats {
  const buckets = [...lead.counts.entries()].sort((a, b) => a[0] - b[0]);
  const n = buckets.reduce((s, [, c]) => s + c, 0);
  if (!n) return { count: 0, median: null, p90: null };
  const sorted = new Map<number, number[]>();
  // The value at 1-based rank k: its bucket from the counts, then its place among that bucket's values.
  const at = (k: number) => {
    let below = 0;
    for (const [b, c] of buckets) {
      if (below + c >= k) {
        if (!sorted.has(b))
          sorted.set(
            b,
            lead.valuesIn(b).sort((x, y) => x - y),
          );
        return sorted.get(b)![k - below - 1];
      }
      below += c;
    }
    throw new Error("rank beyond the count");
  };
  return { count: n, median: (at(Math.floor((n + 1) / 2)) + at(Math.floor((n + 2) / 2))) / 2, p90: at(Math.floor((9 * n + 9) / 10)) };
}

/** Seconds from "I'm here" (or the slot start, for an early arrival) to hand-over for pre-orders picked up in range. */
export function pickupLeadTime({
  db,
  range,
  lead = leadTimes(db, range),
}: MetricArgs<{
  lead?: LeadTimes;
}>): LeadTimeMetric {
  const limit = leadBucket(TARGETS.pickup_lead_time_s * 1000);
  let within = 0;
  for (const [b, c] of lead.counts) if (b <= limit) within += c;
  const stats = leadStats(lead);
  const median = stats.median === null ? null : stats.median / 1000;
  return {
    value: median,
    median_s: median,
    p90_s: stats.p90 === null ? null : stats.p90 / 1000,
    within_target: ratio(within, stats.count),
    within_target_count: within,
    count: stats.count,
    missing_arrival: lead.missing,
    target: TARGETS.pickup_lead_time_s,
    met: atMost(median, TARGETS.pickup_lead_time_s),
  };
}

/** Lead-time histogram buckets (seconds, upper bound inclusive; last is open) for the chart: each a multiple of the 10-second buckets. */
export const LEAD_TIME_BUCKETS = [30, 60, 90, 120, 180, 300] as const;
export function leadTimeDistribution({
  db,
  range,
  lead = leadTimes(db, range),
}: MetricArgs<{
  lead?: LeadTimes;
}>): { bucket: string; upper: number | null; count: number }[] {
  const counts = new Array<number>(LEAD_TIME_BUCKETS.length + 1).fill(0);
  for (const [b, c] of lead.counts) {
    let i = 0;
    while (i < LEAD_TIME_BUCKETS.length && b > leadBucket(LEAD_TIME_BUCKETS[i] * 1000)) i++;
    counts[i] += c;
  }
  return [...LEAD_TIME_BUCKETS, null].map((upper, i) => {
    const lower = i === 0 ? 0 : LEAD_TIME_BUCKETS[i - 1];
    return { bucket: upper === null ? `${lower}s+` : `${lower}–${upper}s`, upper, count: counts[i] };
  });
}

/**
 * Pre-orders with a final status (`picked_up`, `no_show`, `cancelled`) per pickup date in range:
 * how many, picked up, no-show, prepaid and prepaid no-show — the kept per-date counts
 * (`preorder_outcome_days`, lib/purchases/outcomes.ts; `scan`: one pass of the orders' covering
 * index (pickup_date, status, prepaid_amount) in its own order). The outcome rates, the no-show
 * split by payment and the weekly outcome chart are all sums of these rows.
 */
export type OutcomeDay = { date: string; n: number; pu: number; ns: number; pn: number; pns: number };
export function outcomeDays({ db, range, scan = false }: MetricArgs<{ scan?: boolean }>): OutcomeDay[] {
  return all<OutcomeDay>(
    db,
    scan
      ? `SELECT pickup_date AS date, count(*) AS n, sum(status = 'picked_up') AS pu, sum(status = 'no_show') AS ns,
                sum(prepaid_amount > 0) AS pn, sum(prepaid_amount > 0 AND status = 'no_show') AS pns FROM orders
          WHERE pickup_date >= @from AND pickup_date <= @to AND status IN ('picked_up', 'no_show', 'cancelled')
          GROUP BY pickup_date ORDER BY pickup_date`
      : `SELECT pickup_date AS date, final AS n, picked_up AS pu, no_show AS ns, prepaid AS pn, prepaid_no_show AS pns
           FROM preorder_outcome_days WHERE pickup_date >= @from AND pickup_date <= @to ORDER BY pickup_date`,
    baseParams(range),
  );
}

/** The sums of `outcomeDays` over the range. */
export function outcomeTotals(days: readonly OutcomeDay[]): Omit<OutcomeDay, "date"> {
  const t = { n: 0, pu: 0, ns: 0, pn: 0, pns: 0 };
  for (const d of days) for (const k of ["n", "pu", "ns", "pn", "pns"] as const) t[k] += d[k];
  return t;
}

/** Pre-orders whose pickup date is in range and whose status is final. */
export function preorderOutcomes({
  db,
  range,
  days = outcomeDays({ db, range }),
}: MetricArgs<{
  days?: readonly OutcomeDay[];
}>): { conversion: RateMetric; noShow: RateMetric } {
  const { n, pu, ns } = outcomeTotals(days);
  const conv = ratio(pu, n);
  const noShow = ratio(ns, n);
  return {
    conversion: {
      value: conv,
      numerator: pu,
      denominator: n,
      target: TARGETS.preorder_conversion,
      met: atLeast(conv, TARGETS.preorder_conversion),
    },
    noShow: { value: noShow, numerator: ns, denominator: n, target: TARGETS.no_show_rate, met: atMost(noShow, TARGETS.no_show_rate) },
  };
}

export type OutcomeWeek = {
  week: string;
  final: number;
  picked_up: number;
  no_show: number;
  conversion: number | null;
  no_show_rate: number | null;
};
export function preorderOutcomeTrend({
  db,
  range,
  days = outcomeDays({ db, range }),
}: MetricArgs<{
  days?: readonly OutcomeDay[];
}>): OutcomeWeek[] {
  const weeks = new Map<string, { week: string; final: number; picked_up: number; no_show: number }>();
  for (const d of days) {
    const week = weekOf(dayNumber(d.date));
    const w = weeks.get(week) ?? { week, final: 0, picked_up: 0, no_show: 0 };
    w.final += d.n;
    w.picked_up += d.pu;
    w.no_show += d.ns;
    weeks.set(week, w);
  }
  return [...weeks.values()].map((r) => ({ ...r, conversion: ratio(r.picked_up, r.final), no_show_rate: ratio(r.no_show, r.final) }));
}

/**
 * Stock-count lines recorded in range whose counted quantity equals the system's (tolerance
 * 0). A counter-sale line in range that sold beyond what the system had left (a stock
 * discrepancy), or goods handed over in an exchange beyond it, is one more observation where
 * the system was wrong: it counts in the denominator and never as accurate. (CROSS JOIN: the few lines with an excess, on their partial
 * index, are the outer loop, never the range's sales.)
 */
export function stockAccuracy({ db, range }: { db: Db; range: MetricRange }): RateMetric {
  const row = one<{ n: number; ok: number | null }>(
    db,
    `SELECT (SELECT count(*) FROM stock_counts WHERE counted_at >= @s AND counted_at < @e)
          + (SELECT count(*) FROM store_sale_items i CROSS JOIN store_sales x ON x.id = i.sale_id
              WHERE i.excess > 0 AND x.occurred_at >= @s AND x.occurred_at < @e)
          + (SELECT count(*) FROM purchase_exchange_items g JOIN purchase_returns r ON r.id = g.return_id
              WHERE g.excess > 0 AND r.occurred_at >= @s AND r.occurred_at < @e) AS n,
            (SELECT sum(counted = system_available) FROM stock_counts WHERE counted_at >= @s AND counted_at < @e) AS ok`,
    baseParams(range),
  );
  const v = ratio(Number(row.ok ?? 0), row.n);
  return {
    value: v,
    numerator: Number(row.ok ?? 0),
    denominator: row.n,
    target: TARGETS.stock_accuracy,
    met: atLeast(v, TARGETS.stock_accuracy),
  };
}

/** Identified purchases in range whose points equal the policy applied to that purchase (the rate stored on its credit). */
export function pointsConsistency({
  db,
  range,
  rateBp,
  scan = false,
  rates = rateGroups({ db, range, scan, rateBp: rateBp ?? getShopSettings({ db }).pointsRateBp }),
}: MetricArgs<{
  rateBp?: number;
  scan?: boolean;
  /** The range's purchases by applied rate (`rateGroups`), when already read. */
  rates?: readonly RateGroup[];
}>): RateMetric {
  const n = rates.reduce((s, r) => s + r.purchases, 0);
  const ok = rates.reduce((s, r) => s + r.ok, 0);
  const v = ratio(ok, n);
  return { value: v, numerator: ok, denominator: n, target: TARGETS.points_consistency, met: atLeast(v, TARGETS.points_consistency) };
}

export type CsMetric = {
  value: number | null;
  median_min: number | null;
  p90_min: number | null;
  count: number;
  unanswered: number;
  inquiries: number;
  target: number;
  met: Met;
};

/** Minutes from an inquiry to the first staff reply, for inquiries created in range. */
export function csResponseTime({ db, range }: { db: Db; range: MetricRange }): CsMetric {
  const p = baseParams(range);
  const stats = orderStats(
    db,
    `SELECT first_reply_at - created_at AS v FROM inquiries WHERE created_at >= @s AND created_at < @e AND first_reply_at IS NOT NULL`,
    p,
  );
  const row = one<{ n: number; open: number | null }>(
    db,
    `SELECT count(*) AS n, sum(first_reply_at IS NULL) AS open FROM inquiries WHERE created_at >= @s AND created_at < @e`,
    p,
  );
  const median = stats.median === null ? null : stats.median / 60_000;
  return {
    value: median,
    median_min: median,
    p90_min: stats.p90 === null ? null : stats.p90 / 60_000,
    count: stats.count,
    unanswered: Number(row.open ?? 0),
    inquiries: row.n,
    target: TARGETS.cs_response_time_min,
    met: atMost(median, TARGETS.cs_response_time_min),
  };
}

export type ConsultMetric = RateMetric & { submitted: number; too_recent: number };

/** Consultation forms submitted in range followed by a visit within 30 days (observable ones only). */
export function consultToVisit({ db, range }: { db: Db; range: MetricRange }): ConsultMetric {
  const row = one<{ n: number; elig: number | null; visited: number | null }>(
    db,
    `SELECT count(*) AS n, sum(elig) AS elig, sum(elig AND visited) AS visited FROM (
       SELECT julianday(${localDay("s.submitted_at")}) + 30 < julianday(@today) AS elig,
              EXISTS (SELECT 1 FROM visits v WHERE v.customer_id = s.customer_id
                         AND v.visited_at >= s.submitted_at AND v.visited_at < ${dayStartAfter("s.submitted_at", 31)}) AS visited
         FROM consultation_submissions s WHERE s.submitted_at >= @s AND s.submitted_at < @e)`,
    baseParams(range),
  );
  const elig = Number(row.elig ?? 0);
  const visited = Number(row.visited ?? 0);
  const v = ratio(visited, elig);
  return {
    value: v,
    numerator: visited,
    denominator: elig,
    submitted: row.n,
    too_recent: row.n - elig,
    target: TARGETS.consult_to_visit,
    met: atLeast(v, TARGETS.consult_to_visit),
  };
}

export type CycleMetric = { value: number | null; median_days: number | null; count: number };

/**
 * For each (identified customer, date in range) with an earlier purchase date — before the
 * range too — the days since their latest earlier purchase date; the median.
 */
export function repurchaseCycle({ db, range }: { db: Db; range: MetricRange }): CycleMetric {
  // The customers' days with an earlier purchase day, counted per day and gap (`repurchase_gap_days`, lib/purchases/rollups.ts).
  const histogram = all<{ v: number; n: number }>(
    db,
    `SELECT gap AS v, sum(customers) AS n FROM repurchase_gap_days WHERE day >= @fd AND day <= @td GROUP BY gap`,
    baseParams(range),
  );
  const stats = histogramStats(histogram);
  return { value: stats.median, median_days: stats.median, count: stats.count };
}

/** The same from the orders and sales themselves (the reference the sequence is checked against). */
export function repurchaseCycleScan({ db, range }: { db: Db; range: MetricRange }): CycleMetric {
  // In-range purchase days, plus each buyer's latest purchase before the range, found through
  // the (customer, time) indexes — so history before `from` is never scanned in bulk.
  const stats = orderStats(
    db,
    `WITH inr AS (SELECT DISTINCT c, ${localDay("at")} AS d FROM (${purchasesSql({ identifiedOnly: true })})),
          buyers AS (SELECT DISTINCT c FROM inr),
          prior AS (SELECT c, max(coalesce((SELECT max(o.picked_up_at) FROM orders o
                                             WHERE o.customer_id = b.c AND o.status = 'picked_up' AND o.picked_up_at < @s), 0),
                                  coalesce((SELECT max(x.occurred_at) FROM store_sales x
                                             WHERE x.customer_id = b.c AND x.occurred_at < @s), 0)) AS at FROM buyers b),
          days AS (SELECT c, d FROM inr UNION ALL SELECT c, ${localDay("at")} FROM prior WHERE at > 0),
          gaps AS (SELECT d, julianday(d) - julianday(lag(d) OVER (PARTITION BY c ORDER BY d)) AS gap FROM days)
     SELECT CAST(gap AS INTEGER) AS v FROM gaps WHERE d >= @from AND gap IS NOT NULL`,
    baseParams(range),
  );
  return { value: stats.median, median_days: stats.median, count: stats.count };
}

export type OmniMetrics = {
  share: RateMetric;
  synergy: {
    value: number | null;
    omni: number | null;
    single: number | null;
    omni_customers: number;
    single_customers: number;
    target: number;
    met: Met;
  };
};

/**
 * Identified customers with a purchase in range: how many used 2+ channels, and their revenue per
 * head — from the anchors (one per customer: single-channel or not, and the single-channel
 * customers' revenue) and the sequence pass (the range's identified revenue); `scan`: per
 * customer from the orders and sales themselves.
 */
export function omniChannel({
  db,
  range,
  scan = false,
  sums,
  pass,
}: MetricArgs<{
  scan?: boolean;
  /** `anchorSums` of the range, when already read. */
  sums?: AnchorSums;
  /** `sequencePass` of the range, when already read. */
  pass?: SequencePass;
}>): OmniMetrics {
  let row: { n: number; omni: number | null; omni_rev: number | null; single_rev: number | null };
  if (scan) {
    row = one(
      db,
      `WITH per AS (SELECT c, count(DISTINCT ch) AS nch, sum(total) AS rev FROM (${purchasesSql({ identifiedOnly: true })}) GROUP BY c)
       SELECT count(*) AS n, sum(nch >= 2) AS omni,
              sum(CASE WHEN nch >= 2 THEN rev END) AS omni_rev, sum(CASE WHEN nch < 2 THEN rev END) AS single_rev FROM per`,
      baseParams(range),
    );
  } else {
    const a = sums ?? anchorSums({ db, range });
    const p = pass ?? sequencePass({ db, range, rateBp: getShopSettings({ db }).pointsRateBp });
    const n = Number(a.anchors ?? 0);
    const single = Number(a.single_revenue ?? 0);
    row = { n, omni: n - Number(a.single ?? 0), omni_rev: p.revenue - single, single_rev: single };
  }
  const omni = Number(row.omni ?? 0);
  const single = row.n - omni;
  const omniAvg = omni > 0 ? Number(row.omni_rev ?? 0) / omni : null;
  const singleAvg = single > 0 ? Number(row.single_rev ?? 0) / single : null;
  const synergy = omniAvg !== null && singleAvg ? omniAvg / singleAvg : null;
  return {
    share: { value: ratio(omni, row.n), numerator: omni, denominator: row.n },
    synergy: {
      value: synergy,
      omni: omniAvg === null ? null : Math.round(omniAvg),
      single: singleAvg === null ? null : Math.round(singleAvg),
      omni_customers: omni,
      single_customers: single,
      target: TARGETS.channel_synergy,
      met: synergy === null ? null : synergy > TARGETS.channel_synergy,
    },
  };
}

export const CHANNELS = ["web", "phone", "store"] as const;
export type Channel = (typeof CHANNELS)[number];
export type RevenueMetric = { value: number; by_channel: Record<Channel, number>; purchases: number; refunded: number };

/**
 * Sum of purchase totals in range, by channel (anonymous counter sales included), less the
 * refunds of those purchases (on the purchase's date, whenever recorded), reported in `refunded`.
 */
export function revenue({
  db,
  range,
  totals = purchaseTotals({ db, range }),
}: MetricArgs<{
  totals?: PurchaseTotals;
}>): RevenueMetric {
  const by_channel = { web: 0, phone: 0, store: 0 } as Record<Channel, number>;
  let purchases = 0;
  let refunded = 0;
  for (const ch of CHANNELS) {
    by_channel[ch] = totals[ch].total - totals[ch].refunded;
    purchases += totals[ch].count;
    refunded += totals[ch].refunded;
  }
  return { value: by_channel.web + by_channel.phone + by_channel.store, by_channel, purchases, refunded };
}

/** Purchase totals per week and channel, from the per-day sums (`purchase_days`); `scan`: from the orders and sales themselves. */
export function revenueTrend({
  db,
  range,
  scan = false,
}: MetricArgs<{
  scan?: boolean;
}>): ({ week: string } & Record<Channel, number>)[] {
  const rows = all<{ week: string; ch: Channel; total: number }>(
    db,
    scan
      ? `SELECT date(${localDay("at")}, '-6 days', 'weekday 1') AS week, ch, sum(total) AS total
           FROM (${purchasesSql({ identifiedOnly: false })}) GROUP BY week, ch ORDER BY week`
      : `SELECT date((day - (day + 3) % 7) * 86400, 'unixepoch') AS week, channel AS ch, sum(total) AS total
           FROM purchase_days WHERE day >= @fd AND day <= @td GROUP BY week, ch ORDER BY week`,
    baseParams(range),
  );
  const weeks = new Map<string, { week: string } & Record<Channel, number>>();
  for (const r of rows) {
    const w = weeks.get(r.week) ?? { week: r.week, web: 0, phone: 0, store: 0 };
    w[r.ch] = Number(r.total);
    weeks.set(r.week, w);
  }
  return [...weeks.values()];
}

/**
 * `computeMetrics`: every metric of docs/METRICS.md for one range, in the JSON shape of
 * `GET /api/v1/metrics` — the API, the dashboard, the weekly review and the CSV of tiles
 * all read this one result.
 */
import type { Db } from "@/db/client";
import { DEFAULT_TIMEZONE, isoInZone } from "@/lib/shop/time";
import { findShopSettings } from "@/lib/shop/settings";
import { anchorSums } from "./anchors";
import {
  consultToVisit,
  csResponseTime,
  leadTimes,
  omniChannel,
  outcomeDays,
  pickupLeadTime,
  pointsConsistency,
  preorderOutcomes,
  repurchaseCycle,
  repurchaseCycleScan,
  revenue,
  revisitRates,
  revisitRatesScan,
  stockAccuracy,
  type LeadTimes,
  type OutcomeDay,
} from "./metrics";
import { currentRate, loyaltyMetrics, rateGroups, sequencePass } from "./loyalty";
import { loyaltySalesMetrics } from "./loyalty-sales";
import { resolveRange, type MetricArgs } from "./range";
import { noShowByPayment } from "./no-show-by-payment";
import { purchaseTotals } from "./totals";

/**
 * Every metric for one range. The per-customer metrics read the purchase sequence
 * (lib/purchases/sequence.ts); `scan: true` computes them from the orders and sales themselves
 * instead — the reference the sequence is checked against (tests, `metrics-scale` bench).
 */
export function computeMetricsForRange({
  db,
  range,
  scan = false,
  lead = leadTimes(db, range, scan),
  days = outcomeDays({ db, range, scan }),
}: MetricArgs<{
  scan?: boolean;
  /** The range's lead times and outcome days, when the caller reads them for its charts too. */
  lead?: LeadTimes;
  days?: readonly OutcomeDay[];
}>) {
  // Each pass is read once and shared by the metrics made of it.
  const sums = scan ? undefined : anchorSums({ db, range });
  const pass = scan ? undefined : sequencePass({ db, range, rateBp: currentRate(db) });
  const revisit = scan ? revisitRatesScan({ db, range }) : revisitRates({ db, range, sums });
  const outcomes = preorderOutcomes({ db, range, days });
  const omni = omniChannel({ db, range, scan, sums, pass });
  const totals = purchaseTotals({ db, range, scan });
  const rates = pass?.rates ?? rateGroups({ db, range, scan: true, rateBp: currentRate(db) });
  return {
    from: range.from,
    to: range.to,
    timezone: range.timeZone,
    generated_at: isoInZone(range.now, range.timeZone),
    revisit_rate_30: revisit[30],
    revisit_rate_60: revisit[60],
    pickup_lead_time: pickupLeadTime({ db, range, lead }),
    preorder_conversion: outcomes.conversion,
    no_show_rate: { ...outcomes.noShow, by_payment: noShowByPayment({ db, range, days }) },
    stock_accuracy: stockAccuracy({ db, range }),
    points_consistency: pointsConsistency({ db, range, scan, rates }),
    cs_response_time: csResponseTime({ db, range }),
    consult_to_visit: consultToVisit({ db, range }),
    repurchase_cycle: (scan ? repurchaseCycleScan : repurchaseCycle)({ db, range }),
    omni_customer_share: omni.share,
    channel_synergy: omni.synergy,
    revenue: revenue({ db, range, totals }),
    ...loyaltyMetrics({ db, range, scan, totals, sums, rates }),
    ...loyaltySalesMetrics({ db, range, scan, totals, sums }),
  };
}

export type MetricsResult = ReturnType<typeof computeMetricsForRange>;

/**
 * All metrics for shop-local dates `from..to` (inclusive), judged at `now`, read in one
 * transaction (one state of the database, as the dashboard).
 */
export function computeMetrics({
  db,
  from,
  to,
  now = Date.now(),
  scan = false,
}: {
  db: Db;
  from: string;
  to: string;
  now?: number;
  scan?: boolean;
}): MetricsResult {
  return db.$client
    .transaction(() => {
      const timeZone = findShopSettings({ db })?.timezone ?? DEFAULT_TIMEZONE;
      return computeMetricsForRange({ db, range: resolveRange({ from, to, now, timeZone }), scan });
    })
    .deferred();
}

export { resolveRange, previousRange, type MetricRange } from "./range";

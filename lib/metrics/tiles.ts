/**
 * The dashboard's tiles: one per supporting metric, read from `computeMetrics`' result, with
 * the value, the counts it came from, the target and whether it is met. Shared by the page,
 * the weekly review and the tiles CSV.
 */
import { csvLine } from "@/lib/import/csv";
import type { MetricsResult } from "./index";
import { LOYALTY_TILE_KEYS, loyaltyTiles } from "./loyalty-tiles";
import { LOYALTY_SALES_KEYS } from "./loyalty-sales";

export type TileKind = "rate" | "seconds" | "minutes" | "days" | "ratio" | "won";
export type Tile = {
  key: string;
  kind: TileKind;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  /** "at_least" | "at_most" | "above" — how the value compares with the target. */
  direction: "at_least" | "at_most" | "above" | null;
  met: boolean | null;
  /** Extra context, e.g. "too recent" counts. */
  extra: Record<string, number | null>;
  /** A smaller value is better (for the change arrow's colour). */
  lowerIsBetter: boolean;
};

export const TILE_KEYS = [
  "pickup_lead_time",
  "preorder_conversion",
  "no_show_rate",
  "stock_accuracy",
  "points_consistency",
  "cs_response_time",
  "consult_to_visit",
  "repurchase_cycle",
  "omni_customer_share",
  "channel_synergy",
  "revenue",
  ...LOYALTY_TILE_KEYS,
  ...LOYALTY_SALES_KEYS,
] as const;
export type TileKey = (typeof TILE_KEYS)[number] | "revisit_rate_30" | "revisit_rate_60";

export function tilesOf(m: MetricsResult): Tile[] {
  const rate = (
    key: TileKey,
    r: { value: number | null; numerator: number; denominator: number; target?: number; met?: boolean | null },
    direction: Tile["direction"],
    extra: Tile["extra"] = {},
    lowerIsBetter = false,
  ): Tile => ({
    key,
    kind: "rate",
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    target: r.target ?? null,
    direction: r.target === undefined ? null : direction,
    met: r.met ?? null,
    extra,
    lowerIsBetter,
  });
  return [
    rate("revisit_rate_30", m.revisit_rate_30, null, { too_recent: m.revisit_rate_30.too_recent }),
    rate("revisit_rate_60", m.revisit_rate_60, null, { too_recent: m.revisit_rate_60.too_recent }),
    {
      key: "pickup_lead_time",
      kind: "seconds",
      value: m.pickup_lead_time.value,
      numerator: m.pickup_lead_time.within_target_count,
      denominator: m.pickup_lead_time.count,
      target: m.pickup_lead_time.target,
      direction: "at_most",
      met: m.pickup_lead_time.met,
      extra: { p90_s: m.pickup_lead_time.p90_s, missing_arrival: m.pickup_lead_time.missing_arrival },
      lowerIsBetter: true,
    },
    rate("preorder_conversion", m.preorder_conversion, "at_least"),
    rate(
      "no_show_rate",
      m.no_show_rate,
      "at_most",
      {
        prepaid: m.no_show_rate.by_payment.prepaid.value,
        prepaid_orders: m.no_show_rate.by_payment.prepaid.denominator,
        at_pickup: m.no_show_rate.by_payment.at_pickup.value,
        at_pickup_orders: m.no_show_rate.by_payment.at_pickup.denominator,
      },
      true,
    ),
    rate("stock_accuracy", m.stock_accuracy, "at_least"),
    rate("points_consistency", m.points_consistency, "at_least"),
    {
      key: "cs_response_time",
      kind: "minutes",
      value: m.cs_response_time.value,
      numerator: null,
      denominator: m.cs_response_time.count,
      target: m.cs_response_time.target,
      direction: "at_most",
      met: m.cs_response_time.met,
      extra: { unanswered: m.cs_response_time.unanswered },
      lowerIsBetter: true,
    },
    rate("consult_to_visit", m.consult_to_visit, "at_least", { too_recent: m.consult_to_visit.too_recent }),
    {
      key: "repurchase_cycle",
      kind: "days",
      value: m.repurchase_cycle.value,
      numerator: null,
      denominator: m.repurchase_cycle.count,
      target: null,
      direction: null,
      met: null,
      extra: {},
      lowerIsBetter: true,
    },
    rate("omni_customer_share", m.omni_customer_share, null),
    {
      key: "channel_synergy",
      kind: "ratio",
      value: m.channel_synergy.value,
      numerator: m.channel_synergy.omni,
      denominator: m.channel_synergy.single,
      target: m.channel_synergy.target,
      direction: "above",
      met: m.channel_synergy.met,
      extra: { omni_customers: m.channel_synergy.omni_customers, single_customers: m.channel_synergy.single_customers },
      lowerIsBetter: false,
    },
    {
      key: "revenue",
      kind: "won",
      value: m.revenue.value,
      numerator: null,
      denominator: m.revenue.purchases,
      target: null,
      direction: null,
      met: null,
      extra: { ...m.revenue.by_channel },
      lowerIsBetter: false,
    },
    ...loyaltyTiles(m),
    {
      key: "average_order_value",
      kind: "won",
      value: m.average_order_value.value,
      numerator: m.average_order_value.total,
      denominator: m.average_order_value.count,
      target: null,
      direction: null,
      met: null,
      extra: {
        web: m.average_order_value.by_channel.web.value,
        phone: m.average_order_value.by_channel.phone.value,
        store: m.average_order_value.by_channel.store.value,
      },
      lowerIsBetter: false,
    },
    rate("channel_switch_rate", m.channel_switch_rate, null, { too_recent: m.channel_switch_rate.too_recent }),
    rate("coupon_redemption", m.coupon_redemption, null),
  ];
}

/** The tiles of a range and the previous one, as CSV (one row per metric). */
export function tilesCsv(current: MetricsResult, previous: MetricsResult): string {
  const prev = new Map(tilesOf(previous).map((t) => [t.key, t]));
  const lines = [csvLine(["metric", "from", "to", "value", "numerator", "denominator", "target", "met", "previous_value"])];
  for (const t of tilesOf(current)) {
    lines.push(
      csvLine([
        t.key,
        current.from,
        current.to,
        t.value,
        t.numerator,
        t.denominator,
        t.target,
        t.met === null ? "" : String(t.met),
        prev.get(t.key)?.value ?? null,
      ]),
    );
  }
  return lines.join("\r\n") + "\r\n";
}

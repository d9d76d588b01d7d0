/** The dashboard tiles of the loyalty metrics (lib/metrics/loyalty.ts), in the shape of lib/metrics/tiles.ts. */
import type { MetricsResult } from "./index";
import type { Tile } from "./tiles";

export const LOYALTY_TILE_KEYS = ["clv_180", "return_rate", "store_identification_rate", "points_rate_history"] as const;

export function loyaltyTiles(m: Pick<MetricsResult, (typeof LOYALTY_TILE_KEYS)[number]>): Tile[] {
  const base = { target: null, direction: null, met: null, lowerIsBetter: false } as const;
  return [
    {
      ...base,
      key: "clv_180",
      kind: "won",
      value: m.clv_180.value,
      numerator: null,
      denominator: m.clv_180.customers,
      extra: { too_recent: m.clv_180.too_recent },
    },
    {
      ...base,
      key: "return_rate",
      kind: "rate",
      value: m.return_rate.value,
      numerator: m.return_rate.numerator,
      denominator: m.return_rate.denominator,
      extra: { refunded: m.return_rate.refunded, refunded_share: m.return_rate.refunded_share },
      lowerIsBetter: true,
    },
    {
      key: "store_identification_rate",
      kind: "rate",
      value: m.store_identification_rate.value,
      numerator: m.store_identification_rate.numerator,
      denominator: m.store_identification_rate.denominator,
      target: m.store_identification_rate.target,
      direction: "at_least",
      met: m.store_identification_rate.met,
      extra: { claimed: m.store_identification_rate.claimed },
      lowerIsBetter: false,
    },
    {
      ...base,
      key: "points_rate_history",
      kind: "rate",
      value: m.points_rate_history.value,
      numerator: m.points_rate_history.numerator,
      denominator: m.points_rate_history.denominator,
      extra: {},
    },
  ];
}

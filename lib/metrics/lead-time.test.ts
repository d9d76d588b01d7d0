import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { leadTimeDistribution, leadTimesOf, pickupLeadTime } from "./metrics";
import { resolveRange } from "./range";

/** The definition (docs/METRICS.md): median = mean of the two middle values, p90 = the ceil(0.9·n)-th smallest. */
function byDefinition(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return {
    median: (s[Math.floor((n + 1) / 2) - 1] + s[Math.floor((n + 2) / 2) - 1]) / 2000,
    p90: s[Math.floor((9 * n + 9) / 10) - 1] / 1000,
  };
}

const args = {
  db: null as unknown as Db,
  range: resolveRange({ from: "2026-02-01", to: "2026-02-28", now: Date.now(), timeZone: "Asia/Seoul" }),
};

describe("pickup lead time from 10-second buckets", () => {
  it("finds the median and p90 inside their buckets as a full sort would, ties and bucket edges too", () => {
    let seed = 7;
    const rand = (m: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % m;
    for (let n = 1; n <= 60; n++) {
      for (const spread of [3, 20_001, 400_000, 1e9]) {
        // Values on a bucket's edge (multiples of 10 s) and beside it, as well as anywhere.
        const values = Array.from({ length: n }, () => (rand(3) === 0 ? rand(40) * 10_000 + rand(2) : rand(spread)));
        const m = pickupLeadTime({ ...args, lead: leadTimesOf(values, 2) });
        expect({ median: m.median_s, p90: m.p90_s }).toEqual(byDefinition(values));
        expect(m.count).toBe(n);
        expect(m.missing_arrival).toBe(2);
        expect(m.within_target_count).toBe(values.filter((v) => v <= 120_000).length);
      }
    }
  });

  it("counts the chart's buckets with their upper bound inclusive", () => {
    const values = [0, 30_000, 30_001, 60_000, 120_000, 120_001, 300_000, 300_001, 5_000_000];
    const chart = leadTimeDistribution({ ...args, lead: leadTimesOf(values, 0) });
    expect(chart.map((b) => b.count)).toEqual([2, 2, 0, 1, 1, 1, 2]);
    expect(pickupLeadTime({ ...args, lead: leadTimesOf([], 3) })).toMatchObject({
      count: 0,
      median_s: null,
      p90_s: null,
      missing_arrival: 3,
    });
  });
});

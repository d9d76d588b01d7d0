import { describe, expect, it } from "vitest";
import { selectedStats } from "./sql";

/** The definition (docs/METRICS.md): median = mean of the two middle values, p90 = the ceil(0.9·n)-th smallest. */
function byDefinition(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return {
    count: n,
    median: (s[Math.floor((n + 1) / 2) - 1] + s[Math.floor((n + 2) / 2) - 1]) / 2,
    p90: s[Math.floor((9 * n + 9) / 10) - 1],
  };
}

describe("selectedStats", () => {
  it("picks the median and p90 of values in any order as a full sort would, ties and all", () => {
    let seed = 7;
    const rand = (m: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % m;
    for (let n = 1; n <= 60; n++) {
      for (const spread of [3, 1000, 1e9]) {
        const values = Array.from({ length: n }, () => rand(spread));
        expect(selectedStats(Float64Array.from(values))).toEqual(byDefinition(values));
      }
    }
    // 1001 values 0, 10, …, 10000: the 501st is the median, the 901st (ceil(900.9)) the p90.
    const sorted = Array.from({ length: 1001 }, (_, i) => i * 10);
    expect(selectedStats(Float64Array.from(sorted))).toEqual({ count: 1001, median: 5000, p90: 9000 });
    expect(selectedStats(Float64Array.from(sorted.reverse()))).toEqual({ count: 1001, median: 5000, p90: 9000 });
    expect(selectedStats(new Float64Array(0))).toEqual({ count: 0, median: null, p90: null });
  });
});

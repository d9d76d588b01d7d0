import { describe, expect, it } from "vitest";
import { formatNumber, formatWon } from "./format";

describe("formatNumber", () => {
  it("groups whole numbers exactly as Intl does, in both languages", () => {
    const values = [
      0, 7, 12, 999, 1000, 1234, 12_500, 99_999, 100_000, 1_234_567, 9_007_199_254_740_991, -1, -999, -1000, -12_500, -1_234_567,
    ];
    for (const n of values) {
      expect(formatNumber(n, "ko")).toBe(new Intl.NumberFormat("ko-KR").format(n));
      expect(formatNumber(n, "en")).toBe(new Intl.NumberFormat("en-US").format(n));
    }
  });

  it("leaves fractions to Intl", () => {
    expect(formatNumber(1234.5, "ko")).toBe("1,234.5");
  });

  it("formats won in each language", () => {
    expect(formatWon(12_500, "ko")).toBe("12,500원");
    expect(formatWon(12_500, "en")).toBe("₩12,500");
    expect(formatWon(-3000.4, "ko")).toBe("-3,000원");
  });
});

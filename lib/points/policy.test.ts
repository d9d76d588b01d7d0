import { describe, expect, it } from "vitest";
import { pointsForPurchase } from "./policy";

describe("points policy", () => {
  it("earns the rate in basis points of the total, rounded down", () => {
    expect(pointsForPurchase(12_500, 100)).toBe(125);
    expect(pointsForPurchase(12_599, 100)).toBe(125);
    expect(pointsForPurchase(999, 100)).toBe(9);
    expect(pointsForPurchase(3_333, 250)).toBe(83);
  });
  it("earns nothing for a zero or negative total or a zero rate", () => {
    expect(pointsForPurchase(0, 100)).toBe(0);
    expect(pointsForPurchase(-5000, 100)).toBe(0);
    expect(pointsForPurchase(10_000, 0)).toBe(0);
  });
});

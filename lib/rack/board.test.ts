import { describe, expect, it } from "vitest";
import { isLongWait, matchesFind } from "./board";

const card = { code: "K347", phoneLast4: "5678", customerName: "김단골" };

describe("board find", () => {
  it("matches a code in any case and in part", () => {
    expect(matchesFind(card, "k347")).toBe(true);
    expect(matchesFind(card, "K3")).toBe(true);
    expect(matchesFind(card, "M347")).toBe(false);
  });
  it("matches the last four phone digits as typed", () => {
    expect(matchesFind(card, "56")).toBe(true);
    expect(matchesFind(card, "5678")).toBe(true);
    expect(matchesFind(card, "1234")).toBe(false);
  });
  it("matches the name and shows everything for an empty query", () => {
    expect(matchesFind(card, "단골")).toBe(true);
    expect(matchesFind(card, "  ")).toBe(true);
  });
});

describe("long waits", () => {
  const arrivedAt = 1_000_000;
  it("stand out only after two minutes of an arrived customer", () => {
    expect(isLongWait({ status: "arrived", arrivedAt }, arrivedAt + 120_000)).toBe(false);
    expect(isLongWait({ status: "arrived", arrivedAt }, arrivedAt + 120_001)).toBe(true);
    expect(isLongWait({ status: "ready", arrivedAt: null }, arrivedAt + 999_999)).toBe(false);
    expect(isLongWait({ status: "picked_up", arrivedAt }, arrivedAt + 999_999)).toBe(false);
  });
});

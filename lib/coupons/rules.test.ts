import { describe, expect, it } from "vitest";
import { basketDiscount, dateRefusal, discountOn, eligibleTotal, isEligibleLine, normalizeCouponCode, type CouponTerms } from "./rules";

const terms = (t: Partial<CouponTerms> = {}): CouponTerms => ({
  kind: "fixed",
  amount: 1000,
  minSpend: 0,
  productIds: [],
  categories: [],
  startsOn: "2026-03-01",
  endsOn: "2026-03-31",
  pausedAt: null,
  ...t,
});
const bread = { productId: 1, category: "식빵", lineTotal: 10_000 };
const bagel = { productId: 2, category: "베이글", lineTotal: 3_500 };
const cookie = { productId: 3, category: "", lineTotal: 2_000 };

describe("discount arithmetic", () => {
  it("takes fixed won off, never more than the eligible total", () => {
    expect(discountOn({ kind: "fixed", amount: 1000 }, 3500)).toBe(1000);
    expect(discountOn({ kind: "fixed", amount: 5000 }, 3500)).toBe(3500);
  });
  it("takes a percentage rounded down to the won", () => {
    expect(discountOn({ kind: "percent", amount: 15 }, 10_000)).toBe(1500);
    // 3,333 × 10 % = 333.3 → 333
    expect(discountOn({ kind: "percent", amount: 10 }, 3333)).toBe(333);
    // 1,999 × 15 % = 299.85 → 299 (never rounded up)
    expect(discountOn({ kind: "percent", amount: 15 }, 1999)).toBe(299);
    expect(discountOn({ kind: "percent", amount: 100 }, 4200)).toBe(4200);
  });
  it("gives nothing on nothing", () => {
    expect(discountOn({ kind: "percent", amount: 10 }, 0)).toBe(0);
  });
});

describe("products and categories", () => {
  it("applies to every line when neither is set", () => {
    expect(eligibleTotal(terms(), [bread, bagel, cookie])).toBe(15_500);
  });
  it("applies to the listed products or the listed categories", () => {
    expect(eligibleTotal(terms({ productIds: [2] }), [bread, bagel, cookie])).toBe(3_500);
    expect(eligibleTotal(terms({ categories: ["식빵"] }), [bread, bagel, cookie])).toBe(10_000);
    expect(eligibleTotal(terms({ productIds: [3], categories: ["식빵"] }), [bread, bagel, cookie])).toBe(12_000);
  });
  it("never matches an uncategorised product by an empty category", () => {
    expect(isEligibleLine(terms({ categories: [""] }), cookie)).toBe(false);
  });
});

describe("basket", () => {
  it("measures the minimum spend on the eligible lines only", () => {
    const t = terms({ kind: "percent", amount: 10, minSpend: 12_000, categories: ["식빵"] });
    expect(basketDiscount(t, [bread, bagel])).toEqual({ ok: false, reason: "coupon_min_spend", eligible: 10_000 });
    expect(basketDiscount(t, [{ ...bread, lineTotal: 12_000 }, bagel])).toEqual({ ok: true, eligible: 12_000, discount: 1200 });
  });
  it("refuses a basket without any eligible product", () => {
    expect(basketDiscount(terms({ productIds: [9] }), [bread])).toMatchObject({ ok: false, reason: "coupon_not_for_products" });
  });
});

describe("dates and pause", () => {
  it("is valid from the first through the last date, both included", () => {
    expect(dateRefusal(terms(), "2026-02-28")).toBe("coupon_not_started");
    expect(dateRefusal(terms(), "2026-03-01")).toBeNull();
    expect(dateRefusal(terms(), "2026-03-31")).toBeNull();
    expect(dateRefusal(terms(), "2026-04-01")).toBe("coupon_expired");
    expect(dateRefusal(terms({ endsOn: null }), "2030-01-01")).toBeNull();
  });
  it("refuses a paused coupon whatever the date", () => {
    expect(dateRefusal(terms({ pausedAt: 1 }), "2026-03-10")).toBe("coupon_paused");
  });
});

it("reads codes as people type them", () => {
  expect(normalizeCouponCode(" bread-15 ")).toBe("BREAD15");
});

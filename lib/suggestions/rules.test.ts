import { describe, expect, it } from "vitest";
import { coPurchaseRules, suggestForBasket, type PurchaseBasket } from "./rules";

const DAY = 86_400_000;
const CROISSANT = 1;
const JAM = 2;
const BAGEL = 3;
const CREAM = 4;
const p = (unit: string, day: number, ...productIds: number[]): PurchaseBasket => ({ unit, at: day * DAY, productIds });

describe("co-purchase rules", () => {
  it("needs three units: two customers' habits do not make a rule", () => {
    const two = [p("c1", 0, CROISSANT, JAM), p("c2", 0, CROISSANT, JAM), p("c2", 1, CROISSANT, JAM)];
    expect(coPurchaseRules(two).size).toBe(0);
    const three = [...two, p("s9", 0, CROISSANT, JAM)];
    expect(coPurchaseRules(three).get(CROISSANT)).toEqual([{ productId: JAM, support: 3, confidence: 1 }]);
  });

  it("counts the same visit and purchases at most 30 days apart, not 31", () => {
    const rules = coPurchaseRules([
      p("c1", 0, BAGEL),
      p("c1", 30, CREAM),
      p("c2", 10, BAGEL),
      p("c2", 40, CREAM),
      p("c3", 5, BAGEL, CREAM),
      // 31 days apart: no support.
      p("c4", 0, BAGEL),
      p("c4", 31, CREAM),
    ]);
    // support 3; bagel buyers 4 → 3/4; cream buyers 4 → 3/4.
    expect(rules.get(BAGEL)).toEqual([{ productId: CREAM, support: 3, confidence: 0.75 }]);
    expect(rules.get(CREAM)).toEqual([{ productId: BAGEL, support: 3, confidence: 0.75 }]);
  });

  it("keeps rules at or above 20 % confidence only", () => {
    // Croissant bought by 16 units, 3 of them with jam: 3/16 = 18.75 % < 20 %; jam → croissant 3/3.
    const data = [
      p("a", 0, CROISSANT, JAM),
      p("b", 0, CROISSANT, JAM),
      p("c", 0, CROISSANT, JAM),
      ...Array.from({ length: 13 }, (_, i) => p(`x${i}`, 0, CROISSANT)),
    ];
    const rules = coPurchaseRules(data);
    expect(rules.get(CROISSANT)).toBeUndefined();
    expect(rules.get(JAM)).toEqual([{ productId: CROISSANT, support: 3, confidence: 1 }]);
  });
});

describe("suggestions for a basket", () => {
  const rules = new Map([
    [
      CROISSANT,
      [
        { productId: JAM, support: 5, confidence: 0.5 },
        { productId: CREAM, support: 4, confidence: 0.3 },
      ],
    ],
    [
      BAGEL,
      [
        { productId: CREAM, support: 6, confidence: 0.6 },
        { productId: CROISSANT, support: 3, confidence: 0.25 },
      ],
    ],
  ]);
  it("suggests at most two products not in the basket, strongest first, each from its best rule", () => {
    expect(suggestForBasket(rules, [CROISSANT, BAGEL])).toEqual([
      { productId: CREAM, support: 6, confidence: 0.6, forProductId: BAGEL },
      { productId: JAM, support: 5, confidence: 0.5, forProductId: CROISSANT },
    ]);
    expect(suggestForBasket(rules, [CROISSANT, JAM])).toEqual([{ productId: CREAM, support: 4, confidence: 0.3, forProductId: CROISSANT }]);
    expect(suggestForBasket(rules, [JAM])).toEqual([]);
  });
});

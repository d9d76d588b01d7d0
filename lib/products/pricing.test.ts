import { describe, expect, it } from "vitest";
import { AppError, translateError } from "@/lib/errors";
import type { OptionGroup } from "./catalogue";
import { priceWithOptions } from "./pricing";

const slicing: OptionGroup = {
  id: 1,
  name: "슬라이스",
  required: true,
  choices: [
    { id: 11, name: "통으로", priceDelta: 0 },
    { id: 12, name: "슬라이스", priceDelta: 500 },
  ],
};
const topping: OptionGroup = {
  id: 2,
  name: "토핑",
  required: false,
  choices: [
    { id: 21, name: "크림치즈", priceDelta: 1500 },
    { id: 22, name: "버터", priceDelta: 800 },
  ],
};
const bread = { name: "우유식빵", price: 5000, optionGroups: [slicing, topping] };

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("priceWithOptions", () => {
  it("adds each chosen option's price to the base price and snapshots the choices", () => {
    expect(priceWithOptions(bread, [12, 21])).toEqual({
      unitPrice: 5000 + 500 + 1500,
      options: [
        { group: "슬라이스", choice: "슬라이스", priceDelta: 500 },
        { group: "토핑", choice: "크림치즈", priceDelta: 1500 },
      ],
    });
  });

  it("accepts a required choice alone, an optional group left empty", () => {
    expect(priceWithOptions(bread, [11]).unitPrice).toBe(5000);
  });

  it("prices a product without options at its price", () => {
    expect(priceWithOptions({ name: "베이글", price: 3500, optionGroups: [] }, [])).toEqual({ unitPrice: 3500, options: [] });
  });

  it("refuses a missing required group, naming it", () => {
    const e = refusal(() => priceWithOptions(bread, [21], "items.0.options"));
    expect(e.code).toBe("validation");
    expect(translateError(e, "ko").fields).toEqual({ "items.0.options": "'슬라이스'를 골라 주세요." });
    expect(translateError(e, "en").fields).toEqual({ "items.0.options": "Choose “슬라이스”." });
  });

  it("refuses two choices in one group", () => {
    const e = refusal(() => priceWithOptions(bread, [11, 12]));
    expect(e.code).toBe("validation");
    expect(e.message).toContain("하나만");
  });

  it("refuses the same choice twice", () => {
    expect(refusal(() => priceWithOptions(bread, [12, 12])).code).toBe("validation");
  });

  it("refuses a choice belonging to another product", () => {
    const e = refusal(() => priceWithOptions(bread, [11, 999]));
    expect(e.code).toBe("validation");
    expect(e.message).toContain("없는 옵션");
  });
});

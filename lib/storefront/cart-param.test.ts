import { describe, expect, it } from "vitest";
import { formatCartParam, parseCartParam } from "./cart-param";

describe("parseCartParam", () => {
  it("reads productIdxqty pairs", () => {
    expect(parseCartParam("12x2,13x1")).toEqual([
      { productId: 12, quantity: 2 },
      { productId: 13, quantity: 1 },
    ]);
  });
  it("treats a bare id as one and sums repeats", () => {
    expect(parseCartParam("7,7x2")).toEqual([{ productId: 7, quantity: 3 }]);
  });
  it("skips malformed, zero and negative parts and clamps huge quantities", () => {
    expect(parseCartParam("abc,0x2,5x0,-1x3,9x999,<script>")).toEqual([{ productId: 9, quantity: 99 }]);
  });
  it("ignores missing or oversized values", () => {
    expect(parseCartParam(undefined)).toEqual([]);
    expect(parseCartParam("1x1,".repeat(400))).toEqual([]);
  });
  it("round-trips with formatCartParam", () => {
    const lines = [
      { productId: 3, quantity: 4 },
      { productId: 8, quantity: 1 },
    ];
    expect(parseCartParam(formatCartParam(lines))).toEqual(lines);
  });
});

import { describe, expect, it } from "vitest";
import { parseCartParam } from "@/lib/storefront/cart-param";
import { restockLink, waitersToNotify } from "./alerts";

describe("waitersToNotify", () => {
  const w = (id: number, createdAt: number) => ({ id, customerId: 100 + id, createdAt });

  it("tells the earliest subscribers first, up to the quantity that came back", () => {
    const waiters = [w(3, 300), w(1, 100), w(4, 50), w(2, 200)];
    expect(waitersToNotify(waiters, 2).map((x) => x.id)).toEqual([4, 1]);
  });

  it("breaks a tie on the same instant by subscription id", () => {
    expect(waitersToNotify([w(9, 100), w(5, 100), w(7, 100)], 2).map((x) => x.id)).toEqual([5, 7]);
  });

  it("tells everyone when more came back than wait, and nobody when nothing did", () => {
    expect(waitersToNotify([w(1, 1), w(2, 2)], 5)).toHaveLength(2);
    expect(waitersToNotify([w(1, 1)], 0)).toEqual([]);
    expect(waitersToNotify([w(1, 1)], -3)).toEqual([]);
  });
});

describe("restockLink", () => {
  it("opens the date with one of the product in the storefront's cart format", () => {
    const link = restockLink({ date: "2026-12-03", productId: 42 });
    const url = new URL(link, "http://shop.test");
    expect(url.pathname).toBe("/");
    expect(url.searchParams.get("date")).toBe("2026-12-03");
    expect(parseCartParam(url.searchParams.get("cart"))).toEqual([{ productId: 42, quantity: 1 }]);
  });
});

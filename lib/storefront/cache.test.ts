/**
 * The storefront's cached menu: "N개 남음" is never older than MENU_TTL_MS, and an owner's
 * change (invalidateStorefront) shows on the next request.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { placeOrder } from "@/lib/orders/place-order";
import { orderInput } from "@/lib/orders/input";
import { addDays, localDate } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { invalidateStorefront } from "./cache";
import { cachedStorefrontMenu, MENU_TTL_MS } from "./menu";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const tomorrow = addDays(localDate(Date.now()), 1);

beforeEach(() => {
  db = freshDb();
  invalidateStorefront();
  shop = shopWithProducts(db);
  plan(db, tomorrow, shop.bagel.id, 3);
});

const left = (now: number) => cachedStorefrontMenu({ db, date: tomorrow, now }).products.find((p) => p.id === shop.bagel.id)?.available;

describe("cached storefront menu", () => {
  it("shows what an order took on the next request: any write changes the cache's version", () => {
    const t0 = Date.now();
    expect(left(t0)).toBe(3);
    placeOrder({
      db,
      channel: "web",
      input: orderInput.parse({
        pickup_date: tomorrow,
        slot: "10:00-11:00",
        customer: { name: "김단골", phone: "010-1234-5678" },
        consent: { privacy: true },
        items: [{ product_id: shop.bagel.id, quantity: 3 }],
      }),
    });
    expect(left(t0)).toBe(0);
    expect(left(t0 + MENU_TTL_MS)).toBe(0);
  });

  it("shows an owner's plan change on the next request after invalidation", () => {
    const t0 = Date.now();
    expect(left(t0)).toBe(3);
    plan(db, tomorrow, shop.bagel.id, 8);
    invalidateStorefront();
    expect(left(t0)).toBe(8);
  });

  it("applies the cart link per request, not from the cached menu", () => {
    const t0 = Date.now();
    expect(cachedStorefrontMenu({ db, date: tomorrow, now: t0 }).initialCart).toEqual([]);
    expect(cachedStorefrontMenu({ db, date: tomorrow, now: t0, cart: `${shop.bagel.id}x2` }).initialCart).toEqual([
      { productId: shop.bagel.id, quantity: 2, optionIds: [] },
    ]);
  });
});

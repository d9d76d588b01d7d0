/** Links handed to customers use PUBLIC_URL, never whatever host the request names. */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { addDays, localDate } from "@/lib/shop/time";
import { call } from "@/tests/helpers/api";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { POST as ordersPOST } from "@/app/api/v1/storefront/orders/route";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const tomorrow = addDays(localDate(Date.now()), 1);
let phone = 0;

beforeAll(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  plan(db, tomorrow, shop.bagel.id, 50);
});
afterEach(() => {
  delete process.env.PUBLIC_URL;
  delete process.env.TRUST_PROXY;
});

const order = (headers: Record<string, string>) =>
  call(ordersPOST, {
    method: "POST",
    path: "/api/v1/storefront/orders",
    headers,
    body: {
      pickup_date: tomorrow,
      slot: "10:00-11:00",
      customer: { name: "손님", phone: `010-4444-${String(++phone).padStart(4, "0")}` },
      consent: { privacy: true },
      items: [{ product_id: shop.bagel.id, quantity: 1 }],
    },
  });

describe("customer links", () => {
  it("use PUBLIC_URL for the API's url and Location", async () => {
    process.env.PUBLIC_URL = "https://bread.example.com";
    const { status, body, headers } = await order({ host: "localhost:3000" });
    expect(status).toBe(201);
    expect(body.order.url).toBe(`https://bread.example.com/o/${body.order.token}`);
    expect(headers.get("location")).toBe(body.order.url);
  });

  it("ignore a forged X-Forwarded-Host unless TRUST_PROXY=1", async () => {
    const forged = { host: "shop.test", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    expect((await order(forged)).body.order.url).toMatch(/^http:\/\/shop\.test\/o\//);
    process.env.TRUST_PROXY = "1";
    expect((await order(forged)).body.order.url).toMatch(/^https:\/\/evil\.example\/o\//);
  });
});

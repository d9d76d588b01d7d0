import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { addDays, localDate } from "@/lib/shop/time";
import { call, orderRowCounts } from "@/tests/helpers/api";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { POST as ordersPOST } from "@/app/api/v1/storefront/orders/route";
import { PEER_HEADER } from "@/lib/web/request";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const tomorrow = addDays(localDate(Date.now()), 1);

beforeAll(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  plan(db, tomorrow, shop.bagel.id, 50);
});
afterAll(() => {
  delete process.env.RATE_LIMIT_ORDERS_PER_MINUTE;
});

let phone = 0;
const order = (headers: Record<string, string>, body?: unknown) =>
  call(ordersPOST, {
    method: "POST",
    path: "/api/v1/storefront/orders",
    headers,
    body: body ?? {
      pickup_date: tomorrow,
      slot: "10:00-11:00",
      customer: { name: "손님", phone: `010-5555-${String(++phone).padStart(4, "0")}` },
      consent: { privacy: true },
      items: [{ product_id: shop.bagel.id, quantity: 1 }],
    },
  });

describe("rate limit on POST /api/v1/storefront/orders", () => {
  it("refuses the 4th order a minute from one address with 429 and Retry-After; another address still passes", async () => {
    process.env.RATE_LIMIT_ORDERS_PER_MINUTE = "3";
    const one = { [PEER_HEADER]: "203.0.113.7" };
    const first3 = await Promise.all([order(one), order(one), order(one)]);
    expect(first3.map((r) => r.status)).toEqual([201, 201, 201]);

    const before = orderRowCounts(db);
    const fourth = await order(one);
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe("rate_limited");
    const retryAfter = Number(fourth.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(orderRowCounts(db)).toEqual(before);

    expect((await order({ [PEER_HEADER]: "198.51.100.20" })).status).toBe(201);
  });

  it("counts refused attempts too, so a flood of bad requests is slowed as well", async () => {
    process.env.RATE_LIMIT_ORDERS_PER_MINUTE = "3";
    const flood = { [PEER_HEADER]: "203.0.113.99" };
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await order(flood, { junk: true })).status);
    expect(answers).toEqual([400, 400, 400, 429]);
  });

  it("behind a trusted proxy (TRUST_PROXY=1), keys on the address the nearest proxy saw, not on one the client made up", async () => {
    process.env.RATE_LIMIT_ORDERS_PER_MINUTE = "1";
    process.env.TRUST_PROXY = "1";
    try {
      // Invalid bodies (400) so no slot fills up: only the limit's 429 matters here.
      expect((await order({ "x-forwarded-for": "10.0.0.1, 192.0.2.50", [PEER_HEADER]: "127.0.0.1" }, { junk: true })).status).toBe(400);
      expect((await order({ "x-forwarded-for": "10.0.0.2, 192.0.2.50", [PEER_HEADER]: "127.0.0.1" }, { junk: true })).status).toBe(429);
      expect((await order({ "x-forwarded-for": "192.0.2.51", [PEER_HEADER]: "127.0.0.1" }, { junk: true })).status).toBe(400);
    } finally {
      delete process.env.TRUST_PROXY;
    }
  });

  it("without TRUST_PROXY, X-Forwarded-For is not believed: inventing a new one each time does not escape the limit", async () => {
    process.env.RATE_LIMIT_ORDERS_PER_MINUTE = "1";
    expect((await order({ "x-forwarded-for": "10.1.0.1", [PEER_HEADER]: "192.0.2.77" }, { junk: true })).status).toBe(400);
    expect((await order({ "x-forwarded-for": "10.1.0.2", [PEER_HEADER]: "192.0.2.77" }, { junk: true })).status).toBe(429);
  });

  it("is off at 0", async () => {
    process.env.RATE_LIMIT_ORDERS_PER_MINUTE = "0";
    const same = { [PEER_HEADER]: "203.0.113.7" };
    const answers = await Promise.all(Array.from({ length: 5 }, () => order(same)));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
  });
});

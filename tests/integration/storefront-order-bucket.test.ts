/**
 * One rate-limit bucket per client for storefront orders: the storefront form's server action
 * and POST /api/v1/storefront/orders draw from the same one.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const requestHeaders = vi.hoisted(() => ({ current: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => requestHeaders.current,
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
// No request scope here: the action words its error in the default locale.
vi.mock("next-intl/server", () => ({ getLocale: async () => "ko", getTranslations: async () => (key: string) => key }));
// The public order form needs no session; next-auth itself does not load under vitest.
vi.mock("@/lib/auth/session", () => ({
  requirePermission: async () => {
    throw new Error("no session in this test");
  },
}));

import type { Db } from "@/db/client";
import { pickupSlots } from "@/db/schema";
import { errorText } from "@/lib/errors";
import { addDays, localDate } from "@/lib/shop/time";
import { PEER_HEADER } from "@/lib/web/request";
import { call, orderRowCounts } from "@/tests/helpers/api";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { POST as ordersPOST } from "@/app/api/v1/storefront/orders/route";
import { placeOrderAction } from "@/app/(storefront)/actions";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const tomorrow = addDays(localDate(Date.now()), 1);
let phone = 0;

beforeAll(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  plan(db, tomorrow, shop.bagel.id, 100);
  db.update(pickupSlots).set({ capacity: 100 }).run();
  process.env.RATE_LIMIT_ORDERS_PER_MINUTE = "20";
});
afterAll(() => {
  delete process.env.RATE_LIMIT_ORDERS_PER_MINUTE;
});

function orderForm(): FormData {
  const form = new FormData();
  form.set("idempotency_key", `bucket-test-${Date.now()}-${++phone}`);
  form.set("pickup_date", tomorrow);
  form.set("slot", "10:00-11:00");
  form.set("name", "손님");
  form.set("phone", `010-7777-${String(++phone).padStart(4, "0")}`);
  form.set("privacy", "on");
  form.set("items", JSON.stringify([{ product_id: shop.bagel.id, quantity: 1 }]));
  return form;
}

const apiOrder = (client: string) =>
  call(ordersPOST, {
    method: "POST",
    path: "/api/v1/storefront/orders",
    headers: { [PEER_HEADER]: client },
    body: {
      pickup_date: tomorrow,
      slot: "10:00-11:00",
      customer: { name: "손님", phone: `010-6666-${String(++phone).padStart(4, "0")}` },
      consent: { privacy: true },
      items: [{ product_id: shop.bagel.id, quantity: 1 }],
    },
  });

describe("storefront orders: one rate-limit bucket per client", () => {
  it("20 orders through the API, then the storefront form from the same client is refused", async () => {
    const client = "203.0.113.40";
    for (let i = 0; i < 20; i++) expect((await apiOrder(client)).status).toBe(201);

    requestHeaders.current = new Headers({ [PEER_HEADER]: client });
    const before = orderRowCounts(db);
    const state = await placeOrderAction(null, orderForm());
    expect(state).toMatchObject({ ok: false, message: errorText("ko", "rate_limited") });
    expect(orderRowCounts(db)).toEqual(before);

    // Another client's form still goes through: redirect() to the new order's page.
    requestHeaders.current = new Headers({ [PEER_HEADER]: "198.51.100.41" });
    await expect(placeOrderAction(null, orderForm())).rejects.toMatchObject({ digest: expect.stringMatching(/NEXT_REDIRECT;.*;\/o\//) });
    expect(orderRowCounts(db).orders).toBe(before.orders + 1);
  });
});

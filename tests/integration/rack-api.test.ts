/** POST /api/v1/sales and GET /api/v1/orders through their route handlers, against a real database. */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { pointsLedger, storeSales } from "@/db/schema";
import { createApiKey } from "@/lib/auth/api-keys";
import { stockForDate } from "@/lib/inventory/availability";
import { markReady } from "@/lib/rack/moves";
import { placeOrder } from "@/lib/orders/place-order";
import { localDate } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";

let db: Db;
let key: string;
let bagelId: number;
let today: string;
const ctx = { params: Promise.resolve({}) };

async function post(body: unknown, auth = key) {
  const { POST } = await import("@/app/api/v1/sales/route");
  const res = await POST(
    new Request("http://test/api/v1/sales", {
      method: "POST",
      headers: { authorization: `Bearer ${auth}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    ctx,
  );
  return { status: res.status, body: await res.json() };
}

beforeEach(() => {
  db = freshDb();
  bagelId = shopWithProducts(db).bagel.id;
  today = localDate(Date.now());
  plan(db, today, bagelId, 10);
  key = createApiKey({ db, name: "pos", scope: "staff" }).key;
});

/** 김단골's phone order of `quantity` bagels for today's first slot. */
function phoneOrderToday(quantity: number) {
  const slot = db.query.pickupSlots
    .findMany()
    .sync()
    .find((s) => s.weekday === new Date(`${today}T12:00:00+09:00`).getUTCDay())!;
  return placeOrder({
    db,
    channel: "phone",
    input: {
      pickup_date: today,
      slot: `${slot.startTime}-${slot.endTime}`,
      customer: { name: "김단골", phone: "010-1234-5678" },
      consent: { privacy: true, marketing: false },
      items: [{ product_id: bagelId, quantity, options: [] }],
      note: "",
    },
  }).order;
}
describe("POST /api/v1/sales", () => {
  const sale = () => ({
    external_id: "pos-1",
    occurred_at: new Date().toISOString(),
    customer_phone: "+82 10 1234 5678",
    items: [{ product_id: bagelId, quantity: 2 }],
  });

  it("records a sale, lowers the day's availability and earns points once", async () => {
    const body = sale();
    const first = await post(body);
    expect(first.status).toBe(201);
    expect(first.body.sale).toMatchObject({ external_id: "pos-1", sale_date: today, total: 7000, points_earned: 70 });
    expect(stockForDate({ db, date: today, productIds: [bagelId] }).get(bagelId)!.available).toBe(8);
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(again.body.sale.id).toBe(first.body.sale.id);
    expect(db.select().from(storeSales).all()).toHaveLength(1);
    expect(db.select().from(pointsLedger).all()).toHaveLength(1);
  });

  it("refuses the same external_id with another body (409) and writes nothing", async () => {
    const body = sale();
    await post(body);
    const other = await post({ ...body, items: [{ product_id: bagelId, quantity: 3 }] });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_conflict");
    expect(stockForDate({ db, date: today, productIds: [bagelId] }).get(bagelId)!.sold).toBe(2);
  });

  it("takes a lower total as a counter discount and refuses a higher one", async () => {
    const discounted = await post({ ...sale(), total: 6000 });
    expect(discounted.body.sale).toMatchObject({ total: 6000, points_earned: 60 });
    const inflated = await post({ ...sale(), external_id: "pos-2", total: 9000 });
    expect(inflated.status).toBe(400);
    expect(inflated.body.error.fields.total).toBeTruthy();
  });

  it("records a sale beyond what the plan left with its stock discrepancy; the storefront shows 0, pre-orders stay valid", async () => {
    const order = phoneOrderToday(4);
    const over = await post({ ...sale(), items: [{ product_id: bagelId, quantity: 9 }] });
    expect(over.status).toBe(201);
    expect(over.body.sale.items).toEqual([expect.objectContaining({ product_id: bagelId, quantity: 9, excess: 3 })]);
    expect(stockForDate({ db, date: today, productIds: [bagelId] }).get(bagelId)).toMatchObject({
      planned: 10,
      reserved: 4,
      sold: 9,
      excess: 3,
      available: 0,
    });
    const { GET } = await import("@/app/api/v1/products/route");
    const menu = await (await GET(new Request(`http://test/api/v1/products?date=${today}`), ctx)).json();
    expect(menu.find((p: { id: number }) => p.id === bagelId).available).toBe(0);
    // The pre-order already taken stays as it was, and a plan of 0 still records the sale.
    expect(db.query.orders.findFirst({ where: (o, { eq }) => eq(o.id, order.id) }).sync()).toMatchObject({ status: "placed" });
    plan(db, today, bagelId, 0);
    expect((await post({ ...sale(), external_id: "pos-2", items: [{ product_id: bagelId, quantity: 1 }] })).status).toBe(201);
    expect(db.select().from(storeSales).all()).toHaveLength(2);
  });

  it("refuses bad input (400) and a bad key (401)", async () => {
    const bad = await post({ ...sale(), occurred_at: "yesterday", customer_phone: "12" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["customer_phone", "occurred_at"]);
    expect((await post(sale(), "dg_wrong")).status).toBe(401);
    expect(db.select().from(storeSales).all()).toHaveLength(0);
  });
});

describe("GET /api/v1/orders", () => {
  it("lists the day's pre-orders with status and rack slot, never the full phone", async () => {
    const order = phoneOrderToday(1);
    markReady({ db, orderId: order.id, actor: { type: "user", userId: 1 } });
    const { GET } = await import("@/app/api/v1/orders/route");
    const res = await GET(
      new Request(`http://test/api/v1/orders?pickup_date=${today}`, { headers: { authorization: `Bearer ${key}` } }),
      ctx,
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("01012345678");
    expect(JSON.parse(text).orders[0]).toMatchObject({
      code: order.code,
      status: "ready",
      rack_slot: "A1",
      customer: { name: "김단골", phone_last4: "5678" },
    });
    const bad = await GET(
      new Request("http://test/api/v1/orders?pickup_date=2026-13-01", { headers: { authorization: `Bearer ${key}` } }),
      ctx,
    );
    expect(bad.status).toBe(400);
  });
});

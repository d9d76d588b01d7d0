/**
 * Receipt QR claims, tiers and returns against a real database: the sales and returns API
 * handlers, the claim race across processes, points taken back for exactly the returned items.
 */
import { spawn } from "node:child_process";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  customers,
  pointsLedger,
  purchaseExchangeItems,
  purchaseReturns,
  restockSubscriptions,
  shopSettings,
  storeSales,
  tiers,
} from "@/db/schema";
import { createApiKey } from "@/lib/auth/api-keys";
import { stockForDate } from "@/lib/inventory/availability";
import { createTier, runNightlyTierRecompute, tierInput, tierStatus } from "@/lib/loyalty/tiers";
import { order as fixtureOrder } from "@/tests/helpers/metrics-fixtures";
import { pointsBalance } from "@/lib/points/policy";
import { claimReceipt, CLAIM_WINDOW_DAYS } from "@/lib/receipts/receipts";
import { subscribeRestock } from "@/lib/restock/alerts";
import { listReturns, recordReturn } from "@/lib/returns/returns";
import { listReviews, submitSaleReview } from "@/lib/reviews/reviews";
import { recordStoreSale } from "@/lib/sales/record-sale";
import { listStockDiscrepancies } from "@/lib/stock/counts";
import { localDate } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { tsFileArgs } from "@/tests/helpers/node";

let db: Db;
let key: string;
let breadId: number;
let bagelId: number;
let today: string;
const ctx = { params: Promise.resolve({}) };
const DAY = 86_400_000;

async function post(path: "sales" | "returns", body: unknown, auth: string | null = key) {
  const { POST } = path === "sales" ? await import("@/app/api/v1/sales/route") : await import("@/app/api/v1/returns/route");
  const headers: Record<string, string> = { host: "shop.test", "content-type": "application/json" };
  if (auth) headers.authorization = `Bearer ${auth}`;
  const res = await POST(new Request(`http://shop.test/api/v1/${path}`, { method: "POST", headers, body: JSON.stringify(body) }), ctx);
  return { status: res.status, body: await res.json() };
}

/** An anonymous counter sale: 2 bagels (3,500) + 1 bread (5,000) = 12,000. */
function anonymousSale(now = Date.now()) {
  return recordStoreSale({
    db,
    source: "counter",
    now,
    input: {
      items: [
        { product_id: bagelId, quantity: 2 },
        { product_id: breadId, quantity: 1 },
      ],
    } as never,
  }).sale;
}

beforeEach(() => {
  db = freshDb();
  const { bread, bagel } = shopWithProducts(db);
  breadId = bread.id;
  bagelId = bagel.id;
  today = localDate(Date.now());
  plan(db, today, bagelId, 10);
  plan(db, today, breadId, 10);
  key = createApiKey({ db, name: "pos", scope: "staff" }).key;
});

describe("receipt QR", () => {
  it("every sale gets an unguessable token; the API answers with an absolute receipt_url", async () => {
    const res = await post("sales", { external_id: "pos-1", items: [{ product_id: bagelId, quantity: 1 }] });
    expect(res.status).toBe(201);
    const row = db.select().from(storeSales).get()!;
    expect(row.receiptToken).toMatch(/^[0-9a-f]{36}$/);
    expect(res.body.receipt_url).toBe(`http://shop.test/r/${row.receiptToken}`);
    const again = await post("sales", { external_id: "pos-1", items: [{ product_id: bagelId, quantity: 1 }] });
    expect(again.body.receipt_url).toBe(res.body.receipt_url);
    expect(anonymousSale().receiptToken).not.toBe(row.receiptToken);
  });

  it("a claim links the customer, earns the points and counts as identified; a second claim is refused", () => {
    const sale = anonymousSale();
    const claimed = claimReceipt({ db, token: sale.receiptToken!, phone: "010-2222-3333", confirmed: true });
    expect(claimed.points).toBe(120);
    const row = db.select().from(storeSales).where(eq(storeSales.id, sale.id)).get()!;
    expect(row).toMatchObject({ customerId: claimed.customerId, pointsEarned: 120, claimConfirmed: true });
    expect(row.claimedAt).not.toBeNull();
    expect(pointsBalance({ db, customerId: claimed.customerId })).toBe(120);
    expect(() => claimReceipt({ db, token: sale.receiptToken!, phone: "010-9999-0000", confirmed: false })).toThrow(
      expect.objectContaining({ code: "conflict", message: expect.stringContaining("이미 적립") }),
    );
    expect(db.select().from(pointsLedger).all()).toHaveLength(1);
  });

  it("refuses a claim after 14 days with a clear sentence, and writes nothing", () => {
    const soldAt = Date.now() - CLAIM_WINDOW_DAYS * DAY - 60_000;
    const sale = anonymousSale(soldAt);
    expect(() => claimReceipt({ db, token: sale.receiptToken!, phone: "010-2222-3333", confirmed: false })).toThrow(
      expect.objectContaining({ message: "구매 후 14일이 지나 이 영수증은 적립할 수 없어요." }),
    );
    expect(db.select().from(customers).all()).toHaveLength(0);
    expect(db.select().from(storeSales).get()!.customerId).toBeNull();
  });

  it("two concurrent claims from two processes: exactly one wins", async () => {
    const sale = anonymousSale();
    const startAt = Date.now() + 1500;
    const run = (phone: string) =>
      new Promise<{ ok: boolean; code?: string }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          tsFileArgs("tests/integration/loyalty-worker.ts", JSON.stringify({ token: sale.receiptToken, phone, startAt })),
          { env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] },
        );
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(err))));
      });
    const results = await Promise.all([run("010-1111-0001"), run("010-1111-0002")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => r.code)).toEqual(["conflict"]);
    expect(db.select().from(pointsLedger).all()).toHaveLength(1);
    const winner = db.select().from(storeSales).get()!.customerId;
    expect(db.select().from(pointsLedger).get()!.customerId).toBe(winner);
  }, 30_000);

  it("asks for a review once claimed; the review shows for the customer", () => {
    const sale = anonymousSale();
    expect(() => submitSaleReview({ db, receiptToken: sale.receiptToken!, input: { rating: 5 } })).toThrow(
      expect.objectContaining({ code: "invalid_transition" }),
    );
    const { customerId } = claimReceipt({ db, token: sale.receiptToken!, phone: "010-2222-3333", confirmed: false });
    submitSaleReview({ db, receiptToken: sale.receiptToken!, input: { rating: 4, comment: "맛있어요" } });
    expect(listReviews({ db, customerId })).toMatchObject([{ rating: 4, comment: "맛있어요", saleId: sale.id, pickupDate: today }]);
    expect(() => submitSaleReview({ db, receiptToken: sale.receiptToken!, input: { rating: 3 } })).toThrow(
      expect.objectContaining({ code: "conflict" }),
    );
  });
});

describe("tiers", () => {
  it("the tier held at purchase sets the rate, stored on the entry; the purchase lifts the tier in the same transaction", () => {
    createTier({ db, input: { name: "GOLD", window_days: 90, threshold_won: 20_000, points_rate_percent: 3 } });
    const sale = (n: number) =>
      recordStoreSale({
        db,
        source: "counter",
        input: { customer_phone: "010-3333-4444", items: [{ product_id: breadId, quantity: n }] } as never,
      });
    const first = sale(4); // 20,000 at the shop's 1 %: 200 points; now GOLD
    expect(first.sale.pointsEarned).toBe(200);
    const customerId = first.sale.customerId!;
    expect(tierStatus({ db, customerId })).toMatchObject({ tier: { name: "GOLD", pointsRateBp: 300 }, next: null });
    const second = sale(1); // 5,000 at 3 %: 150
    expect(second.sale.pointsEarned).toBe(150);
    const rates = db.select({ rate: pointsLedger.rateBp, delta: pointsLedger.delta }).from(pointsLedger).all();
    expect(rates).toEqual([
      { rate: 100, delta: 200 },
      { rate: 300, delta: 150 },
    ]);
  });

  it("reads the owner's rate as a percent with up to two decimals; a wrong rate writes no tier", () => {
    const typed = { name: "VIP", window_days: 90, threshold_won: 50_000, points_rate_percent: "2.5" };
    // The form's action parses with the same schema before the rule parses again: both agree.
    const tier = createTier({ db, input: tierInput.parse(typed) });
    expect(tier.pointsRateBp).toBe(250);
    for (const [rate, code] of [
      ["2.555", "points_rate_decimals"],
      ["60", "points_rate_max"],
      [true, "points_rate_number"],
    ] as const)
      expect(() => createTier({ db, input: { name: "X", window_days: 90, threshold_won: 1, points_rate_percent: rate } })).toThrowError(
        expect.objectContaining({ fields: { points_rate_percent: expect.objectContaining({ code }) } }),
      );
    expect(
      db
        .select()
        .from(tiers)
        .all()
        .map((t) => t.name),
    ).toEqual(["VIP"]);
  });

  it("shows what is left to the next tier, and the nightly run drops a tier whose spend left the window", () => {
    createTier({ db, input: { name: "SILVER", window_days: 30, threshold_won: 10_000, points_rate_percent: 2 } });
    createTier({ db, input: { name: "GOLD", window_days: 30, threshold_won: 30_000, points_rate_percent: 3 } });
    const longAgo = Date.now() - 20 * DAY;
    const s = recordStoreSale({
      db,
      source: "api",
      now: longAgo + 1000,
      input: {
        customer_phone: "010-3333-4444",
        occurred_at: new Date(longAgo).toISOString(),
        items: [{ product_id: breadId, quantity: 3 }],
      } as never,
    });
    const customerId = s.sale.customerId!;
    expect(tierStatus({ db, customerId })).toMatchObject({ tier: { name: "SILVER" }, next: { name: "GOLD", remainingWon: 15_000 } });
    runNightlyTierRecompute({ db, now: Date.now() + 11 * DAY });
    expect(db.select({ tierId: customers.tierId }).from(customers).get()!.tierId).toBeNull();
  });
});

describe("returns", () => {
  function identifiedSale() {
    return recordStoreSale({
      db,
      source: "counter",
      input: {
        customer_phone: "010-5555-6666",
        items: [
          { product_id: bagelId, quantity: 2 },
          { product_id: breadId, quantity: 1 },
        ],
      } as never,
    }).sale;
  }

  it("reverses exactly the points of the returned items with a new ledger entry", () => {
    const sale = identifiedSale(); // 12,000 → 120 points
    const r = recordReturn({
      db,
      source: "staff",
      input: { sale_id: sale.id, items: [{ product_id: bagelId, quantity: 1 }], refund: 3500, method: "card" },
    });
    expect(r.ret.pointsReversed).toBe(35);
    expect(r.items).toEqual([{ productId: bagelId, name: "플레인 베이글", quantity: 1, amount: 3500 }]);
    const ledger = db.select({ delta: pointsLedger.delta, reason: pointsLedger.reason }).from(pointsLedger).all();
    expect(ledger).toEqual([
      { delta: 120, reason: "earn" },
      { delta: -35, reason: "return" },
    ]);
    // The rest: everything left, exactly what still stands.
    const rest = recordReturn({ db, source: "staff", input: { sale_id: sale.id, items: [], refund: 8500, method: "cash" } });
    expect(rest.ret.pointsReversed).toBe(85);
    expect(pointsBalance({ db, customerId: sale.customerId! })).toBe(0);
  });

  it("a discounted sale's lines share the discount; a picked-up order returns too", () => {
    const sale = recordStoreSale({
      db,
      source: "api",
      input: {
        customer_phone: "010-5555-6666",
        total: 6000,
        items: [
          { product_id: breadId, quantity: 1 },
          { product_id: bagelId, quantity: 2 },
        ],
      } as never,
    }).sale;
    const r = recordReturn({
      db,
      source: "staff",
      input: { sale_id: sale.id, items: [{ product_id: breadId, quantity: 1 }], refund: 2500, method: "card" },
    });
    expect(r.items[0].amount).toBe(2500); // 5,000 of 12,000 list, of 6,000 paid
    expect(r.ret.pointsReversed).toBe(25);

    const placed = fixtureOrder(db, { status: "placed", pickupDate: today });
    expect(() => recordReturn({ db, source: "staff", input: { order_id: placed, items: [], refund: 0, method: "card" } })).toThrow(
      expect.objectContaining({ code: "invalid_transition" }),
    );
  });

  it("puts returned goods of today's plan back into available stock when asked", () => {
    const sale = identifiedSale();
    expect(stockForDate({ db, date: today, productIds: [bagelId] }).get(bagelId)!.available).toBe(8);
    recordReturn({
      db,
      source: "staff",
      input: { sale_id: sale.id, items: [{ product_id: bagelId, quantity: 2 }], refund: 7000, method: "card", restock: true },
    });
    expect(stockForDate({ db, date: today, productIds: [bagelId] }).get(bagelId)!.available).toBe(10);
    recordReturn({
      db,
      source: "staff",
      input: { sale_id: sale.id, items: [{ product_id: breadId, quantity: 1 }], refund: 5000, method: "card", restock: false },
    });
    expect(stockForDate({ db, date: today, productIds: [breadId] }).get(breadId)!.available).toBe(9);
  });

  it("an exchange's handed-over goods leave that day's stock without revenue; beyond what is left they are excess", async () => {
    const sale = identifiedSale();
    const revenueBefore = db
      .select()
      .from(storeSales)
      .all()
      .reduce((s, r) => s + r.total, 0);
    const body = {
      external_id: "ex-1",
      sale_id: sale.id,
      kind: "exchange",
      items: [{ product_id: breadId, quantity: 1 }],
      given: [{ product_id: bagelId, quantity: 9 }],
      refund: 0,
      method: "exchange",
    };
    const res = await post("returns", body);
    expect(res.status).toBe(201);
    expect(res.body.return.given).toEqual([{ product_id: bagelId, name: "플레인 베이글", quantity: 9 }]);
    // 10 planned − 2 sold − 9 handed over: 0 left, and the one unit beyond the plan is excess.
    const bagel = stockForDate({ db, date: today, productIds: [bagelId] }).get(bagelId)!;
    expect(bagel).toMatchObject({ sold: 11, excess: 1, available: 0 });
    expect(stockForDate({ db, date: today }).get(bagelId)).toEqual(bagel);
    expect(
      db
        .select()
        .from(storeSales)
        .all()
        .reduce((s, r) => s + r.total, 0),
    ).toBe(revenueBefore);
    expect((await post("returns", body)).body.return.given).toEqual(res.body.return.given);
    expect(listReturns({ db, saleId: sale.id })[0].given).toEqual([{ name: "플레인 베이글", quantity: 9 }]);

    // Goods handed over only with an exchange, and only products for sale; nothing written.
    const asReturn = await post("returns", { ...body, external_id: "ex-2", kind: "return" });
    expect(asReturn.status).toBe(400);
    expect(asReturn.body.error.fields.given).toBeTruthy();
    const unknown = await post("returns", {
      ...body,
      external_id: "ex-3",
      items: [{ product_id: bagelId, quantity: 1 }],
      given: [{ product_id: 999, quantity: 1 }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields["given.0.product_id"]).toBeTruthy();
    expect(db.select().from(purchaseReturns).all()).toHaveLength(1);
    expect(db.select().from(purchaseExchangeItems).all()).toHaveLength(1);
    // The owner's stock page lists the unit beyond the plan.
    expect(listStockDiscrepancies({ db })).toEqual([
      expect.objectContaining({ ref: `exchange-${res.body.return.id}`, productName: "플레인 베이글", quantity: 9, excess: 1 }),
    ]);
  });

  it("a loaf swapped for a fresh one of the same kind frees nothing: no restock alert, no discrepancy", () => {
    plan(db, today, bagelId, 2);
    const sale = identifiedSale();
    subscribeRestock({ db, phone: "01077778888", productId: bagelId, privacyConsent: true });
    recordReturn({
      db,
      source: "staff",
      input: {
        sale_id: sale.id,
        kind: "exchange",
        items: [{ product_id: bagelId, quantity: 1 }],
        given: [{ product_id: bagelId, quantity: 1 }],
        refund: 0,
        method: "exchange",
        restock: true,
      },
    });
    expect(stockForDate({ db, date: today, productIds: [bagelId] }).get(bagelId)).toMatchObject({
      planned: 3,
      sold: 3,
      excess: 0,
      held: 0,
      available: 0,
    });
    expect(db.select().from(restockSubscriptions).get()!.notifiedDate).toBeNull();
  });

  it("POST /api/v1/returns: key required, 201, idempotent on external_id, 409 when more than bought, nothing written on failure", async () => {
    const sale = identifiedSale();
    const body = { external_id: "ret-1", sale_id: sale.id, items: [{ product_id: bagelId, quantity: 1 }], refund: 3500, method: "card" };
    expect((await post("returns", body, null)).status).toBe(401);
    expect((await post("returns", body, "dg_wrong")).status).toBe(401);
    const first = await post("returns", body);
    expect(first.status).toBe(201);
    expect(first.body.return).toMatchObject({
      external_id: "ret-1",
      sale_id: sale.id,
      refund: 3500,
      method: "card",
      points_reversed: 35,
      items: [{ product_id: bagelId, quantity: 1, amount: 3500 }],
    });
    const again = await post("returns", body);
    expect(again.status).toBe(200);
    expect(again.body.return.id).toBe(first.body.return.id);
    const clash = await post("returns", { ...body, refund: 3000 });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe("idempotency_conflict");
    const tooMany = await post("returns", {
      external_id: "ret-2",
      sale_id: sale.id,
      items: [{ product_id: bagelId, quantity: 2 }],
      refund: 0,
      method: "card",
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe("return_exceeds_purchase");
    expect(tooMany.body.error.fields["items.0.quantity"]).toBeTruthy();
    const bad = await post("returns", { external_id: "ret-3", items: [], refund: 0, method: "card" });
    expect(bad.status).toBe(400);
    expect(db.select().from(purchaseReturns).all()).toHaveLength(1);
    expect(db.select().from(pointsLedger).all()).toHaveLength(2);
  });

  it("an owner's stored rate change does not change the points a return takes back", () => {
    const sale = identifiedSale();
    db.update(shopSettings).set({ pointsRateBp: 500 }).run();
    const r = recordReturn({
      db,
      source: "staff",
      input: { sale_id: sale.id, items: [{ product_id: breadId, quantity: 1 }], refund: 5000, method: "card" },
    });
    expect(r.ret.pointsReversed).toBe(50);
  });
});

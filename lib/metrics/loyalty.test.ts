/**
 * The loyalty metrics on one small history worked out by hand (shop-local Asia/Seoul times).
 *
 * March 2026 purchases (6, gross 26,000):
 *   A web order 03-05 10,000 (A's first ever) · E anonymous sale 03-06 2,000 · B phone order 03-10 6,000
 *   (B first bought 02-20) · F sale 03-15 1,000 linked at the counter (F first bought 01-10) ·
 *   C sale 03-20 3,000 claimed from its receipt (C's first ever) · D web order 03-25 4,000 (D's first ever).
 * Later: A sale 05-01 5,000 (2,000 refunded), A order 09-01 7,000 (day 180 of A), A order 09-02 9,000 (day 181).
 * Returns: B's order 1,500 refunded on 04-02 (after the range: still counts); E's sale exchanged, 0 refunded.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pointsLedger, purchaseReturns, storeSales } from "@/db/schema";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";
import { computeMetrics } from "./index";
import { clv180, pointsRateHistory, returnRate, storeIdentificationRate } from "./loyalty";
import { pointsConsistency, revenue } from "./metrics";
import { resolveRange } from "./range";
import { refreshPurchaseSequence } from "@/lib/purchases/sequence";
import { at, customer, order, sale } from "@/tests/helpers/metrics-fixtures";

let db: Db;
const ids: Record<string, number> = {};
const MARCH = (now: number) => resolveRange({ from: "2026-03-01", to: "2026-03-31", now });
const DEC = at("2026-12-31");

function credit(customerId: number, sourceType: "order" | "sale", sourceId: number, delta: number, rateBp: number, createdAt: number) {
  db.insert(pointsLedger).values({ customerId, delta, reason: "earn", sourceType, sourceId, rateBp, createdAt }).run();
  // As the purchase writers do after crediting: the sequence keeps the credit's rate.
  refreshPurchaseSequence(db, sourceType === "order" ? { orderIds: [sourceId] } : { saleIds: [sourceId] });
}
function refund(r: { orderId?: number; saleId?: number; refund: number; on: string; kind?: "return" | "exchange" }) {
  db.insert(purchaseReturns)
    .values({
      orderId: r.orderId ?? null,
      saleId: r.saleId ?? null,
      kind: r.kind ?? "return",
      refund: r.refund,
      method: "card",
      source: "staff",
      occurredAt: at(r.on),
    })
    .run();
  // As recordReturn does: the refund lowers the purchase's 180-day value.
  refreshPurchaseSequence(db, r.orderId ? { orderIds: [r.orderId] } : { saleIds: [r.saleId!] });
}

beforeEach(() => {
  db = freshDb();
  shopWithProducts(db); // base points rate 100 bp
  const [A, B, C, D, F] = ["01000000001", "01000000002", "01000000003", "01000000004", "01000000006"].map((p) => customer(db, p));
  ids.aOrder = order(db, { customerId: A, pickedUpAt: at("2026-03-05"), total: 10_000, points: 100 });
  credit(A, "order", ids.aOrder, 100, 100, at("2026-03-05"));
  ids.eSale = sale(db, { occurredAt: at("2026-03-06"), total: 2_000 });
  order(db, { customerId: B, pickedUpAt: at("2026-02-20"), total: 8_000, points: 80 });
  ids.bOrder = order(db, { customerId: B, channel: "phone", pickedUpAt: at("2026-03-10"), total: 6_000, points: 60 });
  credit(B, "order", ids.bOrder, 60, 100, at("2026-03-10"));
  order(db, { customerId: F, pickedUpAt: at("2026-01-10"), total: 1_000, points: 10 });
  sale(db, { customerId: F, occurredAt: at("2026-03-15"), total: 1_000, points: 50 }); // 50 ≠ policy 10, no credit row
  ids.cSale = sale(db, { customerId: C, occurredAt: at("2026-03-20"), total: 3_000, points: 30 });
  db.update(storeSales)
    .set({ claimedAt: at("2026-03-22"), claimConfirmed: true })
    .where(eq(storeSales.id, ids.cSale))
    .run();
  refreshPurchaseSequence(db, { saleIds: [ids.cSale] }); // as claimReceipt does
  ids.dOrder = order(db, { customerId: D, pickedUpAt: at("2026-03-25"), total: 4_000, points: 120 }); // a 3 % tier
  credit(D, "order", ids.dOrder, 120, 300, at("2026-03-25"));
  ids.aSale = sale(db, { customerId: A, occurredAt: at("2026-05-01"), total: 5_000 });
  order(db, { customerId: A, pickedUpAt: at("2026-09-01", "20:00"), total: 7_000 });
  order(db, { customerId: A, pickedUpAt: at("2026-09-02", "09:00"), total: 9_000 });
  refund({ saleId: ids.aSale, refund: 2_000, on: "2026-05-02" });
  refund({ orderId: ids.bOrder, refund: 1_500, on: "2026-04-02" });
  refund({ saleId: ids.eSale, refund: 0, on: "2026-03-07", kind: "exchange" });
});

describe("clv_180", () => {
  it("averages the first 180 days (net of refunds) of customers whose first purchase ever is in range", () => {
    // A: 10,000 + 5,000 − 2,000 + 7,000 (09-01 is day 180; 09-02 is not) = 20,000. C: 3,000. D: 4,000. B and F bought before.
    expect(clv180({ db, range: MARCH(DEC) })).toEqual({ value: 9_000, customers: 3, too_recent: 0, new_customers: 3 });
  });
  it("counts only customers observable for 180 days", () => {
    // On 09-10: A (03-05 + 180 = 09-01) is observable; C (→ 09-16) and D (→ 09-21) are too recent.
    expect(clv180({ db, range: MARCH(at("2026-09-10")) })).toEqual({ value: 20_000, customers: 1, too_recent: 2, new_customers: 3 });
  });
});

describe("return_rate", () => {
  it("counts purchases with any return (an exchange too), and the refunded share of revenue", () => {
    // 2 of 6 (B refunded after the range, E exchanged); 1,500 of 26,000.
    expect(returnRate({ db, range: MARCH(DEC) })).toEqual({
      value: 2 / 6,
      numerator: 2,
      denominator: 6,
      refunded: 1_500,
      revenue: 26_000,
      refunded_share: 1_500 / 26_000,
    });
  });
  it("revenue subtracts refunds on the purchase's date and reports them", () => {
    expect(revenue({ db, range: MARCH(DEC) })).toEqual({
      value: 24_500,
      by_channel: { web: 14_000, phone: 4_500, store: 6_000 },
      purchases: 6,
      refunded: 1_500,
    });
    // A's May sale: 5,000 − 2,000.
    expect(revenue({ db, range: resolveRange({ from: "2026-05-01", to: "2026-05-31", now: DEC }) }).value).toBe(3_000);
  });
});

describe("store_identification_rate", () => {
  it("counts store sales linked at the counter or claimed from the receipt", () => {
    // E anonymous, F at the counter, C claimed: 2 of 3.
    expect(storeIdentificationRate({ db, range: MARCH(DEC) })).toEqual({
      value: 2 / 3,
      numerator: 2,
      denominator: 3,
      claimed: 1,
      target: 0.6,
      met: true,
    });
  });
});

describe("points rate history and points_consistency", () => {
  it("lists each rate applied to the range's identified purchases", () => {
    // 100 bp: A 03-05 (100), B 03-10 (60), F 03-15 (no credit: 50), C 03-20 (no credit: 30); 300 bp: D 03-25 (120).
    expect(pointsRateHistory({ db, range: MARCH(DEC) })).toEqual({
      value: 0.01,
      base_rate_bp: 100,
      numerator: 1,
      denominator: 5,
      rates: [
        { rate_bp: 100, first_date: "2026-03-05", last_date: "2026-03-20", purchases: 4, points: 240 },
        { rate_bp: 300, first_date: "2026-03-25", last_date: "2026-03-25", purchases: 1, points: 120 },
      ],
    });
  });
  it("judges each purchase by the rate stored on its credit, not today's rate", () => {
    // A ✓ (100), B ✓ (100), C ✓ (no credit: 1 % now → 30), D ✓ (300 → 120), F ✗ (50 vs 10): 4 of 5.
    expect(pointsConsistency({ db, range: MARCH(DEC) })).toMatchObject({ value: 0.8, numerator: 4, denominator: 5 });
  });
  it("appears in GET /api/v1/metrics' result", () => {
    const m = computeMetrics({ db, from: "2026-03-01", to: "2026-03-31", now: DEC });
    expect(m.clv_180.value).toBe(9_000);
    expect(m.return_rate.numerator).toBe(2);
    expect(m.store_identification_rate.value).toBeCloseTo(2 / 3);
    expect(m.points_rate_history.rates).toHaveLength(2);
  });
});

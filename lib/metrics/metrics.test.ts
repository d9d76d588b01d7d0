/**
 * Every metric on a small history whose answers are worked out by hand in the comments.
 * Times are shop-local (Asia/Seoul, UTC+9) unless said otherwise.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  consultationSubmissions,
  consultationTemplates,
  consultationTemplateVersions,
  purchaseExchangeItems,
  purchaseReturns,
  stockCounts,
  storeSaleItems,
  visits,
} from "@/db/schema";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";
import { drilldown } from "./drilldown";
import { computeMetrics } from "./index";
import { resolveRange } from "./range";
import {
  consultToVisit,
  csResponseTime,
  omniChannel,
  pickupLeadTime,
  pointsConsistency,
  preorderOutcomes,
  repurchaseCycle,
  revenue,
  revisitRates,
  revisitTrend,
  revisitTrendScan,
  stockAccuracy,
} from "./metrics";
import { at, customer, inquiry, order, sale } from "@/tests/helpers/metrics-fixtures";

let db: Db;
let productId: number;
beforeEach(() => {
  db = freshDb();
  productId = shopWithProducts(db).bread.id;
});

const range = (from: string, to: string, now = at("2026-03-31", "12:00")) => resolveRange({ from, to, now });

describe("omni revisit rate", () => {
  it("anchors on the first purchase in range, counts only later-date revisits, observable windows only", () => {
    const [A, B, C, D, F, G, H, I] = [
      "01000000001",
      "01000000002",
      "01000000003",
      "01000000004",
      "01000000006",
      "01000000007",
      "01000000008",
      "01000000009",
    ].map((p) => customer(db, p));
    // A: web 01-05 10:00 and store 01-05 18:00 (same date: not a revisit), phone 02-03 → 29 days.
    order(db, { customerId: A, pickedUpAt: at("2026-01-05", "10:00") });
    sale(db, { customerId: A, occurredAt: at("2026-01-05", "18:00") });
    order(db, { customerId: A, channel: "phone", pickedUpAt: at("2026-02-03") });
    // B: 01-10, next 03-05 → 54 days (not within 30, within 60).
    sale(db, { customerId: B, occurredAt: at("2026-01-10") });
    sale(db, { customerId: B, occurredAt: at("2026-03-05") });
    // C: only 01-30. 30-day window ends 03-01 < today 03-31: eligible. 60-day window ends 03-31 = today: too recent.
    order(db, { customerId: C, pickedUpAt: at("2026-01-30") });
    // D: 12-28 (before the range, ignored), anchor 01-15, next 02-15 → 31 days.
    order(db, { customerId: D, pickedUpAt: at("2025-12-28") });
    order(db, { customerId: D, pickedUpAt: at("2026-01-15") });
    sale(db, { customerId: D, occurredAt: at("2026-02-15") });
    // F: 02-01 00:30 Seoul (still 01-31 in UTC) — outside the range, so never an anchor.
    order(db, { customerId: F, pickedUpAt: at("2026-02-01", "00:30") });
    sale(db, { customerId: F, occurredAt: at("2026-03-01") });
    // G: 01-01 08:00 Seoul (12-31 in UTC) — inside the range; never comes back.
    sale(db, { customerId: G, occurredAt: at("2026-01-01", "08:00") });
    // H: only a no-show and a cancelled order: not purchases.
    order(db, { customerId: H, status: "no_show", pickupDate: "2026-01-12" });
    order(db, { customerId: H, status: "cancelled", pickupDate: "2026-01-13" });
    // I: anchor 01-25, back 02-24 → exactly 30 days (counts; after `to` still counts).
    order(db, { customerId: I, pickedUpAt: at("2026-01-25") });
    order(db, { customerId: I, pickedUpAt: at("2026-02-24") });
    // Anonymous counter sales on 01-07 and 01-08: not customers.
    sale(db, { occurredAt: at("2026-01-07") });
    sale(db, { occurredAt: at("2026-01-08") });

    const r = revisitRates({ db, range: range("2026-01-01", "2026-01-31") });
    // Anchors: A 01-05, B 01-10, C 01-30, D 01-15, G 01-01, I 01-25 = 6.
    // 30 days: all 6 eligible; revisited A (29) and I (30) = 2 → 2/6.
    expect(r[30]).toMatchObject({ numerator: 2, denominator: 6, anchors: 6, too_recent: 0 });
    expect(r[30].value).toBeCloseTo(2 / 6);
    // 60 days: C too recent → 5 eligible; revisited A (29), B (54), D (31), I (30) = 4 → 4/5.
    expect(r[60]).toMatchObject({ value: 0.8, numerator: 4, denominator: 5, too_recent: 1 });

    // Weekly trend (weeks start Monday): week of 2025-12-29 holds G (01-01), 01-05 week holds A (01-05) …
    const weeks = revisitTrend({ db, range: range("2026-01-01", "2026-01-31") });
    expect(weeks.map((w) => [w.week, w.anchors, w.r30])).toEqual([
      ["2025-12-29", 1, 0], // G
      ["2026-01-05", 2, 1], // A (back in 29 days) and B (01-10 is that week's Saturday; 54 days)
      ["2026-01-12", 1, 0], // D 01-15
      ["2026-01-19", 1, 1], // I 01-25
      ["2026-01-26", 1, 0], // C 01-30
    ]);
    // 60-day column of the 01-26 week: C is too recent to judge.
    expect(weeks[4]).toMatchObject({ e60: 0, rate60: null, e30: 1, rate30: 0 });
  });

  it("weekly trend: a range that starts mid-week anchors that week on the customer's first day from `from` on", () => {
    const A = customer(db, "01011112222");
    sale(db, { customerId: A, occurredAt: at("2026-01-19") }); // Monday, before the range
    sale(db, { customerId: A, occurredAt: at("2026-01-21") }); // Wednesday: the first day in range → anchor
    sale(db, { customerId: A, occurredAt: at("2026-02-05") }); // back 15 days later: anchor of its own week
    const B = customer(db, "01033334444");
    sale(db, { customerId: B, occurredAt: at("2026-01-20") }); // Tuesday = from
    sale(db, { customerId: B, occurredAt: at("2026-01-22") }); // same week: not an anchor
    const r = range("2026-01-20", "2026-02-08");
    const weeks = revisitTrend({ db, range: r });
    expect(weeks.map((w) => [w.week, w.anchors, w.r30])).toEqual([
      ["2026-01-19", 2, 2], // A 01-21 (back 02-05), B 01-20 (next 01-22): both within 30
      ["2026-02-02", 1, 0], // A 02-05
    ]);
    expect(weeks).toEqual(revisitTrendScan({ db, range: r }));
  });

  it("is null, not 0, when no anchor is observable yet", () => {
    const A = customer(db, "01011112222");
    order(db, { customerId: A, pickedUpAt: at("2026-03-20") });
    const r = revisitRates({ db, range: range("2026-03-01", "2026-03-31") });
    expect(r[30]).toMatchObject({ value: null, numerator: 0, denominator: 0, anchors: 1, too_recent: 1 });
  });
});

describe("pickup lead time", () => {
  it("median of an even count is the mean of the middle two; p90 is nearest-rank", () => {
    // Picked up in February: 60 s, 100 s, 150 s, 30 s, and one with no arrival time.
    const base = at("2026-02-10", "10:00");
    for (const s of [60, 100, 150, 30]) order(db, { pickedUpAt: base + s * 1000, arrivedAt: base });
    order(db, { pickedUpAt: base, arrivedAt: null });
    // 03-01 00:10 Seoul is outside February (although still Feb 28 in UTC): ignored.
    order(db, { pickedUpAt: at("2026-03-01", "00:10"), arrivedAt: at("2026-03-01", "00:10") - 999_000 });
    const m = pickupLeadTime({ db, range: range("2026-02-01", "2026-02-28") });
    // Sorted 30, 60, 100, 150 → median (60+100)/2 = 80; p90 rank ceil(0.9·4) = 4 → 150;
    // within 120 s: 30, 60, 100 → 3 of 4.
    expect(m).toMatchObject({
      value: 80,
      median_s: 80,
      p90_s: 150,
      count: 4,
      within_target_count: 3,
      within_target: 0.75,
      missing_arrival: 1,
      target: 120,
      met: true,
    });
  });

  it("counts an early arrival from the slot start, an on-time one from its arrival", () => {
    // Slot 10:00–11:00. Checked in at 08:53, handed over at 10:01 → 60 s, not 68 minutes.
    order(db, { arrivedAt: at("2026-02-10", "08:53"), pickedUpAt: at("2026-02-10", "10:01") });
    // Arrived 10:30, handed over 10:31:30 → 90 s.
    order(db, { arrivedAt: at("2026-02-11", "10:30"), pickedUpAt: at("2026-02-11", "10:31:30") });
    // Arrived early and handed over early: 0 s, never negative.
    order(db, { arrivedAt: at("2026-02-12", "09:00"), pickedUpAt: at("2026-02-12", "09:05") });
    const m = pickupLeadTime({ db, range: range("2026-02-01", "2026-02-28") });
    expect(m).toMatchObject({ count: 3, median_s: 60, p90_s: 90, within_target_count: 3 });
  });

  it("is null with met null when nothing was picked up", () => {
    expect(pickupLeadTime({ db, range: range("2026-02-01", "2026-02-28") })).toMatchObject({
      value: null,
      p90_s: null,
      within_target: null,
      count: 0,
      met: null,
    });
  });
});

describe("pre-order conversion and no-show rate", () => {
  it("uses final pre-orders by pickup date", () => {
    for (const d of ["2026-02-01", "2026-02-03", "2026-02-07"]) order(db, { pickedUpAt: at(d), pickupDate: d });
    order(db, { status: "no_show", pickupDate: "2026-02-04" });
    order(db, { status: "cancelled", pickupDate: "2026-02-05" });
    order(db, { status: "placed", pickupDate: "2026-02-05" }); // not final
    order(db, { status: "ready", pickupDate: "2026-02-06" }); // not final
    order(db, { pickedUpAt: at("2026-02-08"), pickupDate: "2026-02-08" }); // outside
    const { conversion, noShow } = preorderOutcomes({ db, range: range("2026-02-01", "2026-02-07") });
    // 5 final: 3 picked up → 3/5 = 0.6 (< 95 %); 1 no-show → 1/5 = 0.2 (> 3 %).
    expect(conversion).toEqual({ value: 0.6, numerator: 3, denominator: 5, target: 0.95, met: false });
    expect(noShow).toEqual({ value: 0.2, numerator: 1, denominator: 5, target: 0.03, met: false });
    const empty = preorderOutcomes({ db, range: range("2026-05-01", "2026-05-01") });
    expect(empty.conversion).toEqual({ value: null, numerator: 0, denominator: 0, target: 0.95, met: null });
  });
});

describe("stock accuracy", () => {
  it("counts lines whose count equals the system's available quantity", () => {
    const line = (countedAt: number, counted: number, systemAvailable: number) =>
      db.insert(stockCounts).values({ productId, date: "2026-02-10", counted, systemAvailable, countedAt }).run();
    line(at("2026-02-10", "09:00"), 5, 5);
    line(at("2026-02-10", "13:00"), 0, 0);
    line(at("2026-02-11", "13:00"), 4, 5);
    line(at("2026-02-12", "00:30"), 9, 1); // next day: outside
    // 2 of 3 → 0.667 < 97 %.
    const m = stockAccuracy({ db, range: range("2026-02-10", "2026-02-11") });
    expect(m).toMatchObject({ numerator: 2, denominator: 3, met: false });
    expect(m.value).toBeCloseTo(2 / 3);
  });

  it("counts a counter sale beyond what the plan left as one more line that did not match", () => {
    db.insert(stockCounts)
      .values({ productId, date: "2026-02-10", counted: 5, systemAvailable: 5, countedAt: at("2026-02-10", "09:00") })
      .run();
    const saleId = sale(db, { occurredAt: at("2026-02-10", "15:00") });
    db.insert(storeSaleItems).values({ saleId, productId, productName: "우유식빵", unitPrice: 5000, quantity: 2, excess: 1 }).run();
    const other = sale(db, { occurredAt: at("2026-02-10", "16:00") });
    db.insert(storeSaleItems).values({ saleId: other, productId, productName: "우유식빵", unitPrice: 5000, quantity: 1, excess: 0 }).run();
    expect(stockAccuracy({ db, range: range("2026-02-10", "2026-02-11") })).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    // The drill-down lists the same two lines: the discrepancy first (never accurate), then the count.
    const rows = drilldown({ db, range: range("2026-02-10", "2026-02-11"), metric: "stock_accuracy" });
    expect(rows.map((r) => [r.kind, r.id, r.measure, Boolean(r.flag)])).toEqual([
      ["sale", saleId, 1, false],
      ["stock_count", expect.any(Number), 0, true],
    ]);
    // Goods handed over in an exchange beyond the stock: one more observation where the system was wrong.
    const ret = db
      .insert(purchaseReturns)
      .values({ saleId: other, kind: "exchange", refund: 0, method: "exchange", source: "staff", occurredAt: at("2026-02-10", "17:00") })
      .returning()
      .get();
    db.insert(purchaseExchangeItems)
      .values({ returnId: ret.id, productId, productName: "우유식빵", quantity: 1, date: "2026-02-10", excess: 1 })
      .run();
    expect(stockAccuracy({ db, range: range("2026-02-10", "2026-02-11") })).toMatchObject({ numerator: 1, denominator: 3 });
    expect(drilldown({ db, range: range("2026-02-10", "2026-02-11"), metric: "stock_accuracy" })[0]).toMatchObject({
      kind: "exchange",
      id: ret.id,
      measure: 1,
      amount: 1,
    });
  });
});

describe("points consistency", () => {
  it("compares identified purchases with floor(total × 1 %), the same for every channel", () => {
    const A = customer(db, "01022223333");
    order(db, { customerId: A, pickedUpAt: at("2026-02-02"), total: 12_345, points: 123 }); // ✓ floor(123.45)
    sale(db, { customerId: A, occurredAt: at("2026-02-03"), total: 5_000, points: 50 }); // ✓
    order(db, { customerId: A, channel: "phone", pickedUpAt: at("2026-02-04"), total: 9_999, points: 100 }); // ✗ policy 99
    sale(db, { customerId: A, occurredAt: at("2026-02-05"), total: 0, points: 0 }); // ✓ zero total earns 0
    sale(db, { occurredAt: at("2026-02-05"), total: 5_000, points: 0 }); // anonymous: not counted
    order(db, { customerId: A, status: "cancelled", pickupDate: "2026-02-06", total: 5_000, points: 7 }); // not a purchase
    // 3 of 4 → 0.75.
    expect(pointsConsistency({ db, range: range("2026-02-01", "2026-02-28") })).toEqual({
      value: 0.75,
      numerator: 3,
      denominator: 4,
      target: 0.99,
      met: false,
    });
  });
});

describe("CS response time", () => {
  it("takes the median of answered inquiries and counts the unanswered apart", () => {
    for (const min of [10, 50, 200]) inquiry(db, at("2026-02-10", "10:00"), min);
    inquiry(db, at("2026-02-11", "10:00"), null);
    inquiry(db, at("2026-01-31", "23:00"), 1); // outside
    // Odd count 10, 50, 200 → median 50; p90 rank ceil(2.7) = 3 → 200.
    expect(csResponseTime({ db, range: range("2026-02-01", "2026-02-28") })).toEqual({
      value: 50,
      median_min: 50,
      p90_min: 200,
      count: 3,
      unanswered: 1,
      inquiries: 4,
      target: 60,
      met: true,
    });
  });
});

describe("consultation to visit", () => {
  it("needs a visit for that customer within 30 local days; recent submissions are not judged", () => {
    const tpl = db.insert(consultationTemplates).values({ slug: "s", title: "상담" }).returning().get();
    const ver = db.insert(consultationTemplateVersions).values({ templateId: tpl.id, version: 1, questions: [] }).returning().get();
    const submit = (customerId: number, submittedAt: number) =>
      db.insert(consultationSubmissions).values({ templateVersionId: ver.id, customerId, answers: {}, submittedAt }).run();
    const visit = (customerId: number, visitedAt: number) => db.insert(visits).values({ customerId, visitedAt }).run();
    const [X, Y, Z, W] = ["01030000001", "01030000002", "01030000003", "01030000004"].map((p) => customer(db, p));
    submit(X, at("2026-02-01", "10:00"));
    visit(X, at("2026-03-03", "19:00")); // 02-01 + 30 = 03-03: within ✓
    submit(Y, at("2026-02-02", "10:00"));
    visit(Y, at("2026-03-05", "00:30")); // 31 local days later (still 03-04 in UTC) ✗
    submit(Z, at("2026-02-10", "10:00"));
    visit(Z, at("2026-02-09", "10:00")); // before the form ✗
    submit(W, at("2026-02-28", "10:00")); // 02-28 + 30 = 03-30, not before today 03-20: too recent
    visit(W, at("2026-03-01", "10:00"));
    // Eligible X, Y, Z → visited X → 1/3.
    const m = consultToVisit({ db, range: range("2026-02-01", "2026-02-28", at("2026-03-20")) });
    expect(m).toMatchObject({ numerator: 1, denominator: 3, submitted: 4, too_recent: 1, met: false });
    expect(m.value).toBeCloseTo(1 / 3);
  });
});

describe("repurchase cycle, omni share, channel synergy, revenue", () => {
  function february() {
    const [P, Q, R, S] = ["01040000001", "01040000002", "01040000003", "01040000004"].map((p) => customer(db, p));
    // P: 01-20 (before range), web 02-05 10,000 + store 02-05 5,000, store 02-12 … gaps 16, 7.
    sale(db, { customerId: P, occurredAt: at("2026-01-20"), total: 1_000 });
    order(db, { customerId: P, pickedUpAt: at("2026-02-05"), total: 10_000 });
    sale(db, { customerId: P, occurredAt: at("2026-02-05", "18:00"), total: 5_000 });
    // Q: phone 02-03 8,000 (no earlier purchase), store 02-28 2,000 → gap 25.
    order(db, { customerId: Q, channel: "phone", pickedUpAt: at("2026-02-03"), total: 8_000 });
    sale(db, { customerId: Q, occurredAt: at("2026-02-28"), total: 2_000 });
    // R: 2025-12-01 and store 02-10 3,000 + store 02-10 3,000 → gap 71; single channel.
    order(db, { customerId: R, pickedUpAt: at("2025-12-01") });
    sale(db, { customerId: R, occurredAt: at("2026-02-10", "09:00"), total: 3_000 });
    sale(db, { customerId: R, occurredAt: at("2026-02-10", "15:00"), total: 3_000 });
    // S: web 02-20 4,000 only.
    order(db, { customerId: S, pickedUpAt: at("2026-02-20"), total: 4_000 });
    // P's 02-12 store visit 0 won (a free tasting still counts as a purchase date).
    sale(db, { customerId: P, occurredAt: at("2026-02-12"), total: 0 });
    // Anonymous 50,000 at the counter; a no-show web order of 9,000.
    sale(db, { occurredAt: at("2026-02-14"), total: 50_000 });
    order(db, { customerId: S, status: "no_show", pickupDate: "2026-02-21", total: 9_000 });
  }

  it("repurchase cycle: median of days since the latest earlier purchase date", () => {
    february();
    // Gaps 7 (P 02-12), 16 (P 02-05), 25 (Q 02-28), 71 (R 02-10) → median (16+25)/2 = 20.5.
    expect(repurchaseCycle({ db, range: range("2026-02-01", "2026-02-28") })).toEqual({ value: 20.5, median_days: 20.5, count: 4 });
  });

  it("omni share and synergy leave anonymous sales out; revenue keeps them", () => {
    february();
    const { share, synergy } = omniChannel({ db, range: range("2026-02-01", "2026-02-28") });
    // P (web+store, 15,000) and Q (phone+store, 10,000) are omni; R (6,000) and S (4,000) single → 2/4.
    expect(share).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
    // Omni avg 12,500, single avg 5,000 → ratio 2.5 > 1.
    expect(synergy).toEqual({ value: 2.5, omni: 12_500, single: 5_000, omni_customers: 2, single_customers: 2, target: 1, met: true });
    // Web 10,000 + 4,000; phone 8,000; store 5,000 + 2,000 + 3,000 + 3,000 + 0 + 50,000 = 63,000 → 85,000.
    expect(revenue({ db, range: range("2026-02-01", "2026-02-28") })).toEqual({
      value: 85_000,
      by_channel: { web: 14_000, phone: 8_000, store: 63_000 },
      purchases: 9,
      refunded: 0,
    });
  });

  it("omni counts only the channels used in range: another channel before `from` or after `to` does not count, one the same day does", () => {
    const [a, b, c, d] = ["010-0000-0001", "010-0000-0002", "010-0000-0003", "010-0000-0004"].map((p) => customer(db, p));
    // A: web the day before the range, store in it → single.
    order(db, { customerId: a, channel: "web", pickedUpAt: at("2026-01-31", "10:00"), total: 9_000 });
    sale(db, { customerId: a, occurredAt: at("2026-02-10", "10:00"), total: 1_000 });
    // B: phone, then the counter the same day → omni.
    order(db, { customerId: b, channel: "phone", pickedUpAt: at("2026-02-05", "10:00"), total: 3_000 });
    sale(db, { customerId: b, occurredAt: at("2026-02-05", "15:00"), total: 1_000 });
    // C: the counter twice in range, web the day after → single.
    sale(db, { customerId: c, occurredAt: at("2026-02-03", "10:00"), total: 2_000 });
    sale(db, { customerId: c, occurredAt: at("2026-02-20", "10:00"), total: 2_000 });
    order(db, { customerId: c, channel: "web", pickedUpAt: at("2026-03-01", "10:00"), total: 9_000 });
    // D: web, then phone later in range → omni.
    order(db, { customerId: d, channel: "web", pickedUpAt: at("2026-02-02", "10:00"), total: 5_000 });
    order(db, { customerId: d, channel: "phone", pickedUpAt: at("2026-02-25", "10:00"), total: 3_000 });
    const r = range("2026-02-01", "2026-02-28");
    const fast = omniChannel({ db, range: r });
    expect(fast.share).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
    // Omni: B 4,000 and D 8,000 → 6,000 a head; single: A 1,000 and C 4,000 → 2,500.
    expect(fast.synergy).toEqual({ value: 2.4, omni: 6_000, single: 2_500, omni_customers: 2, single_customers: 2, target: 1, met: true });
    expect(omniChannel({ db, range: r, scan: true })).toEqual(fast);
  });

  it("computeMetrics on an empty shop: nulls, never NaN or 0 %", () => {
    const m = computeMetrics({ db, from: "2026-02-01", to: "2026-02-28", now: at("2026-03-31") });
    expect(m.revisit_rate_30.value).toBeNull();
    expect(m.preorder_conversion.value).toBeNull();
    expect(m.channel_synergy.value).toBeNull();
    expect(m.repurchase_cycle.value).toBeNull();
    expect(m.revenue.value).toBe(0);
    expect(m.timezone).toBe("Asia/Seoul");
    expect(JSON.stringify(m)).not.toContain("NaN");
  });
});

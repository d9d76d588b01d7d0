/**
 * average_order_value, channel_switch_rate and coupon_redemption on small histories worked out
 * by hand in the comments. Times are shop-local (Asia/Seoul).
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { couponCodes, couponRedemptions, coupons } from "@/db/schema";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";
import { computeMetrics } from "./index";
import { drilldown } from "./drilldown";
import { averageOrderValue, channelSwitchRate, couponRedemption } from "./loyalty-sales";
import { resolveRange } from "./range";
import { tilesOf } from "./tiles";
import { at, customer, order, sale } from "@/tests/helpers/metrics-fixtures";

let db: Db;
beforeEach(() => {
  db = freshDb();
  shopWithProducts(db);
});

const range = (now = at("2026-06-30")) => resolveRange({ from: "2026-03-01", to: "2026-03-31", now });

describe("average order value", () => {
  it("divides what purchases paid by their number, overall and per channel, rounded to the won", () => {
    const A = customer(db, "01000000001");
    order(db, { customerId: A, pickedUpAt: at("2026-03-02"), total: 12_000 });
    order(db, { customerId: A, channel: "phone", pickedUpAt: at("2026-03-05"), total: 8_000 });
    sale(db, { occurredAt: at("2026-03-10"), total: 5_000 }); // anonymous: counts
    sale(db, { customerId: A, occurredAt: at("2026-03-11"), total: 6_001 });
    order(db, { customerId: A, status: "cancelled", pickupDate: "2026-03-12", total: 99_999 }); // not a purchase
    order(db, { customerId: A, pickedUpAt: at("2026-04-01"), total: 50_000 }); // after the range
    // (12,000 + 8,000 + 5,000 + 6,001) / 4 = 7,750.25 → 7,750; store (5,000 + 6,001) / 2 = 5,500.5 → 5,501.
    expect(averageOrderValue({ db, range: range() })).toEqual({
      value: 7750,
      total: 31_001,
      count: 4,
      by_channel: {
        web: { value: 12_000, total: 12_000, count: 1 },
        phone: { value: 8_000, total: 8_000, count: 1 },
        store: { value: 5501, total: 11_001, count: 2 },
      },
    });
  });

  it("is null without purchases", () => {
    expect(averageOrderValue({ db, range: range() }).value).toBeNull();
  });
});

describe("channel switch rate", () => {
  function history() {
    const [A, B, C, D, E] = ["01000000001", "01000000002", "01000000003", "01000000004", "01000000005"].map((p) => customer(db, p));
    // A: anchor web 03-02 10:00; store the same evening (same date: no); phone 03-20 → 18 days: switched.
    order(db, { customerId: A, pickedUpAt: at("2026-03-02", "10:00") });
    sale(db, { customerId: A, occurredAt: at("2026-03-02", "18:00") });
    order(db, { customerId: A, channel: "phone", pickedUpAt: at("2026-03-20") });
    // B: anchor store 03-05; store again 03-10 (same channel); web 05-05 → 61 days: not switched.
    sale(db, { customerId: B, occurredAt: at("2026-03-05") });
    sale(db, { customerId: B, occurredAt: at("2026-03-10") });
    order(db, { customerId: B, pickedUpAt: at("2026-05-05") });
    // C: anchor phone 03-10; web 05-09 → exactly 60 days, after `to`: switched.
    order(db, { customerId: C, channel: "phone", pickedUpAt: at("2026-03-10") });
    order(db, { customerId: C, pickedUpAt: at("2026-05-09") });
    // D: anchor web 03-31, never again: not switched.
    order(db, { customerId: D, pickedUpAt: at("2026-03-31") });
    // E: bought at the store before the range; anchor web 03-15; store 03-16 → switched.
    sale(db, { customerId: E, occurredAt: at("2026-02-20") });
    order(db, { customerId: E, pickedUpAt: at("2026-03-15") });
    sale(db, { customerId: E, occurredAt: at("2026-03-16") });
    // Anonymous counter sales are never customers.
    sale(db, { occurredAt: at("2026-03-03") });
    sale(db, { occurredAt: at("2026-03-04") });
  }

  it("counts a later-date purchase within 60 days through another channel than the anchor's", () => {
    history();
    // All five anchors are 60+ days old on 06-30: A, C, E switched → 3 / 5.
    expect(channelSwitchRate({ db, range: range() })).toEqual({
      value: 0.6,
      numerator: 3,
      denominator: 5,
      anchors: 5,
      too_recent: 0,
      window_days: 60,
    });
  });

  it("judges only anchors observable for 60 days", () => {
    history();
    // On 05-15 an anchor counts when anchor date + 60 < 05-15, i.e. dates up to 03-15: A, B, C, E (3 switched); D is too recent.
    expect(channelSwitchRate({ db, range: range(at("2026-05-15")) })).toMatchObject({
      value: 0.75,
      numerator: 3,
      denominator: 4,
      too_recent: 1,
    });
  });

  it("drills down to each anchor with its channel, days to the switch and the verdict", () => {
    history();
    const rows = drilldown({ db, range: range(), metric: "channel_switch_rate" });
    expect(rows.map((r) => [r.date, r.channel, r.measure, r.flag])).toEqual([
      ["2026-03-05", "store", 61, 0],
      ["2026-03-31", "web", null, 0],
      ["2026-03-02", "web", 18, 1],
      ["2026-03-10", "phone", 60, 1],
      ["2026-03-15", "web", 1, 1],
    ]);
  });
});

describe("coupon redemption", () => {
  it("is the share of codes issued with validity from a date in range that a purchase used", () => {
    const A = customer(db, "01000000001");
    const coupon = db
      .insert(coupons)
      .values({ name: "감사 쿠폰", kind: "fixed", amount: 1000, startsOn: "2026-01-01", codeMode: "issued" })
      .returning()
      .get();
    const code = (validFrom: string, n: number) =>
      db
        .insert(couponCodes)
        .values({ couponId: coupon.id, code: `CODE${n}`, customerId: A, validFrom, issuedAt: at(validFrom) })
        .returning()
        .get().id;
    const use = (couponCodeId: number, u: { orderId?: number; saleId?: number; releasedAt?: number }) =>
      db
        .insert(couponRedemptions)
        .values({ couponId: coupon.id, couponCodeId, code: "X", customerId: A, discount: 1000, redeemedAt: at("2026-03-20"), ...u })
        .run();
    // k1 03-01: a picked-up order used it → used.
    use(code("2026-03-01", 1), { orderId: order(db, { customerId: A, pickedUpAt: at("2026-03-03") }) });
    // k2 03-10: a counter sale used it → used.
    use(code("2026-03-10", 2), { saleId: sale(db, { customerId: A, occurredAt: at("2026-03-11") }) });
    // k3 03-15: its order was cancelled, the use released → not used.
    use(code("2026-03-15", 3), {
      orderId: order(db, { customerId: A, status: "cancelled", pickupDate: "2026-03-16" }),
      releasedAt: at("2026-03-16"),
    });
    // k4 03-20: on an order not collected yet → not (yet) a purchase.
    use(code("2026-03-20", 4), { orderId: order(db, { customerId: A, status: "placed", pickupDate: "2026-07-01" }) });
    // k5 03-31: unused. k6 04-01: validity starts after the range.
    code("2026-03-31", 5);
    use(code("2026-04-01", 6), { saleId: sale(db, { customerId: A, occurredAt: at("2026-04-02") }) });
    // 2 used of 5 issued.
    expect(couponRedemption({ db, range: range() })).toEqual({ value: 0.4, numerator: 2, denominator: 5, issued: 5, used: 2 });
    expect(drilldown({ db, range: range(), metric: "coupon_redemption" }).map((r) => [r.date, r.flag])).toEqual([
      ["2026-03-15", 0],
      ["2026-03-20", 0],
      ["2026-03-31", 0],
      ["2026-03-01", 1],
      ["2026-03-10", 1],
    ]);
  });

  it("is null (—) with no codes issued", () => {
    expect(couponRedemption({ db, range: range() })).toMatchObject({ value: null, issued: 0, used: 0 });
  });
});

it("appears in the metrics result and as dashboard tiles", () => {
  const A = customer(db, "01000000001");
  order(db, { customerId: A, pickedUpAt: at("2026-03-02"), total: 9_000 });
  const m = computeMetrics({ db, from: "2026-03-01", to: "2026-03-31", now: at("2026-06-30") });
  expect(m.average_order_value.value).toBe(9000);
  expect(m.channel_switch_rate).toMatchObject({ value: 0, denominator: 1 });
  expect(m.coupon_redemption.value).toBeNull();
  const tiles = new Map(tilesOf(m).map((t) => [t.key, t]));
  expect(tiles.get("average_order_value")).toMatchObject({ kind: "won", value: 9000, denominator: 1 });
  expect(tiles.get("channel_switch_rate")).toMatchObject({ kind: "rate", value: 0, numerator: 0, denominator: 1 });
  expect(tiles.get("coupon_redemption")).toMatchObject({ kind: "rate", value: null, denominator: 0 });
});

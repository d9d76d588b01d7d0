import { describe, expect, it } from "vitest";
import { choosesPrepayment, holdEndsAt, holdLeftMs, holdsPlace, orderPaymentPolicy, refundOnLeaving } from "./rules";

const T0 = Date.UTC(2026, 10, 30, 3, 0, 0);

describe("hold expiry arithmetic", () => {
  it("ends the set minutes after placing, never less than a minute", () => {
    expect(holdEndsAt(T0, 10)).toBe(T0 + 10 * 60_000);
    expect(holdEndsAt(T0, 0)).toBe(T0 + 60_000);
  });
  it("holds stock and slot until the last millisecond before the end, not at it", () => {
    const order = { status: "awaiting_payment" as const, holdUntil: holdEndsAt(T0, 10) };
    expect(holdsPlace(order, T0 + 10 * 60_000 - 1)).toBe(true);
    expect(holdsPlace(order, T0 + 10 * 60_000)).toBe(false);
    expect(holdLeftMs(order, T0 + 9 * 60_000)).toBe(60_000);
    expect(holdLeftMs(order, T0 + 11 * 60_000)).toBe(0);
  });
  it("live orders always hold; cancelled and expired never do", () => {
    expect(holdsPlace({ status: "placed", holdUntil: null }, T0)).toBe(true);
    expect(holdsPlace({ status: "no_show", holdUntil: null }, T0)).toBe(true);
    expect(holdsPlace({ status: "expired", holdUntil: T0 + 1 }, T0)).toBe(false);
    expect(holdsPlace({ status: "cancelled", holdUntil: null }, T0)).toBe(false);
  });
});

describe("payment policy", () => {
  it("takes the strictest of the products' own policies, the shop's where a product has none", () => {
    expect(orderPaymentPolicy("at_pickup", [{ paymentPolicy: null }, { paymentPolicy: "required" }])).toBe("required");
    expect(orderPaymentPolicy("optional", [{ paymentPolicy: null }, { paymentPolicy: "at_pickup" }])).toBe("optional");
    expect(orderPaymentPolicy("required", [{ paymentPolicy: "at_pickup" }])).toBe("at_pickup");
  });
  it("prepays only when offered: required always, optional when chosen", () => {
    expect(choosesPrepayment({ policy: "required", offered: true, chosen: false })).toBe(true);
    expect(choosesPrepayment({ policy: "required", offered: false, chosen: true })).toBe(false);
    expect(choosesPrepayment({ policy: "optional", offered: true, chosen: false })).toBe(false);
    expect(choosesPrepayment({ policy: "optional", offered: true, chosen: true })).toBe(true);
    expect(choosesPrepayment({ policy: "at_pickup", offered: true, chosen: true })).toBe(false);
  });
});

describe("refund policy", () => {
  it("refunds everything for a cancel before the cut-off, whatever the shop keeps", () => {
    expect(refundOnLeaving({ prepaid: 32_000, to: "cancelled", beforeCutoff: true, keepPercent: 100 })).toBe(32_000);
  });
  it("keeps none, a share or all on a no-show or a late cancel", () => {
    expect(refundOnLeaving({ prepaid: 32_000, to: "no_show", beforeCutoff: false, keepPercent: 0 })).toBe(32_000);
    expect(refundOnLeaving({ prepaid: 32_000, to: "no_show", beforeCutoff: false, keepPercent: 30 })).toBe(22_400);
    expect(refundOnLeaving({ prepaid: 32_000, to: "cancelled", beforeCutoff: false, keepPercent: 100 })).toBe(0);
  });
  it("rounds the shop's share down, in the customer's favour", () => {
    expect(refundOnLeaving({ prepaid: 999, to: "no_show", beforeCutoff: false, keepPercent: 50 })).toBe(500);
  });
  it("refunds nothing for an unpaid order or a hand-over", () => {
    expect(refundOnLeaving({ prepaid: 0, to: "cancelled", beforeCutoff: true, keepPercent: 0 })).toBe(0);
    expect(refundOnLeaving({ prepaid: 5_000, to: "picked_up", beforeCutoff: true, keepPercent: 0 })).toBe(0);
  });
});

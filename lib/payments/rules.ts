/**
 * Prepayment rules, pure (no database): which orders must or may be prepaid, how long an
 * order awaiting payment holds its stock and slot place, and what a refund gives back.
 */
import type { Order, OrderStatus, PaymentPolicy } from "@/db/schema";

const STRICTNESS: Record<PaymentPolicy, number> = { at_pickup: 0, optional: 1, required: 2 };

/**
 * The policy of an order: each product's own policy, or the shop's where it has none; the
 * strictest wins (one whole cake that must be prepaid makes the order prepaid).
 */
export function orderPaymentPolicy(shop: PaymentPolicy, products: readonly { paymentPolicy: PaymentPolicy | null }[]): PaymentPolicy {
  let policy: PaymentPolicy = "at_pickup";
  const each = products.length ? products.map((p) => p.paymentPolicy ?? shop) : [shop];
  for (const p of each) if (STRICTNESS[p] > STRICTNESS[policy]) policy = p;
  return policy;
}

/** Whether an order is prepaid: offered (keys configured) and required, or optional and chosen. */
export function choosesPrepayment({ policy, offered, chosen }: { policy: PaymentPolicy; offered: boolean; chosen: boolean }): boolean {
  if (!offered || policy === "at_pickup") return false;
  return policy === "required" || chosen;
}

/** When a hold placed at `now` ends. */
export function holdEndsAt(now: number, holdMinutes: number): number {
  return now + Math.max(1, holdMinutes) * 60_000;
}

/**
 * Whether an order holds stock and a slot place at `now`: every live order does; an order
 * awaiting payment only until its hold ends (an expired hold frees both at once, before any
 * sweeper runs); cancelled and expired orders never do.
 */
export function holdsPlace(order: Pick<Order, "status" | "holdUntil">, now: number): boolean {
  if (order.status === "cancelled" || order.status === "expired") return false;
  if (order.status === "awaiting_payment") return (order.holdUntil ?? 0) > now;
  return true;
}

/** Milliseconds left on a hold at `now` (0 once it ended). */
export function holdLeftMs(order: Pick<Order, "holdUntil">, now: number): number {
  return Math.max(0, (order.holdUntil ?? 0) - now);
}

/**
 * What a prepaid order gets back when it leaves for `to`: a cancel before the cut-off gets
 * everything back; a no-show or a cancel after the cut-off keeps the shop's share
 * (`keepPercent`, 0 none … 100 all), rounded in the customer's favour.
 */
export function refundOnLeaving({
  prepaid,
  to,
  beforeCutoff,
  keepPercent,
}: {
  prepaid: number;
  to: OrderStatus;
  beforeCutoff: boolean;
  keepPercent: number;
}): number {
  if (prepaid <= 0) return 0;
  if (to === "cancelled" && beforeCutoff) return prepaid;
  if (to !== "cancelled" && to !== "no_show") return 0;
  const keep = Math.floor((prepaid * Math.min(100, Math.max(0, keepPercent))) / 100);
  return prepaid - keep;
}

/**
 * Placing an order for prepayment (called once from lib/orders/place-order.ts inside its
 * transaction): a storefront order whose policy requires prepayment, or allows it and the
 * customer chose it, is placed `awaiting_payment`, holding its stock and slot place until
 * `hold_until` (the shop's `payment_hold_minutes`), with the order id the provider will see.
 */
import crypto from "node:crypto";
import type { OrderChannel, PaymentPolicy, ShopSettings } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { prepaymentOffered } from "./adapters/toss";
import { choosesPrepayment, holdEndsAt, orderPaymentPolicy } from "./rules";

/** The provider's order id: 6–64 of `[A-Za-z0-9_-]`, unguessable. */
export function newPaymentOrderId(): string {
  return `dg_${crypto.randomBytes(18).toString("base64url")}`;
}

export function prepaymentTerms({
  settings,
  lines,
  channel,
  chosen,
  offered = prepaymentOffered(),
  now,
}: {
  settings: Pick<ShopSettings, "paymentPolicy" | "paymentHoldMinutes">;
  lines: readonly { product: { paymentPolicy: PaymentPolicy | null } }[];
  channel: OrderChannel;
  chosen: "at_pickup" | "prepay" | undefined;
  offered?: boolean;
  now: number;
}): { holdUntil: number; paymentOrderId: string } | null {
  // Orders taken by phone are paid at the counter.
  const policy =
    channel === "web"
      ? orderPaymentPolicy(
          settings.paymentPolicy,
          lines.map((l) => l.product),
        )
      : "at_pickup";
  if (chosen === "prepay" && (!offered || policy === "at_pickup")) {
    throw new AppError("validation", { message: "prepay_not_offered", fields: { payment: "prepay_not_offered" } });
  }
  if (!choosesPrepayment({ policy, offered, chosen: chosen === "prepay" })) return null;
  return { holdUntil: holdEndsAt(now, settings.paymentHoldMinutes), paymentOrderId: newPaymentOrderId() };
}

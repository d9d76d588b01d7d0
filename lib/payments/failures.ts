/**
 * What the customer is told when a payment did not go through: the provider's fail redirect
 * codes (`?code=` on the payment step) and this app's own, mapped to one of a few sentences
 * (`storefront.pay.failure.*`).
 */
export type PaymentFailure = "declined" | "closed" | "delayed" | "amount" | "other";

export function paymentFailureKey(code: string): PaymentFailure {
  if (code === "PAY_PROCESS_CANCELED" || code === "USER_CANCEL") return "closed";
  if (code.startsWith("REJECT_") || code === "INVALID_CARD_COMPANY" || code === "EXCEED_MAX_DAILY_PAYMENT_COUNT") return "declined";
  if (code === "TIMEOUT" || code === "NETWORK" || code.startsWith("FAILED_") || code === "PROVIDER_ERROR") return "delayed";
  if (code === "PAYMENT_AMOUNT_MISMATCH" || code === "INVALID_REQUEST") return "amount";
  return "other";
}

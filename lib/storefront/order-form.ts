/**
 * The storefront's order form as FormData → the shared `orderInput` shape. The cart travels
 * as one JSON hidden field (`items`) because its lines carry option lists.
 */
import { z } from "zod";
import { orderInput } from "@/lib/orders/input";

export const storefrontOrderInput = orderInput.extend({
  idempotency_key: z.string().regex(/^[\w-]{16,80}$/, "order_form_reopen"),
});

function text(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

function parseItems(json: string): unknown {
  if (json.length > 20_000) return null;
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

export function parseOrderForm(form: FormData): unknown {
  return {
    idempotency_key: text(form, "idempotency_key"),
    pickup_date: text(form, "pickup_date"),
    slot: text(form, "slot"),
    customer: { name: text(form, "name"), phone: text(form, "phone") },
    consent: { privacy: form.get("privacy") === "on", marketing: form.get("marketing") === "on" },
    items: parseItems(text(form, "items")) ?? [],
    note: text(form, "note"),
    payment: text(form, "payment") || undefined,
    coupon_code: text(form, "coupon_code"),
  };
}

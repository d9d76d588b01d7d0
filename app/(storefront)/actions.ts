"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { clientAddressOf } from "@/lib/api/http";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { rateLimitOrdersPerMinute, takeToken } from "@/lib/api/rate-limit";
import { AppError, isAppError } from "@/lib/errors";
import { cancelByCustomer, checkIn } from "@/lib/orders/customer-actions";
import { placeOrder } from "@/lib/orders/place-order";
import { parseOrderForm, storefrontOrderInput } from "@/lib/storefront/order-form";

type ShortItem = { product_id: number; name: string; requested: number; available: number };

/**
 * Place a pickup pre-order from the storefront. Public; the price is computed in
 * placeOrder, and the form's idempotency key makes a double tap return the first order.
 */
export const placeOrderAction = defineAction({ permission: null, schema: storefrontOrderInput, parse: parseOrderForm }, async (input) => {
  const { idempotency_key, ...orderInput } = input;
  // The same per-address limit as POST /api/v1/storefront/orders.
  const client = clientAddressOf(await headers());
  if (!takeToken({ bucket: "storefront-action", client, limit: rateLimitOrdersPerMinute() })) throw new AppError("rate_limited");
  let token: string;
  try {
    ({ order: { token } } = placeOrder({ db: getDb(), input: orderInput, channel: "web", idempotencyKey: idempotency_key }));
  } catch (e) {
    // Each short item goes back keyed by product with the quantity left; the cart line
    // beside it says so in the customer's language.
    if (isAppError(e) && e.code === "sold_out") {
      const short = (e.details?.items ?? []) as ShortItem[];
      const fields = Object.fromEntries(
        short.map((s) => [`product.${s.product_id}`, { code: "sold_out_left" as const, params: { available: s.available } }]),
      );
      throw new AppError("sold_out", { message: e.key, params: e.params, fields: { ...e.fields, ...fields }, details: e.details });
    }
    throw e;
  }
  revalidatePath("/");
  redirect(`/o/${token}`);
});

const tokenInput = z.object({ token: z.string().min(16).max(64) });

export const cancelOrderAction = defineAction({ permission: null, schema: tokenInput }, async ({ token }) => {
  cancelByCustomer({ db: getDb(), token });
  revalidatePath(`/o/${token}`);
  revalidatePath("/");
  return { ok: true };
});

export const checkInAction = defineAction({ permission: null, schema: tokenInput }, async ({ token }) => {
  checkIn({ db: getDb(), token });
  revalidatePath(`/o/${token}`);
  return { ok: true };
});

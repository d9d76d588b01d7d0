"use server";

import { revalidatePath } from "next/cache";
import { invalidateStorefront } from "@/lib/storefront/cache";
import { cookies, headers } from "next/headers";
import { clientAddressOf } from "@/lib/api/http";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { rateLimitOrdersPerMinute, STOREFRONT_ORDERS_BUCKET, takeToken } from "@/lib/api/rate-limit";
import { AppError, isAppError } from "@/lib/errors";
import { withdrawMarketingByLink } from "@/lib/messages/advertising";
import { subscribeOrderPush } from "@/lib/messages/push-subscriptions";
import { cancelByCustomer, checkIn, findOrderByToken } from "@/lib/orders/customer-actions";
import { editFormToInput, editOrderByCustomer, orderLinesAsInput } from "@/lib/orders/edit-order";
import { orderEditInput } from "@/lib/orders/input";
import { placeOrderOffThread } from "@/lib/orders/placement-thread";
import { parseOrderForm, storefrontOrderInput } from "@/lib/storefront/order-form";
import { resolveLocale } from "@/i18n/messages";

type ShortItem = { product_id: number; name: string; requested: number; available: number };

/**
 * Place a pickup pre-order from the storefront. Public; the price is computed in
 * placeOrder, and the form's idempotency key makes a double tap return the first order.
 */
export const placeOrderAction = defineAction({ permission: null, schema: storefrontOrderInput, parse: parseOrderForm }, async (input) => {
  const { idempotency_key, ...orderInput } = input;
  // The same per-client bucket as POST /api/v1/storefront/orders: one limit, either door.
  const client = clientAddressOf(await headers());
  if (!takeToken({ bucket: STOREFRONT_ORDERS_BUCKET, client, limit: rateLimitOrdersPerMinute() })) throw new AppError("rate_limited");
  let token: string;
  let awaitingPayment = false;
  try {
    const { order } = await placeOrderOffThread({
      input: orderInput,
      channel: "web",
      idempotencyKey: idempotency_key,
      locale: resolveLocale((await cookies()).get("locale")?.value),
    });
    token = order.token;
    awaitingPayment = order.status === "awaiting_payment";
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
  invalidateStorefront();
  // A prepaid order goes on to the payment step.
  redirect(awaitingPayment ? `/o/${token}/pay` : `/o/${token}`);
});

const tokenInput = z.object({ token: z.string().min(16).max(64) });

export const cancelOrderAction = defineAction({ permission: null, schema: tokenInput }, async ({ token }) => {
  cancelByCustomer({ db: getDb(), token });
  revalidatePath(`/o/${token}`);
  revalidatePath("/");
  invalidateStorefront();
  return { ok: true };
});

export const checkInAction = defineAction({ permission: null, schema: tokenInput }, async ({ token }) => {
  checkIn({ db: getDb(), token });
  revalidatePath(`/o/${token}`);
  return { ok: true };
});

/** "준비되면 알림 받기": store this browser's push subscription for the order's customer. */
export async function subscribePushAction(token: string, subscription: unknown): Promise<{ ok: boolean }> {
  const client = clientAddressOf(await headers());
  if (!takeToken({ bucket: "push-subscribe", client, limit: 20 })) return { ok: false };
  try {
    subscribeOrderPush({ db: getDb(), token: String(token), subscription });
    return { ok: true };
  } catch (e) {
    if (!isAppError(e)) console.error(e);
    return { ok: false };
  }
}

/** The advertising messages' free opt-out: records the withdrawal in the consent log. */
export const optOutAction = defineAction({ permission: null, schema: z.object({ token: z.string().max(100) }) }, async ({ token }) => {
  if (!withdrawMarketingByLink({ db: getDb(), token })) throw new AppError("not_found", { message: "link_invalid" });
  return { ok: true };
});

/** The change form on the order page, by the rules of `PATCH /api/v1/storefront/orders/{token}`. */
export const editOrderAction = defineAction(
  {
    permission: null,
    schema: z.object({ token: tokenInput.shape.token, change: orderEditInput }),
    parse: (form) => {
      const token = String(form.get("token") ?? "");
      const order = findOrderByToken({ db: getDb(), token });
      return { token, change: editFormToInput(form, order ? orderLinesAsInput({ db: getDb(), orderId: order.id }) : []) };
    },
  },
  async ({ token, change }) => {
    editOrderByCustomer({ db: getDb(), token, input: change });
    revalidatePath(`/o/${token}`);
    revalidatePath("/");
    invalidateStorefront();
    return { ok: true };
  },
);

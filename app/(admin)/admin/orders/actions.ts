"use server";

import { revalidatePath } from "next/cache";
import { invalidateStorefront } from "@/lib/storefront/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction, formToObject } from "@/lib/actions";
import { cancelOrderByStaff, setPaymentStatus } from "@/lib/orders/admin";
import { PAYMENT_METHODS } from "@/db/schema";
import { editFormToInput, editOrderByStaff, orderLinesAsInput } from "@/lib/orders/edit-order";
import { orderEditInput, orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { numeric } from "@/lib/validation/numbers";

const orderId = numeric(z.number().int().positive());

function refresh(id?: number) {
  revalidatePath("/admin/orders");
  if (id) revalidatePath(`/admin/orders/${id}`);
  revalidatePath("/");
  invalidateStorefront();
}

export const cancelOrderAction = defineAction(
  { permission: "orders", schema: z.object({ id: orderId, reason: z.string().max(1000).optional().default("") }) },
  async ({ id, reason }, { user }) => {
    cancelOrderByStaff({ db: getDb(), orderId: id, reason, userId: user!.id });
    refresh(id);
    return { ok: true, message: (await getTranslations("admin.orders"))("cancelled") };
  },
);

export const setPaymentAction = defineAction(
  {
    permission: "orders",
    schema: z.object({ id: orderId, paymentStatus: z.enum(["paid", "unpaid"]), paymentMethod: z.enum(PAYMENT_METHODS).optional() }),
  },
  async ({ id, paymentStatus, paymentMethod }, { user }) => {
    setPaymentStatus({ db: getDb(), orderId: id, paymentStatus, paymentMethod, actor: { type: "user", userId: user!.id } });
    refresh(id);
    return { ok: true, message: (await getTranslations("admin.orders"))("paymentSaved") };
  },
);

/** Staff change an order until it is handed over (the rules of `PATCH /api/v1/orders/{id}`). */
export const editOrderStaffAction = defineAction(
  {
    permission: "orders",
    schema: z.object({ id: orderId, change: orderEditInput }),
    parse: (form) => {
      const id = Number(form.get("id"));
      return { id, change: editFormToInput(form, Number.isInteger(id) && id > 0 ? orderLinesAsInput({ db: getDb(), orderId: id }) : []) };
    },
  },
  async ({ id, change }, { user }) => {
    editOrderByStaff({ db: getDb(), orderId: id, input: change, actor: { type: "user", userId: user!.id } });
    refresh(id);
    return { ok: true };
  },
);

/**
 * The phone-order form → the one `orderInput` shape: quantities arrive as `qty:<productId>`
 * and option choices as `opt:<productId>:<groupId>`.
 */
function parsePhoneOrder(form: FormData) {
  const data = formToObject(form);
  const items: { product_id: number; quantity: string; options: string[] }[] = [];
  for (const [k, v] of Object.entries(data)) {
    if (!k.startsWith("qty:") || String(v).trim() === "" || String(v).trim() === "0") continue;
    const productId = Number(k.slice(4));
    const options = Object.entries(data)
      .filter(([ok, ov]) => ok.startsWith(`opt:${productId}:`) && ov !== "")
      .map(([, ov]) => String(ov));
    items.push({ product_id: productId, quantity: String(v), options });
  }
  return {
    idempotencyKey: data.idempotencyKey,
    order: {
      pickup_date: data.pickup_date,
      slot: data.slot ?? "",
      customer: { name: data.name ?? "", phone: data.phone ?? "" },
      consent: { privacy: data.privacy === "on", marketing: data.marketing === "on" },
      items,
      note: data.note ?? "",
      coupon_code: data.coupon_code ?? "",
    },
  };
}

export const placePhoneOrderAction = defineAction(
  {
    permission: "orders",
    schema: z.object({ idempotencyKey: z.string().min(8).max(100), order: orderInput }),
    parse: parsePhoneOrder,
  },
  async ({ idempotencyKey, order }, { user }) => {
    const { order: placed } = placeOrder({
      db: getDb(),
      input: order,
      channel: "phone",
      actorUserId: user!.id,
      idempotencyKey: `admin-phone:${idempotencyKey}`,
    });
    refresh(placed.id);
    redirect(`/admin/orders/${placed.id}?placed=1`);
  },
);

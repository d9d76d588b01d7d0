/**
 * The one shape of a pickup pre-order, shared by the storefront action, the phone-order
 * form and `POST /api/v1/storefront/orders`.
 */
import { z } from "zod";
import { couponCodeInput } from "@/lib/coupons/input";
import { normalizePhone } from "@/lib/customers/phone";
import { isDateString } from "@/lib/shop/time";
import { numeric } from "@/lib/validation/numbers";
import { nameField, textField } from "@/lib/validation/text";

export const MAX_NOTE_LENGTH = 500;

export const orderItemInput = z.object({
  product_id: numeric(z.number({ error: "product_choose" }).int("product_choose").positive("product_choose")),
  quantity: numeric(z.number({ error: "quantity_number" }).int("quantity_integer").min(1, "quantity_min").max(999, "quantity_too_many")),
  /** Option choice ids, one per option group (see `GET /api/v1/products`). */
  options: z
    .array(numeric(z.number({ error: "option_choose_again" }).int("option_choose_again").positive("option_choose_again")))
    .max(20)
    .optional()
    .default([]),
});

export const orderInput = z.object({
  pickup_date: z.string().refine(isDateString, "pickup_date_choose"),
  slot: z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, "pickup_slot_choose"),
  customer: z.object({
    name: nameField(),
    phone: z.string({ error: "phone_required" }).refine((s) => normalizePhone(s) !== null, "phone_invalid"),
  }),
  consent: z.object({
    privacy: z.literal(true, { error: "privacy_consent_order" }),
    marketing: z.boolean().optional().default(false),
  }),
  items: z.array(orderItemInput).min(1, "cart_empty").max(30, "order_lines_max"),
  note: textField({ kind: "note", max: MAX_NOTE_LENGTH }).optional().default(""),
  /** `prepay`: pay online now (where the shop offers it); `at_pickup` (default): pay at the counter. A product that must be prepaid makes it `prepay`. */
  payment: z.enum(["at_pickup", "prepay"]).optional(),
  coupon_code: couponCodeInput,
});

export type OrderInput = z.infer<typeof orderInput>;

/**
 * A change to an order (`PATCH /api/v1/storefront/orders/{token}`, the staff equivalent and
 * the forms): any of the pickup date, the slot, and the items (which replace all items).
 */
export const orderEditInput = z
  .object({
    pickup_date: orderInput.shape.pickup_date.optional(),
    slot: orderInput.shape.slot.optional(),
    items: orderInput.shape.items.optional(),
  })
  .refine((v) => v.pickup_date !== undefined || v.slot !== undefined || v.items !== undefined, { message: "order_edit_nothing" });

export type OrderEditInput = z.infer<typeof orderEditInput>;

/**
 * The one shape of a pickup pre-order, shared by the storefront action, the phone-order
 * form and `POST /api/v1/storefront/orders`.
 */
import { z } from "zod";
import { normalizePhone } from "@/lib/customers/phone";
import { isDateString } from "@/lib/shop/time";
import { numeric } from "@/lib/validation/numbers";
import { nameField, textField } from "@/lib/validation/text";

export const MAX_NOTE_LENGTH = 500;

export const orderItemInput = z.object({
  product_id: numeric(z.number({ error: "상품을 골라 주세요." }).int("상품을 골라 주세요.").positive("상품을 골라 주세요.")),
  quantity: numeric(
    z
      .number({ error: "수량을 숫자로 적어 주세요." })
      .int("수량은 정수여야 해요.")
      .min(1, "수량은 1개 이상이어야 해요.")
      .max(999, "수량이 너무 많아요."),
  ),
  /** Option choice ids, one per option group (see `GET /api/v1/products`). */
  options: z
    .array(numeric(z.number({ error: "옵션을 다시 골라 주세요." }).int("옵션을 다시 골라 주세요.").positive("옵션을 다시 골라 주세요.")))
    .max(20)
    .optional()
    .default([]),
});

export const orderInput = z.object({
  pickup_date: z.string().refine(isDateString, "픽업 날짜를 골라 주세요."),
  slot: z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, "픽업 시간을 골라 주세요."),
  customer: z.object({
    name: nameField(),
    phone: z
      .string({ error: "휴대전화 번호를 적어 주세요." })
      .refine((s) => normalizePhone(s) !== null, "휴대전화 번호를 확인해 주세요. 예: 010-1234-5678"),
  }),
  consent: z.object({
    privacy: z.literal(true, { error: "개인정보 수집·이용에 동의해야 주문할 수 있어요." }),
    marketing: z.boolean().optional().default(false),
  }),
  items: z.array(orderItemInput).min(1, "담은 상품이 없어요.").max(30, "한 번에 30가지까지 주문할 수 있어요."),
  note: textField({ label: "요청사항", max: MAX_NOTE_LENGTH }).optional().default(""),
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
  .refine((v) => v.pickup_date !== undefined || v.slot !== undefined || v.items !== undefined, { message: "바꿀 내용(pickup_date, slot, items)을 적어 주세요." });

export type OrderEditInput = z.infer<typeof orderEditInput>;

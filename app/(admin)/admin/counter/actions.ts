"use server";

import { revalidatePath } from "next/cache";
import { invalidateStorefront } from "@/lib/storefront/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { recordStoreSale, saleInput } from "@/lib/sales/record-sale";
import { recordSuggestionShows } from "@/lib/suggestions/suggestions";

/** The quick-sale form posts `items` as JSON (a tapped basket) and an optional phone. */
const counterSale = z.object({
  items: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "cart_empty" });
        return z.NEVER;
      }
    })
    .pipe(saleInput.shape.items),
  customer_phone: saleInput.shape.customer_phone,
  coupon_code: saleInput.shape.coupon_code,
  /** The products the screen suggested while this basket was rung up (JSON), recorded with the sale. */
  suggested: z
    .string()
    .optional()
    .transform((s) => {
      try {
        return s ? (JSON.parse(s) as unknown) : [];
      } catch {
        return [];
      }
    })
    .pipe(
      z
        .array(z.object({ productId: z.number().int().positive(), forProductId: z.number().int().positive().nullable().optional() }))
        .max(20)
        .catch([]),
    ),
  /** One id per basket, so a double tap or a retried request records the sale once. */
  external_id: z.string().regex(/^counter-[A-Za-z0-9-]{8,64}$/, "try_again"),
});

export const recordSaleAction = defineAction<
  typeof counterSale,
  { saleId: number; total: number; discount: number; points: number; excess: number }
>({ permission: "counter", schema: counterSale }, (input, { user }) => {
  const { suggested, ...sold } = input;
  const db = getDb();
  const { sale, items, created } = recordStoreSale({
    db,
    input: { ...sold, total: undefined, occurred_at: undefined },
    source: "counter",
    actorUserId: user!.id,
  });
  if (created)
    recordSuggestionShows({
      db,
      now: sale.createdAt,
      surface: "counter",
      customerId: sale.customerId,
      saleId: sale.id,
      userId: user!.id,
      shown: suggested,
    });
  revalidatePath("/admin/counter");
  revalidatePath("/");
  invalidateStorefront();
  return {
    ok: true,
    data: {
      saleId: sale.id,
      total: sale.total,
      discount: sale.discount,
      points: sale.pointsEarned,
      excess: items.reduce((n, i) => n + i.excess, 0),
    },
  };
});

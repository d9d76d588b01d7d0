"use server";

import { revalidatePath } from "next/cache";
import { invalidateStorefront } from "@/lib/storefront/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { recordStoreSale, saleInput } from "@/lib/sales/record-sale";

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
  /** One id per basket, so a double tap or a retried request records the sale once. */
  external_id: z.string().regex(/^counter-[A-Za-z0-9-]{8,64}$/, "try_again"),
});

export const recordSaleAction = defineAction<typeof counterSale, { saleId: number; total: number; points: number; excess: number }>(
  { permission: "counter", schema: counterSale },
  (input, { user }) => {
    const { sale, items } = recordStoreSale({ db: getDb(), input: { ...input, total: undefined, occurred_at: undefined }, source: "counter", actorUserId: user!.id });
    revalidatePath("/admin/counter");
    revalidatePath("/");
    invalidateStorefront();
    return { ok: true, data: { saleId: sale.id, total: sale.total, points: sale.pointsEarned, excess: items.reduce((n, i) => n + i.excess, 0) } };
  },
);

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getTranslations } from "next-intl/server";
import { defineAction } from "@/lib/actions";
import { recordStockCount } from "@/lib/stock/counts";
import { numeric } from "@/lib/validation/numbers";

export const recordStockCountAction = defineAction(
  {
    permission: "stock_counts",
    schema: z.object({
      productId: numeric(z.number({ message: "product_choose" }).int().positive("product_choose")),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date_check"),
      counted: numeric(
        z.number({ message: "count_number" }).int("count_whole_number").min(0, "count_whole_number").max(100_000, "count_too_big"),
      ),
    }),
  },
  async ({ productId, date, counted }, { user }) => {
    const row = recordStockCount({ db: getDb(), productId, date, counted, userId: user?.id ?? null });
    revalidatePath("/admin/stock");
    return { ok: true, message: (await getTranslations("actions"))("stockCounted", { counted: row.counted, system: row.systemAvailable }) };
  },
);

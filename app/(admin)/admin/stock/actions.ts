"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { recordStockCount } from "@/lib/stock/counts";
import { numeric } from "@/lib/validation/numbers";

export const recordStockCountAction = defineAction(
  {
    permission: "stock_counts",
    schema: z.object({
      productId: numeric(z.number({ message: "상품을 골라 주세요." }).int().positive("상품을 골라 주세요.")),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "재고 날짜를 확인해 주세요."),
      counted: numeric(z.number({ message: "센 수량을 숫자로 적어 주세요." }).int("센 수량은 정수여야 해요.").min(0, "센 수량은 0 이상이어야 해요.").max(100_000, "센 수량이 너무 커요.")),
    }),
  },
  ({ productId, date, counted }, { user }) => {
    const row = recordStockCount({ db: getDb(), productId, date, counted, userId: user?.id ?? null });
    revalidatePath("/admin/stock");
    return { ok: true, message: `센 수량 ${row.counted}개, 시스템 ${row.systemAvailable}개를 기록했어요.` };
  },
);
